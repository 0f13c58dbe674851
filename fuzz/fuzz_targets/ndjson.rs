//! Fuzzes the NDJSON stream reader and checks (any bytes, not only UTF-8):
//! no panic, every position inside the input, no API key shown.
#![no_main]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let outcome = common::checker().check_ndjson("fuzz.ndjson", data);
    if let Ok(text) = std::str::from_utf8(data) {
        common::positions_inside("fuzz.ndjson", text, &outcome);
        common::no_key_shown(text, &outcome);
    }
});
