//! [`Gate`]: counts the requests that are being shown (tracked, rendered,
//! queued for output) and, at shutdown, closes to new ones and waits for
//! those inside, however long that takes; a request turned away by a
//! closed gate is neither shown nor counted.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use tokio::sync::Notify;

/// The entrance to the show step.
#[derive(Default)]
pub struct Gate {
    inside: AtomicUsize,
    closed: AtomicBool,
    left: Notify,
}

/// Held while one request is inside (it may move to another task);
/// leaving happens on drop.
pub struct Pass(Arc<Gate>);

impl Gate {
    /// Enters, unless the gate was closed.
    pub fn enter(self: &Arc<Self>) -> Option<Pass> {
        // SeqCst on both sides: either this sees `closed`, or `close` sees this one inside.
        self.inside.fetch_add(1, Ordering::SeqCst);
        let pass = Pass(self.clone());
        (!self.closed.load(Ordering::SeqCst)).then_some(pass)
    }

    /// Closes the gate and waits until everyone inside has left.
    pub async fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        loop {
            let left = self.left.notified();
            if self.inside.load(Ordering::SeqCst) == 0 {
                return;
            }
            left.await;
        }
    }
}

impl Drop for Pass {
    fn drop(&mut self) {
        if self.0.inside.fetch_sub(1, Ordering::SeqCst) == 1 && self.0.closed.load(Ordering::SeqCst)
        {
            self.0.left.notify_waiters();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn close_waits_for_those_inside_and_turns_newcomers_away() {
        let gate = Arc::new(Gate::default());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let (entered, is_inside) = tokio::sync::oneshot::channel::<()>();
        let inside = {
            let gate = gate.clone();
            tokio::spawn(async move {
                let _pass = gate.enter().unwrap();
                let _ = entered.send(());
                let _ = rx.await;
            })
        };
        is_inside.await.unwrap();
        let closing = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.close().await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!closing.is_finished(), "one is still inside");
        assert!(gate.enter().is_none(), "closed to newcomers");
        tx.send(()).unwrap();
        inside.await.unwrap();
        closing.await.unwrap();
    }
}
