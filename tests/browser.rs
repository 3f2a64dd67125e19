//! The dashboard in real headless Chromium, driven over WebDriver
//! (chromedriver + fantoccini). Not part of plain `cargo test`: run it with
//! `cargo test --locked --test browser` (`.ci/run` does, after installing
//! Debian's `chromium` and `chromium-driver` when missing).
//!
//! It loads `listen --ui`, watches a `simulate` callback appear without a
//! reload, sees a rejected one with its reason, sends a batch from the form
//! to `sinchctl sandbox` (which posts signed delivery reports back), waits
//! for the final status and its history, opens a request (headers, curl,
//! replay), checks the browser console and writes screenshots (1280×800
//! light, narrow dark) to `target/browser-test/`.

mod support;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use support::dashboard::{Dash, free_port};
use support::{Env, Listen};

const SECRET: &str = "browser-secret-0123456789";
const PLAN: &str = "plan-browser";

/// A chromedriver process, killed on drop.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find_program(names: &[&str]) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in names {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!(
        "none of {names:?} on PATH; install Debian's chromium and chromium-driver (.ci/run does)"
    )
}

fn start_driver() -> Driver {
    let port = free_port();
    let child = Command::new(find_program(&["chromedriver"]))
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    driver
}

async fn open_browser(driver: &Driver, profile: &std::path::Path) -> Client {
    let chromium = find_program(&["chromium", "chromium-browser"]);
    let args = [
        "--headless=new".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--window-size=1280,800".to_owned(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": chromium, "args": args },
        "goog:loggingPrefs": { "browser": "ALL" }
    });
    let Value::Object(caps) = caps else {
        unreachable!()
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a WebDriver session in headless Chromium")
}

