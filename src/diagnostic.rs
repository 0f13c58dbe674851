//! The one finding type, [`Diagnostic`], and the registry of its stable codes.
//!
//! Every check in every layer reports through this type and every output
//! format renders it; nothing here prints. Codes are never reused: a retired
//! code stays in the registry, marked so.

use crate::source::{LineCol, ReadError, Source};
use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; does not fail the run.
    Warning,
    /// A contract violation: the run exits 1.
    Error,
}

/// A finding about a user's input, with its place in the user's file.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Stable code, such as `GV003`.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// One short sentence.
    pub message: String,
    /// The file the finding is about.
    pub file: String,
    /// A JSON pointer (RFC 6901) into the file's data, or a schema coordinate
    /// such as `UpsertCustomerInput.identifier`.
    pub pointer: Option<String>,
    /// 1-based line in `file`.
    pub line: usize,
    /// 1-based column in `file` (characters).
    pub column: usize,
    /// Byte offset and length of the highlighted text, for renderers.
    #[serde(skip)]
    pub span: (usize, usize),
    /// Further explanation lines.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic at a byte range of `source`, with the code's default severity.
    pub(crate) fn at(code: Code, message: impl Into<String>, source: &Source, start: usize, len: usize) -> Self {
        // An end-of-input finding points at the end of the last line, not past
        // the final line break, so every renderer shows the same place.
        let start = if start >= source.text.len() && source.text.ends_with('\n') {
            source.text.len() - 1
        } else {
            start
        };
        let LineCol { line, column } = source.line_col(start);
        Diagnostic {
            code,
            severity: code.info().severity,
            message: message.into(),
            file: source.path.clone(),
            pointer: None,
            line,
            column,
            span: (start, len),
            notes: Vec::new(),
        }
    }

    /// A file that could not be read (missing, too large, not UTF-8), as
    /// the finding that says so.
    pub(crate) fn unreadable(path: &std::path::Path, e: ReadError) -> Self {
        let name = path.display().to_string();
        match e {
            ReadError::Io(err) => Diagnostic::file_level(
                Code::FileUnreadable,
                format!("cannot read the file: {err}"),
                &name,
                LineCol::default(),
            ),
            ReadError::TooLarge(n, limit) => Diagnostic::file_level(
                Code::FileTooLarge,
                format!("the file is {n} bytes; the limit is {limit} bytes"),
                &name,
                LineCol::default(),
            ),
            ReadError::NotUtf8 { offset, at } => Diagnostic::file_level(
                Code::NotUtf8,
                format!("the file is not valid UTF-8 (first bad byte at offset {offset})"),
                &name,
                at,
            ),
        }
    }

    /// A diagnostic about a whole file that could not be read: line 1, column 1
    /// unless a place is known.
    pub(crate) fn file_level(code: Code, message: impl Into<String>, file: &str, at: LineCol) -> Self {
        Diagnostic {
            code,
            severity: code.info().severity,
            message: message.into(),
            file: file.to_string(),
            pointer: None,
            line: at.line.max(1),
            column: at.column.max(1),
            span: (0, 0),
            notes: Vec::new(),
        }
    }

    /// Sets the pointer or coordinate.
    pub fn with_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// Adds a note line.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Is this an error (as opposed to a warning)?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// What the registry says of one code.
#[derive(Debug)]
pub struct CodeInfo {
    /// The stable code, such as `GV003`.
    pub code: &'static str,
    /// A kebab-case name.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// What it checks.
    pub what: &'static str,
    /// Why it matters, and the spec it comes from.
    pub why: &'static str,
    /// A small input that triggers it.
    pub example: &'static str,
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = ($code:literal, $name:literal, $sev:ident, $what:literal, $why:literal, $example:literal); )*) => {
        /// Every stable diagnostic code. See `docs/codes.md`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $( $(#[$doc])* $variant, )* }

        /// The registry, in code order.
        pub(crate) static CODES: &[CodeInfo] = &[ $( CodeInfo {
            code: $code, name: $name, severity: Severity::$sev, what: $what, why: $why, example: $example,
        }, )* ];

        impl Code {
            /// All codes, in registry order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The registry entry of this code.
            pub fn info(self) -> &'static CodeInfo {
                match self { $( Code::$variant => &CodeInfo {
                    code: $code, name: $name, severity: Severity::$sev, what: $what, why: $why, example: $example,
                }, )* }
            }
        }
    };
}

