//! The `plain-contract` binary: parse arguments, run, exit with the code.

use clap::Parser;

// Checking a stream allocates many small trees per line from two threads;
// mimalloc frees them faster than glibc's allocator (as ruff does with its
// allocators). The library leaves the choice to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // `--version --verbose` (in either order, `-V`/`-v` too) also names the
    // built-in schemas and where they come from; clap's `--version` alone
    // prints the version only.
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let has = |long: &str, short: &str| args.iter().any(|a| a == long || a == short);
    if has("--version", "-V") && has("--verbose", "-v") {
        println!("plain-contract {}", env!("CARGO_PKG_VERSION"));
        println!(
            "built-in schema `plain` ({}): {}",
            plain_contract::contract::BUILTIN_PLAIN_SCHEMA_PATH,
            plain_contract::contract::BUILTIN_PLAIN_SCHEMA_ORIGIN
        );
        println!(
            "built-in schema `customers` ({}, the default): the Customers API contract",
            plain_contract::contract::EMBEDDED_SCHEMA_PATH
        );
        return std::process::ExitCode::SUCCESS;
    }
    plain_contract::cli::main(plain_contract::cli::Cli::parse())
}
