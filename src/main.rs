//! The sinchctl binary: parses the command line, runs it, maps errors to exit codes.

use std::io::IsTerminal as _;
use std::process::ExitCode;

use clap::Parser;
use sinchctl::cli::{Cli, hide_userinfo};
use sinchctl::error::{exit_for, is_broken_pipe};
use sinchctl::output::Ui;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            // --help and --version are "errors" that go to stdout and exit 0.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            // Clap quotes a rejected value; a URL's password must not be in it.
            let rendered = err.render();
            let text = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            {
                rendered.ansi().to_string()
            } else {
                rendered.to_string()
            };
            let _ =
                std::io::Write::write_all(&mut std::io::stderr(), hide_userinfo(&text).as_bytes());
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
