//! Checks: pure functions of the contract and an input, returning diagnostics.
//! Nothing here prints or exits.
//!
//! [`check_contract`] checks the OpenAPI document itself (lint) and each of its
//! request examples; [`check_paths`] classifies and checks the files a user
//! names: `.graphql`/`.gql` operation documents (fragments shared across all
//! of them), GraphQL request bodies in JSON or YAML, and OpenAPI documents.

pub mod exchange;
pub mod http;
pub mod lint;
pub mod operation;
pub mod plain;
pub mod request;
pub mod response;
pub mod stream;
pub mod variables;

use crate::contract::{read_source_limited, Contract, GraphqlSchema, OpenApi};
use crate::diagnostic::{Code, Diagnostic};
use crate::node::{self, push_token, Node, Syntax};
use crate::settings::Settings;
use crate::source::Source;
use apollo_compiler::executable::ExecutableDocument;
use apollo_compiler::validation::DiagnosticList;
use operation::OpCache;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One thing that was checked (an example, an operation, a request file).
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// `example`, `operation`, `request`, `openapi`.
    pub kind: &'static str,
    /// Example name, operation name, or file name.
    pub name: String,
    /// The file it stands in.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Which diagnostics belong to it (for per-item status in reports).
    #[serde(skip)]
    pub scope: Scope,
    /// Errors it had beyond those kept (a stream counts what it does not keep).
    #[serde(skip)]
    pub omitted_errors: usize,
}

/// How a diagnostic is attributed to an [`Item`] of the same file.
#[derive(Debug, Clone, Default)]
pub enum Scope {
    /// Diagnostics whose pointer starts with this one (examples, request bodies).
    Pointer(String),
    /// Diagnostics whose start offset falls in this byte range (operations).
    Range(usize, usize),
    /// Every diagnostic of the file (streams).
    File,
    /// None (the item only names what was checked).
    #[default]
    Nothing,
}

impl Item {
    /// Does this diagnostic belong to the item?
    pub fn owns(&self, d: &Diagnostic) -> bool {
        if d.file != self.file {
            return false;
        }
        match &self.scope {
            Scope::Pointer(p) => d
                .pointer
                .as_deref()
                .is_some_and(|dp| dp == p || dp.starts_with(&format!("{p}/")) || p.is_empty()),
            Scope::Range(a, b) => (*a..*b).contains(&d.span.0),
            Scope::File => true,
            Scope::Nothing => false,
        }
    }
}

/// Everything a check run found.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    /// What was checked.
    pub items: Vec<Item>,
    /// What was found.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were read.
    pub files: usize,
    /// The sources read, for renderers that show source lines.
    pub sources: HashMap<String, Arc<Source>>,
    /// Lines of streamed files that findings point at (streams are not kept
    /// whole), by file and 1-based line.
    pub lines: HashMap<(String, usize), String>,
    /// Findings counted but not kept, by code (with their severity): a stream
    /// keeps its first [`Settings::stream_max_findings`] so memory stays bounded.
    pub omitted: std::collections::BTreeMap<Code, (crate::diagnostic::Severity, usize)>,
}

impl Outcome {
    fn add_source(&mut self, s: &Arc<Source>) {
        self.sources.entry(s.path.clone()).or_insert_with(|| s.clone());
    }

    /// Counts of every finding, (errors, warnings): those kept and those a
    /// stream counted but did not keep.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        let (oe, ow) = self.omitted_counts();
        (errors + oe, self.diagnostics.len() - errors + ow)
    }

    /// Number of errors (see [`Outcome::counts`]); a run with any fails.
    pub fn errors(&self) -> usize {
        self.counts().0
    }

    /// Counts of findings counted but not kept, (errors, warnings).
    pub fn omitted_counts(&self) -> (usize, usize) {
        self.omitted.values().fold((0, 0), |(e, w), (sev, n)| match sev {
            crate::diagnostic::Severity::Error => (e + n, w),
            crate::diagnostic::Severity::Warning => (e, w + n),
        })
    }

    /// Appends another outcome (files checked in parallel, merged in order).
    pub fn merge(&mut self, other: Outcome) {
        self.items.extend(other.items);
        self.diagnostics.extend(other.diagnostics);
        self.files += other.files;
        self.sources.extend(other.sources);
        self.lines.extend(other.lines);
        for (code, (sev, n)) in other.omitted {
            self.omitted.entry(code).or_insert((sev, 0)).1 += n;
        }
    }
}

