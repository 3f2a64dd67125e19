//! The callback model: classifies a callback body (SMS API or Conversation
//! API) and normalises it into events, leniently (numbers and booleans may
//! arrive as strings; unknown fields are ignored). Pure: no I/O.

use serde::Serialize;
use serde_json::Value;

/// Which API sent the callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// SMS REST API (`type` + `batch_id`).
    Sms,
    /// Conversation API (`app_id`/`project_id` envelope + one trigger key).
    Conversation,
}

/// A delivery code: numeric for SMS, a reason code for Conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Code {
    /// SMS delivery report code (Sinch's delivery report code table).
    Number(i64),
    /// Conversation `reason.code`.
    Reason(String),
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Code::Number(n) => write!(f, "{n}"),
            Code::Reason(r) => write!(f, "{r}"),
        }
    }
}

/// One normalised event; a batch report yields one per status entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Event {
    /// `sms` or `conversation`.
    pub family: Option<Family>,
    /// The SMS `type` or the Conversation trigger key (e.g. `message_delivery_report`).
    pub kind: String,
    /// The Conversation webhook trigger name (e.g. `MESSAGE_DELIVERY`); none for SMS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger: Option<&'static str>,
    /// `batch_id`, `message_id`, `event_id` or inbound `id`.
    pub id: Option<String>,
    /// Recipient (SMS `recipient`, Conversation `channel_identity.identity`).
    pub recipient: Option<String>,
    /// Delivery status as sent.
    pub status: Option<String>,
    /// Delivery code or reason code.
    pub code: Option<Code>,
    /// What the code means.
    pub code_meaning: Option<String>,
    /// Messages with this status (batch reports).
    pub count: Option<u64>,
    /// Recipients listed for this status (full batch reports).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
    /// Total messages in the batch (batch reports).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_message_count: Option<u64>,
    /// `client_reference` (SMS) or `metadata` (Conversation).
    pub client_reference: Option<String>,
    /// When the event happened: `at`, `received_at`, `event_time` or `accepted_time`.
    pub at: Option<String>,
    /// Inbound sender.
    pub from: Option<String>,
    /// Inbound destination.
    pub to: Option<String>,
    /// Inbound text (or a description of a binary/media body).
    pub text: Option<String>,
    /// Conversation channel (SMS, WHATSAPP, RCS, ...).
    pub channel: Option<String>,
}

/// What a body turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// A known callback, as one or more events.
    Events(Vec<Event>),
    /// Not JSON at all.
    NotJson(String),
    /// JSON, but no shape sinchctl knows.
    UnknownShape(String),
}

/// Conversation trigger keys and their webhook trigger names, in the order
/// the Node SDK tests them (first match wins).
pub const CONVERSATION_TRIGGERS: &[(&str, &str)] = &[
    ("message", "MESSAGE_INBOUND"),
    (
        "message_redaction",
        "MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION",
    ),
    ("message_submit_notification", "MESSAGE_SUBMIT"),
    ("message_delivery_report", "MESSAGE_DELIVERY"),
    ("event", "EVENT_INBOUND"),
    ("event_delivery_report", "EVENT_DELIVERY"),
    ("conversation_start_notification", "CONVERSATION_START"),
    ("conversation_stop_notification", "CONVERSATION_STOP"),
    ("conversation_delete_notification", "CONVERSATION_DELETE"),
    ("contact_create_notification", "CONTACT_CREATE"),
    ("contact_delete_notification", "CONTACT_DELETE"),
    ("contact_merge_notification", "CONTACT_MERGE"),
    ("contact_update_notification", "CONTACT_UPDATE"),
    ("duplicated_identities", "CONTACT_IDENTITIES_DUPLICATION"),
    ("capability_notification", "CAPABILITY"),
    ("opt_in_notification", "OPT_IN"),
    ("opt_out_notification", "OPT_OUT"),
    ("channel_event_notification", "CHANNEL_EVENT"),
    ("unsupported_callback", "UNSUPPORTED"),
    ("smart_conversation_notification", "SMART_CONVERSATIONS"),
    ("record_notification", "RECORD_NOTIFICATION"),
];

