//! The sandbox: an offline Sinch SMS REST API on 127.0.0.1 (batches, reports,
//! cancel, dry run, OAuth2 tokens) that sends real signed callbacks with
//! Sinch's retry policy. A component: [`Sandbox::start`] it, read
//! [`Sandbox::local_addr`], and [`Sandbox::shutdown`] it.

mod api;
mod batches;
pub mod event;
pub mod outcome;
mod scheduler;
pub mod store;
pub mod token;
pub mod tour;
pub mod validate;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context as _, Result};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use secrecy::{SecretSlice, SecretString};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use event::{Event, Next, Sink};
pub use outcome::TABLE as OUTCOME_TABLE;

/// Credentials the sandbox requires instead of accepting any (secrets in
/// redacting types).
#[derive(Clone)]
pub enum Credential {
    /// A service plan id and its API token.
    ServicePlan {
        /// Service plan id.
        id: String,
        /// API token.
        token: SecretString,
    },
    /// A project id and one of its access keys.
    Project {
        /// Project id.
        project_id: String,
        /// Access key id.
        key_id: String,
        /// Access key secret.
        key_secret: SecretString,
    },
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credential::ServicePlan { id, .. } => write!(f, "ServicePlan({id}, <redacted>)"),
            Credential::Project {
                project_id, key_id, ..
            } => write!(f, "Project({project_id}, {key_id}, <redacted>)"),
        }
    }
}

impl std::str::FromStr for Credential {
    type Err = String;

    /// `service-plan=ID:TOKEN` or `project=PROJECT_ID:KEY_ID:KEY_SECRET`.
    fn from_str(text: &str) -> Result<Self, String> {
        let hint = "write service-plan=ID:TOKEN or project=PROJECT_ID:KEY_ID:KEY_SECRET";
        let (kind, rest) = text.split_once('=').ok_or_else(|| hint.to_owned())?;
        let parts: Vec<&str> = rest.splitn(3, ':').collect();
        let filled = parts.iter().all(|p| !p.is_empty());
        match (kind, parts.as_slice()) {
            ("service-plan", [id, token]) if filled => Ok(Credential::ServicePlan {
                id: (*id).to_owned(),
                token: SecretString::from(*token),
            }),
            ("project", [project, key, secret]) if filled => Ok(Credential::Project {
                project_id: (*project).to_owned(),
                key_id: (*key).to_owned(),
                key_secret: SecretString::from(*secret),
            }),
            _ => Err(hint.to_owned()),
        }
    }
}

/// How a sandbox behaves; fixed for its lifetime.
#[derive(Clone)]
pub struct Config {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// HMAC secret that signs callbacks; `None` sends them unsigned.
    pub secret: Option<SecretSlice<u8>>,
    /// The service plan's default callback URL (batches without `callback_url`, inbound).
    pub callback_url: Option<String>,
    /// Time runs this many times faster than Sinch's (status steps and retry delays).
    pub speed: f64,
    /// Lifetime of issued OAuth2 tokens.
    pub token_ttl: Duration,
    /// Credentials to require; empty accepts any.
    pub credentials: Vec<Credential>,
    /// Most batches kept (the oldest finished one makes room).
    pub max_batches: usize,
    /// Most callbacks waiting to be sent (retries included).
    pub max_pending: usize,
    /// Time a receiver gets to answer one callback.
    pub callback_timeout: Duration,
    /// Receives one event per API call and callback attempt.
    pub sink: Sink,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("port", &self.port)
            .field("secret", &self.secret.as_ref().map(|_| "<redacted>"))
            .field("callback_url", &self.callback_url)
            .field("speed", &self.speed)
            .field("token_ttl", &self.token_ttl)
            .field("credentials", &self.credentials)
            .field("max_batches", &self.max_batches)
            .field("max_pending", &self.max_pending)
            .finish_non_exhaustive()
    }
}

/// Shared by the API handlers and the callback scheduler.
pub(crate) struct State {
    store: Mutex<store::Store>,
    queue: scheduler::Queue,
    issuer: token::Issuer,
    secret: Option<SecretSlice<u8>>,
    callback_url: Option<String>,
    speed: f64,
    credentials: Vec<Credential>,
    client: reqwest::Client,
    sink: Sink,
}

