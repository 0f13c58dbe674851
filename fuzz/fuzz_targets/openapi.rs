//! Fuzzes the OpenAPI loader (YAML and JSON; the first byte picks the label's
//! extension): it loads or refuses with diagnostics inside the input, never
//! panics; a loaded document's own lint and examples are checked too.
#![no_main]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let name = if first % 2 == 0 { "fuzz.yml" } else { "fuzz.json" };
    match plain_contract::Checker::builder().openapi_text(name, text).build() {
        Ok(checker) => {
            let outcome = checker.check_contract();
            common::positions_inside(name, text, &outcome);
        }
        Err(e) => {
            let outcome = plain_contract::Outcome::from(e.diagnostics);
            common::positions_inside(name, text, &outcome);
        }
    }
});
