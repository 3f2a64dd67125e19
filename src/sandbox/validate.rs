//! Validation of send-batch requests as the SMS REST API does it, with its
//! `{code, text}` error bodies of the SMS REST API. Pure: the caller supplies the clock.

use serde_json::{Map, Value};

use super::outcome::outcome;

/// An API error: HTTP status and the `{code, text}` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// Machine code, e.g. `syntax_constraint_violation`.
    pub code: &'static str,
    /// Human description.
    pub text: String,
}

impl ApiError {
    /// 400 with a code.
    pub fn bad(code: &'static str, text: impl Into<String>) -> Self {
        ApiError {
            status: 400,
            code,
            text: text.into(),
        }
    }

    /// 400 `syntax_constraint_violation`.
    pub fn constraint(text: impl Into<String>) -> Self {
        Self::bad("syntax_constraint_violation", text)
    }

    /// 400 `syntax_invalid_parameter_format`.
    pub fn format(text: impl Into<String>) -> Self {
        Self::bad("syntax_invalid_parameter_format", text)
    }

    /// 404 for an unknown batch or recipient.
    pub fn not_found(text: impl Into<String>) -> Self {
        ApiError {
            status: 404,
            code: "not_found",
            text: text.into(),
        }
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        serde_json::json!({"code": self.code, "text": self.text})
    }
}

/// Most recipients in one batch.
pub const MAX_RECIPIENTS: usize = 1000;
/// Longest body, in characters (the current reference's limit).
pub const MAX_BODY_CHARS: usize = 2000;
/// Longest `callback_url` and `client_reference`.
pub const MAX_URL_CHARS: usize = 2048;
/// Delivery report kinds the API knows.
pub const DELIVERY_REPORTS: [&str; 5] = [
    "none",
    "summary",
    "full",
    "per_recipient",
    "per_recipient_final",
];

/// A validated send request.
#[derive(Debug, Clone)]
pub struct NewBatch {
    /// Recipients normalised to digits (how reports name them).
    pub msisdns: Vec<String>,
    /// Body text.
    pub body: String,
    /// `delivery_report`, defaulting to `none`.
    pub delivery_report: String,
    /// `send_at`, if given.
    pub send_at: Option<jiff::Timestamp>,
    /// `expire_at`, if given.
    pub expire_at: Option<jiff::Timestamp>,
    /// `callback_url`, if given.
    pub callback_url: Option<String>,
    /// `client_reference`, if given.
    pub client_reference: Option<String>,
    /// Every request field, echoed in the batch.
    pub echo: Map<String, Value>,
}

/// Normalises an MSISDN as the API accepts it: spaces, dashes, dots and
/// brackets dropped, then an optional `+` or `00`, then 7 to 15 digits.
pub fn msisdn(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let digits = cleaned
        .strip_prefix('+')
        .or_else(|| cleaned.strip_prefix("00"))
        .unwrap_or(&cleaned);
    (digits.bytes().all(|b| b.is_ascii_digit()) && (7..=15).contains(&digits.len()))
        .then(|| digits.to_owned())
}

fn optional_str<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, ApiError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ApiError::bad(
            "syntax_invalid_json",
            format!("The JSON property '{key}' must be a string"),
        )),
    }
}

fn time(obj: &Map<String, Value>, key: &str) -> Result<Option<jiff::Timestamp>, ApiError> {
    optional_str(obj, key)?
        .map(|t| {
            t.parse::<jiff::Timestamp>().map_err(|_| {
                ApiError::format(format!(
                    "'{t}' is not a valid {key}: use ISO-8601 like 2025-01-13T09:22:40.914Z"
                ))
            })
        })
        .transpose()
}

