//! The `simulate` capability: Sinch-shaped payloads, scenario plans and the
//! negative-case mutations of a signed request.

pub mod payload;
