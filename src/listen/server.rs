//! The accept loop: hyper 1 HTTP/1.1 connections, at most `max_connections`
//! at once (at the cap the oldest idle one is closed to admit the new one,
//! so holding connections open cannot lock callbacks out), graceful drain.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::listen::events::StopSignal;
use crate::listen::pipeline::{self, Pipeline};

/// An open connection: how many requests it is handling, and how to close it.
struct Conn {
    busy: Arc<AtomicUsize>,
    close: oneshot::Sender<()>,
}

/// Open connections by age (ids increase).
#[derive(Default)]
struct Conns {
    next: u64,
    open: BTreeMap<u64, Conn>,
}

impl Conns {
    /// Registers a connection if there is room, closing the oldest idle one
    /// when at `cap`; `None` when every open connection is busy.
    fn admit(&mut self, cap: usize) -> Option<(u64, Arc<AtomicUsize>, oneshot::Receiver<()>)> {
        if self.open.len() >= cap {
            let idle = self
                .open
                .iter()
                .find(|(_, c)| c.busy.load(Ordering::SeqCst) == 0)
                .map(|(id, _)| *id)?;
            if let Some(conn) = self.open.remove(&idle) {
                let _ = conn.close.send(());
            }
        }
        let id = self.next;
        self.next += 1;
        let busy = Arc::new(AtomicUsize::new(0));
        let (close, closed) = oneshot::channel();
        self.open.insert(
            id,
            Conn {
                busy: busy.clone(),
                close,
            },
        );
        Some((id, busy, closed))
    }
}

/// Marks a connection busy while one of its requests is handled.
struct Busy(Arc<AtomicUsize>);

impl Busy {
    fn new(count: &Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Busy(count.clone())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Accepts connections until `stop` is raised, then stops accepting and
/// waits for requests in flight: those being shown however long it takes,
/// the others (still read or forwarded) at most `drain` after the stop and
/// again after the shown ones; false when some were cut off unanswered.
pub async fn serve(
    listener: TcpListener,
    pipeline: Arc<Pipeline>,
    header_timeout: Duration,
    max_connections: usize,
    stop: StopSignal,
    drain: Duration,
) -> bool {
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let conns = Arc::new(Mutex::new(Conns::default()));
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(_) => {
                    // Out of descriptors or a reset before accept: back off briefly, keep serving.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            _ = stop.stopped() => break,
        };
        let Some((id, busy, closed)) = conns.lock().ok().and_then(|mut c| c.admit(max_connections))
        else {
            // Every connection is mid-request: this one is closed unanswered.
            continue;
        };
        let _ = stream.set_nodelay(true);
        let pipeline = pipeline.clone();
        let svc = service_fn(move |req| {
            let (pipeline, busy) = (pipeline.clone(), Busy::new(&busy));
            async move {
                let answer = pipeline::handle(pipeline, peer, req).await;
                drop(busy);
                answer
            }
        });
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), svc));
        let conns = conns.clone();
        tokio::spawn(async move {
            tokio::select! {
                _ = conn => {}
                _ = closed => {}
            }
            if let Ok(mut c) = conns.lock() {
                c.open.remove(&id);
            }
        });
    }
    drop(listener);
    let all_done = graceful.shutdown();
    tokio::pin!(all_done);
    let drained = tokio::time::timeout(drain, &mut all_done).await.is_ok();
    // Whatever the drain time, requests already being shown hold an accepted
    // callback: wait for their lines (a second signal is the way out);
    // requests that get there later are answered 503, not shown.
    pipeline.viewer.close().await;
    drained || tokio::time::timeout(drain, &mut all_done).await.is_ok()
}

/// Raises the soft open-file limit to the hard one; returns the limit now in force.
pub fn raise_fd_limit() -> Option<u64> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    if limit.current < limit.maximum {
        limit.current = limit.maximum;
        if setrlimit(Resource::Nofile, limit).is_err() {
            limit = getrlimit(Resource::Nofile);
        }
    }
    limit.current
}

/// Connections allowed for an open-file limit, leaving room for the
/// runtime, the record file, forwarded requests and one more accept.
pub fn default_max_connections(fd_limit: Option<u64>) -> usize {
    let Some(limit) = fd_limit else {
        return 10_000;
    };
    let headroom = 32 + limit / 8;
    usize::try_from(limit.saturating_sub(headroom))
        .unwrap_or(usize::MAX)
        .clamp(4, 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_idle_connection_makes_room() {
        let mut c = Conns::default();
        let (a, busy_a, _ra) = c.admit(2).unwrap();
        let (b, _busy_b, mut rb) = c.admit(2).unwrap();
        busy_a.fetch_add(1, Ordering::SeqCst);
        let (n, ..) = c.admit(2).unwrap();
        assert!(c.open.contains_key(&a) && !c.open.contains_key(&b) && c.open.contains_key(&n));
        assert!(rb.try_recv().is_ok(), "the idle one was told to close");
        c.open.get(&n).unwrap().busy.fetch_add(1, Ordering::SeqCst);
        assert!(c.admit(2).is_none(), "all busy: refuse the newcomer");
    }

    #[test]
    fn connection_cap_leaves_headroom() {
        assert_eq!(default_max_connections(Some(64)), 24);
        assert!(default_max_connections(Some(1024)) < 1024 - 32);
        assert_eq!(default_max_connections(Some(8)), 4);
        assert_eq!(default_max_connections(Some(u64::MAX)), 1_000_000);
    }
}
