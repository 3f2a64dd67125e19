//! SMS regions and their hosts.

use std::fmt;
use std::str::FromStr;

/// A region the SMS REST API serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// United States.
    Us,
    /// Europe.
    Eu,
    /// Australia.
    Au,
    /// Brazil.
    Br,
    /// Canada.
    Ca,
}

impl Region {
    /// Every region, in documentation order.
    pub const ALL: [Region; 5] = [Region::Us, Region::Eu, Region::Au, Region::Br, Region::Ca];

    /// The region's code: `us`, `eu`, ...
    pub fn code(self) -> &'static str {
        match self {
            Region::Us => "us",
            Region::Eu => "eu",
            Region::Au => "au",
            Region::Br => "br",
            Region::Ca => "ca",
        }
    }

    /// The SMS host: `{region}.sms.api.sinch.com` for service-plan
    /// credentials, `zt.{region}.sms.api.sinch.com` for OAuth2.
    pub fn host(self, oauth: bool) -> String {
        if oauth {
            format!("https://zt.{}.sms.api.sinch.com", self.code())
        } else {
            format!("https://{}.sms.api.sinch.com", self.code())
        }
    }

    /// Whether Sinch confirms OAuth2 on this region's host (only us and eu are documented).
    pub fn oauth_confirmed(self) -> bool {
        matches!(self, Region::Us | Region::Eu)
    }

    /// "us, eu, au, br, ca".
    pub fn list() -> String {
        Region::ALL.map(Region::code).join(", ")
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Region {
    type Err = String;
    fn from_str(s: &str) -> Result<Region, String> {
        Region::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown region {s:?}; use one of: {}", Region::list()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_per_mode() {
        assert_eq!(Region::Eu.host(false), "https://eu.sms.api.sinch.com");
        assert_eq!(Region::Eu.host(true), "https://zt.eu.sms.api.sinch.com");
        assert_eq!("CA".parse(), Ok(Region::Ca));
        assert!(
            "mars"
                .parse::<Region>()
                .unwrap_err()
                .contains("us, eu, au, br, ca")
        );
    }
}
