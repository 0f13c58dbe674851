//! A JSON-shaped value tree that remembers where each value stands in its file.
//!
//! YAML (via serde-saphyr) and JSON (via jsonc-parser) both load into [`Node`],
//! so every check can report a JSON pointer *and* the line:col of the value in
//! the user's own file. serde_json's `Value` has no spans, which is why this
//! type exists; [`Node::to_json`] converts when a library (jsonschema,
//! openapiv3, apollo-compiler) wants plain JSON.
//!
//! This module parses and converts; it knows nothing of OpenAPI or GraphQL.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::Source;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value as Json;

/// How deep arrays and objects may nest (a bound on every recursion over data).
/// 128 levels: real contracts and exchanges nest a few dozen at most, and the
/// recursive converters stay far from the stack's end even in debug builds.
mod json_family;
pub(crate) use json_family::NodeJson;

pub(crate) const MAX_DEPTH: usize = 128;

/// A value and the byte range of its text in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Byte offset of the value's first character.
    pub start: usize,
    /// Byte length of the value's text (0 when unknown).
    pub len: usize,
    /// The value.
    pub value: Value,
}

/// The value of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null` (or YAML `~`, empty).
    Null,
    /// A boolean.
    Bool(bool),
    /// A finite number, integer or not.
    Number(serde_json::Number),
    /// A YAML `.nan` / `.inf`, which JSON cannot hold.
    NonFinite(f64),
    /// A string.
    String(String),
    /// An array, in order.
    Array(Vec<Node>),
    /// An object, members in file order (keys with their own spans).
    Object(Vec<(Key, Node)>),
}

/// An object key and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key text.
    pub name: String,
    /// Byte offset of the key.
    pub start: usize,
}

impl Node {
    /// A node with no span (for values built in memory).
    pub fn bare(value: Value) -> Node {
        Node { start: 0, len: 0, value }
    }

    /// Plain JSON (non-finite floats become null; duplicate keys keep the last).
    pub fn to_json(&self) -> Json {
        match &self.value {
            Value::Null | Value::NonFinite(_) => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.clone()),
            Value::String(s) => Json::String(s.clone()),
            Value::Array(items) => Json::Array(items.iter().map(Node::to_json).collect()),
            Value::Object(members) => Json::Object(members.iter().map(|(k, v)| (k.name.clone(), v.to_json())).collect()),
        }
    }

    /// A node tree for in-memory JSON (no source text: every span is 0..0).
    pub fn from_json(v: &Json) -> Node {
        let value = match v {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.clone()),
            Json::String(s) => Value::String(s.clone()),
            Json::Array(a) => Value::Array(a.iter().map(Node::from_json).collect()),
            Json::Object(m) => Value::Object(
                m.iter()
                    .map(|(k, v)| (Key { name: k.clone(), start: 0 }, Node::from_json(v)))
                    .collect(),
            ),
        };
        Node { start: 0, len: 0, value }
    }

    /// A member of an object by key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The object's members, if it is one.
    pub fn members(&self) -> Option<&[(Key, Node)]> {
        match &self.value {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The string, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Follows an RFC 6901 pointer; returns the deepest node reached and
    /// whether the whole pointer resolved.
    pub fn pointer_deepest(&self, pointer: &str) -> (&Node, bool) {
        let mut node = self;
        for token in pointer.split('/').skip(1) {
            let token = token.replace("~1", "/").replace("~0", "~");
            let next = match &node.value {
                Value::Object(_) => node.get(&token),
                Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => return (node, false),
            }
        }
        (node, true)
    }

    /// A short word for the value's kind, for messages.
    pub fn kind(&self) -> &'static str {
        match &self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(n) if n.is_f64() => "a float",
            Value::Number(_) => "an integer",
            Value::NonFinite(_) => "a non-finite float",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }
}

/// Escapes one RFC 6901 reference token.
pub(crate) fn escape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains(['~', '/']) {
        std::borrow::Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        std::borrow::Cow::Borrowed(token)
    }
}

