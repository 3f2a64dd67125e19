//! The `--record` file: opened and checked before the listener binds,
//! created 0600, appended by one writer thread that groups the lines of
//! concurrent callbacks into one write (and one sync) and then answers each.

use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};

use anyhow::{Context as _, Result};
use tokio::sync::{mpsc, oneshot};

use crate::listen::config::RecordConfig;

/// Lines waiting for the writer; senders wait (and so delay their answer) beyond it.
const QUEUE: usize = 1024;
/// Most lines grouped into one write.
const BATCH: usize = 512;

struct Job {
    line: Vec<u8>,
    done: oneshot::Sender<io::Result<()>>,
}

/// An open record file with its writer thread.
pub struct Recorder {
    tx: mpsc::Sender<Job>,
}

impl Recorder {
    /// Opens (creating with mode 0600) and checks the file, then starts the writer.
    /// A FIFO or socket is refused: with no reader it would block every answer.
    pub fn open(config: &RecordConfig) -> Result<Recorder> {
        let path = &config.path;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            // Never wait for a FIFO's reader here; such files are refused just below.
            .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
            .open(path)
            .with_context(|| format!("cannot open record file {}", path.display()))?;
        let kind = file.metadata()?.file_type();
        if kind.is_fifo() || kind.is_socket() {
            anyhow::bail!(
                "record file {} is a pipe or socket; --record needs a regular file",
                path.display()
            );
        }
        rustix::fs::fcntl_setfl(&file, rustix::fs::OFlags::APPEND)
            .context("cannot set up the record file")?;
        let (tx, rx) = mpsc::channel(QUEUE);
        let fsync = config.fsync;
        std::thread::Builder::new()
            .name("listen-record".into())
            .spawn(move || write_loop(file, fsync, rx))
            .context("cannot start the record writer")?;
        Ok(Recorder { tx })
    }

    /// Appends one line (with its newline) and returns once it is written
    /// (and synced with `fsync`).
    pub async fn append(&self, line: Vec<u8>) -> io::Result<()> {
        let (done, answer) = oneshot::channel();
        self.tx
            .send(Job { line, done })
            .await
            .map_err(|_| io::Error::other("the record writer stopped"))?;
        answer
            .await
            .map_err(|_| io::Error::other("the record writer stopped"))?
    }
}

fn write_loop(mut file: File, fsync: bool, mut rx: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(BATCH);
    let mut bytes = Vec::new();
    while let Some(first) = rx.blocking_recv() {
        batch.push(first);
        while batch.len() < BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        bytes.clear();
        for job in &batch {
            bytes.extend_from_slice(&job.line);
        }
        // One write: O_APPEND keeps the group whole; one sync covers every line in it.
        let result = file
            .write_all(&bytes)
            .and_then(|()| if fsync { file.sync_data() } else { Ok(()) });
        for job in batch.drain(..) {
            let answer = match &result {
                Ok(()) => Ok(()),
                Err(e) => Err(io::Error::new(e.kind(), e.to_string())),
            };
            let _ = job.done.send(answer);
        }
    }
}