fn recipients(obj: &Map<String, Value>) -> Result<Vec<String>, ApiError> {
    let to = match obj.get("to") {
        None | Some(Value::Null) => {
            return Err(ApiError::constraint("The 'to' field is required"));
        }
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(ApiError::bad(
                "syntax_invalid_json",
                "The JSON property 'to' must be an array of strings",
            ));
        }
    };
    if to.is_empty() || to.len() > MAX_RECIPIENTS {
        return Err(ApiError::constraint(format!(
            "The 'to' field must have between 1 and {MAX_RECIPIENTS} recipients, got {}",
            to.len()
        )));
    }
    let mut digits = Vec::with_capacity(to.len());
    for item in to {
        let Some(text) = item.as_str() else {
            return Err(ApiError::bad(
                "syntax_invalid_json",
                "The JSON property 'to' must be an array of strings",
            ));
        };
        let Some(n) = msisdn(text) else {
            return Err(ApiError::format(format!(
                "'{text}' is not a valid phone number"
            )));
        };
        if outcome(&n).refused_at_send {
            return Err(ApiError::format(format!(
                "'{text}' is not a valid phone number (the sandbox refuses numbers ending in 9)"
            )));
        }
        digits.push(n);
    }
    Ok(digits)
}

/// Validates a send-batch body at `now`.
pub fn send_request(body: &[u8], now: jiff::Timestamp) -> Result<NewBatch, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::bad(
            "syntax_invalid_json",
            format!("The request body is not valid JSON: {e}"),
        )
    })?;
    let Value::Object(obj) = value else {
        return Err(ApiError::bad(
            "syntax_invalid_json",
            "The request body must be a JSON object",
        ));
    };
    match optional_str(&obj, "type")? {
        None | Some("mt_text") => {}
        Some(other) => {
            return Err(ApiError::format(format!(
                "'{other}' is not a supported batch type here: the sandbox sends mt_text only"
            )));
        }
    }
    let msisdns = recipients(&obj)?;
    let body = optional_str(&obj, "body")?
        .ok_or_else(|| ApiError::constraint("The 'body' field is required"))?
        .to_owned();
    let chars = body.chars().count();
    if chars > MAX_BODY_CHARS {
        return Err(ApiError::constraint(format!(
            "The 'body' field must be at most {MAX_BODY_CHARS} characters, got {chars}"
        )));
    }
    let delivery_report = optional_str(&obj, "delivery_report")?
        .unwrap_or("none")
        .to_owned();
    if !DELIVERY_REPORTS.contains(&delivery_report.as_str()) {
        return Err(ApiError::format(format!(
            "'{delivery_report}' is not a valid delivery_report; use one of {}",
            DELIVERY_REPORTS.join(", ")
        )));
    }
    let send_at = time(&obj, "send_at")?;
    let expire_at = time(&obj, "expire_at")?;
    check_times(send_at, expire_at, now)?;
    let callback_url = optional_str(&obj, "callback_url")?.map(str::to_owned);
    if let Some(url) = &callback_url {
        check_url(url)?;
    }
    let client_reference = optional_str(&obj, "client_reference")?.map(str::to_owned);
    if client_reference
        .as_ref()
        .is_some_and(|r| r.chars().count() > MAX_URL_CHARS)
    {
        return Err(ApiError::constraint(format!(
            "The 'client_reference' field must be at most {MAX_URL_CHARS} characters"
        )));
    }
    if let Some(parts) = obj.get("max_number_of_message_parts")
        && !parts.is_null()
        && parts.as_u64().is_none_or(|p| p < 1)
    {
        return Err(ApiError::constraint(
            "The 'max_number_of_message_parts' field must be an integer of at least 1",
        ));
    }
    Ok(NewBatch {
        msisdns,
        body,
        delivery_report,
        send_at,
        expire_at,
        callback_url,
        client_reference,
        echo: obj,
    })
}

fn check_times(
    send_at: Option<jiff::Timestamp>,
    expire_at: Option<jiff::Timestamp>,
    now: jiff::Timestamp,
) -> Result<(), ApiError> {
    let start = send_at.unwrap_or(now).max(now);
    if let Some(exp) = expire_at {
        if exp <= send_at.unwrap_or(now) {
            return Err(ApiError::constraint(
                "The 'expire_at' field must be after 'send_at'",
            ));
        }
        if exp.duration_since(start) > jiff::SignedDuration::from_hours(72) {
            return Err(ApiError::constraint(
                "The 'expire_at' field must be at most 3 days after 'send_at'",
            ));
        }
    }
    Ok(())
}

