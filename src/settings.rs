//! [`Settings`]: everything that tunes a check run (severity overrides,
//! limits, the findings cap of streams, redaction patterns, accepted
//! placeholder forms, extra hosts, how a schema URL is fetched) as one value.
//!
//! A `Settings` is built once, from the configuration file and the command
//! line (or by a library user directly), and handed to the
//! [`Checker`](crate::Checker), which passes it by reference to whatever
//! needs it, as ruff passes `&LinterSettings` and jsonschema-rs fixes its
//! options into its validator. Nothing here is process-wide: two checkers
//! with different settings can run side by side in one process.
//!
//! ```
//! use plain_contract::{Code, Settings};
//! use plain_contract::Level;
//! let s = Settings::default()
//!     .with_severity(Code::SkippedFile, Level::Off)
//!     .with_stream_max_findings(10)
//!     .with_redaction_pattern("sk_live_[A-Za-z0-9]+")
//!     .expect("the pattern compiles");
//! assert_eq!(s.stream_max_findings(), 10);
//! ```

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::secrets::{Placeholders, Redaction};
pub use crate::util::negative::Expect;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Findings a stream keeps by default; the rest are counted.
pub const DEFAULT_STREAM_MAX_FINDINGS: usize = 1000;
/// The longest NDJSON line or HAR entry read by default (bytes); `[limits] max_entry_mib` changes it.
pub(crate) const DEFAULT_MAX_ENTRY_BYTES: usize = 16 * 1024 * 1024;

/// How a schema given as a URL is fetched: extra request headers, the
/// timeout and the largest answer accepted. It lives here, with the other
/// settings, so the contract loader takes it from the settings and the
/// settings never reach into the loader.
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "fetch"), allow(dead_code))]
pub(crate) struct FetchOptions {
    /// Extra request headers, `(name, value)`; values are never printed.
    pub headers: Vec<(String, String)>,
    /// Connect and whole-request timeout.
    pub timeout: std::time::Duration,
    /// Largest body accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            headers: Vec::new(),
            timeout: std::time::Duration::from_secs(30),
            max_bytes: crate::source::MAX_FILE_BYTES,
        }
    }
}

/// A severity override.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warn,
    /// Do not report.
    Off,
}

/// The settings of a check run. Cheap to clone (the compiled redaction
/// patterns are shared).
#[derive(Debug, Clone)]
pub struct Settings {
    severity: Overrides,
    max_file_bytes: u64,
    stream_max_findings: usize,
    redaction: Redaction,
    fetch: FetchOptions,
    max_entry_bytes: usize,
    negative: crate::util::negative::Negative,
    placeholders: Placeholders,
    hosts: Vec<String>,
    either: crate::util::negative::Negative,
    expect: Option<Expect>,
    provider: bool,
    /// Where a `coverage` run's counts go (None: a plain check).
    coverage: Option<std::sync::Arc<crate::coverage::Sink>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            severity: Overrides::default(),
            max_file_bytes: crate::source::MAX_FILE_BYTES,
            stream_max_findings: DEFAULT_STREAM_MAX_FINDINGS,
            redaction: Redaction::default(),
            fetch: FetchOptions::default(),
            max_entry_bytes: crate::settings::DEFAULT_MAX_ENTRY_BYTES,
            negative: Default::default(),
            placeholders: Placeholders::default(),
            hosts: Vec::new(),
            either: Default::default(),
            expect: None,
            provider: false,
            coverage: None,
        }
    }
}

impl Settings {
    /// Overrides the severity of one code (`Off` drops its findings).
    pub fn with_severity(mut self, code: Code, level: Level) -> Self {
        std::sync::Arc::make_mut(&mut self.severity.0).insert(code, level);
        self
    }

    /// Files larger than this many bytes are refused before parsing (PC004).
    pub fn with_max_file_bytes(mut self, n: u64) -> Self {
        self.max_file_bytes = n;
        self.fetch.max_bytes = n;
        self
    }

    /// Findings a stream keeps (the rest are counted); at least 1.
    pub fn with_stream_max_findings(mut self, n: usize) -> Self {
        self.stream_max_findings = n.max(1);
        self
    }

    /// Adds a redaction pattern (a regular expression): what it matches is
    /// masked in every output, besides credentials.
    pub fn with_redaction_pattern(mut self, pattern: &str) -> Result<Self, regex::Error> {
        self.redaction = self.redaction.with_pattern(regex::Regex::new(pattern)?);
        Ok(self)
    }

    /// How a schema given as a URL is fetched (headers, timeout, size cap).
    pub(crate) fn with_fetch(mut self, fetch: FetchOptions) -> Self {
        self.fetch = fetch;
        self
    }

