//! The conformance suite: checks of an endpoint as a table of data (what to
//! send, what a correct endpoint answers, why it matters), the runner that
//! executes them, and a probe of the endpoint's time window edges.

use std::time::{Duration, Instant};

use super::expect::{Expect, Outcome, Silence};
use super::mutation::{FAR_SKEW_SECS, Mutation, Prepared};
use super::payload::{self, Fields};
use super::plan::{APP_ID, PROJECT_ID, later};
use super::transport::Sender;
use crate::webhook::signature::{NONCE, SIGNATURE, TIMESTAMP, new_nonce};

/// What a probe's body is.
#[derive(Debug, Clone, Copy)]
pub enum Body {
    /// A recipient report of the check's message with this status, at now + seconds.
    Report(&'static str, i64),
    /// Signed bytes that are not JSON.
    Malformed,
    /// A 10 MiB JSON body.
    Oversized,
    /// A Conversation MESSAGE_DELIVERY report.
    ConversationDelivered,
}

/// How a probe is sent.
#[derive(Debug, Clone, Copy)]
pub enum Send {
    /// Freshly signed, then mutated.
    Fresh(Mutation),
    /// The previous probe's request again, byte for byte (same nonce and signature).
    Again,
}

/// One request of a check.
#[derive(Debug, Clone, Copy)]
pub struct Probe {
    /// What it is, for people.
    pub label: &'static str,
    /// Its body.
    pub body: Body,
    /// How it is sent.
    pub send: Send,
    /// What a correct endpoint answers.
    pub expect: Expect,
}

/// One conformance check.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    /// What is checked, named for what can be observed.
    pub name: &'static str,
    /// Whether failing it fails the suite (else it is a warning).
    pub required: bool,
    /// Why it matters.
    pub why: &'static str,
    /// The requests, sent in order; every answer must meet its expectation.
    pub probes: &'static [Probe],
    /// Whether every answer must also come within the budget.
    pub timed: bool,
}

const OK: Expect = Expect::Class(2);
const REFUSED: Expect = Expect::Class(4);
const DELIVERED: Body = Body::Report("Delivered", 0);

const fn fresh(label: &'static str, mutation: Mutation, expect: Expect) -> Probe {
    Probe {
        label,
        body: DELIVERED,
        send: Send::Fresh(mutation),
        expect,
    }
}

const fn check(name: &'static str, why: &'static str, probes: &'static [Probe]) -> Check {
    Check {
        name,
        required: true,
        why,
        probes,
        timed: false,
    }
}

