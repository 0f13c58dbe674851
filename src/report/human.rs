//! Human output: each diagnostic with its source line and a caret (ariadne),
//! then a summary line. Plain text (no colour) when asked.

use crate::diagnostic::{Diagnostic, Severity};
use crate::outcome::Outcome;
use crate::source::LineCol;
use ariadne::{Config, IndexType, Label, Report, ReportKind};
use std::collections::HashMap;

/// Renders every diagnostic and a summary; `quiet` shows errors only and no
/// list of items (the summary still counts everything).
pub(crate) fn render(outcome: &Outcome, color: bool, redaction: &crate::secrets::Redaction, quiet: bool) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(outcome, color, redaction, quiet, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// [`render`], written to `out` a finding at a time.
pub(crate) fn write(
    outcome: &Outcome,
    color: bool,
    redaction: &crate::secrets::Redaction,
    quiet: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let shown: Vec<&Diagnostic> = outcome.diagnostics.iter().filter(|d| !quiet || d.is_error()).collect();
    // The files with a finding, each masked (every line shown goes through
    // `Redaction::mask`, same byte offsets) and indexed by lines once, on
    // every core: a run on a client repository reports in hundreds of files.
    let with_findings: std::collections::HashSet<&str> =
        shown.iter().filter(|d| shown_whole(outcome, d)).map(|d| d.file.as_str()).collect();
    let masked: HashMap<&str, std::borrow::Cow<str>> = outcome
        .sources
        .par_iter()
        .filter(|(k, _)| with_findings.contains(k.as_str()))
        .map(|(k, s)| (k.as_str(), redaction.mask(&s.text)))
        .collect();
    // ariadne indexes a whole text by lines (char by char) to show one of
    // them; where its lines are ours (broken at `\n` only), a finding is shown
    // from its own line instead (see `render_one`), and only other texts get
    // a whole ariadne source.
    let cache: HashMap<&str, ariadne::Source<&str>> = masked
        .par_iter()
        .filter(|(_, text)| !lines_are_ours(text))
        .map(|(k, text)| (*k, ariadne::Source::from(text.as_ref())))
        .collect();
    // Each finding is rendered on its own (in parallel), then written in order.
    let rendered: Vec<Vec<u8>> = shown
        .par_iter()
        .map(|d| render_one(outcome, d, redaction, &masked, &cache, color))
        .collect();
    for r in &rendered {
        out.write_all(r)?;
    }
    if !outcome.items.is_empty() && !quiet {
        out.write_all(items(outcome).as_bytes())?;
    }
    let (errors, warnings) = super::counts(outcome);
    let items = outcome.items.len();
    let (oe, ow) = outcome.omitted_counts();
    if oe + ow > 0 {
        writeln!(
            out,
            "({oe} more errors and {ow} more warnings in streams were counted but not shown)"
        )?;
    }
    writeln!(
        out,
        "{} {}, {} {} in {} {} ({} {} checked)",
        errors,
        plural(errors, "error", "errors"),
        warnings,
        plural(warnings, "warning", "warnings"),
        outcome.files,
        plural(outcome.files, "file", "files"),
        items,
        plural(items, "item", "items"),
    )
}

/// One finding: with its source line(s) and a caret where its file is known.
fn render_one(
    outcome: &Outcome,
    d: &Diagnostic,
    redaction: &crate::secrets::Redaction,
    masked: &HashMap<&str, std::borrow::Cow<str>>,
    cache: &HashMap<&str, ariadne::Source<&str>>,
    color: bool,
) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(line) = outcome.lines.get(&(d.file.clone(), d.line)) {
        write_plain(d, Some(&redaction.mask(line)), &mut out);
        return out;
    }
    match outcome.sources.get(&d.file) {
        Some(src) if shown_whole(outcome, d) => {
            let to_eol = src
                .text
                .get(d.span.0..)
                .and_then(|t| t.find('\n'))
                .unwrap_or(src.text.len().saturating_sub(d.span.0));
            match (masked.get(d.file.as_str()), cache.get(d.file.as_str())) {
                (Some(text), Some(asrc)) => write_report(d, (text.as_ref(), asrc), 0, to_eol, color, &mut out),
                (Some(text), None) if text.len() == src.text.len() => {
                    // The finding's line alone (the span ends on it), after
                    // empty lines so it keeps its number: what ariadne shows
                    // of the whole text. (ariadne 0.6's display line offset
                    // moves the header's line number but not the margin's.)
                    let (line, start) = src.line_at(d.span.0);
                    let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
                    let mut one = "\n".repeat(line - 1);
                    one.push_str(&text[start..end]);
                    let asrc = ariadne::Source::from(one.as_str());
                    write_report(d, (&one, &asrc), start - (line - 1), to_eol, color, &mut out);
                }
                _ => write_plain(d, None, &mut out),
            }
        }
        // ariadne prints whole lines; a minified JSON fixture is one huge line,
        // so long lines get a window around the column instead.
        Some(src) if src.text.is_char_boundary(d.span.0) => {
            // Only a window of the line is masked and shown: masking the
            // whole line for each finding made a minified file quadratic.
            let line = src.line_text(d.line);
            let line_start = src.offset_of(LineCol { line: d.line, column: 1 });
            let at = d.span.0.saturating_sub(line_start).min(line.len());
            let mut a = at.saturating_sub(2048);
            while !line.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (at + 2048).min(line.len());
            while !line.is_char_boundary(b) {
                b += 1;
            }
            let window = &line[a..b];
            let mut shifted = d.clone();
            shifted.column = line[a..at].chars().count() + 1;
            let mut tmp = Vec::new();
            write_plain(&shifted, Some(&redaction.mask(window)), &mut tmp);
            // The header names the true column.
            let text = String::from_utf8_lossy(&tmp).replacen(
                &format!("{}:{}:{} ]", d.file, d.line, shifted.column),
                &format!("{}:{}:{} ]", d.file, d.line, d.column),
                1,
            );
            out.extend_from_slice(text.as_bytes());
        }
        _ => write_plain(d, None, &mut out),
    }
    out
}

