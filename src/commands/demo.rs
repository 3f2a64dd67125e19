//! `sinchctl demo`: the whole loop offline in one process (placeholder until the demo lands).

use anyhow::Result;

use crate::cli::DemoArgs;
use crate::commands::Ctx;
use crate::error::Exit;

/// Runs `sinchctl demo`.
pub async fn run(_ctx: &Ctx, _args: DemoArgs) -> Result<Exit> {
    Err(crate::error::usage("demo is not built yet"))
}
