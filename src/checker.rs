//! [`Checker`]: the library's front door. It owns the compiled contract, the
//! [`Settings`] of its runs and the operation cache, so the cache can only
//! ever answer for the checker's own schema: compile once, check many.
//!
//! A client-project run ([`crate::ProjectRun`], which the command line's
//! `check` is) builds one per project; editors and language servers check
//! text they hold in memory with [`Checker::check_text`].

use crate::check;
use crate::check::operation::OpCache;
use crate::contract::{Contract, LoadError, SchemaFrom, EMBEDDED_OPENAPI, EMBEDDED_OPENAPI_PATH};
use crate::input::read::read_source_limited;
use crate::input::{self, Progress, Shard};
use crate::outcome::Outcome;
use crate::report::Format;
use crate::settings::Settings;
use crate::source::Source;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Checks inputs against one contract under one set of [`Settings`].
///
/// `Checker` is `Sync`: share one across threads (files are checked in
/// parallel inside each call already).
#[derive(Debug)]
pub struct Checker {
    contract: Contract,
    settings: Settings,
    cache: OpCache,
}

/// Where one spec of a [`CheckerBuilder`] comes from.
#[derive(Debug, Clone, Default)]
enum Spec {
    #[default]
    Embedded,
    Path(PathBuf),
    Files(Vec<PathBuf>),
    Text(String, String),
}

/// Builds a [`Checker`]: each spec from a file, a text, or the embedded
/// default, and the settings (default: [`Settings::default`]).
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct CheckerBuilder {
    openapi: Spec,
    schema: Spec,
    settings: Settings,
}

impl CheckerBuilder {
    /// The OpenAPI 3.0 document from a file (default: the embedded one).
    pub fn openapi(mut self, path: impl Into<PathBuf>) -> Self {
        self.openapi = Spec::Path(path.into());
        self
    }

    /// The GraphQL schema from a file (SDL or an introspection result), a
    /// directory of SDL files, a URL (introspected with the settings' fetch
    /// options), or a built-in name: `plain` (Plain's full public schema) or
    /// `customers` (the default).
    pub fn schema(mut self, path: impl Into<PathBuf>) -> Self {
        self.schema = Spec::Path(path.into());
        self
    }

    /// The GraphQL schema from several SDL files read as one (types may be
    /// extended across them), as a project's `schema` glob or list gives
    /// it; each finding names its file.
    pub fn schema_files<P: Into<PathBuf>>(mut self, files: impl IntoIterator<Item = P>) -> Self {
        self.schema = Spec::Files(files.into_iter().map(Into::into).collect());
        self
    }

    /// The OpenAPI document from text in memory; `label` names it in diagnostics.
    pub fn openapi_text(mut self, label: impl Into<String>, text: impl Into<String>) -> Self {
        self.openapi = Spec::Text(label.into(), text.into());
        self
    }

    /// The GraphQL schema from text in memory; `label` names it in diagnostics.
    pub fn schema_text(mut self, label: impl Into<String>, text: impl Into<String>) -> Self {
        self.schema = Spec::Text(label.into(), text.into());
        self
    }

    /// The settings of every run of the checker.
    pub fn settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    /// Loads and compiles the contract. `Err` holds what makes a spec
    /// unusable, with the texts it points into (render it with
    /// [`Outcome::from`] and [`Outcome::render`]).
    pub fn build(self) -> Result<Checker, LoadError> {
        let limit = self.settings.max_file_bytes();
        let oa = match self.openapi {
            Spec::Embedded | Spec::Files(_) => Source::new(EMBEDDED_OPENAPI_PATH, EMBEDDED_OPENAPI),
            Spec::Text(label, text) => Source::new(label, text),
            Spec::Path(p) => read_source_limited(&p, limit).map_err(|d| LoadError {
                diagnostics: vec![d],
                sources: Vec::new(),
            })?,
        };
        let gql = match self.schema {
            Spec::Embedded => SchemaFrom::path(None, limit)?,
            Spec::Text(label, text) => SchemaFrom::Sdl(Source::new(label, text)),
            Spec::Path(p) => SchemaFrom::path(Some(&p), limit)?,
            Spec::Files(files) if files.is_empty() => SchemaFrom::path(None, limit)?,
            Spec::Files(files) => SchemaFrom::Files(
                files
                    .iter()
                    .map(|p| read_source_limited(p, limit))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|d| LoadError {
                        diagnostics: vec![d],
                        sources: Vec::new(),
                    })?,
            ),
        };
        let contract = Contract::assemble(oa, gql, self.settings.fetch())?;
        Ok(Checker::new(contract, self.settings))
    }
}

