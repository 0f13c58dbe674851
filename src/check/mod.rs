//! Checks: pure functions of the contract and an input, returning diagnostics.
//! Nothing here prints or exits.
//!
//! [`check_contract`] checks the OpenAPI document itself (lint) and each of its
//! request examples; [`check_paths`] classifies and checks the files a user
//! names: `.graphql`/`.gql` operation documents and GraphQL templates in
//! TS/JS files (one document each, fragments resolved across the project:
//! [`documents`]), GraphQL request bodies in JSON or YAML, and OpenAPI documents.

pub(crate) mod cover;
pub(crate) mod deprecation;
pub(crate) mod documents;
pub(crate) mod exchange;
pub(crate) mod http;
pub(crate) mod lint;

pub(crate) mod operation;
pub(crate) mod plain;
pub(crate) mod request;
pub(crate) mod response;
pub(crate) mod streams;
pub(crate) mod variables;
pub(crate) mod verdict;

use crate::contract::{Contract, GraphqlSchema, OpenApi};
use crate::diagnostic::{Code, Diagnostic};
use crate::input::read::{read_source, read_source_limited};
use crate::input::{self, expand_paths, kind_of, unknown_kind, Holds, Kind, Progress, ProjectDocs, ReadAhead, Shard, Tick};
use crate::node::{push_token, Node};
use crate::outcome::{Item, Outcome, Scope};
use crate::settings::Settings;
use crate::source::Source;
use operation::OpCache;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Checks the contract itself: the cross-spec lint, then every request
/// example of the OpenAPI document against both layers, in document order.
pub(crate) fn check_contract(contract: &Contract, cache: &OpCache, settings: &Settings) -> Outcome {
    let mut out = Outcome::for_run(settings);
    check_openapi(&contract.openapi, &contract.schema, cache, &mut out);
    if let (Some(sink), Some(op)) = (settings.coverage(), &contract.openapi.graphql) {
        for ex in &op.examples {
            let node = contract.openapi.node(&ex.pointer);
            cover::request_body(contract, cache, &contract.openapi.source, node, sink);
        }
    }
    out.add_source(&contract.schema.source);
    out.files = 2;
    out
}

fn check_openapi(api: &OpenApi, schema: &GraphqlSchema, cache: &OpCache, out: &mut Outcome) {
    out.add_source(&api.source);
    out.extend(lint::lint(api));
    if let Some(op) = &api.graphql {
        for ex in &op.examples {
            let node = api.node(&ex.pointer);
            let at = api.source.line_col(node.start);
            out.items.push(Item {
                kind: "example",
                name: ex.name.clone(),
                file: api.source.path.clone(),
                line: at.line,
                column: at.column,
                scope: Scope::Pointer(ex.pointer.clone()),
                omitted_errors: 0,
            });
            out.extend(request::check_request(api, schema, cache, &api.source, node, &ex.pointer));
        }
    }
}

/// Checks the named files and directories.
pub fn check_paths(contract: &Contract, cache: &OpCache, settings: &Settings, paths: &[PathBuf]) -> Outcome {
    check_paths_with(contract, cache, settings, paths, None, None)
}

/// [`check_paths`] over one shard of the files, reporting progress. Files
/// are checked in parallel (rayon); the outcome keeps their order.
pub(crate) fn check_paths_with(
    contract: &Contract,
    cache: &OpCache,
    settings: &Settings,
    paths: &[PathBuf],
    shard: Option<Shard>,
    progress: Progress,
) -> Outcome {
    check_paths_in(contract, cache, settings, paths, shard, progress, &ProjectDocs::default())
}

