//! Config and credentials through the real binary: file location, the
//! precedence table, profiles, `config show/path`, errors, permissions.

use crate::support::{Env, config_show_json as show_json, reference_sign, stderr_of, stdout_of};

const FILE: &str = r#"default_profile = "main"

[profiles.main]
region = "eu"
webhook_secret = "file-webhook-secret-0001"
api_token = "file-api-token-abcdef-0002"
service_plan_id = "plan-main"
from = "+46700000001"

[profiles.other]
region = "ca"
webhook_secret = "other-webhook-secret-0003"
"#;

/// The signature `sign` makes with fixed inputs tells which secret it used.
fn signed_with(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> String {
    let out = env
        .cmd_with(vars)
        .args(["sign", "--body", "b", "--nonce", "n", "--timestamp", "1"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    stdout_of(&out)
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("x-sinch-webhook-signature: ")
        .to_owned()
}

#[test]
fn precedence_flag_env_file_default() {
    let env = Env::new();
    env.write_config(FILE, 0o600);
    let sig = |secret: &str| reference_sign(secret, b"b", "n", "1");
    // file (default_profile = main)
    assert_eq!(signed_with(&env, &[], &[]), sig("file-webhook-secret-0001"));
    // env beats file
    assert_eq!(
        signed_with(&env, &[], &[("SINCH_WEBHOOK_SECRET", "env-webhook-secret")]),
        sig("env-webhook-secret")
    );
    // flag beats env
    assert_eq!(
        signed_with(
            &env,
            &["--secret", "flag-webhook-secret"],
            &[("SINCH_WEBHOOK_SECRET", "env-webhook-secret")]
        ),
        sig("flag-webhook-secret")
    );
    // An empty environment variable counts as unset.
    assert_eq!(
        signed_with(&env, &[], &[("SINCH_WEBHOOK_SECRET", "")]),
        sig("file-webhook-secret-0001")
    );

    let doc = show_json(&env, &[], &[("SINCH_FROM", "+15550001111")]);
    let s = &doc["settings"];
    assert_eq!(
        (
            s["region"]["value"].as_str(),
            s["region"]["source"].as_str()
        ),
        (Some("eu"), Some("file"))
    );
    assert_eq!(
        (s["from"]["value"].as_str(), s["from"]["source"].as_str()),
        (Some("+15550001111"), Some("env"))
    );
    // The environment hides a different value in the file: said, not silent.
    assert_eq!(
        s["from"]["origin"],
        "env SINCH_FROM (hiding a different value in file [profiles.main])"
    );
    assert_eq!(s["from"]["hides_file_value"], true);
    assert_eq!(s["region"]["hides_file_value"], false);
    assert_eq!((s["auth_url"]["source"].as_str()), Some("default"));
    assert_eq!(s["sms_base_url"]["value"], "https://eu.sms.api.sinch.com");
    assert!(s["key_id"]["value"].is_null() && s["key_id"]["source"].is_null());
    assert_eq!(doc["profile"], "main");
}

#[test]
fn profile_selection_flag_env_default_profile() {
    let env = Env::new();
    env.write_config(FILE, 0o600);
    assert_eq!(show_json(&env, &[], &[])["profile"], "main");
    assert_eq!(
        show_json(&env, &[], &[("SINCHCTL_PROFILE", "other")])["settings"]["region"]["value"],
        "ca"
    );
    let doc = show_json(
        &env,
        &["--profile", "main"],
        &[("SINCHCTL_PROFILE", "other")],
    );
    assert_eq!(doc["profile"], "main");
    let out = env
        .cmd()
        .args(["--profile", "nope", "config", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("profiles there: main, other"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn config_file_location_and_override() {
    let env = Env::new();
    env.cmd()
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", env.default_config_path().display()));
    let custom = env.path("custom.toml");
    env.cmd()
        .args(["config", "path"])
        .env("SINCHCTL_CONFIG", &custom)
        .assert()
        .success()
        .stdout(format!("{}\n", custom.display()));
    std::fs::write(&custom, "[profiles.default]\nregion = \"br\"\n").unwrap();
    assert_eq!(
        show_json(&env, &["--config", custom.to_str().unwrap()], &[])["settings"]["region"]["value"],
        "br"
    );
    // A missing file is fine.
    let doc = show_json(&env, &[], &[]);
    assert_eq!(doc["config_file_exists"], false);
    assert_eq!(doc["settings"]["region"]["value"], "us");
}

#[test]
fn malformed_files_name_key_and_line() {
    let env = Env::new();
    env.write_config(
        "[profiles.default]\nregion = \"eu\"\nwebhook_secert = \"x\"\n",
        0o600,
    );
    let out = env.cmd().args(["config", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(
        err.contains("webhook_secert") && err.contains("line 3"),
        "{err}"
    );
    assert!(err.contains("invalid config file"), "{err}");

    env.write_config("[profiles.default\nregion = 1\n", 0o600);
    let out = env.cmd().args(["sign", "--body", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("line 1"), "{}", stderr_of(&out));

    // A bad region is reported where it is used (exit 2), and only warned
    // about by commands that do not use it.
    env.write_config("[profiles.default]\nregion = \"mars\"\n", 0o600);
    let out = env.cmd().args(["config", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr_of(&out).contains("warning:") && stderr_of(&out).contains("us, eu, au, br, ca"));
    let out = env
        .cmd_with(&[("SINCH_SERVICE_PLAN_ID", "plan1"), ("SINCH_API_TOKEN", "t")])
        .args(["send", "--to", "+46700000001", "--body", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains("us, eu, au, br, ca") && err.contains("file [profiles.default]"),
        "{err}"
    );
}

#[test]
fn missing_secret_names_the_three_ways() {
    let env = Env::new();
    let out = env.cmd().args(["sign", "--body", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    for way in [
        "--secret",
        "SINCH_WEBHOOK_SECRET",
        "webhook_secret",
        "[profiles.default]",
    ] {
        assert!(err.contains(way), "{way} missing from: {err}");
    }
}

#[test]
fn permission_warning_for_readable_secrets() {
    let env = Env::new();
    let path = env.write_config(FILE, 0o644);
    let out = env.cmd().args(["config", "show"]).output().unwrap();
    assert!(out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("warning:") && err.contains("chmod 600"),
        "{err}"
    );
    // Warnings survive --quiet.
    let out = env.cmd().args(["-q", "config", "path"]).output().unwrap();
    assert!(
        stderr_of(&out).is_empty(),
        "config path does not read the file"
    );
    let out = env.cmd().args(["-q", "config", "show"]).output().unwrap();
    assert!(stderr_of(&out).contains("chmod 600"));

    crate::support::set_mode(&path, 0o600);
    let out = env.cmd().args(["config", "show"]).output().unwrap();
    assert!(stderr_of(&out).is_empty(), "{}", stderr_of(&out));
    // No secrets, no warning.
    env.write_config("[profiles.main]\nregion = \"eu\"\n", 0o644);
    let out = env.cmd().args(["config", "show"]).output().unwrap();
    assert!(stderr_of(&out).is_empty(), "{}", stderr_of(&out));
}

#[test]
fn syntax_errors_on_secret_lines_never_show_the_secret() {
    let env = Env::new();
    for text in [
        "[profiles.default]\nwebhook_secret = \"WhCfSecretValue-0001\nregion = \"eu\"\n",
        "[profiles.default]\napi_token = WhCfSecretValue-0001\n",
        "[profiles.default]\nkey_secret = \"WhCfSecretValue-0001\" trailing\n",
    ] {
        env.write_config(text, 0o600);
        for args in [
            &["config", "show"][..],
            &["sign", "--body", "x"],
            &["config", "get", "region"],
        ] {
            let out = env.cmd().args(args).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            let err = stderr_of(&out);
            assert!(!err.contains("WhCfSecretValue"), "{err}");
            assert!(err.contains("line 2") && err.contains("column"), "{err}");
            assert!(
                err.contains(" = <redacted>") && err.contains("config.toml"),
                "{err}"
            );
        }
    }
    // The later lines of an unclosed multi-line string, misspelt or upper-case keys.
    for text in [
        "[profiles.default]\nwebhook_secret = \"\"\"start\nWhCfSecretValue-0001\n",
        "[profiles.default]\nwebhook-secret = \"WhCfSecretValue-0001\n",
        "[profiles.default]\nWEBHOOK_SECRET = \"WhCfSecretValue-0001\"\n",
    ] {
        env.write_config(text, 0o600);
        let out = env.cmd().args(["config", "show"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{text}");
        let err = stderr_of(&out);
        assert!(!err.contains("WhCfSecretValue"), "{err}");
        assert!(err.contains("line") && err.contains("config.toml"), "{err}");
    }
}

#[test]
fn a_named_config_file_must_exist_and_config_errors_are_config_errors() {
    let env = Env::new();
    let typo = env.path("typo.toml");
    for cmd in [
        env.cmd_with(&[])
            .arg("--config")
            .arg(&typo)
            .args(["config", "show"])
            .output()
            .unwrap(),
        env.cmd_with(&[
            ("SINCHCTL_CONFIG", typo.to_str().unwrap()),
            ("SINCH_WEBHOOK_SECRET", "s"),
        ])
        .args(["sign", "--body", "x"])
        .output()
        .unwrap(),
    ] {
        assert_eq!(cmd.status.code(), Some(1));
        let err = stderr_of(&cmd);
        assert!(
            err.contains("typo.toml") && err.contains("does not exist"),
            "{err}"
        );
    }
    // A bad file with the secret in the environment: reported as a config
    // error, not inside listen's "needs the webhook secret" sentence.
    env.write_config("[profiles.default]\napi_key = \"x\"\n", 0o600);
    let out = env
        .cmd_with(&[("SINCH_WEBHOOK_SECRET", "s")])
        .args(["listen", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(
        err.contains("error: config: invalid config file") && err.contains("api_key"),
        "{err}"
    );
    assert!(!err.contains("needs the webhook secret"), "{err}");
}

#[test]
fn listen_does_not_need_a_valid_region_and_says_when_env_hides_the_file() {
    let env = Env::new();
    env.write_config(
        "[profiles.default]\nregion = \"mars\"\nwebhook_secret = \"file-secret-value-0001\"\n",
        0o600,
    );
    let listen = env.listen_with(&[], &[("SINCH_WEBHOOK_SECRET", "env-secret-value-0002")]);
    // The startup lines follow the readiness line; stop only once they are out.
    // The region warning comes after the startup lines; it does not stop listen.
    let err = listen.wait_stderr("will refuse it");
    drop(listen);
    assert!(
        err.contains(
            "env SINCH_WEBHOOK_SECRET (hiding a different value in file [profiles.default])"
        ),
        "{err}"
    );
    assert!(err.contains("unknown region \"mars\""), "{err}");
    assert!(!err.contains("secret-value-000"), "{err}");
}

/// The runnable `config init` examples: the README's (read from README.md, so
/// they cannot drift), `config init --help`'s, and the one the non-terminal
/// error suggests, each run verbatim by a shell in a fresh home.
#[test]
fn documented_config_init_examples_run_verbatim() {
    let readme = include_str!("../../README.md");
    let lines: Vec<&str> = readme
        .lines()
        .filter(|l| l.starts_with("sinchctl config init --region"))
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    for line in lines {
        let env = Env::new();
        let out = env.shell(line, &[]);
        assert!(out.status.success(), "{line}: {}", stderr_of(&out));
        let show = show_json(&env, &[], &[]);
        assert_eq!(show["settings"]["service_plan_id"]["value"], "YOUR_PLAN_ID");
    }
    let env = Env::new();
    let out = env.cmd().args(["config", "init"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    let suggested = err
        .lines()
        .find(|l| l.contains("| sinchctl config init"))
        .unwrap_or_else(|| panic!("{err}"))
        .trim();
    let help = stdout_of(
        &env.cmd()
            .args(["config", "init", "--help"])
            .output()
            .unwrap(),
    );
    let start = help.find("  printf").unwrap_or_else(|| panic!("{help}"));
    let example = help[start..]
        .splitn(3, '\n')
        .take(2)
        .collect::<Vec<_>>()
        .join("\n");
    for line in [suggested, example.as_str()] {
        let env = Env::new();
        let out = env.shell(line, &[("TOKEN", "token-from-the-shell")]);
        assert!(out.status.success(), "{line}: {}", stderr_of(&out));
        let show = show_json(&env, &[], &[]);
        assert_eq!(show["settings"]["service_plan_id"]["value"], "YOUR_PLAN_ID");
        assert_eq!(show["settings"]["api_token"]["source"], "file", "{show}");
    }
}

/// A secret of only whitespace, from any source, counts as unset: the usual
/// "no webhook secret" guidance plus where the blank one was, never used.
#[test]
fn a_whitespace_only_secret_counts_as_unset() {
    let env = Env::new();
    let check = |out: std::process::Output, from: &str| {
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        let err = stderr_of(&out);
        assert!(
            err.contains("no webhook secret configured")
                && err.contains(&format!("webhook_secret from {from} is only whitespace")),
            "{err}"
        );
        assert!(out.stdout.is_empty(), "{}", stdout_of(&out));
    };
    let listen = ["listen", "--port", "0", "--timeout", "1s"];
    let sign = ["sign", "--body", "b"];
    for (blank, args) in [(" ", &listen[..]), ("\t \n", &sign[..])] {
        let vars = [("SINCH_WEBHOOK_SECRET", blank)];
        check(
            env.cmd_with(&vars).args(args).output().unwrap(),
            "env SINCH_WEBHOOK_SECRET",
        );
    }
    check(
        env.cmd()
            .args(sign)
            .args(["--secret", "  "])
            .output()
            .unwrap(),
        "flag",
    );
    env.write_config("[profiles.default]\nwebhook_secret = \" \"\n", 0o600);
    check(
        env.cmd().args(sign).output().unwrap(),
        "file [profiles.default]",
    );
    // The same for the SMS secrets: a blank API token is a missing one.
    let vars = [
        ("SINCH_SERVICE_PLAN_ID", "plan-1"),
        ("SINCH_API_TOKEN", "  "),
    ];
    let out = env
        .cmd_with(&vars)
        .args(["send", "--to", "+46700000001", "--body", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains("no SMS API credentials") && err.contains("api_token"),
        "{err}"
    );
    // A blank env value does not hide the file's real one.
    env.write_config(
        "[profiles.default]\nwebhook_secret = \"file-webhook-secret-0001\"\n",
        0o600,
    );
    let vars = [("SINCH_WEBHOOK_SECRET", " ")];
    let out = env
        .cmd_with(&vars)
        .args(sign)
        .args(["--nonce", "n", "--timestamp", "1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let want = reference_sign("file-webhook-secret-0001", b"b", "n", "1");
    assert!(stdout_of(&out).contains(&want), "{}", stdout_of(&out));
}
