//! The command-line interface: the clap definition of every command and flag.
//! Doc comments here are the `--help` text, the man pages and the completions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::EXIT_CODES_HELP;
use crate::output::ColorWhen;

/// Send Sinch SMS, receive and verify signed callbacks, forge signed test callbacks.
///
/// Credentials come from flags, SINCH_* environment variables, or a TOML
/// config file with named profiles (see `sinchctl config --help`).
#[derive(Debug, Parser)]
#[command(name = "sinchctl", version, propagate_version = true, after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// Options accepted by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted by every command.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Config file to read instead of the platform default
    /// (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml).
    #[arg(long, global = true, env = "SINCHCTL_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Profile of the config file to use (default: the file's default_profile, else "default").
    #[arg(long, global = true, env = "SINCHCTL_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,

    /// When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Print nothing on stderr but warnings and errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more detail on stderr (never secrets).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

/// sinchctl's commands.
#[derive(Debug, Subcommand)]
// Parsed once per run; boxing would only add noise.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Sign a callback body the way Sinch does and print the headers, a curl command or JSON.
    #[command(after_help = "\
Examples:
  sinchctl sign --body '{\"type\":\"mo_text\"}' --secret \"$SECRET\"
  sinchctl sign --body-file dlr.json --format curl --url http://127.0.0.1:8080/sinch
  cat dlr.json | sinchctl sign --format json --nonce 01JHFFHWYY7HSS4FWTMDTQEK8V --timestamp 1736760161")]
    Sign(SignArgs),

    /// Check the signature of a captured callback offline and explain why it fails.
    #[command(after_help = "\
Examples:
  sinchctl verify --request captured.http --ignore-time
  sinchctl verify -H 'x-sinch-webhook-signature: ...' -H 'x-sinch-webhook-signature-nonce: ...' \\
      -H 'x-sinch-webhook-signature-timestamp: ...' --body-file body.json

Exits 0 and prints `valid` when the signature verifies, 3 with the reason otherwise.")]
    Verify(VerifyArgs),

    /// Receive callbacks: verify signatures, refuse stale and replayed ones, stream statuses.
    #[command(after_help = "\
Examples:
  sinchctl listen                                   # http://127.0.0.1:8080, any path
  ngrok http 8080                                   # in another terminal; use its https URL
  sinchctl listen --port 0 --json --record cb.ndjson --exit-after 3
  sinchctl listen --forward-to http://127.0.0.1:3000/webhooks/sinch --path /sinch
  sinchctl listen --until final --timeout 5m --fail-on failed   # CI

Answers: 200 once verified (and recorded); 401 for a bad, stale or replayed signature;
404 wrong path; 405 not POST; 413 body too large; 503 when the record cannot be written
(Sinch retries); with --forward-to, the app's status (502/504 when it is down or slow).")]
    Listen(ListenArgs),

    /// Send signed test callbacks (every kind, scenarios, broken ones, load) or check an endpoint.
    #[command(after_help = "\
Examples:
  sinchctl simulate                                         # one Delivered report to http://127.0.0.1:8080/
  sinchctl simulate --scenario failed --url http://127.0.0.1:3000/sinch
  sinchctl simulate conversation-dr --status READ
  sinchctl simulate --tamper                                # must be answered 4xx
  sinchctl simulate --count 2000 --concurrency 16           # load
  sinchctl simulate suite --url http://127.0.0.1:3000/sinch --junit suite.xml

Each request is checked against what a correct endpoint answers (2xx for valid callbacks,
4xx for broken ones; --expect overrides); any mismatch exits 7.")]
    Simulate(SimulateArgs),

    /// Send an SMS batch and print its id (alone on stdout).
    #[command(after_help = "\
Examples:
  id=$(sinchctl send --to +46700000001 --body 'hi')
  sinchctl send --to +46700000001,+46700000002 --body-file msg.txt --delivery-report per-recipient \\
      --callback-url https://example.ngrok-free.app/sinch
  echo 'Привет' | sinchctl send --to +46700000001 --dry-run
  sinchctl send --to +46700000001 --body hi --wait --timeout 2m   # exit 0 only if delivered

A POST that Sinch may have received is never repeated: only connection failures before
sending, and 429/503 with Retry-After, are retried. Timeouts are --request-timeout.")]
    Send(SendArgs),

    /// Show a batch.
    Status(BatchArgs),

    /// Show a batch's delivery report (summary, or one recipient's).
    Report(ReportArgs),

    /// Cancel a batch that has not been sent yet.
    Cancel(BatchArgs),

    /// Create, show or locate the config file.
    Config(ConfigArgs),

    /// Print a shell completion script to stdout.
    #[command(after_help = "\
