//! Fuzzes the GraphQL schema loader on SDL: it loads or refuses with
//! diagnostics inside the input, never panics.
#![no_main]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(e) = plain_contract::Checker::builder().schema_text("fuzz.graphql", text).build() {
        let outcome = plain_contract::Outcome::from(e.diagnostics);
        common::positions_inside("fuzz.graphql", text, &outcome);
    }
});
