//! Property runs: generated values wrapped as a request's variables and
//! checked by the same checks users get, with shrinking (proptest's
//! `TestRunner::run_one`) and reproducible seeds.
//!
//! Each case has its own seed, derived from the run's seed and the case's
//! index, so a failure is replayed by its case seed alone; failing case seeds
//! are appended to a regressions file that later runs replay first.

use super::{Fault, GenError, Generator};
use crate::check::operation::OpCache;
use crate::check::{request, variables};
use crate::contract::Contract;
use crate::diagnostic::Diagnostic;
use crate::node::{self, push_token, Syntax};
use crate::source::Source;
use apollo_compiler::executable::{Operation, OperationType, SelectionSet, VariableDefinition};
use apollo_compiler::schema::Type;
use apollo_compiler::{Name, Node};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use serde_json::Value as Json;
use std::path::Path;

/// What generated values are wrapped in.
pub enum Wrap {
    /// A real operation: each case is a whole GraphQL request body, checked by
    /// both layers (OpenAPI request schema, document, variables).
    Request {
        /// The document text.
        query: String,
        /// Its operationName, when the document has several operations.
        operation_name: Option<String>,
        /// The variable the value fills.
        variable: String,
        /// The validated operation (for apollo-compiler's coercion).
        operation: Node<Operation>,
    },
    /// No operation takes the type directly: a synthetic `($input: T!)`
    /// operation, checked by the variables layer only.
    Synthetic {
        /// The synthetic operation.
        operation: Node<Operation>,
    },
}

/// A type and what its values are wrapped in.
pub struct Target {
    /// The input type.
    pub type_name: String,
    /// The wrapper.
    pub wrap: Wrap,
}

/// Why a target could not be made.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    /// The type is not generable.
    #[error(transparent)]
    Gen(#[from] GenError),
    /// The operation file is unusable.
    #[error("{0}")]
    Operation(String),
}

impl Target {
    /// By default: the first OpenAPI example whose operation has a variable of
    /// type `T!` or `T` (for UpsertCustomerInput, the upsertCustomer example);
    /// else an operation on the first root field taking a `T` argument; else
    /// a synthetic operation (nested input types).
    pub fn for_type(contract: &Contract, gen: &Generator, type_name: &str) -> Result<Target, TargetError> {
        gen.check_type(type_name)?;
        if let Some(op) = &contract.openapi.graphql {
            for ex in &op.examples {
                let body = contract.openapi.node(&ex.pointer);
                let Some(query) = body.get("query").and_then(node::Node::as_str) else {
                    continue;
                };
                if let Ok(t) = Self::from_query(contract, type_name, query) {
                    return Ok(t);
                }
            }
        }
        // A root field that takes the type as an argument: a generated operation.
        let schema = &contract.schema.schema;
        let roots = [
            ("query", schema.schema_definition.query.as_ref()),
            ("mutation", schema.schema_definition.mutation.as_ref()),
        ];
        for (kind, root) in roots {
            let Some(apollo_compiler::schema::ExtendedType::Object(obj)) = root.and_then(|r| schema.types.get(r.as_str())) else {
                continue;
            };
            for (fname, field) in &obj.fields {
                let Some(arg) = field
                    .arguments
                    .iter()
                    .find(|a| a.ty.inner_named_type() == type_name && !a.ty.is_list())
                else {
                    continue;
                };
                if field
                    .arguments
                    .iter()
                    .any(|a| a.name != arg.name && a.ty.is_non_null() && a.default_value.is_none())
                {
                    continue;
                }
                let composite = !matches!(
                    schema.types.get(field.ty.inner_named_type().as_str()),
                    Some(apollo_compiler::schema::ExtendedType::Scalar(_) | apollo_compiler::schema::ExtendedType::Enum(_))
                );
                let sel = if composite { " { __typename }" } else { "" };
                let query = format!(
                    "{kind} Generated($input: {}) {{\n  {fname}({}: $input){sel}\n}}\n",
                    arg.ty, arg.name
                );
                if let Ok(t) = Self::from_query(contract, type_name, &query) {
                    return Ok(t);
                }
            }
        }
        Ok(Target {
            type_name: type_name.to_string(),
            wrap: Wrap::Synthetic {
                operation: synthetic(type_name),
            },
        })
    }

    /// From an operation file: it must validate and define a variable of the type.
    pub(crate) fn from_operation_file(contract: &Contract, gen: &Generator, type_name: &str, path: &Path) -> Result<Target, TargetError> {
        gen.check_type(type_name)?;
        let src =
            crate::input::read::read_source(path).map_err(|d| TargetError::Operation(format!("{}: {}", path.display(), d.message)))?;
        Self::from_query(contract, type_name, &src.text).map_err(|e| TargetError::Operation(format!("{}: {e}", path.display())))
    }

