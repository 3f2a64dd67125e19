//! `sinchctl simulate`: typed arguments → a run config → the simulate
//! components (plans, sender, retry, load, suite) → the view.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result};

use crate::cli::{KindArg, SimulateArgs, SimulateCommand, SuiteArgs, TargetArgs};
use crate::commands::Ctx;
use crate::error::{Exit, usage};
use crate::output::Ui;
use crate::simulate::load::{self, LoadConfig};
use crate::simulate::payload::{self, Fields};
use crate::simulate::retry::{RetryPolicy, resend_like_sinch};
use crate::simulate::{
    Expect, Kind, Mutation, Outcome, Plan, Scenario, Sender, Spec, Step, junit, mutation, suite,
    view,
};
use crate::webhook::signature::{ALGORITHM, NONCE, SIGNATURE, TIMESTAMP, new_nonce};

/// What one `simulate` run does.
enum Mode {
    /// One request, with a mutation.
    Single(Mutation),
    /// One request, then the same signed request again.
    Replay,
    /// A scenario's plan.
    Plan(Plan),
    /// Many valid requests: generated bodies, or this one every time.
    Load(LoadConfig, Option<Vec<u8>>),
}

/// A `simulate` run, from its arguments.
struct Config {
    spec: Spec,
    step: Step,
    mode: Mode,
    expect: Option<Expect>,
    delay: Duration,
    retry: (u32, f64),
}

/// Runs `sinchctl simulate` and `simulate suite`.
pub async fn run(ctx: &Ctx, args: SimulateArgs) -> Result<Exit> {
    if let Some(SimulateCommand::Suite(a)) = args.command {
        return run_suite(ctx, a).await;
    }
    let cfg = config(ctx.ui, &args)?;
    if args.print {
        return print(&cfg);
    }
    let sender = sender(ctx, &args.target)?;
    let json = args.target.json;
    let mut show = |o: &Outcome| view::outcome(&ctx.ui, json, o);
    let outcomes = match cfg.mode {
        Mode::Load(load_cfg, custom) => {
            return run_load(ctx.ui, sender, cfg.spec, custom, load_cfg, json).await;
        }
        Mode::Single(m) => {
            let expect = cfg.expect.unwrap_or_else(|| m.expectation());
            let label = match m {
                Mutation::None => cfg.step.label.clone(),
                m => format!("{} ({})", cfg.step.label, m.name()),
            };
            let (o, _) = sender.signed(&label, &cfg.step.body, m, expect).await;
            show(&o);
            vec![o]
        }
        Mode::Replay => {
            let label = &cfg.step.label;
            let (first, p) = sender
                .signed(
                    &format!("{label} (original)"),
                    &cfg.step.body,
                    Mutation::None,
                    Expect::Class(2),
                )
                .await;
            show(&first);
            let again = sender
                .resend(
                    &format!("{label} (replayed)"),
                    &p,
                    cfg.expect.unwrap_or(Expect::Class(4)),
                )
                .await;
            show(&again);
            vec![first, again]
        }
        Mode::Plan(Plan::Retry(step)) => {
            let (max_retries, scale) = cfg.retry;
            let policy = RetryPolicy {
                max_retries,
                scale,
                expect: cfg.expect.unwrap_or(Expect::Class(2)),
            };
            resend_like_sinch(&sender, &step, policy, &mut show).await
        }
        Mode::Plan(Plan::Steps(steps)) => {
            let expect = cfg.expect.unwrap_or(Expect::Class(2));
            sender
                .send_steps(&steps, expect, cfg.delay, &mut show)
                .await
        }
    };
    view::verdict(&outcomes)?;
    Ok(Exit::Ok)
}

fn sender(ctx: &Ctx, target: &TargetArgs) -> Result<Sender> {
    let (secret, _) = ctx.webhook_secret(target.secret.secret.as_ref())?;
    let secret = crate::config::ExposeSecret::expose_secret(&secret).as_bytes();
    Sender::new(target.url.clone(), secret.to_vec().into(), target.timeout)
}

