//! Terminal output: the colour decision per stream, human messages on
//! stderr (respecting --quiet/--verbose), and data on stdout.

use std::io::{IsTerminal, Write};

use owo_colors::{OwoColorize, Style};

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorWhen {
    /// Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured).
    Auto,
    /// Always emit colour escape codes.
    Always,
    /// Never emit colour escape codes.
    Never,
}

/// Decides whether one stream gets colour.
///
/// `--color always|never` win. In auto mode a non-empty `NO_COLOR` turns
/// colour off, then a `CLICOLOR_FORCE` other than empty or `0` turns it on,
/// otherwise colour follows whether the stream is a terminal (and `TERM` is not `dumb`).
pub fn color_enabled(
    when: ColorWhen,
    is_terminal: bool,
    env: &dyn Fn(&str) -> Option<String>,
) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            if env("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                false
            } else if env("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0") {
                true
            } else {
                is_terminal && env("TERM").as_deref() != Some("dumb")
            }
        }
    }
}

/// Applies styles only when colour is on for the stream.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    /// Whether to emit escape codes.
    pub enabled: bool,
}

impl Painter {
    /// `text` in `style`, or plain when colour is off.
    pub fn paint(&self, text: &str, style: Style) -> String {
        if self.enabled {
            text.style(style).to_string()
        } else {
            text.to_owned()
        }
    }

    /// Red text.
    pub fn red(&self, text: &str) -> String {
        self.paint(text, Style::new().red())
    }
    /// Green text.
    pub fn green(&self, text: &str) -> String {
        self.paint(text, Style::new().green())
    }
    /// Yellow text.
    pub fn yellow(&self, text: &str) -> String {
        self.paint(text, Style::new().yellow())
    }
    /// Dimmed text.
    pub fn dim(&self, text: &str) -> String {
        self.paint(text, Style::new().dimmed())
    }
    /// Bold text.
    pub fn bold(&self, text: &str) -> String {
        self.paint(text, Style::new().bold())
    }
}

/// How a command talks to people (stderr) and programs (stdout).
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// Suppress informational stderr output.
    pub quiet: bool,
    /// Verbosity level from `-v`.
    pub verbose: u8,
    /// Colour for stdout.
    pub out: Painter,
    /// Colour for stderr.
    pub err: Painter,
}

impl Ui {
    /// Resolves colour for both streams from `--color` and the real environment.
    pub fn new(when: ColorWhen, quiet: bool, verbose: u8) -> Self {
        let env = |k: &str| std::env::var(k).ok();
        Ui {
            quiet,
            verbose,
            out: Painter {
                enabled: color_enabled(when, std::io::stdout().is_terminal(), &env),
            },
            err: Painter {
                enabled: color_enabled(when, std::io::stderr().is_terminal(), &env),
            },
        }
    }

    /// An informational line on stderr, hidden by `--quiet`.
    pub fn info(&self, msg: &str) {
        if !self.quiet {
            eprintln_safe(msg);
        }
    }

    /// A detail line on stderr, shown with `-v`.
    pub fn detail(&self, msg: &str) {
        if self.verbose > 0 && !self.quiet {
            eprintln_safe(msg);
        }
    }

    /// A warning on stderr; shown even with `--quiet`.
    pub fn warn(&self, msg: &str) {
        eprintln_safe(&format!(
            "{} {msg}",
            self.err.paint("warning:", Style::new().yellow().bold())
        ));
    }

    /// An error on stderr.
    pub fn error(&self, msg: &str) {
        eprintln_safe(&format!(
            "{} {msg}",
            self.err.paint("error:", Style::new().red().bold())
        ));
    }
}

/// A count with its noun: `1 recipient`, `2 recipients` (regular plurals only).
pub fn count(n: impl Into<i128>, noun: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Writes a line to stderr, ignoring failures (stderr is the last resort).
pub fn eprintln_safe(msg: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{msg}");
}

/// Writes bytes to stdout and flushes; a closed pipe surfaces as an error
/// that `main` turns into a quiet exit.
pub fn stdout_bytes(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Writes one line to stdout (see [`stdout_bytes`]).
pub fn stdout_line(line: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(line.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::config::fake_env as env;

    #[test]
    fn colour_rules() {
        let auto = ColorWhen::Auto;
        assert!(color_enabled(auto, true, &env(&[])));
        assert!(!color_enabled(auto, false, &env(&[])));
        assert!(!color_enabled(auto, true, &env(&[("NO_COLOR", "1")])));
        // An empty NO_COLOR does not count (no-color.org: "present and not empty").
        assert!(color_enabled(auto, true, &env(&[("NO_COLOR", "")])));
        assert!(color_enabled(auto, false, &env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!color_enabled(
            auto,
            false,
            &env(&[("CLICOLOR_FORCE", "0")])
        ));
        assert!(!color_enabled(
            auto,
            true,
            &env(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")])
        ));
        assert!(!color_enabled(auto, true, &env(&[("TERM", "dumb")])));
        assert!(color_enabled(
            ColorWhen::Always,
            false,
            &env(&[("NO_COLOR", "1")])
        ));
        assert!(!color_enabled(
            ColorWhen::Never,
            true,
            &env(&[("CLICOLOR_FORCE", "1")])
        ));
    }

    #[test]
    fn counts() {
        assert_eq!(count(1u8, "part"), "1 part");
        assert_eq!(count(0u8, "part"), "0 parts");
        assert_eq!(count(2i64, "message"), "2 messages");
    }

    #[test]
    fn painter_off_is_plain() {
        assert_eq!(Painter { enabled: false }.red("x"), "x");
        assert!(Painter { enabled: true }.red("x").contains("\u{1b}["));
    }
}
