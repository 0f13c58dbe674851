//! Credentials never leave the process: nothing prints or stores an
//! Authorization value. Checks say *that* a header holds a token, never
//! which; renderers show source lines through [`mask`], which blanks every
//! token after `Bearer ` (other than the accepted `<redacted>`) and every
//! `plainApiKey_...` key, keeping byte offsets so carets still line up.

use std::borrow::Cow;

static PATTERNS: std::sync::OnceLock<Vec<regex::Regex>> = std::sync::OnceLock::new();

/// Adds the configuration's redaction patterns (`[redaction] patterns`) to
/// what [`mask`] blanks, for the rest of the process. Only the first call counts.
pub fn set_patterns(patterns: Vec<regex::Regex>) {
    let _ = PATTERNS.set(patterns);
}

/// The one accepted stored form of a bearer credential.
pub const REDACTED: &str = "<redacted>";

/// Is this Authorization value a stored credential (anything but
/// `Bearer <redacted>`, an empty value, or a bare scheme)?
pub fn holds_credential(value: &str) -> bool {
    let v = value.trim();
    let token = match v.split_once(char::is_whitespace) {
        Some((_, t)) => t.trim(),
        None => return false,
    };
    !token.is_empty() && token != REDACTED
}

/// `text` with every credential replaced by `*`s of the same byte length.
pub fn mask(text: &str) -> Cow<'_, str> {
    let lower = text.to_ascii_lowercase();
    let mut ranges = Vec::new();
    for pat in ["bearer ", "basic "] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(pat) {
            let start = from + i + pat.len();
            let rest = &text[start..];
            let rest_trim = rest.trim_start_matches(' ');
            let start = start + (rest.len() - rest_trim.len());
            let len = token_len(&text[start..]);
            if len > 0 && !text[start..].starts_with(REDACTED) {
                ranges.push((start, start + len));
            }
            from = start.max(from + i + 1);
        }
    }
    let mut from = 0;
    while let Some(i) = text[from..].find("plainApiKey_") {
        let start = from + i;
        let len = token_len(&text[start..]);
        ranges.push((start, start + len));
        from = start + len.max(1);
    }
    for re in PATTERNS.get().map_or(&[][..], Vec::as_slice) {
        ranges.extend(re.find_iter(text).map(|m| (m.start(), m.end())));
    }
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for (a, b) in ranges {
        // Whole characters only: a pattern may end inside one.
        let (mut a, mut b) = (a, b);
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        while !text.is_char_boundary(b) {
            b += 1;
        }
        for x in &mut bytes[a..b] {
            *x = b'*';
        }
    }
    // Whole characters were replaced byte for byte by ASCII, so this is UTF-8.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_default())
}

/// Length in bytes of a token: up to white space, a quote, a comma, or a
/// backslash (an escape in a JSON string); always on a character boundary.
fn token_len(s: &str) -> usize {
    s.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '\\' | '}' | ']'))
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
        assert!(!holds_credential("Bearer <redacted>"));
        assert!(!holds_credential("Bearer"));
    }
}