/// Appends a token to a pointer.
pub(crate) fn push_token(pointer: &str, token: &str) -> String {
    let token = escape_token(token);
    let mut s = String::with_capacity(pointer.len() + 1 + token.len());
    s.push_str(pointer);
    s.push('/');
    s.push_str(&token);
    s
}

/// Which syntax to read a data file with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// RFC 8259 JSON (no comments, no trailing commas).
    Json,
    /// YAML 1.2.
    Yaml,
}

impl Syntax {
    /// By extension; otherwise JSON if the first significant character opens
    /// a JSON value, else YAML.
    pub(crate) fn guess(path: &str, text: &str) -> Syntax {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".json") || lower.ends_with(".har") {
            return Syntax::Json;
        }
        if lower.ends_with(".yml") || lower.ends_with(".yaml") {
            return Syntax::Yaml;
        }
        match text.trim_start().chars().next() {
            Some('{') | Some('[') | Some('"') => Syntax::Json,
            _ => Syntax::Yaml,
        }
    }
}

/// Parses a data file, JSON or YAML, into a [`Node`]; every failure is a
/// diagnostic located in the file.
pub fn parse(source: &Source, syntax: Syntax) -> Result<Node, Diagnostic> {
    if is_blank(&source.text, syntax) {
        return Err(Diagnostic::at(Code::EmptyFile, "the file is empty", source, 0, 0));
    }
    check_depth(source)?;
    if syntax == Syntax::Json {
        // The bracket scan above bounds JSON nesting to MAX_DEPTH, which
        // jsonc-parser handles on any thread (tested on a 2 MiB test thread);
        // no parser thread is needed, which keeps small inputs fast.
        return parse_json(source);
    }
    // The parsers recurse once per nesting level, with large frames in debug
    // builds; a dedicated thread with a roomy stack keeps MAX_DEPTH safe on any
    // caller's thread (test harness and worker threads have 2 MiB).
    // A document that cannot nest deeper than IN_PLACE_DEPTH is parsed
    // on the caller's thread: making the thread took 0.45 ms of a pre-commit
    // run's 10 (reading a four-line graphql-config).
    if collections_bound(&source.text) <= IN_PLACE_DEPTH {
        return parse_yaml(source);
    }
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("plain-contract-parse".into())
            .stack_size(PARSE_STACK_BYTES)
            .spawn_scoped(scope, || match syntax {
                Syntax::Json => parse_json(source),
                Syntax::Yaml => parse_yaml(source),
            });
        match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(Diagnostic::at(Code::SyntaxError, "the parser failed on this file", source, 0, 0))),
            // No thread could be made (resource limits): parse on this one.
            Err(_) => match syntax {
                Syntax::Json => parse_json(source),
                Syntax::Yaml => parse_yaml(source),
            },
        }
    })
}

/// [`parse`] on the caller's thread, for text known to nest shallowly (the
/// OpenAPI document built into the binary, which a test parses so): a
/// thread of its own would cost more than the parse of that document.
pub(crate) fn parse_here(source: &Source, syntax: Syntax) -> Result<Node, Diagnostic> {
    match syntax {
        Syntax::Json => parse_json(source),
        Syntax::Yaml => parse_yaml(source),
    }
}

/// Stack for the parser thread: reserved address space, committed only as used.
const PARSE_STACK_BYTES: usize = 256 * 1024 * 1024;

/// How deep a YAML document parsed on the caller's thread may nest. In a
/// debug build a level of block mapping takes over 32 KiB of stack (128
/// levels overflowed 4 MiB); the tests parse 31 such levels in place on the
/// test harness's 2 MiB threads, and a release build's frames are smaller.
const IN_PLACE_DEPTH: usize = 32;

/// An upper bound on how deep a YAML document nests: the number of bytes
/// that can open a collection (`-` and `?` entries, `:` after a key, `[`
/// and `{`). Every collection on a path from the root starts at one of
/// them, a different one each (an alias replays a collection already
/// closed, which cannot hold itself); most are not one (`-` in a word, `:`
/// in a URL), which only makes the bound looser.
fn collections_bound(text: &str) -> usize {
    text.bytes().filter(|b| matches!(b, b'-' | b'?' | b':' | b'[' | b'{')).count()
}

