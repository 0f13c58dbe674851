//! "Did you mean": the closest of some known names to a mistyped one, by
//! Levenshtein distance (strsim, already in the tree through clap), within a
//! third of the name's length.
//!
//! graphql-js's suggestion list measures every field of a type against the
//! unknown name; on Plain's `Mutation` (hundreds of long names) strsim's
//! `osa_distance`, which always fills the whole table, took a quarter of a
//! `check` on Plain's SDK layout, and a table stopped at the threshold still
//! a twentieth. rapidfuzz's `BatchComparator` measures the same distance
//! bit-parallel (Hyyrö's algorithm: one pass over each known name, the given
//! name's letters prepared once); a test compares it with strsim's.

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

/// The known names graphql-js would suggest for `given` (its
/// `suggestionList`): within a distance of 40 % of the name's length plus
/// one, by optimal string alignment (a swap of two letters is one edit), a
/// difference of case alone counting as one; closest first, at most five.
pub(crate) fn graphql_js<'a>(given: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let lower = given.to_lowercase();
    let threshold = given.chars().count() * 2 / 5 + 1;
    let ascii = lower
        .is_ascii()
        .then(|| rapidfuzz::distance::osa::BatchComparator::new(lower.bytes()));
    let mut found: Vec<(usize, &str)> = known
        .into_iter()
        .filter(|k| *k != given)
        .filter_map(|k| {
            let d = match &ascii {
                // ASCII names (every GraphQL name) measured as they are read.
                Some(cmp) if k.is_ascii() => {
                    if lower.len().abs_diff(k.len()) > threshold {
                        return None;
                    }
                    if k.eq_ignore_ascii_case(&lower) {
                        1
                    } else {
                        cmp.distance(k.bytes().map(|b| b.to_ascii_lowercase()))
                    }
                }
                _ => {
                    let kl = k.to_lowercase();
                    if kl == lower {
                        1
                    } else {
                        strsim::osa_distance(&lower, &kl)
                    }
                }
            };
            (d <= threshold).then_some((d, k))
        })
        .collect();
    found.sort();
    found.into_iter().take(5).map(|(_, k)| k).collect()
}

/// graphql-js's wording of a suggestion list: `did you mean `a`, `b`, or `c`?`.
pub(crate) fn did_you_mean(names: &[&str]) -> Option<String> {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        [a, b] => Some(format!("did you mean {a} or {b}?")),
        [rest @ .., last] => Some(format!("did you mean {}, or {last}?", rest.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_as_graphql_js_does() {
        // As graphql-js 16's suggestionList gives them.
        assert_eq!(super::graphql_js("frist", ["first", "after", "last", "before"]), ["first", "last"]);
        assert_eq!(super::graphql_js("nam", ["name", "id", "names"]), ["name", "names"]);
        assert_eq!(super::graphql_js("zzz", ["name"]), Vec::<&str>::new());
        assert_eq!(
            super::did_you_mean(&["a", "b", "c"]).as_deref(),
            Some("did you mean `a`, `b`, or `c`?")
        );
        assert_eq!(super::did_you_mean(&["a", "b"]).as_deref(), Some("did you mean `a` or `b`?"));
    }

    #[test]
    fn bit_parallel_distance_is_strsims() {
        // Names like Plain's (shared prefixes, swaps, case), and edge cases.
        let names = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "ca",
            "abcdef",
            "createthread",
            "craetethread",
            "createthreads",
            "deletethread",
            "createworkspaceslackchannelintegration",
            "createworkspaceslackintegration",
            "deleteworkspaceslackchannelintegration",
            "upsertcustomer",
            "upsertcustomers",
            "updatecustomer",
            "customer",
            "cusotmer",
            "aaaa",
            "aaab",
            "baaa",
        ];
        for a in names {
            let cmp = rapidfuzz::distance::osa::BatchComparator::new(a.bytes());
            for b in names {
                assert_eq!(cmp.distance(b.bytes()), strsim::osa_distance(a, b), "{a} {b}");
            }
        }
    }

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
