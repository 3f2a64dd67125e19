//! The SMS REST API client: choosing the auth mode and host, E.164 checks,
//! the GSM-7/UCS-2 length estimate, the send-batch body, OAuth2 tokens with
//! a 0600 cache, error rendering, and the only retries that are safe.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub mod http;

use crate::config::{Key, Settings, default_sms_base_url};
use crate::error::{AppError, usage};

/// How requests are authorised (spec §1.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// Service plan id + static API token.
    ServicePlan {
        /// Service plan id (path identifier).
        id: String,
        /// API token (bearer).
        token: String,
    },
    /// Project id + access key, exchanged for an OAuth2 token.
    OAuth {
        /// Project id (path identifier).
        project_id: String,
        /// Access key id.
        key_id: String,
        /// Access key secret; only ever sent to the token endpoint.
        key_secret: String,
    },
}

/// `--auth` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuthChoice {
    /// Service plan id + API token.
    ServicePlan,
    /// OAuth2 client credentials (project id, key id, key secret).
    Oauth,
}

impl Auth {
    /// The id in `/xms/v1/{id}/...`.
    pub fn path_id(&self) -> &str {
        match self {
            Auth::ServicePlan { id, .. } => id,
            Auth::OAuth { project_id, .. } => project_id,
        }
    }

    /// A short name for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Auth::ServicePlan { .. } => "service plan + API token",
            Auth::OAuth { .. } => "OAuth2 (project access key)",
        }
    }
}

/// Picks the auth mode: forced by `--auth`, else service plan when its
/// credentials are complete (it wins, as in the SDKs), else OAuth2. The
/// error lists exactly what is missing and the three ways to set it.
pub fn choose_auth(s: &Settings, forced: Option<AuthChoice>) -> Result<Auth> {
    let get = |k: Key| s.value(k).map(str::to_owned);
    let sp = [Key::ServicePlanId, Key::ApiToken];
    let oauth = [Key::ProjectId, Key::KeyId, Key::KeySecret];
    let missing = |keys: &[Key]| {
        keys.iter()
            .copied()
            .filter(|k| s.value(*k).is_none())
            .collect::<Vec<_>>()
    };
    let mode = match forced {
        Some(AuthChoice::ServicePlan) => Some((AuthChoice::ServicePlan, missing(&sp))),
        Some(AuthChoice::Oauth) => Some((AuthChoice::Oauth, missing(&oauth))),
        None if missing(&sp).is_empty() => Some((AuthChoice::ServicePlan, vec![])),
        None if missing(&oauth).is_empty() => Some((AuthChoice::Oauth, vec![])),
        None => None,
    };
    let explain = |keys: &[Key]| {
        let lines: Vec<String> = keys
            .iter()
            .map(|k| {
                format!(
                    "  {:<16} flag --{:<16} env {:<22} or {} in [profiles.{}]",
                    k.name(),
                    k.name().replace('_', "-"),
                    k.env(),
                    k.name(),
                    s.profile
                )
            })
            .collect();
        lines.join("\n")
    };
    match mode {
        Some((AuthChoice::ServicePlan, m)) if m.is_empty() => Ok(Auth::ServicePlan {
            id: get(Key::ServicePlanId).unwrap_or_default(),
            token: get(Key::ApiToken).unwrap_or_default(),
        }),
        Some((AuthChoice::Oauth, m)) if m.is_empty() => Ok(Auth::OAuth {
            project_id: get(Key::ProjectId).unwrap_or_default(),
            key_id: get(Key::KeyId).unwrap_or_default(),
            key_secret: get(Key::KeySecret).unwrap_or_default(),
        }),
        Some((choice, m)) => Err(usage(format!(
            "--auth {} needs credentials that are not set:\n{}",
            if choice == AuthChoice::Oauth {
                "oauth"
            } else {
                "service-plan"
            },
            explain(&m)
        ))),
        None => Err(usage(format!(
            "no SMS API credentials: set either the service plan pair or the OAuth2 access key.\n\
             service plan (missing):\n{}\nOAuth2 (missing):\n{}\n\
             e.g. `sinchctl config init --service-plan-id ID --api-token TOKEN`",
            explain(&missing(&sp)),
            explain(&missing(&oauth))
        ))),
    }
}

/// The SMS host: the configured override, else the region's host for the mode.
pub fn base_url(s: &Settings, auth: &Auth) -> String {
    let region = s
        .value(Key::Region)
        .unwrap_or(crate::config::DEFAULT_REGION);
    match s.value(Key::SmsBaseUrl) {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => default_sms_base_url(region, matches!(auth, Auth::OAuth { .. })),
    }
}

