//! `__Type.isOneOf` (the OneOf Input Objects RFC) as `serve` answers it: true
//! for a `@oneOf` input object, false for another input object, null for other
//! kinds, under the user's alias and in the selection's order; graphql-js 16's
//! `getIntrospectionQuery({ oneOf: true })` and `buildClientSchema` see it; and
//! a schema read from introspection keeps `@oneOf`.

use plain_contract::contract::Contract;
use plain_contract::serve::http::{ApiKey, Options, Service};
use plain_contract::serve::store::Store;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

const KEY: &str = "k_one_of_test";

fn service() -> Service {
    let opts = Options {
        keys: vec![ApiKey::parse(&format!("{KEY}=*"), 0).unwrap()],
        ..Options::default()
    };
    Service::new(Contract::embedded().unwrap(), Store::new(), opts)
}

fn ask(svc: &Service, query: &str) -> (u16, Value) {
    let body = json!({ "query": query }).to_string();
    let (status, bytes) = svc.answer(KEY, body.as_bytes()).expect("the key is known");
    (status, serde_json::from_slice(&bytes).expect("a JSON answer"))
}

#[test]
fn is_one_of_is_true_false_or_null_by_kind() {
    let svc = service();
    let (status, v) = ask(
        &svc,
        r#"{
          oneOf: __type(name: "CustomerIdentifierInput") { name isOneOf kind }
          plain: __type(name: "UpsertCustomerInput") { kind isOneOf name }
          object: __type(name: "Customer") { mine: isOneOf name fields { name type { isOneOf kind ofType { name isOneOf } } } }
          upsert: __type(name: "UpsertCustomerInput") { inputFields { name type { ofType { name isOneOf } } } }
        }"#,
    );
    assert_eq!(status, 200, "{v}");
    assert!(v.get("errors").is_none(), "{v}");
    let d = &v["data"];
    assert_eq!(
        d["oneOf"],
        json!({"name": "CustomerIdentifierInput", "isOneOf": true, "kind": "INPUT_OBJECT"})
    );
    // The user's order is kept: the answer's keys come in the selection's order.
    let keys: Vec<&String> = d["oneOf"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["name", "isOneOf", "kind"]);
    assert_eq!(
        d["plain"],
        json!({"kind": "INPUT_OBJECT", "isOneOf": false, "name": "UpsertCustomerInput"})
    );
    let object = d["object"].as_object().unwrap();
    assert_eq!(object["mine"], Value::Null, "an alias is the response key");
    assert_eq!(object.keys().next().map(String::as_str), Some("mine"));
    // Wrappers (NON_NULL, LIST) and object types: null.
    for f in object["fields"].as_array().unwrap() {
        assert_eq!(f["type"]["isOneOf"], Value::Null, "{f}");
    }
    // Nested `ofType`: the upsert's identifier is `@oneOf`, its other inputs are not.
    let fields = d["upsert"]["inputFields"].as_array().unwrap();
    let of = |name: &str| fields.iter().find(|f| f["name"] == name).unwrap()["type"]["ofType"]["isOneOf"].clone();
    assert_eq!(of("identifier"), json!(true), "{fields:?}");
    assert_eq!(of("onCreate"), json!(false), "{fields:?}");
}

#[test]
fn is_one_of_in_fragments_with_skip_and_beside_the_schema_types() {
    let svc = service();
    let (status, v) = ask(
        &svc,
        r#"query Q {
          __schema { types { ...T } }
          a: __type(name: "TenantIdentifierInput") { ... on __Type { isOneOf } x: isOneOf @skip(if: true) }
        }
        fragment T on __Type { name isOneOf }"#,
    );
    assert_eq!(status, 200, "{v}");
    let types = v["data"]["__schema"]["types"].as_array().unwrap();
    let mut seen = (0, 0, 0);
    for t in types {
        match t["isOneOf"] {
            Value::Bool(true) => seen.0 += 1,
            Value::Bool(false) => seen.1 += 1,
            _ => seen.2 += 1,
        }
    }
    // Each @oneOf input of the embedded schema, and only those, answers true.
    let sdl = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/plain-support-schema.graphql")).unwrap();
    let declared = sdl.lines().filter(|l| l.starts_with("input ") && l.contains("@oneOf")).count();
    assert_eq!(seen.0, declared, "{types:?}");
    assert!(seen.1 > 0 && seen.2 > 0, "{seen:?}");
    assert_eq!(v["data"]["a"], json!({"isOneOf": true}), "{v}");
}

#[test]
fn is_one_of_is_listed_on_the_type_type() {
    let svc = service();
    let (_, v) = ask(&svc, r#"{ __type(name: "__Type") { fields { name type { name } } } }"#);
    let fields = v["data"]["__type"]["fields"].as_array().unwrap();
    assert!(
        fields.iter().any(|f| f["name"] == "isOneOf" && f["type"]["name"] == "Boolean"),
        "{fields:?}"
    );
    // `check` validates an operation that selects it.
    let dir = std::env::temp_dir().join(format!("pc-isoneof-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let op = dir.join("introspect.graphql");
    std::fs::write(&op, "query I { __type(name: \"CustomerIdentifierInput\") { name isOneOf } }\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_plain-contract"))
        .arg("check")
        .arg(&op)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn graphql_js_build_client_schema_sees_is_one_of() {
    let Some(modules) = crate::schema_diff::graphql_js() else { return };
    let opts = Options {
        listen: "127.0.0.1:0".parse().unwrap(),
        keys: vec![ApiKey::parse(&format!("{KEY}=*"), 0).unwrap()],
        ..Options::default()
    };
    let running = plain_contract::serve::http::start(Contract::embedded().unwrap(), Store::new(), opts).unwrap();
    let out = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/graphql-js/one-of-client.cjs"))
        .arg(running.url())
        .arg(KEY)
        .env("NODE_PATH", &modules)
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let inputs: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(inputs["CustomerIdentifierInput"], json!(true), "{inputs}");
    assert_eq!(inputs["CustomerGroupIdentifier"], json!(true), "{inputs}");
    assert_eq!(inputs["UpsertCustomerInput"], json!(false), "{inputs}");
}
