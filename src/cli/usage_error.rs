//! How clap's help and refusals are shown: coloured as `--color` (found
//! in the raw arguments, since parsing failed), NO_COLOR and CLICOLOR_FORCE
//! say, with URL passwords and the values of secret-bearing flags masked.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue};

use super::parse::hide_userinfo;
use crate::output::{ColorWhen, color_enabled};

/// Flags whose rejected value may hold a secret; clap would quote it whole.
const SECRET_FLAGS: &[&str] = &[
    "--credentials",
    "--secret",
    "--api-token",
    "--key-secret",
    "--webhook-secret",
];

/// The text of `--help` or `--version` (clap reports them as errors), coloured
/// as `--color`, NO_COLOR and CLICOLOR_FORCE say for a stdout that is or is not a terminal.
pub fn render_help(err: &clap::Error, args: &[OsString], stdout_is_terminal: bool) -> String {
    coloured(err, args, stdout_is_terminal)
}

fn coloured(err: &clap::Error, args: &[OsString], is_terminal: bool) -> String {
    let env = |k: &str| std::env::var(k).ok();
    let rendered = err.render();
    if color_enabled(color_asked(args), is_terminal, &env) {
        rendered.ansi().to_string()
    } else {
        rendered.to_string()
    }
}

/// The text to print on stderr for a usage error.
pub fn render_usage_error(
    err: &clap::Error,
    args: &[OsString],
    stderr_is_terminal: bool,
) -> String {
    let mut text = coloured(err, args, stderr_is_terminal);
    if let (Some(ContextValue::String(arg)), Some(ContextValue::String(value))) = (
        err.get(ContextKind::InvalidArg),
        err.get(ContextKind::InvalidValue),
    ) && SECRET_FLAGS.iter().any(|f| arg.starts_with(f))
        && !value.is_empty()
    {
        text = text.replace(value.as_str(), &mask(value));
    }
    hide_userinfo(&text)
}

/// `kind=id:secret` keeps `kind=id:`; anything else becomes `***`.
fn mask(value: &str) -> String {
    match value.split_once(':') {
        Some((head, _)) if value.contains('=') => format!("{head}:***"),
        _ => "***".to_owned(),
    }
}

/// The last `--color` given (`--color X` or `--color=X`); auto otherwise.
fn color_asked(args: &[OsString]) -> ColorWhen {
    let mut when = ColorWhen::Auto;
    let mut words = args.iter().map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--color") {
            Some("") => words.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => None,
        };
        when = match value.as_deref() {
            Some("always") => ColorWhen::Always,
            Some("never") => ColorWhen::Never,
            Some(_) => ColorWhen::Auto,
            None => when,
        };
    }
    when
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn error_text(args: &[&str]) -> String {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let err = super::super::Cli::try_parse_from(&args).unwrap_err();
        render_usage_error(&err, &args, true)
    }

    #[test]
    fn secret_values_are_masked_and_colour_follows_the_flag() {
        let text = error_text(&[
            "sinchctl",
            "--color",
            "never",
            "sandbox",
            "--credentials",
            "service_plan=plan1:MYREALTOKEN12345",
        ]);
        assert!(!text.contains("MYREALTOKEN12345"), "{text}");
        assert!(text.contains("service_plan=plan1:***"), "{text}");
        assert!(!text.contains('\x1b'), "--color never: {text:?}");
        let text = error_text(&["sinchctl", "--color=always", "send", "--bogus"]);
        assert!(text.contains('\x1b'), "{text:?}");
        let args: Vec<OsString> = ["sinchctl", "--color", "never", "send", "--help"]
            .iter()
            .map(OsString::from)
            .collect();
        let help = super::super::Cli::try_parse_from(&args).unwrap_err();
        assert!(!render_help(&help, &args, true).contains('\x1b'));
        assert_eq!(mask("zzz=a:TOPSECRET"), "zzz=a:***");
        assert_eq!(mask("justatoken"), "***");
    }
}
