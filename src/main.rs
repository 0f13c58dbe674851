//! The `plain-contract` binary: parse arguments, run, exit with the code.

use clap::Parser;

// Checking a stream allocates many small trees per line from two threads;
// mimalloc frees them faster than glibc's allocator (as ruff does with its
// allocators). The library leaves the choice to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if let Some(text) = plain_contract::cli::version_verbose(&args) {
        print!("{text}");
        return std::process::ExitCode::SUCCESS;
    }
    plain_contract::cli::main(plain_contract::cli::Cli::parse())
}
