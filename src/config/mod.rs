//! Configuration: the TOML file with named profiles, the `SINCH_*`
//! environment, and their precedence (flag > environment > profile > default).
//! Loading touches the file system; resolution is a pure function.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use serde::{Deserialize, Serialize};

use crate::error::usage;

/// Default OAuth2 token endpoint.
pub const DEFAULT_AUTH_URL: &str = "https://auth.sinch.com/oauth2/token";
/// Default SMS region.
pub const DEFAULT_REGION: &str = "us";
/// Regions the SMS REST API serves.
pub const REGIONS: [&str; 5] = ["us", "eu", "au", "br", "ca"];
/// Profile used when none is named anywhere.
pub const DEFAULT_PROFILE: &str = "default";

/// One configurable setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// SMS region: us, eu, au, br, ca.
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

impl Key {
    /// Every key, in display order.
    pub const ALL: [Key; 10] = [
        Key::Region,
        Key::ProjectId,
        Key::KeyId,
        Key::KeySecret,
        Key::ServicePlanId,
        Key::ApiToken,
        Key::From,
        Key::WebhookSecret,
        Key::SmsBaseUrl,
        Key::AuthUrl,
    ];

    /// The key's name in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Key::Region => "region",
            Key::ProjectId => "project_id",
            Key::KeyId => "key_id",
            Key::KeySecret => "key_secret",
            Key::ServicePlanId => "service_plan_id",
            Key::ApiToken => "api_token",
            Key::From => "from",
            Key::WebhookSecret => "webhook_secret",
            Key::SmsBaseUrl => "sms_base_url",
            Key::AuthUrl => "auth_url",
        }
    }

    /// The environment variable that sets the key.
    pub fn env(self) -> &'static str {
        match self {
            Key::Region => "SINCH_REGION",
            Key::ProjectId => "SINCH_PROJECT_ID",
            Key::KeyId => "SINCH_KEY_ID",
            Key::KeySecret => "SINCH_KEY_SECRET",
            Key::ServicePlanId => "SINCH_SERVICE_PLAN_ID",
            Key::ApiToken => "SINCH_API_TOKEN",
            Key::From => "SINCH_FROM",
            Key::WebhookSecret => "SINCH_WEBHOOK_SECRET",
            Key::SmsBaseUrl => "SINCH_SMS_BASE_URL",
            Key::AuthUrl => "SINCH_AUTH_URL",
        }
    }

    /// Whether the value must never be shown in full.
    pub fn is_secret(self) -> bool {
        matches!(self, Key::KeySecret | Key::ApiToken | Key::WebhookSecret)
    }
}

/// The config file's schema. Unknown keys are errors, so typos surface.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Profile used when neither `--profile` nor `SINCHCTL_PROFILE` names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    /// Named profiles.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// One `[profiles.NAME]` table.
#[derive(Default, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// See [`Key::Region`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// See [`Key::ProjectId`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// See [`Key::KeyId`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    /// See [`Key::KeySecret`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_secret: Option<String>,
    /// See [`Key::ServicePlanId`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_plan_id: Option<String>,
    /// See [`Key::ApiToken`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_token: Option<String>,
    /// See [`Key::From`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// See [`Key::WebhookSecret`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_secret: Option<String>,
    /// See [`Key::SmsBaseUrl`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_base_url: Option<String>,
    /// See [`Key::AuthUrl`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_url: Option<String>,
}

// Hand-written so that `{:?}` can never print a secret.
impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Profile");
        for key in Key::ALL {
            if let Some(v) = self.get(key) {
                let shown = if key.is_secret() {
                    redact(v)
                } else {
                    v.to_owned()
                };
                s.field(key.name(), &shown);
            }
        }
        s.finish()
    }
}

impl Profile {
    fn slot(&mut self, key: Key) -> &mut Option<String> {
        match key {
            Key::Region => &mut self.region,
            Key::ProjectId => &mut self.project_id,
            Key::KeyId => &mut self.key_id,
            Key::KeySecret => &mut self.key_secret,
            Key::ServicePlanId => &mut self.service_plan_id,
            Key::ApiToken => &mut self.api_token,
            Key::From => &mut self.from,
            Key::WebhookSecret => &mut self.webhook_secret,
            Key::SmsBaseUrl => &mut self.sms_base_url,
            Key::AuthUrl => &mut self.auth_url,
        }
    }