fn is_blank(text: &str, syntax: Syntax) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || (syntax == Syntax::Yaml && (t.starts_with('#') || t == "---" || t == "..."))
    })
}

/// Refuses flow nesting deeper than [`MAX_DEPTH`] before any recursive parser
/// sees it: a scan of brackets outside strings (JSON and YAML flow style).
/// Block-style YAML nesting is bounded by serde-saphyr's depth budget.
fn check_depth(source: &Source) -> Result<(), Diagnostic> {
    let bytes = source.text.as_bytes();
    let mut depth = 0usize;
    let mut in_str: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match in_str {
            Some(q) => {
                if b == b'\\' && q == b'"' {
                    i += 1;
                } else if b == q || b == b'\n' && q == b'\'' {
                    in_str = None;
                }
            }
            None => match b {
                b'"' => in_str = Some(b'"'),
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(Diagnostic::at(
                            Code::TooDeep,
                            format!("arrays and objects nest deeper than {MAX_DEPTH} levels"),
                            source,
                            i,
                            1,
                        ));
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                    // A YAML comment runs to the end of the line; in JSON a '#' is a syntax error anyway.
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    Ok(())
}

fn parse_json(source: &Source) -> Result<Node, Diagnostic> {
    use jsonc_parser::{parse_to_ast, CollectOptions, ParseOptions};
    let opts = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
    };
    let parsed = parse_to_ast(&source.text, &CollectOptions::default(), &opts).map_err(|e| {
        let r = e.range();
        Diagnostic::at(
            Code::SyntaxError,
            format!("invalid JSON: {}", e.kind()),
            source,
            r.start,
            r.end.saturating_sub(r.start),
        )
    })?;
    match parsed.value {
        Some(v) => Ok(from_jsonc(v)),
        None => Err(Diagnostic::at(Code::EmptyFile, "the file holds no JSON value", source, 0, 0)),
    }
}

fn from_jsonc(v: jsonc_parser::ast::Value<'_>) -> Node {
    use jsonc_parser::ast::Value as J;
    use jsonc_parser::common::Ranged;
    let (range, value) = match v {
        J::NullKeyword(n) => (n.range, Value::Null),
        J::BooleanLit(b) => (b.range, Value::Bool(b.value)),
        J::StringLit(s) => (s.range, Value::String(s.value.into_owned())),
        J::NumberLit(n) => {
            let value = match serde_json::from_str::<serde_json::Number>(n.value) {
                Ok(num) => Value::Number(num),
                // Out of f64 range: keep it visible as a non-finite float.
                Err(_) => Value::NonFinite(f64::INFINITY),
            };
            (n.range, value)
        }
        J::Array(a) => (a.range, Value::Array(a.elements.into_iter().map(from_jsonc).collect())),
        J::Object(o) => (
            o.range,
            Value::Object(
                o.properties
                    .into_iter()
                    .map(|p| {
                        let start = p.name.range().start;
                        let name = p.name.into_string();
                        (Key { name, start }, from_jsonc(p.value))
                    })
                    .collect(),
            ),
        ),
    };
    Node {
        start: range.start,
        len: range.end.saturating_sub(range.start),
        value,
    }
}

fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    // Defaults otherwise: 250,000 nodes and 1,000,000 events, far above any
    // real contract or fixture, and small enough to stop an alias bomb quickly.
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    // `.nan` / `.inf` reach the checks as NonFinite, so a Float variable gets GV005.
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    options
}

