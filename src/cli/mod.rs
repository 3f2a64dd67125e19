//! The command-line interface: the clap definition of every command and flag.
//! Doc comments here are the `--help` text, the man pages and the completions.

mod config;
pub mod generate;
mod listen;
mod output;
mod parse;
mod replay;
mod sandbox;
mod simulate;
mod sms;
mod usage_error;
mod webhook;

pub use config::*;
pub use listen::*;
pub use output::*;
pub use parse::{parse_duration, parse_size};
pub use replay::*;
pub use sandbox::*;
pub use simulate::*;
pub use sms::*;
pub use usage_error::{render_help, render_usage_error};
pub use webhook::*;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::error::EXIT_CODES_HELP;

/// Send Sinch SMS, receive and verify signed callbacks, forge signed test callbacks.
///
/// Credentials come from flags, SINCH_* environment variables, or a TOML
/// config file with named profiles (see `sinchctl config --help`).
#[derive(Debug, Parser)]
#[command(name = "sinchctl", version, propagate_version = true, after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// Options accepted by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command to run; none prints a short start.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The help heading of the options every command accepts.
const GLOBAL: &str = "Global options";

/// Options accepted by every command.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Config file to read instead of the platform default
    /// (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml).
    #[arg(long, global = true, env = "SINCHCTL_CONFIG", value_name = "PATH", help_heading = GLOBAL)]
    pub config: Option<PathBuf>,

    /// Profile of the config file to use (default: the file's default_profile, else "default").
    #[arg(long, global = true, env = "SINCHCTL_PROFILE", value_name = "NAME", help_heading = GLOBAL)]
    pub profile: Option<String>,

    /// When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto, help_heading = GLOBAL)]
    pub color: ColorArg,

    /// Print nothing on stderr but warnings and errors.
    #[arg(short, long, global = true, conflicts_with = "verbose", help_heading = GLOBAL)]
    pub quiet: bool,

    /// Print more detail on stderr (never secrets).
    #[arg(short, long, global = true, action = clap::ArgAction::Count, help_heading = GLOBAL)]
    pub verbose: u8,
}

/// sinchctl's commands.
#[derive(Debug, Subcommand)]
// Parsed once per run; boxing would only add noise.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Sign a callback body the way Sinch does and print the headers, a curl command or JSON.
    #[command(after_help = "\
Examples:
  sinchctl sign --body '{\"type\":\"mo_text\"}' --secret \"$SECRET\"
  sinchctl sign --body-file dlr.json --format curl \\
      --url http://127.0.0.1:8080/sinch
  cat dlr.json | sinchctl sign --format json \\
      --nonce 01JHFFHWYY7HSS4FWTMDTQEK8V --timestamp 1736760161")]
    Sign(SignArgs),

    /// Check the signature of a captured callback offline and explain why it fails.
    #[command(after_help = "\
Examples:
  sinchctl verify --request captured.http --ignore-time
  sinchctl verify -H 'x-sinch-webhook-signature: ...' \\
      -H 'x-sinch-webhook-signature-nonce: ...' \\
      -H 'x-sinch-webhook-signature-timestamp: ...' --body-file body.json

Exits 0 and prints `valid` when the signature verifies, 3 with the reason otherwise.")]
    Verify(VerifyArgs),

    /// Receive callbacks: verify signatures, refuse stale and replayed ones, stream statuses.
    #[command(after_help = "\
Examples:
  sinchctl listen                  # http://127.0.0.1:8080, any path
  ngrok http 8080                  # in another terminal; use its https URL
  sinchctl listen --port 0 --json --record cb.ndjson --exit-after 3
  sinchctl listen --path /sinch --forward-to http://127.0.0.1:3000/webhooks
  sinchctl listen --until final --timeout 5m --fail-on failed   # CI
  sinchctl listen --ui --open      # live dashboard on http://127.0.0.1:4041/

Answers: 200 once verified (and recorded); 401 for a bad, stale or replayed signature
(a mismatch names its likely cause); 404 wrong path; 405 not POST (but GET /_sinchctl/health
answers 200 ok); 413 body too large; 503 when the record cannot be written or the
replay cache is full of live nonces (Sinch retries; a nonce is spent only by a 2xx answer);
with --forward-to, the app's status (502 when it is down or redirects, 504 when it is slow).")]
    Listen(ListenArgs),

    /// Send signed test callbacks (every kind, scenarios, broken ones, load) or check an endpoint.
    #[command(after_help = "\
Examples:
  sinchctl simulate                # one Delivered report to 127.0.0.1:8080
  sinchctl simulate --scenario failed --url http://127.0.0.1:3000/sinch
  sinchctl simulate conversation-dr --status READ
  sinchctl simulate --tamper       # must be answered 4xx
  sinchctl simulate --count 2000 --concurrency 16    # load
  sinchctl simulate suite --url http://127.0.0.1:3000/sinch --junit suite.xml

