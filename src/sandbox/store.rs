//! The sandbox's state: batches with each recipient's timeline of statuses,
//! kept up to a cap (the oldest finished batch makes room), and the batch,
//! report and list views the API answers with. The state at any moment is
//! read off the timelines, so pull endpoints and callbacks always agree.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::Duration;

use jiff::Timestamp;
use serde_json::{Value, json};

use super::outcome::{Plan, outcome};
use super::validate::{ApiError, NewBatch};
use crate::simulate::payload::{self, Fields, StatusCount};
use crate::webhook::callback::sinch_time;

/// One status of one message, at an absolute time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimedStep {
    /// Unique within the batch, so a scheduled report can tell it still exists.
    pub id: u32,
    /// Status.
    pub status: &'static str,
    /// Code.
    pub code: i64,
    /// When it happens.
    pub at: Timestamp,
}

/// One recipient of a batch.
#[derive(Debug, Clone)]
pub struct Recipient {
    /// Digits only, as reports name it.
    pub msisdn: String,
    /// Its statuses in time order; the first (Queued) is at creation.
    pub steps: Vec<TimedStep>,
}

impl Recipient {
    /// The status at `now`.
    pub fn state_at(&self, now: Timestamp) -> Option<&TimedStep> {
        self.steps.iter().rev().find(|s| s.at <= now)
    }
}

/// A stored batch.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Batch id (a ULID).
    pub id: String,
    /// The service plan or project id it was sent under.
    pub owner: String,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last change (creation or cancel).
    pub modified_at: Timestamp,
    /// The validated request.
    pub request: NewBatch,
    /// Where callbacks go: the batch's `callback_url`, else the sandbox default.
    pub callback_url: Option<String>,
    /// Recipients with their timelines.
    pub recipients: Vec<Recipient>,
    /// Cancelled through the API.
    pub canceled: bool,
    /// Bumped when the batch report is rescheduled, so an older one is skipped.
    pub report_gen: u32,
    next_step_id: u32,
}

/// When a recipient report is due: offset from creation, and what it reports.
#[derive(Debug, Clone, Copy)]
pub struct DueReport {
    /// Recipient index.
    pub recipient: usize,
    /// Step id.
    pub step: u32,
    /// Offset from creation.
    pub after: Duration,
}

fn scaled(ms: u64, speed: f64) -> Duration {
    Duration::from_secs_f64(ms as f64 / 1000.0 / speed)
}

fn plus(t: Timestamp, d: Duration) -> Timestamp {
    jiff::SignedDuration::try_from(d)
        .ok()
        .and_then(|d| t.checked_add(d).ok())
        .unwrap_or(t)
}

impl Batch {
    /// A new batch at `now`; returns it with the recipient reports it will send
    /// (per its `delivery_report`) and, when every message ends, the batch report time.
    pub fn new(
        owner: &str,
        request: NewBatch,
        default_callback: Option<&str>,
        speed: f64,
        now: Timestamp,
    ) -> (Batch, Vec<DueReport>, Option<Duration>) {
        let start = request
            .send_at
            .map(|s| Duration::try_from(s.duration_since(now)).unwrap_or_default())
            .unwrap_or_default();
        let mut batch = Batch {
            id: ulid::Ulid::new().to_string(),
            owner: owner.to_owned(),
            created_at: now,
            modified_at: now,
            callback_url: request
                .callback_url
                .clone()
                .or(default_callback.map(str::to_owned)),
            recipients: Vec::with_capacity(request.msisdns.len()),
            canceled: false,
            report_gen: 0,
            next_step_id: 0,
            request,
        };
        let mut reports = Vec::new();
        let mut last_final = Some(Duration::ZERO);
        let kind = batch.request.delivery_report.clone();
        for (i, n) in batch.request.msisdns.clone().into_iter().enumerate() {
            let plan = Plan::for_outcome(outcome(&n));
            let offset = |ms: u64| {
                if ms == 0 {
                    Duration::ZERO
                } else {
                    start + scaled(ms, speed)
                }
            };
            let ids: Vec<u32> = plan.steps.iter().map(|_| batch.step_id()).collect();
            let steps = plan
                .steps
                .iter()
                .zip(&ids)
                .map(|(s, id)| TimedStep {
                    id: *id,
                    status: s.status,
                    code: s.code,
                    at: plus(now, offset(s.at_ms)),
                })
                .collect();
            batch.recipients.push(Recipient { msisdn: n, steps });
            let chosen: Vec<_> = match kind.as_str() {
                "per_recipient" => plan.reports.clone(),
                "per_recipient_final" => plan.final_reports().collect(),
                _ => vec![],
            };
            reports.extend(chosen.into_iter().map(|r| DueReport {
                recipient: i,
                step: ids[r.step],
                after: offset(r.at_ms),
            }));
            let ends = plan
                .steps
                .last()
                .filter(|s| crate::listen::tracker::is_final(s.status));
            last_final = match (last_final, ends) {
                (Some(t), Some(s)) => Some(t.max(offset(s.at_ms))),
                _ => None,
            };
        }
        let batch_report = matches!(kind.as_str(), "summary" | "full")
            .then_some(last_final)
            .flatten()
            .map(|t| t + scaled(200, speed));
        (batch, reports, batch_report)
    }

