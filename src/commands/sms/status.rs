//! `sinchctl status`: show a batch.

use anyhow::Result;
use serde_json::Value;

use super::{connect, show};
use crate::cli::BatchArgs;
use crate::commands::Ctx;
use crate::error::Exit;
use crate::output::count;

/// Runs `sinchctl status`.
pub async fn run(ctx: &Ctx, args: BatchArgs) -> Result<Exit> {
    let (client, _) = connect(ctx, &args.api, vec![])?;
    let v = client.batch(&args.batch_id).await?;
    show(&args.api, &v, view)
}

/// One `label value` line per field.
fn view(v: &Value) -> String {
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
        (
            "to",
            format!(
                "{} ({})",
                to.join(", "),
                count(to.len() as u64, "recipient")
            ),
        ),
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
    text
}
