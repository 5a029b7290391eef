//! The command-line contract: where the key comes from, and refusing to start without one.

use super::common::*;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_plane-inline-proxy");

fn proxy(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .args([
            "--upstream",
            "http://127.0.0.1:9",
            "--workspace",
            "demo",
            "--allow-origin",
            PAGE,
            "--listen",
            "127.0.0.1:0",
        ])
        .args(args)
        .env_remove("PLANE_API_KEY");
    command
}

#[test]
fn refuses_to_start_without_a_key() {
    let output = proxy(&[]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "plane-inline-proxy: no API key: write it to a file readable only by you and pass --key-file PATH, or set PLANE_API_KEY (there is no --key flag, so the key stays out of process lists and shell history)\n"
    );
    assert_eq!(output.stdout, b"");
}

#[test]
fn has_no_key_flag_and_never_repeats_a_stray_key() {
    for args in [&["--key", KEY][..], &[&format!("--key={KEY}")], &[KEY]] {
        let output = proxy(args).env("PLANE_API_KEY", KEY).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("plane-inline-proxy: "), "{stderr}");
        assert!(stderr.contains("\nusage: plane-inline-proxy "), "{stderr}");
        assert!(!stderr.contains(KEY), "{stderr}");
    }
    let help = Command::new(BIN).arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&help.stdout)
            .starts_with("usage: plane-inline-proxy --upstream URL")
    );
}

#[cfg(unix)]
#[tokio::test]
async fn reads_the_key_from_a_file_and_warns_when_others_can_read_it() {
    let dir = std::env::temp_dir().join(format!("plane-inline-proxy-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("plane.key");
    std::fs::write(&file, format!("{KEY}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();

    let sandbox = Stack::sandbox();
    let mut command = Command::new(BIN);
    command
        .args(["--upstream", &sandbox.url, "--workspace", "demo"])
        .args(["--allow-origin", PAGE, "--listen", "127.0.0.1:0"])
        .arg("--key-file")
        .arg(&file)
        .env_remove("PLANE_API_KEY");
    let proxy = Process::start(command);
    let me = http()
        .get(format!("{}/api/v1/users/me/", proxy.url))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status().as_u16(), 200);
    let output = proxy.stop();
    assert!(!output.contains(KEY));
    let warning = format!(
        "plane-inline-proxy: warning: the key file {} is readable by other users (mode 644); run chmod 600 {}",
        file.display(),
        file.display()
    );
    assert_eq!(
        output.lines().filter(|l| *l == warning).count(),
        1,
        "{output}"
    );
    assert!(output.contains("\nGET /api/v1/users/me/ 200 "), "{output}");
    std::fs::remove_dir_all(&dir).unwrap();
}
