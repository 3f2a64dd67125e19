//! Test support: commands with a scrubbed environment and a private
//! config dir, an independent reference signer, and fixture access.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use base64::Engine as _;
use hmac::{KeyInit, Mac};

/// Variables a user's shell may set that would change sinchctl's behaviour.
const SCRUB: &[&str] = &[
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "FORCE_COLOR",
    "TERM",
    "RUST_BACKTRACE",
    "SINCHCTL_CONFIG",
    "SINCHCTL_PROFILE",
    "SINCH_PROJECT_ID",
    "SINCH_KEY_ID",
    "SINCH_KEY_SECRET",
    "SINCH_SERVICE_PLAN_ID",
    "SINCH_API_TOKEN",
    "SINCH_REGION",
    "SINCH_FROM",
    "SINCH_WEBHOOK_SECRET",
    "SINCH_SMS_BASE_URL",
    "SINCH_AUTH_URL",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
];

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
        let mut cmd = Command::new(bin());
        for var in SCRUB {
            cmd.env_remove(var);
        }
        cmd.env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_CACHE_HOME", self.dir.path().join("cache"));
        cmd
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
