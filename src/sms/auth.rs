//! SMS API credentials: the two auth modes, choosing one from
//! the settings, and the message naming exactly what is missing.

use std::fmt;

use anyhow::Result;

use crate::config::{Mode, SecretString, SettingKey, Settings};
use crate::error::usage;

/// How requests are authorised. `Debug` never shows a secret.
#[derive(Clone)]
pub enum Auth {
    /// Service plan id + static API token.
    ServicePlan {
        /// Service plan id (path identifier).
        id: String,
        /// API token (bearer).
        token: SecretString,
    },
    /// Project id + access key, exchanged for an OAuth2 token.
    OAuth {
        /// Project id (path identifier).
        project_id: String,
        /// Access key id.
        key_id: String,
        /// Access key secret; only ever sent to the token endpoint.
        key_secret: SecretString,
    },
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::ServicePlan { id, .. } => {
                write!(f, "ServicePlan {{ id: {id:?}, token: <redacted> }}")
            }
            Auth::OAuth {
                project_id, key_id, ..
            } => write!(
                f,
                "OAuth {{ project_id: {project_id:?}, key_id: {key_id:?}, key_secret: <redacted> }}"
            ),
        }
    }
}

impl Auth {
    /// The id in `/xms/v1/{id}/...`.
    pub fn path_id(&self) -> &str {
        match self {
            Auth::ServicePlan { id, .. } => id,
            Auth::OAuth { project_id, .. } => project_id,
        }
    }

    /// The mode.
    pub fn mode(&self) -> Mode {
        match self {
            Auth::ServicePlan { .. } => Mode::ServicePlan,
            Auth::OAuth { .. } => Mode::OAuth,
        }
    }

    /// A short name for messages.
    pub fn describe(&self) -> &'static str {
        describe(self.mode())
    }

    /// The static bearer token of service plan mode.
    pub(crate) fn static_token(&self) -> Option<&SecretString> {
        match self {
            Auth::ServicePlan { token, .. } => Some(token),
            Auth::OAuth { .. } => None,
        }
    }
}

/// A short name of a mode for messages.
pub fn describe(mode: Mode) -> &'static str {
    match mode {
        Mode::ServicePlan => "service plan + API token",
        Mode::OAuth => "OAuth2 (project access key)",
    }
}

fn keys_of(mode: Mode) -> Vec<SettingKey> {
    SettingKey::all()
        .filter(|k| k.spec().mode == Some(mode))
        .collect()
}

/// How to set one key: its flag if it has one, the environment, the file,
/// and stdin for secrets (never a flag: those show in `ps`).
fn how_to_set(key: SettingKey, profile: &str) -> String {
    let spec = key.spec();
    let flag = spec.flag.map(|f| format!("flag {f}, ")).unwrap_or_default();
    let file = if spec.secret {
        format!("or `sinchctl config set {} -` (reads stdin)", spec.name)
    } else {
        format!("or {} in [profiles.{profile}]", spec.name)
    };
    format!("  {:<16} {flag}env {}, {file}", spec.name, spec.env)
}

/// Picks the auth mode: `forced`, else service plan when its credentials
/// are complete (it wins, as in the SDKs), else OAuth2. The error lists
/// exactly what is missing and how to set it.
pub fn choose_auth(s: &Settings, forced: Option<Mode>) -> Result<Auth> {
    let missing = |mode: Mode| -> Vec<SettingKey> {
        keys_of(mode)
            .into_iter()
            .filter(|k| !s.is_set(*k))
            .collect()
    };
    let explain = |keys: &[SettingKey]| -> String {
        keys.iter()
            .map(|k| how_to_set(*k, &s.profile))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mode = match forced {
        Some(m) => m,
        None if missing(Mode::ServicePlan).is_empty() => Mode::ServicePlan,
        None if missing(Mode::OAuth).is_empty() => Mode::OAuth,
        None => {
            return Err(usage(format!(
                "no SMS API credentials: set either the service plan pair or the OAuth2 access key.\n\
                 service plan (missing):\n{}\nOAuth2 (missing):\n{}\n\
                 or run `sinchctl config init`, which asks for them",
                explain(&missing(Mode::ServicePlan)),
                explain(&missing(Mode::OAuth))
            )));
        }
    };
    let gaps = missing(mode);
    if !gaps.is_empty() {
        return Err(usage(format!(
            "--auth {} needs credentials that are not set:\n{}",
            if mode == Mode::OAuth {
                "oauth"
            } else {
                "service-plan"
            },
            explain(&gaps)
        )));
    }
    let plain = |k| s.value(k).unwrap_or_default().to_owned();
    let secret = |k| s.secret(k).unwrap_or_default();
    Ok(match mode {
        Mode::ServicePlan => Auth::ServicePlan {
            id: plain(SettingKey::ServicePlanId),
            token: secret(SettingKey::ApiToken),
        },
        Mode::OAuth => Auth::OAuth {
            project_id: plain(SettingKey::ProjectId),
            key_id: plain(SettingKey::KeyId),
            key_secret: secret(SettingKey::KeySecret),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::settings_from_env as settings;

    #[test]
    fn modes() {
        let both = settings(&[
            ("SINCH_SERVICE_PLAN_ID", "plan"),
            ("SINCH_API_TOKEN", "tok-secret-value"),
            ("SINCH_PROJECT_ID", "proj"),
            ("SINCH_KEY_ID", "k"),
            ("SINCH_KEY_SECRET", "s"),
        ]);
        let sp = choose_auth(&both, None).unwrap();
        assert_eq!(sp.path_id(), "plan");
        assert!(!format!("{sp:?}").contains("tok-secret-value"));
        assert!(matches!(
            choose_auth(&both, Some(Mode::OAuth)).unwrap(),
            Auth::OAuth { .. }
        ));
    }

    #[test]
    fn missing_credentials_are_listed() {
        let s = settings(&[("SINCH_PROJECT_ID", "p")]);
        let e = choose_auth(&s, None).unwrap_err().to_string();
        for k in [
            "service_plan_id",
            "--service-plan-id",
            "--key-id",
            "api_token",
            "key_secret",
            "SINCH_KEY_SECRET",
            "config set api_token -",
        ] {
            assert!(e.contains(k), "{k}: {e}");
        }
        assert!(
            !e.contains("--api-token") && !e.contains("--key-secret"),
            "{e}"
        );
        assert!(!e.contains("project_id "), "project_id is set: {e}");
        let e = choose_auth(&s, Some(Mode::ServicePlan))
            .unwrap_err()
            .to_string();
        assert!(e.contains("api_token") && !e.contains("key_id"), "{e}");
    }
}
