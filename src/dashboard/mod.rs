//! The live dashboard of `listen --ui`: a page on its own loopback-only
//! listener (never the callback port) showing requests, tracked messages
//! and inbound messages as they arrive, with a send form and replay.
//!
//! It follows a listener through [`Running::follow`]; the page never sees a secret.

pub mod actions;
pub mod feed;
pub mod guard;
pub mod hub;
pub mod rows;
pub mod server;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{Context as _, Result};
use serde::Serialize;

use crate::dashboard::actions::{REPORT_TYPES, Replay, Sending};
use crate::dashboard::guard::Guard;
use crate::dashboard::hub::{Hub, Incoming};

/// The port `--ui` uses unless `--ui-port` says otherwise.
pub const DEFAULT_PORT: u16 = 4041;

/// What the dashboard is started with.
pub struct Options {
    /// Where to listen; must be a loopback address.
    pub addr: SocketAddr,
    /// Whether the send form works, with the client it uses.
    pub sending: Sending,
    /// Replay targets and signing.
    pub replay: Replay,
    /// The public callback URL (tunnel + path) to prefill, when known.
    pub callback_url: Option<String>,
}

/// The shared state behind the dashboard's listener.
pub struct Dashboard {
    hub: Hub,
    guard: Guard,
    sending: Sending,
    replay: Replay,
    callback_url: Option<String>,
}

/// What the page is told about this process (no secrets).
#[derive(Debug, Serialize)]
struct PageConfig<'a> {
    send_enabled: bool,
    send_disabled: Option<&'a str>,
    from: Option<&'a str>,
    callback_url: Option<&'a str>,
    report_types: [&'static str; 5],
    listen_url: &'a str,
    forward_to: Option<String>,
    signing: bool,
}

impl Dashboard {
    fn page_config(&self) -> PageConfig<'_> {
        let (send_enabled, send_disabled, from) = match &self.sending {
            Sending::Ready { from, .. } => (true, None, from.as_deref()),
            Sending::Disabled(why) => (false, Some(why.as_str()), None),
        };
        PageConfig {
            send_enabled,
            send_disabled,
            from,
            callback_url: self.callback_url.as_deref(),
            report_types: REPORT_TYPES,
            listen_url: &self.replay.listen_url,
            forward_to: self
                .replay
                .forward_to
                .as_ref()
                .map(crate::listen::display_url),
            signing: self.replay.secret.is_some(),
        }
    }
}

/// A started dashboard.
pub struct Running {
    /// The page's URL.
    pub url: String,
    dash: Arc<Dashboard>,
    stop: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

/// Binds the dashboard's own listener (loopback only) and starts serving.
pub async fn start(opts: Options) -> Result<Running> {
    guard::check_loopback(&opts.addr).map_err(crate::error::usage)?;
    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .with_context(|| {
            format!(
                "cannot start the dashboard on {}; is another program using the port? pick another with --ui-port, or --ui-port 0 for any free one",
                opts.addr
            )
        })?;
    let addr = listener.local_addr()?;
    let dash = Arc::new(Dashboard {
        hub: Hub::new(),
        guard: Guard::new(addr)?,
        sending: opts.sending,
        replay: opts.replay,
        callback_url: opts.callback_url,
    });
    let (stop, rx) = tokio::sync::watch::channel(false);
    let task = tokio::spawn(server::serve(listener, dash.clone(), rx));
    Ok(Running {
        url: format!("http://{addr}/"),
        dash,
        stop,
        task,
    })
}

/// A handle that feeds the dashboard from another task or thread.
#[derive(Clone)]
pub struct Feed(Arc<Dashboard>);

impl Feed {
    /// Shows one handled request (and what it carried) on every open page.
    pub fn record(&self, inc: Incoming) {
        self.0.hub.record(inc);
    }
}

impl Running {
    /// A handle for feeding the dashboard.
    pub fn feed(&self) -> Feed {
        Feed(self.dash.clone())
    }

    /// Stops serving and closes every open page's stream.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}
