//! A HAR entry read without positions and without the members no check
//! reads: the fast first pass of the HAR stream ([`super::har_stream`]).
//!
//! Browser exports fill each entry with members the contract does not
//! cover (`timings`, `cache`, `cookies`, `queryString`, `headersSize`,
//! `startedDateTime`...). The readers look only at `request.{method, url,
//! headers, postData}` and `response.{status, headers, content}`
//! ([`crate::exchange::read_har_entry`]), so this pass skips the rest unread
//! (serde's `IgnoredAny`, which still checks that it is JSON) instead of
//! building a tree of it. An entry with any finding is read again whole,
//! with positions, so what is reported does not depend on this pass; a value
//! of another kind where an object is expected is kept as it is, for the
//! readers to report.

use crate::node::{Key, Node, Value};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Which members of an object are kept.
#[derive(Clone, Copy)]
enum Level {
    Entry,
    Request,
    Response,
}

impl Level {
    /// The member's level when it is kept and read selectively, `Ok(None)`
    /// when it is kept whole, `Err(())` when it is skipped.
    fn member(self, key: &str) -> Result<Option<Level>, ()> {
        match (self, key) {
            (Level::Entry, "request") => Ok(Some(Level::Request)),
            (Level::Entry, "response") => Ok(Some(Level::Response)),
            (Level::Request, "method" | "url" | "headers" | "postData") => Ok(None),
            (Level::Response, "status" | "headers" | "content") => Ok(None),
            _ => Err(()),
        }
    }
}

/// Parses one entry's text: the kept members as [`Node`]s without
/// positions. An error (not JSON, nesting deeper than serde_json reads)
/// sends the entry to the positioned reader, which reports it.
pub(super) fn parse_entry(text: &str) -> Result<Node, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let node = Lean(Level::Entry).deserialize(&mut de)?;
    de.end()?;
    Ok(node)
}

struct Lean(Level);

impl<'de> DeserializeSeed<'de> for Lean {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Lean {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a HAR entry")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut members = Vec::new();
        while let Some(k) = map.next_key::<String>()? {
            match self.0.member(&k) {
                Ok(Some(level)) => members.push((Key { name: k, start: 0 }, map.next_value_seed(Lean(level))?)),
                Ok(None) => members.push((Key { name: k, start: 0 }, map.next_value::<Node>()?)),
                Err(()) => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Node::bare(Value::Object(members)))
    }
    // Not an object: kept whole, as the plain reader would read it.
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::bare(Value::Null))
    }
    fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
        Ok(Node::bare(Value::Bool(b)))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Node, E> {
        Ok(Node::bare(Value::Number(n.into())))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Node, E> {
        Ok(Node::bare(Value::Number(n.into())))
    }
    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Node, E> {
        serde_json::Number::from_f64(n)
            .map(|n| Node::bare(Value::Number(n)))
            .ok_or_else(|| E::custom("a non-finite number"))
    }
    fn visit_str<E>(self, s: &str) -> Result<Node, E> {
        Ok(Node::bare(Value::String(s.to_owned())))
    }
    fn visit_string<E>(self, s: String) -> Result<Node, E> {
        Ok(Node::bare(Value::String(s)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(n) = seq.next_element::<Node>()? {
            items.push(n);
        }
        Ok(Node::bare(Value::Array(items)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_the_readers_read() {
        let text = r#"{"startedDateTime": "x", "timings": {"wait": 1}, "cache": {},
            "request": {"method": "POST", "url": "u", "httpVersion": "HTTP/1.1", "cookies": [],
                        "headers": [{"name": "a", "value": "b"}], "postData": {"mimeType": "m", "text": "t"}},
            "response": {"status": 200, "statusText": "OK", "content": {"text": "{}", "encoding": "base64"}, "headers": []}}"#;
        let n = parse_entry(text).expect("parses");
        let full: Node = serde_json::from_str(text).expect("parses");
        assert!(n.get("timings").is_none() && n.get("cache").is_none());
        let req = n.get("request").expect("request");
        assert!(req.get("cookies").is_none() && req.get("httpVersion").is_none());
        for k in ["method", "url", "headers", "postData"] {
            assert_eq!(req.get(k), full.get("request").and_then(|r| r.get(k)), "{k}");
        }
        let resp = n.get("response").expect("response");
        assert!(resp.get("statusText").is_none());
        for k in ["status", "headers", "content"] {
            assert_eq!(resp.get(k), full.get("response").and_then(|r| r.get(k)), "{k}");
        }
        // Other kinds are kept as they are; bad JSON anywhere is an error.
        assert_eq!(
            parse_entry(r#"{"request": "GET /"}"#)
                .unwrap()
                .get("request")
                .and_then(Node::as_str),
            Some("GET /")
        );
        assert!(parse_entry(r#"{"timings": {"wait": 1,}}"#).is_err());
        assert!(parse_entry(r#"{"request": {}} x"#).is_err());
    }
}
