//! Test support for `listen --ui`: finding the dashboard, its token, and a
//! reader that follows its event stream.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{Listen, http};

/// A port that was free a moment ago (for a process that must be told its
/// port before it starts, e.g. `listen` named in a fake ngrok agent's answer).
pub fn free_port() -> u16 {
    // Below the kernel's ephemeral range (32768 and up), where every port-0
    // bind of the other tests lands: a port found free here stays free until
    // the test binds it, unless another free_port caller draws the same one.
    use std::sync::atomic::{AtomicU16, Ordering};
    static NEXT: AtomicU16 = AtomicU16::new(0);
    let start = 20_000 + (std::process::id() % 6_000) as u16;
    for _ in 0..6_000 {
        let port = 20_000 + (start - 20_000 + NEXT.fetch_add(7, Ordering::Relaxed)) % 12_000;
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port below 32000")
}

/// A running dashboard next to its `listen`.
pub struct Dash {
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// The page's token.
    pub token: String,
}

impl Dash {
    /// Waits for `listen`'s "Dashboard on URL" line and reads the token from the page.
    pub fn of(listen: &Listen) -> Dash {
        let deadline = Instant::now() + Duration::from_secs(20);
        let addr = loop {
            let found = listen.stderr_lines().iter().find_map(|l| {
                l.strip_prefix("Dashboard on http://")
                    .map(|rest| rest.trim_end_matches('/').to_owned())
            });
            if let Some(a) = found {
                break a;
            }
            assert!(
                Instant::now() < deadline,
                "no dashboard line: {:?}",
                listen.stderr_lines()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        let page = http(&addr, "GET", "/", &[], b"").unwrap();
        assert_eq!(page.status, 200, "{page:?}");
        let token = page
            .body
            .split("name=\"sinchctl-token\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("token in page")
            .to_owned();
        Dash { addr, token }
    }

    /// `http://127.0.0.1:PORT`, the page's origin.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Posts an action as the page would (token, Origin, Host).
    pub fn action(&self, path: &str, body: &serde_json::Value) -> super::Reply {
        let origin = self.origin();
        http(
            &self.addr,
            "POST",
            path,
            &[
                ("content-type", "application/json"),
                ("origin", &origin),
                ("x-sinchctl-token", &self.token),
            ],
            body.to_string().as_bytes(),
        )
        .unwrap()
    }

    /// Opens the event stream.
    pub fn events(&self) -> Events {
        Events::open(&self.addr, &format!("/events?token={}", self.token))
    }
}

/// An open event stream whose bytes are collected in the background.
pub struct Events {
    raw: Arc<Mutex<Vec<u8>>>,
    stream: std::net::TcpStream,
}

impl Events {
    /// Sends `GET path` and keeps reading.
    pub fn open(addr: &str, path: &str) -> Events {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nhost: {addr}\r\naccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (mut reader, into) = (stream.try_clone().unwrap(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                into.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Events { raw, stream }
    }

    /// Everything read so far: the head, then the body with its chunked
    /// framing removed (a frame split over two chunks reads whole).
    pub fn text(&self) -> String {
        let raw = self.raw.lock().unwrap().clone();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
            return text(&raw);
        };
        let (head, mut rest) = (text(&raw[..end]), &raw[end + 4..]);
        if !head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            return text(&raw);
        }
        let mut body = Vec::new();
        while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
            let size = std::str::from_utf8(&rest[..eol]).unwrap_or("").trim();
            let Ok(n) = usize::from_str_radix(size, 16) else {
                break;
            };
            let data = &rest[eol + 2..];
            if n == 0 || data.len() < n + 2 {
                break;
            }
            body.extend_from_slice(&data[..n]);
            rest = &data[n + 2..];
        }
        format!("{head}\r\n\r\n{}", text(&body))
    }

    /// Waits (up to 20 s) until every needle was read in whole frames; returns the text.
    pub fn wait_for(&self, needles: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text();
            // Only whole frames count: a needle seen in a frame still arriving
            // would let the caller parse a cut frame.
            let whole = &text[..text.rfind("\n\n").map_or(0, |i| i + 2)];
            if needles.iter().all(|n| whole.contains(n)) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "stream lacks {needles:?}; got:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The data of every `event: NAME` frame so far, parsed.
    pub fn frames(&self, name: &str) -> Vec<serde_json::Value> {
        let marker = format!("event: {name}\ndata: ");
        self.text()
            .split("\n\n")
            .filter_map(|frame| frame.trim_start_matches("\r\n").split_once(&marker))
            .filter_map(|(_, data)| serde_json::from_str(data).ok())
            .collect()
    }
}

impl Drop for Events {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
    }
}
