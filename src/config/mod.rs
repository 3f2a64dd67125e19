//! Configuration: the settings table, the TOML file with named profiles, the
//! `SINCH_*` environment, and their precedence (flag > environment > profile
//! > default). Secrets are carried as [`SecretString`], which never prints.

pub mod edit;
pub mod file;
pub mod keys;
mod resolve;

pub use file::{
    FileConfig, Loaded, Profile, default_path, load, parse, write, write_private, write_text,
};
pub use keys::{KEYS, KeySpec, Mode, SettingKey, file_help, markdown_table};
pub use resolve::{
    ProfileChoice, Setting, Settings, Source, Value, profile_name, resolve, without_userinfo,
};
pub use secrecy::{ExposeSecret, SecretString};

/// Default OAuth2 token endpoint.
pub const DEFAULT_AUTH_URL: &str = "https://auth.sinch.com/oauth2/token";
/// Default SMS region.
pub const DEFAULT_REGION: &str = "us";
/// Profile used when none is named anywhere.
pub const DEFAULT_PROFILE: &str = "default";

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

/// A fake environment for unit tests: looks names up in `pairs`.
#[cfg(test)]
pub(crate) fn fake_env(
    pairs: &'static [(&'static str, &'static str)],
) -> impl Fn(&str) -> Option<String> {
    move |k| {
        pairs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| (*v).to_owned())
    }
}

/// Settings resolved from a fake environment alone, for unit tests.
#[cfg(test)]
pub(crate) fn settings_from_env(pairs: &'static [(&'static str, &'static str)]) -> Settings {
    resolve(
        Some(&FileConfig::default()),
        &ProfileChoice::Implicit,
        &fake_env(pairs),
        &[],
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_only_the_tail_of_long_secrets() {
        assert_eq!(redact("supersecretvalue1234"), "****1234");
        assert_eq!(redact("short"), "****");
        let mut p = Profile::default();
        p.set(SettingKey::ApiToken, Some("token-abcdefghijkl".into()));
        assert!(!format!("{p:?}").contains("token-abcdefghijkl"));
    }
}
