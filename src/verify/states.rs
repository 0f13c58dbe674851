//! Provider states of a pact mapped to setup requests (`--states FILE`,
//! docs/pact.md).
//!
//! A Pact interaction names the states the provider must be in
//! (`providerStates: [{name, params}]`); Pact's own verifier posts each one
//! to a state-change URL that the provider team writes. `verify` has no such
//! hook into the target, so a states file says what each state means as
//! GraphQL: a map from a state's name to the setup requests (`{query,
//! variables, operationName}`) that build it, run before the interaction as
//! a fixture's `given:` runs. A state's `params` are put into its requests:
//! a string that is exactly `${name}` becomes the parameter's value (of any
//! kind), and `${name}` inside a longer string its text.
//!
//! An interaction whose state the file does not map is skipped, with why
//! (it cannot be set up; replaying it would report drift that is not
//! there). A state mapped to `[]` needs nothing set up.
//!
//! The file is read as any fixture is (`crate::node`, JSON or YAML with
//! positions), so a malformed one stops the run (exit 2) with its file,
//! pointer and line:col (`HX001`), before a request is sent.

use crate::diagnostic::{Code, Diagnostic};
use crate::exchange::pact::ProviderState;
use crate::node::{self, push_token, Node, Syntax};
use crate::outcome::Outcome;
use crate::source::Source;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The states file: state name → setup request bodies.
#[derive(Debug, Default)]
pub(crate) struct States {
    /// The file, as given (for the reasons of a skip).
    file: Option<String>,
    /// The map.
    map: HashMap<String, Vec<Value>>,
}

/// The request keys a setup request may have.
const KEYS: &[&str] = &["query", "variables", "operationName"];

impl States {
    /// Reads `path`; `Err` holds the findings that stop the run.
    pub(crate) fn read(path: &Path, max_bytes: u64) -> Result<States, Outcome> {
        let fail = |found: Vec<Diagnostic>, source: Option<&Arc<Source>>| {
            let mut o = Outcome {
                files: 1,
                ..Outcome::default()
            };
            if let Some(s) = source {
                o.sources.insert(s.path.clone(), s.clone());
            }
            o.extend(found);
            o
        };
        let source = crate::input::read::read_source_limited(path, max_bytes).map_err(|d| fail(vec![d], None))?;
        let syntax = Syntax::guess(&source.path, &source.text);
        let root = node::parse(&source, syntax).map_err(|d| fail(vec![d], Some(&source)))?;
        let mut bad = Vec::new();
        let mut map = HashMap::new();
        let shape = |bad: &mut Vec<Diagnostic>, n: &Node, ptr: &str, msg: String| {
            bad.push(Diagnostic::at(Code::ExchangeShape, msg, &source, n.start, n.len.max(1)).with_pointer(ptr.to_string()));
        };
        let Some(members) = root.members() else {
            shape(
                &mut bad,
                &root,
                "",
                format!(
                    "a states file is a map from a provider state's name to its setup requests, found {}",
                    root.kind()
                ),
            );
            return Err(fail(bad, Some(&source)));
        };
        for (k, v) in members {
            let p = push_token("", &k.name);
            let items: Vec<(String, &Node)> = match &v.value {
                node::Value::Array(items) => items.iter().enumerate().map(|(i, n)| (push_token(&p, &i.to_string()), n)).collect(),
                node::Value::Object(_) => vec![(p.clone(), v)],
                _ => {
                    shape(
                        &mut bad,
                        v,
                        &p,
                        format!(
                            "state `{}` maps to a setup request {{query, variables}} or a list of them ([] when nothing needs setting up), found {}",
                            k.name,
                            v.kind()
                        ),
                    );
                    continue;
                }
            };
            let mut requests = Vec::new();
            for (ip, item) in items {
                let Some(fields) = item.members() else {
                    shape(
                        &mut bad,
                        item,
                        &ip,
                        format!("a setup request is an object {{query, variables}}, found {}", item.kind()),
                    );
                    continue;
                };
                for (fk, _) in fields {
                    if !KEYS.contains(&fk.name.as_str()) {
                        let at = Node {
                            start: fk.start,
                            len: fk.name.len(),
                            value: node::Value::Null,
                        };
                        shape(
                            &mut bad,
                            &at,
                            &push_token(&ip, &fk.name),
                            format!(
                                "unknown key `{}` in a setup request (it takes query, variables, operationName)",
                                fk.name
                            ),
                        );
                    }
                }
                match item.get("query") {
                    Some(q) if q.as_str().is_some() => {}
                    Some(q) => shape(
                        &mut bad,
                        q,
                        &push_token(&ip, "query"),
                        format!("`query` must be a string, found {}", q.kind()),
                    ),
                    None => shape(&mut bad, item, &ip, "a setup request needs a `query` string".into()),
                }
                let object: fn(&Node) -> bool = |n| n.members().is_some();
                let string: fn(&Node) -> bool = |n| n.as_str().is_some();
                for (key, what, ok) in [("variables", "an object", object), ("operationName", "a string", string)] {
                    if let Some(n) = item.get(key).filter(|n| !ok(n) && n.value != node::Value::Null) {
                        shape(
                            &mut bad,
                            n,
                            &push_token(&ip, key),
                            format!("`{key}` must be {what}, found {}", n.kind()),
                        );
                    }
                }
                requests.push(item.to_json());
            }
            map.insert(k.name.clone(), requests);
        }
        if !bad.is_empty() {
            return Err(fail(bad, Some(&source)));
        }
        Ok(States {
            file: Some(path.display().to_string()),
            map,
        })
    }