    fn from_query(contract: &Contract, type_name: &str, query: &str) -> Result<Target, String> {
        let analysis = crate::check::operation::analyze(&contract.schema, query);
        if let Some(f) = analysis.findings.first() {
            return Err(format!("the operation is not valid: {}", f.message));
        }
        let doc = analysis.doc.as_ref().ok_or("the operation is not valid")?;
        for op in doc.operations.iter() {
            let Some(var) = op
                .variables
                .iter()
                .find(|v| v.ty.inner_named_type() == type_name && !v.ty.is_list())
            else {
                continue;
            };
            let others_required = op
                .variables
                .iter()
                .any(|v| v.name != var.name && v.ty.is_non_null() && v.default_value.is_none());
            if others_required {
                continue;
            }
            return Ok(Target {
                type_name: type_name.to_string(),
                wrap: Wrap::Request {
                    query: query.to_string(),
                    operation_name: if doc.operations.len() > 1 {
                        op.name.as_ref().map(|n| n.to_string())
                    } else {
                        None
                    },
                    variable: var.name.to_string(),
                    operation: op.clone(),
                },
            });
        }
        Err(format!(
            "no operation defines a variable of type `{type_name}` (and no other required variable)"
        ))
    }

    /// The variable name values fill.
    pub(crate) fn variable(&self) -> &str {
        match &self.wrap {
            Wrap::Request { variable, .. } => variable,
            Wrap::Synthetic { .. } => "input",
        }
    }

    /// The request body for a value.
    pub(crate) fn body(&self, value: &Json) -> Json {
        // Built by hand: `json!` would re-serialise the value into a new tree.
        let mut vars = serde_json::Map::with_capacity(1);
        vars.insert(self.variable().to_string(), value.clone());
        let mut b = serde_json::Map::with_capacity(3);
        if let Wrap::Request { query, operation_name, .. } = &self.wrap {
            b.insert("query".into(), Json::String(query.clone()));
            if let Some(n) = operation_name {
                b.insert("operationName".into(), Json::String(n.clone()));
            }
        }
        b.insert("variables".into(), Json::Object(vars));
        Json::Object(b)
    }

    fn operation(&self) -> &Operation {
        match &self.wrap {
            Wrap::Request { operation, .. } | Wrap::Synthetic { operation } => operation,
        }
    }

    /// Checks one value with the checks users get; returns the diagnostics
    /// and whether apollo-compiler's coercion accepted the variables. Fails if
    /// the JSON round trip loses anything.
    pub(crate) fn check(&self, contract: &Contract, cache: &OpCache, value: &Json) -> Result<(Vec<Diagnostic>, bool), String> {
        let (diags, body) = self.check_ours(contract, cache, value)?;
        Ok((diags, self.apollo_accepts(contract, &body["variables"])?))
    }

    /// Whether apollo-compiler's `coerce_variable_values` accepts the variables.
    fn apollo_accepts(&self, contract: &Contract, variables: &Json) -> Result<bool, String> {
        let map: apollo_compiler::response::JsonMap = serde_json::from_value(variables.clone()).map_err(|e| e.to_string())?;
        Ok(apollo_compiler::request::coerce_variable_values(&contract.schema.schema, self.operation(), &map).is_ok())
    }

    /// The valid-value property on a value drawn as a node tree: our checks
    /// on the tree, the JSON round trip, and apollo-compiler's coercion. The
    /// fast path of `proptest`: a failing case is replayed through
    /// [`Target::property`] to shrink it.
    pub fn property_fast(&self, contract: &Contract, cache: &OpCache, value: node::Node) -> Result<(), String> {
        let body = self.body_node(value);
        let diags = self.check_body(contract, cache, &Source::new("<generated>", ""), &body);
        // The round trip through text, read back by the reader `check` uses
        // first on streams; apollo-compiler reads the same text.
        let text = serde_json::to_string(&body).map_err(|e| e.to_string())?;
        let back: node::Node = serde_json::from_str(&text).map_err(|e| format!("the generated JSON does not parse back: {e}"))?;
        if back != body {
            return Err("the JSON round trip changed the value".into());
        }
        #[derive(serde::Deserialize)]
        struct Vars {
            #[serde(default)]
            variables: apollo_compiler::response::JsonMap,
        }
        let vars: Vars = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let apollo_ok =
            apollo_compiler::request::coerce_variable_values(&contract.schema.schema, self.operation(), &vars.variables).is_ok();
        self.judge(&diags, apollo_ok, None)
    }

