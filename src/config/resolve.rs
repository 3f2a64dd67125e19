//! Settings resolution, a pure function: flag > environment > profile >
//! default per key, with each value's source and the file values an
//! environment variable hides.

use std::collections::BTreeMap;
use std::fmt;

use anyhow::{Result, bail};
use secrecy::{ExposeSecret, SecretString};

use super::file::FileConfig;
use super::keys::SettingKey;
use super::{DEFAULT_AUTH_URL, DEFAULT_PROFILE, DEFAULT_REGION, redact};
use crate::error::usage;

/// Where an effective value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag.
    Flag,
    /// An environment variable.
    Env(&'static str),
    /// An environment variable hiding a different value in the profile.
    EnvOverFile {
        /// The variable.
        var: &'static str,
        /// The profile whose value it hides.
        profile: String,
    },
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
            Source::EnvOverFile { var, profile } => write!(
                f,
                "env {var} (hiding a different value in file [profiles.{profile}])"
            ),
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
            Source::Env(_) | Source::EnvOverFile { .. } => "env",
            Source::File(_) => "file",
            Source::Default => "default",
        }
    }
}

/// A value: plain, or a secret that never prints.
#[derive(Clone)]
pub enum Value {
    /// A value safe to show.
    Plain(String),
    /// A secret.
    Secret(SecretString),
}

impl Value {
    fn new(key: SettingKey, value: String) -> Value {
        if key.is_secret() {
            Value::Secret(SecretString::from(value))
        } else {
            Value::Plain(value)
        }
    }

    /// The value for display: plain values as they are, secrets redacted.
    pub fn shown(&self) -> String {
        match self {
            Value::Plain(v) => without_userinfo(v),
            Value::Secret(s) => redact(s.expose_secret()),
        }
    }
}

/// `text` with the `user:password@` of a URL taken out (other text as is),
/// for showing a URL setting.
pub fn without_userinfo(text: &str) -> String {
    match url::Url::parse(text) {
        Ok(mut u) if !u.username().is_empty() || u.password().is_some() => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.to_string()
        }
        _ => text.to_owned(),
    }
}

// Not even the tail that `config show` prints: Debug output lands in logs.
impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Plain(v) => write!(f, "{v:?}"),
            Value::Secret(_) => f.write_str("<redacted>"),
        }
    }
}

/// An effective value and its origin.
#[derive(Debug, Clone)]
pub struct Setting {
    /// The value.
    pub value: Value,
    /// Where it came from.
    pub source: Source,
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
    values: BTreeMap<SettingKey, Setting>,
    /// The profile in use.
    pub profile: String,
    /// Whether the profile exists in the file.
    pub profile_in_file: bool,
    /// Keys given only whitespace somewhere, and where: counted as unset.
    blank: Vec<(SettingKey, Source)>,
}

impl Settings {
    /// The effective setting for `key`, if any.
    pub fn get(&self, key: SettingKey) -> Option<&Setting> {
        self.values.get(&key)
    }

    /// Whether `key` has a value.
    pub fn is_set(&self, key: SettingKey) -> bool {
        self.values.contains_key(&key)
    }

    /// The effective value of a non-secret `key`; secrets come from [`Settings::secret`].
    pub fn value(&self, key: SettingKey) -> Option<&str> {
        match &self.get(key)?.value {
            Value::Plain(v) => Some(v),
            Value::Secret(_) => None,
        }
    }

    /// The effective value of a secret `key`.
    pub fn secret(&self, key: SettingKey) -> Option<SecretString> {
        match &self.get(key)?.value {
            Value::Secret(s) => Some(s.clone()),
            Value::Plain(_) => None,
        }
    }

    /// Lines saying which environment variables hide a different file value.
    pub fn hidden_file_values(&self) -> Vec<String> {
        self.values
            .iter()
            .filter(|(_, s)| matches!(s.source, Source::EnvOverFile { .. }))
            .map(|(key, s)| {
                format!(
                    "{key} comes from {}; unset {} to use the file's",
                    s.source,
                    key.env()
                )
            })
            .collect()
    }

