//! `sinchctl listen`: turns the arguments into a [`ListenerConfig`], starts
//! the [`Listener`], prints the startup lines, waits for a signal, a time
//! limit or the listener's own stop condition, and prints the summary.

use std::net::{IpAddr, SocketAddr};

use anyhow::Result;

use crate::cli::{FailOn, ListenArgs, Until};
use crate::commands::{Ctx, listen_ui};
use crate::error::{AppError, Exit};
use crate::listen::{
    ForwardConfig, Limits, LineFormat, Listener, ListenerConfig, Notices, OutputConfig,
    RecordConfig, Secret, Stop, Summary, default_max_connections, display_url, raise_fd_limit,
    view,
};
use crate::output::{Ui, count};
use secrecy::{ExposeSecret, SecretSlice, SecretString};
use tokio::signal::unix::{Signal, SignalKind, signal};

/// Runs `sinchctl listen`.
pub async fn run(ctx: &Ctx, args: ListenArgs) -> Result<Exit> {
    let secret = if args.no_verify {
        None
    } else {
        let (secret, source) = ctx.webhook_secret(args.secret.secret.as_ref()).map_err(|e| {
            e.context("listen verifies every callback, so it needs the webhook secret (or --no-verify for tinkering)")
        })?;
        Some((secret, source))
    };
    let ui = ctx.ui;
    let source = secret.as_ref().map(|(_, source)| source.to_string());
    // The dashboard's replays sign with their own copy, as redacting as the listener's.
    let bytes = |s: &SecretString| s.expose_secret().as_bytes().to_vec();
    let replay_secret = secret.as_ref().map(|(s, _)| SecretSlice::from(bytes(s)));
    let secret = secret.map(|(s, source)| Secret::new(bytes(&s)).with_source(source.to_string()));
    let config = listener_config(&args, secret, ui);
    // Before the readiness line: a signal sent right after it must stop
    // listen gracefully, not kill it with its lines and summary unwritten.
    let mut signals = Signals::new();
    let max_connections = config.limits.max_connections;
    let listener = Listener::start(config).await?;
    let path = args.path.as_deref().unwrap_or("/");
    let tunnel = listen_ui::detect_tunnel(&args, listener.local_addr().port()).await;
    let tunnel_line =
        listen_ui::tunnel_line(&args, tunnel.as_ref(), listener.local_addr().port(), path);
    let public = tunnel.and_then(|t| t.callback_url(path));
    // Started before the readiness line: a busy --ui-port fails the start.
    let dashboard =
        listen_ui::start_dashboard(ctx, &args, &listener, replay_secret, public).await?;
    announce(
        ui,
        &args,
        listener.local_addr(),
        source,
        max_connections,
        &tunnel_line,
    );
    if let Some(d) = &dashboard {
        d.announce(ui, args.open);
    }
    warn_about_region(ctx);
    let reason = tokio::select! {
        why = listener.stopped() => why,
        () = signals.recv() => Stop::Requested,
        () = sleep_or_forever(args.timeout) => Stop::Timeout,
    };
    listener.stop(reason);
    // Shutdown writes every pending line first; if the reader never comes
    // back, a second signal is the way out.
    let summary = tokio::select! {
        summary = listener.shutdown() => summary,
        () = signals.recv() => anyhow::bail!("stopped by a second signal before the remaining output was written"),
    };
    if let Some(d) = dashboard {
        d.stop().await;
    }
    finish(ui, &args, &summary)
}

/// The one conversion from command-line arguments to the component's config.
fn listener_config(args: &ListenArgs, secret: Option<Secret>, ui: Ui) -> ListenerConfig {
    let clamp = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    // Raised whatever --max-connections says: the record file and forwarded requests need fds too.
    let fd_limit = raise_fd_limit();
    let max_connections = args
        .max_connections
        .map_or_else(|| default_max_connections(fd_limit), clamp);
    let format = if args.json {
        LineFormat::Json
    } else {
        LineFormat::Human {
            painter: ui.out,
            tz: jiff::tz::TimeZone::system(),
        }
    };
    ListenerConfig {
        bind: SocketAddr::new(args.host, args.port),
        path: args.path.clone(),
        secret,
        max_age: args.max_age,
        limits: Limits {
            max_body: args.max_body,
            header_timeout: args.header_timeout,
            request_timeout: args.request_timeout,
            max_nonces: clamp(args.max_nonces),
            max_tracked: clamp(args.max_tracked),
            max_connections,
        },
        record: args.record.clone().map(|path| RecordConfig {
            path,
            fsync: args.fsync,
        }),
        record_rejected: args
            .record_rejected
            .clone()
            .map(|path| RecordConfig { path, fsync: false }),
        forward: args.forward_to.clone().map(|url| ForwardConfig {
            url,
            timeout: args.forward_timeout,
        }),
        exit_after: args.exit_after,
        until_final: args.until == Some(Until::Final),
        output: Some(OutputConfig {
            format,
            writer: Box::new(std::io::stdout()),
        }),
        notices: notices(ui),
    }
}

/// How listen tells people what its listener noticed: as it happens these
/// are progress, hidden by --quiet; the summary's warning about a full
/// replay cache is the one shown even then.
fn notices(ui: Ui) -> Notices {
    Notices::new(move |notice| match notice.is_warning() {
        true if !ui.quiet => ui.warn(&notice.text()),
        true => {}
        false => ui.info(&notice.text()),
    })
}