/// Validates and normalises a recipient: spaces, dashes, dots and brackets
/// are dropped; the result must be `+` (optional) and 7 to 15 digits, not
/// starting with 0.
pub fn e164(raw: &str) -> Result<String, String> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let digits = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    let why = if digits.is_empty() {
        Some("it is empty")
    } else if !digits.bytes().all(|b| b.is_ascii_digit()) {
        Some("it has characters other than digits")
    } else if digits.starts_with('0') {
        Some(
            "it starts with 0; write the country code instead of a trunk prefix (e.g. +46 70..., not 070...)",
        )
    } else if !(7..=15).contains(&digits.len()) {
        Some("E.164 numbers have 7 to 15 digits")
    } else {
        None
    };
    match why {
        Some(why) => Err(format!(
            "recipient {raw:?} is not an E.164 number: {why}; write it like +46700000001"
        )),
        None => Ok(if cleaned.starts_with('+') {
            cleaned
        } else {
            format!("+{cleaned}")
        }),
    }
}

const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED: &str = "|^€{}[]~\\\u{c}";

/// Text encoding of an SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Encoding {
    /// GSM 03.38 7-bit.
    #[serde(rename = "GSM")]
    Gsm7,
    /// UCS-2 (any character outside GSM-7).
    #[serde(rename = "UCS-2")]
    Ucs2,
}

/// A local estimate of how a body is sent (spec §2.5): encoding, length in
/// units (GSM septets or UTF-16 code units) and parts.
pub fn estimate(body: &str) -> (Encoding, usize, usize) {
    let mut septets = 0;
    let mut gsm = true;
    for c in body.chars() {
        if GSM_BASIC.contains(c) {
            septets += 1;
        } else if GSM_EXTENDED.contains(c) {
            septets += 2;
        } else {
            gsm = false;
            break;
        }
    }
    let (enc, units, single, multi) = if gsm {
        (Encoding::Gsm7, septets, 160, 153)
    } else {
        (Encoding::Ucs2, body.encode_utf16().count(), 70, 67)
    };
    let parts = if units <= single {
        1
    } else {
        units.div_ceil(multi)
    };
    (enc, units, parts)
}

/// Options of one send.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SendBatch {
    /// Recipients (E.164).
    pub to: Vec<String>,
    /// Sender.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Text.
    pub body: String,
    /// `none`, `summary`, `full`, `per_recipient`, `per_recipient_final`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_report: Option<String>,
    /// Callback URL override.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Echoed in reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_reference: Option<String>,
    /// RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_at: Option<String>,
    /// RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expire_at: Option<String>,
    /// Flash message.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub flash_message: bool,
    /// Parts limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_number_of_message_parts: Option<u32>,
}

/// Parses `--send-at`/`--expire-at`: RFC 3339, or `+DURATION` from `now`.
pub fn parse_when(text: &str, now: jiff::Timestamp) -> Result<String, String> {
    if let Some(rel) = text.strip_prefix('+') {
        let d = crate::cli::parse_duration(rel)?;
        let t = now
            .checked_add(jiff::SignedDuration::try_from(d).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
        return Ok(crate::webhook::callback::sinch_time(t));
    }
    text.parse::<jiff::Timestamp>()
        .map(crate::webhook::callback::sinch_time)
        .map_err(|_| {
            format!(
                "{text:?} is not a time; use RFC 3339 (2025-01-13T09:22:40Z) or a relative +10m"
            )
        })
}

/// The SMS API error body (`{code, text}`).
#[derive(Debug, Deserialize)]
struct ApiError {
    code: Option<String>,
    text: Option<String>,
}

/// Renders an HTTP error with a hint for the common ones.
pub fn render_error(status: u16, body: &str, auth: &Auth, base: &str) -> String {
    let parsed: Option<ApiError> = serde_json::from_str(body).ok();
    let detail = match &parsed {
        Some(ApiError {
            code: Some(c),
            text: Some(t),
        }) => format!("{c}: {t}"),
        Some(ApiError {
            code: None,
            text: Some(t),
        }) => t.clone(),
        _ if body.trim().is_empty() => "(empty body)".to_owned(),
        _ => body.chars().take(300).collect(),
    };
    let hint = match status {
        401 => format!(
            "the credentials were refused: used {} for {} at {base}; check the token/key and that the region matches the account",
            auth.describe(),
            auth.path_id()
        ),
        403 => "the request is valid but not allowed for this account (unknown group, sender or campaign, missing callback URL)".to_owned(),
        400 => "the API rejected the request as sent; the text above names the field".to_owned(),
        404 => format!(
            "not found: the batch id does not exist, or the region/host ({base}) does not match where {} lives",
            auth.path_id()
        ),
        429 => "too many requests: slow down and retry later".to_owned(),
        500..=599 => "Sinch had a server error; the request may or may not have been processed (check with `sinchctl status` before resending)".to_owned(),
        _ => String::new(),
    };
    if hint.is_empty() {
        format!("SMS API answered {status}: {detail}")
    } else {
        format!("SMS API answered {status}: {detail}\nhint: {hint}")
    }
}

/// A cached OAuth2 token.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CachedToken {
    access_token: String,
    expires_at: i64,
}