    /// The secret `key`, or an error naming the ways to set it.
    pub fn require_secret(&self, key: SettingKey) -> Result<SecretString> {
        self.secret(key).ok_or_else(|| {
            let export = format!("export {}=VALUE", key.env());
            // The flag line padded so both notes start in the same column.
            let flag = key
                .spec()
                .flag
                .map(|f| {
                    let w = export.len();
                    let f = format!("{f} VALUE");
                    format!("  {f:<w$}   (flag; visible to other users in `ps`)\n")
                })
                .unwrap_or_default();
            let blank: String = self
                .blank
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, source)| {
                    format!(
                        "{} from {source} is only whitespace, which counts as unset\n",
                        key.name()
                    )
                })
                .collect();
            usage(format!(
                "no {what} configured\n{blank}\
                 set it with one of:\n{flag}  \
                 {export}   (environment)\n  \
                 {name} = \"VALUE\" in [profiles.{profile}] of the config file \
                 (`sinchctl config set {name} -` reads it from stdin)",
                what = key.name().replace('_', " "),
                name = key.name(),
                profile = self.profile,
            ))
        })
    }
}

/// The profile `choice` picks in `file`: the named one, else the file's
/// `default_profile`, else `default`. Every command (`config init` and
/// `config set` included) goes through this, so they agree.
pub fn profile_name(file: Option<&FileConfig>, choice: &ProfileChoice) -> String {
    match choice {
        ProfileChoice::Named(name) => name.clone(),
        ProfileChoice::Implicit => file
            .and_then(|f| f.default_profile.clone())
            .unwrap_or_else(|| DEFAULT_PROFILE.to_owned()),
    }
}

fn choose_profile<'f>(
    file: Option<&'f FileConfig>,
    choice: &ProfileChoice,
) -> Result<(String, Option<&'f super::Profile>)> {
    let name = profile_name(file, choice);
    let named = match choice {
        ProfileChoice::Named(_) => true,
        ProfileChoice::Implicit => file.is_some_and(|f| f.default_profile.is_some()),
    };
    let profile = file.and_then(|f| f.profiles.get(&name));
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
            "profile {name:?} (from {how}) is not in the config file{}\n\
             create it with `sinchctl config init --profile {name}` or pick another",
            if known.is_empty() {
                String::new()
            } else {
                format!("; profiles there: {}", known.join(", "))
            }
        )));
    }
    Ok((name, profile))
}

