//! `plain-contract.toml`: found by walking up from the working directory
//! (as cargo and ruff find theirs), or named with `--config FILE`. Flags on
//! the command line override it.
//!
//! ```toml
//! [contract]                 # paths are relative to this file
//! openapi = "specs/plain-support-openapi.yml"
//! schema = "specs/plain-support-schema.graphql"   # or a URL, an introspection JSON, a directory of SDL, `plain`
//! schema_token_env = "PLAIN_API_KEY"   # when schema is a URL: sent as `Authorization: Bearer $PLAIN_API_KEY`
//!
//! [check]
//! paths = ["fixtures"]       # what `check` checks when given no FILES (besides the contract)
//!
//! [severity]                 # per-code overrides: "error", "warn" or "off"
//! GV010 = "error"
//! HX010 = "off"
//!
//! [redaction]
//! patterns = ["sk_live_[A-Za-z0-9]+"]   # masked (regex) in everything shown, besides Bearer tokens
//!
//! [limits]
//! max_file_mib = 64
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
pub const FILE_NAME: &str = "plain-contract.toml";

pub use crate::settings::Level;

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
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    #[serde(default)]
    paths: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRedaction {
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    max_file_mib: Option<Spanned<u64>>,
    stream_max_findings: Option<Spanned<usize>>,
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
    /// Paths `check` checks when given none.
    pub paths: Vec<PathBuf>,
    /// Severity overrides by code.
    pub severity: BTreeMap<String, Level>,
    /// Extra redaction patterns.
    pub redaction: Vec<String>,
    /// File size limit, MiB.
    pub max_file_mib: u64,
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
            paths: Vec::new(),
            severity: BTreeMap::new(),
            redaction: Vec::new(),
            max_file_mib: crate::source::MAX_FILE_BYTES >> 20,
            stream_max_findings: crate::settings::DEFAULT_STREAM_MAX_FINDINGS,
        }
    }
}

/// The nearest `plain-contract.toml` in `dir` or a parent.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

/// Loads a configuration file; `Err` holds its PC010 (or read) findings.
pub fn load(path: &Path) -> Result<Config, Vec<Diagnostic>> {
    let src = crate::contract::read_source(path).map_err(|d| vec![d])?;
    parse(&src, path.parent().unwrap_or(Path::new("")))
}

fn at(src: &Source, span: std::ops::Range<usize>, msg: String) -> Diagnostic {
    Diagnostic::at(Code::ConfigInvalid, msg, src, span.start, span.end.saturating_sub(span.start))
}

/// Parses configuration text; relative paths are taken from `base`.
pub fn parse(src: &Arc<Source>, base: &Path) -> Result<Config, Vec<Diagnostic>> {
    let raw: Raw = toml::from_str(&src.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        vec![at(src, span, format!("invalid configuration: {}", e.message().trim_end()))]
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
    let mut cfg = Config {
        file: Some(src.path.clone()),
        openapi: raw.contract.openapi.as_deref().map(rel),
        schema: raw.contract.schema.as_deref().map(|s| {
            // URLs and built-in names are not paths.
            if crate::evolve::fetch::is_url(s) || crate::contract::builtin_schema(s).is_some() {
                PathBuf::from(s)
            } else {
                rel(s)
            }
        }),
        schema_token_env: raw.contract.schema_token_env.clone(),
        paths: raw.check.paths.iter().map(|p| rel(p)).collect(),
        ..Config::default()
    };
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

impl Config {
    /// The settings of a run under this configuration. Built once by the
    /// command line and passed to the [`Checker`](crate::Checker); nothing
    /// is installed process-wide, so two configurations never mix.
    pub fn settings(&self) -> Settings {
        let mut s = Settings::default()
            .with_max_file_bytes(self.max_file_mib << 20)
            .with_stream_max_findings(self.stream_max_findings);
        for (code, level) in &self.severity {
            if let Some(c) = Code::ALL.iter().find(|k| k.as_str() == code) {
                s = s.with_severity(*c, *level);
            }
        }
        for p in &self.redaction {
            // `parse` kept only patterns that compile.
            s = s.clone().with_redaction_pattern(p).unwrap_or(s);
        }
        s
    }

    /// The resolved configuration as TOML, for `config show`.
    pub fn show(&self) -> String {
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
        doc.insert("contract".into(), contract.into());
        let mut check = toml::Table::new();
        check.insert(
            "paths".into(),
            toml::Value::Array(self.paths.iter().map(|p| p.display().to_string().into()).collect()),
        );
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
        doc.insert("redaction".into(), red.into());
        let mut lim = toml::Table::new();
        lim.insert("max_file_mib".into(), toml::Value::Integer(self.max_file_mib as i64));
        lim.insert("stream_max_findings".into(), toml::Value::Integer(self.stream_max_findings as i64));
        doc.insert("limits".into(), lim.into());
        s.push_str(&toml::to_string(&doc).unwrap_or_default());
        s
    }
}
