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
pub(crate) mod embedded;
pub(crate) mod exchange;
mod har_lean;
pub(crate) mod har_stream;
pub(crate) mod http;
pub(crate) mod lint;

pub(crate) mod operation;
pub(crate) mod plain;
pub(crate) mod replays;
pub(crate) mod request;
pub(crate) mod response;
pub(crate) mod stream;
pub(crate) mod variables;
pub(crate) mod verdict;

use crate::contract::{read_source, read_source_limited, Contract, GraphqlSchema, OpenApi};
use crate::diagnostic::{Code, Diagnostic};
use crate::node::{self, push_token, Node, Syntax};
use crate::settings::Settings;
use crate::source::Source;
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
    pub(crate) scope: Scope,
    /// Errors it had beyond those kept (a stream counts what it does not keep).
    #[serde(skip)]
    pub omitted_errors: usize,
}

/// How a diagnostic is attributed to an [`Item`] of the same file.
#[derive(Debug, Clone, Default)]
pub(crate) enum Scope {
    /// Diagnostics whose pointer starts with this one (examples, request bodies).
    Pointer(String),
    /// Diagnostics whose start offset falls in this byte range (operations).
    Range(usize, usize),
    /// An operation: its byte range, and the fragments it binds to whose
    /// findings it caused (see [`Via`]).
    Operation(Box<(usize, usize, Vec<Via>)>),
    /// Every diagnostic of the file (streams).
    File,
    /// None (the item only names what was checked).
    #[default]
    Nothing,
}

/// A fragment an operation spreads (directly or through other fragments,
/// in its own file or another) that has findings caused by that operation:
/// the operation fails with the fragment, and names it.
#[derive(Debug, Clone, Serialize)]
pub struct Via {
    /// The fragment's name.
    pub fragment: String,
    /// The file that defines it.
    pub file: String,
    /// 1-based line of its definition.
    pub line: usize,
    /// 1-based column of its definition.
    pub column: usize,
    /// The findings in it that the operation caused: (start offset, code).
    #[serde(skip)]
    pub(crate) found: Vec<(usize, Code)>,
}

impl Via {
    /// Is this finding one of those the operation caused in the fragment?
    pub(crate) fn owns_finding(&self, d: &Diagnostic) -> bool {
        d.file == self.file && self.found.iter().any(|(at, code)| *at == d.span.0 && *code == d.code)
    }
}

impl Item {
    /// The fragments with findings this item caused (an operation that
    /// spreads a failing fragment fails with it); empty for other items.
    pub fn via(&self) -> &[Via] {
        match &self.scope {
            Scope::Operation(s) => &s.2,
            _ => &[],
        }
    }

    /// The fragments through which this item has errors among
    /// `diagnostics`, with how many each.
    pub fn failing_via<'a>(&'a self, diagnostics: &[Diagnostic]) -> Vec<(&'a Via, usize)> {
        self.via()
            .iter()
            .filter_map(|v| {
                let n = diagnostics.iter().filter(|d| d.is_error() && v.owns_finding(d)).count();
                (n > 0).then_some((v, n))
            })
            .collect()
    }

    /// Does this diagnostic belong to the item?
    pub(crate) fn owns(&self, d: &Diagnostic) -> bool {
        if let Scope::Operation(s) = &self.scope {
            let (a, b, via) = s.as_ref();
            return (d.file == self.file && (*a..*b).contains(&d.span.0)) || via.iter().any(|v| v.owns_finding(d));
        }
        if d.file != self.file {
            return false;
        }
        match &self.scope {
            Scope::Operation(_) => false,
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
    pub(crate) sources: HashMap<String, Arc<Source>>,
    /// Lines of streamed files that findings point at (streams are not kept
    /// whole), by file and 1-based line.
    pub(crate) lines: HashMap<(String, usize), String>,
    /// Findings counted but not kept, by code (with their severity): a stream
    /// keeps its first [`Settings::stream_max_findings`] so memory stays bounded.
    pub(crate) omitted: std::collections::BTreeMap<Code, (crate::diagnostic::Severity, usize)>,
    /// `verify`'s verdicts per exchange (None for every other command).
    pub(crate) replays: Option<Box<replays::Replays>>,
    /// The run's severity overrides, applied as findings enter (the sink below).
    pub(crate) overrides: crate::settings::Overrides,
}

/// What [`Outcome::push_capped`] did with a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entered {
    /// Kept.
    Kept,
    /// Counted but not kept (past the cap); whether it is an error.
    Omitted { error: bool },
    /// Its code is turned off.
    Off,
}

