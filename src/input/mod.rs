//! Inputs: everything between a path (or a text) a user names and the
//! checks. What kind a file is ([`kind_of`], by its name; [`sniff`], a JSON
//! or YAML file by its keys), reading with limits ([`read`]), the folder walk
//! ([`walk`]), shards ([`shard`]), the read-ahead of operation files
//! ([`ahead`]), and the readers of each input format: operation documents
//! ([`documents`], GraphQL templates in TS/JS: [`embedded`]), NDJSON
//! streams ([`ndjson`]) and HAR logs ([`har`], files and text alike), which
//! share one bounded sink for findings ([`stream`]).
//!
//! Readers return data, or hand each unit they read to a check given by the
//! caller; they emit no finding of a rule. `input` never uses `check`
//! (tests/integration/layering.rs): the checks use it.

pub(crate) mod ahead;
pub(crate) mod documents;
pub(crate) mod embedded;
pub(crate) mod har;
mod har_lean;
pub(crate) mod ndjson;
pub(crate) mod read;
pub(crate) mod shard;
pub(crate) mod stream;
pub(crate) mod walk;

pub use ahead::ProjectDocs;
pub(crate) use ahead::ReadAhead;
pub use shard::Shard;
pub use walk::expand_paths;

use crate::diagnostic::{Code, Diagnostic};
use crate::exchange::{Contents, Target};
use crate::node::{self, Node, Syntax};
use crate::source::Source;
use std::path::Path;

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

/// What a file given to `check` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
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

pub(crate) fn kind_of(path: &Path) -> Kind {
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

/// PC002 for a file of no kind plain-contract checks.
pub(crate) fn unknown_kind(name: &str) -> Diagnostic {
    Diagnostic::file_level(
        Code::SkippedFile,
        "not a kind of file plain-contract checks (.graphql, .gql, .json, .yaml, .yml, .har, .ndjson, .jsonl); skipped",
        name,
        Default::default(),
    )
}

/// The most of a `.json` file's start read to tell a HAR log from a file
/// read whole ([`open_data`]): white space past it is not a browser's.
const HEAD_BYTES: u64 = 64 * 1024;

/// A data file opened by its content.
pub(crate) enum Data {
    /// A HAR log (a `.json` file whose first key is `log`, holding an
    /// object): to be read by [`har::read`], as a `.har` file is, from this
    /// reader (the bytes read to tell it, then the rest of the file).
    Har(Box<dyn std::io::Read + Send>),
    /// Anything else, read whole with limits.
    Whole(std::sync::Arc<Source>),
}

/// Opens a data file (`.json`, `.yaml`, `.yml`) once: a `.json` file that
/// starts as a HAR log ([`har::opens_log`]) is handed back to be streamed,
/// with the same limits as a `.har` file (per entry, not per file); any
/// other is read whole, at most `max_bytes` ([`read::read_source_limited`]).
/// YAML is always read whole: no browser or proxy writes a HAR log in YAML,
/// and one written by hand is small.
pub(crate) fn open_data(path: &Path, max_bytes: u64) -> Result<Data, Diagnostic> {
    use std::io::Read;
    let json = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if !json {
        return read::read_source_limited(path, max_bytes).map(Data::Whole);
    }
    let unreadable = |e| Diagnostic::unreadable(path, e);
    let mut opened = Source::open(path).map_err(unreadable)?;
    let file = &mut opened.file;
    let mut head = Vec::new();
    let mut har = None;
    while har.is_none() && (head.len() as u64) < HEAD_BYTES {
        let before = head.len();
        let read = file.by_ref().take(4096).read_to_end(&mut head);
        match read {
            Ok(_) if head.len() > before => har = har::opens_log(&head),
            // The end of the file, or an error the whole read reports.
            _ => break,
        }
    }
    if har == Some(true) {
        return Ok(Data::Har(Box::new(std::io::Cursor::new(head).chain(opened.file))));
    }
    Source::read_rest(path, opened, head, max_bytes)
        .map(Data::Whole)
        .map_err(unreadable)
}

/// What a JSON or YAML file read whole holds, told by its keys.
pub(crate) enum Holds<'n> {
    /// Nothing to check: this finding says why.
    Finding(Diagnostic),
    /// A HAR log in JSON (`log` holds an object), which was not told by
    /// the file's start (a text held in memory, `log` not the first key):
    /// to be read from the text by [`har::read`], as a `.har` file is.
    Har,
    /// An OpenAPI document (`openapi` or `swagger`).
    OpenApi,
    /// Recorded exchanges (native, HAR, Pact), with notes on what was
    /// skipped and the headers of skipped entries (see [`Contents`]).
    Exchanges(Contents<'n>),
    /// One GraphQL request body (an object with `query`).
    Request(&'n Node),
    /// A batch of request bodies.
    Requests(&'n [Node]),
}

/// Parses a JSON or YAML file read whole; a JSON file with comments of
/// another tool (tsconfig.json) is an `Err` PC002 (skipped), as is any
/// syntax error (its finding).
pub(crate) fn parse_data(src: &Source) -> Result<Node, Diagnostic> {
    let syntax = Syntax::guess(&src.path, &src.text);
    match node::parse(src, syntax) {
        Ok(r) => Ok(r),
        Err(d) if d.code == Code::SyntaxError && syntax == Syntax::Json && jsonc_of_another_tool(&src.text) => Err(Diagnostic::at(
            Code::SkippedFile,
            "JSON with comments (JSONC), the configuration of another tool: fixtures, request bodies and HARs are plain JSON; skipped",
            src,
            0,
            0,
        )),
        Err(d) => Err(d),
    }
}

/// The content sniff: what `root` (of `src`) holds. An OpenAPI document first, then exchanges (read with `target`;
/// a HAR log in JSON is [`Holds::Har`], to stream), then request bodies.
pub(crate) fn sniff<'n>(src: &Source, root: &'n Node, target: &Target) -> Holds<'n> {
    let is_request = |n: &Node| n.get("query").is_some();
    if root.get("openapi").is_some() || root.get("swagger").is_some() {
        return Holds::OpenApi;
    }
    let json = Syntax::guess(&src.path, &src.text) == Syntax::Json;
    if json && !crate::exchange::is_exchange(root) && crate::exchange::is_har(root) {
        return Holds::Har;
    }
    match crate::exchange::read(src, root, target) {
        c @ Contents::Exchanges(..) => return Holds::Exchanges(c),
        Contents::Other => {}
    }
    if is_request(root) {
        return Holds::Request(root);
    }
    if let node::Value::Array(items) = &root.value {
        // A batch of requests (GraphQL over HTTP batching), or a list of bodies.
        if !items.is_empty() && items.iter().all(is_request) {
            return Holds::Requests(items);
        }
    }
    Holds::Finding(Diagnostic::at(
        Code::SkippedFile,
        "neither a recorded exchange (an object with `request`), a HAR log, a GraphQL request body (an object with `query`) nor an OpenAPI document; skipped",
        src,
        0,
        0,
    ))
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
