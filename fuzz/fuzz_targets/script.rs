//! Fuzzes `check` on a `fuzz.ts` file: the GraphQL templates of a script
//! (`gql`…``, `graphql(`…`)`, `/* GraphQL */ `…``) found by the hand-written
//! scanner of `input::embedded`, then checked as operations. No panic, every
//! position inside the script, no API key from the input in any output.
#![no_main]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check_as("fuzz.ts", data));
