//! Command plumbing shared by every subcommand: the config file loaded once,
//! settings resolution, body input and the clock. One module per command below.

pub mod config;
pub mod demo;
pub mod listen;
pub mod listen_ui;
pub mod replay;
pub mod sandbox;
pub mod sign;
pub mod simulate;
pub mod sms;
pub mod verify;

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context as _, Result};

use crate::cli::{BodyArgs, GlobalArgs};
use crate::config::{
    self as cfg, ExposeSecret, FileConfig, Loaded, ProfileChoice, SecretString, SettingKey,
    Settings,
};
use crate::error::usage;
use crate::output::Ui;

/// What every command gets: global flags, the UI, and the config file on demand.
#[derive(Debug)]
pub struct Ctx {
    /// Global flags.
    pub global: GlobalArgs,
    /// Output settings.
    pub ui: Ui,
    loaded: OnceLock<Option<Loaded>>,
}

impl Ctx {
    /// A context for one run.
    pub fn new(global: GlobalArgs, ui: Ui) -> Self {
        Ctx {
            global,
            ui,
            loaded: OnceLock::new(),
        }
    }

    /// The config file's path: `--config`/`SINCHCTL_CONFIG`, else the platform default.
    pub fn config_path(&self) -> Result<PathBuf> {
        match &self.global.config {
            Some(p) if !p.as_os_str().is_empty() => Ok(p.clone()),
            _ => cfg::default_path(),
        }
    }

    /// Whether the user named the config file (`--config`/`SINCHCTL_CONFIG`).
    pub fn config_named(&self) -> bool {
        self.global
            .config
            .as_ref()
            .is_some_and(|p| !p.as_os_str().is_empty())
    }

    /// The parsed config file (read once). A missing default file is
    /// `None`; a missing file the user named is an error. Warns when a file
    /// holding secrets is readable by others.
    pub fn file(&self) -> Result<Option<&FileConfig>> {
        if self.loaded.get().is_none() {
            let loaded = cfg::load(&self.config_path()?, self.config_named())?;
            if let Some(warning) = loaded.as_ref().and_then(|l| l.permission_warning.as_ref()) {
                self.ui.warn(warning);
            }
            let _ = self.loaded.set(loaded);
        }
        Ok(self
            .loaded
            .get()
            .and_then(|l| l.as_ref())
            .map(|l| &l.config))
    }

    /// How the profile is chosen: `--profile`/`SINCHCTL_PROFILE`, else implicitly.
    pub fn profile_choice(&self) -> ProfileChoice {
        match self.global.profile.as_deref() {
            Some(name) if !name.is_empty() => ProfileChoice::Named(name.to_owned()),
            _ => ProfileChoice::Implicit,
        }
    }

    /// Effective settings, with `flags` taking precedence over everything else.
    pub fn settings(&self, flags: &[(SettingKey, Option<String>)]) -> Result<Settings> {
        let env = |name: &str| std::env::var(name).ok();
        cfg::resolve(self.file()?, &self.profile_choice(), &env, flags)
    }

    /// The webhook secret from `--secret`, the environment or the profile,
    /// and where it came from (which says when it hides a file value).
    pub fn webhook_secret(
        &self,
        flag: Option<&SecretString>,
    ) -> Result<(SecretString, cfg::Source)> {
        let flag = flag.map(|s| s.expose_secret().to_owned());
        let settings = self.settings(&[(SettingKey::WebhookSecret, flag)])?;
        let secret = settings.require_secret(SettingKey::WebhookSecret)?;
        let source = settings
            .get(SettingKey::WebhookSecret)
            .map(|s| s.source.clone())
            .unwrap_or(cfg::Source::Default);
        Ok((secret, source))
    }
}

/// The largest body a command reads (listen's largest `--max-body`), so memory stays bounded.
pub const MAX_BODY: u64 = 64 << 20;

/// Reads a body from `--body`, `--body-file` (`-` = stdin) or stdin, as exact
/// bytes, at most [`MAX_BODY`]. Refuses to wait on an interactive terminal.
pub fn read_body(args: &BodyArgs) -> Result<Vec<u8>> {
    if let Some(text) = &args.body {
        return Ok(text.as_bytes().to_vec());
    }
    match args.body_file.as_deref() {
        Some(p) => {
            let file = crate::input::open_or_stdin(p)
                .with_context(|| format!("cannot read body file {}", p.display()))?;
            let what = if p == Path::new("-") {
                "stdin".to_owned()
            } else {
                p.display().to_string()
            };
            read_capped(file, &what)
        }
        None => {
            if std::io::stdin().is_terminal() {
                return Err(usage(
                    "no body given: pass --body TEXT or --body-file PATH, or pipe the body on stdin",
                ));
            }
            read_capped(std::io::stdin().lock(), "stdin")
        }
    }
}

fn read_capped(from: impl Read, what: &str) -> Result<Vec<u8>> {
    crate::input::read_at_most(from, MAX_BODY)
        .with_context(|| format!("cannot read the body from {what}"))?
        .ok_or_else(|| {
            usage(format!(
                "the body from {what} is larger than {} MiB",
                MAX_BODY >> 20
            ))
        })
}

/// Now, in unix seconds.
pub fn now_unix() -> i64 {
    jiff::Timestamp::now().as_second()
}
