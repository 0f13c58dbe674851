//! The schema's input types compiled into a plan that drawing walks without
//! touching apollo-compiler's maps, and the drawing itself, generic over the
//! value built (`serde_json::Value` for shrinking and NDJSON output, our
//! [`Node`](crate::node::Node) tree for the checks).
//!
//! Why a plan: drawing straight from the schema looked up each type by name
//! in an `IndexMap`, each height in a `HashMap<String, _>` (SipHash), and
//! cloned enum values from the schema's names, per field; at hundreds of
//! thousands of cases a second those lookups were most of the time. The plan
//! resolves every name to an index once, when the generator is built.
//!
//! Both value kinds are drawn by one generic walk, so the same seed draws the
//! same value whichever is built (a test asserts it).

use super::text::{self, Alphabet};
use super::{is_one_of, is_required};
use crate::node::{Key, Node, Value};
use apollo_compiler::schema::{ExtendedType, Type};
use apollo_compiler::validation::Valid;
use apollo_compiler::Schema;
use proptest::prelude::RngExt;
use rand_core::SeedableRng;
use rand_xorshift::XorShiftRng;
use serde_json::Value as Json;
use std::collections::HashMap;

/// The RNG a value is drawn with: XorShift, seeded by one draw from the
/// runner's ChaCha RNG. proptest's `TestRng` dispatches every call through
/// an enum to a ChaCha block; a value takes a few hundred draws (one per
/// character), which made the RNG a fifth of the time. The seed still comes
/// from the runner, so a case seed still reproduces its value.
pub(crate) fn seeded(rng: &mut impl proptest::prelude::Rng) -> XorShiftRng {
    XorShiftRng::seed_from_u64(rng.next_u64())
}

/// What a value is built as.
pub(super) trait Build: Sized {
    /// `null`.
    fn null() -> Self;
    /// A boolean.
    fn bool(b: bool) -> Self;
    /// A number.
    fn number(n: serde_json::Number) -> Self;
    /// A string.
    fn string(s: String) -> Self;
    /// An array.
    fn array(items: Vec<Self>) -> Self;
    /// An object's members, while it is built.
    type Members;
    /// Room for `n` members.
    fn members(n: usize) -> Self::Members;
    /// Adds a member.
    fn push(members: &mut Self::Members, name: &str, value: Self);
    /// An object, in order.
    fn object(members: Self::Members) -> Self;
}

impl Build for Json {
    fn null() -> Self {
        Json::Null
    }
    fn bool(b: bool) -> Self {
        Json::Bool(b)
    }
    fn number(n: serde_json::Number) -> Self {
        Json::Number(n)
    }
    fn string(s: String) -> Self {
        Json::String(s)
    }
    fn array(items: Vec<Self>) -> Self {
        Json::Array(items)
    }
    type Members = serde_json::Map<String, Json>;
    fn members(n: usize) -> Self::Members {
        serde_json::Map::with_capacity(n)
    }
    fn push(members: &mut Self::Members, name: &str, value: Self) {
        members.insert(name.to_string(), value);
    }
    fn object(members: Self::Members) -> Self {
        Json::Object(members)
    }
}

impl Build for Node {
    fn null() -> Self {
        Node::bare(Value::Null)
    }
    fn bool(b: bool) -> Self {
        Node::bare(Value::Bool(b))
    }
    fn number(n: serde_json::Number) -> Self {
        Node::bare(Value::Number(n))
    }
    fn string(s: String) -> Self {
        Node::bare(Value::String(s))
    }
    fn array(items: Vec<Self>) -> Self {
        Node::bare(Value::Array(items))
    }
    type Members = Vec<(Key, Node)>;
    fn members(n: usize) -> Self::Members {
        Vec::with_capacity(n)
    }
    fn push(members: &mut Self::Members, name: &str, value: Self) {
        members.push((
            Key {
                name: name.to_string(),
                start: 0,
            },
            value,
        ));
    }
    fn object(members: Self::Members) -> Self {
        Node::bare(Value::Object(members))
    }
}

/// A type reference with every name resolved.
#[derive(Debug, Clone)]
pub(crate) enum Ty {
    /// A named type: its index in the plan.
    Named { index: usize, non_null: bool },
    /// A list.
    List { item: Box<Ty>, non_null: bool },
}

impl Ty {
    fn non_null(&self) -> bool {
        match self {
            Ty::Named { non_null, .. } | Ty::List { non_null, .. } => *non_null,
        }
    }
}

/// Which of Plain's value rules a string field follows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Hint {
    None,
    Email,
    Text,
    Url,
}

