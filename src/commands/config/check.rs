//! `sinchctl config check`: resolve the SMS credentials, show where each
//! came from, and try them with one harmless request (list batches, page
//! size 1), like `gh auth status`.

use anyhow::Result;

use crate::cli::ConfigCheckArgs;
use crate::commands::Ctx;
use crate::commands::sms::{connect, rehint};
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
    // The settings that pick the hosts, then the auth mode's own keys.
    let hosts = [
        SettingKey::Region,
        SettingKey::SmsBaseUrl,
        SettingKey::AuthUrl,
    ];
    let shown = SettingKey::all()
        .filter(|k| hosts.contains(k) || k.spec().mode == Some(mode))
        .filter(|k| *k != SettingKey::AuthUrl || mode == crate::config::Mode::OAuth);
    for key in shown {
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
    client
        .list_batches(1)
        .await
        .map_err(|e| with_check_hint(e, &client.base))?;
    stdout_bytes(b"ok: the credentials work (listed batches, page size 1)\n")?;
    Ok(Exit::Ok)
}

/// Adds what a failed check most likely means where the SMS client's own
/// hint is about batches or says nothing.
fn with_check_hint(e: anyhow::Error, base: &str) -> anyhow::Error {
    let e = rehint(
        e,
        |t| t.starts_with("SMS API answered 404"),
        || {
            format!(
                "{base} has no such service plan or project: check the region / SMS base URL and the id above"
            )
        },
    );
    rehint(
        e,
        |t| t.contains("cannot connect") && !t.contains("\nhint: "),
        || {
            format!(
                "{base} cannot be reached: check the region / SMS base URL (SINCH_SMS_BASE_URL), the network and any proxy"
            )
        },
    )
}
