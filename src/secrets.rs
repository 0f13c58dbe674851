//! Credentials never leave the process: nothing prints or stores an
//! Authorization value. Checks say *that* a header holds a token, never
//! which; renderers show source lines through [`mask`], which blanks every
//! token after `Bearer ` (other than the accepted `<redacted>`) and every
//! `plainApiKey_...` key, keeping byte offsets so carets still line up.

use std::borrow::Cow;
use std::sync::Arc;

/// What an output masks besides credentials: the configuration's redaction
/// patterns (`[redaction] patterns`). A value held by the
/// [`Settings`](crate::Settings) of a run and handed to the renderers, never
/// process-wide, so a pattern given to one checker is never lost or leaked
/// into another's output. The default masks credentials and
/// `plainApiKey_...` keys only.
#[derive(Debug, Clone, Default)]
pub struct Redaction {
    patterns: Arc<[regex::Regex]>,
}

impl Redaction {
    /// This redaction with one more pattern.
    pub fn with_pattern(&self, re: regex::Regex) -> Redaction {
        let mut v: Vec<regex::Regex> = self.patterns.to_vec();
        v.push(re);
        Redaction { patterns: v.into() }
    }

    /// The patterns, in the order given.
    pub fn patterns(&self) -> impl Iterator<Item = &str> {
        self.patterns.iter().map(regex::Regex::as_str)
    }

    /// [`mask`] with these patterns too.
    pub fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        mask_with(text, true, &self.patterns)
    }

    /// [`mask_name`] with these patterns too.
    pub fn mask_name<'a>(&self, text: &'a str) -> Cow<'a, str> {
        mask_with(text, false, &self.patterns)
    }

    /// [`mask_prose`] with these patterns too.
    pub fn mask_prose<'a>(&self, text: &'a str) -> Cow<'a, str> {
        mask_prose_with(text, &self.patterns)
    }
}

/// The one accepted stored form of a bearer credential.
pub const REDACTED: &str = "<redacted>";

/// Is this Authorization value a stored credential? Anything but an empty
/// value, a bare scheme, `<redacted>` or `<scheme> <redacted>` is: a raw
/// token without a scheme too.
pub fn holds_credential(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() || v == REDACTED {
        return false;
    }
    match v.split_once(char::is_whitespace) {
        Some((_, t)) => t.trim() != REDACTED,
        None => !["bearer", "basic", "token", "digest"].contains(&v.to_ascii_lowercase().as_str()),
    }
}

/// Schemes whose next word is a credential.
const SCHEMES: &[&str] = &["bearer", "basic", "token", "digest", "apikey"];
/// Header names whose whole value is a credential.
const HEADERS: &[&str] = &["authorization", "proxy-authorization", "x-api-key", "set-cookie", "cookie"];

/// `text` with every credential replaced by `*`s of the same byte length:
/// the word after a scheme (`Bearer`, `Basic`, `Token`...) unless it is
/// exactly `<redacted>`, the whole value after an Authorization-like header
/// name (YAML `name: value`, JSON `"name": "value"`, HAR `"name": ...,
/// "value": ...`) unless it is `<scheme> <redacted>`, `plainApiKey_...` keys,
/// (and, through [`Redaction::mask`], whatever the configuration's
/// redaction patterns match).
pub fn mask(text: &str) -> Cow<'_, str> {
    mask_with(text, true, &[])
}

/// A name written by a person (an exchange's `name`): header values, keys
/// and patterns are masked, but not the word after every scheme name, so
/// "the Basic scheme" stays readable.
pub fn mask_name(text: &str) -> Cow<'_, str> {
    mask_with(text, false, &[])
}

fn mask_with<'a>(text: &'a str, schemes: bool, patterns: &[regex::Regex]) -> Cow<'a, str> {
    let lower = text.to_ascii_lowercase();
    let mut ranges = Vec::new();
    for scheme in SCHEMES.iter().filter(|_| schemes) {
        let mut from = 0;
        while let Some(i) = lower[from..].find(scheme) {
            let at = from + i;
            from = at + scheme.len();
            let word_start = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
            let rest = &text[from..];
            let ws = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            if !word_start || ws == 0 {
                continue;
            }
            let start = from + ws;
            let len = token_len(&text[start..]);
            if len > 0 && &text[start..start + len] != REDACTED {
                ranges.push((start, start + len));
            }
        }
    }
    for name in HEADERS {
        let mut from = 0;
        while let Some(i) = lower[from..].find(name) {
            let at = from + i;
            from = at + name.len();
            if let Some((start, end)) = header_value(text, from) {
                let value = text[start..end].trim();
                if holds_credential(value) {
                    // Keep a leading scheme visible; blank the rest.
                    let skip = value
                        .split_once(char::is_whitespace)
                        .filter(|(s, _)| SCHEMES.contains(&s.to_ascii_lowercase().as_str()))
                        .map_or(0, |(s, _)| s.len() + 1);
                    ranges.push((start + skip, end));
                }
            }
        }
    }
    keys_and_patterns(text, patterns, &mut ranges);
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for (a, b) in ranges {
        // Whole characters only: a pattern may end inside one.
        let (mut a, mut b) = (a, b.min(text.len()));
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        while !text.is_char_boundary(b) {
            b += 1;
        }
        for x in &mut bytes[a..b] {
            if !x.is_ascii_whitespace() || *x == b' ' {
                *x = b'*';
            }
        }
    }
    // Whole characters were replaced byte for byte by ASCII, so this is UTF-8.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_default())
}