Examples:
  sinchctl completions bash > ~/.local/share/bash-completion/completions/sinchctl
  sinchctl completions zsh > ~/.zfunc/_sinchctl
  sinchctl completions fish > ~/.config/fish/completions/sinchctl.fish")]
    Completions(CompletionsArgs),
}

/// Where a command reads a request body from.
#[derive(Debug, Args, Clone)]
pub struct BodyArgs {
    /// The body as text, used byte for byte.
    #[arg(long, value_name = "TEXT", conflicts_with = "body_file")]
    pub body: Option<String>,

    /// Read the body from a file ('-' for stdin), byte for byte; without --body or
    /// --body-file the body is read from stdin.
    #[arg(long, value_name = "PATH")]
    pub body_file: Option<PathBuf>,
}

/// Where a command takes the webhook secret from.
#[derive(Debug, Args, Clone)]
pub struct SecretArgs {
    /// Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile's webhook_secret).
    /// Prefer the environment or the config file: flags show up in shell history and `ps`.
    #[arg(long, value_name = "SECRET", hide_default_value = true)]
    pub secret: Option<String>,
}

/// `sign` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SignFormat {
    /// The four `name: value` header lines.
    Headers,
    /// A ready-to-paste curl command (needs --url).
    Curl,
    /// One JSON object: {"headers": {...}, "body": "..."}.
    Json,
}

/// Arguments of `sinchctl sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The body to sign.
    #[command(flatten)]
    pub body: BodyArgs,

    /// The secret to sign with.
    #[command(flatten)]
    pub secret: SecretArgs,

    /// Nonce to sign (default: a fresh 26-character ULID, like Sinch's).
    #[arg(long, value_name = "NONCE")]
    pub nonce: Option<String>,

    /// Timestamp to sign, unix seconds (default: now).
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true)]
    pub timestamp: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SignFormat::Headers)]
    pub format: SignFormat,

    /// Target URL for --format curl.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

/// Arguments of `sinchctl verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A request header as "Name: value" (repeatable); takes precedence over --request.
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,

    /// A captured request: raw HTTP/1.1 (as `nc -l` saves it) or one JSON line of
    /// `listen --record`; supplies headers and body.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["body", "body_file"])]
    pub request: Option<PathBuf>,

    /// The body, when not taken from --request.
    #[command(flatten)]
    pub body: BodyArgs,

    /// The secret to verify with.
    #[command(flatten)]
    pub secret: SecretArgs,

    /// Reject timestamps further than this many seconds from now, either way.
    #[arg(long, value_name = "SECONDS", default_value_t = crate::webhook::signature::DEFAULT_MAX_AGE)]
    pub max_age: u64,

    /// Skip the timestamp check (for old captures).
    #[arg(long)]
    pub ignore_time: bool,

    /// Print the verdict as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Flags shared by the commands that call the SMS API.
#[derive(Debug, Args, Clone)]
pub struct ApiArgs {
    /// Force an auth mode (default: service plan when its credentials are set, else OAuth2).
    #[arg(long, value_enum, value_name = "MODE")]
    pub auth: Option<crate::sms::AuthChoice>,

    /// SMS region: us, eu, au, br, ca (else SINCH_REGION, else the profile, else us).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// SMS API base URL (else SINCH_SMS_BASE_URL, else the region's host).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// OAuth2 token URL (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token).
    #[arg(long, value_name = "URL")]
    pub auth_url: Option<String>,

    /// Time each API request may take.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub request_timeout: std::time::Duration,

    /// Print the API's JSON answer on stdout instead of the usual output.
    #[arg(long)]
    pub json: bool,
}

/// `--delivery-report` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeliveryReport {
    /// No delivery report callbacks.
    None,
    /// One batch summary when all messages are final.
    Summary,
    /// The summary with recipients listed per status.
    Full,
    /// A callback for every status change of every recipient.
    PerRecipient,
    /// One callback per recipient with its final status.
    PerRecipientFinal,
}

impl DeliveryReport {
    /// The API's spelling.
    pub fn api_name(self) -> &'static str {
        match self {
            DeliveryReport::None => "none",
            DeliveryReport::Summary => "summary",
            DeliveryReport::Full => "full",
            DeliveryReport::PerRecipient => "per_recipient",
            DeliveryReport::PerRecipientFinal => "per_recipient_final",
        }
    }
}

