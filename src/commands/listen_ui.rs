//! The parts of `sinchctl listen` around its receiver: asking a running
//! ngrok agent for the public URL, and starting the dashboard (`--ui`) with
//! the SMS credentials and webhook secret `listen` resolved.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use anyhow::Result;

use crate::cli::ListenArgs;
use crate::commands::Ctx;
use crate::config::SettingKey;
use crate::dashboard::actions::{Replay, Sending};
use crate::dashboard::hub::{self, Incoming};
use crate::dashboard::{self, Running};
use crate::listen::Forwarded;
use crate::listen::tunnel::{self, Detection};
use crate::listen::{Listener, Seen, Verdict};
use crate::webhook::callback::Parsed;

/// Time the dashboard's sends get from the SMS API.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// Asks the ngrok agent about `port`, unless `--no-ngrok`.
pub async fn detect_tunnel(args: &ListenArgs, port: u16) -> Option<Detection> {
    if args.no_ngrok {
        return None;
    }
    Some(tunnel::detect(args.ngrok_api.as_str(), port).await)
}

/// The stderr line about the tunnel (or how to start one).
pub fn tunnel_line(
    args: &ListenArgs,
    detection: Option<&Detection>,
    port: u16,
    path: &str,
) -> String {
    match detection {
        Some(d) => d.line(args.ngrok_api.as_str(), port, path),
        None => format!(
            "ngrok         not asked (--no-ngrok); behind a tunnel use its https URL + {path}"
        ),
    }
}

/// Whether and how the send form can work: the same settings and client
/// construction as `sinchctl send`, from the profile and environment.
fn sending(ctx: &Ctx) -> Sending {
    let setup = || -> Result<Sending> {
        let settings = ctx.settings(&[])?;
        let (config, warnings) = crate::sms::configure(&settings, None, SEND_TIMEOUT)?;
        for w in warnings {
            ctx.ui.warn(&w);
        }
        let from = settings.value(SettingKey::From).map(str::to_owned);
        let client = crate::sms::Client::new(config, None)?;
        Ok(Sending::Ready { client, from })
    };
    setup().unwrap_or_else(|e| {
        let why = format!("{e:#}");
        Sending::Disabled(
            why.lines()
                .next()
                .unwrap_or("no SMS credentials")
                .to_owned(),
        )
    })
}

/// The dashboard next to a listener, and the task feeding it.
pub struct Ui {
    running: Running,
    feeder: tokio::task::JoinHandle<()>,
}

impl Ui {
    /// Waits for the feeder to see the listener's last request, then stops the page.
    pub async fn stop(self) {
        let _ = tokio::time::timeout(Duration::from_secs(5), self.feeder).await;
        self.running.stop().await;
    }
}

/// Starts the dashboard when `--ui` was given, feeds it every request the
/// listener sees, and prints its URL on stderr.
pub async fn start_dashboard(
    ctx: &Ctx,
    args: &ListenArgs,
    listener: &Listener,
    secret: Option<Vec<u8>>,
    callback_url: Option<String>,
) -> Result<Option<Ui>> {
    if !args.ui {
        return Ok(None);
    }
    let mut seen = listener.subscribe();
    let listen_addr = listener.local_addr();
    let path = args.path.clone().unwrap_or_else(|| "/".to_owned());
    let local = match listen_addr.ip() {
        ip if ip.is_unspecified() => SocketAddr::from((Ipv4Addr::LOCALHOST, listen_addr.port())),
        _ => listen_addr,
    };
    let sending = sending(ctx);
    if let Sending::Disabled(why) = &sending {
        ctx.ui
            .detail(&format!("  dashboard     send form off: {why}"));
    }
    let running = dashboard::start(dashboard::Options {
        addr: SocketAddr::new(args.ui_host, args.ui_port),
        sending,
        replay: Replay::new(
            format!("http://{local}{path}"),
            args.forward_to.clone(),
            secret,
        )?,
        callback_url,
    })
    .await?;
    // Printed even with --quiet: scripts and tests read the URL from it.
    crate::output::eprintln_safe(&format!("Dashboard on {}", running.url));
    if args.open && webbrowser::open(&running.url).is_err() {
        ctx.ui
            .warn("cannot open a browser here; open the dashboard URL yourself");
    }
    let feed = running.feed();
    let feeder = tokio::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match seen.recv().await {
                Ok(s) => feed.record(incoming(&s)),
                // The page shows what it can; counts stay right in listen's own summary.
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => break,
            }
        }
    });
    Ok(Some(Ui { running, feeder }))
}

/// What the dashboard is told about one handled request.
pub fn incoming(seen: &Seen) -> Incoming {
    let (d, parsed) = (&seen.request, seen.parsed.as_ref());
    let (verdict, reason_code, reason) = match (&d.verdict, &d.forwarded, &d.record_error) {
        (Verdict::Rejected { code, message }, _, _) => {
            ("rejected", Some(code.clone()), Some(message.clone()))
        }
        (_, _, Some(e)) => (
            "rejected",
            Some("record_failed".to_owned()),
            Some(e.clone()),
        ),
        (_, Some(Forwarded::Failed(why)), _) => ("forward_failed", None, Some(why.clone())),
        (Verdict::Verified, _, _) => ("verified", None, None),
        (Verdict::Unverified, _, _) => ("unverified", None, None),
    };
    // listen appends the likely cause of a mismatch to the reason; the page shows it apart.
    let (reason, cause) = match reason {
        Some(r) => match r.split_once("; likely cause: ") {
            Some((why, cause)) => (Some(why.to_owned()), Some(cause.to_owned())),
            None => (Some(r), None),
        },
        None => (None, None),
    };
    let events = match parsed {
        Some(Parsed::Events(e)) => e.clone(),
        _ => Vec::new(),
    };
    Incoming {
        received_at: d.received_at,
        verdict: hub::Verdict {
            peer: d.peer.to_string(),
            forwarded_for: d
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(tunnel::forwarded_for),
            method: d.method.clone(),
            path: d.path.clone(),
            status: d.status,
            verdict: verdict.to_owned(),
            reason_code,
            reason,
            cause,
        },
        headers: crate::listen::header_pairs(&d.headers),
        body: d.body.clone(),
        events,
    }
}
