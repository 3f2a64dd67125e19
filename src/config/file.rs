//! The config file on disk: its schema (profiles of keys from the settings
//! table), reading with parse errors that never show a secret, and private
//! (0600) atomic writes.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::{Context as _, Result};
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::keys::{KEYS, SettingKey};

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

/// One `[profiles.NAME]` table: values of keys from [`KEYS`].
#[derive(Default, Clone, PartialEq)]
pub struct Profile {
    values: BTreeMap<SettingKey, String>,
}

// Hand-written so that `{:?}` can never print a secret.
impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Profile");
        for (key, v) in &self.values {
            let shown = if key.is_secret() {
                "<redacted>".to_owned()
            } else {
                v.clone()
            };
            s.field(key.name(), &shown);
        }
        s.finish()
    }
}

impl Profile {
    /// The value of `key` in this profile, if set and not empty.
    pub fn get(&self, key: SettingKey) -> Option<&str> {
        self.values
            .get(&key)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    /// Sets `key` (an empty value clears it).
    pub fn set(&mut self, key: SettingKey, value: Option<String>) {
        match value.filter(|v| !v.is_empty()) {
            Some(v) => self.values.insert(key, v),
            None => self.values.remove(&key),
        };
    }

    /// Whether any secret is stored in this profile.
    pub fn has_secret(&self) -> bool {
        self.values.keys().any(|k| k.is_secret())
    }
}

impl Serialize for Profile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.values.len()))?;
        for spec in &KEYS {
            if let Some(v) = self.values.get(&spec.key) {
                map.serialize_entry(spec.name, v)?;
            }
        }
        map.end()
    }
}

static NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(SettingKey::names);

/// A key name, checked while the key itself is read so that the parser's
/// error points at the key's line and column.
struct KeyName(SettingKey);

impl<'de> Deserialize<'de> for KeyName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        SettingKey::from_name(&name)
            .map(KeyName)
            .ok_or_else(|| de::Error::unknown_field(&name, &NAMES))
    }
}

impl<'de> Deserialize<'de> for Profile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ProfileVisitor;
        impl<'de> Visitor<'de> for ProfileVisitor {
            type Value = Profile;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of settings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Profile, A::Error> {
                let mut profile = Profile::default();
                while let Some(KeyName(key)) = map.next_key::<KeyName>()? {
                    let value: String = map.next_value()?;
                    profile.set(key, Some(value));
                }
                Ok(profile)
            }
        }
        deserializer.deserialize_map(ProfileVisitor)
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

/// The largest config file read; real ones are a few hundred bytes.
const MAX_FILE: u64 = 1 << 20;