impl From<crate::contract::LoadError> for Outcome {
    /// The findings of a contract that could not be loaded, with the texts
    /// they point into, ready to render (no file is read again).
    fn from(e: crate::contract::LoadError) -> Outcome {
        let mut out = Outcome {
            files: 1,
            diagnostics: e.diagnostics,
            ..Default::default()
        };
        for s in &e.sources {
            out.add_source(s);
        }
        out
    }
}

/// Checks the contract itself: the cross-spec lint, then every request
/// example of the OpenAPI document against both layers, in document order.
pub fn check_contract(contract: &Contract, cache: &OpCache, settings: &Settings) -> Outcome {
    let mut out = Outcome::default();
    check_openapi(&contract.openapi, &contract.schema, cache, &mut out);
    out.add_source(&contract.schema.source);
    out.files = 2;
    settings.apply(&mut out.diagnostics);
    out
}

fn check_openapi(api: &OpenApi, schema: &GraphqlSchema, cache: &OpCache, out: &mut Outcome) {
    out.add_source(&api.source);
    out.diagnostics.extend(lint::lint(api));
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
            out.diagnostics
                .extend(request::check_request(api, schema, cache, &api.source, node, &ex.pointer));
        }
    }
}

/// What a file given to `check` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Operations,
    Data,
    Har,
    Stream,
    Unknown,
}

fn kind_of(path: &Path) -> Kind {
    if path.as_os_str() == "-" {
        return Kind::Stream;
    }
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("graphql") | Some("gql") => Kind::Operations,
        Some("json") | Some("yaml") | Some("yml") => Kind::Data,
        Some("har") => Kind::Har,
        Some("ndjson") | Some("jsonl") => Kind::Stream,
        _ => Kind::Unknown,
    }
}

/// Expands directories (recursively, sorted, skipping hidden ones and `target`)
/// into the files to check; files named explicitly are kept whatever their kind.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, 0);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 64 {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for e in entries {
        let name = e.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        // Symbolic links are not followed when walking (a link to a parent
        // would loop); a linked file named on the command line is read.
        let Ok(meta) = std::fs::symlink_metadata(&e) else { continue };
        if meta.file_type().is_symlink() {
            continue;
        }
        if meta.is_dir() {
            walk(&e, out, depth + 1);
        } else if kind_of(&e) != Kind::Unknown {
            out.push(e);
        }
    }
}

/// Which part of a corpus this run checks: shard `k` of `n` (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, 1..=n.
    pub k: u64,
    /// Number of shards.
    pub n: u64,
}

impl Shard {
    /// Parses `K/N`.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (k, n) = s.split_once('/').ok_or_else(|| format!("`{s}` is not K/N (e.g. 1/4)"))?;
        let k: u64 = k.trim().parse().map_err(|_| format!("`{k}` in `{s}` is not a number"))?;
        let n: u64 = n.trim().parse().map_err(|_| format!("`{n}` in `{s}` is not a number"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!("shard `{s}`: need 1 <= K <= N"));
        }
        Ok(Shard { k, n })
    }

    /// Does this shard take the file? By a stable hash (FNV-1a) of its path
    /// as given, so every machine of a CI matrix agrees without coordination
    /// and adding a file moves no other.
    pub fn takes(&self, path: &Path) -> bool {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in path.to_string_lossy().replace('\\', "/").bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h % self.n == self.k - 1
    }
}

/// Checks the named files and directories.
pub fn check_paths(contract: &Contract, cache: &OpCache, settings: &Settings, paths: &[PathBuf]) -> Outcome {
    check_paths_with(contract, cache, settings, paths, None, None)
}

/// Progress of a run, for a caller that shows it (the library never prints).
#[derive(Debug, Clone, Copy)]
pub enum Tick {
    /// This many files will be checked.
    Files(u64),
    /// This many more files (or cases) are done.
    Done(u64),
    /// A stream got this many more exchanges.
    Exchanges(u64),
}

/// A progress callback.
pub type Progress<'a> = Option<&'a (dyn Fn(Tick) + Sync)>;