/// `check_paths_with` within a project: fragments come from the project's
/// documents as well as from the files checked.
pub fn check_paths_in(
    contract: &Contract,
    cache: &OpCache,
    settings: &Settings,
    paths: &[PathBuf],
    shard: Option<Shard>,
    progress: Progress,
    project: &ProjectDocs,
) -> Outcome {
    use rayon::prelude::*;
    let ahead = project.read_ahead.as_deref();
    let expanded = match ahead {
        Some(a) => a.expanded(paths).unwrap_or_else(|| expand_paths(paths)),
        None => expand_paths(paths),
    };
    // A shard checks its own files, and reads the operation documents of
    // the others as the project's (fragments, duplicate names, the
    // operations that use its fragments), so the shards' findings together
    // are the whole run's.
    // Where each file stands in the whole run: a shard puts the documents it
    // reads back in that order, so the lists in its notes ("also defined
    // at …") read as the unsharded run's do.
    let rank: std::collections::HashMap<String, usize> = match shard {
        Some(_) => expanded
            .iter()
            .enumerate()
            .map(|(i, p)| (p.to_string_lossy().into_owned(), i))
            .collect(),
        None => std::collections::HashMap::new(),
    };
    let (files, other_shards): (Vec<PathBuf>, Vec<PathBuf>) = expanded
        .into_iter()
        .partition(|p| p.as_os_str() == "-" || shard.is_none_or(|s| s.takes(p)));
    let other_shards: Vec<PathBuf> = other_shards.into_iter().filter(|p| kind_of(p) == Kind::Operations).collect();
    if let Some(p) = progress {
        p(Tick::Files(files.len() as u64));
    }
    let parts: Vec<(Outcome, Option<Arc<Source>>)> = files
        .par_iter()
        .map(|p| {
            let r = check_file(contract, cache, settings, p, progress, ahead);
            if let Some(t) = progress {
                t(Tick::Done(1));
            }
            r
        })
        .collect();
    let mut out = Outcome::for_run(settings);
    let mut op_sources = Vec::new();
    for (part, ops) in parts {
        out.merge(part);
        op_sources.extend(ops);
    }
    if !op_sources.is_empty() {
        let own_keys = crate::util::path_key::PathKeys::default();
        let path_keys = ahead.map_or(&own_keys, |a| a.path_keys());
        let key = |p: &Path| path_keys.key(p);
        // Canonical paths cost system calls: they are taken only where a
        // project or a schema file needs comparing. A project's documents
        // are never links (its globs skip them), so one of them is a
        // checked file only if it has that file's canonical name.
        let checked: std::collections::HashSet<PathBuf> = if project.documents.is_empty() {
            Default::default()
        } else {
            op_sources.iter().map(|s| key(Path::new(&s.path))).collect()
        };
        let checked_names: std::collections::HashSet<&std::ffi::OsStr> = checked.iter().filter_map(|k| k.file_name()).collect();
        let mut others: Vec<Arc<Source>> = project
            .documents
            .par_iter()
            .filter(|p| !p.file_name().is_some_and(|n| checked_names.contains(n)) || !checked.contains(&key(p)))
            .filter_map(|p| ahead.and_then(|a| a.source(p)).or_else(|| read_source(p).ok()))
            .collect();
        if !other_shards.is_empty() {
            // Those not already among the project's documents.
            let known: std::collections::HashSet<PathBuf> = if project.documents.is_empty() {
                Default::default()
            } else {
                others.iter().map(|s| key(Path::new(&s.path))).collect()
            };
            others.extend(
                other_shards
                    .par_iter()
                    .filter(|p| known.is_empty() || !known.contains(&key(p)))
                    .filter_map(|p| read_source_limited(p, settings.max_file_bytes()).ok())
                    .collect::<Vec<_>>(),
            );
        }
        let others = input::documents::relevant_with(&op_sources, others, ahead.map(|a| a.scans()));
        let mut docs: Vec<input::documents::Doc> = match ahead {
            Some(a) => op_sources.par_iter().flat_map_iter(|s| a.docs(s)).collect(),
            None => input::documents::read_many(&op_sources).into_iter().flatten().collect(),
        };
        docs.extend(others.par_iter().flat_map_iter(input::documents::read).collect::<Vec<_>>());
        if !rank.is_empty() {
            docs.sort_by_key(|d| rank.get(&d.file.path).copied().unwrap_or(usize::MAX));
        }
        // A document that is a schema file has that file's text, so only
        // documents of a schema file's length are compared by canonical path.
        let schema_keys: std::collections::HashSet<PathBuf> = project.schema_files.iter().map(|p| key(p)).collect();
        let mut schema_lens: std::collections::HashSet<usize> = project
            .schema_files
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .flat_map(|m| {
                let n = usize::try_from(m.len()).unwrap_or(usize::MAX);
                [n, n.saturating_sub(3)] // a byte-order mark is dropped when read
            })
            .collect();
        let schema_key = std::fs::canonicalize(&contract.schema.source.path).ok(); // once per run
        if schema_key.is_some() {
            schema_lens.insert(contract.schema.source.text.len());
        }
        let mut schema_files: std::collections::HashSet<String> = std::collections::HashSet::new();
        for d in docs.iter().filter(|d| schema_lens.contains(&d.file.text.len())) {
            let k = key(Path::new(&d.file.path));
            if schema_keys.contains(&k) || schema_key.as_ref() == Some(&k) {
                schema_files.insert(d.file.path.clone());
            }
        }
        if schema_keys.contains(&key(Path::new(&contract.schema.source.path))) {
            schema_files.insert(contract.schema.source.path.clone());
        }
        let reported = documents::Reported {
            files: Some(op_sources.iter().map(|s| s.path.clone()).collect()),
            schema_files,
            strict: shard.is_some(),
        };
        documents::check(&contract.schema, &docs, &reported, &mut out);
        if let Some(sink) = settings.coverage() {
            let counted: std::collections::HashSet<&str> = op_sources.iter().map(|s| s.path.as_str()).collect();
            cover::documents(contract, &docs, &counted, sink);
        }
        full_schema_notes(&contract.schema, &mut out.diagnostics);
        // Freeing hundreds of syntax trees takes a few milliseconds: the
        // read-ahead keeps them, or else the thread pool frees them, so the
        // caller has its outcome at once.
        match ahead {
            Some(a) => a.keep(docs),
            None => rayon::spawn(move || drop(docs)),
        }
    }
    out
}

