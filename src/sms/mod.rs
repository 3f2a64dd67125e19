//! The SMS REST API component: credentials and hosts from settings, the
//! client with its safe retries and OAuth2 token cache, the batch model,
//! the GSM-7/UCS-2 estimate and the wait-for-delivery progress.

pub mod auth;
pub mod batch;
pub mod client;
pub mod encoding;
pub mod errors;
pub mod http;
mod ops;
pub mod region;
pub mod setup;
pub mod token;
pub mod wait;

pub use auth::Auth;
pub use batch::{DeliveryReport, SendBatch, e164, parse_when, strip_one_newline};
pub use client::{Client, Trace};
pub use encoding::{Encoding, estimate};
pub use region::Region;
pub use setup::{ClientConfig, configure, token_url};
pub use wait::Progress;
