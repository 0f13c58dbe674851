//! URL helpers shared by the contract loader (the OpenAPI `servers` base path) and
//! the exchange readers (which requests are GraphQL), so neither reaches into the
//! other. Only the path of a URL is needed, so no URL crate is used.

/// A URL's path: `https://host/a/b?x` → `/a/b`; a bare path is kept.
pub(crate) fn url_path(url: &str) -> Option<&str> {
    let rest = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            match after.find('/') {
                Some(j) => &after[j..],
                None => "/",
            }
        }
        None if url.starts_with('/') => url,
        None => return None,
    };
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths() {
        assert_eq!(url_path("https://core-api.uk.plain.com/graphql/v1?x=1"), Some("/graphql/v1"));
        assert_eq!(url_path("/graphql/v1"), Some("/graphql/v1"));
        assert_eq!(url_path("https://host"), Some("/"));
        assert_eq!(url_path("https://host/a#frag"), Some("/a"));
        assert_eq!(url_path("graphql"), None);
    }
}
