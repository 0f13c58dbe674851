//! `serve`: the reference server, from the command line.

use super::{CliError, Exit, OK};
use crate::contract::Contract;
use crate::input::read::read_source;
use crate::node::{self, Syntax};
use crate::serve::http::{self, ApiKey, Options};
use crate::serve::store::Store;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// `serve`'s arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on (loopback only).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// An accepted API key and its permissions: `TOKEN=customer:read,customer:edit`,
    /// or `TOKEN=*` for all. Repeatable. Without any, the development key
    /// `plainApiKey_dev` is accepted with every permission.
    #[arg(long = "key", value_name = "KEY=PERMS")]
    keys: Vec<String>,
    /// Requests per minute per key (`N/min` or `N`); over it, 429.
    #[arg(long, value_name = "N/min", value_parser = parse_rate)]
    rate_limit: Option<u32>,
    /// Customers and customer groups to start with (JSON or YAML:
    /// `{customers: [{fullName, email, externalId?, shortName?, isVerified?}], customerGroups: [{name, key, color, externalId?}]}`).
    /// (`--seed FILE` is the same: a provider state for `verify` to replay against.)
    #[arg(long, alias = "seed", value_name = "FILE")]
    seed_data: Option<PathBuf>,
    /// Largest request body, in KiB (larger: 413).
    #[arg(long, value_name = "KIB", default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..=65536))]
    max_body_kib: u32,
    /// Deepest selection allowed.
    #[arg(long, value_name = "N", default_value_t = 15, value_parser = clap::value_parser!(u32).range(1..=128))]
    max_depth: u32,
    /// Most aliases allowed in an operation.
    #[arg(long, value_name = "N", default_value_t = 100)]
    max_aliases: u32,
}

fn parse_rate(s: &str) -> Result<u32, String> {
    let n = s.strip_suffix("/min").unwrap_or(s);
    match n.trim().parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("`{s}` is not a rate: expected N/min with N ≥ 1, such as 600/min")),
    }
}

impl ServeArgs {
    /// The server's options and store; an error explains what is wrong.
    pub(crate) fn options(&self) -> Result<(Options, Store), CliError> {
        let keys = if self.keys.is_empty() {
            vec![ApiKey::dev()]
        } else {
            self.keys
                .iter()
                .enumerate()
                .map(|(i, k)| ApiKey::parse(k, i).map_err(|e| CliError::usage("serve", format!("--key #{}: {e}", i + 1))))
                .collect::<Result<Vec<_>, _>>()?
        };
        let mut store = Store::new();
        if let Some(p) = &self.seed_data {
            seed(&mut store, p)?;
        }
        let opts = Options {
            listen: self.listen,
            keys,
            rate_limit: self.rate_limit,
            max_body: self.max_body_kib as usize * 1024,
            max_depth: self.max_depth as usize,
            max_aliases: self.max_aliases as usize,
            ..Options::default()
        };
        Ok((opts, store))
    }
}

/// Loads seed data into the store.
pub(crate) fn seed(store: &mut Store, path: &Path) -> Result<(), CliError> {
    let bad = |m: String| CliError::usage("serve", m);
    let src = read_source(path).map_err(|d| bad(format!("{}: {}", path.display(), d.message)))?;
    let syntax = Syntax::guess(&src.path, &src.text);
    let tree = node::parse(&src, syntax).map_err(|d| bad(format!("{}:{}:{}: {}", path.display(), d.line, d.column, d.message)))?;
    store.seed(&tree.to_json()).map_err(|e| bad(format!("{}: {e}", path.display())))
}

/// Runs the server until Ctrl-C.
pub(crate) fn serve(args: &ServeArgs) -> Exit {
    let (opts, store) = args.options()?;
    let contract = Contract::embedded().map_err(|d| {
        CliError::run(
            "serve",
            format!("the embedded contract does not load ({} findings)", d.diagnostics.len()),
        )
    })?;
    let n_keys = opts.keys.len();
    let rate = opts
        .rate_limit
        .map_or("no rate limit".to_string(), |n| format!("{n} requests/min per key"));
    let res = http::run(contract, store, opts, |addr| {
        eprintln!(
            "plain-contract serve: Plain's Customers API on http://{addr}{} ({n_keys} API key(s), {rate}); Ctrl-C stops",
            http::PATH
        );
    });
    res.map(|()| OK)
        .map_err(|e| CliError::run("serve", format!("cannot listen on {}: {e}", args.listen)))
}
