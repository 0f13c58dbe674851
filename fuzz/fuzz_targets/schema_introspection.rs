//! Fuzzes the schema loader on introspection JSON (and whatever else a
//! `.json` schema file may hold): loads or refuses, never panics; a schema
//! that loads prints as SDL that loads again to the same schema (no change
//! between the two in `schema diff`).
#![no_main]
use plain_contract::__private::contract::source::{load_text, to_sdl};
use plain_contract::__private::source::Source;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let src = Source::new("fuzz.json", text);
    let Ok(loaded) = load_text(src, "fuzz.json") else { return };
    let sdl = to_sdl(&loaded.schema.schema);
    let again = load_text(Source::new("again.graphql", sdl.as_str()), "again.graphql")
        .unwrap_or_else(|e| panic!("the printed SDL does not load again: {e:?}\n{sdl}"));
    let changes = plain_contract::__private::evolve::diff(&loaded, &again);
    assert!(changes.is_empty(), "the round trip changed the schema: {:?}", changes.first());
});
