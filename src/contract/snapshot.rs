//! A snapshot of the embedded schema's syntax tree (`specs/plain-schema.ast`),
//! read instead of parsing `specs/plain-schema.graphql` at every run.
//!
//! Parsing Plain's 280 KB of SDL was about a sixth of a client project's
//! check, and nearly all of a pre-commit run's own work: the lexer, the
//! parser's syntax tree, then apollo-compiler's conversion of that tree to its
//! AST. The snapshot holds the AST itself: each definition, field, argument,
//! value and directive with its location in the SDL. Reading it allocates the
//! AST's nodes and nothing else; names are slices of the embedded SDL (the
//! text at each name's location), so they are not copied. The schema is then
//! built from the AST as after a parse ([`apollo_compiler::Schema::builder`]),
//! with the SDL as its source file, so every location and every message that
//! quotes the schema is what a parse gives.
//!
//! Written here rather than with a serialization library: apollo-compiler's AST
//! keeps locations in private fields and its serde forms drop them. Two hidden
//! constructors patched into the vendored apollo-compiler (PATCHES.md, change
//! 3) make a location and a source file; a build against the published crate
//! lacks them (`cfg(apollo_snapshot)` unset, see `build.rs`) and parses.
//!
//! The format: a header (magic, the SDL's length and FNV-1a hash), then the
//! definitions, with integers as LEB128. The snapshot is used only when its
//! header names the very SDL built into the binary; otherwise the schema is
//! parsed. It holds type-system definitions only (what Plain's schema has):
//! `write` refuses anything else. The test `snapshot_is_the_parse`
//! compares what `read` gives with a parse, locations included, and that the
//! committed file is what `write` makes of the SDL now
//! (`PLAIN_CONTRACT_WRITE_SNAPSHOT=1 cargo test --lib snapshot_is_the_parse`
//! writes it anew, after a change to the SDL or to this module).

// Without apollo-compiler's patch there is no reader: what only it uses is
// left unused (the build parses the schema instead).
#![cfg_attr(not(apollo_snapshot), allow(dead_code, unused_imports))]

use apollo_compiler::ast::{
    self, Definition, DirectiveDefinition, DirectiveList, DirectiveLocation, EnumTypeDefinition, EnumValueDefinition, FieldDefinition,
    InputObjectTypeDefinition, InputValueDefinition, InterfaceTypeDefinition, ObjectTypeDefinition, OperationType, ScalarTypeDefinition,
    SchemaDefinition, Type, UnionTypeDefinition, Value,
};
use apollo_compiler::parser::SourceSpan;
use apollo_compiler::{Name, Node};

const MAGIC: &[u8] = b"plain-contract schema snapshot 1\n";

/// Every directive location, in the order of their codes in a snapshot.
const LOCATIONS: [DirectiveLocation; 19] = [
    DirectiveLocation::Query,
    DirectiveLocation::Mutation,
    DirectiveLocation::Subscription,
    DirectiveLocation::Field,
    DirectiveLocation::FragmentDefinition,
    DirectiveLocation::FragmentSpread,
    DirectiveLocation::InlineFragment,
    DirectiveLocation::VariableDefinition,
    DirectiveLocation::Schema,
    DirectiveLocation::Scalar,
    DirectiveLocation::Object,
    DirectiveLocation::FieldDefinition,
    DirectiveLocation::ArgumentDefinition,
    DirectiveLocation::Interface,
    DirectiveLocation::Union,
    DirectiveLocation::Enum,
    DirectiveLocation::EnumValue,
    DirectiveLocation::InputObject,
    DirectiveLocation::InputFieldDefinition,
];

const OPERATIONS: [OperationType; 3] = [OperationType::Query, OperationType::Mutation, OperationType::Subscription];

