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
pub(crate) struct Redaction {
    patterns: Arc<[regex::Regex]>,
}

impl Redaction {
    /// This redaction with one more pattern.
    pub(crate) fn with_pattern(&self, re: regex::Regex) -> Redaction {
        let mut v: Vec<regex::Regex> = self.patterns.to_vec();
        v.push(re);
        Redaction { patterns: v.into() }
    }

    /// [`mask`] with these patterns too.
    pub(crate) fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        mask_with(text, true, &self.patterns)
    }

    /// A name written by a person (an exchange's `name`): header values, keys
    /// and these patterns are masked, but not the word after every scheme
    /// name, so "the Basic scheme" stays readable.
    pub(crate) fn mask_name<'a>(&self, text: &'a str) -> Cow<'a, str> {
        mask_with(text, false, &self.patterns)
    }

    /// [`mask_prose`] with these patterns too.
    pub(crate) fn mask_prose<'a>(&self, text: &'a str) -> Cow<'a, str> {
        mask_prose_with(text, &self.patterns)
    }
}

/// What counts as a placeholder besides the built-in forms
/// ([`is_placeholder_with`]): the configuration's `[redaction] placeholders`,
/// regular expressions that must match a whole value. A value held by the
/// [`Settings`](crate::Settings) of a run and passed to the secret checks,
/// never process-wide, so two checkers with different forms never mix. The
/// default accepts the built-in forms only.
#[derive(Debug, Clone, Default)]
pub struct Placeholders {
    patterns: Arc<[regex::Regex]>,
}

impl Placeholders {
    /// These forms and one more, a regular expression matched against the
    /// whole value (it is anchored at both ends here).
    pub fn with_pattern(&self, pattern: &str) -> Result<Placeholders, regex::Error> {
        let re = regex::Regex::new(&format!("^(?:{pattern})$"))?;
        let mut v: Vec<regex::Regex> = self.patterns.to_vec();
        v.push(re);
        Ok(Placeholders { patterns: v.into() })
    }

    /// [`is_placeholder_with`], also accepting these forms.
    pub fn is_placeholder(&self, value: &str) -> bool {
        is_placeholder_with(value, &self.patterns)
    }

    /// [`holds_credential`], with these forms accepted as placeholders.
    pub fn holds_credential(&self, value: &str) -> bool {
        holds_credential_with(value, &self.patterns)
    }

    /// [`header_holds_credential`], with these forms accepted as placeholders.
    pub fn header_holds_credential(&self, name: &str, value: &str) -> bool {
        header_holds_credential_with(name, value, &self.patterns)
    }

    /// [`secret_in_query`], with these forms accepted as placeholders.
    pub fn secret_in_query(&self, url: &str) -> Option<String> {
        secret_in_query_with(url, &self.patterns)
    }

    /// [`body_value_holds_secret`], with these forms accepted as placeholders.
    pub fn body_value_holds_secret(&self, key: Option<&str>, value: &str) -> bool {
        body_value_holds_secret_with(key, value, &self.patterns)
    }
}

/// The one accepted stored form of a bearer credential.
pub(crate) const REDACTED: &str = "<redacted>";

/// Is this Authorization value a stored credential? Anything but an empty
/// value, a bare scheme or a placeholder ([`is_placeholder_with`], with or
/// without a scheme before it: `Bearer <redacted>`, `[Filtered]`,
/// `Bearer ${PLAIN_API_KEY}`) is: a raw token without a scheme too.
pub(crate) fn holds_credential(value: &str) -> bool {
    holds_credential_with(value, &[])
}

fn holds_credential_with(value: &str, extra: &[regex::Regex]) -> bool {
    let v = value.trim();
    // The one stored form, as nearly every fixture has it: no search needed.
    if v == "Bearer <redacted>" {
        return false;
    }
    if v.is_empty() || is_placeholder_with(v, extra) {
        return false;
    }
    match v.split_once(char::is_whitespace) {
        Some((scheme, t)) if is_scheme(scheme) => !is_placeholder_with(t.trim(), extra),
        Some(_) => true,
        None => !is_scheme(v),
    }
}

