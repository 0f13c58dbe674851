//! Client projects: where a repository keeps its GraphQL schema and
//! documents, read from graphql-config, the project file GraphQL Inspector,
//! graphql-eslint, GraphQL Code Generator and the editors' language servers
//! read (<https://the-guild.dev/graphql/config/docs>), or else from GraphQL
//! Code Generator's own configuration (`codegen.yml`, `codegen.json`,
//! `codegen.ts`: see [`codegen`]).
//!
//! The file is found by walking up from the working directory, under any of
//! the names in [`FILE_NAMES`] (YAML or JSON; `.graphqlrc` is either), then
//! [`CODEGEN_NAMES`], in each folder. Its `schema` (a path or a glob of SDL
//! files, a URL, a built-in name, or a list of them) and `documents` (globs)
//! are read, at the top level or under `projects:` (`--project NAME` picks
//! one, `--project all` every one; without it the project named `default`,
//! or the only one). Keys plain-contract does not use (`extensions`,
//! `include`, ...) are ignored. plain-contract.toml's `[check] schema` and
//! `documents` say the same and win where both exist.
//!
//! A project's schema is resolved only when the run uses it: with
//! `--schema` or `[check] schema`, a project's schema URL is never fetched
//! and its files are only looked up (so that a document glob that matches
//! them does not check them as documents).
//!
//! Globs are matched with `globset` over a walk of the project's folder that
//! never leaves it: a pattern that is absolute or climbs with `..` is an
//! error, hidden folders, `node_modules` and `target` are not entered,
//! symbolic links are not followed (no loops), and the walk stops at
//! [`MAX_DEPTH`] levels and [`MAX_FILES`] files. Every mistake is a `PC013`
//! error at its line:col (exit 2).

pub(crate) mod codegen;

use crate::diagnostic::{Code, Diagnostic};
use crate::node::{self, Node, Syntax, Value};
use crate::source::Source;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The graphql-config file names looked for, in this order in each folder.
pub(crate) const FILE_NAMES: &[&str] = &[
    "graphql.config.yml",
    "graphql.config.yaml",
    "graphql.config.json",
    ".graphqlrc",
    ".graphqlrc.yml",
    ".graphqlrc.yaml",
    ".graphqlrc.json",
];

/// GraphQL Code Generator's configuration file names, looked for after
/// [`FILE_NAMES`] in each folder.
pub(crate) const CODEGEN_NAMES: &[&str] = &[
    "codegen.yml",
    "codegen.yaml",
    "codegen.json",
    "codegen.ts",
    "codegen.mts",
    "codegen.js",
    "codegen.cjs",
    "codegen.mjs",
];

/// What `--project` says: absent, a name, or `all` (every project, unless
/// one is named `all`).
pub(crate) const ALL_PROJECTS: &str = "all";

/// Deepest folder level a glob walk enters.
pub(crate) const MAX_DEPTH: usize = 32;
/// Most files a glob walk looks at.
pub(crate) const MAX_FILES: usize = 200_000;

pub(crate) use crate::config::Pattern;

/// A project read from a graphql-config or codegen file: its documents
/// expanded, its schema as written (resolved only if the run uses it).
#[derive(Debug, Clone)]
pub(crate) struct Project {
    /// The file it was read from.
    pub file: String,
    /// Its name under `projects:`, if it has one.
    pub name: Option<String>,
    /// The schema as written, with the file to place findings in.
    pub schema: Option<Patterns>,
    /// The documents' globs as written.
    pub document_patterns: Vec<Pattern>,
    /// The documents' files.
    pub documents: Vec<PathBuf>,
    /// Values that could not be read (a `codegen.ts` that computes its
    /// `schema` or `documents`): a finding each, raised only where the run
    /// needs the value and plain-contract.toml does not give it.
    pub computed: Vec<(&'static str, Diagnostic)>,
}

/// Globs, paths, URLs or built-in names as a file says them, with the file
/// (for findings) and the folder they are relative to.
#[derive(Debug, Clone)]
pub(crate) struct Patterns {
    /// The file that says them.
    pub src: Arc<Source>,
    /// The folder they are relative to.
    pub base: PathBuf,
    /// The patterns.
    pub list: Vec<Pattern>,
    /// Request headers for a URL among them (never shown).
    pub headers: Vec<(String, String)>,
    /// The `${VAR}`s of those headers that the environment does not set
    /// (and that have no default), named when the URL refuses.
    pub unset_env: Vec<String>,
}

/// Where a run's schema comes from, once chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SchemaPick {
    /// The embedded Customers API schema.
    Embedded,
    /// One source `--schema` takes: a file, a directory, a URL, a built-in name.
    Spec(PathBuf),
    /// Several SDL files, read as one schema.
    Files(Vec<PathBuf>),
}

