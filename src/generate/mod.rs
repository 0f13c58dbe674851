//! Strategies for GraphQL input values, built at run time from any schema:
//! valid values (nullability, lists, enums, scalars with their edges, nested
//! and recursive inputs with bounded depth, `@oneOf`, defaults), and
//! single-fault invalid values that carry the diagnostic code and pointer the
//! checks must report.
//!
//! proptest has no notion of a GraphQL type, so this module composes its
//! runtime combinators (`BoxedStrategy`, `Union`, `prop_map`) from the schema.
//! Recursion is bounded by a per-type *minimum height*: a field is only
//! generated where the remaining depth budget can still finish its type, so
//! every strategy terminates and a type that cannot be built at all (a
//! required self-reference) is refused up front.

mod plan;
pub(crate) mod run;
pub(crate) mod text;
mod tree;

use crate::diagnostic::Code;
use crate::node::push_token;
use apollo_compiler::schema::{ExtendedType, InputObjectType, Type};
use apollo_compiler::validation::Valid;
use apollo_compiler::Schema;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Map, Value as Json};
use std::collections::HashMap;
use std::sync::Arc;

/// Why a generator could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GenError {
    /// No such type.
    #[error("`{0}` is not a type of the schema")]
    UnknownType(String),
    /// An output type (object, interface, union) where an input type is needed.
    #[error("`{0}` is {1}, not an input type")]
    NotInput(String, &'static str),
    /// A required cycle: no finite value exists.
    #[error("`{0}` cannot be built: every value needs another `{0}` through required fields (a required self-reference)")]
    Unbuildable(String),
}

/// Unbounded height (an unbuildable type).
const INF: usize = usize::MAX / 4;

/// Builds strategies for one schema. Strategies are memoised per (type, depth
/// budget), so building one for every type of a large schema stays cheap.
pub struct Generator {
    types: Arc<Types>,
    /// Extra depth allowed beyond a type's minimum height.
    slack: usize,
}

/// One single fault put into a valid value.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Fault {
    /// The code the checks must report.
    pub code: Code,
    /// Pointer (relative to the value) where it must be reported.
    pub pointer: String,
    /// What was done.
    pub what: String,
}

/// Draws valid values of one input type; see [`Generator::drawer`].
pub struct Drawer {
    types: Arc<Types>,
    ty: plan::Ty,
    budget: usize,
}

impl Drawer {
    /// The same value as a node tree (no spans).
    pub fn node(&self, rng: &mut impl proptest::prelude::Rng) -> crate::node::Node {
        self.types
            .plan
            .draw(&self.ty, self.budget, plan::Hint::None, &mut plan::seeded(rng))
    }
}

/// The schema and each input type's minimum height, shared by strategies.
struct Types {
    schema: Valid<Schema>,
    heights: HashMap<String, usize>,
    plan: plan::Plan,
}