/// A running sandbox.
pub struct Sandbox {
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    server: JoinHandle<()>,
    scheduler: JoinHandle<usize>,
}

/// What a stopped sandbox left behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped {
    /// Callbacks that were still waiting (not sent).
    pub pending: usize,
}

impl Sandbox {
    /// Binds 127.0.0.1 and starts serving and sending callbacks.
    pub async fn start(cfg: Config) -> Result<Sandbox> {
        if !(cfg.speed.is_finite() && cfg.speed >= 0.01 && cfg.speed <= 10_000.0) {
            anyhow::bail!("sandbox speed {} is outside 0.01 to 10000", cfg.speed);
        }
        let listener = TcpListener::bind(("127.0.0.1", cfg.port))
            .await
            .with_context(|| {
                format!(
                    "cannot listen on 127.0.0.1:{}; is another program using the port? pick another with --port, or --port 0 for any free one",
                    cfg.port
                )
            })?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State {
            store: Mutex::new(store::Store::new(cfg.max_batches)),
            queue: scheduler::Queue::new(cfg.max_pending),
            issuer: token::Issuer::new(cfg.token_ttl.as_secs().max(1) as i64),
            secret: cfg.secret,
            callback_url: cfg.callback_url,
            speed: cfg.speed,
            credentials: cfg.credentials,
            client: crate::sms::http::http_client(cfg.callback_timeout)?,
            sink: cfg.sink,
        });
        let (stop, stopped) = watch::channel(false);
        let server = tokio::spawn(serve(listener, state.clone(), stopped.clone()));
        let scheduler = tokio::spawn(scheduler::run(state.clone(), stopped));
        Ok(Sandbox {
            addr,
            stop,
            server,
            scheduler,
        })
    }

    /// The SMS API base URL to point sinchctl (or an SDK) at.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The OAuth2 token URL.
    pub fn auth_url(&self) -> String {
        format!("http://{}/oauth2/token", self.addr)
    }

    /// Stops accepting requests, drops pending callbacks and aborts those in flight.
    pub async fn shutdown(self) -> Stopped {
        let _ = self.stop.send(true);
        let pending = self.scheduler.await.unwrap_or(0);
        let _ = self.server.await;
        Stopped { pending }
    }
}

/// Most connections served at once; more wait in the kernel's backlog.
const MAX_CONNECTIONS: usize = 256;

/// Accepts connections until `stop`, then lets requests in flight finish (up to 2 s).
async fn serve(listener: TcpListener, state: Arc<State>, mut stop: watch::Receiver<bool>) {
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(10));
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot,
            _ = stop.changed() => break,
        };
        let Ok(slot) = slot else { break };
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    // Out of descriptors or a reset before accept: back off, keep serving.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                };
                let state = state.clone();
                let svc = service_fn(move |req| api::handle(state.clone(), req));
                let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), svc));
                tokio::spawn(async move {
                    let _ = conn.await;
                    drop(slot);
                });
            }
            _ = stop.changed() => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(2), graceful.shutdown()).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn credentials_parse_and_never_show_secrets() {
        let c: Credential = "service-plan=plan:tok-secret".parse().unwrap();
        assert!(!format!("{c:?}").contains("tok-secret"));
        let p: Credential = "project=proj:key:sec:ret".parse().unwrap();
        let Credential::Project {
            project_id,
            key_id,
            key_secret,
        } = &p
        else {
            panic!("not a project credential: {p:?}");
        };
        assert_eq!((project_id.as_str(), key_id.as_str()), ("proj", "key"));
        assert_eq!(key_secret.expose_secret(), "sec:ret");
        assert!(!format!("{p:?}").contains("sec:ret"));
        for bad in [
            "plan:tok",
            "service-plan=plan",
            "project=a:b",
            "service-plan=:x",
            "x=a:b",
        ] {
            assert!(bad.parse::<Credential>().is_err(), "{bad}");
        }
    }
}
