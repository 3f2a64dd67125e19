//! Arguments of `config` and its subcommands.

use clap::{Args, Subcommand};

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