/// Arguments of `sinchctl send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// Recipient in E.164 (repeatable or comma-separated; 1 to 1000).
    #[arg(long, value_name = "NUMBER", value_delimiter = ',', required = true)]
    pub to: Vec<String>,

    /// Sender: number, short code or alphanumeric id (else SINCH_FROM, else the profile's from).
    #[arg(long, value_name = "SENDER")]
    pub from: Option<String>,

    /// The message text.
    #[command(flatten)]
    pub body: BodyArgs,

    /// Which delivery report callbacks Sinch sends.
    #[arg(long, value_enum, value_name = "KIND")]
    pub delivery_report: Option<DeliveryReport>,

    /// Where Sinch posts delivery reports for this batch.
    #[arg(long, value_name = "URL")]
    pub callback_url: Option<String>,

    /// Your reference, echoed in delivery reports.
    #[arg(long, value_name = "TEXT")]
    pub client_reference: Option<String>,

    /// When to send: RFC 3339 or relative like +10m.
    #[arg(long, value_name = "TIME")]
    pub send_at: Option<String>,

    /// When to give up: RFC 3339 or relative like +1h.
    #[arg(long, value_name = "TIME")]
    pub expire_at: Option<String>,

    /// Show on screen without saving to the inbox.
    #[arg(long)]
    pub flash: bool,

    /// Send only if the text fits in this many parts.
    #[arg(long, value_name = "N")]
    pub max_parts: Option<u32>,

    /// Ask the API how it would send (recipients, parts, encoding) without sending.
    #[arg(long, conflicts_with = "wait")]
    pub dry_run: bool,

    /// Poll delivery reports until every recipient is final; exit 0 only if all are Delivered.
    #[arg(long)]
    pub wait: bool,

    /// With --wait: give up after this long (exit 5).
    #[arg(long, value_name = "DURATION", default_value = "2m", value_parser = parse_duration)]
    pub timeout: std::time::Duration,

    /// With --wait: time between polls.
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = parse_duration)]
    pub poll_interval: std::time::Duration,

    /// API flags.
    #[command(flatten)]
    pub api: ApiArgs,
}

/// Arguments of `sinchctl status` and `sinchctl cancel`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The batch id.
    pub batch_id: String,

    /// API flags.
    #[command(flatten)]
    pub api: ApiArgs,
}

/// Arguments of `sinchctl report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The batch id.
    pub batch_id: String,

    /// One recipient's report instead of the batch summary.
    #[arg(long, value_name = "NUMBER")]
    pub recipient: Option<String>,

    /// API flags.
    #[command(flatten)]
    pub api: ApiArgs,
}

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

/// Conditions that end `listen`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Until {
    /// Every tracked message reached a final status.
    Final,
}

/// What makes `listen` exit non-zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A message ended in a failure status (Failed, Rejected, Expired, Aborted, ...): exit 6.
    Failed,
    /// A request was rejected (bad, stale or replayed signature, ...): exit 3.
    Rejected,
}

/// Arguments of `sinchctl listen`.
#[derive(Debug, Args)]
pub struct ListenArgs {
    /// Address to bind; anything but loopback exposes the receiver beyond this machine.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub host: String,

    /// Port to bind; 0 picks a free one (the first stderr line names it).
    #[arg(long, default_value_t = 8080, value_name = "PORT")]
    pub port: u16,

    /// Serve only this path (others get 404); default: every path.
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,

    /// The secret to verify with.
    #[command(flatten)]
    pub secret: SecretArgs,

    /// Accept every request without checking signatures (tinkering only; lines are marked UNVERIFIED).
    #[arg(long, conflicts_with = "secret")]
    pub no_verify: bool,

    /// Reject timestamps further than this many seconds from now, either way.
    #[arg(long, value_name = "SECONDS", default_value_t = crate::webhook::signature::DEFAULT_MAX_AGE)]
    pub max_age: u64,

    /// Largest body accepted (bytes, or with KiB/MiB); larger ones get 413 unread.
    #[arg(long, value_name = "SIZE", default_value = "1MiB", value_parser = parse_size)]
    pub max_body: usize,

    /// Time a client gets to send its request headers.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    pub header_timeout: std::time::Duration,

    /// Time a client gets to send its request body.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub request_timeout: std::time::Duration,

    /// Most nonces remembered for replay detection (each is kept only for the --max-age window).
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    pub max_nonces: usize,

    /// Most messages tracked one by one; beyond it the oldest final ones are only counted.
    #[arg(long, value_name = "N", default_value_t = crate::listen::tracker::DEFAULT_MAX_TRACKED)]
    pub max_tracked: usize,

    /// Print one JSON object per request on stdout (NDJSON), then a summary object.
    #[arg(long)]
    pub json: bool,

    /// Append every accepted callback (headers, raw body, time, verdict) to FILE as a JSON
    /// line before acknowledging it; if it cannot be written the answer is 503.
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,

    /// fsync the record file before each acknowledgement.
    #[arg(long, requires = "record")]
    pub fsync: bool,