/// The checks, in the order they run.
pub const CHECKS: &[Check] = &[
    check(
        "valid callback accepted",
        "Sinch only stops retrying on 2xx: a valid callback answered otherwise is retried for hours or dropped",
        &[fresh("valid", Mutation::None, OK)],
    ),
    Check {
        timed: true,
        ..check(
            "acknowledged quickly",
            "slow acknowledgements make Sinch time out and retry, producing duplicates",
            &[fresh("valid", Mutation::None, OK)],
        )
    },
    check(
        "tampered body rejected",
        "the signature covers the raw body; accepting a changed body lets anyone forge statuses",
        &[fresh("tampered", Mutation::Tamper, REFUSED)],
    ),
    check(
        "wrong secret rejected",
        "a callback signed with another secret did not come from your Sinch account",
        &[fresh("wrong-secret", Mutation::WrongSecret, REFUSED)],
    ),
    check(
        "stale timestamp rejected",
        "a timestamp 1 h old is outside any sane window; without a window a captured callback can be replayed forever",
        &[fresh("1 h old", Mutation::Stale, REFUSED)],
    ),
    check(
        "future timestamp rejected",
        "a timestamp 1 h ahead extends a forged callback's life; check both directions",
        &[fresh("1 h ahead", Mutation::Future, REFUSED)],
    ),
    check(
        "missing signature headers rejected",
        "an unsigned request must never be treated as a Sinch callback",
        &[
            fresh("no-signature", Mutation::NoSignature, REFUSED),
            fresh(
                "missing signature",
                Mutation::MissingHeader(SIGNATURE),
                REFUSED,
            ),
            fresh("missing nonce", Mutation::MissingHeader(NONCE), REFUSED),
            fresh(
                "missing timestamp",
                Mutation::MissingHeader(TIMESTAMP),
                REFUSED,
            ),
        ],
    ),
    check(
        "replayed callback rejected",
        "the same nonce twice is a replay; remember nonces for the time window",
        &[
            fresh("original", Mutation::None, OK),
            Probe {
                label: "replayed",
                body: DELIVERED,
                send: Send::Again,
                expect: REFUSED,
            },
        ],
    ),
    check(
        "duplicate report answered 2xx twice",
        "Sinch may deliver the same report twice (new nonce, same body): acknowledge both; processing it once is up to you",
        &[
            fresh("first", Mutation::None, OK),
            fresh("duplicate", Mutation::None, OK),
        ],
    ),
    check(
        "out-of-order reports both answered 2xx",
        "reports can arrive out of order: a late Dispatched must be acknowledged (and must not regress Delivered)",
        &[
            Probe {
                label: "Delivered first",
                body: Body::Report("Delivered", 3),
                send: Send::Fresh(Mutation::None),
                expect: OK,
            },
            Probe {
                label: "Dispatched late",
                body: Body::Report("Dispatched", 0),
                send: Send::Fresh(Mutation::None),
                expect: OK,
            },
        ],
    ),
    check(
        "signed but malformed body not answered 4xx",
        "a 4xx stops Sinch's retries for good; answer 2xx (and log) or 5xx (retry later)",
        &[Probe {
            label: "malformed",
            body: Body::Malformed,
            send: Send::Fresh(Mutation::None),
            expect: Expect::AnyOf(&[OK, Expect::Class(5)]),
        }],
    ),
    check(
        "oversized body refused",
        "an endpoint that reads unbounded bodies can be exhausted by one request",
        &[Probe {
            label: "10 MiB body",
            body: Body::Oversized,
            send: Send::Fresh(Mutation::None),
            expect: Expect::NotSuccess,
        }],
    ),
    Check {
        required: false,
        ..check(
            "conversation callback accepted",
            "only if the endpoint also receives Conversation API webhooks (MESSAGE_DELIVERY)",
            &[Probe {
                label: "MESSAGE_DELIVERY",
                body: Body::ConversationDelivered,
                send: Send::Fresh(Mutation::None),
                expect: OK,
            }],
        )
    },
];

/// One check's result.
#[derive(Debug, Clone)]
pub struct CheckResult {
    /// The check.
    pub check: Check,
    /// Whether every answer met its expectation (and the budget, when timed).
    pub passed: bool,
    /// The answers, for people.
    pub detail: String,
    /// Time the check took.
    pub elapsed: Duration,
    /// The error of its first request when that one could not connect.
    pub unreachable: Option<String>,
}

/// Builds the body of a probe for one check's message.
fn body(b: Body, f: &Fields) -> Vec<u8> {
    match b {
        Body::Report(status, secs) => {
            let f = Fields {
                at: later(&f.at, secs),
                ..f.clone()
            };
            payload::recipient_dr(&f, status, payload::default_code(status))
        }
        Body::Malformed => b"{\"type\": not json".to_vec(),
        Body::Oversized => {
            let mut big = b"{\"type\":\"recipient_delivery_report_sms\",\"padding\":\"".to_vec();
            big.extend(std::iter::repeat_n(b'a', 10 << 20));
            big.extend_from_slice(b"\"}");
            big
        }
        Body::ConversationDelivered => payload::conversation_dr(f, "DELIVERED", APP_ID, PROJECT_ID),
    }
}

/// A fresh message (new id, now) for `recipient`.
fn message(recipient: &str) -> Fields {
    Fields {
        batch_id: new_nonce(),
        recipient: recipient.to_owned(),
        at: crate::webhook::callback::sinch_time(jiff::Timestamp::now()),
        client_reference: Some("sinchctl-suite".into()),
        ..Fields::default()
    }
}