/// FNV-1a, 64 bits (the same function as `build.rs`'s, whose result a run
/// uses; here for the writer and the tests).
#[cfg(test)]
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The snapshot of `doc`, a parse of `sdl`; `Err` names what it cannot hold.
/// Made by a test (see the module's docs), not at run time.
#[cfg(test)]
pub(crate) fn write(doc: &ast::Document, sdl: &str) -> Result<Vec<u8>, String> {
    let mut w = Writer { out: Vec::new(), sdl };
    w.out.extend_from_slice(MAGIC);
    w.out.extend_from_slice(&(sdl.len() as u64).to_le_bytes());
    w.out.extend_from_slice(&fnv1a(sdl.as_bytes()).to_le_bytes());
    w.int(doc.definitions.len());
    for d in &doc.definitions {
        w.definition(d)?;
    }
    Ok(w.out)
}

#[cfg(test)]
struct Writer<'a> {
    out: Vec<u8>,
    sdl: &'a str,
}

#[cfg(test)]
impl Writer<'_> {
    fn int(&mut self, mut v: usize) {
        loop {
            let low = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(low);
                return;
            }
            self.out.push(low | 0x80);
        }
    }

    fn flag(&mut self, b: bool) {
        self.out.push(u8::from(b));
    }

    fn text(&mut self, s: &str) {
        self.int(s.len());
        self.out.extend_from_slice(s.as_bytes());
    }

    fn span(&mut self, s: Option<SourceSpan>) {
        match s {
            None => self.int(0),
            Some(s) => {
                self.int(s.offset() + 1);
                self.int(s.node_len());
            }
        }
    }

    /// A name: its location, whose text in the SDL is the name.
    fn name(&mut self, n: &Name) -> Result<(), String> {
        let at = n.location().ok_or_else(|| format!("the name `{n}` has no location"))?;
        if self.sdl.get(at.offset()..at.end_offset()) != Some(n.as_str()) {
            return Err(format!("the name `{n}` is not the text at its location"));
        }
        self.int(at.offset());
        self.int(at.node_len());
        Ok(())
    }

    fn description(&mut self, d: &Option<Node<str>>) {
        self.flag(d.is_some());
        if let Some(d) = d {
            self.span(d.location());
            self.text(d);
        }
    }

    fn directives(&mut self, list: &DirectiveList) -> Result<(), String> {
        self.int(list.len());
        for d in list.iter() {
            self.span(d.location());
            self.name(&d.name)?;
            self.int(d.arguments.len());
            for a in &d.arguments {
                self.span(a.location());
                self.name(&a.name)?;
                self.value(&a.value)?;
            }
        }
        Ok(())
    }

    fn value(&mut self, v: &Node<Value>) -> Result<(), String> {
        self.span(v.location());
        match v.as_ref() {
            Value::Null => self.out.push(0),
            Value::Enum(n) => {
                self.out.push(1);
                self.name(n)?;
            }
            Value::Variable(n) => {
                self.out.push(2);
                self.name(n)?;
            }
            Value::String(s) => {
                self.out.push(3);
                self.text(s);
            }
            Value::Float(f) => {
                self.out.push(4);
                self.text(f.as_str());
            }
            Value::Int(i) => {
                self.out.push(5);
                self.text(i.as_str());
            }
            Value::Boolean(b) => {
                self.out.push(6);
                self.flag(*b);
            }
            Value::List(items) => {
                self.out.push(7);
                self.int(items.len());
                for i in items {
                    self.value(i)?;
                }
            }
            Value::Object(fields) => {
                self.out.push(8);
                self.int(fields.len());
                for (n, v) in fields {
                    self.name(n)?;
                    self.value(v)?;
                }
            }
        }
        Ok(())
    }

    fn ty(&mut self, t: &Type) -> Result<(), String> {
        match t {
            Type::Named(n) => {
                self.out.push(0);
                self.name(n)
            }
            Type::NonNullNamed(n) => {
                self.out.push(1);
                self.name(n)
            }
            Type::List(inner) => {
                self.out.push(2);
                self.ty(inner)
            }
            Type::NonNullList(inner) => {
                self.out.push(3);
                self.ty(inner)
            }
        }
    }

    fn input_value(&mut self, v: &Node<InputValueDefinition>) -> Result<(), String> {
        self.span(v.location());
        self.description(&v.description);
        self.name(&v.name)?;
        self.span(v.ty.location());
        self.ty(&v.ty)?;
        self.flag(v.default_value.is_some());
        if let Some(d) = &v.default_value {
            self.value(d)?;
        }
        self.directives(&v.directives)
    }

    fn input_values(&mut self, list: &[Node<InputValueDefinition>]) -> Result<(), String> {
        self.int(list.len());
        list.iter().try_for_each(|v| self.input_value(v))
    }

    fn names(&mut self, list: &[Name]) -> Result<(), String> {
        self.int(list.len());
        list.iter().try_for_each(|n| self.name(n))
    }

    fn fields(&mut self, list: &[Node<FieldDefinition>]) -> Result<(), String> {
        self.int(list.len());
        for f in list {
            self.span(f.location());
            self.description(&f.description);
            self.name(&f.name)?;
            self.input_values(&f.arguments)?;
            self.ty(&f.ty)?;
            self.directives(&f.directives)?;
        }
        Ok(())
    }

    /// What every named type's definition starts with, after its kind.
    fn head(&mut self, kind: u8, description: &Option<Node<str>>, name: &Name, directives: &DirectiveList) -> Result<(), String> {
        self.out.push(kind);
        self.description(description);
        self.name(name)?;
        self.directives(directives)
    }

    fn definition(&mut self, d: &Definition) -> Result<(), String> {
        self.span(d.location());
        match d {
            Definition::DirectiveDefinition(x) => {
                self.out.push(0);
                self.description(&x.description);
                self.name(&x.name)?;
                self.input_values(&x.arguments)?;
                self.flag(x.repeatable);
                self.int(x.locations.len());
                for l in &x.locations {
                    let code = LOCATIONS.iter().position(|k| k == l).unwrap_or(LOCATIONS.len());
                    self.int(code);
                }
            }
            Definition::SchemaDefinition(x) => {
                self.out.push(1);
                self.description(&x.description);
                self.directives(&x.directives)?;
                self.int(x.root_operations.len());
                for r in &x.root_operations {
                    self.span(r.location());
                    let code = OPERATIONS.iter().position(|k| *k == r.0).unwrap_or(OPERATIONS.len());
                    self.int(code);
                    self.name(&r.1)?;
                }
            }
            Definition::ScalarTypeDefinition(x) => self.head(2, &x.description, &x.name, &x.directives)?,
            Definition::ObjectTypeDefinition(x) => {
                self.head(3, &x.description, &x.name, &x.directives)?;
                self.names(&x.implements_interfaces)?;
                self.fields(&x.fields)?;
            }
            Definition::InterfaceTypeDefinition(x) => {
                self.head(4, &x.description, &x.name, &x.directives)?;
                self.names(&x.implements_interfaces)?;
                self.fields(&x.fields)?;
            }
            Definition::UnionTypeDefinition(x) => {
                self.head(5, &x.description, &x.name, &x.directives)?;
                self.names(&x.members)?;
            }
            Definition::EnumTypeDefinition(x) => {
                self.head(6, &x.description, &x.name, &x.directives)?;
                self.int(x.values.len());
                for v in &x.values {
                    self.span(v.location());
                    self.description(&v.description);
                    self.name(&v.value)?;
                    self.directives(&v.directives)?;
                }
            }
            Definition::InputObjectTypeDefinition(x) => {
                self.head(7, &x.description, &x.name, &x.directives)?;
                self.input_values(&x.fields)?;
            }
            _ => return Err("a snapshot holds type definitions only, not extensions or operations".to_string()),
        }
        Ok(())
    }
}

