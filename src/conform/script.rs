//! A failing sequence as a replayable shell script of curl commands.
//!
//! The script never holds the token: every command sends
//! `Authorization: Bearer $PLAIN_API_KEY`. It never holds the run's
//! namespace either: every occurrence becomes `$NS`, which defaults to a new
//! value per replay, so each replay starts from a clean namespace as the
//! shrinking replays did. Ids the target assigned (customers, groups) are
//! not constants either: the step whose response first showed an id stores
//! it in a variable (`C1`, `G1`, with jq), and later bodies splice the
//! variable in. So the script replays against a fresh `plain-contract serve`,
//! or against any endpoint, without edits.

use super::model::Capture;
use serde_json::Value;
use std::collections::BTreeMap;

/// One step as sent.
#[derive(Clone, Debug)]
pub(crate) struct Step {
    /// What it does.
    pub label: String,
    /// What the model expected.
    pub expect_text: String,
    /// The request body.
    pub body: Value,
    /// Ids learned from its response.
    pub captures: Vec<Capture>,
    /// The response body text (token blanked out), when there was one.
    pub response: Option<String>,
}

/// What the script's header says about the failure.
#[derive(Clone, Debug)]
pub(crate) struct Header<'a> {
    /// The run's seed.
    pub seed: u64,
    /// 0-based index of the sequence in the run.
    pub sequence: u64,
    /// Sequences in the run.
    pub cases: u64,
    /// The namespace of the replay the steps come from.
    pub ns: &'a str,
    /// 0-based index of the failing step (the last one).
    pub failed: usize,
    /// Why it failed.
    pub reason: &'a str,
}

const CURL: &str = r#"curl -sS "$TARGET" -H "Authorization: Bearer $PLAIN_API_KEY" -H 'Content-Type: application/json' -d"#;

/// `s` inside single quotes, with `'` written as `'\''`.
fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Can this id be spliced into a script as a variable (shell- and JSON-safe)?
fn plain_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Replaces the namespace with `$NS` in text meant for people.
pub(crate) fn unnamespaced(text: &str, ns: &str) -> String {
    text.replace(ns, "$NS")
}

/// The script for `steps` (the last one failed).
pub(crate) fn render(steps: &[Step], h: &Header) -> String {
    let mut s = String::new();
    s.push_str("#!/bin/sh\n");
    s.push_str(&format!(
        "# plain-contract conform: minimal failing sequence (seed {:#x}, sequence {} of {}, {} step{}).\n",
        h.seed,
        h.sequence + 1,
        h.cases,
        steps.len(),
        if steps.len() == 1 { "" } else { "s" }
    ));
    s.push_str("# Needs curl and jq. TARGET is the GraphQL endpoint (plain-contract serve: http://127.0.0.1:8787/graphql/v1);\n");
    s.push_str("# PLAIN_API_KEY is the API key. NS names this replay's customers and groups, new for each replay.\n");
    s.push_str("set -eu\n");
    s.push_str(": \"${TARGET:?set TARGET to the GraphQL endpoint}\"\n");
    s.push_str(": \"${PLAIN_API_KEY:?set PLAIN_API_KEY to the API key}\"\n");
    s.push_str("NS=\"${NS:-replay$(date +%s)$$}\"\n");
    let mut vars: BTreeMap<String, String> = BTreeMap::new();
    let mut counts: BTreeMap<char, usize> = BTreeMap::new();
    for (i, step) in steps.iter().enumerate() {
        s.push('\n');
        s.push_str(&format!(
            "# {}. {}: expect {}\n",
            i + 1,
            unnamespaced(&step.label, h.ns),
            unnamespaced(&step.expect_text, h.ns)
        ));
        if i == h.failed {
            for (j, line) in unnamespaced(h.reason, h.ns).lines().enumerate() {
                let lead = if j == 0 { "#    FAILED: " } else { "#      " };
                s.push_str(&format!("{lead}{line}\n"));
            }
        }
        let mut quoted = single_quoted(&step.body.to_string());
        quoted = quoted.replace(h.ns, r#"'"$NS"'"#);
        for (id, var) in &vars {
            quoted = quoted.replace(&format!("\"{id}\""), &format!(r#""'"${var}"'""#));
        }
        let captures: Vec<(String, &Capture)> = step
            .captures
            .iter()
            .filter(|c| plain_id(&c.id))
            .map(|c| {
                let n = counts.entry(c.kind).or_insert(0);
                *n += 1;
                (format!("{}{}", c.kind, n), c)
            })
            .collect();
        match captures.as_slice() {
            [] => s.push_str(&format!("{CURL} {quoted}; echo\n")),
            [(var, c), ..] => {
                s.push_str(&format!(
                    "{var}=$({CURL} {quoted} | tee /dev/stderr | jq -r '{}'); echo >&2\n",
                    c.jq
                ));
            }
        }
        for (var, c) in captures {
            vars.insert(c.id.clone(), var);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_and_namespace_become_variables_and_quotes_are_escaped() {
        let steps = vec![
            Step {
                label: "upsertCustomer by emailAddress c0".into(),
                expect_text: "CREATED".into(),
                body: json!({"variables": {"email": "ns1-c0@example.com", "name": "O'Brien"}}),
                captures: vec![Capture {
                    kind: 'C',
                    id: "c_1".into(),
                    jq: ".data.upsertCustomer.customer.id".into(),
                }],
                response: None,
            },
            Step {
                label: "markCustomerAsSpam C1".into(),
                expect_text: "markedAsSpamAt set".into(),
                body: json!({"variables": {"input": {"customerId": "c_1"}}}),
                captures: vec![],
                response: None,
            },
        ];
        let h = Header {
            seed: 0x5eed,
            sequence: 0,
            cases: 1,
            ns: "ns1",
            failed: 1,
            reason: "expected x, got y",
        };
        let s = render(&steps, &h);
        assert!(s.contains(r#"C1=$(curl -sS "$TARGET""#), "{s}");
        assert!(s.contains(r#""'"$NS"'-c0@example.com""#), "{s}");
        assert!(s.contains(r#"O'\''Brien"#), "{s}");
        assert!(s.contains(r#"{"customerId":"'"$C1"'"}"#), "{s}");
        assert!(s.contains("#    FAILED: expected x, got y"), "{s}");
        assert!(!s.contains("ns1"), "{s}");
    }
}