/// Is this word an authentication scheme whose next word is a credential
/// (`Bearer`, `Basic`, `Token`...), in any letter case?
pub(crate) fn is_scheme(word: &str) -> bool {
    SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// Schemes whose next word is a credential.
const SCHEMES: &[&str] = &["bearer", "basic", "token", "digest", "apikey"];

/// The one list of headers that carry credentials (lowercase), with what
/// their value is: the whole value of `Authorization`-like headers is a
/// credential; a cookie header holds many values, of which only those that
/// look like secrets ([`find_secret`]) count. Both kinds are masked whole in
/// everything shown.
pub(crate) const CREDENTIAL_HEADERS: &[(&str, HeaderKind)] = &[
    ("authorization", HeaderKind::Credential),
    ("proxy-authorization", HeaderKind::Credential),
    ("x-api-key", HeaderKind::Credential),
    ("x-plain-api-key", HeaderKind::Credential),
    ("cookie", HeaderKind::Cookie),
    ("set-cookie", HeaderKind::Cookie),
];

/// What a credential header's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderKind {
    /// The whole value is a credential (after an optional scheme).
    Credential,
    /// Cookies: a credential only where a value looks like a secret.
    Cookie,
}

/// The kind of a credential header, by name (any case); None for other headers.
pub(crate) fn credential_header(name: &str) -> Option<HeaderKind> {
    CREDENTIAL_HEADERS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, k)| *k)
}

/// Does this header (name, value) hold a credential that should not be stored?
#[cfg(test)]
pub(crate) fn header_holds_credential(name: &str, value: &str) -> bool {
    header_holds_credential_with(name, value, &[])
}

fn header_holds_credential_with(name: &str, value: &str, extra: &[regex::Regex]) -> bool {
    match credential_header(name) {
        Some(HeaderKind::Credential) => holds_credential_with(value, extra),
        Some(HeaderKind::Cookie) => find_secret(value).is_some(),
        None => false,
    }
}

/// The stored form to suggest for a credential found in header `name`:
/// `<scheme> <redacted>` for Authorization-like headers (keeping the scheme
/// it had, `Bearer` when it had none), the bare `<redacted>` for headers
/// whose value is the key itself (`X-Api-Key`), `name=<redacted>` in cookies.
pub(crate) fn suggested_form(name: &str, value: &str) -> String {
    let scheme = value
        .trim()
        .split_once(char::is_whitespace)
        .map(|(s, _)| s)
        .filter(|s| SCHEMES.contains(&s.to_ascii_lowercase().as_str()));
    let authorization = name.eq_ignore_ascii_case("authorization") || name.eq_ignore_ascii_case("proxy-authorization");
    match (credential_header(name), scheme) {
        (Some(HeaderKind::Credential), Some(s)) => format!("{s} {REDACTED}"),
        (Some(HeaderKind::Credential), None) if authorization => format!("Bearer {REDACTED}"),
        (Some(HeaderKind::Cookie), _) => format!("name={REDACTED}"),
        _ => REDACTED.to_string(),
    }
}

/// Words that mark a removed value, in any letter case.
const MARKER_WORDS: &[&str] = &[
    "redacted",
    "filtered",
    "removed",
    "hidden",
    "masked",
    "omitted",
    "scrubbed",
    "sanitized",
    "placeholder",
];

/// Is this value plainly a placeholder rather than a credential? A marker in
/// angle brackets, square brackets or braces (`<redacted>`, `[Filtered]`,
/// `{token}`, `{{apiKey}}`), an environment reference (`${PLAIN_API_KEY}`,
/// `$PLAIN_API_KEY`, `%PLAIN_API_KEY%`), a run of one mask character (`***`,
/// `xxxx`, `••••`), a marker word in any letter case (`REDACTED`,
/// `filtered`, `Removed`, `hidden`...), or a form the configuration accepts
/// (`[redaction] placeholders`). A value holding a Plain key, a JWT or a
/// random-looking tail is never a placeholder, whatever surrounds it.
///
/// Also accepted is what the `extra` patterns (anchored at both ends) match.
fn is_placeholder_with(value: &str, extra: &[regex::Regex]) -> bool {
    let v = value.trim().trim_matches(['"', '\'']);
    if v.is_empty() {
        return true;
    }
    if find_secret(v).is_some() {
        return false;
    }
    if extra.iter().any(|p| p.is_match(v)) {
        return true;
    }
    for (o, c) in [('<', '>'), ('[', ']'), ('{', '}')] {
        if let Some(i) = v.strip_prefix(o).and_then(|r| r.strip_suffix(c)) {
            let i = i.trim_matches(['{', '}', '<', '>', '[', ']', ' ']);
            if !i.is_empty() && i.len() <= 64 && !looks_random(i) && !i.contains(char::is_whitespace) || is_placeholder_word(i) {
                return true;
            }
        }
    }
    if let Some(name) = v.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
        return is_env_name(name);
    }
    if let Some(name) = v.strip_prefix('$') {
        return is_identifier(name) && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    }
    if let Some(name) = v.strip_prefix('%').and_then(|r| r.strip_suffix('%')) {
        return is_env_name(name);
    }
    let mut chars = v.chars();
    if let Some(first) = chars.next() {
        if matches!(first, '*' | 'x' | 'X' | '•' | '#' | '.' | '█') && chars.all(|c| c == first) {
            return true;
        }
    }
    is_placeholder_word(v)
}

