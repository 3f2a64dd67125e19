//! `send`, `status`, `report` and `cancel`: thin commands over the
//! [`crate::sms`] component. This module turns the shared API flags into a
//! client and prints an API answer as JSON or through a command's view.

pub mod cancel;
pub mod report;
pub mod send;
pub mod status;
mod wait;

use std::sync::Arc;

use anyhow::Result;
use serde_json::Value;

use crate::cli::ApiArgs;
use crate::commands::Ctx;
use crate::config::{SettingKey, Settings};
use crate::error::{AppError, Exit};
use crate::output::{stdout_bytes, stdout_line};
use crate::sms::{self, Client};

/// The settings the API flags override.
fn api_flags(api: &ApiArgs) -> Vec<(SettingKey, Option<String>)> {
    vec![
        (
            SettingKey::Region,
            api.region.map(|r| sms::Region::from(r).code().to_owned()),
        ),
        (
            SettingKey::SmsBaseUrl,
            api.base_url.as_ref().map(ToString::to_string),
        ),
        (
            SettingKey::AuthUrl,
            api.auth_url.as_ref().map(ToString::to_string),
        ),
        (SettingKey::ServicePlanId, api.service_plan_id.clone()),
        (SettingKey::ProjectId, api.project_id.clone()),
        (SettingKey::KeyId, api.key_id.clone()),
    ]
}

/// Resolves settings (API flags plus `extra`), chooses the auth mode and
/// builds the client; `-vv` traces every HTTP exchange on stderr.
pub fn connect(
    ctx: &Ctx,
    api: &ApiArgs,
    extra: Vec<(SettingKey, Option<String>)>,
) -> Result<(Client, Settings)> {
    let own: Vec<SettingKey> = extra.iter().map(|(k, _)| *k).collect();
    let mut flags = api_flags(api);
    flags.extend(extra);
    let settings = ctx.settings(&flags)?;
    let (config, warnings) =
        sms::configure(&settings, api.auth.map(Into::into), api.request_timeout)?;
    // The chosen auth mode's keys and this command's own: a stale key of the
    // other mode, or a sender `status` does not use, must not stop it.
    let mode = config.auth.mode();
    let used = SettingKey::all().filter(|k| k.spec().mode == Some(mode) || own.contains(k));
    sms::setup::check_settings(&settings, used)?;
    for w in warnings {
        ctx.ui.warn(&w);
    }
    for note in settings.hidden_file_values() {
        ctx.ui.info(&format!("note: {note}"));
    }
    let trace: Option<sms::Trace> = (ctx.ui.verbose >= 2 && !ctx.ui.quiet).then(|| {
        let trace: sms::Trace = Arc::new(|line: &str| crate::output::eprintln_safe(line));
        trace
    });
    let client = Client::new(config, trace)?;
    ctx.ui.detail(&format!(
        "using {} at {}",
        client.auth.describe(),
        client.base
    ));
    Ok((client, settings))
}

/// Prints an API answer: the JSON itself with `--json`, else `view(answer)`.
pub fn show(api: &ApiArgs, answer: &Value, view: impl FnOnce(&Value) -> String) -> Result<Exit> {
    if api.json {
        stdout_line(&answer.to_string())?;
    } else {
        stdout_bytes(view(answer).as_bytes())?;
    }
    Ok(Exit::Ok)
}

/// An SMS API error whose text `applies` to, with the client's generic
/// hint replaced by `hint` (which knows what the command asked); other
/// errors unchanged.
pub fn rehint(
    e: anyhow::Error,
    applies: impl Fn(&str) -> bool,
    hint: impl FnOnce() -> String,
) -> anyhow::Error {
    match e.downcast_ref::<AppError>() {
        Some(AppError::Remote(text)) if applies(text) => {
            let text = text.split("\nhint: ").next().unwrap_or(text);
            AppError::Remote(format!("{text}\nhint: {}", hint())).into()
        }
        _ => e,
    }
}
