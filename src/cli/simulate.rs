//! Arguments of `simulate` (and `simulate suite`), the clap-side enums, and
//! the bounded value parsers of its numeric flags.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};

use super::parse::{parse_duration_in, parse_f64_in};
use super::webhook::SecretArgs;
use crate::simulate::plan::MAX_RECIPIENTS;
use crate::simulate::{Scenario, load};

/// The callback kinds `simulate` can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// SMS `recipient_delivery_report_sms` (per-recipient delivery report).
    RecipientDr,
    /// SMS `delivery_report_sms` (batch summary).
    BatchDr,
    /// SMS inbound `mo_text`.
    Mo,
    /// Conversation API `message_delivery_report` (trigger MESSAGE_DELIVERY).
    ConversationDr,
    /// Conversation API inbound `message` (trigger MESSAGE_INBOUND).
    ConversationMo,
}

/// `--scenario` values: name, the plan it selects, help.
const SCENARIOS: [(&str, Scenario, &str); 8] = [
    (
        "delivered",
        Scenario::Delivered,
        "Dispatched, then Delivered",
    ),
    ("failed", Scenario::Failed, "Dispatched, then Failed"),
    (
        "expired",
        Scenario::Expired,
        "Dispatched, then Expired (recipient-dr only)",
    ),
    (
        "rejected",
        Scenario::Rejected,
        "Rejected by the SMSC (recipient-dr only)",
    ),
    (
        "out-of-order",
        Scenario::OutOfOrder,
        "Delivered arrives before Dispatched (the endpoint must not regress)",
    ),
    (
        "duplicate",
        Scenario::Duplicate,
        "The same report twice (the endpoint must be idempotent)",
    ),
    (
        "batch",
        Scenario::Batch,
        "N recipients (--recipients) with per-recipient reports, then the batch summary (recipient-dr only)",
    ),
    (
        "retry",
        Scenario::Retry,
        "Resend like Sinch while the endpoint answers 5xx or 429 (backoff × --retry-scale)",
    ),
];

/// Parses a `--scenario` name into the core's scenario.
fn scenario_parser() -> impl clap::builder::TypedValueParser<Value = Scenario> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _};
    PossibleValuesParser::new(SCENARIOS.map(|(name, _, help)| PossibleValue::new(name).help(help)))
        .map(|name| {
            SCENARIOS
                .iter()
                .find(|(n, ..)| *n == name)
                .map_or(Scenario::Delivered, |s| s.1)
        })
}

/// Where to send and how: shared by `simulate` and `simulate suite`.
#[derive(Debug, Args)]
pub struct TargetArgs {
    /// The endpoint to send to (http or https).
    #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080/", value_parser = super::parse::http_url)]
    pub url: url::Url,

    /// The secret to sign with.
    #[command(flatten)]
    pub secret: SecretArgs,

    /// Time each request may take (1ms to 10m).
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_timeout)]
    pub timeout: Duration,

    /// Print one JSON object per request (and per check or summary) on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `sinchctl simulate`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SimulateArgs {
    /// `suite`: run the conformance checks instead of sending one kind.
    #[command(subcommand)]
    pub command: Option<SimulateCommand>,

    /// What to send.
    #[arg(value_enum, default_value_t = KindArg::RecipientDr)]
    pub kind: KindArg,

    /// Endpoint, secret, timeout and output format.
    #[command(flatten)]
    pub target: TargetArgs,

    /// Send this body ('-' for stdin) instead of a generated one, signed byte for byte.
    #[arg(long, value_name = "PATH")]
    pub body_file: Option<PathBuf>,

    /// Print the body that would be sent on stdout (one per line for a scenario) and send nothing.
    #[arg(long, conflicts_with_all = ["json"])]
    pub print: bool,

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

    /// Delivery code, a 32-bit integer (default: the code Sinch pairs with the status).
    #[arg(long, value_name = "CODE", allow_hyphen_values = true,
          value_parser = super::parse::int_in::<i64>(i128::from(i32::MIN), i128::from(i32::MAX)))]
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
    #[arg(long, value_name = "NAME", conflicts_with = "negative", value_parser = scenario_parser())]
    pub scenario: Option<Scenario>,

    /// Recipients in the batch scenario (1 to 1000, like a batch).
    #[arg(long, value_name = "N", default_value_t = 3,
          value_parser = super::parse::int_in::<usize>(1, MAX_RECIPIENTS as i128))]
    pub recipients: usize,

    /// Pause between the callbacks of a scenario (0 to 1h).
    #[arg(long, value_name = "DURATION", default_value = "0s", value_parser = parse_delay)]
    pub delay: Duration,

    /// Multiply Sinch's retry delays (5s, 10s, 20s, ...) by this in the retry scenario (0 to 100).
    #[arg(long, value_name = "FACTOR", default_value_t = 0.01, value_parser = parse_retry_scale)]
    pub retry_scale: f64,

    /// Most resends in the retry scenario (0 to 20).
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = super::parse::int_in::<u32>(0, 20))]
    pub max_retries: u32,

    /// Negative cases.
    #[command(flatten)]
    pub negative: NegativeArgs,

    /// What the endpoint must answer: 2xx, 4xx, 5xx or a code (default: what a correct endpoint answers).
    #[arg(long, value_name = "STATUS", value_parser = crate::simulate::Expect::parse)]
    pub expect: Option<crate::simulate::Expect>,

    /// Load: send N callbacks (1 to 100000000), each with a unique nonce.
    #[arg(long, value_name = "N", conflicts_with_all = ["scenario", "negative"],
          value_parser = super::parse::int_in::<u64>(1, i128::from(load::MAX_COUNT)))]
    pub count: Option<u64>,

    /// Load: send for this long (1ms to 24h; with --count, whichever ends first).
    #[arg(long, value_name = "DURATION", value_parser = parse_load_duration, conflicts_with_all = ["scenario", "negative"])]
    pub duration: Option<Duration>,

    /// Load: requests in flight at once (1 to 1024).
    #[arg(long, value_name = "N", default_value_t = 8,
          value_parser = super::parse::int_in::<usize>(1, load::MAX_CONCURRENCY as i128))]
    pub concurrency: usize,
}

