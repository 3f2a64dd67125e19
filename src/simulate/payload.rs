//! Simulated callbacks: payloads shaped exactly like Sinch's (spec §3–4),
//! valid status/code pairs, scenario plans, the negative-case mutations
//! applied to a signed request, and what a correct endpoint must answer.
//! Pure: the caller supplies secrets, clock and ids.

use std::fmt;

use serde_json::json;

use crate::webhook::signature::{self, ALGORITHM, NONCE, SIGNATURE, TIMESTAMP};

/// The callback kinds `simulate` can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// SMS `recipient_delivery_report_sms` (per-recipient delivery report).
    RecipientDr,
    /// SMS `delivery_report_sms` (batch summary).
    BatchDr,
    /// SMS inbound `mo_text`.
    Mo,
    /// Conversation API `message_delivery_report` (trigger MESSAGE_DELIVERY).
    ConversationDr,
    /// Conversation API inbound `message` (trigger MESSAGE_INBOUND).
    ConversationMo,
    /// Run the conformance suite against --url instead of sending one kind.
    Suite,
}

/// Multi-callback scenarios.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scenario {
    /// Dispatched, then Delivered.
    Delivered,
    /// Dispatched, then Failed with a failure code.
    Failed,
    /// Dispatched, then Expired.
    Expired,
    /// Rejected by the SMSC.
    Rejected,
    /// Delivered arrives before Dispatched (the endpoint must not regress).
    OutOfOrder,
    /// The same report twice (the endpoint must be idempotent).
    Duplicate,
    /// N recipients (--recipients) with per-recipient reports, then the batch summary.
    Batch,
    /// Resend like Sinch while the endpoint answers 5xx or 429 (backoff × --retry-scale).
    Retry,
}

/// Values for a callback's fields; `None` means "a realistic default".
#[derive(Debug, Clone, Default)]
pub struct Fields {
    /// Batch id (SMS) or message id (Conversation).
    pub batch_id: String,
    /// Recipient MSISDN (SMS reports) or contact identity.
    pub recipient: String,
    /// Sender for inbound messages.
    pub from: String,
    /// Destination for inbound messages (your number).
    pub to: String,
    /// Status override.
    pub status: Option<String>,
    /// Code override.
    pub code: Option<i64>,
    /// `client_reference`.
    pub client_reference: Option<String>,
    /// Event time, RFC 3339.
    pub at: String,
    /// Inbound text.
    pub text: String,
}

/// The code Sinch pairs with an SMS status by default (spec §3.6–3.7).
pub fn default_code(status: &str) -> i64 {
    match status {
        "Queued" => 400,
        "Dispatched" => 401,
        "Aborted" => 402,
        "Cancelled" => 407,
        "Rejected" => 408,
        "Expired" => 406,
        // A non-delivered receipt used to carry 34 before Sinch stopped rewriting 0 (spec §3.7).
        "Failed" | "Deleted" => 34,
        _ => 0,
    }
}

/// SMS statuses, exactly as Sinch spells them.
pub const SMS_STATUSES: [&str; 10] = [
    "Queued",
    "Dispatched",
    "Aborted",
    "Cancelled",
    "Rejected",
    "Deleted",
    "Delivered",
    "Failed",
    "Expired",
    "Unknown",
];

/// Conversation delivery statuses.
pub const CONVERSATION_STATUSES: [&str; 5] = [
    "QUEUED_ON_CHANNEL",
    "DELIVERED",
    "READ",
    "FAILED",
    "SWITCHING_CHANNEL",
];

/// A warning when a status/code pair is one Sinch would not send.
pub fn odd_pair(status: &str, code: i64) -> Option<String> {
    let ok = match status {
        "Queued" => code == 400,
        "Dispatched" => code == 401,
        "Delivered" => code == 0,
        "Aborted" | "Cancelled" => (402..=418).contains(&code),
        _ => code != 400 && code != 401 && (0..1000).contains(&code),
    };
    (!ok).then(|| {
        format!(
            "status {status} with code {code} is not a pair Sinch sends (usually {}); sending it anyway",
            default_code(status)
        )
    })
}