/// The document a snapshot of `sdl` holds, with `sdl` at `path` as its
/// source file; `None` if the header of `bytes` does not name a text of
/// `sdl`'s length whose FNV-1a hash is `sdl_fnv` (the caller's: for the SDL
/// built in, `build.rs` computes it, so no run hashes 280 KB), or if `bytes`
/// is cut short. Damage inside a snapshot is not detected here: the file is
/// built into the binary, and `snapshot_is_the_parse` checks it.
#[cfg(apollo_snapshot)]
pub(crate) fn read(bytes: &'static [u8], sdl: &'static str, sdl_fnv: u64, path: &str) -> Option<ast::Document> {
    use apollo_compiler::parser::{FileId, SourceFile};
    let rest = bytes.strip_prefix(MAGIC)?;
    let len = u64::from_le_bytes(rest.get(..8)?.try_into().ok()?);
    let hash = u64::from_le_bytes(rest.get(8..16)?.try_into().ok()?);
    if len != sdl.len() as u64 || hash != sdl_fnv {
        return None;
    }
    let file = FileId::new();
    let mut r = Reader {
        bytes: rest,
        at: 16,
        sdl,
        file,
        depth: 0,
    };
    let count = r.int()?;
    let mut definitions = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        definitions.push(r.definition()?);
    }
    if r.at != rest.len() {
        return None;
    }
    let mut sources = apollo_compiler::collections::IndexMap::default();
    sources.insert(file, std::sync::Arc::new(SourceFile::__new(path.into(), sdl.to_string())));
    Some(ast::Document {
        sources: std::sync::Arc::new(sources),
        definitions,
    })
}

