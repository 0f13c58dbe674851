//! Patched in for plain-contract (PATCHES.md, change 3): announces the
//! constructors a snapshot of a parsed document needs, so that a dependent
//! built against the published crate, which lacks them, parses instead.
fn main() {
    println!("cargo:snapshot=1");
}
