//! The output stream's single writer: handlers hand it finished lines
//! through a queue bounded in bytes (so a slow reader slows the answers
//! instead of growing memory); it writes them in batches, in arrival order.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::{Semaphore, mpsc, oneshot};

/// Most bytes of finished lines waiting for the output stream.
pub const MAX_QUEUED_BYTES: usize = 4 << 20;
/// Most requests' lines waiting (a second bound, for many tiny lines).
const MAX_QUEUED_ITEMS: usize = 8192;
/// Bytes gathered into one write.
const BATCH_BYTES: usize = 256 << 10;
/// Pause after each write, so lines gather into batches.
const NAP: std::time::Duration = std::time::Duration::from_millis(2);

enum Msg {
    Lines(Vec<u8>, u32),
    Close(oneshot::Sender<bool>),
}

/// The handle handlers print through.
pub struct Printer {
    tx: mpsc::Sender<Msg>,
    room: Arc<Semaphore>,
    finishing: AtomicBool,
}

impl Printer {
    /// Starts the writer thread; `on_closed` runs once if the stream stops taking writes.
    pub fn start(
        writer: Box<dyn Write + Send>,
        on_closed: impl Fn() + Send + 'static,
    ) -> std::io::Result<Printer> {
        let (tx, rx) = mpsc::channel(MAX_QUEUED_ITEMS);
        let room = Arc::new(Semaphore::new(MAX_QUEUED_BYTES));
        let writer_room = room.clone();
        std::thread::Builder::new()
            .name("listen-output".into())
            .spawn(move || write_loop(writer, rx, &writer_room, on_closed))?;
        Ok(Printer {
            tx,
            room,
            finishing: AtomicBool::new(false),
        })
    }

    /// [`Printer::print_revised`] without a revision.
    #[cfg(test)]
    pub async fn print(&self, bytes: Vec<u8>) -> bool {
        self.print_revised(bytes, |bytes| bytes).await
    }

    /// Queues `bytes`, waiting while the queue is full (backpressure); once
    /// there is room, `revise` may replace them (with what became true while
    /// waiting) before they are queued. False when the line was not queued
    /// because the printer is finishing. Callers keep prints and
    /// [`Printer::finish`] apart (the viewer's gate does), so a line that was
    /// queued is always written or drained.
    pub async fn print_revised(
        &self,
        bytes: Vec<u8>,
        revise: impl FnOnce(Vec<u8>) -> Vec<u8>,
    ) -> bool {
        if self.finishing.load(Ordering::SeqCst) {
            return false;
        }
        if bytes.is_empty() {
            return true;
        }
        // A line bigger than the whole budget takes all of it, so it still fits.
        let budget = |b: &[u8]| b.len().clamp(1, MAX_QUEUED_BYTES) as u32;
        let need = budget(&bytes);
        let Ok(permit) = self.room.acquire_many(need).await else {
            return false;
        };
        permit.forget();
        let bytes = revise(bytes);
        let now = budget(&bytes);
        if now < need {
            self.room.add_permits((need - now) as usize);
        } else if now > need {
            match self.room.acquire_many(now - need).await {
                Ok(more) => more.forget(),
                Err(_) => {
                    self.room.add_permits(need as usize);
                    return false;
                }
            }
        }
        if self.tx.send(Msg::Lines(bytes, now)).await.is_err() {
            self.room.add_permits(now as usize);
            return false;
        }
        true
    }

    /// Queues `bytes` if the queue has room right now, without waiting:
    /// `Ok` as [`Printer::print_revised`] would answer, `Err(bytes)` when it is full.
    pub fn try_print(&self, bytes: Vec<u8>) -> Result<bool, Vec<u8>> {
        if self.finishing.load(Ordering::SeqCst) {
            return Ok(false);
        }
        if bytes.is_empty() {
            return Ok(true);
        }
        let need = bytes.len().min(MAX_QUEUED_BYTES) as u32;
        let permit = match self.room.try_acquire_many(need) {
            Ok(permit) => permit,
            Err(tokio::sync::TryAcquireError::NoPermits) => return Err(bytes),
            Err(tokio::sync::TryAcquireError::Closed) => return Ok(false),
        };
        permit.forget();
        match self.tx.try_send(Msg::Lines(bytes, need)) {
            Ok(()) => Ok(true),
            Err(mpsc::error::TrySendError::Full(Msg::Lines(bytes, _))) => {
                self.room.add_permits(need as usize);
                Err(bytes)
            }
            Err(_) => {
                self.room.add_permits(need as usize);
                Ok(false)
            }
        }
    }

    /// Waits until every line queued so far is written; true when the
    /// stream had closed under it. Later prints return false.
    pub async fn finish(&self) -> bool {
        self.finishing.store(true, Ordering::SeqCst);
        let (done, closed) = oneshot::channel();
        if self.tx.send(Msg::Close(done)).await.is_err() {
            return true;
        }
        closed.await.unwrap_or(true)
    }
}

fn write_loop(
    mut writer: Box<dyn Write + Send>,
    mut rx: mpsc::Receiver<Msg>,
    room: &Semaphore,
    on_closed: impl Fn(),
) {
    let mut closed = false;
    let mut buf = Vec::with_capacity(BATCH_BYTES);
    let mut finish = None;
    while finish.is_none() {
        let Some(first) = rx.blocking_recv() else {
            return;
        };
        let mut freed = 0usize;
        let mut next = Some(first);
        while let Some(msg) = next.take() {
            match msg {
                Msg::Lines(bytes, permits) => {
                    buf.extend_from_slice(&bytes);
                    freed += permits as usize;
                }
                Msg::Close(done) => {
                    finish = Some(done);
                    break;
                }
            }
            if buf.len() < BATCH_BYTES {
                next = rx.try_recv().ok();
            }
        }
        if !closed
            && !buf.is_empty()
            && writer
                .write_all(&buf)
                .and_then(|()| writer.flush())
                .is_err()
        {
            // The reader went away (`| head`): keep draining so nobody waits, stop writing.
            closed = true;
            on_closed();
        }
        buf.clear();
        room.add_permits(freed);
        // Napping after a batch means that under load senders find no parked
        // thread to wake, so printing costs the handlers no wake-up syscalls.
        std::thread::sleep(NAP);
    }
    if let Some(done) = finish {
        let _ = done.send(closed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Default)]
    struct Sink(Arc<std::sync::Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn every_line_is_written_in_order_before_finish_returns() {
        let sink = Sink::default();
        let p = Printer::start(Box::new(sink.clone()), || {}).unwrap();
        for i in 0..10_000 {
            assert!(p.print(format!("{i}\n").into_bytes()).await);
        }
        assert!(!p.finish().await);
        assert!(!p.print(b"late\n".to_vec()).await, "refused once finishing");
        let text = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        let expected: String = (0..10_000).map(|i| format!("{i}\n")).collect();
        assert_eq!(text, expected);
    }
}
