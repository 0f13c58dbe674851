//! The vendored apollo-parser's two changes (vendor/apollo-parser/PATCHES.md).
//!
//! - The lexer skips a run of characters that leaves its state as it is
//!   (the rest of a name, of whitespace, of a comment, of a string) at once,
//!   and its cursor keeps a byte index instead of `CharIndices`. Each input
//!   is lexed three ways, which must give the same tokens and errors: the
//!   patched lexer with runs skipped, the same with `skip_runs(false)`, and
//!   upstream's lexer as published (`parser_patch/upstream`):
//!   the parser's own test inputs (`vendor/apollo-parser/test_data`), Plain's
//!   schema, the GraphQL files of tests/corpus and fixtures/, Plain's SDK
//!   layout, and generated strings built to reach every state's edges
//!   (escapes, surrogates, block strings, comments ending in `\r`, a BOM,
//!   multi-byte characters, the end of input in each state).
//! - A node's child (or token) of one kind is found on the green tree
//!   instead of through a cursor for every child. Every one of the 202
//!   accessors built on it is compared, on every node of the same inputs,
//!   with upstream's walk of the children.

use apollo_parser::cst::{self, CstNode};
use apollo_parser::{Lexer, Parser, SyntaxKind, SyntaxNode, SyntaxToken, S};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[allow(dead_code, unused, clippy::all)]
#[rustfmt::skip]
mod upstream;

/// Tokens and errors as text (kind, data and index of each) from a lexer,
/// the patched one or upstream's (two types with the same methods), under
/// an optional token limit.
macro_rules! lexed {
    ($lexer:expr, $limit:expr) => {{
        let mut lexer = $lexer;
        if let Some(n) = $limit {
            lexer = lexer.with_limit(n);
        }
        lexer
            .map(|t| match t {
                Ok(t) => format!("{:?} {:?} {}", t.kind(), t.data(), t.index()),
                Err(e) => format!("error {e:?}"),
            })
            .collect::<Vec<String>>()
    }};
}

fn lexed(text: &str, skip: bool, limit: Option<usize>) -> Vec<String> {
    lexed!(Lexer::new(text).skip_runs(skip), limit)
}

fn lexed_upstream(text: &str, limit: Option<usize>) -> Vec<String> {
    lexed!(upstream::Lexer::new(text), limit)
}

/// The tokens of `text` three ways (runs skipped, not skipped, upstream's
/// lexer), with no limit and with `limit` tokens; returns how many.
fn same_tokens_limit(text: &str, limit: usize, what: &str) -> usize {
    let mut count = 0;
    for limit in [None, Some(limit)] {
        let fast = lexed(text, true, limit);
        assert_eq!(
            fast,
            lexed(text, false, limit),
            "tokens (limit {limit:?}) differ when runs are skipped: {what}"
        );
        assert_eq!(
            fast,
            lexed_upstream(text, limit),
            "tokens (limit {limit:?}) differ from upstream's lexer: {what}"
        );
        count = count.max(fast.len());
    }
    count
}

fn same_tokens(text: &str, what: &str) -> usize {
    same_tokens_limit(text, 7, what)
}

/// Upstream's `support::child`: the first child node that casts to `N`.
fn child<N: CstNode>(node: &SyntaxNode) -> Option<N> {
    node.children().find_map(N::cast)
}

/// Upstream's `support::token`: the first child token of `kind`.
fn token(node: &SyntaxNode, kind: SyntaxKind) -> Option<SyntaxToken> {
    node.children_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| t.kind() == kind)
}

fn same<T: PartialEq + std::fmt::Debug>(
    patched: Option<T>,
    upstream: Option<T>,
    what: &'static str,
    node: &SyntaxNode,
    counts: &mut BTreeMap<&'static str, usize>,
) {
    assert_eq!(patched, upstream, "{what} at {:?}", node.text_range());
    if patched.is_some() {
        *counts.entry(what).or_default() += 1;
    }
}

/// Every accessor of every node of `text`'s syntax tree against upstream's
/// walk; `counts` gets, per accessor, how many times it found something.
fn same_accessors(text: &str, counts: &mut BTreeMap<&'static str, usize>) {
    let tree = Parser::new(text).parse();
    for node in tree.document().syntax().descendants() {
        accessors(&node, counts);
    }
}

/// One accessor against upstream's walk of the children.
macro_rules! accessor {
    ($n:ident, $node:ident, $counts:ident, $ty:ident, $f:ident, (child $t:ident)) => {
        same($n.$f(), child::<cst::$t>($node), concat!(stringify!($ty), "::", stringify!($f)), $node, $counts)
    };
    ($n:ident, $node:ident, $counts:ident, $ty:ident, $f:ident, (token $($k:tt)+)) => {
        same($n.$f(), token($node, S![$($k)+]), concat!(stringify!($ty), "::", stringify!($f)), $node, $counts)
    };
}

/// Every accessor of each node type that casts from `node`.
macro_rules! accessors {
    ($node:ident, $counts:ident; $($ty:ident { $($f:ident $how:tt)* })*) => {
        $(if let Some(n) = cst::$ty::cast($node.clone()) {
            $(accessor!(n, $node, $counts, $ty, $f, $how);)*
        })*
    };
}

