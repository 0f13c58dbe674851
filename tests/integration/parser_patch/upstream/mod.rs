//! apollo-parser 0.8.7's lexer as published (`src/lexer/`, with the
//! `Error` and `LimitTracker` it uses), the reference that the patched
//! lexer's tokens are compared with (`vendor/apollo-parser/PATCHES.md`).
//! The files are upstream's, byte for byte, but for the `use` lines that
//! named the crate root (`crate::Error` is `super::Error` here) and the
//! lexer's own unit tests, left out.

mod error;
mod lexer;
mod limit;

pub use error::Error;
pub use lexer::Lexer;
pub use lexer::TokenKind;
pub use limit::LimitTracker;