/// The one sink of findings: every finding enters an outcome through
/// `push`, `extend`, `push_capped` or `merge`, which apply the run's
/// severity overrides (`[severity]`) there and only there, so each input
/// kind (documents, request bodies, fixtures, HAR, NDJSON), each format
/// and each finding derived from another (HX011, a negative exchange's
/// verdict) follows them. (tests/integration/severity_sink.rs checks that no
/// other code pushes into `diagnostics`.)
impl Outcome {
    /// An empty outcome whose findings take `settings`' severity overrides.
    pub(crate) fn for_run(settings: &Settings) -> Outcome {
        Outcome {
            overrides: settings.overrides(),
            ..Default::default()
        }
    }

    /// An outcome made elsewhere (a property or conformance run's) entering
    /// a run's sink: its findings take `settings`' overrides.
    pub(crate) fn entered(mut self, settings: &Settings) -> Outcome {
        let found = std::mem::take(&mut self.diagnostics);
        self.overrides = settings.overrides();
        self.extend(found);
        self
    }

    /// Keeps a finding, its severity override applied (dropped when off).
    pub(crate) fn push(&mut self, d: Diagnostic) {
        if let Some(d) = self.overrides.apply(d) {
            self.diagnostics.push(d);
        }
    }

    /// [`Outcome::push`] for each finding.
    pub(crate) fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    /// A stream's bounded sink: the override first (so a finding turned off
    /// does not take the place of one that counts), then kept while `kept`
    /// is under `max`, else counted by code with its effective severity.
    pub(crate) fn push_capped(&mut self, d: Diagnostic, kept: &mut usize, max: usize) -> Entered {
        let Some(d) = self.overrides.apply(d) else { return Entered::Off };
        if *kept < max {
            *kept += 1;
            self.diagnostics.push(d);
            Entered::Kept
        } else {
            let error = d.is_error();
            self.omitted.entry(d.code).or_insert((d.severity, 0)).1 += 1;
            Entered::Omitted { error }
        }
    }

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
    pub(crate) fn merge(&mut self, other: Outcome) {
        self.items.extend(other.items);
        if self.overrides == other.overrides {
            self.diagnostics.extend(other.diagnostics);
        } else {
            self.extend(other.diagnostics);
        }
        self.files += other.files;
        self.sources.extend(other.sources);
        self.lines.extend(other.lines);
        for (code, (sev, n)) in other.omitted {
            self.omitted.entry(code).or_insert((sev, 0)).1 += n;
        }
    }
}

