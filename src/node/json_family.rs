//! [`Node`] as a JSON representation for jsonschema, and read straight from
//! serde (without positions) for the fast first pass over stream lines.

use super::{Key, Node, Value};
use serde_json::Value as Json;

/// [`Node`] trees as a JSON representation for jsonschema (its `json`
/// module): validators built with `jsonschema::options_for::<NodeJson>()`
/// read the positioned tree in place, so a body is never converted to
/// `serde_json::Value` to be validated. Non-finite floats (YAML `.nan`),
/// which JSON cannot hold, read as null, as in [`Node::to_json`].
pub struct NodeJson;

impl jsonschema::json::Json for NodeJson {
    type Node<'a> = &'a Node;
    type PreparedKey = String;
    type StringBuffer = Node;

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>(buffer: &mut Node, string: &str, f: impl FnOnce(&Node) -> T) -> T {
        buffer.value = Value::String(string.to_owned());
        f(buffer)
    }
}

impl Default for Node {
    fn default() -> Self {
        Node {
            start: 0,
            len: 0,
            value: Value::Null,
        }
    }
}

/// A number of a [`Node`], for jsonschema.
pub struct NodeNumber<'a>(&'a serde_json::Number);

impl jsonschema::json::JsonNumber for NodeNumber<'_> {
    fn as_u64(&self) -> Option<u64> {
        self.0.as_u64()
    }
    fn as_i64(&self) -> Option<i64> {
        self.0.as_i64()
    }
    fn as_f64(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn as_str(&self) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Owned(self.0.to_string())
    }
    fn to_number(&self) -> std::borrow::Cow<'_, serde_json::Number> {
        std::borrow::Cow::Borrowed(self.0)
    }
}

impl<'a> jsonschema::json::Node<'a, NodeJson> for &'a Node {
    type Object = &'a [(Key, Node)];
    type Array = &'a [Node];
    type Number = NodeNumber<'a>;

    fn as_object(&self) -> Option<&'a [(Key, Node)]> {
        match &self.value {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
    fn as_array(&self) -> Option<&'a [Node]> {
        match &self.value {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    fn as_string(&self) -> Option<std::borrow::Cow<'a, str>> {
        match &self.value {
            Value::String(s) => Some(std::borrow::Cow::Borrowed(s)),
            _ => None,
        }
    }
    fn as_number(&self) -> Option<NodeNumber<'a>> {
        match &self.value {
            Value::Number(n) => Some(NodeNumber(n)),
            _ => None,
        }
    }
    fn as_boolean(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }
    fn is_null(&self) -> bool {
        matches!(self.value, Value::Null | Value::NonFinite(_))
    }
    fn string_length(&self) -> Option<u64> {
        match &self.value {
            Value::String(s) => Some(s.chars().count() as u64),
            _ => None,
        }
    }
    fn json_type(&self) -> jsonschema::JsonType {
        use jsonschema::JsonType as T;
        match &self.value {
            Value::Null | Value::NonFinite(_) => T::Null,
            Value::Bool(_) => T::Boolean,
            Value::Number(_) => T::Number,
            Value::String(_) => T::String,
            Value::Array(_) => T::Array,
            Value::Object(_) => T::Object,
        }
    }
    fn to_value(&self) -> std::borrow::Cow<'a, Json> {
        std::borrow::Cow::Owned(Node::to_json(self))
    }
    fn identity(&self) -> Option<jsonschema::json::NodeIdentity> {
        Some(jsonschema::json::NodeIdentity::new(std::ptr::from_ref::<Node>(*self) as usize))
    }
}

/// The members of an object node, for jsonschema.
pub struct NodeMembers<'a>(std::slice::Iter<'a, (Key, Node)>);

impl<'a> Iterator for NodeMembers<'a> {
    type Item = (&'a str, &'a Node);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k.name.as_str(), v))
    }
}

impl<'a> jsonschema::json::Object<'a, NodeJson> for &'a [(Key, Node)] {
    type Node = &'a Node;
    type MemberName = &'a str;
    type MembersIter = NodeMembers<'a>;

    fn len(&self) -> usize {
        <[(Key, Node)]>::len(self)
    }
    fn get(&self, key: &String) -> Option<&'a Node> {
        self.iter().rev().find(|(k, _)| &k.name == key).map(|(_, v)| v)
    }
    fn members(&self) -> NodeMembers<'a> {
        NodeMembers(self.iter())
    }
}

impl<'a> jsonschema::json::Array<'a, NodeJson> for &'a [Node] {
    type Node = &'a Node;
    type ElementsIter = std::slice::Iter<'a, Node>;

    fn len(&self) -> usize {
        <[Node]>::len(self)
    }
    fn elements(&self) -> std::slice::Iter<'a, Node> {
        self.iter()
    }
}

/// Reads JSON without positions (every span 0..0), straight into a tree:
/// the fast first pass over stream lines (see `input::ndjson`).
impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        d.deserialize_any(BareVisitor)
    }
}

struct BareVisitor;

fn bare(value: Value) -> Node {
    Node::bare(value)
}

/// Writes the value as JSON (non-finite numbers, which JSON cannot hold, as null).
impl serde::Serialize for Node {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match &self.value {
            Value::Null | Value::NonFinite(_) => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => n.serialize(s),
            Value::String(t) => s.serialize_str(t),
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for it in items {
                    seq.serialize_element(it)?;
                }
                seq.end()
            }
            Value::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(&k.name, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> serde::de::Visitor<'de> for BareVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(bare(Value::Null))
    }
    fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
        Ok(bare(Value::Bool(b)))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Node, E> {
        Ok(bare(Value::Number(n.into())))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Node, E> {
        Ok(bare(Value::Number(n.into())))
    }
    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Node, E> {
        serde_json::Number::from_f64(n)
            .map(|n| bare(Value::Number(n)))
            .ok_or_else(|| E::custom("a non-finite number"))
    }
    fn visit_str<E>(self, s: &str) -> Result<Node, E> {
        Ok(bare(Value::String(s.to_owned())))
    }
    fn visit_string<E>(self, s: String) -> Result<Node, E> {
        Ok(bare(Value::String(s)))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(n) = seq.next_element::<Node>()? {
            items.push(n);
        }
        Ok(bare(Value::Array(items)))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some((k, v)) = map.next_entry::<String, Node>()? {
            members.push((Key { name: k, start: 0 }, v));
        }
        Ok(bare(Value::Object(members)))
    }
}
