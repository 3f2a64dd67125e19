//! Deterministic outcomes: the last digit of a recipient's number picks the
//! path its message takes (statuses, codes, and which callbacks go out when).
//! Pure: offsets are in unscaled "Sinch milliseconds" from dispatch start.

use crate::simulate::payload::default_code;

/// What happens to messages to numbers ending in one digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// The last digit.
    pub digit: u8,
    /// The status it ends in (`Dispatched` for one that never reaches a final status).
    pub ends: &'static str,
    /// The code of that status.
    pub code: i64,
    /// Goes from Queued straight to its final status.
    pub skips_dispatch: bool,
    /// Its Dispatched report is sent after the final one.
    pub late_dispatch_report: bool,
    /// Its final report is sent twice.
    pub duplicate_final_report: bool,
    /// The API refuses the whole batch with 400 at send time.
    pub refused_at_send: bool,
}

// How an outcome's reports deviate from Queued, Dispatched, final.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quirk {
    Plain,
    NoDispatch,
    LateDispatch,
    TwiceFinal,
    Refused,
}

const fn row(digit: u8, ends: &'static str, code: i64, quirk: Quirk) -> Outcome {
    Outcome {
        digit,
        ends,
        code,
        skips_dispatch: matches!(quirk, Quirk::NoDispatch),
        late_dispatch_report: matches!(quirk, Quirk::LateDispatch),
        duplicate_final_report: matches!(quirk, Quirk::TwiceFinal),
        refused_at_send: matches!(quirk, Quirk::Refused),
    }
}

/// Every digit's outcome, in digit order. Failed carries 402 (as the
/// sandbox promises); Expired and Rejected carry code 0, because Sinch's code
/// table pairs its 4xx codes for expiry (406) and rejection (408) with status
/// Aborted only, and a non-delivered report may carry 0.
pub const OUTCOMES: [Outcome; 10] = [
    row(0, "Delivered", 0, Quirk::Plain),
    row(1, "Failed", 402, Quirk::Plain),
    row(2, "Expired", 0, Quirk::Plain),
    row(3, "Rejected", 0, Quirk::NoDispatch),
    row(4, "Delivered", 0, Quirk::LateDispatch),
    row(5, "Delivered", 0, Quirk::TwiceFinal),
    row(6, "Dispatched", 401, Quirk::Plain),
    row(7, "Delivered", 0, Quirk::Plain),
    row(8, "Delivered", 0, Quirk::Plain),
    row(9, "", 0, Quirk::Refused),
];

/// The outcome table shown in `sinchctl sandbox --help` and the README.
pub const TABLE: &str = "\
Outcomes by the recipient's last digit:
  0, 7, 8  Delivered        (Queued, Dispatched, Delivered code 0)
  1        Failed           (code 402)
  2        Expired          (code 0)
  3        Rejected         (code 0, never Dispatched)
  4        Delivered        with its reports out of order (Delivered before Dispatched)
  5        Delivered        with a duplicate Delivered report
  6        stays Dispatched (no final status, no batch report for its batch)
  9        refused at send time: the API answers 400 for the whole batch";

/// Picks the outcome from the last digit of a number (non-digits ignored; none: 0).
pub fn outcome(msisdn: &str) -> Outcome {
    let digit = msisdn
        .bytes()
        .rev()
        .find(u8::is_ascii_digit)
        .map_or(0, |b| b - b'0');
    OUTCOMES[usize::from(digit)]
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
    /// The plan for an outcome (empty for one refused at send time).
    pub fn for_outcome(o: Outcome) -> Plan {
        if o.refused_at_send {
            return Plan {
                steps: vec![],
                reports: vec![],
            };
        }
        let mut steps = vec![step("Queued", 0)];
        if !o.skips_dispatch {
            steps.push(step("Dispatched", DISPATCH_MS));
        }
        if crate::listen::tracker::is_final(o.ends) {
            steps.push(Step {
                status: o.ends,
                code: o.code,
                at_ms: FINAL_MS,
            });
        }
        let mut reports: Vec<Report> = (0..steps.len())
            .map(|i| Report {
                step: i,
                at_ms: steps[i].at_ms,
            })
            .collect();
        let last = steps.len() - 1;
        if o.late_dispatch_report && reports.len() == 3 {
            reports[1].at_ms = FINAL_MS + 500;
            reports.swap(1, 2);
        }
        if o.duplicate_final_report {
            reports.push(Report {
                step: last,
                at_ms: FINAL_MS + 300,
            });
        }
        Plan { steps, reports }
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
        assert_eq!(outcome("+15550000000").ends, "Delivered");
        assert_eq!(outcome("+15550000001").code, 402);
        assert!(outcome("15550000009").refused_at_send);
        assert_eq!(outcome("+1 555 000 0006 ").ends, "Dispatched");
        assert_eq!(outcome("+15550000008").ends, "Delivered");
        assert_eq!(outcome("").digit, 0);
        assert!(
            OUTCOMES
                .iter()
                .enumerate()
                .all(|(i, o)| usize::from(o.digit) == i)
        );
    }

    #[test]
    fn plans_have_real_codes_and_the_promised_report_order() {
        let plan = |d: usize| Plan::for_outcome(OUTCOMES[d]);
        let failed = plan(1);
        assert_eq!(
            failed.steps.last().map(|s| (s.status, s.code)),
            Some(("Failed", 402))
        );
        let ooo = plan(4);
        let order: Vec<&str> = ooo
            .reports
            .iter()
            .map(|r| ooo.steps[r.step].status)
            .collect();
        assert_eq!(order, ["Queued", "Delivered", "Dispatched"]);
        assert!(ooo.reports.windows(2).all(|w| w[0].at_ms <= w[1].at_ms));
        assert_eq!(plan(5).final_reports().count(), 2);
        assert_eq!(plan(6).final_reports().count(), 0);
        assert_eq!(plan(6).steps.len(), 2);
        let rejected = plan(3);
        assert_eq!(
            rejected.steps.iter().map(|s| s.code).collect::<Vec<_>>(),
            [400, 0]
        );
        assert!(plan(9).steps.is_empty());
    }
}
