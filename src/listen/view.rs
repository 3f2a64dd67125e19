//! Rendering what `listen` saw: one coloured line per event for people, one
//! NDJSON object per request for programs, and the closing summary. Pure:
//! takes a handled request and the tracker's verdicts, returns text.

use serde::Serialize;
use serde_json::{Value, json};

use crate::listen::events::{Handled, Seen, Verdict};
use crate::listen::forward::Forwarded;
use crate::listen::tracker::{Class, Observation, Tracker, classify, is_final};
use crate::output::{Painter, count};
use crate::webhook::callback::{Event, Family, Parsed};
use crate::webhook::capture::Record;

fn events(seen: &Seen) -> &[Event] {
    match &seen.parsed {
        Some(Parsed::Events(e)) => e,
        _ => &[],
    }
}

fn warning(parsed: Option<&Parsed>) -> Option<(&'static str, &str)> {
    match parsed {
        Some(Parsed::NotJson(why)) => Some(("not_json", why)),
        Some(Parsed::UnknownShape(why)) => Some(("unknown_shape", why)),
        _ => None,
    }
}

/// The first bytes of a body, printable, for warning lines.
pub fn preview(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(max)]);
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { '·' } else { c })
        .collect();
    if body.len() > max {
        out.push('…');
    }
    out
}

/// Colours a status by its class.
pub fn paint_status(p: &Painter, status: &str) -> String {
    match classify(status) {
        Class::Intermediate => p.yellow(status),
        Class::Success => p.green(status),
        Class::Failure => p.red(status),
        Class::Unknown => p.paint(status, owo_colors::Style::new().magenta()),
    }
}

/// The time (and UNVERIFIED mark) every human line starts with.
fn line_prefix(d: &Handled, p: &Painter, tz: &jiff::tz::TimeZone) -> String {
    let time = p.dim(
        &d.received_at
            .to_zoned(tz.clone())
            .strftime("%H:%M:%S%.3f")
            .to_string(),
    );
    if d.verdict == Verdict::Unverified {
        let mark = p.paint("UNVERIFIED", owo_colors::Style::new().red().bold());
        return format!("{time} {mark}");
    }
    time
}

/// What the forward target did, appended to the line.
fn forward_tail(d: &Handled, p: &Painter) -> String {
    match &d.forwarded {
        Some(Forwarded::Answered(code)) => {
            let s = format!("→ app {code}");
            let painted = if (200..300).contains(code) {
                p.dim(&s)
            } else {
                p.red(&s)
            };
            format!("  {painted}")
        }
        Some(Forwarded::Failed(why)) => format!("  {}", p.red(&format!("→ {why} ({})", d.status))),
        None => String::new(),
    }
}

/// Who sent a request: the original client from `X-Forwarded-For` (marked
/// as forwarded) when a tunnel or proxy set it, else the peer.
fn client(d: &Handled) -> String {
    let forwarded = d
        .headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(crate::listen::tunnel::forwarded_for);
    match forwarded {
        Some(ip) => format!("{ip} (forwarded by {})", d.peer),
        None => d.peer.to_string(),
    }
}

/// The one line for a request that is not shown event by event.
fn problem_line(seen: &Seen, p: &Painter) -> Option<String> {
    let d = &seen.request;
    if let Some(message) = d.verdict.reason_text() {
        let line = format!(
            "{} rejected: {message}  {} {} from {}",
            d.status,
            d.method,
            d.path,
            client(d)
        );
        return Some(p.red(&line));
    }
    if let Some(Forwarded::Failed(why)) = &d.forwarded {
        let line = format!(
            "{} forward failed: {why}  {} {} (not counted as delivered; Sinch retries 5xx)",
            d.status, d.method, d.path
        );
        return Some(p.red(&line));
    }
    if let Some(err) = &d.record_error {
        let line = format!(
            "{} not acknowledged: cannot write the record ({err}); Sinch will retry",
            d.status
        );
        return Some(p.red(&line));
    }
    let (_, why) = warning(seen.parsed.as_ref())?;
    let line = format!(
        "{} warning: signed body not understood ({why}); {} bytes: {}",
        d.status,
        d.body.len(),
        preview(&d.body, 60)
    );
    Some(p.yellow(&line))
}

