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
        let out = env
            .cmd_with(vars)
            .args(args)
            .args(["sign", "--body", "x"])
            .output()
            .unwrap();
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
            "[profiles.default]\nwebhook_secret = \"{}\"\napi_token = \"{}\"\nkey_secret = \"{}\"\nservice_plan_id = \"plan-p\"\n\
             [profiles.second]\nwebhook_secret = \"{}\"\n",
            secrets[0], secrets[1], secrets[2], secrets[0]
        ),
        0o644,
    );
    let verify_headers = [
        "-H",
        "x-sinch-webhook-signature: AAAA",
        "-H",
        "x-sinch-webhook-signature-nonce: n",
        "-H",
        "x-sinch-webhook-signature-timestamp: 1",
    ];
    let dead = ["--base-url", "http://127.0.0.1:9"];
    // Each run with the exit code it must end with, so that a run failing
    // before it reads the secrets cannot pass the scan trivially.
    let runs: Vec<(i32, Vec<&str>)> = vec![
        (0, vec!["config", "show"]),
        (0, vec!["config", "show", "--json"]),
        (0, vec!["-v", "config", "show"]),
        (0, vec!["config", "get", "api_token"]),
        (0, vec!["--profile", "second", "config", "show"]),
        (2, vec!["--profile", "missing", "config", "show"]),
        (0, vec!["--help"]),
        (0, vec!["sign", "--help"]),
        (0, vec!["verify", "--help"]),
        (0, vec!["config", "init", "--help"]),
        (0, vec!["-v", "sign", "--body", "x"]),
        (0, vec!["sign", "--body", "x", "--format", "json"]),
        (
            0,
            vec![
                "sign",
                "--body",
                "x",
                "--format",
                "curl",
                "--url",
                "http://127.0.0.1:1/",
            ],
        ),
        (
            3,
            [&["-v", "verify", "--body", "x"][..], &verify_headers].concat(),
        ),
        (
            3,
            [&["verify", "--json", "--body", "x"][..], &verify_headers].concat(),
        ),
        (
            0,
            vec!["sign", "--secret", "flag-webhook-secret-ZQ6", "--body", "x"],
        ),
        (
            3,
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
        ),
        (
            0,
            vec![
                "--profile",
                "fresh",
                "config",
                "init",
                "--force",
                "--api-token",
                "flag-webhook-secret-ZQ6",
            ],
        ),
        // Port 9 on loopback: nothing listens, so these fail after using the secrets.
        (
            4,
            [
                &["-vv", "send", "--to", "+46700000001", "--body", "hi"][..],
                &dead,
            ]
            .concat(),
        ),
        (
            4,
            [&["-vv", "status", "01JXXXXXXXXXXXXXXXXXXXXXXX"][..], &dead].concat(),
        ),
        (4, [&["config", "check"][..], &dead].concat()),
        (4, vec!["-v", "simulate", "--url", "http://127.0.0.1:9/"]),
        (
            4,
            vec![
                "simulate",
                "--secret",
                "flag-webhook-secret-ZQ6",
                "--url",
                "http://127.0.0.1:9/",
                "--json",
            ],
        ),
        (0, vec!["listen", "--help"]),
        (0, vec!["send", "--help"]),
        // A record file that does not exist: an error naming the file, not the secret.
        (
            1,
            vec![
                "-v",
                "replay",
                "/nonexistent/records.ndjson",
                "--secret",
                "flag-webhook-secret-ZQ6",
            ],
        ),
        // Usage errors quote the bad value, never the other flags' values.
        (
            2,
            vec![
                "replay",
                "/nonexistent/records.ndjson",
                "--secret",
                "flag-webhook-secret-ZQ6",
                "--timeout",
                "0s",
            ],
        ),
        (
            2,
            vec![
                "sandbox",
                "--secret",
                "flag-webhook-secret-ZQ6",
                "--port",
                "99999",
            ],
        ),
    ];
    for (code, args) in runs {
        for vars in [
            vec![],
            vec![
                ("SINCH_WEBHOOK_SECRET", secrets[3]),
                ("SINCH_API_TOKEN", secrets[4]),
            ],
        ] {
            let out = env
                .cmd_with(&vars)
                .args(&args)
                .write_stdin("")
                .output()
                .unwrap();
            let all = format!("{}{}", stdout_of(&out), stderr_of(&out));
            assert_eq!(
                out.status.code(),
                Some(code),
                "`{}` with {vars:?}:\n{all}",
                args.join(" ")
            );
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

#[test]
fn a_rejected_url_flag_is_echoed_without_its_password() {
    let env = Env::new();
    for args in [
        &[
            "listen",
            "--secret",
            "s",
            "--forward-to",
            "ftp://user:hunter2@127.0.0.1/x",
        ][..],
        &["simulate", "--secret", "s", "--url", "http://user:hunter2@"],
        &[
            "send",
            "--base-url",
            "file://user:hunter2@host/",
            "--to",
            "+46700000001",
        ],
    ] {
        let out = env.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr_of(&out);
        assert!(err.contains("invalid value"), "{err}");
        assert!(!err.contains("hunter2") && err.contains("***@"), "{err}");
    }
    // A near-miss secret-bearing value is not echoed either.
    let out = env
        .cmd()
        .args([
            "sandbox",
            "--credentials",
            "service_plan=plan1:MYREALTOKEN12345",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains("invalid value") && !err.contains("MYREALTOKEN12345"),
        "{err}"
    );
}

#[test]
fn a_password_in_a_url_setting_is_refused_and_never_shown() {
    let env = Env::new();
    let vars = [
        ("SINCH_SERVICE_PLAN_ID", "plan-1"),
        ("SINCH_API_TOKEN", "token-value-1"),
        ("SINCH_SMS_BASE_URL", "http://user:hunter2@127.0.0.1:9"),
    ];
    let out = env
        .cmd_with(&vars)
        .args(["-vv", "send", "--to", "+46700000001", "--body", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("user name or password"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    let out = env
        .cmd_with(&vars)
        .args(["config", "show"])
        .output()
        .unwrap();
    let text = format!("{}{}", stdout_of(&out), stderr_of(&out));
    assert!(text.contains("http://127.0.0.1:9"), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
}
