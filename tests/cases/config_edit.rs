//! Writing the config through the real binary: `config init` with and
//! without a terminal (0600, no overwrite, secrets never echoed), and
//! `config set/get/unset` keeping comments and other keys.

use crate::support::{Env, config_show_json as show_json, mode_of, stderr_of, stdout_of};

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

#[test]
fn init_set_and_show_agree_on_the_profile_and_a_named_init_is_not_the_default() {
    let env = Env::new();
    // A named profile in a new file: written, but `default` stays the default.
    let out = env
        .cmd()
        .args(["--profile", "staging", "config", "init", "--region", "au"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("the default profile is still \"default\"") && err.contains("--make-default"),
        "{err}"
    );
    let show = show_json(&env, &[], &[]);
    assert_eq!(show["profile"], "default", "{show}");
    assert_eq!(show["profile_in_file"], false, "{show}");
    // `config init` without --profile writes the profile `config show` uses.
    env.cmd()
        .args(["config", "init", "--region", "eu"])
        .assert()
        .success();
    let show = show_json(&env, &[], &[]);
    assert_eq!(show["profile"], "default");
    assert_eq!(show["settings"]["region"]["value"], "eu", "{show}");
    // With default_profile in the file, init, set, get and show all use it.
    let path = env.default_config_path();
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("default_profile = \"staging\"\n{text}")).unwrap();
    let out = env
        .cmd()
        .args(["config", "init", "--region", "us"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("profile \"staging\" already exists"),
        "{}",
        stderr_of(&out)
    );
    env.cmd()
        .args(["config", "init", "--force", "--region", "ca"])
        .write_stdin("")
        .assert()
        .success();
    env.cmd()
        .args(["config", "set", "from", "+46700000003"])
        .assert()
        .success();
    let show = show_json(&env, &[], &[]);
    assert_eq!(show["profile"], "staging");
    assert_eq!(show["settings"]["region"]["value"], "ca", "{show}");
    assert_eq!(show["settings"]["from"]["value"], "+46700000003", "{show}");
    // SINCHCTL_PROFILE picks the profile init writes, like every command.
    env.cmd_with(&[("SINCHCTL_PROFILE", "other")])
        .args(["config", "init", "--region", "br", "--make-default"])
        .assert()
        .success();
    let show = show_json(&env, &[], &[]);
    assert_eq!(show["profile"], "other", "{show}");
    assert_eq!(show["settings"]["region"]["value"], "br", "{show}");
}
