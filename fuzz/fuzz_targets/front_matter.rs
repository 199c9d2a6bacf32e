//! libFuzzer target: `secretaria::fuzz::front_matter` (see src/fuzz.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = secretaria::fuzz::front_matter(data);
});
