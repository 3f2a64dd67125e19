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

/// Longest wait at shutdown for requests still being read or forwarded
/// (requests being shown are always waited for).
const DRAIN: Duration = Duration::from_secs(10);
/// Hidden knob for tests: the drain time in milliseconds.
const DRAIN_ENV: &str = "SINCHCTL_LISTEN_DRAIN_MS";

fn drain_time() -> Duration {
    std::env::var(DRAIN_ENV)
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(DRAIN, Duration::from_millis)
}

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
    /// Whether requests still being read or forwarded after the drain time
    /// were cut off unanswered (none of them was shown or counted).
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
        let rejected = config
            .record_rejected
            .as_ref()
            .map(Recorder::open)
            .transpose()?;
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
        )
        .with_notices(config.notices);
        let (header_timeout, max_connections) = (limits.header_timeout, limits.max_connections);
        let checks = Checks {
            path: config.path,
            secret: config.secret,
            max_age: config.max_age,
            limits,
        };
        let pipeline =
            Arc::new(Pipeline::new(checks, recorder, forwarder, viewer).keep_rejected(rejected));
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
            drain_time(),
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
    /// subscriber more than [`crate::listen::EVENT_BUFFER`] behind misses the oldest).
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

    /// Stops accepting, lets requests in flight finish (those being shown
    /// however long the output stalls, the others up to 10 s), writes every
    /// queued line, and returns the summary.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listen::config::{Limits, Secret};
    use crate::webhook::signature;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    fn config() -> ListenerConfig {
        ListenerConfig {
            bind: "127.0.0.1:0".parse().unwrap(),
            path: None,
            secret: Some(Secret::new("in-process")),
            max_age: 300,
            limits: Limits {
                max_body: 1 << 20,
                header_timeout: Duration::from_secs(5),
                request_timeout: Duration::from_secs(5),
                max_nonces: 100,
                max_tracked: 100,
                max_connections: 16,
            },
            record: None,
            record_rejected: None,
            forward: None,
            exit_after: Some(1),
            until_final: false,
            output: None,
            notices: crate::listen::Notices::default(),
        }
    }

    async fn post(addr: SocketAddr, body: &str) -> String {
        let ts = jiff::Timestamp::now().as_second().to_string();
        let sig = signature::sign(b"in-process", body.as_bytes(), "n-1", &ts);
        let request = format!(
            "POST / HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: {}\r\n\
             {}: {sig}\r\n{}: n-1\r\n{}: {ts}\r\n\r\n{body}",
            body.len(),
            signature::SIGNATURE,
            signature::NONCE,
            signature::TIMESTAMP,
        );
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        s.write_all(request.as_bytes()).await.unwrap();
        let mut answer = String::new();
        s.read_to_string(&mut answer).await.unwrap();
        answer
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn embedders_start_subscribe_and_get_the_summary() {
        let listener = Listener::start(config()).await.unwrap();
        let mut events = listener.subscribe();
        let body = r#"{"type":"recipient_delivery_report_sms","batch_id":"B","recipient":"1","status":"Delivered","code":0}"#;
        let answer = post(listener.local_addr(), body).await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        let seen = events.recv().await.unwrap();
        assert_eq!(seen.request.verdict, crate::listen::Verdict::Verified);
        assert_eq!(
            seen.observations,
            [crate::listen::tracker::Observation::New]
        );
        // exit_after 1: the listener decided to stop on its own; later requests lose.
        assert_eq!(listener.stopped().await, Stop::ExitAfter);
        listener.stop(Stop::Requested);
        let summary = listener.shutdown().await;
        assert_eq!((summary.stop, summary.accepted), (Stop::ExitAfter, 1));
        assert_eq!(summary.tracker.tracked(), 1);
        assert!(!summary.cut_off && !summary.output_closed);
    }
}
