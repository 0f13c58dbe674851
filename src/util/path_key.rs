//! The identity of a file for "is this the same file?" across the names a
//! run meets it by (`./a/../b.graphql`, an absolute path, a link): its
//! canonical path, as `std::fs::canonicalize` gives it, but built from the
//! canonical path of its folder, resolved once per folder.
//!
//! `canonicalize` resolves every component of every path (one `readlink` per
//! component): for the 890 documents of a client repository that was about
//! 7,000 system calls, most of the time a pre-commit run spends beyond
//! loading the schema. Files of one folder share all but their last
//! component, so here the folder is resolved once and each file costs one
//! `lstat` (to follow it when it is itself a link). Written here because no
//! path crate does this caching; `same-file` compares handles, which needs
//! an open file per document.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Canonical paths, with the canonical folders already resolved.
#[derive(Debug, Default)]
pub(crate) struct PathKeys {
    folders: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl PathKeys {
    /// The canonical path of `p` (`p` itself when it cannot be resolved:
    /// a missing file, or `-`).
    pub(crate) fn key(&self, p: &Path) -> PathBuf {
        self.resolve(p).unwrap_or_else(|| p.to_path_buf())
    }

    fn resolve(&self, p: &Path) -> Option<PathBuf> {
        let meta = std::fs::symlink_metadata(p).ok()?;
        let (Some(name), false) = (p.file_name(), meta.file_type().is_symlink()) else {
            return std::fs::canonicalize(p).ok();
        };
        let folder = match p.parent() {
            Some(f) if !f.as_os_str().is_empty() => f,
            _ => Path::new("."),
        };
        let known = self.folders.lock().ok().and_then(|m| m.get(folder).cloned());
        let canonical = match known {
            Some(c) => c,
            None => {
                let c = std::fs::canonicalize(folder).ok();
                if let Ok(mut m) = self.folders.lock() {
                    m.insert(folder.to_path_buf(), c.clone());
                }
                c
            }
        };
        Some(canonical?.join(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answers as `canonicalize`: through `..`, a relative path, a
    /// linked folder and a linked file; a missing file is its own key.
    #[test]
    fn agrees_with_canonicalize() {
        let dir = std::env::temp_dir().join(format!("plain-contract-path-key-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::fs::write(dir.join("a/b/x.graphql"), "query { a }").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("a/b"), dir.join("linked")).unwrap();
            std::os::unix::fs::symlink(dir.join("a/b/x.graphql"), dir.join("a/y.graphql")).unwrap();
        }
        let keys = PathKeys::default();
        let mut paths = vec![dir.join("a/b/x.graphql"), dir.join("a/b/../b/x.graphql")];
        #[cfg(unix)]
        paths.extend([dir.join("linked/x.graphql"), dir.join("a/y.graphql")]);
        let want = std::fs::canonicalize(dir.join("a/b/x.graphql")).unwrap();
        for p in &paths {
            assert_eq!(keys.key(p), want, "{}", p.display());
            assert_eq!(keys.key(p), std::fs::canonicalize(p).unwrap(), "{}", p.display());
        }
        let missing = dir.join("a/none.graphql");
        assert_eq!(keys.key(&missing), missing);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
