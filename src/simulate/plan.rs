//! Scenario plans as pure data: which bodies to send, in which order, with
//! which labels. No I/O; the caller supplies fields, ids and times.

use super::payload::{self, Fields, StatusCount};

/// Application id in simulated Conversation callbacks.
pub const APP_ID: &str = "01HSINCHCTLSIMULATEDAPP00";
/// Project id in simulated Conversation callbacks.
pub const PROJECT_ID: &str = "00000000-0000-4000-8000-00000000000a";
/// The most recipients of the batch scenario (Sinch's batch limit is 1000).
pub const MAX_RECIPIENTS: usize = 1000;

/// A kind of callback body, SMS or Conversation API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// SMS per-recipient delivery report.
    RecipientDr,
    /// SMS batch delivery report.
    BatchDr,
    /// SMS inbound text.
    Mo,
    /// Conversation delivery report.
    ConversationDr,
    /// Conversation inbound message.
    ConversationMo,
}

impl Kind {
    /// The name Sinch uses for the kind (`type` or trigger).
    pub fn name(self) -> &'static str {
        match self {
            Kind::RecipientDr => "recipient_delivery_report_sms",
            Kind::BatchDr => "delivery_report_sms",
            Kind::Mo => "mo_text",
            Kind::ConversationDr => "MESSAGE_DELIVERY",
            Kind::ConversationMo => "MESSAGE_INBOUND",
        }
    }

    /// The kind as a person types it on the command line (`simulate mo`).
    pub fn arg(self) -> &'static str {
        match self {
            Kind::RecipientDr => "recipient-dr",
            Kind::BatchDr => "batch-dr",
            Kind::Mo => "mo",
            Kind::ConversationDr => "conversation-dr",
            Kind::ConversationMo => "conversation-mo",
        }
    }

    /// Whether the kind is a Conversation API callback.
    pub fn is_conversation(self) -> bool {
        matches!(self, Kind::ConversationDr | Kind::ConversationMo)
    }

    /// Whether the kind carries a delivery status (inbound messages do not).
    pub fn has_status(self) -> bool {
        !matches!(self, Kind::Mo | Kind::ConversationMo)
    }

    /// The status sent when none is given.
    pub fn default_status(self) -> &'static str {
        if self.is_conversation() {
            "DELIVERED"
        } else {
            "Delivered"
        }
    }
}

/// A sequence of callbacks about one message (see [`Spec::scenario`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// The first status, then the success status.
    Delivered,
    /// The first status, then the failure status.
    Failed,
    /// SMS only: Dispatched, Expired.
    Expired,
    /// SMS only: one Rejected report.
    Rejected,
    /// The success report sent before the (older) first status.
    OutOfOrder,
    /// One report, sent twice.
    Duplicate,
    /// SMS only: two reports per recipient, then the batch's full report.
    Batch,
    /// One report, resent while the answer asks for a retry.
    Retry,
}

/// One callback to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What the callback is, for people.
    pub label: String,
    /// The body.
    pub body: Vec<u8>,
}

/// What to send for one kind.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The kind of callback.
    pub kind: Kind,
    /// Field values.
    pub fields: Fields,
    /// Delivery status (ignored by inbound kinds).
    pub status: String,
    /// Delivery code; `None` for the code Sinch pairs with the status.
    pub code: Option<i64>,
}

/// A plan: fixed steps, or one callback resent like Sinch's retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Send each step once, in order.
    Steps(Vec<Step>),
    /// Send this one, resending while the endpoint asks for a retry.
    Retry(Step),
}

impl Spec {
    /// The body of one callback of this spec's kind with `status` at `at`.
    /// `id` is the message id of inbound kinds.
    pub fn body(&self, status: &str, code: Option<i64>, at: &str, id: &str) -> Vec<u8> {
        let f = Fields {
            at: at.to_owned(),
            ..self.fields.clone()
        };
        let code = code.unwrap_or_else(|| payload::default_code(status));
        match self.kind {
            Kind::RecipientDr => payload::recipient_dr(&f, status, code),
            Kind::BatchDr => payload::batch_dr(
                &f,
                &[StatusCount {
                    status: status.to_owned(),
                    code,
                    recipients: vec![f.recipient.clone()],
                }],
            ),
            Kind::Mo => payload::mo_text(&f, id),
            Kind::ConversationDr => payload::conversation_dr(&f, status, APP_ID, PROJECT_ID),
            Kind::ConversationMo => payload::conversation_mo(&f, id, APP_ID, PROJECT_ID),
        }
    }

    /// The label of one callback: the kind and its status, or sender and recipient for inbound kinds.
    pub fn label(&self, status: &str) -> String {
        if self.kind.has_status() {
            format!("{} {status}", self.kind.name())
        } else {
            format!(
                "{} from {} to {}",
                self.kind.name(),
                self.fields.from,
                self.fields.to
            )
        }
    }

    /// The one callback this spec describes.
    pub fn single(&self, id: &str) -> Step {
        Step {
            label: self.label(&self.status),
            body: self.body(&self.status, self.code, &self.fields.at, id),
        }
    }

