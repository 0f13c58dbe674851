//! A schema from a URL, over HTTP(S) with ureq (blocking, rustls): a URL
//! whose path ends in `.graphql`, `.graphqls`, `.gql` or `.sdl` is fetched
//! with GET (a published SDL file, such as Plain's
//! `https://core-api.uk.plain.com/graphql/v1/schema.graphql`); any other URL
//! is sent the standard introspection query with POST. Either answer is
//! taken by its content type: JSON is an introspection result, HTML is an
//! error, other text is SDL.
//!
//! Bounded in every way a server can misbehave: a connect timeout and a
//! global timeout, a body size cap (the process's file limit), redirects
//! followed only on the same host (at most 5), and one clear sentence for
//! 401/403, HTML pages, other statuses, servers that refuse introspection and
//! hosts that cannot be reached. Header values are never printed: errors name
//! headers only, and anything a server echoes back passes through
//! [`crate::secrets::mask_prose`] when reported.

pub(crate) use crate::settings::FetchOptions;

/// Parses `Name: value` as `--header` takes it.
pub(crate) fn parse_header(s: &str) -> Result<(String, String), String> {
    let (name, value) = s
        .split_once(':')
        .ok_or_else(|| "a header is `Name: value` (e.g. 'Authorization: Bearer …')".to_string())?;
    let name = name.trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b)) {
        return Err("a header name is letters, digits, `-` and `_`".to_string());
    }
    Ok((name.to_string(), value.trim().to_string()))
}

/// The introspection query (graphql-js 16's `getIntrospectionQuery` with
/// descriptions, `specifiedByURL`, directive repeatability and deprecated
/// arguments and input fields).
pub(crate) const INTROSPECTION_QUERY: &str = r#"query IntrospectionQuery {
  __schema {
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types { ...FullType }
    directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description specifiedByURL
  fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
"#;

/// Is this source text a URL?
pub(crate) fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// A URL as it may be shown: without its query, fragment or user
/// credentials (`https://user:secret@host/...` shows `https://host/...`).
pub(crate) fn shown_url(url: &str) -> String {
    let base = url.split(['?', '#']).next().unwrap_or(url);
    match base.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            format!("{scheme}://{host}{path}")
        }
        None => base.to_string(),
    }
}

/// Does the URL name an SDL file (by its path's extension)? It is then
/// fetched with GET rather than introspected.
pub(crate) fn names_sdl_file(url: &str) -> bool {
    let path = shown_url(url);
    let last = path.rsplit('/').next().unwrap_or("");
    last.rsplit_once('.')
        .is_some_and(|(_, ext)| ["graphql", "graphqls", "gql", "sdl"].contains(&ext.to_ascii_lowercase().as_str()))
}

/// Why a schema could not be fetched. Its `Display` is one sentence for
/// the user, with no header value in it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(feature = "fetch"), allow(dead_code))]
pub(crate) enum FetchError {
    /// The URL does not parse, or names no host.
    BadUrl(String),
    /// The host cannot be reached, does not resolve, or the request failed.
    Unreachable(String),
    /// No complete answer within the timeout.
    Timeout(std::time::Duration),
    /// The answer is larger than the size cap.
    TooLarge(u64),
    /// A redirect that is not followed (another host or scheme, no
    /// Location, too many).
    Redirect(String),
    /// 401 Unauthorized.
    Unauthorized,
    /// 403 Forbidden.
    Forbidden,
    /// A 2xx answer that is an HTML page.
    Html(u16),
    /// Another status; `refuses_is_one_of` when its body is a GraphQL error
    /// answer naming `isOneOf` (a server that does not know the field).
    Status {
        /// The HTTP status.
        status: u16,
        /// What the body holds, masked and cut short ("an HTML page" or a quote).
        shown: String,
        /// The body is a refusal of `__Type.isOneOf`.
        refuses_is_one_of: bool,
    },
    /// This build has no HTTP client (the `fetch` feature is off).
    #[cfg_attr(feature = "fetch", allow(dead_code))]
    Unsupported,
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::BadUrl(m) | FetchError::Unreachable(m) | FetchError::Redirect(m) => f.write_str(m),
            FetchError::Timeout(t) => write!(f, "no complete answer within {t:?}; the server is too slow or never answers"),
            FetchError::TooLarge(n) => write!(f, "the response body is larger than {n} bytes; refused"),
            FetchError::Unauthorized => f.write_str("the server answered 401 Unauthorized: give credentials with --header 'Authorization: Bearer …', or name the environment variable that holds the key with `schema_token_env` under [contract] in plain-contract.toml"),
            FetchError::Forbidden => f.write_str("the server answered 403 Forbidden: the credentials given may not read the schema"),
            FetchError::Html(s) => write!(f, "the server answered {s} with an HTML page, not a GraphQL schema: is this the GraphQL endpoint or the schema's URL?"),
            FetchError::Status { status, shown, .. } => write!(f, "the server answered {status}: {shown}"),
            FetchError::Unsupported => f.write_str("this build of plain-contract cannot fetch a schema from a URL (it was built without the `fetch` feature)"),
        }
    }
}

