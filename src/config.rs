//! `plain-contract.toml`: found by walking up from the working directory
//! (as cargo and ruff find theirs), or named with `--config FILE`. Flags on
//! the command line override it.
//!
//! ```toml
//! [contract]                 # paths are relative to this file
//! openapi = "specs/plain-support-openapi.yml"
//! schema = "specs/plain-support-schema.graphql"
//!
//! [check]
//! paths = ["fixtures"]       # what `check` checks when given no FILES (besides the contract)
//! negative = ["fixtures/rejections/**"]  # files of recorded rejections (as `expect: rejected`)
//! hosts = ["127.0.0.1:8080", "*.staging.example.com"]  # more hosts than the OpenAPI servers
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

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::source::Source;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

static OVERRIDES: std::sync::OnceLock<BTreeMap<Code, Level>> = std::sync::OnceLock::new();

/// A diagnostic with the installed severity override applied; `None` when
/// its code is turned off. Without an installed configuration, unchanged.
pub fn effective(mut d: Diagnostic) -> Option<Diagnostic> {
    match OVERRIDES.get().and_then(|m| m.get(&d.code)) {
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

/// The file name looked for.
pub const FILE_NAME: &str = "plain-contract.toml";

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
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    negative: Vec<Spanned<String>>,
    #[serde(default)]
    hosts: Vec<Spanned<String>>,
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

/// The resolved configuration (defaults filled in, paths made relative to
/// the working directory).
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    /// The file it came from, if any.
    pub file: Option<String>,
    /// The OpenAPI document (None: the embedded one).
    pub openapi: Option<PathBuf>,
    /// The GraphQL schema (None: the embedded one).
    pub schema: Option<PathBuf>,
    /// Paths `check` checks when given none.
    pub paths: Vec<PathBuf>,
    /// Globs of files that hold recorded rejections (`[check] negative`).
    pub negative: Vec<String>,
    /// Hosts checked besides the OpenAPI servers' (`[check] hosts`).
    pub hosts: Vec<String>,
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
            paths: Vec::new(),
            negative: Vec::new(),
            hosts: Vec::new(),
            base: PathBuf::new(),
            placeholders: Vec::new(),
            severity: BTreeMap::new(),
            redaction: Vec::new(),
            max_file_mib: crate::source::MAX_FILE_BYTES >> 20,
            max_entry_mib: (crate::check::stream::MAX_LINE_BYTES >> 20) as u64,
            stream_max_findings: crate::check::stream::MAX_FINDINGS,
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
        schema: raw.contract.schema.as_deref().map(rel),
        paths: raw.check.paths.iter().map(|p| rel(p)).collect(),
        hosts: raw.check.hosts.iter().map(|h| h.get_ref().clone()).collect(),
        base: base.to_path_buf(),
        ..Config::default()
    };
    for g in &raw.check.negative {
        match crate::check::negative::compile(std::slice::from_ref(g.get_ref())) {
            Ok(_) => cfg.negative.push(g.get_ref().clone()),
            Err(e) => errors.push(at(src, g.span(), format!("negative glob does not compile: {e}"))),
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

impl Config {
    /// Applies the severity overrides to an outcome: `off` drops findings,
    /// `warn` and `error` change their severity (counted findings too).
    pub fn apply(&self, outcome: &mut crate::check::Outcome) {
        if self.severity.is_empty() {
            return;
        }
        let level = |c: Code| self.severity.get(c.as_str()).copied();
        outcome.diagnostics.retain(|d| level(d.code) != Some(Level::Off));
        for d in &mut outcome.diagnostics {
            match level(d.code) {
                Some(Level::Error) => d.severity = Severity::Error,
                Some(Level::Warn) => d.severity = Severity::Warning,
                _ => {}
            }
        }
        outcome.omitted.retain(|c, _| level(*c) != Some(Level::Off));
        for (c, (sev, _)) in outcome.omitted.iter_mut() {
            match level(*c) {
                Some(Level::Error) => *sev = Severity::Error,
                Some(Level::Warn) => *sev = Severity::Warning,
                _ => {}
            }
        }
    }

    /// Puts the process-wide settings in force: limits, redaction patterns,
    /// and the severity overrides streams apply before their cap.
    pub fn install(&self) {
        let map = self
            .severity
            .iter()
            .filter_map(|(c, l)| Code::ALL.iter().find(|k| k.as_str() == c).map(|k| (*k, *l)))
            .collect();
        let _ = OVERRIDES.set(map);
        crate::source::set_max_file_bytes(self.max_file_mib << 20);
        crate::check::stream::set_max_findings(self.stream_max_findings);
        crate::check::stream::set_max_entry_bytes((self.max_entry_mib as usize) << 20);
        crate::secrets::set_patterns(self.redaction.iter().filter_map(|p| regex::Regex::new(p).ok()).collect());
        crate::secrets::set_placeholders(self.placeholders.iter().filter_map(|p| regex::Regex::new(p).ok()).collect());
        crate::check::negative::set_negative(&self.negative, &self.base);
        crate::exchange::hosts::set_extra_hosts(self.hosts.clone());
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
        doc.insert("contract".into(), contract.into());
        let mut check = toml::Table::new();
        check.insert(
            "paths".into(),
            toml::Value::Array(self.paths.iter().map(|p| p.display().to_string().into()).collect()),
        );
        check.insert(
            "negative".into(),
            toml::Value::Array(self.negative.iter().map(|p| p.clone().into()).collect()),
        );
        check.insert(
            "hosts".into(),
            toml::Value::Array(self.hosts.iter().map(|p| p.clone().into()).collect()),
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
