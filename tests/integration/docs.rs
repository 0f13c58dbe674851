//! Docs that cannot drift: every shell transcript in README.md and docs/
//! (a ```console block: `$ plain-contract ...`, `? CODE` when it exits
//! non-zero, then what it prints) is run against the built binary and must
//! print what the docs show, compared by snapbox: `...` on a line of its own
//! stands for lines the docs leave out, `[..]` for part of a line. Trailing
//! spaces (ariadne pads some lines) are not compared.

use std::process::Command;

/// One transcript: where, the command, the exit code, the output shown.
struct Transcript {
    at: String,
    args: Vec<String>,
    code: i32,
    output: String,
}

fn transcripts(file: &str) -> Vec<Transcript> {
    let text = std::fs::read_to_string(file).expect("readable doc");
    let mut out: Vec<Transcript> = Vec::new();
    let mut in_console = false;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            in_console = !in_console && line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            let words: Vec<String> = cmd.split_whitespace().map(str::to_string).collect();
            assert_eq!(words.first().map(String::as_str), Some("plain-contract"), "{file}:{}", n + 1);
            out.push(Transcript {
                at: format!("{file}:{}", n + 1),
                args: words[1..].to_vec(),
                code: 0,
                output: String::new(),
            });
        } else if let (Some(t), Some(code)) = (out.last_mut(), line.strip_prefix("? ")) {
            t.code = code.trim().parse().expect("`? CODE` is a number");
        } else if let Some(t) = out.last_mut() {
            t.output.push_str(line);
            t.output.push('\n');
        }
    }
    out
}

fn trim_lines(s: &str) -> String {
    s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n") + "\n"
}

#[test]
fn every_transcript_in_the_docs_is_what_the_binary_prints() {
    let mut files = vec!["README.md".to_string()];
    let mut docs: Vec<_> = std::fs::read_dir("docs")
        .expect("docs/")
        .filter_map(|e| e.ok().map(|e| e.path().display().to_string()))
        .filter(|p| p.ends_with(".md"))
        .collect();
    docs.sort();
    files.extend(docs);
    let mut seen = 0;
    for file in &files {
        for t in transcripts(file) {
            seen += 1;
            // A transcript that reads Plain's files beside the repository runs
            // only where they are (under CI, their absence fails the test).
            let needs: Vec<&str> = t.args.iter().filter_map(|a| a.strip_prefix("../shared/")).collect();
            if !needs.iter().all(|rel| crate::prereq::shared(rel).is_some()) {
                continue;
            }
            let out = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
                .args(&t.args)
                .env("NO_COLOR", "1")
                .output()
                .expect("the binary runs");
            let actual = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            assert_eq!(
                out.status.code(),
                Some(t.code),
                "{}: exit code of `plain-contract {}`",
                t.at,
                t.args.join(" ")
            );
            if let Err(e) = snapbox::Assert::new().try_eq(Some(&t.at), trim_lines(&actual).into(), trim_lines(&t.output).into()) {
                panic!(
                    "{}: `plain-contract {}` prints something else than the docs show:\n{e}",
                    t.at,
                    t.args.join(" ")
                );
            }
        }
    }
    assert!(seen >= 12, "only {seen} transcripts found");
}
