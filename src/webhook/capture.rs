//! Captured requests: parsing a raw HTTP/1.1 request (as `nc -l` saves it)
//! or one JSON line of `listen --record` into headers and exact body bytes,
//! and the record line format itself. Pure: no I/O.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

/// A request's headers (in order, names as sent) and its exact body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    /// `(name, value)` pairs in the order they appeared.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

/// One line of `listen --record`: everything needed to verify or replay a callback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// When the request was received, RFC 3339 with milliseconds (UTC).
    pub received_at: String,
    /// `verified`, or `unverified` under `listen --no-verify`.
    pub verdict: String,
    /// Request method.
    pub method: String,
    /// Request path and query.
    pub path: String,
    /// Headers in order, as `[name, value]` pairs.
    pub headers: Vec<(String, String)>,
    /// The body when it is valid UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The body in standard base64 when it is not valid UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_base64: Option<String>,
}

impl Record {
    /// Stores `body` as text when it is UTF-8, else as base64, so the bytes survive exactly.
    pub fn body_fields(body: &[u8]) -> (Option<String>, Option<String>) {
        match std::str::from_utf8(body) {
            Ok(text) => (Some(text.to_owned()), None),
            Err(_) => (None, Some(STANDARD.encode(body))),
        }
    }

    /// The exact body bytes.
    pub fn body_bytes(&self) -> Result<Vec<u8>, String> {
        match (&self.body, &self.body_base64) {
            (_, Some(b64)) => STANDARD
                .decode(b64)
                .map_err(|e| format!("body_base64 is not valid base64: {e}")),
            (Some(text), None) => Ok(text.as_bytes().to_vec()),
            (None, None) => Ok(Vec::new()),
        }
    }
}

/// What `sinchctl sign --format json` prints: headers as an object.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignedJson {
    headers: std::collections::BTreeMap<String, String>,
    body: String,
}

/// Parses a captured request: a JSON record line (or `sign --format json`
/// output) when the content starts with `{`, else raw HTTP/1.1. Errors say
/// what is wrong with the capture.
pub fn parse(bytes: &[u8]) -> Result<Captured, String> {
    parse_nth(bytes, None)
}

/// Like [`parse`], but takes record `line` (1-based, counting non-empty
/// lines) of a file of several JSON record lines; a file of several
/// records needs it, raw HTTP refuses it.
pub fn parse_nth(bytes: &[u8], line: Option<usize>) -> Result<Captured, String> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    match (bytes.get(start) == Some(&b'{'), line) {
        (true, _) => parse_record(&bytes[start..], line),
        (false, None) => parse_http(bytes),
        (false, Some(_)) => {
            Err("a record number applies to `listen --record` files, not raw HTTP".to_owned())
        }
    }
}

fn parse_record(bytes: &[u8], line: Option<usize>) -> Result<Captured, String> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| "record file is not UTF-8 JSON".to_owned())?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let records = |n: usize| match n {
        1 => "1 record".to_owned(),
        n => format!("{n} records"),
    };
    let chosen = match line {
        None if lines.len() > 1 => {
            return Err(format!(
                "the file holds {}; pick one with --line N (1 to {})",
                records(lines.len()),
                lines.len()
            ));
        }
        None => lines.first().copied().unwrap_or(""),
        Some(n) => match n.checked_sub(1).and_then(|i| lines.get(i)) {
            Some(l) => l,
            None => {
                return Err(format!(
                    "--line {n} is out of range: the file holds {}",
                    records(lines.len())
                ));
            }
        },
    };
    if let Ok(signed) = serde_json::from_str::<SignedJson>(chosen) {
        return Ok(Captured {
            headers: signed.headers.into_iter().collect(),
            body: signed.body.into_bytes(),
        });
    }
    let record: Record = serde_json::from_str(chosen).map_err(|e| {
        format!(
            "neither a `listen --record` line nor `sign --format json` output ({e}); \
             a record line has \"headers\": [[name, value], ...] and \"body\""
        )
    })?;
    let body = record.body_bytes()?;
    Ok(Captured {
        headers: record.headers,
        body,
    })
}

fn parse_http(bytes: &[u8]) -> Result<Captured, String> {
    let mut storage = vec![httparse::EMPTY_HEADER; 256];
    let mut req = httparse::Request::new(&mut storage);
    let not_http = |why: &str| {
        format!(
            "not a raw HTTP/1.1 request ({why}); expected a request line like `POST /path HTTP/1.1`, \
             header lines, a blank line and the body"
        )
    };
    let head_len = match req.parse(bytes) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) if !bytes.contains(&b'\n') => {
            return Err(not_http("no line break"));
        }
        Ok(httparse::Status::Partial) => {
            return Err(
                "the request ends before the blank line that closes its headers".to_owned(),
            );
        }
        Err(e) => return Err(not_http(&e.to_string())),
    };
    let headers: Vec<(String, String)> = req
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_owned(),
                String::from_utf8_lossy(h.value).trim().to_owned(),
            )
        })
        .collect();
    let rest = &bytes[head_len..];
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let body = if header("transfer-encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"))
    {
        dechunk(rest)?
    } else if let Some(len) = header("content-length") {
        let len: usize = len
            .parse()
            .map_err(|_| format!("Content-Length {len:?} is not a number"))?;
        if rest.len() < len {
            return Err(format!(
                "the capture is truncated: Content-Length says {len} bytes, the file has {} after the headers",
                rest.len()
            ));
        }
        rest[..len].to_vec()
    } else {
        rest.to_vec()
    };
    Ok(Captured { headers, body })
}

fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let (used, size) = match httparse::parse_chunk_size(rest) {
            Ok(httparse::Status::Complete(v)) => v,
            _ => return Err("the chunked body is malformed or truncated".to_owned()),
        };
        rest = &rest[used..];
        let size = usize::try_from(size).map_err(|_| "a chunk is too large".to_owned())?;
        if size == 0 {
            return Ok(body);
        }
        // `size` comes from the file and may be near usize::MAX: compare without adding to it.
        if rest.len() < 2 || size > rest.len() - 2 {
            return Err("the chunked body is truncated".to_owned());
        }
        body.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_request_with_content_length_keeps_exact_body() {
        let raw = b"POST /cb HTTP/1.1\r\nHost: x\r\nX-Sinch-Webhook-Signature: abc=\r\nContent-Length: 5\r\n\r\nab\ncdEXTRA";
        let c = parse(raw).unwrap();
        assert_eq!(c.body, b"ab\ncd");
        assert!(
            c.headers
                .contains(&("X-Sinch-Webhook-Signature".into(), "abc=".into()))
        );
    }

    #[test]
    fn bare_lf_and_no_length_takes_the_rest() {
        let c = parse(b"POST / HTTP/1.1\nA: b\n\n{\"x\":1}\n").unwrap();
        assert_eq!(c.body, b"{\"x\":1}\n");
    }

    #[test]
    fn chunked_body_is_decoded() {
        let raw = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n";
        assert_eq!(parse(raw).unwrap().body, b"abcde");
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert!(
            parse(b"POST / HTTP/1.1\r\nA: b\r\n")
                .unwrap_err()
                .contains("blank line")
        );
        assert!(parse(b"hello world").unwrap_err().contains("request line"));
        let short = b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc";
        assert!(parse(short).unwrap_err().contains("truncated"));
    }

    #[test]
    fn record_round_trip_text_and_binary() {
        for body in [&b"{\"a\":1}\n"[..], &[0xff, 0x00, 0x41][..]] {
            let (text, b64) = Record::body_fields(body);
            let rec = Record {
                received_at: "2025-01-01T00:00:00.000Z".into(),
                verdict: "verified".into(),
                method: "POST".into(),
                path: "/".into(),
                headers: vec![("x-sinch-webhook-signature-nonce".into(), "n".into())],
                body: text,
                body_base64: b64,
            };
            let line = serde_json::to_string(&rec).unwrap();
            let c = parse(line.as_bytes()).unwrap();
            assert_eq!(c.body, body);
            assert_eq!(c.headers, rec.headers);
        }
        assert!(
            parse(b"{\"a\":1}\n{\"b\":2}\n")
                .unwrap_err()
                .contains("2 records")
        );
    }

    #[test]
    fn huge_chunk_sizes_are_errors() {
        for size in [
            "ffffffffffffffff",
            "fffffffffffffffe",
            "7fffffffffffffff",
            "10000000000000000",
        ] {
            let raw = format!(
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n{size}\r\nabc\r\n0\r\n\r\n"
            );
            assert!(parse(raw.as_bytes()).is_err(), "{size}");
        }
    }

    mod prop {
        use super::super::parse;
        use proptest::prelude::*;

        fn chunk() -> impl Strategy<Value = Vec<u8>> {
            (
                prop_oneof![
                    // The edges where size arithmetic overflows, small sizes, anything.
                    (0..3u64).prop_map(|d| format!("{:x}", u64::MAX - d)),
                    (0..80u64).prop_map(|n| format!("{n:x}")),
                    any::<u64>().prop_map(|n| format!("{n:x}")),
                    "[0-9a-fA-F]{1,20}",
                ],
                proptest::collection::vec(any::<u8>(), 0..64),
                prop_oneof![Just("\r\n"), Just("\n"), Just(""), Just(";x=y\r\n")],
            )
                .prop_map(|(size, data, sep)| {
                    let mut c = format!("{size}{sep}").into_bytes();
                    c.extend(data);
                    c.extend_from_slice(b"\r\n");
                    c
                })
        }

        proptest! {
            // What `verify --request` reads: any chunked body, any Content-Length, never a panic.
            #[test]
            fn no_request_file_panics(
                chunks in proptest::collection::vec(chunk(), 0..6),
                length in prop_oneof![any::<u64>().prop_map(|n| n.to_string()), "[0-9 +-]{0,24}"],
                chunked in any::<bool>(),
                tail in proptest::collection::vec(any::<u8>(), 0..32),
            ) {
                let mut raw = b"POST /cb HTTP/1.1\r\nHost: x\r\n".to_vec();
                if chunked {
                    raw.extend_from_slice(b"Transfer-Encoding: chunked\r\n\r\n");
                    raw.extend(chunks.concat());
                } else {
                    raw.extend_from_slice(format!("Content-Length: {length}\r\n\r\n").as_bytes());
                }
                raw.extend(tail);
                let _ = parse(&raw);
            }
        }
    }
}