#[cfg(apollo_snapshot)]
struct Reader {
    bytes: &'static [u8],
    at: usize,
    sdl: &'static str,
    file: apollo_compiler::parser::FileId,
    /// Lists and objects, and list types, open (at most [`MAX_NESTING`]).
    depth: usize,
}

/// How deep values and list types may nest in a snapshot (Plain's schema:
/// two), so that a damaged one cannot run the reader's stack out.
#[cfg(apollo_snapshot)]
const MAX_NESTING: usize = 32;

#[cfg(apollo_snapshot)]
fn node<T>(v: T, at: Option<SourceSpan>) -> Node<T> {
    match at {
        Some(at) => Node::new_parsed(v, at),
        None => Node::new(v),
    }
}

#[cfg(apollo_snapshot)]
impl Reader {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn int(&mut self) -> Option<usize> {
        let mut v: usize = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= usize::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn text(&mut self) -> Option<&'static str> {
        let len = self.int()?;
        let end = self.at.checked_add(len)?;
        let s = std::str::from_utf8(self.bytes.get(self.at..end)?).ok()?;
        self.at = end;
        Some(s)
    }

    fn range(&self, start: usize, len: usize) -> Option<SourceSpan> {
        let end = start.checked_add(len)?;
        Some(SourceSpan::__from_offsets(
            self.file,
            u32::try_from(start).ok()?,
            u32::try_from(end).ok()?,
        ))
    }

    fn span(&mut self) -> Option<Option<SourceSpan>> {
        match self.int()? {
            0 => Some(None),
            start => {
                let len = self.int()?;
                Some(Some(self.range(start - 1, len)?))
            }
        }
    }

    fn name(&mut self) -> Option<Name> {
        let start = self.int()?;
        let len = self.int()?;
        let text = self.sdl.get(start..start.checked_add(len)?)?;
        let at = self.range(start, len)?;
        Some(Name::new_static_unchecked(text).with_location(at))
    }

    fn description(&mut self) -> Option<Option<Node<str>>> {
        if !self.flag()? {
            return Some(None);
        }
        let at = self.span()?;
        let text = self.text()?;
        Some(Some(match at {
            Some(at) => Node::new_str_parsed(text, at),
            None => Node::new_str(text),
        }))
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.int()?;
        // Each item takes at least one byte.
        let mut v = Vec::with_capacity(n.min(self.bytes.len() - self.at));
        for _ in 0..n {
            v.push(item(self)?);
        }
        Some(v)
    }

    fn directives(&mut self) -> Option<DirectiveList> {
        let list = self.list(|r| {
            let at = r.span()?;
            let name = r.name()?;
            let arguments = r.list(|r| {
                let at = r.span()?;
                let name = r.name()?;
                let value = r.value()?;
                Some(node(ast::Argument { name, value }, at))
            })?;
            Some(node(ast::Directive { name, arguments }, at))
        })?;
        Some(DirectiveList(list))
    }

