//! Arguments of the SMS API commands: `send`, `status`, `report`, `cancel`.

use clap::{Args, ValueEnum};

use super::parse::parse_duration;
use super::webhook::BodyArgs;

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
