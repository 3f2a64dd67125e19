//! Deterministic outcomes: the last digit of a recipient's number picks the
//! path its message takes (statuses, codes, and which callbacks go out when).
//! Pure: offsets are in unscaled "Sinch milliseconds" from dispatch start.

use crate::simulate::payload::default_code;

/// What happens to a message, picked by the recipient's last digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 0, 7, 8: Queued, Dispatched, Delivered.
    Delivered,
    /// 1: Queued, Dispatched, Failed with code 402.
    Failed,
    /// 2: Queued, Dispatched, Expired.
    Expired,
    /// 3: Queued, then Rejected by the SMSC.
    Rejected,
    /// 4: Delivered, but its Dispatched report is sent after the Delivered one.
    OutOfOrder,
    /// 5: Delivered, and the Delivered report is sent twice.
    Duplicate,
    /// 6: stays Dispatched; no final status ever.
    Stuck,
    /// 9: the API refuses the whole batch with 400 at send time.
    RefusedAtSend,
}

/// The outcome table shown in `sinchctl sandbox --help` and the README.
pub const TABLE: &str = "\
Outcomes by the recipient's last digit:
  0, 7, 8  Delivered        (Queued, Dispatched, Delivered code 0)
  1        Failed           (code 402)
  2        Expired          (code 406)
  3        Rejected         (code 408, never Dispatched)
  4        Delivered        with its reports out of order (Delivered before Dispatched)
  5        Delivered        with a duplicate Delivered report
  6        stays Dispatched (no final status, no batch report for its batch)
  9        refused at send time: the API answers 400 for the whole batch";

/// Picks the outcome from the last digit of a number (non-digits ignored).
pub fn outcome(msisdn: &str) -> Outcome {
    match msisdn.bytes().rev().find(u8::is_ascii_digit) {
        Some(b'1') => Outcome::Failed,
        Some(b'2') => Outcome::Expired,
        Some(b'3') => Outcome::Rejected,
        Some(b'4') => Outcome::OutOfOrder,
        Some(b'5') => Outcome::Duplicate,
        Some(b'6') => Outcome::Stuck,
        Some(b'9') => Outcome::RefusedAtSend,
        _ => Outcome::Delivered,
    }
}

/// One status a message goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Status, as Sinch spells it.
    pub status: &'static str,
    /// Delivery code.
    pub code: i64,
    /// Offset from dispatch start, unscaled milliseconds.
    pub at_ms: u64,
}

/// One recipient report callback: which step it reports and when it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    /// Index into the plan's steps.
    pub step: usize,
    /// When it is sent, unscaled milliseconds from dispatch start.
    pub at_ms: u64,
}

/// The statuses of one message and the recipient reports about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Statuses in the order they happen.
    pub steps: Vec<Step>,
    /// Recipient reports for `per_recipient`, in send order.
    pub reports: Vec<Report>,
}

/// When a message is handed to the SMSC, unscaled.
pub const DISPATCH_MS: u64 = 1_000;
/// When a message reaches its final status, unscaled.
pub const FINAL_MS: u64 = 2_000;

fn step(status: &'static str, at_ms: u64) -> Step {
    Step {
        status,
        code: default_code(status),
        at_ms,
    }
}

impl Plan {
    /// The plan for an outcome (`RefusedAtSend` never gets this far: empty plan).
    pub fn for_outcome(o: Outcome) -> Plan {
        let queued = step("Queued", 0);
        let dispatched = step("Dispatched", DISPATCH_MS);
        let final_step = |status| step(status, FINAL_MS);
        let in_order = |steps: Vec<Step>| Plan {
            reports: (0..steps.len())
                .map(|i| Report {
                    step: i,
                    at_ms: steps[i].at_ms,
                })
                .collect(),
            steps,
        };
        match o {
            Outcome::Delivered => in_order(vec![queued, dispatched, final_step("Delivered")]),
            Outcome::Failed => in_order(vec![
                queued,
                dispatched,
                Step {
                    code: 402,
                    ..final_step("Failed")
                },
            ]),
            Outcome::Expired => in_order(vec![queued, dispatched, final_step("Expired")]),
            Outcome::Rejected => in_order(vec![queued, final_step("Rejected")]),
            Outcome::Stuck => in_order(vec![queued, dispatched]),
            Outcome::OutOfOrder => {
                let mut p = in_order(vec![queued, dispatched, final_step("Delivered")]);
                p.reports[1].at_ms = FINAL_MS + 500;
                p.reports.swap(1, 2);
                p
            }
            Outcome::Duplicate => {
                let mut p = in_order(vec![queued, dispatched, final_step("Delivered")]);
                p.reports.push(Report {
                    step: 2,
                    at_ms: FINAL_MS + 300,
                });
                p
            }
            Outcome::RefusedAtSend => Plan {
                steps: vec![],
                reports: vec![],
            },
        }
    }

    /// The reports for `per_recipient_final`: only those of a final status.
    pub fn final_reports(&self) -> impl Iterator<Item = Report> + '_ {
        self.reports.iter().copied().filter(|r| {
            self.steps
                .get(r.step)
                .is_some_and(|s| crate::listen::tracker::is_final(s.status))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_digit_picks_the_outcome() {
        assert_eq!(outcome("+15550000000"), Outcome::Delivered);
        assert_eq!(outcome("+15550000001"), Outcome::Failed);
        assert_eq!(outcome("15550000009"), Outcome::RefusedAtSend);
        assert_eq!(outcome("+1 555 000 0006 "), Outcome::Stuck);
        assert_eq!(outcome("+15550000008"), Outcome::Delivered);
        assert_eq!(outcome(""), Outcome::Delivered);
    }

    #[test]
    fn plans_have_real_codes_and_the_promised_report_order() {
        let failed = Plan::for_outcome(Outcome::Failed);
        assert_eq!(
            failed.steps.last().map(|s| (s.status, s.code)),
            Some(("Failed", 402))
        );
        let ooo = Plan::for_outcome(Outcome::OutOfOrder);
        let order: Vec<&str> = ooo
            .reports
            .iter()
            .map(|r| ooo.steps[r.step].status)
            .collect();
        assert_eq!(order, ["Queued", "Delivered", "Dispatched"]);
        assert!(ooo.reports.windows(2).all(|w| w[0].at_ms <= w[1].at_ms));
        let dup = Plan::for_outcome(Outcome::Duplicate);
        assert_eq!(dup.final_reports().count(), 2);
        assert_eq!(Plan::for_outcome(Outcome::Stuck).final_reports().count(), 0);
        let rejected = Plan::for_outcome(Outcome::Rejected);
        assert_eq!(
            rejected.steps.iter().map(|s| s.code).collect::<Vec<_>>(),
            [400, 408]
        );
    }
}
