//! `--scope`: which coordinates a report covers. The whole schema by
//! default; `customers`, the embedded Customers API contract's coordinates;
//! or a comma-separated list of coordinates and globs (`Query.customer*`,
//! `UpsertCustomerInput`). A type name takes the type and its members, a
//! field its arguments.

use super::universe::Coord;

/// Why a `--scope` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScopeError(pub String);

/// The coordinates of `all` that `spec` selects (`None`: all of them);
/// `customers` is the coordinates of `customers_sdl` (the embedded Customers
/// API schema, which the caller passes: coverage does not depend on contract).
pub(crate) fn select(all: Vec<Coord>, spec: Option<&str>, customers_sdl: (&str, &str)) -> Result<Vec<Coord>, ScopeError> {
    let Some(spec) = spec.map(str::trim) else { return Ok(all) };
    if spec.is_empty() {
        return Err(ScopeError(
            "`--scope` is empty; give `customers` or coordinates such as `Query.customer*`".into(),
        ));
    }
    if spec == "customers" {
        let embedded = apollo_compiler::Schema::parse_and_validate(customers_sdl.0, customers_sdl.1)
            .map_err(|_| ScopeError("`--scope customers`: the embedded Customers API schema does not load".into()))?;
        let known: std::collections::HashSet<(String, &str)> =
            super::universe::of(&embedded).into_iter().map(|c| (c.coordinate, c.kind)).collect();
        return Ok(all
            .into_iter()
            .filter(|c| known.contains(&(c.coordinate.clone(), c.kind)))
            .collect());
    }
    if spec.split(',').any(|raw| raw.trim().is_empty()) {
        return Err(ScopeError(format!("`--scope {spec}` has an empty item")));
    }
    let mut matchers = Vec::new();
    for raw in spec.split(',').map(str::trim) {
        let glob = globset::GlobBuilder::new(raw)
            .literal_separator(false)
            .build()
            .map_err(|e| ScopeError(format!("`--scope` item `{raw}` is not a glob: {}", e.kind())))?
            .compile_matcher();
        let wanted: Vec<usize> = (0..all.len()).filter(|&i| matches(&glob, raw, &all[i].coordinate)).collect();
        if wanted.is_empty() {
            let hint = crate::suggest::closest(raw, all.iter().map(|c| c.coordinate.as_str()))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(ScopeError(format!(
                "`--scope` item `{raw}` names no coordinate of the schema{hint}"
            )));
        }
        matchers.push(wanted);
    }
    let keep: std::collections::HashSet<usize> = matchers.into_iter().flatten().collect();
    Ok(all
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, c)| c)
        .collect())
}

fn matches(glob: &globset::GlobMatcher, raw: &str, coordinate: &str) -> bool {
    if glob.is_match(coordinate) {
        return true;
    }
    // A type takes its members; a field its arguments.
    coordinate
        .strip_prefix(raw)
        .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('('))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coords() -> Vec<Coord> {
        let s = apollo_compiler::Schema::parse_and_validate(
            "type Query { customer(id: ID): C customers: [C] } type C { fullName: String } input UpsertCustomerInput { a: Int }",
            "s.graphql",
        )
        .expect("valid");
        super::super::universe::of(&s)
    }

    /// No `customers` schema: these tests never name that scope.
    const NO_SDL: (&str, &str) = ("", "none.graphql");

    fn names(spec: &str) -> Vec<String> {
        select(coords(), Some(spec), NO_SDL)
            .expect("selects")
            .into_iter()
            .map(|c| c.coordinate)
            .collect()
    }

    #[test]
    fn globs_types_and_fields() {
        assert_eq!(
            names("Query.customer*"),
            ["Query.customer", "Query.customer(id:)", "Query.customers"]
        );
        assert_eq!(names("UpsertCustomerInput"), ["UpsertCustomerInput", "UpsertCustomerInput.a"]);
        assert_eq!(
            names("C.fullName, Query.customer"),
            ["C.fullName", "Query.customer", "Query.customer(id:)"]
        );
    }

    #[test]
    fn unknown_names_suggest() {
        let e = select(coords(), Some("C.fulName"), NO_SDL).expect_err("unknown");
        assert!(e.0.contains("did you mean `C.fullName`"), "{}", e.0);
        assert!(select(coords(), Some(""), NO_SDL).is_err());
        assert!(select(coords(), Some("a,,b"), NO_SDL).is_err());
    }
}