/// Converts the arguments into a run config: the one place clap's enums become the core's.
fn config(ui: Ui, args: &SimulateArgs) -> Result<Config> {
    let kind = kind(args.kind);
    let scenario = args.scenario;
    let spec = Spec {
        kind,
        fields: Fields {
            batch_id: args.batch_id.clone().unwrap_or_else(new_nonce),
            recipient: args.recipient.clone(),
            from: args.from.clone(),
            to: args.to.clone(),
            client_reference: args.client_reference.clone(),
            at: args
                .at
                .clone()
                .unwrap_or_else(|| crate::webhook::callback::sinch_time(jiff::Timestamp::now())),
            text: args.text.clone(),
        },
        status: args
            .status
            .clone()
            .unwrap_or_else(|| kind.default_status().to_owned()),
        code: args.code,
    };
    warn_odd_status(ui, &spec);
    let custom = match &args.body_file {
        Some(path) => Some(crate::commands::read_body(&crate::cli::BodyArgs {
            body: None,
            body_file: Some(path.clone()),
        })?),
        None => None,
    };
    let mut step = spec.single(&new_nonce());
    if let Some(body) = custom.clone() {
        step = Step {
            label: format!("{} custom body", kind.name()),
            body,
        };
    }
    let mode = mode(args, &spec, scenario, &step, custom)?;
    Ok(Config {
        spec,
        step,
        mode,
        expect: args.expect,
        delay: args.delay,
        retry: (args.max_retries, args.retry_scale),
    })
}

fn kind(arg: KindArg) -> Kind {
    match arg {
        KindArg::RecipientDr => Kind::RecipientDr,
        KindArg::BatchDr => Kind::BatchDr,
        KindArg::Mo => Kind::Mo,
        KindArg::ConversationDr => Kind::ConversationDr,
        KindArg::ConversationMo => Kind::ConversationMo,
    }
}

/// What the run does: load, a scenario's plan, a replay or one (mutated) request.
fn mode(
    args: &SimulateArgs,
    spec: &Spec,
    scenario: Option<Scenario>,
    step: &Step,
    custom: Option<Vec<u8>>,
) -> Result<Mode> {
    Ok(if args.count.is_some() || args.duration.is_some() {
        let cfg = LoadConfig {
            count: args.count,
            duration: args.duration,
            concurrency: args.concurrency,
            expect: args.expect.unwrap_or(Expect::Class(2)),
        };
        Mode::Load(cfg, custom)
    } else if let Some(scenario) = scenario {
        let plan = spec.scenario(scenario, args.recipients).map_err(usage)?;
        match (plan, custom) {
            (Plan::Retry(_), Some(_)) => Mode::Plan(Plan::Retry(step.clone())),
            (_, Some(_)) => {
                return Err(usage("--scenario builds its own bodies; drop --body-file"));
            }
            (plan, None) => Mode::Plan(plan),
        }
    } else if args.negative.replay {
        Mode::Replay
    } else {
        Mode::Single(negative(args)?)
    })
}

fn warn_odd_status(ui: Ui, spec: &Spec) {
    let status = spec.status.as_str();
    match spec.kind {
        Kind::RecipientDr | Kind::BatchDr => {
            if !payload::SMS_STATUSES.contains(&status) {
                ui.warn(&format!(
                    "status {status:?} is not one Sinch sends for SMS ({})",
                    payload::SMS_STATUSES.join(", ")
                ));
            }
            if let Some(w) = spec.code.and_then(|code| payload::odd_pair(status, code)) {
                ui.warn(&w);
            }
        }
        Kind::ConversationDr if !payload::CONVERSATION_STATUSES.contains(&status) => {
            ui.warn(&format!(
                "status {status:?} is not a Conversation delivery status ({})",
                payload::CONVERSATION_STATUSES.join(", ")
            ));
        }
        _ => {}
    }
}

fn negative(args: &SimulateArgs) -> Result<Mutation> {
    let n = &args.negative;
    Ok(if n.tamper {
        Mutation::Tamper
    } else if n.wrong_secret {
        Mutation::WrongSecret
    } else if n.stale {
        Mutation::Stale
    } else if n.future {
        Mutation::Future
    } else if n.no_signature {
        Mutation::NoSignature
    } else if n.bad_algorithm {
        Mutation::BadAlgorithm
    } else if let Some(name) = &n.missing_header {
        Mutation::MissingHeader(mutation::header_name(name).ok_or_else(|| {
            usage(format!(
                "--missing-header {name:?} is not a signature header; use one of: {SIGNATURE}, {NONCE}, {TIMESTAMP}, {ALGORITHM} \
                 (or signature, nonce, timestamp, algorithm)"
            ))
        })?)
    } else {
        Mutation::None
    })
}

/// `--print`: the bodies that would be sent, one per line, nothing sent.
fn print(cfg: &Config) -> Result<Exit> {
    let bodies: Vec<Vec<u8>> = match &cfg.mode {
        Mode::Plan(Plan::Steps(steps)) => steps.iter().map(|s| s.body.clone()).collect(),
        Mode::Plan(Plan::Retry(step)) => vec![step.body.clone()],
        Mode::Single(m) => vec![crate::simulate::prepare(b"", &cfg.step.body, "", 0, *m).body],
        Mode::Replay | Mode::Load(..) => vec![cfg.step.body.clone()],
    };
    for mut body in bodies {
        body.push(b'\n');
        crate::output::stdout_bytes(&body)?;
    }
    Ok(Exit::Ok)
}