/// [`check_paths`] over one shard of the files, reporting progress. Files
/// are checked in parallel (rayon); the outcome keeps their order.
pub fn check_paths_with(
    contract: &Contract,
    cache: &OpCache,
    settings: &Settings,
    paths: &[PathBuf],
    shard: Option<Shard>,
    progress: Progress,
) -> Outcome {
    use rayon::prelude::*;
    let files: Vec<PathBuf> = expand_paths(paths)
        .into_iter()
        .filter(|p| p.as_os_str() == "-" || shard.is_none_or(|s| s.takes(p)))
        .collect();
    if let Some(p) = progress {
        p(Tick::Files(files.len() as u64));
    }
    let parts: Vec<(Outcome, Option<Arc<Source>>)> = files
        .par_iter()
        .map(|p| {
            let r = check_file(contract, cache, settings, p, progress);
            if let Some(t) = progress {
                t(Tick::Done(1));
            }
            r
        })
        .collect();
    let mut out = Outcome::default();
    let mut op_sources = Vec::new();
    for (part, ops) in parts {
        out.merge(part);
        op_sources.extend(ops);
    }
    if !op_sources.is_empty() {
        check_operation_files(&contract.schema, &op_sources, &mut out);
    }
    settings.apply(&mut out.diagnostics);
    out
}

/// Checks one text held in memory (an editor's buffer) as if it were the
/// file `path`: its kind comes from the extension, as for files on disk
/// (`.graphql` operations, `.json`/`.yaml` data, `.har`, `.ndjson` streams).
pub fn check_text(contract: &Contract, cache: &OpCache, settings: &Settings, path: &str, text: &str) -> Outcome {
    let mut out = Outcome {
        files: 1,
        ..Default::default()
    };
    match kind_of(Path::new(path)) {
        Kind::Unknown => out.diagnostics.push(unknown_kind(path)),
        Kind::Stream => {
            stream::check_reader(contract, cache, settings, path, text.as_bytes(), &mut out);
        }
        Kind::Operations => {
            let src = Source::new(path, text);
            out.add_source(&src);
            check_operation_files(&contract.schema, &[src], &mut out);
        }
        kind => {
            let src = Source::new(path, text);
            out.add_source(&src);
            check_data_file(contract, cache, &src, kind == Kind::Har, &mut out);
        }
    }
    settings.apply(&mut out.diagnostics);
    out
}

fn unknown_kind(name: &str) -> Diagnostic {
    Diagnostic::file_level(
        Code::SkippedFile,
        "not a kind of file plain-contract checks (.graphql, .gql, .json, .yaml, .yml, .har, .ndjson, .jsonl); skipped",
        name,
        Default::default(),
    )
}

/// One file; operation documents are returned, to be validated together.
fn check_file(
    contract: &Contract,
    cache: &OpCache,
    settings: &Settings,
    path: &Path,
    progress: Progress,
) -> (Outcome, Option<Arc<Source>>) {
    let mut out = Outcome {
        files: 1,
        ..Default::default()
    };
    let kind = kind_of(path);
    if kind != Kind::Stream && !path.exists() {
        // A path named on the command line (or in the configuration) that is
        // not there is a typo, not a file of an unknown kind.
        out.diagnostics.push(Diagnostic::file_level(
            Code::FileUnreadable,
            "no such file or directory",
            &path.display().to_string(),
            Default::default(),
        ));
        return (out, None);
    }
    match kind {
        Kind::Unknown => {
            out.diagnostics.push(unknown_kind(&path.display().to_string()));
            return (out, None);
        }
        Kind::Stream => {
            stream::check_stream(contract, cache, settings, path, &mut out, progress);
            return (out, None);
        }
        _ => {}
    }
    let src = match read_source_limited(path, settings.max_file_bytes()) {
        Ok(s) => s,
        Err(d) => {
            out.diagnostics.push(d);
            return (out, None);
        }
    };
    out.add_source(&src);
    if kind == Kind::Operations {
        return (out, Some(src));
    }
    check_data_file(contract, cache, &src, kind == Kind::Har, &mut out);
    (out, None)
}

fn check_data_file(contract: &Contract, cache: &OpCache, src: &Arc<Source>, har: bool, out: &mut Outcome) {
    let root = match node::parse(src, Syntax::guess(&src.path, &src.text)) {
        Ok(r) => r,
        Err(d) => {
            out.diagnostics.push(d);
            return;
        }
    };
    let is_request = |n: &Node| n.get("query").is_some();
    let (gpath, base) = contract
        .openapi
        .graphql
        .as_ref()
        .map_or(("/graphql/v1", ""), |g| (g.path.as_str(), g.base_path.as_str()));
    if har && !crate::exchange::is_har(&root) {
        out.diagnostics.push(
            Diagnostic::at(
                Code::ExchangeShape,
                "a .har file must hold a HAR log: {\"log\": {\"entries\": [...]}}",
                src,
                root.start,
                1,
            )
            .with_pointer(""),
        );
        return;
    }
    if root.get("openapi").is_some() || root.get("swagger").is_some() {
        match OpenApi::load(src.clone()) {
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
            Err(ds) => out.diagnostics.extend(ds),
        }
    } else if let crate::exchange::Contents::Exchanges(list, notes) = crate::exchange::read(src, &root, gpath, base) {
        out.diagnostics.extend(notes);
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
            out.diagnostics.extend(exchange::check_exchange(contract, cache, src, ex));
        }
    } else if is_request(&root) {
        push_request(contract, cache, src, &root, "", out);
    } else if let node::Value::Array(items) = &root.value {
        // A batch of requests (GraphQL over HTTP batching), or a list of bodies.
        if !items.is_empty() && items.iter().all(is_request) {
            for (i, it) in items.iter().enumerate() {
                push_request(contract, cache, src, it, &push_token("", &i.to_string()), out);
            }
        } else {
            skipped(src, out);
        }
    } else {
        skipped(src, out);
    }
}

