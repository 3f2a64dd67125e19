//! Config and credentials through the real binary: file location, the
//! precedence table, profiles, `config init/show/path`, errors, permissions.

use crate::support::{Env, mode_of, reference_sign, stderr_of, stdout_of};

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

fn show_json(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> serde_json::Value {
    let out = env
        .cmd_with(vars)
        .args(args)
        .args(["config", "show", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

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
fn init_writes_0600_refuses_overwrite_and_never_prompts_without_a_terminal() {
    let env = Env::new();
    let path = env.default_config_path();
    // No flags, stdin not a terminal: a clear error instead of a prompt.
    let out = env
        .cmd()
        .args(["config", "init"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("will not prompt"),
        "{}",
        stderr_of(&out)
    );
    assert!(!path.exists());

    env.cmd()
        .args([
            "config",
            "init",
            "--region",
            "eu",
            "--service-plan-id",
            "plan1",
            "--api-token",
            "init-token-secret-1",
        ])
        .args(["--webhook-secret", "init-webhook-secret-1"])
        .write_stdin("")
        .assert()
        .success();
    assert_eq!(mode_of(&path), 0o600);
    let doc = show_json(&env, &[], &[]);
    assert_eq!(doc["profile"], "default");
    assert_eq!(doc["settings"]["service_plan_id"]["value"], "plan1");

    // Same profile again: refused without --force, file untouched.
    let before = std::fs::read(&path).unwrap();
    let out = env
        .cmd()
        .args(["config", "init", "--region", "us"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("--force"));
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // Another profile is appended, keeping comments.
    let mut text = String::from_utf8(before).unwrap();
    text.insert_str(0, "# my sinch settings\n");
    std::fs::write(&path, &text).unwrap();
    env.cmd()
        .args(["--profile", "staging", "config", "init", "--region", "au"])
        .write_stdin("")
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# my sinch settings\n"), "{text}");
    assert_eq!(
        show_json(&env, &["--profile", "staging"], &[])["settings"]["region"]["value"],
        "au"
    );
    assert_eq!(mode_of(&path), 0o600);

    // --force replaces.
    env.cmd()
        .args(["config", "init", "--region", "br", "--force"])
        .write_stdin("")
        .assert()
        .success();
    assert_eq!(
        show_json(&env, &[], &[])["settings"]["region"]["value"],
        "br"
    );
    assert!(show_json(&env, &[], &[])["settings"]["api_token"]["value"].is_null());
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

/// `config init` on a real terminal (a pty from `script`): prompts for each
/// value, reads secrets without echo, and writes what was typed.
#[test]
fn init_prompts_on_a_terminal_without_echoing_secrets() {
    use std::io::{Read, Write};
    use std::process::Stdio;
    if !crate::support::script_available() {
        return;
    }
    let env = Env::new();
    let path = env.path("tty.toml");
    let mut cmd = env.std_cmd();
    let command = format!("{} config init", crate::support::bin().display());
    cmd.env("SINCHCTL_CONFIG", &path);
    let mut child = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .envs(
            cmd.get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .env("SINCHCTL_CONFIG", &path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let output = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let reader = {
        let (output, mut out) = (output.clone(), child.stdout.take().unwrap());
        std::thread::spawn(move || {
            let mut buf = [0u8; 1024];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                output
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        })
    };
    let mut stdin = child.stdin.take().unwrap();
    // The auth mode first, then only that mode's keys (no service plan
    // keys, no URL overrides); a phone number is refused as an id and asked again.
    let answers = [
        ("auth mode: 1 = service plan", "2"),
        ("region (Enter to skip): ", "eu"),
        ("project_id (Enter to skip): ", "+46700000001"),
        ("try again", "proj-tty"),
        ("key_id (Enter to skip): ", "key-tty"),
        ("key_secret (Enter to skip): ", "tty-key-secret-value-1"),
        ("from (Enter to skip): ", "+46700000009"),
        (
            "webhook_secret (Enter to skip): ",
            "tty-webhook-secret-val-2",
        ),
    ];
    for (prompt, answer) in answers {
        let key = prompt;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !output.lock().unwrap().contains(prompt) {
            assert!(
                std::time::Instant::now() < deadline,
                "no prompt for {key}; got: {}",
                output.lock().unwrap()
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        // Give the prompt time to switch echo off before typing, as a person would.
        std::thread::sleep(std::time::Duration::from_millis(50));
        stdin.write_all(format!("{answer}\n").as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
    let status = child.wait().unwrap();
    drop(stdin);
    let _ = reader.join();
    let screen = output.lock().unwrap().clone();
    assert!(
        status.success(),
        "config init failed on a terminal:\n{screen}"
    );
    assert!(
        !screen.contains("tty-key-secret-value-1") && !screen.contains("tty-webhook-secret-val-2"),
        "a secret was echoed:\n{screen}"
    );
    assert!(
        screen.contains("proj-tty"),
        "plain answers are echoed as typed:\n{screen}"
    );
    let doc = show_json(&env, &["--config", path.to_str().unwrap()], &[]);
    let s = &doc["settings"];
    assert_eq!(
        (
            s["region"]["value"].as_str(),
            s["project_id"]["value"].as_str()
        ),
        (Some("eu"), Some("proj-tty"))
    );
    assert_eq!(s["key_secret"]["value"], "****ue-1");
    assert!(s["api_token"]["value"].is_null());
    assert!(
        !screen.contains("service_plan_id") && !screen.contains("sms_base_url"),
        "{screen}"
    );
    assert_eq!(mode_of(&path), 0o600);
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

#[test]
fn init_without_a_terminal_takes_secrets_from_env_and_stdin() {
    let env = Env::new();
    let path = env.default_config_path();
    env.cmd_with(&[
        ("SINCH_API_TOKEN", "env-api-token-0001"),
        ("SINCH_WEBHOOK_SECRET", "env-hook-0002"),
        ("SINCH_SERVICE_PLAN_ID", "plan-from-env"),
        ("SINCH_FROM", "+46700000009"),
        ("SINCH_SMS_BASE_URL", "http://127.0.0.1:9/"),
    ])
    .args(["config", "init", "--region", "eu"])
    .write_stdin("")
    .assert()
    .success()
    .stderr(predicates::str::contains(
        "api_token taken from env SINCH_API_TOKEN",
    ));
    let f = std::fs::read_to_string(&path).unwrap();
    assert!(
        f.contains("env-api-token-0001") && f.contains("env-hook-0002"),
        "{f}"
    );
    // Every setting init would ask for comes from the environment too; base URLs do not.
    assert!(f.contains("service_plan_id = \"plan-from-env\""), "{f}");
    assert!(f.contains("from = \"+46700000009\""), "{f}");
    assert!(
        f.contains("region = \"eu\"") && !f.contains("127.0.0.1"),
        "{f}"
    );
    // `-` reads stdin, one line per such value in flag order; --webhook-secret-stdin too.
    let out = env
        .cmd()
        .args([
            "--profile",
            "p2",
            "config",
            "init",
            "--key-secret",
            "-",
            "--webhook-secret-stdin",
        ])
        .args(["--project-id", "proj-0001", "--key-id", "key-0001"])
        .write_stdin("stdin-key-secret-3\nstdin-hook-secret-4\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let f = std::fs::read_to_string(&path).unwrap();
    assert!(f.contains("key_secret = \"stdin-key-secret-3\""), "{f}");
    assert!(
        f.contains("webhook_secret = \"stdin-hook-secret-4\""),
        "{f}"
    );
    // Values are checked: a phone number is not a service plan id.
    let out = env
        .cmd()
        .args([
            "--profile",
            "p3",
            "config",
            "init",
            "--service-plan-id",
            "+46700000001",
        ])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("phone number is not one"),
        "{}",
        stderr_of(&out)
    );
    let help = stdout_of(
        &env.cmd()
            .args(["config", "init", "--help"])
            .output()
            .unwrap(),
    );
    assert!(help.contains("visible to other users"), "{help}");
}

#[test]
fn set_get_unset_keep_comments_and_other_keys() {
    let env = Env::new();
    let path = env.write_config(
        "# my settings\ndefault_profile = \"main\"\n\n[profiles.main]\n# where we send from\nregion = \"eu\" # EU account\nfrom = \"+46700000001\"\n\n[profiles.other]\nregion = \"ca\"\n",
        0o600,
    );
    env.cmd()
        .args(["config", "set", "region", "us"])
        .assert()
        .success();
    env.cmd()
        .args(["config", "set", "api_token", "-"])
        .write_stdin("set-api-token-secret-1\n")
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    for kept in [
        "# my settings",
        "# where we send from",
        "# EU account",
        "from = \"+46700000001\"",
        "region = \"ca\"",
    ] {
        assert!(text.contains(kept), "{kept} lost:\n{text}");
    }
    assert!(
        text.contains("region = \"us\"") && text.contains("api_token = \"set-api-token-secret-1\""),
        "{text}"
    );
    assert_eq!(mode_of(&path), 0o600);
    let out = env
        .cmd()
        .args(["config", "get", "region"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out), "us\n");
    assert!(stderr_of(&out).contains("file [profiles.main]"));
    let out = env
        .cmd()
        .args(["config", "get", "api_token"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out), "****et-1\n");
    env.cmd()
        .args(["config", "unset", "from"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("+46700000001") && text.contains("# EU account"),
        "{text}"
    );
    env.cmd().args(["config", "get", "from"]).assert().code(1);
    env.cmd()
        .args(["config", "set", "region", "mars"])
        .assert()
        .code(2);
    env.cmd()
        .args(["config", "set", "regoin", "eu"])
        .assert()
        .code(2);
}

#[test]
fn set_creates_a_named_file_and_send_notes_an_env_value_hiding_the_file() {
    let env = Env::new();
    let named = env.path("new/sinch.toml");
    env.cmd()
        .arg("--config")
        .arg(&named)
        .args(["config", "set", "from", "+46700000001"])
        .assert()
        .success();
    assert_eq!(mode_of(&named), 0o600);
    let out = env
        .cmd_with(&[("SINCH_FROM", "+46700000002")])
        .arg("--config")
        .arg(&named)
        .args(["config", "set", "from", "+46700000003"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        stderr_of(&out).contains("SINCH_FROM is set in your environment and overrides"),
        "{}",
        stderr_of(&out)
    );
    let out = env
        .cmd_with(&[
            ("SINCH_FROM", "+46700000002"),
            ("SINCH_SERVICE_PLAN_ID", "plan1"),
            ("SINCH_API_TOKEN", "t"),
        ])
        .arg("--config")
        .arg(&named)
        .args([
            "send",
            "--to",
            "+46700000001",
            "--body",
            "x",
            "--base-url",
            "http://127.0.0.1:9",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr_of(&out)
            .contains("from comes from env SINCH_FROM (hiding a different value in file"),
        "{}",
        stderr_of(&out)
    );
}
