//! The `plain-contract` binary: parse arguments, run, exit with the code.

use clap::Parser;

// Checking a stream allocates many small trees per line from two threads;
// mimalloc frees them faster than glibc's allocator (as ruff does with its
// allocators). The library leaves the choice to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    plain_contract::cli::main(plain_contract::cli::Cli::parse())
}
