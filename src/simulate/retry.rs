//! Sinch's retry behaviour: its schedule, which answers it retries, and a
//! resend loop that behaves the same way against an endpoint.

use std::time::Duration;

use super::expect::{Expect, Outcome};
use super::mutation::Mutation;
use super::plan::Step;
use super::transport::Sender;

/// The largest `--retry-scale`.
pub const MAX_SCALE: f64 = 100.0;

/// Sinch's SMS callback retry delays: 5 s, then doubling (Sinch's SMS
/// API reference, "Webhooks"), times
/// `scale` (clamped to 0..=MAX_SCALE; NaN counts as 0).
pub fn retry_delay(attempt: u32, scale: f64) -> Duration {
    let secs = 5.0 * 2f64.powi(attempt.min(14) as i32);
    let scale = if scale.is_nan() {
        0.0
    } else {
        scale.clamp(0.0, MAX_SCALE)
    };
    Duration::from_secs_f64(secs * scale)
}

/// Whether Sinch would retry after this answer: 5xx and 429 (and no answer at all).
pub fn sinch_retries(status: Option<u16>) -> bool {
    match status {
        None => true,
        Some(s) => s == 429 || (500..600).contains(&s),
    }
}

/// How the resend loop behaves.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Most resends after the first attempt.
    pub max_retries: u32,
    /// Factor on Sinch's delays.
    pub scale: f64,
    /// What the last attempt must be answered with.
    pub expect: Expect,
}

/// What the attempts before the last may be answered with: what makes Sinch retry.
const RETRYABLE: Expect = Expect::AnyOf(&[Expect::Class(5), Expect::Code(429), Expect::NotSuccess]);

/// Sends `step` like Sinch: after a 5xx, 429 or no answer, waits 5 s × 2^n ×
/// scale and resends, freshly signed, until 2xx, another 4xx, or the most
/// retries. Only the last attempt must meet `policy.expect`.
pub async fn resend_like_sinch(
    sender: &Sender,
    step: &Step,
    policy: RetryPolicy,
    report: &mut impl FnMut(&Outcome),
) -> Vec<Outcome> {
    let mut outcomes: Vec<Outcome> = Vec::new();
    for attempt in 0..=policy.max_retries {
        if attempt > 0 {
            tokio::time::sleep(retry_delay(attempt - 1, policy.scale)).await;
        }
        let label = format!("{} attempt {}", step.label, attempt + 1);
        let (mut o, _) = sender
            .signed(&label, &step.body, Mutation::None, policy.expect)
            .await;
        let again = sinch_retries(o.status) && attempt < policy.max_retries;
        if again {
            o.expect = RETRYABLE;
        }
        report(&o);
        outcomes.push(o);
        if !again {
            break;
        }
    }
    outcomes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_schedule_doubles_from_five_seconds() {
        let d: Vec<u64> = (0..5).map(|a| retry_delay(a, 1.0).as_secs()).collect();
        assert_eq!(d, vec![5, 10, 20, 40, 80]);
        assert_eq!(retry_delay(0, 0.01).as_millis(), 50);
        assert_eq!(retry_delay(99, f64::INFINITY), retry_delay(14, MAX_SCALE));
        assert_eq!(retry_delay(3, f64::NAN), Duration::ZERO);
        assert_eq!(retry_delay(3, -1.0), Duration::ZERO);
        assert!(
            sinch_retries(Some(503))
                && sinch_retries(Some(429))
                && !sinch_retries(Some(400))
                && !sinch_retries(Some(200))
        );
    }
}
