//! `sinchctl send`, `status`, `report` and `cancel`: the SMS REST API from
//! the shell. `send` prints the batch id alone on stdout; `--wait` polls the
//! delivery report until every recipient is final.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use anyhow::Result;
use reqwest::Method;
use serde_json::Value;

use crate::cli::{ApiArgs, BatchArgs, ReportArgs, SendArgs};
use crate::commands::{Ctx, read_body};
use crate::config::Key;
use crate::error::{AppError, Exit, usage};
use crate::listen::tracker::{Class, classify};
use crate::output::{stdout_bytes, stdout_line};
use crate::sms::{self, Auth, Client};

fn api_flags(api: &ApiArgs) -> Vec<(Key, Option<String>)> {
    vec![
        (Key::Region, api.region.clone()),
        (Key::SmsBaseUrl, api.base_url.clone()),
        (Key::AuthUrl, api.auth_url.clone()),
    ]
}

/// Resolves settings, chooses the auth mode and builds the client.
fn client(
    ctx: &Ctx,
    api: &ApiArgs,
    extra: Vec<(Key, Option<String>)>,
) -> Result<(Client, crate::config::Settings)> {
    let mut flags = api_flags(api);
    flags.extend(extra);
    let settings = ctx.settings(&flags)?;
    let auth = sms::choose_auth(&settings, api.auth)?;
    let region = settings.value(Key::Region).unwrap_or("us");
    if matches!(auth, Auth::OAuth { .. })
        && !matches!(region, "us" | "eu")
        && settings.value(Key::SmsBaseUrl).is_none()
    {
        ctx.ui.warn(&format!(
            "OAuth2 on the {region} SMS host is not confirmed by Sinch; if it fails, use service plan credentials or --base-url"
        ));
    }
    let client = Client::new(&settings, auth, api.request_timeout)?;
    ctx.ui.detail(&format!(
        "using {} at {}",
        client.auth.describe(),
        client.base
    ));
    Ok((client, settings))
}

/// Runs `sinchctl send`.
pub async fn send(ctx: &Ctx, args: SendArgs) -> Result<Exit> {
    let to = args
        .to
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
    let raw = read_body(&args.body)?;
    let body = String::from_utf8(raw).map_err(|_| usage("the message body is not valid UTF-8"))?;
    if body.is_empty() {
        return Err(usage(
            "the message body is empty; pass --body TEXT, --body-file PATH or pipe it on stdin",
        ));
    }
    let now = jiff::Timestamp::now();
    let when = |t: &Option<String>, flag: &str| {
        t.as_deref()
            .map(|t| sms::parse_when(t, now).map_err(|e| usage(format!("{flag}: {e}"))))
            .transpose()
    };
    let (client, settings) = client(ctx, &args.api, vec![(Key::From, args.from.clone())])?;
    let batch = sms::SendBatch {
        to: to.clone(),
        from: settings.value(Key::From).map(str::to_owned),
        body: body.clone(),
        delivery_report: args.delivery_report.map(|d| d.api_name().to_owned()),
        callback_url: args.callback_url.clone(),
        client_reference: args.client_reference.clone(),
        send_at: when(&args.send_at, "--send-at")?,
        expire_at: when(&args.expire_at, "--expire-at")?,
        flash_message: args.flash,
        max_number_of_message_parts: args.max_parts,
    };
    let (encoding, units, parts) = sms::estimate(&body);
    ctx.ui.detail(&format!(
        "{} recipients; {} encoding, {units} {}, {parts} part{} per recipient (local estimate)",
        to.len(),
        if encoding == sms::Encoding::Gsm7 {
            "GSM-7"
        } else {
            "UCS-2"
        },
        if encoding == sms::Encoding::Gsm7 {
            "septets"
        } else {
            "UTF-16 units"
        },
        if parts == 1 { "" } else { "s" }
    ));
    if batch.from.is_none() {
        ctx.ui
            .detail("no --from: Sinch uses the account's default originator, if one is configured");
    }
    let payload = serde_json::to_value(&batch)?;
    {
        if args.dry_run {
            let url = format!(
                "{}?per_recipient=true&number_of_recipients={}",
                client.url("/batches/dry_run"),
                to.len().min(100)
            );
            let v = client.json(Method::POST, &url, Some(&payload)).await?;
            if args.api.json {
                stdout_line(&v.to_string())?;
            } else {
                let mut text = format!(
                    "dry run: {} recipients, {} messages\n",
                    v["number_of_recipients"].as_i64().unwrap_or(0),
                    v["number_of_messages"].as_i64().unwrap_or(0)
                );
                for r in v["per_recipient"].as_array().into_iter().flatten() {
                    text.push_str(&format!(
                        "  {:<16} {} parts, {}\n",
                        r["recipient"].as_str().unwrap_or("?"),
                        r["number_of_parts"].as_i64().unwrap_or(0),
                        r["encoding"].as_str().unwrap_or("?")
                    ));
                }
                stdout_bytes(text.as_bytes())?;
            }
            return Ok(Exit::Ok);
        }
        let v = client
            .json(Method::POST, &client.url("/batches"), Some(&payload))
            .await?;
        let id = v["id"]
            .as_str()
            .ok_or_else(|| {
                AppError::Remote(format!(
                    "the SMS API accepted the batch but its answer has no id: {v}"
                ))
            })?
            .to_owned();
        if args.api.json {
            stdout_line(&v.to_string())?;
        } else {
            stdout_line(&id)?;
        }
        ctx.ui.info(&format!(
            "sent batch {id} to {} recipient{}",
            to.len(),
            if to.len() == 1 { "" } else { "s" }
        ));
        if args.wait {
            return wait(ctx, &client, &id, &to, args.timeout, args.poll_interval).await;
        }
        Ok(Exit::Ok)
    }
}