/// The file's text, refused past [`MAX_FILE`] or when it is not UTF-8.
fn read_text(path: &Path) -> std::io::Result<String> {
    let file = std::fs::File::open(path)?;
    let bytes = crate::input::read_at_most(file, MAX_FILE)?.ok_or_else(|| {
        std::io::Error::other(format!("it is larger than {} MiB", MAX_FILE >> 20))
    })?;
    String::from_utf8(bytes)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

/// Reads and parses the config file. A missing file is `Ok(None)` unless
/// `required` (the user named it), when it is an error.
pub fn load(path: &Path, required: bool) -> Result<Option<Loaded>> {
    let text = match read_text(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => return Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(crate::error::AppError::Config(format!(
                "config file {} does not exist (named by --config or SINCHCTL_CONFIG); \
                 create it with `sinchctl config init`, or fix the path",
                path.display()
            ))
            .into());
        }
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read config file {}", path.display()));
        }
    };
    let config = parse(&text).map_err(|msg| {
        crate::error::AppError::Config(format!(
            "invalid config file {}:\n{msg}\nfix the file, or point --config / SINCHCTL_CONFIG at another one",
            path.display()
        ))
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

/// Parses config text; the error names the key, line and column, and shows
/// no value except those of known non-secret keys.
pub fn parse(text: &str) -> std::result::Result<FileConfig, String> {
    toml::from_str(text).map_err(|e| redact_snippet(e.to_string().trim_end()))
}

/// Rewrites the source lines quoted in a TOML error (`12 | text`): a value
/// survives only on a `key = value` line whose key is a known non-secret
/// setting; every other line (secret keys, misspelt keys, the middle of a
/// multi-line string) keeps at most its key. An allow-list, so a secret in
/// a form nobody foresaw is hidden too.
fn redact_snippet(message: &str) -> String {
    let lines: Vec<String> = message
        .lines()
        .map(|line| match snippet_source(line) {
            Some((gutter, source)) => format!("{gutter}{}", redact_source(source)),
            None => line.to_owned(),
        })
        .collect();
    lines.join("\n")
}

/// Splits `12 | text` into `12 | ` and `text`.
fn snippet_source(line: &str) -> Option<(&str, &str)> {
    let bar = line.find(" | ")?;
    let number = line[..bar].trim_start();
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
        .then(|| line.split_at(bar + 3))
}

fn redact_source(source: &str) -> String {
    let trimmed = source.trim();
    if trimmed.is_empty() || (trimmed.starts_with('[') && !trimmed.contains('=')) {
        return source.to_owned();
    }
    let Some(eq) = source.find('=') else {
        return "<redacted>".to_owned();
    };
    let key = source[..eq].trim().trim_matches(|c| c == '"' || c == '\'');
    let known = |secret: bool| KEYS.iter().any(|s| s.secret == secret && s.name == key);
    if key == "default_profile" || known(false) {
        source.to_owned()
    } else if known(true) {
        format!("{} <redacted>", &source[..=eq])
    } else {
        // An unknown "key" may be part of a secret (a base64 value's `=`).
        "<redacted>".to_owned()
    }
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
    write_text(path, &text)
}

/// Writes `text` to `path` atomically with mode 0600, creating the directory (0700).
pub fn write_text(path: &Path, text: &str) -> Result<()> {
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
    fn syntax_errors_on_secret_lines_hide_the_value() {
        let text = "[profiles.default]\nwebhook_secret = \"WhCfSecretValue1234\nregion = \"eu\"\n";
        let err = parse(text).unwrap_err();
        assert!(!err.contains("WhCfSecretValue1234"), "{err}");
        assert!(
            err.contains("webhook_secret =") && err.contains("line 2"),
            "{err}"
        );
        let err = parse("[profiles.default]\napi_token = 5\n").unwrap_err();
        assert!(err.contains("api_token"), "{err}");
        // A multi-line string's later lines, misspelt or upper-case keys: hidden too.
        for text in [
            "[profiles.default]\nwebhook_secret = \"\"\"abc\nSECONDLINESECRET\n",
            "[profiles.default]\nwebhook-secret = \"SECONDLINESECRET\n",
            "[profiles.default]\nWEBHOOK_SECRET = \"SECONDLINESECRET\n",
            "[profiles.default]\ntoken = SECONDLINESECRET\n",
        ] {
            let err = parse(text).unwrap_err();
            assert!(!err.contains("SECONDLINESECRET"), "{err}");
            assert!(err.contains("line"), "{err}");
        }
        // A known non-secret value is still shown where it is wrong.
        let err = parse("[profiles.default]\nregion = \"eu\nfrom = 1\n").unwrap_err();
        assert!(err.contains("region = \"eu"), "{err}");
    }

    #[test]
    fn profiles_round_trip_in_table_order() {
        let f = parse("[profiles.a]\nfrom = \"+1\"\nregion = \"eu\"\n").unwrap();
        let text = toml::to_string(&f).unwrap();
        assert!(
            text.find("region").unwrap() < text.find("from").unwrap(),
            "{text}"
        );
        assert_eq!(parse(&text).unwrap(), f);
    }

    mod prop {
        use super::super::parse;
        use proptest::prelude::*;

        proptest! {
            // Whatever is broken around or on a secret line, the error never shows the value.
            #[test]
            fn parse_errors_never_show_a_secret(
                key in prop_oneof![
                    Just("api_token"), Just("key_secret"), Just("webhook_secret"),
                    Just("webhook-secret"), Just("WEBHOOK_SECRET"), Just("secret"), Just("token"),
                ],
                value in "[A-Za-z0-9+/=_-]{12,40}",
                form in 0..7usize,
                before in prop_oneof![Just(""), Just("region = \"eu\"\n"), Just("from = 5\n"), Just("x y z\n")],
                after in prop_oneof![Just(""), Just("region = \"eu\"\n"), Just("[profiles\n"), Just("from = [\n")],
            ) {
                let line = match form {
                    0 => format!("{key} = \"{value}"),
                    1 => format!("{key} = {value}"),
                    2 => format!("{key} = \"{value}\" trailing"),
                    3 => format!("{key}=\"{value}\\q\""),
                    4 => format!("\"{key}\" = '{value}"),
                    5 => format!("{key} = \"\"\"start\n{value}"),
                    _ => format!("{key} = \"{value}\""),
                };
                let text = format!("[profiles.default]\n{before}{line}\n{after}");
                if let Err(e) = parse(&text) {
                    prop_assert!(!e.contains(&value), "{e}");
                }
            }
        }
    }
}
