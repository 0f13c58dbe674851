//! One rule, every input kind: Plain's request rules (PL008 page size and
//! cursor pairs) give the same verdict on a `.graphql` file, a request body,
//! a recorded exchange and a request to `serve`.

use plain_contract::check::{self, operation::OpCache};
use plain_contract::serve::http::{self, ApiKey, Options};
use plain_contract::serve::store::Store;
use serde_json::json;
use std::path::PathBuf;

/// (query, is PL008 expected?)
const CASES: &[(&str, bool)] = &[
    ("{ customers(first: 500) { totalCount } }", true),
    ("{ customers(first: 101) { totalCount } }", true),
    ("{ customers(last: 101) { totalCount } }", true),
    ("{ customers(first: 0) { totalCount } }", false),
    ("{ customers(first: 100) { totalCount } }", false),
    ("{ customers(last: 100, before: \"x\") { totalCount } }", false),
    ("{ customers(first: -1) { totalCount } }", true),
    ("{ customers(first: 10, before: \"x\") { totalCount } }", true),
    ("{ customers(last: 5, after: \"x\") { totalCount } }", true),
    ("{ customers(first: 100, after: \"x\") { totalCount } }", false),
    ("{ customers(last: 0) { totalCount } }", false),
];

fn pl008(paths: &[PathBuf]) -> bool {
    let out = check::check_paths(super::contract(), &OpCache::default(), &plain_contract::Settings::default(), paths);
    out.diagnostics.iter().any(|d| d.code.as_str() == "PL008")
}

#[test]
fn plain_request_rules_agree_across_files_bodies_exchanges_and_serve() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("rules-every-input");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let token = "k_rules";
    let running = http::start(
        plain_contract::contract::Contract::embedded().unwrap(),
        Store::new(),
        Options {
            listen: "127.0.0.1:0".parse().unwrap(),
            keys: vec![ApiKey::parse(&format!("{token}=*"), 0).unwrap()],
            ..Options::default()
        },
    )
    .expect("serve starts on loopback");
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    for (i, (query, want)) in CASES.iter().enumerate() {
        // 1. An operation file.
        let op = dir.join(format!("case{i}.graphql"));
        std::fs::write(&op, query).unwrap();
        // 2. A request body.
        let body = dir.join(format!("case{i}.json"));
        std::fs::write(&body, json!({"query": query}).to_string()).unwrap();
        // 3. A recorded exchange the server answered.
        let ex = dir.join(format!("case{i}.exchange.json"));
        let exchange = json!({
            "request": {"method": "POST", "path": "/graphql/v1",
                "headers": {"Authorization": "Bearer <redacted>", "Content-Type": "application/json"},
                "body": {"query": query}},
            "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                "body": {"data": {"customers": {"totalCount": 0}}}}
        });
        std::fs::write(&ex, exchange.to_string()).unwrap();
        // 4. serve.
        let mut resp = agent
            .post(&running.url())
            .header("Authorization", format!("Bearer {token}"))
            .header("Content-Type", "application/json")
            .send(json!({"query": query}).to_string())
            .expect("serve answers");
        let answer: serde_json::Value = serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap();
        let served = answer["errors"][0]["extensions"]["contractCode"] == "PL008";
        let verdicts = [pl008(&[op]), pl008(&[body]), pl008(&[ex]), served];
        assert_eq!(verdicts, [*want; 4], "{query}: file, body, exchange, serve ({answer})");
    }
}
