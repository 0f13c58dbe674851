//! Renderers: each turns the same [`Outcome`] into one output format. They
//! only format; they never decide what is an error.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::check::Outcome;
use crate::secrets::Redaction;

/// Output formats. The command line maps its `--format` values onto these;
/// the library itself knows nothing of argument parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    outcome.counts()
}

/// Renders an outcome in a format. `color` only affects `human`. Messages,
/// notes and pointers pass through [`Redaction::mask_prose`], item names
/// through [`Redaction::mask_name`] and source lines through
/// [`Redaction::mask`] first, so a credential or one of the run's redaction
/// patterns never reaches any output.
pub fn render(outcome: &Outcome, format: Format, color: bool, redaction: &Redaction) -> String {
    use std::borrow::Cow;
    let prose_changes = |t: &str| matches!(redaction.mask_prose(t), Cow::Owned(_));
    let needed =
        outcome.diagnostics.iter().any(|d| {
            prose_changes(&d.message) || d.notes.iter().any(|n| prose_changes(n)) || d.pointer.as_deref().is_some_and(prose_changes)
        }) || outcome.items.iter().any(|i| matches!(redaction.mask_name(&i.name), Cow::Owned(_)));
    let masked;
    let outcome = if needed {
        let mut o = outcome.clone();
        for d in &mut o.diagnostics {
            d.message = redaction.mask_prose(&d.message).into_owned();
            for n in &mut d.notes {
                *n = redaction.mask_prose(n).into_owned();
            }
            if let Some(p) = &mut d.pointer {
                *p = redaction.mask_prose(p).into_owned();
            }
        }
        for i in &mut o.items {
            i.name = redaction.mask_name(&i.name).into_owned();
        }
        masked = o;
        &masked
    } else {
        outcome
    };
    match format {
        Format::Human => human::render(outcome, color, redaction),
        Format::Json => json::render(outcome),
        Format::Junit => junit::render(outcome),
        Format::Sarif => sarif::render(outcome),
        Format::Github => github::render(outcome),
    }
}
