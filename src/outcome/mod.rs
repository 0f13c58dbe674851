//! What a run found, and the one sink findings enter it through: an
//! [`Outcome`] holds the items checked ([`Item`]), the findings, the texts
//! they point into and, for `verify`, the verdicts per exchange
//! ([`replays`]). The checks fill it; the reporters (`report`, `evolve`'s
//! rendering) read it without depending on the checks.

pub(crate) mod replays;

use crate::diagnostic::{Code, Diagnostic};
use crate::settings::Settings;
use crate::source::Source;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// One thing that was checked (an example, an operation, a request file).
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// `example`, `operation`, `request`, `openapi`.
    pub kind: &'static str,
    /// Example name, operation name, or file name.
    pub name: String,
    /// The file it stands in.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Which diagnostics belong to it (for per-item status in reports).
    #[serde(skip)]
    pub(crate) scope: Scope,
    /// Errors it had beyond those kept (a stream counts what it does not keep).
    #[serde(skip)]
    pub omitted_errors: usize,
}

/// How a diagnostic is attributed to an [`Item`] of the same file.
#[derive(Debug, Clone, Default)]
pub(crate) enum Scope {
    /// Diagnostics whose pointer starts with this one (examples, request bodies).
    Pointer(String),
    /// Diagnostics whose start offset falls in this byte range (operations).
    Range(usize, usize),
    /// An operation: its byte range, and the fragments it binds to whose
    /// findings it caused (see [`Via`]).
    Operation(Box<(usize, usize, Vec<Via>)>),
    /// Every diagnostic of the file (streams).
    File,
    /// None (the item only names what was checked).
    #[default]
    Nothing,
}

/// A fragment an operation spreads (directly or through other fragments,
/// in its own file or another) that has findings caused by that operation:
/// the operation fails with the fragment, and names it.
#[derive(Debug, Clone, Serialize)]
pub struct Via {
    /// The fragment's name.
    pub fragment: String,
    /// The file that defines it.
    pub file: String,
    /// 1-based line of its definition.
    pub line: usize,
    /// 1-based column of its definition.
    pub column: usize,
    /// The findings in it that the operation caused: (start offset, code).
    #[serde(skip)]
    pub(crate) found: Vec<(usize, Code)>,
}

impl Via {
    /// Is this finding one of those the operation caused in the fragment?
    pub(crate) fn owns_finding(&self, d: &Diagnostic) -> bool {
        d.file == self.file && self.found.iter().any(|(at, code)| *at == d.span.0 && *code == d.code)
    }
}

impl Item {
    /// The fragments with findings this item caused (an operation that
    /// spreads a failing fragment fails with it); empty for other items.
    pub fn via(&self) -> &[Via] {
        match &self.scope {
            Scope::Operation(s) => &s.2,
            _ => &[],
        }
    }

    /// The fragments through which this item has errors among
    /// `diagnostics`, with how many each.
    pub fn failing_via<'a>(&'a self, diagnostics: &[Diagnostic]) -> Vec<(&'a Via, usize)> {
        self.via()
            .iter()
            .filter_map(|v| {
                let n = diagnostics.iter().filter(|d| d.is_error() && v.owns_finding(d)).count();
                (n > 0).then_some((v, n))
            })
            .collect()
    }

    /// Does this diagnostic belong to the item?
    pub(crate) fn owns(&self, d: &Diagnostic) -> bool {
        if let Scope::Operation(s) = &self.scope {
            let (a, b, via) = s.as_ref();
            return (d.file == self.file && (*a..*b).contains(&d.span.0)) || via.iter().any(|v| v.owns_finding(d));
        }
        if d.file != self.file {
            return false;
        }
        match &self.scope {
            Scope::Operation(_) => false,
            Scope::Pointer(p) => d
                .pointer
                .as_deref()
                .is_some_and(|dp| dp == p || dp.starts_with(&format!("{p}/")) || p.is_empty()),
            Scope::Range(a, b) => (*a..*b).contains(&d.span.0),
            Scope::File => true,
            Scope::Nothing => false,
        }
    }
}

/// The findings of a run by file, so that what an item owns is looked for
/// among the findings of its own file and of its fragments' files, not
/// among all of them (a report on a client repository lists hundreds of
/// items beside hundreds of findings).
pub(crate) struct ByFile<'a> {
    all: &'a [Diagnostic],
    at: std::collections::HashMap<&'a str, Vec<usize>>,
}

impl<'a> ByFile<'a> {
    pub(crate) fn new(all: &'a [Diagnostic]) -> ByFile<'a> {
        let mut at: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
        for (k, d) in all.iter().enumerate() {
            at.entry(d.file.as_str()).or_default().push(k);
        }
        ByFile { all, at }
    }

    fn in_file(&self, file: &str) -> &[usize] {
        self.at.get(file).map_or(&[], Vec::as_slice)
    }

    /// The findings `item` owns ([`Item::owns`]), in the run's order.
    pub(crate) fn owned(&self, item: &Item) -> Vec<&'a Diagnostic> {
        let mut ks = self.in_file(&item.file).to_vec();
        for v in item.via().iter().filter(|v| v.file != item.file) {
            ks.extend_from_slice(self.in_file(&v.file));
        }
        ks.sort_unstable();
        ks.dedup();
        ks.into_iter().map(|k| &self.all[k]).filter(|d| item.owns(d)).collect()
    }

