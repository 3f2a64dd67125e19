//! Test support for `listen --ui`: finding the dashboard, its token, and a
//! reader that follows its event stream.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{Listen, http};

/// A port that was free a moment ago (for a process that must be told its
/// port before it starts, e.g. `listen` named in a fake ngrok agent's answer).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
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

/// An open event stream whose text is collected in the background.
pub struct Events {
    text: Arc<Mutex<String>>,
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
        let text = Arc::new(Mutex::new(String::new()));
        let (mut reader, into) = (stream.try_clone().unwrap(), text.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                into.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Events { text, stream }
    }

    /// Everything read so far.
    pub fn text(&self) -> String {
        self.text.lock().unwrap().clone()
    }

    /// Waits (up to 20 s) until every needle was read; returns the text.
    pub fn wait_for(&self, needles: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text();
            if needles.iter().all(|n| text.contains(n)) {
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
