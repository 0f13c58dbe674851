//! `plain-contract explain CODE`: one code of the registry, what it checks,
//! why, and an input that triggers it (as `rustc --explain` and `ruff rule`
//! do). The code is matched without regard to case, and its kebab-case
//! name works too (`explain deprecated`); an unknown one is a usage error
//! (exit 2) with the closest codes and names.

use super::{CliError, Exit, OK};
use crate::diagnostic::{Code, CodeInfo, Severity};

/// `explain CODE`.
#[derive(Debug, clap::Args)]
pub(super) struct ExplainArgs {
    /// The code, such as `GQ006`, or its name, such as `deprecated`.
    pub code: String,
}

/// The registry entry `given` names (code or name, any case).
fn find(given: &str) -> Option<&'static CodeInfo> {
    let g = given.trim();
    Code::ALL
        .iter()
        .map(|c| c.info())
        .find(|i| i.code.eq_ignore_ascii_case(g) || i.name.eq_ignore_ascii_case(g))
}

/// One entry as text.
pub(crate) fn render(i: &CodeInfo) -> String {
    let sev = match i.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let example: String = i.example.lines().map(|l| format!("    {l}\n")).collect();
    format!(
        "{} {} (default: {sev})\n\nWhat: {}\n\nWhy: {}\n\nExample:\n\n{example}\nChange its severity in plain-contract.toml: [severity] {} = \"error\" | \"warn\" | \"off\"\n",
        i.code, i.name, i.what, i.why, i.code
    )
}

/// Runs `explain`; prints the entry, or fails with the closest codes.
pub(super) fn explain(args: &ExplainArgs) -> Exit {
    if let Some(i) = find(&args.code) {
        print!("{}", render(i));
        return Ok(OK);
    }
    let upper = args.code.trim().to_ascii_uppercase();
    let codes = Code::ALL.iter().map(|c| c.info().code);
    let names = Code::ALL.iter().map(|c| c.info().name);
    let guess = crate::suggest::closest(&upper, codes)
        .or_else(|| crate::suggest::closest(args.code.trim(), names).and_then(|n| find(n).map(|i| i.code)));
    let hint = match guess.and_then(find) {
        Some(i) => format!("; did you mean `{}` ({})?", i.code, i.name),
        None => String::new(),
    };
    Err(CliError::usage(
        "explain",
        format!(
            "`{}` is not a diagnostic code{hint} (`plain-contract codes` lists them all)",
            args.code
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_code_or_name_in_any_case() {
        assert_eq!(find("gq006").map(|i| i.code), Some("GQ006"));
        assert_eq!(find("deprecated").map(|i| i.code), Some("GQ006"));
        assert!(find("GQ999").is_none());
    }

    #[test]
    fn an_unknown_code_is_a_usage_error_with_the_closest() {
        let e = explain(&ExplainArgs { code: "GQ06".into() }).expect_err("unknown");
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("did you mean `GQ006`"), "{e}");
        let e = explain(&ExplainArgs { code: "deprecatd".into() }).expect_err("unknown");
        assert!(e.to_string().contains("did you mean `GQ006` (deprecated)"), "{e}");
    }

    #[test]
    fn renders_what_why_and_the_example() {
        let text = render(Code::Deprecated.info());
        assert!(text.starts_with("GQ006 deprecated (default: warning)"), "{text}");
        for part in ["What: ", "Why: ", "Example:\n\n    "] {
            assert!(text.contains(part), "{part}: {text}");
        }
    }
}
