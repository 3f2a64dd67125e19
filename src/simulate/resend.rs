//! Resending recorded callbacks (`sinchctl replay`): reading a `listen
//! --record` file or a raw HTTP capture, choosing records, editing a body by
//! JSON pointer, and preparing each request freshly signed or verbatim. Pure.

use super::mutation::{Prepared, sign};
use crate::webhook::callback::{Parsed, parse};
use crate::webhook::capture::{self, Record};
use crate::webhook::signature::{ALGORITHM, NONCE, SIGNATURE, TIMESTAMP};

/// One recorded request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// Its position in the file, 1 for the first.
    pub index: usize,
    /// Request path and query (`/` for a capture without one).
    pub path: String,
    /// Headers as received.
    pub headers: Vec<(String, String)>,
    /// The exact body.
    pub body: Vec<u8>,
}

impl Recorded {
    /// A label for people: position, kind, id and status of this record sent
    /// with `body` (its own, or after `--set` edits): the ones actually sent,
    /// marked "edited" when the body differs from the recorded one.
    pub fn label_for(&self, body: &[u8]) -> String {
        let mut parts = vec![format!("#{}", self.index)];
        match parse(body) {
            Parsed::Events(events) => {
                if let Some(e) = events.first() {
                    parts.push(e.trigger.map_or_else(|| e.kind.clone(), str::to_owned));
                    parts.extend(e.id.clone());
                    parts.extend(e.status.clone());
                }
            }
            Parsed::NotJson(_) => parts.push("(not JSON)".into()),
            Parsed::UnknownShape(_) => parts.push("(unknown shape)".into()),
        }
        if body != self.body {
            parts.push("(edited)".into());
        }
        parts.join(" ")
    }

    /// Whether the callback's id (batch or message id) or nonce is `id`.
    pub fn has_id(&self, id: &str) -> bool {
        let nonce = self
            .headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case(NONCE) && v == id);
        let event = match parse(&self.body) {
            Parsed::Events(events) => events.iter().any(|e| e.id.as_deref() == Some(id)),
            _ => false,
        };
        nonce || event
    }
}

/// Reads a `listen --record` file (one JSON record per line) or one raw HTTP request.
pub fn read(bytes: &[u8]) -> Result<Vec<Recorded>, String> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        let c = capture::parse(bytes)?;
        return Ok(vec![Recorded {
            index: 1,
            path: http_path(bytes).unwrap_or_else(|| "/".to_owned()),
            headers: c.headers,
            body: c.body,
        }]);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "the record file is not UTF-8".to_owned())?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: Record = serde_json::from_str(line)
            .map_err(|e| format!("line {} is not a listen record: {e}", n + 1))?;
        let body = r.body_bytes().map_err(|e| format!("line {}: {e}", n + 1))?;
        out.push(Recorded {
            index: out.len() + 1,
            path: r.path,
            headers: r.headers,
            body,
        });
    }
    if out.is_empty() {
        return Err("the file holds no records".into());
    }
    Ok(out)
}

/// The path of a raw HTTP request's request line.
fn http_path(bytes: &[u8]) -> Option<String> {
    let line = bytes.split(|b| *b == b'\n').next()?;
    let line = std::str::from_utf8(line).ok()?;
    let path = line.split_whitespace().nth(1)?;
    path.starts_with('/').then(|| path.to_owned())
}

/// Which records to resend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Select {
    /// The one at this position (1 for the first).
    Index(usize),
    /// Those whose callback id or nonce is this.
    Id(String),
    /// Every record.
    All,
    /// The only record (an error when there are several).
    Only,
}

/// The records `select` picks, or why none can be.
pub fn choose(records: Vec<Recorded>, select: &Select) -> Result<Vec<Recorded>, String> {
    let total = records.len();
    let picked: Vec<Recorded> = match select {
        Select::All => records,
        Select::Index(i) => records.into_iter().filter(|r| r.index == *i).collect(),
        Select::Id(id) => records.into_iter().filter(|r| r.has_id(id)).collect(),
        Select::Only if total == 1 => records,
        Select::Only => {
            return Err(format!(
                "the file holds {total} records; choose with --index N (1 to {total}), --id ID or --all"
            ));
        }
    };
    if picked.is_empty() {
        return Err(match select {
            Select::Index(i) => format!("no record {i}: the file holds {total} (1 to {total})"),
            Select::Id(id) => format!("no record has the id or nonce {id:?}"),
            _ => "no records".to_owned(),
        });
    }
    Ok(picked)
}