fn is_placeholder_word(v: &str) -> bool {
    let word = v.trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_ascii_lowercase();
    MARKER_WORDS.contains(&word.as_str())
}

/// A variable's name, as written in `${NAME}` or `%NAME%`: an identifier
/// that is upper case (`PLAIN_API_KEY_2024`) or does not look machine-made
/// (`apiKey`); a mixed-case random word in `${...}` is a token, not a name.
fn is_env_name(s: &str) -> bool {
    let upper = s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    is_identifier(s) && (upper || !looks_random(s))
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// Does a word look machine-made (a key or token) rather than written? At
/// least 16 characters of a token alphabet, with letters and digits mixed, or
/// 24 such characters with a Shannon entropy of at least 3.5 bits each.
pub(crate) fn looks_random(s: &str) -> bool {
    let token = s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '+' | '=' | '~'));
    if !token || s.len() < 16 {
        return false;
    }
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let letters = s.chars().filter(char::is_ascii_alphabetic).count();
    if digits >= 2 && letters >= 6 {
        return true;
    }
    s.len() >= 24 && entropy(s) >= 3.5
}

fn entropy(s: &str) -> f64 {
    let mut counts = [0usize; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// Prefixes of well-known API keys, Plain's first.
const KEY_PREFIXES: &[&str] = &[
    "plainApiKey_",
    "sk_live_",
    "sk_test_",
    "rk_live_",
    "ghp_",
    "gho_",
    "github_pat_",
    "xoxb-",
    "xoxp-",
    "glpat-",
];

/// One automaton for every key prefix and `eyJ`, built once from the
/// constant list above; it holds no setting.
fn candidates() -> &'static Option<regex::Regex> {
    static CANDIDATES: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    CANDIDATES.get_or_init(|| {
        let alternatives: Vec<String> = KEY_PREFIXES.iter().chain(&["eyJ"]).map(|p| regex::escape(p)).collect();
        regex::Regex::new(&alternatives.join("|")).ok()
    })
}

/// The byte range of the first (leftmost) secret in free text (a body, a
/// query string, a cookie): a Plain key (`plainApiKey_` and 8 or more key characters that
/// are not one repeated character), another well-known key prefix
/// (`sk_live_`, `ghp_`, `xoxb-`...) followed by a random tail, or a JWT
/// (`eyJ...` in three base64url parts).
pub(crate) fn find_secret(text: &str) -> Option<(usize, usize)> {
    // One search for every prefix (and `eyJ`) at once, leftmost first: this
    // runs on every string of every recorded body. The automaton is built
    // once from the constant list above; it holds no setting.
    // Every key prefix ends in `_` or `-` (a unit test pins this), and a
    // JWT starts `eyJ`: a string where no `_` or `-` ends a prefix and no
    // `eyJ` occurs (most strings of a body: ids like `c_01H...` included)
    // is passed over without the automaton, whose per-call cost dominates
    // on short strings.
    let bytes = text.as_bytes();
    static JWT: std::sync::LazyLock<memchr::memmem::Finder<'static>> = std::sync::LazyLock::new(|| memchr::memmem::Finder::new("eyJ"));
    // The byte before a prefix's last one rules most `_`s out at once
    // (`__typename`, `snake_case`).
    static BEFORE_LAST: std::sync::LazyLock<[bool; 256]> = std::sync::LazyLock::new(|| {
        let mut t = [false; 256];
        for p in KEY_PREFIXES {
            if let Some(&b) = p.as_bytes().iter().rev().nth(1) {
                t[usize::from(b)] = true;
            }
        }
        t
    });
    let ends_a_prefix =
        |i: usize| i > 0 && BEFORE_LAST[usize::from(bytes[i - 1])] && KEY_PREFIXES.iter().any(|p| bytes[..=i].ends_with(p.as_bytes()));
    if !memchr::memchr2_iter(b'_', b'-', bytes).any(ends_a_prefix) && JWT.find(bytes).is_none() {
        return None;
    }
    let re = candidates();
    let is_key_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let candidates: Box<dyn Iterator<Item = (usize, &str)>> = match re {
        Some(re) => Box::new(re.find_iter(text).map(|m| (m.start(), m.as_str()))),
        // Not reached (the pattern is constant); kept so nothing here panics.
        None => Box::new(std::iter::empty()),
    };
    for (start, prefix) in candidates {
        let from = start + prefix.len();
        if prefix == "eyJ" {
            let len = text[start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
                .unwrap_or(text.len() - start);
            let jwt = &text[start..start + len];
            let mut parts = jwt.split('.');
            let (a, b, c, more) = (parts.next(), parts.next(), parts.next(), parts.next());
            if let (Some(a), Some(b), Some(_), None) = (a, b, c, more) {
                if a.len() >= 10 && b.len() >= 10 {
                    return Some((start, start + len));
                }
            }
            continue;
        }
        let before_ok = start == 0 || !text[..start].ends_with(|c: char| c.is_ascii_alphanumeric());
        let tail_len = text[from..].find(|c: char| !is_key_char(c)).unwrap_or(text.len() - from);
        let tail = &text[from..from + tail_len];
        let first = tail.chars().next().unwrap_or('x');
        let real = if prefix == "plainApiKey_" {
            tail.len() >= 8 && !tail.chars().all(|c| c == first)
        } else {
            looks_random(tail) || (tail.len() >= 16 && tail.chars().any(|c| c.is_ascii_digit()))
        };
        if before_ok && real {
            return Some((start, from + tail_len));
        }
    }
    None
}

/// Query parameter names whose value is a credential.
const SECRET_PARAMS: &[&str] = &[
    "token",
    "access_token",
    "api_key",
    "apikey",
    "api-key",
    "key",
    "secret",
    "client_secret",
    "password",
    "auth",
    "authorization",
    "sig",
    "signature",
];

/// The name of the first query parameter of `url` that holds a credential:
/// a secret anywhere in a value ([`find_secret`]), or a parameter named like
/// one (`token`, `api_key`, `access_token`...) whose value is not a
/// placeholder. The value itself is never returned.
#[cfg(test)]
pub(crate) fn secret_in_query(url: &str) -> Option<String> {
    secret_in_query_with(url, &[])
}

fn secret_in_query_with(url: &str, extra: &[regex::Regex]) -> Option<String> {
    let q = url.split_once('?')?.1;
    let q = q.split('#').next().unwrap_or("");
    for pair in q.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decoded = percent_decode(value);
        if find_secret(&decoded).is_some() {
            return Some(name.to_string());
        }
        if SECRET_PARAMS.contains(&name.to_ascii_lowercase().as_str()) && !is_placeholder_with(&decoded, extra) {
            return Some(name.to_string());
        }
    }
    None
}

/// `%XX` and `+` decoded (RFC 3986 §2.1, HTML forms); bad escapes kept as is.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Object keys whose string value in a request body is a credential when it
/// is not a placeholder and looks machine-made.
const SECRET_KEYS: &[&str] = &[
    "apikey",
    "api_key",
    "token",
    "accesstoken",
    "access_token",
    "secret",
    "password",
    "authorization",
];

/// Does a body value under object key `key` hold a credential? A secret
/// anywhere in it ([`find_secret`]), or a credential-named key (`apiKey`,
/// `token`, `password`...) whose value is neither a placeholder nor short.
#[cfg(test)]
pub(crate) fn body_value_holds_secret(key: Option<&str>, value: &str) -> bool {
    body_value_holds_secret_with(key, value, &[])
}

fn body_value_holds_secret_with(key: Option<&str>, value: &str, extra: &[regex::Regex]) -> bool {
    find_secret(value).is_some() || keyed_secret(key, value, extra)
}

fn keyed_secret(key: Option<&str>, value: &str, extra: &[regex::Regex]) -> bool {
    key.is_some_and(|k| SECRET_KEYS.iter().any(|s| s.eq_ignore_ascii_case(k)))
        && !is_placeholder_with(value, extra)
        && looks_random(value.trim())
}

/// `text` with every credential replaced by `*`s of the same byte length:
/// the word after a scheme (`Bearer`, `Basic`, `Token`...) unless it is
/// exactly `<redacted>`, the whole value after an Authorization-like header
/// name (YAML `name: value`, JSON `"name": "value"`, HAR `"name": ...,
/// "value": ...`) unless it is `<scheme> <redacted>`, `plainApiKey_...` keys,
/// (and, through [`Redaction::mask`], whatever the configuration's
/// redaction patterns match).
#[cfg(test)]
pub(crate) fn mask(text: &str) -> Cow<'_, str> {
    mask_with(text, true, &[])
}

