//! Arguments of `simulate`.

use std::path::PathBuf;

use clap::Args;

use super::parse::parse_duration;
use super::webhook::SecretArgs;

/// Arguments of `sinchctl simulate`.
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// What to send, or `suite` to run the conformance checks.
    #[arg(value_enum, default_value_t = crate::simulate::payload::Kind::RecipientDr)]
    pub kind: crate::simulate::payload::Kind,

    /// The endpoint to send to.
    #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080/")]
    pub url: String,

    /// The secret to sign with.
    #[command(flatten)]
    pub secret: SecretArgs,

    /// Send this body ('-' for stdin) instead of a generated one, signed byte for byte.
    #[arg(long, value_name = "PATH")]
    pub body_file: Option<PathBuf>,

    /// Batch id (SMS) or message id (Conversation); default: a fresh Sinch-like id.
    #[arg(long, value_name = "ID")]
    pub batch_id: Option<String>,

    /// Recipient phone number.
    #[arg(long, value_name = "MSISDN", default_value = "46700000001")]
    pub recipient: String,

    /// Sender of an inbound message.
    #[arg(long, value_name = "MSISDN", default_value = "46700000002")]
    pub from: String,

    /// Destination of an inbound message (your number).
    #[arg(long, value_name = "MSISDN", default_value = "46700000000")]
    pub to: String,

    /// Delivery status (SMS: Delivered, Failed, ...; Conversation: DELIVERED, READ, FAILED, ...).
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,

    /// Delivery code (default: the code Sinch pairs with the status).
    #[arg(long, value_name = "CODE", allow_hyphen_values = true)]
    pub code: Option<i64>,

    /// client_reference to echo (Conversation: metadata).
    #[arg(long, value_name = "TEXT")]
    pub client_reference: Option<String>,

    /// Event time, RFC 3339 (default: now, with milliseconds and Z).
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,

    /// Text of an inbound message.
    #[arg(long, value_name = "TEXT", default_value = "Hello from sinchctl")]
    pub text: String,

    /// Send a sequence of callbacks instead of one.
    #[arg(long, value_enum, value_name = "NAME")]
    pub scenario: Option<crate::simulate::payload::Scenario>,

    /// Recipients in the batch scenario.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub recipients: usize,

    /// Pause between the callbacks of a scenario.
    #[arg(long, value_name = "DURATION", default_value = "0s", value_parser = parse_duration)]
    pub delay: std::time::Duration,

    /// Multiply Sinch's retry delays (5s, 10s, 20s, ...) by this in the retry scenario.
    #[arg(long, value_name = "FACTOR", default_value_t = 0.01)]
    pub retry_scale: f64,

    /// Most resends in the retry scenario.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub max_retries: u32,

    /// Negative case: change the body after signing.
    #[arg(long, group = "negative")]
    pub tamper: bool,
    /// Negative case: sign with a different secret.
    #[arg(long, group = "negative")]
    pub wrong_secret: bool,
    /// Negative case: timestamp 10 minutes old.
    #[arg(long, group = "negative")]
    pub stale: bool,
    /// Negative case: timestamp 10 minutes ahead.
    #[arg(long, group = "negative")]
    pub future: bool,
    /// Negative case: send the same signed request twice (the second must be refused).
    #[arg(long, group = "negative")]
    pub replay: bool,
    /// Negative case: no signature headers.
    #[arg(long, group = "negative")]
    pub no_signature: bool,
    /// Negative case: leave out one header (signature, nonce, timestamp or algorithm).
    #[arg(long, group = "negative", value_name = "NAME")]
    pub missing_header: Option<String>,
    /// Negative case: algorithm header HmacSHA512.
    #[arg(long, group = "negative")]
    pub bad_algorithm: bool,

    /// What the endpoint must answer: 2xx, 4xx, 5xx or a code (default: what a correct endpoint answers).
    #[arg(long, value_name = "STATUS", value_parser = crate::simulate::payload::Expect::parse)]
    pub expect: Option<crate::simulate::payload::Expect>,

    /// Print one JSON object per request (and per check or summary) on stdout.
    #[arg(long)]
    pub json: bool,

    /// Load: send N callbacks, each with a unique nonce.
    #[arg(long, value_name = "N", conflicts_with_all = ["scenario", "negative"])]
    pub count: Option<u64>,

    /// Load: send for this long (with --count, whichever ends first).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, conflicts_with_all = ["scenario", "negative"])]
    pub duration: Option<std::time::Duration>,

    /// Load: requests in flight at once.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub concurrency: usize,

    /// Suite: the longest an acknowledgement may take.
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = parse_duration)]
    pub budget: std::time::Duration,

    /// Suite: also write a JUnit XML report to FILE.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,

    /// Time each request may take.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    pub timeout: std::time::Duration,
}
