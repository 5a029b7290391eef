//! The command-line contract and persistence across restarts.

use super::common::*;
use plane_inline_sandbox::{Config, Sandbox};
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_plane-inline-sandbox");

fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("plane-inline-sandbox-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn data_survives_a_restart() {
    let dir = temp_dir();
    let db = dir.join("sandbox.sqlite3");
    let config = || {
        let mut c = Config::for_tests(KEY);
        c.db = db.clone();
        c
    };
    let first = Harness {
        sandbox: Sandbox::start(config()).await.unwrap(),
        client: super::common::http_builder().build().unwrap(),
    };
    let path = value_path("DEMO-3", "Notes");
    let (status, _) = first
        .post(&path, json!({"value": "kept across restarts"}))
        .await;
    assert!(status == 200 || status == 201);
    let deleted = value_path("DEMO-3", "Summary");
    assert_eq!(first.delete(&deleted).await.0, 204);
    first.sandbox.stop().await;

    let second = Harness {
        sandbox: Sandbox::start(config()).await.unwrap(),
        client: super::common::http_builder().build().unwrap(),
    };
    let (status, read) = second.get(&path).await;
    assert_eq!(
        (status, read["value"].as_str()),
        (200, Some("kept across restarts"))
    );
    assert_eq!(
        second.get(&deleted).await.0,
        404,
        "the seed is not re-applied to an existing database"
    );
    second.sandbox.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_arguments_exit_with_2_and_a_message() {
    for args in [
        &["--addr", "not-an-address"][..],
        &["--seed", "lots"],
        &["--rate-limit", "fast"],
        &["--bogus"],
        &["--api-key"],
    ] {
        let output = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("plane-inline-sandbox:") && stderr.contains("usage:"),
            "{args:?}: {stderr}"
        );
        assert!(output.stdout.is_empty());
    }
    let help = Command::new(BIN).arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
}

#[tokio::test]
async fn prints_the_generated_key_and_the_listening_line() {
    let mut child = Command::new(BIN)
        .args([
            "--addr",
            "127.0.0.1:0",
            "--db",
            ":memory:",
            "--seed",
            "empty",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let key_line = lines.next().unwrap().unwrap();
    let listen_line = lines.next().unwrap().unwrap();
    let key = key_line
        .strip_prefix("api key: ")
        .expect("key line")
        .to_owned();
    assert!(
        key.starts_with("plane_api_")
            && key.len() == 42
            && key[10..].chars().all(|c| c.is_ascii_hexdigit()),
        "{key}"
    );
    let base = listen_line
        .strip_prefix("listening on ")
        .expect("listening line")
        .to_owned();
    assert!(
        base.starts_with("http://127.0.0.1:") && !base.ends_with(":0"),
        "{base}"
    );
    let response = super::common::http_builder()
        .build()
        .unwrap()
        .get(format!("{base}/api/v1/users/me/"))
        .header("X-API-Key", &key)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    child.kill().unwrap();
    child.wait().unwrap();

    let mut keyed = Command::new(BIN)
        .args([
            "--addr",
            "127.0.0.1:0",
            "--db",
            ":memory:",
            "--api-key",
            "plane_api_given",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let first = BufReader::new(keyed.stdout.take().unwrap())
        .lines()
        .next()
        .unwrap()
        .unwrap();
    assert!(
        first.starts_with("listening on http://"),
        "only the listening line: {first}"
    );
    keyed.kill().unwrap();
    keyed.wait().unwrap();
}

#[test]
fn listening_beyond_loopback_needs_a_flag_and_refuses_the_test_controls() {
    let refused = Command::new(BIN)
        .args(["--addr", "0.0.0.0:0", "--db", ":memory:"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.starts_with(
            "plane-inline-sandbox: --addr 0.0.0.0:0 is reachable from other machines: add \
             --listen-public to mean it, or listen on 127.0.0.1\n"
        ),
        "{stderr}"
    );
    let both = Command::new(BIN)
        .args([
            "--addr",
            "0.0.0.0:0",
            "--listen-public",
            "--test-controls",
            "--db",
            ":memory:",
        ])
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&both.stderr);
    assert!(
        stderr.starts_with(
            "plane-inline-sandbox: --test-controls cannot be used with --listen-public: anyone \
             who reaches the sandbox could reset its data or inject faults\n"
        ),
        "{stderr}"
    );
    assert!(both.stdout.is_empty());
}

#[tokio::test]
async fn an_embedded_sandbox_never_serves_test_controls_beyond_loopback() {
    let mut config = Config::for_tests(KEY);
    config.addr = "0.0.0.0:0".parse().unwrap();
    let refused = Sandbox::start(config).await.err().unwrap();
    assert_eq!(
        refused.to_string(),
        "cannot serve the test controls on 0.0.0.0:0: it is reachable from other machines; \
         listen on 127.0.0.1 or turn the controls off"
    );
}