/// Checks one text held in memory (an editor's buffer) as if it were the
/// file `path`: its kind comes from the extension, as for files on disk
/// (`.graphql` operations, `.json`/`.yaml` data, `.har`, `.ndjson` streams).
pub(crate) fn check_text(contract: &Contract, cache: &OpCache, settings: &Settings, path: &str, text: &str) -> Outcome {
    let mut out = Outcome {
        files: 1,
        ..Outcome::for_run(settings)
    };
    match kind_of(Path::new(path)) {
        Kind::Unknown => out.push(unknown_kind(path)),
        Kind::OtherTool => {}
        Kind::Stream => {
            streams::check_reader(contract, cache, settings, path, text.as_bytes(), &mut out);
        }
        Kind::Har => {
            // The reader of `.har` files, over the text: the findings of a
            // file. The text is at hand, so findings show its lines as a
            // file read whole does.
            streams::check_har_reader(contract, cache, settings, path, text.as_bytes(), &mut out, None);
            out.lines.clear();
            out.add_source(&Source::new(path, text));
        }
        Kind::Operations => {
            let src = Source::new(path, text);
            out.add_source(&src);
            let docs = input::documents::read(&src);
            let reported = documents::Reported {
                files: Some([src.path.clone()].into_iter().collect()),
                ..Default::default()
            };
            documents::check(&contract.schema, &docs, &reported, &mut out);
            full_schema_notes(&contract.schema, &mut out.diagnostics);
        }
        Kind::Data => {
            let src = Source::new(path, text);
            out.add_source(&src);
            check_data_file(contract, cache, settings, &src, &mut out);
        }
    }
    out
}

/// PC012 when the run checked nothing (no item) and found no error: what
/// the paths held is said (files found, what was skipped).
pub(crate) fn nothing_checked(out: &mut Outcome, paths: &[PathBuf]) {
    if !out.items.is_empty() || out.diagnostics.iter().any(Diagnostic::is_error) {
        return;
    }
    let skipped = out
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::SkippedFile | Code::SchemaFile | Code::PactSkipped))
        .count();
    let shown: Vec<String> = paths.iter().take(3).map(|p| p.display().to_string()).collect();
    let more = if paths.len() > 3 {
        format!(" and {} more", paths.len() - 3)
    } else {
        String::new()
    };
    let msg = format!(
        "nothing to check in {}{more}: {} file(s) found, {skipped} skipped, no operation, request or exchange among them",
        shown.join(", "),
        out.files
    );
    out.push(
        Diagnostic::file_level(Code::NothingChecked, msg, &shown.first().cloned().unwrap_or_default(), Default::default())
            .with_note("checked kinds: .graphql, .gql, GraphQL templates in .ts/.tsx/.js/.jsx, .json, .yaml, .yml, .har, .ndjson, .jsonl; --allow-empty accepts an empty run"),
    );
}

