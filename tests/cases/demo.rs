//! `demo` through the real binary: one command, no configuration, every
//! outcome shown and checked, exit 0, bounded time.

use std::time::Duration;

use crate::support::{Env, stderr_of, stdout_of};

#[test]
fn demo_shows_every_outcome_verified_and_exits_zero() {
    let env = Env::new();
    // Credentials in the environment must not matter: the demo talks only to its own sandbox.
    let out = env
        .cmd()
        .arg("demo")
        .env("SINCH_SERVICE_PLAN_ID", "real-plan")
        .env("SINCH_API_TOKEN", "real-token")
        .env("SINCH_SMS_BASE_URL", "http://127.0.0.1:9")
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let (stdout, stderr) = (stdout_of(&out), stderr_of(&out));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    for (digit, status) in [
        ("0", "Delivered"),
        ("1", "Failed"),
        ("2", "Expired"),
        ("3", "Rejected"),
        ("4", "Delivered"),
        ("5", "Delivered"),
        ("6", "Dispatched"),
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.contains(&format!("1555010000{digit}")) && l.contains(status)),
            "no {status} line for …{digit}:\n{stdout}"
        );
    }
    assert!(
        stdout.contains("late (state kept)") && stdout.contains("(duplicate)"),
        "{stdout}"
    );
    assert!(
        stderr.contains("refused at send time: 400 syntax_invalid_parameter_format"),
        "{stderr}"
    );
    assert!(
        stderr.contains("summary: 20 callbacks accepted, 0 rejected"),
        "{stderr}"
    );
    assert!(!stderr.contains("FAIL"), "{stderr}");
    assert!(
        stderr.contains("next steps with a real account"),
        "{stderr}"
    );
    assert!(!stderr.contains("real-token") && !stdout.contains("real-token"));
}

#[test]
fn demo_flags_are_range_checked() {
    let env = Env::new();
    for args in [["--speed", "0"], ["--timeout", "0s"], ["--timeout", "1h"]] {
        let out = env.cmd().arg("demo").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
    }
}

#[test]
fn demo_gives_up_at_its_timeout_with_exit_5() {
    let env = Env::new();
    // At half (and a hundredth) of Sinch's speed not every report arrives in time.
    for (speed, timeout) in [("0.5", "1s"), ("0.01", "1500ms")] {
        let out = env
            .cmd()
            .args(["demo", "--speed", speed, "--timeout", timeout])
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(5), "{stderr}");
        // The duration as given: 1500ms, not a truncated 1s.
        assert!(
            stderr.contains(&format!(
                "error: demo: not every callback arrived within {timeout}"
            )),
            "{stderr}"
        );
        assert!(stderr.contains("FAIL"), "{stderr}");
    }
}

#[test]
fn demo_interrupted_exits_130_after_stopping_cleanly() {
    use std::io::BufRead;
    let env = Env::new();
    for signal in ["-INT", "-TERM"] {
        let mut child = env
            .std_cmd()
            .args(["demo", "--speed", "0.01"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        let mut seen = String::new();
        // Wait until the batch is out and the demo waits for its reports.
        while !seen.contains("statuses as they arrive") {
            let mut line = String::new();
            assert!(stderr.read_line(&mut line).unwrap() > 0, "{seen}");
            seen.push_str(&line);
        }
        let killed = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(130), "{signal}: {seen}{rest}");
        // Stopped in order: the listener's summary, then the note.
        assert!(rest.contains("summary:"), "{signal}: {rest}");
        assert!(
            rest.contains("demo: interrupted; the sandbox and the listener were stopped"),
            "{signal}: {rest}"
        );
        assert!(
            !rest.contains("FAIL"),
            "no checks listed when cut short: {rest}"
        );
    }
}

#[test]
fn demo_help_documents_its_exit_codes() {
    let out = Env::new().cmd().args(["demo", "--help"]).output().unwrap();
    let help = stdout_of(&out);
    for code in [
        "5    not every callback",
        "7    a check failed",
        "130  interrupted",
    ] {
        assert!(help.contains(code), "{code}: {help}");
    }
}

#[test]
fn demo_ends_quietly_when_its_reader_goes_away() {
    use std::io::BufRead;
    let env = Env::new();
    let mut child = env
        .std_cmd()
        .arg("demo")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("recipient_delivery_report_sms"), "{first}");
    // The reader is gone now (like `| head -1`).
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}
