//! The SMS API operations sinchctl uses, as typed calls on
//! [`Client`]: send, dry run, get, cancel, list, and the delivery reports.

use anyhow::Result;
use reqwest::Method;
use serde_json::Value;

use super::batch::{SendBatch, msisdn};
use super::client::Client;
use super::errors::render_error;
use crate::error::AppError;

impl Client {
    /// `POST /batches`: returns the batch id and the API's answer.
    pub async fn send_batch(&self, batch: &SendBatch) -> Result<(String, Value)> {
        let payload = serde_json::to_value(batch)?;
        let v = self
            .json(Method::POST, &self.url("/batches"), Some(&payload))
            .await?;
        let id = v["id"].as_str().map(str::to_owned).ok_or_else(|| {
            AppError::Remote(format!(
                "the SMS API accepted the batch but its answer has no id: {v}"
            ))
        })?;
        Ok((id, v))
    }

    /// `POST /batches/dry_run` with per-recipient detail for up to 100 recipients.
    pub async fn dry_run(&self, batch: &SendBatch) -> Result<Value> {
        let payload = serde_json::to_value(batch)?;
        let url = format!(
            "{}?per_recipient=true&number_of_recipients={}",
            self.url("/batches/dry_run"),
            batch.to.len().min(100)
        );
        self.json(Method::POST, &url, Some(&payload)).await
    }

    /// `GET /batches/{id}`.
    pub async fn batch(&self, id: &str) -> Result<Value> {
        self.json(Method::GET, &self.url(&format!("/batches/{id}")), None)
            .await
    }

    /// `DELETE /batches/{id}`.
    pub async fn cancel(&self, id: &str) -> Result<Value> {
        self.json(Method::DELETE, &self.url(&format!("/batches/{id}")), None)
            .await
    }

    /// `GET /batches?page_size=N`: the harmless authenticated request of `config check`.
    pub async fn list_batches(&self, page_size: u32) -> Result<Value> {
        let url = format!("{}?page=0&page_size={page_size}", self.url("/batches"));
        self.json(Method::GET, &url, None).await
    }

    /// The full delivery report, or one recipient's.
    pub async fn report(&self, id: &str, recipient: Option<&str>) -> Result<Value> {
        let path = match recipient {
            Some(r) => format!("/batches/{id}/delivery_report/{}", msisdn(r)),
            None => format!("/batches/{id}/delivery_report?type=full"),
        };
        self.json(Method::GET, &self.url(&path), None).await
    }

    /// The full delivery report while waiting: `None` while it does not
    /// exist yet (404 until Sinch has processed the batch).
    pub async fn poll_report(&self, id: &str) -> Result<Option<Value>> {
        let url = self.url(&format!("/batches/{id}/delivery_report?type=full"));
        let answer = self.call(Method::GET, &url, None).await?;
        match answer.status {
            200 => Ok(Some(
                serde_json::from_str(&answer.body).unwrap_or(Value::Null),
            )),
            404 => Ok(None),
            s => Err(AppError::Remote(render_error(s, &answer.body, self.asker())).into()),
        }
    }
}