impl std::error::Error for FetchError {}

/// What a URL answered with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fetched {
    /// JSON: an introspection result (or a GraphQL error answer).
    Json(String),
    /// SDL text.
    Sdl(String),
}

/// Fetches the schema `url` serves: GET for an SDL file's URL, the
/// introspection query by POST otherwise; the answer is taken by its
/// content type (see the module docs).
///
/// The introspection query first asks `__Type.isOneOf` (the OneOf Input
/// Objects RFC, as graphql-js's `getIntrospectionQuery({ oneOf: true })`),
/// so `@oneOf` input objects come back as `@oneOf`; a server that does not
/// know the field refuses that query (an error naming `isOneOf` and no
/// schema), and is then asked the query without it.
pub(crate) fn fetch(url: &str, opts: &FetchOptions) -> Result<Fetched, FetchError> {
    if names_sdl_file(url) {
        return request(url, opts, None).map(|a| a.fetched(true));
    }
    let with_one_of = INTROSPECTION_QUERY.replacen("specifiedByURL", "specifiedByURL isOneOf", 1);
    let first = request(url, opts, Some(&with_one_of)).map(|a| a.fetched(false));
    match first {
        Ok(Fetched::Json(text)) if refuses_is_one_of(&text) => request(url, opts, Some(INTROSPECTION_QUERY)).map(|a| a.fetched(false)),
        Err(FetchError::Status {
            refuses_is_one_of: true, ..
        }) => request(url, opts, Some(INTROSPECTION_QUERY)).map(|a| a.fetched(false)),
        other => other,
    }
}

/// A 2xx answer: its content type (lower case) and body.
#[cfg_attr(not(feature = "fetch"), allow(dead_code))]
struct Answer {
    content_type: String,
    text: String,
}

impl Answer {
    /// JSON by content type or first character; SDL where it was asked
    /// for (GET of an SDL file's URL) or the content type says GraphQL
    /// (`application/graphql`); anything else is left as JSON, for the
    /// caller to refuse.
    fn fetched(self, sdl_asked: bool) -> Fetched {
        let json = self.content_type.contains("json") || self.text.trim_start_matches('\u{feff}').trim_start().starts_with('{');
        if !json && (sdl_asked || self.content_type.contains("graphql")) {
            Fetched::Sdl(self.text)
        } else {
            Fetched::Json(self.text)
        }
    }
}

/// An answer with no schema whose errors name `isOneOf`.
fn refuses_is_one_of(text: &str) -> bool {
    text.contains("isOneOf")
        && serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .is_some_and(|v| v.pointer("/data/__schema").is_none_or(serde_json::Value::is_null) && v.get("errors").is_some())
}

/// Masks every header value (and anything that looks like a credential) in an error.
#[cfg_attr(not(feature = "fetch"), allow(dead_code))]
fn scrub(mut text: String, opts: &FetchOptions) -> String {
    for (_, v) in &opts.headers {
        let token = v.strip_prefix("Bearer ").unwrap_or(v).trim();
        for secret in [v.as_str(), token] {
            if secret.len() >= 4 && text.contains(secret) {
                text = text.replace(secret, crate::secrets::REDACTED);
            }
        }
    }
    crate::secrets::mask_prose(&text).into_owned()
}

/// Without the `fetch` feature there is no HTTP client: a URL is refused with
/// the reason.
#[cfg(not(feature = "fetch"))]
fn request(_url: &str, _opts: &FetchOptions, _query: Option<&str>) -> Result<Answer, FetchError> {
    Err(FetchError::Unsupported)
}

