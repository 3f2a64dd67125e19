//! `sinchctl config path|show|init|set|get|unset|check`: the config file
//! and the effective settings with their sources (secrets redacted).

pub mod check;
pub mod edit;
pub mod init;

use std::io::{BufRead, IsTerminal, Read};

use anyhow::{Context as _, Result};
use serde_json::json;

use crate::cli::ConfigShowArgs;
use crate::commands::Ctx;
use crate::config::{SettingKey, Settings, Source};
use crate::error::{Exit, usage};
use crate::output::{stdout_bytes, stdout_line};

/// Runs `sinchctl config path`.
pub fn path(ctx: &Ctx) -> Result<Exit> {
    stdout_line(&ctx.config_path()?.display().to_string())?;
    Ok(Exit::Ok)
}

/// One row of `config show`: key, shown value, source.
type Row = (SettingKey, Option<String>, Option<Source>);

/// Every key with its shown value; the SMS host default follows the region.
fn rows(ctx: &Ctx, settings: &Settings) -> Vec<Row> {
    let oauth =
        !settings.is_set(SettingKey::ServicePlanId) && settings.is_set(SettingKey::ProjectId);
    let region = crate::sms::setup::region(settings);
    if let Err(e) = &region {
        ctx.ui
            .warn(&format!("{e}; the SMS commands will refuse it"));
    }
    SettingKey::all()
        .map(|key| match settings.get(key) {
            Some(s) => (key, Some(s.value.shown()), Some(s.source.clone())),
            None if key == SettingKey::SmsBaseUrl => match &region {
                Ok(r) => (key, Some(r.host(oauth)), Some(Source::Default)),
                Err(_) => (key, None, None),
            },
            None => (key, None, None),
        })
        .collect()
}

/// Runs `sinchctl config show`.
pub fn show(ctx: &Ctx, args: ConfigShowArgs) -> Result<Exit> {
    let path = ctx.config_path()?;
    let exists = path.exists();
    let settings = ctx.settings(&[])?;
    let rows = rows(ctx, &settings);
    if args.json {
        let map: serde_json::Map<String, serde_json::Value> = rows
            .iter()
            .map(|(key, value, source)| {
                let doc = json!({
                    "value": value,
                    "source": source.as_ref().map(Source::kind),
                    "origin": source.as_ref().map(ToString::to_string),
                    "secret": key.is_secret(),
                    "hides_file_value": matches!(source, Some(Source::EnvOverFile { .. })),
                });
                (key.name().to_owned(), doc)
            })
            .collect();
        let doc = json!({
            "config_file": path.display().to_string(),
            "config_file_exists": exists,
            "profile": settings.profile,
            "profile_in_file": settings.profile_in_file,
            "settings": map,
        });
        stdout_line(&doc.to_string())?;
        return Ok(Exit::Ok);
    }
    let p = ctx.ui.out;
    let mut text = format!(
        "{:<16} {} {}\n{:<16} {}{}\n\n",
        "config file",
        path.display(),
        p.dim(if exists { "(found)" } else { "(not found)" }),
        "profile",
        settings.profile,
        if settings.profile_in_file {
            String::new()
        } else {
            format!(" {}", p.dim("(not in the file)"))
        },
    );
    for (key, value, source) in &rows {
        let value = value.clone().unwrap_or_else(|| "-".to_owned());
        let source = source.as_ref().map(ToString::to_string).unwrap_or_default();
        let line = format!("{:<16} {:<40} {}", key.name(), value, p.dim(&source));
        // An unset value has no source: no padding left dangling at the end.
        text.push_str(line.trim_end());
        text.push('\n');
    }
    stdout_bytes(text.as_bytes())?;
    Ok(Exit::Ok)
}

/// Reads one secret: without echo on a terminal, else one line of stdin.
/// Surrounding whitespace (the newline of `echo`) is dropped.
pub fn read_secret(label: &str) -> Result<String> {
    let value = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("{label}: ")).context("cannot read from the terminal")?
    } else {
        // StdinLock buffers across calls, so several secrets can come one per line.
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .take(64 * 1024)
            .read_line(&mut line)
            .context("cannot read the secret from stdin")?;
        line
    };
    let value = value.trim().to_owned();
    if value.is_empty() {
        return Err(usage(format!("no value for {label} on stdin")));
    }
    Ok(value)
}
