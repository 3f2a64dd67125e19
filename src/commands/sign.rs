//! `sinchctl sign`: sign a body like Sinch and print headers, a curl command or JSON.

use anyhow::Result;

use crate::cli::{SignArgs, SignFormat};
use crate::commands::{Ctx, now_unix, read_body};
use crate::config::ExposeSecret as _;
use crate::error::{Exit, usage};
use crate::output::stdout_bytes;
use crate::webhook::signature::{SignedHeaders, new_nonce};

/// Runs `sinchctl sign`.
pub fn run(ctx: &Ctx, args: SignArgs) -> Result<Exit> {
    let (secret, _) = ctx.webhook_secret(args.secret.secret.as_ref())?;
    let body = read_body(&args.body)?;
    let nonce = args.nonce.unwrap_or_else(new_nonce);
    let timestamp = args.timestamp.unwrap_or_else(|| now_unix().to_string());
    let signed = SignedHeaders::new(secret.expose_secret().as_bytes(), &body, &nonce, &timestamp);
    let out = match args.format {
        SignFormat::Headers => headers_text(&signed).into_bytes(),
        SignFormat::Curl => {
            let url = args
                .url
                .as_deref()
                .ok_or_else(|| usage("--format curl needs --url URL"))?;
            curl_command(&signed, url, &body)?
        }
        SignFormat::Json => json_object(&signed, &body)?,
    };
    stdout_bytes(&out)?;
    Ok(Exit::Ok)
}

/// The four `name: value` lines.
pub fn headers_text(signed: &SignedHeaders) -> String {
    signed
        .pairs()
        .iter()
        .map(|(n, v)| format!("{n}: {v}\n"))
        .collect()
}

/// `{"headers": {...}, "body": "..."}` plus a newline.
fn json_object(signed: &SignedHeaders, body: &[u8]) -> Result<Vec<u8>> {
    let text = std::str::from_utf8(body).map_err(|_| {
        usage("the body is not valid UTF-8, so JSON cannot carry it exactly; use --format headers or curl")
    })?;
    let headers: serde_json::Map<String, serde_json::Value> = signed
        .pairs()
        .iter()
        .map(|(n, v)| ((*n).to_owned(), serde_json::Value::from(*v)))
        .collect();
    let mut out = serde_json::to_vec(&serde_json::json!({ "headers": headers, "body": text }))?;
    out.push(b'\n');
    Ok(out)
}

/// A curl command posting exactly `body` with the signature headers,
/// every argument quoted for POSIX shells.
fn curl_command(signed: &SignedHeaders, url: &str, body: &[u8]) -> Result<Vec<u8>> {
    if body.contains(&0) {
        return Err(usage(
            "the body contains NUL bytes, which no shell argument can carry; save it to a file and use \
             --format headers with `curl --data-binary @FILE`",
        ));
    }
    let mut out = b"curl --silent --show-error --include -X POST ".to_vec();
    out.extend(shell_quote(url.as_bytes()));
    out.extend_from_slice(b" \\\n  -H 'content-type: application/json'");
    for (name, value) in signed.pairs() {
        out.extend_from_slice(b" \\\n  -H ");
        out.extend(shell_quote(format!("{name}: {value}").as_bytes()));
    }
    out.extend_from_slice(b" \\\n  --data-binary ");
    out.extend(shell_quote(body));
    out.push(b'\n');
    Ok(out)
}

/// Quotes bytes for a POSIX shell: safe words stay bare, anything else goes
/// in single quotes with each `'` written as `'\''`.
pub fn shell_quote(s: &[u8]) -> Vec<u8> {
    let safe = |b: &u8| b.is_ascii_alphanumeric() || b"_-./:=@%+,".contains(b);
    if !s.is_empty() && s.iter().all(safe) {
        return s.to_vec();
    }
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(b'\'');
    for &b in s {
        if b == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(b);
        }
    }
    out.push(b'\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(shell_quote(b"abc"), b"abc");
        assert_eq!(shell_quote(b""), b"''");
        assert_eq!(shell_quote(b"it's $HOME"), b"'it'\\''s $HOME'");
    }
}
