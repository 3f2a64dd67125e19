//! `sinchctl config set|get|unset KEY`: one key of the profile, edited in
//! place so the file's comments and other keys stay as they are.

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

/// The profile `set`/`unset` edit: `--profile`, else the file's default.
fn profile(ctx: &Ctx) -> Result<String> {
    Ok(match ctx.profile_choice() {
        cfg::ProfileChoice::Named(n) => n,
        cfg::ProfileChoice::Implicit => ctx
            .file()?
            .and_then(|f| f.default_profile.clone())
            .unwrap_or_else(|| cfg::DEFAULT_PROFILE.to_owned()),
    })
}

/// The file's text, or empty when it does not exist yet.
fn current_text(ctx: &Ctx) -> Result<String> {
    // Parsing first reports a broken file with secrets redacted.
    if ctx.file()?.is_none() {
        return Ok(String::new());
    }
    let path = ctx.config_path()?;
    std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
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
    let profile = profile(ctx)?;
    let text = current_text(ctx)?;
    let out = edit::set(&text, &profile, key, &value)?;
    cfg::parse(&out)
        .map_err(|e| anyhow::anyhow!("internal error: the edited config does not parse: {e}"))?;
    let path = ctx.config_path()?;
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
    let profile = profile(ctx)?;
    let text = current_text(ctx)?;
    let (out, was) = edit::unset(&text, &profile, key)?;
    let path = ctx.config_path()?;
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