    /// [`Item::failing_via`] over the run's findings.
    pub(crate) fn failing_via<'i>(&self, item: &'i Item) -> Vec<(&'i Via, usize)> {
        item.via()
            .iter()
            .filter_map(|v| {
                let n = self
                    .in_file(&v.file)
                    .iter()
                    .filter(|&&k| self.all[k].is_error() && v.owns_finding(&self.all[k]))
                    .count();
                (n > 0).then_some((v, n))
            })
            .collect()
    }
}

/// Everything a check run found.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    /// What was checked.
    pub items: Vec<Item>,
    /// What was found.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were read.
    pub files: usize,
    /// The sources read, for renderers that show source lines.
    pub(crate) sources: HashMap<String, Arc<Source>>,
    /// Lines of streamed files that findings point at (streams are not kept
    /// whole), by file and 1-based line.
    pub(crate) lines: HashMap<(String, usize), String>,
    /// Findings counted but not kept, by code (with their severity): a stream
    /// keeps its first [`Settings::stream_max_findings`] so memory stays bounded.
    pub(crate) omitted: std::collections::BTreeMap<Code, (crate::diagnostic::Severity, usize)>,
    /// `verify`'s verdicts per exchange (None for every other command).
    pub(crate) replays: Option<Box<replays::Replays>>,
    /// The run's severity overrides, applied as findings enter (the sink below).
    pub(crate) overrides: crate::settings::Overrides,
}

/// What [`Outcome::push_capped`] did with a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entered {
    /// Kept.
    Kept,
    /// Counted but not kept (past the cap); whether it is an error.
    Omitted { error: bool },
    /// Its code is turned off.
    Off,
}

/// The one sink of findings: every finding enters an outcome through
/// `push`, `extend`, `push_capped` or `merge`, which apply the run's
/// severity overrides (`[severity]`) there and only there, so each input
/// kind (documents, request bodies, fixtures, HAR, NDJSON), each format
/// and each finding derived from another (HX011, a negative exchange's
/// verdict) follows them. (tests/integration/severity_sink.rs checks that no
/// other code pushes into `diagnostics`.)
impl Outcome {
    /// An empty outcome whose findings take `settings`' severity overrides.
    pub(crate) fn for_run(settings: &Settings) -> Outcome {
        Outcome {
            overrides: settings.overrides(),
            ..Default::default()
        }
    }

    /// An outcome made elsewhere (a property or conformance run's) entering
    /// a run's sink: its findings take `settings`' overrides.
    pub(crate) fn entered(mut self, settings: &Settings) -> Outcome {
        let found = std::mem::take(&mut self.diagnostics);
        self.overrides = settings.overrides();
        self.extend(found);
        self
    }

    /// Keeps a finding, its severity override applied (dropped when off).
    pub(crate) fn push(&mut self, d: Diagnostic) {
        if let Some(d) = self.overrides.apply(d) {
            self.diagnostics.push(d);
        }
    }

    /// [`Outcome::push`] for each finding.
    pub(crate) fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    /// A stream's bounded sink: the override first (so a finding turned off
    /// does not take the place of one that counts), then kept while `kept`
    /// is under `max`, else counted by code with its effective severity.
    pub(crate) fn push_capped(&mut self, d: Diagnostic, kept: &mut usize, max: usize) -> Entered {
        let Some(d) = self.overrides.apply(d) else { return Entered::Off };
        if *kept < max {
            *kept += 1;
            self.diagnostics.push(d);
            Entered::Kept
        } else {
            let error = d.is_error();
            self.omitted.entry(d.code).or_insert((d.severity, 0)).1 += 1;
            Entered::Omitted { error }
        }
    }

    pub(crate) fn add_source(&mut self, s: &Arc<Source>) {
        self.sources.entry(s.path.clone()).or_insert_with(|| s.clone());
    }

    /// Counts of every finding, (errors, warnings): those kept and those a
    /// stream counted but did not keep.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        let (oe, ow) = self.omitted_counts();
        (errors + oe, self.diagnostics.len() - errors + ow)
    }

    /// Number of errors (see [`Outcome::counts`]); a run with any fails.
    pub fn errors(&self) -> usize {
        self.counts().0
    }

    /// Counts of findings counted but not kept, (errors, warnings).
    pub fn omitted_counts(&self) -> (usize, usize) {
        self.omitted.values().fold((0, 0), |(e, w), (sev, n)| match sev {
            crate::diagnostic::Severity::Error => (e + n, w),
            crate::diagnostic::Severity::Warning => (e, w + n),
        })
    }

    /// Appends another outcome (files checked in parallel, merged in order).
    pub(crate) fn merge(&mut self, other: Outcome) {
        self.items.extend(other.items);
        if self.overrides == other.overrides {
            self.diagnostics.extend(other.diagnostics);
        } else {
            self.extend(other.diagnostics);
        }
        self.files += other.files;
        self.sources.extend(other.sources);
        self.lines.extend(other.lines);
        for (code, (sev, n)) in other.omitted {
            self.omitted.entry(code).or_insert((sev, 0)).1 += n;
        }
    }
}

impl From<Vec<Diagnostic>> for Outcome {
    /// An outcome of these findings alone (no items, no sources), to render
    /// findings a caller collected itself.
    fn from(diagnostics: Vec<Diagnostic>) -> Outcome {
        Outcome {
            diagnostics,
            ..Default::default()
        }
    }
}

impl From<crate::contract::LoadError> for Outcome {
    /// The findings of a contract that could not be loaded, with the texts
    /// they point into, ready to render (no file is read again).
    fn from(e: crate::contract::LoadError) -> Outcome {
        let mut out = Outcome {
            files: 1,
            diagnostics: e.diagnostics,
            ..Default::default()
        };
        for s in &e.sources {
            out.add_source(s);
        }
        out
    }
}