    /// The value of `key` in this profile, if set and not empty.
    pub fn get(&self, key: Key) -> Option<&str> {
        let v = match key {
            Key::Region => &self.region,
            Key::ProjectId => &self.project_id,
            Key::KeyId => &self.key_id,
            Key::KeySecret => &self.key_secret,
            Key::ServicePlanId => &self.service_plan_id,
            Key::ApiToken => &self.api_token,
            Key::From => &self.from,
            Key::WebhookSecret => &self.webhook_secret,
            Key::SmsBaseUrl => &self.sms_base_url,
            Key::AuthUrl => &self.auth_url,
        };
        v.as_deref().filter(|s| !s.is_empty())
    }

    /// Sets `key` (an empty value clears it).
    pub fn set(&mut self, key: Key, value: Option<String>) {
        *self.slot(key) = value.filter(|v| !v.is_empty());
    }

    /// Whether any secret is stored in this profile.
    pub fn has_secret(&self) -> bool {
        Key::ALL
            .iter()
            .any(|k| k.is_secret() && self.get(*k).is_some())
    }
}

/// Where an effective value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag.
    Flag,
    /// An environment variable.
    Env(&'static str),
    /// The config file's profile.
    File(String),
    /// sinchctl's built-in default.
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag => write!(f, "flag"),
            Source::Env(var) => write!(f, "env {var}"),
            Source::File(profile) => write!(f, "file [profiles.{profile}]"),
            Source::Default => write!(f, "default"),
        }
    }
}

impl Source {
    /// A one-word kind for JSON output: flag, env, file or default.
    pub fn kind(&self) -> &'static str {
        match self {
            Source::Flag => "flag",
            Source::Env(_) => "env",
            Source::File(_) => "file",
            Source::Default => "default",
        }
    }
}

/// An effective value and its origin.
#[derive(Clone, PartialEq, Eq)]
pub struct Setting {
    /// The value.
    pub value: String,
    /// Where it came from.
    pub source: Source,
}

impl fmt::Debug for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Settings are not told their key, so redact every value in Debug output.
        write!(f, "Setting({} from {})", redact(&self.value), self.source)
    }
}

/// How the profile was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileChoice {
    /// `--profile` or `SINCHCTL_PROFILE` named it; it must exist in the file.
    Named(String),
    /// Nothing named one: the file's `default_profile`, else `default`.
    Implicit,
}

/// Everything a command needs to know about its configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    values: BTreeMap<Key, Setting>,
    /// The profile in use.
    pub profile: String,
    /// Whether the profile exists in the file.
    pub profile_in_file: bool,
}

impl Settings {
    /// The effective setting for `key`, if any.
    pub fn get(&self, key: Key) -> Option<&Setting> {
        self.values.get(&key)
    }

    /// The effective value for `key`, if any.
    pub fn value(&self, key: Key) -> Option<&str> {
        self.get(key).map(|s| s.value.as_str())
    }

    /// The effective value for `key`, or an error naming the three ways to set it.
    pub fn require(&self, key: Key, flag: &str) -> Result<&str> {
        self.value(key).ok_or_else(|| {
            usage(format!(
                "no {what} configured\n\
                 set it with one of:\n  \
                 {flag} VALUE              (flag)\n  \
                 export {env}=VALUE   (environment)\n  \
                 {name} = \"VALUE\" in [profiles.{profile}] of the config file (see `sinchctl config path`)",
                what = key.name().replace('_', " "),
                env = key.env(),
                name = key.name(),
                profile = self.profile,
            ))
        })
    }
}

/// The SMS host for a region: `{region}.sms.api.sinch.com` for service-plan
/// credentials, `zt.{region}.sms.api.sinch.com` for OAuth2 (spec §1.2).
pub fn default_sms_base_url(region: &str, oauth: bool) -> String {
    if oauth {
        format!("https://zt.{region}.sms.api.sinch.com")
    } else {
        format!("https://{region}.sms.api.sinch.com")
    }
}

