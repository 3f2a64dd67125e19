//! The last stage of the pipeline: parse an accepted body, track its
//! events, render the request's lines on the handling task, queue them for
//! the single writer, publish the event to subscribers, and raise the stop
//! conditions (`exit_after`, all final).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use tokio::sync::broadcast;

use crate::listen::config::LineFormat;
use crate::listen::events::{Handled, Notice, Notices, Seen, Stop, StopSignal, Verdict};
use crate::listen::forward::Forwarded;
use crate::listen::gate::{Gate, Pass};
use crate::listen::printer::Printer;
use crate::listen::shards::Shards;
use crate::listen::tracker::{Observation, Tracker};
use crate::listen::{tunnel, view};
use crate::webhook::callback::{self, Parsed};

/// Events kept for a slow subscriber before it starts missing some.
pub const EVENT_BUFFER: usize = 1024;

/// What [`Viewer::show_now`] did.
pub enum Shown {
    /// Finished: shown and counted (true), or turned away (false).
    Done(bool),
    /// Tracked and rendered, but the output queue is full: finish it with
    /// [`Viewer::finish_show`] on a task that runs to the end.
    Waiting(Box<Waiting>),
}

/// A request inside the show step whose line waits for room.
pub struct Waiting {
    pass: Pass,
    line: Vec<u8>,
    after: After,
}

/// What is left once the line is queued.
struct After {
    seen: Seen,
    answered_ok: bool,
    all_final: bool,
}

/// Tracks, renders and publishes handled requests.
pub struct Viewer {
    tracker: Shards,
    output: Option<(LineFormat, Printer)>,
    events: broadcast::Sender<Arc<Seen>>,
    accepted: AtomicU64,
    exit_after: Option<u64>,
    until_final: bool,
    stop: StopSignal,
    public_host: std::sync::OnceLock<()>,
    notices: Notices,
    gate: Arc<Gate>,
}

impl Viewer {
    /// A viewer writing lines through `output` (if any) and raising `stop`.
    pub fn new(
        max_tracked: usize,
        output: Option<(LineFormat, Printer)>,
        exit_after: Option<u64>,
        until_final: bool,
        stop: StopSignal,
    ) -> Self {
        Viewer {
            tracker: Shards::new(max_tracked),
            output,
            events: broadcast::channel(EVENT_BUFFER).0,
            accepted: AtomicU64::new(0),
            exit_after,
            until_final,
            stop,
            public_host: std::sync::OnceLock::new(),
            notices: Notices::default(),
            gate: Arc::new(Gate::default()),
        }
    }

    /// Sends notices for people to `notices`.
    pub fn with_notices(mut self, notices: Notices) -> Self {
        self.notices = notices;
        self
    }

    /// Where notices for people go.
    pub fn notices(&self) -> &Notices {
        &self.notices
    }

    /// A new receiver of every request seen from now on (a subscriber that
    /// falls more than [`EVENT_BUFFER`] behind misses the oldest ones).
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Seen>> {
        self.events.subscribe()
    }

    /// Callbacks answered 2xx so far.
    pub fn accepted(&self) -> u64 {
        self.accepted.load(Ordering::SeqCst)
    }

    /// Shows one handled request, waiting while the output queue is full;
    /// false (nothing shown or counted) once [`Viewer::close`] began.
    pub async fn show(&self, request: Handled) -> bool {
        match self.show_now(request) {
            Shown::Done(shown) => shown,
            Shown::Waiting(w) => self.finish_show(w, &AtomicBool::new(false)).await,
        }
    }

