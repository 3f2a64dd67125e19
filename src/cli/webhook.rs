//! Arguments of the offline webhook commands, `sign` and `verify`, and the
//! body and secret flags they share with others.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use secrecy::SecretString;

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
    #[arg(long, value_name = "SECRET", hide_default_value = true,
          value_parser = |s: &str| Ok::<_, std::convert::Infallible>(SecretString::from(s)))]
    pub secret: Option<SecretString>,
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

    /// A captured request ('-' for stdin): raw HTTP/1.1 (as `nc -l` saves it), a JSON line
    /// of `listen --record`, or `sign --format json` output; supplies headers and body.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["body", "body_file"])]
    pub request: Option<PathBuf>,

    /// Which record of a --request file holding several JSON lines (`listen --record` or
    /// --record-rejected) to verify, counting from 1 (1 to 10000000).
    #[arg(long, value_name = "N", requires = "request",
          value_parser = super::parse::int_in::<usize>(1, 10_000_000))]
    pub line: Option<usize>,

    /// The body, when not taken from --request.
    #[command(flatten)]
    pub body: BodyArgs,

    /// The secret to verify with.
    #[command(flatten)]
    pub secret: SecretArgs,

    /// Reject timestamps further than this many seconds from now, either way
    /// (1 to 31536000, a year; for older captures use --ignore-time).
    #[arg(long, value_name = "SECONDS", default_value_t = crate::webhook::signature::DEFAULT_MAX_AGE,
          value_parser = super::parse::int_in::<u64>(1, 31_536_000))]
    pub max_age: u64,

    /// Skip the timestamp check (for old captures).
    #[arg(long)]
    pub ignore_time: bool,

    /// Print the verdict as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}
