//! The check pass's hand-over to a `coverage` run: what a document, a
//! request body or an exchange held, passed to [`crate::coverage`] when the
//! run's settings carry a [`Sink`]. A plain `check` never comes here.

use super::operation::{self, OpCache};
use crate::contract::Contract;
use crate::coverage::{dynamic, walk, Counts, Sink, Site};
use crate::exchange::{Body, Exchange};
use crate::input::documents::Doc;
use crate::node::Node;
use crate::source::Source;
use std::collections::{HashMap, HashSet};

/// The documents of the files checked (`counted`, by source path); fragment
/// type conditions come from every document of the run.
pub(crate) fn documents(contract: &Contract, docs: &[Doc], counted: &HashSet<&str>, sink: &Sink) {
    use rayon::prelude::*;
    let mut fragments = HashMap::new();
    for d in docs {
        if let Some(ast) = &d.ast {
            walk::fragment_types(ast, &mut fragments);
        }
    }
    let schema = &contract.schema.schema;
    let parts: Vec<Counts> = docs
        .par_iter()
        .filter(|d| counted.contains(d.file.path.as_str()))
        .filter_map(|d| {
            let ast = crate::input::documents::with_own_places(d)?;
            let mut c = Counts::default();
            let place = |off: usize| site(&d.file, d.base + off);
            walk::document(schema, &ast, &fragments, &place, &mut c);
            Some(c)
        })
        .collect();
    let mut all = Counts::default();
    for p in parts {
        all.merge(p);
    }
    sink.add(all);
}

fn site(file: &Source, offset: usize) -> Site {
    let at = file.line_col(offset);
    Site {
        file: file.path.clone(),
        line: at.line,
        column: at.column,
    }
}

/// A GraphQL request body of a file (not an exchange): its query counted as
/// a document, at its place in the file, and its variables as sent.
pub(crate) fn request_body(contract: &Contract, cache: &OpCache, src: &Source, body: &Node, sink: &Sink) {
    let Some(qn) = body.get("query") else { return };
    let Some(text) = qn.as_str() else { return };
    let mut c = Counts::default();
    let (Ok(ast) | Err(apollo_compiler::validation::WithErrors { partial: ast, .. })) = operation::parser().parse_ast(text, "<query>");
    let mut fragments = HashMap::new();
    walk::fragment_types(&ast, &mut fragments);
    let place = |off: usize| site(src, operation::embedded_offset(src, qn, text, off));
    walk::document(&contract.schema.schema, &ast, &fragments, &place, &mut c);
    let analysis = cache.get(&contract.schema, text);
    if let Some(doc) = &analysis.doc {
        let name = body.get("operationName").and_then(Node::as_str);
        if let Ok(op) = doc.operations.get(name) {
            let vars = body.get("variables").filter(|v| v.members().is_some());
            for v in &op.variables {
                if let Some(val) = vars.and_then(|vs| vs.get(v.name.as_str())) {
                    dynamic::sent(&contract.schema.schema, &v.ty, val, &mut c);
                }
            }
        }
    }
    sink.add(c);
}

/// One exchange: what it selected, sent and was answered.
pub(crate) fn exchange(contract: &Contract, cache: &OpCache, ex: &Exchange<'_>, sink: &Sink) {
    let owned;
    let req_body: Option<&Node> = match ex.request.as_ref().map(|r| &r.body) {
        Some(Body::Data(n)) => Some(n),
        Some(Body::Text(_, t)) => {
            owned = serde_json::from_str::<Node>(t).ok();
            owned.as_ref()
        }
        _ => None,
    };
    let owned_resp;
    let mut not_json = false;
    let resp_body: Option<&Node> = match ex.response.as_ref().map(|r| &r.body) {
        Some(Body::Data(n)) => Some(n),
        Some(Body::Text(_, t)) => {
            owned_resp = serde_json::from_str::<Node>(t).ok();
            not_json = owned_resp.is_none() && !t.trim().is_empty();
            owned_resp.as_ref()
        }
        Some(Body::Opaque) => {
            not_json = true;
            None
        }
        _ => None,
    };
    let status = ex.response.as_ref().and_then(|r| r.status).map(|(s, _)| s);
    let analysis = req_body
        .and_then(|b| b.get("query"))
        .and_then(Node::as_str)
        .map(|t| cache.get(&contract.schema, t));
    let name = req_body.and_then(|b| b.get("operationName")).and_then(Node::as_str);
    let doc = analysis
        .as_ref()
        .and_then(|a| a.doc.as_ref())
        .and_then(|d| d.operations.get(name).ok().map(|op| (&**d, &**op)));
    let ex = dynamic::Exchange {
        doc,
        variables: req_body.and_then(|b| b.get("variables")).filter(|v| v.members().is_some()),
        status,
        response: resp_body,
        not_json,
    };
    sink.with(|c| dynamic::exchange(&contract.schema.schema, &ex, c));
}
