//! Conformance runs (being written).
