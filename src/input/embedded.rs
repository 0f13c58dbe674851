//! GraphQL documents embedded in TypeScript and JavaScript (`.ts`, `.tsx`,
//! `.js`, `.jsx`, `.mts`, `.cts`, `.mjs`, `.cjs`), as graphql-config projects keep them:
//!
//! - tagged templates: `` gql`...` `` and `` graphql`...` `` (graphql-tag, Apollo, urql, Relay);
//! - calls on a template: `` gql(`...`) ``, `` graphql(`...`) `` (GraphQL Code Generator's client preset);
//! - either with TypeScript type arguments: `` gql<Data, Vars>`...` ``, `` graphql<T>(`...`) ``;
//! - templates after a magic comment: `` /* GraphQL */ `...` ``.
//!
//! Each template becomes one document located at its byte offset in the file,
//! so findings land at their real line:col. An interpolation `${...}` (an
//! imported fragment, in graphql-tag style) is blanked to spaces of the same
//! length: offsets stay exact, and the fragment it stood for is resolved by
//! name from the project's documents, as graphql-config's loaders do.
//!
//! Why a small scanner rather than a JavaScript parser: the rules above are
//! lexical (graphql-tag-pluck, which graphql-config uses, looks for the same
//! tags and comment), and a full TS/JSX parser (swc, oxc) would add a large
//! dependency for finding backquotes. The scanner skips string literals and
//! comments so a tag inside them is not taken for one; template nesting
//! inside an interpolation is followed by brace depth.

/// One GraphQL text found in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Embedded {
    /// Byte offset of the text (just after the opening backquote) in the file.
    pub start: usize,
    /// The text, interpolations blanked; the same length as in the file.
    pub text: String,
}

/// Is this a file kind whose GraphQL is embedded in templates?
pub(crate) fn is_script(ext: &str) -> bool {
    matches!(ext, "ts" | "tsx" | "js" | "jsx" | "mts" | "cts" | "mjs" | "cjs")
}

