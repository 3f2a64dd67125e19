//! The `listen` capability: a verifying receiver that other code starts
//! in-process ([`Listener`]), its pipeline (verify → record → forward →
//! track → view), per-message tracking and the rendering of what arrived.

pub mod config;
pub mod events;
pub mod forward;
mod listener;
mod pipeline;
mod printer;
mod record;
pub mod server;
mod shards;
pub mod tracker;
pub mod view;
pub mod viewer;

pub use config::{
    ForwardConfig, Limits, LineFormat, ListenerConfig, OutputConfig, RecordConfig, Secret,
};
pub use events::{Handled, Seen, Stop, Verdict};
pub use listener::{Listener, Summary};
pub use printer::MAX_QUEUED_BYTES;
