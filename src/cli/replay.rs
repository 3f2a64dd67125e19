//! Arguments of `replay`.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::parse::http_url;
use super::simulate::parse_timeout;
use super::webhook::SecretArgs;
use crate::simulate::Expect;
use crate::simulate::resend::Edit;

/// Arguments of `sinchctl replay`.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// A `listen --record` file (one JSON record per line) or a raw HTTP capture of one request.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Resend the record at this position (1 for the first line, up to 10000000).
    #[arg(long, value_name = "N", group = "which",
          value_parser = super::parse::int_in::<usize>(1, 10_000_000))]
    pub index: Option<usize>,

    /// Resend the records whose callback id (batch or message id) or signature nonce is ID.
    #[arg(long, value_name = "ID", group = "which")]
    pub id: Option<String>,

    /// Resend every record, in file order.
    #[arg(long, group = "which")]
    pub all: bool,

    /// The endpoint (http or https; default: http://127.0.0.1:8080 plus the recorded path).
    #[arg(long, value_name = "URL", value_parser = http_url)]
    pub url: Option<url::Url>,

    /// The secret to sign with (not needed with --verbatim).
    #[command(flatten)]
    pub secret: SecretArgs,

    /// Resend the original headers untouched, signature and nonce included (a correct endpoint refuses it as a replay).
    #[arg(long)]
    pub verbatim: bool,

    /// Edit the body before signing: a JSON pointer and a value (JSON if it parses, else a string),
    /// e.g. /status=Failed or /code=402. Repeatable. The edited body is written compactly.
    #[arg(long = "set", value_name = "POINTER=VALUE", conflicts_with = "verbatim", value_parser = Edit::parse)]
    pub edits: Vec<Edit>,

    /// What the endpoint must answer: 2xx, 4xx, 5xx or a code (default: 2xx, with --verbatim 4xx).
    #[arg(long, value_name = "STATUS", value_parser = Expect::parse)]
    pub expect: Option<Expect>,

    /// Time each request may take (1ms to 10m).
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_timeout)]
    pub timeout: Duration,

    /// Print one JSON object per request on stdout.
    #[arg(long)]
    pub json: bool,
}