// Fields in the order of the SDK fixtures (alphabetical); serialised
// directly because load runs build one per request.
#[derive(serde::Serialize)]
struct RecipientDr<'a> {
    at: &'a str,
    batch_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_reference: Option<&'a str>,
    code: i64,
    operator_status_at: String,
    recipient: &'a str,
    status: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// `recipient_delivery_report_sms`, with fields in Sinch's order.
pub fn recipient_dr(f: &Fields, status: &str, code: i64, at: &str) -> Vec<u8> {
    serde_json::to_vec(&RecipientDr {
        at,
        batch_id: &f.batch_id,
        client_reference: f.client_reference.as_deref(),
        code,
        operator_status_at: at_seconds(at),
        recipient: &f.recipient,
        status,
        kind: "recipient_delivery_report_sms",
    })
    .unwrap_or_default()
}

/// One `statuses[]` entry of a batch report.
#[derive(Debug, Clone)]
pub struct StatusCount {
    /// Status.
    pub status: String,
    /// Code.
    pub code: i64,
    /// Recipients with this status (listed, as in a `full` report).
    pub recipients: Vec<String>,
}

/// `delivery_report_sms` (a `full` report: recipients listed per status).
pub fn batch_dr(f: &Fields, statuses: &[StatusCount]) -> Vec<u8> {
    batch_report(f, statuses, true)
}

/// `delivery_report_sms`, listing recipients per status only when `full`
/// (a `summary` report carries counts alone).
pub fn batch_report(f: &Fields, statuses: &[StatusCount], full: bool) -> Vec<u8> {
    let total: usize = statuses.iter().map(|s| s.recipients.len().max(1)).sum();
    let mut v = json!({
        "batch_id": f.batch_id,
        "statuses": statuses.iter().map(|s| json!({
            "code": s.code,
            "count": s.recipients.len().max(1),
            "recipients": s.recipients,
            "status": s.status,
        })).collect::<Vec<_>>(),
        "total_message_count": total,
        "type": "delivery_report_sms",
    });
    if let Some(r) = &f.client_reference {
        v["client_reference"] = json!(r);
    }
    if !full && let Some(entries) = v["statuses"].as_array_mut() {
        for e in entries
            .iter_mut()
            .filter_map(serde_json::Value::as_object_mut)
        {
            e.remove("recipients");
        }
    }
    sorted_compact(v)
}

/// Inbound `mo_text`.
pub fn mo_text(f: &Fields, id: &str) -> Vec<u8> {
    let mut v = json!({
        "body": f.text,
        "from": f.from,
        "id": id,
        "operator_id": "24001",
        "received_at": f.at,
        "to": f.to,
        "type": "mo_text",
    });
    if let Some(r) = &f.client_reference {
        v["client_reference"] = json!(r);
    }
    sorted_compact(v)
}

/// Conversation `message_delivery_report`; FAILED carries a reason.
pub fn conversation_dr(f: &Fields, status: &str, app_id: &str, project_id: &str) -> Vec<u8> {
    let mut report = json!({
        "message_id": f.batch_id,
        "conversation_id": "01HCONVERSATION0000000000",
        "status": status,
        "channel_identity": {"channel": "SMS", "identity": f.recipient, "app_id": ""},
        "contact_id": "01HCONTACT000000000000000",
        "metadata": f.client_reference.clone().unwrap_or_default(),
        "processing_mode": "CONVERSATION",
    });
    if status == "FAILED" {
        report["reason"] = json!({
            "code": "RECIPIENT_NOT_REACHABLE",
            "description": "The recipient could not be reached on the channel",
            "sub_code": "UNSPECIFIED_SUB_CODE",
        });
    }
    compact(json!({
        "app_id": app_id,
        "accepted_time": f.at,
        "event_time": f.at,
        "project_id": project_id,
        "message_delivery_report": report,
        "message_metadata": "",
        "correlation_id": "",
    }))
}

