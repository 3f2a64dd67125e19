//! [`Listener`]: the receiver as a component other code starts in-process.
//! `start` opens and checks everything, then binds; `subscribe` streams what
//! it sees; `stop`/`stopped` share one stop signal; `shutdown` drains and
//! returns the summary.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result};
use tokio::sync::broadcast;
use tokio::task::JoinHandle;

use crate::listen::config::ListenerConfig;
use crate::listen::events::{Seen, Stop, StopSignal};
use crate::listen::forward::Forwarder;
use crate::listen::pipeline::{Checks, Pipeline};
use crate::listen::printer::Printer;
use crate::listen::record::Recorder;
use crate::listen::server;
use crate::listen::tracker::Tracker;
use crate::listen::viewer::Viewer;

/// Longest wait for requests in flight at shutdown.
const DRAIN: Duration = Duration::from_secs(10);

/// What a listener saw, once it stopped.
#[derive(Debug)]
pub struct Summary {
    /// Why it stopped.
    pub stop: Stop,
    /// Callbacks answered 2xx.
    pub accepted: u64,
    /// Callbacks refused with 503 because the replay cache was full of live nonces.
    pub refused_cache_full: u64,
    /// Per-message states and counts.
    pub tracker: Tracker,
    /// Whether requests were still in flight after the drain time and were cut off.
    pub cut_off: bool,
    /// Whether the output stream closed under it.
    pub output_closed: bool,
}

/// A running receiver.
pub struct Listener {
    addr: SocketAddr,
    pipeline: Arc<Pipeline>,
    stop: StopSignal,
    server: JoinHandle<bool>,
}

impl Listener {
    /// Opens the record file, builds the forward client and starts the
    /// output writer, and only then binds: a listener that started is ready.
    pub async fn start(config: ListenerConfig) -> Result<Listener> {
        let recorder = config.record.as_ref().map(Recorder::open).transpose()?;
        let forwarder = config.forward.as_ref().map(Forwarder::new).transpose()?;
        let stop = StopSignal::default();
        let output = match config.output {
            Some(out) => {
                let on_closed = stop.clone();
                let printer = Printer::start(out.writer, move || {
                    on_closed.request(Stop::OutputClosed);
                })
                .context("cannot start the output writer")?;
                Some((out.format, printer))
            }
            None => None,
        };
        let limits = config.limits;
        let viewer = Viewer::new(
            limits.max_tracked,
            output,
            config.exit_after,
            config.until_final,
            stop.clone(),
        );
        let (header_timeout, max_connections) = (limits.header_timeout, limits.max_connections);
        let checks = Checks {
            path: config.path,
            secret: config.secret,
            max_age: config.max_age,
            limits,
        };
        let pipeline = Arc::new(Pipeline::new(checks, recorder, forwarder, viewer));
        let bind = config.bind;
        let listener = tokio::net::TcpListener::bind(bind).await.with_context(|| {
            format!("cannot listen on {bind}; is another program using the port? pick another with --port, or --port 0 for any free one")
        })?;
        let addr = listener.local_addr()?;
        let server = tokio::spawn(server::serve(
            listener,
            pipeline.clone(),
            header_timeout,
            max_connections,
            stop.clone(),
            DRAIN,
        ));
        Ok(Listener {
            addr,
            pipeline,
            stop,
            server,
        })
    }

    /// The bound address (with the real port when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request seen from now on, as it is handled (bounded: a
    /// subscriber more than [`crate::listen::viewer::EVENT_BUFFER`] behind misses the oldest).
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Seen>> {
        self.pipeline.viewer.subscribe()
    }

    /// Asks the listener to stop (the first reason given wins).
    pub fn stop(&self, why: Stop) {
        self.stop.request(why);
    }

    /// Waits until the listener decides to stop on its own (exit-after,
    /// all final, output closed) or someone called [`Listener::stop`].
    pub async fn stopped(&self) -> Stop {
        self.stop.stopped().await
    }

    /// Stops accepting, lets requests in flight finish (up to 10 s), writes
    /// every queued line, and returns the summary.
    pub async fn shutdown(self) -> Summary {
        self.stop.request(Stop::Requested);
        let drained = self.server.await.unwrap_or(false);
        let viewer = &self.pipeline.viewer;
        let output_closed = match viewer.printer() {
            Some(printer) => printer.finish().await,
            None => false,
        };
        Summary {
            stop: self.stop.reason().unwrap_or(Stop::Requested),
            accepted: viewer.accepted(),
            refused_cache_full: self.pipeline.refused_full(),
            tracker: viewer.take_tracker(),
            cut_off: !drained,
            output_closed,
        }
    }
}