/// RFC 3339, UTC, milliseconds, `Z`: how Sinch writes timestamps.
pub fn sinch_time(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Classifies and normalises a callback body.
pub fn parse(body: &[u8]) -> Parsed {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return Parsed::NotJson(e.to_string()),
    };
    let Some(obj) = value.as_object() else {
        return Parsed::UnknownShape("the JSON is not an object".into());
    };
    if let Some(kind) = obj.get("type").and_then(Value::as_str) {
        return parse_sms(kind, &value);
    }
    if obj.contains_key("app_id") || obj.contains_key("project_id") {
        return parse_conversation(&value);
    }
    Parsed::UnknownShape(
        "neither an SMS callback (no `type`) nor a Conversation callback (no `app_id`)".into(),
    )
}

fn parse_sms(kind: &str, v: &Value) -> Parsed {
    let base = Event {
        family: Some(Family::Sms),
        kind: kind.to_owned(),
        id: text(v, "batch_id"),
        client_reference: text(v, "client_reference"),
        ..Event::default()
    };
    match kind {
        "recipient_delivery_report_sms" | "recipient_delivery_report_mms" => {
            let code = number(v.get("code"));
            Parsed::Events(vec![Event {
                recipient: text(v, "recipient"),
                status: text(v, "status"),
                code: code.map(Code::Number),
                code_meaning: code.map(|c| sms_code_meaning(c).to_owned()),
                at: text(v, "at"),
                ..base
            }])
        }
        "delivery_report_sms" | "delivery_report_mms" => batch_report(v, base),
        "mo_text" | "mo_binary" | "mo_media" => {
            let body_text = match kind {
                "mo_text" => text(v, "body"),
                "mo_binary" => text(v, "body").map(|b| {
                    format!(
                        "<binary {} base64 chars, udh {}>",
                        b.len(),
                        text(v, "udh").unwrap_or_default()
                    )
                }),
                _ => v.get("body").map(media_summary),
            };
            Parsed::Events(vec![Event {
                id: text(v, "id"),
                from: text(v, "from"),
                to: text(v, "to"),
                text: body_text,
                at: text(v, "received_at"),
                ..base
            }])
        }
        other => Parsed::UnknownShape(format!("unknown SMS callback type {other:?}")),
    }
}