    fn step_id(&mut self) -> u32 {
        self.next_step_id += 1;
        self.next_step_id
    }

    /// Whether nothing more will happen to it after `now`.
    pub fn finished(&self, now: Timestamp) -> bool {
        self.recipients
            .iter()
            .all(|r| r.steps.last().is_none_or(|s| s.at <= now))
    }

    /// Whether every message has a final status at `now`.
    pub fn all_final(&self, now: Timestamp) -> bool {
        self.recipients.iter().all(|r| {
            r.state_at(now)
                .is_some_and(|s| crate::listen::tracker::is_final(s.status))
        })
    }

    /// Cancels the messages still Queued at `now`; returns the new step of
    /// each (recipient index, step id), or an error when none was left to cancel.
    pub fn cancel(&mut self, now: Timestamp) -> Result<Vec<(usize, u32)>, ApiError> {
        let queued: Vec<usize> = (0..self.recipients.len())
            .filter(|i| {
                self.recipients[*i]
                    .state_at(now)
                    .is_some_and(|s| s.status == "Queued")
            })
            .collect();
        if self.canceled {
            return Err(ApiError::bad(
                "conflict_send_at",
                format!("Batch {} has already been cancelled", self.id),
            ));
        }
        if queued.is_empty() {
            return Err(ApiError::bad(
                "conflict_send_at",
                format!(
                    "Batch {} has already been sent and can no longer be cancelled",
                    self.id
                ),
            ));
        }
        let mut changed = Vec::with_capacity(queued.len());
        for i in queued {
            let id = self.step_id();
            let r = &mut self.recipients[i];
            r.steps.retain(|s| s.at <= now);
            r.steps.push(TimedStep {
                id,
                status: "Cancelled",
                code: payload::default_code("Cancelled"),
                at: now,
            });
            changed.push((i, id));
        }
        self.canceled = true;
        self.modified_at = now;
        self.report_gen += 1;
        Ok(changed)
    }

    fn fields(&self, recipient: &str) -> Fields {
        Fields {
            batch_id: self.id.clone(),
            recipient: recipient.to_owned(),
            client_reference: self.request.client_reference.clone(),
            ..Fields::default()
        }
    }

    /// A recipient report body for one step, exactly as the callback is shaped.
    pub fn recipient_report(&self, recipient: usize, step: &TimedStep) -> Vec<u8> {
        let n = self
            .recipients
            .get(recipient)
            .map_or("", |r| r.msisdn.as_str());
        let fields = Fields {
            at: sinch_time(step.at),
            ..self.fields(n)
        };
        payload::recipient_dr(&fields, step.status, step.code)
    }

    /// Finds a step by recipient index and step id.
    pub fn step(&self, recipient: usize, step: u32) -> Option<&TimedStep> {
        self.recipients
            .get(recipient)?
            .steps
            .iter()
            .find(|s| s.id == step)
    }

    /// The batch delivery report at `now` (recipients listed when `full`),
    /// keeping only the statuses and codes asked for (empty filters keep all).
    pub fn batch_report(&self, now: Timestamp, full: bool, filter: &Filter) -> Vec<u8> {
        let mut groups: BTreeMap<(&str, i64), Vec<String>> = BTreeMap::new();
        for r in &self.recipients {
            if let Some(s) = r.state_at(now) {
                groups
                    .entry((s.status, s.code))
                    .or_default()
                    .push(r.msisdn.clone());
            }
        }
        let counts: Vec<StatusCount> = groups
            .into_iter()
            .filter(|((s, c), _)| filter.keeps(s, *c))
            .map(|((status, code), recipients)| StatusCount {
                status: status.to_owned(),
                code,
                recipients,
            })
            .collect();
        let body = payload::batch_report(&self.fields(""), &counts, full);
        if filter.is_empty() {
            return body;
        }
        // total_message_count counts the batch, not just the statuses a filter kept.
        match serde_json::from_slice::<Value>(&body) {
            Ok(mut v) => {
                v["total_message_count"] = json!(self.recipients.len());
                serde_json::to_vec(&v).unwrap_or(body)
            }
            Err(_) => body,
        }
    }