    /// The request body for a value already drawn as a node tree.
    pub(crate) fn body_node(&self, value: node::Node) -> node::Node {
        use node::{Key, Node as N, Value as V};
        let key = |name: &str| Key {
            name: name.to_string(),
            start: 0,
        };
        let mut b = Vec::with_capacity(3);
        if let Wrap::Request { query, operation_name, .. } = &self.wrap {
            b.push((key("query"), N::bare(V::String(query.clone()))));
            if let Some(n) = operation_name {
                b.push((key("operationName"), N::bare(V::String(n.clone()))));
            }
        }
        b.push((key("variables"), N::bare(V::Object(vec![(key(self.variable()), value)]))));
        N::bare(V::Object(b))
    }

    /// Our checks on a value drawn as a node tree (see [`Generator::drawer`]):
    /// the fast path of property runs and what the throughput bench times.
    pub fn check_node(&self, contract: &Contract, cache: &OpCache, src: &Source, value: node::Node) -> Vec<Diagnostic> {
        self.check_body(contract, cache, src, &self.body_node(value))
    }

    fn check_body(&self, contract: &Contract, cache: &OpCache, src: &Source, node: &node::Node) -> Vec<Diagnostic> {
        match &self.wrap {
            Wrap::Request { .. } => request::check_request(&contract.openapi, &contract.schema, cache, src, node, ""),
            Wrap::Synthetic { operation } => {
                variables::check_variables(&contract.schema, operation, node.get("variables"), node, "/variables", src)
            }
        }
    }

    /// Our checks alone (and the JSON round trip); returns the diagnostics and the body.
    pub(crate) fn check_ours(&self, contract: &Contract, cache: &OpCache, value: &Json) -> Result<(Vec<Diagnostic>, Json), String> {
        let body = self.body(value);
        let text = serde_json::to_string(&body).map_err(|e| e.to_string())?;
        let src = Source::new("<generated>", text);
        let node = node::parse(&src, Syntax::Json).map_err(|d| format!("the generated JSON does not parse back: {}", d.message))?;
        if node.to_json() != body {
            return Err("the JSON round trip changed the value".into());
        }
        let diags = match &self.wrap {
            Wrap::Request { .. } => request::check_request(&contract.openapi, &contract.schema, cache, &src, &node, ""),
            Wrap::Synthetic { operation } => {
                variables::check_variables(&contract.schema, operation, node.get("variables"), &node, "/variables", &src)
            }
        };
        Ok((diags, body))
    }

    /// The property for one case: valid values pass every check, invalid ones
    /// give exactly their fault's code at its pointer; apollo-compiler agrees
    /// on accept/reject (except `@oneOf`, which it does not enforce).
    pub fn property(&self, contract: &Contract, cache: &OpCache, value: &Json, fault: Option<&Fault>) -> Result<(), String> {
        let (diags, apollo_ok) = self.check(contract, cache, value)?;
        self.judge(&diags, apollo_ok, fault)
    }

    /// Valid values pass with no finding and apollo-compiler accepts them;
    /// an invalid one gives exactly its fault.
    fn judge(&self, diags: &[Diagnostic], apollo_ok: bool, fault: Option<&Fault>) -> Result<(), String> {
        let found: Vec<String> = diags
            .iter()
            .map(|d| format!("{} at {}: {}", d.code, d.pointer.as_deref().unwrap_or(""), d.message))
            .collect();
        match fault {
            None => {
                if !diags.is_empty() {
                    return Err(format!("a valid value was rejected: {}", found.join("; ")));
                }
                if !apollo_ok {
                    return Err("apollo-compiler rejects a value our checks accept".into());
                }
            }
            Some(f) => {
                let want_ptr = push_token("/variables", self.variable()) + &f.pointer;
                let ok = diags.len() == 1 && diags[0].code == f.code && diags[0].pointer.as_deref() == Some(want_ptr.as_str());
                if !ok {
                    return Err(format!(
                        "expected exactly {} at {want_ptr} ({}), found [{}]",
                        f.code,
                        f.what,
                        found.join("; ")
                    ));
                }
                let oneof = f.code == crate::diagnostic::Code::OneOf;
                if apollo_ok != oneof {
                    return Err(format!(
                        "apollo-compiler {} the value with fault {} ({})",
                        if apollo_ok { "accepts" } else { "rejects" },
                        f.code,
                        f.what
                    ));
                }
            }
        }
        Ok(())
    }
}