impl From<Vec<Diagnostic>> for Outcome {
    /// An outcome of these findings alone (no items, no sources), to render
    /// findings a caller collected itself.
    fn from(diagnostics: Vec<Diagnostic>) -> Outcome {
        Outcome {
            diagnostics,
            ..Default::default()
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
    /// A file of another tool (`tsconfig.json`, `package.json`, `.vscode/*.json`,
    /// CI workflows...): skipped without a word, as pre-commit hands them over.
    OtherTool,
}

/// File names of other tools' configuration that share our extensions
/// (exact, lowercase), and prefixes of such names (`tsconfig.base.json`,
/// `.eslintrc.json`, `.prettierrc.yml`).
const OTHER_TOOL_FILES: &[&str] = &[
    "package.json",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "pnpm-lock.yaml",
    "pnpm-workspace.yaml",
    ".yarnrc.yml",
    "bower.json",
    "composer.json",
    "lerna.json",
    "nx.json",
    "turbo.json",
    "vercel.json",
    "renovate.json",
    "biome.json",
    "biome.jsonc",
    "deno.json",
    "deno.jsonc",
    "angular.json",
    "components.json",
    "codecov.yml",
    ".codecov.yml",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
    "docker-compose.yml",
    "docker-compose.yaml",
    "compose.yml",
    "compose.yaml",
    "mkdocs.yml",
    ".readthedocs.yaml",
    ".readthedocs.yml",
    "action.yml",
    "action.yaml",
];
const OTHER_TOOL_PREFIXES: &[&str] = &[
    "tsconfig.",
    "tsconfig-",
    "jsconfig.",
    ".eslintrc",
    ".prettierrc",
    ".babelrc",
    ".stylelintrc",
    ".lintstagedrc",
    ".releaserc",
    ".swcrc",
    ".renovaterc",
    ".mocharc",
    ".nycrc",
    ".graphqlrc",
    "graphql.config.",
    "cspell.",
    ".cspell.",
];
/// Folders whose files belong to other tools (editors, CI, dev containers).
const OTHER_TOOL_DIRS: &[&str] = &[
    ".vscode",
    ".idea",
    ".devcontainer",
    ".github",
    ".circleci",
    ".husky",
    ".changeset",
    "node_modules",
];

/// Is `path` a configuration file of another tool (by its name or folder)?
/// Such files reach `check` from pre-commit and directory walks in a
/// TypeScript repository; they are never fixtures, request bodies or HARs.
fn other_tool(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    OTHER_TOOL_FILES.contains(&name.as_str())
        || OTHER_TOOL_PREFIXES.iter().any(|p| name.starts_with(p))
        || path.parent().is_some_and(|d| {
            d.components()
                .any(|c| c.as_os_str().to_str().is_some_and(|c| OTHER_TOOL_DIRS.contains(&c)))
        })
}

fn kind_of(path: &Path) -> Kind {
    if path.as_os_str() == "-" {
        return Kind::Stream;
    }
    let kind = kind_by_extension(path);
    if kind == Kind::Data && other_tool(path) {
        return Kind::OtherTool;
    }
    kind
}

fn kind_by_extension(path: &Path) -> Kind {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("graphql") | Some("gql") => Kind::Operations,
        Some(e) if embedded::is_script(e) => Kind::Operations,
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
    // The entry's type comes with the listing (no `lstat` per file on most
    // file systems).
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = rd
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.path(), e.file_type().ok()?)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (e, ft) in entries {
        let name = e.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        // Symbolic links are not followed when walking (a link to a parent
        // would loop); a linked file named on the command line is read.
        if ft.is_symlink() {
            continue;
        }
        if ft.is_dir() {
            walk(&e, out, depth + 1);
        } else if !matches!(kind_of(&e), Kind::Unknown | Kind::OtherTool) {
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
pub(crate) type Progress<'a> = Option<&'a (dyn Fn(Tick) + Sync)>;

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

/// The documents of a project (graphql-config `documents`, or
/// plain-contract.toml `[check] documents`) besides the files checked:
/// fragments are resolved from all of them, findings reported only for the
/// files checked.
#[derive(Debug, Default, Clone)]
pub struct ProjectDocs {
    /// Every document file of the project.
    pub documents: Vec<PathBuf>,
    /// The files of the project's schema (not checked as documents, no note).
    pub schema_files: Vec<PathBuf>,
    /// Files already read and documents already parsed (see `ReadAhead`).
    pub read_ahead: Option<Arc<ReadAhead>>,
}

/// GraphQL files read, their documents parsed, their texts scanned for
/// fragment names and their paths made canonical before a run, which needs
/// no contract: the CLI does it on the other cores while the contract's
/// schema is parsed (the one long serial step of a run; 280 KB of SDL for
/// Plain's full schema), and the run takes the results instead of doing
/// the same again (a pre-commit run on one file of Plain's SDK layout took
/// 23.9 ms with it, 27.3 ms without). Only operation files (`.graphql`, `.gql`, scripts)
/// are read; a file that cannot be read is left to the run, which reports
/// it. What a run finds is the same with or without it.
#[derive(Debug, Default)]
pub struct ReadAhead {
    /// The paths given and the files they expand to (a run on the same
    /// paths does not walk the folders again).
    expanded: (Vec<PathBuf>, Vec<PathBuf>),
    /// By the path as the run names it.
    sources: HashMap<PathBuf, Arc<Source>>,
    /// The parsed documents of the files to check, by source path; each taken once.
    docs: std::sync::Mutex<HashMap<String, Vec<documents::Doc>>>,
    /// Every source's lexical scan (see [`documents::relevant`]), by source path.
    scans: HashMap<String, documents::Scan>,
    /// Canonical paths (how a run tells a checked file among the project's),
    /// with the folders resolved so far.
    path_keys: crate::util::path_key::PathKeys,
    /// The documents a run has checked, kept until the read-ahead is dropped
    /// (see [`ReadAhead::keep`]).
    spent: std::sync::Mutex<Vec<Vec<documents::Doc>>>,
}

impl ReadAhead {
    /// Reads the operation files among `paths` (directories expanded as a
    /// run expands them, each at most `max_bytes`) and parses their
    /// documents, and reads (without parsing) the project's other
    /// documents, in parallel.
    pub fn new(paths: &[PathBuf], project_documents: &[PathBuf], max_bytes: u64) -> ReadAhead {
        use rayon::prelude::*;
        let expanded = expand_paths(paths);
        let checked: Vec<PathBuf> = expanded.iter().filter(|p| kind_of(p) == Kind::Operations).cloned().collect();
        let read: Vec<(PathBuf, Arc<Source>)> = checked
            .par_iter()
            .filter_map(|p| Some((p.clone(), read_source_limited(p, max_bytes).ok()?)))
            .collect();
        // Fragment texts repeated across files (self-contained documents) parsed once.
        let parsed = documents::read_many(&read.iter().map(|(_, s)| s.clone()).collect::<Vec<_>>());
        let mut sources = HashMap::with_capacity(read.len() + project_documents.len());
        let mut docs = HashMap::with_capacity(read.len());
        for ((p, src), d) in read.into_iter().zip(parsed) {
            docs.insert(src.path.clone(), d);
            sources.insert(p, src);
        }
        let others: Vec<(PathBuf, Arc<Source>)> = project_documents
            .par_iter()
            .filter(|p| !sources.contains_key(*p))
            .filter_map(|p| Some((p.clone(), read_source(p).ok()?)))
            .collect();
        // The scans tell which of the project's other files a run needs;
        // with none, they are not made.
        let scans = if others.is_empty() {
            HashMap::new()
        } else {
            sources
                .par_iter()
                .chain(others.par_iter().map(|(p, s)| (p, s)))
                .map(|(_, src)| (src.path.clone(), documents::scan(&src.text)))
                .collect()
        };
        sources.extend(others);
        ReadAhead {
            expanded: (paths.to_vec(), expanded),
            sources,
            docs: std::sync::Mutex::new(docs),
            scans,
            path_keys: Default::default(),
            spent: Default::default(),
        }
    }

    /// Keeps the documents a run checked: they are freed with the
    /// read-ahead, whose owner decides when (a process about to exit need
    /// not free them at all; freeing hundreds of syntax trees takes a few
    /// milliseconds).
    fn keep(&self, docs: Vec<documents::Doc>) {
        match self.spent.lock() {
            Ok(mut spent) => spent.push(docs),
            Err(_) => rayon::spawn(move || drop(docs)),
        }
    }

    fn source(&self, path: &Path) -> Option<Arc<Source>> {
        self.sources.get(path).cloned()
    }

    /// The documents of a source read ahead, or parsed now.
    fn docs(&self, src: &Arc<Source>) -> Vec<documents::Doc> {
        let taken = self.docs.lock().ok().and_then(|mut m| m.remove(&src.path));
        match taken {
            // Only if it is the very text the run holds.
            Some(d) if d.first().is_none_or(|d| Arc::ptr_eq(&d.file, src)) => d,
            _ => documents::read(src),
        }
    }
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
        Some(a) if a.expanded.0 == paths => a.expanded.1.clone(),
        _ => expand_paths(paths),
    };
    // A shard checks its own files, and reads the operation documents of
    // the others as the project's (fragments, duplicate names, the
    // operations that use its fragments), so the shards' findings together
    // are the whole run's.
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
        let path_keys = ahead.map_or(&own_keys, |a| &a.path_keys);
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
        let others = documents::relevant_with(&op_sources, others, ahead.map(|a| &a.scans));
        let mut docs: Vec<documents::Doc> = match ahead {
            Some(a) => op_sources.par_iter().flat_map_iter(|s| a.docs(s)).collect(),
            None => documents::read_many(&op_sources).into_iter().flatten().collect(),
        };
        docs.extend(others.par_iter().flat_map_iter(documents::read).collect::<Vec<_>>());
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
            stream::check_reader(contract, cache, settings, path, text.as_bytes(), &mut out);
        }
        Kind::Operations => {
            let src = Source::new(path, text);
            out.add_source(&src);
            let docs = documents::read(&src);
            let reported = documents::Reported {
                files: Some([src.path.clone()].into_iter().collect()),
                ..Default::default()
            };
            documents::check(&contract.schema, &docs, &reported, &mut out);
            full_schema_notes(&contract.schema, &mut out.diagnostics);
        }
        kind => {
            let src = Source::new(path, text);
            out.add_source(&src);
            check_data_file(contract, cache, settings, &src, kind == Kind::Har, &mut out);
        }
    }
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
            stream::check_stream(contract, cache, settings, path, &mut out, progress);
            return (out, None);
        }
        Kind::Har => {
            har_stream::check_har(contract, cache, settings, path, &mut out, progress);
            return (out, None);
        }
        _ => {}
    }
    let read = match read_ahead {
        Some(s) => Ok(s),
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
    check_data_file(contract, cache, settings, &src, kind == Kind::Har, &mut out);
    (out, None)
}

