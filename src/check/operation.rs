//! GraphQL operation documents: parsed and validated by apollo-compiler with
//! every validation rule of the GraphQL spec (§5), then the request-level
//! operation selection rules (§6.1 GetOperation).
//!
//! A query text embedded in a YAML or JSON string is analysed once per
//! distinct text ([`OpCache`]); its findings are then placed in the user's file
//! by [`embedded_offset`].

use crate::contract::graphql::apollo_diagnostics;
use crate::contract::GraphqlSchema;
use crate::diagnostic::{Code, Diagnostic};
use crate::node::Node;
use crate::source::Source;
use apollo_compiler::ast::Value as AstValue;
use apollo_compiler::executable::{ExecutableDocument, Selection, SelectionSet, VariableDefinition};
use apollo_compiler::schema::{ExtendedType, Type};
use apollo_compiler::validation::Valid;
use apollo_compiler::Schema;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// Label of the synthetic source an embedded query is analysed under.
const QUERY_LABEL: &str = "<query>";

/// What one GraphQL text gave: the document if it is valid, and findings
/// whose offsets are relative to the text.
#[derive(Debug)]
pub struct Analysis {
    /// The validated document, when there were no errors.
    pub doc: Option<Valid<ExecutableDocument>>,
    /// What of a document that parsed but did not validate still resolves
    /// against the schema (apollo-compiler's partial build: unknown fields,
    /// types and fragments left out). The checks besides validation (Plain's
    /// rules, deprecations, variables) run on it, so one fault does not hide
    /// another, as in project documents ([`super::documents`]).
    pub partial: Option<Valid<ExecutableDocument>>,
    /// Findings, located in a synthetic source holding just the text.
    pub findings: Vec<Diagnostic>,
    /// Names of the document's operations (None for an anonymous one), in order,
    /// when it parsed at all.
    pub operations: Vec<Option<String>>,
}

/// A thread's last lookup: (cache id, schema id, text, answer).
type LastHit = (u64, u64, String, Arc<Analysis>);

/// Most distinct texts the cache keeps.
pub(crate) const MAX_CACHED: usize = 4096;

/// Analyses each distinct operation text once per schema. Answers are kept
/// by schema (its load identity) and text, so one cache used with two
/// schemas answers each with its own analysis. The [`Checker`](crate::Checker)
/// owns one beside its contract.
#[derive(Debug)]
pub struct OpCache {
    map: Mutex<HashMap<u64, HashMap<String, Arc<Analysis>>>>,
    /// Unique per cache for the process's life (a thread's last hit names it).
    id: u64,
}

