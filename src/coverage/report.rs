//! The coverage report: the versioned JSON document of docs/coverage.md
//! (schema: docs/coverage.schema.json), rendered from it for people
//! (human, Markdown), and merged from shards.
//!
//! Everything in the JSON is a sum or a sorted list, and its summaries are
//! computed from its coordinates, so merging shards (summing, then
//! [`Report::finish`]) gives exactly what one run over all inputs gives.

use super::universe::{plural, Coord, KINDS};
use super::{Counts, MutationSeen, Site};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Why two coverage reports cannot be merged (each says what the other
/// report is, against the first one's).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum MergeError {
    /// Another version of the coverage JSON.
    #[error("it is version {theirs} of the coverage JSON, not {ours}")]
    Version {
        /// The other report's.
        theirs: u32,
        /// The first report's.
        ours: u32,
    },
    /// Counts of another schema (path and hash).
    #[error("it counts another schema ({theirs}, not {ours})")]
    Schema {
        /// The other report's.
        theirs: String,
        /// The first report's.
        ours: String,
    },
    /// Another scope.
    #[error("its scope is `{theirs}`, not `{ours}`")]
    Scope {
        /// The other report's.
        theirs: String,
        /// The first report's.
        ours: String,
    },
    /// Other coordinates.
    #[error("its coordinates are not those of the first file")]
    Coordinates,
}

/// The version of the JSON document.
pub(crate) const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Report {
    pub version: u32,
    pub schema: SchemaId,
    /// `--scope` as given (`all` without one).
    pub scope: String,
    pub inputs: Inputs,
    pub check: CheckPart,
    pub summary: BTreeMap<String, KindSummary>,
    pub roots: BTreeMap<String, Ratio>,
    #[serde(rename = "deprecatedUsed")]
    pub deprecated_used: Vec<String>,
    pub coordinates: Vec<Entry>,
    pub mutations: Vec<Mutation>,
    pub http: Http,
}