/// Every scheme word and credential header name, found in one pass over a
/// text (ASCII case ignored) by aho-corasick (already in the tree through
/// regex): a report masks every file it shows lines of, and a search per
/// word over a lowercased copy of each was a fiftieth of a run on a client
/// repository. Ids below `SCHEMES.len()` are schemes, the rest headers in
/// [`CREDENTIAL_HEADERS`]' order. Leftmost-first, as [`PACKED`].
static WORDS: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(credential_words())
        .ok()
});

/// The words [`WORDS`] and [`PACKED`] find, in their ids' order.
fn credential_words() -> impl Iterator<Item = &'static str> {
    SCHEMES.iter().copied().chain(CREDENTIAL_HEADERS.iter().map(|(n, _)| *n))
}

/// The same words (all lowercase) for aho-corasick's SIMD searcher (Teddy),
/// run over an ASCII-lowercased copy of the text: a byte or two of work a
/// byte, where the case-insensitive automaton took about fifteen (it was a
/// fortieth of a run on Plain's SDK laid out self-contained, whose report
/// masks a megabyte of files). None where the CPU has no SIMD for it: then
/// [`WORDS`].
static PACKED: std::sync::LazyLock<Option<aho_corasick::packed::Searcher>> = std::sync::LazyLock::new(|| {
    aho_corasick::packed::Config::new()
        .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
        .builder()
        .extend(credential_words())
        .build()
});

