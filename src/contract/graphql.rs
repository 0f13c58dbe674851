//! The GraphQL layer's schema: parsed and validated by apollo-compiler, whose
//! diagnostics are carried into ours with their line:col.
//!
//! This module loads; operation documents are checked in `check::operation`.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::Source;
use apollo_compiler::diagnostic::ToCliReport;
use apollo_compiler::validation::{DiagnosticList, Valid};
use apollo_compiler::Schema;
use std::sync::Arc;

/// A validated GraphQL schema and its file.
#[derive(Debug)]
pub struct GraphqlSchema {
    /// The SDL file.
    pub source: Arc<Source>,
    /// The schema, proven valid.
    pub schema: Valid<Schema>,
    /// Unique per loaded schema for the process's life: the operation cache
    /// keys its answers by it, so an answer is never reused for another schema.
    id: u64,
    /// Input types that hold, at any depth, one of [`ONE_OF_IDENTIFIERS`]
    /// not declared `@oneOf` (computed on first use; see
    /// [`GraphqlSchema::reaches_identifier_input`]).
    identifier_reach: std::sync::OnceLock<Vec<String>>,
}

/// Input types Plain documents as "exactly one of" (the identifier inputs of
/// customers, groups, tenants and companies), whether or not the schema
/// declares them `@oneOf`.
pub(crate) const ONE_OF_IDENTIFIERS: &[&str] = &[
    "UpsertCustomerIdentifierInput",
    "CustomerIdentifierInput",
    "CustomerGroupIdentifier",
    "TenantIdentifierInput",
    "CompanyIdentifierInput",
];

impl GraphqlSchema {
    /// Parses and validates SDL. `Err` holds every error apollo-compiler found.
    pub fn load(source: Arc<Source>) -> Result<GraphqlSchema, Vec<Diagnostic>> {
        if source.text.trim().is_empty() {
            return Err(vec![Diagnostic::at(
                Code::EmptyFile,
                "the GraphQL schema file is empty",
                &source,
                0,
                0,
            )]);
        }
        // Plain's full schema built into the binary is valid (the test
        // `builtin_plain_schema_is_valid` validates it): its text, byte for
        // byte, is not validated again at each load (about 1 ms).
        let builtin = source.text == super::BUILTIN_PLAIN_SCHEMA;
        // Nor is it parsed: its syntax tree is read from a snapshot.
        if let Some(schema) = builtin.then(|| from_snapshot(&source.path)).flatten() {
            return Ok(GraphqlSchema::from_valid(source, schema));
        }
        let parsed = apollo_compiler::parser::Parser::new()
            .recursion_limit(256)
            .token_limit(2_000_000)
            .parse_schema(source.text.clone(), &source.path)
            .and_then(|s| if builtin { Ok(Valid::assume_valid(s)) } else { s.validate() });
        match parsed {
            Ok(schema) => Ok(GraphqlSchema::from_valid(source, schema)),
            Err(with_errors) => Err(apollo_diagnostics(
                &with_errors.errors,
                Code::SchemaGraphql,
                Code::SchemaGraphql,
                |_, off| Some((source.clone(), off)),
            )),
        }
    }

    /// A schema validated elsewhere (several SDL files merged, an
    /// introspection result), named after `source`.
    /// The schema's built-in `__Type` gets the field `isOneOf` (see
    /// [`with_is_one_of`]).
    pub fn from_valid(source: Arc<Source>, schema: Valid<Schema>) -> GraphqlSchema {
        let schema = with_is_one_of(schema);
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        GraphqlSchema {
            source,
            schema,
            id,
            identifier_reach: std::sync::OnceLock::new(),
        }
    }