impl Generator {
    /// A generator for a schema; computes each input type's minimum height.
    pub fn new(schema: &Valid<Schema>) -> Self {
        let mut heights: HashMap<String, usize> = HashMap::new();
        for (name, ty) in &schema.types {
            if let ExtendedType::InputObject(_) = ty {
                heights.insert(name.to_string(), INF);
            }
        }
        // Fixpoint: an object's height is 1 + the max over its required fields
        // (1 + the min over fields for @oneOf); lists can be empty (height 0).
        for _ in 0..=heights.len() {
            let mut changed = false;
            for (name, ty) in &schema.types {
                let ExtendedType::InputObject(obj) = ty else { continue };
                let h = Self::object_height(obj, &heights);
                if heights.get(name.as_str()) != Some(&h) {
                    heights.insert(name.to_string(), h);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let plan = plan::Plan::new(schema, &heights);
        let types = Arc::new(Types {
            schema: schema.clone(),
            heights,
            plan,
        });
        Generator { types, slack: 3 }
    }

    fn object_height(obj: &InputObjectType, heights: &HashMap<String, usize>) -> usize {
        let field_h = |ty: &Type| -> usize {
            match ty {
                Type::List(_) | Type::NonNullList(_) => 0,
                Type::Named(n) | Type::NonNullNamed(n) => heights.get(n.as_str()).copied().unwrap_or(0),
            }
        };
        let h = if is_one_of(obj) {
            obj.fields.values().map(|f| field_h(&f.ty)).min().unwrap_or(0)
        } else {
            obj.fields
                .values()
                .filter(|f| is_required(&f.ty, f.default_value.is_some()))
                .map(|f| field_h(&f.ty))
                .max()
                .unwrap_or(0)
        };
        if h >= INF {
            INF
        } else {
            h + 1
        }
    }

    /// The depth budget a named type may use.
    fn budget_for(&self, name: &str) -> Result<usize, GenError> {
        let h = self.height(name);
        if h >= INF {
            return Err(GenError::Unbuildable(name.to_string()));
        }
        Ok(h + self.slack)
    }

    fn height(&self, name: &str) -> usize {
        self.types.height(name)
    }

    /// Checks that `name` is an input type that can be built.
    pub(crate) fn check_type(&self, name: &str) -> Result<(), GenError> {
        match self.types.schema.types.get(name) {
            None => Err(GenError::UnknownType(name.to_string())),
            Some(ExtendedType::Object(_)) => Err(GenError::NotInput(name.to_string(), "an object type")),
            Some(ExtendedType::Interface(_)) => Err(GenError::NotInput(name.to_string(), "an interface")),
            Some(ExtendedType::Union(_)) => Err(GenError::NotInput(name.to_string(), "a union")),
            Some(_) => self.budget_for(name).map(|_| ()),
        }
    }

    /// Valid non-null values of the named input type.
    pub fn valid(&self, name: &str) -> Result<BoxedStrategy<Json>, GenError> {
        self.check_type(name)?;
        let budget = self.budget_for(name)?;
        let root = Type::NonNullNamed(apollo_compiler::Name::new(name).map_err(|_| GenError::UnknownType(name.to_string()))?);
        Ok(tree::ValueStrategy {
            root_ty: self.types.plan.ty(&root),
            types: self.types.clone(),
            root,
            budget,
        }
        .boxed())
    }

    /// Draws valid values of the named input type straight from an RNG, as
    /// JSON or as a [`Node`](crate::node::Node) tree: the same draws as
    /// [`Generator::valid`]'s strategy, without its shrinking, for the fast
    /// path of property runs (a case is shrunk through the strategy only
    /// when it fails).
    pub fn drawer(&self, name: &str) -> Result<Drawer, GenError> {
        self.check_type(name)?;
        let budget = self.budget_for(name)?;
        let root = Type::NonNullNamed(apollo_compiler::Name::new(name).map_err(|_| GenError::UnknownType(name.to_string()))?);
        Ok(Drawer {
            ty: self.types.plan.ty(&root),
            types: self.types.clone(),
            budget,
        })
    }

    /// Valid values with exactly one fault, and the fault.
    pub fn invalid(&self, name: &str) -> Result<BoxedStrategy<(Json, Fault)>, GenError> {
        let valid = self.valid(name)?;
        let name = name.to_string();
        let ctx = self.types.clone();
        Ok((valid, any::<Index>())
            .prop_filter_map("no fault applies to this value", move |(v, idx)| ctx.apply(&name, v, idx))
            .boxed())
    }
}

impl Types {
    fn height(&self, name: &str) -> usize {
        self.heights.get(name).copied().unwrap_or(0)
    }

    fn type_height(&self, ty: &Type) -> usize {
        match ty {
            Type::List(_) | Type::NonNullList(_) => 0,
            Type::Named(n) | Type::NonNullNamed(n) => self.height(n.as_str()),
        }
    }

    /// A small valid value of `ty` (used to fill a second `@oneOf` field).
    fn minimal(&self, ty: &Type, depth: usize) -> Json {
        if depth > 64 {
            return Json::Null;
        }
        match ty {
            Type::List(_) | Type::NonNullList(_) => json!([]),
            Type::Named(n) | Type::NonNullNamed(n) => match self.schema.types.get(n.as_str()) {
                Some(ExtendedType::Scalar(_)) => match n.as_str() {
                    "Int" | "Float" => json!(0),
                    "Boolean" => json!(false),
                    _ => json!("x"),
                },
                Some(ExtendedType::Enum(e)) => e.values.keys().next().map_or(Json::Null, |k| Json::String(k.to_string())),
                Some(ExtendedType::InputObject(obj)) => {
                    let mut m = Map::new();
                    if is_one_of(obj) {
                        if let Some((k, f)) = obj.fields.iter().min_by_key(|(_, f)| self.type_height(&f.ty)) {
                            m.insert(k.to_string(), self.minimal(&f.ty, depth + 1));
                        }
                    } else {
                        for (k, f) in &obj.fields {
                            if is_required(&f.ty, f.default_value.is_some()) {
                                m.insert(k.to_string(), self.minimal(&f.ty, depth + 1));
                            }
                        }
                    }
                    Json::Object(m)
                }
                _ => Json::Null,
            },
        }
    }
}

fn is_required(ty: &Type, has_default: bool) -> bool {
    ty.is_non_null() && !has_default
}

fn is_one_of(obj: &InputObjectType) -> bool {
    obj.directives.get("oneOf").is_some()
}

/// A place in a value where one fault can be introduced.
enum Site {
    DropRequired { obj: String, field: String },
    NullNonNull { at: String },
    WrongKind { at: String, scalar: String },
    IntOverflow { at: String },
    UnknownEnum { at: String },
    UnknownField { obj: String },
    SecondOneOf { obj: String, field: String, value: Json },
    ObjectAsList { at: String },
}

/// Faults: walk a valid value with its type to list the places a fault can
/// go, then put one in.
impl Types {
    fn apply(&self, root_type: &str, mut value: Json, idx: Index) -> Option<(Json, Fault)> {
        let mut sites = Vec::new();
        let ty = Type::NonNullNamed(apollo_compiler::Name::new(root_type).ok()?);
        self.sites(&value, &ty, String::new(), true, &mut sites, 0);
        if sites.is_empty() {
            return None;
        }
        let site = sites.swap_remove(idx.index(sites.len()));
        let fault = match site {
            Site::DropRequired { obj, field } => {
                remove(&mut value, &obj, &field);
                Fault {
                    code: Code::MissingField,
                    pointer: push_token(&obj, &field),
                    what: format!("dropped required field `{field}`"),
                }
            }
            Site::NullNonNull { at } => {
                *value.pointer_mut(&at)? = Json::Null;
                Fault {
                    code: Code::NullValue,
                    pointer: at,
                    what: "set a non-null value to null".into(),
                }
            }
            Site::WrongKind { at, scalar } => {
                let wrong = match scalar.as_str() {
                    "Int" | "Float" => json!("text"),
                    "Boolean" => json!("true"),
                    "enum" => json!(42),
                    _ => json!(true),
                };
                *value.pointer_mut(&at)? = wrong.clone();
                Fault {
                    code: Code::ValueKind,
                    pointer: at,
                    what: format!("gave {wrong} for a {scalar}"),
                }
            }
            Site::IntOverflow { at } => {
                *value.pointer_mut(&at)? = json!(2_147_483_648_i64);
                Fault {
                    code: Code::IntRange,
                    pointer: at,
                    what: "overflowed an Int (2^31)".into(),
                }
            }
            Site::UnknownEnum { at } => {
                *value.pointer_mut(&at)? = json!("NOT_A_VALUE_OF_THIS_ENUM");
                Fault {
                    code: Code::EnumValue,
                    pointer: at,
                    what: "used an unknown enum value".into(),
                }
            }
            Site::UnknownField { obj } => {
                if let Json::Object(m) = value.pointer_mut(&obj)? {
                    m.insert("unknownField__".into(), json!(1));
                }
                Fault {
                    code: Code::UnknownField,
                    pointer: push_token(&obj, "unknownField__"),
                    what: "added an unknown field".into(),
                }
            }
            Site::SecondOneOf { obj, field, value: v } => {
                if let Json::Object(m) = value.pointer_mut(&obj)? {
                    m.insert(field.clone(), v);
                }
                Fault {
                    code: Code::OneOf,
                    pointer: obj,
                    what: format!("set a second @oneOf field `{field}`"),
                }
            }
            Site::ObjectAsList { at } => {
                let slot = value.pointer_mut(&at)?;
                let inner = slot.take();
                *slot = Json::Array(vec![inner]);
                Fault {
                    code: Code::ValueKind,
                    pointer: at,
                    what: "wrapped an input object in a list".into(),
                }
            }
        };
        Some((value, fault))
    }

    fn sites(&self, v: &Json, ty: &Type, at: String, top: bool, out: &mut Vec<Site>, depth: usize) {
        if depth > 128 || v.is_null() {
            return;
        }
        if !top && ty.is_non_null() {
            out.push(Site::NullNonNull { at: at.clone() });
        }
        match ty {
            Type::List(item) | Type::NonNullList(item) => {
                if let Json::Array(items) = v {
                    for (i, it) in items.iter().enumerate() {
                        self.sites(it, item, format!("{at}/{i}"), false, out, depth + 1);
                    }
                }
            }
            Type::Named(n) | Type::NonNullNamed(n) => match self.schema.types.get(n.as_str()) {
                Some(ExtendedType::Scalar(_)) => {
                    if matches!(n.as_str(), "Int" | "Float" | "String" | "Boolean" | "ID") {
                        out.push(Site::WrongKind {
                            at: at.clone(),
                            scalar: n.to_string(),
                        });
                    }
                    if n.as_str() == "Int" {
                        out.push(Site::IntOverflow { at });
                    }
                }
                Some(ExtendedType::Enum(_)) => {
                    out.push(Site::WrongKind {
                        at: at.clone(),
                        scalar: "enum".into(),
                    });
                    out.push(Site::UnknownEnum { at });
                }
                Some(ExtendedType::InputObject(obj)) => {
                    let Json::Object(m) = v else { return };
                    out.push(Site::UnknownField { obj: at.clone() });
                    out.push(Site::ObjectAsList { at: at.clone() });
                    if is_one_of(obj) {
                        if let Some((k, f)) = obj.fields.iter().find(|(k, _)| !m.contains_key(k.as_str())) {
                            out.push(Site::SecondOneOf {
                                obj: at.clone(),
                                field: k.to_string(),
                                value: self.minimal(&f.ty, 0),
                            });
                        }
                    }
                    for (k, f) in &obj.fields {
                        let Some(fv) = m.get(k.as_str()) else { continue };
                        if is_required(&f.ty, f.default_value.is_some()) && !is_one_of(obj) {
                            out.push(Site::DropRequired {
                                obj: at.clone(),
                                field: k.to_string(),
                            });
                        }
                        self.sites(fv, &f.ty, push_token(&at, k.as_str()), false, out, depth + 1);
                    }
                }
                _ => {}
            },
        }
    }
}

fn remove(v: &mut Json, obj: &str, field: &str) {
    if let Some(Json::Object(m)) = v.pointer_mut(obj) {
        m.shift_remove(field);
    }
}