/// `query ($input: T!) { __typename }`, never validated: only its variable
/// definition is used, by our walker and by apollo-compiler's coercion.
fn synthetic(type_name: &str) -> Node<Operation> {
    let name = Name::new(type_name).unwrap_or_else(|_| Name::new_static_unchecked("String"));
    let var = VariableDefinition {
        name: Name::new_static_unchecked("input"),
        ty: Node::new(Type::NonNullNamed(name)),
        default_value: None,
        directives: Default::default(),
    };
    Node::new(Operation {
        operation_type: OperationType::Query,
        name: None,
        variables: vec![Node::new(var)],
        directives: Default::default(),
        selection_set: SelectionSet::new(Name::new_static_unchecked("Query")),
    })
}

/// A `--seed` that is not 1 to 16 hex digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed seed `{0}`: expected 1 to 16 hex digits, such as 5eed or 0x1f2e3d4c5b6a7988")]
pub(crate) struct SeedError(String);

/// Parses a seed: 1 to 16 hex digits, optionally `0x`-prefixed.
pub(crate) fn parse_seed(s: &str) -> Result<u64, SeedError> {
    let h = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")).unwrap_or(s);
    if h.is_empty() || h.len() > 16 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(SeedError(s.to_string()));
    }
    // 1 to 16 hex digits always fit in a u64.
    u64::from_str_radix(h, 16).map_err(|_| SeedError(s.to_string()))
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The 32-byte ChaCha seed of case `i` of a run.
pub fn case_seed(seed: u64, i: u64) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut x = splitmix(seed ^ splitmix(i));
    for chunk in out.chunks_mut(8) {
        x = splitmix(x);
        chunk.copy_from_slice(&x.to_le_bytes());
    }
    out
}

/// A runner whose randomness is the case seed alone.
pub fn runner_for(case: &[u8; 32]) -> TestRunner {
    let config = Config {
        failure_persistence: None,
        max_shrink_iters: 10_000,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, case))
}

/// A shrunk failure.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Index of the case in the run (None when replayed from the regressions file).
    pub case: Option<u64>,
    /// The case seed, as hex.
    pub case_seed: String,
    /// Why it failed (for the shrunk value).
    pub reason: String,
    /// The shrunk value.
    pub value: Json,
    /// The fault, for invalid runs.
    pub fault: Option<Fault>,
}

/// Hex of a case seed.
pub fn hex(bytes: &[u8; 32]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses a case seed written by [`hex`].
pub(crate) fn unhex(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// Runs one case from its seed with `test`, shrinking on failure. The error
/// holds the reason and the shrunk value (None if nothing could be generated).
pub fn run_case<S, F>(strategy: &S, case: &[u8; 32], test: F) -> Result<(), (String, Option<S::Value>)>
where
    S: Strategy,
    S::Value: Clone,
    F: Fn(S::Value) -> Result<(), String>,
{
    let mut runner = runner_for(case);
    let tree = strategy
        .new_tree(&mut runner)
        .map_err(|reason| (format!("no value could be generated: {reason}"), None))?;
    let first = tree.current();
    match runner.run_one(tree, |v| test(v).map_err(TestCaseError::fail)) {
        Ok(_) => Ok(()),
        Err(TestError::Fail(reason, v)) => Err((reason.to_string(), Some(v))),
        Err(TestError::Abort(reason)) => Err((reason.to_string(), Some(first))),
    }
}

/// The report printed for a shrunk failure.
pub fn failure_report(type_name: &str, mode: &str, seed: u64, cases: u64, target: &Target, f: &Failure, saved: &str) -> String {
    let at = f
        .case
        .map_or("a saved regression".to_string(), |i| format!("case {} of {cases}", i + 1));
    let body = serde_json::to_string_pretty(&target.body(&f.value)).unwrap_or_default();
    let mut s = format!("proptest {type_name} ({mode} values): FAILED at {at}\n");
    s.push_str(&format!("  reason: {}\n", f.reason));
    if let Some(Fault { code, pointer, what }) = &f.fault {
        s.push_str(&format!(
            "  fault: {what}; expected {code} at /variables/{}{pointer}\n",
            target.variable()
        ));
    }
    s.push_str("  minimal failing request (shrunk):\n");
    for line in body.lines() {
        s.push_str(&format!("    {line}\n"));
    }
    s.push_str(&format!("  seed: {seed:#x}; case seed: {}\n", f.case_seed));
    let inv = if mode == "invalid" { " --invalid" } else { "" };
    s.push_str(&format!(
        "  reproduce: plain-contract proptest --type {type_name} --cases {cases} --seed {seed:#x}{inv}\n"
    ));
    s.push_str(&format!("  {saved}\n"));
    s
}