/// One `--set POINTER=VALUE` edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// JSON pointer (`/status`, `/statuses/0/code`).
    pub pointer: String,
    /// The new value.
    pub value: serde_json::Value,
}

impl Edit {
    /// Parses `POINTER=VALUE`; VALUE is JSON when it parses as JSON, else a string.
    pub fn parse(text: &str) -> Result<Edit, String> {
        let (pointer, value) = text
            .split_once('=')
            .ok_or_else(|| format!("{text:?} is not POINTER=VALUE; write e.g. /status=Failed"))?;
        if !pointer.starts_with('/') {
            return Err(format!(
                "{pointer:?} is not a JSON pointer; it starts with / (e.g. /status)"
            ));
        }
        let value = serde_json::from_str(value)
            .unwrap_or_else(|_| serde_json::Value::String(value.to_owned()));
        Ok(Edit {
            pointer: pointer.to_owned(),
            value,
        })
    }
}

/// Applies `edits` to a JSON body (keys keep their order); a missing last
/// key of an existing object is added.
pub fn edit(body: &[u8], edits: &[Edit]) -> Result<Vec<u8>, String> {
    let mut v: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| format!("the body is not JSON ({e}); --set needs JSON"))?;
    for e in edits {
        if let Some(slot) = v.pointer_mut(&e.pointer) {
            *slot = e.value.clone();
            continue;
        }
        let (parent, key) = e.pointer.rsplit_once('/').unwrap_or(("", &e.pointer));
        let key = key.replace("~1", "/").replace("~0", "~");
        match v.pointer_mut(parent) {
            Some(serde_json::Value::Object(map)) => {
                map.insert(key, e.value.clone());
            }
            _ => return Err(format!("{} does not point into the body", e.pointer)),
        }
    }
    serde_json::to_vec(&v).map_err(|e| format!("cannot write the edited body: {e}"))
}

/// Whether a header is one the client sets itself (framing and host).
fn hop_by_hop(name: &str) -> bool {
    [
        "host",
        "content-length",
        "transfer-encoding",
        "connection",
        "expect",
    ]
    .iter()
    .any(|h| name.eq_ignore_ascii_case(h))
}

fn is_signature(name: &str) -> bool {
    [SIGNATURE, NONCE, TIMESTAMP, ALGORITHM]
        .iter()
        .any(|h| name.eq_ignore_ascii_case(h))
}

/// The request as recorded: the original headers (signature included), `body` unchanged.
pub fn verbatim(r: &Recorded, body: &[u8]) -> Prepared {
    let nonce = r
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(NONCE))
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    Prepared {
        headers: r
            .headers
            .iter()
            .filter(|(n, _)| !hop_by_hop(n))
            .cloned()
            .collect(),
        body: body.to_vec(),
        nonce,
    }
}