    /// Tracks, renders and queues without waiting (nothing here can be cut
    /// short by a caller that goes away); when the output queue is full, the
    /// rest is left in [`Shown::Waiting`] for [`Viewer::finish_show`].
    pub fn show_now(&self, request: Handled) -> Shown {
        let Some(pass) = self.gate.enter() else {
            return Shown::Done(false);
        };
        self.announce_public_host(&request);
        let forward_failed = matches!(request.forwarded, Some(Forwarded::Failed(_)));
        let accepted = !matches!(request.verdict, Verdict::Rejected { .. })
            && request.record_error.is_none()
            && !forward_failed;
        let parsed = accepted.then(|| callback::parse(&request.body));
        let (observations, all_final) = if forward_failed {
            // Sinch retries it: its events are tracked when a retry gets through.
            self.tracker.forward_failed();
            (Vec::new(), self.tracker.all_final())
        } else {
            self.track(&request.verdict, parsed.as_ref())
        };
        let after = After {
            answered_ok: (200..300).contains(&request.status),
            all_final,
            seen: Seen {
                request,
                parsed,
                observations,
            },
        };
        if let Some((format, printer)) = &self.output {
            match printer.try_print(render(&after.seen, format)) {
                Ok(true) => {}
                Ok(false) => return Shown::Done(false),
                Err(line) => return Shown::Waiting(Box::new(Waiting { pass, line, after })),
            }
        }
        Shown::Done(self.after_print(after))
    }

    /// Waits for room for the line [`Viewer::show_now`] could not queue, then
    /// counts it. If `gone` is set by then (the caller hung up while waiting,
    /// so it never got its answer), the line and the counts say so instead.
    pub async fn finish_show(&self, waiting: Box<Waiting>, gone: &AtomicBool) -> bool {
        let Waiting {
            pass,
            line,
            mut after,
        } = *waiting;
        if let Some((format, printer)) = &self.output {
            let revise = |line: Vec<u8>| {
                if !gone.load(Ordering::SeqCst) {
                    return line;
                }
                after.seen.request.hang_up();
                after.answered_ok = false;
                // Its events stay tracked (they arrived); Sinch's retry shows as a duplicate.
                self.tracker.reject("hung_up");
                render(&after.seen, format)
            };
            if !printer.print_revised(line, revise).await {
                return false;
            }
        }
        let shown = self.after_print(after);
        drop(pass);
        shown
    }

    /// Publishes the event and raises the stop conditions, once the line is queued.
    fn after_print(&self, after: After) -> bool {
        if self.events.receiver_count() > 0 {
            let _ = self.events.send(Arc::new(after.seen));
        }
        if after.answered_ok {
            let n = self.accepted.fetch_add(1, Ordering::SeqCst) + 1;
            if self.exit_after.is_some_and(|limit| n >= limit) {
                self.stop.request(Stop::ExitAfter);
            }
        }
        if self.until_final && after.all_final {
            self.stop.request(Stop::AllFinal);
        }
        true
    }

    /// Turns new requests away from [`Viewer::show`] and waits, however
    /// long the output reader stalls, for those being shown.
    pub async fn close(&self) {
        self.gate.close().await;
    }

    /// Says once which public host requests arrive through.
    fn announce_public_host(&self, request: &Handled) {
        if self.public_host.get().is_some() {
            return;
        }
        let header = |n: &str| request.headers.get(n).and_then(|v| v.to_str().ok());
        if let Some(host) = tunnel::public_host(header("x-forwarded-host"), header("host"))
            && self.public_host.set(()).is_ok()
        {
            self.notices.send(&Notice::PublicHost(host));
        }
    }

    fn track(&self, verdict: &Verdict, parsed: Option<&Parsed>) -> (Vec<Observation>, bool) {
        let observations = match (verdict, parsed) {
            (Verdict::Rejected { code, .. }, _) => {
                self.tracker.reject(code);
                Vec::new()
            }
            (_, Some(Parsed::Events(events))) => self.tracker.observe(events),
            (_, Some(_)) => {
                self.tracker.unparsed();
                Vec::new()
            }
            _ => Vec::new(),
        };
        (observations, self.tracker.all_final())
    }

    /// Takes the tracker out for the summary.
    pub fn take_tracker(&self) -> Tracker {
        self.tracker.take()
    }

    /// The printer, to drain it at shutdown.
    pub fn printer(&self) -> Option<&Printer> {
        self.output.as_ref().map(|(_, p)| p)
    }
}

/// The finished bytes for one request.
fn render(seen: &Seen, format: &LineFormat) -> Vec<u8> {
    let mut out = String::new();
    match format {
        LineFormat::Json => {
            out.push_str(&view::json_line(seen));
            out.push('\n');
        }
        LineFormat::Human { painter, tz } => {
            for line in view::human_lines(seen, painter, tz) {
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    out.into_bytes()
}