/// The accessors of `cst/generated/nodes.rs` that return one child or one
/// token (generated from that file: 202 of them).
fn accessors(node: &SyntaxNode, counts: &mut BTreeMap<&'static str, usize>) {
    accessors! { node, counts;
        Name { ident_token (token ident) }
        OperationDefinition { operation_type (child OperationType) name (child Name) variable_definitions (child VariableDefinitions) directives (child Directives) selection_set (child SelectionSet) }
        FragmentDefinition { fragment_token (token fragment) fragment_name (child FragmentName) type_condition (child TypeCondition) directives (child Directives) selection_set (child SelectionSet) }
        DirectiveDefinition { description (child Description) directive_token (token directive) at_token (token @) name (child Name) arguments_definition (child ArgumentsDefinition) repeatable_token (token repeatable) on_token (token on) directive_locations (child DirectiveLocations) }
        SchemaDefinition { description (child Description) schema_token (token schema) directives (child Directives) l_curly_token (token '{') r_curly_token (token '}') }
        ScalarTypeDefinition { description (child Description) scalar_token (token scalar) name (child Name) directives (child Directives) }
        ObjectTypeDefinition { description (child Description) type_token (token type) name (child Name) implements_interfaces (child ImplementsInterfaces) directives (child Directives) fields_definition (child FieldsDefinition) }
        InterfaceTypeDefinition { description (child Description) interface_token (token interface) name (child Name) implements_interfaces (child ImplementsInterfaces) directives (child Directives) fields_definition (child FieldsDefinition) }
        UnionTypeDefinition { description (child Description) union_token (token union) name (child Name) directives (child Directives) union_member_types (child UnionMemberTypes) }
        EnumTypeDefinition { description (child Description) enum_token (token enum) name (child Name) directives (child Directives) enum_values_definition (child EnumValuesDefinition) }
        InputObjectTypeDefinition { description (child Description) input_token (token input) name (child Name) directives (child Directives) input_fields_definition (child InputFieldsDefinition) }
        SchemaExtension { extend_token (token extend) schema_token (token schema) directives (child Directives) l_curly_token (token '{') r_curly_token (token '}') }
        ScalarTypeExtension { extend_token (token extend) scalar_token (token scalar) name (child Name) directives (child Directives) }
        ObjectTypeExtension { extend_token (token extend) type_token (token type) name (child Name) implements_interfaces (child ImplementsInterfaces) directives (child Directives) fields_definition (child FieldsDefinition) }
        InterfaceTypeExtension { extend_token (token extend) interface_token (token interface) name (child Name) implements_interfaces (child ImplementsInterfaces) directives (child Directives) fields_definition (child FieldsDefinition) }
        UnionTypeExtension { extend_token (token extend) union_token (token union) name (child Name) directives (child Directives) union_member_types (child UnionMemberTypes) }
        EnumTypeExtension { extend_token (token extend) enum_token (token enum) name (child Name) directives (child Directives) enum_values_definition (child EnumValuesDefinition) }
        InputObjectTypeExtension { extend_token (token extend) input_token (token input) name (child Name) directives (child Directives) input_fields_definition (child InputFieldsDefinition) }
        OperationType { query_token (token query) mutation_token (token mutation) subscription_token (token subscription) }
        VariableDefinitions { l_paren_token (token '(') r_paren_token (token ')') }
        SelectionSet { l_curly_token (token '{') r_curly_token (token '}') }
        Field { alias (child Alias) name (child Name) arguments (child Arguments) directives (child Directives) selection_set (child SelectionSet) }
        FragmentSpread { dotdotdot_token (token ...) fragment_name (child FragmentName) directives (child Directives) }
        InlineFragment { dotdotdot_token (token ...) type_condition (child TypeCondition) directives (child Directives) selection_set (child SelectionSet) }
        Alias { name (child Name) colon_token (token :) }
        Arguments { l_paren_token (token '(') r_paren_token (token ')') }
        Argument { name (child Name) colon_token (token :) value (child Value) }
        FragmentName { name (child Name) }
        TypeCondition { on_token (token on) named_type (child NamedType) }
        NamedType { name (child Name) }
        Variable { dollar_token (token $) name (child Name) }
        FloatValue { float_token (token float) }
        IntValue { int_token (token int) }
        BooleanValue { true_token (token true) false_token (token false) }
        NullValue { null_token (token null) }
        EnumValue { name (child Name) }
        ListValue { l_brack_token (token '[') r_brack_token (token ']') }
        ObjectValue { l_curly_token (token '{') r_curly_token (token '}') }
        ObjectField { name (child Name) colon_token (token :) value (child Value) }
        VariableDefinition { variable (child Variable) colon_token (token :) ty (child Type) default_value (child DefaultValue) directives (child Directives) }
        DefaultValue { eq_token (token =) value (child Value) }
        ListType { l_brack_token (token '[') ty (child Type) r_brack_token (token ']') }
        NonNullType { named_type (child NamedType) excl_token (token !) list_type (child ListType) }
        Directive { at_token (token @) name (child Name) arguments (child Arguments) }
        Description { string_value (child StringValue) }
        RootOperationTypeDefinition { operation_type (child OperationType) colon_token (token :) named_type (child NamedType) }
        ImplementsInterfaces { implements_token (token implements) amp_token (token &) }
        FieldsDefinition { l_curly_token (token '{') r_curly_token (token '}') }
        FieldDefinition { description (child Description) name (child Name) arguments_definition (child ArgumentsDefinition) colon_token (token :) ty (child Type) directives (child Directives) }
        ArgumentsDefinition { l_paren_token (token '(') r_paren_token (token ')') }
        InputValueDefinition { description (child Description) name (child Name) colon_token (token :) ty (child Type) default_value (child DefaultValue) directives (child Directives) }
        UnionMemberTypes { eq_token (token =) pipe_token (token |) }
        EnumValuesDefinition { l_curly_token (token '{') r_curly_token (token '}') }
        EnumValueDefinition { description (child Description) enum_value (child EnumValue) directives (child Directives) }
        InputFieldsDefinition { l_curly_token (token '{') r_curly_token (token '}') }
        DirectiveLocation { query_token (token QUERY) mutation_token (token MUTATION) subscription_token (token SUBSCRIPTION) field_token (token FIELD) fragment_definition_token (token FRAGMENT_DEFINITION) fragment_spread_token (token FRAGMENT_SPREAD) inline_fragment_token (token INLINE_FRAGMENT) variable_definition_token (token VARIABLE_DEFINITION) schema_token (token SCHEMA) scalar_token (token SCALAR) object_token (token OBJECT) field_definition_token (token FIELD_DEFINITION) argument_definition_token (token ARGUMENT_DEFINITION) interface_token (token INTERFACE) union_token (token UNION) enum_token (token ENUM) enum_value_token (token ENUM_VALUE) input_object_token (token INPUT_OBJECT) input_field_definition_token (token INPUT_FIELD_DEFINITION) }
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "graphql" || x == "gql") {
            out.push(p);
        }
    }
}

