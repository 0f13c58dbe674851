//! Two facts for the embedded schema's snapshot (`src/contract/snapshot.rs`):
//!
//! - `cfg(apollo_snapshot)`: the apollo-compiler in use has the two
//!   constructors a snapshot needs (vendor/apollo-compiler/PATCHES.md,
//!   change 3; its build script says so through `links` metadata). A build
//!   against the published crate lacks them and parses the schema instead.
//! - `PLAIN_SCHEMA_FNV`: a hash of `specs/plain-schema.graphql`, which the
//!   snapshot's header must name (with the text's length), so a snapshot
//!   made from another text of the schema is never used, and no run hashes
//!   280 KB to know it.

fn main() {
    println!("cargo:rustc-check-cfg=cfg(apollo_snapshot)");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=specs/plain-schema.graphql");
    println!("cargo:rerun-if-env-changed=DEP_APOLLO_COMPILER_PLAIN_CONTRACT_SNAPSHOT");
    if std::env::var_os("DEP_APOLLO_COMPILER_PLAIN_CONTRACT_SNAPSHOT").is_some() {
        println!("cargo:rustc-cfg=apollo_snapshot");
    }
    let text = std::fs::read("specs/plain-schema.graphql").unwrap_or_default();
    println!("cargo:rustc-env=PLAIN_SCHEMA_FNV={:016x}", fnv1a(&text));
}

/// FNV-1a, 64 bits: the same function as `snapshot::fnv1a`.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