fn parse_yaml(source: &Source) -> Result<Node, Diagnostic> {
    match serde_saphyr::from_str_with_options::<serde_saphyr::Spanned<YamlNode>>(&source.text, yaml_options()) {
        Ok(spanned) => Ok(from_spanned(spanned)),
        Err(e) => {
            // Byte spans when the parser has them; else its line and column
            // (syntax errors carry only those).
            let (start, len) = e
                .location()
                .and_then(|l| match l.span().byte_offset() {
                    Some(b) => Some((b as usize, l.span().byte_len().unwrap_or(0) as usize)),
                    None if l.line() > 0 => Some((
                        source.offset_of(crate::source::LineCol {
                            line: l.line() as usize,
                            column: l.column().max(1) as usize,
                        }),
                        1,
                    )),
                    None => None,
                })
                .unwrap_or((0, 0));
            let text = e.without_snippet().to_string();
            let first = text.lines().next().unwrap_or("").to_string();
            let msg = strip_location_suffix(&first);
            match yaml_fault(&e) {
                YamlFault::TooDeep => {
                    return Err(Diagnostic::at(
                        Code::TooDeep,
                        format!("YAML nests deeper than {MAX_DEPTH} levels"),
                        source,
                        start,
                        len,
                    ))
                }
                YamlFault::Documents => {
                    return Err(Diagnostic::at(
                        Code::SyntaxError,
                        "the file holds more than one YAML document (a `---` line starts another); give one document per file",
                        source,
                        start,
                        len,
                    ))
                }
                YamlFault::Budget { said } => {
                    // serde-saphyr names a budget in Rust's debug form
                    // (`budget breached: Aliases { .. }`): not the user's terms.
                    let detail = if said { format!(" ({msg})") } else { String::new() };
                    return Err(Diagnostic::at(
                        Code::YamlBudget,
                        format!("YAML resource budget exceeded, e.g. by aliases that expand to too much data{detail}"),
                        source,
                        start,
                        len,
                    ));
                }
                YamlFault::Syntax => {}
            }
            Err(Diagnostic::at(
                Code::SyntaxError,
                format!("invalid YAML: {msg}"),
                source,
                start,
                len,
            ))
        }
    }
}

/// What a YAML parse error means for the user, decided by serde-saphyr's
/// (and its parser's) error variants, never by their text.
enum YamlFault {
    /// Nested past the depth budget or the parser's recursion limit.
    TooDeep,
    /// More than one document.
    Documents,
    /// A resource budget (aliases, events, nodes...); `said`: the error's
    /// own sentence is in the user's terms (an alias limit), not a debug form.
    Budget { said: bool },
    /// Anything else: invalid YAML.
    Syntax,
}

fn yaml_fault(e: &serde_saphyr::Error) -> YamlFault {
    use serde_saphyr::budget::BudgetBreach;
    use serde_saphyr::granit_parser::ErrorKind;
    use serde_saphyr::{Error, ExternalMessageSource};
    let mut e = e;
    // An error met while replaying an alias, or shown with a snippet, is the one inside.
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = e {
        e = error;
    }
    match e {
        Error::Budget {
            breach: BudgetBreach::Depth { .. } | BudgetBreach::InclusionDepth { .. },
            ..
        }
        | Error::AliasReplayStackDepthExceeded { .. } => YamlFault::TooDeep,
        Error::ExternalMessage { source, .. } if matches!(&**source, ExternalMessageSource::Parser(p) if matches!(p.kind(), ErrorKind::RecursionLimitExceeded)) => {
            YamlFault::TooDeep
        }
        Error::MultipleDocuments { .. } => YamlFault::Documents,
        Error::Budget { .. } => YamlFault::Budget { said: false },
        Error::AliasReplayLimitExceeded { .. } | Error::AliasExpansionLimitExceeded { .. } | Error::AliasReplayCounterOverflow { .. } => {
            YamlFault::Budget { said: true }
        }
        _ => YamlFault::Syntax,
    }
}