/// Every GraphQL template of a script, in file order.
pub(crate) fn extract(text: &str) -> Vec<Embedded> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr(b, i, b'\n');
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                // An unterminated comment runs to the end of the text (its
                // body too: not two bytes short, which can split a character).
                let (body, end) = match text[i + 2..].find("*/") {
                    Some(e) => (&text[i + 2..i + 2 + e], i + 2 + e + 2),
                    None => (&text[i + 2..], b.len()),
                };
                let body = body.trim();
                i = end;
                if body.eq_ignore_ascii_case("graphql") {
                    let j = skip_ws(b, i);
                    if b.get(j) == Some(&b'`') {
                        i = take_template(text, j, &mut out);
                    }
                }
            }
            b'"' | b'\'' => i = skip_string(b, i),
            b'`' => i = skip_template(b, i),
            c if c.is_ascii_alphabetic() || c == b'_' || c == b'$' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'$') {
                    i += 1;
                }
                let word = &text[start..i];
                let after_dot = start > 0 && b[start - 1] == b'.';
                if (word == "gql" || word == "graphql") && !after_dot {
                    let mut j = skip_ws(b, i);
                    if b.get(j) == Some(&b'<') {
                        j = skip_ws(b, skip_type_args(b, j));
                    }
                    if b.get(j) == Some(&b'(') {
                        j = skip_ws(b, j + 1);
                    }
                    if b.get(j) == Some(&b'`') {
                        i = take_template(text, j, &mut out);
                    }
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn memchr(b: &[u8], from: usize, c: u8) -> usize {
    b[from..].iter().position(|&x| x == c).map_or(b.len(), |p| from + p)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The end of TypeScript type arguments `<...>` at `start` (nested `<>`,
/// and `=>` in function types, allowed); `start` itself when they do not
/// close before a backquote, `;` or the end (a comparison, not a type).
fn skip_type_args(b: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'<' => depth += 1,
            b'>' if i > 0 && b[i - 1] == b'=' => {}
            b'>' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b'`' | b';' => return start,
            b'"' | b'\'' => {
                i = skip_string(b, i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    start
}

fn skip_string(b: &[u8], start: usize) -> usize {
    let q = b[start];
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\n' => return i + 1,
            c if c == q => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// The end of the template at `start` (its backquote) and the spans of its
/// interpolations `${...}` (from `$` to the closing brace, inclusive).
fn template_end(b: &[u8], start: usize, holes: &mut Vec<(usize, usize)>) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'`' => return i + 1,
            b'$' if b.get(i + 1) == Some(&b'{') => {
                let hole = i;
                let mut depth = 0usize;
                i += 1;
                while i < b.len() {
                    match b[i] {
                        b'{' => {
                            depth += 1;
                            i += 1;
                        }
                        b'}' => {
                            depth -= 1;
                            i += 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        b'"' | b'\'' => i = skip_string(b, i),
                        b'`' => i = skip_template(b, i),
                        _ => i += 1,
                    }
                }
                holes.push((hole, i.min(b.len())));
            }
            _ => i += 1,
        }
    }
    b.len()
}

fn skip_template(b: &[u8], start: usize) -> usize {
    template_end(b, start, &mut Vec::new())
}

fn take_template(text: &str, start: usize, out: &mut Vec<Embedded>) -> usize {
    let b = text.as_bytes();
    let mut holes = Vec::new();
    let end = template_end(b, start, &mut holes);
    let body_end = if end > start + 1 && b.get(end - 1) == Some(&b'`') {
        end - 1
    } else {
        end
    };
    let mut body: Vec<u8> = b[start + 1..body_end].to_vec();
    for (h0, h1) in holes {
        for x in &mut body[h0 - start - 1..(h1 - start - 1).min(body_end - start - 1)] {
            if *x != b'\n' {
                *x = b' ';
            }
        }
    }
    // `\`` and `\$` in a template stand for the character itself; keep the
    // length by blanking the backslash.
    for k in 0..body.len() {
        if body[k] == b'\\' && matches!(body.get(k + 1), Some(b'`') | Some(b'$')) {
            body[k] = b' ';
        }
    }
    // Blanking replaces whole ASCII/UTF-8 runs inside holes with spaces, which
    // can split a multi-byte character only inside a hole; lossless otherwise.
    let text = String::from_utf8_lossy(&body).into_owned();
    out.push(Embedded { start: start + 1, text });
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_calls_and_comments_at_their_offsets() {
        let src = "import { gql } from '@apollo/client';\nconst s = 'gql`no`';\n// gql`no`\nexport const Q = gql`\n  query A { a }\n  ${Frag}\n`;\nconst B = graphql(`query B { b }`);\nconst C = /* GraphQL */ `query C { c }`;\nconst D = x.gql`no`;\n";
        let found = extract(src);
        assert_eq!(found.len(), 3, "{found:?}");
        for e in &found {
            assert_eq!(e.text.len(), src[e.start..].find('`').unwrap());
        }
        assert!(found[0].text.contains("query A { a }"));
        assert!(!found[0].text.contains("Frag"));
        assert_eq!(&src[found[1].start..found[1].start + 9], "query B {");
        assert_eq!(found[2].text, "query C { c }");
    }

    #[test]
    fn typed_templates_are_found() {
        let src = "const A = gql<GetCustomer, Vars>`query A { a }`;\nconst B = graphql<Map<string, () => void>>(`query B { b }`);\nconst C = gql < 3;\nconst D = x < gql > y ? `no` : 1;\nconst E = gql<T`no`;\n";
        let found = extract(src);
        let texts: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["query A { a }", "query B { b }"], "{found:?}");
        for e in &found {
            assert_eq!(&src[e.start..e.start + e.text.len()], e.text);
        }
    }

    #[test]
    fn unterminated_template_is_taken_to_the_end() {
        let found = extract("const q = gql`query {");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "query {");
    }

    #[test]
    fn unterminated_comment_ending_in_a_multibyte_character() {
        // The comment's body ends two bytes before the end of the text, which
        // here falls inside `é`: found by reading the slicing, not by a fuzzer.
        for src in ["/*a\u{e9}b", "/*\u{e9}", "x /* \u{1f600}", "/*"] {
            assert!(extract(src).is_empty(), "{src:?}");
        }
    }
}
