//! The two things the page can make happen: send a batch through the SMS
//! client `sinchctl send` uses, and replay a kept request, freshly signed,
//! to `listen` itself or to the forward target.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretSlice};
use serde::{Deserialize, Serialize};

use crate::dashboard::hub::Hub;
use crate::simulate::resend::{self, Recorded};
use crate::sms::{self, Client};
use crate::webhook::signature;

/// The delivery report types the form offers (the SMS API's names).
pub const REPORT_TYPES: [&str; 5] = [
    "none",
    "summary",
    "full",
    "per_recipient",
    "per_recipient_final",
];

/// Most recipients in one batch.
const MAX_RECIPIENTS: usize = 1000;

/// Whether and how the page can send.
pub enum Sending {
    /// Ready, with the client and the default sender.
    Ready {
        /// The SMS client (credentials stay here, never reach the page).
        client: Client,
        /// The originator from config, if any.
        from: Option<String>,
    },
    /// Not possible; the reason shown on the form.
    Disabled(String),
}

/// What the send form posts.
#[derive(Debug, Deserialize)]
pub struct SendForm {
    /// Recipients separated by commas, spaces or new lines.
    pub to: String,
    /// Message text.
    pub body: String,
    /// Delivery report type.
    #[serde(default)]
    pub delivery_report: Option<String>,
    /// Callback URL for this batch.
    #[serde(default)]
    pub callback_url: Option<String>,
    /// Client reference.
    #[serde(default)]
    pub client_reference: Option<String>,
}

/// The answer to a send.
#[derive(Debug, Serialize)]
pub struct Sent {
    /// The new batch's id.
    pub batch_id: String,
    /// Its recipients, normalised.
    pub to: Vec<String>,
}

/// What the replay button posts.
#[derive(Debug, Deserialize)]
pub struct ReplayForm {
    /// The request's id on the page.
    pub id: u64,
    /// `listen` or `forward`.
    pub target: String,
}

/// The answer to a replay.
#[derive(Debug, Serialize)]
pub struct Replayed {
    /// Where it went.
    pub url: String,
    /// The status that came back.
    pub status: u16,
    /// The first bytes of the answer.
    pub answer: String,
}

/// An action that failed: status for the page and what went wrong.
#[derive(Debug)]
pub struct Failed(pub u16, pub String);

fn bad(msg: impl Into<String>) -> Failed {
    Failed(400, msg.into())
}

/// Sends one batch from the form and shows it on the page at once.
pub async fn send(sending: &Sending, hub: &Hub, form: SendForm) -> Result<Sent, Failed> {
    let (client, from) = match sending {
        Sending::Ready { client, from } => (client, from),
        Sending::Disabled(why) => return Err(Failed(409, why.clone())),
    };
    let to = form
        .to
        .split([',', ' ', '\n', '\r', '\t', ';'])
        .filter(|t| !t.trim().is_empty())
        .map(|t| sms::e164(t).map_err(bad))
        .collect::<Result<Vec<_>, _>>()?;
    if to.is_empty() || to.len() > MAX_RECIPIENTS {
        return Err(bad(format!(
            "a batch has 1 to {MAX_RECIPIENTS} recipients; got {}",
            to.len()
        )));
    }
    if form.body.is_empty() {
        return Err(bad("the message body is empty"));
    }
    let report = match nonempty(form.delivery_report) {
        None => None,
        Some(r) => Some(
            REPORT_TYPES
                .into_iter()
                .find(|t| *t == r)
                .ok_or_else(|| bad(format!("unknown delivery report type {r:?}")))?,
        ),
    };
    let callback_url = nonempty(form.callback_url);
    if let Some(u) = &callback_url
        && !reqwest::Url::parse(u).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
    {
        return Err(bad(format!("callback URL {u:?} is not an http(s) URL")));
    }
    let client_reference = nonempty(form.client_reference);
    let batch = sms::SendBatch {
        from: from.clone(),
        delivery_report: report,
        callback_url,
        client_reference: client_reference.clone(),
        ..sms::SendBatch::text(to.clone(), form.body)
    };
    let (batch_id, _) = client
        .send_batch(&batch)
        .await
        .map_err(|e| Failed(502, format!("{e:#}")))?;
    hub.sent(&batch_id, &to, client_reference.as_deref());
    Ok(Sent { batch_id, to })
}

fn nonempty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Where replays may go and how they are signed (`Debug` hides the secret).
#[derive(Debug)]
pub struct Replay {
    /// `listen` itself (its own URL with --path).
    pub listen_url: String,
    /// The --forward-to target, if any (it may carry credentials: never shown as is).
    pub forward_to: Option<reqwest::Url>,
    /// The webhook secret; `None` with --no-verify (replays go unsigned).
    pub secret: Option<SecretSlice<u8>>,
    /// The client used for replays.
    pub http: reqwest::Client,
}

impl Replay {
    /// A replayer with its own short-timeout client.
    pub fn new(
        listen_url: String,
        forward_to: Option<reqwest::Url>,
        secret: Option<SecretSlice<u8>>,
    ) -> anyhow::Result<Self> {
        Ok(Replay {
            listen_url,
            forward_to,
            secret,
            http: crate::sms::http::http_client(Duration::from_secs(15))?,
        })
    }

    /// Resends a kept request's exact body with a fresh nonce and timestamp.
    pub async fn run(&self, hub: &Hub, form: ReplayForm) -> Result<Replayed, Failed> {
        let url = match form.target.as_str() {
            "listen" => reqwest::Url::parse(&self.listen_url)
                .map_err(|e| Failed(500, format!("bad listen URL: {e}")))?,
            "forward" => self
                .forward_to
                .clone()
                .ok_or_else(|| Failed(409, "listen has no --forward-to target".into()))?,
            other => return Err(bad(format!("unknown replay target {other:?}"))),
        };
        let detail = hub
            .request(form.id)
            .ok_or_else(|| Failed(404, format!("request {} is no longer kept", form.id)))?;
        // The same preparation as `sinchctl replay`: the original headers
        // minus hop-by-hop ones, and a fresh signature when listen verifies.
        let recorded = Recorded {
            index: 0,
            path: detail.row.verdict.path.clone(),
            headers: detail.headers.clone(),
            body: detail.raw.to_vec(),
        };
        let prepared = match &self.secret {
            Some(secret) => {
                let now = jiff::Timestamp::now().as_second();
                let secret = secret.expose_secret();
                resend::fresh(&recorded, &detail.raw, secret, &signature::new_nonce(), now)
            }
            None => resend::verbatim(&recorded, &detail.raw),
        };
        let mut req = self.http.post(url.clone()).body(prepared.body);
        for (name, value) in &prepared.headers {
            req = req.header(name, value);
        }
        // The forward target may carry credentials; they never reach the page.
        let shown = crate::listen::display_url(&url);
        let resp = req.send().await.map_err(|e| {
            let cause = crate::sms::http::root_cause(&e);
            Failed(502, format!("{shown} did not answer: {cause}"))
        })?;
        let status = resp.status().as_u16();
        let body = resp.bytes().await.unwrap_or_default();
        Ok(Replayed {
            url: shown,
            status,
            answer: crate::listen::view::preview(body.trim_ascii_end(), 200),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_replay_secret() {
        let secret = b"s3cr3t-XYZ".to_vec();
        let replay = Replay::new("http://127.0.0.1:1/".into(), None, Some(secret.into())).unwrap();
        let shown = format!("{replay:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        // Nor as the bytes a derived Debug of a Vec<u8> would print.
        assert!(!shown.contains("115, 51"), "{shown}");
        assert!(shown.contains("secret"), "{shown}");
    }
}
