//! SARIF 2.1.0 (OASIS), typed by serde-sarif: one run, the code registry as
//! the driver's rules, one result per diagnostic with a physical location
//! (artifact URI relative to the repository root, `%SRCROOT%`, wherever in
//! the repository the run started; start line and column), so
//! GitHub code scanning shows findings inline on the pull request. A
//! finding in a fragment lists, as related locations, the operations that
//! spread the fragment and fail with it.

use crate::diagnostic::{Code, Severity};
use crate::outcome::Outcome;
use serde_json::json;

/// The SARIF schema URI written into the log.
pub(crate) const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where findings' file names are made relative to: the repository root,
/// the nearest folder holding `.git` (a folder, or a file in a worktree) at
/// or above the working directory, so a run from a subdirectory writes the
/// same paths as one from the root; the working directory outside a repository.
pub(crate) struct Base {
    cwd: Option<std::path::PathBuf>,
    root: Option<std::path::PathBuf>,
}

impl Base {
    /// The base of a run in the current working directory.
    pub(crate) fn current() -> Base {
        let cwd = std::env::current_dir().ok().map(|c| std::fs::canonicalize(&c).unwrap_or(c));
        let root = cwd
            .as_ref()
            .and_then(|c| c.ancestors().find(|d| d.join(".git").exists()).map(std::path::Path::to_path_buf))
            .or_else(|| cwd.clone());
        Base { cwd, root }
    }

    /// `file` relative to the base, with `/` separators; `None` when it lies
    /// outside it (the caller then writes it whole).
    pub(crate) fn relative(&self, file: &str) -> Option<String> {
        let abs = self.absolute(file);
        let root = self.root.as_ref()?;
        let rel = abs.strip_prefix(root).ok()?;
        let s = rel.to_string_lossy().replace('\\', "/");
        Some(s.strip_prefix("./").map(str::to_string).unwrap_or(s))
    }

    /// `file` as an absolute path: `..` segments and links resolved when it
    /// exists, `.` and `..` removed by hand otherwise.
    pub(crate) fn absolute(&self, file: &str) -> std::path::PathBuf {
        use std::path::{Component, Path, PathBuf};
        let p = Path::new(file);
        let joined = match (&self.cwd, p.is_absolute()) {
            (Some(c), false) => c.join(p),
            _ => p.to_path_buf(),
        };
        if let Ok(c) = std::fs::canonicalize(&joined) {
            return c;
        }
        let mut out = PathBuf::new();
        for c in joined.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        out
    }
}

/// A file name as a path relative to the repository root (see [`Base`]),
/// with `/` separators; an absolute path for a file outside it.
pub(crate) fn relative_path(file: &str) -> String {
    let base = Base::current();
    base.relative(file)
        .unwrap_or_else(|| base.absolute(file).to_string_lossy().replace('\\', "/"))
}

/// A finding's artifact location: relative to `%SRCROOT%` (the repository
/// root) when the file is in it, else an absolute `file:` URI.
fn artifact_location(base: &Base, file: &str) -> serde_json::Value {
    match base.relative(file) {
        Some(rel) => json!({"uri": uri_reference(&rel), "uriBaseId": "%SRCROOT%"}),
        None => {
            let abs = base.absolute(file).to_string_lossy().replace('\\', "/");
            let abs = if abs.starts_with('/') { abs } else { format!("/{abs}") };
            json!({"uri": format!("file://{}", uri_reference(&abs))})
        }
    }
}

/// A relative path as a URI reference (RFC 3986): unreserved characters and
/// `/` kept, everything else percent-encoded.
pub(crate) fn uri_reference(path: &str) -> String {
    let mut s = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fn level(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Renders the outcome as a SARIF log.
pub(crate) fn render(outcome: &Outcome) -> String {
    let base = Base::current();
    let rules: Vec<_> = Code::ALL
        .iter()
        .map(|c| {
            let i = c.info();
            json!({
                "id": i.code,
                "name": i.name,
                "shortDescription": {"text": i.what},
                "fullDescription": {"text": i.why},
                "help": {
                    "text": format!("{} Example: {}", i.what, i.example),
                    "markdown": format!("{}\n\nWhy: {}\n\nExample:\n\n```\n{}\n```", i.what, i.why, i.example),
                },
                "defaultConfiguration": {"level": level(i.severity)},
            })
        })
        .collect();
    let results: Vec<_> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            for n in &d.notes {
                text.push_str("\nNote: ");
                text.push_str(n);
            }
            let mut r = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0),
                "level": level(d.severity),
                "message": {"text": text},
            });
            // Names such as `<stdin>` are not files of the repository.
            if !d.file.starts_with('<') {
                r["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": artifact_location(&base, &d.file),
                        "region": {"startLine": d.line.max(1), "startColumn": d.column.max(1)},
                    }
                }]);
            }
            // The operations that fail through this finding of a fragment.
            let related: Vec<_> = outcome
                .items
                .iter()
                .filter_map(|i| i.via().iter().find(|v| v.owns_finding(d)).map(|v| (i, v)))
                .filter(|(i, _)| !i.file.starts_with('<'))
                .enumerate()
                .map(|(n, (i, v))| {
                    json!({
                        "id": n,
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri_reference(&relative_path(&i.file)), "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": i.line.max(1), "startColumn": i.column.max(1)},
                        },
                        "message": {"text": format!("{} {} spreads fragment {} and fails with it", i.kind, i.name, v.fragment)},
                    })
                })
                .collect();
            if !related.is_empty() {
                r["relatedLocations"] = json!(related);
            }
            if let Some(p) = &d.pointer {
                r["properties"] = json!({"jsonPointer": p});
            }
            r
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "plain-contract",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The repository root: the nearest folder holding .git at or above the working directory of the run (the working directory outside a repository)."}}},
            "results": results,
        }],
    });
    // Through serde-sarif's types, so the log has SARIF's shape by construction.
    let typed: Result<serde_sarif::sarif::Sarif, _> = serde_json::from_value(log);
    let mut s = match typed {
        Ok(t) => serde_json::to_string_pretty(&t).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"SARIF construction failed: {e}\"}}"),
    };
    s.push('\n');
    s
}
