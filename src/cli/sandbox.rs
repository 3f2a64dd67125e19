//! Arguments of `sandbox` (and `sandbox inbound`) and `demo`.

use std::time::Duration;

use clap::{Args, Subcommand};

use super::parse::http_url;
use super::parse::{parse_duration_in, parse_f64_in};
use super::webhook::SecretArgs;

/// `--token-ttl`: 1s to 24h.
pub fn parse_token_ttl(text: &str) -> Result<Duration, String> {
    parse_duration_in(text, Duration::from_secs(1), Duration::from_secs(24 * 3600))
}

/// `--callback-timeout`: 100ms to 2m.
pub fn parse_callback_timeout(text: &str) -> Result<Duration, String> {
    parse_duration_in(text, Duration::from_millis(100), Duration::from_secs(120))
}

/// `demo --timeout`: 1s to 10m.
pub fn parse_demo_timeout(text: &str) -> Result<Duration, String> {
    parse_duration_in(text, Duration::from_secs(1), Duration::from_secs(600))
}

/// `--speed`: 0.01 to 10000.
pub fn parse_speed(text: &str) -> Result<f64, String> {
    parse_f64_in(text, 0.01, 10_000.0)
}

/// The `sandbox --help` epilogue: examples, then the outcome table.
pub fn sandbox_after_help() -> String {
    format!(
        "\
Examples:
  sinchctl sandbox --secret \"$SECRET\" --callback-url http://127.0.0.1:8080/
  export SINCH_SMS_BASE_URL=http://127.0.0.1:8081 \\
      SINCH_AUTH_URL=http://127.0.0.1:8081/oauth2/token
  SINCH_SERVICE_PLAN_ID=plan SINCH_API_TOKEN=token \\
      sinchctl send --to +15550000001 --body hi --wait
  sinchctl sandbox inbound --from +15550000002 --to +15550000000 --body STOP

Serves the SMS REST API (batches, dry run, delivery reports, cancel) under /xms/v1/{{id}}/
with a bearer API token or an OAuth2 token from POST /oauth2/token (HTTP Basic key id and
secret; an expired token gets 401 with WWW-Authenticate). Callbacks are retried like Sinch:
5xx, 429 and no answer after 5s, 10s, 20s ... (divided by --speed); any other 4xx drops them.
Sinch signs callbacks per service plan; the sandbox also signs those sent to a batch's own
callback_url (unconfirmed whether Sinch allows that with HMAC on).

With --json, stdout has one object per line:
  {{\"type\":\"api\",\"time\",\"method\",\"path\",\"status\",\"error_code\"?,\"latency_ms\"}}
  {{\"type\":\"callback\",\"time\",\"kind\",\"batch_id\"?,\"recipient\"?,\"status\"?,\"code\"?,
   \"url\",\"attempt\",\"answer\",\"error\"?,\"next\",\"retry_in_ms\"?,\"signed\"}}
  next: delivered, retry, dropped (4xx), gave_up (after the last retry) or
  queue_full (a retry that did not fit in --max-pending).

{}",
        crate::sandbox::OUTCOME_TABLE
    )
}

/// Arguments of `sinchctl sandbox`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SandboxArgs {
    /// Talk to a running sandbox instead of starting one.
    #[command(subcommand)]
    pub command: Option<SandboxCommand>,

    /// How the sandbox runs.
    #[command(flatten)]
    pub serve: SandboxServeArgs,
}

/// `sinchctl sandbox` subcommands.
#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Make the running sandbox deliver an inbound SMS (mo_text) to its callback URL.
    #[command(after_help = "\
Examples:
  sinchctl sandbox inbound --from +46700000001 --to +46700000000 --body STOP
  sinchctl sandbox inbound --sandbox-url http://127.0.0.1:9000 \\
      --from 15550000001 --to 12345 --body hi

Prints the inbound message's id on stdout.")]
    Inbound(InboundArgs),
}

/// How `sinchctl sandbox` runs.
#[derive(Debug, Args)]
pub struct SandboxServeArgs {
    /// Port on 127.0.0.1 (0 picks a free one; the first stderr line names it).
    #[arg(long, default_value_t = 8081, value_name = "PORT", value_parser = super::parse::int_in::<u16>(0, 65_535))]
    pub port: u16,

    /// The service plan's HMAC secret that signs callbacks; without one they go unsigned.
    #[command(flatten)]
    pub secret: SecretArgs,

    /// The service plan's default callback URL: used by batches without their own
    /// callback_url and by inbound messages.
    #[arg(long, value_name = "URL", value_parser = http_url)]
    pub callback_url: Option<url::Url>,

    /// Run this many times faster than Sinch (status steps of 1 s, retry delays of
    /// 5 s, 10 s, 20 s ...); 0.01 to 10000.
    #[arg(long, value_name = "X", default_value = "10", value_parser = parse_speed)]
    pub speed: f64,

    /// Lifetime of the OAuth2 tokens it issues (1s to 24h).
    #[arg(long, value_name = "DURATION", default_value = "1h", value_parser = parse_token_ttl)]
    pub token_ttl: Duration,

    /// Require these credentials instead of accepting any (repeatable):
    /// service-plan=ID:TOKEN or project=PROJECT_ID:KEY_ID:KEY_SECRET. Flag values are
    /// visible to other users (`ps`): give the sandbox made-up credentials, never real ones.
    #[arg(long, value_name = "SPEC")]
    pub credentials: Vec<crate::sandbox::Credential>,

    /// Most batches kept; when full the oldest finished one is dropped (1 to 100000).
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = super::parse::int_in::<u64>(1, 100_000))]
    pub max_batches: u64,

    /// Most callbacks waiting to be sent, retries included; beyond it sends get 429
    /// (1 to 1000000).
    #[arg(long, value_name = "N", default_value_t = 100_000, value_parser = super::parse::int_in::<u64>(1, 1_000_000))]
    pub max_pending: u64,

    /// Time a receiver gets to answer one callback (100ms to 2m); no answer is retried.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_callback_timeout)]
    pub callback_timeout: Duration,

    /// Print one JSON object per API call and callback attempt on stdout (NDJSON).
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `sinchctl sandbox inbound`.
#[derive(Debug, Args)]
pub struct InboundArgs {
    /// Sender's phone number.
    #[arg(long, value_name = "NUMBER")]
    pub from: String,

    /// Your number or short code.
    #[arg(long, value_name = "NUMBER")]
    pub to: String,

    /// The message text.
    #[arg(long, value_name = "TEXT")]
    pub body: String,

    /// The running sandbox (else SINCH_SMS_BASE_URL, else http://127.0.0.1:8081).
    #[arg(long, value_name = "URL", value_parser = http_url)]
    pub sandbox_url: Option<url::Url>,

    /// Deliver to this URL instead of the sandbox's --callback-url.
    #[arg(long, value_name = "URL", value_parser = http_url)]
    pub callback_url: Option<url::Url>,
}

/// Arguments of `sinchctl demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Give up when not every message is final after this long (1s to 10m); the default keeps
    /// a failing demo under 10 seconds too.
    #[arg(long, value_name = "DURATION", default_value = "9s", value_parser = parse_demo_timeout)]
    pub timeout: Duration,

    /// Sandbox speed (see `sinchctl sandbox --speed`); 0.01 to 10000.
    #[arg(long, value_name = "X", default_value = "10", value_parser = parse_speed)]
    pub speed: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_checked() {
        assert!(parse_speed("0").is_err());
        assert!(parse_speed("nan").is_err());
        assert_eq!(parse_speed("2.5"), Ok(2.5));
        assert!(parse_token_ttl("0s").is_err());
        assert!(parse_token_ttl("25h").is_err());
        assert_eq!(parse_token_ttl("2s"), Ok(Duration::from_secs(2)));
        assert!(parse_callback_timeout("10ms").is_err());
    }
}