fn check_data_file(contract: &Contract, cache: &OpCache, settings: &Settings, src: &Arc<Source>, har: bool, out: &mut Outcome) {
    let syntax = Syntax::guess(&src.path, &src.text);
    let root = match node::parse(src, syntax) {
        Ok(r) => r,
        Err(d) if d.code == Code::SyntaxError && syntax == Syntax::Json && !har && jsonc_of_another_tool(&src.text) => {
            out.push(Diagnostic::at(
                Code::SkippedFile,
                "JSON with comments (JSONC), the configuration of another tool: fixtures, request bodies and HARs are plain JSON; skipped",
                src,
                0,
                0,
            ));
            return;
        }
        Err(d) => {
            out.push(d);
            return;
        }
    };
    let is_request = |n: &Node| n.get("query").is_some();
    if har && !crate::exchange::is_har(&root) {
        out.push(
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
            Err(ds) => out.extend(ds),
        }
    } else if let crate::exchange::Contents::Exchanges(mut list, notes, leaks) =
        crate::exchange::read(src, &root, &crate::exchange::Target::of(contract, settings.hosts()))
    {
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
    } else if is_request(&root) {
        push_request(contract, cache, src, &root, "", out);
        if let Some(sink) = settings.coverage() {
            cover::request_body(contract, cache, src, &root, sink);
        }
    } else if let node::Value::Array(items) = &root.value {
        // A batch of requests (GraphQL over HTTP batching), or a list of bodies.
        if !items.is_empty() && items.iter().all(is_request) {
            for (i, it) in items.iter().enumerate() {
                push_request(contract, cache, src, it, &push_token("", &i.to_string()), out);
                if let Some(sink) = settings.coverage() {
                    cover::request_body(contract, cache, src, it, sink);
                }
            }
        } else {
            skipped(src, out);
        }
    } else {
        skipped(src, out);
    }
}

