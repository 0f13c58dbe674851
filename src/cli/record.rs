//! `record`: the recording proxy, from the command line.

use super::{CliError, Exit, OK};
use crate::record::{self, Options};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// A positive number of seconds, at most a day.
fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(n) if n > 0.0 && n <= 86_400.0 => Ok(n),
        _ => Err(format!("`{s}` is not a number of seconds between 0 and 86400")),
    }
}

/// `record`'s arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct RecordArgs {
    /// The upstream: an origin such as http://127.0.0.1:8787 (request paths
    /// kept), or a full endpoint URL such as `https://core-api.uk.plain.com/graphql/v1`.
    #[arg(long, value_name = "URL")]
    upstream: String,
    /// Address to listen on (loopback only).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8788")]
    listen: SocketAddr,
    /// Folder the fixture files are written to (created if missing), or an
    /// NDJSON file (`.ndjson`, `.jsonl`) each exchange is appended to as one line.
    #[arg(long, value_name = "DIR|FILE.ndjson")]
    out: PathBuf,
    /// Seconds the upstream may take to answer in full (connecting, the
    /// status, the whole body); past them the client gets a 504.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = seconds)]
    upstream_timeout: f64,
    /// Write `expect: rejected` on each exchange the upstream rejected (400,
    /// 401, 403, 404, 405, 413, or 200 with errors and no data), so `check`
    /// checks it as a recorded rejection.
    #[arg(long)]
    mark_rejections: bool,
}

/// Runs the proxy until Ctrl-C.
pub(crate) fn record(args: &RecordArgs) -> Exit {
    let opts = Options {
        listen: args.listen,
        upstream: args.upstream.clone(),
        out: args.out.clone(),
        mark_rejections: args.mark_rejections,
        log: Some(|line| eprintln!("plain-contract record: {line}")),
        timeout: Duration::from_secs_f64(args.upstream_timeout),
    };
    let out = args.out.display().to_string();
    let upstream = args.upstream.clone();
    let res = record::run(opts, |addr| {
        eprintln!("plain-contract record: http://{addr} -> {upstream}; writing exchanges to {out}; Ctrl-C stops");
    });
    res.map(|()| OK).map_err(|e| CliError::run("record", e))
}