/// Sends a GET (no query) or the introspection `query` by POST, following
/// redirects on the same host; a 2xx answer that is not HTML, or one that
/// holds a schema whatever its status.
#[cfg(feature = "fetch")]
fn request(url: &str, opts: &FetchOptions, query: Option<&str>) -> Result<Answer, FetchError> {
    let bad = |m: String| FetchError::BadUrl(m);
    let mut uri: ureq::http::Uri = url.parse().map_err(|e| bad(format!("not a URL: {e}")))?;
    let host = uri.host().unwrap_or_default().to_string();
    if host.is_empty() {
        return Err(bad("the URL has no host".to_string()));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(opts.timeout))
        .timeout_global(Some(opts.timeout))
        .max_redirects(0)
        .max_redirects_will_error(false)
        .user_agent(concat!("plain-contract/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let body = query.map(|q| serde_json::json!({ "query": q, "operationName": "IntrospectionQuery" }).to_string());
    for _ in 0..=5 {
        let sent = match &body {
            Some(body) => {
                let mut req = agent
                    .post(uri.clone())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/graphql-response+json, application/json");
                for (n, v) in &opts.headers {
                    req = req.header(n.as_str(), v.as_str());
                }
                req.send(body.as_bytes())
            }
            None => {
                let mut req = agent
                    .get(uri.clone())
                    .header("Accept", "application/graphql, text/plain, application/json;q=0.9, */*;q=0.5");
                for (n, v) in &opts.headers {
                    req = req.header(n.as_str(), v.as_str());
                }
                req.call()
            }
        };
        let mut resp = sent.map_err(|e| describe(e, opts))?;
        let status = resp.status().as_u16();
        if (300..400).contains(&status) {
            let loc = resp
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| FetchError::Redirect(format!("the server answered {status} without a Location")))?
                .to_string();
            let invalid =
                |e: ureq::http::uri::InvalidUri| FetchError::Redirect(format!("the server redirected to an invalid location: {e}"));
            let next: ureq::http::Uri = if loc.starts_with('/') {
                format!(
                    "{}://{}{}",
                    uri.scheme_str().unwrap_or("https"),
                    uri.authority().map(|a| a.as_str()).unwrap_or(""),
                    loc
                )
                .parse()
                .map_err(invalid)?
            } else {
                loc.parse().map_err(invalid)?
            };
            if next.host() != Some(host.as_str()) || next.scheme() != uri.scheme() {
                return Err(FetchError::Redirect(format!(
                    "the server answered {status}, a redirect to another host or scheme ({}); refused, so headers are not sent elsewhere: give the final URL",
                    next.host().unwrap_or("?")
                )));
            }
            uri = next;
            continue;
        }
        let content_type = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let text = resp
            .body_mut()
            .with_config()
            .limit(opts.max_bytes)
            .read_to_string()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(n) => FetchError::TooLarge(n),
                e => describe(e, opts),
            })?;
        let html = content_type.contains("text/html") || text.trim_start().starts_with('<');
        return match status {
            200..=299 if html => Err(FetchError::Html(status)),
            200..=299 => Ok(Answer { content_type, text }),
            401 => Err(FetchError::Unauthorized),
            403 => Err(FetchError::Forbidden),
            // Some servers answer GraphQL with 4xx; the body may still hold the schema.
            _ if text.trim_start().starts_with('{') && text.contains("__schema") => Ok(Answer { content_type, text }),
            s => {
                let snippet: String = text.chars().take(120).collect();
                let shown = if html {
                    "an HTML page".to_string()
                } else {
                    format!("{:?}", scrub(snippet.trim().to_string(), opts))
                };
                Err(FetchError::Status {
                    status: s,
                    shown,
                    refuses_is_one_of: refuses_is_one_of(&text),
                })
            }
        };
    }
    Err(FetchError::Redirect("more than 5 redirects".to_string()))
}

#[cfg(feature = "fetch")]
fn describe(e: ureq::Error, opts: &FetchOptions) -> FetchError {
    match &e {
        ureq::Error::Timeout(_) => FetchError::Timeout(opts.timeout),
        ureq::Error::HostNotFound => FetchError::Unreachable("the host name does not resolve".to_string()),
        ureq::Error::ConnectionFailed => FetchError::Unreachable("the host cannot be reached (connection refused or failed)".to_string()),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            FetchError::Unreachable("the host cannot be reached (connection refused)".to_string())
        }
        ureq::Error::Io(io) if io.to_string().contains("lookup address") => {
            FetchError::Unreachable("the host name does not resolve".to_string())
        }
        // Never let a header value reach output, whatever the error says.
        other => FetchError::Unreachable(scrub(format!("the request failed: {other}"), opts)),
    }
}

#[cfg(test)]
mod tests {
    use super::{names_sdl_file, refuses_is_one_of, shown_url};

    #[test]
    fn a_refusal_of_is_one_of_is_told_from_a_schema() {
        // graphql-js's answer when `__Type` has no `isOneOf`: ask again without it.
        let refused =
            r#"{"errors":[{"message":"Cannot query field \"isOneOf\" on type \"__Type\".","locations":[{"line":9,"column":3}]}]}"#;
        assert!(refuses_is_one_of(refused));
        assert!(refuses_is_one_of(r#"{"data":null,"errors":[{"message":"Unknown field isOneOf"}]}"#));
        // A schema that holds isOneOf, or an error that is about something else: no second query.
        assert!(!refuses_is_one_of(r#"{"data":{"__schema":{"types":[{"isOneOf":true}]}}}"#));
        assert!(!refuses_is_one_of(r#"{"errors":[{"message":"introspection is disabled"}]}"#));
    }

    #[test]
    fn sdl_urls_are_told_by_their_extension_and_shown_without_credentials() {
        assert!(names_sdl_file("https://core-api.uk.plain.com/graphql/v1/schema.graphql"));
        assert!(names_sdl_file("http://127.0.0.1:1/s.GQL?v=2"));
        assert!(!names_sdl_file("https://core-api.uk.plain.com/graphql/v1"));
        assert!(!names_sdl_file("https://example.com/graphql.v1/"));
        assert_eq!(
            shown_url("https://user:secret@example.com/a/schema.graphql?token=x#y"),
            "https://example.com/a/schema.graphql"
        );
        assert_eq!(shown_url("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    }
}