/// Under the Customers API contract (the default schema), an operation
/// that fails only for a type or field Plain's full schema has gets a note
/// naming `--schema plain`.
pub(crate) fn full_schema_notes(schema: &GraphqlSchema, diags: &mut [Diagnostic]) {
    use std::sync::OnceLock;
    static FULL: OnceLock<Option<GraphqlSchema>> = OnceLock::new();
    static FIELD: OnceLock<Option<regex::Regex>> = OnceLock::new();
    if schema.source.path != crate::contract::EMBEDDED_SCHEMA_PATH {
        return;
    }
    let Some(re) = FIELD
        .get_or_init(|| regex::Regex::new(r"type `(\w+)` does not have a field `(\w+)`|cannot find type `(\w+)`").ok())
        .as_ref()
    else {
        return;
    };
    for d in diags.iter_mut().filter(|d| d.code == Code::OperationInvalid) {
        let Some(c) = re.captures(&d.message) else { continue };
        let full = FULL.get_or_init(|| {
            let (label, text) = crate::contract::builtin_schema("plain")?;
            GraphqlSchema::load(Source::new(label, text)).ok()
        });
        let Some(full) = full else { return };
        let known = match (c.get(1), c.get(2), c.get(3)) {
            (Some(t), Some(f), _) => full.schema.type_field(t.as_str(), f.as_str()).is_ok(),
            (_, _, Some(t)) => full.schema.types.contains_key(t.as_str()),
            _ => false,
        };
        if known {
            d.notes.push(
                "it exists in Plain's full public schema; the default contract covers only the Customers API: use --schema plain".into(),
            );
        }
    }
}

/// One file; operation documents are returned, to be validated together.
fn check_file(
    contract: &Contract,
    cache: &OpCache,
    settings: &Settings,
    path: &Path,
    progress: Progress,
    ahead: Option<&ReadAhead>,
) -> (Outcome, Option<Arc<Source>>) {
    let mut out = Outcome {
        files: 1,
        ..Outcome::for_run(settings)
    };
    let kind = kind_of(path);
    // A file read ahead exists (and is not asked again of the file system).
    let read_ahead = ahead.filter(|_| kind == Kind::Operations).and_then(|a| a.source(path));
    if read_ahead.is_none() && kind != Kind::Stream && !path.exists() {
        // A path named on the command line (or in the configuration) that is
        // not there is a typo, not a file of an unknown kind.
        out.push(Diagnostic::file_level(
            Code::FileUnreadable,
            "no such file or directory",
            &path.display().to_string(),
            Default::default(),
        ));
        return (out, None);
    }
    match kind {
        Kind::Unknown => {
            out.push(unknown_kind(&path.display().to_string()));
            return (out, None);
        }
        Kind::OtherTool => return (out, None),
        Kind::Stream => {
            streams::check_stream(contract, cache, settings, path, &mut out, progress);
            return (out, None);
        }
        Kind::Har => {
            streams::check_har(contract, cache, settings, path, &mut out, progress);
            return (out, None);
        }
        _ => {}
    }
    let read = match read_ahead {
        Some(s) => Ok(s),
        None if kind == Kind::Data => match input::open_data(path, settings.max_file_bytes()) {
            Ok(input::Data::Whole(s)) => Ok(s),
            Ok(input::Data::Har(r)) => {
                // A HAR log saved as `.json`: the reader of `.har` files.
                let name = path.display().to_string();
                streams::check_har_reader(contract, cache, settings, &name, r, &mut out, progress);
                return (out, None);
            }
            Err(d) => Err(d),
        },
        None => read_source_limited(path, settings.max_file_bytes()),
    };
    let src = match read {
        Ok(s) => s,
        Err(d) => {
            out.push(d);
            return (out, None);
        }
    };
    out.add_source(&src);
    if kind == Kind::Operations {
        return (out, Some(src));
    }
    check_data_file(contract, cache, settings, &src, &mut out);
    (out, None)
}