#[test]
fn skipped_runs_and_accessors_match_upstream_on_real_inputs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["vendor/apollo-parser/test_data", "tests/corpus", "fixtures"] {
        files(&root.join(dir), &mut paths);
    }
    paths.push(root.join("specs/plain-schema.graphql"));
    if let Some(sdk) = crate::prereq::plain_sdk() {
        files(&sdk, &mut paths);
    }
    paths.sort();
    let mut tokens = 0;
    let mut counts = BTreeMap::new();
    for p in &paths {
        // Some corpus files are not UTF-8 on purpose; the parser takes `&str`.
        let Ok(text) = std::fs::read_to_string(p) else { continue };
        tokens += same_tokens(&text, &p.display().to_string());
        same_accessors(&text, &mut counts);
    }
    eprintln!(
        "{} inputs, {tokens} tokens, {} accessors found something",
        paths.len(),
        counts.len()
    );
    assert!(paths.len() > 150, "inputs found: {}", paths.len());
    assert!(tokens > 50_000, "tokens compared: {tokens}");
    // The inputs reach most accessors (the parser's test data has every
    // kind of definition and extension): a check that compares nothing
    // would not count them.
    assert!(counts.len() > 150, "accessors that found something: {} of 202", counts.len());
}

/// Pieces that lead the lexer into each state and out of it at its edges.
const PIECES: &[&str] = &[
    "a",
    "_Z9",
    "query",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    ",",
    "\u{feff}",
    "#",
    "# c",
    "\"",
    "\"\"\"",
    "\\",
    "\\\"\"\"",
    "\\u",
    "\\u00e9",
    "\\uD83D\\uDE00",
    "\\uDE00",
    "\\u{1F600}",
    "\\u{",
    "}",
    "{",
    "é",
    "😀",
    "\u{7ff}",
    ".",
    "...",
    "-",
    "0",
    "12",
    "1.5e-3",
    "e",
    "E",
    "+",
    "$",
    "@",
    "!",
    ":",
    "=",
    "[",
    "]",
    "(",
    ")",
    "|",
    "&",
    "\u{0}",
    "x\"y",
    "\"\"",
    "é\"",
    "#é\r",
    "\u{2028}",
    "\u{85}",
    "\u{a0}",
    "ª",
    "\u{ffff}",
    "\u{10ffff}",
    "\u{b}",
    "\u{c}",
    "\u{7f}",
    "\u{fffd}",
    "abcdefghijklmnopqrstuvwxyz_0123456789",
    "                                ",
    "# a comment that runs on for a while é 😀 \\ \" \"\"\"",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]
    #[test]
    fn skipped_runs_match_upstream_on_generated_text(
        parts in proptest::collection::vec(0..PIECES.len(), 0..24),
        limit in 0usize..40,
    ) {
        let text: String = parts.iter().map(|&i| PIECES[i]).collect();
        same_tokens_limit(&text, limit, &format!("{text:?}"));
        let mut counts = BTreeMap::new();
        same_accessors(&text, &mut counts);
    }
}
