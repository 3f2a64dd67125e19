//! sinchctl: send Sinch SMS batches, receive and verify signed callbacks,
//! and forge signed test callbacks. The binary is a thin shell around [`run`].

#![warn(missing_docs)]

pub mod cli;
pub(crate) mod commands;
pub mod config;
pub(crate) mod dashboard;
pub mod error;
pub(crate) mod input;
pub(crate) mod listen;
pub mod output;
pub(crate) mod sandbox;
pub(crate) mod simulate;
pub(crate) mod sms;
pub(crate) mod units;
pub(crate) mod webhook;

use anyhow::{Context as _, Result};

use crate::cli::{Cli, Command, ConfigCommand};
use crate::error::Exit;
use crate::output::Ui;

/// What `sinchctl` alone prints: the most useful commands and the help pointer.
const START: &str = "\
sinchctl: send Sinch SMS, receive and verify signed callbacks, forge test callbacks.

Start here:
  sinchctl demo                    the whole send -> deliver -> verified callback loop, offline
  sinchctl listen                  receive and verify callbacks on http://127.0.0.1:8080
  sinchctl send --to +46700000001 --body hi

More: sinchctl --help, or sinchctl COMMAND --help";

/// Runs a parsed command line on the one async runtime and returns the exit code to use.
pub fn run(cli: Cli, ui: Ui) -> Result<Exit> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(dispatch(cli, ui))
}

async fn dispatch(cli: Cli, ui: Ui) -> Result<Exit> {
    let ctx = commands::Ctx::new(cli.global, ui);
    let Some(command) = cli.command else {
        output::eprintln_safe(START);
        return Ok(Exit::Usage);
    };
    match command {
        Command::Sign(args) => commands::sign::run(&ctx, args),
        Command::Verify(args) => commands::verify::run(&ctx, args),
        Command::Listen(args) => commands::listen::run(&ctx, args).await,
        Command::Simulate(args) => commands::simulate::run(&ctx, args).await,
        Command::Replay(args) => commands::replay::run(&ctx, args).await,
        Command::Send(args) => commands::sms::send::run(&ctx, args).await,
        Command::Status(args) => commands::sms::status::run(&ctx, args).await,
        Command::Report(args) => commands::sms::report::run(&ctx, args).await,
        Command::Cancel(args) => commands::sms::cancel::run(&ctx, args).await,
        Command::Sandbox(args) => commands::sandbox::run(&ctx, args).await,
        Command::Demo(args) => commands::demo::run(&ctx, args).await,
        Command::Config(args) => match args.command {
            ConfigCommand::Init(a) => commands::config::init::run(&ctx, a),
            ConfigCommand::Show(a) => commands::config::show(&ctx, a),
            ConfigCommand::Path => commands::config::path(&ctx),
            ConfigCommand::Set(a) => commands::config::edit::set(&ctx, a),
            ConfigCommand::Get(a) => commands::config::edit::get(&ctx, a),
            ConfigCommand::Unset(a) => commands::config::edit::unset(&ctx, a),
            ConfigCommand::Check(a) => commands::config::check::run(&ctx, a).await,
        },
        Command::Completions(args) => {
            output::stdout_bytes(&cli::generate::completion(args.shell))?;
            Ok(Exit::Ok)
        }
    }
}
