//! The `--record` file: opened and checked before the listener binds,
//! created 0600, appended with group commit: the lines of concurrent
//! callbacks go out in one write (and one sync), each answered after it.

use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, Result};
use tokio::sync::{Semaphore, oneshot};

use crate::listen::config::RecordConfig;

/// Lines gathered while a group is being written; callers wait beyond it.
const MAX_PENDING: usize = 4 << 20;

/// Lines waiting for the next group write, and who waits for them.
#[derive(Default)]
struct Pending {
    bytes: Vec<u8>,
    waiters: Vec<oneshot::Sender<Result<(), String>>>,
    writing: bool,
}

/// An open record file. Group commit without a writer thread: the first
/// caller to find no write in progress starts a leader task that writes
/// every line gathered so far in one write (one sync), round after round,
/// while callers arriving meanwhile add their line and wait for their round.
/// The leader is a task of its own so a cancelled caller cannot strand the others.
pub struct Recorder {
    inner: Arc<Inner>,
}

struct Inner {
    file: File,
    fsync: bool,
    pending: Mutex<Pending>,
    room: Semaphore,
    /// Group writes so far, for the test that shows grouping.
    #[cfg(test)]
    rounds: std::sync::atomic::AtomicU64,
}

impl Recorder {
    /// Opens (creating with mode 0600, or making an existing regular file 0600) and checks the file.
    /// A FIFO or socket is refused: with no reader it would block every answer.
    pub fn open(config: &RecordConfig) -> Result<Recorder> {
        let path = &config.path;
        // A planted link could send phone numbers and message text into another file.
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            anyhow::bail!(
                "record file {} is a symbolic link; give the path of the file itself",
                path.display()
            );
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            // Never wait for a FIFO's reader here; such files are refused just below.
            .custom_flags(
                (rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOFOLLOW).bits() as i32,
            )
            .open(path)
            .with_context(|| format!("cannot open record file {}", path.display()))?;
        let kind = file.metadata()?.file_type();
        if kind.is_fifo() || kind.is_socket() {
            anyhow::bail!(
                "record file {} is a pipe or socket; --record needs a regular file",
                path.display()
            );
        }
        // An existing file keeps its mode on open; it is about to hold phone
        // numbers and signature headers, so others lose access to it.
        if kind.is_file() && file.metadata()?.permissions().mode() & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))
                .with_context(|| {
                    format!(
                        "cannot make record file {} private (mode 0600)",
                        path.display()
                    )
                })?;
        }
        rustix::fs::fcntl_setfl(&file, rustix::fs::OFlags::APPEND)
            .context("cannot set up the record file")?;
        let inner = Inner {
            file,
            fsync: config.fsync,
            pending: Mutex::default(),
            room: Semaphore::new(MAX_PENDING),
            #[cfg(test)]
            rounds: Default::default(),
        };
        Ok(Recorder {
            inner: Arc::new(inner),
        })
    }

    /// Appends one line (with its newline) and returns once it is written
    /// (and synced with `fsync`).
    pub async fn append(&self, line: Vec<u8>) -> io::Result<()> {
        let inner = &self.inner;
        let need = line.len().min(MAX_PENDING) as u32;
        let _room = inner
            .room
            .acquire_many(need)
            .await
            .map_err(|_| io::Error::other("the record file is closed"))?;
        let (done, wait) = oneshot::channel();
        let lead = {
            let mut p = inner.lock();
            p.bytes.extend_from_slice(&line);
            p.waiters.push(done);
            !std::mem::replace(&mut p.writing, true)
        };
        if lead {
            tokio::spawn(inner.clone().lead());
        }
        wait.await
            .unwrap_or_else(|_| Err("the record writer stopped".into()))
            .map_err(io::Error::other)
    }
}

impl Inner {
    fn lock(&self) -> std::sync::MutexGuard<'_, Pending> {
        // Holders never panic midway; a poisoned lock still holds whole lines.
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes rounds until nothing is pending, answering each round's callers.
    async fn lead(self: Arc<Self>) {
        loop {
            let (bytes, waiters) = {
                let mut p = self.lock();
                if p.bytes.is_empty() {
                    p.writing = false;
                    return;
                }
                (std::mem::take(&mut p.bytes), std::mem::take(&mut p.waiters))
            };
            let result = self.clone().write(bytes).await;
            for w in waiters {
                let _ = w.send(result.clone());
            }
        }
    }

    /// One write (O_APPEND keeps the round whole) and, with fsync, one sync.
    async fn write(self: Arc<Self>, bytes: Vec<u8>) -> Result<(), String> {
        #[cfg(test)]
        self.rounds
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if !self.fsync {
            // A page-cache append takes microseconds: no thread hop for it.
            return (&self.file).write_all(&bytes).map_err(|e| e.to_string());
        }
        tokio::task::spawn_blocking(move || {
            let mut f = &self.file;
            f.write_all(&bytes).and_then(|()| f.sync_data())
        })
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_lines_each_land_once_and_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rec.ndjson");
        let config = RecordConfig {
            path: path.clone(),
            fsync: true,
        };
        let rec = Arc::new(Recorder::open(&config).unwrap());
        let tasks: Vec<_> = (0..200)
            .map(|i| {
                let rec = rec.clone();
                tokio::spawn(async move { rec.append(format!("line {i:03}\n").into_bytes()).await })
            })
            .collect();
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines.sort_unstable();
        let expected: Vec<String> = (0..200).map(|i| format!("line {i:03}")).collect();
        assert_eq!(lines, expected);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        // Group commit: the 200 lines went out in far fewer write+sync rounds.
        let rounds = rec.inner.rounds.load(std::sync::atomic::Ordering::Relaxed);
        eprintln!("200 appends with fsync in {rounds} rounds");
        assert!(rounds < 200, "{rounds} rounds for 200 appends");
    }

    #[test]
    fn a_symbolic_link_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "data\n").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
        let link = dir.path().join("link.ndjson");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let config = RecordConfig {
            path: link,
            fsync: false,
        };
        let err = Recorder::open(&config).err().unwrap().to_string();
        assert!(err.contains("symbolic link"), "{err}");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }

    #[test]
    fn an_existing_readable_file_is_made_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.ndjson");
        std::fs::write(&path, "kept\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let config = RecordConfig {
            path: path.clone(),
            fsync: false,
        };
        Recorder::open(&config).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept\n");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failed_sync_fails_every_caller_of_its_round() {
        let config = RecordConfig {
            path: "/dev/null".into(),
            fsync: true,
        };
        let rec = Recorder::open(&config).unwrap();
        assert!(rec.append(b"x\n".to_vec()).await.is_err());
        assert!(
            rec.append(b"y\n".to_vec()).await.is_err(),
            "the next round is tried again"
        );
    }
}