    /// The setup requests of an interaction's states, in order, each with
    /// its state's params put in (`Err` for one that names a parameter the
    /// state does not give); `Err` (the reason to skip) when a state is not
    /// mapped.
    pub(crate) fn setup(&self, states: &[ProviderState]) -> Result<Vec<Result<Value, String>>, String> {
        let mut out = Vec::new();
        for s in states {
            let Some(requests) = self.map.get(s.name) else {
                return Err(match &self.file {
                    Some(f) => format!("provider state `{}` has no setup requests in {f}", s.name),
                    None => format!(
                        "provider state `{}` cannot be set up: pass --states FILE mapping it to setup requests (docs/pact.md)",
                        s.name
                    ),
                });
            };
            let params = s.params.map(Node::to_json).unwrap_or(Value::Null);
            for r in requests {
                let mut r = r.clone();
                out.push(substitute(&mut r, &params, 0).map(|()| r).map_err(|p| {
                    format!(
                        "provider state `{}` gives no parameter `{p}` for its setup request's `${{{p}}}`",
                        s.name
                    )
                }));
            }
        }
        Ok(out)
    }
}

/// Puts `params` into `v`: a string `${name}` becomes the parameter's value,
/// `${name}` inside a string its text. `Err` names a parameter not given.
fn substitute(v: &mut Value, params: &Value, depth: usize) -> Result<(), String> {
    if depth > node::MAX_DEPTH {
        return Ok(());
    }
    match v {
        Value::String(s) => {
            if let Some(name) = s
                .strip_prefix("${")
                .and_then(|r| r.strip_suffix('}'))
                .filter(|n| !n.contains(['$', '{', '}']))
            {
                *v = params.get(name).cloned().ok_or_else(|| name.to_string())?;
                return Ok(());
            }
            let mut out = String::with_capacity(s.len());
            let mut rest = s.as_str();
            while let Some(i) = rest.find("${") {
                let Some(j) = rest[i..].find('}') else { break };
                let name = &rest[i + 2..i + j];
                let value = params.get(name).ok_or_else(|| name.to_string())?;
                out.push_str(&rest[..i]);
                match value {
                    Value::String(t) => out.push_str(t),
                    other => out.push_str(&other.to_string()),
                }
                rest = &rest[i + j + 1..];
            }
            out.push_str(rest);
            *s = out;
            Ok(())
        }
        Value::Array(items) => items.iter_mut().try_for_each(|i| substitute(i, params, depth + 1)),
        Value::Object(m) => m.values_mut().try_for_each(|x| substitute(x, params, depth + 1)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn params_are_put_in_whole_or_as_text() {
        let mut v = json!({"input": {"email": "${email}", "count": "${n}", "name": "Ada ${email} #${n}", "keep": "$x {y}"}});
        substitute(&mut v, &json!({"email": "ada@example.com", "n": 2}), 0).expect("all given");
        assert_eq!(
            v,
            json!({"input": {"email": "ada@example.com", "count": 2, "name": "Ada ada@example.com #2", "keep": "$x {y}"}})
        );
        let mut v = json!({"a": ["${missing}"]});
        assert_eq!(substitute(&mut v, &json!({}), 0), Err("missing".to_string()));
    }
}
