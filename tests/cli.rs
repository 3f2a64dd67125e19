//! The integration-test crate: drives the real `sinchctl` binary.
//! One crate root so every case shares `support` and builds once.

mod cases;
mod support;
