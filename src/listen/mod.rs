//! The `listen` capability: the verifying receiver, per-message tracking and
//! the rendering of what arrived (lines, NDJSON, summary).

pub mod server;
pub mod tracker;
pub mod tunnel;
pub mod view;