/// Conversation inbound `message`.
pub fn conversation_mo(f: &Fields, id: &str, app_id: &str, project_id: &str) -> Vec<u8> {
    compact(json!({
        "app_id": app_id,
        "accepted_time": f.at,
        "project_id": project_id,
        "message": {
            "id": id,
            "direction": "TO_APP",
            "contact_message": {"text_message": {"text": f.text}},
            "channel_identity": {"channel": "SMS", "identity": f.from, "app_id": ""},
            "conversation_id": "01HCONVERSATION0000000000",
            "contact_id": "01HCONTACT000000000000000",
            "metadata": "",
            "accept_time": f.at,
            "processing_mode": "CONVERSATION",
        },
        "message_metadata": "",
    }))
}

fn compact(v: serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(&v).unwrap_or_default()
}

// SMS callbacks list their fields alphabetically (as in the SDK fixtures).
fn sorted_compact(v: serde_json::Value) -> Vec<u8> {
    fn sort(v: serde_json::Value) -> serde_json::Value {
        match v {
            serde_json::Value::Object(map) => {
                let mut entries: Vec<_> = map.into_iter().collect();
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                serde_json::Value::Object(entries.into_iter().map(|(k, v)| (k, sort(v))).collect())
            }
            serde_json::Value::Array(items) => {
                serde_json::Value::Array(items.into_iter().map(sort).collect())
            }
            other => other,
        }
    }
    compact(sort(v))
}

/// `2025-01-13T09:22:40.914Z` → `2025-01-13T09:22:40Z` (the SMSC's receipt time has seconds only).
fn at_seconds(at: &str) -> String {
    match at.split_once('.') {
        Some((head, _)) => format!("{head}Z"),
        None => at.to_owned(),
    }
}

/// A deliberate defect in how a request is signed or sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutation {
    /// Correctly signed.
    None,
    /// The body changed after signing.
    Tamper,
    /// Signed with another secret.
    WrongSecret,
    /// Timestamp 10 minutes in the past.
    Stale,
    /// Timestamp 10 minutes in the future.
    Future,
    /// No signature headers at all.
    NoSignature,
    /// One header left out.
    MissingHeader(&'static str),
    /// Algorithm header says HmacSHA512.
    BadAlgorithm,
}

impl Mutation {
    /// A short name for output.
    pub fn name(self) -> String {
        match self {
            Mutation::None => "valid".into(),
            Mutation::Tamper => "tampered".into(),
            Mutation::WrongSecret => "wrong-secret".into(),
            Mutation::Stale => "stale".into(),
            Mutation::Future => "future".into(),
            Mutation::NoSignature => "no-signature".into(),
            Mutation::MissingHeader(h) => format!("missing {h}"),
            Mutation::BadAlgorithm => "bad-algorithm".into(),
        }
    }

    /// What a correct endpoint answers.
    pub fn expectation(self) -> Expect {
        match self {
            Mutation::None => Expect::Class(2),
            // Sinch always sends the algorithm header, but a verifier may ignore it.
            Mutation::MissingHeader(ALGORITHM) => {
                Expect::AnyOf(vec![Expect::Class(2), Expect::Class(4)])
            }
            _ => Expect::Class(4),
        }
    }
}

/// Resolves a `--missing-header` value: a full header name or its last part.
pub fn header_name(name: &str) -> Option<&'static str> {
    let n = name.trim().to_ascii_lowercase();
    let short = n.strip_prefix("x-sinch-webhook-").unwrap_or(&n);
    match short.strip_prefix("signature-").unwrap_or(short) {
        "signature" => Some(SIGNATURE),
        "nonce" => Some(NONCE),
        "timestamp" => Some(TIMESTAMP),
        "algorithm" => Some(ALGORITHM),
        _ => None,
    }
}

/// A request ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// Headers to send (content-type first).
    pub headers: Vec<(String, String)>,
    /// Body to send.
    pub body: Vec<u8>,
    /// The nonce used, if signed.
    pub nonce: String,
}

