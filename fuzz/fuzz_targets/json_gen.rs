//! Structure-aware JSON for the `variables` and `response` targets: values
//! drawn by `arbitrary`, with object keys mostly taken from the names the
//! operation under test uses, so the fuzzer reaches deep into the checks.
#![allow(dead_code)]

use arbitrary::{Arbitrary, Result, Unstructured};
use serde_json::{Map, Value};

/// Draws a JSON value at most `depth` levels deep, keys from `names`.
pub fn value(u: &mut Unstructured, names: &[&str], depth: u32) -> Result<Value> {
    let pick = if depth == 0 { u.int_in_range(0..=5)? } else { u.int_in_range(0..=7)? };
    Ok(match pick {
        0 => Value::Null,
        1 => Value::Bool(bool::arbitrary(u)?),
        2 => Value::from(i64::arbitrary(u)?),
        3 => Value::from(i32::arbitrary(u)?),
        4 => serde_json::Number::from_f64(f64::arbitrary(u)?).map_or(Value::Null, Value::Number),
        5 => Value::String(if bool::arbitrary(u)? { String::arbitrary(u)? } else { u.choose(names)?.to_string() }),
        6 => {
            let n = u.int_in_range(0..=4)?;
            Value::Array((0..n).map(|_| value(u, names, depth - 1)).collect::<Result<_>>()?)
        }
        _ => {
            let n = u.int_in_range(0..=6)?;
            let mut map = Map::new();
            for _ in 0..n {
                let key = if u.ratio(7, 8)? { u.choose(names)?.to_string() } else { String::arbitrary(u)? };
                map.insert(key, value(u, names, depth - 1)?);
            }
            Value::Object(map)
        }
    })
}
