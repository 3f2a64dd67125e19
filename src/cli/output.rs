//! The `--color` flag's clap-side values, converted into the core's [`ColorWhen`].

use clap::ValueEnum;

use crate::output::ColorWhen;

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured).
    Auto,
    /// Always emit colour escape codes.
    Always,
    /// Never emit colour escape codes.
    Never,
}

impl From<ColorArg> for ColorWhen {
    fn from(c: ColorArg) -> ColorWhen {
        match c {
            ColorArg::Auto => ColorWhen::Auto,
            ColorArg::Always => ColorWhen::Always,
            ColorArg::Never => ColorWhen::Never,
        }
    }
}