/// Negative cases of `simulate`: at most one.
#[derive(Debug, Args)]
#[group(id = "negative", multiple = false)]
pub struct NegativeArgs {
    /// Negative case: change the body after signing.
    #[arg(long)]
    pub tamper: bool,
    /// Negative case: sign with a different secret.
    #[arg(long)]
    pub wrong_secret: bool,
    /// Negative case: timestamp 1 hour old.
    #[arg(long)]
    pub stale: bool,
    /// Negative case: timestamp 1 hour ahead.
    #[arg(long)]
    pub future: bool,
    /// Negative case: send the same signed request twice (the second must be refused).
    #[arg(long)]
    pub replay: bool,
    /// Negative case: no signature headers.
    #[arg(long)]
    pub no_signature: bool,
    /// Negative case: leave out one header (signature, nonce, timestamp or algorithm).
    #[arg(long, value_name = "NAME")]
    pub missing_header: Option<String>,
    /// Negative case: algorithm header HmacSHA512.
    #[arg(long)]
    pub bad_algorithm: bool,
}

/// Subcommands of `simulate`.
#[derive(Debug, Subcommand)]
pub enum SimulateCommand {
    /// Run the conformance checks against an endpoint and report each with the reason it matters.
    #[command(after_help = "\
Exit codes:
  0  every required check passed
  4  the endpoint cannot be reached (the first request could not connect); no check runs
  7  a required check failed (a request with no answer in time never passes)")]
    Suite(SuiteArgs),
}

/// Arguments of `sinchctl simulate suite`.
#[derive(Debug, Args)]
pub struct SuiteArgs {
    /// Endpoint, secret, timeout and output format.
    #[command(flatten)]
    pub target: TargetArgs,

    /// Recipient phone number in the reports sent.
    #[arg(long, value_name = "MSISDN", default_value = "46700000001")]
    pub recipient: String,

    /// The longest an acknowledgement may take (1ms to 1m).
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = parse_budget)]
    pub budget: Duration,

    /// Also write a JUnit XML report to FILE: one test case per check, or a
    /// single errored case "endpoint reachable" when nothing accepts a connection (exit 4).
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
}

/// Parses a request timeout: 1ms to 10m.
pub fn parse_timeout(text: &str) -> Result<Duration, String> {
    parse_duration_in(text, Duration::from_millis(1), Duration::from_secs(600))
}

fn parse_delay(text: &str) -> Result<Duration, String> {
    parse_duration_in(text, Duration::ZERO, Duration::from_secs(3600))
}

fn parse_load_duration(text: &str) -> Result<Duration, String> {
    parse_duration_in(
        text,
        Duration::from_millis(1),
        Duration::from_secs(24 * 3600),
    )
}

fn parse_budget(text: &str) -> Result<Duration, String> {
    parse_duration_in(text, Duration::from_millis(1), Duration::from_secs(60))
}

fn parse_retry_scale(text: &str) -> Result<f64, String> {
    parse_f64_in(text, 0.0, crate::simulate::retry::MAX_SCALE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_values() {
        assert!(parse_retry_scale("inf").is_err());
        assert!(parse_retry_scale("NaN").is_err());
        assert!(parse_retry_scale("1e308").is_err());
        assert!(parse_retry_scale("-1").is_err());
        assert_eq!(parse_retry_scale("0.5"), Ok(0.5));
        assert!(parse_load_duration("18446744073709551615").is_err());
        assert!(parse_load_duration("9223372036854775807").is_err());
        assert!(parse_timeout("0s").is_err());
        assert!(super::super::parse::http_url("ftp://x/").is_err());
        assert!(super::super::parse::http_url("http://127.0.0.1:1/x").is_ok());
    }
}
