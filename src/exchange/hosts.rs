//! Which hosts are Plain's: the hosts of the OpenAPI document's `servers`,
//! with any region, plus the configuration's `[check] hosts`.
//!
//! Plain's API hosts name their region in the second label
//! (`core-api.uk.plain.com`); a server URL of that form under `plain.com`
//! matches the same host in any region (`core-api.us.plain.com`,
//! `core-api.eu.plain.com`), one DNS label, and nothing else under
//! `plain.com` (`app.plain.com` is not the API). Other server hosts match
//! exactly. Entries of `[check] hosts` match exactly (`localhost:8080`,
//! `staging.example.com`), or, written `*.example.com`, any host below that
//! domain. Host names compare without case; a port must match when the
//! pattern gives one. A request with no host (a native fixture's `path`) is
//! Plain's.

/// The set of hosts whose traffic is checked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hosts {
    patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
enum Pattern {
    /// `host` or `host:port`, exactly.
    Exact(String),
    /// `PREFIX.<one label>.SUFFIX`: a Plain host with its region free.
    Region { first: String, suffix: String },
    /// `*.domain`: any host below it.
    Below(String),
}

impl Hosts {
    /// Plain's hosts from server URLs, plus `extra` patterns as written in
    /// `[check] hosts` (passed down from the run's settings).
    pub(crate) fn new<'a>(server_urls: impl IntoIterator<Item = &'a str>, extra: &[String]) -> Hosts {
        let mut h = Hosts::default();
        for url in server_urls {
            if let Some(host) = host_of(url) {
                h.add_server(&host);
            }
        }
        for e in extra {
            h.add_pattern(e);
        }
        h
    }

    fn add_server(&mut self, host: &str) {
        let host = host.to_ascii_lowercase();
        let (name, _) = split_port(&host);
        let labels: Vec<&str> = name.split('.').collect();
        if labels.len() >= 4 && name.ends_with(".plain.com") {
            self.patterns.push(Pattern::Region {
                first: labels[0].to_string(),
                suffix: labels[2..].join("."),
            });
        } else {
            self.patterns.push(Pattern::Exact(host));
        }
    }

    /// Adds a pattern as written in `[check] hosts`.
    pub(crate) fn add_pattern(&mut self, p: &str) {
        let p = p.trim().to_ascii_lowercase();
        let p = host_of(&p).unwrap_or(p);
        match p.strip_prefix("*.") {
            Some(d) => self.patterns.push(Pattern::Below(d.to_string())),
            None => self.patterns.push(Pattern::Exact(p)),
        }
    }

    /// Is this host (`name` or `name:port`) Plain's? With no patterns at all
    /// (an OpenAPI document without servers), every host is.
    pub(crate) fn matches(&self, host: &str) -> bool {
        if self.patterns.is_empty() {
            return true;
        }
        let host = host.to_ascii_lowercase();
        let (name, port) = split_port(&host);
        self.patterns.iter().any(|p| match p {
            Pattern::Exact(e) => {
                let (en, ep) = split_port(e);
                en == name && (ep.is_none() || ep == port)
            }
            Pattern::Region { first, suffix } => {
                let labels: Vec<&str> = name.split('.').collect();
                labels.len() == suffix.split('.').count() + 2
                    && labels[0] == first
                    && !labels[1].is_empty()
                    && labels[2..].join(".") == *suffix
            }
            Pattern::Below(d) => name.len() > d.len() && name.ends_with(d.as_str()) && name[..name.len() - d.len()].ends_with('.'),
        })
    }

    /// Is the target of a request Plain's? A bare path (no scheme and host) is.
    pub(crate) fn takes(&self, target: &str) -> bool {
        match host_of(target) {
            Some(h) => self.matches(&h),
            None => true,
        }
    }
}

fn split_port(h: &str) -> (&str, Option<&str>) {
    match h.rsplit_once(':') {
        Some((n, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => (n, Some(p)),
        _ => (h, None),
    }
}

/// The host (and port) of an absolute URL: `https://u@h:8080/p` → `h:8080`.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let auth = &rest[..end];
    let host = auth.rsplit_once('@').map_or(auth, |(_, h)| h);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_regions_and_extra_hosts() {
        let mut h = Hosts::new(["https://core-api.uk.plain.com"], &[]);
        assert!(h.takes("https://core-api.uk.plain.com/graphql/v1"));
        assert!(h.takes("https://core-api.us.plain.com/graphql/v1"));
        assert!(h.takes("https://CORE-API.EU.PLAIN.COM/graphql/v1"));
        assert!(h.takes("/graphql/v1"), "a bare path is Plain's");
        assert!(!h.takes("https://app.plain.com/graphql/v1"));
        assert!(!h.takes("https://core-api.uk.plain.com.evil.example/graphql/v1"));
        assert!(!h.takes("https://core-api.a.b.plain.com/graphql/v1"));
        assert!(!h.takes("https://api.othervendor.com/graphql/v1"));
        assert!(!h.takes("http://127.0.0.1:8080/graphql/v1"));
        h.add_pattern("127.0.0.1:8080");
        h.add_pattern("*.staging.example.com");
        assert!(h.takes("http://127.0.0.1:8080/graphql/v1"));
        assert!(!h.takes("http://127.0.0.1:9090/graphql/v1"));
        assert!(h.takes("https://eu.staging.example.com/graphql/v1"));
        assert!(!h.takes("https://staging.example.com/graphql/v1"));
        assert!(!h.takes("https://notstaging.example.com/graphql/v1"));
    }
}