/// The byte range of a header's value after its name (which ends at `from`):
/// `: value` (YAML, to the end of the line or a closing quote), `": "value"`
/// (JSON), or `", "value": "value"` (HAR). None when no value follows closely.
fn header_value(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &text[from..];
    let mut i = 0;
    let b = rest.as_bytes();
    // Separators, and the HAR `"value":` key, within a short distance; a
    // line break only on the way to a `value` key (pretty-printed HAR).
    let mut crossed = false;
    while i < b.len() && i < 60 {
        match b[i] {
            b'"' | b'\'' | b':' | b'=' | b',' | b' ' | b'\t' | b'\r' => i += 1,
            b'\n' => {
                crossed = true;
                i += 1;
            }
            _ if rest[i..].to_ascii_lowercase().starts_with("value") => {
                crossed = false;
                i += 5;
            }
            _ => break,
        }
    }
    if crossed {
        return None;
    }
    if i == 0 || i >= b.len() || !rest[..i].contains([':', '=']) {
        return None;
    }
    let quoted = i > 0 && matches!(b[i - 1], b'"' | b'\'');
    let end = if quoted {
        let q = b[i - 1] as char;
        rest[i..].find([q, '\n']).map_or(rest.len(), |e| i + e)
    } else {
        rest[i..].find(['\n', ',', '}']).map_or(rest.len(), |e| i + e)
    };
    (end > i).then_some((from + i, from + end))
}

/// Prose (a diagnostic's message or note) with API keys and the
/// configuration's redaction patterns blanked. Messages never quote header
/// values; they may quote a user's value (an enum value, a string), which is
/// where a configured pattern or a `plainApiKey_` key could appear.
pub fn mask_prose(text: &str) -> Cow<'_, str> {
    mask_prose_with(text, &[])
}

fn mask_prose_with<'a>(text: &'a str, patterns: &[regex::Regex]) -> Cow<'a, str> {
    let mut ranges = Vec::new();
    keys_and_patterns(text, patterns, &mut ranges);
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut s = text.to_string();
    ranges.sort();
    for (a, b) in ranges.into_iter().rev() {
        if text.is_char_boundary(a) && text.is_char_boundary(b) && b <= s.len() {
            s.replace_range(a..b, &"*".repeat(text[a..b].chars().count()));
        }
    }
    Cow::Owned(s)
}

/// The ranges of `plainApiKey_...` keys and of the configured patterns.
fn keys_and_patterns(text: &str, patterns: &[regex::Regex], ranges: &mut Vec<(usize, usize)>) {
    let mut from = 0;
    while let Some(i) = text[from..].find("plainApiKey_") {
        let start = from + i;
        let len = token_len(&text[start..]);
        ranges.push((start, start + len));
        from = start + len.max(1);
    }
    for re in patterns {
        ranges.extend(re.find_iter(text).map(|m| (m.start(), m.end())));
    }
}

/// Length in bytes of a token: up to white space, a quote, a comma, or a
/// backslash (an escape in a JSON string); always on a character boundary.
fn token_len(s: &str) -> usize {
    s.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '\\' | '}' | ']' | '`' | ';' | ')'))
        .unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_tokens_but_not_the_redaction() {
        assert_eq!(mask("Authorization: Bearer abc.DEF"), "Authorization: Bearer *******");
        assert_eq!(
            mask("\"authorization\":\"bearer plainApiKey_x1\""),
            "\"authorization\":\"bearer **************\""
        );
        assert_eq!(mask("Authorization: Bearer <redacted>"), "Authorization: Bearer <redacted>");
        assert_eq!(mask("key plainApiKey_zz, more"), "key **************, more");
        assert_eq!(mask("Bearer é\u{e9}x").len(), "Bearer é\u{e9}x".len());
        assert!(holds_credential("Bearer abc"));
        assert!(holds_credential("s3cr3tT0ken12345"), "a raw token is a credential");
        assert!(!holds_credential("Bearer <redacted>"));
        assert!(!holds_credential("Bearer"));
        assert!(mask("Authorization: s3cr3t").contains("******") && !mask("Authorization: s3cr3t").contains("s3cr3t"));
        assert!(!mask("Authorization: Bearer\tabc123").contains("abc123"));
        assert!(!mask("Authorization: Bearer <redacted>sk_live_SECRET99").contains("SECRET"));
        assert!(!mask("{\"name\": \"Authorization\", \"value\": \"Token abc\"}").contains("abc"));
        assert!(!mask("\"authorization\":\"rawtoken\"").contains("rawtoken"));
        assert_eq!(mask("authorization: Bearer <redacted>\n"), "authorization: Bearer <redacted>\n");
        let har = "{\n \"name\": \"Authorization\",\n \"value\": \"Bearer\\tabc123\"\n}";
        assert!(!mask(har).contains("abc123"), "{}", mask(har));
        assert_eq!(mask("authorization:\n  other: visible\n"), "authorization:\n  other: visible\n");
    }

    #[test]
    fn redactions_are_values_not_process_state() {
        let a = Redaction::default().with_pattern(regex::Regex::new("sk_live_[a-z0-9]+").unwrap());
        let b = Redaction::default().with_pattern(regex::Regex::new("tok_[a-z0-9]+").unwrap());
        let text = "keys sk_live_abc1 and tok_xyz9";
        assert_eq!(a.mask_prose(text), "keys ************ and tok_xyz9");
        assert_eq!(b.mask_prose(text), "keys sk_live_abc1 and ********");
        assert_eq!(mask_prose(text), text, "no pattern without a Redaction");
    }
}
