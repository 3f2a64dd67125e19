//! `send --wait`: poll the full delivery report until every recipient is
//! final, with a spinner on a terminal and each recipient's outcome at the end.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::commands::Ctx;
use crate::error::{AppError, Exit};
use crate::output::count;
use crate::sms::{Client, Progress};
use crate::webhook::callback::sms_code_meaning;

/// Polls until every recipient of `id` is final or `timeout` passes.
pub async fn until_final(
    ctx: &Ctx,
    client: &Client,
    id: &str,
    to: &[String],
    timeout: Duration,
    every: Duration,
) -> Result<Exit> {
    let bar = if ctx.ui.quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new_spinner()
    };
    bar.enable_steady_tick(Duration::from_millis(120));
    let started = Instant::now();
    let mut progress = Progress::new(to);
    loop {
        if let Some(report) = client.poll_report(id).await? {
            progress.update(&report);
        }
        let summary = progress.summary();
        bar.set_message(format!("waiting for {id}: {summary}"));
        if progress.pending() == 0 {
            bar.finish_and_clear();
            return outcome(ctx, &progress);
        }
        if started.elapsed() + every > timeout {
            bar.finish_and_clear();
            let pending = progress.pending();
            return Err(AppError::Timeout(format!(
                "{pending} of {} {} not final after {} ({summary}); check later with `sinchctl report {id}`",
                count(to.len() as u64, "recipient"),
                if pending == 1 { "was" } else { "were" },
                crate::units::show_duration(timeout)
            ))
            .into());
        }
        tokio::time::sleep(every).await;
    }
}

/// Prints each recipient's final status (with its code and meaning) and picks the exit.
fn outcome(ctx: &Ctx, progress: &Progress) -> Result<Exit> {
    for (r, status, code) in progress.rows() {
        let painted = crate::listen::view::paint_status(&ctx.ui.err, &status);
        let code = code
            .map(|c| format!("  code {c} ({})", sms_code_meaning(c)))
            .unwrap_or_default();
        ctx.ui.info(&format!("  {r:<16} {painted}{code}"));
    }
    let not_delivered = progress.not_delivered();
    if not_delivered.is_empty() {
        return Ok(Exit::Ok);
    }
    Err(AppError::DeliveryFailed(format!("not delivered: {}", not_delivered.join(", "))).into())
}