Each request is checked against what a correct endpoint answers (2xx for valid callbacks,
4xx for broken ones; --expect overrides); any mismatch exits 7.")]
    Simulate(SimulateArgs),

    /// Resend recorded callbacks (from `listen --record` or a raw capture) freshly signed, edited or verbatim.
    #[command(after_help = "\
Examples:
  sinchctl replay cb.ndjson --index 3    # to 127.0.0.1:8080 + recorded path
  sinchctl replay cb.ndjson --all --url http://127.0.0.1:3000/webhooks/sinch
  sinchctl replay cb.ndjson --id 01JHFFHQ0P99JPPNQPJDV7JTBP \\
      --set /status=Failed --set /code=402
  sinchctl replay cb.ndjson --index 1 --verbatim  # must be refused (4xx)

Each request is freshly signed (new nonce and timestamp) with the body byte for byte, unless
--set edits it or --verbatim resends the original headers. Answers other than the expected
class (2xx; 4xx with --verbatim; --expect overrides) exit 7.")]
    Replay(ReplayArgs),

    /// Send an SMS batch and print its id (alone on stdout).
    #[command(after_help = "\
Examples:
  id=$(sinchctl send --to +46700000001 --body 'hi')
  sinchctl send --to +46700000001,+46700000002 --body-file msg.txt \\
      --delivery-report per-recipient \\
      --callback-url https://example.ngrok-free.app/sinch
  echo 'Привет' | sinchctl send --to +46700000001 --dry-run
  sinchctl send --to +46700000001 --body hi --wait   # exit 0 if delivered

A POST that Sinch may have received is never repeated: only a connection that fails before
anything is sent (3 tries in all) and 429/503 with Retry-After (3 tries) are retried; a request
with no answer within --request-timeout is reported as \"may have been processed\".
A body from stdin or --body-file loses exactly one trailing newline (the one `echo` adds);
--body TEXT is sent as given. -vv shows each HTTP exchange (secrets redacted).")]
    Send(SendArgs),

    /// Show a batch.
    Status(BatchArgs),

    /// Show a batch's delivery report (summary, or one recipient's).
    Report(ReportArgs),

    /// Cancel a batch that has not been sent yet.
    Cancel(BatchArgs),

    /// Run an offline Sinch SMS API on 127.0.0.1 that sends real signed callbacks.
    #[command(after_help = sandbox_after_help())]
    Sandbox(SandboxArgs),

    /// See the whole loop offline: sandbox, send, signed callbacks, verified by listen.
    #[command(after_help = "\
Examples:
  sinchctl demo
  sinchctl demo --speed 50 --timeout 10s

Starts the sandbox and a verifying listener on free 127.0.0.1 ports with a generated
secret, sends one batch with a recipient of every outcome, streams the statuses and
exits 0 only if every expected outcome arrived and every callback verified. No account,
no configuration, nothing leaves this machine.

Exit codes:
  0    every expected outcome arrived and every check passed
  5    not every callback arrived within --timeout
  7    a check failed (an outcome or a signature was not as expected)
  130  interrupted by Ctrl-C or SIGTERM; the sandbox and the listener are stopped first")]
    Demo(DemoArgs),

    /// Create, change, show, check or locate the config file.
    Config(ConfigArgs),

    /// Print a shell completion script to stdout.
    #[command(after_help = "\
Examples:
  sinchctl completions bash \\
      > ~/.local/share/bash-completion/completions/sinchctl
  sinchctl completions zsh > ~/.zfunc/_sinchctl
  sinchctl completions fish > ~/.config/fish/completions/sinchctl.fish")]
    Completions(CompletionsArgs),
}

/// Arguments of `sinchctl completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// `{:?}` of every parse that carries `s3cr3t-XYZ` as a secret flag.
    fn debug_of(args: &[&str]) -> String {
        let cli = Cli::try_parse_from(std::iter::once("sinchctl").chain(args.iter().copied()))
            .unwrap_or_else(|e| panic!("{args:?} should parse: {e}"));
        format!("{cli:?}")
    }

    #[test]
    fn secret_flags_never_show_in_debug() {
        for args in [
            &["listen", "--secret", "s3cr3t-XYZ"][..],
            &["sign", "--secret", "s3cr3t-XYZ", "--body", "{}"],
            &["verify", "--secret", "s3cr3t-XYZ", "--body", "{}"],
            &["replay", "rec.ndjson", "--secret", "s3cr3t-XYZ"],
            &["sandbox", "--secret", "s3cr3t-XYZ"],
            &["simulate", "--secret", "s3cr3t-XYZ"],
            &[
                "config",
                "init",
                "--api-token",
                "s3cr3t-XYZ",
                "--key-secret",
                "s3cr3t-XYZ",
            ],
            &["config", "init", "--webhook-secret", "s3cr3t-XYZ"],
        ] {
            let shown = debug_of(args);
            assert!(
                !shown.contains("s3cr3t-XYZ"),
                "{args:?} shows the secret: {shown}"
            );
        }
        // The non-secret values still show, so the redaction is not blanket.
        assert!(debug_of(&["config", "init", "--region", "eu"]).contains("\"eu\""));
    }
}
