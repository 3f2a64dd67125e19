//! The sinchctl binary: parses the command line, runs it, maps errors to exit codes.

use std::process::ExitCode;

use clap::Parser;
use sinchctl::cli::Cli;
use sinchctl::error::{exit_for, is_broken_pipe};
use sinchctl::output::Ui;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // --help and --version are "errors" that go to stdout and exit 0.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
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