/// Where [`WORDS`] stand in `text`: (word id, start, end), left to right.
fn word_matches(text: &str) -> Option<Vec<(usize, usize, usize)>> {
    if let Some(p) = PACKED.as_ref() {
        let lower = text.as_bytes().to_ascii_lowercase();
        return Some(p.find_iter(&lower).map(|m| (m.pattern().as_usize(), m.start(), m.end())).collect());
    }
    let words = WORDS.as_ref()?;
    Some(
        words
            .find_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect(),
    )
}

fn mask_with<'a>(text: &'a str, schemes: bool, patterns: &[regex::Regex]) -> Cow<'a, str> {
    let mut ranges = Vec::new();
    let Some(found) = word_matches(text) else {
        return Cow::Owned("*".repeat(text.len()));
    };
    let bytes = text.as_bytes();
    // Non-overlapping matches suffice: where one word ends inside another
    // (`authorization` in `proxy-authorization`, `cookie` in `set-cookie`)
    // both are header names ending at the same place, with the same value.
    for (id, at, from) in found {
        if id < SCHEMES.len() {
            if !schemes {
                continue;
            }
            let word_start = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
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
        } else if let Some((start, end)) = header_value(text, from) {
            let value = text[start..end].trim();
            if holds_credential(value) && value != REDACTED {
                // Keep a leading scheme visible; blank the rest.
                let skip = value
                    .split_once(char::is_whitespace)
                    .filter(|(s, _)| SCHEMES.contains(&s.to_ascii_lowercase().as_str()))
                    .map_or(0, |(s, _)| s.len() + 1);
                ranges.push((start + skip, end));
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
pub(crate) fn mask_prose(text: &str) -> Cow<'_, str> {
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
    let mut from = 0;
    while from < text.len() {
        match find_secret(&text[from..]) {
            Some((a, b)) => {
                ranges.push((from + a, from + b));
                from += b.max(a + 1);
            }
            None => break,
        }
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
    fn every_key_prefix_holds_what_the_quick_pass_looks_for() {
        assert!(KEY_PREFIXES.iter().all(|p| p.ends_with(['_', '-'])));
        assert_eq!(find_secret("id c_01H plainApiKey_Q2hhbmdlTWU5"), Some((9, 33)));
        assert_eq!(find_secret("sk_live_"), None);
        assert_eq!(find_secret("plainApiKey_Q2hhbmdlTWU5"), Some((0, 24)));
        assert_eq!(find_secret("no key here at all"), None);
    }

    #[test]
    fn the_simd_search_finds_the_words_the_automaton_finds() {
        // Where the CPU has the SIMD the packed searcher needs, it must be
        // built (else the comparison below would be the automaton's with
        // itself).
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("ssse3") {
            assert!(PACKED.is_some(), "no packed searcher on a CPU with SSSE3");
        }
        if PACKED.is_none() {
            eprintln!("no SIMD searcher on this CPU: word_matches is the automaton's, compared with itself");
        }
        let texts = [
            "Authorization: Bearer abc\nProxy-Authorization: Basic x\nSet-Cookie: a=b; COOKIE: c",
            "{\"name\": \"X-Plain-API-Key\", \"value\": \"Token abc\"}, x-api-key: 1, apikey: 2",
            "query { token tokens digestToken BEARER basicAuth authorizationHeader }",
            "short",
            "",
            "é Autorización AUTHORIZATION:\tDigest z ü",
        ];
        let big = texts.join("\n").repeat(50);
        for t in texts.iter().copied().chain([big.as_str()]) {
            let by_automaton: Vec<(usize, usize, usize)> = WORDS
                .as_ref()
                .expect("builds")
                .find_iter(t)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            assert_eq!(word_matches(t), Some(by_automaton), "{t:?}");
        }
    }

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

#[cfg(test)]
mod corpus {
    use super::*;

    /// Is the corpus line (`header|NAME|VALUE`, `body|KEY|VALUE`, `url|URL`) a credential?
    fn flagged(line: &str) -> bool {
        let mut parts = line.splitn(3, '|');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("header"), Some(name), Some(value)) => header_holds_credential(name, value),
            (Some("body"), Some(key), Some(value)) => body_value_holds_secret(Some(key), value),
            (Some("url"), Some(url), None) => secret_in_query(url).is_some(),
            _ => panic!("bad corpus line {line}"),
        }
    }

    fn lines(file: &str) -> Vec<String> {
        std::fs::read_to_string(format!("tests/corpus/secrets/{file}"))
            .expect("corpus file")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    }

    /// Zero misses either way: no placeholder is a credential, every secret is.
    #[test]
    fn placeholders_and_secrets() {
        let ph = lines("placeholders.txt");
        let se = lines("secrets.txt");
        assert!(ph.len() >= 30 && se.len() >= 30, "{} placeholders, {} secrets", ph.len(), se.len());
        let false_alarms: Vec<&String> = ph.iter().filter(|l| flagged(l)).collect();
        assert!(false_alarms.is_empty(), "placeholders taken for credentials: {false_alarms:?}");
        // A missed secret is reported by its line number only.
        let missed: Vec<usize> = se.iter().enumerate().filter(|(_, l)| !flagged(l)).map(|(i, _)| i + 1).collect();
        assert!(missed.is_empty(), "secrets missed (corpus lines, comments excluded): {missed:?}");
        for l in &se {
            assert!(
                !mask(l).contains("plainApiKey_") || !l.contains("plainApiKey_"),
                "a Plain key reached masked text"
            );
        }
    }

    #[test]
    fn suggested_forms_fit_the_header() {
        assert_eq!(suggested_form("Authorization", "Bearer abc"), "Bearer <redacted>");
        assert_eq!(suggested_form("authorization", "Token abc"), "Token <redacted>");
        assert_eq!(suggested_form("authorization", "abc"), "Bearer <redacted>");
        assert_eq!(suggested_form("X-Api-Key", "sk_live_abc"), "<redacted>");
        assert_eq!(suggested_form("Cookie", "s=abc"), "name=<redacted>");
    }
}
