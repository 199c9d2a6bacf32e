//! libFuzzer target: `secretaria::fuzz::hours` (see src/fuzz.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = secretaria::fuzz::hours(data);
});
