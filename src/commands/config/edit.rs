//! `sinchctl config set|get|unset KEY`: one key of the profile, edited in
//! place so the file's comments and other keys stay as they are.

use std::path::PathBuf;

use anyhow::{Context as _, Result};

use super::read_secret;
use crate::cli::{ConfigKeyArgs, ConfigSetArgs};
use crate::commands::Ctx;
use crate::config::{self as cfg, SettingKey, edit};
use crate::error::{Exit, usage};
use crate::output::stdout_line;
use crate::sms::setup::check_value;

fn key(name: &str) -> Result<SettingKey> {
    SettingKey::from_name(name).ok_or_else(|| usage(format!("unknown key {name:?}")))
}

/// The file `set`/`unset` edit (it may not exist yet, even when named):
/// its path, text and the profile to edit (`--profile`, else the file's
/// default). Parsing first reports a broken file with secrets redacted.
fn target(ctx: &Ctx) -> Result<(PathBuf, String, String)> {
    let path = ctx.config_path()?;
    let loaded = cfg::load(&path, false)?;
    let profile = cfg::profile_name(loaded.as_ref().map(|l| &l.config), &ctx.profile_choice());
    let text = match loaded {
        Some(_) => std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?,
        None => String::new(),
    };
    Ok((path, text, profile))
}

/// Runs `sinchctl config set KEY VALUE`.
pub fn set(ctx: &Ctx, args: ConfigSetArgs) -> Result<Exit> {
    let key = key(&args.key)?;
    let value = if args.value == "-" {
        read_secret(key.name())?
    } else {
        args.value.clone()
    };
    if key.is_secret() && args.value != "-" {
        ctx.ui.warn(&format!(
            "a secret given as an argument is visible to other users (`ps`, shell history); next time use `sinchctl config set {key} -` and type or pipe it"
        ));
    }
    check_value(key, &value).map_err(|e| usage(format!("{key}: {e}")))?;
    let (path, text, profile) = target(ctx)?;
    let out = edit::set(&text, &profile, key, &value)?;
    cfg::parse(&out)
        .map_err(|e| anyhow::anyhow!("internal error: the edited config does not parse: {e}"))?;
    cfg::write_text(&path, &out)?;
    ctx.ui.info(&format!(
        "set {key} in [profiles.{profile}] of {}",
        path.display()
    ));
    super::init::warn_hidden(ctx, &[(key, value)]);
    Ok(Exit::Ok)
}

/// Runs `sinchctl config unset KEY`.
pub fn unset(ctx: &Ctx, args: ConfigKeyArgs) -> Result<Exit> {
    let key = key(&args.key)?;
    let (path, text, profile) = target(ctx)?;
    let (out, was) = edit::unset(&text, &profile, key)?;
    if was {
        cfg::write_text(&path, &out)?;
        ctx.ui.info(&format!(
            "removed {key} from [profiles.{profile}] of {}",
            path.display()
        ));
    } else {
        ctx.ui
            .info(&format!("{key} was not set in [profiles.{profile}]"));
    }
    Ok(Exit::Ok)
}

/// Runs `sinchctl config get KEY`: the effective value on stdout (secrets
/// redacted), its source on stderr; exit 1 when it is not set anywhere.
pub fn get(ctx: &Ctx, args: ConfigKeyArgs) -> Result<Exit> {
    let key = key(&args.key)?;
    let settings = ctx.settings(&[])?;
    match settings.get(key) {
        Some(s) => {
            stdout_line(&s.value.shown())?;
            ctx.ui.info(&format!("from {}", s.source));
            Ok(Exit::Ok)
        }
        None => {
            ctx.ui.info(&format!(
                "{key} is not set (env {}, profile {})",
                key.env(),
                settings.profile
            ));
            Ok(Exit::Failure)
        }
    }
}
