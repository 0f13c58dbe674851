//! "Did you mean": the closest of some known names to a mistyped one, by
//! Levenshtein distance (strsim, already in the tree through clap), within a
//! third of the name's length.
//!
//! graphql-js's suggestion list measures every field of a type against the
//! unknown name; on Plain's `Mutation` (hundreds of long names) strsim's
//! `osa_distance`, which always fills the whole table, took a quarter of a
//! `check` on Plain's SDK layout. [`osa_within`] is the same distance on
//! ASCII names (every GraphQL name is ASCII), stopped as soon as it must
//! exceed the threshold (graphql-js's `LexicalDistance` stops there too); a
//! test compares it with strsim's.

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
    let mut kl = String::new();
    let mut rows = [Vec::new(), Vec::new(), Vec::new()];
    let mut found: Vec<(usize, &str)> = known
        .into_iter()
        .filter(|k| *k != given)
        .filter_map(|k| {
            kl.clear();
            if k.is_ascii() {
                kl.extend(k.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                kl.push_str(&k.to_lowercase());
            }
            let d = if kl == lower {
                Some(1)
            } else if lower.is_ascii() && kl.is_ascii() {
                osa_within(lower.as_bytes(), kl.as_bytes(), threshold, &mut rows)
            } else {
                Some(strsim::osa_distance(&lower, &kl))
            };
            d.filter(|d| *d <= threshold).map(|d| (d, k))
        })
        .collect();
    found.sort();
    found.into_iter().take(5).map(|(_, k)| k).collect()
}

/// strsim's `osa_distance` of two ASCII strings when it is at most `max`,
/// else None, without filling the whole table: a length difference over
/// `max` is over it, and so is a table with two consecutive rows over it
/// (every alignment passes through one of any two consecutive rows: a
/// transposition skips one, and no step makes the distance smaller).
/// `rows` is scratch space, reused from call to call.
fn osa_within(a: &[u8], b: &[u8], max: usize, rows: &mut [Vec<usize>; 3]) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let n = b.len();
    let [two, prev, cur] = rows;
    two.clear();
    two.extend(0..=n);
    prev.clear();
    prev.extend(0..=n);
    cur.clear();
    cur.resize(n + 1, 0);
    let mut prev_over = false;
    for (i, &ac) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut least = i + 1;
        for (j, &bc) in b.iter().enumerate() {
            let cost = usize::from(ac != bc);
            let mut v = (cur[j] + 1).min(prev[j + 1] + 1).min(prev[j] + cost);
            if i > 0 && j > 0 && ac != bc && ac == b[j - 1] && bc == a[i - 1] {
                v = v.min(two[j - 1] + 1);
            }
            cur[j + 1] = v;
            least = least.min(v);
        }
        let over = least > max;
        if over && prev_over {
            return None;
        }
        prev_over = over;
        std::mem::swap(two, prev);
        std::mem::swap(prev, cur);
    }
    Some(prev[n]).filter(|d| *d <= max)
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
    fn bounded_distance_is_strsims() {
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
        let mut rows = Default::default();
        for a in names {
            for b in names {
                let d = strsim::osa_distance(a, b);
                for max in 0..20 {
                    let want = Some(d).filter(|d| *d <= max);
                    assert_eq!(super::osa_within(a.as_bytes(), b.as_bytes(), max, &mut rows), want, "{a} {b} {max}");
                }
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
