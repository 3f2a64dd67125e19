//! `sinchctl report`: a batch's delivery report, or one recipient's.

use anyhow::Result;
use serde_json::Value;

use super::{connect, rehint, show};
use crate::cli::ReportArgs;
use crate::commands::Ctx;
use crate::error::{Exit, usage};
use crate::listen::view::paint_status;
use crate::output::{Painter, count};
use crate::sms;
use crate::webhook::callback::{number, sms_code_meaning};

/// Runs `sinchctl report`.
pub async fn run(ctx: &Ctx, args: ReportArgs) -> Result<Exit> {
    let recipient = args
        .recipient
        .as_deref()
        .map(|r| sms::e164(r).map_err(usage))
        .transpose()?;
    let (client, _) = connect(ctx, &args.api, vec![])?;
    let v = client
        .report(&args.batch_id, recipient.as_deref())
        .await
        .map_err(|e| match &recipient {
            // A 404 for one recipient is most often a number the batch was not sent to.
            Some(r) => rehint(
                e,
                |t| t.starts_with("SMS API answered 404"),
                || format!("{r} may not be a recipient of batch {}: `sinchctl report {}` lists them (or the batch id / region is wrong)", args.batch_id, args.batch_id),
            ),
            None => e,
        })?;
    let p = ctx.ui.out;
    show(&args.api, &v, |v| match recipient {
        Some(_) => recipient_view(v, &args.batch_id, p),
        None => batch_view(v, &args.batch_id, p),
    })
}

fn recipient_view(v: &Value, id: &str, p: Painter) -> String {
    let code = number(v.get("code"));
    format!(
        "{}  {}  {}  code {}{}  at {}\n",
        v["batch_id"].as_str().unwrap_or(id),
        v["recipient"].as_str().unwrap_or("?"),
        paint_status(&p, v["status"].as_str().unwrap_or("?")),
        code.map_or_else(|| "-".to_owned(), |c| c.to_string()),
        code.map(|c| format!(" ({})", sms_code_meaning(c)))
            .unwrap_or_default(),
        v["at"].as_str().unwrap_or("-"),
    )
}

fn batch_view(v: &Value, id: &str, p: Painter) -> String {
    let total = number(v.get("total_message_count")).unwrap_or(0);
    let mut text = format!(
        "batch {}: {}\n",
        v["batch_id"].as_str().unwrap_or(id),
        count(total, "message")
    );
    text.push_str(&format!(
        "  {:<12} {:>5} {:>6}  {}\n",
        "STATUS", "CODE", "COUNT", "RECIPIENTS"
    ));
    for st in v["statuses"].as_array().into_iter().flatten() {
        let recipients: Vec<&str> = st["recipients"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        text.push_str(&format!(
            "  {:<12} {:>5} {:>6}  {}\n",
            paint_status(&p, st["status"].as_str().unwrap_or("?")),
            number(st.get("code")).map_or_else(|| "-".to_owned(), |c| c.to_string()),
            number(st.get("count")).unwrap_or(0),
            recipients.join(", ")
        ));
    }
    text
}