impl Checker {
    /// A builder; `Checker::builder().build()` is the embedded contract with
    /// default settings.
    pub fn builder() -> CheckerBuilder {
        CheckerBuilder::default()
    }

    /// A checker of a contract already loaded.
    pub fn new(contract: Contract, settings: Settings) -> Checker {
        Checker {
            contract,
            settings,
            cache: OpCache::default(),
        }
    }

    /// The contract checked against.
    pub fn contract(&self) -> &Contract {
        &self.contract
    }

    /// The settings of every run.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Checks the contract itself: the cross-spec lint of the OpenAPI
    /// document, then each of its request examples against both layers.
    pub fn check_contract(&self) -> Outcome {
        check::check_contract(&self.contract, &self.cache, &self.settings)
    }

    /// Checks files and directories (walked recursively, in parallel; the
    /// outcome keeps their order), as `plain-contract check PATHS...` does.
    pub fn check_paths<P: AsRef<Path>>(&self, paths: &[P]) -> Outcome {
        let paths: Vec<PathBuf> = paths.iter().map(|p| p.as_ref().to_path_buf()).collect();
        check::check_paths(&self.contract, &self.cache, &self.settings, &paths)
    }

    /// [`Checker::check_paths`] over one shard of the files, reporting progress.
    pub(crate) fn check_paths_with(&self, paths: &[PathBuf], shard: Option<Shard>, progress: Progress) -> Outcome {
        check::check_paths_with(&self.contract, &self.cache, &self.settings, paths, shard, progress)
    }

    /// [`Checker::check_paths_with`] within a project (graphql-config or
    /// `[check] documents`): fragments are resolved from all of the
    /// project's documents, findings reported only for `paths`, so a
    /// pre-commit run on changed files gives the full run's verdicts.
    pub(crate) fn check_project(
        &self,
        paths: &[PathBuf],
        shard: Option<Shard>,
        progress: Progress,
        project: &input::ProjectDocs,
    ) -> Outcome {
        check::check_paths_in(&self.contract, &self.cache, &self.settings, paths, shard, progress, project)
    }

    /// Checks text held in memory (an editor's buffer) as the file `path`
    /// would be checked; the extension says what it is (`.graphql`,
    /// `.json`, `.yaml`, `.har`, `.ndjson`).
    pub fn check_text(&self, path: &str, text: &str) -> Outcome {
        check::check_text(&self.contract, &self.cache, &self.settings, path, text)
    }

    /// Checks an NDJSON stream of exchanges from any reader, in constant
    /// memory; `name` labels it in diagnostics.
    pub fn check_ndjson(&self, name: &str, reader: impl BufRead) -> Outcome {
        let mut out = Outcome {
            files: 1,
            ..Outcome::for_run(&self.settings)
        };
        check::streams::check_reader(&self.contract, &self.cache, &self.settings, name, reader, &mut out);
        out
    }

