//! `sinchctl config check`: resolve the SMS credentials, show where each
//! came from, and try them with one harmless request (list batches, page
//! size 1), like `gh auth status`.

use anyhow::Result;

use crate::cli::ConfigCheckArgs;
use crate::commands::Ctx;
use crate::commands::sms::connect;
use crate::config::SettingKey;
use crate::error::Exit;
use crate::output::stdout_bytes;

/// Runs `sinchctl config check`.
pub async fn run(ctx: &Ctx, args: ConfigCheckArgs) -> Result<Exit> {
    let (client, settings) = connect(ctx, &args.api, vec![])?;
    let mode = client.auth.mode();
    let mut text = format!(
        "profile          {}\nauth             {}\nSMS host         {}\n",
        settings.profile,
        client.auth.describe(),
        client.base
    );
    for key in SettingKey::all().filter(|k| k.spec().mode == Some(mode)) {
        if let Some(s) = settings.get(key) {
            text.push_str(&format!(
                "{:<16} {:<28} from {}\n",
                key.name(),
                s.value.shown(),
                s.source
            ));
        }
    }
    stdout_bytes(text.as_bytes())?;
    client.list_batches(1).await?;
    stdout_bytes(b"ok: the credentials work (listed batches, page size 1)\n")?;
    Ok(Exit::Ok)
}