/// Signs `body` at `now` with `nonce`, then applies `mutation`.
pub fn prepare(secret: &[u8], body: &[u8], nonce: &str, now: i64, mutation: Mutation) -> Prepared {
    let ts = match mutation {
        Mutation::Stale => now - 600,
        Mutation::Future => now + 600,
        _ => now,
    }
    .to_string();
    let key: Vec<u8> = match mutation {
        Mutation::WrongSecret => [secret, b"-not-the-right-one"].concat(),
        _ => secret.to_vec(),
    };
    let signed = signature::SignedHeaders::new(&key, body, nonce, &ts);
    let mut headers = vec![("content-type".to_owned(), "application/json".to_owned())];
    if mutation != Mutation::NoSignature {
        for (name, value) in signed.pairs() {
            if mutation == Mutation::MissingHeader(name) {
                continue;
            }
            let value = if name == ALGORITHM && mutation == Mutation::BadAlgorithm {
                "HmacSHA512"
            } else {
                value
            };
            headers.push((name.to_owned(), value.to_owned()));
        }
    }
    let body = if mutation == Mutation::Tamper {
        tamper(body)
    } else {
        body.to_vec()
    };
    Prepared {
        headers,
        body,
        nonce: nonce.to_owned(),
    }
}

/// Changes a body minimally: the first digit is bumped, else a space is appended.
fn tamper(body: &[u8]) -> Vec<u8> {
    let mut out = body.to_vec();
    match out.iter().position(u8::is_ascii_digit) {
        Some(i) => out[i] = if out[i] == b'9' { b'0' } else { out[i] + 1 },
        None => out.push(b' '),
    }
    out
}

/// What an answer must look like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Any status of the class (2 = 2xx, 4 = 4xx, 5 = 5xx).
    Class(u16),
    /// Exactly this status.
    Code(u16),
    /// Any of these.
    AnyOf(Vec<Expect>),
    /// Anything but 2xx (a refused connection counts).
    NotSuccess,
}

