//! A fake Sinch SMS REST API on 127.0.0.1 for `send`/`status`/`report`/
//! `cancel` tests, and commands carrying the credentials it expects.

use serde_json::json;

use super::{Endpoint, Env, Req, Resp};

/// The service plan API token the send tests use.
pub const TOKEN: &str = "sp-api-token-abcdef123456";
/// The OAuth2 key secret the send tests use.
pub const KEY_SECRET: &str = "oauth-key-secret-zyx987654";

/// A 201 answer to a batch POST: the request echoed with an id and a creation time.
pub fn batch_answer(req: &Req) -> Resp {
    let mut v = req.json();
    v["id"] = json!("01JSENTBATCH0000000000000A");
    v["created_at"] = json!("2025-01-13T09:22:40.914Z");
    v["canceled"] = json!(false);
    Resp::json(201, v)
}

/// A fake API answering batch POSTs and OAuth token requests.
pub fn fake_api() -> Endpoint {
    Endpoint::serve(|r| {
        if r.path == "/oauth2/token" {
            Resp::json(
                200,
                json!({"access_token": format!("jwt-{}", r.n), "token_type": "bearer", "expires_in": 3600, "scope": ""}),
            )
        } else if r.method == "POST" && r.path.ends_with("/batches") {
            batch_answer(r)
        } else {
            Resp::status(404)
        }
    })
}

/// `sinchctl` with service plan `plan-123` and [`TOKEN`] in `region`, aimed at `api`.
pub fn sp_env(env: &Env, api: &Endpoint, region: &str) -> assert_cmd::Command {
    let mut cmd = env.service_plan("plan-123", TOKEN, &api.base());
    cmd.env("SINCH_REGION", region);
    cmd
}

/// `sinchctl` with OAuth2 credentials (project `proj-42`, [`KEY_SECRET`]) aimed at `api`.
pub fn oauth_env(env: &Env, api: &Endpoint) -> assert_cmd::Command {
    env.oauth("proj-42", "key-id-1", KEY_SECRET, &api.base())
}
