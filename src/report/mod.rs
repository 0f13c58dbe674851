//! Renderers: each turns the same [`Outcome`] into one output format. They
//! only format; they never decide what is an error.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::check::Outcome;
use crate::diagnostic::Severity;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source lines with carets (ariadne), for people.
    Human,
    /// The versioned JSON object documented in docs/json-output.md.
    Json,
    /// JUnit XML: a test case per checked item.
    Junit,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// Counts of errors and warnings (including those a stream counted but did not keep).
pub fn counts(outcome: &Outcome) -> (usize, usize) {
    let errors = outcome.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let (oe, ow) = outcome.omitted_counts();
    (errors + oe, outcome.diagnostics.len() - errors + ow)
}

/// Renders an outcome in a format. `color` only affects `human`. Messages,
/// notes and pointers pass through [`crate::secrets::mask_prose`] and item
/// names through [`crate::secrets::mask_name`] first, so a credential or a
/// configured redaction pattern never reaches any output.
pub fn render(outcome: &Outcome, format: Format, color: bool) -> String {
    use crate::secrets::{mask_name, mask_prose};
    use std::borrow::Cow;
    let changes = |t: &str, f: fn(&str) -> Cow<str>| matches!(f(t), Cow::Owned(_));
    let needed = outcome.diagnostics.iter().any(|d| {
        changes(&d.message, mask_prose)
            || d.notes.iter().any(|n| changes(n, mask_prose))
            || d.pointer.as_deref().is_some_and(|p| changes(p, mask_prose))
    }) || outcome.items.iter().any(|i| changes(&i.name, mask_name));
    let masked;
    let outcome = if needed {
        let mut o = outcome.clone();
        for d in &mut o.diagnostics {
            d.message = mask_prose(&d.message).into_owned();
            for n in &mut d.notes {
                *n = mask_prose(n).into_owned();
            }
            if let Some(p) = &mut d.pointer {
                *p = mask_prose(p).into_owned();
            }
        }
        for i in &mut o.items {
            i.name = mask_name(&i.name).into_owned();
        }
        masked = o;
        &masked
    } else {
        outcome
    };
    match format {
        Format::Human => human::render(outcome, color),
        Format::Json => json::render(outcome),
        Format::Junit => junit::render(outcome),
        Format::Sarif => sarif::render(outcome),
        Format::Github => github::render(outcome),
    }
}
