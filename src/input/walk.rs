//! The folder walk: the paths a user names, folders expanded into the files
//! of the kinds `check` reads (sorted, hidden folders, `target` and
//! `node_modules` left out, symbolic links not followed).

use super::{kind_of, Kind};
use std::path::{Path, PathBuf};

/// Expands directories (recursively, sorted, skipping hidden ones and `target`)
/// into the files to check; files named explicitly are kept whatever their kind.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, 0);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 64 {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    // The entry's type comes with the listing (no `lstat` per file on most
    // file systems).
    let mut entries: Vec<(std::ffi::OsString, PathBuf, std::fs::FileType)> = rd
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name(), e.path(), e.file_type().ok()?)))
        .collect();
    // By name, each taken once from its entry (a path's name is parsed
    // again at each comparison).
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, e, ft) in entries {
        let name = name.to_str().unwrap_or("");
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        // Symbolic links are not followed when walking (a link to a parent
        // would loop); a linked file named on the command line is read.
        if ft.is_symlink() {
            continue;
        }
        if ft.is_dir() {
            walk(&e, out, depth + 1);
        } else if !matches!(kind_of(&e), Kind::Unknown | Kind::OtherTool) {
            out.push(e);
        }
    }
}
