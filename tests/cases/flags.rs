//! Every numeric flag of every command, walked from the clap definition with
//! hostile extremes (0, max, 2^63-1, inf, NaN, negative, 1e308): each is refused
//! at parse time with a usage error (exit 2), never a panic (exit 101).

use clap::{CommandFactory, Parser};
use sinchctl::cli::Cli;

/// Value names of flags that take numbers, durations or sizes.
const NUMERIC: &[&str] = &[
    "N", "SECONDS", "DURATION", "SIZE", "PORT", "FACTOR", "CODE", "MS", "COUNT", "X", "TTL", "RATE",
];

/// Value names of flags that take text of some other kind (not walked).
const TEXT: &[&str] = &[
    "URL",
    "PATH",
    "FILE",
    "TEXT",
    "SECRET",
    "ID",
    "NUMBER",
    "MSISDN",
    "NAME",
    "ADDR",
    "NONCE",
    "TIME",
    "SENDER",
    "TOKEN",
    "REGION",
    "MODE",
    "KIND",
    "STATUS",
    "WHEN",
    "WHAT",
    "FORMAT",
    "SHELL",
    "NAME: VALUE",
    "KEY",
    "VALUE",
    "POINTER=VALUE",
    "JSON_POINTER=VALUE",
    "DIR",
    "ORIGIN",
    "CREDENTIALS",
    "SPEC",
    "BODY",
    "SCENARIO",
    "HOST",
];

const EXTREMES: &[&str] = &[
    "0",
    "18446744073709551615",
    "9223372036854775807",
    "99999999999999999999999",
    "inf",
    "NaN",
    "-1",
    "1e308",
];

/// A command line naming `path` with every required argument given a plausible value.
fn base(path: &[&clap::Command]) -> Vec<String> {
    let mut argv = vec!["sinchctl".to_owned()];
    for (depth, cmd) in path.iter().enumerate() {
        if depth > 0 {
            argv.push(cmd.get_name().to_owned());
        }
        for arg in cmd.get_arguments().filter(|a| a.is_required_set()) {
            let value = match arg.get_value_names().and_then(|v| v.first()) {
                Some(n) if n.as_str() == "NUMBER" || n.as_str() == "MSISDN" => "+46700000001",
                Some(n) if n.as_str() == "SHELL" => "bash",
                _ => "x",
            };
            match arg.get_long() {
                Some(long) => argv.push(format!("--{long}={value}")),
                None => argv.push(value.to_owned()),
            }
        }
    }
    argv
}

/// `(command line without the flag, --flag)` for every numeric flag at any depth.
fn numeric_flags() -> Vec<(Vec<String>, String)> {
    fn walk(path: &mut Vec<&clap::Command>, out: &mut Vec<(Vec<String>, String)>) {
        let cmd = *path.last().unwrap();
        for arg in cmd.get_arguments() {
            let (Some(long), Some(names)) = (arg.get_long(), arg.get_value_names()) else {
                continue;
            };
            if !arg.get_action().takes_values() {
                continue;
            }
            if arg.is_global_set() && path.len() > 1 {
                continue;
            }
            let name = names.first().map(|n| n.as_str()).unwrap_or("");
            if NUMERIC.contains(&name) {
                out.push((base(path), format!("--{long}")));
            } else {
                assert!(
                    TEXT.contains(&name),
                    "--{long} of `{}` takes {name}: add it to NUMERIC or TEXT in tests/cases/flags.rs",
                    cmd.get_name()
                );
            }
        }
        for sub in cmd.get_subcommands() {
            path.push(sub);
            walk(path, out);
            path.pop();
        }
    }
    let mut root = Cli::command();
    root.build();
    let mut out = Vec::new();
    walk(&mut vec![&root], &mut out);
    out
}

/// Flags whose value is deliberately free text despite a numeric name, and why.
const EXEMPT: &[(&str, &str)] = &[(
    "--timestamp",
    "sign forges broken callbacks too: it signs any timestamp text byte for byte",
)];

