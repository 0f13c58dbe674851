//! `--shard K/N`: which files one machine of a CI matrix checks.

use std::path::Path;

/// Which part of a corpus this run checks: shard `k` of `n` (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, 1..=n.
    pub k: u64,
    /// Number of shards.
    pub n: u64,
}

impl Shard {
    /// Parses `K/N`.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (k, n) = s.split_once('/').ok_or_else(|| format!("`{s}` is not K/N (e.g. 1/4)"))?;
        let k: u64 = k.trim().parse().map_err(|_| format!("`{k}` in `{s}` is not a number"))?;
        let n: u64 = n.trim().parse().map_err(|_| format!("`{n}` in `{s}` is not a number"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!("shard `{s}`: need 1 <= K <= N"));
        }
        Ok(Shard { k, n })
    }

    /// Does this shard take the file? By a stable hash (FNV-1a) of its path
    /// as given, so every machine of a CI matrix agrees without coordination
    /// and adding a file moves no other.
    pub fn takes(&self, path: &Path) -> bool {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in path.to_string_lossy().replace('\\', "/").bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h % self.n == self.k - 1
    }
}
