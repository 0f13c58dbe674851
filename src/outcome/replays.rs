//! What `verify` found per replayed exchange, carried by an [`Outcome`](super::Outcome)
//! so every reporter can show it (the JSON report's `exchanges` array). Data
//! only: `verify` fills it, reporters read it.

use serde::Serialize;

/// One difference between the recorded and the live response.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Difference {
    /// Where, in the response: `/status`, `/headers/content-type` or
    /// `/body/...` (a JSON pointer into the response body).
    pub pointer: String,
    /// What changed: `removed`, `added`, `null`, `non-null`, `type`, `enum`,
    /// `result`, `error-code`, `status`, `content-type`, or a matcher's
    /// `value`/`regex`.
    pub kind: &'static str,
    /// The recorded value (null when absent).
    pub recorded: serde_json::Value,
    /// The live value (null when absent).
    pub live: serde_json::Value,
}

/// One exchange's verdict.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Replayed {
    /// The fixture file.
    pub file: String,
    /// 1-based line of the exchange.
    pub line: usize,
    /// 1-based column of the exchange.
    pub column: usize,
    /// The exchange's name.
    pub name: String,
    /// `verified`, `drifted`, `failed` or `skipped`.
    pub status: &'static str,
    /// Why it failed or was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The drift found.
    pub differences: Vec<Difference>,
}

/// Every exchange of a `verify` run, and its totals.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Replays {
    /// Per exchange, in file order.
    pub exchanges: Vec<Replayed>,
    /// Requests sent (setup requests and retries included).
    pub requests: usize,
    /// Waits for a rate limit's reset (429 answers).
    pub waits: usize,
}

impl Replays {
    /// How many exchanges have this status.
    pub(crate) fn count(&self, status: &str) -> usize {
        self.exchanges.iter().filter(|e| e.status == status).count()
    }

    /// The summary line (`verify`'s human report): `verify: 4 exchanges: 3 verified, 1 drifted, 0 failed, 0 skipped; 5 requests, 0 rate-limit waits`.
    #[cfg_attr(not(feature = "verify"), allow(dead_code))]
    pub(crate) fn summary(&self) -> String {
        format!(
            "verify: {} exchanges: {} verified, {} drifted, {} failed, {} skipped; {} requests, {} rate-limit waits",
            self.exchanges.len(),
            self.count("verified"),
            self.count("drifted"),
            self.count("failed"),
            self.count("skipped"),
            self.requests,
            self.waits
        )
    }
}