fn skipped(src: &Source, out: &mut Outcome) {
    out.diagnostics.push(Diagnostic::at(
        Code::SkippedFile,
        "neither a recorded exchange (an object with `request`), a HAR log, a GraphQL request body (an object with `query`) nor an OpenAPI document; skipped",
        src,
        0,
        0,
    ));
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
    out.diagnostics
        .extend(request::check_request(&contract.openapi, &contract.schema, cache, src, body, ptr));
}

fn one_of_diag(src: &Source, off: usize, len: usize, msg: String) -> Diagnostic {
    Diagnostic::at(Code::OperationInvalid, msg, src, off, len).with_note("GraphQL validation rule: OneOf Input Objects (spec §5.6.6 / RFC)")
}

/// Validates operation documents together, so fragments defined in one file
/// can be used in another (client projects keep them apart).
fn check_operation_files(schema: &GraphqlSchema, sources: &[Arc<Source>], out: &mut Outcome) {
    let by_path: HashMap<&str, &Arc<Source>> = sources.iter().map(|s| (s.path.as_str(), s)).collect();
    let place = |path: &str, off: usize| {
        by_path
            .get(path)
            .map(|s| ((*s).clone(), off))
            .or_else(|| sources.first().map(|s| (s.clone(), 0)))
    };
    let mut errors = DiagnosticList::new(Default::default());
    let mut builder = ExecutableDocument::builder(Some(&schema.schema), &mut errors);
    for s in sources {
        if s.text.trim().is_empty() {
            out.diagnostics
                .push(Diagnostic::at(Code::EmptyFile, "the GraphQL document is empty", s, 0, 0));
            continue;
        }
        operation::parser().parse_into_executable_builder(s.text.as_str(), &s.path, &mut builder);
    }
    let doc = builder.build();
    for op in doc.operations.iter() {
        let (file, line, column, range) = op
            .location()
            .and_then(|loc| {
                let path = doc.sources.get(&loc.file_id())?.path().display().to_string();
                let src = by_path.get(path.as_str())?;
                let lc = src.line_col(loc.offset());
                Some((path, lc.line, lc.column, (loc.offset(), loc.end_offset())))
            })
            .unwrap_or_default();
        let name = op.name.as_ref().map_or_else(
            || format!("anonymous {}", op.operation_type),
            |n| format!("{} {n}", op.operation_type),
        );
        out.items.push(Item {
            kind: "operation",
            name,
            file,
            line,
            column,
            scope: Scope::Range(range.0, range.1),
            omitted_errors: 0,
        });
    }
    // A document that does not parse is not validated: its half-built form
    // would give misleading findings (as for request bodies, see `analyze`).
    let mut all = errors;
    if all.is_empty() {
        match doc.validate(&schema.schema) {
            Ok(valid) => {
                let src_of = |path: &str| by_path.get(path).map(|s| (*s).clone());
                for (path, off, len, msg) in operation::one_of_literals(&schema.schema, &valid) {
                    if let Some(src) = src_of(&path) {
                        out.diagnostics.push(one_of_diag(&src, off, len, msg));
                    }
                }
            }
            Err(e) => all.merge(e.errors),
        }
    }
    let mut found = crate::contract::graphql::apollo_diagnostics(&all, Code::OperationSyntax, Code::OperationInvalid, place);
    // In a file that does not parse, what the builder made of the rest is noise.
    let broken: std::collections::HashSet<String> = found
        .iter()
        .filter(|d| d.code == Code::OperationSyntax)
        .map(|d| d.file.clone())
        .collect();
    found.retain(|d| d.code == Code::OperationSyntax || !broken.contains(&d.file));
    out.diagnostics.extend(found);
}
