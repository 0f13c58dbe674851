//! Coverage: what of the contract the inputs of a `check` run exercise.
//!
//! The counts come from the check pass itself: [`Sink`] rides in the run's
//! [`Settings`](crate::settings::Settings), and the places where `check`
//! reads a document, a request body or an exchange hand what they read to
//! it (src/check/cover.rs). Nothing is read twice.
//!
//! - [`walk`]: static counts from GraphQL syntax trees (documents, request
//!   bodies), resolved against the schema by the crate's one walk
//!   ([`crate::visit::ast_selections`]), so that an operation that
//!   does not validate still counts what resolves (apollo-compiler's
//!   executable documents need validation to be trusted; its syntax trees
//!   do not).
//! - [`dynamic`]: counts from exchanges (selected, answered, null, sent).
//! - [`universe`]: every schema coordinate, its kind and deprecation.
//! - [`report`]: the versioned JSON, human and Markdown reports, merging.
//! - [`html`]: the self-contained HTML page.
//!
//! The walkers are written here rather than taken from a library: no crate
//! counts schema coordinates over apollo-compiler's trees, and GraphQL
//! Inspector (the anchor) is JavaScript and stops on invalid documents.

pub(crate) mod dynamic;
pub(crate) mod html;
pub(crate) mod report;
pub(crate) mod scope;
pub(crate) mod universe;
pub(crate) mod walk;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// Where a coordinate is used.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Hash)]
pub(crate) struct Site {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// The counters of one schema coordinate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Counter {
    /// Uses in documents and request bodies.
    pub hits: u64,
    /// Where (one per hit).
    pub sites: Vec<Site>,
    /// Exchanges whose operation selected (or used) it.
    pub selected: u64,
    /// Answered non-null (a field), answered (an enum value, a concrete type).
    pub responses: u64,
    /// A field answered `null`.
    pub nulls: u64,
    /// Sent: an argument or input field provided, an enum value sent.
    pub requests: u64,
}

impl Counter {
    fn add(&mut self, o: &Counter) {
        self.hits += o.hits;
        self.sites.extend(o.sites.iter().cloned());
        self.selected += o.selected;
        self.responses += o.responses;
        self.nulls += o.nulls;
        self.requests += o.requests;
    }
}

/// What one mutation's answers said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct MutationSeen {
    /// Exchanges that called it and were answered with data.
    pub calls: u64,
    /// `result` values answered (`CREATED`, `UPDATED`, `NOOP`).
    pub results: BTreeMap<String, u64>,
    /// `error.code` values answered (`MutationError`).
    pub errors: BTreeMap<String, u64>,
}

/// What the responses of one status were.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StatusSeen {
    /// How many.
    pub seen: u64,
    /// Their bodies' shapes (see [`dynamic::shape`]).
    pub shapes: BTreeMap<String, u64>,
    /// `errors[].extensions.code` values in them.
    pub error_codes: BTreeMap<String, u64>,
}

impl StatusSeen {
    pub(crate) fn add(&mut self, o: StatusSeen) {
        self.seen += o.seen;
        for (k, v) in o.shapes {
            *self.shapes.entry(k).or_default() += v;
        }
        for (k, v) in o.error_codes {
            *self.error_codes.entry(k).or_default() += v;
        }
    }
}

/// Every count of a run.
#[derive(Debug, Clone, Default)]
pub(crate) struct Counts {
    /// hashbrown's map (std's, with std's hasher) for its `entry_ref`.
    pub coords: hashbrown::HashMap<String, Counter, std::hash::RandomState>,
    pub mutations: BTreeMap<String, MutationSeen>,
    /// Responses seen, by status.
    pub statuses: BTreeMap<u16, StatusSeen>,
    /// `errors[].extensions.code` values answered.
    pub error_codes: BTreeMap<String, u64>,
    /// Documents read (a `.graphql` file, a template, a request body).
    pub documents: u64,
    /// Operations read in them.
    pub operations: u64,
    /// Exchanges read.
    pub exchanges: u64,
}

impl Counts {
    pub(crate) fn at(&mut self, coordinate: impl Into<String>) -> &mut Counter {
        self.coords.entry(coordinate.into()).or_default()
    }

    /// [`Counts::at`] for a coordinate written into `scratch`: no
    /// allocation when the coordinate is already counted (the common case
    /// in a stream of exchanges).
    pub(crate) fn at_fmt(&mut self, scratch: &mut String, args: std::fmt::Arguments<'_>) -> &mut Counter {
        use std::fmt::Write;
        scratch.clear();
        let _ = scratch.write_fmt(args);
        self.coords.entry_ref(scratch.as_str()).or_default()
    }

    pub(crate) fn merge(&mut self, o: Counts) {
        for (k, v) in o.coords {
            match self.coords.get_mut(&k) {
                Some(c) => c.add(&v),
                None => {
                    self.coords.insert(k, v);
                }
            }
        }
        for (k, v) in o.mutations {
            let m = self.mutations.entry(k).or_default();
            m.calls += v.calls;
            for (r, n) in v.results {
                *m.results.entry(r).or_default() += n;
            }
            for (r, n) in v.errors {
                *m.errors.entry(r).or_default() += n;
            }
        }
        for (k, v) in o.statuses {
            self.statuses.entry(k).or_default().add(v);
        }
        for (k, v) in o.error_codes {
            *self.error_codes.entry(k).or_default() += v;
        }
        self.documents += o.documents;
        self.operations += o.operations;
        self.exchanges += o.exchanges;
    }
}

/// Collects the counts of one run; shared by the run's threads. Each thread
/// of rayon's pool counts into a shard of its own (its index picks it), so a
/// stream's exchanges, counted one at a time under a lock, never wait for
/// another thread's; [`Sink::take`] merges the shards. (One shared map cost
/// coverage about 2× `check` on 100,000 NDJSON exchanges on 2 cores.)
#[derive(Debug)]
pub(crate) struct Sink {
    shards: Vec<Mutex<Counts>>,
}

impl Default for Sink {
    fn default() -> Self {
        // One shard per pool thread, and one for threads outside the pool.
        let n = rayon::current_num_threads() + 1;
        Sink {
            shards: (0..n).map(|_| Mutex::default()).collect(),
        }
    }
}

impl Sink {
    fn shard(&self) -> &Mutex<Counts> {
        let i = rayon::current_thread_index().map_or(0, |i| i + 1);
        &self.shards[i % self.shards.len()]
    }

    pub(crate) fn add(&self, c: Counts) {
        self.with(|g| g.merge(c));
    }

    /// Counts into this thread's shard directly, under its lock (no other
    /// thread takes it while this one counts).
    pub(crate) fn with(&self, f: impl FnOnce(&mut Counts)) {
        match self.shard().lock() {
            Ok(mut g) => f(&mut g),
            Err(p) => f(&mut p.into_inner()),
        }
    }

    /// The counts so far, every shard's.
    pub(crate) fn take(&self) -> Counts {
        let mut all = Counts::default();
        for s in &self.shards {
            let part = match s.lock() {
                Ok(mut g) => std::mem::take(&mut *g),
                Err(p) => std::mem::take(&mut *p.into_inner()),
            };
            all.merge(part);
        }
        all
    }
}