/// Resolves every key: `flags` > environment (`env`) > profile > default.
/// Empty values count as unset at every level.
pub fn resolve(
    file: Option<&FileConfig>,
    choice: &ProfileChoice,
    env: &dyn Fn(&str) -> Option<String>,
    flags: &[(Key, Option<String>)],
) -> Result<Settings> {
    let (profile_name, named) = match choice {
        ProfileChoice::Named(name) => (name.clone(), true),
        ProfileChoice::Implicit => (
            file.and_then(|f| f.default_profile.clone())
                .unwrap_or_else(|| DEFAULT_PROFILE.to_owned()),
            file.is_some_and(|f| f.default_profile.is_some()),
        ),
    };
    let profile = file.and_then(|f| f.profiles.get(&profile_name));
    if named && profile.is_none() {
        let known: Vec<&str> = file
            .map(|f| f.profiles.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let how = if matches!(choice, ProfileChoice::Named(_)) {
            "--profile / SINCHCTL_PROFILE"
        } else {
            "default_profile in the config file"
        };
        bail!(usage(format!(
            "profile {profile_name:?} (from {how}) is not in the config file{}\n\
             create it with `sinchctl config init --profile {profile_name}` or pick another",
            if known.is_empty() {
                String::new()
            } else {
                format!("; profiles there: {}", known.join(", "))
            }
        )));
    }

    let mut values = BTreeMap::new();
    for key in Key::ALL {
        let flag = flags
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| v.clone())
            .filter(|v| !v.is_empty());
        let setting = if let Some(value) = flag {
            Some(Setting {
                value,
                source: Source::Flag,
            })
        } else if let Some(value) = env(key.env()).filter(|v| !v.is_empty()) {
            Some(Setting {
                value,
                source: Source::Env(key.env()),
            })
        } else if let Some(value) = profile.and_then(|p| p.get(key)) {
            Some(Setting {
                value: value.to_owned(),
                source: Source::File(profile_name.clone()),
            })
        } else {
            match key {
                Key::Region => Some(DEFAULT_REGION.to_owned()),
                Key::AuthUrl => Some(DEFAULT_AUTH_URL.to_owned()),
                _ => None,
            }
            .map(|value| Setting {
                value,
                source: Source::Default,
            })
        };
        if let Some(s) = setting {
            values.insert(key, s);
        }
    }
    if let Some(region) = values.get(&Key::Region)
        && !REGIONS.contains(&region.value.as_str())
    {
        bail!(usage(format!(
            "unknown region {:?} (from {}); use one of: {}",
            region.value,
            region.source,
            REGIONS.join(", ")
        )));
    }
    Ok(Settings {
        values,
        profile: profile_name,
        profile_in_file: profile.is_some(),
    })
}

/// Shows only the last four characters of a secret, and nothing of a short one.
pub fn redact(secret: &str) -> String {
    let n = secret.chars().count();
    if n < 12 {
        "****".to_owned()
    } else {
        let tail: String = secret.chars().skip(n - 4).collect();
        format!("****{tail}")
    }
}

/// The default config file: `config.toml` in the platform config directory
/// (Linux: `$XDG_CONFIG_HOME/sinchctl/config.toml`).
pub fn default_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("com", "Sinch", "sinchctl").context(
        "cannot find a home directory for the config file; pass --config PATH or set SINCHCTL_CONFIG",
    )?;
    Ok(dirs.config_dir().join("config.toml"))
}

/// A config file read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The parsed file.
    pub config: FileConfig,
    /// A warning to show when the file holds secrets and others can read it.
    pub permission_warning: Option<String>,
}

/// Reads and parses the config file; a missing file is `Ok(None)`.
pub fn load(path: &Path) -> Result<Option<Loaded>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read config file {}", path.display()));
        }
    };
    let config = parse(&text).map_err(|msg| {
        anyhow::anyhow!(
            "invalid config file {}:\n{msg}\nfix the file, or point --config / SINCHCTL_CONFIG at another one",
            path.display()
        )
    })?;
    let holds_secrets = config.profiles.values().any(Profile::has_secret);
    let permission_warning = if holds_secrets {
        permission_warning(path)
    } else {
        None
    };
    Ok(Some(Loaded {
        config,
        permission_warning,
    }))
}

/// Parses config text; the error names the key and line.
pub fn parse(text: &str) -> std::result::Result<FileConfig, String> {
    toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())
}

#[cfg(unix)]
fn permission_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "{} holds secrets and is readable by {} (mode {:o}); run: chmod 600 {}",
            path.display(),
            if mode & 0o007 != 0 {
                "others"
            } else {
                "its group"
            },
            mode & 0o777,
            path.display()
        )
    })
}

#[cfg(not(unix))]
fn permission_warning(_path: &Path) -> Option<String> {
    None
}

/// Writes the config file atomically with mode 0600, creating its directory (0700).
pub fn write(path: &Path, config: &FileConfig) -> Result<()> {
    let text = toml::to_string_pretty(config).context("cannot serialise the config")?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("config"),
        std::process::id()
    ));
    write_private(&tmp, text.as_bytes())
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("cannot create directory {}", dir.display()))
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create directory {}", dir.display()))
}