impl Default for OpCache {
    fn default() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        OpCache {
            map: Mutex::default(),
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}

impl Analysis {
    /// The document the checks besides validation run on: the valid one, or
    /// what of an invalid one resolves ([`Analysis::partial`]).
    pub(crate) fn resolved(&self) -> Option<&Valid<ExecutableDocument>> {
        self.doc.as_ref().or(self.partial.as_ref())
    }
}

impl OpCache {
    /// The analysis of `text`, computed on first use.
    ///
    /// Captured traffic repeats the same query over and over, so each thread
    /// first compares with the last text it looked up (no hashing, no lock).
    /// The shared map holds at most [`MAX_CACHED`] texts, so a stream of
    /// distinct queries cannot grow it without bound.
    pub(crate) fn get(&self, schema: &GraphqlSchema, text: &str) -> Arc<Analysis> {
        thread_local! {
            static LAST: std::cell::RefCell<Option<LastHit>> = const { std::cell::RefCell::new(None) };
        }
        let (me, sid) = (self.id, schema.id());
        let hit = LAST.with(|l| {
            l.borrow()
                .as_ref()
                .filter(|(owner, s, t, _)| *owner == me && *s == sid && t == text)
                .map(|(_, _, _, a)| a.clone())
        });
        if let Some(a) = hit {
            return a;
        }
        let found = self
            .map
            .lock()
            .ok()
            .and_then(|map| map.get(&sid).and_then(|m| m.get(text)).cloned());
        let a = match found {
            Some(a) => a,
            None => {
                let a = Arc::new(analyze(schema, text));
                if let Ok(mut map) = self.map.lock() {
                    if map.values().map(HashMap::len).sum::<usize>() < MAX_CACHED {
                        map.entry(sid).or_default().insert(text.to_string(), a.clone());
                    }
                }
                a
            }
        };
        LAST.with(|l| *l.borrow_mut() = Some((me, sid, text.to_string(), a.clone())));
        a
    }
}

/// Parses and validates one GraphQL text against the schema.
pub fn analyze(schema: &GraphqlSchema, text: &str) -> Analysis {
    let src = Source::new(QUERY_LABEL, text);
    if text.trim().is_empty() {
        return Analysis {
            doc: None,
            findings: vec![Diagnostic::at(Code::OperationSyntax, "the GraphQL document is empty", &src, 0, 0)],
            partial: None,
            operations: Vec::new(),
        };
    }
    let parsed = parser().parse_executable(&schema.schema, text, QUERY_LABEL);
    let (doc, errors) = match parsed {
        Ok(doc) => match doc.validate(&schema.schema) {
            Ok(valid) => {
                let operations = op_names(&valid);
                let findings = one_of_literals(&schema.schema, &valid)
                    .into_iter()
                    .map(|(_, off, len, msg)| {
                        Diagnostic::at(Code::OperationInvalid, msg, &src, off, len)
                            .with_note("GraphQL validation rule: OneOf Input Objects")
                    })
                    .collect();
                return Analysis {
                    doc: Some(valid),
                    partial: None,
                    findings,
                    operations,
                };
            }
            Err(e) => (e.partial, e.errors),
        },
        Err(e) => (e.partial, e.errors),
    };
    let operations = op_names(&doc);
    let mut findings = apollo_diagnostics(&errors, Code::OperationSyntax, Code::OperationInvalid, |_, off| {
        Some((src.clone(), off))
    });
    let fragment_names: Vec<&str> = doc.fragments.keys().map(|k| k.as_str()).collect();
    for d in &mut findings {
        suggest(&schema.schema, d, &fragment_names);
    }
    let parsed_ok = !findings.iter().any(|d| d.code == Code::OperationSyntax);
    if !parsed_ok {
        // What the builder made of a text that does not parse is noise.
        findings.retain(|d| d.code == Code::OperationSyntax);
    }
    if parsed_ok && operations.is_empty() {
        // Only fragments: say that, rather than "fragment X must be used" for each.
        findings.retain(|d| !d.notes.iter().any(|n| n.ends_with("UnusedFragment")));
    }
    if parsed_ok && operations.is_empty() && findings.is_empty() {
        findings.insert(
            0,
            Diagnostic::at(
                Code::NoOperation,
                "the document holds no operation to execute, only fragments",
                &src,
                0,
                0,
            ),
        );
    }
    // Only what parsed resolves; what the builder made of a text that does
    // not parse is noise (as its findings are).
    let partial = (parsed_ok && !operations.is_empty()).then(|| Valid::assume_valid(doc));
    Analysis {
        doc: None,
        partial,
        findings,
        operations,
    }
}

/// `@oneOf` input objects written as literals in the document (apollo-compiler
/// 1.x validates them as ordinary input objects): exactly one field, not
/// null, and a variable there must be of non-null type (OneOf Input Objects
/// RFC, "OneOf Input Objects Rules"). Returns (file path, offset, length, message).
pub(crate) fn one_of_literals(schema: &Valid<Schema>, doc: &Valid<ExecutableDocument>) -> Vec<(String, usize, usize, String)> {
    let mut w = OneOfWalker {
        schema,
        doc,
        out: Vec::new(),
        vars: &[],
    };
    for op in doc.operations.iter() {
        w.vars = &op.variables;
        let mut seen = HashSet::new();
        w.selection_set(&op.selection_set, &mut seen, 0);
    }
    let mut seen = HashSet::new();
    w.out.retain(|(p, o, _, m)| seen.insert((p.clone(), *o, m.clone())));
    w.out
}

struct OneOfWalker<'a> {
    schema: &'a Valid<Schema>,
    doc: &'a ExecutableDocument,
    vars: &'a [apollo_compiler::Node<VariableDefinition>],
    out: Vec<(String, usize, usize, String)>,
}

