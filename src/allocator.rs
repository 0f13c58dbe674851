//! The binary's allocator (the benches use it too).
//!
//! Checking a stream allocates many small trees per line from two threads;
//! mimalloc frees them faster than glibc's allocator (as ruff does with its
//! allocators). The library leaves the choice to its users.
//!
//! mimalloc's v2 line, not v3 (the crate's default since 0.1.49): on a check
//! of 577 operation files v3 committed 69 MiB against v2's 56 MiB of resident
//! memory, and fresh memory is what a short run pays for (page faults are a
//! sixth of its CPU time). v2 was 8 % faster there (median 57.7 against 63.0
//! ms over 30 interleaved runs) and the same on a schema-only run.
//!
//! mimalloc's own `GlobalAlloc` asks for every block through its aligned
//! entry point, which takes a slower path for any size that is not a power of
//! two; a run makes some 700,000 allocations, nearly all of alignment 8 or
//! less. Every mimalloc block is aligned to a pointer's size (its smallest
//! size class is one word, and each class a whole number of words), so
//! those go through the plain entry points, as glibc's do in std's `System`.
//! (mimalloc's `mi_malloc_aligned` itself takes its fast path for a
//! word's alignment only when the size is a power of two.)

use std::alloc::Layout;
use std::ffi::c_void;

/// mimalloc, asked for plain blocks where the alignment asked is a word's
/// or less.
pub struct Mimalloc;

/// The alignment every mimalloc block has.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: each call hands mimalloc the layout's size and either an
// alignment its plain blocks always have or the aligned entry point;
// blocks from either are freed and resized by mimalloc, which tells them
// apart itself.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc takes any size; see the impl's comment.
        unsafe { block(layout, libmimalloc_sys::mi_malloc, libmimalloc_sys::mi_malloc_aligned) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `alloc`.
        unsafe { block(layout, libmimalloc_sys::mi_zalloc, libmimalloc_sys::mi_zalloc_aligned) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`'s alignment,
        // which the new block keeps.
        unsafe {
            if layout.align() <= WORD {
                libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                libmimalloc_sys::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

/// A block for `layout` from `plain` where a word's alignment will do, else
/// from `aligned`.
///
/// # Safety
/// `plain` and `aligned` are mimalloc's entry points for the same kind of
/// block (plain and zeroed).
#[inline(always)]
unsafe fn block(
    layout: Layout,
    plain: unsafe extern "C" fn(usize) -> *mut c_void,
    aligned: unsafe extern "C" fn(usize, usize) -> *mut c_void,
) -> *mut u8 {
    // SAFETY: see the function's contract.
    unsafe {
        if layout.align() <= WORD {
            plain(layout.size()).cast()
        } else {
            aligned(layout.size(), layout.align()).cast()
        }
    }
}
