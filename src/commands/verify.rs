//! `sinchctl verify`: check a captured callback's signature offline and
//! explain a failure (the exact reason, and the likely mistake on a mismatch).

use anyhow::{Context as _, Result};
use serde_json::json;

use crate::cli::VerifyArgs;
use crate::commands::{Ctx, MAX_BODY, now_unix, read_body};
use crate::config::ExposeSecret as _;
use crate::error::{AppError, Exit, usage};
use crate::output::stdout_line;
use crate::webhook::capture;
use crate::webhook::diagnose::{Attempt, LikelyCause, likely_cause};
use crate::webhook::signature::{self, FoundHeaders, Freshness, Rejection};

/// Runs `sinchctl verify`.
pub fn run(ctx: &Ctx, args: VerifyArgs) -> Result<Exit> {
    let (secret, _) = ctx.webhook_secret(args.secret.secret.as_ref())?;
    let mut pairs = args
        .headers
        .iter()
        .map(|h| parse_header_arg(h))
        .collect::<Result<Vec<_>>>()?;
    let body = match &args.request {
        Some(path) => {
            let captured = read_request(path, args.line)?;
            // --header values come first so they win over the capture's.
            pairs.extend(captured.headers);
            captured.body
        }
        None => read_body(&args.body)?,
    };
    let found = FoundHeaders::from_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let freshness = if args.ignore_time {
        Freshness::Ignore
    } else {
        Freshness::Within {
            now: now_unix(),
            max_age: args.max_age,
        }
    };
    match signature::verify(secret.expose_secret().as_bytes(), &found, &body, freshness) {
        Ok(v) => {
            if args.json {
                stdout_line(
                    &json!({"valid": true, "nonce": v.nonce, "timestamp": v.timestamp}).to_string(),
                )?;
            } else {
                stdout_line("valid")?;
            }
            ctx.ui.detail(&format!(
                "nonce {} timestamp {} body {} bytes",
                v.nonce,
                v.timestamp,
                body.len()
            ));
            Ok(Exit::Ok)
        }
        Err(rejection) => {
            let cause = match rejection {
                Rejection::Mismatch | Rejection::SignatureNotBase64 => likely_cause(&Attempt {
                    secret: secret.expose_secret().as_bytes(),
                    body: &body,
                    nonce: found.nonce.as_deref().unwrap_or_default(),
                    timestamp: found.timestamp.as_deref().unwrap_or_default(),
                    signature: found.signature.as_deref().unwrap_or_default(),
                }),
                _ => None,
            };
            if args.json {
                let likely = cause.map(|c| json!({"code": c.code(), "explanation": c.explain()}));
                stdout_line(
                    &json!({
                        "valid": false,
                        "reason": rejection.code(),
                        "message": rejection.to_string(),
                        "likely_cause": likely,
                    })
                    .to_string(),
                )?;
            }
            Err(AppError::SignatureInvalid(explain(&rejection, cause)).into())
        }
    }
}

/// The capture in `path` (`-`: stdin; record `line` of a multi-record file), bounded in size.
fn read_request(path: &std::path::Path, line: Option<usize>) -> Result<capture::Captured> {
    let file = crate::input::open_or_stdin(path)
        .with_context(|| format!("cannot read request file {}", path.display()))?;
    // A capture is headers plus a body of at most MAX_BODY.
    let bytes = crate::input::read_at_most(file, MAX_BODY + (1 << 20))
        .with_context(|| format!("cannot read request file {}", path.display()))?
        .ok_or_else(|| {
            usage(format!(
                "request file {} is larger than {} MiB",
                path.display(),
                (MAX_BODY >> 20) + 1
            ))
        })?;
    capture::parse_nth(&bytes, line)
        .map_err(|e| usage(format!("cannot use request file {}: {e}", path.display())))
}

/// The message for a rejection: the reason, then the likely cause or a hint.
fn explain(rejection: &Rejection, cause: Option<LikelyCause>) -> String {
    let hint = match (rejection, cause) {
        (_, Some(cause)) => format!("likely cause: {}", cause.explain()),
        (Rejection::Mismatch, None) => "hint: none of the usual mistakes (newlines, re-serialised JSON, line endings, \
             secret whitespace, timestamp unit) explains it; the secret most likely differs from the sender's \
             (check it with `sinchctl config show`) or the body was changed"
            .to_owned(),
        (Rejection::MissingHeader(_), None) => "hint: Sinch sends all four x-sinch-webhook-signature* headers when \
             the webhook (Conversation API) or service plan (SMS) has a secret configured; \
             pass them with -H 'Name: value' or --request FILE"
            .to_owned(),
        (Rejection::Stale { .. } | Rejection::Future { .. }, None) => {
            "hint: for an old capture add --ignore-time, or widen the window with --max-age SECONDS".to_owned()
        }
        (Rejection::UnsupportedAlgorithm(_), None) => {
            "hint: Sinch signs with HmacSHA256 only; the sender is not using Sinch's scheme".to_owned()
        }
        (Rejection::TimestampNotInteger(_), None) => {
            "hint: Sinch sends unix seconds as a plain decimal number, e.g. 1736760161".to_owned()
        }
        (Rejection::SignatureNotBase64, None) => {
            "hint: Sinch sends the signature as standard base64 of the 32-byte HMAC, e.g. \
             ZoHei66PPN/kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0="
                .to_owned()
        }
    };
    format!("signature invalid: {rejection}\n{hint}")
}

/// Parses `Name: value` (the value's surrounding whitespace trimmed).
fn parse_header_arg(arg: &str) -> Result<(String, String)> {
    let (name, value) = arg.split_once(':').ok_or_else(|| {
        usage(format!(
            "--header {arg:?} has no ':'; write it as \"Name: value\""
        ))
    })?;
    let name = name.trim();
    if name.is_empty() {
        return Err(usage(format!(
            "--header {arg:?} has an empty name; write it as \"Name: value\""
        )));
    }
    Ok((name.to_owned(), value.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_args() {
        assert_eq!(
            parse_header_arg("A-B:  c d ").unwrap(),
            ("A-B".into(), "c d".into())
        );
        assert_eq!(parse_header_arg("x: a:b").unwrap().1, "a:b");
        assert!(parse_header_arg("nocolon").is_err());
        assert!(parse_header_arg(": v").is_err());
    }
}
