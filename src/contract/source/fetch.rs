//! A schema from a URL: the standard introspection query sent over HTTP(S)
//! with ureq (blocking, rustls).
//!
//! Bounded in every way a server can misbehave: a connect timeout and a
//! global timeout, a body size cap (the process's file limit), redirects
//! followed only on the same host (at most 5), and one clear sentence for
//! 401/403, HTML pages, other statuses, servers that refuse introspection and
//! hosts that cannot be reached. Header values are never printed: errors name
//! headers only, and anything a server echoes back passes through
//! [`crate::secrets::mask_prose`] when reported.

use std::time::Duration;

/// How a URL source is fetched. (Without the `fetch` feature a URL is
/// refused before the timeout and size cap are read.)
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "fetch"), allow(dead_code))]
pub(crate) struct FetchOptions {
    /// Extra request headers, `(name, value)`.
    pub headers: Vec<(String, String)>,
    /// Connect and whole-request timeout.
    pub timeout: Duration,
    /// Largest body accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            headers: Vec::new(),
            timeout: Duration::from_secs(30),
            max_bytes: crate::source::MAX_FILE_BYTES,
        }
    }
}

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

/// Posts the introspection query to `url`; returns the response body (JSON
/// text) or one sentence saying why not.
///
/// The query first asks `__Type.isOneOf` (the OneOf Input Objects RFC, as
/// graphql-js's `getIntrospectionQuery({ oneOf: true })`), so `@oneOf` input
/// objects come back as `@oneOf`; a server that does not know the field
/// refuses that query (an error naming `isOneOf` and no schema), and is then
/// asked the query without it.
pub(crate) fn fetch(url: &str, opts: &FetchOptions) -> Result<String, String> {
    let with_one_of = INTROSPECTION_QUERY.replacen("specifiedByURL", "specifiedByURL isOneOf", 1);
    match fetch_query(url, opts, &with_one_of) {
        Ok(text) if !refuses_is_one_of(&text) => Ok(text),
        Err(e) if !e.contains("isOneOf") => Err(scrub(e, opts)),
        _ => fetch_query(url, opts, INTROSPECTION_QUERY).map_err(|e| scrub(e, opts)),
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
fn fetch_query(_url: &str, _opts: &FetchOptions, _query: &str) -> Result<String, String> {
    Err("this build of plain-contract cannot fetch a schema from a URL (it was built without the `fetch` feature)".to_string())
}

#[cfg(feature = "fetch")]
fn fetch_query(url: &str, opts: &FetchOptions, query: &str) -> Result<String, String> {
    let mut uri: ureq::http::Uri = url.parse().map_err(|e| format!("not a URL: {e}"))?;
    let host = uri.host().unwrap_or_default().to_string();
    if host.is_empty() {
        return Err("the URL has no host".to_string());
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
    let body = serde_json::json!({ "query": query, "operationName": "IntrospectionQuery" }).to_string();
    for _ in 0..=5 {
        let mut req = agent
            .post(uri.clone())
            .header("Content-Type", "application/json")
            .header("Accept", "application/graphql-response+json, application/json");
        for (n, v) in &opts.headers {
            req = req.header(n.as_str(), v.as_str());
        }
        let mut resp = req.send(body.as_bytes()).map_err(|e| describe(e, opts))?;
        let status = resp.status().as_u16();
        if (300..400).contains(&status) {
            let loc = resp
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| format!("the server answered {status} without a Location"))?
                .to_string();
            let next: ureq::http::Uri = if loc.starts_with('/') {
                format!(
                    "{}://{}{}",
                    uri.scheme_str().unwrap_or("https"),
                    uri.authority().map(|a| a.as_str()).unwrap_or(""),
                    loc
                )
                .parse()
                .map_err(|e| format!("the server redirected to an invalid location: {e}"))?
            } else {
                loc.parse()
                    .map_err(|e| format!("the server redirected to an invalid location: {e}"))?
            };
            if next.host() != Some(host.as_str()) || next.scheme() != uri.scheme() {
                return Err(format!(
                    "the server answered {status}, a redirect to another host or scheme ({}); refused, so headers are not sent elsewhere: give the final URL",
                    next.host().unwrap_or("?")
                ));
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
                ureq::Error::BodyExceedsLimit(n) => format!("the response body is larger than {n} bytes; refused"),
                e => describe(e, opts),
            })?;
        return match status {
            200..=299 => {
                if content_type.contains("text/html") || text.trim_start().starts_with('<') {
                    Err(format!("the server answered {status} with an HTML page, not a GraphQL response: is this the GraphQL endpoint?"))
                } else {
                    Ok(text)
                }
            }
            401 => Err("the server answered 401 Unauthorized: give credentials with --header 'Authorization: Bearer …', or name the environment variable that holds the key with `schema_token_env` under [contract] in plain-contract.toml".to_string()),
            403 => Err("the server answered 403 Forbidden: the credentials given may not introspect the schema".to_string()),
            s if text.trim_start().starts_with('{') && text.contains("__schema") => {
                // Some servers answer GraphQL with 4xx; the body may still hold the schema.
                let _ = s;
                Ok(text)
            }
            s => {
                let snippet: String = text.chars().take(120).collect();
                let kind = if content_type.contains("text/html") || text.trim_start().starts_with('<') {
                    "an HTML page".to_string()
                } else {
                    format!("{:?}", crate::secrets::mask_prose(snippet.trim()))
                };
                Err(format!("the server answered {s}: {kind}"))
            }
        };
    }
    Err("more than 5 redirects".to_string())
}

#[cfg(feature = "fetch")]
fn describe(e: ureq::Error, opts: &FetchOptions) -> String {
    let text = match &e {
        ureq::Error::Timeout(_) => format!(
            "no complete answer within {:?}; the server is too slow or never answers",
            opts.timeout
        ),
        ureq::Error::HostNotFound => "the host name does not resolve".to_string(),
        ureq::Error::ConnectionFailed => "the host cannot be reached (connection refused or failed)".to_string(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "the host cannot be reached (connection refused)".to_string()
        }
        other => format!("the request failed: {other}"),
    };
    // Never let a header value reach output, whatever the error says.
    scrub(text, opts)
}

#[cfg(test)]
mod tests {
    use super::refuses_is_one_of;

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
}
