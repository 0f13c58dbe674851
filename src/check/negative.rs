//! Which files hold recorded rejections: `[check] negative = [globs]` in
//! plain-contract.toml. Every exchange of a matching file is checked as a
//! negative one (as if it said `expect: rejected`, docs/exchanges.md).
//! Globs (globset syntax, `**` for any depth) are matched against the path
//! as given on the command line and against its form relative to the
//! configuration file's directory.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

struct Negative {
    set: GlobSet,
    base: PathBuf,
}

static NEGATIVE: std::sync::OnceLock<Negative> = std::sync::OnceLock::new();

/// Compiles globs; the error names the first that does not compile.
pub fn compile(globs: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g).map_err(|e| format!("`{g}`: {}", e.kind()))?);
    }
    b.build().map_err(|e| e.to_string())
}

/// Installs the negative globs for the rest of the process (the CLI does,
/// once, from its configuration); `base` is the configuration file's
/// directory. Only the first call counts.
pub fn set_negative(globs: &[String], base: &Path) {
    if let Ok(set) = compile(globs) {
        let _ = NEGATIVE.set(Negative {
            set,
            base: base.to_path_buf(),
        });
    }
}

/// Does this file hold recorded rejections by the configuration?
pub fn matches(path: &Path) -> bool {
    let Some(n) = NEGATIVE.get() else { return false };
    if n.set.is_match(path) {
        return true;
    }
    let stripped = path.strip_prefix("./").unwrap_or(path);
    n.set.is_match(stripped) || stripped.strip_prefix(&n.base).is_ok_and(|rel| n.set.is_match(rel))
}
