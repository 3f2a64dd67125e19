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
    let mut cmd = env.cmd();
    cmd.args(args).args(["config", "show", "--json"]);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The signature `sign` makes with fixed inputs tells which secret it used.
fn signed_with(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> String {
    let mut cmd = env.cmd();
    cmd.args(["sign", "--body", "b", "--nonce", "n", "--timestamp", "1"])
        .args(args);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
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
    assert_eq!(s["from"]["origin"], "env SINCH_FROM");
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

    env.write_config("[profiles.default]\nregion = \"mars\"\n", 0o600);
    let out = env.cmd().args(["config", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("us, eu, au, br, ca"));
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
