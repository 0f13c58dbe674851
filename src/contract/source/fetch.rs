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

/// Why a `--header` (or a `schema_headers` entry) is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum HeaderError {
    /// No `:` between the name and the value.
    #[error("a header is `Name: value` (e.g. 'Authorization: Bearer …')")]
    NoColon,
    /// The name is empty or holds other characters than a token's.
    #[error("a header name is letters, digits, `-` and `_`")]
    BadName,
}

/// Parses `Name: value` as `--header` takes it.
pub(crate) fn parse_header(s: &str) -> Result<(String, String), HeaderError> {
    let (name, value) = s.split_once(':').ok_or(HeaderError::NoColon)?;
    let name = name.trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b)) {
        return Err(HeaderError::BadName);
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

/// Why a schema could not be fetched from a URL, or why what the URL
/// served holds no schema. Its `Display` is one sentence for the user,
/// with no header value in it (whatever a server echoes back is masked
/// first).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(not(feature = "fetch"), allow(dead_code))]
pub(crate) enum FetchError {
    /// The URL does not parse.
    #[error("not a URL: {0}")]
    BadUrl(String),
    /// The URL names no host.
    #[error("the URL has no host")]
    NoHost,
    /// The host name does not resolve.
    #[error("the host name does not resolve")]
    HostNotFound,
    /// Nothing listens at the host's port.
    #[error("the host cannot be reached (connection refused)")]
    Refused,
    /// The connection could not be made.
    #[error("the host cannot be reached (connection refused or failed)")]
    ConnectionFailed,
    /// Another failure of the request (masked: no header value).
    #[error("the request failed: {0}")]
    Failed(String),
    /// No complete answer within the timeout.
    #[error("no complete answer within {0:?}; the server is too slow or never answers")]
    Timeout(std::time::Duration),
    /// The answer is larger than the size cap.
    #[error("the response body is larger than {0} bytes; refused")]
    TooLarge(u64),
    /// A redirect that is not followed.
    #[error("{0}")]
    Redirect(Redirect),
    /// 401 Unauthorized.
    #[error("the server answered 401 Unauthorized: give credentials with --header 'Authorization: Bearer …', or name the environment variable that holds the key with `schema_token_env` under [contract] in plain-contract.toml")]
    Unauthorized,
    /// 403 Forbidden.
    #[error("the server answered 403 Forbidden: the credentials given may not read the schema")]
    Forbidden,
    /// A 2xx answer that is an HTML page.
    #[error("the server answered {0} with an HTML page, not a GraphQL schema: is this the GraphQL endpoint or the schema's URL?")]
    Html(u16),
    /// Another status.
    #[error("the server answered {status}: {shown}")]
    Status {
        /// The HTTP status.
        status: u16,
        /// What the body holds: "an HTML page", or its first line (masked,
        /// cut short, quoted).
        shown: String,
        /// The body is a refusal of `__Type.isOneOf` (a server that does
        /// not know the field): the query is sent again without it.
        refuses_is_one_of: bool,
    },
    /// The answer to an introspection query is not JSON.
    #[error("the server's answer is not JSON, so not a GraphQL response")]
    NotJson,
    /// A GraphQL answer with errors and no schema (introspection disabled,
    /// credentials refused by the GraphQL layer): the first error's message.
    #[error("the server's answer holds no schema: the introspection result holds errors and no schema (first error: {0:?}); is introspection disabled on the server?")]
    IntrospectionErrors(String),
    /// JSON that is no introspection result (the loader's sentence).
    #[error("the server's answer holds no schema: {0}")]
    NoSchema(String),
    /// An SDL file's URL answered with nothing.
    #[error("the server answered with an empty body, not SDL")]
    EmptySdl,
    /// This build has no HTTP client (the `fetch` feature is off).
    #[cfg_attr(feature = "fetch", allow(dead_code))]
    #[error("this build of plain-contract cannot fetch a schema from a URL (it was built without the `fetch` feature)")]
    Unsupported,
}

/// A redirect that is not followed: headers are never sent to another host.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(not(feature = "fetch"), allow(dead_code))]
pub(crate) enum Redirect {
    /// A 3xx answer without a `Location`.
    #[error("the server answered {0} without a Location")]
    NoLocation(u16),
    /// A `Location` that is no URI.
    #[error("the server redirected to an invalid location: {0}")]
    Invalid(String),
    /// To another host or scheme.
    #[error("the server answered {status}, a redirect to another host or scheme ({host}); refused, so headers are not sent elsewhere: give the final URL")]
    Elsewhere {
        /// The 3xx status.
        status: u16,
        /// The host redirected to.
        host: String,
    },
    /// More than 5 in a row.
    #[error("more than 5 redirects")]
    TooMany,
}

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

/// A GraphQL answer with no schema, one of whose `errors` names the field
/// `isOneOf` (the server's message is all a refusal of one field says).
fn refuses_is_one_of(text: &str) -> bool {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
        return false;
    };
    v.pointer("/data/__schema").is_none_or(serde_json::Value::is_null)
        && v.get("errors").and_then(serde_json::Value::as_array).is_some_and(|errors| {
            errors
                .iter()
                .filter_map(|e| e.get("message").and_then(serde_json::Value::as_str))
                .any(|m| m.contains("isOneOf"))
        })
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
    let mut uri: ureq::http::Uri = url
        .parse()
        .map_err(|e: ureq::http::uri::InvalidUri| FetchError::BadUrl(e.to_string()))?;
    let host = uri.host().unwrap_or_default().to_string();
    if host.is_empty() {
        return Err(FetchError::NoHost);
    }
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(opts.timeout))
        .timeout_global(Some(opts.timeout))
        .max_redirects(0)
        .max_redirects_will_error(false)
        .user_agent(concat!("plain-contract/", env!("CARGO_PKG_VERSION")))
        .build();
    let agent = ureq::Agent::with_parts(config, ureq::unversioned::transport::DefaultConnector::default(), Lookup::default());
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
                .ok_or(FetchError::Redirect(Redirect::NoLocation(status)))?
                .to_string();
            let invalid = |e: ureq::http::uri::InvalidUri| FetchError::Redirect(Redirect::Invalid(e.to_string()));
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
                return Err(FetchError::Redirect(Redirect::Elsewhere {
                    status,
                    host: next.host().unwrap_or("?").to_string(),
                }));
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
                let shown = if html {
                    "an HTML page".to_string()
                } else {
                    format!("{:?}", scrub(first_line(&text), opts))
                };
                Err(FetchError::Status {
                    status: s,
                    shown,
                    refuses_is_one_of: refuses_is_one_of(&text),
                })
            }
        };
    }
    Err(FetchError::Redirect(Redirect::TooMany))
}

