//! The pure webhook core: Sinch's signature scheme, mismatch diagnosis,
//! captured requests, the replay cache and the callback model. No I/O, no clock.

pub mod callback;
pub mod capture;
pub mod diagnose;
pub mod replay;
pub mod signature;
pub mod status;