/// Strips `+` and `00` so numbers from reports and from `--to` compare equal.
fn msisdn(n: &str) -> String {
    let d = n.trim().trim_start_matches('+');
    d.strip_prefix("00").unwrap_or(d).to_owned()
}

/// Polls the full delivery report until every recipient is final.
async fn wait(
    ctx: &Ctx,
    client: &Client,
    id: &str,
    to: &[String],
    timeout: Duration,
    every: Duration,
) -> Result<Exit> {
    let bar = if ctx.ui.quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new_spinner()
    };
    bar.enable_steady_tick(Duration::from_millis(120));
    let deadline = Instant::now() + timeout;
    let url = format!(
        "{}?type=full",
        client.url(&format!("/batches/{id}/delivery_report"))
    );
    let mut states: BTreeMap<String, String> = BTreeMap::new();
    loop {
        let answer = client.call(Method::GET, &url, None).await?;
        match answer.status {
            200 => {
                let v: Value = serde_json::from_str(&answer.body).unwrap_or(Value::Null);
                for st in v["statuses"].as_array().into_iter().flatten() {
                    let status = st["status"].as_str().unwrap_or("Unknown").to_owned();
                    for r in st["recipients"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                    {
                        states.insert(msisdn(r), status.clone());
                    }
                }
            }
            // The report does not exist until Sinch has processed the batch.
            404 => {}
            s => {
                return Err(AppError::Remote(sms::render_error(
                    s,
                    &answer.body,
                    &client.auth,
                    &client.base,
                ))
                .into());
            }
        }
        let status_of = |r: &String| {
            states
                .get(&msisdn(r))
                .cloned()
                .unwrap_or_else(|| "Queued".to_owned())
        };
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for r in to {
            *counts.entry(status_of(r)).or_default() += 1;
        }
        let summary = counts
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        bar.set_message(format!("waiting for {id}: {summary}"));
        let pending = to
            .iter()
            .filter(|r| classify(&status_of(r)) == Class::Intermediate)
            .count();
        if pending == 0 {
            bar.finish_and_clear();
            for r in to {
                let st = status_of(r);
                let painted = crate::listen::view::paint_status(&ctx.ui.err, &st);
                ctx.ui.info(&format!("  {r:<16} {painted}"));
            }
            let not_delivered: Vec<String> = to
                .iter()
                .filter(|r| !status_of(r).eq_ignore_ascii_case("Delivered"))
                .map(|r| format!("{r} {}", status_of(r)))
                .collect();
            if not_delivered.is_empty() {
                return Ok(Exit::Ok);
            }
            return Err(AppError::DeliveryFailed(format!(
                "not delivered: {}",
                not_delivered.join(", ")
            ))
            .into());
        }
        if Instant::now() + every > deadline {
            bar.finish_and_clear();
            return Err(AppError::Timeout(format!(
                "{pending} of {} recipients were not final after {}s ({summary}); check later with `sinchctl report {id}`",
                to.len(),
                timeout.as_secs()
            ))
            .into());
        }
        tokio::time::sleep(every).await;
    }
}

