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
    /// hashbrown's map with its default hasher (foldhash), for `entry_ref`:
    /// a coordinate is looked up from a scratch buffer, and once per
    /// selected, sent and answered item of every exchange; std's SipHash
    /// cost more than the lookup's compare.
    pub coords: hashbrown::HashMap<String, Counter>,
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
    /// Scratch for [`Counts::at_key`]'s coordinate (no count).
    key: String,
}

impl Counts {
    pub(crate) fn at(&mut self, coordinate: impl Into<String>) -> &mut Counter {
        self.coords.entry(coordinate.into()).or_default()
    }

    /// The counter of the coordinate written by joining `parts`
    /// (`["Customer", ".", "fullName"]`), built in a scratch buffer: no
    /// allocation when the coordinate is already counted (the common case
    /// in a stream of exchanges), and no `format!` machinery (a `format!`
    /// per input field was 13 % of a coverage run's instructions on NDJSON
    /// upserts, callgrind).
    pub(crate) fn at_key(&mut self, parts: &[&str]) -> &mut Counter {
        self.key.clear();
        for p in parts {
            self.key.push_str(p);
        }
        self.coords.entry_ref(self.key.as_str()).or_default()
    }

    /// Adds one to `map[key]`, allocating the key only the first time.
    pub(crate) fn bump(map: &mut BTreeMap<String, u64>, key: &str) {
        match map.get_mut(key) {
            Some(n) => *n += 1,
            None => {
                map.insert(key.to_string(), 1);
            }
        }
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