    /// `f` one level deeper, if that is within [`MAX_NESTING`].
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        if self.depth >= MAX_NESTING {
            return None;
        }
        self.depth += 1;
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn value(&mut self) -> Option<Node<Value>> {
        let at = self.span()?;
        let v = match self.byte()? {
            0 => Value::Null,
            1 => Value::Enum(self.name()?),
            2 => Value::Variable(self.name()?),
            3 => Value::String(self.text()?.to_string()),
            4 => Value::Float(ast::FloatValue::new_parsed(self.text()?)),
            5 => Value::Int(ast::IntValue::new_parsed(self.text()?)),
            6 => Value::Boolean(self.flag()?),
            7 => Value::List(self.nested(|r| r.list(Self::value))?),
            8 => Value::Object(self.nested(|r| r.list(|r| Some((r.name()?, r.value()?))))?),
            _ => return None,
        };
        Some(node(v, at))
    }

    fn ty(&mut self) -> Option<Type> {
        Some(match self.byte()? {
            0 => Type::Named(self.name()?),
            1 => Type::NonNullNamed(self.name()?),
            2 => Type::List(Box::new(self.nested(Self::ty)?)),
            3 => Type::NonNullList(Box::new(self.nested(Self::ty)?)),
            _ => return None,
        })
    }

    fn input_value(&mut self) -> Option<Node<InputValueDefinition>> {
        let at = self.span()?;
        let description = self.description()?;
        let name = self.name()?;
        let ty_at = self.span()?;
        let ty = node(self.ty()?, ty_at);
        let default_value = if self.flag()? { Some(self.value()?) } else { None };
        let directives = self.directives()?;
        Some(node(
            InputValueDefinition {
                description,
                name,
                ty,
                default_value,
                directives,
            },
            at,
        ))
    }

    fn fields(&mut self) -> Option<Vec<Node<FieldDefinition>>> {
        self.list(|r| {
            let at = r.span()?;
            let description = r.description()?;
            let name = r.name()?;
            let arguments = r.list(Self::input_value)?;
            let ty = r.ty()?;
            let directives = r.directives()?;
            Some(node(
                FieldDefinition {
                    description,
                    name,
                    arguments,
                    ty,
                    directives,
                },
                at,
            ))
        })
    }

    /// What every named type's definition starts with, after its kind.
    fn head(&mut self) -> Option<(Option<Node<str>>, Name, DirectiveList)> {
        Some((self.description()?, self.name()?, self.directives()?))
    }

    fn definition(&mut self) -> Option<Definition> {
        let at = self.span()?;
        Some(match self.byte()? {
            0 => {
                let description = self.description()?;
                let name = self.name()?;
                let arguments = self.list(Self::input_value)?;
                let repeatable = self.flag()?;
                let locations = self.list(|r| LOCATIONS.get(r.int()?).copied())?;
                Definition::DirectiveDefinition(node(
                    DirectiveDefinition {
                        description,
                        name,
                        arguments,
                        repeatable,
                        locations,
                    },
                    at,
                ))
            }
            1 => {
                let description = self.description()?;
                let directives = self.directives()?;
                let root_operations = self.list(|r| {
                    let at = r.span()?;
                    let op = *OPERATIONS.get(r.int()?)?;
                    Some(node((op, r.name()?), at))
                })?;
                Definition::SchemaDefinition(node(
                    SchemaDefinition {
                        description,
                        directives,
                        root_operations,
                    },
                    at,
                ))
            }
            2 => {
                let (description, name, directives) = self.head()?;
                Definition::ScalarTypeDefinition(node(
                    ScalarTypeDefinition {
                        description,
                        name,
                        directives,
                    },
                    at,
                ))
            }
            kind @ (3 | 4) => {
                let (description, name, directives) = self.head()?;
                let implements_interfaces = self.list(Self::name)?;
                let fields = self.fields()?;
                if kind == 3 {
                    Definition::ObjectTypeDefinition(node(
                        ObjectTypeDefinition {
                            description,
                            name,
                            implements_interfaces,
                            directives,
                            fields,
                        },
                        at,
                    ))
                } else {
                    Definition::InterfaceTypeDefinition(node(
                        InterfaceTypeDefinition {
                            description,
                            name,
                            implements_interfaces,
                            directives,
                            fields,
                        },
                        at,
                    ))
                }
            }
            5 => {
                let (description, name, directives) = self.head()?;
                let members = self.list(Self::name)?;
                Definition::UnionTypeDefinition(node(
                    UnionTypeDefinition {
                        description,
                        name,
                        directives,
                        members,
                    },
                    at,
                ))
            }
            6 => {
                let (description, name, directives) = self.head()?;
                let values = self.list(|r| {
                    let at = r.span()?;
                    let description = r.description()?;
                    let value = r.name()?;
                    let directives = r.directives()?;
                    Some(node(
                        EnumValueDefinition {
                            description,
                            value,
                            directives,
                        },
                        at,
                    ))
                })?;
                Definition::EnumTypeDefinition(node(
                    EnumTypeDefinition {
                        description,
                        name,
                        directives,
                        values,
                    },
                    at,
                ))
            }
            7 => {
                let (description, name, directives) = self.head()?;
                let fields = self.list(Self::input_value)?;
                Definition::InputObjectTypeDefinition(node(
                    InputObjectTypeDefinition {
                        description,
                        name,
                        directives,
                        fields,
                    },
                    at,
                ))
            }
            _ => return None,
        })
    }
}

