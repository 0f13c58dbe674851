//! `plain-contract.toml`: found by walking up from the working directory
//! (as cargo and ruff find theirs), or named with `--config FILE`. Flags on
//! the command line override it.
//!
//! ```toml
//! [contract]                 # paths are relative to this file
//! openapi = "specs/plain-support-openapi.yml"
//! schema = "specs/plain-support-schema.graphql"   # or a URL, an introspection JSON, a directory of SDL, `plain`
//! schema_token_env = "PLAIN_API_KEY"   # when schema is a URL: sent as `Authorization: Bearer $PLAIN_API_KEY`
//! schema_headers = ["X-Workspace: ws_123"]   # more headers for a schema URL (as --header; never printed)
//!
//! [check]
//! paths = ["fixtures"]       # what `check` checks when given no FILES (besides the contract)
//! schema = "schema.graphql"  # the client project's schema (a file, a glob of SDL files, or `plain`)
//! documents = ["src/**/*.graphql", "src/**/*.ts"]  # its documents (globs); wins over graphql-config
//! negative = ["fixtures/rejections/**"]  # files of recorded rejections (as `expect: rejected`)
//! either = ["reports/*.har"]             # mixed valid and broken requests (as `expect: either`)
//! hosts = ["127.0.0.1:8080", "*.staging.example.com"]  # more hosts than the OpenAPI servers
//! role = "consumer"          # or "provider": the recordings test the server (HX011 is then an error)
//!
//! [severity]                 # per-code overrides: "error", "warn" or "off"
//! GV010 = "error"
//! HX010 = "off"
//!
//! [redaction]
//! patterns = ["sk_live_[A-Za-z0-9]+"]   # masked (regex) in everything shown, besides Bearer tokens
//! placeholders = ["MY-KEY-HERE"]        # more accepted stored forms (regex, whole value)
//!
//! [limits]
//! max_file_mib = 64          # files read whole (not HAR or NDJSON, which are streamed)
//! max_entry_mib = 16         # one HAR entry or NDJSON line
//! stream_max_findings = 1000
//! ```
//!
//! An unknown key, a bad value, a pattern that does not compile and a
//! severity override of a code that does not exist are each a `PC010` error
//! at their line:col.

use crate::diagnostic::{Code, Diagnostic};
use crate::settings::Settings;
use crate::source::Source;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// The file name looked for.
pub(crate) const FILE_NAME: &str = "plain-contract.toml";

pub(crate) use crate::settings::Level;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    contract: RawContract,
    #[serde(default)]
    check: RawCheck,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<Level>>,
    #[serde(default)]
    redaction: RawRedaction,
    #[serde(default)]
    limits: RawLimits,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContract {
    openapi: Option<String>,
    schema: Option<String>,
    schema_token_env: Option<String>,
    #[serde(default)]
    schema_headers: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    #[serde(default)]
    paths: Vec<String>,
    schema: Option<Spanned<String>>,
    #[serde(default)]
    documents: Vec<Spanned<String>>,
    #[serde(default)]
    negative: Vec<Spanned<String>>,
    #[serde(default)]
    either: Vec<Spanned<String>>,
    #[serde(default)]
    hosts: Vec<Spanned<String>>,
    role: Option<Role>,
}

/// `[check] role`: whose side of the recorded traffic the run checks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A client of Plain's API (the default): HX011 is a warning.
    #[default]
    Consumer,
    /// The server: HX011 is an error.
    Provider,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRedaction {
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    placeholders: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    max_file_mib: Option<Spanned<u64>>,
    max_entry_mib: Option<Spanned<u64>>,
    stream_max_findings: Option<Spanned<usize>>,
}

/// A glob or path as written (`[check] schema`, `documents`, or a
/// graphql-config entry), with its place in the file that says it.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The text.
    pub text: String,
    /// Byte offset and length in the file.
    pub span: (usize, usize),
}

/// A project file's schema and documents as written, for `config show`.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProjectShown {
    /// The file (and project) they come from.
    pub from: String,
    /// The schema's patterns.
    pub schema: Vec<String>,
    /// The documents' patterns.
    pub documents: Vec<String>,
}

