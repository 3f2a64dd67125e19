//! Arguments of `config` and its subcommands. The per-key flags of `config
//! init` are generated from the settings table ([`crate::config::KEYS`]).

use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgMatches, Args, Subcommand};

use crate::config::{KEYS, SettingKey};

/// Arguments of `sinchctl config`.
#[derive(Debug, Args)]
#[command(after_help = crate::config::file_help())]
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
    #[command(after_help = "\
Examples:
  sinchctl config init     # on a terminal: asks the auth mode, then its keys
  printf %s \"$TOKEN\" | sinchctl config init --region eu \\
      --service-plan-id YOUR_PLAN_ID --api-token -
  sinchctl --profile staging config init --region us  # not made the default

The profile written is the one every command uses: --profile, else SINCHCTL_PROFILE, else the
file's default_profile, else \"default\". A new named profile does not become the default
(as with `aws configure --profile`); pass --make-default, or set default_profile = \"NAME\"
at the top of the file (`sinchctl config path` prints where it is).

Flag values are visible to other users (`ps`, shell history): pass secrets as `-` to read
them from stdin (one line each, in the order of this help), or leave their flags out and set
them in the environment: a run without a terminal stores every SINCH_* setting it would ask
for (region, ids, sender, secrets; not the base URLs) that no flag gives.")]
    Init(ConfigInitArgs),
    /// Show every effective setting and where it came from (secrets redacted).
    Show(ConfigShowArgs),
    /// Print the config file's path.
    Path,
    /// Set one key in the profile, keeping the file's comments and other keys.
    #[command(after_help = "\
Examples:
  sinchctl config set region eu
  printf %s \"$TOKEN\" | sinchctl config set api_token -     # secrets from stdin")]
    Set(ConfigSetArgs),
    /// Print one key's effective value (secrets redacted) and its source on stderr.
    Get(ConfigKeyArgs),
    /// Remove one key from the profile, keeping the file's comments and other keys.
    Unset(ConfigKeyArgs),
    /// Resolve the SMS credentials, show their sources and try them with one harmless request.
    Check(ConfigCheckArgs),
}

/// Setting values given as flags: one `--NAME` per key of the settings table.
#[derive(Default, Clone)]
pub struct KeyValues(pub Vec<(SettingKey, String)>);

// Hand-written so `{:?}` shows which keys were given but never a secret's value.
impl std::fmt::Debug for KeyValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |(k, v): &(SettingKey, String)| {
            let v = if k.is_secret() {
                "<redacted>"
            } else {
                v.as_str()
            };
            (k.spec().name, v.to_owned())
        };
        f.debug_tuple("KeyValues")
            .field(&self.0.iter().map(shown).collect::<Vec<_>>())
            .finish()
    }
}

impl clap::FromArgMatches for KeyValues {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        Ok(KeyValues(
            KEYS.iter()
                .filter_map(|s| m.get_one::<String>(s.name).map(|v| (s.key, v.clone())))
                .collect(),
        ))
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl Args for KeyValues {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        KEYS.iter().fold(cmd, |cmd, s| {
            let help = if s.secret {
                format!("{} ('-' reads it from stdin)", capitalise(s.help))
            } else {
                capitalise(s.help)
            };
            cmd.arg(
                Arg::new(s.name)
                    .long(s.long)
                    .value_name(if s.secret { "SECRET" } else { "VALUE" })
                    .help(help),
            )
        })
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Arguments of `sinchctl config init`.
#[derive(Debug, Args)]
pub struct ConfigInitArgs {
    /// The profile's values.
    #[command(flatten)]
    pub values: KeyValues,
    /// Read the webhook secret from stdin (the first line).
    #[arg(long, conflicts_with = "webhook_secret")]
    pub webhook_secret_stdin: bool,
    /// Replace the profile if it already exists.
    #[arg(long)]
    pub force: bool,
    /// Also make this profile the file's default_profile (else the default stays as it is:
    /// the file's default_profile, or "default").
    #[arg(long)]
    pub make_default: bool,
}

/// Arguments of `sinchctl config show`.
#[derive(Debug, Args)]
pub struct ConfigShowArgs {
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

fn key_parser() -> PossibleValuesParser {
    PossibleValuesParser::new(KEYS.map(|s| s.name))
}

/// Arguments of `sinchctl config set`.
#[derive(Debug, Args)]
pub struct ConfigSetArgs {
    /// The key.
    #[arg(value_parser = key_parser())]
    pub key: String,
    /// The value; `-` reads it from stdin (use this for secrets: arguments are visible in `ps`).
    pub value: String,
}

/// Arguments of `sinchctl config get` and `config unset`.
#[derive(Debug, Args)]
pub struct ConfigKeyArgs {
    /// The key.
    #[arg(value_parser = key_parser())]
    pub key: String,
}

/// Arguments of `sinchctl config check`.
#[derive(Debug, Args)]
pub struct ConfigCheckArgs {
    /// API flags.
    #[command(flatten)]
    pub api: super::ApiArgs,
}
