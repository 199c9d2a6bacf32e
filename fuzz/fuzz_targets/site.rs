//! libFuzzer target: `secretaria::fuzz::site` (see src/fuzz.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(
    // The theme and the minifier's tables are built once, before the 1-second limit applies.
    init: secretaria::fuzz::warm_up(),
    |data: &[u8]| {
        let _ = secretaria::fuzz::site(data);
    }
);