/// A chromedriver extension endpoint of the current session, sent through
/// fantoccini's command interface.
#[derive(Debug)]
struct Extension {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for Extension {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or(""),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// The browser console's entries so far (chromedriver's log endpoint).
async fn console(client: &Client) -> Vec<Value> {
    let log = client
        .issue_cmd(Extension {
            path: "se/log",
            body: json!({ "type": "browser" }),
        })
        .await
        .expect("browser log");
    log.as_array().cloned().unwrap_or_default()
}

/// Waits (up to 20 s) until the element's text contains `needle`.
async fn wait_text(client: &Client, css: &str, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = match client.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if text.contains(needle) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "{css} never showed {needle:?}; last text: {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Runs copied shell text with `sinchctl` on the PATH and the webhook secret
/// in the environment; stdout and stderr together.
fn run_pasted(text: &str) -> String {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_sinchctl"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let home = tempfile::tempdir().unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg(text)
        .env("PATH", path)
        .env("HOME", home.path())
        .env_remove("SINCHCTL_CONFIG")
        .env("SINCH_WEBHOOK_SECRET", SECRET)
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// `sinchctl sandbox` as the SMS API, signing its callbacks with the listen secret.
fn start_sandbox(env: &Env) -> Listen {
    let mut cmd = env.std_cmd();
    cmd.args([
        "sandbox", "--port", "0", "--speed", "100", "--secret", SECRET,
    ]);
    Listen::spawn(cmd)
}

fn simulate(env: &Env, url: &str, secret: &str) {
    let out = env
        .std_cmd()
        .args(["simulate", "--url", url, "--secret", secret])
        .output()
        .unwrap();
    let _ = out; // the wrong-secret run exits 7 by design; the page is what is checked
}

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map(|p| p.join("browser-test"))
        .unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The body's computed background and text colours, as `rgb(...)` strings.
async fn page_colours(client: &Client) -> (String, String) {
    let v = client
        .execute(
            "const s = getComputedStyle(document.body); return [s.backgroundColor, s.color];",
            vec![],
        )
        .await
        .unwrap();
    let text = |i: usize| v[i].as_str().unwrap_or_default().to_owned();
    (text(0), text(1))
}

/// The relative luminance (0 to 255) of an `rgb(r, g, b)` or `rgba(...)` string.
fn luminance(colour: &str) -> f64 {
    let parts: Vec<f64> = colour
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .filter_map(|p| p.trim().parse().ok())
        .collect();
    match parts.as_slice() {
        [r, g, b, ..] => 0.2126 * r + 0.7152 * g + 0.0722 * b,
        _ => panic!("not an rgb colour: {colour:?}"),
    }
}

async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("screenshot");
    let path = out_dir().join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

async fn check_live_callbacks(client: &Client, env: &Env, listen_url: &str) {
    wait_text(client, "#conn", "live").await;
    simulate(env, listen_url, SECRET);
    let row = wait_text(client, "#messages tbody tr[data-class]", "Delivered").await;
    assert!(row.contains("46700000001"), "{row}");
    simulate(env, listen_url, "a-different-secret");
    let rejected = wait_text(
        client,
        "#requests tbody tr[data-verdict=\"rejected\"]",
        "signature mismatch",
    )
    .await;
    assert!(rejected.contains("401"), "{rejected}");
}

async fn check_send_form(client: &Client, listen_url: &str) {
    let form = client.form(Locator::Css("#send-form")).await.unwrap();
    form.set(Locator::Css("#send-to"), "+46700000008")
        .await
        .unwrap();
    form.set(Locator::Css("#send-body"), "hello from the browser test")
        .await
        .unwrap();
    form.set(Locator::Css("#send-callback"), listen_url)
        .await
        .unwrap();
    form.set(Locator::Css("#send-ref"), "browser-1")
        .await
        .unwrap();
    client
        .find(Locator::Css("#send-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let result = wait_text(client, "#send-result", "sent to 1 recipient").await;
    let batch = result
        .split_whitespace()
        .nth(1)
        .expect("batch id in the result")
        .to_owned();
    let row_css = format!("#messages tbody tr[data-key=\"{batch} 46700000008\"]");
    let row = wait_text(client, &row_css, "Delivered").await;
    assert!(row.contains("browser-1"), "{row}");
    let class = client
        .find(Locator::Css(&row_css))
        .await
        .unwrap()
        .attr("data-class")
        .await
        .unwrap();
    assert_eq!(class.as_deref(), Some("success"));
    // Expand the status history: Dispatched then Delivered.
    client
        .find(Locator::Css(&row_css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let history = wait_text(client, "tr.history", "Delivered").await;
    assert!(history.contains("received"), "{history}");
}

async fn check_request_detail(client: &Client) {
    client
        .find(Locator::Css(
            "#requests tbody tr[data-verdict=\"verified\"]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_text(client, "#detail-headers", "x-sinch-webhook-signature").await;
    // The raw body as it arrived (compact JSON), not a re-formatted copy.
    wait_text(
        client,
        "#detail-body",
        "\"type\":\"recipient_delivery_report_sms\"",
    )
    .await;
    wait_text(client, "#detail-curl", "sinchctl sign --format curl").await;
    // The exact text the copy button copies, run as a user would paste it.
    let curl = client
        .execute(
            "return document.getElementById('detail-curl').textContent",
            vec![],
        )
        .await
        .unwrap();
    let curl = curl.as_str().unwrap_or_default();
    assert!(curl.contains("curl -sS -X POST"), "{curl}");
    let ran = run_pasted(curl);
    assert!(
        ran.contains("replayed nonce") && ran.contains("HTTP/1.1 200"),
        "as received: refused as a replay; freshly signed: accepted. Got: {ran}"
    );
    client
        .find(Locator::Css("#replay-listen"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_text(client, "#detail-result", "200").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_in_headless_chromium() {
    let env = Env::new();
    let sandbox = start_sandbox(&env);
    let base = format!("http://{}", sandbox.addr());
    let mut cmd = ui_listen(&env);
    cmd.env("SINCH_SERVICE_PLAN_ID", PLAN)
        .env("SINCH_API_TOKEN", "browser-api-token-secret")
        .env("SINCH_SMS_BASE_URL", &base);
    let listen = Listen::spawn(cmd);
    let dash = Dash::of(&listen);
    let listen_url = format!("http://{}/", listen.addr());

    let driver = start_driver();
    let profile = tempfile::tempdir().unwrap();
    let client = open_browser(&driver, profile.path()).await;
    client
        .goto(&format!("http://{}/", dash.addr))
        .await
        .unwrap();

    // A marker on the page's window survives only if the page is never reloaded.
    client
        .execute("window.sinchctlMarker = 'kept'; return true", vec![])
        .await
        .unwrap();
    check_live_callbacks(&client, &env, &listen_url).await;
    check_send_form(&client, &listen_url).await;
    check_request_detail(&client).await;
    let marker = client
        .execute("return window.sinchctlMarker || 'reloaded'", vec![])
        .await
        .unwrap();
    assert_eq!(
        marker,
        json!("kept"),
        "the page reloaded instead of updating live"
    );
    screenshot(&client, "dashboard-1280x800.png").await;
    let light = page_colours(&client).await;

    client
        .issue_cmd(Extension {
            path: "goog/cdp/execute",
            body: json!({"cmd": "Emulation.setEmulatedMedia",
                         "params": {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}}),
        })
        .await
        .unwrap();
    let dark = page_colours(&client).await;
    assert_ne!(light, dark, "dark mode changes the page's colours");
    assert!(
        luminance(&dark.0) < luminance(&light.0) && luminance(&dark.1) > luminance(&dark.0),
        "dark mode: a darker background with lighter text: light {light:?}, dark {dark:?}"
    );
    client.set_window_size(480, 900).await.unwrap();
    screenshot(&client, "dashboard-narrow-dark.png").await;
    let overflow = client
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        overflow.as_i64().is_some_and(|px| px <= 0),
        "no sideways scrolling in a 480 px window: {overflow}px too wide"
    );

    let source = client.source().await.unwrap();
    assert!(!source.contains(SECRET) && !source.contains("browser-api-token-secret"));
    // A probe proves the console log is really collected, so "no errors" means something.
    client
        .execute("console.warn('sinchctl-probe')", vec![])
        .await
        .unwrap();
    let log = console(&client).await;
    assert!(
        log.iter()
            .any(|e| e["message"].to_string().contains("sinchctl-probe")),
        "the console log is not collected: {log:#?}"
    );
    let errors: Vec<&Value> = log
        .iter()
        .filter(|e| e["level"] == "SEVERE" || e["level"] == "WARNING")
        .filter(|e| !e["message"].to_string().contains("sinchctl-probe"))
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    check_send_disabled_without_credentials(&client, &env).await;
    client.close().await.unwrap();
    drop(listen);
    drop(sandbox);
}

/// `listen --ui` on free loopback ports with the test's webhook secret.
fn ui_listen(env: &Env) -> std::process::Command {
    let mut cmd = env.std_cmd();
    cmd.args([
        "listen",
        "--port",
        "0",
        "--ui",
        "--ui-port",
        "0",
        "--no-ngrok",
    ])
    .env("SINCH_WEBHOOK_SECRET", SECRET);
    cmd
}

/// A listen with no SMS credentials shows the send form disabled, with the reason.
async fn check_send_disabled_without_credentials(client: &Client, env: &Env) {
    let bare = Listen::spawn(ui_listen(env));
    let dash = Dash::of(&bare);
    client
        .goto(&format!("http://{}/", dash.addr))
        .await
        .unwrap();
    let notice = wait_text(client, "#send-disabled", "Sending is off").await;
    assert!(notice.to_lowercase().contains("credentials"), "{notice}");
    let submit = client.find(Locator::Css("#send-submit")).await.unwrap();
    assert_eq!(
        submit.prop("disabled").await.unwrap().as_deref(),
        Some("true")
    );
    drop(bare);
}
