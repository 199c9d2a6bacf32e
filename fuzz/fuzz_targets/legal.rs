//! libFuzzer target: `secretaria::fuzz::legal` (see src/fuzz.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = secretaria::fuzz::legal(data);
});
