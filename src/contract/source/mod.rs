//! Schema sources: what `--schema`, the configuration's `schema` and
//! `schema diff OLD NEW` accept, each turned into one validated
//! [`GraphqlSchema`].
//!
//! - a built-in name: `plain` (Plain's full schema) or `customers`;
//! - a URL (`http://`, `https://`): introspected over HTTP ([`fetch`]);
//! - a directory: every `.graphql`, `.graphqls` and `.gql` file in it, in name
//!   order, merged into one schema (types may be extended across files);
//! - a file: SDL, or an introspection result as JSON (both wrappings).
//!
//! The format is decided from the first significant character before anything
//! is parsed, so a wrong file (an OpenAPI document, JSON that is not an
//! introspection result, an HTML page) gets one clear error at once. At most
//! [`MAX_SCHEMA_DIAGNOSTICS`] findings are reported for one schema.

pub(crate) mod fetch;
pub(crate) mod introspection;

use crate::contract::{builtin_schema, read_spec, GraphqlSchema};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{LineCol, Source};
use std::path::Path;
use std::sync::Arc;

/// At most this many findings are reported for one schema (a wrong file would
/// otherwise give thousands).
pub const MAX_SCHEMA_DIAGNOSTICS: usize = 20;

/// Where a loaded schema came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// SDL text: positions in it are the user's.
    Sdl,
    /// An introspection result (a file or a URL): no SDL positions.
    Introspection,
}

/// A schema and the texts it was read from.
#[derive(Debug)]
pub struct LoadedSchema {
    /// The schema.
    pub schema: GraphqlSchema,
    /// The SDL sources by the path apollo-compiler knows them by.
    pub sources: Vec<Arc<Source>>,
    /// SDL or introspection.
    pub origin: Origin,
    /// What the user named (a path, a URL without its query, a built-in name).
    pub label: String,
}

impl LoadedSchema {
    /// The 1-based line and column of a byte offset in the file apollo-compiler
    /// knows as `path`, when the schema came from SDL.
    pub(crate) fn line_col(&self, path: &str, offset: usize) -> Option<(String, LineCol)> {
        if self.origin != Origin::Sdl {
            return None;
        }
        let src = self.sources.iter().find(|s| s.path == path)?;
        Some((src.path.clone(), src.line_col(offset)))
    }
}

fn diag(code: Code, message: impl Into<String>, file: &str) -> Vec<Diagnostic> {
    vec![Diagnostic::file_level(code, message, file, LineCol::default())]
}

/// Loads a schema from any source, a URL with default fetch options; `Err`
/// holds the reasons (exit 2).
pub fn load(spec: &str) -> Result<LoadedSchema, Vec<Diagnostic>> {
    load_with(spec, &fetch::FetchOptions::default())
}

/// [`load`], fetching a URL with `opts` (a run's [`Settings`](crate::Settings)
/// hold them: `--header`, `--timeout`, the configuration's token variable).
pub(crate) fn load_with(spec: &str, opts: &fetch::FetchOptions) -> Result<LoadedSchema, Vec<Diagnostic>> {
    if let Some((label, text)) = builtin_schema(spec) {
        return load_sdl(vec![Source::new(label, text)], spec);
    }
    if fetch::is_url(spec) {
        return load_url(spec, opts);
    }
    let path = Path::new(spec);
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| diag(Code::FileUnreadable, format!("cannot read the directory: {e}"), spec))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| ["graphql", "graphqls", "gql"].contains(&e))
            })
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(diag(
                Code::EmptyFile,
                "the directory holds no .graphql, .graphqls or .gql file",
                spec,
            ));
        }
        let sources = files
            .iter()
            .map(|p| read_spec(p, crate::source::MAX_FILE_BYTES).map_err(|d| vec![d]))
            .collect::<Result<Vec<_>, _>>()?;
        return load_sdl(sources, spec);
    }
    let src = read_spec(path, crate::source::MAX_FILE_BYTES).map_err(|d| vec![d])?;
    load_text(src, spec)
}