impl Patterns {
    /// The schema these patterns name: one source, or several SDL files.
    pub(crate) fn resolve(&self) -> Result<SchemaPick, Vec<Diagnostic>> {
        let urls: Vec<&Pattern> = self
            .list
            .iter()
            .filter(|p| crate::contract::source::fetch::is_url(&p.text))
            .collect();
        if let Some(u) = urls.first() {
            if self.list.len() > 1 {
                return Err(vec![err(
                    &self.src,
                    u.span,
                    format!(
                        "schema `{}` is a URL among other schema sources; give one URL, or files only",
                        u.text
                    ),
                )]);
            }
            return Ok(SchemaPick::Spec(PathBuf::from(&u.text)));
        }
        let files = resolve_schema(&self.src, &self.base, &self.list)?;
        Ok(match files.as_slice() {
            [] => SchemaPick::Embedded,
            [one] => SchemaPick::Spec(one.clone()),
            _ => SchemaPick::Files(files),
        })
    }

    /// The local files these patterns name, as far as they can be found
    /// (for telling a schema file among the documents); never an error.
    pub(crate) fn local_files(&self) -> Vec<PathBuf> {
        let local: Vec<Pattern> = self
            .list
            .iter()
            .filter(|p| !crate::contract::source::fetch::is_url(&p.text) && crate::contract::builtin_schema(&p.text).is_none())
            .cloned()
            .collect();
        if local.is_empty() {
            return Vec::new();
        }
        resolve_schema(&self.src, &self.base, &local).unwrap_or_default()
    }

    /// The patterns as written, for `config show`.
    pub(crate) fn texts(&self) -> Vec<String> {
        self.list.iter().map(|p| p.text.clone()).collect()
    }
}

/// The nearest graphql-config file in `dir` or a parent; in a folder with
/// none, a GraphQL Code Generator configuration.
pub(crate) fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| FILE_NAMES.iter().chain(CODEGEN_NAMES).map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

fn err(src: &Source, span: (usize, usize), msg: impl Into<String>) -> Diagnostic {
    Diagnostic::at(Code::ProjectInvalid, msg, src, span.0, span.1)
}

fn span(n: &Node) -> (usize, usize) {
    (n.start, n.len)
}

/// Strings of a `schema`/`documents` value: a string, a list of strings, or
/// (for `schema`) objects keyed by a pointer such as `{url: {headers}}`.
fn patterns(src: &Source, n: &Node, key: &str, errors: &mut Vec<Diagnostic>) -> Vec<Pattern> {
    let one = |v: &Node, errors: &mut Vec<Diagnostic>| -> Option<Pattern> {
        match &v.value {
            Value::String(s) => Some(Pattern {
                text: s.clone(),
                span: span(v),
            }),
            Value::Object(m) if m.len() == 1 => Some(Pattern {
                text: m[0].0.name.clone(),
                span: (m[0].0.start, m[0].0.name.len()),
            }),
            _ => {
                errors.push(err(src, span(v), format!("`{key}` must be a string or a list of strings")));
                None
            }
        }
    };
    match &n.value {
        Value::Array(items) => items.iter().filter_map(|v| one(v, errors)).collect(),
        Value::Null => Vec::new(),
        _ => one(n, errors).into_iter().collect(),
    }
}

