//! GraphQL Code Generator's configuration as a project file: `codegen.yml`
//! and `codegen.json` are read as graphql-config files are (their `schema`
//! and `documents`, at the top level or under each of `generates`);
//! `codegen.ts` (and `.mts`, `.js`, `.cjs`, `.mjs`) is read here, statically.
//!
//! A script is never run: the reader finds the configuration's object
//! literal (`export default {…}`, `export default config` with `const
//! config: CodegenConfig = {…}`, `module.exports = …`, or a call such as
//! `defineConfig({…})`) and takes the literal values of its keys: strings,
//! template strings without `${}`, arrays and objects of those. A value
//! that is computed (a variable, a call, `process.env…`, an interpolated
//! template) is not guessed: when the run needs it, it is a `PC013` finding
//! at its place that names the `[check]` key of plain-contract.toml that
//! takes it.
//!
//! Written here rather than with a TypeScript parser: the only crates that
//! parse TypeScript (swc, oxc) are each larger than this whole tool, and a
//! configuration's literal values need a tokenizer and an object-literal
//! reader only. Bounded: nesting deeper than [`MAX_NESTING`] is read as
//! computed; the file is read whole under the run's size limit.

use crate::diagnostic::{Code, Diagnostic};
use crate::node::{Key, Node, Value};
use crate::source::Source;

/// Findings about computed values, by the key (`schema`, `documents`).
pub(crate) type Computed = Vec<(&'static str, Diagnostic)>;

/// Deepest object or array nesting read; deeper values count as computed.
pub(crate) const MAX_NESTING: usize = 32;

/// Is this file name a script configuration (read by [`read`])?
pub(crate) fn is_script(name: &str) -> bool {
    name.starts_with("codegen.") && [".ts", ".mts", ".js", ".cjs", ".mjs"].iter().any(|e| name.ends_with(e))
}

/// One token of the script.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// An identifier or keyword.
    Ident(String),
    /// A string literal or a template without `${}`, its value.
    Str(String),
    /// A template with `${}` (computed).
    Template,
    /// A number or any other literal word.
    Other,
    /// One punctuation character.
    Punct(char),
}

/// Tokens with their byte offset and length.
fn tokenize(text: &str) -> Vec<(Tok, usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i = text[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
        } else if c == b'\'' || c == b'"' || c == b'`' {
            let start = i;
            i += 1;
            let mut value = String::new();
            let mut interpolated = false;
            while i < b.len() && b[i] != c {
                if b[i] == b'\\' && i + 1 < b.len() {
                    i += 1;
                    let (ch, n) = char_at(text, i);
                    value.push(match ch {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                    i += n;
                    continue;
                }
                if c == b'`' && b[i] == b'$' && b.get(i + 1) == Some(&b'{') {
                    interpolated = true;
                }
                if c != b'`' && b[i] == b'\n' {
                    break; // an unterminated string ends at its line
                }
                let (ch, n) = char_at(text, i);
                value.push(ch);
                i += n;
            }
            i = (i + 1).min(b.len());
            let tok = if interpolated { Tok::Template } else { Tok::Str(value) };
            out.push((tok, start, i - start));
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'$') {
                i += 1;
            }
            out.push((Tok::Ident(text[start..i].to_string()), start, i - start));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            out.push((Tok::Other, start, i - start));
        } else if c.is_ascii() {
            out.push((Tok::Punct(c as char), i, 1));
            i += 1;
        } else {
            let (_, n) = char_at(text, i);
            out.push((Tok::Other, i, n));
            i += n;
        }
    }
    out
}

/// The character at byte `i` (a char boundary) and its length.
fn char_at(text: &str, i: usize) -> (char, usize) {
    let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
    (ch, ch.len_utf8().max(1))
}

/// Reads the object literal at `toks[*i]` (a `{`) as a node; computed
/// values become `null`, and `computed` gets their key and span.
struct Reader<'a> {
    toks: &'a [(Tok, usize, usize)],
    computed: Vec<(String, usize, usize)>,
}

