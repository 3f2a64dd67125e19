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

/// Most recipients listed one per line; beyond it only those not delivered are.
const LISTED: usize = 20;

/// Prints each recipient's final status (with its code and meaning), or for
/// a large batch the counts and the recipients not delivered, and picks the exit.
fn outcome(ctx: &Ctx, progress: &Progress) -> Result<Exit> {
    let rows = progress.rows();
    let large = rows.len() > LISTED;
    if large {
        ctx.ui.info(&format!("  all final: {}", progress.summary()));
    }
    let shown = rows
        .iter()
        .filter(|(_, status, _)| !large || !status.eq_ignore_ascii_case("Delivered"));
    for (r, status, code) in shown.clone().take(LISTED) {
        let painted = crate::listen::view::paint_status(&ctx.ui.err, status);
        let code = code
            .map(|c| format!("  code {c} ({})", sms_code_meaning(c)))
            .unwrap_or_default();
        ctx.ui.info(&format!("  {r:<16} {painted}{code}"));
    }
    let hidden = shown.count().saturating_sub(LISTED);
    if hidden > 0 {
        ctx.ui.info(&format!(
            "  ... and {} more not delivered (`sinchctl report ID` lists them all)",
            hidden
        ));
    }
    let not_delivered = progress.not_delivered();
    if not_delivered.is_empty() {
        return Ok(Exit::Ok);
    }
    let mut listed = not_delivered
        .iter()
        .take(5)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if not_delivered.len() > 5 {
        listed.push_str(&format!(" and {} more", not_delivered.len() - 5));
    }
    Err(AppError::DeliveryFailed(format!("not delivered: {listed}")).into())
}
