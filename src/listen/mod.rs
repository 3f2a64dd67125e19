//! The `listen` capability: a verifying receiver that other code starts
//! in-process ([`Listener`]), its pipeline (verify → record → forward →
//! track → view), per-message tracking and the rendering of what arrived.
//!
//! The public face: [`ListenerConfig`] in, [`Listener`] (`start`,
//! `local_addr`, `subscribe`, `stop`, `stopped`, `shutdown`) and its
//! events ([`Seen`], [`Stop`], [`Summary`], and notices for people
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
#[cfg(test)]
pub(crate) use events::Handled;
pub use events::{Notices, Seen, Stop, Verdict, header_pairs};
pub use forward::Forwarded;
pub use listener::{Listener, Summary};
pub use server::{default_max_connections, raise_fd_limit};