impl Reader<'_> {
    fn punct(&self, i: usize, c: char) -> bool {
        matches!(self.toks.get(i), Some((Tok::Punct(p), _, _)) if *p == c)
    }

    /// Skips a value that is not a literal, up to the `,` or closing
    /// bracket that ends it; returns the index of that token.
    fn skip_value(&self, mut i: usize) -> usize {
        let mut depth = 0usize;
        while let Some((t, _, _)) = self.toks.get(i) {
            match t {
                Tok::Punct('{' | '[' | '(') => depth += 1,
                Tok::Punct('}' | ']' | ')') if depth == 0 => return i,
                Tok::Punct('}' | ']' | ')') => depth -= 1,
                Tok::Punct(',') if depth == 0 => return i,
                _ => {}
            }
            i += 1;
        }
        i
    }

    /// A value starting at `i`, and the index after it. `key` names it in
    /// `computed`.
    fn value(&mut self, i: usize, key: &str, depth: usize) -> (Node, usize) {
        let Some((t, start, len)) = self.toks.get(i).cloned() else {
            return (Node::bare(Value::Null), i);
        };
        let literal = match t {
            Tok::Str(s) => Some((
                Node {
                    start,
                    len,
                    value: Value::String(s),
                },
                i + 1,
            )),
            Tok::Punct('{') if depth < MAX_NESTING => Some(self.object(i, depth + 1)),
            Tok::Punct('[') if depth < MAX_NESTING => Some(self.array(i, key, depth + 1)),
            _ => None,
        };
        if let Some((node, next)) = literal {
            // `'x' as const`, `{…} satisfies CodegenConfig`: still the literal.
            let ends = self.punct(next, ',') || self.punct(next, '}') || self.punct(next, ']') || self.punct(next, ')');
            let typed = matches!(self.toks.get(next), Some((Tok::Ident(w), _, _)) if w == "as" || w == "satisfies");
            let end = self.skip_value(next);
            if ends || typed || next >= self.toks.len() {
                return (node, end);
            }
            let stop = self.toks.get(end).map_or(start + len, |(_, s, _)| *s);
            self.computed.push((key.to_string(), start, stop.saturating_sub(start)));
            return (
                Node {
                    start,
                    len,
                    value: Value::Null,
                },
                end,
            );
        }
        let end = self.skip_value(i);
        let stop = self.toks.get(end).map_or(start + len, |(_, s, _)| *s);
        self.computed.push((key.to_string(), start, stop.saturating_sub(start)));
        (
            Node {
                start,
                len: stop.saturating_sub(start),
                value: Value::Null,
            },
            end,
        )
    }

    fn array(&mut self, open: usize, key: &str, depth: usize) -> (Node, usize) {
        let start = self.toks[open].1;
        let mut items = Vec::new();
        let mut i = open + 1;
        while i < self.toks.len() && !self.punct(i, ']') {
            if self.punct(i, ',') {
                i += 1;
                continue;
            }
            let (v, next) = self.value(i, key, depth);
            items.push(v);
            i = if next == i { next + 1 } else { next };
        }
        let end = self.toks.get(i).map_or(start, |(_, s, l)| s + l);
        (
            Node {
                start,
                len: end - start,
                value: Value::Array(items),
            },
            i + 1,
        )
    }

    fn object(&mut self, open: usize, depth: usize) -> (Node, usize) {
        let start = self.toks[open].1;
        let mut members = Vec::new();
        let mut i = open + 1;
        while i < self.toks.len() && !self.punct(i, '}') {
            if self.punct(i, ',') {
                i += 1;
                continue;
            }
            let key = match self.toks.get(i) {
                Some((Tok::Ident(k) | Tok::Str(k), s, _)) if self.punct(i + 1, ':') => Some((k.clone(), *s)),
                _ => None,
            };
            match key {
                Some((name, at)) => {
                    let (v, next) = self.value(i + 2, &name, depth);
                    members.push((Key { name, start: at }, v));
                    i = next;
                }
                // A spread, a shorthand, a method or a computed key: its
                // value is not known (a shorthand `schema,` is computed).
                None => {
                    if let (Some((Tok::Ident(k), s, l)), true) = (self.toks.get(i), self.punct(i + 1, ',') || self.punct(i + 1, '}')) {
                        self.computed.push((k.clone(), *s, *l));
                    }
                    let next = self.skip_value(i);
                    i = if next == i { next + 1 } else { next };
                }
            }
        }
        let end = self.toks.get(i).map_or(start, |(_, s, l)| s + l);
        (
            Node {
                start,
                len: end - start,
                value: Value::Object(members),
            },
            i + 1,
        )
    }
}

/// The index of the `{` that opens the configuration's object literal.
fn config_object(toks: &[(Tok, usize, usize)]) -> Option<usize> {
    let ident = |i: usize, w: &str| matches!(toks.get(i), Some((Tok::Ident(x), _, _)) if x == w);
    let punct = |i: usize, c: char| matches!(toks.get(i), Some((Tok::Punct(p), _, _)) if *p == c);
    // The first `{` from `i`, through calls and parentheses only
    // (`defineConfig({…})`, `({…})`), else the name the value is.
    let from = |mut i: usize| -> Result<usize, Option<String>> {
        loop {
            match toks.get(i) {
                Some((Tok::Punct('{'), _, _)) => return Ok(i),
                Some((Tok::Punct('('), _, _)) => i += 1,
                Some((Tok::Ident(w), _, _)) if punct(i + 1, '(') || punct(i + 1, '<') => {
                    // a call, perhaps generic: skip to its `(`
                    i += 1;
                    while i < toks.len() && !punct(i, '(') {
                        i += 1;
                    }
                    let _ = w;
                }
                Some((Tok::Ident(w), _, _)) => return Err(Some(w.clone())),
                _ => return Err(None),
            }
        }
    };
    let declared = |name: &str| -> Option<usize> {
        (0..toks.len()).find_map(|i| {
            if !(ident(i, "const") || ident(i, "let") || ident(i, "var")) || !ident(i + 1, name) {
                return None;
            }
            let mut j = i + 2;
            while j < toks.len() && !punct(j, '=') && !punct(j, ';') {
                j += 1;
            }
            punct(j, '=').then(|| from(j + 1).ok()).flatten()
        })
    };
    for i in 0..toks.len() {
        let at = if ident(i, "export") && ident(i + 1, "default") {
            Some(i + 2)
        } else if ident(i, "module") && punct(i + 1, '.') && ident(i + 2, "exports") && punct(i + 3, '=') {
            Some(i + 4)
        } else {
            None
        };
        if let Some(at) = at {
            return match from(at) {
                Ok(open) => Some(open),
                Err(Some(name)) => declared(&name),
                Err(None) => None,
            };
        }
    }
    None
}

