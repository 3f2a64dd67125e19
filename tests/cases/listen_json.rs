//! `listen` through the real binary: every callback family parsed and
//! shown, signed bodies it cannot understand, and the NDJSON snapshot and
//! schema (the contract of `listen --json`).

use crate::support::{Env, fixture, now_unix, post_signed, post_signed_at};

use super::listen::{SECRET, assert_schema};

#[test]
fn every_callback_family_is_parsed_and_shown() {
    let env = Env::new();
    let l = env.listen_with(&["--json"], &[("SINCH_WEBHOOK_SECRET", SECRET)]);
    // (fixture, family, kind, trigger, text the human line must contain)
    let cases = [
        (
            "delivery_report_sms.json",
            "sms",
            "delivery_report_sms",
            None,
            "Aborted",
        ),
        (
            "delivery_report_mms.json",
            "sms",
            "delivery_report_mms",
            None,
            "recipients 12017777777,33612345678",
        ),
        (
            "recipient_delivery_report_sms.json",
            "sms",
            "recipient_delivery_report_sms",
            None,
            "code 0",
        ),
        (
            "recipient_delivery_report_mms.json",
            "sms",
            "recipient_delivery_report_mms",
            None,
            "code 417 (MMS",
        ),
        ("mo_text.json", "sms", "mo_text", None, "Hello John! 👋"),
        ("mo_binary.json", "sms", "mo_binary", None, "binary"),
        ("mo_media.json", "sms", "mo_media", None, "<1 media>"),
        (
            "conversation_message_delivery_report.json",
            "conversation",
            "message_delivery_report",
            Some("MESSAGE_DELIVERY"),
            "OUTSIDE_ALLOWED_SENDING_WINDOW",
        ),
        (
            "conversation_message.json",
            "conversation",
            "message",
            Some("MESSAGE_INBOUND"),
            "\"STOP\"",
        ),
        (
            "conversation_event_delivery_report.json",
            "conversation",
            "event_delivery_report",
            Some("EVENT_DELIVERY"),
            "DELIVERED",
        ),
        (
            "conversation_event.json",
            "conversation",
            "event",
            Some("EVENT_INBOUND"),
            "EVENT_INBOUND",
        ),
        (
            "conversation_contact_create_notification.json",
            "conversation",
            "contact_create_notification",
            Some("CONTACT_CREATE"),
            "CONTACT_CREATE",
        ),
    ];
    for (file, ..) in &cases {
        let reply = post_signed(
            &l.addr(),
            "/",
            SECRET,
            &fixture(&format!("callbacks/{file}")),
        );
        assert_eq!(reply.status, 200, "{file}");
    }
    let done = l.stop();
    let lines = done.json_lines();
    assert_schema(&lines);
    for (i, (file, family, kind, trigger, _)) in cases.iter().enumerate() {
        let line = &lines[i];
        assert_eq!(line["verdict"], "verified", "{file}");
        assert_eq!(
            (line["family"].as_str(), line["kind"].as_str()),
            (Some(*family), Some(*kind)),
            "{file}"
        );
        assert_eq!(line["trigger"].as_str(), *trigger, "{file}");
        assert!(line["warning"].is_null(), "{file}: {}", line["warning"]);
    }
    // Batch summary: one event per status entry, numbers given as strings parsed leniently.
    assert_eq!(lines[0]["events"].as_array().unwrap().len(), 2);
    assert_eq!(lines[1]["events"][0]["count"], 2);
    assert_eq!(lines[1]["events"][0]["total_message_count"], 2);
    assert_eq!(lines[7]["events"][0]["class"], "failure");

    // The same bodies as human lines.
    let l = env.listen_with(&[], &[("SINCH_WEBHOOK_SECRET", SECRET)]);
    for (file, ..) in &cases {
        post_signed(
            &l.addr(),
            "/",
            SECRET,
            &fixture(&format!("callbacks/{file}")),
        );
    }
    let done = l.stop();
    let text = done.stdout_text();
    for (file, .., must) in &cases {
        assert!(
            text.contains(must),
            "{file}: {must:?} missing from:\n{text}"
        );
    }
}

#[test]
fn signed_but_unintelligible_bodies_are_acknowledged_with_a_warning() {
    let env = Env::new();
    let l = env.listen_with(&[], &[("SINCH_WEBHOOK_SECRET", SECRET)]);
    assert_eq!(
        post_signed(&l.addr(), "/", SECRET, b"hello, not json").status,
        200
    );
    assert_eq!(
        post_signed(&l.addr(), "/", SECRET, br#"{"type":"brand_new_kind"}"#).status,
        200
    );
    let lines = l.wait_lines(2);
    assert!(
        lines[0].contains("warning")
            && lines[0].contains("15 bytes")
            && lines[0].contains("hello, not json"),
        "{lines:?}"
    );
    assert!(lines[1].contains("brand_new_kind"), "{lines:?}");
}

/// Normalises the volatile fields of an NDJSON line for the snapshot.
fn normalise(mut v: serde_json::Value) -> serde_json::Value {
    for key in ["time", "latency_ms"] {
        if v.get(key).is_some() {
            v[key] = serde_json::json!(format!("<{key}>"));
        }
    }
    v
}

#[test]
fn json_output_matches_the_documented_snapshot() {
    let env = Env::new();
    let l = env.listen_with(
        &["--json", "--path", "/sinch"],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    post_signed_at(
        &l.addr(),
        "/sinch",
        SECRET,
        &fixture("v4_body.json"),
        "01JHFFHWYY7HSS4FWTMDTQEK8V",
        now_unix(),
    );
    post_signed_at(
        &l.addr(),
        "/sinch",
        SECRET,
        &fixture("callbacks/conversation_message_delivery_report.json"),
        "01JHFFHWYY7HSS4FWTMDTQEK8W",
        now_unix(),
    );
    post_signed_at(
        &l.addr(),
        "/sinch",
        SECRET,
        b"not json",
        "01JHFFHWYY7HSS4FWTMDTQEK8X",
        now_unix(),
    );
    post_signed_at(
        &l.addr(),
        "/sinch",
        "wrong",
        b"{}",
        "01JHFFHWYY7HSS4FWTMDTQEK8Y",
        now_unix(),
    );
    let done = l.stop();
    assert_schema(&done.json_lines());
    let actual: String = done
        .json_lines()
        .into_iter()
        .map(|v| format!("{}\n", serde_json::to_string_pretty(&normalise(v)).unwrap()))
        .collect();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/listen_json.txt");
    if std::env::var_os("SINCHCTL_REGENERATE").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        actual, expected,
        "listen --json changed; if intended, update tests/schema/listen.schema.json and run SINCHCTL_REGENERATE=1 cargo test --test cli listen"
    );
}