    /// The batch as the API returns it: the request echoed, plus id and times.
    pub fn to_json(&self) -> Value {
        let mut v = Value::Object(self.request.echo.clone());
        let send_at = self.request.send_at.unwrap_or(self.created_at);
        let expire_at = self
            .request
            .expire_at
            .unwrap_or_else(|| plus(send_at, Duration::from_secs(3 * 24 * 3600)));
        v["id"] = json!(self.id);
        v["type"] = json!("mt_text");
        v["delivery_report"] = json!(self.request.delivery_report);
        v["created_at"] = json!(sinch_time(self.created_at));
        v["modified_at"] = json!(sinch_time(self.modified_at));
        v["send_at"] = json!(sinch_time(send_at));
        v["expire_at"] = json!(sinch_time(expire_at));
        v["canceled"] = json!(self.canceled);
        for (k, default) in [("flash_message", false), ("feedback_enabled", false)] {
            if v.get(k).is_none() {
                v[k] = json!(default);
            }
        }
        v
    }
}

/// A page of a list: its number (from 0) and size.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// Page number, from 0.
    pub number: usize,
    /// Items per page.
    pub size: usize,
}

/// Which reports a query keeps: these statuses and codes (empty keeps all).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Statuses, compared case-insensitively.
    pub statuses: Vec<String>,
    /// Codes.
    pub codes: Vec<i64>,
}

impl Filter {
    /// Whether a report with this status and code is kept.
    pub fn keeps(&self, status: &str, code: i64) -> bool {
        (self.statuses.is_empty() || self.statuses.iter().any(|w| w.eq_ignore_ascii_case(status)))
            && (self.codes.is_empty() || self.codes.contains(&code))
    }

    fn is_empty(&self) -> bool {
        self.statuses.is_empty() && self.codes.is_empty()
    }
}

/// Batches up to a cap, in arrival order.
#[derive(Debug)]
pub struct Store {
    batches: HashMap<String, Batch>,
    order: VecDeque<String>,
    cap: usize,
}

impl Store {
    /// An empty store keeping at most `cap` batches.
    pub fn new(cap: usize) -> Self {
        Store {
            batches: HashMap::new(),
            order: VecDeque::new(),
            cap: cap.max(1),
        }
    }

    /// Stores a batch, dropping the oldest finished one when full; refuses
    /// with 429 when every stored batch is still in progress.
    pub fn insert(&mut self, batch: Batch, now: Timestamp) -> Result<(), ApiError> {
        if self.batches.len() >= self.cap {
            let victim = self
                .order
                .iter()
                .position(|id| self.batches.get(id).is_none_or(|b| b.finished(now)));
            let Some(pos) = victim else {
                return Err(ApiError {
                    status: 429,
                    code: "too_many_requests",
                    text: format!(
                        "The sandbox holds {} batches still in progress (--max-batches); try again later",
                        self.cap
                    ),
                });
            };
            if let Some(id) = self.order.remove(pos) {
                self.batches.remove(&id);
            }
        }
        self.order.push_back(batch.id.clone());
        self.batches.insert(batch.id.clone(), batch);
        Ok(())
    }

    /// Forgets a batch.
    pub fn remove(&mut self, id: &str) {
        self.batches.remove(id);
        self.order.retain(|o| o != id);
    }

    /// A batch of `owner`, or the API's 404.
    pub fn get(&self, owner: &str, id: &str) -> Result<&Batch, ApiError> {
        self.batches
            .get(id)
            .filter(|b| b.owner == owner)
            .ok_or_else(|| ApiError::not_found(format!("Batch '{id}' was not found")))
    }

    /// Like [`Store::get`], mutable.
    pub fn get_mut(&mut self, owner: &str, id: &str) -> Result<&mut Batch, ApiError> {
        self.batches
            .get_mut(id)
            .filter(|b| b.owner == owner)
            .ok_or_else(|| ApiError::not_found(format!("Batch '{id}' was not found")))
    }

