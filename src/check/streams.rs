//! The checks of streamed exchanges: what an NDJSON line or a HAR entry
//! read by `input` ([`crate::input::ndjson`], [`crate::input::har`]) is
//! checked by. The readers hand each unit to [`Streamed`] from several
//! threads; the rules are those of a file read whole ([`super::exchange`]).

use super::operation::OpCache;
use super::{cover, exchange, http};
use crate::contract::Contract;
use crate::diagnostic::Diagnostic;
use crate::exchange::{entry_role, read, read_har_entry, Contents, EntryRole, Expect, Target};
use crate::input::stream::{name_of, StreamChecks};
use crate::input::{har, ndjson, Progress};
use crate::node::Node;
use crate::outcome::Outcome;
use crate::settings::Settings;
use crate::source::Source;
use std::io::{BufRead, Read};
use std::path::Path;
use std::sync::Arc;

/// The checks of one stream's exchanges (the stream named `name`: its
/// `[check] negative` expectation applies to each).
pub(crate) struct Streamed<'a> {
    contract: &'a Contract,
    cache: &'a OpCache,
    settings: &'a Settings,
    target: Target<'a>,
    negative: Option<Expect>,
}

impl<'a> Streamed<'a> {
    pub(crate) fn new(contract: &'a Contract, cache: &'a OpCache, settings: &'a Settings, name: &str) -> Streamed<'a> {
        Streamed {
            contract,
            cache,
            settings,
            target: Target::of(contract, settings.hosts()),
            negative: settings.expect_for(Path::new(name)),
        }
    }
}

impl StreamChecks for Streamed<'_> {
    fn exchange(&self, src: &Source, root: &Node, count: bool) -> Vec<Diagnostic> {
        let (contract, cache, settings) = (self.contract, self.cache, self.settings);
        match read(src, root, &self.target) {
            Contents::Exchanges(mut list, notes, _) => {
                let mut v = notes;
                list.iter_mut().for_each(|ex| ex.expect = ex.expect.or(self.negative));
                for ex in &list {
                    v.extend(exchange::check_exchange(contract, cache, settings, src, ex));
                    if let (Some(sink), true) = (settings.coverage(), count) {
                        cover::exchange(contract, cache, ex, sink);
                    }
                }
                v
            }
            Contents::Other => Vec::new(),
        }
    }

    fn har_entry(&self, src: &Source, root: &Node, pointer: &str, count: bool) -> (Vec<Diagnostic>, Option<String>, bool) {
        let (contract, cache, settings) = (self.contract, self.cache, self.settings);
        let role = entry_role(root, &self.target);
        let (mut list, leaks, mut ds) = read_har_entry(src, root, pointer.to_string(), &role);
        ds.extend(
            leaks
                .iter()
                .filter(|h| http::is_credential_header(h, settings.placeholders()))
                .map(|h| http::secret_finding(src, h)),
        );
        let checked = !list.is_empty() && matches!(role, EntryRole::Checked);
        for ex in &mut list {
            ex.expect = ex.expect.or(self.negative);
            ds.extend(exchange::check_exchange(contract, cache, settings, src, ex));
            if let (Some(sink), true) = (settings.coverage(), count) {
                cover::exchange(contract, cache, ex, sink);
            }
        }
        let skipped = match role {
            EntryRole::Skipped { what, .. } => Some(what),
            _ => None,
        };
        (ds, skipped, checked)
    }

    fn har_skipped(&self, src: &Source, total: usize, count: usize, names: &[String]) -> Diagnostic {
        crate::exchange::skipped_summary(src, 0, total, count, names, &self.target)
    }

    fn document(&self, src: &Arc<Source>, out: &mut Outcome) {
        super::check_data_file(self.contract, self.cache, self.settings, src, out);
    }
}

/// Checks an NDJSON stream named by `path` (`-` is stdin: NDJSON, or one
/// whole document, see [`crate::input::ndjson`]).
pub(crate) fn check_stream(contract: &Contract, cache: &OpCache, settings: &Settings, path: &Path, out: &mut Outcome, progress: Progress) {
    let checks = Streamed::new(contract, cache, settings, &name_of(path));
    ndjson::read_path(settings, path, out, progress, &checks);
}

/// Checks a `.har` file, streamed entry by entry.
pub(crate) fn check_har(contract: &Contract, cache: &OpCache, settings: &Settings, path: &Path, out: &mut Outcome, progress: Progress) {
    let checks = Streamed::new(contract, cache, settings, &name_of(path));
    har::read_path(settings, path, out, progress, &checks);
}

/// Checks NDJSON from any reader, as file `name`.
pub fn check_reader(contract: &Contract, cache: &OpCache, settings: &Settings, name: &str, r: impl BufRead, out: &mut Outcome) {
    let checks = Streamed::new(contract, cache, settings, name);
    ndjson::read(settings, name, r, out, None, &checks);
}

/// Checks a HAR log from any reader (a file, a text in memory), as file `name`.
pub fn check_har_reader(
    contract: &Contract,
    cache: &OpCache,
    settings: &Settings,
    name: &str,
    r: impl Read,
    out: &mut Outcome,
    progress: Progress,
) {
    let checks = Streamed::new(contract, cache, settings, name);
    har::read(settings, name, r, out, progress, &checks);
}