/// Creates (or truncates) `path` readable only by its owner and writes `bytes`.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut file = opts.open(path)?;
    #[cfg(unix)]
    {
        // The mode above applies only to new files; tighten an existing one too.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    fn file(text: &str) -> FileConfig {
        parse(text).unwrap()
    }

    #[test]
    fn precedence_flag_env_file_default() {
        let f = file(
            "[profiles.default]\nwebhook_secret = \"from-file-secret\"\nfrom = \"+1000\"\nproject_id = \"p-file\"\n",
        );
        let env = env_of(&[
            ("SINCH_WEBHOOK_SECRET", "from-env-secret"),
            ("SINCH_FROM", "+2000"),
        ]);
        let s = resolve(
            Some(&f),
            &ProfileChoice::Implicit,
            &env,
            &[(Key::WebhookSecret, Some("from-flag-secret".into()))],
        )
        .unwrap();
        assert_eq!(s.get(Key::WebhookSecret).unwrap().source, Source::Flag);
        assert_eq!(s.value(Key::WebhookSecret), Some("from-flag-secret"));
        assert_eq!(s.get(Key::From).unwrap().source, Source::Env("SINCH_FROM"));
        assert_eq!(
            s.get(Key::ProjectId).unwrap().source,
            Source::File("default".into())
        );
        assert_eq!(s.get(Key::Region).unwrap().source, Source::Default);
        assert_eq!(s.value(Key::AuthUrl), Some(DEFAULT_AUTH_URL));
        assert!(s.get(Key::KeyId).is_none());
    }

    #[test]
    fn empty_values_are_unset() {
        let f = file("[profiles.default]\nfrom = \"\"\n");
        let env = env_of(&[("SINCH_FROM", "")]);
        let s = resolve(
            Some(&f),
            &ProfileChoice::Implicit,
            &env,
            &[(Key::From, Some(String::new()))],
        )
        .unwrap();
        assert!(s.get(Key::From).is_none());
    }

    #[test]
    fn profile_selection() {
        let f = file(
            "default_profile = \"eu\"\n[profiles.eu]\nregion = \"eu\"\n[profiles.test]\nregion = \"ca\"\n",
        );
        let none = env_of(&[]);
        let s = resolve(Some(&f), &ProfileChoice::Implicit, &none, &[]).unwrap();
        assert_eq!(
            (s.profile.as_str(), s.value(Key::Region)),
            ("eu", Some("eu"))
        );
        let s = resolve(Some(&f), &ProfileChoice::Named("test".into()), &none, &[]).unwrap();
        assert_eq!(s.value(Key::Region), Some("ca"));
        let err = resolve(Some(&f), &ProfileChoice::Named("nope".into()), &none, &[]).unwrap_err();
        assert!(
            err.to_string().contains("profiles there: eu, test"),
            "{err}"
        );
        // No file and nothing named: empty default profile.
        let s = resolve(None, &ProfileChoice::Implicit, &none, &[]).unwrap();
        assert!(!s.profile_in_file);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err =
            parse("[profiles.default]\nregion = \"eu\"\nwebhook_secert = \"x\"\n").unwrap_err();
        assert!(err.contains("webhook_secert"), "{err}");
        assert!(err.contains("line 3"), "{err}");
        let err = parse("[profiles.default\n").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
    }

    #[test]
    fn bad_region_is_rejected() {
        let env = env_of(&[("SINCH_REGION", "mars")]);
        let err = resolve(None, &ProfileChoice::Implicit, &env, &[]).unwrap_err();
        assert!(err.to_string().contains("us, eu, au, br, ca"), "{err}");
    }

    #[test]
    fn redaction_keeps_only_the_tail_of_long_secrets() {
        assert_eq!(redact("supersecretvalue1234"), "****1234");
        assert_eq!(redact("short"), "****");
        let mut p = Profile::default();
        p.set(Key::ApiToken, Some("token-abcdefghijkl".into()));
        assert!(!format!("{p:?}").contains("token-abcdefghijkl"));
    }

    #[test]
    fn hosts_per_mode() {
        assert_eq!(
            default_sms_base_url("eu", false),
            "https://eu.sms.api.sinch.com"
        );
        assert_eq!(
            default_sms_base_url("eu", true),
            "https://zt.eu.sms.api.sinch.com"
        );
    }
}
