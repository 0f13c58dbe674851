//! Relay pagination over sorted keys: hex-encoded cursors that stay valid when
//! the item they point at is deleted, and the page window with its flags.

use super::*;
use std::cmp::Ordering;

/// Relay pagination arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PageArgs {
    /// `first`
    pub first: Option<i64>,
    /// `after`
    pub after: Option<String>,
    /// `last`
    pub last: Option<i64>,
    /// `before`
    pub before: Option<String>,
}

/// One page of a connection.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Page<T> {
    /// `(cursor, node)` in order.
    pub edges: Vec<(String, T)>,
    /// `PageInfo.hasPreviousPage`: items exist before the first edge.
    pub has_previous_page: bool,
    /// `PageInfo.hasNextPage`: items exist after the last edge.
    pub has_next_page: bool,
    /// Items across all pages.
    pub total_count: usize,
}

fn key_order(a: &[String], b: &[String], descending: bool) -> Ordering {
    if descending {
        b.cmp(a)
    } else {
        a.cmp(b)
    }
}

/// Encodes a sort key as an opaque cursor (hex of the parts joined by U+001F).
pub(crate) fn encode_cursor(key: &[String]) -> String {
    key.join("\u{1f}").bytes().map(|b| format!("{b:02x}")).collect()
}

/// Decodes [`encode_cursor`]'s output; `None` when it is not one.
pub(crate) fn decode_cursor(cursor: &str) -> Option<Vec<String>> {
    if cursor.is_empty() || !cursor.len().is_multiple_of(2) || !cursor.is_ascii() {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..cursor.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&cursor[i..i + 2], 16).ok())
        .collect();
    let text = String::from_utf8(bytes?).ok()?;
    Some(text.split('\u{1f}').map(str::to_string).collect())
}