/// The first line of a body that is not shown whole (at most 120
/// characters), trimmed.
#[cfg_attr(not(feature = "fetch"), allow(dead_code))]
fn first_line(text: &str) -> String {
    let line = text.trim_start().lines().next().unwrap_or("");
    line.chars().take(120).collect::<String>().trim().to_string()
}

/// ureq's own resolver, with its failures told apart from the connection's
/// by where they happen: std's name lookup fails with an I/O error of no
/// kind of its own, so any I/O error while resolving is `HostNotFound` (a
/// timeout stays a timeout). ureq's resolver trait is in its `unversioned`
/// module; Cargo.lock pins the version it is written against.
#[cfg(feature = "fetch")]
#[derive(Debug, Default)]
struct Lookup(ureq::unversioned::resolver::DefaultResolver);

#[cfg(feature = "fetch")]
impl ureq::unversioned::resolver::Resolver for Lookup {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        match self.0.resolve(uri, config, timeout) {
            Err(ureq::Error::Io(_)) => Err(ureq::Error::HostNotFound),
            other => other,
        }
    }
}

#[cfg(feature = "fetch")]
fn describe(e: ureq::Error, opts: &FetchOptions) -> FetchError {
    match &e {
        ureq::Error::Timeout(_) => FetchError::Timeout(opts.timeout),
        ureq::Error::HostNotFound => FetchError::HostNotFound,
        ureq::Error::ConnectionFailed => FetchError::ConnectionFailed,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => FetchError::Refused,
        // Never let a header value reach output, whatever the error says.
        other => FetchError::Failed(scrub(other.to_string(), opts)),
    }
}

#[cfg(test)]
mod tests {
    use super::{first_line, names_sdl_file, parse_header, refuses_is_one_of, shown_url, HeaderError};

    #[test]
    fn headers_and_bodies_are_read_by_their_parts() {
        assert_eq!(
            parse_header("Authorization: Bearer x"),
            Ok(("Authorization".into(), "Bearer x".into()))
        );
        assert_eq!(parse_header("Authorization Bearer x"), Err(HeaderError::NoColon));
        assert_eq!(parse_header("Bad Name: x"), Err(HeaderError::BadName));
        assert_eq!(first_line("\n  upstream failed  \n  at proxy.js:12\n"), "upstream failed");
        assert_eq!(first_line(&"x".repeat(500)).len(), 120);
    }

    /// A name that cannot resolve is told apart from a closed port by where
    /// ureq fails (the resolver), not by the text of its error.
    #[cfg(feature = "fetch")]
    #[test]
    fn a_name_that_does_not_resolve_is_host_not_found() {
        let opts = super::FetchOptions {
            timeout: std::time::Duration::from_secs(20),
            ..Default::default()
        };
        // `.invalid` never resolves (RFC 6761).
        let e = super::fetch("http://plain-contract-test.invalid/graphql", &opts).unwrap_err();
        assert_eq!(e, super::FetchError::HostNotFound);
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = closed.local_addr().unwrap().port();
        drop(closed);
        let e = super::fetch(&format!("http://127.0.0.1:{port}/graphql"), &opts).unwrap_err();
        assert!(
            matches!(e, super::FetchError::Refused | super::FetchError::ConnectionFailed),
            "{e:?}"
        );
    }

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
