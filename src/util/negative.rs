//! What recorded exchanges are expected to show: [`Expect`], and which files
//! hold recorded rejections (`[check] negative = [globs]` in
//! plain-contract.toml: every exchange of a matching file is checked as a
//! negative one, as if it said `expect: rejected`, docs/exchanges.md) or
//! mixed traffic (`[check] either = [globs]`, as `expect: either`).
//! Globs (globset syntax, `**` for any depth) are matched against the path
//! as given on the command line and against its form relative to the
//! configuration file's directory.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// What a recorded exchange is expected to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Expect {
    /// A valid request and an answer that meets the contract (the default):
    /// a request that breaks the contract is an error, whatever the answer.
    #[default]
    Accepted,
    /// A request that breaks the contract and its documented rejection
    /// (`expect: rejected`, `[check] negative`).
    Rejected,
    /// Either of the two, decided by the request (`expect: either`, `[check]
    /// either`): mixed traffic such as a test tool's report, where valid and
    /// deliberately broken requests sit side by side.
    Either,
}

impl Expect {
    /// The spelling in fixtures, the configuration and `--expect`.
    pub fn as_str(self) -> &'static str {
        match self {
            Expect::Accepted => "accepted",
            Expect::Rejected => "rejected",
            Expect::Either => "either",
        }
    }

    /// Reads one of the spellings of [`Expect::as_str`].
    pub fn parse(s: &str) -> Option<Expect> {
        [Expect::Accepted, Expect::Rejected, Expect::Either]
            .into_iter()
            .find(|e| e.as_str() == s)
    }
}

/// Compiled `[check] negative` (or `[check] either`) globs and the
/// configuration's directory.
/// Held by [`Settings`](crate::Settings); the default matches no file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Negative {
    set: Option<std::sync::Arc<GlobSet>>,
    base: PathBuf,
}

/// Why globs do not compile.
#[derive(Debug, Clone, thiserror::Error)]
pub(crate) enum GlobError {
    /// One glob (the first that does not compile).
    #[error("`{glob}`: {kind}")]
    Glob {
        /// The glob as written.
        glob: String,
        /// What is wrong with it.
        kind: globset::ErrorKind,
    },
    /// The set of them.
    #[error(transparent)]
    Set(#[from] globset::Error),
}

/// Compiles globs; the error names the first that does not compile.
pub(crate) fn compile(globs: &[String]) -> Result<GlobSet, GlobError> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g).map_err(|e| GlobError::Glob {
            glob: g.clone(),
            kind: e.kind().clone(),
        })?);
    }
    Ok(b.build()?)
}

impl Negative {
    /// The globs of a configuration (`base`: its directory). Globs that do
    /// not compile were refused when the configuration was read.
    pub(crate) fn new(globs: &[String], base: &Path) -> Negative {
        Negative {
            set: (!globs.is_empty()).then(|| compile(globs).ok()).flatten().map(std::sync::Arc::new),
            base: base.to_path_buf(),
        }
    }

    /// Does this file hold recorded rejections by the configuration?
    pub(crate) fn matches(&self, path: &Path) -> bool {
        let Some(set) = &self.set else { return false };
        if set.is_match(path) {
            return true;
        }
        let stripped = path.strip_prefix("./").unwrap_or(path);
        set.is_match(stripped) || stripped.strip_prefix(&self.base).is_ok_and(|rel| set.is_match(rel))
    }
}
