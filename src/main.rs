//! The sinchctl binary: parses the command line, runs it, maps errors to exit codes.

use std::io::IsTerminal as _;
use std::process::ExitCode;

use clap::Parser;
use sinchctl::cli::{Cli, render_help, render_usage_error};
use sinchctl::error::{exit_for, is_broken_pipe};
use sinchctl::output::Ui;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            // --help and --version are "errors" that go to stdout and exit 0.
            let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
            let text = render_help(&err, &args, std::io::stdout().is_terminal());
            let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            // Clap quotes a rejected value: passwords and secrets are masked.
            let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
            let text = render_usage_error(&err, &args, std::io::stderr().is_terminal());
            let _ = std::io::Write::write_all(&mut std::io::stderr(), text.as_bytes());
            return ExitCode::from(2);
        }
    };
    let ui = Ui::new(
        cli.global.color.into(),
        cli.global.quiet,
        cli.global.verbose,
    );
    match sinchctl::run(cli, ui) {
        Ok(exit) => exit.into(),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            ui.error(&sinchctl::error::message(&err));
            exit_for(&err).into()
        }
    }
}
