//! `plain-contract worker` (hidden): one long-lived process that checks many
//! inputs for the npm package's JavaScript API (npm/plain-contract/lib), so a
//! test suite of hundreds of `check()` calls starts one process, not hundreds.
//!
//! The contract, the configuration and the project are loaded once, at start,
//! exactly as `check` loads them (same flags, same plain-contract.toml and
//! graphql-config discovery). Then stdin is read as NDJSON, one request a line:
//!
//! ```json
//! {"id": 1, "command": "check", "text": "{\"query\": \"{ __typename }\"}", "name": "body.json"}
//! {"id": 2, "command": "check", "paths": ["fixtures/customers"], "allowEmpty": false}
//! ```
//!
//! and one line is written per request, in order, on stdout:
//!
//! ```json
//! {"id": 1, "exit": 0, "outcome": { ...the `check --format json` object... }}
//! {"id": 9, "error": {"message": "...", "diagnostics": []}}
//! ```
//!
//! `text` is checked as `check` checks a file of that name (the kind comes
//! from `name`'s extension; without a name, from the content: JSON, NDJSON,
//! GraphQL or YAML); `paths` as `check PATHS...` checks them. `exit` is what
//! `check` would exit with (0 clean, 1 findings). A request that cannot be
//! done (not JSON, unknown command, neither `text` nor `paths`, over the
//! file-size limit) gets an `error` line and the worker goes on. A contract,
//! configuration or project that cannot be used is refused at start, before
//! any request is read, as `check` refuses it: the report in `--format`
//! (the JS API passes `json`) on stdout, and exit 2.
//!
//! The protocol is hand-written (a loop over lines and serde_json) because
//! it is this small; a JSON-RPC crate would add a framing the JS side would
//! then have to speak too.

use super::{Exit, ExpectArg, Output, OK};
use crate::check;
use crate::input;
use crate::report::{self, Format};
use crate::Checker;
use serde_json::{json, Value};
use std::io::{BufRead, Read, Write};
use std::path::PathBuf;

/// `worker`'s options: those of `check` that choose the contract.
#[derive(Debug, clap::Args)]
pub(super) struct WorkerArgs {
    /// OpenAPI 3.0 document to use instead of the embedded one.
    #[arg(long, value_name = "FILE")]
    openapi: Option<PathBuf>,
    /// GraphQL schema to use instead of the embedded one (as `check --schema`).
    #[arg(long, value_name = "SOURCE")]
    schema: Option<PathBuf>,
    /// The graphql-config project to use (under its `projects:`).
    #[arg(long, value_name = "NAME")]
    project: Option<String>,
    /// What recorded exchanges show, unless an exchange says (as `check --expect`).
    #[arg(long, value_enum, value_name = "WHAT")]
    expect: Option<ExpectArg>,
}

/// One request line.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Request {
    id: Value,
    #[serde(default = "default_command")]
    command: String,
    text: Option<String>,
    name: Option<String>,
    paths: Option<Vec<PathBuf>>,
    #[serde(default)]
    allow_empty: bool,
}

fn default_command() -> String {
    "check".to_string()
}

/// Runs the worker until stdin closes.
pub(super) fn run(args: &WorkerArgs, output: &Output, config_file: Option<&std::path::Path>) -> Exit {
    // The contract and project exactly as `check` resolves them: the same
    // library run, built once.
    let mut project_run = crate::ProjectRun::new();
    if let Some(c) = config_file {
        project_run = project_run.config_file(c);
    }
    if let Some(p) = &args.openapi {
        project_run = project_run.openapi(p);
    }
    if let Some(s) = &args.schema {
        project_run = project_run.schema(s);
    }
    if let Some(p) = &args.project {
        project_run = project_run.project(p);
    }
    if let Some(e) = args.expect {
        project_run = project_run.expect(e.into());
    }
    let (checker, docs, settings) = match project_run.prepare() {
        Ok(p) => p,
        Err(e) => {
            let settings = e.settings().clone();
            return Err(super::unusable(e.outcome, output, &settings, &e.what));
        }
    };
    let limit = settings.max_file_bytes().saturating_mul(2);
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = (&mut input).take(limit.saturating_add(1)).read_until(b'\n', &mut line);
        match read {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let response = if line.len() as u64 > limit && line.last() != Some(&b'\n') {
            // Too long: skip to the end of the line, answer without an id.
            let mut rest = Vec::new();
            while matches!(input.read_until(b'\n', &mut rest), Ok(n) if n > 0 && rest.last() != Some(&b'\n')) {
                rest.clear();
            }
            error(
                Value::Null,
                format!("a request line is over {limit} bytes (twice the file-size limit); not checked"),
            )
        } else if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        } else {
            answer(&checker, &docs, &line)
        };
        let written = serde_json::to_writer(&mut out, &response)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush());
        if written.is_err() {
            break; // the caller went away
        }
    }
    Ok(OK)
}

