//! "Did you mean": the closest of some known names to a mistyped one, by
//! Levenshtein distance (strsim, already in the tree through clap), within a
//! third of the name's length.

/// The known name closest to `given`, if one is close enough to be a typo.
pub(crate) fn closest<'a>(given: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = given.to_ascii_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(&lower, &k.to_ascii_lowercase()), k))
        .filter(|(d, _)| *d <= (given.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_typos_only() {
        assert_eq!(super::closest("defualt", ["default", "admin"]), Some("default"));
        assert_eq!(
            super::closest("UpsertCustomerInpt", ["UpsertCustomerInput", "CustomerIdentifierInput"]),
            Some("UpsertCustomerInput")
        );
        assert_eq!(super::closest("zzz", ["default"]), None);
    }
}
