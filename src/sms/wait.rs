//! Waiting for a batch: the per-recipient states read from successive full
//! delivery reports, and when the wait is over. Pure; the polling loop and
//! its view live in the `send` command.

use std::collections::BTreeMap;

use serde_json::Value;

use super::batch::msisdn;
use crate::webhook::status::{Class, classify};

/// The latest status of each recipient of a batch.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    to: Vec<String>,
    states: BTreeMap<String, (String, Option<i64>)>,
}

impl Progress {
    /// Progress of a batch sent to `to`.
    pub fn new(to: &[String]) -> Progress {
        Progress {
            to: to.to_vec(),
            states: BTreeMap::new(),
        }
    }

    /// Takes in one full delivery report.
    pub fn update(&mut self, report: &Value) {
        for st in report["statuses"].as_array().into_iter().flatten() {
            let status = st["status"].as_str().unwrap_or("Unknown").to_owned();
            let code = crate::webhook::callback::number(st.get("code"));
            for r in st["recipients"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                self.states.insert(msisdn(r), (status.clone(), code));
            }
        }
    }

    /// A recipient's status (`Queued` until a report names it) and code.
    pub fn status_of(&self, recipient: &str) -> (String, Option<i64>) {
        self.states
            .get(&msisdn(recipient))
            .cloned()
            .unwrap_or_else(|| ("Queued".to_owned(), None))
    }

    /// "Delivered 1, Queued 2".
    pub fn summary(&self) -> String {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for r in &self.to {
            *counts.entry(self.status_of(r).0).or_default() += 1;
        }
        counts
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Recipients not final yet.
    pub fn pending(&self) -> usize {
        self.to
            .iter()
            .filter(|r| classify(&self.status_of(r).0) == Class::Intermediate)
            .count()
    }

    /// Each recipient with its status and code.
    pub fn rows(&self) -> Vec<(String, String, Option<i64>)> {
        self.to
            .iter()
            .map(|r| {
                let (s, c) = self.status_of(r);
                (r.clone(), s, c)
            })
            .collect()
    }

    /// Recipients that did not end Delivered, with status, code and the code's meaning.
    pub fn not_delivered(&self) -> Vec<String> {
        self.rows()
            .into_iter()
            .filter(|(_, s, _)| !s.eq_ignore_ascii_case("Delivered"))
            .map(|(r, s, code)| match code {
                Some(c) => format!(
                    "{r} {s} (code {c}: {})",
                    crate::webhook::callback::sms_code_meaning(c)
                ),
                None => format!("{r} {s}"),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn states_from_reports() {
        let to = vec!["+46700000001".to_owned(), "+46700000002".to_owned()];
        let mut p = Progress::new(&to);
        assert_eq!(p.pending(), 2);
        p.update(&json!({"statuses": [
            {"status": "Delivered", "code": 0, "recipients": ["46700000001"]},
            {"status": "Aborted", "code": 402, "recipients": ["0046700000002"]}
        ]}));
        assert_eq!(p.pending(), 0);
        assert_eq!(p.summary(), "Aborted 1, Delivered 1");
        let bad = p.not_delivered();
        assert_eq!(bad.len(), 1);
        assert!(
            bad[0].starts_with("+46700000002 Aborted (code 402: "),
            "{bad:?}"
        );
    }
}