/// The startup lines; the first is the readiness signal scripts wait for
/// and is printed even with --quiet.
fn announce(
    ui: Ui,
    args: &ListenArgs,
    addr: SocketAddr,
    source: Option<String>,
    max_connections: usize,
    tunnel_line: &str,
) {
    let path = args.path.as_deref().unwrap_or("/");
    crate::output::eprintln_safe(&format!("Listening on http://{addr}"));
    ui.info(&format!("  callback_url  http://{addr}{path}   (local)"));
    match source {
        Some(source) => ui.info(&format!(
            "  secret        from {source}; signatures verified, timestamps within {}s, replays refused",
            args.max_age
        )),
        None => ui.warn(&ui.err.red(
            "--no-verify: signatures are NOT checked; anyone who can reach this port can post callbacks",
        )),
    }
    ui.info(&format!("  {tunnel_line}"));
    ui.info(&format!(
        "  limits        body {} bytes, headers {}, body {}, replay cache {} nonces, {max_connections} connections",
        args.max_body,
        crate::units::show_duration(args.header_timeout),
        crate::units::show_duration(args.request_timeout),
        args.max_nonces
    ));
    if let Some(rec) = &args.record {
        let sync = if args.fsync { " (fsync)" } else { "" };
        ui.info(&format!("  record        {}{sync}", rec.display()));
    }
    if let Some(rec) = &args.record_rejected {
        ui.info(&format!(
            "  rejected to   {} (for `sinchctl verify --request`)",
            rec.display()
        ));
    }
    if let Some(url) = &args.forward_to {
        ui.info(&format!("  forward       {}", display_url(url)));
    }
    if let Some(warning) = bind_warning(args.host) {
        ui.warn(&warning);
    }
}

/// Prints the summary and decides the exit code.
fn finish(ui: Ui, args: &ListenArgs, summary: &Summary) -> Result<Exit> {
    let (tracker, accepted) = (&summary.tracker, summary.accepted);
    if summary.cut_off {
        ui.warn("some requests were still being read or forwarded when listen stopped and were cut off unanswered (not shown, not counted)");
    }
    if args.json && !summary.output_closed {
        let _ = crate::output::stdout_line(&view::summary_json(tracker, accepted).to_string());
    }
    if !ui.quiet {
        crate::output::eprintln_safe(&view::summary_text(tracker, accepted, &ui.err));
    }
    if summary.refused_cache_full > 0 {
        let n = summary.refused_cache_full;
        ui.warn(&format!(
            "{} {} answered 503 because the replay cache was full (raise --max-nonces)",
            count(n, "callback"),
            was(n)
        ));
    }
    if summary.stop == Stop::Timeout && (args.exit_after.is_some() || args.until.is_some()) {
        let waited = match args.exit_after {
            Some(n) => format!("{} (got {accepted})", count(n, "accepted callback")),
            None => "every message to reach a final status".to_owned(),
        };
        return Err(AppError::Timeout(format!(
            "timed out after {} waiting for {waited}",
            crate::units::show_duration(args.timeout.unwrap_or_default())
        ))
        .into());
    }
    if args.fail_on.contains(&FailOn::Failed) && tracker.any_failed() {
        return Err(AppError::DeliveryFailed(
            "a message ended in a failure status (--fail-on failed)".into(),
        )
        .into());
    }
    if args.fail_on.contains(&FailOn::Rejected) && !tracker.rejected.is_empty() {
        let n: u64 = tracker.rejected.values().sum();
        return Err(AppError::SignatureInvalid(format!(
            "{} {} rejected (--fail-on rejected)",
            count(n, "request"),
            was(n)
        ))
        .into());
    }
    Ok(Exit::Ok)
}

/// `listen` needs no region, but a bad one in the profile is said now
/// rather than when `send` refuses it later.
fn warn_about_region(ctx: &Ctx) {
    if let Ok(settings) = ctx.settings(&[])
        && let Err(e) = crate::sms::setup::region(&settings)
    {
        ctx.ui.warn(&format!(
            "{e}; listen does not use it, but the SMS commands will refuse it"
        ));
    }
}

/// The verb for `n` things.
fn was(n: u64) -> &'static str {
    if n == 1 { "was" } else { "were" }
}

/// The warning for an address other machines can reach.
fn bind_warning(host: IpAddr) -> Option<String> {
    (!host.is_loopback()).then(|| {
        format!("listening on {host}, which other machines can reach; ngrok only needs 127.0.0.1 (--host 127.0.0.1)")
    })
}

async fn sleep_or_forever(limit: Option<std::time::Duration>) {
    match limit {
        Some(t) => tokio::time::sleep(t).await,
        None => std::future::pending().await,
    }
}

/// SIGTERM and SIGINT, handled from the moment this is created.
struct Signals(Option<(Signal, Signal)>);

impl Signals {
    fn new() -> Self {
        let term = signal(SignalKind::terminate());
        let int = signal(SignalKind::interrupt());
        Signals(term.ok().zip(int.ok()))
    }

    /// Waits for the next SIGTERM or SIGINT.
    async fn recv(&mut self) {
        match &mut self.0 {
            Some((term, int)) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = int.recv() => {}
                }
            }
            None => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_non_loopback_addresses_warn() {
        assert!(bind_warning("127.0.0.1".parse().unwrap()).is_none());
        assert!(bind_warning("::1".parse().unwrap()).is_none());
        let w = bind_warning("0.0.0.0".parse().unwrap()).unwrap();
        assert!(w.contains("other machines"), "{w}");
        assert!(bind_warning("192.0.2.10".parse().unwrap()).is_some());
    }
}
