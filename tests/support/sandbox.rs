//! Test support for `sinchctl sandbox`: starting it, commands with credentials
//! it accepts, and its `--json` events checked against their schema.

use serde_json::Value;

use super::{Env, Listen, stderr_of, stdout_of};

/// The webhook secret sandbox tests sign callbacks with.
pub const SECRET: &str = "sandbox-hmac-secret-123";

/// Starts `sinchctl sandbox --port 0 --json ARGS`.
pub fn sandbox(env: &Env, args: &[&str]) -> Listen {
    let mut cmd = env.std_cmd();
    cmd.args(["sandbox", "--port", "0", "--json"]).args(args);
    Listen::spawn(cmd)
}

/// The sandbox's base URL.
pub fn base(sb: &Listen) -> String {
    format!("http://{}", sb.addr())
}

/// `sinchctl` with service plan credentials pointed at the sandbox.
pub fn sp(env: &Env, sb: &Listen) -> assert_cmd::Command {
    env.service_plan("plan-1", "api-token-1", &base(sb))
}

/// `sinchctl` with OAuth2 credentials pointed at the sandbox.
pub fn oauth(env: &Env, sb: &Listen) -> assert_cmd::Command {
    env.oauth("proj-1", "key-1", "key-secret-1", &base(sb))
}

/// The sandbox's NDJSON lines so far, each checked against
/// tests/schema/sandbox.schema.json (the contract of `sandbox --json`).
pub fn events(sb: &Listen) -> Vec<Value> {
    let validator = super::schema("sandbox.schema.json");
    sb.lines()
        .iter()
        .map(|l| {
            let v: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"));
            let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{errors:?} in {l}");
            v
        })
        .collect()
}

/// The sandbox's `callback` events so far.
pub fn callbacks(sb: &Listen) -> Vec<Value> {
    events(sb)
        .into_iter()
        .filter(|e| e["type"] == "callback")
        .collect()
}

/// Runs `send ARGS` with `cmd`; the batch id it printed.
pub fn send_ok(mut cmd: assert_cmd::Command, args: &[&str]) -> String {
    let out = cmd.arg("send").args(args).output().unwrap();
    assert!(out.status.success(), "send failed: {}", stderr_of(&out));
    stdout_of(&out).trim().to_owned()
}
