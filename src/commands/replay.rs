//! `sinchctl replay`: resend callbacks recorded by `listen --record` (or a raw
//! HTTP capture) to an endpoint, freshly signed or verbatim, and check each answer.

use anyhow::{Context as _, Result};
use secrecy::{ExposeSecret, SecretSlice};

use crate::cli::ReplayArgs;
use crate::commands::Ctx;
use crate::error::{Exit, usage};
use crate::simulate::resend::{self, Select};
use crate::simulate::transport::now_unix;
use crate::simulate::{Expect, Outcome, Sender, view};
use crate::webhook::signature::new_nonce;

/// The largest record file `replay` reads.
const MAX_FILE: u64 = 256 << 20;

/// Runs `sinchctl replay`.
pub async fn run(ctx: &Ctx, args: ReplayArgs) -> Result<Exit> {
    let bytes = read_capped(&args.file)?;
    let select = match (&args.index, &args.id, args.all) {
        (Some(i), _, _) => Select::Index(*i),
        (_, Some(id), _) => Select::Id(id.clone()),
        (_, _, true) => Select::All,
        _ => Select::Only,
    };
    let where_ = args.file.display();
    let records = resend::read(&bytes).map_err(|e| usage(format!("cannot use {where_}: {e}")))?;
    let records = resend::choose(records, &select).map_err(|e| usage(format!("{where_}: {e}")))?;
    let secret: SecretSlice<u8> = if args.verbatim {
        Vec::new().into()
    } else {
        let (secret, _) = ctx.webhook_secret(args.secret.secret.as_ref())?;
        secret.expose_secret().as_bytes().to_vec().into()
    };
    let default_url =
        url::Url::parse("http://127.0.0.1:8080/").context("internal error: default URL")?;
    let base = args.url.clone().unwrap_or_else(|| default_url.clone());
    let sender = Sender::new(base.clone(), secret.clone(), args.timeout)?;
    let expect = args.expect.unwrap_or(if args.verbatim {
        Expect::Class(4)
    } else {
        Expect::Class(2)
    });
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(records.len());
    for r in &records {
        let body = if args.edits.is_empty() {
            r.body.clone()
        } else {
            resend::edit(&r.body, &args.edits)
                .map_err(|e| usage(format!("record {}: {e}", r.index)))?
        };
        let p = if args.verbatim {
            resend::verbatim(r, &body)
        } else {
            resend::fresh(r, &body, secret.expose_secret(), &new_nonce(), now_unix())
        };
        let url = match &args.url {
            Some(u) => u.clone(),
            None => local_url(&default_url, &r.path),
        };
        let a = sender.send_to(&url, &p).await;
        let o = Outcome {
            label: format!(
                "{}{}",
                r.label_for(&body),
                if args.verbatim { " (verbatim)" } else { "" }
            ),
            status: a.status,
            latency: a.latency,
            expect,
            error: a.error,
            silence: a.silence,
            nonce: p.nonce,
        };
        view::outcome(&ctx.ui, args.json, &o);
        outcomes.push(o);
    }
    view::verdict(&outcomes)?;
    Ok(Exit::Ok)
}

/// `base` with the recorded path and query; set piecewise so that a path like
/// `//host/x` can never point the request at another host.
fn local_url(base: &url::Url, recorded: &str) -> url::Url {
    let (path, query) = recorded.split_once('?').unwrap_or((recorded, ""));
    let mut u = base.clone();
    u.set_path(path);
    u.set_query((!query.is_empty()).then_some(query));
    u
}

/// Reads the file (or stdin for `-`), refusing one larger than MAX_FILE.
fn read_capped(path: &std::path::Path) -> Result<Vec<u8>> {
    let reader = crate::input::open_or_stdin(path)
        .with_context(|| format!("cannot read record file {}", path.display()))?;
    crate::input::read_at_most(reader, MAX_FILE)
        .with_context(|| format!("cannot read record file {}", path.display()))?
        .ok_or_else(|| {
            usage(format!(
                "{} is larger than 256 MiB; split it (e.g. with `split -l`) and replay the parts",
                path.display()
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_paths_stay_on_the_local_host() {
        let base = url::Url::parse("http://127.0.0.1:8080/").unwrap();
        assert_eq!(
            local_url(&base, "/sinch?a=1").as_str(),
            "http://127.0.0.1:8080/sinch?a=1"
        );
        assert_eq!(
            local_url(&base, "//evil.example/x").host_str(),
            Some("127.0.0.1")
        );
    }
}