/// serde-saphyr appends " at line L, column C" to some messages; we print our own.
fn strip_location_suffix(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

fn from_spanned(s: serde_saphyr::Spanned<YamlNode>) -> Node {
    let span = s.referenced.span();
    let start = span.byte_offset().unwrap_or(0) as usize;
    let len = span.byte_len().unwrap_or(0) as usize;
    let value = match s.value {
        YamlNode::Null => Value::Null,
        YamlNode::Bool(b) => Value::Bool(b),
        YamlNode::Number(n) => Value::Number(n),
        YamlNode::NonFinite(f) => Value::NonFinite(f),
        YamlNode::String(s) => Value::String(s),
        YamlNode::Seq(items) => Value::Array(items.into_iter().map(from_spanned).collect()),
        YamlNode::Map(members) => Value::Object(
            members
                .into_iter()
                .map(|(k, v)| {
                    let start = k.referenced.span().byte_offset().unwrap_or(0) as usize;
                    (Key { name: k.value.0, start }, from_spanned(v))
                })
                .collect(),
        ),
    };
    Node { start, len, value }
}

/// What serde-saphyr builds; converted to [`Node`] right away.
enum YamlNode {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    NonFinite(f64),
    String(String),
    Seq(Vec<serde_saphyr::Spanned<YamlNode>>),
    Map(Vec<(serde_saphyr::Spanned<KeyText>, serde_saphyr::Spanned<YamlNode>)>),
}

/// A mapping key as text (scalars of any kind are spelled as strings).
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match YamlNode::deserialize(d)? {
            YamlNode::String(s) => Ok(KeyText(s)),
            YamlNode::Number(n) => Ok(KeyText(n.to_string())),
            YamlNode::Bool(b) => Ok(KeyText(b.to_string())),
            YamlNode::Null => Ok(KeyText("null".into())),
            _ => Err(de::Error::custom("mapping keys must be scalars")),
        }
    }
}