fn check_url(url: &str) -> Result<(), ApiError> {
    if url.chars().count() > MAX_URL_CHARS {
        return Err(ApiError::constraint(format!(
            "The 'callback_url' field must be at most {MAX_URL_CHARS} characters"
        )));
    }
    match reqwest::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        _ => Err(ApiError::format(format!(
            "'{url}' is not a valid callback_url: use an absolute http(s) URL"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> jiff::Timestamp {
        "2025-01-13T09:00:00Z".parse().unwrap()
    }

    fn check(body: &str) -> Result<NewBatch, ApiError> {
        send_request(body.as_bytes(), now())
    }

    proptest::proptest! {
        #[test]
        fn any_body_gets_an_answer_not_a_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let _ = send_request(&bytes, now());
        }

        #[test]
        fn any_field_values_get_an_answer_not_a_panic(
            to in "[ +0-9a-z()-]{0,20}",
            body in "\\PC{0,40}",
            when in "[0-9T:Z+-]{0,30}",
            report in "[a-z_]{0,20}",
        ) {
            let req = serde_json::json!({
                "to": [to], "body": body, "send_at": when, "expire_at": when,
                "delivery_report": report, "callback_url": when, "max_number_of_message_parts": -1,
            });
            let _ = send_request(req.to_string().as_bytes(), now());
        }
    }

    #[test]
    fn a_good_request_is_normalised() {
        let b = check(r#"{"to":["+46 70-000 00 01","0046700000002"],"body":"hi","delivery_report":"per_recipient"}"#).unwrap();
        assert_eq!(b.msisdns, ["46700000001", "46700000002"]);
        assert_eq!(b.delivery_report, "per_recipient");
    }

    #[test]
    fn errors_have_the_api_codes() {
        let code = |body: &str| check(body).map(|_| ()).unwrap_err().code;
        assert_eq!(code("{"), "syntax_invalid_json");
        assert_eq!(code("[]"), "syntax_invalid_json");
        assert_eq!(code(r#"{"body":"x"}"#), "syntax_constraint_violation");
        assert_eq!(
            code(r#"{"to":[],"body":"x"}"#),
            "syntax_constraint_violation"
        );
        assert_eq!(
            code(r#"{"to":["abc"],"body":"x"}"#),
            "syntax_invalid_parameter_format"
        );
        assert_eq!(
            code(r#"{"to":["+15550000009"],"body":"x"}"#),
            "syntax_invalid_parameter_format"
        );
        assert_eq!(
            code(r#"{"to":["+15550000000"]}"#),
            "syntax_constraint_violation"
        );
        let long = format!(r#"{{"to":["+15550000000"],"body":"{}"}}"#, "a".repeat(2001));
        assert_eq!(code(&long), "syntax_constraint_violation");
        let many: Vec<String> = (0..1001).map(|i| format!("\"+1555{i:07}\"")).collect();
        assert_eq!(
            code(&format!(r#"{{"to":[{}],"body":"x"}}"#, many.join(","))),
            "syntax_constraint_violation"
        );
        assert_eq!(
            code(r#"{"to":["+15550000000"],"body":"x","send_at":"soon"}"#),
            "syntax_invalid_parameter_format"
        );
        assert_eq!(
            code(
                r#"{"to":["+15550000000"],"body":"x","send_at":"2025-01-14T00:00:00Z","expire_at":"2025-01-13T00:00:00Z"}"#
            ),
            "syntax_constraint_violation"
        );
        assert_eq!(
            code(r#"{"to":["+15550000000"],"body":"x","expire_at":"2025-02-13T00:00:00Z"}"#),
            "syntax_constraint_violation"
        );
        assert_eq!(
            code(r#"{"to":["+15550000000"],"body":"x","delivery_report":"all"}"#),
            "syntax_invalid_parameter_format"
        );
        assert_eq!(
            code(r#"{"to":["+15550000000"],"body":"x","callback_url":"ftp://x"}"#),
            "syntax_invalid_parameter_format"
        );
        assert_eq!(
            code(r#"{"to":["+15550000000"],"body":7}"#),
            "syntax_invalid_json"
        );
    }
}