/// A HAR log in a JSON text held in memory (`check_text`, a whole document
/// on stdin, a file whose `log` is not its first key): the reader of `.har`
/// files over the text, so its findings are those of a `.har` file. The
/// text is at hand: its lines are shown from it.
fn har_text(contract: &Contract, cache: &OpCache, settings: &Settings, src: &Arc<Source>, out: &mut Outcome) {
    streams::check_har_reader(contract, cache, settings, &src.path, src.text.as_bytes(), out, None);
    out.lines.retain(|(file, _), _| *file != src.path);
}

fn check_data_file(contract: &Contract, cache: &OpCache, settings: &Settings, src: &Arc<Source>, out: &mut Outcome) {
    if crate::node::Syntax::guess(&src.path, &src.text) == crate::node::Syntax::Json
        && input::har::opens_log(src.text.as_bytes()) == Some(true)
    {
        // Told by its start, as a file is (input::open_data): no tree.
        return har_text(contract, cache, settings, src, out);
    }
    let root = match input::parse_data(src) {
        Ok(r) => r,
        Err(d) => {
            out.push(d);
            return;
        }
    };
    match input::sniff(src, &root, &crate::exchange::Target::of(contract, settings.hosts())) {
        Holds::Finding(d) => out.push(d),
        Holds::Har => {
            drop(root);
            har_text(contract, cache, settings, src, out);
        }
        Holds::OpenApi => match OpenApi::load(src.clone()) {
            Ok(api) => {
                let at = src.line_col(0);
                out.items.push(Item {
                    kind: "openapi",
                    name: src.path.clone(),
                    file: src.path.clone(),
                    line: at.line,
                    column: at.column,
                    scope: Scope::Nothing,
                    omitted_errors: 0,
                });
                check_openapi(&api, &contract.schema, cache, out);
            }
            Err(ds) => out.extend(ds),
        },
        Holds::Exchanges(contents) => check_exchanges(contract, cache, settings, src, contents, out),
        Holds::Request(body) => {
            push_request(contract, cache, src, body, "", out);
            if let Some(sink) = settings.coverage() {
                cover::request_body(contract, cache, src, body, sink);
            }
        }
        Holds::Requests(items) => {
            for (i, it) in items.iter().enumerate() {
                push_request(contract, cache, src, it, &push_token("", &i.to_string()), out);
                if let Some(sink) = settings.coverage() {
                    cover::request_body(contract, cache, src, it, sink);
                }
            }
        }
    }
}

/// The exchanges of a file read whole into a tree (native exchanges, a
/// pact, a HAR log in YAML), each an item, checked.
pub(crate) fn check_exchanges(
    contract: &Contract,
    cache: &OpCache,
    settings: &Settings,
    src: &Arc<Source>,
    contents: crate::exchange::Contents,
    out: &mut Outcome,
) {
    let crate::exchange::Contents::Exchanges(mut list, notes, leaks) = contents else {
        return;
    };
    out.extend(notes);
    out.extend(
        leaks
            .iter()
            .filter(|h| http::is_credential_header(h, settings.placeholders()))
            .map(|h| http::secret_finding(src, h)),
    );
    let negative = settings.expect_for(Path::new(&src.path));
    for ex in &mut list {
        ex.expect = ex.expect.or(negative);
    }
    for ex in &list {
        let at = src.line_col(ex.node.start);
        out.items.push(Item {
            kind: "exchange",
            name: ex.label(),
            file: src.path.clone(),
            line: at.line,
            column: at.column,
            scope: Scope::Pointer(ex.pointer.clone()),
            omitted_errors: 0,
        });
        out.extend(exchange::check_exchange(contract, cache, settings, src, ex));
        if let Some(sink) = settings.coverage() {
            cover::exchange(contract, cache, ex, sink);
        }
    }
}

fn push_request(contract: &Contract, cache: &OpCache, src: &Arc<Source>, body: &Node, ptr: &str, out: &mut Outcome) {
    let at = src.line_col(body.start);
    let name = body
        .get("operationName")
        .and_then(Node::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| format!("request{ptr}"));
    out.items.push(Item {
        kind: "request",
        name,
        file: src.path.clone(),
        line: at.line,
        column: at.column,
        scope: Scope::Pointer(ptr.to_string()),
        omitted_errors: 0,
    });
    out.extend(request::check_body(contract, cache, src, body, ptr));
}
