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
use apollo_compiler::executable::ExecutableDocument;
use apollo_compiler::validation::Valid;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Label of the synthetic source an embedded query is analysed under.
const QUERY_LABEL: &str = "<query>";

/// What one GraphQL text gave: the document if it is valid, and findings
/// whose offsets are relative to the text.
#[derive(Debug)]
pub struct Analysis {
    /// The validated document, when there were no errors.
    pub doc: Option<Valid<ExecutableDocument>>,
    /// Findings, located in a synthetic source holding just the text.
    pub findings: Vec<Diagnostic>,
    /// Names of the document's operations (None for an anonymous one), in order,
    /// when it parsed at all.
    pub operations: Vec<Option<String>>,
}

/// Analyses each distinct operation text once per run.
#[derive(Debug, Default)]
pub struct OpCache {
    map: Mutex<HashMap<String, Arc<Analysis>>>,
}

impl OpCache {
    /// The analysis of `text`, computed on first use.
    pub fn get(&self, schema: &GraphqlSchema, text: &str) -> Arc<Analysis> {
        if let Ok(map) = self.map.lock() {
            if let Some(a) = map.get(text) {
                return a.clone();
            }
        }
        let a = Arc::new(analyze(schema, text));
        if let Ok(mut map) = self.map.lock() {
            map.insert(text.to_string(), a.clone());
        }
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
            operations: Vec::new(),
        };
    }
    let parsed = parser().parse_executable(&schema.schema, text, QUERY_LABEL);
    let (doc, errors) = match parsed {
        Ok(doc) => match doc.validate(&schema.schema) {
            Ok(valid) => {
                let operations = op_names(&valid);
                return Analysis {
                    doc: Some(valid),
                    findings: Vec::new(),
                    operations,
                };
            }
            Err(e) => (e.partial, e.errors),
        },
        Err(e) => (e.partial, e.errors),
    };
    let findings = apollo_diagnostics(&errors, Code::OperationSyntax, Code::OperationInvalid, |_, off| {
        Some((src.clone(), off))
    });
    Analysis {
        doc: None,
        findings,
        operations: op_names(&doc),
    }
}

pub(crate) fn parser() -> apollo_compiler::parser::Parser {
    // Bounds on hostile documents: nesting and token count.
    apollo_compiler::parser::Parser::new().recursion_limit(256).token_limit(200_000)
}

fn op_names(doc: &ExecutableDocument) -> Vec<Option<String>> {
    let mut v: Vec<Option<String>> = doc.operations.anonymous.iter().map(|_| None).collect();
    v.extend(doc.operations.named.keys().map(|k| Some(k.to_string())));
    v
}

/// Moves a finding located in an embedded query text into the user's file.
pub fn relocate(mut d: Diagnostic, file: &Source, node: &Node, text: &str, pointer: &str) -> Diagnostic {
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
pub fn embedded_offset(file: &Source, node: &Node, value: &str, off: usize) -> usize {
    let end = if node.len > 0 { node.start + node.len } else { file.text.len() };
    let Some(raw) = file.text.get(node.start..end.min(file.text.len())) else {
        return node.start;
    };
    let off = off.min(value.len());
    if !value.is_char_boundary(off) {
        return node.start;
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
