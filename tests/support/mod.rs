//! Test support: commands with a scrubbed environment and a private
//! config dir, an independent reference signer, and fixture access.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use base64::Engine as _;
use hmac::{KeyInit, Mac};

pub mod dashboard;
pub mod http;
pub mod listen;
pub mod sandbox;
pub mod sms_api;
pub mod vectors;

// Shared by the cli and browser test targets; each uses only some of these.
#[allow(unused_imports)]
pub use http::{
    Endpoint, Reply, Req, Resp, http, parse_reply, post_signed, post_signed_at, signature_nonce,
};
#[allow(unused_imports)]
pub use listen::{Finished, Listen};

/// Variables a user's shell may set that would change sinchctl's behaviour,
/// besides every setting's variable (taken from the settings table).
const SCRUB: &[&str] = &[
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "FORCE_COLOR",
    "TERM",
    "RUST_BACKTRACE",
    "SINCHCTL_CONFIG",
    "SINCHCTL_PROFILE",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
];

/// Every variable the scrubbed environment removes.
pub fn scrubbed_vars() -> impl Iterator<Item = &'static str> {
    SCRUB
        .iter()
        .copied()
        .chain(sinchctl::config::KEYS.iter().map(|k| k.env))
}

/// A private home for one test: its own config and cache directories.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Where sinchctl looks for its config by default in this environment.
    pub fn default_config_path(&self) -> PathBuf {
        self.dir.path().join("config/sinchctl/config.toml")
    }

    /// The binary with a scrubbed environment rooted in this test's dir.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// Like [`Env::cmd`] with extra environment variables: the one way tests fake a user's environment.
    pub fn cmd_with(&self, vars: &[(&str, &str)]) -> Command {
        let mut cmd = self.cmd();
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd
    }

    /// Like [`Env::cmd`], as a plain `std::process::Command` (for spawning).
    pub fn std_cmd(&self) -> std::process::Command {
        self.scrubbed(std::process::Command::new(bin()))
    }

    fn scrubbed(&self, mut cmd: std::process::Command) -> std::process::Command {
        for var in scrubbed_vars() {
            cmd.env_remove(var);
        }
        cmd.env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_CACHE_HOME", self.dir.path().join("cache"));
        cmd
    }

    /// Runs a documented command line as a user's shell would (`sh -c LINE`),
    /// with the binary first on PATH, this test's environment plus `vars`.
    pub fn shell(&self, line: &str, vars: &[(&str, &str)]) -> std::process::Output {
        let dir = bin().parent().expect("binary dir").to_path_buf();
        let path = format!(
            "{}:{}",
            dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut cmd = self.scrubbed(std::process::Command::new("sh"));
        cmd.arg("-c")
            .arg(line)
            .env("PATH", path)
            .envs(vars.iter().copied())
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run sh")
    }

    /// Starts `sinchctl listen --port 0 ARGS` and waits for its readiness line.
    pub fn listen(&self, args: &[&str]) -> Listen {
        self.listen_with(args, &[])
    }

    /// Like [`Env::listen`] with extra environment variables.
    pub fn listen_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Listen {
        let mut cmd = self.std_cmd();
        cmd.args(["listen", "--port", "0"])
            .args(args)
            .envs(vars.iter().copied());
        Listen::spawn(cmd)
    }

    /// Writes the default config file with the given mode.
    pub fn write_config(&self, text: &str, mode: u32) -> PathBuf {
        let path = self.default_config_path();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        set_mode(&path, mode);
        path
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// Commands carrying credentials, aimed at a fake or sandbox SMS API.
impl Env {
    /// The binary with service plan credentials (id and API token) and the
    /// SMS API at `base_url`.
    pub fn service_plan(&self, plan: &str, token: &str, base_url: &str) -> Command {
        self.cmd_with(&[
            ("SINCH_SERVICE_PLAN_ID", plan),
            ("SINCH_API_TOKEN", token),
            ("SINCH_SMS_BASE_URL", base_url),
        ])
    }

    /// The binary with OAuth2 credentials (project, key id, key secret), the
    /// SMS API at `base_url` and its token endpoint at `base_url/oauth2/token`.
    pub fn oauth(&self, project: &str, key_id: &str, key_secret: &str, base_url: &str) -> Command {
        self.cmd_with(&[
            ("SINCH_PROJECT_ID", project),
            ("SINCH_KEY_ID", key_id),
            ("SINCH_KEY_SECRET", key_secret),
            ("SINCH_SMS_BASE_URL", base_url),
            ("SINCH_AUTH_URL", &format!("{base_url}/oauth2/token")),
        ])
    }

    /// Runs `simulate ARGS --url URL` with `secret` as `SINCH_WEBHOOK_SECRET`.
    pub fn simulate(&self, secret: &str, url: &str, args: &[&str]) -> std::process::Output {
        self.cmd()
            .arg("simulate")
            .args(args)
            .args(["--url", url])
            .env("SINCH_WEBHOOK_SECRET", secret)
            .output()
            .unwrap()
    }

    /// Starts `listen --port 0 --json EXTRA` with `secret` as `SINCH_WEBHOOK_SECRET`.
    pub fn listen_json(&self, secret: &str, extra: &[&str]) -> Listen {
        let mut args = vec!["--json"];
        args.extend_from_slice(extra);
        self.listen_with(&args, &[("SINCH_WEBHOOK_SECRET", secret)])
    }
}

/// `config show --json` with ARGS before it and VARS set; its parsed output.
pub fn config_show_json(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> serde_json::Value {
    let out = env
        .cmd_with(vars)
        .args(args)
        .args(["config", "show", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A URL on 127.0.0.1 where nothing listens: a port bound, read back and
/// released (`http://127.0.0.1:PORT`, no trailing slash).
pub fn dead_url() -> String {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", closed.local_addr().unwrap())
}

/// Waits (up to 20 s) until `done` holds; panics naming `what` otherwise.
pub fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !done() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A validator for the JSON Schema `tests/schema/NAME` (an output contract).
pub fn schema(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/schema")
        .join(name);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("schema {}: {e}", path.display()));
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

/// Whether `script` (util-linux, for a pty) can run. In CI (`CI` set) a
/// missing tool fails the test instead of skipping it.
pub fn script_available() -> bool {
    let ok = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok();
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "`script` (util-linux) is missing in CI; pty tests cannot be skipped there"
    );
    if !ok {
        eprintln!("skipped: `script` (util-linux) is not installed");
    }
    ok
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_sinchctl"))
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

pub fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A fixture file's path.
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fixture file's bytes.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// The seed tutorial's recipe, written independently of sinchctl's code:
/// base64(HMAC-SHA256(secret, body + "." + nonce + "." + timestamp)).
pub fn reference_sign(secret: &str, body: &[u8], nonce: &str, timestamp: &str) -> String {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    let mut data = body.to_vec();
    data.extend_from_slice(format!(".{nonce}.{timestamp}").as_bytes());
    mac.update(&data);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

pub fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
