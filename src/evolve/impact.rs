//! `schema diff OLD NEW --against PATHS`: what the changes break in the
//! user's own operations and recorded exchanges.
//!
//! The paths are checked twice by the crate's own `check` entry point
//! ([`crate::check::check_paths_with`]), once under OLD and once under NEW
//! (same OpenAPI layer). An item (an operation, an exchange, a request) with no
//! error under OLD and errors under NEW is *broken*; its findings are NEW's.
//!
//! Use sites come from walking the `.graphql`/`.gql` operation documents among
//! the paths under OLD with apollo-compiler's executable model: every field
//! selected (`Type.field`), argument given (`Type.field(arg:)`), type named
//! (variables, fragment conditions, field types), enum value and input field
//! written as a literal. A breaking change is *used* where its coordinate (or
//! the member it concerns: the field a required argument was added to, the
//! input type a required field was added to) is used; a dangerous enum-value
//! or union-member addition is used where a field of that enum or union is
//! selected. A broken item's causing changes are the used changes inside it;
//! for items outside operation documents (recorded exchanges), the changes
//! whose names its findings mention.

use super::diff::{Change, Criticality};
use super::LoadedSchema;
use crate::check::{self, operation::OpCache, Outcome};
use crate::contract::{Contract, OpenApi};
use crate::settings::Settings;
use apollo_compiler::ast::Value;
use apollo_compiler::executable::{Selection, SelectionSet};
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::{ExecutableDocument, Node, Schema};
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

/// A place in a user's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Use {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Byte offset (for attributing uses to operations).
    #[serde(skip)]
    pub offset: usize,
}

/// A finding under NEW.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Diagnostic code.
    pub code: String,
    /// Message.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// An operation or exchange valid under OLD and invalid under NEW.
#[derive(Debug, Clone, Serialize)]
pub struct Broken {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The item's name (`query Customer`, an exchange name).
    pub operation: String,
    /// What NEW says of it.
    pub findings: Vec<Finding>,
    /// Coordinates of the changes that cause it.
    pub changes: Vec<String>,
}

/// The impact of a diff on the given paths.
#[derive(Debug, Default)]
pub struct Impact {
    /// Broken items.
    pub broken: Vec<Broken>,
    /// Use sites per change, by the change's index.
    pub uses: Vec<Vec<Use>>,
    /// Items checked under NEW.
    pub items: usize,
}

/// Checks `paths` under both schemas and attributes what breaks.
/// `openapi` is the transport layer, loaded once for each side.
pub fn impact(
    old: LoadedSchema,
    new: LoadedSchema,
    changes: &[Change],
    paths: &[PathBuf],
    openapi: (OpenApi, OpenApi),
    settings: &Settings,
) -> Impact {
    let uses_by_coord = collect_uses(&old.schema.schema, paths);
    let mut uses: Vec<Vec<Use>> = changes.iter().map(|c| uses_of(c, &uses_by_coord)).collect();
    // Each file on its own: a finding in one operation document must not
    // hide those of another (as one merged document can).
    let files = check::expand_paths(paths);
    let check_under = |openapi: OpenApi, schema: crate::contract::GraphqlSchema| -> Outcome {
        let contract = Contract { openapi, schema };
        let cache = OpCache::default();
        let mut all = Outcome::default();
        for f in &files {
            all.merge(check::check_paths_with(
                &contract,
                &cache,
                settings,
                std::slice::from_ref(f),
                None,
                None,
            ));
        }
        all
    };
    let (oa_old, oa_new) = openapi;
    let (before, after) = std::thread::scope(|s| {
        let b = s.spawn(|| check_under(oa_old, old.schema));
        let a = check_under(oa_new, new.schema);
        (b.join().unwrap_or_default(), a)
    });
    let errors_of = |o: &Outcome, i: &check::Item| {
        o.diagnostics
            .iter()
            .filter(|d| d.is_error() && i.owns(d))
            .cloned()
            .collect::<Vec<_>>()
    };
    let mut broken = Vec::new();
    for item in &after.items {
        let now = errors_of(&after, item);
        if now.is_empty() {
            continue;
        }
        let Some(was) = before
            .items
            .iter()
            .find(|b| b.file == item.file && b.line == item.line && b.column == item.column && b.name == item.name)
        else {
            continue;
        };
        if !errors_of(&before, was).is_empty() {
            continue;
        }
        let range = match &item.scope {
            check::Scope::Range(a, b) => Some((*a, *b)),
            check::Scope::Operation(s) => Some((s.0, s.1)),
            _ => None,
        };
        let mut causes: Vec<String> = Vec::new();
        for (c, u) in changes.iter().zip(uses.iter_mut()) {
            if c.criticality != Criticality::Breaking {
                continue;
            }
            let inside = range.is_some_and(|(a, b)| u.iter().any(|u| u.file == item.file && (a..b).contains(&u.offset)));
            // Outside operation documents (exchanges), the findings that name
            // the change are its use sites.
            let mut mentioned = false;
            if range.is_none() {
                for d in now.iter().filter(|d| mentions(&d.message, &c.coordinate)) {
                    mentioned = true;
                    let site = Use {
                        file: d.file.clone(),
                        line: d.line,
                        column: d.column,
                        offset: d.span.0,
                    };
                    if !u.contains(&site) {
                        u.push(site);
                    }
                }
            }
            if (inside || mentioned) && !causes.contains(&c.coordinate) {
                causes.push(c.coordinate.clone());
            }
        }
        broken.push(Broken {
            file: item.file.clone(),
            line: item.line,
            column: item.column,
            operation: item.name.clone(),
            findings: now
                .iter()
                .map(|d| Finding {
                    code: d.code.as_str().to_string(),
                    message: d.message.clone(),
                    line: d.line,
                    column: d.column,
                })
                .collect(),
            changes: causes,
        });
    }
    Impact {
        broken,
        uses,
        items: after.items.len(),
    }
}

