//! A running `sinchctl listen` (or any command printing the same readiness
//! line) with its stdout and stderr collected in the background.

/// A running `sinchctl listen` with its output collected in the background.
pub struct Listen {
    pub child: std::process::Child,
    pub port: u16,
    stdout: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    stderr: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

fn collect(
    stream: impl std::io::Read + Send + 'static,
    into: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    first: Option<std::sync::mpsc::Sender<String>>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        use std::io::BufRead;
        let mut first = first;
        for line in std::io::BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if let Some(tx) = first.take() {
                let _ = tx.send(line.clone());
            }
            into.lock().unwrap().push(line);
        }
    })
}

pub struct Finished {
    pub status: std::process::ExitStatus,
    pub stdout: Vec<String>,
    pub stderr: Vec<String>,
}

impl Finished {
    pub fn stderr_text(&self) -> String {
        self.stderr.join("\n")
    }
    pub fn stdout_text(&self) -> String {
        self.stdout.join("\n")
    }
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .iter()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
            .collect()
    }
}

impl Listen {
    pub fn spawn(mut cmd: std::process::Command) -> Listen {
        use std::process::Stdio;
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let readers = vec![
            collect(child.stdout.take().unwrap(), stdout.clone(), None),
            collect(child.stderr.take().unwrap(), stderr.clone(), Some(tx)),
        ];
        let first = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .unwrap_or_default();
        let port = first
            .strip_prefix("Listening on http://127.0.0.1:")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!(
                    "no readiness line; first stderr line: {first:?}; stderr: {:?}",
                    stderr.lock().unwrap()
                )
            });
        Listen {
            child,
            port,
            stdout,
            stderr,
            readers,
        }
    }

    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Stderr lines so far.
    pub fn stderr_lines(&self) -> Vec<String> {
        self.stderr.lock().unwrap().clone()
    }

    /// Stdout lines so far.
    pub fn lines(&self) -> Vec<String> {
        self.stdout.lock().unwrap().clone()
    }

    /// Waits until stdout has at least `n` lines (up to 20 s) and returns them.
    pub fn wait_lines(&self, n: usize) -> Vec<String> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while self.lines().len() < n && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        self.lines()
    }

    /// Waits until a stderr line contains `needle` (up to 20 s); the stderr so far.
    pub fn wait_stderr(&self, needle: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let text = self.stderr.lock().unwrap().join("\n");
            if text.contains(needle) || std::time::Instant::now() > deadline {
                return text;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    /// Sends a signal with the `kill` command (SIGTERM, SIGINT, SIGKILL).
    pub fn signal(&self, sig: &str) {
        std::process::Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
    }

    /// Waits for the process to exit (up to 30 s) and collects all output.
    pub fn finish(mut self) -> Finished {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if std::time::Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "listen did not exit; stderr: {:?}",
                    self.stderr.lock().unwrap()
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
        Finished {
            status,
            stdout: self.stdout.lock().unwrap().clone(),
            stderr: self.stderr.lock().unwrap().clone(),
        }
    }

    /// SIGTERM, then [`Listen::finish`].
    pub fn stop(self) -> Finished {
        self.signal("TERM");
        self.finish()
    }
}

impl Drop for Listen {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
