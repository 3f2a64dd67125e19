//! The settings table: every configurable key declared once, with its file
//! name, environment variable, flag, secrecy and help. Resolution, `config
//! show/init/set`, the `config --help` text and the tests' scrub list read it.

use std::fmt;

/// One configurable setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SettingKey {
    /// SMS region.
    Region,
    /// Project id (OAuth2 mode).
    ProjectId,
    /// Access key id (OAuth2 mode).
    KeyId,
    /// Access key secret (OAuth2 mode).
    KeySecret,
    /// Service plan id (API token mode).
    ServicePlanId,
    /// API token (API token mode).
    ApiToken,
    /// Default sender.
    From,
    /// Webhook HMAC secret.
    WebhookSecret,
    /// SMS API base URL override.
    SmsBaseUrl,
    /// OAuth2 token URL override.
    AuthUrl,
}

/// Which SMS auth mode a key belongs to, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Service plan id + API token.
    ServicePlan,
    /// OAuth2 project access key.
    OAuth,
}

/// The declaration of one key.
#[derive(Debug, Clone, Copy)]
pub struct KeySpec {
    /// The key.
    pub key: SettingKey,
    /// Its name in the config file (and in `config get/set`).
    pub name: &'static str,
    /// Its flag in `config init`, without the dashes.
    pub long: &'static str,
    /// The environment variable that sets it.
    pub env: &'static str,
    /// The command flag that sets it, if any.
    pub flag: Option<&'static str>,
    /// The commands that have [`KeySpec::flag`].
    pub on: &'static [&'static str],
    /// Whether the value must never be shown.
    pub secret: bool,
    /// The auth mode it belongs to, if any.
    pub mode: Option<Mode>,
    /// Whether `config init` asks for it on a terminal.
    pub prompted: bool,
    /// One line of help.
    pub help: &'static str,
    /// A placeholder shown in the `config --help` example.
    pub example: &'static str,
}

const fn spec(
    key: SettingKey,
    name: &'static str,
    long: &'static str,
    env: &'static str,
) -> KeySpec {
    KeySpec {
        key,
        name,
        long,
        env,
        flag: None,
        on: &[],
        secret: false,
        mode: None,
        prompted: true,
        help: "",
        example: "\"...\"",
    }
}

/// The commands that take the SMS API flags (`--region`, `--project-id`, ...).
const SMS_COMMANDS: &[&str] = &["send", "status", "report", "cancel", "config check"];

/// The commands that take `--secret`.
const WEBHOOK_COMMANDS: &[&str] = &["listen", "sign", "verify", "simulate", "replay", "sandbox"];

/// Every key, in display order. The one place keys are spelled out.
pub const KEYS: [KeySpec; 10] = [
    KeySpec {
        flag: Some("--region"),
        on: SMS_COMMANDS,
        help: "SMS region: us (the default), eu, au, br or ca",
        example: "\"eu\"",
        ..spec(SettingKey::Region, "region", "region", "SINCH_REGION")
    },
    KeySpec {
        flag: Some("--project-id"),
        on: SMS_COMMANDS,
        mode: Some(Mode::OAuth),
        help: "project id (OAuth2 mode)",
        ..spec(
            SettingKey::ProjectId,
            "project_id",
            "project-id",
            "SINCH_PROJECT_ID",
        )
    },
    KeySpec {
        flag: Some("--key-id"),
        on: SMS_COMMANDS,
        mode: Some(Mode::OAuth),
        help: "access key id (OAuth2 mode)",
        ..spec(SettingKey::KeyId, "key_id", "key-id", "SINCH_KEY_ID")
    },
    KeySpec {
        secret: true,
        mode: Some(Mode::OAuth),
        help: "access key secret (OAuth2 mode)",
        ..spec(
            SettingKey::KeySecret,
            "key_secret",
            "key-secret",
            "SINCH_KEY_SECRET",
        )
    },
    KeySpec {
        flag: Some("--service-plan-id"),
        on: SMS_COMMANDS,
        mode: Some(Mode::ServicePlan),
        help: "service plan id (API token mode)",
        ..spec(
            SettingKey::ServicePlanId,
            "service_plan_id",
            "service-plan-id",
            "SINCH_SERVICE_PLAN_ID",
        )
    },
    KeySpec {
        secret: true,
        mode: Some(Mode::ServicePlan),
        help: "API token (API token mode)",
        ..spec(
            SettingKey::ApiToken,
            "api_token",
            "api-token",
            "SINCH_API_TOKEN",
        )
    },
    KeySpec {
        flag: Some("--from"),
        on: &["send"],
        help: "default sender: number, short code or name",
        example: "\"+46700000000\"",
        ..spec(SettingKey::From, "from", "from", "SINCH_FROM")
    },
    KeySpec {
        flag: Some("--secret"),
        on: WEBHOOK_COMMANDS,
        secret: true,
        help: "webhook HMAC secret: signs and verifies callbacks",
        ..spec(
            SettingKey::WebhookSecret,
            "webhook_secret",
            "webhook-secret",
            "SINCH_WEBHOOK_SECRET",
        )
    },
    KeySpec {
        flag: Some("--base-url"),
        on: SMS_COMMANDS,
        prompted: false,
        help: "SMS API host override (tests, proxies)",
        ..spec(
            SettingKey::SmsBaseUrl,
            "sms_base_url",
            "sms-base-url",
            "SINCH_SMS_BASE_URL",
        )
    },
    KeySpec {
        flag: Some("--auth-url"),
        on: SMS_COMMANDS,
        prompted: false,
        help: "OAuth2 token URL override",
        ..spec(
            SettingKey::AuthUrl,
            "auth_url",
            "auth-url",
            "SINCH_AUTH_URL",
        )
    },
];

