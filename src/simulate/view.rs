//! What `simulate` (and `replay`) show: one line per request (text or JSON),
//! the load summary, the suite table, and the exit verdict.

use serde_json::json;

use super::expect::{Expect, Outcome};
use super::load::LoadReport;
use super::suite::{CheckResult, Edge, Window};
use crate::error::AppError;
use crate::output::{Painter, Ui, stdout_line};

/// `n` with the singular or plural noun: "1 request", "2 requests".
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn ms(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 1_000_000.0).round() / 1000.0
}

/// The answer's status padded to its column, then coloured (padding a
/// coloured string would count the escape codes as width).
fn status_text(p: &Painter, o: &Outcome) -> String {
    let text = o
        .status
        .map_or_else(|| "no answer".to_owned(), |s| s.to_string());
    let padded = format!("{text:<9}");
    match o.status {
        Some(s) if (200..300).contains(&s) => p.green(&padded),
        Some(s) if (400..500).contains(&s) => p.yellow(&padded),
        _ => p.red(&padded),
    }
}

/// Width of the label column of `simulate`'s lines.
const LABEL_WIDTH: usize = 52;

/// The label padded to its column; a longer one gets a line of its own, so
/// the answers below stay aligned.
fn label_column(label: &str) -> String {
    let width = label.chars().count();
    if width <= LABEL_WIDTH {
        format!("{label}{}", " ".repeat(LABEL_WIDTH - width))
    } else {
        format!("{label}\n{}", " ".repeat(LABEL_WIDTH))
    }
}

/// A hint for an answer that suggests the wrong URL.
fn hint(o: &Outcome) -> Option<&'static str> {
    (o.status == Some(404) && !o.ok()).then_some(
        "the receiver may serve another path; pass it with --url, e.g. --url http://127.0.0.1:3000/webhooks/sinch",
    )
}

/// Prints one request's outcome on stdout (a JSON object with `json`).
pub fn outcome(ui: &Ui, json: bool, o: &Outcome) {
    let line = if json {
        json!({
            "type": "request",
            "label": o.label,
            "status": o.status,
            "latency_ms": ms(o.latency),
            "expected": o.expect.to_string(),
            "ok": o.ok(),
            "nonce": o.nonce,
            "error": o.error,
        })
        .to_string()
    } else {
        let p = &ui.out;
        let verdict = if o.ok() { p.green("✓") } else { p.red("✗") };
        let err = o
            .error
            .as_deref()
            .map(|e| format!("  {}", p.red(e)))
            .unwrap_or_default();
        format!(
            "{} → {} {:>8.1}ms  {verdict} expected {}{err}",
            label_column(&o.label),
            status_text(p, o),
            o.latency.as_secs_f64() * 1000.0,
            o.expect
        )
    };
    let _ = stdout_line(&line);
    if let Some(h) = hint(o) {
        ui.warn(h);
    }
}

/// The exit verdict of a run: Ok when every answer met its expectation.
pub fn verdict(outcomes: &[Outcome]) -> Result<(), AppError> {
    let failed: Vec<&Outcome> = outcomes.iter().filter(|o| !o.ok()).collect();
    let Some(first) = failed.first() else {
        return Ok(());
    };
    if failed.iter().all(|o| o.status.is_none()) {
        return Err(AppError::Remote(first.error.clone().unwrap_or_default()));
    }
    let mut msg = format!(
        "{} of {} not answered as expected; first: {} got {}, expected {}",
        failed.len(),
        count(outcomes.len() as u64, "request was", "requests were"),
        first.label,
        first
            .status
            .map_or_else(|| "no answer".to_owned(), |s| s.to_string()),
        first.expect
    );
    if let Some(h) = hint(first) {
        msg.push_str(&format!(" ({h})"));
    }
    Err(AppError::Expectation(msg))
}

