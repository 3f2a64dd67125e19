//! Test support: commands with a scrubbed environment and a private
//! config dir, an independent reference signer, and fixture access.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use base64::Engine as _;
use hmac::{KeyInit, Mac};

/// Variables a user's shell may set that would change sinchctl's behaviour,
/// besides every setting's variable (taken from the settings table).
const SCRUB: &[&str] = &[
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "FORCE_COLOR",
    "TERM",
    "RUST_BACKTRACE",
    "SINCHCTL_CONFIG",
    "SINCHCTL_PROFILE",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
];

/// Every variable the scrubbed environment removes.
pub fn scrubbed_vars() -> impl Iterator<Item = &'static str> {
    SCRUB
        .iter()
        .copied()
        .chain(sinchctl::config::KEYS.iter().map(|k| k.env))
}

/// A private home for one test: its own config and cache directories.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Where sinchctl looks for its config by default in this environment.
    pub fn default_config_path(&self) -> PathBuf {
        self.dir.path().join("config/sinchctl/config.toml")
    }

    /// The binary with a scrubbed environment rooted in this test's dir.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// Like [`Env::cmd`] with extra environment variables: the one way tests fake a user's environment.
    pub fn cmd_with(&self, vars: &[(&str, &str)]) -> Command {
        let mut cmd = self.cmd();
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd
    }

    /// Like [`Env::cmd`], as a plain `std::process::Command` (for spawning).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(bin());
        for var in scrubbed_vars() {
            cmd.env_remove(var);
        }
        cmd.env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_CACHE_HOME", self.dir.path().join("cache"));
        cmd
    }

    /// Starts `sinchctl listen --port 0 ARGS` and waits for its readiness line.
    pub fn listen(&self, args: &[&str]) -> Listen {
        self.listen_with(args, &[])
    }

    /// Like [`Env::listen`] with extra environment variables.
    pub fn listen_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Listen {
        let mut cmd = self.std_cmd();
        cmd.args(["listen", "--port", "0"])
            .args(args)
            .envs(vars.iter().copied());
        Listen::spawn(cmd)
    }

    /// Writes the default config file with the given mode.
    pub fn write_config(&self, text: &str, mode: u32) -> PathBuf {
        let path = self.default_config_path();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        set_mode(&path, mode);
        path
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// Whether `script` (util-linux, for a pty) can run. In CI (`CI` set) a
/// missing tool fails the test instead of skipping it.
pub fn script_available() -> bool {
    let ok = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok();
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "`script` (util-linux) is missing in CI; pty tests cannot be skipped there"
    );
    if !ok {
        eprintln!("skipped: `script` (util-linux) is not installed");
    }
    ok
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_sinchctl"))
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

pub fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A fixture file's path.
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fixture file's bytes.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// The seed tutorial's recipe, written independently of sinchctl's code:
/// base64(HMAC-SHA256(secret, body + "." + nonce + "." + timestamp)).
pub fn reference_sign(secret: &str, body: &[u8], nonce: &str, timestamp: &str) -> String {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    let mut data = body.to_vec();
    data.extend_from_slice(format!(".{nonce}.{timestamp}").as_bytes());
    mac.update(&data);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

pub fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

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

/// A response read by [`http`].
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A minimal HTTP/1.1 client (one request per connection), independent of sinchctl.
pub fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Reply> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(30)))?;
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (n, v) in headers {
        req.push_str(&format!("{n}: {v}\r\n"));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    stream.write_all(&bytes)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse_reply(&raw)
}

pub fn parse_reply(raw: &[u8]) -> std::io::Result<Reply> {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| std::io::Error::other(format!("no response: {text:?}")))?;
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Ok(Reply {
        status,
        headers,
        body: body.to_owned(),
    })
}

/// Signs `body` with the seed's recipe at the current time and posts it.
pub fn post_signed(addr: &str, path: &str, secret: &str, body: &[u8]) -> Reply {
    post_signed_at(addr, path, secret, body, &signature_nonce(), now_unix())
}