/// The response to one request line.
fn answer(checker: &Checker, docs: &input::ProjectDocs, line: &[u8]) -> Value {
    let req: Request = match serde_json::from_slice(line) {
        Ok(r) => r,
        Err(e) => {
            // Keep the id when there is one, so the caller can match the error.
            let id = serde_json::from_slice::<Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or(Value::Null);
            return error(id, format!("not a worker request: {e}"));
        }
    };
    if req.command != "check" {
        return error(req.id, format!("unknown command `{}`; the worker runs `check`", req.command));
    }
    let (mut outcome, named) = match (&req.text, &req.paths) {
        (Some(text), None) => {
            let name = req.name.clone().unwrap_or_else(|| name_for(text).to_string());
            (checker.check_text(&name, text), vec![PathBuf::from(name)])
        }
        (None, Some(paths)) if !paths.is_empty() => (checker.check_project(paths, None, None, docs), paths.clone()),
        (None, Some(_)) => return error(req.id, "`paths` is empty: name at least one file or folder".to_string()),
        _ => return error(req.id, "a check request has either `text` or `paths`".to_string()),
    };
    if !req.allow_empty {
        // As `check FILES...`: a run that checked nothing is an error (PC012).
        check::nothing_checked(&mut outcome, &named);
    }
    let exit = if report::counts(&outcome).0 > 0 { 1 } else { 0 };
    let text = report::render(&outcome, Format::Json, false, checker.settings().redaction());
    match serde_json::from_str::<Value>(&text) {
        Ok(o) => json!({"id": req.id, "exit": exit, "outcome": o}),
        Err(e) => error(req.id, format!("internal error: the JSON report did not parse: {e}")),
    }
}

fn error(id: Value, message: String) -> Value {
    json!({"id": id, "error": {"message": message, "diagnostics": []}})
}

/// The name a text without one is checked under, from its content: JSON
/// (an object or a list), NDJSON (a JSON value on each of several lines),
/// a GraphQL document (`query`, `mutation`, `subscription`, `fragment`, or a
/// `{` not followed by a JSON key), or else YAML.
pub(super) fn name_for(text: &str) -> &'static str {
    use serde::de::IgnoredAny;
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let is_json = |s: &str| serde_json::from_str::<IgnoredAny>(s).is_ok();
    let after_brace = t.strip_prefix('{').map(|r| r.trim_start());
    let json_like = t.starts_with('[') || after_brace.is_some_and(|r| r.is_empty() || r.starts_with('"') || r.starts_with('}'));
    if json_like {
        if is_json(t) {
            return "<text>.json";
        }
        let mut lines = t.lines().map(str::trim).filter(|l| !l.is_empty()).peekable();
        let several = t.lines().filter(|l| !l.trim().is_empty()).count() > 1;
        if several && lines.all(is_json) {
            return "<text>.ndjson";
        }
        return "<text>.json";
    }
    if after_brace.is_some() {
        return "<text>.graphql";
    }
    let first = t
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let word: String = first.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    let rest = first[word.len()..].trim_start();
    if matches!(word.as_str(), "query" | "mutation" | "subscription" | "fragment") && !rest.starts_with(':') {
        return "<text>.graphql";
    }
    "<text>.yaml"
}

#[cfg(test)]
mod tests {
    use super::name_for;

    #[test]
    fn kind_from_content() {
        for (text, name) in [
            ("{\"query\": \"{ a }\"}", "<text>.json"),
            ("  [ {\"query\": \"{ a }\"} ]", "<text>.json"),
            ("{}", "<text>.json"),
            ("{\"query\": ", "<text>.json"),
            ("{\"request\": {}}\n{\"request\": {}}\n", "<text>.ndjson"),
            ("{ customers { edges { node { id } } } }", "<text>.graphql"),
            ("# a comment\nquery Q { a }", "<text>.graphql"),
            ("fragment F on Customer { id }", "<text>.graphql"),
            ("query: \"{ a }\"\n", "<text>.yaml"),
            ("request:\n  method: POST\n", "<text>.yaml"),
            ("", "<text>.yaml"),
        ] {
            assert_eq!(name_for(text), name, "{text:?}");
        }
    }
}
