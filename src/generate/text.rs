//! A string strategy that is cheap to generate and shrinks by length.
//!
//! proptest's regex strategies parse their regex on every value and build a
//! value tree per character; at hundreds of thousands of cases a second
//! that dominated the run. This strategy draws the characters straight from
//! the runner's RNG into one `String` and shrinks by binary search on the
//! length (the shortest prefix that still fails), then towards `a`s.

use proptest::prelude::RngExt;
use proptest::strategy::{NewTree, Strategy, ValueTree};
use proptest::test_runner::TestRunner;

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

/// Strings of `min..=max` characters of an alphabet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text {
    /// Alphabet.
    pub alphabet: Alphabet,
    /// Fewest characters.
    pub min: usize,
    /// Most characters.
    pub max: usize,
}

const PLAIN: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _.-";
const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

impl Strategy for Text {
    type Tree = TextTree;
    type Value = String;

    fn new_tree(&self, runner: &mut TestRunner) -> NewTree<Self> {
        let chars = draw_chars(runner.rng(), self.alphabet, self.min, self.max);
        let len = chars.len();
        Ok(TextTree {
            chars,
            min: self.min,
            lo: self.min,
            hi: len,
            cur: len,
            simple: false,
        })
    }
}

/// Draws `min..=max` characters of an alphabet from an RNG.
pub(crate) fn draw_chars(rng: &mut impl RngExt, alphabet: Alphabet, min: usize, max: usize) -> Vec<char> {
    let len = rng.random_range(min..=max.max(min));
    (0..len).map(|_| draw_char(rng, alphabet)).collect()
}

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

/// The value tree of [`Text`].
#[derive(Debug, Clone)]
pub(crate) struct TextTree {
    chars: Vec<char>,
    min: usize,
    /// Lengths below `lo` are known to pass.
    lo: usize,
    /// The shortest length known to fail.
    hi: usize,
    /// The length being tried.
    cur: usize,
    /// Whether the characters were replaced by `a`s.
    simple: bool,
}

impl ValueTree for TextTree {
    type Value = String;

    fn current(&self) -> String {
        let n = self.cur.min(self.chars.len());
        if self.simple {
            "a".repeat(n)
        } else {
            self.chars[..n].iter().collect()
        }
    }

    fn simplify(&mut self) -> bool {
        self.hi = self.cur;
        if self.lo < self.hi {
            self.cur = self.lo + (self.hi - self.lo) / 2;
            return true;
        }
        if !self.simple && self.cur > 0 && self.chars[..self.cur].iter().any(|&c| c != 'a') {
            self.simple = true;
            return true;
        }
        false
    }

    fn complicate(&mut self) -> bool {
        if self.simple && self.lo >= self.hi {
            self.simple = false;
            return false;
        }
        self.lo = (self.cur + 1).max(self.min);
        if self.cur == self.hi {
            return false;
        }
        self.cur = self.hi;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinks_to_the_shortest_failing_length() {
        let s = Text {
            alphabet: Alphabet::Plain,
            min: 0,
            max: 40,
        };
        let mut runner = TestRunner::deterministic();
        for _ in 0..50 {
            let mut tree = s.new_tree(&mut runner).unwrap();
            if tree.current().chars().count() < 7 {
                continue;
            }
            // "Fails" when at least 7 characters long.
            let fails = |v: &String| v.chars().count() >= 7;
            while tree.simplify() {
                if !fails(&tree.current()) && !tree.complicate() {
                    break;
                }
            }
            let v = tree.current();
            assert_eq!(v.chars().count(), 7, "{v:?}");
        }
    }
}
