//! The `plain-contract` binary: parse arguments, run, exit with the code.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use clap::Parser;

mod allocator;

#[global_allocator]
static GLOBAL: allocator::Mimalloc = allocator::Mimalloc;

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if let Some(text) = plain_contract::cli::version_verbose(&args) {
        print!("{text}");
        return std::process::ExitCode::SUCCESS;
    }
    let cli = plain_contract::cli::Cli::parse();
    if !cli.runs_on_pool() {
        return plain_contract::cli::main(cli);
    }
    // A check is run on a thread of the pool, not on this one: its parallel
    // steps are then taken up by that thread and stolen by the others,
    // instead of each being handed to the pool and waited for (a sleeping
    // thread woken and this one put to sleep, a few dozen times a run). The
    // pool's threads get the main thread's 8 MiB of stack, so no input is
    // checked with less than before.
    let _ = rayon::ThreadPoolBuilder::new().stack_size(8 << 20).build_global();
    rayon::scope(|_| plain_contract::cli::main(cli))
}