/// Loads one text whose format is decided by its first significant character.
pub fn load_text(src: Arc<Source>, label: &str) -> Result<LoadedSchema, Vec<Diagnostic>> {
    let first = src.text.trim_start_matches('\u{feff}').trim_start().chars().next();
    match first {
        Some('{') | Some('[') => load_introspection(&src, label),
        Some('<') => Err(vec![Diagnostic::at(
            Code::WrongFormat,
            "this is HTML or XML, not a GraphQL schema (SDL or an introspection result)",
            &src,
            0,
            1,
        )]),
        _ => {
            let head: String = src.text.chars().take(4096).collect();
            let openapi = head.lines().any(|l| {
                let l = l.trim_start_matches('\u{feff}');
                l.starts_with("openapi:") || l.starts_with("swagger:") || l.starts_with("\"openapi\"")
            });
            if openapi {
                return Err(vec![Diagnostic::at(
                    Code::WrongFormat,
                    "this is an OpenAPI document, not a GraphQL schema: give SDL, an introspection result or a URL (the OpenAPI document goes to --openapi)",
                    &src,
                    0,
                    0,
                )]);
            }
            load_sdl(vec![src], label)
        }
    }
}

/// Parses and validates SDL files as one schema.
pub(crate) fn load_sdl(sources: Vec<Arc<Source>>, label: &str) -> Result<LoadedSchema, Vec<Diagnostic>> {
    if let [one] = sources.as_slice() {
        return GraphqlSchema::load(one.clone()).map_err(cap).map(|schema| LoadedSchema {
            schema,
            sources,
            origin: Origin::Sdl,
            label: label.to_string(),
        });
    }
    if sources.iter().all(|s| s.text.trim().is_empty()) {
        return Err(diag(Code::EmptyFile, "the schema files are empty", label));
    }
    let mut builder = apollo_compiler::Schema::builder();
    for s in &sources {
        apollo_compiler::parser::Parser::new()
            .recursion_limit(256)
            .token_limit(2_000_000)
            .parse_into_schema_builder(s.text.clone(), &s.path, &mut builder);
    }
    let built = builder.build().and_then(|s| s.validate());
    match built {
        Ok(schema) => Ok(LoadedSchema {
            schema: GraphqlSchema::from_valid(sources[0].clone(), schema),
            sources,
            origin: Origin::Sdl,
            label: label.to_string(),
        }),
        Err(with_errors) => Err(cap(crate::contract::graphql::apollo_diagnostics(
            &with_errors.errors,
            Code::SchemaGraphql,
            Code::SchemaGraphql,
            |path, off| {
                let s = sources.iter().find(|s| s.path == path).unwrap_or(&sources[0]);
                Some((s.clone(), off))
            },
        ))),
    }
}

/// Keeps the first [`MAX_SCHEMA_DIAGNOSTICS`] findings, saying how many were left out.
fn cap(mut d: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Many syntax errors mean the file is not SDL at all: one error says so.
    let syntax = d.iter().filter(|x| x.message.starts_with("syntax error")).count();
    if syntax > 5 {
        let mut first = d
            .into_iter()
            .find(|x| x.message.starts_with("syntax error"))
            .into_iter()
            .collect::<Vec<_>>();
        if let Some(f) = first.first_mut() {
            f.notes.push(format!(
                "{syntax} syntax errors in all: this does not look like GraphQL SDL (a schema is SDL, an introspection result as JSON, a URL or a built-in name)"
            ));
        }
        return first;
    }
    if d.len() > MAX_SCHEMA_DIAGNOSTICS {
        let more = d.len() - MAX_SCHEMA_DIAGNOSTICS;
        d.truncate(MAX_SCHEMA_DIAGNOSTICS);
        if let Some(last) = d.last_mut() {
            last.notes.push(format!(
                "{more} more findings in this schema are not shown; is this the right file?"
            ));
        }
    }
    d
}

