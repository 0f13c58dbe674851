//! A schema diff in every output format.
//!
//! `json` is the versioned object of docs/schema-diff.schema.json; `human` is
//! one line per change under a summary; `junit`, `sarif` and `github` go
//! through the crate's renderers: each breaking change is a `GS020` error,
//! each dangerous change a `GS021` warning (at its line:col in NEW, or in OLD
//! for removals, or on the schema's label when it came from introspection),
//! and every change is a checked item.

use super::diff::{counts, Change, Criticality};
use crate::diagnostic::{Code, Diagnostic};
use crate::outcome::{Item, Outcome, Scope};
use crate::report::{self, Format};
use crate::source::{LineCol, Source};
use std::fmt::Write as _;
use std::sync::Arc;

/// The JSON output's version.
pub(crate) const VERSION: u32 = 1;

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
    /// With `--against`: what the changes break in the given paths.
    pub impact: Option<&'a super::impact::Impact>,
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
pub(crate) fn json_value(r: &DiffReport) -> serde_json::Value {
    let (b, d, s) = counts(r.changes);
    let mut v = serde_json::json!({
        "version": VERSION,
        "old": r.old,
        "new": r.new,
        "changes": r.changes,
        "summary": {"breaking": b, "dangerous": d, "safe": s, "total": r.changes.len()},
    });
    if let Some(imp) = r.impact {
        if let Some(list) = v["changes"].as_array_mut() {
            for (c, uses) in list.iter_mut().zip(&imp.uses) {
                c["uses"] = serde_json::to_value(uses).unwrap_or_default();
            }
        }
        v["impact"] = serde_json::to_value(&imp.broken).unwrap_or_default();
        let used = r
            .changes
            .iter()
            .zip(&imp.uses)
            .filter(|(c, u)| c.criticality == Criticality::Breaking && !u.is_empty())
            .count();
        v["summary"]["used_breaking"] = used.into();
        v["summary"]["broken"] = imp.broken.len().into();
        v["summary"]["items"] = imp.items.into();
    }
    v
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
            if let Some(imp) = r.impact {
                let idx = r.changes.iter().position(|x| std::ptr::eq(x, c)).unwrap_or(0);
                let uses = imp.uses.get(idx).map(Vec::as_slice).unwrap_or(&[]);
                if crit == Criticality::Breaking && uses.is_empty() {
                    let _ = writeln!(out, "      unused by the given paths");
                }
                for u in uses {
                    let _ = writeln!(out, "      used at {}:{}:{}", u.file, u.line, u.column);
                }
            }
        }
        out.push('\n');
    }
    if let Some(imp) = r.impact {
        let _ = writeln!(
            out,
            "{} ({} of {} items)",
            paint("Broken by NEW", "1;31"),
            imp.broken.len(),
            imp.items
        );
        for b in &imp.broken {
            let _ = writeln!(
                out,
                "  {}:{}:{} {}  (caused by: {})",
                b.file,
                b.line,
                b.column,
                b.operation,
                if b.changes.is_empty() {
                    "?".to_string()
                } else {
                    b.changes.join(", ")
                }
            );
            for f in &b.findings {
                let file = f.file.as_deref().map(|f| format!("{f}:")).unwrap_or_default();
                let _ = writeln!(out, "      [{}] {file}{}:{} {}", f.code, f.line, f.column, f.message);
            }
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} -> {}: {} breaking, {} dangerous, {} safe ({} change{})",
        r.old,
        r.new,
        b,
        d,
        s,
        r.changes.len(),
        if r.changes.len() == 1 { "" } else { "s" }
    );
    out
}

/// The diff as an [`Outcome`] for the crate's junit, sarif and github renderers.
pub(crate) fn outcome(r: &DiffReport, settings: &crate::Settings) -> Outcome {
    let mut o = Outcome {
        files: 2,
        ..Outcome::for_run(settings)
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
        o.push(d);
    }
    o
}
