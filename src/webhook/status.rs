//! Delivery statuses of both APIs: their class (colour, finality) and the
//! progress order used to spot late arrivals. Pure.

use serde::Serialize;

/// The class of a delivery status, which decides its colour and finality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// Still on its way (Queued, Dispatched, QUEUED_ON_CHANNEL, SWITCHING_CHANNEL).
    Intermediate,
    /// Arrived (Delivered, READ).
    Success,
    /// Will not arrive (Failed, Rejected, Expired, Aborted, Cancelled, Deleted).
    Failure,
    /// Final but unknown (Unknown, or a status sinchctl does not know).
    Unknown,
}

/// Classifies a status from either API, case-insensitively.
pub fn classify(status: &str) -> Class {
    match status.to_ascii_uppercase().as_str() {
        "QUEUED" | "DISPATCHED" | "QUEUED_ON_CHANNEL" | "SWITCHING_CHANNEL" => Class::Intermediate,
        "DELIVERED" | "READ" => Class::Success,
        "FAILED" | "REJECTED" | "EXPIRED" | "ABORTED" | "CANCELLED" | "CANCELED" | "DELETED" => {
            Class::Failure
        }
        _ => Class::Unknown,
    }
}

/// Progress order used to spot late arrivals: an event with a lower rank
/// than the current state arrived late. Conversation's READ outranks DELIVERED.
pub fn rank(status: &str) -> u8 {
    match status.to_ascii_uppercase().as_str() {
        "QUEUED" | "QUEUED_ON_CHANNEL" | "SWITCHING_CHANNEL" => 1,
        "DISPATCHED" => 2,
        "READ" => 4,
        _ => 3,
    }
}

/// Whether a status is final (nothing but READ may follow).
pub fn is_final(status: &str) -> bool {
    classify(status) != Class::Intermediate
}
