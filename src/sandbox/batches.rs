//! The batch operations of the SMS REST API: send, dry run, list, get,
//! cancel, and the batch and recipient delivery reports.

use std::time::Duration;

use hyper::Method;
use hyper::body::Incoming;
use serde_json::{Value, json};
use tokio::time::Instant;

use super::State;
use super::api::{Reply, not_allowed, read_body};
use super::scheduler::What;
use super::store::{Batch, Filter, Page};
use super::validate::{self, ApiError};

/// A call under `/xms/v1/{owner}/`.
pub(super) struct Call<'a> {
    pub method: &'a Method,
    pub owner: &'a str,
    pub rest: &'a [&'a str],
    pub query: &'a str,
}

/// The 429 for a full callback queue.
pub(super) fn queue_full() -> ApiError {
    ApiError {
        status: 429,
        code: "too_many_requests",
        text: "Too many callbacks waiting to be sent (--max-pending); try again later".into(),
    }
}

fn query(q: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(q.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn param<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn number(
    pairs: &[(String, String)],
    key: &str,
    default: usize,
    max: usize,
) -> Result<usize, ApiError> {
    match param(pairs, key) {
        None => Ok(default),
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| *n <= max)
            .ok_or_else(|| ApiError::format(format!("'{v}' is not a valid {key}: use 0 to {max}"))),
    }
}

/// Routes a call under `/xms/v1/{owner}/`.
pub(super) async fn dispatch(
    state: &State,
    call: Call<'_>,
    body: Incoming,
    json_body: bool,
) -> Result<Reply, Reply> {
    let get = call.method == Method::GET;
    let post = call.method == Method::POST;
    if post && !json_body {
        return Err(ApiError {
            status: 415,
            code: "unsupported_media_type",
            text: "Send the body as application/json".into(),
        }
        .into());
    }
    let owner = call.owner;
    match call.rest {
        ["batches"] if post => send(state, owner, &read_body(body).await?),
        ["batches"] if get => list(state, owner, call.query),
        ["batches"] => Ok(not_allowed("GET, POST")),
        ["batches", "dry_run"] if post => dry_run(call.query, &read_body(body).await?),
        ["batches", id] if get => Ok(Reply::json(200, lock(state)?.get(owner, id)?.to_json())),
        ["batches", id] if call.method == Method::DELETE => cancel(state, owner, id),
        ["batches", _] => Ok(not_allowed("GET, DELETE")),
        ["batches", id, "delivery_report"] if get => batch_report(state, owner, id, call.query),
        ["batches", id, "delivery_report", rcpt] if get => recipient_report(state, owner, id, rcpt),
        ["batches", _, "delivery_report", ..] => Ok(not_allowed("GET")),
        ["delivery_reports"] if get => delivery_reports(state, owner, call.query),
        ["delivery_reports"] => Ok(not_allowed("GET")),
        _ => Err(ApiError::not_found("No such resource").into()),
    }
}

fn lock(state: &State) -> Result<std::sync::MutexGuard<'_, super::store::Store>, ApiError> {
    state.store.lock().map_err(|_| ApiError {
        status: 500,
        code: "internal_error",
        text: "The sandbox's state is unavailable".into(),
    })
}

fn scaled(ms: u64, speed: f64) -> Duration {
    Duration::from_secs_f64(ms as f64 / 1000.0 / speed)
}

/// `start + after`, saturating far in the future (a send_at in the year 9999).
fn due(start: Instant, after: Duration) -> Instant {
    start
        .checked_add(after)
        .unwrap_or_else(|| start + Duration::from_secs(100 * 365 * 24 * 3600))
}

fn send(state: &State, owner: &str, body: &[u8]) -> Result<Reply, Reply> {
    let now = jiff::Timestamp::now();
    let start = Instant::now();
    let request = validate::send_request(body, now)?;
    if request.delivery_report != "none"
        && request.callback_url.is_none()
        && state.callback_url.is_none()
    {
        return Err(ApiError {
            status: 403,
            code: "missing_callback_url",
            text: format!(
                "delivery_report {} needs a callback_url: set it on the batch or start the sandbox with --callback-url",
                request.delivery_report
            ),
        }
        .into());
    }
    let (batch, reports, batch_at) = Batch::new(
        owner,
        request,
        state.callback_url.as_deref(),
        state.speed,
        now,
    );
    let id = batch.id.clone();
    let mut jobs: Vec<(Instant, What)> = reports
        .iter()
        .map(|r| {
            let what = What::Recipient {
                batch: id.clone(),
                recipient: r.recipient,
                step: r.step,
            };
            (due(start, r.after), what)
        })
        .collect();
    if let Some(after) = batch_at {
        jobs.push((
            due(start, after),
            What::BatchReport {
                batch: id.clone(),
                generation: 0,
            },
        ));
    }
    let answer = batch.to_json();
    lock(state)?.insert(batch, now)?;
    if !state.queue.push_all(jobs) {
        lock(state)?.remove(&id);
        return Err(queue_full().into());
    }
    Ok(Reply::json(201, answer))
}

fn list(state: &State, owner: &str, q: &str) -> Result<Reply, Reply> {
    let pairs = query(q);
    let page = number(&pairs, "page", 0, 1_000_000)?;
    let page_size = number(&pairs, "page_size", 30, 100)?;
    Ok(Reply::json(200, lock(state)?.list(owner, page, page_size)))
}

