//! What `sinchctl demo` sends and expects: one recipient per outcome, the
//! number of callbacks the sandbox promises for them, and the checks of
//! what the listener tracked (and the pull API reported) against that.
//! Pure: no I/O.

use std::collections::BTreeMap;

use serde_json::Value;

use super::outcome::{OUTCOMES, Plan};
use crate::listen::tracker::Tracker;
use crate::webhook::callback::Code;

/// Digits of the demo's recipients: one per distinct outcome the batch can take.
pub const DIGITS: [u8; 7] = [0, 1, 2, 3, 4, 5, 6];
/// The digit whose number the API refuses at send time.
pub const REFUSED_DIGIT: u8 = 9;

/// The demo recipient ending in `digit` (E.164, a fictitious US number).
pub fn recipient(digit: u8) -> String {
    format!("+1555010000{digit}")
}

/// Recipient reports the sandbox sends for the demo batch with `per_recipient`.
pub fn expected_callbacks() -> u64 {
    DIGITS
        .iter()
        .map(|d| Plan::for_outcome(OUTCOMES[usize::from(*d)]).reports.len() as u64)
        .sum()
}

/// One thing the demo checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was checked.
    pub what: String,
    /// What was expected.
    pub expected: String,
    /// What was seen.
    pub seen: String,
    /// Whether they agree.
    pub ok: bool,
}

fn check(what: impl Into<String>, expected: String, seen: String) -> Check {
    Check {
        ok: expected == seen,
        what: what.into(),
        expected,
        seen,
    }
}

/// Statuses per recipient (digits only) in a full batch delivery report.
pub fn pulled_states(report: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for st in report["statuses"].as_array().into_iter().flatten() {
        let label = format!(
            "{} code {}",
            st["status"].as_str().unwrap_or("?"),
            st["code"].as_i64().unwrap_or(-1)
        );
        for r in st["recipients"].as_array().into_iter().flatten() {
            if let Some(r) = r.as_str() {
                out.insert(r.trim_start_matches('+').to_owned(), label.clone());
            }
        }
    }
    out
}

/// Checks every outcome of batch `batch_id` as tracked by the listener
/// (and, when given, as the pull API reported it), plus the quirks and
/// that every callback verified.
pub fn checks(
    t: &Tracker,
    accepted: u64,
    batch_id: &str,
    pulled: &BTreeMap<String, String>,
) -> Vec<Check> {
    let tracked: BTreeMap<String, String> = t
        .messages()
        .filter(|(k, _)| k.id == batch_id)
        .filter_map(|(k, s)| {
            let code = match &s.code {
                Some(Code::Number(n)) => n.to_string(),
                Some(other) => other.to_string(),
                None => "-".into(),
            };
            Some((k.recipient.clone()?, format!("{} code {code}", s.status)))
        })
        .collect();
    let mut out = Vec::new();
    for d in DIGITS {
        let o = OUTCOMES[usize::from(d)];
        let n = recipient(d).trim_start_matches('+').to_owned();
        let expected = format!("{} code {}", o.ends, o.code);
        let seen = tracked.get(&n).cloned().unwrap_or_else(|| "nothing".into());
        out.push(check(format!("…{d} callbacks"), expected.clone(), seen));
        let pull = pulled.get(&n).cloned().unwrap_or_else(|| "nothing".into());
        out.push(check(format!("…{d} pull API"), expected, pull));
    }
    out.push(check(
        "late report kept out",
        "1".into(),
        t.late.to_string(),
    ));
    out.push(check(
        "duplicate report spotted",
        "1".into(),
        t.duplicates.to_string(),
    ));
    out.push(check(
        "callbacks verified",
        expected_callbacks().to_string(),
        accepted.to_string(),
    ));
    let rejected: u64 = t.rejected.values().sum();
    out.push(check(
        "callbacks rejected",
        "0".into(),
        rejected.to_string(),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_expects_what_the_outcomes_promise() {
        // 0,1,2: three reports; 3: two; 4: three; 5: four; 6: two.
        assert_eq!(expected_callbacks(), 20);
        assert!(OUTCOMES[usize::from(REFUSED_DIGIT)].refused_at_send);
        assert_eq!(recipient(4), "+15550100004");
        let nothing = checks(&Tracker::default(), 0, "B", &BTreeMap::new());
        let failed: Vec<&str> = nothing
            .iter()
            .filter(|c| !c.ok)
            .map(|c| c.what.as_str())
            .collect();
        assert!(
            failed.contains(&"…0 callbacks") && failed.contains(&"callbacks verified"),
            "{failed:?}"
        );
        let report = serde_json::json!({"statuses": [{"status": "Delivered", "code": 0, "recipients": ["15550100000"]}]});
        assert_eq!(pulled_states(&report)["15550100000"], "Delivered code 0");
    }
}
