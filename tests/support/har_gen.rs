//! Generated HAR input shared by the HAR unit tests (src/tests/har_stream.rs)
//! and the binary's HAR tests (tests/integration/har_input.rs), which are
//! separate crates: each includes this file with `#[path]`.

use serde_json::{json, Value};
use std::path::PathBuf;

/// A file path in this process's scratch folder.
pub(crate) fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pc-har-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Entry `i` of a generated capture (faults at fixed strides, below).
pub(crate) fn entry(i: usize) -> Value {
    let id = format!("c_01J8ZQ4W5X6Y7Z8A9B0C1D{i:04}");
    // Every 41st entry has a response fault (an ID as a number), every 53rd a
    // request fault, every 13th goes to another host, one in 97 holds a key
    // (fewer findings than a stream keeps, 1,000, so all can be compared);
    // bodies hold non-ASCII text so columns count characters, not bytes.
    let resp_id = if i.is_multiple_of(41) { json!(i) } else { json!(id) };
    let query = if i.is_multiple_of(53) {
        "query c($id: ID!) { customer(customerId: $id) { id nickname } }"
    } else {
        "query c($id: ID!) { customer(customerId: $id) { id fullName } }"
    };
    let host = if i.is_multiple_of(13) {
        "api.othervendor.com"
    } else {
        "core-api.uk.plain.com"
    };
    let auth = if i.is_multiple_of(97) {
        "Bearer plainApiKey_0123456789abcdefABCDEF"
    } else {
        "Bearer <redacted>"
    };
    json!({
        "startedDateTime": "2026-05-11T10:15:00.000Z",
        "request": {
            "method": "POST", "url": format!("https://{host}/graphql/v1"), "httpVersion": "HTTP/1.1",
            "headers": [{"name": "Authorization", "value": auth}, {"name": "Content-Type", "value": "application/json"}],
            "postData": {"mimeType": "application/json", "text": json!({"query": query, "variables": {"id": id}}).to_string()}
        },
        "response": {
            "status": 200, "httpVersion": "HTTP/1.1",
            "headers": [{"name": "Content-Type", "value": "application/json"}],
            "content": {"mimeType": "application/json", "text": json!({"data": {"customer": {"id": resp_id, "fullName": "Zoë Ünal 𝄞"}}}).to_string()}
        }
    })
}

/// A capture of entries 0..n.
pub(crate) fn har(n: usize) -> Value {
    json!({"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": (0..n).map(entry).collect::<Vec<_>>()}})
}
