//! JUnit XML (quick-junit): one test suite per file, one test case per
//! checked item (an example, an operation, an exchange, a stream), failing
//! with the diagnostics it owns. Findings that belong to no item (a file that
//! does not parse, a skipped file) make a test case named after the file.

use crate::diagnostic::Diagnostic;
use crate::outcome::Outcome;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

fn describe(d: &Diagnostic) -> String {
    let mut s = format!("{}:{}:{} [{}] {}", d.file, d.line, d.column, d.code, d.message);
    if let Some(p) = d.pointer.as_deref().filter(|p| !p.is_empty()) {
        s.push_str(&format!(" (at {p})"));
    }
    for n in &d.notes {
        s.push_str(&format!("\n  note: {n}"));
    }
    s
}

fn case(name: String, classname: &str, ds: &[&Diagnostic]) -> TestCase {
    let errors: Vec<&&Diagnostic> = ds.iter().filter(|d| d.is_error()).collect();
    let status = match errors.first() {
        None => TestCaseStatus::success(),
        Some(first) => {
            let mut st = TestCaseStatus::non_success(NonSuccessKind::Failure);
            st.set_message(format!("[{}] {}", first.code, first.message));
            st.set_type(first.code.as_str());
            st.set_description(errors.iter().map(|d| describe(d)).collect::<Vec<_>>().join("\n"));
            st
        }
    };
    let mut tc = TestCase::new(name, status);
    tc.set_classname(classname);
    let warnings: Vec<String> = ds.iter().filter(|d| !d.is_error()).map(|d| describe(d)).collect();
    if !warnings.is_empty() {
        tc.set_system_out(warnings.join("\n"));
    }
    tc
}

/// Renders the outcome as a JUnit XML report.
pub(crate) fn render(outcome: &Outcome) -> String {
    let mut files: Vec<&str> = Vec::new();
    for f in outcome
        .items
        .iter()
        .map(|i| i.file.as_str())
        .chain(outcome.diagnostics.iter().map(|d| d.file.as_str()))
    {
        if !files.contains(&f) {
            files.push(f);
        }
    }
    let mut report = Report::new("plain-contract");
    let by_file = crate::outcome::ByFile::new(&outcome.diagnostics);
    for file in files {
        let mut suite = TestSuite::new(file);
        let items: Vec<_> = outcome.items.iter().filter(|i| i.file == file).collect();
        for item in &items {
            let owned: Vec<&Diagnostic> = by_file.owned(item);
            let mut tc = case(format!("{} {} ({}:{})", item.kind, item.name, item.line, item.column), file, &owned);
            // Failing through fragments: the message names them.
            let via = by_file.failing_via(item);
            if !via.is_empty() {
                if let TestCaseStatus::NonSuccess { message, .. } = &mut tc.status {
                    let names: Vec<String> = via
                        .iter()
                        .map(|(v, _)| format!("fragment {} at {}:{}:{}", v.fragment, v.file, v.line, v.column))
                        .collect();
                    let first = message.as_ref().map(|m| m.to_string()).unwrap_or_default();
                    *message = Some(format!("{first} (through {})", names.join(", ")).into());
                }
            }
            suite.add_test_case(tc);
        }
        let loose: Vec<&Diagnostic> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.file == file && !items.iter().any(|i| i.owns(d)))
            .collect();
        if !loose.is_empty() || items.is_empty() {
            suite.add_test_case(case(format!("file {file}"), file, &loose));
        }
        report.add_test_suite(suite);
    }
    let mut s = report.to_string().unwrap_or_default();
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}