/// Resolves every key: `flags` > environment (`env`) > profile > default.
/// Blank values (empty or only whitespace) count as unset at every level. Values are not validated
/// here: each command checks the keys it uses.
pub fn resolve(
    file: Option<&FileConfig>,
    choice: &ProfileChoice,
    env: &dyn Fn(&str) -> Option<String>,
    flags: &[(SettingKey, Option<String>)],
) -> Result<Settings> {
    let (profile_name, profile) = choose_profile(file, choice)?;
    let mut values = BTreeMap::new();
    let mut blank = Vec::new();
    // A blank value (empty or only whitespace) counts as unset: a secret of
    // one space would otherwise sign and verify. Non-empty blanks are noted.
    let mut given = |key: SettingKey, value: Option<String>, source: Source| {
        let value = value?;
        if value.trim().is_empty() {
            if !value.is_empty() {
                blank.push((key, source));
            }
            return None;
        }
        Some(value)
    };
    for key in SettingKey::all() {
        let flag = flags
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| v.clone());
        let flag = given(key, flag, Source::Flag);
        let in_file = profile.and_then(|p| p.get(key));
        let in_file = given(
            key,
            in_file.map(str::to_owned),
            Source::File(profile_name.clone()),
        );
        let in_file = in_file.as_deref();
        let from_env = given(key, env(key.env()), Source::Env(key.env()));
        let (value, source) = if let Some(value) = flag {
            (value, Source::Flag)
        } else if let Some(value) = from_env {
            let source = if in_file.is_some_and(|f| f != value) {
                Source::EnvOverFile {
                    var: key.env(),
                    profile: profile_name.clone(),
                }
            } else {
                Source::Env(key.env())
            };
            (value, source)
        } else if let Some(value) = in_file {
            (value.to_owned(), Source::File(profile_name.clone()))
        } else {
            match key {
                SettingKey::Region => (DEFAULT_REGION.to_owned(), Source::Default),
                SettingKey::AuthUrl => (DEFAULT_AUTH_URL.to_owned(), Source::Default),
                _ => continue,
            }
        };
        let value = Value::new(key, value);
        values.insert(key, Setting { value, source });
    }
    Ok(Settings {
        values,
        profile: profile_name,
        profile_in_file: profile.is_some(),
        blank,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{fake_env, parse};

    fn file(text: &str) -> FileConfig {
        parse(text).unwrap()
    }

    #[test]
    fn precedence_flag_env_file_default() {
        let f = file(
            "[profiles.default]\nwebhook_secret = \"from-file-secret\"\nfrom = \"+1000\"\nproject_id = \"p-file\"\n",
        );
        let env = fake_env(&[
            ("SINCH_WEBHOOK_SECRET", "from-env-secret"),
            ("SINCH_FROM", "+2000"),
        ]);
        let s = resolve(
            Some(&f),
            &ProfileChoice::Implicit,
            &env,
            &[(SettingKey::WebhookSecret, Some("from-flag-secret".into()))],
        )
        .unwrap();
        assert_eq!(
            s.get(SettingKey::WebhookSecret).unwrap().source,
            Source::Flag
        );
        assert_eq!(
            s.secret(SettingKey::WebhookSecret).unwrap().expose_secret(),
            "from-flag-secret"
        );
        let from = s.get(SettingKey::From).unwrap();
        assert_eq!(
            from.source,
            Source::EnvOverFile {
                var: "SINCH_FROM",
                profile: "default".into()
            }
        );
        assert_eq!(s.hidden_file_values().len(), 1);
        assert_eq!(
            s.get(SettingKey::ProjectId).unwrap().source,
            Source::File("default".into())
        );
        assert_eq!(s.get(SettingKey::Region).unwrap().source, Source::Default);
        assert_eq!(s.value(SettingKey::AuthUrl), Some(DEFAULT_AUTH_URL));
        assert!(s.get(SettingKey::KeyId).is_none());
        assert!(!format!("{s:?}").contains("from-flag-secret"));
    }

    #[test]
    fn empty_values_are_unset() {
        let f = file("[profiles.default]\nfrom = \"\"\n");
        let env = fake_env(&[("SINCH_FROM", "")]);
        let s = resolve(
            Some(&f),
            &ProfileChoice::Implicit,
            &env,
            &[(SettingKey::From, Some(String::new()))],
        )
        .unwrap();
        assert!(s.get(SettingKey::From).is_none());
    }

    #[test]
    fn profile_selection() {
        let f = file(
            "default_profile = \"eu\"\n[profiles.eu]\nregion = \"eu\"\n[profiles.test]\nregion = \"ca\"\n",
        );
        let none = fake_env(&[]);
        let s = resolve(Some(&f), &ProfileChoice::Implicit, &none, &[]).unwrap();
        assert_eq!(
            (s.profile.as_str(), s.value(SettingKey::Region)),
            ("eu", Some("eu"))
        );
        let s = resolve(Some(&f), &ProfileChoice::Named("test".into()), &none, &[]).unwrap();
        assert_eq!(s.value(SettingKey::Region), Some("ca"));
        let err = resolve(Some(&f), &ProfileChoice::Named("nope".into()), &none, &[]).unwrap_err();
        assert!(
            err.to_string().contains("profiles there: eu, test"),
            "{err}"
        );
        let s = resolve(None, &ProfileChoice::Implicit, &none, &[]).unwrap();
        assert!(!s.profile_in_file);
    }
}
