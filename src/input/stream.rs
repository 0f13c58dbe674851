//! What the streamed readers ([`super::ndjson`], [`super::har`]) share: the
//! file opened (a folder refused), the checks each unit read is handed to
//! ([`StreamChecks`], given by the caller: `input` holds no rule), and one
//! bounded sink for their findings ([`Capped`]).

use crate::diagnostic::{Code, Diagnostic};
use crate::node::Node;
use crate::outcome::{Entered, Item, Outcome, Scope};
use crate::settings::Settings;
use crate::source::{LineCol, Source};
use std::io::BufReader;
use std::path::Path;
use std::sync::Arc;

/// The checks a streamed reader hands what it reads to, from several
/// threads at once. Each returns findings placed in the text it is given;
/// the reader moves them to the unit's place in the stream.
pub(crate) trait StreamChecks: Sync {
    /// The findings of a parsed NDJSON line that is an exchange (an object
    /// with `request`); `count` when a `coverage` run should count it (each
    /// exchange is counted once, though a line with findings is read twice).
    fn exchange(&self, src: &Source, root: &Node, count: bool) -> Vec<Diagnostic>;
    /// The findings of a parsed HAR entry at `pointer`, what it was if it
    /// was skipped, and whether it was checked.
    fn har_entry(&self, src: &Source, root: &Node, pointer: &str, count: bool) -> (Vec<Diagnostic>, Option<String>, bool);
    /// The one finding (HX010) on the entries a HAR holds that were
    /// skipped: `count` of `total`, the first `names`.
    fn har_skipped(&self, src: &Source, total: usize, count: usize, names: &[String]) -> Diagnostic;
    /// A whole document read from stdin (a fixture, a request body, an
    /// OpenAPI document), checked as a file of its kind.
    fn document(&self, src: &Arc<Source>, out: &mut Outcome);
}

/// A stream's name in findings: its path, or `<stdin>` for `-`.
pub(crate) fn name_of(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Opens a streamed file; a folder, or a file that cannot be opened, is a
/// PC001 finding in `out` and `None`.
pub(crate) fn open(path: &Path, out: &mut Outcome) -> Option<BufReader<std::fs::File>> {
    let name = path.display().to_string();
    let why = match std::fs::File::open(path) {
        Ok(f) if f.metadata().is_ok_and(|m| m.is_dir()) => "cannot read: is a directory".to_string(),
        Ok(f) => return Some(BufReader::with_capacity(1 << 16, f)),
        Err(e) => format!("cannot read: {e}"),
    };
    out.push(Diagnostic::file_level(Code::FileUnreadable, why, &name, LineCol::default()));
    None
}

/// A stream's bounded sink: the first [`Settings::stream_max_findings`]
/// findings are kept (after the severity overrides, applied by the
/// outcome's sink, so a finding turned off takes no one's place), the rest
/// counted by code.
pub(crate) struct Capped {
    kept: usize,
    max: usize,
    /// Errors counted but not kept.
    omitted_errors: usize,
}

impl Capped {
    pub(crate) fn new(settings: &Settings) -> Capped {
        Capped {
            kept: 0,
            max: settings.stream_max_findings(),
            omitted_errors: 0,
        }
    }

    /// Enters a finding; whether it was kept.
    pub(crate) fn push(&mut self, out: &mut Outcome, d: Diagnostic) -> bool {
        match out.push_capped(d, &mut self.kept, self.max) {
            Entered::Kept => true,
            Entered::Omitted { error } => {
                self.omitted_errors += usize::from(error);
                false
            }
            Entered::Off => false,
        }
    }

    /// How many findings were kept so far.
    pub(crate) fn kept(&self) -> usize {
        self.kept
    }

    /// Is the cap not passed yet (a finding just kept may still move)?
    pub(crate) fn within(&self) -> bool {
        self.kept <= self.max
    }

    /// The stream's one item: `n exchanges` of file `name`, owning every
    /// finding of the file, with the errors not kept.
    pub(crate) fn item(self, out: &mut Outcome, name: &str, n: usize) {
        out.items.push(Item {
            kind: "stream",
            name: format!("{n} {}", if n == 1 { "exchange" } else { "exchanges" }),
            file: name.to_string(),
            line: 1,
            column: 1,
            scope: Scope::File,
            omitted_errors: self.omitted_errors,
        });
    }
}
