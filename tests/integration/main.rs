//! The one integration-test binary, grouped by feature.

mod apollo_patch;
mod ci_mode;
mod cli;
mod client;
mod conform;
mod corpus;
mod coverage;
mod coverage_html;
mod coverage_inspector;
mod deprecation;
mod diff_against_project;
mod doc_links;
mod docs;
mod every_pass;
mod exchanges;
mod formats;
mod front_door;
mod har_input;
mod layering;
mod library;
mod one_of_introspection;
mod pact;
mod parser_patch;
mod project;
mod props;
mod record_faults;
mod schema_diff;
mod schema_docs;
mod schema_sources;
mod secrets_corpus;
mod serve;
mod severity_sink;
mod small_ux;
mod traffic_verdicts;
mod verdicts;
mod verify;
mod verify_pact;
mod worker;

#[path = "../support/prereq.rs"]
pub mod prereq;

use plain_contract::{Checker, Contract, Format, Outcome};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A checker of the embedded contract with default settings, built once for all tests.
pub fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| Checker::builder().build().expect("embedded contract loads"))
}

/// The embedded contract, loaded once for all tests.
pub fn contract() -> &'static Contract {
    checker().contract()
}

/// Human output without colour, as snapshots hold it.
pub fn render(outcome: &Outcome) -> String {
    checker().render(outcome, Format::Human)
}

/// The sorted entries (files and folders) of a corpus folder.
pub fn entries(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("corpus folder {dir}: {e}"))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    v.sort();
    v
}

/// Plain's full schema beside the repo, or None when it is absent outside CI
/// (under CI the test fails: see tests/support/prereq.rs).
pub fn full_schema_path() -> Option<PathBuf> {
    prereq::full_schema()
}

/// A snapshot name from a corpus path: `requests/invalid/x.json` → `requests__invalid__x.json`.
pub fn snap_name(path: &Path) -> String {
    let rel = path.strip_prefix("tests/corpus").unwrap_or(path);
    rel.to_string_lossy().replace(['/', '\\'], "__")
}

/// A loopback port nothing listens on, held so that it stays so while this
/// value lives: the port of our own connection to a listener of ours (the
/// listener never accepts it, and both are kept open; a dropped listener
/// would reset the connection and free its port). The port is bound, so no
/// one else can bind it, and not listening, so a connection to it is
/// refused; that is checked before it is handed out.
pub struct ClosedPort {
    /// The port number.
    pub port: u16,
    _held: (std::net::TcpListener, std::net::TcpStream),
}

pub fn closed_port() -> ClosedPort {
    use std::net::{TcpListener, TcpStream};
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback listener");
    let held = TcpStream::connect(listener.local_addr().expect("its address")).expect("connect to it");
    let port = held.local_addr().expect("the held socket's address").port();
    match TcpStream::connect(("127.0.0.1", port)) {
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => ClosedPort {
            port,
            _held: (listener, held),
        },
        other => panic!("port {port} should refuse connections, got {other:?}"),
    }
}