    /// Is `type_name` one of [`ONE_OF_IDENTIFIERS`] that the schema does not
    /// declare `@oneOf`, or an input type with a field (at any depth,
    /// through lists) of one? Plain's exactly-one rule (PL005) is looked for
    /// only in values of such types, so a request's variables are walked
    /// only where it can apply (nowhere, in a schema that declares every
    /// identifier `@oneOf`: the validation rule reports those).
    pub(crate) fn reaches_identifier_input(&self, type_name: &str) -> bool {
        use apollo_compiler::schema::ExtendedType;
        self.identifier_reach
            .get_or_init(|| {
                let mut reach: std::collections::HashSet<String> = ONE_OF_IDENTIFIERS
                    .iter()
                    .filter(|n| matches!(self.schema.types.get(**n), Some(ExtendedType::InputObject(_))) && !self.is_one_of(n))
                    .map(|n| n.to_string())
                    .collect();
                loop {
                    let more: Vec<String> = self
                        .schema
                        .types
                        .iter()
                        .filter_map(|(name, t)| match t {
                            ExtendedType::InputObject(obj) if !reach.contains(name.as_str()) => obj
                                .fields
                                .values()
                                .any(|f| reach.contains(f.ty.inner_named_type().as_str()))
                                .then(|| name.to_string()),
                            _ => None,
                        })
                        .collect();
                    if more.is_empty() {
                        // Sorted, looked up by binary search: a few dozen
                        // names, met once per object of every request.
                        let mut v: Vec<String> = reach.into_iter().collect();
                        v.sort();
                        break v;
                    }
                    reach.extend(more);
                }
            })
            .binary_search_by(|n| n.as_str().cmp(type_name))
            .is_ok()
    }

    /// This schema's identity (see the field `id`).
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// Names of input types declared `@oneOf`.
    pub fn is_one_of(&self, type_name: &str) -> bool {
        match self.schema.types.get(type_name) {
            Some(apollo_compiler::schema::ExtendedType::InputObject(def)) => def.directives.get("oneOf").is_some(),
            _ => false,
        }
    }
}

/// The built-in schema, built from its snapshot's syntax tree as after a
/// parse, with `path` as its file's name (`None`: no snapshot of this SDL,
/// or a build without apollo-compiler's patch; the caller parses).
#[cfg(apollo_snapshot)]
fn from_snapshot(path: &str) -> Option<Valid<Schema>> {
    let fnv = u64::from_str_radix(env!("PLAIN_SCHEMA_FNV"), 16).ok()?;
    let doc = super::snapshot::read(super::BUILTIN_PLAIN_SCHEMA_SNAPSHOT, super::BUILTIN_PLAIN_SCHEMA, fnv, path)?;
    Schema::builder().add_ast(&doc).build().ok().map(Valid::assume_valid)
}

#[cfg(not(apollo_snapshot))]
fn from_snapshot(_path: &str) -> Option<Valid<Schema>> {
    None
}

/// The introspection field of the OneOf Input Objects RFC (graphql-js 16.9
/// and later): `__Type.isOneOf: Boolean`, true for a `@oneOf` input object,
/// false for another input object, null for every other kind.
pub(crate) const IS_ONE_OF: &str = "isOneOf";

/// Adds `isOneOf: Boolean` to the built-in `__Type`, so that operations
/// selecting it validate (in `check` and in `serve`) and recorded answers to
/// them are checked like any field. apollo-compiler 1.x builds `__Type`
/// itself and has no such field; its introspection resolvers are private, so
/// `serve` answers the field by rewriting it (`serve::exec::one_of_field`).
/// Adding a nullable output field to a built-in type keeps the schema valid,
/// so the result stays [`Valid`].
pub(crate) fn with_is_one_of(schema: Valid<Schema>) -> Valid<Schema> {
    use apollo_compiler::schema::{ExtendedType, FieldDefinition};
    use apollo_compiler::{name, ty, Node};
    let has_it = matches!(schema.types.get("__Type"), Some(ExtendedType::Object(t)) if t.fields.contains_key(IS_ONE_OF));
    if has_it {
        return schema;
    }
    let mut schema = schema.into_inner();
    if let Some(ExtendedType::Object(ty)) = schema.types.get_mut("__Type") {
        let field = FieldDefinition {
            description: Some(
                "`true` for a `@oneOf` input object, `false` for another input object, `null` for other kinds (OneOf Input Objects RFC)."
                    .into(),
            ),
            name: name!("isOneOf"),
            arguments: Vec::new(),
            ty: ty!(Boolean),
            directives: Default::default(),
        };
        ty.make_mut().fields.insert(name!("isOneOf"), Node::new(field).into());
    }
    Valid::assume_valid(schema)
}

