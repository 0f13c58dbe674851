//! Fuzzes `check` on a `fuzz.graphql` file: no panic, every position inside the input,
//! no API key from the input in any output.
#![no_main]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check_as("fuzz.graphql", data));
