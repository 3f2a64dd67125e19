//! Rendering SMS API error answers with a hint for each common status.

use serde::Deserialize;

/// The SMS API error body (`{code, text}`).
#[derive(Debug, Deserialize)]
struct ApiError {
    code: Option<String>,
    text: Option<String>,
}

/// Who was asking where, for the hints.
#[derive(Debug, Clone, Copy)]
pub struct Asker<'a> {
    /// The auth mode's description.
    pub mode: &'a str,
    /// The service plan or project id.
    pub id: &'a str,
    /// The SMS host.
    pub base: &'a str,
}

/// Renders an HTTP error with a hint for the common ones.
pub fn render_error(status: u16, body: &str, who: Asker<'_>) -> String {
    let parsed: Option<ApiError> = serde_json::from_str(body).ok();
    let detail = match &parsed {
        Some(ApiError {
            code: Some(c),
            text: Some(t),
        }) => format!("{c}: {t}"),
        Some(ApiError {
            code: None,
            text: Some(t),
        }) => t.clone(),
        _ if body.trim().is_empty() => "(empty body)".to_owned(),
        _ => body.chars().take(300).collect(),
    };
    let Asker { mode, id, base } = who;
    let hint = match status {
        401 => format!(
            "the credentials were refused: used {mode} for {id} at {base}; check the token/key and that the region matches the account"
        ),
        403 => "the request is valid but not allowed for this account (unknown group, sender or campaign, missing callback URL)".to_owned(),
        400 if parsed.as_ref().and_then(|p| p.code.as_deref()).is_some_and(|c| c.starts_with("conflict")) => {
            "the batch is not in a state that allows this (already sent or cancelled); see `sinchctl status ID`".to_owned()
        }
        400 => "the API rejected the request as sent; the text above names the field".to_owned(),
        404 => format!(
            "not found: the batch id does not exist, or the region/host ({base}) does not match where {id} lives"
        ),
        429 => "too many requests: slow down and retry later".to_owned(),
        500..=599 => "Sinch had a server error; the request may or may not have been processed (check with `sinchctl status` before resending)".to_owned(),
        _ => String::new(),
    };
    if hint.is_empty() {
        format!("SMS API answered {status}: {detail}")
    } else {
        format!("SMS API answered {status}: {detail}\nhint: {hint}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_rendering_has_hints() {
        let who = Asker {
            mode: "service plan + API token",
            id: "plan",
            base: "https://eu.sms.api.sinch.com",
        };
        let e = render_error(
            400,
            r#"{"code":"syntax_invalid_parameter_format","text":"'foo' is not a valid identifier"}"#,
            who,
        );
        assert!(e.contains("400") && e.contains("not a valid identifier"));
        let e = render_error(401, "", who);
        assert!(
            e.contains("service plan") && e.contains("eu.sms.api.sinch.com"),
            "{e}"
        );
        assert!(render_error(404, "", who).contains("region"));
        let conflict = r#"{"code":"conflict_send_at","text":"Batch B has already been cancelled"}"#;
        assert!(render_error(400, conflict, who).contains("not in a state"));
        assert!(render_error(429, "", who).contains("slow down"));
        assert!(render_error(503, "oops", who).contains("may or may not"));
    }
}