/// Prints the load summary.
pub fn load_summary(json: bool, r: &LoadReport, expect: Expect) -> std::io::Result<()> {
    if json {
        return stdout_line(
            &json!({
                "type": "load_summary",
                "requests": r.requests,
                "seconds": (r.elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
                "requests_per_second": r.rate().round(),
                "latency_ms": {"p50": ms(r.latency.p50), "p90": ms(r.latency.p90), "p99": ms(r.latency.p99), "max": ms(r.latency.max)},
                "statuses": r.statuses,
                "errors": r.errors,
                "expected": expect.to_string(),
                "unexpected": r.unexpected,
            })
            .to_string(),
        );
    }
    let hist: Vec<String> = r
        .statuses
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    stdout_line(&format!(
        "{} in {:.2}s: {:.0} req/s\nlatency p50 {:.2}ms  p90 {:.2}ms  p99 {:.2}ms  max {:.2}ms\nstatuses {}\n{}  not {expect}: {}",
        count(r.requests, "request", "requests"),
        r.elapsed.as_secs_f64(),
        r.rate(),
        ms(r.latency.p50),
        ms(r.latency.p90),
        ms(r.latency.p99),
        ms(r.latency.max),
        hist.join(", "),
        count(r.errors, "error", "errors"),
        r.unexpected,
    ))
}

/// The exit verdict of a load run.
pub fn load_verdict(r: &LoadReport, expect: Expect) -> Result<(), AppError> {
    if r.errors > 0 && r.errors == r.requests {
        return Err(AppError::Remote(r.first_error.clone().unwrap_or_default()));
    }
    if r.unexpected > 0 {
        return Err(AppError::Expectation(format!(
            "{} of {} not answered {expect}",
            r.unexpected,
            count(r.requests, "request was", "requests were"),
        )));
    }
    Ok(())
}

fn edge_json(e: Edge) -> serde_json::Value {
    json!({"accepted_s": e.accepted, "refused_s": e.refused})
}

fn edge_text(e: Edge, way: &str) -> String {
    match e.refused {
        Some(r) => format!("accepts {} s {way}, refuses {r} s", e.accepted),
        None => format!("accepts even {} s {way} (no edge found)", e.accepted),
    }
}

/// Prints the suite's results, and the time window edges when probed.
pub fn suite(
    ui: &Ui,
    json: bool,
    url: &str,
    results: &[CheckResult],
    window: Option<Window>,
) -> std::io::Result<()> {
    let required_failed = results
        .iter()
        .filter(|r| r.check.required && !r.passed)
        .count();
    if json {
        for r in results {
            stdout_line(&json!({"type": "check", "name": r.check.name, "required": r.check.required, "passed": r.passed, "detail": r.detail, "why": r.check.why}).to_string())?;
        }
        if let Some(w) = window {
            stdout_line(&json!({"type": "time_window", "past": edge_json(w.past), "future": edge_json(w.future)}).to_string())?;
        }
        return stdout_line(&json!({"type": "suite_summary", "url": url, "checks": results.len(), "required_failed": required_failed, "passed": required_failed == 0}).to_string());
    }
    let p = &ui.out;
    let mut text = format!("conformance of {url}\n");
    for r in results {
        let mark = match (r.passed, r.check.required) {
            (true, _) => p.green("pass"),
            (false, true) => p.red("FAIL"),
            (false, false) => p.yellow("warn"),
        };
        text.push_str(&format!(
            "  {mark}  {:<42} {}\n",
            r.check.name,
            p.dim(r.check.why)
        ));
        if !r.passed {
            text.push_str(&format!("        {}\n", r.detail));
        }
    }
    if let Some(w) = window {
        text.push_str(&format!(
            "time window: {}; {}\n",
            edge_text(w.past, "old"),
            edge_text(w.future, "ahead")
        ));
    }
    text.push_str(&format!(
        "{} of {} passed{}\n",
        results.iter().filter(|r| r.passed).count(),
        count(results.len() as u64, "check", "checks"),
        if required_failed == 0 {
            String::new()
        } else {
            format!(
                "; {} failed",
                count(required_failed as u64, "required check", "required checks")
            )
        }
    ));
    crate::output::stdout_bytes(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_keep_the_answer_column_aligned() {
        let short = label_column("recipient_delivery_report_sms Delivered");
        assert_eq!(short.chars().count(), LABEL_WIDTH);
        let long = label_column(
            "recipient_delivery_report_sms Delivered (missing x-sinch-webhook-signature-nonce)",
        );
        let (first, second) = long.split_once('\n').unwrap();
        assert!(first.ends_with("nonce)"));
        assert_eq!(second, " ".repeat(LABEL_WIDTH));
    }

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "check", "checks"), "1 check");
        assert_eq!(count(0, "check", "checks"), "0 checks");
        assert_eq!(count(13, "check", "checks"), "13 checks");
    }
}