/// Reads a script configuration: its object literal as a node tree (only
/// literal values), and a finding for each computed `schema` or
/// `documents` (to be raised where the run needs that value).
pub(crate) fn read(src: &std::sync::Arc<Source>) -> Result<(Node, Computed), Diagnostic> {
    let toks = tokenize(&src.text);
    let Some(open) = config_object(&toks) else {
        return Err(Diagnostic::at(
            Code::ProjectInvalid,
            "no configuration object found: plain-contract reads `export default {…}` or `module.exports = {…}` (or a variable they name) without running the script",
            src,
            0,
            0,
        )
        .with_note("set `[check] schema` and `[check] documents` in plain-contract.toml instead"));
    };
    let mut reader = Reader {
        toks: &toks,
        computed: Vec::new(),
    };
    let (root, _) = reader.object(open, 0);
    let mut computed: Computed = Vec::new();
    for (key, start, len) in reader.computed {
        let key: &'static str = match key.as_str() {
            "schema" => "schema",
            "documents" => "documents",
            _ => continue,
        };
        if computed.iter().any(|(k, _)| *k == key) {
            continue;
        }
        let d = Diagnostic::at(
            Code::ProjectInvalid,
            format!("`{key}` is computed when the script runs; plain-contract reads only literal values and does not run it"),
            src,
            start,
            len,
        )
        .with_note(format!("set `[check] {key}` in plain-contract.toml (it wins over this file)"));
        computed.push((key, d));
    }
    Ok((root, computed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (serde_json::Value, Vec<&'static str>) {
        let src = Source::new("codegen.ts", text);
        let (node, computed) = read(&src).expect("an object");
        (node.to_json(), computed.into_iter().map(|(k, _)| k).collect())
    }

    #[test]
    fn a_typed_config_object_is_read_without_running_it() {
        let (v, computed) = run(r#"
import type { CodegenConfig } from "@graphql-codegen/cli";
// the schema Plain publishes
const config: CodegenConfig = {
  overwrite: true,
  schema: "https://core-api.uk.plain.com/graphql/v1/schema.graphql",
  documents: ['src/graphql/**/*.gql', `src/fragments/*.gql`],
  generates: { "src/graphql/types.ts": { plugins: ["typescript"], config: { scalars: { DateTime: "string" } } } },
  hooks: { afterAllFileWrite: () => run("prettier --write") },
};
export default config;
"#);
        assert_eq!(v["schema"], "https://core-api.uk.plain.com/graphql/v1/schema.graphql");
        assert_eq!(v["documents"], serde_json::json!(["src/graphql/**/*.gql", "src/fragments/*.gql"]));
        assert_eq!(v["generates"]["src/graphql/types.ts"]["plugins"][0], "typescript");
        assert!(computed.is_empty(), "{computed:?}");
    }

    #[test]
    fn calls_module_exports_and_computed_values() {
        let (v, computed) =
            run("export default defineConfig({ schema: process.env.SCHEMA_URL, documents: 'src/**/*.graphql' } satisfies X);");
        assert_eq!(v["documents"], "src/**/*.graphql");
        assert_eq!(v["schema"], serde_json::Value::Null);
        assert_eq!(computed, vec!["schema"]);
        let (v, computed) = run("const base = 'x';\nmodule.exports = { schema: [`${base}/schema.graphql`], documents };");
        assert_eq!(v["schema"], serde_json::json!([null]));
        assert_eq!(computed, vec!["schema", "documents"]);
        let (v, _) = run("export default { schema: { 'https://x.test/graphql': { headers: { a: 'b' } } } } as const");
        assert_eq!(v["schema"]["https://x.test/graphql"]["headers"]["a"], "b");
    }

    #[test]
    fn no_object_and_broken_text_are_findings_not_panics() {
        assert!(read(&Source::new("codegen.ts", "export default makeConfig;")).is_err());
        for text in [
            "export default {",
            "export default { schema: [",
            "export default { schema: 'é",
            "module.exports = ((((",
            "{{{{",
        ] {
            let _ = read(&Source::new("codegen.ts", text));
        }
        let deep = format!("export default {{ schema: {}'x'{} }}", "[".repeat(200), "]".repeat(200));
        let (_, computed) = read(&Source::new("codegen.ts", &deep)).expect("an object");
        assert_eq!(computed.len(), 1);
    }
}