impl Expect {
    /// Parses `2xx`, `4xx`, `5xx` or a status code.
    pub fn parse(text: &str) -> Result<Expect, String> {
        let t = text.trim().to_ascii_lowercase();
        match t.as_str() {
            "2xx" | "4xx" | "5xx" => Ok(Expect::Class(u16::from(t.as_bytes()[0] - b'0'))),
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
            (_, None) => false,
            (Expect::Class(c), Some(s)) => s / 100 == *c,
            (Expect::Code(c), Some(s)) => s == *c,
            (Expect::AnyOf(all), s) => all.iter().any(|e| e.matches(s)),
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

/// Sinch's SMS callback retry delays: 5 s, then doubling (spec §3.1).
pub fn retry_delay(attempt: u32, scale: f64) -> std::time::Duration {
    let secs = 5.0 * 2f64.powi(attempt.min(14) as i32);
    std::time::Duration::from_secs_f64((secs * scale).max(0.0))
}

/// Whether Sinch would retry after this answer: 5xx and 429 (and no answer at all).
pub fn sinch_retries(status: Option<u16>) -> bool {
    match status {
        None => true,
        Some(s) => s == 429 || (500..600).contains(&s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Fields {
        Fields {
            batch_id: "01JHFFHQ0P99JPPNQPJDV7JTBP".into(),
            recipient: "33662162466".into(),
            from: "46700000001".into(),
            to: "46700000000".into(),
            client_reference: Some("a client reference".into()),
            at: "2025-01-13T09:22:40.914Z".into(),
            text: "hi".into(),
            ..Fields::default()
        }
    }

    #[test]
    fn recipient_report_matches_the_sdk_fixture_byte_for_byte() {
        // V4's body (SDK fixture), with operator_status_at derived from `at`.
        let body = recipient_dr(&fields(), "Delivered", 0, "2025-01-13T09:22:40.914Z");
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"at":"2025-01-13T09:22:40.914Z","batch_id":"01JHFFHQ0P99JPPNQPJDV7JTBP","client_reference":"a client reference","code":0,"operator_status_at":"2025-01-13T09:22:40Z","recipient":"33662162466","status":"Delivered","type":"recipient_delivery_report_sms"}"#
        );
    }

    #[test]
    fn every_payload_parses_as_its_kind() {
        use crate::webhook::callback::{Parsed, parse};
        let f = fields();
        let st = [StatusCount {
            status: "Delivered".into(),
            code: 0,
            recipients: vec!["1".into(), "2".into()],
        }];
        for (body, kind) in [
            (
                recipient_dr(&f, "Delivered", 0, &f.at),
                "recipient_delivery_report_sms",
            ),
            (batch_dr(&f, &st), "delivery_report_sms"),
            (mo_text(&f, "01JMO"), "mo_text"),
            (
                conversation_dr(&f, "FAILED", "APP", "PROJ"),
                "message_delivery_report",
            ),
            (conversation_mo(&f, "01JMO", "APP", "PROJ"), "message"),
        ] {
            let Parsed::Events(e) = parse(&body) else {
                panic!("{kind}")
            };
            assert_eq!(e[0].kind, kind);
        }
    }

    #[test]
    fn status_code_pairs() {
        for s in SMS_STATUSES {
            assert_eq!(odd_pair(s, default_code(s)), None, "{s}");
        }
        assert!(odd_pair("Delivered", 402).is_some());
        assert!(odd_pair("Aborted", 0).is_some());
    }

    #[test]
    fn mutations_break_exactly_what_they_say() {
        use crate::webhook::signature::{FoundHeaders, Freshness, Rejection, verify};
        let body = b"{\"code\":0}";
        let check = |m: Mutation| {
            let p = prepare(b"s", body, "N", 1000, m);
            let found =
                FoundHeaders::from_pairs(p.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())));
            verify(
                b"s",
                &found,
                &p.body,
                Freshness::Within {
                    now: 1000,
                    max_age: 300,
                },
            )
        };
        assert!(check(Mutation::None).is_ok());
        assert_eq!(check(Mutation::Tamper), Err(Rejection::Mismatch));
        assert_eq!(check(Mutation::WrongSecret), Err(Rejection::Mismatch));
        assert!(matches!(
            check(Mutation::Stale),
            Err(Rejection::Stale { .. })
        ));
        assert!(matches!(
            check(Mutation::Future),
            Err(Rejection::Future { .. })
        ));
        assert_eq!(
            check(Mutation::NoSignature),
            Err(Rejection::MissingHeader(SIGNATURE))
        );
        assert_eq!(
            check(Mutation::MissingHeader(NONCE)),
            Err(Rejection::MissingHeader(NONCE))
        );
        assert!(check(Mutation::MissingHeader(ALGORITHM)).is_ok());
        assert_eq!(
            check(Mutation::BadAlgorithm),
            Err(Rejection::UnsupportedAlgorithm("HmacSHA512".into()))
        );
    }

    #[test]
    fn header_names_and_expectations() {
        assert_eq!(header_name("nonce"), Some(NONCE));
        assert_eq!(
            header_name("X-Sinch-Webhook-Signature-Timestamp"),
            Some(TIMESTAMP)
        );
        assert_eq!(header_name("signature"), Some(SIGNATURE));
        assert_eq!(header_name("bogus"), None);
        assert_eq!(Expect::parse("4XX"), Ok(Expect::Class(4)));
        assert_eq!(Expect::parse("204"), Ok(Expect::Code(204)));
        assert!(Expect::parse("6xx").is_err());
        assert!(Expect::Class(2).matches(Some(204)));
        assert!(!Expect::Class(2).matches(None));
        assert!(Expect::NotSuccess.matches(None));
        assert!(!Expect::NotSuccess.matches(Some(200)));
    }

    #[test]
    fn retry_schedule_doubles_from_five_seconds() {
        let d: Vec<u64> = (0..5).map(|a| retry_delay(a, 1.0).as_secs()).collect();
        assert_eq!(d, vec![5, 10, 20, 40, 80]);
        assert_eq!(retry_delay(0, 0.01).as_millis(), 50);
        assert!(
            sinch_retries(Some(503))
                && sinch_retries(Some(429))
                && !sinch_retries(Some(400))
                && !sinch_retries(Some(200))
        );
    }
}
