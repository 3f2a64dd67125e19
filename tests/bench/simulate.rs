//! Benchmark: `sinchctl simulate --count` against a bare hyper client loop
//! doing the same work (sign each callback with a unique nonce, POST it over
//! keep-alive connections), both against the same sink server, same run.
//!
//! Run with `cargo bench --bench simulate`; `SINCHCTL_BENCH_REQUESTS`
//! (default 20000) sets the requests per point.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use base64::Engine as _;
use bytes::Bytes;
use hmac::{KeyInit, Mac};
use http_body_util::{BodyExt, Full};
use hyper::{Request, Response};

const SECRET: &str = "bench-secret-0123456789";

fn main() {
    let requests: usize = std::env::var("SINCHCTL_BENCH_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let port = rt.block_on(async { sink().await });
    let url = format!("http://127.0.0.1:{port}/");
    println!(
        "sinchctl simulate vs a bare hyper client loop, sink server on 127.0.0.1, {requests} requests per point"
    );
    println!("{:<12} {:<10} {:>10}", "concurrency", "client", "req/s");
    let empty_config = std::env::temp_dir().join(format!(
        "sinchctl-bench-simulate-{}.toml",
        std::process::id()
    ));
    std::fs::write(&empty_config, "").unwrap();
    for concurrency in [8usize, 32] {
        let bare = bare_loop(port, concurrency, requests);
        let started = Instant::now();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_sinchctl"))
            .args([
                "simulate",
                "--url",
                &url,
                "--json",
                "--count",
                &requests.to_string(),
                "--concurrency",
                &concurrency.to_string(),
            ])
            .env("SINCH_WEBHOOK_SECRET", SECRET)
            // An empty config, so the user's own cannot change what is measured.
            .env("SINCHCTL_CONFIG", &empty_config)
            .output()
            .expect("run sinchctl simulate");
        let wall = started.elapsed();
        assert!(
            out.status.success(),
            "simulate failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("load summary");
        let rate = summary["requests_per_second"].as_f64().unwrap_or(0.0);
        println!("{concurrency:<12} {:<10} {bare:>10.0}", "bare hyper");
        println!(
            "{concurrency:<12} {:<10} {rate:>10.0}   (whole process incl. start-up: {:.0} req/s)",
            "simulate",
            requests as f64 / wall.as_secs_f64()
        );
        println!(
            "ratio simulate/bare at concurrency {concurrency}: {:.2}",
            rate / bare
        );
    }
    let _ = std::fs::remove_file(&empty_config);
}

fn sign(body: &[u8], nonce: &str, ts: &str) -> String {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body);
    mac.update(format!(".{nonce}.{ts}").as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// A server that reads each body and answers 200: only the clients are measured.
async fn sink() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            tokio::spawn(async move {
                let svc =
                    hyper::service::service_fn(|req: Request<hyper::body::Incoming>| async move {
                        let _ = req.into_body().collect().await;
                        Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(b"ok"))))
                    });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
    port
}

/// `concurrency` keep-alive connections, each sending signed requests in turn.
fn bare_loop(port: u16, concurrency: usize, total: usize) -> f64 {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let next = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let tasks: Vec<_> = (0..concurrency)
            .map(|_| {
                let next = next.clone();
                tokio::spawn(async move {
                    let stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
                    let _ = stream.set_nodelay(true);
                    let (mut send, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.unwrap();
                    tokio::spawn(conn);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= total {
                            break;
                        }
                        let body = format!(
                            r#"{{"at":"2025-01-01T00:00:00.000Z","batch_id":"01JBENCH","code":0,"recipient":"4670{i:07}","status":"Delivered","type":"recipient_delivery_report_sms"}}"#
                        );
                        let nonce = format!("bare-{i}");
                        let ts = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs().to_string();
                        let req = Request::post("/")
                            .header("host", "127.0.0.1")
                            .header("content-type", "application/json")
                            .header("x-sinch-webhook-signature", sign(body.as_bytes(), &nonce, &ts))
                            .header("x-sinch-webhook-signature-nonce", nonce)
                            .header("x-sinch-webhook-signature-timestamp", ts)
                            .header("x-sinch-webhook-signature-algorithm", "HmacSHA256")
                            .body(Full::new(Bytes::from(body)))
                            .unwrap();
                        let resp = send.send_request(req).await.unwrap();
                        let _ = resp.into_body().collect().await;
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        total as f64 / started.elapsed().as_secs_f64()
    })
}