/// Signs with a given nonce and timestamp and posts.
pub fn post_signed_at(
    addr: &str,
    path: &str,
    secret: &str,
    body: &[u8],
    nonce: &str,
    ts: i64,
) -> Reply {
    let ts = ts.to_string();
    let sig = reference_sign(secret, body, nonce, &ts);
    http(
        addr,
        "POST",
        path,
        &[
            ("content-type", "application/json"),
            ("x-sinch-webhook-signature", &sig),
            ("x-sinch-webhook-signature-nonce", nonce),
            ("x-sinch-webhook-signature-timestamp", &ts),
            ("x-sinch-webhook-signature-algorithm", "HmacSHA256"),
        ],
        body,
    )
    .unwrap()
}

/// A unique nonce for test requests.
pub fn signature_nonce() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "T{}{:012}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

/// A request seen by an [`Endpoint`].
#[derive(Debug, Clone)]
pub struct Req {
    pub n: usize,
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Req {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// An answer from an [`Endpoint`] handler.
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn status(status: u16) -> Resp {
        Resp {
            status,
            headers: vec![],
            body: String::new(),
        }
    }
    pub fn json(status: u16, body: serde_json::Value) -> Resp {
        Resp {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_string(),
        }
    }
    pub fn with_header(mut self, name: &str, value: &str) -> Resp {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A test HTTP endpoint on 127.0.0.1 (one request per connection) that
/// records every request and answers through `handler`. Stops on drop.
pub struct Endpoint {
    pub url: String,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    addr: String,
    pub hits: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    pub requests: std::sync::Arc<std::sync::Mutex<Vec<Req>>>,
}

impl Endpoint {
    /// An endpoint answering with the status `decide(request number, headers, body)`.
    pub fn start<F>(decide: F) -> Endpoint
    where
        F: Fn(usize, &[(String, String)], &[u8]) -> u16 + Send + Sync + 'static,
    {
        Endpoint::serve(move |r| Resp::status(decide(r.n, &r.headers, &r.body)))
    }

    pub fn serve<F>(handler: F) -> Endpoint
    where
        F: Fn(&Req) -> Resp + Send + Sync + 'static,
    {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let hits = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let requests = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let handler = std::sync::Arc::new(handler);
        {
            let (stop, hits, requests) = (stop.clone(), hits.clone(), requests.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(std::sync::atomic::Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (handler, hits, requests) =
                        (handler.clone(), hits.clone(), requests.clone());
                    std::thread::spawn(move || {
                        let mut reader = BufReader::new(stream.try_clone().unwrap());
                        let mut request_line = String::new();
                        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
                            return;
                        }
                        let mut parts = request_line.split_whitespace();
                        let method = parts.next().unwrap_or("").to_owned();
                        let path = parts.next().unwrap_or("").to_owned();
                        let mut headers = Vec::new();
                        loop {
                            let mut line = String::new();
                            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                                return;
                            }
                            if line == "\r\n" {
                                break;
                            }
                            if let Some((n, v)) = line.split_once(':') {
                                headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
                            }
                        }
                        let len: usize = headers
                            .iter()
                            .find(|(n, _)| n == "content-length")
                            .and_then(|(_, v)| v.parse().ok())
                            .unwrap_or(0);
                        let mut body = vec![0; len];
                        if reader.read_exact(&mut body).is_err() {
                            return;
                        }
                        let n = hits.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        let req = Req {
                            n,
                            method,
                            path,
                            headers,
                            body,
                        };
                        let resp = handler(&req);
                        requests.lock().unwrap().push(req);
                        let mut out = format!(
                            "HTTP/1.1 {} X\r\ncontent-length: {}\r\nconnection: close\r\n",
                            resp.status,
                            resp.body.len()
                        );
                        for (k, v) in &resp.headers {
                            out.push_str(&format!("{k}: {v}\r\n"));
                        }
                        out.push_str("\r\n");
                        out.push_str(&resp.body);
                        let mut stream = stream;
                        let _ = stream.write_all(out.as_bytes());
                    });
                }
            });
        }
        Endpoint {
            url: format!("http://{addr}/hook"),
            stop,
            addr,
            hits,
            requests,
        }
    }

    /// The base URL (no path).
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Requests seen so far, in arrival order.
    pub fn seen(&self) -> Vec<Req> {
        let mut r = self.requests.lock().unwrap().clone();
        r.sort_by_key(|r| r.n);
        r
    }
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let _ = std::net::TcpStream::connect(&self.addr);
    }
}