impl Hint {
    pub(crate) fn of(field: &str) -> Hint {
        if field.eq_ignore_ascii_case("email") || field.eq_ignore_ascii_case("emailAddress") {
            Hint::Email
        } else if matches!(field, "text" | "plainText") {
            Hint::Text
        } else if field.ends_with("Url") {
            Hint::Url
        } else {
            Hint::None
        }
    }
}

#[derive(Debug, Clone)]
struct Field {
    name: String,
    ty: Ty,
    required: bool,
    /// The field type's minimum height (lists: 0).
    height: usize,
    hint: Hint,
}

#[derive(Debug, Clone, Copy)]
enum Scalar {
    Int,
    Float,
    Boolean,
    Id,
    /// String and custom scalars.
    Text,
}

#[derive(Debug, Clone)]
enum Kind {
    Scalar(Scalar),
    Enum(Vec<String>),
    Object {
        fields: Vec<Field>,
        one_of: bool,
    },
    /// Not an input type: drawn as null (never reached for a checked type).
    Other,
}

/// Every type of a schema, by index.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    kinds: Vec<Kind>,
    /// Each type's minimum height (0 for all but input objects).
    heights: Vec<usize>,
    index: HashMap<String, usize>,
}

impl Plan {
    /// Compiles a schema, given each input object's minimum height.
    pub(crate) fn new(schema: &Valid<Schema>, heights: &HashMap<String, usize>) -> Plan {
        let index: HashMap<String, usize> = schema.types.keys().enumerate().map(|(i, n)| (n.to_string(), i)).collect();
        let resolve = |ty: &Type| -> Ty { resolve(ty, &index, 0) };
        let kinds = schema
            .types
            .iter()
            .map(|(name, ty)| match ty {
                ExtendedType::Scalar(_) => Kind::Scalar(match name.as_str() {
                    "Int" => Scalar::Int,
                    "Float" => Scalar::Float,
                    "Boolean" => Scalar::Boolean,
                    "ID" => Scalar::Id,
                    _ => Scalar::Text,
                }),
                ExtendedType::Enum(e) => Kind::Enum(e.values.keys().map(|k| k.to_string()).collect()),
                ExtendedType::InputObject(obj) => Kind::Object {
                    one_of: is_one_of(obj),
                    fields: obj
                        .fields
                        .iter()
                        .map(|(k, f)| Field {
                            name: k.to_string(),
                            ty: resolve(&f.ty),
                            required: is_required(&f.ty, f.default_value.is_some()),
                            height: match &*f.ty {
                                Type::List(_) | Type::NonNullList(_) => 0,
                                Type::Named(n) | Type::NonNullNamed(n) => heights.get(n.as_str()).copied().unwrap_or(0),
                            },
                            hint: Hint::of(k.as_str()),
                        })
                        .collect(),
                },
                _ => Kind::Other,
            })
            .collect();
        let heights = schema.types.keys().map(|n| heights.get(n.as_str()).copied().unwrap_or(0)).collect();
        Plan { kinds, heights, index }
    }

    /// A type reference of this plan.
    pub(crate) fn ty(&self, ty: &Type) -> Ty {
        resolve(ty, &self.index, 0)
    }

    /// Draws a non-null value of `ty` within a depth budget. Weights: a list
    /// has 0 to 2 items; an optional field is absent 2/6, null 1/6, present 3/6.
    pub(crate) fn draw<B: Build>(&self, ty: &Ty, budget: usize, hint: Hint, rng: &mut impl RngExt) -> B {
        match ty {
            Ty::List { item, .. } => {
                if budget == 0 || self.item_height(item) >= budget {
                    return B::array(Vec::new());
                }
                let n = rng.random_range(0..3usize);
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(if !item.non_null() && rng.random_range(0..5u8) == 0 {
                        B::null()
                    } else {
                        self.draw(item, budget - 1, hint, rng)
                    });
                }
                B::array(items)
            }
            Ty::Named { index, .. } => match self.kinds.get(*index) {
                Some(Kind::Scalar(s)) => draw_scalar(*s, hint, rng),
                Some(Kind::Enum(values)) => {
                    if values.is_empty() {
                        return B::null();
                    }
                    B::string(values[rng.random_range(0..values.len())].clone())
                }
                Some(Kind::Object { fields, one_of }) => {
                    let inner = budget.saturating_sub(1);
                    if *one_of {
                        let fits = fields.iter().filter(|f| f.height <= inner).count();
                        let mut m = B::members(1);
                        if fits == 0 {
                            return B::object(m);
                        }
                        let pick = rng.random_range(0..fits);
                        if let Some(f) = fields.iter().filter(|f| f.height <= inner).nth(pick) {
                            let v = self.draw(&f.ty, inner, f.hint, rng);
                            B::push(&mut m, &f.name, v);
                        }
                        return B::object(m);
                    }
                    let mut m = B::members(fields.len());
                    for f in fields {
                        if f.required {
                            let v = self.draw(&f.ty, inner, f.hint, rng);
                            B::push(&mut m, &f.name, v);
                            continue;
                        }
                        if f.height > inner {
                            continue;
                        }
                        let roll = rng.random_range(0..6u8);
                        if roll < 2 {
                            continue; // absent
                        }
                        if roll == 2 {
                            // Null where the type allows it; a non-null field with a default stays absent.
                            if !f.ty.non_null() {
                                B::push(&mut m, &f.name, B::null());
                            }
                            continue;
                        }
                        let v = self.draw(&f.ty, inner, f.hint, rng);
                        B::push(&mut m, &f.name, v);
                    }
                    B::object(m)
                }
                Some(Kind::Other) | None => B::null(),
            },
        }
    }

    /// The minimum height of a list's item type.
    fn item_height(&self, item: &Ty) -> usize {
        match item {
            Ty::List { .. } => 0,
            Ty::Named { index, .. } => self.heights.get(*index).copied().unwrap_or(0),
        }
    }
}