impl OneOfWalker<'_> {
    fn selection_set(&mut self, set: &SelectionSet, seen: &mut HashSet<String>, depth: usize) {
        if depth > 512 {
            return;
        }
        for sel in &set.selections {
            match sel {
                Selection::Field(f) => {
                    for arg in &f.arguments {
                        if let Some(def) = f.definition.argument_by_name(&arg.name) {
                            self.value(&arg.value, &def.ty, depth);
                        }
                    }
                    self.selection_set(&f.selection_set, seen, depth + 1);
                }
                Selection::FragmentSpread(s) => {
                    if seen.insert(s.fragment_name.to_string()) {
                        if let Some(fr) = self.doc.fragments.get(&s.fragment_name) {
                            self.selection_set(&fr.selection_set, seen, depth + 1);
                        }
                    }
                }
                Selection::InlineFragment(i) => self.selection_set(&i.selection_set, seen, depth + 1),
            }
        }
    }

    fn value(&mut self, value: &apollo_compiler::Node<AstValue>, ty: &Type, depth: usize) {
        if depth > 512 {
            return;
        }
        match value.as_ref() {
            AstValue::List(items) => {
                for it in items {
                    self.value(it, ty.item_type(), depth + 1);
                }
            }
            AstValue::Object(fields) => {
                let name = ty.inner_named_type();
                let Some(ExtendedType::InputObject(def)) = self.schema.types.get(name) else {
                    return;
                };
                if def.directives.get("oneOf").is_some() {
                    let msg = match fields.as_slice() {
                        [(fname, v)] => match v.as_ref() {
                            AstValue::Null => Some(format!("`{name}` is @oneOf: its one field `{fname}` must not be null")),
                            AstValue::Variable(var) => match self.vars.iter().find(|d| d.name == *var) {
                                Some(d) if !d.ty.is_non_null() => Some(format!(
                                    "`{name}` is @oneOf: variable `${var}` of nullable type `{}` cannot fill its one field",
                                    d.ty
                                )),
                                _ => None,
                            },
                            _ => None,
                        },
                        _ => Some(format!(
                            "`{name}` is @oneOf: exactly one field must be given, found {}",
                            fields.len()
                        )),
                    };
                    if let (Some(msg), Some(loc)) = (msg, value.location()) {
                        let path = self
                            .doc
                            .sources
                            .get(&loc.file_id())
                            .map(|s| s.path().display().to_string())
                            .unwrap_or_default();
                        self.out
                            .push((path, loc.offset(), loc.end_offset().saturating_sub(loc.offset()), msg));
                    }
                }
                for (fname, fval) in fields {
                    if let Some(fd) = def.fields.get(fname) {
                        self.value(fval, &fd.ty, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
}

/// "Did you mean": a note naming the closest known names, as graphql-js
/// suggests them (see [`crate::suggest::graphql_js`]), on a finding about an unknown field (the type's fields), an
/// unknown argument (the field's or directive's arguments) or an unknown
/// fragment (`fragments`: the names the document or project defines).
/// apollo-compiler gives these findings as text only, so the names are read
/// from its message (`type `T` does not have a field `f``, `the argument `a`
/// is not supported by `T.f``, `cannot find fragment `F` …`).
pub(crate) fn suggest(schema: &Schema, d: &mut Diagnostic, fragments: &[&str]) {
    let rule = d
        .notes
        .iter()
        .find_map(|n| n.strip_prefix("GraphQL validation rule: "))
        .unwrap_or_default();
    if !matches!(rule, "UndefinedField" | "UndefinedArgument" | "UndefinedFragment") {
        return;
    }
    let quoted: Vec<&str> = d.message.split('`').skip(1).step_by(2).collect();
    let close = match (rule, quoted.as_slice()) {
        ("UndefinedField", [ty, field, ..]) => {
            let names: Vec<&str> = match schema.types.get(*ty) {
                Some(ExtendedType::Object(o)) => o.fields.keys().map(|k| k.as_str()).collect(),
                Some(ExtendedType::Interface(i)) => i.fields.keys().map(|k| k.as_str()).collect(),
                _ => Vec::new(),
            };
            crate::suggest::graphql_js(field, names)
        }
        ("UndefinedArgument", [arg, coordinate, ..]) => {
            let names: Vec<&str> = match coordinate.strip_prefix('@') {
                Some(dir) => schema
                    .directive_definitions
                    .get(dir)
                    .map(|d| d.arguments.iter().map(|a| a.name.as_str()).collect())
                    .unwrap_or_default(),
                None => coordinate
                    .split_once('.')
                    .and_then(|(ty, field)| schema.type_field(ty, field).ok())
                    .map(|f| f.arguments.iter().map(|a| a.name.as_str()).collect())
                    .unwrap_or_default(),
            };
            crate::suggest::graphql_js(arg, names)
        }
        ("UndefinedFragment", [name, ..]) => crate::suggest::graphql_js(name, fragments.iter().copied()),
        _ => Vec::new(),
    };
    if let Some(note) = crate::suggest::did_you_mean(&close) {
        d.notes.insert(0, note);
    }
}

/// The parser of operation documents (one, for every reader of them).
pub(crate) use crate::input::documents::parser;

fn op_names(doc: &ExecutableDocument) -> Vec<Option<String>> {
    let mut v: Vec<Option<String>> = doc.operations.anonymous.iter().map(|_| None).collect();
    v.extend(doc.operations.named.keys().map(|k| Some(k.to_string())));
    v
}

/// Moves a finding located in an embedded query text into the user's file.
pub(crate) fn relocate(mut d: Diagnostic, file: &Source, node: &Node, text: &str, pointer: &str) -> Diagnostic {
    let off = embedded_offset(file, node, text, d.span.0);
    let at = file.line_col(off);
    d.file = file.path.clone();
    d.span = (off, d.span.1);
    d.line = at.line;
    d.column = at.column;
    d.pointer = Some(pointer.to_string());
    d
}

/// Maps a byte offset inside a string value to a byte offset in the file that
/// holds it (as a JSON string, or a YAML plain, quoted, literal or folded
/// scalar). The characters at the offset are looked up in the scalar's source
/// text, as the same-numbered occurrence; when that fails (escapes, folding
/// inside the snippet), shorter snippets are tried, and finally the start of
/// the scalar is used.
pub(crate) fn embedded_offset(file: &Source, node: &Node, value: &str, off: usize) -> usize {
    let end = if node.len > 0 { node.start + node.len } else { file.text.len() };
    let Some(raw) = file.text.get(node.start..end.min(file.text.len())) else {
        return node.start;
    };
    let off = off.min(value.len());
    if !value.is_char_boundary(off) {
        return node.start;
    }
    // A quoted scalar on one line (every JSON string): decode escapes exactly.
    if raw.starts_with('"') && !raw.contains('\n') {
        if let Some(i) = quoted_offset(raw, off) {
            return node.start + i;
        }
    }
    if off == value.len() {
        // The end of the text (e.g. "expected }, got EOF"): after its last character.
        return node.start + raw.trim_end().len();
    }
    let rest = &value[off..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let mut lens = vec![line_end.min(40)];
    // The token alone (an identifier or punctuation run), then one character.
    let tok = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
    lens.push(tok.max(1).min(line_end));
    for len in lens {
        let mut len = len;
        while len > 0 && !rest.is_char_boundary(len) {
            len -= 1;
        }
        let snippet = &rest[..len];
        if snippet.trim().is_empty() {
            continue;
        }
        let before = value[..off].matches(snippet).count();
        if let Some((i, _)) = raw.match_indices(snippet).nth(before) {
            return node.start + i;
        }
    }
    node.start
}

/// In a double-quoted literal `raw` (from its opening quote), the raw byte
/// offset of decoded byte offset `off`; None on an escape JSON does not have
/// (a YAML-only escape: the caller falls back to searching).
fn quoted_offset(raw: &str, off: usize) -> Option<usize> {
    let mut i = 1;
    let mut decoded = 0;
    while i < raw.len() {
        if decoded >= off {
            return Some(i);
        }
        let c = raw.get(i..)?.chars().next()?;
        match c {
            '"' => return None,
            '\\' => {
                let e = raw.get(i + 1..)?.chars().next()?;
                match e {
                    'n' | 't' | 'r' | 'b' | 'f' | '"' | '\\' | '/' => {
                        decoded += 1;
                        i += 2;
                    }
                    'u' => {
                        let hex = |at: usize| raw.get(at..at + 4).and_then(|h| u32::from_str_radix(h, 16).ok());
                        let hi = hex(i + 2)?;
                        let pair = (0xD800..0xDC00).contains(&hi)
                            && raw.get(i + 6..i + 8) == Some("\\u")
                            && hex(i + 8).is_some_and(|lo| (0xDC00..0xE000).contains(&lo));
                        if pair {
                            decoded += 4;
                            i += 12;
                        } else {
                            decoded += char::from_u32(hi).map_or(3, char::len_utf8);
                            i += 6;
                        }
                    }
                    _ => return None,
                }
            }
            c => {
                decoded += c.len_utf8();
                i += c.len_utf8();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::{parse, Syntax};

    #[test]
    fn offsets_map_into_folded_yaml() {
        let text = "q: >-\n  mutation a {\n    b { c }\n    b { d }\n  }\n";
        let src = Source::new("t.yml", text);
        let root = parse(&src, Syntax::Yaml).unwrap();
        let q = root.get("q").unwrap();
        let value = q.as_str().unwrap();
        let off = value.rfind("b { d").unwrap();
        let mapped = embedded_offset(&src, q, value, off);
        assert_eq!(src.line_col(mapped), crate::source::LineCol { line: 4, column: 5 });
    }

    #[test]
    fn offsets_map_exactly_through_json_escapes() {
        let text = r#"{"query": "{ a(s: \"x\u00e9\") \ud83d\ude00 nope }"}"#;
        let src = Source::new("t.json", text);
        let root = parse(&src, Syntax::Json).unwrap();
        let q = root.get("query").unwrap();
        let value = q.as_str().unwrap();
        let off = value.find("nope").unwrap();
        let mapped = embedded_offset(&src, q, value, off);
        assert_eq!(&text[mapped..mapped + 4], "nope");
        // The end of the text maps to the closing quote.
        let end = embedded_offset(&src, q, value, value.len());
        assert_eq!(&text[end..end + 1], "\"");
    }

    #[test]
    fn offsets_map_into_json_strings_with_escapes() {
        let text = r#"{"query": "query A {\n  customer(customerId: \"c\") { nope }\n}"}"#;
        let src = Source::new("t.json", text);
        let root = parse(&src, Syntax::Json).unwrap();
        let q = root.get("query").unwrap();
        let value = q.as_str().unwrap();
        let off = value.find("nope").unwrap();
        let mapped = embedded_offset(&src, q, value, off);
        assert_eq!(&text[mapped..mapped + 4], "nope");
    }
}
