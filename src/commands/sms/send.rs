//! `sinchctl send`: build a text batch from the flags, show the local
//! estimate, then dry-run it or send it (the id alone on stdout) and
//! optionally wait for delivery.

use std::io::IsTerminal;

use anyhow::Result;
use serde_json::Value;

use super::{connect, show, wait};
use crate::cli::SendArgs;
use crate::commands::{Ctx, read_body};
use crate::config::{SettingKey, Settings};
use crate::error::{Exit, usage};
use crate::output::{count, stdout_line};
use crate::sms::{self, SendBatch};

/// The recipients, checked: E.164, 1 to 1000.
fn recipients(raw: &[String]) -> Result<Vec<String>> {
    let to = raw
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| sms::e164(t).map_err(usage))
        .collect::<Result<Vec<_>>>()?;
    if to.is_empty() || to.len() > 1000 {
        return Err(usage(format!(
            "a batch has 1 to 1000 recipients; got {}",
            to.len()
        )));
    }
    Ok(to)
}

/// The body: `--body` as given; from stdin or a file, one trailing newline dropped.
fn body(args: &SendArgs) -> Result<String> {
    let raw = read_body(&(&args.body).into())?;
    let text = String::from_utf8(raw).map_err(|_| usage("the message body is not valid UTF-8"))?;
    let text = if args.body.body.is_some() {
        text
    } else {
        sms::strip_one_newline(text)
    };
    if text.is_empty() {
        return Err(usage(
            "the message body is empty; pass --body TEXT, --body-file PATH or pipe it on stdin",
        ));
    }
    Ok(text)
}

/// The batch the flags describe.
fn batch(args: &SendArgs, to: Vec<String>, text: String, settings: &Settings) -> Result<SendBatch> {
    let now = jiff::Timestamp::now();
    let when = |t: &Option<String>, flag: &str| {
        t.as_deref()
            .map(|t| sms::parse_when(t, now).map_err(|e| usage(format!("{flag}: {e}"))))
            .transpose()
    };
    Ok(SendBatch {
        from: settings.value(SettingKey::From).map(str::to_owned),
        delivery_report: args
            .delivery_report
            .map(|d| sms::DeliveryReport::from(d).api_name()),
        callback_url: args.callback_url.as_ref().map(ToString::to_string),
        client_reference: args.client_reference.clone(),
        send_at: when(&args.send_at, "--send-at")?,
        expire_at: when(&args.expire_at, "--expire-at")?,
        flash_message: args.flash,
        max_number_of_message_parts: args.max_parts,
        ..SendBatch::text(to, text)
    })
}

/// Runs `sinchctl send`.
pub async fn run(ctx: &Ctx, args: SendArgs) -> Result<Exit> {
    let to = recipients(&args.to)?;
    let text = body(&args)?;
    let (client, settings) = connect(ctx, &args.api, vec![(SettingKey::From, args.from.clone())])?;
    let batch = batch(&args, to, text, &settings)?;
    let (encoding, units, parts) = sms::estimate(&batch.body);
    let (name, unit) = encoding.describe();
    let n = batch.to.len();
    ctx.ui.detail(&format!(
        "{}; {name} encoding, {}, {} per recipient (local estimate)",
        count(n as u64, "recipient"),
        count(units as u64, unit),
        count(parts as u64, "part")
    ));
    if batch.from.is_none() {
        ctx.ui
            .detail("no --from: Sinch uses the account's default originator, if one is configured");
    }
    if args.dry_run {
        let v = client.dry_run(&batch).await?;
        return show(&args.api, &v, dry_run_view);
    }
    let (id, v) = client.send_batch(&batch).await?;
    stdout_line(&if args.api.json {
        v.to_string()
    } else {
        id.clone()
    })?;
    ctx.ui.info(&format!(
        "sent batch {id} to {}",
        count(n as u64, "recipient")
    ));
    if args.wait {
        return wait::until_final(
            ctx,
            &client,
            &id,
            &batch.to,
            args.timeout,
            args.poll_interval,
        )
        .await;
    }
    if std::io::stderr().is_terminal() {
        ctx.ui.info(&format!(
            "follow it: sinchctl report {id}   (or send with --wait next time)"
        ));
    }
    Ok(Exit::Ok)
}

fn dry_run_view(v: &Value) -> String {
    let mut text = format!(
        "dry run: {}, {}\n",
        count(v["number_of_recipients"].as_i64().unwrap_or(0), "recipient"),
        count(v["number_of_messages"].as_i64().unwrap_or(0), "message")
    );
    for r in v["per_recipient"].as_array().into_iter().flatten() {
        text.push_str(&format!(
            "  {:<16} {}, {}\n",
            r["recipient"].as_str().unwrap_or("?"),
            count(r["number_of_parts"].as_i64().unwrap_or(0), "part"),
            r["encoding"].as_str().unwrap_or("?")
        ));
    }
    text
}
