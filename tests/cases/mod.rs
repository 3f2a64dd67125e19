//! Integration test cases, one module per command or concern.

mod config;
mod config_edit;
mod dashboard;
mod demo;
mod flags;
mod generated;
mod hostile;
mod listen;
mod listen_explains;
mod listen_hardening;
mod listen_output;
mod replay;
mod sandbox_api;
mod sandbox_callbacks;
mod sandbox_retries;
mod send;
mod sign;
mod simulate;
mod simulate_edges;
mod simulate_suite;
mod sms_errors;
mod sms_follow_up;
mod streams;
mod tunnel;
mod verify;
mod verify_hints;
