//! What a batch is made of: E.164 recipients, the send-batch body
//! (`mt_text`), send/expire times, and the body text rules.

use serde::Serialize;

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

/// Strips `+` and `00` so numbers from reports and from `--to` compare equal.
pub fn msisdn(n: &str) -> String {
    let d = n.trim().trim_start_matches('+');
    d.strip_prefix("00").unwrap_or(d).to_owned()
}

/// A body read from a pipe or file loses exactly one trailing newline
/// (`echo hi` sends "hi", not "hi\n"); any other whitespace is kept.
pub fn strip_one_newline(mut body: String) -> String {
    if body.ends_with("\r\n") {
        body.truncate(body.len() - 2);
    } else if body.ends_with('\n') {
        body.truncate(body.len() - 1);
    }
    body
}

/// The send-batch request body (`mt_text`), field for field as the SDKs send it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SendBatch {
    /// Always `mt_text`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Recipients (E.164).
    pub to: Vec<String>,
    /// Sender.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Text.
    pub body: String,
    /// `none`, `summary`, `full`, `per_recipient`, `per_recipient_final`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_report: Option<&'static str>,
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

impl SendBatch {
    /// A text batch to `to` with `body`; other fields default.
    pub fn text(to: Vec<String>, body: String) -> SendBatch {
        SendBatch {
            kind: "mt_text",
            to,
            body,
            ..SendBatch::default()
        }
    }
}

/// Which delivery reports Sinch sends for a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryReport {
    /// No delivery report callbacks.
    None,
    /// One batch summary when all messages are final.
    Summary,
    /// The summary with recipients listed per status.
    Full,
    /// A callback for every status change of every recipient.
    PerRecipient,
    /// One callback per recipient with its final status.
    PerRecipientFinal,
}

impl DeliveryReport {
    /// The API's spelling.
    pub fn api_name(self) -> &'static str {
        match self {
            DeliveryReport::None => "none",
            DeliveryReport::Summary => "summary",
            DeliveryReport::Full => "full",
            DeliveryReport::PerRecipient => "per_recipient",
            DeliveryReport::PerRecipientFinal => "per_recipient_final",
        }
    }
}

/// Parses `--send-at`/`--expire-at`: RFC 3339, or `+DURATION` from `now`.
pub fn parse_when(text: &str, now: jiff::Timestamp) -> Result<String, String> {
    if let Some(rel) = text.strip_prefix('+') {
        let d = crate::units::parse_duration(rel)?;
        let t = jiff::SignedDuration::try_from(d)
            .ok()
            .and_then(|d| now.checked_add(d).ok())
            .ok_or_else(|| format!("{text:?} is too far in the future"))?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(parse_when("+18446744073709551615", now).is_err());
    }

    #[test]
    fn one_trailing_newline() {
        assert_eq!(strip_one_newline("hi\n".into()), "hi");
        assert_eq!(strip_one_newline("hi\n\n".into()), "hi\n");
        assert_eq!(strip_one_newline("hi\r\n".into()), "hi");
        assert_eq!(strip_one_newline("hi ".into()), "hi ");
    }
}
