//! The value strategy: draws a whole GraphQL input value straight from the
//! runner's RNG, and shrinks it with one value tree over the JSON.
//!
//! Composing proptest combinators per field (a boxed value tree per node,
//! unions, maps) cost about 1 µs per node; drawing directly costs a few tens
//! of nanoseconds. Shrinking is greedy over edits that keep the value valid:
//! drop an optional field, halve a string, drop a list's last item, zero a
//! number, `false` a boolean, take an enum's first value.

use super::plan::{seeded, Hint, Ty};
use super::{is_one_of, is_required, Types};
use crate::node::push_token;
use apollo_compiler::schema::{ExtendedType, Type};
use proptest::strategy::{NewTree, Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{json, Value as Json};
use std::sync::Arc;

/// Valid values of one input type.
#[derive(Clone)]
pub(crate) struct ValueStrategy {
    pub(crate) types: Arc<Types>,
    pub(crate) root: Type,
    /// `root` in the plan.
    pub(crate) root_ty: Ty,
    pub(crate) budget: usize,
}

impl std::fmt::Debug for ValueStrategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ValueStrategy({})", self.root)
    }
}

impl Strategy for ValueStrategy {
    type Tree = JsonTree;
    type Value = Json;

    fn new_tree(&self, runner: &mut TestRunner) -> NewTree<Self> {
        let v = self
            .types
            .plan
            .draw(&self.root_ty, self.budget, Hint::None, &mut seeded(runner.rng()));
        Ok(JsonTree {
            types: self.types.clone(),
            root: self.root.clone(),
            current: v,
            trial: None,
            edits: Vec::new(),
            next: 0,
            fresh: true,
        })
    }
}

/// One simplification of a value.
#[derive(Debug, Clone)]
enum Edit {
    Remove(String, String),
    Halve(String, usize),
    Pop(String),
    Set(String, Json),
}

/// The value tree: `current` is the smallest value known to fail; `trial` the
/// simplification being tested.
#[derive(Clone)]
pub(crate) struct JsonTree {
    types: Arc<Types>,
    root: Type,
    current: Json,
    trial: Option<Json>,
    edits: Vec<Edit>,
    next: usize,
    fresh: bool,
}

impl std::fmt::Debug for JsonTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "JsonTree({})", self.current)
    }
}

impl JsonTree {
    fn next_trial(&mut self) -> bool {
        while let Some(edit) = self.edits.get(self.next).cloned() {
            self.next += 1;
            let mut v = self.current.clone();
            if apply(&mut v, &edit) {
                self.trial = Some(v);
                return true;
            }
        }
        false
    }

    fn recompute(&mut self) {
        self.edits.clear();
        self.next = 0;
        self.types.edits(&self.current, &self.root, String::new(), None, &mut self.edits, 0);
    }
}

impl ValueTree for JsonTree {
    type Value = Json;

    fn current(&self) -> Json {
        self.trial.as_ref().unwrap_or(&self.current).clone()
    }

    fn simplify(&mut self) -> bool {
        // The last trial still failed: keep it and look for the next edit on it.
        if let Some(t) = self.trial.take() {
            self.current = t;
            self.recompute();
        } else if self.fresh {
            self.fresh = false;
            self.recompute();
        }
        self.next_trial()
    }

    fn complicate(&mut self) -> bool {
        // The trial passed: drop it, try the next edit of the failing value.
        self.trial = None;
        self.next_trial()
    }
}

fn apply(v: &mut Json, edit: &Edit) -> bool {
    match edit {
        Edit::Remove(obj, key) => match v.pointer_mut(obj) {
            Some(Json::Object(m)) => m.shift_remove(key).is_some(),
            _ => false,
        },
        Edit::Halve(at, min) => match v.pointer_mut(at) {
            Some(Json::String(s)) => {
                let n = s.chars().count();
                let keep = (n / 2).max(*min);
                if keep >= n {
                    return false;
                }
                *s = s.chars().take(keep).collect();
                true
            }
            _ => false,
        },
        Edit::Pop(at) => match v.pointer_mut(at) {
            Some(Json::Array(a)) => a.pop().is_some(),
            _ => false,
        },
        Edit::Set(at, new) => match v.pointer_mut(at) {
            Some(slot) if slot != new => {
                *slot = new.clone();
                true
            }
            _ => false,
        },
    }
}

impl Types {
    /// Edits that keep `v` (a valid value of `ty`) valid, biggest first.
    fn edits(&self, v: &Json, ty: &Type, at: String, field: Option<&str>, out: &mut Vec<Edit>, depth: usize) {
        if depth > 128 || v.is_null() {
            return;
        }
        match ty {
            Type::List(item) | Type::NonNullList(item) => {
                if let Json::Array(items) = v {
                    if !items.is_empty() {
                        out.push(Edit::Pop(at.clone()));
                    }
                    for (i, it) in items.iter().enumerate() {
                        self.edits(it, item, format!("{at}/{i}"), field, out, depth + 1);
                    }
                }
            }
            Type::Named(n) | Type::NonNullNamed(n) => match self.schema.types.get(n.as_str()) {
                Some(ExtendedType::InputObject(obj)) => {
                    let Json::Object(m) = v else { return };
                    if !is_one_of(obj) {
                        for (k, f) in &obj.fields {
                            if m.contains_key(k.as_str()) && !is_required(&f.ty, f.default_value.is_some()) {
                                out.push(Edit::Remove(at.clone(), k.to_string()));
                            }
                        }
                    }
                    for (k, f) in &obj.fields {
                        if let Some(fv) = m.get(k.as_str()) {
                            self.edits(fv, &f.ty, push_token(&at, k.as_str()), Some(k.as_str()), out, depth + 1);
                        }
                    }
                }
                Some(ExtendedType::Enum(e)) => {
                    if let Some(first) = e.values.keys().next() {
                        out.push(Edit::Set(at, Json::String(first.to_string())));
                    }
                }
                Some(ExtendedType::Scalar(_)) => match v {
                    Json::String(s) if !s.is_empty() => {
                        let min = usize::from(matches!(field, Some("text") | Some("plainText")));
                        // Addresses and URLs keep their shape; other strings halve.
                        let shaped = field.is_some_and(|f| {
                            f.eq_ignore_ascii_case("email") || f.eq_ignore_ascii_case("emailAddress") || f.ends_with("Url")
                        });
                        if !shaped {
                            out.push(Edit::Halve(at, min));
                        }
                    }
                    Json::Number(num) if num.as_f64() != Some(0.0) => out.push(Edit::Set(at, json!(0))),
                    Json::Bool(true) => out.push(Edit::Set(at, json!(false))),
                    _ => {}
                },
                _ => {}
            },
        }
    }
}
