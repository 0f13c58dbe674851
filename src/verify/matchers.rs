//! Fixture matchers (`matchers:` in a native exchange, read by
//! `crate::exchange`): which one applies at a place of the response body.
//! A matcher's pointer matches a place when it has as many tokens and each
//! is the same or `*`; when several match, the last one written wins.

use crate::exchange::{Matcher, Rule};

/// The rule that applies at a place.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Found<'m> {
    /// Compare kinds only, here and below.
    Type,
    /// The live value must match the expression.
    Regex(&'m regex::Regex),
    /// The live value must be the recorded one.
    Equal,
    /// Not compared.
    Ignore,
}

/// The matcher for the place `tokens` (the body's keys and indexes down to it).
pub(crate) fn find<'m>(matchers: &'m [Matcher], tokens: &[String]) -> Option<Found<'m>> {
    if matchers.is_empty() {
        return None;
    }
    matchers
        .iter()
        .rev()
        .find(|m| m.tokens.len() == tokens.len() && m.tokens.iter().zip(tokens).all(|(a, b)| a == "*" || a == b))
        .map(|m| match &m.rule {
            Rule::Type => Found::Type,
            Rule::Regex(re) => Found::Regex(re),
            Rule::Equal => Found::Equal,
            Rule::Ignore => Found::Ignore,
        })
}
