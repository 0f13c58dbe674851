//! Fuzzes the configuration parser (plain-contract.toml): parses or refuses
//! with diagnostics inside the input, never panics; settings build from any
//! configuration that parses.
#![no_main]
mod common;
use plain_contract::__private::source::Source;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let src = Source::new("plain-contract.toml", text);
    match plain_contract::__private::config::parse(&src, std::path::Path::new("")) {
        Ok(config) => {
            let _ = config.settings();
        }
        Err(diagnostics) => {
            let outcome = plain_contract::Outcome::from(diagnostics);
            common::positions_inside("plain-contract.toml", text, &outcome);
        }
    }
});
