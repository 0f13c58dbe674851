//! Strings of an alphabet drawn straight from the runner's RNG.
//!
//! proptest's regex strategies parse their regex on every value and build a
//! value tree per character; at hundreds of thousands of cases a second
//! that dominated the run. These draw the characters into one `String`.

use proptest::prelude::RngExt;

/// Which characters to draw.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Alphabet {
    /// `[a-zA-Z0-9 _.-]`
    Plain,
    /// `[a-z0-9]`
    Lower,
    /// Any Unicode scalar value, weighted towards the Basic Multilingual Plane.
    Unicode,
}

const PLAIN: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _.-";
const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// One character of an alphabet.
fn draw_char(rng: &mut impl RngExt, alphabet: Alphabet) -> char {
    match alphabet {
        Alphabet::Plain => PLAIN[rng.random_range(0..PLAIN.len())] as char,
        Alphabet::Lower => LOWER[rng.random_range(0..LOWER.len())] as char,
        Alphabet::Unicode => {
            let hi = if rng.random_range(0..4u8) == 0 { 0x10FFFF } else { 0xFFFF };
            // Surrogate code points are not chars: draw again (at most a few times).
            let mut c = None;
            for _ in 0..8 {
                c = char::from_u32(rng.random_range(0x20..=hi));
                if c.is_some() {
                    break;
                }
            }
            c.unwrap_or('a')
        }
    }
}

/// A string of `min..=max` characters of an alphabet (the same draws as [`draw_chars`]).
pub(crate) fn draw(rng: &mut impl RngExt, alphabet: Alphabet, min: usize, max: usize) -> String {
    let mut s = String::new();
    draw_into(&mut s, rng, alphabet, min, max);
    s
}

/// Appends `min..=max` characters of an alphabet to `s`.
pub(crate) fn draw_into(s: &mut String, rng: &mut impl RngExt, alphabet: Alphabet, min: usize, max: usize) {
    let len = rng.random_range(min..=max.max(min));
    s.reserve(len);
    for _ in 0..len {
        s.push(draw_char(rng, alphabet));
    }
}
