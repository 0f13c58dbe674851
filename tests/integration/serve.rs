//! The reference server over HTTP (being written).
