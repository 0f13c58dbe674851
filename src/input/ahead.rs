//! The read-ahead of operation files (see [`ReadAhead`]) and the documents
//! of a project besides the files checked ([`ProjectDocs`]).

use super::documents;
use super::read::read_source_limited;
use super::{expand_paths, kind_of, Kind};
use crate::source::Source;
// foldhash, not SipHash: every project document is looked up by its path.
use hashbrown::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The documents of a project (graphql-config `documents`, or
/// plain-contract.toml `[check] documents`) besides the files checked:
/// fragments are resolved from all of them, findings reported only for the
/// files checked.
#[derive(Debug, Default, Clone)]
pub struct ProjectDocs {
    /// Every document file of the project.
    pub documents: Vec<PathBuf>,
    /// The files of the project's schema (not checked as documents, no note).
    pub schema_files: Vec<PathBuf>,
    /// Files already read and documents already parsed (see `ReadAhead`).
    pub read_ahead: Option<Arc<ReadAhead>>,
}

/// GraphQL files read, their documents parsed, their texts scanned for
/// fragment names and their paths made canonical before a run, which needs
/// no contract: a project run does it while the contract's schema is built
/// on another core (the one long serial step of a run: 280 KB of SDL for
/// Plain's full schema, parsed or read from its snapshot), and the run
/// takes the results instead of doing the same again (a pre-commit run on
/// one file of Plain's SDK layout took 23.9 ms with it, 27.3 ms without,
/// when the schema was parsed). Only operation files (`.graphql`, `.gql`, scripts)
/// are read; a file that cannot be read is left to the run, which reports
/// it. What a run finds is the same with or without it.
#[derive(Debug, Default)]
pub struct ReadAhead {
    /// The paths given and the files they expand to (a run on the same
    /// paths does not walk the folders again).
    expanded: (Vec<PathBuf>, Vec<PathBuf>),
    /// By the path as the run names it.
    sources: HashMap<PathBuf, Arc<Source>>,
    /// The parsed documents of the files to check, by source path; each taken once.
    docs: std::sync::Mutex<HashMap<String, Vec<documents::Doc>>>,
    /// Every source's lexical scan (see [`documents::relevant_with`]), by source path.
    scans: HashMap<String, documents::Scan>,
    /// Canonical paths (how a run tells a checked file among the project's),
    /// with the folders resolved so far.
    path_keys: crate::util::path_key::PathKeys,
    /// The documents a run has checked, kept until the read-ahead is dropped
    /// (see [`ReadAhead::keep`]).
    spent: std::sync::Mutex<Vec<Vec<documents::Doc>>>,
}

impl ReadAhead {
    /// Reads the operation files among `paths` (directories expanded as a
    /// run expands them, each at most `max_bytes`) and parses their
    /// documents, and reads (without parsing) the project's other
    /// documents, in parallel. `project_documents` are files a project's
    /// globs found, so regular files (see [`Source::read_walked`]).
    pub fn new(paths: &[PathBuf], project_documents: &[PathBuf], max_bytes: u64) -> ReadAhead {
        use rayon::prelude::*;
        let expanded = expand_paths(paths);
        let checked: Vec<PathBuf> = expanded.iter().filter(|p| kind_of(p) == Kind::Operations).cloned().collect();
        let read: Vec<(PathBuf, Arc<Source>)> = checked
            .par_iter()
            .filter_map(|p| Some((p.clone(), read_source_limited(p, max_bytes).ok()?)))
            .collect();
        // Fragment texts repeated across files (self-contained documents) parsed once.
        let docs_read = documents::read_many(&read.iter().map(|(_, s)| s.clone()).collect::<Vec<_>>());
        let parsed: Vec<(PathBuf, Arc<Source>, Vec<documents::Doc>)> =
            read.into_iter().zip(docs_read).map(|((p, s), d)| (p, s, d)).collect();
        let mut sources = HashMap::with_capacity(parsed.len() + project_documents.len());
        let mut docs = HashMap::with_capacity(parsed.len());
        for (p, src, d) in parsed {
            docs.insert(src.path.clone(), d);
            sources.insert(p, src);
        }
        // Each of the project's other files is scanned as it is read (its
        // text still in the core's cache); the scans tell which of them a
        // run needs. A file to check is never one of them, read or not: one
        // refused above (over the run's limit) is left to the run, which
        // reports it, not read again here under the default limit.
        let to_check: hashbrown::HashSet<&PathBuf> = checked.iter().collect();
        let others: Vec<(PathBuf, Arc<Source>, documents::Scan)> = project_documents
            .par_iter()
            .filter(|p| !to_check.contains(*p))
            .filter_map(|p| {
                let src = crate::source::Source::read_walked(p, crate::source::MAX_FILE_BYTES).ok()?;
                let scan = documents::scan(&src.text);
                Some((p.clone(), src, scan))
            })
            .collect();
        // With none, no scan is needed.
        let mut scans = HashMap::new();
        if !others.is_empty() {
            scans.reserve(sources.len() + others.len());
            scans.extend(sources.values().map(|src| (src.path.clone(), documents::scan(&src.text))));
        }
        for (p, src, scan) in others {
            scans.insert(src.path.clone(), scan);
            sources.insert(p, src);
        }
        ReadAhead {
            expanded: (paths.to_vec(), expanded),
            sources,
            docs: std::sync::Mutex::new(docs),
            scans,
            path_keys: Default::default(),
            spent: Default::default(),
        }
    }

    /// Keeps the documents a run checked: they are freed with the
    /// read-ahead, whose owner decides when (a process about to exit need
    /// not free them at all; freeing hundreds of syntax trees takes a few
    /// milliseconds).
    pub(crate) fn keep(&self, docs: Vec<documents::Doc>) {
        match self.spent.lock() {
            Ok(mut spent) => spent.push(docs),
            Err(_) => rayon::spawn(move || drop(docs)),
        }
    }

    pub(crate) fn source(&self, path: &Path) -> Option<Arc<Source>> {
        self.sources.get(path).cloned()
    }

    /// The documents of a source read ahead, or parsed now.
    pub(crate) fn docs(&self, src: &Arc<Source>) -> Vec<documents::Doc> {
        let taken = self.docs.lock().ok().and_then(|mut m| m.remove(&src.path));
        match taken {
            // Only if it is the very text the run holds.
            Some(d) if d.first().is_none_or(|d| Arc::ptr_eq(&d.file, src)) => d,
            _ => documents::read(src),
        }
    }

    /// The files `paths` expand to, when the read-ahead was made for these very paths.
    pub(crate) fn expanded(&self, paths: &[PathBuf]) -> Option<Vec<PathBuf>> {
        (self.expanded.0 == paths).then(|| self.expanded.1.clone())
    }

    /// Canonical paths, shared by the runs that use this read-ahead.
    pub(crate) fn path_keys(&self) -> &crate::util::path_key::PathKeys {
        &self.path_keys
    }

    /// The lexical scans of the sources read, by source path.
    pub(crate) fn scans(&self) -> &HashMap<String, documents::Scan> {
        &self.scans
    }
}