/// Runs one check against `sender`.
pub async fn run_check(
    sender: &Sender,
    check: Check,
    recipient: &str,
    budget: Duration,
) -> CheckResult {
    let started = Instant::now();
    let f = message(recipient);
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(check.probes.len());
    let mut last: Option<Prepared> = None;
    for probe in check.probes {
        let outcome = match (probe.send, &last) {
            (Send::Again, Some(p)) => sender.resend(probe.label, p, probe.expect).await,
            (send, _) => {
                // `Again` with nothing sent before is sent fresh (the table test forbids it).
                let m = match send {
                    Send::Fresh(m) => m,
                    Send::Again => Mutation::None,
                };
                let (o, p) = sender
                    .signed(probe.label, &body(probe.body, &f), m, probe.expect)
                    .await;
                last = Some(p);
                o
            }
        };
        outcomes.push(outcome);
    }
    let in_time = !check.timed || outcomes.iter().all(|o| o.latency <= budget);
    // A refused connection or a timeout says nothing about the endpoint's
    // judgement, so it never passes a check, not even "anything but 2xx".
    let heard = outcomes
        .iter()
        .all(|o| o.silence.is_none_or(Silence::reached));
    let passed = in_time && heard && outcomes.iter().all(Outcome::ok);
    let mut detail = outcomes
        .iter()
        .map(|o| {
            format!(
                "{}: {} in {:.0}ms (expected {})",
                o.label,
                o.answer(),
                o.latency.as_secs_f64() * 1000.0,
                o.expect
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    if check.timed {
        detail.push_str(&format!(" (budget {:.0}ms)", budget.as_secs_f64() * 1000.0));
    }
    let unreachable = outcomes
        .first()
        .filter(|o| o.silence == Some(Silence::Unreachable))
        .map(|o| o.error.clone().unwrap_or_default());
    CheckResult {
        check,
        passed,
        detail,
        elapsed: started.elapsed(),
        unreachable,
    }
}

/// Runs every check in order. When the first request cannot connect at all,
/// stops there with its error: the endpoint is not running, so no check means anything.
pub async fn run(
    sender: &Sender,
    recipient: &str,
    budget: Duration,
) -> Result<Vec<CheckResult>, String> {
    let mut results = Vec::with_capacity(CHECKS.len());
    for check in CHECKS {
        let result = run_check(sender, *check, recipient, budget).await;
        if results.is_empty()
            && let Some(error) = result.unreachable.clone()
        {
            return Err(error);
        }
        results.push(result);
    }
    Ok(results)
}

/// One side of the time window: the largest offset accepted and the smallest refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// Largest offset in seconds that was accepted.
    pub accepted: u64,
    /// Smallest offset in seconds that was refused (`None`: none up to 1 h).
    pub refused: Option<u64>,
}

/// The window edges found in both directions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Timestamps in the past.
    pub past: Edge,
    /// Timestamps in the future.
    pub future: Edge,
}

const LADDER: [u64; 7] = [30, 60, 120, 300, 600, 900, 1800];

/// Finds where the endpoint's time window ends on one side (`sign` -1: past,
/// 1: future): a ladder of offsets up to 1 h, then bisection to the second.
/// `None` when a probe got no answer at all: silence is not a refusal.
async fn edge(sender: &Sender, recipient: &str, sign: i64) -> Option<Edge> {
    let accepts = |secs: u64| async move {
        let f = message(recipient);
        let b = payload::recipient_dr(&f, "Delivered", 0);
        let skew = Mutation::Skew(sign * secs as i64);
        let (o, _) = sender.signed("window", &b, skew, Expect::Class(2)).await;
        o.status.map(|_| o.ok())
    };
    let mut accepted = 0;
    let mut refused = None;
    for secs in LADDER.into_iter().chain([FAR_SKEW_SECS as u64]) {
        if accepts(secs).await? {
            accepted = secs;
        } else {
            refused = Some(secs);
            break;
        }
    }
    let Some(mut hi) = refused else {
        return Some(Edge { accepted, refused });
    };
    while hi - accepted > 1 {
        let mid = accepted + (hi - accepted) / 2;
        if accepts(mid).await? {
            accepted = mid;
        } else {
            hi = mid;
        }
    }
    Some(Edge {
        accepted,
        refused: Some(hi),
    })
}

/// Probes the endpoint's time window in both directions; `None` when the
/// endpoint stopped answering meanwhile.
pub async fn probe_window(sender: &Sender, recipient: &str) -> Option<Window> {
    Some(Window {
        past: edge(sender, recipient, -1).await?,
        future: edge(sender, recipient, 1).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_is_named_once_and_probes_something() {
        let mut names: Vec<&str> = CHECKS.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CHECKS.len());
        assert!(CHECKS.iter().all(|c| !c.probes.is_empty()));
        // A replay needs something to replay.
        for c in CHECKS {
            assert!(!matches!(c.probes[0].send, Send::Again), "{}", c.name);
        }
    }

    #[test]
    fn duplicate_probes_send_identical_bodies() {
        let f = message("46700000001");
        assert_eq!(body(DELIVERED, &f), body(DELIVERED, &f));
        assert_ne!(body(Body::Report("Dispatched", 0), &f), body(DELIVERED, &f));
    }
}