/// The resolved configuration (defaults filled in, paths made relative to
/// the working directory).
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    /// The file it came from, if any.
    pub file: Option<String>,
    /// The OpenAPI document (None: the embedded one).
    pub openapi: Option<PathBuf>,
    /// The GraphQL schema (None: the embedded one): a path, a URL or a built-in name.
    pub schema: Option<PathBuf>,
    /// The environment variable whose value is sent as `Authorization: Bearer …`
    /// when a schema is a URL (the value itself never lives in a file).
    pub schema_token_env: Option<String>,
    /// More request headers for a schema URL (`[contract] schema_headers`,
    /// `Name: value` each); the values are never shown.
    #[serde(skip)]
    pub schema_headers: Vec<(String, String)>,
    /// Paths `check` checks when given none.
    pub paths: Vec<PathBuf>,
    /// `[check] schema`: the client project's schema, as written.
    #[serde(skip)]
    pub project_schema: Option<Pattern>,
    /// `[check] documents`: the client project's document globs, as written.
    #[serde(skip)]
    pub documents: Vec<Pattern>,
    /// The configuration's text (to place findings about the patterns).
    #[serde(skip)]
    pub source: Option<Arc<Source>>,
    /// Globs of files that hold recorded rejections (`[check] negative`).
    pub negative: Vec<String>,
    /// Globs of files of mixed traffic (`[check] either`).
    pub either: Vec<String>,
    /// Hosts checked besides the OpenAPI servers' (`[check] hosts`).
    pub hosts: Vec<String>,
    /// Whose side the recordings test (`[check] role`).
    pub role: Role,
    /// The directory the configuration file is in (globs are relative to it).
    pub base: PathBuf,
    /// Extra accepted placeholder forms (`[redaction] placeholders`).
    pub placeholders: Vec<String>,
    /// Severity overrides by code.
    pub severity: BTreeMap<String, Level>,
    /// Extra redaction patterns.
    pub redaction: Vec<String>,
    /// File size limit, MiB (files read whole).
    pub max_file_mib: u64,
    /// Limit of one HAR entry or NDJSON line, MiB.
    pub max_entry_mib: u64,
    /// Findings a stream keeps.
    pub stream_max_findings: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            openapi: None,
            schema: None,
            schema_token_env: None,
            schema_headers: Vec::new(),
            paths: Vec::new(),
            project_schema: None,
            documents: Vec::new(),
            source: None,
            negative: Vec::new(),
            either: Vec::new(),
            hosts: Vec::new(),
            role: Role::Consumer,
            base: PathBuf::new(),
            placeholders: Vec::new(),
            severity: BTreeMap::new(),
            redaction: Vec::new(),
            max_file_mib: crate::source::MAX_FILE_BYTES >> 20,
            max_entry_mib: (crate::settings::DEFAULT_MAX_ENTRY_BYTES >> 20) as u64,
            stream_max_findings: crate::settings::DEFAULT_STREAM_MAX_FINDINGS,
        }
    }
}

/// The nearest `plain-contract.toml` in `dir` or a parent.
pub(crate) fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

/// Loads a configuration file; `Err` holds its PC010 (or read) findings and
/// the text they point into.
pub(crate) fn load(path: &Path) -> Result<Config, crate::contract::LoadError> {
    let src = crate::input::read::read_source(path).map_err(|d| crate::contract::LoadError {
        diagnostics: vec![d],
        sources: Vec::new(),
    })?;
    parse(&src, path.parent().unwrap_or(Path::new(""))).map_err(|diagnostics| crate::contract::LoadError {
        diagnostics,
        sources: vec![src.clone()],
    })
}

fn at(src: &Source, span: std::ops::Range<usize>, msg: String) -> Diagnostic {
    Diagnostic::at(Code::ConfigInvalid, msg, src, span.start, span.end.saturating_sub(span.start))
}

