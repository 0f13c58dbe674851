//! [`ProjectRun`]: a `check` run over a client project, exactly as
//! `plain-contract check` does it. The command line parses its flags into
//! one `ProjectRun` and calls [`ProjectRun::run`]; a Rust caller does the
//! same.
//!
//! A run finds `plain-contract.toml` (or takes the file given), then the
//! nearest graphql-config file (`graphql.config.yml`, `.graphqlrc`, ...) or
//! GraphQL Code Generator configuration (`codegen.yml`, `codegen.ts`, ...),
//! and picks the schema: the run's own ([`ProjectRun::schema`]), else
//! `[check] schema`, else `[contract] schema`, else the project's, else the
//! embedded Customers API schema. A schema that is not used is never
//! fetched. The files to check are those given, else the project's
//! documents (and `[check] paths`), else the contract itself; fragments are
//! resolved from every document of the project. `--project all` runs every
//! project of the graphql-config file, each against its own schema.
//!
//! ```no_run
//! use plain_contract::{Format, ProjectRun};
//! // In a client repository with a graphql.config.yml:
//! let run = ProjectRun::new().dir("path/to/client-repo").run().expect("the project is usable");
//! assert_eq!(run.outcome.errors(), 0, "{}", run.render(Format::Human));
//! ```

use crate::check;
use crate::checker::Checker;
use crate::config::Config;
use crate::contract::LoadError;
use crate::diagnostic::Diagnostic;
use crate::input::{self, ProjectDocs, Shard, Tick};
use crate::outcome::Outcome;
use crate::project::{self, SchemaPick, Unit};
use crate::report::Format;
use crate::settings::{Expect, Settings};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A check run over a project: every input the command line's `check`
/// takes, resolved into one value. Build it with the methods below (each
/// is a flag of `plain-contract check`), then [`ProjectRun::run`] it.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ProjectRun {
    dir: Option<PathBuf>,
    config_file: Option<PathBuf>,
    files: Vec<PathBuf>,
    openapi: Option<PathBuf>,
    schema: Option<PathBuf>,
    project: Option<String>,
    shard: Option<Shard>,
    allow_empty: bool,
    expect: Option<Expect>,
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    coverage: Option<std::sync::Arc<crate::coverage::Sink>>,
}

/// What a [`ProjectRun`] found, and what it ran with.
#[derive(Debug)]
pub struct RunOutcome {
    /// What was checked and every finding (severity overrides applied).
    pub outcome: Outcome,
    /// The configuration file used, if any.
    pub config_file: Option<String>,
    /// The project files read (graphql-config or codegen, plain-contract.toml).
    pub project_files: Vec<String>,
    /// The OpenAPI document used, as shown to users.
    pub openapi: String,
    /// The schema (or, with several projects, the schemas) used, as shown to users.
    pub schema: String,
    settings: Settings,
    /// The checkers and read-ahead documents of the run, kept with it: a
    /// process about to exit need not free them.
    _kept: Vec<(Checker, ProjectDocs)>,
}

impl RunOutcome {
    /// Renders the outcome in a format, without colour, masking credentials
    /// and the configuration's redaction patterns.
    pub fn render(&self, format: Format) -> String {
        crate::report::render(&self.outcome, format, false, self.settings.redaction())
    }

    /// The settings the run used (from the configuration and the run).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The checker of the run's first project (the only one but with
    /// `--project all`).
    pub(crate) fn checker(&self) -> Option<&Checker> {
        self._kept.first().map(|(c, _)| c)
    }

    /// The process exit code for this outcome: [`EXIT_OK`](crate::EXIT_OK)
    /// or [`EXIT_VIOLATIONS`](crate::EXIT_VIOLATIONS).
    pub fn exit_code(&self) -> i32 {
        if crate::report::counts(&self.outcome).0 > 0 {
            crate::EXIT_VIOLATIONS
        } else {
            crate::EXIT_OK
        }
    }
}

/// Why a [`ProjectRun`] could not be done (exit 2): what could not be used,
/// and the findings that say why, ready to render.
#[derive(Debug)]
pub struct RunError {
    /// What could not be used: "the configuration plain-contract.toml",
    /// "the project configuration" or "the contract".
    pub what: String,
    /// The findings, with the texts they point into.
    pub outcome: Outcome,
    settings: Settings,
}

impl RunError {
    /// Renders the findings in a format, without colour.
    pub fn render(&self, format: Format) -> String {
        crate::report::render(&self.outcome, format, false, self.settings.redaction())
    }