    /// Sends one more request header when a schema is fetched from a URL
    /// (`--header 'Name: value'`); the value is never printed. An
    /// `Authorization` header given here wins over the configuration's
    /// `schema_token_env`.
    pub fn with_schema_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.fetch.headers.push((name.into(), value.into()));
        self
    }

    /// How long fetching a schema from a URL may take, connection and whole
    /// answer (default 30 s).
    pub fn with_schema_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.fetch.timeout = timeout;
        self
    }

    /// The value of the environment variable `var` (the configuration's
    /// `schema_token_env`) sent as `Authorization: Bearer …` when a schema
    /// is fetched, unless an `Authorization` header is given already.
    pub(crate) fn with_schema_token(mut self, var: Option<&str>) -> Self {
        let given = self.fetch.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("authorization"));
        if let (false, Some(var)) = (given, var) {
            if let Ok(v) = std::env::var(var) {
                if !v.trim().is_empty() {
                    self.fetch.headers.push(("Authorization".into(), format!("Bearer {}", v.trim())));
                }
            }
        }
        self
    }

    /// The longest NDJSON line or HAR entry read, in bytes (`[limits] max_entry_mib`).
    pub fn with_max_entry_bytes(mut self, n: usize) -> Self {
        self.max_entry_bytes = n.max(1);
        self
    }

    /// Files whose exchanges are recorded rejections (`[check] negative`
    /// globs, relative to `base`, the configuration's directory).
    pub(crate) fn with_negative(mut self, globs: &[String], base: &std::path::Path) -> Self {
        self.negative = crate::util::negative::Negative::new(globs, base);
        self
    }

    /// Accepts one more placeholder form (`[redaction] placeholders`): a
    /// regular expression that matches a whole header, query or body value,
    /// which is then never taken for a credential.
    pub fn with_placeholder(mut self, pattern: &str) -> Result<Self, regex::Error> {
        self.placeholders = self.placeholders.with_pattern(pattern)?;
        Ok(self)
    }

    /// More hosts whose traffic is checked, besides the OpenAPI servers
    /// (`[check] hosts`: `host`, `host:port` or `*.domain`).
    pub fn with_hosts(mut self, hosts: &[String]) -> Self {
        self.hosts.extend(hosts.iter().cloned());
        self
    }

    /// The placeholder forms accepted besides the built-in ones.
    pub fn placeholders(&self) -> &Placeholders {
        &self.placeholders
    }

    /// The hosts checked besides the OpenAPI servers, as written.
    pub fn hosts(&self) -> &[String] {
        &self.hosts
    }

    /// Files of mixed traffic, valid requests and deliberately broken ones
    /// (`[check] either` globs, relative to `base`): each exchange is checked
    /// as `expect: either`.
    pub fn with_either(mut self, globs: &[String], base: &std::path::Path) -> Self {
        self.either = crate::util::negative::Negative::new(globs, base);
        self
    }

    /// What every exchange of the files checked is expected to show
    /// (`check --expect`), over the configuration's globs; an exchange's own
    /// `expect:` still wins.
    pub fn with_expect(mut self, expect: Option<Expect>) -> Self {
        self.expect = expect;
        self
    }

    /// The same settings, with a `coverage` run's counts collected into `sink`.
    pub(crate) fn with_coverage(mut self, sink: std::sync::Arc<crate::coverage::Sink>) -> Self {
        self.coverage = Some(sink);
        self
    }

    /// Where a `coverage` run's counts go, if this is one.
    pub(crate) fn coverage(&self) -> Option<&crate::coverage::Sink> {
        self.coverage.as_deref()
    }

    /// What a file's exchanges are expected to show, unless they say: the
    /// `--expect` of the run, else `rejected` for a `[check] negative` file,
    /// else `either` for a `[check] either` file (a file both match is
    /// negative), else nothing said (`accepted`).
    pub fn expect_for(&self, path: &std::path::Path) -> Option<Expect> {
        self.expect.or_else(|| {
            if self.negative.matches(path) {
                Some(Expect::Rejected)
            } else if self.either.matches(path) {
                Some(Expect::Either)
            } else {
                None
            }
        })
    }

    /// The longest NDJSON line or HAR entry read, in bytes.
    pub fn max_entry_bytes(&self) -> usize {
        self.max_entry_bytes
    }

    /// How a schema given as a URL is fetched.
    pub(crate) fn fetch(&self) -> &FetchOptions {
        &self.fetch
    }

    /// Whether the run checks a provider, the server's side of recorded
    /// traffic (`[check] role = "provider"`): a server that accepted a
    /// request breaking the contract (HX011) is then an error; in a
    /// consumer's traffic (the default) it is a warning, as the team cannot
    /// change the server and the request's own findings are the errors.
    pub fn with_provider(mut self, provider: bool) -> Self {
        self.provider = provider;
        self
    }

    /// Does the run check a provider? (See [`Settings::with_provider`].)
    pub fn provider(&self) -> bool {
        self.provider
    }

    /// The severity overrides, by code.
    pub fn severity(&self) -> &BTreeMap<Code, Level> {
        &self.severity.0
    }

    /// The severity overrides, for the outcome that findings enter
    /// ([`crate::outcome::Outcome::for_run`]).
    pub(crate) fn overrides(&self) -> Overrides {
        self.severity.clone()
    }

    /// The file size limit, in bytes.
    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_bytes
    }

    /// Findings a stream keeps.
    pub fn stream_max_findings(&self) -> usize {
        self.stream_max_findings
    }

    /// What every output masks.
    pub(crate) fn redaction(&self) -> &Redaction {
        &self.redaction
    }
}

/// The run's severity overrides (`[severity]`), shared. They are applied in
/// one place, where a finding enters an [`Outcome`](crate::outcome::Outcome)
/// (its `push`, `extend`, `push_capped` and `merge`), so every input kind,
/// every format and every derived finding (HX011 from a request fault)
/// follows them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Overrides(std::sync::Arc<BTreeMap<Code, Level>>);

impl Overrides {
    /// A finding with its override applied; `None` when its code is turned
    /// off. Applying it twice changes nothing. Called by the outcome's sink only.
    pub(crate) fn apply(&self, mut d: Diagnostic) -> Option<Diagnostic> {
        match self.0.get(&d.code) {
            Some(Level::Off) => None,
            Some(Level::Error) => {
                d.severity = Severity::Error;
                Some(d)
            }
            Some(Level::Warn) => {
                d.severity = Severity::Warning;
                Some(d)
            }
            None => Some(d),
        }
    }
}