/// Extremes that are inside a flag's documented range, and why.
const IN_RANGE: &[(&str, &str, &str)] = &[
    (
        "--code",
        "-1",
        "simulate forges odd codes too: its range is a 32-bit signed integer",
    ),
    ("--code", "0", "0 is a real Sinch status code (delivered)"),
    ("--port", "0", "port 0 asks for any free port"),
    ("--delay", "0", "no pause between requests"),
    ("--max-retries", "0", "no retry at all"),
    (
        "--retry-scale",
        "0",
        "retries without waiting, for fast tests",
    ),
];

/// Runs a command that should fail at once; kills it after 10 s so an accepted
/// value that starts a server shows up as a problem instead of a hang.
fn run_bounded(cmd: &mut std::process::Command) -> std::process::Output {
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let _ = child.kill();
    child.wait_with_output().unwrap()
}

#[test]
fn every_numeric_flag_refuses_hostile_extremes_with_a_usage_error() {
    let flags = numeric_flags();
    assert!(
        flags.len() >= 20,
        "only {} numeric flags found",
        flags.len()
    );
    let env = crate::support::Env::new();
    let mut problems = Vec::new();
    for (argv, flag) in flags
        .iter()
        .filter(|(_, f)| !EXEMPT.iter().any(|(e, _)| e == f))
    {
        assert!(
            Cli::try_parse_from(argv).is_ok(),
            "the base command line {argv:?} does not parse; teach base() its required arguments"
        );
        for value in EXTREMES {
            if IN_RANGE.iter().any(|(f, v, _)| f == flag && v == value) {
                continue;
            }
            let mut line = argv.clone();
            line.push(format!("{flag}={value}"));
            let out = run_bounded(env.std_cmd().args(&line[1..]));
            let stderr = String::from_utf8_lossy(&out.stderr);
            if out.status.code() != Some(2) || !stderr.contains(flag.as_str()) {
                problems.push(format!(
                    "{} -> exit {:?}: {}",
                    line[1..].join(" "),
                    out.status.code(),
                    stderr.lines().next().unwrap_or("")
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Problems with the bounds `A to B` of an out-of-range message: each must be
/// one token as a person writes it (`100ms`, `10m`, `64MiB`, `65535`), never
/// Debug formatting (`86400s`, `Duration { .. }`).
fn bounds_problem(bounds: &str) -> Option<String> {
    let parts: Vec<&str> = bounds.split(' ').collect();
    let [lo, "to", hi] = parts[..] else {
        return Some(format!("not `A to B`: {bounds:?}"));
    };
    for b in [lo, hi] {
        if b.is_empty() || b.contains(['{', '(', ':']) {
            return Some(format!("{b:?} is not a plain bound"));
        }
        let secs = b.strip_suffix('s').filter(|_| !b.ends_with("ms"));
        if secs.is_some_and(|n| n.parse::<u64>().is_ok_and(|n| n >= 60)) {
            return Some(format!("{b:?} should be written in minutes or hours"));
        }
    }
    None
}

#[test]
fn every_out_of_range_message_has_one_form() {
    const MARK: &str = " is out of range; use ";
    let mut problems = Vec::new();
    for (argv, flag) in numeric_flags()
        .iter()
        .filter(|(_, f)| !EXEMPT.iter().any(|(e, _)| e == f))
    {
        for value in EXTREMES {
            let mut line = argv.clone();
            line.push(format!("{flag}={value}"));
            let Err(e) = Cli::try_parse_from(&line) else {
                continue;
            };
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("");
            match first.split_once(MARK) {
                Some((_, bounds)) => {
                    if let Some(p) = bounds_problem(bounds) {
                        problems.push(format!("{flag}={value}: {p}"));
                    }
                }
                // Every numeric flag parses 2^64-1 in its own grammar, so it
                // must be refused as out of range, not with some other wording.
                None if *value == "18446744073709551615" => {
                    problems.push(format!("{flag}={value}: {first}"));
                }
                None => {}
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} out-of-range messages not of the form `\"V\" is out of range; use A to B`:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
