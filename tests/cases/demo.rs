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
fn demo_gives_up_at_its_timeout_and_fails() {
    let env = Env::new();
    // At a hundredth of Sinch's speed nothing final arrives within a second.
    let out = env
        .cmd()
        .args(["demo", "--speed", "0.01", "--timeout", "1s"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(7), "{stderr}");
    assert!(
        stderr.contains("not every callback arrived within 1s"),
        "{stderr}"
    );
    assert!(stderr.contains("FAIL"), "{stderr}");
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