/// Converts apollo-compiler diagnostics. `place` maps (file path, byte offset
/// in that file's GraphQL text) to the user's file and a byte offset in it.
pub(crate) fn apollo_diagnostics(
    list: &DiagnosticList,
    syntax_code: Code,
    validation_code: Code,
    place: impl Fn(&str, usize) -> Option<(Arc<Source>, usize)>,
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    // apollo-compiler can report the same error twice (e.g. at end of input).
    let mut seen = std::collections::HashSet::new();
    let mut syntax = 0usize;
    let mut last_syntax = None;
    let unknown_fields = undefined_field_texts(list);
    for d in list.iter() {
        let message = d.error.to_string();
        if d.error.unstable_error_name() == Some("UnusedVariable") && used_in_any(&message, &unknown_fields) {
            continue;
        }
        // Parser limits (recursion, tokens) are syntax-level refusals, not validation findings.
        let is_syntax = message.starts_with("syntax error: ") || message.contains("limit reached") || message == "too much recursion";
        let code = if is_syntax { syntax_code } else { validation_code };
        if is_syntax {
            syntax += 1;
            if syntax > MAX_SYNTAX_ERRORS {
                continue;
            }
        }
        let located = d.error.location().and_then(|span| {
            let path = d.sources.get(&span.file_id())?.path().display().to_string();
            let (src, off) = place(&path, span.offset())?;
            Some((src, off, span.end_offset().saturating_sub(span.offset())))
        });
        let mut diag = match located {
            Some((src, off, len)) => Diagnostic::at(code, message, &src, off, len),
            None => match place("", 0) {
                Some((src, off)) => Diagnostic::at(code, message, &src, off, 0),
                None => continue,
            },
        };
        if let Some(name) = d.error.unstable_error_name() {
            diag = diag.with_note(format!("GraphQL validation rule: {name}"));
        }
        if seen.insert((diag.code, diag.message.clone(), diag.file.clone(), diag.span)) {
            if is_syntax {
                last_syntax = Some(out.len());
            }
            out.push(diag);
        } else if is_syntax {
            syntax -= 1;
        }
    }
    if syntax > MAX_SYNTAX_ERRORS {
        let more = syntax - MAX_SYNTAX_ERRORS;
        if let Some(last) = last_syntax.and_then(|i| out.get_mut(i)) {
            last.notes.push(format!(
                "{more} more syntax error{} after this one not shown: the parser recovers and reports again at each \
                 token that follows a fault, so the first errors are the ones to fix",
                if more == 1 { "" } else { "s" }
            ));
        }
    }
    out
}

/// The GraphQL text of each field the schema lacks (`UndefinedField`, whose
/// span is the field's name): from its name to the end of its arguments,
/// directives and selection set.
fn undefined_field_texts(list: &DiagnosticList) -> Vec<&str> {
    list.iter()
        .filter(|d| d.error.unstable_error_name() == Some("UndefinedField"))
        .filter_map(|d| {
            let span = d.error.location()?;
            let text = d.sources.get(&span.file_id())?.source_text();
            let end = field_end(text, span.end_offset());
            text.get(span.offset()..end)
        })
        .collect()
}

