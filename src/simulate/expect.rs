//! What an answer must look like, and the outcome of one sent request.

use std::fmt;
use std::time::Duration;

/// What an answer must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Any status of the class (2 = 2xx, 4 = 4xx, 5 = 5xx).
    Class(u16),
    /// Exactly this status.
    Code(u16),
    /// Any of these.
    AnyOf(&'static [Expect]),
    /// Anything but 2xx (a refused connection counts).
    NotSuccess,
}

impl Expect {
    /// Parses `2xx`, `4xx`, `5xx` or a status code (100-599).
    pub fn parse(text: &str) -> Result<Expect, String> {
        let t = text.trim().to_ascii_lowercase();
        match t.as_str() {
            "2xx" => Ok(Expect::Class(2)),
            "4xx" => Ok(Expect::Class(4)),
            "5xx" => Ok(Expect::Class(5)),
            _ => match t.parse::<u16>() {
                Ok(code) if (100..600).contains(&code) => Ok(Expect::Code(code)),
                _ => Err(format!(
                    "{text:?} is not an expectation; use 2xx, 4xx, 5xx or a status code like 204"
                )),
            },
        }
    }

    /// Whether a status (or a failed connection, `None`) meets the expectation.
    pub fn matches(&self, status: Option<u16>) -> bool {
        match (self, status) {
            (Expect::NotSuccess, s) => !s.is_some_and(|s| (200..300).contains(&s)),
            (Expect::AnyOf(all), s) => all.iter().any(|e| e.matches(s)),
            (_, None) => false,
            (Expect::Class(c), Some(s)) => s / 100 == *c,
            (Expect::Code(c), Some(s)) => s == *c,
        }
    }
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expect::Class(c) => write!(f, "{c}xx"),
            Expect::Code(c) => write!(f, "{c}"),
            Expect::AnyOf(all) => {
                let parts: Vec<String> = all.iter().map(ToString::to_string).collect();
                write!(f, "{}", parts.join(" or "))
            }
            Expect::NotSuccess => write!(f, "not 2xx"),
        }
    }
}

/// Why a request got no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Silence {
    /// The connection could not be made: nothing listens there.
    Unreachable,
    /// No answer came within the timeout.
    TimedOut,
    /// The endpoint dropped the connection before answering (it took the request).
    Dropped,
}

impl Silence {
    /// Whether the request reached an endpoint that decided not to answer:
    /// only then can "no answer" count as a refusal.
    pub fn reached(self) -> bool {
        self == Silence::Dropped
    }
}

/// One request's result.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// What was sent, for people.
    pub label: String,
    /// The answer's status; `None` when there was no answer.
    pub status: Option<u16>,
    /// Time from sending to the answer (or the failure).
    pub latency: Duration,
    /// What the answer had to be.
    pub expect: Expect,
    /// Why there was no answer.
    pub error: Option<String>,
    /// What kind of silence it was, when there was no answer.
    pub silence: Option<Silence>,
    /// The nonce sent.
    pub nonce: String,
}

impl Outcome {
    /// Whether the answer met the expectation.
    pub fn ok(&self) -> bool {
        self.expect.matches(self.status)
    }

    /// The answer for people: the status, or "no answer (why)".
    pub fn answer(&self) -> String {
        self.status.map_or_else(
            || format!("no answer ({})", self.error.as_deref().unwrap_or("unknown")),
            |s| s.to_string(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectations_parse_and_match() {
        assert_eq!(Expect::parse("4XX"), Ok(Expect::Class(4)));
        assert_eq!(Expect::parse("204"), Ok(Expect::Code(204)));
        assert!(Expect::parse("6xx").is_err());
        assert!(Expect::parse("99999").is_err());
        assert!(Expect::Class(2).matches(Some(204)));
        assert!(!Expect::Class(2).matches(None));
        assert!(Expect::NotSuccess.matches(None));
        assert!(!Expect::NotSuccess.matches(Some(200)));
        let either = Expect::AnyOf(&[Expect::Class(2), Expect::NotSuccess]);
        assert!(either.matches(None));
        assert_eq!(either.to_string(), "2xx or not 2xx");
    }
}
