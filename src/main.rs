//! The `plain-contract` binary: parse arguments, run, exit with the code.

use clap::Parser;

fn main() {
    let cli = plain_contract::cli::Cli::parse();
    std::process::exit(plain_contract::cli::run(cli));
}