/// Does a finding's message name every part of a coordinate (`T.f(a:)` → T, f, a)?
fn mentions(message: &str, coordinate: &str) -> bool {
    let parts: Vec<&str> = coordinate.split(['.', '(', ':', ')', '@']).filter(|p| !p.is_empty()).collect();
    let last = parts.last().copied().unwrap_or("");
    !last.is_empty() && message.contains(&format!("`{last}`")) || message.contains(&format!("`{coordinate}`"))
}

/// The use sites a change concerns.
fn uses_of(c: &Change, by: &HashMap<String, Vec<Use>>) -> Vec<Use> {
    let get = |k: &str| by.get(k).cloned().unwrap_or_default();
    match c.kind {
        // The member the new requirement applies to.
        "REQUIRED_ARG_ADDED" => get(c.coordinate.split('(').next().unwrap_or("")),
        "REQUIRED_INPUT_FIELD_ADDED" => get(c.coordinate.split('.').next().unwrap_or("")),
        "VALUE_ADDED_TO_ENUM" => get(&format!("select:{}", c.coordinate.split('.').next().unwrap_or(""))),
        "TYPE_ADDED_TO_UNION" => get(&format!("select:{}", c.coordinate)),
        k if k.starts_with("DIRECTIVE") => Vec::new(),
        _ if c.criticality == Criticality::Safe => Vec::new(),
        _ => get(&c.coordinate),
    }
}

/// Walks every operation document among `paths` under `schema`.
fn collect_uses(schema: &Schema, paths: &[PathBuf]) -> HashMap<String, Vec<Use>> {
    let mut out: HashMap<String, Vec<Use>> = HashMap::new();
    let valid = apollo_compiler::validation::Valid::assume_valid_ref(schema);
    for file in check::expand_paths(paths) {
        let is_doc = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e == "graphql" || e == "gql");
        if !is_doc {
            continue;
        }
        let Ok(src) = crate::contract::read_source(&file) else { continue };
        let doc = match ExecutableDocument::parse(valid, src.text.as_str(), &src.path) {
            Ok(d) => d,
            Err(with) => with.partial,
        };
        let mut w = Walker {
            schema,
            src: &src,
            out: &mut out,
        };
        for op in doc.operations.iter() {
            for v in &op.variables {
                w.add(v.ty.inner_named_type().as_str(), v.location());
                if let Some(d) = &v.default_value {
                    w.value(d, &v.ty);
                }
            }
            w.set(&op.selection_set);
        }
        for f in doc.fragments.values() {
            w.add(f.selection_set.ty.as_str(), f.location());
            w.set(&f.selection_set);
        }
    }
    out
}

struct Walker<'a> {
    schema: &'a Schema,
    src: &'a crate::source::Source,
    out: &'a mut HashMap<String, Vec<Use>>,
}

impl Walker<'_> {
    fn add(&mut self, key: &str, at: Option<apollo_compiler::parser::SourceSpan>) {
        let offset = at.map_or(0, |s| s.offset());
        let lc = self.src.line_col(offset);
        let u = Use {
            file: self.src.path.clone(),
            line: lc.line,
            column: lc.column,
            offset,
        };
        let list = self.out.entry(key.to_string()).or_default();
        if !list.contains(&u) {
            list.push(u);
        }
    }

    fn set(&mut self, set: &SelectionSet) {
        let parent = set.ty.as_str();
        for sel in &set.selections {
            match sel {
                Selection::Field(f) => {
                    if f.name.starts_with("__") {
                        continue;
                    }
                    let at = f.location();
                    self.add(&format!("{parent}.{}", f.name), at);
                    let ret = f.definition.ty.inner_named_type().as_str().to_string();
                    self.add(&ret, at);
                    if matches!(
                        self.schema.types.get(ret.as_str()),
                        Some(ExtendedType::Enum(_) | ExtendedType::Union(_))
                    ) {
                        self.add(&format!("select:{ret}"), at);
                    }
                    for arg in &f.arguments {
                        self.add(&format!("{parent}.{}({}:)", f.name, arg.name), arg.location());
                        if let Some(def) = f.definition.argument_by_name(&arg.name) {
                            let ty = def.ty.clone();
                            self.add(ty.inner_named_type().as_str(), arg.location());
                            self.value(&arg.value, &ty);
                        }
                    }
                    self.set(&f.selection_set);
                }
                Selection::InlineFragment(i) => {
                    if let Some(tc) = &i.type_condition {
                        self.add(tc.as_str(), i.location());
                    }
                    self.set(&i.selection_set);
                }
                Selection::FragmentSpread(_) => {}
            }
        }
    }

    /// Enum values and input fields written as literals.
    fn value(&mut self, v: &Node<Value>, ty: &apollo_compiler::ast::Type) {
        let named = ty.inner_named_type();
        match (&**v, self.schema.types.get(named)) {
            (Value::List(items), _) => {
                let item_ty = ty.item_type().clone();
                for i in items {
                    self.value(i, &item_ty);
                }
            }
            (Value::Enum(e), Some(ExtendedType::Enum(_))) => self.add(&format!("{named}.{e}"), v.location()),
            (Value::Object(fields), Some(ExtendedType::InputObject(def))) => {
                for (k, fv) in fields {
                    self.add(&format!("{named}.{k}"), fv.location());
                    if let Some(fd) = def.fields.get(k) {
                        let t = fd.ty.clone();
                        self.add(t.inner_named_type().as_str(), fv.location());
                        self.value(fv, &t);
                    }
                }
            }
            _ => {}
        }
    }
}