    /// Renders an outcome in a format, without colour, masking credentials
    /// and this checker's redaction patterns.
    pub fn render(&self, outcome: &Outcome, format: Format) -> String {
        crate::report::render(outcome, format, false, self.settings.redaction())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::operation::OpCache;
    use crate::diagnostic::{Code, Severity};

    fn settings_of(toml: &str) -> Settings {
        let src = Source::new("plain-contract.toml", toml);
        crate::config::parse(&src, Path::new("")).expect("valid configuration").settings()
    }

    /// Four lines that are not exchanges (HX001 each), quoting two secrets.
    const STREAM: &str = "[\"sk_live_abc1\", \"tok_xyz9\"]\n[1]\n[2]\n[3]\n";

    #[test]
    fn two_configurations_in_one_process_never_mix() {
        let a = Checker::builder()
            .settings(settings_of(
                "[severity]\nHX001 = \"warn\"\n[limits]\nstream_max_findings = 2\n[redaction]\npatterns = [\"sk_live_[a-z0-9]+\"]\n",
            ))
            .build()
            .expect("embedded contract");
        let b = Checker::builder()
            .settings(settings_of(
                "[limits]\nstream_max_findings = 3\n[redaction]\npatterns = [\"tok_[a-z0-9]+\"]\n",
            ))
            .build()
            .expect("embedded contract");
        // Twice each, interleaved: whichever ran last must not leak into the other.
        for _ in 0..2 {
            let oa = a.check_ndjson("a.ndjson", STREAM.as_bytes());
            assert_eq!(oa.diagnostics.len(), 2, "a keeps its own cap");
            assert!(oa.diagnostics.iter().all(|d| d.severity == Severity::Warning), "a's override");
            assert_eq!(
                oa.omitted.get(&Code::ExchangeShape),
                Some(&(Severity::Warning, 2)),
                "overrides before the cap"
            );
            assert_eq!(oa.counts(), (0, 4));
            let text = a.render(&oa, Format::Human);
            assert!(!text.contains("sk_live_abc1") && text.contains("tok_xyz9"), "{text}");

            let ob = b.check_ndjson("b.ndjson", STREAM.as_bytes());
            assert_eq!(ob.diagnostics.len(), 3, "b keeps its own cap");
            assert!(ob.diagnostics.iter().all(|d| d.severity == Severity::Error), "no override in b");
            assert_eq!(ob.counts(), (4, 0));
            let text = b.render(&ob, Format::Human);
            assert!(text.contains("sk_live_abc1") && !text.contains("tok_xyz9"), "{text}");
        }
    }

    /// One HAR, two entries: one to `staging.example.com`, one to
    /// `127.0.0.1:8080`, each with `Authorization: MY-KEY-HERE` or
    /// `Authorization: Bearer OUR-TOKEN-PLACEHOLDER`.
    const HOSTS_HAR: &str = r#"{"log": {"entries": [
{"request": {"method": "POST", "url": "https://staging.example.com/graphql/v1",
  "headers": [{"name": "Authorization", "value": "MY-KEY-HERE"}, {"name": "Content-Type", "value": "application/json"}],
  "postData": {"mimeType": "application/json", "text": "{\"query\": \"{ __typename }\"}"}},
 "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}],
  "content": {"mimeType": "application/json", "text": "{\"data\": {\"__typename\": \"Query\"}}"}}},
{"request": {"method": "POST", "url": "http://127.0.0.1:8080/graphql/v1",
  "headers": [{"name": "Authorization", "value": "Bearer OUR-TOKEN-PLACEHOLDER"}, {"name": "Content-Type", "value": "application/json"}],
  "postData": {"mimeType": "application/json", "text": "{\"query\": \"{ __typename }\"}"}},
 "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}],
  "content": {"mimeType": "application/json", "text": "{\"data\": {\"__typename\": \"Query\"}}"}}}
]}}"#;

    #[test]
    fn placeholders_and_hosts_are_per_checker() {
        // a: takes staging, where `MY-KEY-HERE` is its placeholder; b: takes
        // the local server, where `Bearer OUR-TOKEN-PLACEHOLDER` is.
        let a = Checker::builder()
            .settings(settings_of(
                "[check]\nhosts = [\"staging.example.com\"]\n[redaction]\nplaceholders = [\"MY-KEY-HERE\"]\n",
            ))
            .build()
            .expect("embedded contract");
        let b = Checker::builder()
            .settings(
                Settings::default()
                    .with_placeholder("OUR-TOKEN-[A-Z]+")
                    .expect("compiles")
                    .with_hosts(&["127.0.0.1:8080".to_string()]),
            )
            .build()
            .expect("embedded contract");
        let summary = |c: &Checker| {
            let o = c.check_text("capture.har", HOSTS_HAR);
            let mut v: Vec<(Code, Option<String>)> = o.diagnostics.iter().map(|d| (d.code, d.pointer.clone())).collect();
            v.sort();
            v
        };
        let hx010 = (Code::HarSkipped, Some("/log/entries".to_string()));
        // Twice each, interleaved: neither checker's forms or hosts reach the other.
        for _ in 0..2 {
            // a checks entry 0 (its placeholder: clean) and skips entry 1.
            assert_eq!(summary(&a), vec![hx010.clone()], "a");
            // b checks entry 1 (its placeholder: clean) and skips entry 0.
            assert_eq!(summary(&b), vec![hx010.clone()], "b");
        }
        // Each placeholder is a credential to the other checker, and to the defaults.
        let swapped = Checker::builder()
            .settings(Settings::default().with_hosts(&["staging.example.com".to_string(), "127.0.0.1:8080".to_string()]))
            .build()
            .expect("embedded contract");
        let codes: Vec<Code> = summary(&swapped).into_iter().map(|(c, _)| c).collect();
        assert_eq!(codes.iter().filter(|c| **c == Code::UnredactedSecret).count(), 2, "{codes:?}");
        assert_eq!(summary(&a), vec![hx010.clone()], "a, after the others");
    }

    #[test]
    fn file_size_limits_are_per_checker() {
        let dir = std::env::temp_dir().join(format!("pc-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("big.json");
        std::fs::write(
            &file,
            format!("{{\"query\": \"{{ __typename }}\", \"x\": \"{}\"}}", "a".repeat(2 << 20)),
        )
        .expect("write");
        let small = Checker::builder()
            .settings(settings_of("[limits]\nmax_file_mib = 1\n"))
            .build()
            .expect("contract");
        let big = Checker::builder().build().expect("contract");
        let codes = |c: &Checker| c.check_paths(&[&file]).diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
        assert_eq!(codes(&small), vec![Code::FileTooLarge]);
        assert!(!codes(&big).contains(&Code::FileTooLarge));
        assert_eq!(codes(&small), vec![Code::FileTooLarge], "the other checker changed nothing");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn one_cache_two_schemas_answers_each_with_its_own() {
        let embedded = Contract::embedded().expect("embedded");
        let full = Contract::load(None, Some(Path::new("plain"))).expect("built-in full schema");
        let q = "query { myWorkspace { id } }";
        let fresh = |c: &Contract| OpCache::default().get(&c.schema, q).findings.len();
        assert_eq!((fresh(&embedded), fresh(&full)), (1, 0), "the field exists in the full schema only");
        let shared = OpCache::default();
        assert_eq!(shared.get(&embedded.schema, q).findings.len(), 1);
        assert_eq!(shared.get(&full.schema, q).findings.len(), 0, "not the embedded schema's answer");
        assert_eq!(shared.get(&embedded.schema, q).findings.len(), 1, "nor the other way round");
    }

    #[test]
    fn text_in_memory_is_checked_as_its_file_would_be() {
        let c = Checker::builder().build().expect("contract");
        let o = c.check_text("draft.graphql", "query { customers(first: 1) { edges { node { nickname } } } }");
        assert_eq!(o.diagnostics.len(), 1, "{:?}", o.diagnostics);
        assert_eq!(
            (o.diagnostics[0].code, o.diagnostics[0].file.as_str()),
            (Code::OperationInvalid, "draft.graphql")
        );
        let o = c.check_text("req.json", "{\"query\": \"{ __typename }\"}");
        assert_eq!(o.counts(), (0, 0));
        assert_eq!(o.items.len(), 1);
        let o = c.check_text("notes.txt", "hello");
        assert_eq!(o.diagnostics[0].code, Code::SkippedFile);
    }
}
