//! OAuth2 client-credentials tokens: fetched from the token
//! endpoint, held in memory and cached in a 0600 file per key id and URL.

use std::path::PathBuf;
use std::sync::Mutex;

use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config::SecretString;
use crate::error::AppError;

/// A cached OAuth2 token.
#[derive(Clone, Serialize, Deserialize)]
struct CachedToken {
    access_token: String,
    expires_at: i64,
}

/// The token in use: in memory, backed by a private cache file.
pub struct TokenCache {
    file: Option<PathBuf>,
    // Held so polling does not re-read the cache file per request.
    held: Mutex<Option<CachedToken>>,
}

impl TokenCache {
    /// A cache for `key_id` at `auth_url`, stored under `dir` (none: memory only).
    pub fn new(dir: Option<PathBuf>, key_id: &str, auth_url: &str) -> TokenCache {
        use sha2::Digest as _;
        let digest = sha2::Sha256::digest(format!("{key_id}\n{auth_url}").as_bytes());
        let name: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
        TokenCache {
            file: dir.map(|d| d.join(format!("token-{name}.json"))),
            held: Mutex::new(None),
        }
    }

    /// A token still valid for a minute: from memory, else from the cache file.
    pub fn get(&self) -> Option<SecretString> {
        let mut held = self.held.lock().ok()?;
        if held.is_none() {
            let text = std::fs::read_to_string(self.file.as_ref()?).ok()?;
            *held = serde_json::from_str(&text).ok();
        }
        let t = held.as_ref()?;
        // Refresh a minute early so a token never expires mid-request.
        (t.expires_at - 60 > jiff::Timestamp::now().as_second())
            .then(|| SecretString::from(t.access_token.clone()))
    }

    /// Drops the token from memory and disk.
    pub fn forget(&self) {
        if let Ok(mut held) = self.held.lock() {
            *held = None;
        }
        if let Some(f) = &self.file {
            let _ = std::fs::remove_file(f);
        }
    }

    /// Keeps a fresh token valid for `expires_in` seconds.
    fn store(&self, token: &str, expires_in: i64) {
        let cached = CachedToken {
            access_token: token.to_owned(),
            expires_at: jiff::Timestamp::now().as_second() + expires_in,
        };
        if let Some(file) = &self.file {
            if let Some(dir) = file.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            // Best effort: a cache that cannot be written only costs a token request next time.
            let _ = crate::config::write_private(
                file,
                serde_json::to_string(&cached)
                    .unwrap_or_default()
                    .as_bytes(),
            );
        }
        if let Ok(mut held) = self.held.lock() {
            *held = Some(cached);
        }
    }

    /// Reads a token endpoint answer: the token on 200, else an error with a hint.
    pub fn accept(&self, status: u16, body: &str, auth_url: &str) -> Result<SecretString> {
        if status != 200 {
            return Err(AppError::Remote(token_error(status, body, auth_url)).into());
        }
        let v: Value =
            serde_json::from_str(body).context("the token endpoint answered with invalid JSON")?;
        let token = v["access_token"]
            .as_str()
            .ok_or_else(|| {
                AppError::Remote("the token endpoint's answer has no access_token".into())
            })?
            .to_owned();
        let expires_in = crate::webhook::callback::number(v.get("expires_in"))
            .unwrap_or(3600)
            .clamp(0, 86_400 * 366);
        self.store(&token, expires_in);
        Ok(SecretString::from(token))
    }
}

/// The message for a token endpoint that did not answer 200.
fn token_error(status: u16, body: &str, auth_url: &str) -> String {
    let why = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| {
            v.get("error_description")
                .or(v.get("error"))
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .unwrap_or_else(|| body.chars().take(200).collect());
    let why = if why.trim().is_empty() {
        "(empty body)".to_owned()
    } else {
        why
    };
    let hint = match status {
        404 | 405 => {
            "the token URL is wrong: check auth_url (--auth-url, SINCH_AUTH_URL); \
                      the default is https://auth.sinch.com/oauth2/token"
        }
        401 | 403 => "check key_id and key_secret (Sinch dashboard → Access keys)",
        500..=599 => "the token endpoint had a server error; try again later",
        _ => "check auth_url, key_id and key_secret",
    };
    format!("the token endpoint {auth_url} answered {status}: {why}\nhint: {hint}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExposeSecret;

    #[test]
    fn hints_per_status() {
        assert!(token_error(404, "", "u").contains("token URL is wrong"));
        assert!(token_error(404, "", "u").contains("answered 404: (empty body)"));
        assert!(token_error(401, "{\"error\":\"invalid_client\"}", "u").contains("key_secret"));
        let cache = TokenCache::new(None, "k", "u");
        assert!(
            cache
                .accept(200, "{\"access_token\":\"t\",\"expires_in\":3600}", "u")
                .is_ok()
        );
        assert_eq!(
            cache.get().map(|t| t.expose_secret().to_owned()).as_deref(),
            Some("t")
        );
        assert!(cache.accept(200, "{}", "u").is_err());
    }
}