    /// The settings to render the findings with (the defaults when the
    /// configuration itself is what failed).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} cannot be used", self.what)?;
        for d in &self.outcome.diagnostics {
            write!(f, "\n{}:{}:{}: {} {}", d.file, d.line, d.column, d.code.as_str(), d.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for RunError {}

impl ProjectRun {
    /// A run in the process's working directory, with no flags.
    pub fn new() -> Self {
        ProjectRun::default()
    }

    /// Where the project files are looked for (in this folder and its
    /// parents; default: the process's working directory). Paths in the
    /// outcome are as the process sees them.
    pub fn dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }

    /// `--config FILE`: this configuration file rather than the nearest
    /// `plain-contract.toml`.
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config_file = Some(path.into());
        self
    }

    /// `check FILES`: check these files and folders (fragments still come
    /// from the whole project) rather than the project's documents.
    pub fn files<P: Into<PathBuf>>(mut self, files: impl IntoIterator<Item = P>) -> Self {
        self.files = files.into_iter().map(Into::into).collect();
        self
    }

    /// `--openapi FILE`: the OpenAPI document (default: the configuration's, else the embedded one).
    pub fn openapi(mut self, path: impl Into<PathBuf>) -> Self {
        self.openapi = Some(path.into());
        self
    }

    /// `--schema SOURCE`: the schema, over every project file (an SDL or
    /// introspection file, a folder of SDL, a URL, `plain` or `customers`).
    pub fn schema(mut self, source: impl Into<PathBuf>) -> Self {
        self.schema = Some(source.into());
        self
    }

    /// `--project NAME`: the graphql-config project; `all` runs every one
    /// (unless one is named `all`).
    pub fn project(mut self, name: impl Into<String>) -> Self {
        self.project = Some(name.into());
        self
    }

    /// `--shard K/N`: only shard `k` of `n` of the files.
    pub fn shard(mut self, shard: Shard) -> Self {
        self.shard = Some(shard);
        self
    }

    /// `--allow-empty`: a run that finds nothing to check succeeds (by
    /// default it is `PC012`).
    pub fn allow_empty(mut self, allow: bool) -> Self {
        self.allow_empty = allow;
        self
    }

    /// `--expect`: what every exchange of the files shows, unless it says.
    pub fn expect(mut self, expect: Expect) -> Self {
        self.expect = Some(expect);
        self
    }

    /// `--header 'Name: value'`: a request header sent when the schema is
    /// fetched from a URL (never printed); an `Authorization` header wins
    /// over the configuration's `schema_token_env`.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// `--timeout SECS`: how long fetching a URL schema may take (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// `coverage`: the run's counts go to `sink` as it checks.
    pub(crate) fn coverage(mut self, sink: std::sync::Arc<crate::coverage::Sink>) -> Self {
        self.coverage = Some(sink);
        self
    }

    /// Runs the check.
    pub fn run(&self) -> Result<RunOutcome, RunError> {
        self.run_with_progress(None)
    }

    /// [`ProjectRun::run`], telling `progress` how far it is.
    pub fn run_with_progress(&self, progress: Option<&(dyn Fn(Tick) + Sync)>) -> Result<RunOutcome, RunError> {
        let config = self.config()?;
        let settings = self.settings(&config);
        let resolved = self.resolve(&config, &settings)?.unwrap_or_default();
        let units = resolved
            .units(self.schema.as_deref(), config.schema.as_deref())
            .map_err(|d| project_error(d, &settings))?;
        let openapi = self.openapi.clone().or_else(|| config.openapi.clone());
        let mut out = Outcome::for_run(&settings);
        let mut kept = Vec::new();
        let mut schemas = Vec::new();
        let several = units.len() > 1;
        let any_documents = units.iter().any(|(u, _)| !u.documents.is_empty());
        for (k, (unit, pick)) in units.iter().enumerate() {
            let files = self.files_of(unit, &units, k);
            if several && !self.files.is_empty() && files.is_empty() {
                continue;
            }
            if several && self.files.is_empty() && unit.documents.is_empty() && (any_documents || k > 0) {
                continue;
            }
            let project_run = self.files.is_empty() && !unit.documents.is_empty();
            let mut run_paths = if project_run { unit.documents.clone() } else { files.clone() };
            // `[check] paths` once, with the first project that runs.
            if project_run && kept.is_empty() {
                run_paths.extend(config.paths.iter().cloned());
            }
            // The GraphQL files are read and parsed on this thread while the
            // schema is built on the pool's other core (see input::ReadAhead),
            // which then helps read the rest; a read-ahead that fails leaves
            // the run to read the files itself. The reading goes first: it is
            // the longer job, and the job handed over waits for a sleeping
            // thread to wake (0.8 ms in the median pre-commit run on Plain's
            // SDK layout, which this order took from 9.5 to 7.6 ms to here).
            let ahead = self.shard.is_none() && !run_paths.is_empty();
            let (read_ahead, built) = rayon::join(
                || {
                    ahead
                        .then(|| {
                            std::panic::catch_unwind(|| input::ReadAhead::new(&run_paths, &unit.documents, settings.max_file_bytes())).ok()
                        })
                        .flatten()
                        .map(std::sync::Arc::new)
                },
                || build_checker(unit, pick, openapi.as_deref(), &settings),
            );
            let checker = built?;
            schemas.push(schema_shown(pick, &unit.name, several));
            let docs = ProjectDocs {
                documents: unit.documents.clone(),
                schema_files: unit.schema_files.clone(),
                read_ahead,
            };
            let mut part = if project_run {
                checker.check_project(&run_paths, self.shard, progress, &docs)
            } else if files.is_empty() {
                let mut o = checker.check_contract();
                if !config.paths.is_empty() {
                    o.merge(checker.check_paths_with(&config.paths, self.shard, progress));
                }
                o
            } else {
                checker.check_project(&files, self.shard, progress, &docs)
            };
            if !self.allow_empty && (project_run || !files.is_empty()) && self.shard.is_none() {
                check::nothing_checked(&mut part, if project_run { &docs.documents } else { &files });
            }
            out.merge(part);
            kept.push((checker, docs));
        }
        Ok(RunOutcome {
            outcome: out,
            config_file: config.file.clone(),
            project_files: resolved.files.clone(),
            openapi: openapi.map_or(format!("{} (embedded)", crate::contract::EMBEDDED_OPENAPI_PATH), |p| {
                p.display().to_string()
            }),
            schema: schemas.join(", "),
            settings,
            _kept: kept,
        })
    }

    /// The checker and project documents of the run's first project, built
    /// as [`ProjectRun::run`] builds them, for callers that check many
    /// inputs against one project (the npm package's worker).
    pub(crate) fn prepare(&self) -> Result<(Checker, ProjectDocs, Settings), RunError> {
        let config = self.config()?;
        let settings = self.settings(&config);
        let resolved = self.resolve(&config, &settings)?.unwrap_or_default();
        let units = resolved
            .units(self.schema.as_deref(), config.schema.as_deref())
            .map_err(|d| project_error(d, &settings))?;
        let openapi = self.openapi.clone().or_else(|| config.openapi.clone());
        let (unit, pick) = units.into_iter().next().unwrap_or((Unit::default(), SchemaPick::Embedded));
        let checker = build_checker(&unit, &pick, openapi.as_deref(), &settings)?;
        let docs = ProjectDocs {
            documents: unit.documents,
            schema_files: unit.schema_files,
            read_ahead: None,
        };
        Ok((checker, docs, settings))
    }

    /// The files of the run that unit `k` checks: all of them with one
    /// unit; with several (`--project all`), each file goes to the projects
    /// whose documents it is, and a file of none to the first.
    fn files_of(&self, unit: &Unit, units: &[(Unit, SchemaPick)], k: usize) -> Vec<PathBuf> {
        if units.len() == 1 {
            return self.files.clone();
        }
        let norm = |p: &Path| p.strip_prefix("./").unwrap_or(p).to_path_buf();
        self.files
            .iter()
            .filter(|f| {
                let f = norm(f);
                let mine = unit.documents.iter().any(|d| norm(d) == f);
                let anyone = units.iter().any(|(u, _)| u.documents.iter().any(|d| norm(d) == f));
                mine || (!anyone && k == 0)
            })
            .cloned()
            .collect()
    }

    /// The configuration: the file given, else the nearest
    /// `plain-contract.toml`, else the defaults.
    pub(crate) fn config(&self) -> Result<Config, RunError> {
        let path = match &self.config_file {
            Some(p) => Some(p.clone()),
            None => crate::config::discover(&self.abs_dir()),
        };
        let Some(path) = path else { return Ok(Config::default()) };
        let path = relative_to_cwd(&path);
        crate::config::load(&path).map_err(|e| RunError {
            what: format!("the configuration {}", path.display()),
            outcome: Outcome::from(e),
            settings: Settings::default(),
        })
    }

    /// The run's settings: the configuration's, with the run's `--expect`,
    /// headers and timeout.
    pub(crate) fn settings(&self, config: &Config) -> Settings {
        let mut settings = config.settings().with_expect(self.expect);
        for (n, v) in self.headers.iter().chain(&config.schema_headers) {
            settings = settings.with_schema_header(n.clone(), v.clone());
        }
        if let Some(t) = self.timeout {
            settings = settings.with_schema_timeout(t);
        }
        let settings = settings.with_schema_token(config.schema_token_env.as_deref());
        match &self.coverage {
            Some(sink) => settings.with_coverage(sink.clone()),
            None => settings,
        }
    }

    /// The project files of the run (`Ok(None)`: none).
    pub(crate) fn resolve(&self, config: &Config, settings: &Settings) -> Result<Option<project::Resolved>, RunError> {
        let cwd = std::env::current_dir().unwrap_or_default();
        project::resolve(config, &self.project_dir(&cwd), &cwd, self.project.as_deref()).map_err(|d| project_error(d, settings))
    }

    /// The folder the graphql-config file is looked up from: the run's. When
    /// none is found from there and every file named has the same nearest
    /// one below it (a monorepo's package, pre-commit running at the root),
    /// that file's folder, so those files get their project's verdict.
    fn project_dir(&self, cwd: &Path) -> PathBuf {
        let dir = self.abs_dir();
        if self.files.is_empty() || project::discover(&dir).is_some() {
            return dir;
        }
        let mut found: Option<PathBuf> = None;
        for f in &self.files {
            let abs = cwd.join(f);
            let start = if abs.is_dir() { abs.as_path() } else { abs.parent().unwrap_or(cwd) };
            match project::discover(start) {
                Some(p) if p.starts_with(&dir) && found.as_ref().is_none_or(|q| *q == p) => found = Some(p),
                _ => return dir,
            }
        }
        found.and_then(|p| p.parent().map(Path::to_path_buf)).unwrap_or(dir)
    }

    /// The shard, as `--verbose` shows it.
    pub(crate) fn shard_shown(&self) -> String {
        self.shard.map_or("all".to_string(), |s| format!("{}/{}", s.k, s.n))
    }

    fn abs_dir(&self) -> PathBuf {
        let cwd = std::env::current_dir().unwrap_or_default();
        match &self.dir {
            Some(d) if d.is_absolute() => d.clone(),
            Some(d) => cwd.join(d),
            None => cwd,
        }
    }
}

/// The checker of one unit: the OpenAPI document, the unit's schema pick and
/// the project file's headers for its schema URL (after the run's own).
fn build_checker(unit: &Unit, pick: &SchemaPick, openapi: Option<&Path>, settings: &Settings) -> Result<Checker, RunError> {
    let unit_settings = unit
        .schema_headers
        .iter()
        .fold(settings.clone(), |s, (n, v)| s.with_schema_header(n.clone(), v.clone()));
    let builder = Checker::builder().settings(unit_settings);
    let builder = match openapi {
        Some(p) => builder.openapi(p.to_path_buf()),
        None => builder,
    };
    let builder = match pick {
        SchemaPick::Embedded => builder,
        SchemaPick::Spec(s) => builder.schema(s.clone()),
        SchemaPick::Files(f) => builder.schema_files(f.iter().cloned()),
    };
    builder.build().map_err(|mut e| {
        if let Some(file) = &unit.schema_from {
            for d in e.diagnostics.iter_mut().filter(|d| d.code == crate::diagnostic::Code::SchemaFetch) {
                d.notes.push(format!(
                    "this is the `schema` of {file}; --schema SOURCE or `[check] schema` in plain-contract.toml override it (it is then not fetched)"
                ));
                for var in &unit.schema_unset_env {
                    d.notes.push(format!(
                        "`${{{var}}}` in its headers is not set in the environment (replaced by an empty string)"
                    ));
                }
            }
        }
        contract_error(e, settings)
    })
}

/// The schema of a unit as users see it.
fn schema_shown(pick: &SchemaPick, name: &Option<String>, several: bool) -> String {
    let s = match pick {
        SchemaPick::Embedded => format!("{} (embedded)", crate::contract::EMBEDDED_SCHEMA_PATH),
        SchemaPick::Spec(p) => {
            let text = p.display().to_string();
            if crate::contract::source::fetch::is_url(&text) {
                crate::contract::source::fetch::shown_url(&text)
            } else {
                text
            }
        }
        SchemaPick::Files(f) => f.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" + "),
    };
    match name {
        Some(n) if several => format!("{n}: {s}"),
        _ => s,
    }
}

/// A path relative to the working directory where it is under it, as users see it.
pub(crate) fn relative_to_cwd(p: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(&cwd).ok().map(|r| r.to_path_buf()))
        .unwrap_or_else(|| p.to_path_buf())
}

/// A project file that cannot be used: its findings, with the files they
/// point into.
fn project_error(diagnostics: Vec<Diagnostic>, settings: &Settings) -> RunError {
    let mut outcome = Outcome {
        files: 1,
        diagnostics,
        ..Default::default()
    };
    for d in &outcome.diagnostics {
        if let Ok(src) = crate::input::read::read_source(Path::new(&d.file)) {
            outcome.sources.insert(d.file.clone(), src);
        }
    }
    RunError {
        what: "the project configuration".to_string(),
        outcome,
        settings: settings.clone(),
    }
}

fn contract_error(e: LoadError, settings: &Settings) -> RunError {
    let mut outcome = Outcome::from(e);
    outcome.files = outcome.files.max(1);
    RunError {
        what: "the contract".to_string(),
        outcome,
        settings: settings.clone(),
    }
}