/// Which schema the counts are of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SchemaId {
    pub path: String,
    /// FNV-1a 64 of the schema's text, in hex: an identity, not a secret.
    pub hash: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Inputs {
    pub files: u64,
    pub documents: u64,
    pub operations: u64,
    pub exchanges: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CheckPart {
    pub errors: u64,
    pub warnings: u64,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Finding {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub code: String,
    pub severity: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KindSummary {
    pub total: u64,
    /// Exercised by anything: used in a document, selected, sent or answered.
    pub covered: u64,
    pub percent: f64,
    /// Answered in a response at least once.
    pub answered: u64,
    /// Sent in a request at least once.
    pub sent: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Ratio {
    pub total: u64,
    pub covered: u64,
    pub percent: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    pub coordinate: String,
    pub kind: String,
    pub deprecated: bool,
    pub hits: u64,
    pub sites: Vec<Site>,
    pub selected: u64,
    pub responses: u64,
    pub nulls: u64,
    pub requests: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
}

impl Entry {
    /// Exercised by anything: a document, a selection, a request, a response.
    fn covered(&self) -> bool {
        self.hits + self.selected + self.responses + self.nulls + self.requests > 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Mutation {
    pub mutation: String,
    pub calls: u64,
    pub results: BTreeMap<String, u64>,
    pub errors: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Http {
    /// `POST /graphql/v1`.
    pub operation: String,
    pub responses: Vec<Status>,
    #[serde(rename = "errorCodes")]
    pub error_codes: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Status {
    pub status: String,
    pub documented: bool,
    pub seen: u64,
    /// The bodies' shapes (`errors (message, extensions.code)`, `not JSON`...).
    pub shapes: BTreeMap<String, u64>,
    /// `errors[].extensions.code` values in responses of this status.
    #[serde(rename = "errorCodes")]
    pub error_codes: BTreeMap<String, u64>,
}

impl Status {
    fn add(&mut self, seen: u64, shapes: BTreeMap<String, u64>, codes: BTreeMap<String, u64>) {
        self.seen += seen;
        for (k, v) in shapes {
            *self.shapes.entry(k).or_default() += v;
        }
        for (k, v) in codes {
            *self.error_codes.entry(k).or_default() += v;
        }
    }
}

/// FNV-1a, 64 bits: a stable identity of a schema's text across runs and
/// machines (std's hashers are neither).
pub(crate) fn fnv(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What a report is built from besides the counts.
pub(crate) struct Context {
    pub schema: SchemaId,
    pub scope: String,
    pub universe: Vec<Coord>,
    /// The documented statuses of the GraphQL operation (`200`, `4XX`, ...).
    pub documented: Vec<String>,
    pub operation: String,
    pub files: u64,
    pub findings: Vec<Finding>,
    pub errors_warnings: (u64, u64),
}

impl Report {
    pub(crate) fn build(ctx: Context, mut counts: Counts) -> Report {
        let coordinates = ctx
            .universe
            .into_iter()
            .map(|c| {
                let n = counts.coords.remove(&c.coordinate).unwrap_or_default();
                Entry {
                    coordinate: c.coordinate,
                    kind: c.kind.to_string(),
                    deprecated: c.deprecated,
                    hits: n.hits,
                    sites: n.sites,
                    selected: n.selected,
                    responses: n.responses,
                    nulls: n.nulls,
                    requests: n.requests,
                    root: c.root.map(str::to_string),
                }
            })
            .collect();
        let mut responses: Vec<Status> = ctx
            .documented
            .iter()
            .map(|s| Status {
                status: s.clone(),
                documented: true,
                seen: 0,
                shapes: BTreeMap::new(),
                error_codes: BTreeMap::new(),
            })
            .collect();
        for (status, n) in std::mem::take(&mut counts.statuses) {
            let exact = status.to_string();
            let range = format!("{}XX", status / 100);
            let slot = responses
                .iter()
                .position(|r| r.status == exact)
                .or_else(|| responses.iter().position(|r| r.status == range))
                .or_else(|| responses.iter().position(|r| r.status == "default"));
            match slot {
                Some(i) if responses[i].status == exact => responses[i].add(n.seen, n.shapes, n.error_codes),
                _ => {
                    let mut s = Status {
                        status: exact,
                        documented: slot.is_some(),
                        seen: 0,
                        shapes: BTreeMap::new(),
                        error_codes: BTreeMap::new(),
                    };
                    s.add(n.seen, n.shapes, n.error_codes);
                    responses.push(s);
                }
            }
        }
        let mut r = Report {
            version: VERSION,
            schema: ctx.schema,
            scope: ctx.scope,
            inputs: Inputs {
                files: ctx.files,
                documents: counts.documents,
                operations: counts.operations,
                exchanges: counts.exchanges,
            },
            check: CheckPart {
                errors: ctx.errors_warnings.0,
                warnings: ctx.errors_warnings.1,
                findings: ctx.findings,
            },
            summary: BTreeMap::new(),
            roots: BTreeMap::new(),
            deprecated_used: Vec::new(),
            coordinates,
            mutations: counts
                .mutations
                .into_iter()
                .map(|(k, v): (String, MutationSeen)| Mutation {
                    mutation: k,
                    calls: v.calls,
                    results: v.results,
                    errors: v.errors,
                })
                .collect(),
            http: Http {
                operation: ctx.operation,
                responses,
                error_codes: counts.error_codes,
            },
        };
        r.finish();
        r
    }

    /// Sorts every list and computes the summaries from the coordinates.
    pub(crate) fn finish(&mut self) {
        self.check.findings.sort();
        self.http.responses.sort_by(|a, b| a.status.cmp(&b.status));
        self.mutations.sort_by(|a, b| a.mutation.cmp(&b.mutation));
        let mut summary: BTreeMap<String, KindSummary> = BTreeMap::new();
        let mut roots: BTreeMap<String, Ratio> = BTreeMap::new();
        self.deprecated_used.clear();
        for e in &mut self.coordinates {
            e.sites.sort();
            let s = summary.entry(plural(&e.kind)).or_default();
            s.total += 1;
            s.covered += u64::from(e.covered());
            s.answered += u64::from(e.responses > 0);
            s.sent += u64::from(e.requests > 0);
            if let Some(root) = &e.root {
                let r = roots.entry(root.clone()).or_default();
                r.total += 1;
                r.covered += u64::from(e.covered());
            }
            if e.deprecated && e.covered() {
                self.deprecated_used.push(e.coordinate.clone());
            }
        }
        for k in KINDS {
            summary.entry(plural(k)).or_default();
        }
        for s in summary.values_mut() {
            s.percent = percent(s.covered, s.total);
        }
        for r in roots.values_mut() {
            r.percent = percent(r.covered, r.total);
        }
        self.summary = summary;
        self.roots = roots;
    }

    /// Adds another run's report of the same schema, scope and version.
    pub(crate) fn merge(&mut self, o: Report) -> Result<(), MergeError> {
        if o.version != self.version {
            return Err(MergeError::Version {
                theirs: o.version,
                ours: self.version,
            });
        }
        if o.schema.hash != self.schema.hash {
            return Err(MergeError::Schema {
                theirs: format!("{} of hash {}", o.schema.path, o.schema.hash),
                ours: format!("{} of hash {}", self.schema.path, self.schema.hash),
            });
        }
        if o.scope != self.scope {
            return Err(MergeError::Scope {
                theirs: o.scope,
                ours: self.scope.clone(),
            });
        }
        let same = o.coordinates.len() == self.coordinates.len()
            && o.coordinates
                .iter()
                .zip(&self.coordinates)
                .all(|(a, b)| a.coordinate == b.coordinate && a.kind == b.kind);
        if !same {
            return Err(MergeError::Coordinates);
        }
        for (a, b) in self.coordinates.iter_mut().zip(o.coordinates) {
            a.hits += b.hits;
            a.sites.extend(b.sites);
            a.selected += b.selected;
            a.responses += b.responses;
            a.nulls += b.nulls;
            a.requests += b.requests;
        }
        self.inputs.files += o.inputs.files;
        self.inputs.documents += o.inputs.documents;
        self.inputs.operations += o.inputs.operations;
        self.inputs.exchanges += o.inputs.exchanges;
        self.check.errors += o.check.errors;
        self.check.warnings += o.check.warnings;
        self.check.findings.extend(o.check.findings);
        for m in o.mutations {
            match self.mutations.iter_mut().find(|x| x.mutation == m.mutation) {
                Some(x) => {
                    x.calls += m.calls;
                    for (k, v) in m.results {
                        *x.results.entry(k).or_default() += v;
                    }
                    for (k, v) in m.errors {
                        *x.errors.entry(k).or_default() += v;
                    }
                }
                None => self.mutations.push(m),
            }
        }
        for s in o.http.responses {
            match self.http.responses.iter_mut().find(|x| x.status == s.status) {
                Some(x) => x.add(s.seen, s.shapes, s.error_codes),
                None => self.http.responses.push(s),
            }
        }
        for (k, v) in o.http.error_codes {
            *self.http.error_codes.entry(k).or_default() += v;
        }
        self.finish();
        Ok(())
    }

    /// The value of a gate key (`fields`, `enum-values-answered`), if it is one.
    pub(crate) fn measure(&self, key: &str) -> Option<f64> {
        let (kind, what) = match key.rsplit_once('-') {
            Some((k, w @ ("answered" | "sent"))) => (k, w),
            _ => (key, "covered"),
        };
        let kind = if kind.ends_with('s') { kind.to_string() } else { plural(kind) };
        let s = self.summary.get(&kind)?;
        let n = match what {
            "answered" => s.answered,
            "sent" => s.sent,
            _ => s.covered,
        };
        Some(percent(n, s.total))
    }

    pub(crate) fn json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Owners (types, directives) ordered from the least covered: (owner,
    /// covered, total, a few uncovered members).
    fn least_covered(&self, n: usize) -> Vec<(String, u64, u64, Vec<String>)> {
        let mut by: BTreeMap<String, (u64, u64, Vec<String>)> = BTreeMap::new();
        for e in self.coordinates.iter().filter(|e| e.kind != "type") {
            let owner = e.coordinate.split(['.', '(']).next().unwrap_or(&e.coordinate).to_string();
            let slot = by.entry(owner).or_default();
            slot.1 += 1;
            if e.covered() {
                slot.0 += 1;
            } else {
                slot.2.push(e.coordinate.clone());
            }
        }
        let mut v: Vec<(String, u64, u64, Vec<String>)> = by
            .into_iter()
            .filter(|(_, (c, t, _))| c < t)
            .map(|(k, (c, t, u))| (k, c, t, u))
            .collect();
        // Least covered first; among equals, the larger gap first.
        v.sort_by(|a, b| {
            (a.1 * b.2)
                .cmp(&(b.1 * a.2))
                .then((b.2 - b.1).cmp(&(a.2 - a.1)))
                .then(a.0.cmp(&b.0))
        });
        v.truncate(n);
        v
    }

    pub(crate) fn human(&self) -> String {
        use std::fmt::Write;
        let mut o = String::new();
        let i = &self.inputs;
        let _ = writeln!(
            o,
            "coverage of {} (scope: {}): {}, {}, {}, {}; check: {}, {}",
            self.schema.path,
            self.scope,
            count(i.files, "file"),
            count(i.documents, "document"),
            count(i.operations, "operation"),
            count(i.exchanges, "exchange"),
            count(self.check.errors, "error"),
            count(self.check.warnings, "warning")
        );
        let _ = writeln!(
            o,
            "  {:<16} {:>8} {:>6} {:>8} {:>9} {:>6}",
            "kind", "covered", "total", "percent", "answered", "sent"
        );
        for k in KINDS {
            let s = &self.summary[&plural(k)];
            let _ = writeln!(
                o,
                "  {:<16} {:>8} {:>6} {:>7.1}% {:>9} {:>6}",
                plural(k),
                s.covered,
                s.total,
                s.percent,
                s.answered,
                s.sent
            );
        }
        if !self.roots.is_empty() {
            let roots: Vec<String> = self.roots.iter().map(|(k, r)| format!("{k} {}/{}", r.covered, r.total)).collect();
            let _ = writeln!(o, "root fields: {}", roots.join(", "));
        }
        if !self.deprecated_used.is_empty() {
            let _ = writeln!(o, "deprecated and used: {}", self.deprecated_used.join(", "));
        }
        let seen: Vec<String> = self
            .http
            .responses
            .iter()
            .filter(|s| s.seen > 0 || s.documented)
            .map(|s| format!("{} {}{}", s.status, s.seen, if s.documented { "" } else { " (undocumented)" }))
            .collect();
        if i.exchanges > 0 {
            let _ = writeln!(o, "responses of {}: {}", self.http.operation, seen.join(", "));
            for s in self.http.responses.iter().filter(|s| s.seen > 0) {
                let shapes: Vec<String> = s.shapes.iter().map(|(k, n)| format!("{k} {n}")).collect();
                let codes: Vec<String> = s.error_codes.iter().map(|(k, n)| format!("{k} {n}")).collect();
                let codes = if codes.is_empty() {
                    String::new()
                } else {
                    format!("; extensions.code: {}", codes.join(", "))
                };
                let _ = writeln!(o, "  {}: {}{codes}", s.status, shapes.join(", "));
            }
        }
        let least = self.least_covered(10);
        if !least.is_empty() {
            let _ = writeln!(o, "least covered:");
            for (owner, c, t, missing) in least {
                let more = if missing.len() > 4 {
                    format!(", and {} more", missing.len() - 4)
                } else {
                    String::new()
                };
                let shown: Vec<&str> = missing.iter().take(4).map(String::as_str).collect();
                let _ = writeln!(o, "  {owner:<32} {c}/{t}  not covered: {}{more}", shown.join(", "));
            }
        }
        o
    }

    pub(crate) fn markdown(&self) -> String {
        use std::fmt::Write;
        let mut o = String::new();
        let i = &self.inputs;
        let _ = writeln!(o, "### Contract coverage ({})\n", self.scope);
        let _ = writeln!(
            o,
            "{}, {}, {}, {}; check: {}, {}.\n",
            count(i.files, "file"),
            count(i.documents, "document"),
            count(i.operations, "operation"),
            count(i.exchanges, "exchange"),
            count(self.check.errors, "error"),
            count(self.check.warnings, "warning")
        );
        let _ = writeln!(o, "| kind | covered | total | percent | answered | sent |");
        let _ = writeln!(o, "|---|---:|---:|---:|---:|---:|");
        for k in KINDS {
            let s = &self.summary[&plural(k)];
            let _ = writeln!(
                o,
                "| {} | {} | {} | {:.1}% | {} | {} |",
                plural(k),
                s.covered,
                s.total,
                s.percent,
                s.answered,
                s.sent
            );
        }
        if !self.deprecated_used.is_empty() {
            let list: Vec<String> = self.deprecated_used.iter().map(|c| format!("`{c}`")).collect();
            let _ = writeln!(o, "\nDeprecated and used: {}", list.join(", "));
        }
        let least = self.least_covered(10);
        if !least.is_empty() {
            let _ = writeln!(o, "\n<details><summary>Least covered</summary>\n");
            for (owner, c, t, _) in least {
                let _ = writeln!(o, "- `{owner}`: {c}/{t}");
            }
            let _ = writeln!(o, "\n</details>");
        }
        o
    }
}

/// `1 file`, `2 files`.
fn count(n: u64, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn percent(n: u64, total: u64) -> f64 {
    if total == 0 {
        return 100.0;
    }
    (n as f64 * 1000.0 / total as f64).round() / 10.0
}

/// `--fail-under`'s value: `fields=80,enum-values=50`. Each key is a kind
/// (plural or not), optionally with `-answered` or `-sent`.
pub(crate) fn parse_gates(spec: &str) -> Result<Vec<(String, f64)>, String> {
    let mut out = Vec::new();
    for item in spec.split(',').map(str::trim) {
        let Some((k, v)) = item.split_once('=') else {
            return Err(format!("`{item}` is not KIND=PERCENT (such as fields=80)"));
        };
        let k = k.trim();
        let base = k.strip_suffix("-answered").or_else(|| k.strip_suffix("-sent")).unwrap_or(k);
        let singular = base.strip_suffix('s').unwrap_or(base);
        if !KINDS.contains(&singular) {
            let known: Vec<String> = KINDS.iter().map(|k| plural(k)).collect();
            let hint = crate::suggest::closest(base, known.iter().map(String::as_str))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| format!("; the kinds are {}", known.join(", ")));
            return Err(format!("`{k}` is not a counted kind{hint}"));
        }
        let p: f64 = v
            .trim()
            .parse()
            .ok()
            .filter(|p: &f64| (0.0..=100.0).contains(p))
            .ok_or_else(|| format!("`{}` is not a percentage from 0 to 100", v.trim()))?;
        out.push((k.to_string(), p));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gates_parse_and_refuse() {
        assert_eq!(
            parse_gates("fields=80, enum-values-answered=50").expect("valid"),
            vec![("fields".to_string(), 80.0), ("enum-values-answered".to_string(), 50.0)]
        );
        assert!(parse_gates("feilds=80").expect_err("kind").contains("did you mean `fields`"));
        assert!(parse_gates("fields=180").is_err());
        assert!(parse_gates("fields").is_err());
        assert!(parse_gates("fields=abc").is_err());
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv(""), "cbf29ce484222325");
        assert_eq!(fnv("a"), "af63dc4c8601ec8c");
    }
}
