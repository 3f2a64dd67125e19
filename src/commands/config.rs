//! `sinchctl config init|show|path`: write a profile, show effective
//! settings with their sources (secrets redacted), print the file's path.

use std::io::{IsTerminal, Write};

use anyhow::{Context as _, Result};
use serde_json::json;

use crate::cli::{ConfigInitArgs, ConfigShowArgs};
use crate::commands::Ctx;
use crate::config::{
    self as cfg, FileConfig, Key, Profile, REGIONS, Source, default_sms_base_url, redact,
};
use crate::error::{Exit, usage};
use crate::output::{stdout_bytes, stdout_line};

/// Runs `sinchctl config path`.
pub fn path(ctx: &Ctx) -> Result<Exit> {
    stdout_line(&ctx.config_path()?.display().to_string())?;
    Ok(Exit::Ok)
}

/// Runs `sinchctl config show`.
pub fn show(ctx: &Ctx, args: ConfigShowArgs) -> Result<Exit> {
    let path = ctx.config_path()?;
    let exists = path.exists();
    let settings = ctx.settings(&[])?;
    let oauth =
        settings.value(Key::ServicePlanId).is_none() && settings.value(Key::ProjectId).is_some();
    let region = settings
        .value(Key::Region)
        .unwrap_or(cfg::DEFAULT_REGION)
        .to_owned();
    let rows: Vec<(Key, Option<String>, Option<Source>)> = Key::ALL
        .iter()
        .map(|&key| match settings.get(key) {
            Some(s) => {
                let shown = if key.is_secret() {
                    redact(&s.value)
                } else {
                    s.value.clone()
                };
                (key, Some(shown), Some(s.source.clone()))
            }
            None if key == Key::SmsBaseUrl => (
                key,
                Some(default_sms_base_url(&region, oauth)),
                Some(Source::Default),
            ),
            None => (key, None, None),
        })
        .collect();

    if args.json {
        let map: serde_json::Map<String, serde_json::Value> = rows
            .iter()
            .map(|(key, value, source)| {
                (
                    key.name().to_owned(),
                    json!({
                        "value": value,
                        "source": source.as_ref().map(Source::kind),
                        "origin": source.as_ref().map(ToString::to_string),
                        "secret": key.is_secret(),
                    }),
                )
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
        text.push_str(&format!(
            "{:<16} {:<40} {}\n",
            key.name(),
            value,
            p.dim(&source)
        ));
    }
    stdout_bytes(text.as_bytes())?;
    Ok(Exit::Ok)
}

/// Runs `sinchctl config init`.
pub fn init(ctx: &Ctx, args: ConfigInitArgs) -> Result<Exit> {
    let path = ctx.config_path()?;
    let name = ctx
        .global
        .profile
        .clone()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| cfg::DEFAULT_PROFILE.to_owned());
    let existing = cfg::load(&path)?.map(|l| l.config);
    let replacing = existing
        .as_ref()
        .is_some_and(|f| f.profiles.contains_key(&name));
    if replacing && !args.force {
        return Err(usage(format!(
            "profile {name:?} already exists in {}; pass --force to replace it, or --profile NAME for another",
            path.display()
        )));
    }

    let mut profile = Profile::default();
    let given = [
        (Key::Region, args.region),
        (Key::ProjectId, args.project_id),
        (Key::KeyId, args.key_id),
        (Key::KeySecret, args.key_secret),
        (Key::ServicePlanId, args.service_plan_id),
        (Key::ApiToken, args.api_token),
        (Key::From, args.from),
        (Key::WebhookSecret, args.webhook_secret),
        (Key::SmsBaseUrl, args.sms_base_url),
        (Key::AuthUrl, args.auth_url),
    ];
    let any_given = given
        .iter()
        .any(|(_, v)| v.as_deref().is_some_and(|v| !v.is_empty()));
    let interactive = std::io::stdin().is_terminal();
    if !interactive && !any_given {
        return Err(usage(
            "stdin is not a terminal, so config init will not prompt; pass the values as flags, e.g.\n  \
             sinchctl config init --region eu --service-plan-id ID --api-token TOKEN --webhook-secret SECRET",
        ));
    }
    for (key, value) in given {
        let value = match value {
            Some(v) => Some(v),
            // Prompt only on a terminal, and only for what the flags left out.
            None if interactive => prompt(key)?,
            None => None,
        };
        profile.set(key, value);
    }
    if let Some(region) = profile.get(Key::Region)
        && !REGIONS.contains(&region)
    {
        return Err(usage(format!(
            "unknown region {region:?}; use one of: {}",
            REGIONS.join(", ")
        )));
    }

    let mut file = existing.clone().unwrap_or_default();
    if file.default_profile.is_none() && existing.is_none() {
        file.default_profile = Some(name.clone());
    }
    file.profiles.insert(name.clone(), profile.clone());
    match existing {
        // Appending keeps the user's comments and layout; replacing rewrites the file.
        Some(_) if !replacing => {
            let mut text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let mut table = FileConfig::default();
            table.profiles.insert(name.clone(), profile);
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push('\n');
            text.push_str(&toml::to_string_pretty(&table).context("cannot serialise the profile")?);
            cfg::parse(&text).map_err(|e| {
                anyhow::anyhow!("internal error: appended config does not parse: {e}")
            })?;
            cfg::write_private(&path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        _ => cfg::write(&path, &file)?,
    }
    ctx.ui.info(&format!(
        "{} profile {name:?} in {} (mode 0600){}",
        if replacing { "replaced" } else { "wrote" },
        path.display(),
        if replacing {
            "; comments in the file were not kept"
        } else {
            ""
        }
    ));
    Ok(Exit::Ok)
}

/// Asks for one value on the terminal; secrets are read without echo. Empty means skip.
fn prompt(key: Key) -> Result<Option<String>> {
    let label = format!("{} (Enter to skip): ", key.name());
    let value = if key.is_secret() {
        rpassword::prompt_password(label).context("cannot read from the terminal")?
    } else {
        let mut err = std::io::stderr();
        write!(err, "{label}")?;
        err.flush()?;
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("cannot read from the terminal")?;
        line
    };
    let value = value.trim().to_owned();
    Ok((!value.is_empty()).then_some(value))
}
