//! GitHub Actions workflow commands: one `::error` or `::warning` line per
//! diagnostic, which the Actions log shows as annotations on the file and
//! line (<https://docs.github.com/actions/reference/workflow-commands>).
//! An operation that fails through a fragment (its findings are annotated
//! on the fragment) gets a `::notice` on the operation naming the fragment.

use crate::diagnostic::Severity;
use crate::outcome::Outcome;

/// Escapes a message (the command's data): `%`, CR and LF.
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,`.
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Renders every diagnostic as a workflow command, then a plain summary line.
pub(crate) fn render(outcome: &Outcome) -> String {
    let mut s = String::new();
    for d in &outcome.diagnostics {
        let cmd = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut msg = d.message.clone();
        if let Some(p) = d.pointer.as_deref().filter(|p| !p.is_empty()) {
            msg.push_str(&format!(" (at {p})"));
        }
        for n in &d.notes {
            msg.push_str("\nnote: ");
            msg.push_str(n);
        }
        s.push_str(&format!(
            "::{cmd} file={},line={},col={},title={}::{}\n",
            escape_property(&super::sarif::relative_path(&d.file)),
            d.line,
            d.column,
            escape_property(&format!("{} {}", d.code, d.code.info().name)),
            escape_data(&msg)
        ));
    }
    // An operation failing through a fragment elsewhere: a notice on the
    // operation naming the fragment (the finding is annotated on the fragment).
    let by_file = crate::outcome::ByFile::new(&outcome.diagnostics);
    for item in &outcome.items {
        for (v, n) in by_file.failing_via(item) {
            s.push_str(&format!(
                "::notice file={},line={},col={},title={}::{}\n",
                escape_property(&super::sarif::relative_path(&item.file)),
                item.line,
                item.column,
                escape_property(&format!("fails through fragment {}", v.fragment)),
                escape_data(&format!(
                    "{} {} fails: fragment {} at {}:{}:{} has {n} {}",
                    item.kind,
                    item.name,
                    v.fragment,
                    super::sarif::relative_path(&v.file),
                    v.line,
                    v.column,
                    if n == 1 { "error" } else { "errors" }
                ))
            ));
        }
    }
    let (errors, warnings) = super::counts(outcome);
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    s.push_str(&format!(
        "plain-contract: {}, {} in {} ({} checked)\n",
        n(errors, "error", "errors"),
        n(warnings, "warning", "warnings"),
        n(outcome.files, "file", "files"),
        n(outcome.items.len(), "item", "items"),
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_requires() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