/// Where the field whose name ends at `from` ends: after its arguments,
/// directives and selection set (brackets balanced, strings and comments
/// skipped), before the next selection or the closing brace of its parent.
fn field_end(text: &str, from: usize) -> usize {
    let b = text.as_bytes();
    let name = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = from;
    let mut depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'"' if text[i..].starts_with("\"\"\"") => {
                i = text[i + 3..].find("\"\"\"").map_or(b.len(), |e| i + 3 + e + 3);
                continue;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'(' | b'{' | b'[' => depth += 1,
            b')' | b'}' | b']' if depth == 0 => return i,
            b')' | b']' => depth -= 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b'@' if depth == 0 => {
                i += 1;
                while i < b.len() && name(b[i]) {
                    i += 1;
                }
                continue;
            }
            c if depth == 0 && (name(c) || c == b'.') => return i,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// Whether the variable an `unused variable: `$x`` message names is used
/// in one of `texts`. apollo-compiler does not walk the arguments of a field
/// the schema lacks, so it calls their variables unused; graphql-js's
/// NoUnusedVariables counts every use in the operation, and one fault (the
/// unknown field) should not make a second, false one.
fn used_in_any(message: &str, texts: &[&str]) -> bool {
    let Some(name) = message.split('`').nth(1).and_then(|v| v.strip_prefix('$')) else {
        return false;
    };
    let token = format!("${name}");
    texts.iter().any(|t| {
        t.match_indices(&token).any(|(at, _)| {
            !t[at + token.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        })
    })
}

/// Syntax errors reported per document. Text that is not GraphQL at all (a
/// binary file, a paste gone wrong) gets one per character from the
/// parser's recovery; past the first few they say nothing new.
pub(crate) const MAX_SYNTAX_ERRORS: usize = 20;

#[cfg(test)]
mod tests {
    use super::*;

    /// A field's text runs past its arguments (strings with brackets in
    /// them), directives and selection set, and stops at the next selection.
    #[test]
    fn field_end_spans_arguments_directives_and_selection_set() {
        let text = "{ a(x: \") {\", y: $v) @d(if: $w) { b(z: [$u]) } next }";
        let start = 2;
        let end = field_end(text, start + 1);
        assert_eq!(&text[start..end], "a(x: \") {\", y: $v) @d(if: $w) { b(z: [$u]) }");
        let text = "{ a # c(\n  b }";
        assert_eq!(&text[2..field_end(text, 3)], "a # c(\n  ");
        assert!(used_in_any("unused variable: `$v`", &["a(x: $v)"]));
        assert!(!used_in_any("unused variable: `$v`", &["a(x: $v2)"]));
    }

    /// The exactly-one rule looks only inside values whose type can hold an
    /// identifier input: directly, through a field, or through a list.
    #[test]
    fn identifier_reach_follows_fields_and_lists() {
        // Plain's full schema declares no @oneOf: the identifiers and what holds them.
        let full = crate::Contract::load(None, Some(std::path::Path::new("plain"))).expect("built-in full schema");
        let s = &full.schema;
        for yes in [
            "UpsertCustomerInput",
            "UpsertCustomerIdentifierInput",
            "UpsertCustomerOnCreateInput",
            "AddCustomerToCustomerGroupsInput",
        ] {
            assert!(s.reaches_identifier_input(yes), "{yes}");
        }
        for no in ["EmailAddressInput", "String", "Customer", "NoSuchType"] {
            assert!(!s.reaches_identifier_input(no), "{no}");
        }
        // The embedded contract declares every identifier @oneOf: the rule has nowhere to look.
        let embedded = crate::Contract::embedded().expect("embedded contract");
        for no in ["UpsertCustomerInput", "UpsertCustomerIdentifierInput", "CustomerGroupIdentifier"] {
            assert!(!embedded.schema.reaches_identifier_input(no), "{no}");
        }
    }

    /// The built-in full schema is loaded without validation; this proves it valid.
    #[test]
    fn builtin_plain_schema_is_valid() {
        let schema = apollo_compiler::parser::Parser::new()
            .parse_schema(super::super::BUILTIN_PLAIN_SCHEMA, "plain-schema.graphql")
            .expect("the built-in schema parses");
        let valid = schema.validate().expect("the built-in schema is valid");
        assert!(valid.types.len() > 500, "{} types", valid.types.len());
        // Loading it by its text takes the unvalidated path and gives the same types.
        let loaded = GraphqlSchema::load(Source::new("x.graphql", super::super::BUILTIN_PLAIN_SCHEMA)).expect("loads");
        assert_eq!(loaded.schema.types.len(), valid.types.len());
        // Any other text is still validated.
        let broken = format!("{}\ntype Extra {{ x: NoSuchType }}\n", super::super::BUILTIN_PLAIN_SCHEMA);
        assert!(GraphqlSchema::load(Source::new("y.graphql", broken)).is_err());
    }

    /// A build with apollo-compiler's patch reads the built-in schema from
    /// its snapshot (the fallback, a parse, would not show otherwise: a
    /// checkout that changed the SDL's line endings is one way to lose it),
    /// under the name the run gives the file.
    #[cfg(apollo_snapshot)]
    #[test]
    fn builtin_plain_schema_comes_from_its_snapshot() {
        let schema = super::from_snapshot("somewhere/schema.graphql").expect("the snapshot names the SDL built in");
        let ty = &schema.types["UpsertCustomerInput"];
        let file = ty.name().location().map(|l| l.file_id()).and_then(|id| schema.sources.get(&id));
        assert_eq!(
            file.map(|f| f.path().display().to_string()).as_deref(),
            Some("somewhere/schema.graphql")
        );
        assert_eq!(file.map(|f| f.source_text()), Some(super::super::BUILTIN_PLAIN_SCHEMA));
    }
}
