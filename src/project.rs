//! Client projects: where a repository keeps its GraphQL schema and
//! documents, read from graphql-config, the project file GraphQL Inspector,
//! graphql-eslint, GraphQL Code Generator and the editors' language servers
//! read (<https://the-guild.dev/graphql/config/docs>).
//!
//! The file is found by walking up from the working directory, under any of
//! the names in [`FILE_NAMES`] (YAML or JSON; `.graphqlrc` is either). Its
//! `schema` (a path or a glob of SDL files, or a list of them) and
//! `documents` (globs) are read, at the top level or under `projects:`
//! (`--project NAME` picks one; without it the project named `default`, or
//! the only one). Keys plain-contract does not use (`extensions`, `include`,
//! ...) are ignored. plain-contract.toml's `[check] schema` and `documents`
//! say the same and win where both exist.
//!
//! Globs are matched with `globset` over a walk of the project's folder that
//! never leaves it: a pattern that is absolute or climbs with `..` is an
//! error, hidden folders, `node_modules` and `target` are not entered,
//! symbolic links are not followed (no loops), and the walk stops at
//! [`MAX_DEPTH`] levels and [`MAX_FILES`] files. Every mistake is a `PC013`
//! error at its line:col (exit 2).

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

/// Deepest folder level a glob walk enters.
pub(crate) const MAX_DEPTH: usize = 32;
/// Most files a glob walk looks at.
pub(crate) const MAX_FILES: usize = 200_000;

pub(crate) use crate::config::Pattern;

/// A resolved project.
#[derive(Debug, Clone, Default)]
pub(crate) struct Project {
    /// The file it was read from.
    pub file: String,
    /// The schema's files (or a built-in schema name), relative to the working directory.
    pub schema: Vec<PathBuf>,
    /// The documents' files.
    pub documents: Vec<PathBuf>,
}

/// The nearest graphql-config file in `dir` or a parent.
pub(crate) fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| FILE_NAMES.iter().map(move |n| d.join(n)))
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

/// Loads the graphql-config file at `path` and resolves `project` (or the default one).
pub(crate) fn load(path: &Path, project: Option<&str>) -> Result<Project, (Vec<Diagnostic>, Arc<Source>)> {
    let src = crate::contract::read_source(path).map_err(|d| (vec![d], Source::new(path.display().to_string(), "")))?;
    let fail = |d: Vec<Diagnostic>| (d, src.clone());
    let root = node::parse(&src, Syntax::guess(&src.path, &src.text)).map_err(|d| fail(vec![d]))?;
    if root.members().is_none() {
        return Err(fail(vec![err(
            &src,
            span(&root),
            "a graphql-config file must hold a mapping (schema, documents, projects)",
        )]));
    }
    let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let conf = match root.get("projects") {
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
                Some(p) => p,
                None if names.contains(&"default") => "default",
                None if names.len() == 1 => names[0],
                None => {
                    return Err(fail(vec![err(
                        &src,
                        span(projects),
                        format!("this file defines projects {}; say which with --project NAME", names.join(", ")),
                    )]))
                }
            };
            match members.iter().find(|(k, _)| k.name == want) {
                Some((_, v)) => v,
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
            }
        }
        None => {
            if let Some(p) = project {
                return Err(fail(vec![err(
                    &src,
                    (0, 0),
                    format!("--project {p}: this file defines no `projects`"),
                )]));
            }
            &root
        }
    };
    let mut errors = Vec::new();
    let schema = conf
        .get("schema")
        .map(|n| patterns(&src, n, "schema", &mut errors))
        .unwrap_or_default();
    let documents = conf
        .get("documents")
        .map(|n| patterns(&src, n, "documents", &mut errors))
        .unwrap_or_default();
    if !errors.is_empty() {
        return Err(fail(errors));
    }
    let schema = resolve_schema(&src, &base, &schema).map_err(fail)?;
    let documents = expand(&src, &base, &documents).map_err(fail)?;
    Ok(Project {
        file: src.path.clone(),
        schema,
        documents,
    })
}

fn has_glob(s: &str) -> bool {
    s.contains(['*', '?', '[', '{'])
}

/// The schema's files: paths must exist, globs must match; a URL is refused
/// with the reason (plain-contract reads schemas from files).
pub(crate) fn resolve_schema(src: &Source, base: &Path, pats: &[Pattern]) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in pats {
        if p.text.starts_with("http://") || p.text.starts_with("https://") {
            errors.push(
                err(
                    src,
                    p.span,
                    format!("schema `{}` is a URL; plain-contract reads the schema from a file", p.text),
                )
                .with_note("save the schema (SDL) in the repository and name that file, or use --schema plain"),
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

/// What `check` takes from the project files (graphql-config and
/// plain-contract.toml `[check]`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Resolved {
    /// The schema's files; empty when neither file names one.
    pub schema: Vec<PathBuf>,
    /// Does the schema come from plain-contract.toml (which wins over
    /// `[contract] schema` too) rather than graphql-config?
    pub schema_from_toml: bool,
    /// Every document file of the project.
    pub documents: Vec<PathBuf>,
    /// The files it was read from.
    pub files: Vec<String>,
}

/// Resolves the project from `config` (plain-contract.toml) and the
/// nearest graphql-config file above `cwd`. `Ok(None)`: no project at all.
pub(crate) fn resolve(config: &crate::config::Config, cwd: &Path, project: Option<&str>) -> Result<Option<Resolved>, Vec<Diagnostic>> {
    let gc = match discover(cwd) {
        Some(p) => {
            let p = p.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or(p);
            Some(load(&p, project).map_err(|(d, _)| d)?)
        }
        None => {
            if let Some(p) = project {
                return Err(vec![Diagnostic::file_level(
                    Code::ProjectInvalid,
                    format!(
                        "--project {p}: no graphql-config file ({}) in this folder or a parent",
                        FILE_NAMES.join(", ")
                    ),
                    &cwd.display().to_string(),
                    Default::default(),
                )]);
            }
            None
        }
    };
    let mut r = Resolved::default();
    if let Some(g) = gc {
        r.schema = g.schema;
        r.documents = g.documents;
        r.files.push(g.file);
    }
    if let (Some(src), true) = (&config.source, config.project_schema.is_some() || !config.documents.is_empty()) {
        let base = Path::new(&src.path).parent().unwrap_or(Path::new("")).to_path_buf();
        if let Some(p) = &config.project_schema {
            r.schema = resolve_schema(src, &base, std::slice::from_ref(p))?;
            r.schema_from_toml = true;
        }
        if !config.documents.is_empty() {
            r.documents = expand(src, &base, &config.documents)?;
        }
        r.files.push(src.path.clone());
    }
    Ok((!r.files.is_empty()).then_some(r))
}

/// Loads a schema split over several SDL files (graphql-config's `schema`
/// as a list or glob) as one; its diagnostics name each file.
pub(crate) fn load_schema(files: &[PathBuf]) -> Result<crate::contract::GraphqlSchema, Vec<Diagnostic>> {
    let mut sources = Vec::new();
    for f in files {
        sources.push(crate::contract::read_source(f).map_err(|d| vec![d])?);
    }
    let Some(first) = sources.first() else {
        return Err(vec![Diagnostic::file_level(
            Code::ProjectInvalid,
            "no schema file",
            "",
            Default::default(),
        )]);
    };
    let label = first.path.clone();
    crate::contract::source::load_sdl(sources, &label).map(|loaded| loaded.schema)
}
