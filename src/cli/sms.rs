//! Arguments of the SMS API commands: `send`, `status`, `report`, `cancel`,
//! and the clap-side enums that convert into the core's types.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::parse::{http_url, poll_interval, request_timeout, wait_timeout};
use super::webhook::BodyArgs;
use crate::config::Mode;
use crate::sms::{DeliveryReport, Region};

/// `--auth` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthArg {
    /// Service plan id + API token.
    ServicePlan,
    /// OAuth2 client credentials (project id, key id, key secret).
    Oauth,
}

impl From<AuthArg> for Mode {
    fn from(a: AuthArg) -> Mode {
        match a {
            AuthArg::ServicePlan => Mode::ServicePlan,
            AuthArg::Oauth => Mode::OAuth,
        }
    }
}

/// `--region` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegionArg {
    /// United States.
    Us,
    /// Europe.
    Eu,
    /// Australia.
    Au,
    /// Brazil.
    Br,
    /// Canada.
    Ca,
}

impl From<RegionArg> for Region {
    fn from(r: RegionArg) -> Region {
        match r {
            RegionArg::Us => Region::Us,
            RegionArg::Eu => Region::Eu,
            RegionArg::Au => Region::Au,
            RegionArg::Br => Region::Br,
            RegionArg::Ca => Region::Ca,
        }
    }
}

/// Flags shared by the commands that call the SMS API.
#[derive(Debug, Args, Clone)]
pub struct ApiArgs {
    /// Force an auth mode (default: service plan when its credentials are set, else OAuth2).
    #[arg(long, value_enum, value_name = "MODE")]
    pub auth: Option<AuthArg>,

    /// SMS region (else SINCH_REGION, else the profile, else us).
    #[arg(long, value_enum, value_name = "REGION")]
    pub region: Option<RegionArg>,

    /// Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile).
    #[arg(long, value_name = "ID")]
    pub service_plan_id: Option<String>,

    /// Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile).
    #[arg(long, value_name = "ID")]
    pub project_id: Option<String>,

    /// Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets
    /// (api_token, key_secret) have no flag: use the environment or the config file.
    #[arg(long, value_name = "ID")]
    pub key_id: Option<String>,

    /// SMS API base URL (else SINCH_SMS_BASE_URL, else the region's host).
    #[arg(long, value_name = "URL", value_parser = http_url)]
    pub base_url: Option<url::Url>,

    /// OAuth2 token URL; an origin like http://host:port gets /oauth2/token
    /// (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token).
    #[arg(long, value_name = "URL", value_parser = http_url)]
    pub auth_url: Option<url::Url>,

    /// Time each API request may take: 1s to 10m.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = request_timeout)]
    pub request_timeout: std::time::Duration,

    /// Print the API's JSON answer on stdout instead of the usual output.
    #[arg(long)]
    pub json: bool,
}

/// `--delivery-report` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeliveryReportArg {
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

impl From<DeliveryReportArg> for DeliveryReport {
    fn from(d: DeliveryReportArg) -> DeliveryReport {
        match d {
            DeliveryReportArg::None => DeliveryReport::None,
            DeliveryReportArg::Summary => DeliveryReport::Summary,
            DeliveryReportArg::Full => DeliveryReport::Full,
            DeliveryReportArg::PerRecipient => DeliveryReport::PerRecipient,
            DeliveryReportArg::PerRecipientFinal => DeliveryReport::PerRecipientFinal,
        }
    }
}

/// Where `send` reads the message text from. Unlike the webhook commands'
/// byte-exact bodies, one trailing newline of a file or stdin is dropped.
#[derive(Debug, Args, Clone)]
pub struct MessageArgs {
    /// The message text, sent as given.
    #[arg(long, value_name = "TEXT", conflicts_with = "body_file")]
    pub body: Option<String>,

    /// Read the message from a file ('-' for stdin) and drop one trailing newline; without
    /// --body or --body-file it is read from stdin the same way.
    #[arg(long, value_name = "PATH")]
    pub body_file: Option<PathBuf>,
}

impl From<&MessageArgs> for BodyArgs {
    fn from(m: &MessageArgs) -> BodyArgs {
        BodyArgs {
            body: m.body.clone(),
            body_file: m.body_file.clone(),
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
    pub body: MessageArgs,

    /// Which delivery report callbacks Sinch sends.
    #[arg(long, value_enum, value_name = "KIND")]
    pub delivery_report: Option<DeliveryReportArg>,

    /// Where Sinch posts delivery reports for this batch.
    #[arg(long, value_name = "URL", value_parser = http_url)]
    pub callback_url: Option<url::Url>,

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

    /// Send only if the text fits in this many parts: 1 to 255.
    #[arg(long, value_name = "N", value_parser = super::parse::int_in::<u32>(1, 255))]
    pub max_parts: Option<u32>,

    /// Ask the API how it would send (recipients, parts, encoding) without sending.
    #[arg(long, conflicts_with = "wait")]
    pub dry_run: bool,

    /// Poll delivery reports until every recipient is final; exit 0 only if all are Delivered.
    #[arg(long)]
    pub wait: bool,

    /// With --wait: give up after this long (exit 5): 1s to 24h.
    #[arg(long, value_name = "DURATION", default_value = "2m", value_parser = wait_timeout)]
    pub timeout: std::time::Duration,

    /// With --wait: time between polls: 10ms to 1h.
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = poll_interval)]
    pub poll_interval: std::time::Duration,

    /// API flags.
    #[command(flatten)]
    pub api: ApiArgs,
}

/// A batch id: 1 to 64 letters, digits, `-` or `_`.
fn batch_id(text: &str) -> Result<String, String> {
    let ok = (1..=64).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "{text:?} is not a batch id (1 to 64 letters, digits, - or _)"
        ))
    }
}

/// Arguments of `sinchctl status` and `sinchctl cancel`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The batch id.
    #[arg(value_parser = batch_id)]
    pub batch_id: String,

    /// API flags.
    #[command(flatten)]
    pub api: ApiArgs,
}

/// Arguments of `sinchctl report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The batch id.
    #[arg(value_parser = batch_id)]
    pub batch_id: String,

    /// One recipient's report instead of the batch summary.
    #[arg(long, value_name = "NUMBER")]
    pub recipient: Option<String>,

    /// API flags.
    #[command(flatten)]
    pub api: ApiArgs,
}