    /// The callbacks of `scenario`, or why the scenario does not apply to this kind.
    pub fn scenario(&self, scenario: Scenario, recipients: usize) -> Result<Plan, String> {
        let kind = self.kind;
        if !matches!(kind, Kind::RecipientDr | Kind::ConversationDr) {
            return Err(format!(
                "scenarios apply to recipient-dr and conversation-dr, not {}",
                kind.arg()
            ));
        }
        let conv = kind.is_conversation();
        if conv
            && matches!(
                scenario,
                Scenario::Expired | Scenario::Rejected | Scenario::Batch
            )
        {
            return Err(
                "expired, rejected and batch are SMS scenarios; use them with recipient-dr".into(),
            );
        }
        let (first, second, failed) = if conv {
            ("QUEUED_ON_CHANNEL", "DELIVERED", "FAILED")
        } else {
            ("Dispatched", "Delivered", "Failed")
        };
        let t0 = self.fields.at.clone();
        let t1 = later(&t0, 3);
        let step = |status: &str, code: Option<i64>, at: &str, note: &str| Step {
            label: format!("{}{note}", self.label(status)),
            body: self.body(status, code, at, ""),
        };
        let code = self.code;
        let steps = match scenario {
            Scenario::Delivered => vec![step(first, None, &t0, ""), step(second, None, &t1, "")],
            Scenario::Failed => vec![step(first, None, &t0, ""), step(failed, code, &t1, "")],
            Scenario::Expired => vec![step(first, None, &t0, ""), step("Expired", code, &t1, "")],
            Scenario::Rejected => vec![step("Rejected", code, &t0, "")],
            Scenario::OutOfOrder => vec![
                step(second, None, &t1, " (sent first)"),
                step(first, None, &t0, " (older, sent late)"),
            ],
            Scenario::Duplicate => {
                let one = step(&self.status, code, &t0, "");
                let again = Step {
                    label: format!("{} (duplicate)", one.label),
                    body: one.body.clone(),
                };
                vec![one, again]
            }
            Scenario::Batch => batch(&self.fields, recipients.clamp(1, MAX_RECIPIENTS), &t0, &t1),
            Scenario::Retry => return Ok(Plan::Retry(step(&self.status, code, &t0, ""))),
        };
        Ok(Plan::Steps(steps))
    }
}

/// A time `secs` seconds after `at` (RFC 3339), for ordering scenario events.
pub fn later(at: &str, secs: i64) -> String {
    match at.parse::<jiff::Timestamp>() {
        Ok(t) => crate::webhook::callback::sinch_time(
            t.checked_add(jiff::SignedDuration::from_secs(secs))
                .unwrap_or(t),
        ),
        Err(_) => at.to_owned(),
    }
}

/// The `i`th recipient counted from `first` (a number), for batch and load runs.
pub fn nth_recipient(first: &str, i: u64) -> String {
    let base: u64 = first.parse().unwrap_or(46_700_000_001);
    base.saturating_add(i).to_string()
}

/// Per-recipient Dispatched and Delivered reports, then the full batch report.
fn batch(f: &Fields, n: usize, t0: &str, t1: &str) -> Vec<Step> {
    let recipients: Vec<String> = (0..n as u64)
        .map(|i| nth_recipient(&f.recipient, i))
        .collect();
    let mut plan = Vec::with_capacity(2 * n + 1);
    for r in &recipients {
        for (status, code, at) in [("Dispatched", 401, t0), ("Delivered", 0, t1)] {
            let rf = Fields {
                recipient: r.clone(),
                at: at.to_owned(),
                ..f.clone()
            };
            plan.push(Step {
                label: format!("recipient_delivery_report_sms {r} {status}"),
                body: payload::recipient_dr(&rf, status, code),
            });
        }
    }
    let summary = [StatusCount {
        status: "Delivered".into(),
        code: 0,
        recipients,
    }];
    plan.push(Step {
        label: format!(
            "delivery_report_sms {}",
            crate::simulate::view::count(n as u64, "recipient", "recipients")
        ),
        body: payload::batch_dr(f, &summary),
    });
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: Kind) -> Spec {
        Spec {
            kind,
            fields: Fields {
                batch_id: "B".into(),
                recipient: "46700000001".into(),
                from: "46700000002".into(),
                to: "46700000000".into(),
                at: "2025-01-01T00:00:00.000Z".into(),
                ..Fields::default()
            },
            status: kind.default_status().into(),
            code: None,
        }
    }

    #[test]
    fn scenario_times_move_forward() {
        assert_eq!(
            later("2025-01-01T00:00:00.000Z", 3),
            "2025-01-01T00:00:03.000Z"
        );
        assert_eq!(later("not a time", 3), "not a time");
    }

    #[test]
    fn batch_plan_reports_every_recipient_then_the_summary() {
        let Ok(Plan::Steps(plan)) = spec(Kind::RecipientDr).scenario(Scenario::Batch, 3) else {
            panic!("batch applies to recipient-dr")
        };
        assert_eq!(plan.len(), 7);
        assert!(plan[6].label.contains("3 recipients"));
        assert!(String::from_utf8_lossy(&plan[6].body).contains("46700000003"));
        let Ok(Plan::Steps(one)) = spec(Kind::RecipientDr).scenario(Scenario::Batch, 1) else {
            panic!("batch of one")
        };
        assert!(one[2].label.ends_with("1 recipient"));
    }

    #[test]
    fn scenarios_refuse_kinds_they_do_not_apply_to() {
        for kind in [Kind::Mo, Kind::BatchDr, Kind::ConversationMo] {
            for s in [Scenario::Batch, Scenario::Delivered, Scenario::Retry] {
                assert!(spec(kind).scenario(s, 3).is_err(), "{kind:?} {s:?}");
            }
        }
        for s in [Scenario::Batch, Scenario::Expired, Scenario::Rejected] {
            assert!(spec(Kind::ConversationDr).scenario(s, 3).is_err(), "{s:?}");
        }
    }

    #[test]
    fn inbound_labels_name_sender_and_recipient() {
        assert_eq!(
            spec(Kind::Mo).single("I").label,
            "mo_text from 46700000002 to 46700000000"
        );
        assert_eq!(
            spec(Kind::RecipientDr).single("I").label,
            "recipient_delivery_report_sms Delivered"
        );
    }
}