/// An introspection result in a JSON file (or a fetched body labelled by its URL).
fn load_introspection(src: &Arc<Source>, label: &str) -> Result<LoadedSchema, Vec<Diagnostic>> {
    let value: serde_json::Value = serde_json::from_str(&src.text).map_err(|e| {
        let at = LineCol {
            line: e.line(),
            column: e.column(),
        };
        vec![Diagnostic::file_level(
            Code::SyntaxError,
            format!("the JSON does not parse: {}", crate::util::serde_msg::json_syntax_in_words(&e)),
            &src.path,
            at,
        )]
    })?;
    let schema = introspection::parse(value).map_err(|e| {
        let code = if e.pointer.is_empty() || e.message.contains("OpenAPI") || e.message.contains("neither") {
            Code::WrongFormat
        } else {
            Code::IntrospectionInvalid
        };
        let at = pointer_position(src, &e.pointer);
        let mut d = Diagnostic::file_level(code, e.message, &src.path, at);
        if !e.pointer.is_empty() {
            d = d.with_pointer(e.pointer);
        }
        vec![d]
    })?;
    let sdl = introspection::to_sdl(&schema);
    let generated = Source::new(format!("{}#sdl", src.path), sdl);
    match GraphqlSchema::load(generated) {
        Ok(schema) => Ok(LoadedSchema {
            schema,
            sources: vec![src.clone()],
            origin: Origin::Introspection,
            label: label.to_string(),
        }),
        Err(diags) => Err(cap(diags
            .into_iter()
            .map(|d| {
                let mut out = Diagnostic::file_level(
                    Code::IntrospectionInvalid,
                    format!("the introspection result is not a valid schema: {}", d.message),
                    &src.path,
                    LineCol::default(),
                );
                out.notes = d.notes;
                out
            })
            .collect())),
    }
}

/// The line:col of the value a JSON pointer names (parsed again only on error).
fn pointer_position(src: &Source, pointer: &str) -> LineCol {
    if pointer.is_empty() {
        return LineCol::default();
    }
    match crate::node::parse(src, crate::node::Syntax::Json) {
        Ok(node) => src.line_col(node.pointer_deepest(pointer).0.start),
        Err(_) => LineCol::default(),
    }
}

/// Loads the schema a URL serves (SDL by GET, or an introspection result;
/// see [`fetch`]) with the given fetch options. Every error names the URL
/// as shown (no query, no credentials).
fn load_url(url: &str, opts: &fetch::FetchOptions) -> Result<LoadedSchema, Vec<Diagnostic>> {
    let label = fetch::shown_url(url);
    let body = match fetch::fetch(url, opts).map_err(|e| diag(Code::SchemaFetch, e.to_string(), &label))? {
        fetch::Fetched::Sdl(text) => return load_sdl_url(text, &label),
        fetch::Fetched::Json(text) => text,
    };
    let src = Source::new(label.clone(), body);
    if !src.text.trim_start().starts_with('{') {
        return Err(diag(
            Code::SchemaFetch,
            "the server's answer is not JSON, so not a GraphQL response",
            &label,
        ));
    }
    load_introspection(&src, &label).map_err(|ds| {
        ds.into_iter()
            .map(|mut d| {
                if d.code == Code::WrongFormat || d.message.starts_with("the introspection result holds errors") {
                    d.code = Code::SchemaFetch;
                    d.message = format!("the server's answer holds no schema: {}", d.message);
                }
                d
            })
            .collect()
    })
}

/// SDL fetched from a URL: a schema, or one error naming the URL (the
/// first finding, at its line:col in the text served, which is not kept).
fn load_sdl_url(text: String, label: &str) -> Result<LoadedSchema, Vec<Diagnostic>> {
    let src = Source::new(label, text);
    if src.text.trim().is_empty() {
        return Err(diag(Code::SchemaFetch, "the server answered with an empty body, not SDL", label));
    }
    load_sdl(vec![src.clone()], label).map_err(|ds| {
        let first = ds
            .first()
            .map_or_else(String::new, |d| format!(" (line {}:{}: {})", d.line, d.column, d.message));
        let more = if ds.len() > 1 {
            format!(", and {} more", ds.len() - 1)
        } else {
            String::new()
        };
        diag(
            Code::SchemaFetch,
            format!("the schema this URL serves is not valid SDL{first}{more}"),
            label,
        )
    })
}

/// A schema printed as SDL by apollo-compiler, directives and types sorted by
/// name (built-ins left out), descriptions and deprecations kept: what
/// `schema pull` writes, so two pulls of the same schema are byte-identical.
pub fn to_sdl(schema: &apollo_compiler::Schema) -> String {
    let mut s = schema.clone();
    s.types.sort_keys();
    s.directive_definitions.sort_keys();
    let mut text = s.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}
