//! Shared by every fuzz target: one checker built once, and the properties
//! checked on every outcome besides "no panic".
#![allow(dead_code)]

use plain_contract::{Checker, Format, Outcome};
use std::sync::OnceLock;

/// The embedded contract, compiled once per fuzzing process.
pub fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::builder().build().expect("the embedded contract loads"))
}

/// Every diagnostic about `name` has a line:col inside `text` (1-based; the
/// column may be one past the line's last character, for end-of-line
/// findings; 0:0 is a file-level finding).
pub fn positions_inside(name: &str, text: &str, outcome: &Outcome) {
    let lines: Vec<&str> = text.split('\n').collect();
    for d in &outcome.diagnostics {
        if d.file != name || (d.line == 0 && d.column == 0) {
            continue;
        }
        assert!(
            d.line >= 1 && d.line <= lines.len(),
            "{} at line {} of a {}-line input: {}",
            d.code,
            d.line,
            lines.len(),
            d.message
        );
        // One past the line's last character is an end-of-line finding. Only
        // `\n` ends a line here (a lone `\r` is a character of the line).
        let chars = lines[d.line - 1].chars().count();
        assert!(
            d.column >= 1 && d.column <= chars + 1,
            "{} at {}:{}, the line has {} characters: {}",
            d.code,
            d.line,
            d.column,
            chars,
            d.message
        );
    }
}

/// No rendering of the outcome shows a Plain API key found in the input.
pub fn no_key_shown(text: &str, outcome: &Outcome) {
    let keys: Vec<&str> = text
        .match_indices("plainApiKey_")
        .map(|(i, _)| {
            let rest = &text[i..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|k| k.len() >= "plainApiKey_".len() + 8)
        .collect();
    // Rendered every time, with or without a key: the reports' own code
    // (ariadne's source windows, the JSON writer) is under test too.
    for format in [Format::Human, Format::Json] {
        let shown = checker().render(outcome, format);
        for key in &keys {
            assert!(!shown.contains(key), "{format:?} output shows the key {key}");
        }
    }
}

/// Checks `text` as the file `name` and asserts the properties above.
pub fn check_as(name: &str, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let outcome = checker().check_text(name, text);
    positions_inside(name, text, &outcome);
    no_key_shown(text, &outcome);
}