impl SettingKey {
    /// Every key, in display order.
    pub fn all() -> impl Iterator<Item = SettingKey> {
        KEYS.iter().map(|s| s.key)
    }

    /// The key's declaration.
    pub fn spec(self) -> &'static KeySpec {
        // Every key has exactly one row; a unit test checks the table.
        KEYS.iter().find(|s| s.key == self).unwrap_or(&KEYS[0])
    }

    /// The key's name in the config file.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The environment variable that sets the key.
    pub fn env(self) -> &'static str {
        self.spec().env
    }

    /// Whether the value must never be shown in full.
    pub fn is_secret(self) -> bool {
        self.spec().secret
    }

    /// The key named `name` in the config file.
    pub fn from_name(name: &str) -> Option<SettingKey> {
        KEYS.iter().find(|s| s.name == name).map(|s| s.key)
    }

    /// Every file name, for "expected one of" messages.
    pub fn names() -> Vec<&'static str> {
        KEYS.iter().map(|s| s.name).collect()
    }
}

impl fmt::Display for SettingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The `config --help` text: the file layout, every key, its variable and precedence.
pub fn file_help() -> String {
    let mut text = String::from(
        "The config file is TOML:\n\n  default_profile = \"default\"\n\n  [profiles.default]\n",
    );
    for s in &KEYS {
        let line = format!("{} = {}", s.name, s.example);
        text.push_str(&format!("  {line:<28} # {}\n", s.help));
    }
    text.push_str("\nEnvironment variables, which override the file:\n");
    for s in &KEYS {
        text.push_str(&format!("  {:<18} {}\n", s.name, s.env));
    }
    text.push_str(
        "\nPrecedence: flag > environment (SINCH_*) > profile > built-in default.\n\
         Keep secrets (api_token, key_secret, webhook_secret) in the file (mode 0600)\n\
         or the environment: flag values are visible to other users (`ps`, history).",
    );
    text
}

/// The README's settings table (Markdown), rendered from [`KEYS`]; a test
/// keeps the README's copy equal to it.
pub fn markdown_table() -> String {
    let mut text = String::from(
        "| key | flag | environment variable | secret? | what it is |\n\
         | --- | --- | --- | --- | --- |\n",
    );
    for s in &KEYS {
        let flag = match s.flag {
            Some(f) => format!("`{f}` ({})", s.on.join(", ")),
            None => "none (`config init` and `config set` only)".to_owned(),
        };
        let secret = if s.secret { "yes" } else { "no" };
        text.push_str(&format!(
            "| `{}` | {flag} | `{}` | {secret} | {} |\n",
            s.name, s.env, s.help
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_one_row() {
        for key in SettingKey::all() {
            assert_eq!(KEYS.iter().filter(|s| s.key == key).count(), 1);
            assert_eq!(key.spec().key, key);
            assert_eq!(SettingKey::from_name(key.name()), Some(key));
        }
        assert!(file_help().contains("webhook_secret"));
        let table = markdown_table();
        assert_eq!(table.lines().count(), KEYS.len() + 2);
        assert!(table.contains(
            "| `project_id` | `--project-id` (send, status, report, cancel, config check) |"
        ));
    }
}