impl Code {
    /// The code's text, such as `GV003`.
    pub fn as_str(self) -> &'static str {
        self.info().code
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

codes! {
    // ---- PC: reading files ----
    /// The file could not be read.
    FileUnreadable = ("PC001", "file-unreadable", Error,
        "The file could not be opened or read (missing, a directory, no permission).",
        "Nothing can be checked in a file that cannot be read.",
        "plain-contract check no-such-file.json");
    /// Not UTF-8.
    NotUtf8 = ("PC002", "not-utf8", Error,
        "The file is not valid UTF-8; the place of the first bad byte is reported.",
        "JSON (RFC 8259 §8.1), YAML 1.2 as used here, and GraphQL documents are Unicode text; we read UTF-8.",
        "a file saved as Latin-1 holding `é`");
    /// Empty file.
    EmptyFile = ("PC003", "empty-file", Error,
        "The file is empty or holds only white space and comments.",
        "An empty spec or input is almost always a truncated write or a wrong path.",
        "an empty `openapi.yml`");
    /// Larger than the limit.
    FileTooLarge = ("PC004", "file-too-large", Error,
        "A file read whole is larger than its limit (64 MiB, `[limits] max_file_mib`) and is refused before parsing; or one HAR entry or NDJSON line (those files are streamed) is longer than 16 MiB (`[limits] max_entry_mib`) and is skipped.",
        "Contracts and recorded exchanges are kilobytes; reading a huge file whole would eat memory.",
        "a 100 MB JSON file");
    /// JSON or YAML syntax error.
    SyntaxError = ("PC005", "syntax-error", Error,
        "The JSON or YAML text does not parse (truncated, unbalanced, bad escape...).",
        "RFC 8259 (JSON) and YAML 1.2 define the syntax; a file that does not parse cannot be checked.",
        "{\"query\": \"{ a }\"");
    /// Nested too deep.
    TooDeep = ("PC006", "too-deep", Error,
        "The data nests arrays and objects deeper than 128 levels.",
        "Deep nesting is a denial-of-service vector (stack exhaustion); no real contract or exchange needs it.",
        "[[[[ ... 10,000 levels ... ]]]]");
    /// YAML resource budget exceeded.
    YamlBudget = ("PC007", "yaml-budget", Error,
        "A YAML resource budget was exceeded: alias expansion, node count or scalar bytes.",
        "Aliases can expand a small file into billions of nodes (the 'billion laughs' attack).",
        "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n...");
    /// Not the expected kind of document.
    WrongFormat = ("PC008", "wrong-format", Error,
        "The file parses but is not the kind of document expected here (e.g. not an OpenAPI document, not a GraphQL request).",
        "Passing the wrong file is a common mistake; saying what was expected beats a cascade of errors.",
        "--openapi package.json");
    /// A file that is not checked.
    SkippedFile = ("PC009", "skipped-file", Warning,
        "A file given to `check` is of no kind plain-contract knows, and was skipped.",
        "Pre-commit hands over mixed lists of files; an unknown one is not an error, but you should know it was not checked.",
        "plain-contract check notes.txt");

    /// The configuration file is invalid.
    ConfigInvalid = ("PC010", "config-invalid", Error,
        "plain-contract.toml does not parse, holds an unknown key or a bad value, or overrides the severity of a code that does not exist.",
        "A typo in a configuration must not silently change what is checked.",
        "[severity]\nGV999 = \"off\"");
    /// The output file cannot be written.
    OutputUnwritable = ("PC011", "output-unwritable", Error,
        "The file named by --output cannot be created or written (no such directory, no permission).",
        "A CI job that uploads a report that was never written would pass silently.",
        "--output /no/such/dir/report.sarif");
    /// Nothing to check.
    NothingChecked = ("PC012", "nothing-checked", Error,
        "The paths (or the project's documents) resolve to no file plain-contract checks; the message says what was found and skipped. `--allow-empty` accepts it.",
        "A moved or misspelt fixtures folder would otherwise turn CI green while checking nothing.",
        "plain-contract check empty-dir/");
    /// A bad graphql-config file.
    ProjectInvalid = ("PC013", "project-invalid", Error,
        "The graphql-config file (graphql.config.yml, .graphqlrc, ...) cannot be used: malformed, an unknown project, a glob that matches nothing or leaves the project folder, a missing schema.",
        "The project file says what `check` checks; a mistake there would check the wrong files or none.",
        "graphql.config.yml: `documents: 'src/**/*.graphqll'` matching no file");

    // ---- OA: OpenAPI document ----
    /// Not a valid OpenAPI 3.0 document.
    OpenApiStructure = ("OA001", "openapi-structure", Error,
        "The document does not match the OpenAPI 3.0 object model (a wrong type, a missing required field).",
        "OpenAPI 3.0.3 §4.7 defines the document's fields; tools disagree on anything else.",
        "paths: []");
    /// Unsupported OpenAPI version.
    OpenApiVersion = ("OA002", "openapi-version", Error,
        "The `openapi` field is not a 3.0.x version.",
        "This tool models OpenAPI 3.0 (its Schema Object dialect differs from 3.1's JSON Schema).",
        "openapi: 2.0");
    /// A `$ref` that points nowhere.
    RefUnresolved = ("OA003", "ref-unresolved", Error,
        "A local `$ref` names a component that does not exist, or is not a local `#/components/...` reference.",
        "OpenAPI 3.0.3 §4.7.24: a Reference Object must resolve.",
        "$ref: '#/components/schemas/Nope'");
    /// A `$ref` cycle.
    RefCycle = ("OA004", "ref-cycle", Error,
        "A chain of `$ref`s leads back to itself without any schema in between.",
        "Such a reference never resolves to a value; tools that follow it loop forever.",
        "A: {$ref: '#/components/schemas/B'}\nB: {$ref: '#/components/schemas/A'}");
    /// A schema that cannot be compiled.
    SchemaInvalid = ("OA005", "schema-invalid", Error,
        "A Schema Object could not be compiled into a JSON Schema validator (bad pattern, bad keyword value).",
        "OpenAPI 3.0.3 §4.7.24 Schema Object; an uncompilable schema validates nothing.",
        "pattern: '['");
    /// A request body that fails the request schema.
    RequestBodySchema = ("OA006", "request-body-schema", Error,
        "A GraphQL request body (an OpenAPI example or a request file) does not match the OpenAPI request body schema.",
        "The transport layer's contract: OpenAPI 3.0.3 §4.7.13 says examples SHOULD match their schema, and the server rejects bodies that do not.",
        "value: {variables: {}}  # no query");
    /// No GraphQL operation in the document.
    LintNoGraphqlOperation = ("OA010", "lint-no-graphql-post", Error,
        "The document has no POST operation whose JSON request body is GraphQLRequest-shaped (a required string `query`, optional `variables` object and `operationName` string).",
        "GraphQL over HTTP (graphql-over-http spec §5) sends POST bodies of this shape; without it the transport layer is not modelled.",
        "paths: {/graphql: {get: ...}}");
    /// The GraphQL error schema rejects spec-valid errors.
    LintGraphqlErrorShape = ("OA011", "lint-graphql-error-shape", Error,
        "The response schema's error items reject an error the GraphQL spec allows: `path` items that are strings or integers, `locations` of {line, column}, an `extensions` object.",
        "GraphQL spec §7.1.2 (Errors): `path` holds field names and list indices, so an items type of `string` rejects real responses.",
        "path: {type: array, items: {type: string}}");
    /// No 200 response.
    LintNo200 = ("OA012", "lint-no-200", Error,
        "The GraphQL operation documents no 200 response with a JSON body.",
        "GraphQL over HTTP answers well-formed requests with 200 and a GraphQL response body.",
        "responses: {'400': ...}");
    /// No Bearer scheme.
    LintNoBearer = ("OA013", "lint-no-bearer", Error,
        "The GraphQL operation is not secured by an HTTP Bearer security scheme.",
        "Plain authenticates every request with `Authorization: Bearer <API key>`.",
        "security: []");

    // ---- GS: GraphQL schema ----
    /// GraphQL schema does not parse or validate.
    SchemaGraphql = ("GS001", "graphql-schema", Error,
        "The GraphQL schema (SDL) has a syntax or validation error, as reported by apollo-compiler.",
        "GraphQL spec §3 (Type System) and its validation rules; an invalid schema cannot type operations.",
        "type Query { a: Nope }");
    /// An introspection result that is not a usable schema.
    IntrospectionInvalid = ("GS002", "introspection-invalid", Error,
        "An introspection result (JSON) is malformed: `__schema` of the wrong shape, a type reference to a type it does not list, a wrapper without `ofType`, or a schema apollo-compiler rejects.",
        "GraphQL spec §4 (Introspection) defines the shape; a schema with dangling references cannot type operations.",
        "{\"__schema\": {\"queryType\": {\"name\": \"Query\"}, \"types\": [{\"kind\": \"OBJECT\", \"name\": \"Query\", \"fields\": [{\"name\": \"a\", \"args\": [], \"type\": {\"kind\": \"OBJECT\", \"name\": \"Nope\"}}]}]}}");
    /// A schema URL could not be introspected.
    SchemaFetch = ("GS003", "schema-fetch", Error,
        "A schema given as a URL could not be introspected: the host is unreachable or too slow, the answer is 401/403, another error status, an HTML page, too large, or holds no schema (introspection disabled).",
        "A CI job that cannot get the served schema must stop with the reason, not check against nothing.",
        "--schema https://example.com/  (an HTML page)");
    /// A breaking schema change.
    SchemaBreaking = ("GS020", "schema-breaking-change", Error,
        "`schema diff`: a change that graphql-js 16's findBreakingChanges reports (a type, field, argument, enum value or union member removed, a type changed, a required argument or input field added...).",
        "Operations valid under the old schema may fail under the new one.",
        "type Customer { status: String }  ->  type Customer { }");
    /// A dangerous schema change.
    SchemaDangerous = ("GS021", "schema-dangerous-change", Warning,
        "`schema diff`: a change that graphql-js 16's findDangerousChanges reports (an enum value or union member added, an optional argument or input field added, a default changed, an interface added), or a deprecation added.",
        "Operations still validate, but clients that switch over enums or unions, or rely on defaults, may misbehave.",
        "enum Status { A }  ->  enum Status { A B }");
    /// Compat: a type of the subset is not in the full schema or differs in kind.
    CompatType = ("GS010", "compat-type", Error,
        "A type in the subset schema is missing from the full schema, or is of another kind.",
        "The subset must describe the real API exactly; a type the API lacks would accept operations the API rejects.",
        "subset: input Foo {..}; full: no Foo");
    /// Compat: a field, argument or input field mismatch.
    CompatField = ("GS011", "compat-field", Error,
        "A field, argument or input field differs between subset and full schema: missing, extra, of another type or nullability, or with another default.",
        "Every member that is present must match the real API exactly (name, type, nullability, default).",
        "subset: fullName: String  /  full: fullName: String!");
    /// Compat: a required input field or argument is missing from the subset.
    CompatRequiredMissing = ("GS012", "compat-required-missing", Error,
        "The full schema has a required input field or argument the subset leaves out.",
        "A request built from the subset would be rejected by the real API.",
        "full: input X { a: String! }; subset: input X { b: String }");
    /// Compat: enum or union members.
    CompatMembers = ("GS013", "compat-members", Error,
        "An enum value or union member differs between subset and full schema.",
        "A value the real API lacks would be accepted; one it has would be rejected.",
        "subset: enum E { A B X }; full: enum E { A B }");

    // ---- GQ: GraphQL operations ----
    /// Operation document syntax error.
    OperationSyntax = ("GQ001", "operation-syntax", Error,
        "The GraphQL document does not parse. At most 20 syntax errors are reported per document (text that is not GraphQL gets one per character from the parser's recovery); a note on the last counts the rest.",
        "GraphQL spec §2 (Language).",
        "query { customer(customerId: \"c_1\") { id }");
    /// Operation document fails validation.
    OperationInvalid = ("GQ002", "operation-invalid", Error,
        "The GraphQL document breaks a validation rule of the GraphQL spec against the schema (unknown field, wrong argument, unused fragment...).",
        "GraphQL spec §5 (Validation): the server rejects any document that fails one of these rules.",
        "mutation { replyToThread(input: $i) { thread { id } } }");
    /// Several operations, no operationName.
    OperationNameRequired = ("GQ003", "operation-name-required", Error,
        "The document holds several operations and the request gives no `operationName`.",
        "GraphQL spec §6.1 GetOperation: with more than one operation, operationName is required.",
        "{\"query\": \"query A { a } query B { b }\"}");
    /// operationName names no operation.
    OperationNameUnknown = ("GQ004", "operation-name-unknown", Error,
        "`operationName` names no operation of the document.",
        "GraphQL spec §6.1 GetOperation: a request error.",
        "{\"query\": \"query A { a }\", \"operationName\": \"B\"}");
    /// Anonymous operation beside others, or no operation at all.
    NoOperation = ("GQ005", "no-operation", Error,
        "The request's document holds no operation (only fragments, or nothing).",
        "GraphQL spec §6.1: a request executes exactly one operation.",
        "{\"query\": \"fragment F on Customer { id }\"}");
    /// A deprecated schema element is used.
    Deprecated = ("GQ006", "deprecated", Warning,
        "The operation uses a field, argument, input field or enum value the schema marks @deprecated (in a selection, an argument, a variable default or the request's variables); the message gives the reason and the schema coordinate.",
        "GraphQL spec §3.13 @deprecated: deprecated elements may be removed; the reason says what to use instead.",
        "query { customer(customerId: \"c_1\") { status } } where Customer.status is @deprecated");
    /// A fragment no operation of the project uses.
    FragmentUnused = ("GQ007", "fragment-unused", Warning,
        "A fragment is defined but no operation of the project's documents spreads it.",
        "graphql-js NoUnusedFragments, relaxed to a warning: in a client project fragments live in their own files and are used by operations elsewhere.",
        "fragments/Old.graphql: fragment Old on Customer { id }, spread nowhere");
    /// Two fragments of one name.
    FragmentDuplicate = ("GQ008", "fragment-duplicate", Error,
        "One fragment name defined twice in a document, or defined differently in several documents while an operation takes it from a document that does not define it (which definition it gets is ambiguous); reported at each definition. A document binds the fragments it defines; the same text in several documents is no fault.",
        "GraphQL spec §5.5.1.1 Fragment Name Uniqueness: an operation spreading the name could get either.",
        "a.graphql and b.graphql both define `fragment CustomerParts on Customer`");
    /// Two operations of one name in different files.
    OperationNameDuplicate = ("GQ009", "operation-name-duplicate", Warning,
        "Operations with the same name in different documents (each document is valid on its own).",
        "Code generators, persisted queries and logs key operations by name; two of one name collide there.",
        "ops/a/getCustomer.graphql and ops/b/getCustomer.graphql both define `query GetCustomer`");
    /// A schema file among the documents.
    SchemaFile = ("GQ010", "schema-file", Warning,
        "A .graphql file holds type definitions and no operations: a schema, so it is skipped, not checked as operations (said once per file).",
        "Client repositories keep schema.graphql beside their operations; it is the schema, not a document to validate.",
        "schema.graphql holding `type Query { ... }`, given to `check` without --schema");
    /// A document mixing type definitions and operations.
    MixedDocument = ("GQ011", "mixed-document", Error,
        "One file holds both type definitions (a schema) and operations or fragments.",
        "GraphQL spec §2.2: a document sent for execution holds only executable definitions; keep the schema in its own file.",
        "ops.graphql holding `type Query { a: Int }` and `query { a }`");
    /// One fragment name, different definitions, each document using its own.
    FragmentNameReused = ("GQ012", "fragment-name-reused", Warning,
        "Different definitions of one fragment name in several documents, each document using its own (no operation takes the name from another document, where it would be ambiguous: that is GQ008); reported at each definition.",
        "Code generators and persisted-document stores key fragments by name: two definitions of one name collide there, though each document is valid on its own.",
        "a.graphql and b.graphql each hold an operation and their own, different `fragment CustomerParts on Customer`");

    // ---- GV: variables ----
    /// `variables` is not an object.
    VariablesNotObject = ("GV001", "variables-not-object", Error,
        "The request's `variables` is not a JSON object (or null).",
        "GraphQL over HTTP §5.1: variables is a map from names to values.",
        "\"variables\": [1, 2]");
    /// A required variable is missing or null.
    VariableRequired = ("GV002", "variable-required", Error,
        "A variable of non-null type without default is not given, or is given as null.",
        "GraphQL spec §6.1.2 CoerceVariableValues: a request error.",
        "query ($id: ID!) {...}  with variables {}");
    /// Wrong kind of value.
    ValueKind = ("GV003", "value-kind", Error,
        "A value is of the wrong kind for its type: a string for an Int, an object for a String, a list for an input object...",
        "GraphQL spec §3.5 (Scalars) and §3.10 (Input Objects) input coercion rules.",
        "{\"first\": \"10\"}  for $first: Int");
    /// Int outside 32 bits.
    IntRange = ("GV004", "int-range", Error,
        "An Int value is not an integer in the signed 32-bit range.",
        "GraphQL spec §3.5.1: Int is a signed 32-bit integer; larger values must be refused, not truncated.",
        "{\"first\": 2147483648}");
    /// Float not finite.
    FloatNotFinite = ("GV005", "float-invalid", Error,
        "A Float value is NaN or infinite, or an integer too large to be a Float exactly (|x| >= 2^53).",
        "GraphQL spec §3.5.2: Float is a finite double-precision value.",
        "first: .nan  (YAML)");
    /// Unknown enum value.
    EnumValue = ("GV006", "enum-value", Error,
        "A string is not a value of its enum type.",
        "GraphQL spec §3.9 Enums: input coercion accepts only the enum's values.",
        "{\"direction\": \"UP\"}  for SortDirection");
    /// Unknown input field.
    UnknownField = ("GV007", "unknown-input-field", Error,
        "An input object holds a field its type does not define.",
        "GraphQL spec §3.10 Input Objects, input coercion: an unknown field is an error.",
        "{\"identifier\": {\"phone\": \"1\"}}");
    /// Missing required input field.
    MissingField = ("GV008", "missing-input-field", Error,
        "A required input field (non-null, no default) is absent (an explicit null is GV011).",
        "GraphQL spec §3.10 input coercion.",
        "onCreate without fullName");
    /// `@oneOf` violation.
    OneOf = ("GV009", "one-of", Error,
        "A `@oneOf` input object does not hold exactly one field, or holds it as null.",
        "GraphQL spec (OneOf Input Objects, §3.10.1): exactly one field must be given, non-null.",
        "identifier: {emailAddress: a@b.c, externalId: x}");
    /// Variable given but not defined.
    VariableUnused = ("GV010", "variable-undefined", Warning,
        "`variables` holds a name the operation does not define; it is ignored.",
        "GraphQL spec §6.1.2 ignores extra variables, but they usually mean a typo or a stale client.",
        "{\"variables\": {\"inptu\": {}}}");
    /// Null for a non-null list item or field.
    NullValue = ("GV011", "null-value", Error,
        "null is given where the type is non-null (an input field or list item).",
        "GraphQL spec §3.10 and §3.12 (Non-Null) input coercion.",
        "{\"customerGroupIdentifiers\": [null]}");

    // ---- PT: property tests ----
    /// A property failed.
    PropertyFailed = ("PT001", "property-failed", Error,
        "A generated value broke a property of `plain-contract proptest`: a valid value was rejected, an invalid one accepted or reported elsewhere, apollo-compiler disagreed, or the JSON round trip lost something.",
        "The checks must agree with the schema they are built from; the shrunk case and its seed reproduce the failure.",
        "plain-contract proptest --type UpsertCustomerInput --seed 5eed");

    // ---- CF: stateful conformance runs ----
    /// A conformance sequence failed.
    ConformanceFailed = ("CF001", "conformance-failed", Error,
        "A sequence of `plain-contract conform` failed against its target: a response broke the contract (either layer) or disagreed with the model of Plain's documented semantics (an upsert result, a read-back, a conflict code).",
        "A client written against the contract must get what the contract and SEMANTICS.md promise; the shrunk sequence, its seed and its curl script reproduce the failure.",
        "plain-contract conform --cases 500 --seed 5eed");

    // ---- VF: recorded exchanges replayed against a live target ----
    /// The live response drifted from the recording.
    VerifyDrift = ("VF001", "verify-drift", Error,
        "`plain-contract verify` replayed a recorded exchange and the live response differs from the recording: a field present or absent, null against non-null, another kind of value, another enum or `result` value, another MutationError code or `extensions.code`, another status or content type, or a fixture matcher that does not hold.",
        "Stubs built from recordings keep passing after the API changed; replaying them against the API shows where they no longer tell the truth. IDs, DateTimes and cursors differ by nature and are not compared.",
        "recorded `result: CREATED`, live `result: UPDATED`");
    /// The replayed request got no usable answer.
    VerifyNoAnswer = ("VF002", "verify-no-answer", Error,
        "`plain-contract verify` sent a recorded request and got no answer (the connection failed, was reset or timed out) or a server error (5xx).",
        "An exchange that cannot be replayed verifies nothing; the reason is shown so the target or the timeout can be fixed.",
        "plain-contract verify --target http://127.0.0.1:8787/graphql/v1 --timeout 1 fixtures/");
    /// A provider state (`given:`) could not be set up.
    VerifyGiven = ("VF003", "verify-given-failed", Error,
        "A setup request of the exchange's `given:` list failed against the target (no answer, an HTTP error status, or GraphQL errors), so the exchange was not replayed.",
        "The recorded answer depends on the state the setup builds; replaying without it would report drift that is not there.",
        "given: [{method: POST, path: /graphql/v1, body: {query: \"mutation ...\"}}]");
    /// A recorded exchange was not replayed.
    VerifySkipped = ("VF004", "verify-skipped", Warning,
        "`plain-contract verify` did not replay this exchange, and says why: a mutation without --allow-mutations, a request that is not a JSON POST body, a stream line that is cut off.",
        "Safe by default: mutations change the target's data and are only sent when asked; what was not verified is reported, never silently dropped.",
        "mutation upsertCustomer(...) without --allow-mutations");

    // ---- HX: recorded HTTP exchanges, OpenAPI layer ----
    /// The exchange record is malformed.
    ExchangeShape = ("HX001", "exchange-shape", Error,
        "A recorded exchange does not have the documented shape: no `request`, an unknown key, a status that is not an integer, headers that are not a map or list of {name, value}.",
        "A typo in a fixture must not silently skip a check; docs/exchanges.md defines the format.",
        "request: {method: POST, heders: {}}");
    /// Wrong HTTP method.
    HttpMethod = ("HX002", "http-method", Error,
        "The request's method is not the one the OpenAPI document gives for the GraphQL path.",
        "OpenAPI 3.0.3 §4.7.9 Path Item: only documented operations exist; this API takes POST.",
        "method: GET");
    /// Undocumented path.
    HttpPath = ("HX003", "http-path", Error,
        "The request's path is not the documented GraphQL path below the server URL's base path.",
        "OpenAPI 3.0.3 §4.7.8 Paths are relative to the server URL (§4.7.5).",
        "path: /graphql");
    /// No Bearer credentials.
    AuthMissing = ("HX004", "auth-missing", Error,
        "The request has no Authorization header, or one with a scheme other than Bearer (`Basic ...`), which the operation's security scheme requires. A value with no scheme is not HX004: a placeholder (`[Filtered]`) hid the scheme with the token, and a bare credential is SC001, whose stored form `Bearer <redacted>` mends both.",
        "OpenAPI 3.0.3 §4.7.27 HTTP bearer scheme (RFC 6750 §2.1); Plain answers 401 without it.",
        "headers: {Content-Type: application/json}");
    /// Wrong request content type.
    RequestContentType = ("HX005", "request-content-type", Error,
        "The request's Content-Type is not `application/json`, the only documented request media type.",
        "OpenAPI 3.0.3 §4.7.10 Request Body content; GraphQL over HTTP §5 POST requests use application/json.",
        "Content-Type: text/plain");
    /// Undocumented status.
    StatusUndocumented = ("HX006", "status-undocumented", Error,
        "The response status is not documented for the operation (and there is no `default` or range entry that covers it).",
        "OpenAPI 3.0.3 §4.7.16 Responses: the documented statuses are the contract.",
        "status: 500");
    /// Wrong response content type.
    ResponseContentType = ("HX007", "response-content-type", Error,
        "The response's Content-Type is not a media type documented for its status.",
        "OpenAPI 3.0.3 §4.7.17 Response Object content.",
        "Content-Type: text/html  for a 200");
    /// Response body fails its schema.
    ResponseBodySchema = ("HX008", "response-body-schema", Error,
        "The response body does not match the OpenAPI schema of its status.",
        "OpenAPI 3.0.3 §4.7.17: the documented schema is the body's contract.",
        "{\"errors\": {\"message\": \"x\"}}");
    /// Body is not JSON.
    BodyNotJson = ("HX009", "body-not-json", Error,
        "A body recorded as text (`bodyText`, a HAR text) does not parse as JSON where JSON is required.",
        "The documented media type is application/json (RFC 8259).",
        "bodyText: '<html>502 Bad Gateway</html>'");
    /// HAR entries that were skipped.
    HarSkipped = ("HX010", "har-entries-skipped", Warning,
        "A HAR file holds entries that are not requests to the GraphQL path on one of Plain's hosts (the OpenAPI servers in any region, and `[check] hosts`); they were skipped.",
        "Browser and proxy captures hold page loads and other APIs; they are not part of this contract, but you should know they were not checked.",
        "GET https://app.example.com/favicon.ico");
    /// The server accepted a request that breaks the contract.
    AcceptedInvalid = ("HX011", "accepted-invalid-request", Warning,
        "The recorded request breaks the contract (its own findings say how, as errors), yet the server answered it with data: the live API and the contract disagree. A warning in a client's traffic (the team cannot change the server); an error where the run checks the provider (`[check] role = \"provider\"`) and in an exchange marked `expect: rejected`, whose point is the refusal.",
        "GraphQL spec §6.1 and §6.4.1: a document that fails validation or variables that fail coercion are not executed; a missing credential is a 401 (OpenAPI 3.0.3 §4.7.27).",
        "{\"isVerified\": \"yes\"} answered with 200 and data");
    /// A negative exchange whose request is valid.
    NegativeValid = ("HX012", "negative-request-valid", Error,
        "An exchange marked as a rejection (`expect: rejected`, or `[check] negative`) has a request that breaks nothing the recording can show: there is nothing for the server to reject. Under `expect: either` (mixed traffic), a request that breaks nothing was refused (400, 404, 405, or `errors` and no `data`).",
        "A negative fixture records a rejection on purpose; if its request is valid, the fixture tests nothing (or the server refused a valid request). In mixed traffic, a valid request must be answered.",
        "expect: rejected  on a valid upsertCustomer answered with 200 errors");
    /// A negative exchange whose response is not the documented rejection.
    NegativeWrongRejection = ("HX013", "negative-wrong-rejection", Error,
        "An exchange marked as a rejection (or checked as `expect: either` with a request that breaks the contract) records a response that is not the documented rejection for its request's fault: 400 for a malformed body, 401 for a missing or unknown key, 200 with `errors` and no `data` for a document or variables that fail, 403 for a missing permission, 405 for another method.",
        "The contract documents how each fault is refused; a negative fixture checks that the server refused it that way.",
        "a request without Authorization answered with 400");
    /// A stored credential.
    UnredactedSecret = ("SC001", "unredacted-secret", Error,
        "A recording holds a credential: in a credential header (Authorization, Proxy-Authorization, X-Api-Key, X-Plain-Api-Key, a cookie), a request body or a URL's query string, rather than a placeholder (`Bearer <redacted>`, `[Filtered]`, `${PLAIN_API_KEY}`...). The value is never printed.",
        "Fixtures are committed and shared; an API key in them is a leaked key.",
        "Authorization: Bearer plainApiKey_...");

    // ---- PA: Pact files ----
    /// Pact interactions that were skipped.
    PactSkipped = ("PA001", "pact-interactions-skipped", Warning,
        "A Pact file holds interactions that are not GraphQL over HTTP to the documented path (message pacts, V4 message interactions, REST calls to other paths); they were skipped.",
        "A consumer's pact often covers several APIs; the others are not this contract's, but you should know they were not checked.",
        "GET /healthz \"a health check\"");
    /// A pact's query matcher and its example disagree.
    PactQueryMatcher = ("PA002", "pact-query-matcher", Warning,
        "A pact interaction's `$.query` regex matcher (pact-js writes the query with whitespace made optional) was made from another operation than the example `query`, compared by syntax tree (whitespace, comments and field order do not count); or a hand-written regex does not match the example.",
        "Pact's mock server answers the query the regex describes, while the example is what is checked against the contract and replayed by verifiers: a stale matcher means the checked query is not the one the consumer's tests run.",
        "regex made from `{ customer { id } }`, example `{ customer { id fullName } }`");

    // ---- GR: GraphQL response ----
    /// Top-level response shape.
    ResponseShape = ("GR001", "response-shape", Error,
        "The GraphQL response map is malformed: neither `data` nor `errors`, an empty `errors` list, `data` of the wrong kind, or an entry other than data, errors and extensions.",
        "GraphQL spec §7.1 Response Format.",
        "{\"errors\": []}");
    /// A malformed error entry.
    ErrorEntry = ("GR002", "error-entry", Error,
        "An entry of `errors` lacks a string `message`, or has `locations` not of {line, column} (positive integers), or a `path` not of strings and integers, or non-object `extensions`.",
        "GraphQL spec §7.1.2 Errors.",
        "{\"errors\": [{\"msg\": \"x\"}]}");
    /// A selected key is missing.
    ResponseKeyMissing = ("GR003", "response-key-missing", Error,
        "`data` lacks a response key the executed operation selects (by alias, if any).",
        "GraphQL spec §6.3 ExecuteSelectionSet: every selected field (after @skip/@include and type conditions) gets an entry.",
        "selection { id fullName }, data {\"id\": \"c_1\"}");
    /// An extra key.
    ResponseKeyExtra = ("GR004", "response-key-extra", Error,
        "`data` holds a key the executed operation does not select (or selects only under @skip, or for another type).",
        "GraphQL spec §6.3: the result map has exactly the collected response keys.",
        "selection { id }, data {\"id\": \"c_1\", \"email\": ...}");
    /// Wrong kind of value.
    ResponseValueKind = ("GR005", "response-value-kind", Error,
        "A response value is of the wrong kind for its field: Int outside 32 bits or not an integer, Float not a number, String, Boolean, ID not a string, an object for a list, a list for an object.",
        "GraphQL spec §3.5 result coercion and §6.4.3 CompleteValue.",
        "\"totalCount\": \"3\"");
    /// Unknown enum value.
    ResponseEnumValue = ("GR006", "response-enum-value", Error,
        "A response value is not a value of its enum type.",
        "GraphQL spec §3.9 Enums, result coercion.",
        "\"result\": \"INSERTED\"");
    /// Null in a non-null position.
    ResponseNull = ("GR007", "response-null", Error,
        "A non-null field or list item is null with no error in `errors` whose path is at or below it.",
        "GraphQL spec §6.4.4 Handling Execution Errors: a null reaches a non-null position only by propagation from an error.",
        "\"fullName\": null  (String!)");
    /// Wrong __typename.
    ResponseTypename = ("GR008", "response-typename", Error,
        "`__typename` names a type that is not the field's type or one of its possible types.",
        "GraphQL spec §4.4 and §3.7/§3.8 (possible types of interfaces and unions).",
        "\"__typename\": \"Thread\"  for a Customer field");
    /// Ambiguous abstract type.
    ResponseAmbiguousType = ("GR009", "response-ambiguous-type", Warning,
        "A value of an interface or union type has no `__typename`, and its keys fit more than one possible type, so type-conditioned fragments were not checked.",
        "GraphQL spec §6.4.3 ResolveAbstractType happens on the server; a recording shows it only through __typename.",
        "... on User { fullName } ... on MachineUser { fullName }  without __typename");

    // ---- PL: Plain's business rules (docs: ../shared/plain/SEMANTICS.md) ----
    /// A MutationError of the wrong shape.
    MutationErrorShape = ("PL001", "mutation-error-shape", Error,
        "A mutation payload's `error` is not a MutationError: a message string, a type of VALIDATION, FORBIDDEN or INTERNAL, a code string, and fields of {field, message, type}.",
        "Plain schema `MutationError`; SEMANTICS.md §2 and §3.",
        "error: {message: x, type: DENIED, code: forbidden}");
    /// An undocumented error code.
    MutationErrorCode = ("PL002", "mutation-error-code", Warning,
        "A MutationError code is not one of Plain's documented codes.",
        "Plain docs graphql/error-codes.mdx (SEMANTICS.md §3); clients switch on these codes.",
        "code: customer_exists");
    /// error beside a payload.
    ErrorWithPayload = ("PL003", "error-with-payload", Error,
        "A mutation payload sets `error` and also a non-null result field.",
        "Plain: you get a result or an error (SEMANTICS.md §1 Output); SDK v5 treats a set error as failure.",
        "upsertCustomer: {error: {...}, customer: {...}}");
    /// upsert result without customer or the reverse.
    UpsertResult = ("PL004", "upsert-result", Error,
        "upsertCustomer's `result` is set without `customer`, or `customer` without `result`.",
        "Plain docs graphql/customers/upsert.mdx: CREATED, UPDATED and NOOP describe the returned customer.",
        "upsertCustomer: {result: CREATED, customer: null, error: null}");
    /// Not exactly one identifier.
    ExactlyOneIdentifier = ("PL005", "exactly-one-identifier", Error,
        "An identifier input Plain documents as \"one of\" (customer, customer group, tenant, company identifiers) holds zero or several non-null fields, even under a schema that lacks `@oneOf`.",
        "Plain docs graphql/customers/upsert.mdx and schema descriptions (SEMANTICS.md §1, §2).",
        "identifier: {emailAddress: a@b.c, externalId: x}");
    /// A 401/403/429 body of the wrong shape.
    StatusBodyShape = ("PL006", "status-body-shape", Error,
        "A 401, 403 or 429 response body does not have Plain's documented shape: `errors` with a message and `extensions.code` UNAUTHENTICATED, FORBIDDEN or RATE_LIMITED.",
        "SEMANTICS.md §3 (SDK error classification, rate limits).",
        "status 429, body: Too many");
    /// Rate-limit headers.
    RateLimitHeaders = ("PL007", "rate-limit-headers", Error,
        "A 429 response lacks one of the `x-ratelimit-limit`, `x-ratelimit-remaining`, `x-ratelimit-reset` headers.",
        "Plain rate limits article (SEMANTICS.md §3): clients back off using these headers.",
        "status 429 without x-ratelimit-reset");
    /// Pagination arguments.
    Pagination = ("PL008", "pagination-arguments", Error,
        "A connection field is given `first` with `before`, `last` with `after`, or a page size that is negative or above 100.",
        "Plain docs graphql/pagination.mdx (SEMANTICS.md §2): these are validation errors.",
        "customers(first: 500)");
}

/// The registry as Markdown: the text of docs/codes.md.
pub(crate) fn codes_markdown() -> String {
    let mut s = String::from(
        "# Diagnostic codes\n\nGenerated from the registry in `src/diagnostic.rs` by `plain-contract codes`; a test fails when this file drifts.\nCodes are stable and never reused. Severity is the default. `plain-contract explain CODE` prints one of them.\n\n| code | name | severity | what |\n|---|---|---|---|\n",
    );
    for c in CODES {
        let sev = match c.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        s.push_str(&format!(
            "| [{}](#{}) | {} | {} | {} |\n",
            c.code,
            c.code.to_ascii_lowercase(),
            c.name,
            sev,
            c.what
        ));
    }
    for c in CODES {
        s.push_str(&format!(
            "\n## {}\n\n**{}** ({})\n\n- What: {}\n- Why: {}\n- Example:\n\n```\n{}\n```\n",
            c.code,
            c.name,
            match c.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            c.what,
            c.why,
            c.example
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes and names are each given once, and well formed: two capitals and
    /// three digits; a kebab-case name; what, why and an example said.
    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        for info in CODES {
            assert!(codes.insert(info.code), "duplicate code {}", info.code);
            assert!(names.insert(info.name), "{}: the name {} is taken", info.code, info.name);
            let b = info.code.as_bytes();
            assert!(
                b.len() == 5 && b[..2].iter().all(u8::is_ascii_uppercase) && b[2..].iter().all(u8::is_ascii_digit),
                "{} is not two capitals and three digits",
                info.code
            );
            assert!(
                info.name
                    .split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
                "{}: the name {:?} is not kebab-case",
                info.code,
                info.name
            );
            for (part, text) in [("what", info.what), ("why", info.why), ("example", info.example)] {
                assert!(!text.trim().is_empty(), "{}: no {part}", info.code);
            }
        }
    }

    /// Every code of the registry is reported by the tool's code outside this
    /// file (`Code::Variant`, or `[CODE]` printed by the command line, in src/
    /// without its tests and test modules): a code nothing reports is documented in
    /// docs/codes.md for a finding no one can get.
    #[test]
    fn every_code_is_reported_somewhere() {
        fn read_rs(dir: &std::path::Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
                let path = entry.path();
                if path.is_dir() && !path.ends_with("src/tests") {
                    read_rs(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("src/diagnostic.rs") {
                    let text = std::fs::read_to_string(&path).expect("a readable source file");
                    // Without the file's unit tests (which name codes to compare).
                    out.push_str(text.split("#[cfg(test)]\nmod ").next().unwrap_or_default());
                }
            }
        }
        let mut src = String::new();
        read_rs(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut src);
        let unused: Vec<String> = Code::ALL
            .iter()
            .filter(|c| {
                let word = format!("Code::{c:?}");
                let named = src.match_indices(&word).any(|(i, _)| {
                    src[i + word.len()..]
                        .chars()
                        .next()
                        .is_none_or(|ch| !(ch.is_alphanumeric() || ch == '_'))
                });
                !named && !src.contains(&format!("[{}]", c.as_str()))
            })
            .map(|c| format!("{} ({c:?})", c.as_str()))
            .collect();
        assert!(unused.is_empty(), "in the registry, reported nowhere: {unused:?}");
    }
}
