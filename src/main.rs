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
    // A check runs on this thread as one of the pool's (the pool's first):
    // its parallel steps are then taken up here and stolen by the others,
    // instead of each being handed to the pool and waited for (a sleeping
    // thread woken and this one put to sleep, a few dozen times a run), and
    // the pool starts one thread fewer than it has. The others get the main
    // thread's 8 MiB of stack, so no input is checked with less.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(8 << 20)
        .use_current_thread()
        .build_global();
    plain_contract::cli::main(cli)
}

#[cfg(test)]
mod allocator_tests {
    //! The allocator's tests live here, not in `allocator.rs`, which the
    //! benches include as well.
    use crate::allocator::Mimalloc;
    use std::alloc::{GlobalAlloc, Layout};

    fn byte(i: usize) -> u8 {
        u8::try_from(i % 251).unwrap_or(0)
    }

    /// Every alignment from a byte to a page (both entry points), at sizes
    /// around each: a block has the alignment asked for, keeps its bytes
    /// through resizes up and down (where a block may move), and a zeroed
    /// block is zeroed.
    #[test]
    fn blocks_have_the_alignment_asked_and_keep_their_bytes() {
        let a = Mimalloc;
        for shift in 0..=12 {
            let align = 1usize << shift;
            for size in [1, 3, align.saturating_sub(1).max(1), align, align + 1, 3 * align + 5, 100_000] {
                let layout = |n: usize| Layout::from_size_align(n, align).expect("a valid layout");
                // SAFETY: no size is zero; each block is used within its size
                // and resized or freed once, with the layout it has.
                unsafe {
                    let mut p = a.alloc(layout(size));
                    assert!(!p.is_null(), "alloc {size} bytes at {align}");
                    assert_eq!(p.addr() % align, 0, "alloc {size} bytes at {align}");
                    for i in 0..size {
                        p.add(i).write(byte(i));
                    }
                    let mut cur = size;
                    for new_size in [size * 2 + 7, (size / 2).max(1), size] {
                        let q = a.realloc(p, layout(cur), new_size);
                        assert!(!q.is_null(), "realloc {cur} -> {new_size} at {align}");
                        assert_eq!(q.addr() % align, 0, "realloc {cur} -> {new_size} at {align}");
                        for i in 0..cur.min(new_size) {
                            assert_eq!(q.add(i).read(), byte(i), "byte {i}, realloc {cur} -> {new_size} at {align}");
                        }
                        for i in 0..new_size {
                            q.add(i).write(byte(i));
                        }
                        (p, cur) = (q, new_size);
                    }
                    a.dealloc(p, layout(cur));
                    let z = a.alloc_zeroed(layout(size));
                    assert!(!z.is_null(), "alloc_zeroed {size} bytes at {align}");
                    assert_eq!(z.addr() % align, 0, "alloc_zeroed {size} bytes at {align}");
                    assert!((0..size).all(|i| z.add(i).read() == 0), "alloc_zeroed {size} bytes at {align}");
                    a.dealloc(z, layout(size));
                }
            }
        }
    }
}