impl<'de> Deserialize<'de> for YamlNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = YamlNode;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<YamlNode, E> {
        Ok(YamlNode::Null)
    }
    fn visit_none<E>(self) -> Result<YamlNode, E> {
        Ok(YamlNode::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<YamlNode, D::Error> {
        YamlNode::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<YamlNode, E> {
        Ok(YamlNode::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<YamlNode, E> {
        Ok(YamlNode::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<YamlNode, E> {
        Ok(YamlNode::Number(v.into()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<YamlNode, E> {
        Ok(YamlNode::NonFinite(v as f64))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<YamlNode, E> {
        Ok(YamlNode::NonFinite(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<YamlNode, E> {
        Ok(match serde_json::Number::from_f64(v) {
            Some(n) => YamlNode::Number(n),
            None => YamlNode::NonFinite(v),
        })
    }
    fn visit_str<E>(self, v: &str) -> Result<YamlNode, E> {
        Ok(YamlNode::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<YamlNode, E> {
        Ok(YamlNode::String(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<YamlNode, E> {
        Ok(YamlNode::String(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(YamlNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlNode, A::Error> {
        let mut members = Vec::new();
        while let Some((k, v)) = map.next_entry()? {
            members.push((k, v));
        }
        Ok(YamlNode::Map(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Node {
        parse(&Source::new("t.yml", text), Syntax::Yaml).unwrap()
    }

    #[test]
    fn yaml_spans_point_at_values() {
        let src = "a:\n  b: hello\n  c: [1, 2.5]\n";
        let n = yaml(src);
        let (b, ok) = n.pointer_deepest("/a/b");
        assert!(ok);
        assert_eq!(&src[b.start..b.start + 5], "hello");
        let (c1, _) = n.pointer_deepest("/a/c/1");
        assert_eq!(&src[c1.start..c1.start + 3], "2.5");
        assert_eq!(n.to_json(), serde_json::json!({"a": {"b": "hello", "c": [1, 2.5]}}));
    }

    #[test]
    fn json_spans_point_at_values() {
        let src = "{\"a\": {\"b\": [true, null]}}";
        let n = parse(&Source::new("t.json", src), Syntax::Json).unwrap();
        let (x, ok) = n.pointer_deepest("/a/b/1");
        assert!(ok);
        assert_eq!(&src[x.start..x.start + x.len], "null");
    }

    #[test]
    fn deep_json_is_refused_without_recursion() {
        let src = "[".repeat(10_000) + &"]".repeat(10_000);
        let d = parse(&Source::new("deep.json", src), Syntax::Json).unwrap_err();
        assert_eq!(d.code, Code::TooDeep);
        assert_eq!((d.line, d.column), (1, MAX_DEPTH + 1));
    }

    #[test]
    fn json_at_the_depth_limit_parses_on_a_small_stack() {
        let depth = MAX_DEPTH;
        let text = "[".repeat(depth) + &"]".repeat(depth);
        let t = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || parse(&Source::new("d.json", text), Syntax::Json).map(|n| n.to_json()))
            .unwrap();
        assert!(t.join().unwrap().is_ok());
        let objects = "{\"a\":".repeat(depth) + "1" + &"}".repeat(depth);
        let t = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || parse(&Source::new("d.json", objects), Syntax::Json).map(|n| n.to_json()))
            .unwrap();
        assert!(t.join().unwrap().is_ok());
    }

    /// The bound that lets a YAML document be parsed on the caller's
    /// thread is one: the parsed tree is never deeper, on the repository's
    /// YAML files and on nested documents of every kind (block, compact,
    /// flow, alias chains, complex keys).
    #[test]
    fn small_yaml_is_parsed_in_place_only_when_it_cannot_nest_deep() {
        fn depth(n: &Node) -> usize {
            1 + match &n.value {
                Value::Array(a) => a.iter().map(depth).max().unwrap_or(0),
                Value::Object(m) => m.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
                _ => 0,
            }
        }
        let mut texts: Vec<String> = Vec::new();
        for d in [1, 5, 31, 32, 33, 40] {
            texts.push((0..d).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect::<String>() + &"  ".repeat(d) + "x: 1\n");
            texts.push("- ".repeat(d) + "x\n");
            texts.push("? ".repeat(d) + "x\n");
            texts.push("[".repeat(d) + &"]".repeat(d));
            texts.push("{a: ".repeat(d) + "1" + &"}".repeat(d));
            // Each anchor holds the one before: the chain's depth is the count.
            texts.push(
                (0..d)
                    .map(|i| {
                        if i == 0 {
                            "a0: &a0 [1]\n".to_string()
                        } else {
                            format!("a{i}: &a{i} [*a{}]\n", i - 1)
                        }
                    })
                    .collect(),
            );
        }
        texts.push("a: &y [*y]\n".into());
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut stack = vec![root.join("tests"), root.join("fixtures"), root.join("specs")];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                let yaml = p.extension().is_some_and(|x| x == "yml" || x == "yaml");
                if p.is_dir() {
                    stack.push(p);
                } else if let (true, Ok(t)) = (yaml, std::fs::read_to_string(&p)) {
                    texts.push(t);
                }
            }
        }
        let (mut parsed, mut in_place) = (0, 0);
        for t in &texts {
            let src = Source::new("t.yml", t.as_str());
            let bound = collections_bound(t);
            if let Ok(n) = parse(&src, Syntax::Yaml) {
                parsed += 1;
                assert!(depth(&n) - 1 <= bound, "depth {} over the bound {bound} in {t:?}", depth(&n) - 1);
                in_place += usize::from(bound <= IN_PLACE_DEPTH);
            }
        }
        assert!(parsed > 150 && in_place > 30, "{parsed} parsed, {in_place} in place");
    }

    #[test]
    fn deep_block_yaml_is_refused_without_overflow() {
        let text: String = (0..2000).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect::<String>() + &"  ".repeat(2000) + "leaf\n";
        let d = parse(&Source::new("deep.yml", text), Syntax::Yaml).unwrap_err();
        assert_eq!(d.code, Code::TooDeep, "{d:?}");
        // Just under the limit still loads.
        let ok: String =
            (0..MAX_DEPTH - 2).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect::<String>() + &"  ".repeat(MAX_DEPTH - 2) + "leaf\n";
        parse(&Source::new("ok.yml", ok), Syntax::Yaml).unwrap();
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            src.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let d = parse(&Source::new("bomb.yml", src), Syntax::Yaml).unwrap_err();
        assert_eq!(d.code, Code::YamlBudget, "{d:?}");
    }
}