/// Whether a finding is shown by ariadne with its whole source line: it has
/// no line of its own kept apart, its file is known, and the line is short.
fn shown_whole(outcome: &Outcome, d: &Diagnostic) -> bool {
    (outcome.lines.is_empty() || !outcome.lines.contains_key(&(d.file.clone(), d.line)))
        && outcome
            .sources
            .get(&d.file)
            .is_some_and(|src| src.text.is_char_boundary(d.span.0) && src.line_text(d.line).chars().nth(MAX_LINE).is_none())
}

/// One line per checked item: its status, kind, name and place.
fn items(outcome: &Outcome) -> String {
    use rayon::prelude::*;
    let width = outcome
        .items
        .iter()
        .map(|i| i.kind.len() + i.name.len() + 1)
        .max()
        .unwrap_or(0)
        .min(60);
    let by_file = crate::outcome::ByFile::new(&outcome.diagnostics);
    // One line per item, on every core (a client repository lists hundreds).
    let lines: Vec<String> = outcome
        .items
        .par_iter()
        .map(|item| {
            let errors = by_file.owned(item).iter().filter(|d| d.is_error()).count() + item.omitted_errors;
            let through: Vec<String> = by_file
                .failing_via(item)
                .iter()
                .map(|(v, _)| format!("fragment {} at {}:{}:{}", v.fragment, v.file, v.line, v.column))
                .collect();
            let status = match (errors, through.is_empty()) {
                (0, _) => "ok".to_string(),
                (_, true) => format!("FAIL ({errors} {})", plural(errors, "error", "errors")),
                (_, false) => format!(
                    "FAIL ({errors} {}, through {})",
                    plural(errors, "error", "errors"),
                    through.join(", ")
                ),
            };
            let what = format!("{} {}", item.kind, item.name);
            format!("  {what:<width$}  {}:{}:{}  {status}\n", item.file, item.line, item.column)
        })
        .collect();
    let mut s = String::from("checked:\n");
    s.extend(lines);
    s
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn kind(d: &Diagnostic) -> ReportKind<'static> {
    match d.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
    }
}