/// Parses configuration text; relative paths are taken from `base`.
pub fn parse(src: &Arc<Source>, base: &Path) -> Result<Config, Vec<Diagnostic>> {
    let raw: Raw = toml::from_str(&src.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        vec![at(
            src,
            span,
            format!("invalid configuration: {}", user_terms(e.message().trim_end())),
        )]
    })?;
    let mut errors = Vec::new();
    let rel = |p: &str| {
        let p = Path::new(p);
        if p.is_absolute() || base.as_os_str().is_empty() {
            p.to_path_buf()
        } else {
            base.join(p)
        }
    };
    let pattern = |p: &Spanned<String>| Pattern {
        text: p.get_ref().clone(),
        span: (p.span().start, p.span().end - p.span().start),
    };
    let mut cfg = Config {
        file: Some(src.path.clone()),
        openapi: raw.contract.openapi.as_deref().map(rel),
        schema: raw.contract.schema.as_deref().map(|s| {
            // URLs and built-in names are not paths.
            if crate::contract::source::fetch::is_url(s) || crate::contract::builtin_schema(s).is_some() {
                PathBuf::from(s)
            } else {
                rel(s)
            }
        }),
        schema_token_env: raw.contract.schema_token_env.clone(),
        paths: raw.check.paths.iter().map(|p| rel(p)).collect(),
        project_schema: raw.check.schema.as_ref().map(pattern),
        documents: raw.check.documents.iter().map(pattern).collect(),
        source: Some(src.clone()),
        hosts: raw.check.hosts.iter().map(|h| h.get_ref().clone()).collect(),
        role: raw.check.role.unwrap_or_default(),
        base: base.to_path_buf(),
        ..Config::default()
    };
    for h in &raw.contract.schema_headers {
        match crate::contract::source::fetch::parse_header(h.get_ref()) {
            Ok(pair) => cfg.schema_headers.push(pair),
            Err(e) => errors.push(at(src, h.span(), format!("schema_headers: {e}"))),
        }
    }
    for g in &raw.check.negative {
        match crate::util::negative::compile(std::slice::from_ref(g.get_ref())) {
            Ok(_) => cfg.negative.push(g.get_ref().clone()),
            Err(e) => errors.push(at(src, g.span(), format!("negative glob does not compile: {e}"))),
        }
    }
    for g in &raw.check.either {
        match crate::util::negative::compile(std::slice::from_ref(g.get_ref())) {
            Ok(_) => cfg.either.push(g.get_ref().clone()),
            Err(e) => errors.push(at(src, g.span(), format!("either glob does not compile: {e}"))),
        }
    }
    for h in &raw.check.hosts {
        let v = h.get_ref();
        if v.trim().is_empty() || v.contains(['/', ' ']) && !v.contains("://") {
            errors.push(at(
                src,
                h.span(),
                format!("`{v}` is not a host (`name`, `name:port` or `*.domain`)"),
            ));
        }
    }
    for p in &raw.redaction.placeholders {
        match regex::Regex::new(p.get_ref()) {
            Ok(_) => cfg.placeholders.push(p.get_ref().clone()),
            Err(e) => errors.push(at(
                src,
                p.span(),
                format!(
                    "placeholder pattern does not compile: {}",
                    e.to_string().lines().last().unwrap_or("").trim()
                ),
            )),
        }
    }
    for (code, level) in &raw.severity {
        if Code::ALL.iter().any(|c| c.as_str() == code.get_ref()) {
            cfg.severity.insert(code.get_ref().clone(), *level.get_ref());
        } else {
            errors.push(
                at(src, code.span(), format!("`{}` is not a diagnostic code", code.get_ref()))
                    .with_note("`plain-contract codes` lists them (docs/codes.md)"),
            );
        }
    }
    for p in &raw.redaction.patterns {
        match regex::Regex::new(p.get_ref()) {
            Ok(_) => cfg.redaction.push(p.get_ref().clone()),
            Err(e) => errors.push(at(
                src,
                p.span(),
                format!(
                    "redaction pattern does not compile: {}",
                    e.to_string().lines().last().unwrap_or("").trim()
                ),
            )),
        }
    }
    if let Some(m) = &raw.limits.max_file_mib {
        match *m.get_ref() {
            1..=4096 => cfg.max_file_mib = *m.get_ref(),
            n => errors.push(at(src, m.span(), format!("max_file_mib must be 1 to 4096, found {n}"))),
        }
    }
    if let Some(m) = &raw.limits.max_entry_mib {
        match *m.get_ref() {
            1..=4096 => cfg.max_entry_mib = *m.get_ref(),
            n => errors.push(at(src, m.span(), format!("max_entry_mib must be 1 to 4096, found {n}"))),
        }
    }
    if let Some(m) = &raw.limits.stream_max_findings {
        match *m.get_ref() {
            1..=1_000_000 => cfg.stream_max_findings = *m.get_ref(),
            n => errors.push(at(src, m.span(), format!("stream_max_findings must be 1 to 1000000, found {n}"))),
        }
    }
    if errors.is_empty() {
        Ok(cfg)
    } else {
        Err(errors)
    }
}

/// A TOML/serde message in the user's terms: Rust type names such as
/// `usize` and `u64` become what they mean in the file.
fn user_terms(msg: &str) -> String {
    ["usize", "u64", "u32", "u16", "u8"].iter().fold(msg.to_string(), |m, t| {
        m.replace(&format!("expected {t}"), "expected a whole number of 0 or more")
    })
}

impl Config {
    /// The settings of a run under this configuration. Built once by the
    /// command line and passed to the [`Checker`](crate::Checker); nothing
    /// is installed process-wide, so two configurations never mix.
    pub fn settings(&self) -> Settings {
        let mut s = Settings::default()
            .with_max_file_bytes(self.max_file_mib << 20)
            .with_stream_max_findings(self.stream_max_findings)
            .with_max_entry_bytes((self.max_entry_mib as usize) << 20)
            .with_negative(&self.negative, &self.base)
            .with_either(&self.either, &self.base);
        for (code, level) in &self.severity {
            if let Some(c) = Code::ALL.iter().find(|k| k.as_str() == code) {
                s = s.with_severity(*c, *level);
            }
        }
        for p in &self.redaction {
            // `parse` kept only patterns that compile.
            s = s.clone().with_redaction_pattern(p).unwrap_or(s);
        }
        for p in &self.placeholders {
            s = s.clone().with_placeholder(p).unwrap_or(s);
        }
        s.with_hosts(&self.hosts).with_provider(self.role == Role::Provider)
    }

