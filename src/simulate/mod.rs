//! The `simulate` capability: Sinch-shaped payloads, scenario plans as data,
//! the negative-case mutations of a signed request, sending (one request,
//! Sinch-like retries, load runs, resending recorded callbacks), the
//! conformance suite and its JUnit report.

pub mod expect;
pub mod junit;
pub mod load;
pub mod mutation;
pub mod payload;
pub mod plan;
pub mod resend;
pub mod retry;
pub mod suite;
pub mod transport;
pub mod view;

pub use expect::{Expect, Outcome};
pub use mutation::{Mutation, Prepared, prepare, sign};
pub use plan::{Kind, Plan, Scenario, Spec, Step};
pub use transport::Sender;