/// The fields of one event, joined.
fn event_fields(e: &Event, p: &Painter) -> String {
    let kind = e.trigger.unwrap_or(&e.kind);
    let mut fields = vec![
        format!("{kind:<30}"),
        e.id.clone().unwrap_or_else(|| "-".into()),
    ];
    if let Some(status) = &e.status {
        fields.push(e.recipient.clone().unwrap_or_else(|| "-".into()));
        fields.push(paint_status(p, status));
        if let Some(count) = e.count {
            fields.push(format!("×{count}"));
        }
        if let Some(code) = &e.code {
            let meaning = e
                .code_meaning
                .as_deref()
                .map(|m| format!(" ({m})"))
                .unwrap_or_default();
            fields.push(format!("code {code}{meaning}"));
        }
        if !e.recipients.is_empty() {
            fields.push(format!("recipients {}", e.recipients.join(",")));
        }
    } else if e.from.is_some() || e.text.is_some() {
        // An unknown end is left out rather than shown as `?`.
        let ends = [("from", &e.from), ("to", &e.to)]
            .into_iter()
            .filter_map(|(word, end)| end.as_deref().map(|end| format!("{word} {end}")))
            .collect::<Vec<_>>();
        if !ends.is_empty() {
            fields.push(ends.join(" "));
        }
        if let Some(t) = &e.text {
            fields.push(format!("{t:?}"));
        }
    }
    if let Some(ch) = &e.channel {
        fields.push(format!("via {ch}"));
    }
    if let Some(r) = &e.client_reference {
        fields.push(format!("ref={r}"));
    }
    fields.join("  ")
}