    /// The resolved configuration as TOML, for `config show`: with a
    /// project file (graphql-config or codegen), its schema and documents
    /// where this file does not say them, as `[check]` would.
    pub(crate) fn show(&self, project: Option<&ProjectShown>) -> String {
        let mut s = match &self.file {
            Some(f) => format!("# resolved configuration, from {f}\n"),
            None => format!("# resolved configuration: no {FILE_NAME} found; defaults\n"),
        };
        let shown = |p: &Option<PathBuf>| p.as_ref().map_or("(embedded)".to_string(), |p| p.display().to_string());
        let mut doc = toml::Table::new();
        let mut contract = toml::Table::new();
        contract.insert("openapi".into(), shown(&self.openapi).into());
        contract.insert("schema".into(), shown(&self.schema).into());
        if let Some(v) = &self.schema_token_env {
            contract.insert("schema_token_env".into(), v.clone().into());
        }
        if !self.schema_headers.is_empty() {
            // Names only: a header's value is never shown.
            contract.insert(
                "schema_headers".into(),
                toml::Value::Array(
                    self.schema_headers
                        .iter()
                        .map(|(n, _)| format!("{n}: {}", crate::secrets::REDACTED).into())
                        .collect(),
                ),
            );
        }
        doc.insert("contract".into(), contract.into());
        let mut check = toml::Table::new();
        check.insert(
            "paths".into(),
            toml::Value::Array(self.paths.iter().map(|p| p.display().to_string().into()).collect()),
        );
        if let Some(p) = &self.project_schema {
            check.insert("schema".into(), p.text.clone().into());
        } else if let Some(p) = project.filter(|p| !p.schema.is_empty()) {
            s.push_str(&format!("# [check] schema from {}\n", p.from));
            check.insert(
                "schema".into(),
                match p.schema.as_slice() {
                    [one] => one.clone().into(),
                    many => toml::Value::Array(many.iter().map(|t| t.clone().into()).collect()),
                },
            );
        }
        match project {
            Some(p) if self.documents.is_empty() && !p.documents.is_empty() => {
                s.push_str(&format!("# [check] documents from {}\n", p.from));
                check.insert(
                    "documents".into(),
                    toml::Value::Array(p.documents.iter().map(|t| t.clone().into()).collect()),
                );
            }
            _ => {
                check.insert(
                    "documents".into(),
                    toml::Value::Array(self.documents.iter().map(|p| p.text.clone().into()).collect()),
                );
            }
        }
        check.insert(
            "negative".into(),
            toml::Value::Array(self.negative.iter().map(|p| p.clone().into()).collect()),
        );
        check.insert(
            "either".into(),
            toml::Value::Array(self.either.iter().map(|p| p.clone().into()).collect()),
        );
        check.insert(
            "hosts".into(),
            toml::Value::Array(self.hosts.iter().map(|p| p.clone().into()).collect()),
        );
        let role = match self.role {
            Role::Consumer => "consumer",
            Role::Provider => "provider",
        };
        check.insert("role".into(), role.into());
        doc.insert("check".into(), check.into());
        let mut sev = toml::Table::new();
        for (c, l) in &self.severity {
            let v = match l {
                Level::Error => "error",
                Level::Warn => "warn",
                Level::Off => "off",
            };
            sev.insert(c.clone(), v.into());
        }
        doc.insert("severity".into(), sev.into());
        let mut red = toml::Table::new();
        red.insert(
            "patterns".into(),
            toml::Value::Array(self.redaction.iter().map(|p| p.clone().into()).collect()),
        );
        red.insert(
            "placeholders".into(),
            toml::Value::Array(self.placeholders.iter().map(|p| p.clone().into()).collect()),
        );
        doc.insert("redaction".into(), red.into());
        let mut lim = toml::Table::new();
        lim.insert("max_file_mib".into(), toml::Value::Integer(self.max_file_mib as i64));
        lim.insert("max_entry_mib".into(), toml::Value::Integer(self.max_entry_mib as i64));
        lim.insert("stream_max_findings".into(), toml::Value::Integer(self.stream_max_findings as i64));
        doc.insert("limits".into(), lim.into());
        s.push_str(&toml::to_string(&doc).unwrap_or_default());
        s
    }
}