/// `src` is the text ariadne is shown (masked: a masked character becomes
/// one `*` per byte, so char boundaries can move) and its ariadne source.
/// `base` is where that text starts in the finding's file.
fn write_report(d: &Diagnostic, src: (&str, &ariadne::Source<&str>), base: usize, to_eol: usize, color: bool, out: &mut Vec<u8>) {
    let (text, src) = src;
    // ariadne slices the text at the span's ends (byte indices): both must
    // lie on char boundaries of the text it is shown, or it panics.
    let mut start = d.span.0.saturating_sub(base).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    // Highlight the value on its first line only, so long values stay readable.
    let len = d.span.1.min(to_eol).max(usize::from(to_eol > 0));
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let span = (d.file.as_str(), start..end);
    let label_msg = match &d.pointer {
        Some(p) if p.is_empty() => "here (the document root)".to_string(),
        Some(p) => format!("at {p}"),
        None => "here".to_string(),
    };
    let mut report = Report::build(kind(d), span.clone())
        .with_config(Config::default().with_color(color).with_index_type(IndexType::Byte))
        .with_code(d.code.as_str())
        .with_message(&d.message)
        .with_label(Label::new(span).with_message(label_msg));
    for n in &d.notes {
        report = report.with_note(n);
    }
    let _ = report.finish().write((d.file.as_str(), src), &mut *out);
}

/// Whether ariadne breaks `text` into lines where [`Source`](crate::source::Source)
/// does: at `\n` only (ariadne also breaks at a lone `\r`, vertical tab, form
/// feed, NEL and the Unicode line and paragraph separators). Byte searches
/// (memchr's), not a character at a time: every file with a finding is
/// asked, and a search for a set of characters decodes each one.
fn lines_are_ours(text: &str) -> bool {
    memchr::memchr3(b'\r', 0x0b, 0x0c, text.as_bytes()).is_none()
        && (text.is_ascii() || !(text.contains('\u{85}') || text.contains('\u{2028}') || text.contains('\u{2029}')))
}

/// Lines longer than this (in characters) are shown as a window.
const MAX_LINE: usize = 160;

/// A diagnostic without ariadne: for files that could not be read, and for
/// long lines, shown as a window of about 100 characters around the column.
fn write_plain(d: &Diagnostic, line: Option<&str>, out: &mut Vec<u8>) {
    let sev = match d.severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
    };
    let gutter = d.line.to_string().len() + 1;
    let pad = " ".repeat(gutter);
    let mut s = format!("[{}] {sev}: {}\n{pad}╭─[ {}:{}:{} ]\n", d.code, d.message, d.file, d.line, d.column);
    let here = match &d.pointer {
        Some(p) if p.is_empty() => "here (the document root)".to_string(),
        Some(p) => format!("at {p}"),
        None => "here".to_string(),
    };
    match line {
        Some(text) => {
            let chars: Vec<char> = text.chars().collect();
            let col = d.column.saturating_sub(1).min(chars.len());
            let start = col.saturating_sub(40);
            let end = (col + 60).min(chars.len());
            let lead = if start > 0 { "…" } else { "" };
            let tail = if end < chars.len() { "…" } else { "" };
            let window: String = chars[start..end].iter().collect();
            let caret = " ".repeat(col - start + lead.chars().count());
            s.push_str(&format!(
                "{pad}│\n{:>w$} │ {lead}{window}{tail}\n{pad}│ {caret}^ {here}\n",
                d.line,
                w = gutter - 1
            ));
        }
        None => {
            if d.pointer.is_some() {
                s.push_str(&format!("{pad}│ {here}\n"));
            }
        }
    }
    for n in &d.notes {
        s.push_str(&format!("{pad}│ Note: {n}\n"));
    }
    s.push_str(&format!("{}╯\n", "─".repeat(gutter)));
    out.extend_from_slice(s.as_bytes());
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_breaks_found_by_bytes_are_the_characters_ariadne_breaks_at() {
        let by_chars = |t: &str| !t.contains(['\r', '\u{0b}', '\u{0c}', '\u{85}', '\u{2028}', '\u{2029}']);
        let texts = [
            "query { a }\n",
            "a\r\nb",
            "a\u{0b}b",
            "a\u{0c}b",
            "é \u{85} x",
            "ü\u{2028}",
            "\u{2029}",
            "é ü € 𝄞 \u{84} \u{2027} \u{202a}\n",
            "",
        ];
        for t in texts {
            assert_eq!(super::lines_are_ours(t), by_chars(t), "{t:?}");
        }
        assert!(!super::lines_are_ours("x\u{2028}"));
        assert!(super::lines_are_ours("é\n"));
    }
}
