//! Renderers: each turns the same [`Outcome`] into one output format. They
//! only format; they never decide what is an error.

pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod junit;
pub(crate) mod sarif;

use crate::outcome::Outcome;
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

impl Outcome {
    /// Renders the outcome in a format, without colour, masking credentials
    /// (the built-in patterns; [`crate::Checker::render`] also masks the
    /// checker's own). A [`crate::LoadError`] renders this way too, through
    /// `Outcome::from`: a spec that does not load shows its source lines.
    pub fn render(&self, format: crate::Format) -> String {
        render(self, format, false, &Default::default())
    }
}

/// Renders an outcome in a format. `color` only affects `human`. Messages,
/// notes and pointers pass through [`Redaction::mask_prose`], item names
/// through [`Redaction::mask_name`] and source lines through
/// [`Redaction::mask`] first, so a credential or one of the run's redaction
/// patterns never reaches any output.
pub(crate) fn render(outcome: &Outcome, format: Format, color: bool, redaction: &Redaction) -> String {
    let outcome = masked(outcome, redaction);
    let outcome = outcome.as_ref();
    match format {
        Format::Human => human::render(outcome, color, redaction, false),
        Format::Json => json::render(outcome),
        Format::Junit => junit::render(outcome),
        Format::Sarif => sarif::render(outcome),
        Format::Github => github::render(outcome),
    }
}

/// [`render`] written to `out`; the human report is written a finding at a
/// time, with no copy of the whole report held (a run on a client repository
/// reports hundreds of findings). With `quiet`, the human report shows errors
/// only and no list of checked items, but its summary line counts everything
/// (warnings and items too), so quiet never changes the totals; nothing at
/// all when there is no error.
pub(crate) fn write(
    outcome: &Outcome,
    format: Format,
    color: bool,
    redaction: &Redaction,
    quiet: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Human if quiet && outcome.errors() == 0 => Ok(()),
        Format::Human => human::write(masked(outcome, redaction).as_ref(), color, redaction, quiet, out),
        _ => out.write_all(render(outcome, format, color, redaction).as_bytes()),
    }
}

/// The outcome with its prose masked (a copy only when something changes).
fn masked<'a>(outcome: &'a Outcome, redaction: &Redaction) -> std::borrow::Cow<'a, Outcome> {
    use std::borrow::Cow;
    let prose_changes = |t: &str| matches!(redaction.mask_prose(t), Cow::Owned(_));
    use rayon::prelude::*;
    let needed =
        outcome.diagnostics.par_iter().any(|d| {
            prose_changes(&d.message) || d.notes.iter().any(|n| prose_changes(n)) || d.pointer.as_deref().is_some_and(prose_changes)
        }) || outcome
            .items
            .par_iter()
            .any(|i| matches!(redaction.mask_name(&i.name), Cow::Owned(_)));
    if needed {
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
        Cow::Owned(o)
    } else {
        Cow::Borrowed(outcome)
    }
}