    /// Pass each accepted callback (raw body, signature headers) to this URL and answer
    /// with its status.
    #[arg(long, value_name = "URL")]
    pub forward_to: Option<String>,

    /// Time the --forward-to app gets to answer (then 504).
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    pub forward_timeout: std::time::Duration,

    /// Exit 0 after N accepted callbacks.
    #[arg(long, value_name = "N")]
    pub exit_after: Option<u64>,

    /// Exit once every tracked message reached a final status.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub until: Option<Until>,

    /// Stop after this long (e.g. 90s, 5m); exit 5 if --exit-after/--until was not reached.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<std::time::Duration>,

    /// Exit non-zero at the end when this happened (repeatable).
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Vec<FailOn>,
}

/// Parses a duration: `30s`, `5m`, `1h30m`, `250ms`, or plain seconds.
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let t = text.trim();
    if let Ok(secs) = t.parse::<u64>() {
        return Ok(std::time::Duration::from_secs(secs));
    }
    let d: jiff::SignedDuration = t
        .parse()
        .map_err(|_| format!("{text:?} is not a duration; write e.g. 30s, 5m, 1h30m or 250ms"))?;
    std::time::Duration::try_from(d)
        .map_err(|_| format!("{text:?} is negative; durations must be positive"))
}

/// Parses a size: bytes, or with a unit: `512KiB`, `1MiB`, `2MB`, `64k`.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: usize = num
        .parse()
        .map_err(|_| format!("{text:?} is not a size; write e.g. 65536, 512KiB or 1MiB"))?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        _ => {
            return Err(format!(
                "{text:?}: unknown unit {unit:?}; use B, KB, KiB, MB or MiB"
            ));
        }
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("{text:?} is too large"))
}

/// Arguments of `sinchctl config`.
#[derive(Debug, Args)]
#[command(after_help = "\
The config file is TOML:

  default_profile = \"default\"

  [profiles.default]
  region = \"eu\"                 # us, eu, au, br, ca
  service_plan_id = \"...\"       # API token mode
  api_token = \"...\"
  project_id = \"...\"            # OAuth2 mode
  key_id = \"...\"
  key_secret = \"...\"
  from = \"+46700000000\"
  webhook_secret = \"...\"
  sms_base_url = \"...\"          # host override (tests, proxies)
  auth_url = \"...\"              # token URL override

Precedence: flag > environment (SINCH_*) > profile > built-in default.")]
pub struct ConfigArgs {
    /// What to do with the config.
    #[command(subcommand)]
    pub command: ConfigCommand,
}

/// `sinchctl config` subcommands.
#[derive(Debug, Subcommand)]
// Parsed once per run; boxing would only add noise.
#[allow(clippy::large_enum_variant)]
pub enum ConfigCommand {
    /// Write a profile to the config file (mode 0600); prompts only on a terminal.
    Init(ConfigInitArgs),
    /// Show every effective setting and where it came from (secrets redacted).
    Show(ConfigShowArgs),
    /// Print the config file's path.
    Path,
}

/// Arguments of `sinchctl config init`.
#[derive(Debug, Args)]
pub struct ConfigInitArgs {
    /// SMS region: us, eu, au, br or ca.
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Project id (OAuth2 mode).
    #[arg(long, value_name = "ID")]
    pub project_id: Option<String>,
    /// Access key id (OAuth2 mode).
    #[arg(long, value_name = "ID")]
    pub key_id: Option<String>,
    /// Access key secret (OAuth2 mode).
    #[arg(long, value_name = "SECRET")]
    pub key_secret: Option<String>,
    /// Service plan id (API token mode).
    #[arg(long, value_name = "ID")]
    pub service_plan_id: Option<String>,
    /// API token (API token mode).
    #[arg(long, value_name = "TOKEN")]
    pub api_token: Option<String>,
    /// Default sender number or alphanumeric id.
    #[arg(long, value_name = "SENDER")]
    pub from: Option<String>,
    /// Webhook HMAC secret.
    #[arg(long, value_name = "SECRET")]
    pub webhook_secret: Option<String>,
    /// SMS API base URL override.
    #[arg(long, value_name = "URL")]
    pub sms_base_url: Option<String>,
    /// OAuth2 token URL override.
    #[arg(long, value_name = "URL")]
    pub auth_url: Option<String>,
    /// Replace the profile if it already exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `sinchctl config show`.
#[derive(Debug, Args)]
pub struct ConfigShowArgs {
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `sinchctl completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations_and_sizes() {
        use std::time::Duration;
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert!(parse_duration("soon").is_err());
        assert_eq!(parse_size("1MiB"), Ok(1 << 20));
        assert_eq!(parse_size("512KiB"), Ok(512 << 10));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("1 parsec").is_err());
    }
}
