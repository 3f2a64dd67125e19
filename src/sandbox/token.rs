//! The OAuth2 token issuer: checks HTTP Basic client credentials and issues
//! JWT-shaped bearer tokens signed with a per-process key, so validating one
//! needs no stored state and an expired one is told apart from a forged one.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// Why a bearer token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Signed by this sandbox but past its lifetime.
    Expired,
    /// Not a token this sandbox issued.
    Invalid,
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    sub: String,
    iat: i64,
    exp: i64,
    jti: String,
}

/// Issues and checks tokens.
pub struct Issuer {
    key: [u8; 32],
    ttl_secs: i64,
}

impl std::fmt::Debug for Issuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issuer")
            .field("ttl_secs", &self.ttl_secs)
            .finish_non_exhaustive()
    }
}

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const ISSUER: &str = "sinchctl-sandbox";

impl Issuer {
    /// An issuer with a fresh random key and a token lifetime in seconds.
    pub fn new(ttl_secs: i64) -> Self {
        let mut key = [0u8; 32];
        key[..16].copy_from_slice(&ulid::Ulid::new().to_bytes());
        key[16..].copy_from_slice(&ulid::Ulid::new().to_bytes());
        Issuer { key, ttl_secs }
    }

    /// The token lifetime in seconds (`expires_in`).
    pub fn ttl_secs(&self) -> i64 {
        self.ttl_secs
    }

    fn mac(&self, signed: &str) -> Hmac<Sha256> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes keys of any length");
        mac.update(signed.as_bytes());
        mac
    }

    /// A token for `key_id`, valid from `now` (unix seconds) for the lifetime.
    pub fn issue(&self, key_id: &str, now: i64) -> String {
        let claims = Claims {
            iss: ISSUER.into(),
            sub: key_id.into(),
            iat: now,
            exp: now.saturating_add(self.ttl_secs),
            jti: ulid::Ulid::new().to_string(),
        };
        let payload = serde_json::to_vec(&claims).unwrap_or_default();
        let signed = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(HEADER),
            URL_SAFE_NO_PAD.encode(payload)
        );
        let sig = URL_SAFE_NO_PAD.encode(self.mac(&signed).finalize().into_bytes());
        format!("{signed}.{sig}")
    }

    /// Checks a bearer token at `now`; returns the key id it was issued to.
    pub fn check(&self, token: &str, now: i64) -> Result<String, TokenError> {
        let (signed, sig) = token.rsplit_once('.').ok_or(TokenError::Invalid)?;
        let sig = URL_SAFE_NO_PAD
            .decode(sig)
            .map_err(|_| TokenError::Invalid)?;
        self.mac(signed)
            .verify_slice(&sig)
            .map_err(|_| TokenError::Invalid)?;
        let payload = signed.split_once('.').map(|(_, p)| p).unwrap_or_default();
        let claims: Claims = URL_SAFE_NO_PAD
            .decode(payload)
            .ok()
            .and_then(|p| serde_json::from_slice(&p).ok())
            .ok_or(TokenError::Invalid)?;
        if now >= claims.exp {
            return Err(TokenError::Expired);
        }
        Ok(claims.sub)
    }
}

/// Whether a token looks like one this sandbox issues (three dot-separated parts).
pub fn looks_issued(token: &str) -> bool {
    token.split('.').count() == 3
}

/// Decodes `Authorization: Basic base64(id:secret)`.
pub fn basic_credentials(header: &str) -> Option<(String, String)> {
    let (scheme, rest) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = STANDARD.decode(rest.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// Takes the token from `Authorization: Bearer TOKEN`.
pub fn bearer(header: &str) -> Option<&str> {
    let (scheme, rest) = header.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| rest.trim())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_expire_and_cannot_be_forged() {
        let issuer = Issuer::new(60);
        let t = issuer.issue("key-1", 1000);
        assert!(looks_issued(&t));
        assert_eq!(issuer.check(&t, 1059), Ok("key-1".into()));
        assert_eq!(issuer.check(&t, 1060), Err(TokenError::Expired));
        assert_eq!(Issuer::new(60).check(&t, 1000), Err(TokenError::Invalid));
        let mut forged = t.clone();
        forged.insert(5, 'x');
        assert_eq!(issuer.check(&forged, 1000), Err(TokenError::Invalid));
        assert_eq!(issuer.check("a.b.c", 1000), Err(TokenError::Invalid));
        assert_eq!(issuer.check("", 1000), Err(TokenError::Invalid));
    }

    #[test]
    fn authorization_headers() {
        assert_eq!(
            basic_credentials("Basic a2V5OnNlY3JldA=="),
            Some(("key".into(), "secret".into()))
        );
        assert_eq!(basic_credentials("Bearer x"), None);
        assert_eq!(basic_credentials("Basic !!!"), None);
        assert_eq!(bearer("Bearer abc"), Some("abc"));
        assert_eq!(bearer("bearer  abc "), Some("abc"));
        assert_eq!(bearer("Bearer "), None);
        assert_eq!(bearer("Basic abc"), None);
    }
}