/// A batch delivery report: one event per status bucket, or one bare event
/// carrying only the total when it lists no statuses.
fn batch_report(v: &Value, base: Event) -> Parsed {
    let total = number(v.get("total_message_count")).and_then(|n| u64::try_from(n).ok());
    let statuses = v
        .get("statuses")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if statuses.is_empty() {
        return Parsed::Events(vec![Event {
            total_message_count: total,
            ..base
        }]);
    }
    Parsed::Events(
        statuses
            .iter()
            .map(|s| {
                let code = number(s.get("code"));
                Event {
                    status: text(s, "status"),
                    code: code.map(Code::Number),
                    code_meaning: code.map(|c| sms_code_meaning(c).to_owned()),
                    count: number(s.get("count")).and_then(|n| u64::try_from(n).ok()),
                    recipients: s
                        .get("recipients")
                        .and_then(Value::as_array)
                        .map(|r| {
                            r.iter()
                                .filter_map(|x| x.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default(),
                    total_message_count: total,
                    ..base.clone()
                }
            })
            .collect(),
    )
}

fn media_summary(body: &Value) -> String {
    let mut parts = Vec::new();
    if let Some(s) = body.get("subject").and_then(Value::as_str) {
        parts.push(format!("subject {s:?}"));
    }
    if let Some(m) = body.get("message").and_then(Value::as_str) {
        parts.push(m.to_owned());
    }
    let media = body
        .get("media")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    parts.push(format!("<{media} media>"));
    parts.join(" ")
}

fn parse_conversation(v: &Value) -> Parsed {
    let Some((key, trigger)) = CONVERSATION_TRIGGERS
        .iter()
        .find(|(k, _)| v.get(*k).is_some_and(Value::is_object))
    else {
        return Parsed::UnknownShape(
            "a Conversation envelope without a known trigger object".into(),
        );
    };
    let inner = &v[*key];
    let identity = inner.get("channel_identity");
    let reason = inner.get("reason");
    let mut ev = Event {
        family: Some(Family::Conversation),
        kind: (*key).to_owned(),
        trigger: Some(trigger),
        status: text(inner, "status"),
        recipient: identity.and_then(|i| text(i, "identity")),
        channel: identity.and_then(|i| text(i, "channel")),
        code: reason.and_then(|r| text(r, "code")).map(Code::Reason),
        code_meaning: reason
            .and_then(|r| text(r, "description"))
            .filter(|d| !d.is_empty()),
        client_reference: text(inner, "metadata").filter(|m| !m.is_empty()),
        at: text(v, "event_time").or_else(|| text(v, "accepted_time")),
        ..Event::default()
    };
    match *key {
        "message_delivery_report" => ev.id = text(inner, "message_id"),
        "event_delivery_report" => ev.id = text(inner, "event_id"),
        "message" => {
            ev.id = text(inner, "id");
            ev.from = ev.recipient.take();
            // The app's side of an inbound message: your number on SMS when
            // Sinch says it, else the Conversation app that received it.
            ev.to =
                text(inner, "sender_id").or_else(|| text(v, "app_id").map(|a| format!("app {a}")));
            let contact = inner.get("contact_message");
            ev.text = contact.and_then(|c| {
                c.get("text_message")
                    .and_then(|t| text(t, "text"))
                    .or_else(|| {
                        c.as_object()
                            .and_then(|o| o.keys().next())
                            .map(|k| format!("<{k}>"))
                    })
            });
        }
        _ => ev.id = text(inner, "id").or_else(|| text(inner, "message_id")),
    }
    Parsed::Events(vec![ev])
}

/// A string field; numbers are accepted and shown as text.
fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A number that may arrive as a JSON number or a numeric string (seen in Sinch's SDK fixtures).
pub fn number(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A boolean that may arrive as `true`/`false` or `"true"`/`"False"` (seen in Sinch's SDK fixtures).
pub fn boolean(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// What an SMS delivery report code means (Sinch's delivery report code table). The table is open:
/// unknown codes below 400 are SMPP error codes from the operator.
pub fn sms_code_meaning(code: i64) -> &'static str {
    match code {
        // Sinch no longer turns non-delivered codes into 34, so 0 also comes
        // with Expired or Failed: the status, not the code, tells the outcome.
        0 => "no error",
        400 => "queued in the REST API",
        401 => "dispatched to the SMSC",
        402 => "message unroutable: the SMSC rejected it; retrying likely gives the same error",
        403 => "internal error",
        404 => "temporary delivery failure; may be retried",
        405 => "unmatched parameter: a ${param} has no value for this recipient",
        406 => "internal expiry before reaching the SMSC",
        407 => "cancelled by the user before reaching the SMSC",
        408 => "internal reject: the SMSC rejected the message",
        409 => "price threshold exceeded",
        410 => "unmatched default originator for this recipient",
        411 => "exceeded parts limit (max_number_of_message_parts)",
        412 => "unprovisioned region: account not provisioned for this destination",
        413 => "blocked: account blocked, possibly out of credit",
        414 => "MMS: bad media, the media URL is unreachable",
        415 => "MMS: rejected by the gateway or network",
        416 => "MMS: not supported by the MMSC",
        417 => "MMS: destination network or subscriber unreachable",
        418 => "MMS: content not recognised by the handset",
        1..400 => "operator (SMPP) error code",
        _ => "unknown code",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(body: &str) -> Vec<Event> {
        match parse(body.as_bytes()) {
            Parsed::Events(e) => e,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn recipient_report_with_string_code() {
        let e = &events(
            r#"{"type":"recipient_delivery_report_sms","batch_id":"B","recipient":"123","code":"402","status":"Aborted","at":"2025-01-13T09:22:40.914Z","client_reference":"r","unknown":1}"#,
        )[0];
        assert_eq!(e.family, Some(Family::Sms));
        assert_eq!(e.code, Some(Code::Number(402)));
        assert!(e.code_meaning.as_deref().unwrap().contains("unroutable"));
        assert_eq!(
            (e.id.as_deref(), e.recipient.as_deref(), e.status.as_deref()),
            (Some("B"), Some("123"), Some("Aborted"))
        );
    }

    #[test]
    fn batch_report_one_event_per_status() {
        let ev = events(
            r#"{"type":"delivery_report_sms","batch_id":"B","total_message_count":"2","statuses":[{"code":0,"status":"Delivered","count":1,"recipients":["1"]},{"code":402,"status":"Aborted","count":"1"}]}"#,
        );
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[0].recipients, vec!["1"]);
        assert_eq!(ev[1].count, Some(1));
        assert_eq!(ev[1].total_message_count, Some(2));
    }

    #[test]
    fn inbound_kinds() {
        let e = &events(
            r#"{"type":"mo_text","id":"I","from":"12015555555","to":"12017777777","body":"Hello John! 👋","received_at":"2024-06-06T07:52:37.386Z","operator_id":"311071"}"#,
        )[0];
        assert_eq!(
            (e.from.as_deref(), e.to.as_deref(), e.text.as_deref()),
            (
                Some("12015555555"),
                Some("12017777777"),
                Some("Hello John! 👋")
            )
        );
        let e = &events(
            r#"{"type":"mo_binary","id":"I","from":"1","to":"2","body":"AAEC","udh":"050003","received_at":"x"}"#,
        )[0];
        assert!(e.text.as_deref().unwrap().contains("binary"));
        let e = &events(
            r#"{"type":"mo_media","id":"I","from":"1","to":"2","body":{"subject":"s","media":[{"url":"u","content_type":"image/png","status":"Uploaded","code":0}]},"received_at":"x"}"#,
        )[0];
        assert!(e.text.as_deref().unwrap().contains("<1 media>"));
        // A Conversation inbound message without sender_id is to the app.
        let e = &events(
            r#"{"app_id":"APP1","accepted_time":"2024-06-06T14:42:42.429Z","message":{"id":"I","direction":"TO_APP","contact_message":{"text_message":{"text":"STOP"}},"channel_identity":{"channel":"SMS","identity":"46700000001","app_id":""}}}"#,
        )[0];
        assert_eq!(
            (e.from.as_deref(), e.to.as_deref(), e.text.as_deref()),
            (Some("46700000001"), Some("app APP1"), Some("STOP"))
        );
    }

    #[test]
    fn conversation_triggers() {
        let e = &events(
            r#"{"app_id":"A","accepted_time":"2020-11-17T16:01:06.374Z","event_time":"2020-11-17T16:01:07Z","project_id":"P","message_delivery_report":{"message_id":"M","conversation_id":"C","status":"FAILED","channel_identity":{"channel":"WHATSAPP","identity":"12345678910","app_id":""},"contact_id":"X","reason":{"code":"OUTSIDE_ALLOWED_SENDING_WINDOW","description":"late","sub_code":"UNSPECIFIED_SUB_CODE"},"metadata":""}}"#,
        )[0];
        assert_eq!(e.trigger, Some("MESSAGE_DELIVERY"));
        assert_eq!(
            e.code,
            Some(Code::Reason("OUTSIDE_ALLOWED_SENDING_WINDOW".into()))
        );
        assert_eq!(
            (e.id.as_deref(), e.recipient.as_deref(), e.at.as_deref()),
            (Some("M"), Some("12345678910"), Some("2020-11-17T16:01:07Z"))
        );
        let e = &events(
            r#"{"app_id":"A","project_id":"P","message":{"id":"M2","direction":"TO_APP","contact_message":{"text_message":{"text":"hi"}},"channel_identity":{"channel":"SMS","identity":"46700000001","app_id":""}}}"#,
        )[0];
        assert_eq!(
            (e.trigger, e.from.as_deref(), e.text.as_deref()),
            (Some("MESSAGE_INBOUND"), Some("46700000001"), Some("hi"))
        );
        let e = &events(
            r#"{"app_id":"A","project_id":"P","event_delivery_report":{"event_id":"E","status":"DELIVERED","channel_identity":{"channel":"RCS","identity":"1"}}}"#,
        )[0];
        assert_eq!(
            (e.trigger, e.id.as_deref()),
            (Some("EVENT_DELIVERY"), Some("E"))
        );
        let e = &events(
            r#"{"app_id":"","project_id":"P","contact_create_notification":{"contact":{"id":"C"}}}"#,
        )[0];
        assert_eq!(e.trigger, Some("CONTACT_CREATE"));
    }

    #[test]
    fn unknown_shapes() {
        assert!(matches!(parse(b"hello"), Parsed::NotJson(_)));
        assert!(matches!(parse(b"[1]"), Parsed::UnknownShape(_)));
        assert!(matches!(
            parse(br#"{"type":"weird"}"#),
            Parsed::UnknownShape(_)
        ));
        assert!(matches!(parse(br#"{"x":1}"#), Parsed::UnknownShape(_)));
        assert!(matches!(
            parse(br#"{"app_id":"a","other":{}}"#),
            Parsed::UnknownShape(_)
        ));
    }

    #[test]
    fn lenient_scalars() {
        use serde_json::json;
        assert_eq!(number(Some(&json!("12"))), Some(12));
        assert_eq!(number(Some(&json!(12))), Some(12));
        assert_eq!(number(Some(&json!("x"))), None);
        assert_eq!(boolean(Some(&json!("False"))), Some(false));
        assert_eq!(boolean(Some(&json!(true))), Some(true));
    }
}
