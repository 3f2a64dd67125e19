//! The `simulate` capability: Sinch-shaped payloads, scenario plans as data,
//! the negative-case mutations of a signed request, sending (one request,
//! Sinch-like retries, load runs, resending recorded callbacks), the
//! conformance suite and its JUnit report.

pub mod expect;
pub(crate) mod junit;
pub(crate) mod load;
pub mod mutation;
pub mod payload;
pub(crate) mod plan;
pub(crate) mod resend;
pub(crate) mod retry;
pub(crate) mod suite;
pub mod transport;
pub(crate) mod view;

pub use expect::{Expect, Outcome};
pub use mutation::{Mutation, prepare};
pub use plan::{Kind, Plan, Scenario, Spec, Step};
pub use transport::Sender;