fn cancel(state: &State, owner: &str, id: &str) -> Result<Reply, Reply> {
    let now = jiff::Timestamp::now();
    let mut store = lock(state)?;
    let batch = store.get_mut(owner, id)?;
    let changed = batch.cancel(now)?;
    let mut jobs: Vec<(Instant, What)> = Vec::new();
    if matches!(
        batch.request.delivery_report.as_str(),
        "per_recipient" | "per_recipient_final"
    ) {
        jobs.extend(changed.iter().map(|(recipient, step)| {
            let what = What::Recipient {
                batch: batch.id.clone(),
                recipient: *recipient,
                step: *step,
            };
            (Instant::now(), what)
        }));
    }
    if matches!(batch.request.delivery_report.as_str(), "summary" | "full") && batch.all_final(now)
    {
        let what = What::BatchReport {
            batch: batch.id.clone(),
            generation: batch.report_gen,
        };
        jobs.push((Instant::now() + scaled(200, state.speed), what));
    }
    let answer = batch.to_json();
    drop(store);
    // The cancel stands even when its reports do not fit; pulling shows it.
    let _ = state.queue.push_all(jobs);
    Ok(Reply::json(200, answer))
}

fn dry_run(q: &str, body: &[u8]) -> Result<Reply, Reply> {
    let request = validate::send_request(body, jiff::Timestamp::now())?;
    let pairs = query(q);
    let listed = number(&pairs, "number_of_recipients", 100, 1000)?;
    let per_recipient = match param(&pairs, "per_recipient") {
        None | Some("false") => false,
        Some("true") => true,
        Some(v) => {
            return Err(ApiError::format(format!(
                "'{v}' is not a valid per_recipient: use true or false"
            ))
            .into());
        }
    };
    let (encoding, _, parts) = crate::sms::estimate(&request.body);
    let encoding = if encoding == crate::sms::Encoding::Gsm7 {
        "GSM"
    } else {
        "UNICODE"
    };
    let mut v = json!({
        "number_of_recipients": request.msisdns.len(),
        "number_of_messages": request.msisdns.len() * parts,
    });
    if per_recipient {
        v["per_recipient"] = request
            .msisdns
            .iter()
            .take(listed)
            .map(|r| json!({"recipient": r, "number_of_parts": parts, "body": request.body, "encoding": encoding}))
            .collect::<Value>();
    }
    Ok(Reply::json(200, v))
}

fn list_param<T>(
    pairs: &[(String, String)],
    key: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, ApiError> {
    param(pairs, key)
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.split(',')
                .map(|item| {
                    parse(item.trim())
                        .ok_or_else(|| ApiError::format(format!("'{item}' is not a valid {key}")))
                })
                .collect()
        })
        .unwrap_or(Ok(vec![]))
}

fn filter(pairs: &[(String, String)]) -> Result<Filter, ApiError> {
    Ok(Filter {
        statuses: list_param(pairs, "status", |s| Some(s.to_owned()))?,
        codes: list_param(pairs, "code", |s| s.parse::<i64>().ok())?,
    })
}

/// `GET …/delivery_reports`: final recipient reports, paged.
fn delivery_reports(state: &State, owner: &str, q: &str) -> Result<Reply, Reply> {
    let pairs = query(q);
    let page = Page {
        number: number(&pairs, "page", 0, 1_000_000)?,
        size: number(&pairs, "page_size", 30, 100)?,
    };
    let filter = filter(&pairs)?;
    let v = lock(state)?.delivery_reports(owner, jiff::Timestamp::now(), page, &filter);
    Ok(Reply::json(200, v))
}

fn batch_report(state: &State, owner: &str, id: &str, q: &str) -> Result<Reply, Reply> {
    let pairs = query(q);
    let full = match param(&pairs, "type") {
        None | Some("summary") => false,
        Some("full") => true,
        Some(other) => {
            return Err(
                ApiError::not_found(format!("No delivery report of type '{other}'")).into(),
            );
        }
    };
    let filter = filter(&pairs)?;
    let store = lock(state)?;
    let body = store
        .get(owner, id)?
        .batch_report(jiff::Timestamp::now(), full, &filter);
    Ok(Reply::json(
        200,
        serde_json::from_slice(&body).unwrap_or(Value::Null),
    ))
}

fn recipient_report(state: &State, owner: &str, id: &str, rcpt: &str) -> Result<Reply, Reply> {
    let wanted = rcpt
        .strip_prefix("%2B")
        .or_else(|| rcpt.strip_prefix("%2b"))
        .unwrap_or(rcpt);
    let wanted = validate::msisdn(wanted).unwrap_or_default();
    let store = lock(state)?;
    let batch = store.get(owner, id)?;
    let now = jiff::Timestamp::now();
    let found = batch
        .recipients
        .iter()
        .enumerate()
        .find(|(_, r)| r.msisdn == wanted)
        .and_then(|(i, r)| r.state_at(now).map(|s| batch.recipient_report(i, s)));
    let body = found
        .ok_or_else(|| ApiError::not_found(format!("Recipient '{rcpt}' is not in batch '{id}'")))?;
    Ok(Reply::json(
        200,
        serde_json::from_slice(&body).unwrap_or(Value::Null),
    ))
}
