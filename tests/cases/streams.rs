//! The CLI contract around every command: exit codes, stdout/stderr
//! separation, a closed pipe, colour rules and secrets never printed.

use std::io::Read;
use std::process::Stdio;

use crate::support::{Env, stderr_of, stdout_of};

#[test]
fn exit_codes_are_documented_and_used() {
    let env = Env::new();
    let out = env.cmd().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = stdout_of(&out);
    for line in [
        "0  success",
        "2  usage error",
        "3  signature invalid",
        "4  remote API or HTTP failure",
    ] {
        assert!(help.contains(line), "{line} not in --help");
    }
    env.cmd()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("sinchctl {}\n", env!("CARGO_PKG_VERSION")));
    env.cmd().arg("--no-such-flag").assert().code(2);
    env.cmd()
        .args(["sign", "--format", "yaml"])
        .assert()
        .code(2);
    env.cmd()
        .arg("verify")
        .arg("--request")
        .arg(env.path("missing.http"))
        .args(["--secret", "s"])
        .assert()
        .code(1);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = Env::new();
    let big = env.path("big.json");
    std::fs::write(&big, format!("{{\"body\":\"{}\"}}", "x".repeat(4 << 20))).unwrap();
    let mut child = std::process::Command::new(crate::support::bin())
        .args([
            "sign",
            "--format",
            "json",
            "--secret",
            "pipe-secret",
            "--body-file",
        ])
        .arg(&big)
        .env_remove("SINCH_WEBHOOK_SECRET")
        .env("XDG_CONFIG_HOME", env.path("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "exit {status:?}, stderr: {err}");
    assert!(err.is_empty(), "stderr: {err}");
}

#[test]
fn colour_follows_flag_and_environment() {
    let env = Env::new();
    let has_escape = |args: &[&str], vars: &[(&str, &str)]| {
        let mut cmd = env.cmd();
        cmd.args(args).args(["sign", "--body", "x"]);
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "expected the missing-secret error"
        );
        stderr_of(&out).contains('\u{1b}')
    };
    assert!(
        !has_escape(&[], &[]),
        "auto mode into a pipe must not colour"
    );
    assert!(has_escape(&["--color", "always"], &[]));
    assert!(!has_escape(
        &["--color", "never"],
        &[("CLICOLOR_FORCE", "1")]
    ));
    assert!(has_escape(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(!has_escape(
        &[],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    ));
    assert!(
        has_escape(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "")]),
        "an empty NO_COLOR does not count"
    );
}

#[test]
fn secrets_appear_in_no_output() {
    let env = Env::new();
    let secrets = [
        "file-webhook-secret-ZQ1",
        "file-api-token-ZQ2",
        "file-key-secret-ZQ3",
        "env-webhook-secret-ZQ4",
        "env-api-token-ZQ5",
        "flag-webhook-secret-ZQ6",
    ];
    env.write_config(
        &format!(
            "[profiles.default]\nwebhook_secret = \"{}\"\napi_token = \"{}\"\nkey_secret = \"{}\"\nservice_plan_id = \"p\"\n\
             [profiles.second]\nwebhook_secret = \"{}\"\n",
            secrets[0], secrets[1], secrets[2], secrets[0]
        ),
        0o644,
    );
    let runs: Vec<Vec<&str>> = vec![
        vec!["config", "show"],
        vec!["config", "show", "--json"],
        vec!["-v", "config", "show"],
        vec!["--profile", "second", "config", "show"],
        vec!["--profile", "missing", "config", "show"],
        vec!["--help"],
        vec!["sign", "--help"],
        vec!["verify", "--help"],
        vec!["config", "init", "--help"],
        vec!["-v", "sign", "--body", "x"],
        vec!["sign", "--body", "x", "--format", "json"],
        vec![
            "sign",
            "--body",
            "x",
            "--format",
            "curl",
            "--url",
            "http://127.0.0.1:1/",
        ],
        vec![
            "-v",
            "verify",
            "--body",
            "x",
            "-H",
            "x-sinch-webhook-signature: AAAA",
            "-H",
            "x-sinch-webhook-signature-nonce: n",
            "-H",
            "x-sinch-webhook-signature-timestamp: 1",
        ],
        vec![
            "verify",
            "--json",
            "--body",
            "x",
            "-H",
            "x-sinch-webhook-signature: AAAA",
            "-H",
            "x-sinch-webhook-signature-nonce: n",
            "-H",
            "x-sinch-webhook-signature-timestamp: 1",
        ],
        vec!["sign", "--secret", "flag-webhook-secret-ZQ6", "--body", "x"],
        vec![
            "-v",
            "verify",
            "--secret",
            "flag-webhook-secret-ZQ6",
            "--body",
            "x",
            "-H",
            "x-sinch-webhook-signature: AAAA",
        ],
        vec!["config", "init", "--api-token", "flag-webhook-secret-ZQ6"],
        // Port 9 on loopback: nothing listens, so these fail after using the secrets.
        vec![
            "-v",
            "send",
            "--to",
            "+46700000001",
            "--body",
            "hi",
            "--base-url",
            "http://127.0.0.1:9",
        ],
        vec![
            "-v",
            "status",
            "01JXXXXXXXXXXXXXXXXXXXXXXX",
            "--base-url",
            "http://127.0.0.1:9",
        ],
        vec!["-v", "simulate", "--url", "http://127.0.0.1:9/"],
        vec![
            "simulate",
            "--secret",
            "flag-webhook-secret-ZQ6",
            "--url",
            "http://127.0.0.1:9/",
            "--json",
        ],
        vec!["listen", "--help"],
        vec!["send", "--help"],
    ];
    for args in runs {
        for vars in [
            vec![],
            vec![
                ("SINCH_WEBHOOK_SECRET", secrets[3]),
                ("SINCH_API_TOKEN", secrets[4]),
            ],
        ] {
            let mut cmd = env.cmd();
            cmd.args(&args).write_stdin("");
            for (k, v) in &vars {
                cmd.env(k, v);
            }
            let out = cmd.output().unwrap();
            let all = format!("{}{}", stdout_of(&out), stderr_of(&out));
            for secret in secrets {
                assert!(
                    !all.contains(secret),
                    "`{}` printed {secret}:\n{all}",
                    args.join(" ")
                );
            }
        }
    }
}
