//! Sinch-shaped callback bodies (SMS delivery reports and inbound messages,
//! Conversation delivery reports and inbound messages) and the status/code
//! pairs Sinch sends. Pure: the caller supplies ids and times. This is the one
//! source of callback shapes for `simulate`, `replay` and the sandbox.

use serde_json::json;

/// Values for a callback's fields.
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
    /// `client_reference` (Conversation: `metadata`).
    pub client_reference: Option<String>,
    /// Event time, RFC 3339 with milliseconds and `Z`.
    pub at: String,
    /// Inbound text.
    pub text: String,
}

/// The code Sinch pairs with an SMS status by default.
///
/// Source: Sinch's delivery report code table (SMS API reference, "Delivery
/// reports"; SDK enums `DeliveryReceiptStatusCode` in Java and
/// `DeliveryReceiptCodeEnum` in Node). Codes 400-412 belong to Queued,
/// Dispatched and Aborted (407 also to Cancelled). Other final statuses carry
/// the SMSC's own code (below 400); since Sinch stopped rewriting an absent
/// code from 0 to 34 (SMS release notes), a report without one carries 0.
pub fn default_code(status: &str) -> i64 {
    match status {
        "Queued" => 400,
        "Dispatched" => 401,
        "Aborted" => 402,
        "Cancelled" => 407,
        _ => 0,
    }
}

/// The statuses a Sinch-specific code (400-412) goes with, per that table.
fn statuses_of_code(code: i64) -> Option<&'static [&'static str]> {
    match code {
        400 => Some(&["Queued"]),
        401 => Some(&["Dispatched"]),
        407 => Some(&["Aborted", "Cancelled"]),
        402..=412 => Some(&["Aborted"]),
        _ => None,
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

/// A warning when a status/code pair is one Sinch would not send (per that table).
pub fn odd_pair(status: &str, code: i64) -> Option<String> {
    let ok = match statuses_of_code(code) {
        Some(statuses) => statuses.contains(&status),
        None => match status {
            "Delivered" => code == 0,
            "Queued" | "Dispatched" | "Aborted" | "Cancelled" => false,
            _ => code >= 0,
        },
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
    operator_status_at: &'a str,
    recipient: &'a str,
    status: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// `recipient_delivery_report_sms` at `f.at`, with fields in Sinch's order.
pub fn recipient_dr(f: &Fields, status: &str, code: i64) -> Vec<u8> {
    serde_json::to_vec(&RecipientDr {
        at: &f.at,
        batch_id: &f.batch_id,
        client_reference: f.client_reference.as_deref(),
        code,
        operator_status_at: &f.at,
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

/// Conversation inbound `message` from `f.from` to your `f.to` (`sender_id`).
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
            "sender_id": f.to,
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
        }
    }

    #[test]
    fn recipient_report_has_the_sdk_fixture_shape() {
        // V4's body (SDK fixture); operator_status_at carries milliseconds like `at`.
        let body = recipient_dr(&fields(), "Delivered", 0);
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"at":"2025-01-13T09:22:40.914Z","batch_id":"01JHFFHQ0P99JPPNQPJDV7JTBP","client_reference":"a client reference","code":0,"operator_status_at":"2025-01-13T09:22:40.914Z","recipient":"33662162466","status":"Delivered","type":"recipient_delivery_report_sms"}"#
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
                recipient_dr(&f, "Delivered", 0),
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
    fn status_code_pairs_follow_the_table() {
        for s in SMS_STATUSES {
            assert_eq!(odd_pair(s, default_code(s)), None, "{s}");
        }
        assert!(odd_pair("Delivered", 402).is_some());
        assert!(odd_pair("Aborted", 0).is_some());
        // 406 (internal expiry) and 408 (internal reject) are Aborted codes.
        assert!(odd_pair("Expired", 406).is_some());
        assert!(odd_pair("Rejected", 408).is_some());
        assert_eq!(odd_pair("Aborted", 406), None);
        assert_eq!(odd_pair("Cancelled", 407), None);
        assert_eq!(odd_pair("Failed", 34), None);
    }
}