/// The request headers a `schema` value gives its URL
/// (`{"https://…": {headers: {Name: value}}}`, as graphql-config and
/// GraphQL Code Generator take them), `${VAR}` and `${VAR:default}`
/// replaced from the environment as both tools do; a header whose value
/// comes out empty is left out. Also the variables that were not set (and
/// had no default), for the notes of a refusal.
fn url_headers(n: &Node) -> (Vec<(String, String)>, Vec<String>) {
    let entries: Vec<&Node> = match &n.value {
        Value::Array(items) => items.iter().collect(),
        _ => vec![n],
    };
    let mut out = Vec::new();
    let mut unset = Vec::new();
    for e in entries {
        let Some([(_, opts)]) = e.members() else { continue };
        for (k, v) in opts.get("headers").and_then(Node::members).unwrap_or_default() {
            if let Some(v) = v.as_str() {
                let value = expand_env(v, &mut unset);
                if !value.trim().is_empty() {
                    out.push((k.name.clone(), value));
                }
            }
        }
    }
    (out, unset)
}

/// `${VAR}` and `${VAR:default}` replaced by the environment's values; the
/// names of unset variables without a default are added to `unset`.
fn expand_env(text: &str, unset: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("${") {
        out.push_str(&rest[..at]);
        let Some(end) = rest[at..].find('}') else {
            out.push_str(&rest[at..]);
            return out;
        };
        let inner = &rest[at + 2..at + end];
        let (var, default) = match inner.split_once(':') {
            Some((v, d)) => (v, Some(d)),
            None => (inner, None),
        };
        match (std::env::var(var.trim()), default) {
            (Ok(value), _) => out.push_str(&value),
            (Err(_), Some(d)) => out.push_str(d),
            (Err(_), None) => {
                if !unset.iter().any(|u| u == var.trim()) {
                    unset.push(var.trim().to_string());
                }
            }
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Loads the graphql-config (or codegen) file at `path` and resolves
/// `project` (or the default one; `all`: every one).
pub(crate) fn load(path: &Path, project: Option<&str>) -> Result<Vec<Project>, (Vec<Diagnostic>, Arc<Source>)> {
    let src = crate::input::read::read_source(path).map_err(|d| (vec![d], Source::new(path.display().to_string(), "")))?;
    let fail = |d: Vec<Diagnostic>| (d, src.clone());
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let script = codegen::is_script(file_name);
    let (root, computed) = if script {
        codegen::read(&src).map_err(|d| fail(vec![d]))?
    } else {
        let root = node::parse(&src, Syntax::guess(&src.path, &src.text)).map_err(|d| fail(vec![d]))?;
        (root, Vec::new())
    };
    if root.members().is_none() {
        return Err(fail(vec![err(
            &src,
            span(&root),
            "a graphql-config file must hold a mapping (schema, documents, projects)",
        )]));
    }
    let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let codegen_file = CODEGEN_NAMES.contains(&file_name);
    let chosen: Vec<(Option<String>, &Node)> = match root.get("projects").filter(|_| !codegen_file) {
        Some(projects) => {
            let Some(members) = projects.members() else {
                return Err(fail(vec![err(
                    &src,
                    span(projects),
                    "`projects` must be a mapping of project names",
                )]));
            };
            let names: Vec<&str> = members.iter().map(|(k, _)| k.name.as_str()).collect();
            let want = match project {
                Some(ALL_PROJECTS) if !names.contains(&ALL_PROJECTS) => None,
                Some(p) => Some(p),
                None if names.contains(&"default") => Some("default"),
                None if names.len() == 1 => Some(names[0]),
                None => {
                    return Err(fail(vec![err(
                        &src,
                        span(projects),
                        format!(
                            "this file defines projects {}; say which with --project NAME (or --project all)",
                            names.join(", ")
                        ),
                    )]))
                }
            };
            match want {
                None => members.iter().map(|(k, v)| (Some(k.name.clone()), v)).collect(),
                Some(want) => match members.iter().find(|(k, _)| k.name == want) {
                    Some((k, v)) => vec![(Some(k.name.clone()), v)],
                    None => {
                        let mut d = err(
                            &src,
                            span(projects),
                            format!("no project named `{want}`; this file defines {}", names.join(", ")),
                        );
                        if let Some(close) = crate::suggest::closest(want, names.iter().copied()) {
                            d = d.with_note(format!("did you mean `{close}`?"));
                        }
                        return Err(fail(vec![d]));
                    }
                },
            }
        }
        None => {
            if let Some(p) = project.filter(|p| *p != ALL_PROJECTS) {
                return Err(fail(vec![err(
                    &src,
                    (0, 0),
                    format!("--project {p}: this file defines no `projects`"),
                )]));
            }
            vec![(None, &root)]
        }
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (name, conf) in chosen {
        let (mut headers, mut unset_env) = conf.get("schema").map(url_headers).unwrap_or_default();
        let mut schema = conf
            .get("schema")
            .map(|n| patterns(&src, n, "schema", &mut errors))
            .unwrap_or_default();
        let mut document_patterns = conf
            .get("documents")
            .map(|n| patterns(&src, n, "documents", &mut errors))
            .unwrap_or_default();
        if codegen_file {
            // GraphQL Code Generator also takes both per output file.
            for (_, target) in conf.get("generates").and_then(Node::members).unwrap_or_default() {
                if schema.is_empty() {
                    schema = target
                        .get("schema")
                        .map(|n| patterns(&src, n, "schema", &mut errors))
                        .unwrap_or_default();
                    (headers, unset_env) = target.get("schema").map(url_headers).unwrap_or_default();
                }
                if let Some(n) = target.get("documents") {
                    document_patterns.extend(patterns(&src, n, "documents", &mut errors));
                }
            }
        }
        out.push(Project {
            file: src.path.clone(),
            name,
            schema: (!schema.is_empty()).then(|| Patterns {
                src: src.clone(),
                base: base.clone(),
                list: schema,
                headers,
                unset_env,
            }),
            document_patterns,
            documents: Vec::new(),
            computed: computed.clone(),
        });
    }
    if !errors.is_empty() {
        return Err(fail(errors));
    }
    for p in &mut out {
        p.documents = expand(&src, &base, &p.document_patterns).map_err(fail)?;
    }
    Ok(out)
}

fn has_glob(s: &str) -> bool {
    s.contains(['*', '?', '[', '{'])
}

/// The schema's files: paths must exist, globs must match; a URL among
/// them is refused (a URL is a schema by itself: [`Patterns::resolve`]).
pub(crate) fn resolve_schema(src: &Source, base: &Path, pats: &[Pattern]) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in pats {
        if p.text.starts_with("http://") || p.text.starts_with("https://") {
            errors.push(
                err(
                    src,
                    p.span,
                    format!("schema `{}` is a URL among other schema files; give one URL, or files only", p.text),
                )
                .with_note("or name the schema with --schema, or `[check] schema` in plain-contract.toml"),
            );
        } else if crate::contract::builtin_schema(&p.text).is_some() {
            out.push(PathBuf::from(&p.text));
        } else if has_glob(&p.text) {
            match expand(src, base, std::slice::from_ref(p)) {
                Ok(v) => out.extend(v),
                Err(e) => errors.extend(e),
            }
        } else {
            match checked_join(src, base, p) {
                Ok(path) if path.is_file() => out.push(path),
                Ok(path) => errors.push(err(src, p.span, format!("the schema file {} does not exist", path.display()))),
                Err(e) => errors.push(e),
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// `base` joined with a relative pattern that stays inside it.
fn checked_join(src: &Source, base: &Path, p: &Pattern) -> Result<PathBuf, Diagnostic> {
    let rel = Path::new(p.text.trim_start_matches("./"));
    let climbs = rel.components().any(|c| matches!(c, std::path::Component::ParentDir));
    if rel.is_absolute() || climbs {
        return Err(err(
            src,
            p.span,
            format!(
                "`{}` leaves the project's folder ({}); patterns are relative to it and stay inside",
                p.text,
                shown(base)
            ),
        ));
    }
    Ok(if base.as_os_str().is_empty() {
        rel.to_path_buf()
    } else {
        base.join(rel)
    })
}

fn shown(base: &Path) -> String {
    if base.as_os_str().is_empty() {
        ".".into()
    } else {
        base.display().to_string()
    }
}

/// The files under `base` that the patterns match (a `!` pattern excludes),
/// sorted. A pattern that matches nothing is an error at its place.
pub(crate) fn expand(src: &Source, base: &Path, pats: &[Pattern]) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut include = Vec::new();
    let mut exclude = globset::GlobSetBuilder::new();
    for p in pats {
        let (neg, text) = match p.text.strip_prefix('!') {
            Some(t) => (true, t),
            None => (false, p.text.as_str()),
        };
        let q = Pattern {
            text: text.to_string(),
            span: p.span,
        };
        if let Err(e) = checked_join(src, base, &q) {
            errors.push(e);
            continue;
        }
        let glob = globset::GlobBuilder::new(text.trim_start_matches("./"))
            .literal_separator(true)
            .build();
        match glob {
            Ok(g) if neg => {
                exclude.add(g);
            }
            Ok(g) => include.push((g.compile_matcher(), p)),
            Err(e) => errors.push(err(src, p.span, format!("`{}` is not a valid glob: {}", p.text, e.kind()))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let exclude = exclude
        .build()
        .map_err(|e| vec![err(src, (0, 0), format!("bad exclusion glob: {e}"))])?;
    let mut files = Vec::new();
    walk(base, Path::new(""), 0, &mut files);
    let mut out = Vec::new();
    let mut hits = vec![0usize; include.len()];
    for rel in &files {
        if exclude.is_match(rel) {
            continue;
        }
        let mut any = false;
        for (k, (m, _)) in include.iter().enumerate() {
            if m.is_match(rel) {
                hits[k] += 1;
                any = true;
            }
        }
        if any {
            out.push(if base.as_os_str().is_empty() { rel.clone() } else { base.join(rel) });
        }
    }
    for (k, (_, p)) in include.iter().enumerate() {
        if hits[k] == 0 {
            errors.push(err(src, p.span, format!("`{}` matches no file under {}", p.text, shown(base))));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Every file under `dir` (paths relative to the walk's root), sorted,
/// bounded as the module docs say.
fn walk(root: &Path, rel: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > MAX_DEPTH || out.len() >= MAX_FILES {
        return;
    }
    let dir = if root.as_os_str().is_empty() {
        rel.to_path_buf()
    } else {
        root.join(rel)
    };
    let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
    let Ok(rd) = std::fs::read_dir(&dir) else { return };
    let mut entries: Vec<(String, std::fs::FileType)> = rd
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name().to_str()?.to_string(), e.file_type().ok()?)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, ft) in entries {
        if out.len() >= MAX_FILES {
            return;
        }
        if ft.is_symlink() {
            continue;
        }
        let r = rel.join(&name);
        if ft.is_dir() {
            if !(name.starts_with('.') || name == "node_modules" || name == "target") {
                walk(root, &r, depth + 1, out);
            }
        } else if ft.is_file() {
            out.push(r);
        }
    }
}

/// What `check` takes from the project files (graphql-config or codegen,
/// and plain-contract.toml `[check]`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Resolved {
    /// The projects of the run: one, or every one with `--project all`
    /// (none when no graphql-config or codegen file was found).
    pub projects: Vec<Project>,
    /// `[check] schema`, as written in plain-contract.toml.
    pub toml_schema: Option<Patterns>,
    /// `[check] documents`, expanded.
    pub toml_documents: Option<Vec<PathBuf>>,
    /// The files it was read from.
    pub files: Vec<String>,
}

/// One project of a run, its schema chosen.
#[derive(Debug, Clone, Default)]
pub(crate) struct Unit {
    /// The project's name, if it has one.
    pub name: Option<String>,
    /// Every document file of the project.
    pub documents: Vec<PathBuf>,
    /// The project's schema files on disk (never checked as documents).
    pub schema_files: Vec<PathBuf>,
    /// The project file whose `schema` the unit uses, if the schema comes
    /// from one (graphql-config or codegen), for the notes of its errors.
    pub schema_from: Option<String>,
    /// Request headers the project file gives its schema URL.
    pub schema_headers: Vec<(String, String)>,
    /// The `${VAR}`s of those headers that the environment does not set.
    pub schema_unset_env: Vec<String>,
}

/// Resolves the project from `config` (plain-contract.toml) and the
/// nearest graphql-config (or codegen) file above `dir`, its path shown
/// relative to `cwd`. `Ok(None)`: no project at all.
pub(crate) fn resolve(
    config: &crate::config::Config,
    dir: &Path,
    cwd: &Path,
    project: Option<&str>,
) -> Result<Option<Resolved>, Vec<Diagnostic>> {
    let mut r = Resolved::default();
    match discover(dir) {
        Some(p) => {
            let p = p.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or(p);
            r.projects = load(&p, project).map_err(|(d, _)| d)?;
            r.files.push(p.display().to_string());
        }
        None => {
            if let Some(p) = project {
                return Err(vec![Diagnostic::file_level(
                    Code::ProjectInvalid,
                    format!(
                        "--project {p}: no graphql-config file ({}) in this folder or a parent",
                        FILE_NAMES.join(", ")
                    ),
                    &dir.display().to_string(),
                    Default::default(),
                )]);
            }
        }
    }
    if let (Some(src), true) = (&config.source, config.project_schema.is_some() || !config.documents.is_empty()) {
        let base = Path::new(&src.path).parent().unwrap_or(Path::new("")).to_path_buf();
        if let Some(p) = &config.project_schema {
            r.toml_schema = Some(Patterns {
                src: src.clone(),
                base: base.clone(),
                list: vec![p.clone()],
                headers: Vec::new(),
                unset_env: Vec::new(),
            });
        }
        if !config.documents.is_empty() {
            r.toml_documents = Some(expand(src, &base, &config.documents)?);
        }
        r.files.push(src.path.clone());
    }
    Ok((!r.files.is_empty()).then_some(r))
}

impl Resolved {
    /// The units of the run (at least one), and for each the schema it
    /// uses: `--schema`, else `[check] schema`, else `[contract] schema`,
    /// else the project's, else the embedded one. A source that is not
    /// used is never fetched or required to exist.
    pub(crate) fn units(
        &self,
        cli_schema: Option<&Path>,
        contract_schema: Option<&Path>,
    ) -> Result<Vec<(Unit, SchemaPick)>, Vec<Diagnostic>> {
        let toml_pick = match (&self.toml_schema, cli_schema) {
            (Some(t), None) => Some(t.resolve()?),
            _ => None,
        };
        let mut errors = Vec::new();
        let none = [None];
        let projects: Vec<Option<&Project>> = if self.projects.is_empty() {
            none.to_vec()
        } else {
            self.projects.iter().map(Some).collect()
        };
        let mut out = Vec::new();
        for p in projects {
            let project_schema = p.and_then(|p| p.schema.as_ref());
            let mut schema_from = None;
            let mut schema_headers = Vec::new();
            let mut schema_unset_env = Vec::new();
            let pick = if let Some(s) = cli_schema {
                SchemaPick::Spec(s.to_path_buf())
            } else if let Some(t) = &toml_pick {
                t.clone()
            } else if let Some(c) = contract_schema {
                SchemaPick::Spec(c.to_path_buf())
            } else if let Some(ps) = project_schema {
                schema_from = Some(ps.src.path.clone());
                schema_headers = ps.headers.clone();
                schema_unset_env = ps.unset_env.clone();
                match ps.resolve() {
                    Ok(pick) => pick,
                    Err(e) => {
                        errors.extend(e);
                        continue;
                    }
                }
            } else {
                if let Some((_, d)) = p.and_then(|p| p.computed.iter().find(|(k, _)| *k == "schema")) {
                    errors.push(d.clone());
                }
                SchemaPick::Embedded
            };
            let documents = match (&self.toml_documents, p) {
                (Some(d), _) => d.clone(),
                (None, Some(p)) => {
                    if p.document_patterns.is_empty() {
                        if let Some((_, d)) = p.computed.iter().find(|(k, _)| *k == "documents") {
                            errors.push(d.clone());
                        }
                    }
                    p.documents.clone()
                }
                (None, None) => Vec::new(),
            };
            let mut schema_files = match &pick {
                SchemaPick::Files(f) => f.clone(),
                SchemaPick::Spec(s) if s.is_file() => vec![s.clone()],
                _ => Vec::new(),
            };
            // The schema files of a source the run does not use (looked up
            // only: a glob is walked once, by the source that is used).
            let toml_used = cli_schema.is_none() && self.toml_schema.is_some();
            let project_used = schema_from.is_some();
            let unused = [
                project_schema.filter(|_| !project_used),
                self.toml_schema.as_ref().filter(|_| !toml_used),
            ];
            for ps in unused.into_iter().flatten() {
                for f in ps.local_files() {
                    if !schema_files.contains(&f) {
                        schema_files.push(f);
                    }
                }
            }
            out.push((
                Unit {
                    name: p.and_then(|p| p.name.clone()),
                    documents,
                    schema_files,
                    schema_from,
                    schema_headers,
                    schema_unset_env,
                },
                pick,
            ));
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }
}
