//! From settings to a client configuration: the auth mode, the region, the
//! SMS host and the token URL, each checked with the source it came from.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use url::Url;

use super::auth::{Auth, choose_auth};
use super::region::Region;
use crate::config::{ExposeSecret, Mode, SettingKey, Settings, Value};
use crate::error::usage;

/// Everything a [`super::Client`] needs.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Credentials.
    pub auth: Auth,
    /// SMS host (no trailing slash).
    pub base: Url,
    /// OAuth2 token URL.
    pub auth_url: Url,
    /// Time each request may take.
    pub timeout: Duration,
    /// Where OAuth2 tokens are cached (none: memory only).
    pub cache_dir: Option<PathBuf>,
}

/// A URL setting, checked: http(s) with a host.
fn url_setting(s: &Settings, key: SettingKey) -> Result<Option<Url>> {
    let Some(setting) = s.get(key) else {
        return Ok(None);
    };
    let text = s.value(key).unwrap_or_default();
    let shown = crate::config::without_userinfo(text);
    let bad = |why: &str| {
        usage(format!(
            "{key} {shown:?} (from {}) {why}; write e.g. https://host:port",
            setting.source
        ))
    };
    let url = Url::parse(text).map_err(|e| bad(&format!("is not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(bad("is not an http(s) URL with a host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // It would be printed in every hint and trace; the API takes its credentials elsewhere.
        return Err(bad(
            "carries a user name or password; the SMS API authenticates with the token or access key, so leave them out",
        ));
    }
    Ok(Some(url))
}

/// The region setting, checked.
pub fn region(s: &Settings) -> Result<Region> {
    let text = s
        .value(SettingKey::Region)
        .unwrap_or(crate::config::DEFAULT_REGION);
    text.parse::<Region>().map_err(|e| {
        let from = s
            .get(SettingKey::Region)
            .map(|r| r.source.to_string())
            .unwrap_or_default();
        usage(format!("{e} (region from {from})"))
    })
}

/// An auth URL given as an origin (`http://host:port`) gets `/oauth2/token`, as the SDKs' auth-origin settings do.
pub fn token_url(mut url: Url) -> Url {
    if url.path().is_empty() || url.path() == "/" {
        url.set_path("/oauth2/token");
    }
    url
}

/// Builds the client configuration; the second value holds warnings to show.
pub fn configure(
    s: &Settings,
    forced: Option<Mode>,
    timeout: Duration,
) -> Result<(ClientConfig, Vec<String>)> {
    let auth = choose_auth(s, forced)?;
    let oauth = auth.mode() == Mode::OAuth;
    let mut warnings = Vec::new();
    let base = match url_setting(s, SettingKey::SmsBaseUrl)? {
        Some(url) => url,
        None => {
            let region = region(s)?;
            if oauth && !region.oauth_confirmed() {
                warnings.push(format!(
                    "OAuth2 on the {region} SMS host is not confirmed by Sinch; if it fails, use service plan credentials or --base-url"
                ));
            }
            Url::parse(&region.host(oauth)).map_err(|e| anyhow::anyhow!("internal: {e}"))?
        }
    };
    let auth_url = match url_setting(s, SettingKey::AuthUrl)? {
        Some(url) => token_url(url),
        None => Url::parse(crate::config::DEFAULT_AUTH_URL)
            .map_err(|e| anyhow::anyhow!("internal: {e}"))?,
    };
    let cache_dir = directories::ProjectDirs::from("com", "Sinch", "sinchctl")
        .map(|d| d.cache_dir().to_path_buf());
    Ok((
        ClientConfig {
            auth,
            base,
            auth_url,
            timeout,
            cache_dir,
        },
        warnings,
    ))
}

/// Runs [`check_value`] on the resolved `keys` that have a value, so a flag,
/// an environment variable and the file meet the rules `config set` applies;
/// the error names the value's source.
pub fn check_settings(s: &Settings, keys: impl IntoIterator<Item = SettingKey>) -> Result<()> {
    for key in keys {
        let Some(setting) = s.get(key) else {
            continue;
        };
        let checked = match &setting.value {
            Value::Plain(v) => check_value(key, v),
            Value::Secret(v) => check_value(key, v.expose_secret()),
        };
        checked.map_err(|e| usage(format!("{key} (from {}): {e}", setting.source)))?;
    }
    Ok(())
}

/// Checks a value for `key` (`config init/set`, and every resolved value the SMS commands use): a
/// region must exist, ids look like ids (a phone number is not one), a
/// sender is a number, short code or alphanumeric id, URLs are http(s).
pub fn check_value(key: SettingKey, value: &str) -> std::result::Result<(), String> {
    let id_like = |v: &str| {
        (4..=64).contains(&v.len())
            && v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && !v.bytes().all(|b| b.is_ascii_digit())
    };
    match key {
        SettingKey::Region => value.parse::<Region>().map(|_| ()),
        SettingKey::ServicePlanId | SettingKey::ProjectId | SettingKey::KeyId => {
            if id_like(value) {
                Ok(())
            } else {
                Err(format!(
                    "{value:?} does not look like a {}: expected 4 to 64 letters, digits, dashes or underscores, \
                     not only digits (copy it from the Sinch dashboard; a phone number is not one)",
                    key.name().replace('_', " ")
                ))
            }
        }
        SettingKey::From => {
            let alnum = (1..=11).contains(&value.chars().count())
                && value.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ');
            if alnum || super::e164(value).is_ok() {
                Ok(())
            } else {
                Err(format!(
                    "{value:?} is not a sender: use an E.164 number (+46700000000), a short code or up to 11 letters and digits"
                ))
            }
        }
        SettingKey::SmsBaseUrl | SettingKey::AuthUrl => match Url::parse(value) {
            Ok(u) if !u.username().is_empty() || u.password().is_some() => Err(format!(
                "{:?} carries a user name or password; leave them out (the API takes the token or access key)",
                crate::config::without_userinfo(value)
            )),
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(()),
            _ => Err(format!(
                "{:?} is not an http(s) URL with a host",
                crate::config::without_userinfo(value)
            )),
        },
        SettingKey::ApiToken | SettingKey::KeySecret | SettingKey::WebhookSecret => {
            if value.trim() != value {
                Err(
                    "the secret starts or ends with whitespace; copy it again without it"
                        .to_owned(),
                )
            } else {
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::settings_from_env as settings;

    #[test]
    fn hosts_per_mode_and_region() {
        let sp = settings(&[
            ("SINCH_SERVICE_PLAN_ID", "plan"),
            ("SINCH_API_TOKEN", "tok"),
            ("SINCH_REGION", "eu"),
        ]);
        let (c, w) = configure(&sp, None, Duration::from_secs(1)).unwrap();
        assert_eq!(c.base.as_str(), "https://eu.sms.api.sinch.com/");
        assert!(w.is_empty());
        let oa = settings(&[
            ("SINCH_PROJECT_ID", "proj"),
            ("SINCH_KEY_ID", "k"),
            ("SINCH_KEY_SECRET", "s"),
            ("SINCH_REGION", "au"),
            ("SINCH_AUTH_URL", "http://127.0.0.1:9"),
        ]);
        let (c, w) = configure(&oa, None, Duration::from_secs(1)).unwrap();
        assert_eq!(c.base.as_str(), "https://zt.au.sms.api.sinch.com/");
        assert_eq!(c.auth_url.as_str(), "http://127.0.0.1:9/oauth2/token");
        assert_eq!(w.len(), 1);
        let bad = settings(&[
            ("SINCH_SERVICE_PLAN_ID", "plan"),
            ("SINCH_API_TOKEN", "tok"),
            ("SINCH_REGION", "mars"),
        ]);
        let e = configure(&bad, None, Duration::from_secs(1))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("us, eu, au, br, ca") && e.contains("env SINCH_REGION"),
            "{e}"
        );
    }

    #[test]
    fn values_are_checked() {
        assert!(check_value(SettingKey::ServicePlanId, "+46700000001").is_err());
        assert!(check_value(SettingKey::ServicePlanId, "46700000001").is_err());
        assert!(check_value(SettingKey::ServicePlanId, "a1b2c3d4e5f6").is_ok());
        assert!(check_value(SettingKey::ServicePlanId, "YOUR_PLAN_ID").is_ok());
        let e = check_value(SettingKey::KeyId, "ID").unwrap_err();
        assert!(e.contains("dashes or underscores"), "{e}");
        assert!(check_value(SettingKey::From, "+46700000001").is_ok());
        assert!(check_value(SettingKey::From, "MyCompany").is_ok());
        assert!(check_value(SettingKey::From, "way too long sender").is_err());
        assert!(check_value(SettingKey::Region, "mars").is_err());
        assert!(check_value(SettingKey::AuthUrl, "ftp://x").is_err());
    }
}
