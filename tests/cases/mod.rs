//! Integration test cases, one module per command or concern.

mod config;
mod generated;
mod listen;
mod listen_hardening;
mod replay;
mod listen_output;
mod send;
mod sign_verify;
mod simulate;
mod simulate_edges;
mod streams;
