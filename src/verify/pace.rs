//! Pacing: requests spread evenly over time, one slot every `60 s / rate`,
//! shared by every worker (a leaky bucket with no burst). Plain's smallest
//! plan allows 450 requests a minute, so the default for a remote target is
//! 400/min; a loopback target (the reference server) is not paced unless asked.
//! A dozen lines, so no rate-limiting crate (governor) for it.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The default rate for a target that is not on loopback, per minute.
pub(crate) const DEFAULT_REMOTE_RATE: u32 = 400;

/// Hands out send times.
#[derive(Debug)]
pub(crate) struct Pacer {
    interval: Option<Duration>,
    next: Mutex<Option<Instant>>,
}

impl Pacer {
    /// `per_minute` requests a minute at most; `None` does not pace.
    pub(crate) fn new(per_minute: Option<u32>) -> Pacer {
        Pacer {
            interval: per_minute.filter(|n| *n > 0).map(|n| Duration::from_secs(60) / n),
            next: Mutex::new(None),
        }
    }

    /// Waits for the next slot.
    pub(crate) fn wait(&self) {
        let Some(interval) = self.interval else { return };
        let at = {
            let mut next = match self.next.lock() {
                Ok(g) => g,
                Err(p) => p.into_inner(),
            };
            let now = Instant::now();
            let at = next.map_or(now, |n| n.max(now));
            *next = Some(at + interval);
            at
        };
        let now = Instant::now();
        if at > now {
            std::thread::sleep(at - now);
        }
    }
}

/// Is the target URL's host on loopback (`localhost`, `127.x.x.x`, `[::1]`)?
pub(crate) fn is_loopback(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        assert!(is_loopback("http://127.0.0.1:8787/graphql/v1"));
        assert!(is_loopback("http://localhost/graphql/v1"));
        assert!(is_loopback("http://[::1]:80/graphql/v1"));
        assert!(!is_loopback("https://core-api.uk.plain.com/graphql/v1"));
        assert!(!is_loopback("http://127.0.0.1.example.com/graphql/v1"));
    }

    #[test]
    fn slots_are_spread_evenly() {
        let p = Pacer::new(Some(6000)); // one every 10 ms
        let t = Instant::now();
        for _ in 0..11 {
            p.wait();
        }
        assert!(t.elapsed() >= Duration::from_millis(100), "{:?}", t.elapsed());
    }
}