/// Runs `sinchctl status`.
pub async fn status(ctx: &Ctx, args: BatchArgs) -> Result<Exit> {
    let (client, _) = client(ctx, &args.api, vec![])?;
    let v = client
        .json(
            Method::GET,
            &client.url(&format!("/batches/{}", args.batch_id)),
            None,
        )
        .await?;
    if args.api.json {
        stdout_line(&v.to_string())?;
        return Ok(Exit::Ok);
    }
    let to: Vec<&str> = v["to"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let field = |k: &str| match &v[k] {
        Value::Null => "-".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut text = String::new();
    for (label, value) in [
        ("id", field("id")),
        ("type", field("type")),
        ("from", field("from")),
        ("to", format!("{} ({} recipients)", to.join(", "), to.len())),
        ("created_at", field("created_at")),
        ("modified_at", field("modified_at")),
        ("send_at", field("send_at")),
        ("expire_at", field("expire_at")),
        (
            "canceled",
            crate::webhook::callback::boolean(v.get("canceled"))
                .map_or_else(|| field("canceled"), |b| b.to_string()),
        ),
        ("delivery_report", field("delivery_report")),
        ("client_reference", field("client_reference")),
        ("body", field("body")),
    ] {
        text.push_str(&format!("{label:<17} {value}\n"));
    }
    stdout_bytes(text.as_bytes())?;
    Ok(Exit::Ok)
}

/// Runs `sinchctl report`.
pub async fn report(ctx: &Ctx, args: ReportArgs) -> Result<Exit> {
    let (client, _) = client(ctx, &args.api, vec![])?;
    let path = match &args.recipient {
        Some(r) => {
            let n = sms::e164(r).map_err(usage)?;
            format!("/batches/{}/delivery_report/{}", args.batch_id, msisdn(&n))
        }
        None => format!("/batches/{}/delivery_report?type=full", args.batch_id),
    };
    let v = client.json(Method::GET, &client.url(&path), None).await?;
    if args.api.json {
        stdout_line(&v.to_string())?;
        return Ok(Exit::Ok);
    }
    let p = ctx.ui.out;
    let mut text = String::new();
    if args.recipient.is_some() {
        let code = crate::webhook::callback::number(v.get("code"));
        text.push_str(&format!(
            "{}  {}  {}  code {}{}  at {}\n",
            v["batch_id"].as_str().unwrap_or(&args.batch_id),
            v["recipient"].as_str().unwrap_or("?"),
            crate::listen::view::paint_status(&p, v["status"].as_str().unwrap_or("?")),
            code.map_or_else(|| "-".to_owned(), |c| c.to_string()),
            code.map(|c| format!(" ({})", crate::webhook::callback::sms_code_meaning(c)))
                .unwrap_or_default(),
            v["at"].as_str().unwrap_or("-"),
        ));
    } else {
        text.push_str(&format!(
            "batch {}: {} messages\n",
            v["batch_id"].as_str().unwrap_or(&args.batch_id),
            crate::webhook::callback::number(v.get("total_message_count")).unwrap_or(0)
        ));
        text.push_str(&format!(
            "  {:<12} {:>5} {:>6}  {}\n",
            "STATUS", "CODE", "COUNT", "RECIPIENTS"
        ));
        for st in v["statuses"].as_array().into_iter().flatten() {
            let status = st["status"].as_str().unwrap_or("?");
            let recipients: Vec<&str> = st["recipients"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            text.push_str(&format!(
                "  {:<12} {:>5} {:>6}  {}\n",
                crate::listen::view::paint_status(&p, status),
                crate::webhook::callback::number(st.get("code"))
                    .map_or_else(|| "-".to_owned(), |c| c.to_string()),
                crate::webhook::callback::number(st.get("count")).unwrap_or(0),
                recipients.join(", ")
            ));
        }
    }
    stdout_bytes(text.as_bytes())?;
    Ok(Exit::Ok)
}

/// Runs `sinchctl cancel`.
pub async fn cancel(ctx: &Ctx, args: BatchArgs) -> Result<Exit> {
    let (client, _) = client(ctx, &args.api, vec![])?;
    let v = client
        .json(
            Method::DELETE,
            &client.url(&format!("/batches/{}", args.batch_id)),
            None,
        )
        .await?;
    if args.api.json {
        stdout_line(&v.to_string())?;
    } else {
        stdout_line(v["id"].as_str().unwrap_or(&args.batch_id))?;
        ctx.ui.info(&format!("cancelled batch {}", args.batch_id));
    }
    Ok(Exit::Ok)
}