async fn run_load(
    ui: Ui,
    sender: Sender,
    spec: Spec,
    custom: Option<Vec<u8>>,
    cfg: LoadConfig,
    json: bool,
) -> Result<Exit> {
    let body: load::BodyFn = Arc::new(move |i| match &custom {
        Some(b) => b.clone(),
        None => {
            let s = Spec {
                fields: Fields {
                    recipient: crate::simulate::plan::nth_recipient(&spec.fields.recipient, i),
                    ..spec.fields.clone()
                },
                ..spec.clone()
            };
            s.single(&new_nonce()).body
        }
    });
    let bar = progress_bar(ui, json, &cfg);
    let progress: load::ProgressFn = {
        let (bar, by_count, started) =
            (bar.clone(), cfg.count.is_some(), std::time::Instant::now());
        Arc::new(move |done| {
            if bar.is_hidden() {
                return;
            }
            if by_count {
                bar.set_position(done);
            } else if done % 64 == 1 {
                // The message is text to format: refresh it every 64 requests, not each one.
                let secs = started.elapsed().as_secs_f64();
                bar.set_position(started.elapsed().as_millis() as u64);
                bar.set_message(format!(
                    "{}, {:.0} req/s",
                    view::count(done, "request", "requests"),
                    done as f64 / secs.max(1e-3)
                ));
            }
        })
    };
    let report = load::run(Arc::new(sender), cfg, body, progress).await?;
    bar.finish_and_clear();
    view::load_summary(json, &report, cfg.expect)?;
    view::load_verdict(&report, cfg.expect)?;
    Ok(Exit::Ok)
}

/// A progress bar on stderr when it is a terminal: requests of --count, or
/// elapsed seconds of --duration with the requests so far and their rate.
fn progress_bar(ui: Ui, json: bool, cfg: &LoadConfig) -> indicatif::ProgressBar {
    if json || ui.quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let (len, template) = match (cfg.count, cfg.duration) {
        (Some(n), _) => (
            n,
            "{spinner} {wide_bar} {pos}/{len} requests {per_sec} {elapsed_precise}",
        ),
        // Milliseconds, so a 2500ms run is not shown as 2s with a full bar for its last half.
        (None, d) => (
            d.unwrap_or_default().as_millis().max(1) as u64,
            "{spinner} {wide_bar} {elapsed} of {prefix}  {msg}",
        ),
    };
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    if let Some(d) = cfg.duration {
        bar.set_prefix(crate::units::show_duration(d));
    }
    bar
}

/// `simulate suite`: every check, the time window edges, the table, the JUnit file.
async fn run_suite(ctx: &Ctx, args: SuiteArgs) -> Result<Exit> {
    let sender = sender(ctx, &args.target)?;
    let url = sender.url.to_string();
    let results = match suite::run(&sender, &args.recipient, args.budget).await {
        Ok(results) => results,
        Err(error) => {
            if let Some(path) = &args.junit {
                let xml =
                    junit::unreachable(&url, &error).context("cannot build the JUnit report")?;
                write_junit(ctx.ui, path, &xml)?;
            }
            return Err(crate::error::AppError::Remote(error).into());
        }
    };
    let accepted = results.first().is_some_and(|r| r.passed);
    let window = if accepted {
        suite::probe_window(&sender, &args.recipient).await
    } else {
        None
    };
    view::suite(&ctx.ui, args.target.json, &url, &results, window)?;
    if let Some(path) = &args.junit {
        let xml = junit::report(&url, &results).context("cannot build the JUnit report")?;
        write_junit(ctx.ui, path, &xml)?;
    }
    let failed = results
        .iter()
        .filter(|r| r.check.required && !r.passed)
        .count() as u64;
    if failed > 0 {
        return Err(crate::error::AppError::Expectation(format!(
            "{} failed against {url}",
            view::count(
                failed,
                "required conformance check",
                "required conformance checks"
            )
        ))
        .into());
    }
    Ok(Exit::Ok)
}

fn write_junit(ui: Ui, path: &std::path::Path, xml: &str) -> Result<()> {
    std::fs::write(path, xml)
        .with_context(|| format!("cannot write the JUnit report {}", path.display()))?;
    ui.info(&format!("wrote JUnit report {}", path.display()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use super::*;

    #[test]
    fn kinds_are_named_in_messages_as_they_are_typed() {
        for arg in KindArg::value_variants() {
            let typed = arg.to_possible_value().unwrap();
            assert_eq!(kind(*arg).arg(), typed.get_name());
        }
    }
}
