//! The parts of `sinchctl listen` around its receiver: asking a running
//! ngrok agent for the public URL, and starting the dashboard (`--ui`) with
//! the SMS credentials and webhook secret `listen` resolved.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use anyhow::Result;
use secrecy::SecretSlice;

use crate::cli::ListenArgs;
use crate::commands::Ctx;
use crate::config::SettingKey;
use crate::dashboard::actions::{Replay, Sending};
use crate::dashboard::{self, Running};
use crate::listen::Listener;
use crate::listen::tunnel::{self, Detection};
use crate::output::Ui;

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
/// construction as `sinchctl send`, from the profile and environment; with
/// the warnings about the settings, to print once listen is ready.
fn sending(ctx: &Ctx) -> (Sending, Vec<String>) {
    let setup = || -> Result<(Sending, Vec<String>)> {
        let settings = ctx.settings(&[])?;
        let (config, warnings) = crate::sms::configure(&settings, None, SEND_TIMEOUT)?;
        let from = settings.value(SettingKey::From).map(str::to_owned);
        let client = crate::sms::Client::new(config, None)?;
        Ok((Sending::Ready { client, from }, warnings))
    };
    setup().unwrap_or_else(|e| {
        let why = format!("{e:#}");
        let why = why.lines().next().unwrap_or("no SMS credentials");
        (Sending::Disabled(why.to_owned()), Vec::new())
    })
}

/// The dashboard next to a listener, and the task feeding it.
pub struct DashboardHandle {
    running: Running,
    feeder: tokio::task::JoinHandle<()>,
    warnings: Vec<String>,
    send_off: Option<String>,
}

impl DashboardHandle {
    /// Prints the dashboard's lines (after listen's readiness line) and
    /// opens a browser with `--open`.
    pub fn announce(&self, ui: Ui, open: bool) {
        for w in &self.warnings {
            ui.warn(w);
        }
        if let Some(why) = &self.send_off {
            ui.detail(&format!("  dashboard     send form off: {why}"));
        }
        // Printed even with --quiet: scripts and tests read the URL from it.
        crate::output::eprintln_safe(&format!("Dashboard on {}", self.running.url));
        if open && webbrowser::open(&self.running.url).is_err() {
            ui.warn("cannot open a browser here; open the dashboard URL yourself");
        }
    }

    /// Waits for the feeder to see the listener's last request, then stops the page.
    pub async fn stop(self) {
        let _ = tokio::time::timeout(Duration::from_secs(5), self.feeder).await;
        self.running.stop().await;
    }
}

/// Starts the dashboard when `--ui` was given and has it follow every
/// request the listener sees; prints nothing (see [`DashboardHandle::announce`]).
pub async fn start_dashboard(
    ctx: &Ctx,
    args: &ListenArgs,
    listener: &Listener,
    secret: Option<SecretSlice<u8>>,
    callback_url: Option<String>,
) -> Result<Option<DashboardHandle>> {
    if !args.ui {
        return Ok(None);
    }
    let listen_addr = listener.local_addr();
    let path = args.path.as_deref().unwrap_or("/");
    let local = match listen_addr.ip() {
        ip if ip.is_unspecified() => SocketAddr::from((Ipv4Addr::LOCALHOST, listen_addr.port())),
        _ => listen_addr,
    };
    let (sending, warnings) = sending(ctx);
    let send_off = match &sending {
        Sending::Disabled(why) => Some(why.clone()),
        Sending::Ready { .. } => None,
    };
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
    let feeder = running.follow(listener.subscribe());
    Ok(Some(DashboardHandle {
        running,
        feeder,
        warnings,
        send_off,
    }))
}