#[cfg(all(test, apollo_snapshot))]
mod tests {
    use super::*;
    use crate::contract::{BUILTIN_PLAIN_SCHEMA, BUILTIN_PLAIN_SCHEMA_PATH, BUILTIN_PLAIN_SCHEMA_SNAPSHOT};
    use apollo_compiler::parser::Parser;
    use apollo_compiler::Schema;

    /// The hash `build.rs` made of the SDL built in.
    fn builtin_fnv() -> u64 {
        u64::from_str_radix(env!("PLAIN_SCHEMA_FNV"), 16).unwrap_or_default()
    }

    /// `Debug` of `v` (which prints every node's location) with the file id
    /// of the one source besides apollo-compiler's built-in definitions
    /// replaced, so two loads of one text compare.
    fn shown(v: &impl std::fmt::Debug, sources: &apollo_compiler::parser::SourceMap) -> String {
        let text = format!("{v:?}");
        let ids: Vec<_> = sources
            .keys()
            .filter(|id| **id != apollo_compiler::parser::FileId::BUILT_IN)
            .collect();
        assert_eq!(ids.len(), 1);
        let id = format!(" @{:?} ", ids[0]);
        assert!(text.contains(&id), "locations in the file");
        text.replace(&id, " @F ")
    }

    /// The committed snapshot is what `write` makes of the SDL built in
    /// (`PLAIN_CONTRACT_WRITE_SNAPSHOT=1` writes it anew), and `read` gives
    /// back the parse: every definition, field, argument, value and
    /// directive, with their locations (`Debug` prints them), the names'
    /// locations (written again from what was read), the source file, and
    /// the schema built from it.
    #[test]
    fn snapshot_is_the_parse() {
        let parsed = Parser::new()
            .parse_ast(BUILTIN_PLAIN_SCHEMA, BUILTIN_PLAIN_SCHEMA_PATH)
            .unwrap_or_else(|e| panic!("{}", e.errors));
        let made = write(&parsed, BUILTIN_PLAIN_SCHEMA).unwrap_or_else(|e| panic!("{e}"));
        if std::env::var_os("PLAIN_CONTRACT_WRITE_SNAPSHOT").is_some() {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/plain-schema.ast");
            std::fs::write(&path, &made).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            return;
        }
        assert!(
            made == BUILTIN_PLAIN_SCHEMA_SNAPSHOT,
            "specs/plain-schema.ast is not the snapshot of specs/plain-schema.graphql: \
             PLAIN_CONTRACT_WRITE_SNAPSHOT=1 cargo test --lib snapshot_is_the_parse writes it anew"
        );
        assert_eq!(
            u64::from_str_radix(env!("PLAIN_SCHEMA_FNV"), 16).ok(),
            Some(fnv1a(BUILTIN_PLAIN_SCHEMA.as_bytes())),
            "build.rs hashes the same text"
        );
        let read = read(
            BUILTIN_PLAIN_SCHEMA_SNAPSHOT,
            BUILTIN_PLAIN_SCHEMA,
            builtin_fnv(),
            BUILTIN_PLAIN_SCHEMA_PATH,
        )
        .expect("reads");
        assert_eq!(parsed.definitions.len(), read.definitions.len());
        assert!(parsed.definitions.len() > 1_000);
        assert_eq!(shown(&parsed.definitions, &parsed.sources), shown(&read.definitions, &read.sources));
        assert_eq!(parsed.definitions, read.definitions);
        assert_eq!(
            write(&read, BUILTIN_PLAIN_SCHEMA).ok().as_deref(),
            Some(BUILTIN_PLAIN_SCHEMA_SNAPSHOT)
        );
        let (a, b) = (&parsed.sources[0], &read.sources[0]);
        assert_eq!(read.sources.len(), 1);
        assert_eq!((a.path(), a.source_text()), (b.path(), b.source_text()));

        let from_parse = Schema::builder().add_ast(&parsed).build().expect("valid");
        let from_read = Schema::builder().add_ast(&read).build().expect("valid");
        assert_eq!(from_parse.to_string(), from_read.to_string());
        assert_eq!(
            shown(&from_parse.types, &from_parse.sources),
            shown(&from_read.types, &from_read.sources)
        );
        // A name's place, as the schema's diagnostics show it.
        let ty = &from_read.types["UpsertCustomerInput"];
        let at = ty.name().location().and_then(|l| l.line_column(&from_read.sources));
        let parsed_ty = &from_parse.types["UpsertCustomerInput"];
        let expected = parsed_ty.name().location().and_then(|l| l.line_column(&from_parse.sources));
        assert!(at.is_some());
        assert_eq!(at, expected);
    }