    /// A batch by id alone (for the callback scheduler).
    pub fn by_id(&self, id: &str) -> Option<&Batch> {
        self.batches.get(id)
    }

    /// One page of `owner`'s batches, newest first.
    pub fn list(&self, owner: &str, page: usize, page_size: usize) -> Value {
        let mine: Vec<&Batch> = self
            .order
            .iter()
            .rev()
            .filter_map(|id| self.batches.get(id))
            .filter(|b| b.owner == owner)
            .collect();
        let batches: Vec<Value> = mine
            .iter()
            .skip(page.saturating_mul(page_size))
            .take(page_size)
            .map(|b| b.to_json())
            .collect();
        json!({"page": page, "page_size": batches.len(), "count": mine.len(), "batches": batches})
    }

    /// One page of `owner`'s final recipient reports at `now` (newest batch
    /// first), keeping the statuses and codes asked for (empty filters keep all).
    pub fn delivery_reports(
        &self,
        owner: &str,
        now: Timestamp,
        page: Page,
        filter: &Filter,
    ) -> Value {
        let finals = || {
            self.order
                .iter()
                .rev()
                .filter_map(|id| self.batches.get(id))
                .filter(|b| b.owner == owner)
                .flat_map(move |b| {
                    b.recipients.iter().enumerate().filter_map(move |(i, r)| {
                        let s = r.state_at(now)?;
                        (crate::listen::tracker::is_final(s.status)
                            && filter.keeps(s.status, s.code))
                        .then_some((b, i, s))
                    })
                })
        };
        let reports: Vec<Value> = finals()
            .skip(page.number.saturating_mul(page.size))
            .take(page.size)
            .filter_map(|(b, i, s)| serde_json::from_slice(&b.recipient_report(i, s)).ok())
            .collect();
        json!({"count": finals().count(), "page": page.number, "page_size": reports.len(), "delivery_reports": reports})
    }

    /// Batches held.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.batches.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(to: &str, send_at: Option<&str>, now: Timestamp) -> Batch {
        let body = match send_at {
            Some(t) => format!(r#"{{"to":["{to}"],"body":"x","send_at":"{t}"}}"#),
            None => format!(r#"{{"to":["{to}"],"body":"x"}}"#),
        };
        let req = super::super::validate::send_request(body.as_bytes(), now).unwrap();
        Batch::new("plan", req, None, 10.0, now).0
    }

    #[test]
    fn the_cap_drops_the_oldest_finished_batch_or_refuses() {
        let now: Timestamp = "2030-01-01T00:00:00Z".parse().unwrap();
        let later = plus(now, Duration::from_secs(60));
        let mut store = Store::new(2);
        let first = batch("+15550000000", None, now);
        let first_id = first.id.clone();
        store.insert(first, now).unwrap();
        store
            .insert(
                batch("+15550000001", Some("2030-01-02T00:00:00Z"), now),
                now,
            )
            .unwrap();
        // Full: the finished first batch makes room.
        store
            .insert(batch("+15550000000", None, later), later)
            .unwrap();
        assert_eq!(store.len(), 2);
        assert!(store.get("plan", &first_id).is_err());
        // Full of unfinished batches: refused with 429, nothing dropped.
        let err = store
            .insert(batch("+15550000000", None, later), later)
            .unwrap_err();
        assert_eq!(err.status, 429);
        assert_eq!(store.len(), 2);
    }

    #[test]
    fn state_follows_the_timeline_and_cancel_cuts_it() {
        let now: Timestamp = "2030-01-01T00:00:00Z".parse().unwrap();
        let mut b = batch("+15550000001", Some("2030-01-01T01:00:00Z"), now);
        let r = &b.recipients[0];
        assert_eq!(r.state_at(now).map(|s| s.status), Some("Queued"));
        let end = plus(now, Duration::from_secs(7200));
        assert_eq!(
            r.state_at(end).map(|s| (s.status, s.code)),
            Some(("Failed", 402))
        );
        assert!(!b.finished(now) && b.finished(end));
        let changed = b.cancel(now).unwrap();
        assert_eq!(changed.len(), 1);
        let r = &b.recipients[0];
        assert_eq!(
            r.state_at(end).map(|s| (s.status, s.code)),
            Some(("Cancelled", 407))
        );
        assert!(b.cancel(now).is_err(), "cancelled twice");
        assert!(b.all_final(now) && b.canceled);
    }
}