/// Does `text`, which is not JSON, parse as JSONC (comments, trailing
/// commas: tsconfig.json, VS Code settings) into something that is none of
/// plain-contract's inputs? A request body, exchange, HAR or OpenAPI
/// document with a comment in it stays a syntax error: the server would
/// refuse it, and a broken fixture must fail.
fn jsonc_of_another_tool(text: &str) -> bool {
    use jsonc_parser::JsonValue;
    let ours = |v: &JsonValue| match v {
        JsonValue::Object(o) => ["query", "request", "log", "openapi", "swagger"].iter().any(|k| o.get(k).is_some()),
        _ => false,
    };
    let jsonc = jsonc_parser::ParseOptions {
        allow_comments: true,
        allow_trailing_commas: true,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
    };
    // node::parse has bounded the nesting before this second parse.
    match jsonc_parser::parse_to_value(text, &jsonc) {
        Ok(Some(JsonValue::Array(items))) => !items.iter().any(ours),
        Ok(Some(v @ JsonValue::Object(_))) => !ours(&v),
        _ => false,
    }
}

fn skipped(src: &Source, out: &mut Outcome) {
    out.push(Diagnostic::at(
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
    out.extend(request::check_body(contract, cache, src, body, ptr));
}

#[cfg(test)]
mod other_tools {
    use super::*;

    #[test]
    fn files_of_other_tools_are_known_by_name_or_folder() {
        for p in [
            "tsconfig.json",
            "web/tsconfig.build.json",
            "package.json",
            ".eslintrc.json",
            ".vscode/settings.json",
            "app/.vscode/launch.json",
            ".github/workflows/ci.yml",
            ".prettierrc.yaml",
            "graphql.config.yml",
        ] {
            assert_eq!(kind_of(Path::new(p)), Kind::OtherTool, "{p}");
        }
        for p in [
            "fixtures/package.yaml",
            "requests/tsconfig-request.graphql",
            "fixtures/customers.json",
            "vscode/body.json",
        ] {
            assert_ne!(kind_of(Path::new(p)), Kind::OtherTool, "{p}");
        }
    }

    #[test]
    fn json_with_comments_is_another_tools_unless_it_holds_ours() {
        assert!(jsonc_of_another_tool("{\n  // editor\n  \"a\": 1,\n}\n"));
        assert!(jsonc_of_another_tool("[/* a list */ 1, 2]"));
        // A request body, exchange, HAR or OpenAPI document with a comment stays broken.
        for ours in [
            "{ // c\n \"query\": \"{ a }\" }",
            "{ /* c */ \"request\": {} }",
            "{ \"log\": {}, // c\n }",
            "[{ \"query\": \"{ a }\" }, // c\n]",
        ] {
            assert!(!jsonc_of_another_tool(ours), "{ours}");
        }
        // Not JSONC either (a missing comma, single quotes): a syntax error as before.
        assert!(!jsonc_of_another_tool("{ \"a\": 1 \"b\": 2 }"));
        assert!(!jsonc_of_another_tool("{ 'a': 1 }"));
    }
}