    /// A snapshot of another text and a cut one are refused (`None`: the
    /// caller parses); a damaged one, refused or not, reads without a panic
    /// (single bits flipped: most still read, as another schema; the
    /// committed file is checked by `snapshot_is_the_parse`).
    #[test]
    fn cut_snapshots_are_refused_and_damaged_ones_read_without_a_panic() {
        let other = "type Query { a: Int }";
        assert!(read(BUILTIN_PLAIN_SCHEMA_SNAPSHOT, other, fnv1a(other.as_bytes()), "x.graphql").is_none());
        let bytes = BUILTIN_PLAIN_SCHEMA_SNAPSHOT;
        for k in (0..bytes.len()).step_by(bytes.len() / 300 + 1) {
            let cut: &'static [u8] = Box::leak(bytes[..k].to_vec().into_boxed_slice());
            assert!(read(cut, BUILTIN_PLAIN_SCHEMA, builtin_fnv(), "x").is_none(), "cut at {k}");
        }
        let mut refused = 0;
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..300 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut v = bytes.to_vec();
            let at = MAGIC.len() + 16 + (seed as usize) % (v.len() - MAGIC.len() - 16);
            v[at] ^= 1 << ((seed >> 60) % 8);
            let damaged: &'static [u8] = Box::leak(v.into_boxed_slice());
            if read(damaged, BUILTIN_PLAIN_SCHEMA, builtin_fnv(), "x").is_none() {
                refused += 1;
            }
        }
        assert!(refused > 0);
        // Values and list types nested deeper than the limit.
        let mut deep = MAGIC.to_vec();
        deep.extend_from_slice(&(BUILTIN_PLAIN_SCHEMA.len() as u64).to_le_bytes());
        deep.extend_from_slice(&fnv1a(BUILTIN_PLAIN_SCHEMA.as_bytes()).to_le_bytes());
        // One input type, no description, its name at 0..0 (an empty name
        // reads), no directives, one field whose type nests 100,000 lists.
        deep.extend_from_slice(&[1, 0, 7, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
        deep.extend(std::iter::repeat_n(2u8, 100_000));
        let deep: &'static [u8] = Box::leak(deep.into_boxed_slice());
        assert!(read(deep, BUILTIN_PLAIN_SCHEMA, builtin_fnv(), "x").is_none());
    }
}