/// Human lines for one request: one per event, or one for a rejection or warning.
pub fn human_lines(seen: &Seen, p: &Painter, tz: &jiff::tz::TimeZone) -> Vec<String> {
    let d = &seen.request;
    let prefix = line_prefix(d, p, tz);
    let tail = forward_tail(d, p);
    if let Some(line) = problem_line(seen, p) {
        // A rejection or an unwritable record was never forwarded: no tail.
        let tail = if matches!(d.verdict, Verdict::Rejected { .. })
            || d.record_error.is_some()
            || matches!(d.forwarded, Some(Forwarded::Failed(_)))
        {
            ""
        } else {
            tail.as_str()
        };
        return vec![format!("{prefix} {line}{tail}")];
    }
    let observations = seen
        .observations
        .iter()
        .chain(std::iter::repeat(&Observation::Untracked));
    events(seen)
        .iter()
        .zip(observations)
        .map(|(e, obs)| {
            let body = event_fields(e, p);
            match obs {
                Observation::Duplicate => {
                    format!("{prefix} {}{tail}", p.dim(&format!("{body}  (duplicate)")))
                }
                Observation::Late => {
                    format!("{prefix} {body}  {}{tail}", p.yellow("late (state kept)"))
                }
                _ => format!("{prefix} {body}{tail}"),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct EventLine<'a> {
    #[serde(flatten)]
    event: &'a Event,
    #[serde(skip_serializing_if = "Option::is_none")]
    class: Option<Class>,
    #[serde(rename = "final", skip_serializing_if = "Option::is_none")]
    is_final: Option<bool>,
    observation: Observation,
}

#[derive(Serialize)]
struct WarningLine<'a> {
    code: &'static str,
    message: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ForwardLine<'a> {
    Answered { status: u16 },
    Failed { error: &'a str },
}

// Serialised straight from borrowed data: this runs once per callback.
#[derive(Serialize)]
struct RequestLine<'a> {
    #[serde(rename = "type")]
    kind_of_line: &'static str,
    time: String,
    verdict: &'static str,
    reason: Option<&'a str>,
    reason_message: Option<&'a str>,
    status: u16,
    method: &'a str,
    path: &'a str,
    latency_ms: f64,
    family: Option<Family>,
    kind: Option<&'a str>,
    trigger: Option<&'static str>,
    events: Vec<EventLine<'a>>,
    warning: Option<WarningLine<'a>>,
    forwarded: Option<ForwardLine<'a>>,
    record_error: Option<&'a str>,
    body: Option<&'a str>,
    body_base64: Option<String>,
}

/// The NDJSON line for one request (schema documented in the README).
pub fn json_line(seen: &Seen) -> String {
    let d = &seen.request;
    let (verdict, reason, message) = match &d.verdict {
        Verdict::Verified => ("verified", None, None),
        Verdict::Unverified => ("unverified", None, None),
        Verdict::Rejected { code, .. } => {
            ("rejected", Some(code.as_str()), d.verdict.reason_text())
        }
    };
    let evs = events(seen);
    let events_out = evs
        .iter()
        .zip(
            seen.observations
                .iter()
                .chain(std::iter::repeat(&Observation::Untracked)),
        )
        .map(|(e, obs)| EventLine {
            event: e,
            class: e.status.as_deref().map(classify),
            is_final: e.status.as_deref().map(is_final),
            observation: *obs,
        })
        .collect();
    let text_body = std::str::from_utf8(&d.body).ok();
    let line = RequestLine {
        kind_of_line: "request",
        time: crate::webhook::callback::sinch_time(d.received_at),
        verdict,
        reason,
        reason_message: message.as_deref(),
        status: d.status,
        method: &d.method,
        path: &d.path,
        latency_ms: (d.latency.as_secs_f64() * 1_000_000.0).round() / 1000.0,
        family: evs.first().and_then(|e| e.family),
        kind: evs.first().map(|e| e.kind.as_str()),
        trigger: evs.first().and_then(|e| e.trigger),
        events: events_out,
        warning: warning(seen.parsed.as_ref()).map(|(code, message)| WarningLine { code, message }),
        forwarded: d.forwarded.as_ref().map(|f| match f {
            Forwarded::Answered(status) => ForwardLine::Answered { status: *status },
            Forwarded::Failed(why) => ForwardLine::Failed { error: why },
        }),
        record_error: d.record_error.as_deref(),
        body: text_body,
        body_base64: text_body
            .is_none()
            .then(|| Record::body_fields(&d.body).1)
            .flatten(),
    };
    serde_json::to_string(&line)
        .unwrap_or_else(|e| format!("{{\"type\":\"error\",\"message\":\"{e}\"}}"))
}

/// The closing summary as JSON (the last NDJSON line with `--json`).
pub fn summary_json(t: &Tracker, verified: u64) -> Value {
    let messages: Vec<Value> = t
        .messages()
        .map(|(k, s)| json!({"id": k.id, "recipient": k.recipient, "status": s.status, "class": s.class, "code": s.code, "reports": s.reports}))
        .collect();
    let mut summary = json!({
        "type": "summary",
        "accepted": verified,
        "messages": messages,
        "by_status": t.by_status(),
        "rejected": t.rejected,
        "duplicates": t.duplicates,
        "late": t.late,
        "inbound": t.inbound,
        "other": t.other,
        "unparsed": t.unparsed,
        "folded": t.folded.values().sum::<u64>(),
        "overflow": t.overflow,
    });
    // Only when there were some, so the summary of a run without --forward-to keeps its shape.
    if t.forward_failed > 0 {
        summary["forward_failed"] = json!(t.forward_failed);
    }
    summary
}

/// The closing summary as a table for people.
pub fn summary_text(t: &Tracker, verified: u64, p: &Painter) -> String {
    let mut out = String::new();
    let rejected: u64 = t.rejected.values().sum();
    let forward_failed = match t.forward_failed {
        0 => String::new(),
        n => format!(", {n} forward failed"),
    };
    out.push_str(&p.bold(&format!(
        "summary: {} accepted, {rejected} rejected{forward_failed}, {} tracked\n",
        count(verified, "callback"),
        count(t.messages().count() as u64, "message"),
    )));
    for (k, s) in t.messages() {
        let code = s
            .code
            .as_ref()
            .map(|c| format!("code {c}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {:<28} {:<16} {} {} {}\n",
            k.id,
            k.recipient.as_deref().unwrap_or("-"),
            paint_status(p, &s.status),
            code,
            p.dim(&format!("({})", count(s.reports, "report")))
        ));
    }
    let join = |m: &std::collections::BTreeMap<String, u64>| {
        m.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !t.by_status().is_empty() {
        out.push_str(&format!("  by status: {}\n", join(&t.by_status())));
    }
    if !t.rejected.is_empty() {
        out.push_str(&format!("  rejected: {}\n", join(&t.rejected)));
    }
    let folded: u64 = t.folded.values().sum();
    if folded > 0 || t.overflow > 0 {
        out.push_str(&format!(
            "  not listed: {} (counted above), {} untracked over --max-tracked\n",
            count(folded, "older final message"),
            t.overflow
        ));
    }
    out.push_str(&format!(
        "  duplicates: {}  late: {}  inbound: {}  other: {}  not understood: {}\n",
        t.duplicates, t.late, t.inbound, t.other, t.unparsed
    ));
    out
}