/// The request freshly signed (new `nonce`, `now`): the original's other headers, then the signature.
pub fn fresh(r: &Recorded, body: &[u8], secret: &[u8], nonce: &str, now: i64) -> Prepared {
    let signed = sign(secret, body, nonce, now);
    let mut headers: Vec<(String, String)> = r
        .headers
        .iter()
        .filter(|(n, _)| !hop_by_hop(n) && !is_signature(n))
        .cloned()
        .collect();
    if !headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
    {
        headers.push(("content-type".into(), "application/json".into()));
    }
    headers.extend(signed.headers.into_iter().filter(|(n, _)| is_signature(n)));
    Prepared {
        headers,
        body: signed.body,
        nonce: signed.nonce,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"received_at":"2025-01-13T09:22:41.000Z","verdict":"verified","method":"POST","path":"/sinch","headers":[["host","x"],["content-type","application/json"],["x-sinch-webhook-signature-nonce","N1"],["x-sinch-webhook-signature","S"]],"body":"{\"type\":\"recipient_delivery_report_sms\",\"batch_id\":\"B\",\"status\":\"Delivered\",\"code\":0}"}"#;

    #[test]
    fn records_are_read_chosen_and_labelled() {
        let text = format!("{LINE}\n\n{LINE}\n");
        let records = read(text.as_bytes()).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].index, 2);
        assert_eq!(
            records[0].label_for(&records[0].body),
            "#1 recipient_delivery_report_sms B Delivered"
        );
        let edited = edit(&records[0].body, &[Edit::parse("/status=Failed").unwrap()]).unwrap();
        assert_eq!(
            records[0].label_for(&edited),
            "#1 recipient_delivery_report_sms B Failed (edited)"
        );
        assert!(
            choose(records.clone(), &Select::Only)
                .unwrap_err()
                .contains("--index")
        );
        assert_eq!(
            choose(records.clone(), &Select::Index(2)).unwrap()[0].index,
            2
        );
        assert!(choose(records.clone(), &Select::Index(3)).is_err());
        assert_eq!(
            choose(records.clone(), &Select::Id("B".into()))
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            choose(records.clone(), &Select::Id("N1".into()))
                .unwrap()
                .len(),
            2
        );
        assert!(choose(records, &Select::Id("nope".into())).is_err());
        assert!(read(b"{not json\n").is_err());
    }

    #[test]
    fn raw_http_captures_are_read_with_their_path() {
        let raw = b"POST /hook?x=1 HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
        let r = read(raw).unwrap();
        assert_eq!(
            (r[0].path.as_str(), r[0].body.as_slice()),
            ("/hook?x=1", &b"{}"[..])
        );
    }

    #[test]
    fn edits_replace_or_add_and_parse_json_values() {
        let body = br#"{"status":"Delivered","code":0,"statuses":[{"code":0}]}"#;
        let edits = [
            Edit::parse("/status=Failed").unwrap(),
            Edit::parse("/code=34").unwrap(),
            Edit::parse("/statuses/0/code=402").unwrap(),
            Edit::parse("/client_reference=\"x=y\"").unwrap(),
        ];
        assert_eq!(
            String::from_utf8(edit(body, &edits).unwrap()).unwrap(),
            r#"{"status":"Failed","code":34,"statuses":[{"code":402}],"client_reference":"x=y"}"#
        );
        assert!(Edit::parse("status=Failed").is_err());
        assert!(Edit::parse("/status").is_err());
        assert!(edit(body, &[Edit::parse("/nope/deeper=1").unwrap()]).is_err());
        assert!(edit(b"not json", &edits).is_err());
    }

    #[test]
    fn fresh_requests_replace_the_signature_and_verbatim_ones_keep_it() {
        let r = &read(LINE.as_bytes()).unwrap()[0];
        let f = fresh(r, &r.body, b"s", "N2", 1000);
        let names: Vec<&str> = f.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "content-type");
        assert!(!names.contains(&"host"));
        assert_eq!(names.iter().filter(|n| is_signature(n)).count(), 4);
        assert_eq!(f.nonce, "N2");
        assert_eq!(f.body, r.body);
        let v = verbatim(r, &r.body);
        assert_eq!(v.nonce, "N1");
        assert!(v.headers.iter().any(|(n, v)| n == SIGNATURE && v == "S"));
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn arbitrary_files_and_edits_never_panic(
                bytes in proptest::collection::vec(any::<u8>(), 0..512),
                line in "\\{[ -~]{0,200}",
                edit_text in "[ -~]{0,40}",
            ) {
                let _ = read(&bytes);
                let _ = read(line.as_bytes());
                if let Ok(e) = Edit::parse(&edit_text) {
                    let _ = edit(&bytes, std::slice::from_ref(&e));
                    let _ = edit(br#"{"a":[1,{"b":2}],"c":{}}"#, &[e]);
                }
                for r in read(LINE.as_bytes()).unwrap() {
                    let _ = (r.label_for(&r.body), r.has_id(&edit_text));
                }
            }
        }
    }
}
