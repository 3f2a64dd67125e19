//! Exit codes and the error kinds that select them, in one place.
//!
//! Every command returns `anyhow::Result`; `main` looks for an [`AppError`]
//! in the chain to pick the exit code, and treats a broken pipe as success.

use std::process::ExitCode;

/// The exit codes sinchctl uses. The numbers are part of the CLI contract
/// (scripts and CI depend on them) and are documented in `--help` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// Any error not covered by a more specific code (I/O, config, internal).
    Failure = 1,
    /// The command line or the input was unusable (also clap's code).
    Usage = 2,
    /// A webhook signature did not verify (wrong secret, tampered body, stale, replayed).
    SignatureInvalid = 3,
    /// A remote API or HTTP endpoint failed or answered with an error status.
    Remote = 4,
    /// A wait (`--timeout`) ended before its condition was met.
    Timeout = 5,
    /// A message ended in a failure status (Failed, Rejected, Expired, Aborted, ...).
    DeliveryFailed = 6,
    /// An endpoint answered differently than expected (`simulate`).
    Expectation = 7,
    /// Stopped by SIGINT or SIGTERM before finishing (`demo`), as shells report Ctrl-C.
    Interrupted = 130,
}

impl Exit {
    /// The numeric code handed to the operating system.
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e.code())
    }
}

/// The exit-code table shown in `--help` and mirrored in the README.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  error (I/O, configuration, internal)
  2  usage error: bad flags or unusable input
  3  signature invalid (verify and listen checks)
  4  remote API or HTTP failure
  5  timed out before the awaited condition (--timeout)
  6  a message ended in a failure status (listen --fail-on failed)
  7  an endpoint answered differently than expected (simulate, suite)
  130  interrupted (Ctrl-C or SIGTERM) before finishing (demo)";

/// An error whose kind decides the exit code. Messages say what was wrong
/// and what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Bad flags or input that cannot be used; exit 2.
    #[error("{0}")]
    Usage(String),
    /// A signature did not verify; exit 3.
    #[error("{0}")]
    SignatureInvalid(String),
    /// A remote endpoint failed; exit 4.
    #[error("{0}")]
    Remote(String),
    /// A wait timed out; exit 5.
    #[error("{0}")]
    Timeout(String),
    /// A message ended in a failure status; exit 6.
    #[error("{0}")]
    DeliveryFailed(String),
    /// An endpoint did not answer as expected; exit 7.
    #[error("{0}")]
    Expectation(String),
    /// The config file is missing (when named), unreadable or invalid; exit 1.
    #[error("{0}")]
    Config(String),
}

impl AppError {
    /// The exit code for this kind of error.
    pub fn exit(&self) -> Exit {
        match self {
            AppError::Usage(_) => Exit::Usage,
            AppError::SignatureInvalid(_) => Exit::SignatureInvalid,
            AppError::Remote(_) => Exit::Remote,
            AppError::Timeout(_) => Exit::Timeout,
            AppError::DeliveryFailed(_) => Exit::DeliveryFailed,
            AppError::Expectation(_) => Exit::Expectation,
            AppError::Config(_) => Exit::Failure,
        }
    }
}

/// Shorthand for a usage error with a message.
pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    AppError::Usage(msg.into()).into()
}

/// True when the error chain contains a broken pipe (the reader went away,
/// as with `| head`); such a run ends quietly with success.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The message shown for an error chain: a config error alone, whatever
/// context a command put around it (it is about the file, not the command);
/// anything else with its whole chain.
pub fn message(err: &anyhow::Error) -> String {
    err.chain()
        .find_map(|cause| match cause.downcast_ref::<AppError>() {
            Some(AppError::Config(msg)) => Some(format!("config: {msg}")),
            _ => None,
        })
        .unwrap_or_else(|| format!("{err:#}"))
}

/// The exit code for an error chain: the first [`AppError`] decides, else 1.
pub fn exit_for(err: &anyhow::Error) -> Exit {
    err.chain()
        .find_map(|cause| cause.downcast_ref::<AppError>().map(AppError::exit))
        .unwrap_or(Exit::Failure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn app_error_in_chain_decides_the_code() {
        let err = Err::<(), _>(usage("bad"))
            .context("while parsing")
            .unwrap_err();
        assert_eq!(exit_for(&err), Exit::Usage);
        let err = anyhow::anyhow!("plain");
        assert_eq!(exit_for(&err), Exit::Failure);
    }

    #[test]
    fn config_errors_are_shown_alone() {
        let err = Err::<(), _>(anyhow::Error::from(AppError::Config("bad file".into())))
            .context("listen needs the secret")
            .unwrap_err();
        assert_eq!(message(&err), "config: bad file");
        assert_eq!(exit_for(&err), Exit::Failure);
    }

    #[test]
    fn broken_pipe_is_recognised_through_context() {
        let io = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pipe");
        let err = anyhow::Error::new(io).context("writing output");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
