//! `sinchctl config init`: write a profile. On a terminal it asks the auth
//! mode first, then only that mode's keys; otherwise values come from flags,
//! stdin (`-`) and the `SINCH_*` environment.

use std::io::{IsTerminal, Write};

use anyhow::{Context as _, Result};

use super::read_secret;
use crate::cli::ConfigInitArgs;
use crate::commands::Ctx;
use crate::config::{self as cfg, KEYS, Mode, SettingKey, edit};
use crate::error::{Exit, usage};
use crate::sms::setup::check_value;

/// The values the flags, stdin and (without a terminal) the environment give.
fn given_values(
    ctx: &Ctx,
    args: &ConfigInitArgs,
    interactive: bool,
) -> Result<Vec<(SettingKey, String)>> {
    let mut given = Vec::new();
    for (key, value) in &args.values.0 {
        let value = if value == "-" {
            read_secret(key.name())?
        } else {
            value.clone()
        };
        given.push((*key, value));
    }
    if args.webhook_secret_stdin {
        given.push((SettingKey::WebhookSecret, read_secret("webhook_secret")?));
    }
    if !interactive {
        // The keys init would ask for (not the base URL overrides), secrets included.
        for spec in KEYS.iter().filter(|s| s.secret || s.prompted) {
            let set = given.iter().any(|(k, _)| *k == spec.key);
            if let Some(v) = std::env::var(spec.env)
                .ok()
                .filter(|v| !set && !v.trim().is_empty())
            {
                ctx.ui
                    .info(&format!("{} taken from env {}", spec.name, spec.env));
                given.push((spec.key, v));
            }
        }
    }
    given.retain(|(_, v)| !v.is_empty());
    Ok(given)
}

/// Runs `sinchctl config init`.
pub fn run(ctx: &Ctx, args: ConfigInitArgs) -> Result<Exit> {
    let path = ctx.config_path()?;
    let existing = cfg::load(&path, false)?.map(|l| l.config);
    let name = cfg::profile_name(existing.as_ref(), &ctx.profile_choice());
    let replacing = existing
        .as_ref()
        .is_some_and(|f| f.profiles.contains_key(&name));
    if replacing && !args.force {
        return Err(usage(format!(
            "profile {name:?} already exists in {}; pass --force to replace it, or --profile NAME for another",
            path.display()
        )));
    }
    let interactive = std::io::stdin().is_terminal();
    let mut values = given_values(ctx, &args, interactive)?;
    if !interactive && values.is_empty() {
        return Err(usage(
            "stdin is not a terminal, so config init will not prompt; pass the values as flags \
             (secrets as `-` to read them from stdin) or set them in the environment \
             (SINCH_SERVICE_PLAN_ID, SINCH_API_TOKEN, SINCH_WEBHOOK_SECRET, ...), e.g.\n  \
             printf %s \"$TOKEN\" | sinchctl config init --region eu --service-plan-id YOUR_PLAN_ID --api-token -",
        ));
    }
    if interactive {
        interview(&mut values)?;
    }
    for (key, value) in &values {
        check_value(*key, value).map_err(|e| usage(format!("{key}: {e}")))?;
    }
    let text = if existing.is_some() {
        std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?
    } else {
        String::new()
    };
    let out = edit::put_profile(&text, &name, &values, args.make_default)?;
    let written = cfg::parse(&out)
        .map_err(|e| anyhow::anyhow!("internal error: the written config does not parse: {e}"))?;
    cfg::write_text(&path, &out)?;
    ctx.ui.info(&format!(
        "{} profile {name:?} in {} (mode 0600)",
        if replacing { "replaced" } else { "wrote" },
        path.display(),
    ));
    let default = cfg::profile_name(Some(&written), &cfg::ProfileChoice::Implicit);
    if default != name {
        ctx.ui.info(&format!(
            "note: the default profile is still {default:?}; commands use {name:?} with \
             --profile {name} or SINCHCTL_PROFILE={name}. To make it the default, put \
             default_profile = \"{name}\" at the top of {} (or pass --make-default to config init)",
            path.display()
        ));
    }
    warn_hidden(ctx, &values);
    Ok(Exit::Ok)
}

/// Warns when an environment variable will hide a value just written.
pub fn warn_hidden(ctx: &Ctx, values: &[(SettingKey, String)]) {
    for (key, value) in values {
        if let Ok(env) = std::env::var(key.env())
            && !env.is_empty()
            && &env != value
        {
            ctx.ui.warn(&format!(
                "{} is set in your environment and overrides the {key} just written; unset it to use the file's",
                key.env()
            ));
        }
    }
}

/// Asks on the terminal for what the flags left out: region, the auth
/// mode, that mode's keys, the sender and the webhook secret.
fn interview(values: &mut Vec<(SettingKey, String)>) -> Result<()> {
    let has = |values: &[(SettingKey, String)], k: SettingKey| values.iter().any(|(g, _)| *g == k);
    let given_mode = KEYS
        .iter()
        .find(|s| s.mode.is_some() && has(values, s.key))
        .and_then(|s| s.mode);
    let mode = match given_mode {
        Some(m) => Some(m),
        None => ask_mode()?,
    };
    let wanted: Vec<SettingKey> = KEYS
        .iter()
        .filter(|s| s.prompted && (s.mode.is_none() || s.mode == mode))
        .map(|s| s.key)
        .collect();
    for key in wanted {
        if !has(values, key)
            && let Some(v) = ask(key)?
        {
            values.push((key, v));
        }
    }
    Ok(())
}

fn ask_mode() -> Result<Option<Mode>> {
    loop {
        let answer = prompt_line(
            "auth mode: 1 = service plan + API token, 2 = OAuth2 project access key (Enter to skip): ",
        )?;
        match answer.as_str() {
            "" => return Ok(None),
            "1" => return Ok(Some(Mode::ServicePlan)),
            "2" => return Ok(Some(Mode::OAuth)),
            _ => crate::output::eprintln_safe("answer 1 or 2"),
        }
    }
}

/// Asks for one value (secrets without echo) until it passes its check. Empty means skip.
fn ask(key: SettingKey) -> Result<Option<String>> {
    loop {
        let label = format!("{} (Enter to skip): ", key.name());
        let value = if key.is_secret() {
            rpassword::prompt_password(label).context("cannot read from the terminal")?
        } else {
            prompt_line(&label)?
        };
        let value = value.trim().to_owned();
        if value.is_empty() {
            return Ok(None);
        }
        match check_value(key, &value) {
            Ok(()) => return Ok(Some(value)),
            Err(e) => crate::output::eprintln_safe(&format!("{e}; try again")),
        }
    }
}

fn prompt_line(label: &str) -> Result<String> {
    let mut err = std::io::stderr();
    write!(err, "{label}")?;
    err.flush()?;
    let mut line = String::new();
    let n = std::io::stdin()
        .read_line(&mut line)
        .context("cannot read from the terminal")?;
    if n == 0 {
        return Err(usage("the terminal closed before config init finished"));
    }
    Ok(line.trim().to_owned())
}
