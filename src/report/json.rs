//! JSON output, version 1: `{"version": 1, "diagnostics": [...], "summary":
//! {...}, "items": [...]}`. Fields are only ever added, never renamed or removed,
//! within a version. The shape is documented in docs/json-output.md, and
//! docs/json-output.schema.json is its JSON Schema (a test validates real
//! output against it).

use crate::outcome::Outcome;
use serde_json::json;

/// The current version of the JSON shape.
pub(crate) const VERSION: u32 = 1;

/// An item; one that fails through fragments (an operation spreading a
/// failing fragment) names them under `via`, with the errors of each.
fn item(by_file: &crate::outcome::ByFile, i: &crate::outcome::Item) -> serde_json::Value {
    let mut v = serde_json::to_value(i).unwrap_or_default();
    let via = by_file.failing_via(i);
    if let (false, Some(m)) = (via.is_empty(), v.as_object_mut()) {
        let list: Vec<_> = via
            .iter()
            .map(|(f, n)| json!({"fragment": f.fragment, "file": f.file, "line": f.line, "column": f.column, "errors": n}))
            .collect();
        m.insert("via".into(), json!(list));
    }
    v
}

/// Renders the outcome as one pretty-printed JSON object.
pub(crate) fn render(outcome: &Outcome) -> String {
    let (errors, warnings) = super::counts(outcome);
    let by_file = crate::outcome::ByFile::new(&outcome.diagnostics);
    let diagnostics: Vec<_> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "code": d.code.as_str(),
                "name": d.code.info().name,
                "severity": d.severity,
                "message": d.message,
                "file": d.file,
                "pointer": d.pointer,
                "line": d.line,
                "column": d.column,
                "notes": d.notes,
            })
        })
        .collect();
    let mut v = json!({
        "version": VERSION,
        "diagnostics": diagnostics,
        "summary": {"files": outcome.files, "errors": errors, "warnings": warnings, "items": outcome.items.len(), "omitted": outcome.omitted.values().map(|(_, n)| n).sum::<usize>()},
        "items": outcome.items.iter().map(|i| item(&by_file, i)).collect::<Vec<_>>(),
    });
    if let (Some(r), Some(m)) = (&outcome.replays, v.as_object_mut()) {
        m.insert("exchanges".into(), serde_json::to_value(&r.exchanges).unwrap_or_default());
        if let Some(summary) = m.get_mut("summary").and_then(|s| s.as_object_mut()) {
            for status in ["verified", "drifted", "failed", "skipped"] {
                summary.insert(status.into(), json!(r.count(status)));
            }
            summary.insert("requests".into(), json!(r.requests));
            summary.insert("waits".into(), json!(r.waits));
        }
    }
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
