//! A schema diff in every output format.
//!
//! `json` is the versioned object of docs/schema-diff.schema.json; `human` is
//! one line per change under a summary; `junit`, `sarif` and `github` go
//! through the crate's renderers: each breaking change is a `GS020` error,
//! each dangerous change a `GS021` warning (at its line:col in NEW, or in OLD
//! for removals, or on the schema's label when it came from introspection),
//! and every change is a checked item.

use super::diff::{counts, Change, Criticality};
use crate::check::{Item, Outcome, Scope};
use crate::diagnostic::{Code, Diagnostic};
use crate::report::{self, Format};
use crate::source::{LineCol, Source};
use std::fmt::Write as _;
use std::sync::Arc;

/// The JSON output's version.
pub const VERSION: u32 = 1;

/// What a diff report shows.
pub struct DiffReport<'a> {
    /// OLD as the user named it.
    pub old: &'a str,
    /// NEW as the user named it.
    pub new: &'a str,
    /// The changes.
    pub changes: &'a [Change],
    /// SDL sources, for renderers that show lines.
    pub sources: Vec<Arc<Source>>,
}

/// Renders the report.
pub fn render(r: &DiffReport, format: Format, color: bool, settings: &crate::Settings) -> String {
    match format {
        Format::Json => json(r),
        Format::Human => human(r, color),
        other => report::render(&outcome(r, settings), other, color, settings.redaction()),
    }
}

/// The JSON object: `{"version", "old", "new", "changes", "summary"}`.
pub fn json_value(r: &DiffReport) -> serde_json::Value {
    let (b, d, s) = counts(r.changes);
    serde_json::json!({
        "version": VERSION,
        "old": r.old,
        "new": r.new,
        "changes": r.changes,
        "summary": {"breaking": b, "dangerous": d, "safe": s, "total": r.changes.len()},
    })
}

fn json(r: &DiffReport) -> String {
    let mut s = serde_json::to_string_pretty(&json_value(r)).unwrap_or_default();
    s.push('\n');
    s
}

fn human(r: &DiffReport, color: bool) -> String {
    let (b, d, s) = counts(r.changes);
    let paint = |text: &str, code: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for crit in [Criticality::Breaking, Criticality::Dangerous, Criticality::Safe] {
        let list: Vec<&Change> = r.changes.iter().filter(|c| c.criticality == crit).collect();
        if list.is_empty() {
            continue;
        }
        let (title, code) = match crit {
            Criticality::Breaking => ("Breaking", "1;31"),
            Criticality::Dangerous => ("Dangerous", "1;33"),
            Criticality::Safe => ("Safe", "1;32"),
        };
        let _ = writeln!(out, "{} ({})", paint(title, code), list.len());
        for c in list {
            let at = c
                .new
                .as_ref()
                .or(c.old.as_ref())
                .map(|l| format!("  ({}:{}:{})", l.file, l.line, l.column))
                .unwrap_or_default();
            let _ = writeln!(out, "  {:<34} {:<40} {}{}", c.kind, c.coordinate, c.message, at);
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} -> {}: {} breaking, {} dangerous, {} safe ({} changes)",
        r.old,
        r.new,
        b,
        d,
        s,
        r.changes.len()
    );
    out
}

/// The diff as an [`Outcome`] for the crate's junit, sarif and github renderers.
pub fn outcome(r: &DiffReport, settings: &crate::Settings) -> Outcome {
    let mut o = Outcome {
        files: 2,
        ..Default::default()
    };
    for s in &r.sources {
        o.sources.insert(s.path.clone(), s.clone());
    }
    for c in r.changes {
        let (file, at) = match c.new.as_ref().or(c.old.as_ref()) {
            Some(l) => (
                l.file.clone(),
                LineCol {
                    line: l.line,
                    column: l.column,
                },
            ),
            None => (
                (if c.criticality == Criticality::Breaking && c.new.is_none() {
                    r.old
                } else {
                    r.new
                })
                .to_string(),
                LineCol::default(),
            ),
        };
        o.items.push(Item {
            kind: "change",
            name: format!("{} {} {}", c.criticality.as_str(), c.kind, c.coordinate),
            file: file.clone(),
            line: at.line.max(1),
            column: at.column.max(1),
            scope: Scope::Pointer(c.coordinate.clone()),
            omitted_errors: 0,
        });
        let code = match c.criticality {
            Criticality::Breaking => Code::SchemaBreaking,
            Criticality::Dangerous => Code::SchemaDangerous,
            Criticality::Safe => continue,
        };
        let d = Diagnostic::file_level(code, format!("{}: {}", c.kind, c.message), &file, at).with_pointer(c.coordinate.clone());
        o.diagnostics.extend(settings.effective(d));
    }
    o
}