/// The client for one profile's SMS API.
pub struct Client {
    http: reqwest::Client,
    /// Credentials in use.
    pub auth: Auth,
    /// SMS host.
    pub base: String,
    auth_url: String,
    cache_dir: Option<PathBuf>,
    // The token in use, so polling does not re-read the cache file per request.
    token: std::sync::Mutex<Option<CachedToken>>,
}

/// A response: status and body text.
#[derive(Debug)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Body text.
    pub body: String,
}

impl Client {
    /// Builds a client from settings (the auth mode must already be chosen).
    pub fn new(s: &Settings, auth: Auth, timeout: Duration) -> Result<Client> {
        let base = base_url(s, &auth);
        Ok(Client {
            http: crate::sms::http::http_client(timeout)?,
            base,
            auth,
            auth_url: s
                .value(Key::AuthUrl)
                .unwrap_or(crate::config::DEFAULT_AUTH_URL)
                .to_owned(),
            cache_dir: directories::ProjectDirs::from("com", "Sinch", "sinchctl")
                .map(|d| d.cache_dir().to_path_buf()),
            token: std::sync::Mutex::new(None),
        })
    }

    /// `{base}/xms/v1/{id}{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/xms/v1/{}{path}", self.base, self.auth.path_id())
    }

    fn cache_file(&self) -> Option<PathBuf> {
        let Auth::OAuth { key_id, .. } = &self.auth else {
            return None;
        };
        use sha2::Digest as _;
        let digest = sha2::Sha256::digest(format!("{key_id}\n{}", self.auth_url).as_bytes());
        let name: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
        self.cache_dir
            .as_ref()
            .map(|d| d.join(format!("token-{name}.json")))
    }

    /// A token still valid for a minute: from memory, else from the cache file.
    fn cached_token(&self) -> Option<String> {
        let mut held = self.token.lock().ok()?;
        if held.is_none() {
            let text = std::fs::read_to_string(self.cache_file()?).ok()?;
            *held = serde_json::from_str(&text).ok();
        }
        let t = held.as_ref()?;
        // Refresh a minute early so a token never expires mid-request.
        (t.expires_at - 60 > jiff::Timestamp::now().as_second()).then(|| t.access_token.clone())
    }

    fn forget_token(&self) {
        if let Ok(mut held) = self.token.lock() {
            *held = None;
        }
        if let Some(f) = self.cache_file() {
            let _ = std::fs::remove_file(f);
        }
    }

    async fn fetch_token(&self) -> Result<String> {
        let Auth::OAuth {
            key_id, key_secret, ..
        } = &self.auth
        else {
            unreachable!("fetch_token is only called in OAuth mode")
        };
        let resp = self
            .http
            .post(&self.auth_url)
            .basic_auth(key_id, Some(key_secret))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body("grant_type=client_credentials")
            .send()
            .await
            .map_err(|e| {
                AppError::Remote(format!(
                    "cannot reach the token endpoint {}: {}",
                    self.auth_url,
                    crate::sms::http::root_cause(&e)
                ))
            })?;
        let status = resp.status().as_u16();
        let body = resp.text().await.unwrap_or_default();
        if status != 200 {
            let why = serde_json::from_str::<Value>(&body)
                .ok()
                .and_then(|v| {
                    v.get("error_description")
                        .or(v.get("error"))
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
                .unwrap_or_else(|| body.chars().take(200).collect());
            return Err(AppError::Remote(format!(
                "the token endpoint {} answered {status}: {why}\nhint: check key_id and key_secret (Sinch dashboard → Access keys)",
                self.auth_url
            ))
            .into());
        }
        let v: Value =
            serde_json::from_str(&body).context("the token endpoint answered with invalid JSON")?;
        let token = v["access_token"]
            .as_str()
            .ok_or_else(|| {
                AppError::Remote("the token endpoint's answer has no access_token".into())
            })?
            .to_owned();
        let expires_in = crate::webhook::callback::number(v.get("expires_in")).unwrap_or(3600);
        let cached = CachedToken {
            access_token: token.clone(),
            expires_at: jiff::Timestamp::now().as_second() + expires_in,
        };
        if let Ok(mut held) = self.token.lock() {
            *held = Some(cached.clone());
        }
        if let Some(file) = self.cache_file() {
            if let Some(dir) = file.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            // Best effort: a cache that cannot be written only costs a token request next time.
            let _ = crate::config::write_private(
                &file,
                serde_json::to_string(&cached)
                    .unwrap_or_default()
                    .as_bytes(),
            );
        }
        Ok(token)
    }

    async fn bearer(&self, fresh: bool) -> Result<String> {
        match &self.auth {
            Auth::ServicePlan { token, .. } => Ok(token.clone()),
            Auth::OAuth { .. } => match (fresh, self.cached_token()) {
                (false, Some(t)) => Ok(t),
                _ => self.fetch_token().await,
            },
        }
    }

    /// Sends one API request. Retries only when that cannot duplicate work:
    /// a connection that failed before anything was sent, or 429/503 with
    /// `Retry-After` (at most 3 attempts); an expired OAuth token is
    /// refreshed once.
    pub async fn call(
        &self,
        method: reqwest::Method,
        url: &str,
        body: Option<&Value>,
    ) -> Result<Answer> {
        let mut refreshed = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let token = self.bearer(refreshed).await?;
            let mut req = self
                .http
                .request(method.clone(), url)
                .bearer_auth(&token)
                .header("accept", "application/json");
            if let Some(b) = body {
                req = req
                    .header("content-type", "application/json")
                    .body(serde_json::to_vec(b)?);
            }
            let resp = match req.send().await {
                Ok(r) => r,
                Err(e) if e.is_connect() && attempt < 3 => {
                    tokio::time::sleep(Duration::from_millis(250 * attempt)).await;
                    continue;
                }
                Err(e) => {
                    let what = if e.is_timeout() {
                        "no answer in time; the request may have been processed (check with `sinchctl status`)"
                    } else {
                        "request failed"
                    };
                    return Err(AppError::Remote(format!(
                        "{method} {url}: {what}: {}",
                        crate::sms::http::root_cause(&e)
                    ))
                    .into());
                }
            };
            let status = resp.status().as_u16();
            let expired = status == 401
                && resp
                    .headers()
                    .get("www-authenticate")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.to_ascii_lowercase().contains("expired"));
            let retry_after = resp
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok());
            let text = resp.text().await.unwrap_or_default();
            if expired && !refreshed && matches!(self.auth, Auth::OAuth { .. }) {
                self.forget_token();
                refreshed = true;
                continue;
            }
            if matches!(status, 429 | 503)
                && attempt < 3
                && let Some(secs) = retry_after.filter(|s| *s <= 60)
            {
                tokio::time::sleep(Duration::from_secs(secs)).await;
                continue;
            }
            return Ok(Answer { status, body: text });
        }
    }

    /// Like [`Client::call`] but turns a non-2xx answer into an error and parses JSON.
    pub async fn json(
        &self,
        method: reqwest::Method,
        url: &str,
        body: Option<&Value>,
    ) -> Result<Value> {
        let a = self.call(method, url, body).await?;
        if !(200..300).contains(&a.status) {
            return Err(
                AppError::Remote(render_error(a.status, &a.body, &self.auth, &self.base)).into(),
            );
        }
        if a.body.trim().is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(&a.body).map_err(|e| {
            AppError::Remote(format!("the SMS API answered with invalid JSON: {e}")).into()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{FileConfig, ProfileChoice, resolve};

    fn settings(pairs: &'static [(&'static str, &'static str)]) -> Settings {
        let env = move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        };
        resolve(
            Some(&FileConfig::default()),
            &ProfileChoice::Implicit,
            &env,
            &[],
        )
        .unwrap()
    }

    #[test]
    fn auth_mode_and_hosts_per_region() {
        let sp = settings(&[
            ("SINCH_SERVICE_PLAN_ID", "plan"),
            ("SINCH_API_TOKEN", "tok"),
            ("SINCH_REGION", "eu"),
        ]);
        let a = choose_auth(&sp, None).unwrap();
        assert_eq!(a.path_id(), "plan");
        assert_eq!(base_url(&sp, &a), "https://eu.sms.api.sinch.com");
        let oa = settings(&[
            ("SINCH_PROJECT_ID", "proj"),
            ("SINCH_KEY_ID", "k"),
            ("SINCH_KEY_SECRET", "s"),
            ("SINCH_REGION", "us"),
        ]);
        let a = choose_auth(&oa, None).unwrap();
        assert_eq!(base_url(&oa, &a), "https://zt.us.sms.api.sinch.com");
        for region in ["au", "br", "ca"] {
            assert_eq!(
                default_sms_base_url(region, false),
                format!("https://{region}.sms.api.sinch.com")
            );
        }
        // Both configured: service plan wins unless --auth oauth.
        let both = settings(&[
            ("SINCH_SERVICE_PLAN_ID", "plan"),
            ("SINCH_API_TOKEN", "tok"),
            ("SINCH_PROJECT_ID", "proj"),
            ("SINCH_KEY_ID", "k"),
            ("SINCH_KEY_SECRET", "s"),
        ]);
        assert!(matches!(
            choose_auth(&both, None).unwrap(),
            Auth::ServicePlan { .. }
        ));
        assert!(matches!(
            choose_auth(&both, Some(AuthChoice::Oauth)).unwrap(),
            Auth::OAuth { .. }
        ));
    }

    #[test]
    fn missing_credentials_are_listed() {
        let s = settings(&[("SINCH_PROJECT_ID", "p")]);
        let e = choose_auth(&s, None).unwrap_err().to_string();
        for k in [
            "service_plan_id",
            "api_token",
            "key_id",
            "key_secret",
            "SINCH_KEY_SECRET",
            "--api-token",
        ] {
            assert!(e.contains(k), "{k}: {e}");
        }
        assert!(!e.contains("project_id "), "project_id is set: {e}");
        let e = choose_auth(&s, Some(AuthChoice::ServicePlan))
            .unwrap_err()
            .to_string();
        assert!(e.contains("api_token") && !e.contains("key_id"), "{e}");
    }

    #[test]
    fn e164_numbers() {
        assert_eq!(e164("+46 70-000 00 01"), Ok("+46700000001".into()));
        assert_eq!(e164("46700000001"), Ok("+46700000001".into()));
        assert!(e164("0701234567").unwrap_err().contains("starts with 0"));
        assert!(e164("+46abc").unwrap_err().contains("other than digits"));
        assert!(e164("+123").unwrap_err().contains("7 to 15"));
        assert!(e164("").is_err());
    }

    #[test]
    fn encoding_and_parts() {
        assert_eq!(estimate("hello"), (Encoding::Gsm7, 5, 1));
        assert_eq!(estimate(&"a".repeat(160)), (Encoding::Gsm7, 160, 1));
        assert_eq!(estimate(&"a".repeat(161)), (Encoding::Gsm7, 161, 2));
        assert_eq!(estimate("€"), (Encoding::Gsm7, 2, 1));
        assert_eq!(estimate("Привет"), (Encoding::Ucs2, 6, 1));
        assert_eq!(estimate(&"ж".repeat(71)), (Encoding::Ucs2, 71, 2));
        assert_eq!(estimate(&"ж".repeat(135)), (Encoding::Ucs2, 135, 3));
        assert_eq!(estimate("👋"), (Encoding::Ucs2, 2, 1));
    }

    #[test]
    fn times() {
        let now: jiff::Timestamp = "2025-01-01T00:00:00Z".parse().unwrap();
        assert_eq!(
            parse_when("+10m", now),
            Ok("2025-01-01T00:10:00.000Z".into())
        );
        assert_eq!(
            parse_when("2025-02-01T10:00:00+01:00", now),
            Ok("2025-02-01T09:00:00.000Z".into())
        );
        assert!(parse_when("tomorrow", now).is_err());
    }

    #[test]
    fn error_rendering_has_hints() {
        let auth = Auth::ServicePlan {
            id: "plan".into(),
            token: "t".into(),
        };
        let e = render_error(
            400,
            r#"{"code":"syntax_invalid_parameter_format","text":"'foo' is not a valid identifier"}"#,
            &auth,
            "https://eu.sms.api.sinch.com",
        );
        assert!(e.contains("400") && e.contains("not a valid identifier"));
        let e = render_error(401, "", &auth, "https://eu.sms.api.sinch.com");
        assert!(
            e.contains("service plan") && e.contains("eu.sms.api.sinch.com"),
            "{e}"
        );
        assert!(render_error(404, "", &auth, "b").contains("region"));
        assert!(render_error(429, "", &auth, "b").contains("slow down"));
        assert!(render_error(503, "oops", &auth, "b").contains("may or may not"));
    }
}
