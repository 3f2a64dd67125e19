//! A minimal HTTP/1.1 client and a recording test endpoint, both on
//! 127.0.0.1 and independent of sinchctl: `http`, `post_signed`, `Endpoint`.

use super::{now_unix, reference_sign};

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