/// Resolves a type's names to indices (an unknown name becomes an out-of-range index, drawn as null).
fn resolve(ty: &Type, index: &HashMap<String, usize>, depth: usize) -> Ty {
    match ty {
        Type::Named(n) | Type::NonNullNamed(n) => Ty::Named {
            index: index.get(n.as_str()).copied().unwrap_or(usize::MAX),
            non_null: ty.is_non_null(),
        },
        Type::List(item) | Type::NonNullList(item) => Ty::List {
            // Type nesting comes from the schema's text, which the parser bounds.
            item: Box::new(if depth > crate::node::MAX_DEPTH {
                Ty::Named {
                    index: usize::MAX,
                    non_null: false,
                }
            } else {
                resolve(item, index, depth + 1)
            }),
            non_null: ty.is_non_null(),
        },
    }
}

/// Built-in scalars with their edges; Plain's value rules where the contract
/// states them (addresses in `email` fields, 1-10,000 characters of component
/// text, URLs in `...Url` fields).
fn draw_scalar<B: Build>(scalar: Scalar, hint: Hint, rng: &mut impl RngExt) -> B {
    use serde_json::Number;
    match scalar {
        Scalar::Int => B::number(Number::from(match rng.random_range(0..7u8) {
            0 => i32::MIN,
            1 => i32::MAX,
            2 => 0,
            _ => rng.random::<i32>(),
        })),
        Scalar::Float => {
            let f = match rng.random_range(0..7u8) {
                0 => 0.0,
                1 => f64::MAX,
                2 => -1.5,
                3 => f64::MIN_POSITIVE,
                _ => {
                    // A finite double from random bits (exponent 0x7ff is NaN/inf: redraw as a plain value).
                    let f = f64::from_bits(rng.random::<u64>());
                    if f.is_finite() {
                        f
                    } else {
                        rng.random::<i32>() as f64 / 7.0
                    }
                }
            };
            Number::from_f64(f).map_or_else(B::null, B::number)
        }
        Scalar::Boolean => B::bool(rng.random::<bool>()),
        Scalar::Id => {
            if rng.random_range(0..4u8) == 0 {
                B::number(Number::from(rng.random::<i64>()))
            } else {
                B::string(draw_string(rng))
            }
        }
        Scalar::Text => B::string(match hint {
            Hint::Email => {
                let tld = ["com", "org", "io", "co.uk"][rng.random_range(0..4usize)];
                let mut s = text::draw(rng, Alphabet::Lower, 1, 8);
                s.push('@');
                text::draw_into(&mut s, rng, Alphabet::Lower, 1, 8);
                s.push('.');
                s.push_str(tld);
                s
            }
            Hint::Text => {
                let alphabet = if rng.random_range(0..4u8) == 0 {
                    Alphabet::Unicode
                } else {
                    Alphabet::Plain
                };
                text::draw(rng, alphabet, 1, 16)
            }
            Hint::Url => {
                let mut s = String::from("https://example.com/");
                text::draw_into(&mut s, rng, Alphabet::Lower, 1, 12);
                s
            }
            // String and custom scalars (implementation-defined coercion; strings are accepted).
            Hint::None => draw_string(rng),
        }),
    }
}

/// Empty, ASCII, or any Unicode scalar values.
fn draw_string(rng: &mut impl RngExt) -> String {
    match rng.random_range(0..6u8) {
        0 => String::new(),
        1..=3 => text::draw(rng, Alphabet::Plain, 1, 16),
        _ => text::draw(rng, Alphabet::Unicode, 1, 8),
    }
}
