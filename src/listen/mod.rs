//! The `listen` capability: a verifying receiver that other code starts
//! in-process ([`Listener`]), its pipeline (verify → record → forward →
//! track → view), per-message tracking and the rendering of what arrived.
//!
//! The public face: [`ListenerConfig`] in, [`Listener`] (`start`,
//! `local_addr`, `subscribe`, `stop`, `stopped`, `shutdown`) and its
//! events ([`Seen`], [`Stop`], [`Summary`], and [`Notice`]s for people
//! through [`Notices`]) out; plus the tracker's
//! classification and the views other commands reuse.

mod config;
mod events;
mod forward;
mod gate;
mod listener;
mod pipeline;
mod printer;
mod record;
mod server;
mod shards;
pub mod tracker;
pub mod tunnel;
pub mod view;
mod viewer;

pub use config::{
    ForwardConfig, Limits, LineFormat, ListenerConfig, OutputConfig, RecordConfig, Secret,
    display_url,
};
pub use events::{Handled, Notice, Notices, Seen, Stop, StopSignal, Verdict, header_pairs};
pub use forward::{Forwarded, MAX_ANSWER};
pub use listener::{Listener, Summary};
pub use printer::MAX_QUEUED_BYTES;
pub use server::{default_max_connections, raise_fd_limit};
pub use viewer::EVENT_BUFFER;