/// Relay pagination over `(sort key, item)` pairs (sorted here by key, descending or not).
/// `Err` is a `BAD_USER_INPUT` error. Without `first` and `last`, the first
/// [`DEFAULT_PAGE_SIZE`] items after `after` (before `before`) are returned.
pub(crate) fn paginate<T>(mut items: Vec<(Vec<String>, T)>, descending: bool, args: &PageArgs) -> Result<Page<T>, QueryError> {
    if args.first.is_some() && args.last.is_some() {
        return Err(QueryError::FirstWithLast);
    }
    if args.first.is_some() && args.before.is_some() {
        return Err(QueryError::FirstWithBefore);
    }
    if args.last.is_some() && args.after.is_some() {
        return Err(QueryError::LastWithAfter);
    }
    for (name, value) in [("first", args.first), ("last", args.last)] {
        match value {
            Some(got) if got < 0 => return Err(QueryError::Negative { name, got }),
            Some(got) if got > MAX_PAGE_SIZE => return Err(QueryError::TooLarge { name, got }),
            _ => {}
        }
    }
    items.sort_by(|a, b| key_order(&a.0, &b.0, descending));
    let arity = items.first().map(|(k, _)| k.len());
    let decode = |name: &'static str, cursor: &Option<String>| -> Result<Option<Vec<String>>, QueryError> {
        match cursor {
            None => Ok(None),
            Some(c) => match decode_cursor(c) {
                Some(k) if arity.is_none_or(|n| n == k.len()) => Ok(Some(k)),
                _ => Err(QueryError::BadCursor { name }),
            },
        }
    };
    let after = decode("after", &args.after)?;
    let before = decode("before", &args.before)?;
    let total_count = items.len();
    let mut start = after.map_or(0, |a| {
        items.partition_point(|(k, _)| key_order(k, &a, descending) != Ordering::Greater)
    });
    let mut end = before.map_or(total_count, |b| {
        items.partition_point(|(k, _)| key_order(k, &b, descending) == Ordering::Less)
    });
    end = end.max(start);
    let size = |n: i64| usize::try_from(n).unwrap_or(0);
    match (args.first, args.last) {
        (Some(n), _) => end = end.min(start.saturating_add(size(n))),
        (None, Some(n)) => start = start.max(end.saturating_sub(size(n))),
        (None, None) => end = end.min(start.saturating_add(DEFAULT_PAGE_SIZE)),
    }
    let has_previous_page = start > 0;
    let has_next_page = end < total_count;
    let edges = items
        .into_iter()
        .skip(start)
        .take(end - start)
        .map(|(k, t)| (encode_cursor(&k), t))
        .collect();
    Ok(Page {
        edges,
        has_previous_page,
        has_next_page,
        total_count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let key = vec!["Ada Lovelace".to_string(), "c_1".to_string()];
        assert_eq!(decode_cursor(&encode_cursor(&key)), Some(key));
        assert_eq!(decode_cursor("zz"), None);
        assert_eq!(decode_cursor("abc"), None);
        assert_eq!(decode_cursor(""), None);
    }

    #[test]
    fn paginate_windows_and_flags() {
        let items = |n: usize| (0..n).map(|i| (vec![format!("{i:03}")], i)).collect::<Vec<_>>();
        let page = paginate(items(30), false, &PageArgs::default()).unwrap();
        assert_eq!(page.edges.len(), 25);
        assert!(page.has_next_page && !page.has_previous_page);
        let after = page.edges[24].0.clone();
        let page2 = paginate(
            items(30),
            false,
            &PageArgs {
                first: Some(10),
                after: Some(after),
                ..PageArgs::default()
            },
        )
        .unwrap();
        assert_eq!(page2.edges.iter().map(|e| e.1).collect::<Vec<_>>(), vec![25, 26, 27, 28, 29]);
        assert!(!page2.has_next_page && page2.has_previous_page);
        let before = page2.edges[0].0.clone();
        let back = paginate(
            items(30),
            false,
            &PageArgs {
                last: Some(2),
                before: Some(before),
                ..PageArgs::default()
            },
        )
        .unwrap();
        assert_eq!(back.edges.iter().map(|e| e.1).collect::<Vec<_>>(), vec![23, 24]);
        let desc = paginate(
            items(3),
            true,
            &PageArgs {
                first: Some(2),
                ..PageArgs::default()
            },
        )
        .unwrap();
        assert_eq!(desc.edges.iter().map(|e| e.1).collect::<Vec<_>>(), vec![2, 1]);
        assert_eq!(
            paginate(
                items(3),
                false,
                &PageArgs {
                    first: Some(101),
                    ..PageArgs::default()
                }
            )
            .err(),
            Some(QueryError::TooLarge { name: "first", got: 101 })
        );
        assert_eq!(
            paginate(
                items(3),
                false,
                &PageArgs {
                    last: Some(-1),
                    ..PageArgs::default()
                }
            )
            .err(),
            Some(QueryError::Negative { name: "last", got: -1 })
        );
        assert_eq!(
            paginate(
                items(3),
                false,
                &PageArgs {
                    first: Some(1),
                    last: Some(1),
                    ..PageArgs::default()
                }
            )
            .err(),
            Some(QueryError::FirstWithLast)
        );
        assert_eq!(
            paginate(
                items(3),
                false,
                &PageArgs {
                    after: Some("nothex".into()),
                    ..PageArgs::default()
                }
            )
            .err(),
            Some(QueryError::BadCursor { name: "after" })
        );
    }

    /// The messages clients see (top-level `BAD_USER_INPUT`), word for word.
    #[test]
    fn query_errors_read_as_before() {
        let cases = [
            (QueryError::FirstWithLast, "`first` and `last` cannot be used together"),
            (
                QueryError::FirstWithBefore,
                "`first` cannot be used with `before`; use `last` with `before`",
            ),
            (
                QueryError::LastWithAfter,
                "`last` cannot be used with `after`; use `first` with `after`",
            ),
            (
                QueryError::Negative { name: "first", got: -2 },
                "`first` must not be negative, got -2",
            ),
            (
                QueryError::TooLarge { name: "last", got: 101 },
                "`last` must be at most 100, got 101",
            ),
            (QueryError::BadCursor { name: "before" }, "`before` is not a valid cursor"),
            (QueryError::NoSearchCondition, "searchQuery.or needs at least one condition"),
        ];
        for (e, text) in cases {
            assert_eq!(e.to_string(), text);
        }
    }
}
