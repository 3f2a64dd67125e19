//! `sinchctl cancel`: cancel a batch that has not been sent yet.

use anyhow::Result;

use super::{connect, show};
use crate::cli::BatchArgs;
use crate::commands::Ctx;
use crate::error::Exit;

/// Runs `sinchctl cancel`.
pub async fn run(ctx: &Ctx, args: BatchArgs) -> Result<Exit> {
    let (client, _) = connect(ctx, &args.api, vec![])?;
    let v = client.cancel(&args.batch_id).await?;
    let exit = show(&args.api, &v, |v| {
        format!("{}\n", v["id"].as_str().unwrap_or(&args.batch_id))
    })?;
    if !args.api.json {
        ctx.ui.info(&format!("cancelled batch {}", args.batch_id));
    }
    Ok(exit)
}
