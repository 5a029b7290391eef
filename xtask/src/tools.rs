//! Installs what the tests need, only what is missing: the wasm32 target, Debian's Chromium and
//! ChromeDriver, wasm-bindgen-cli at the exact version in Cargo.lock, wasm-pack, npm packages, the
//! Python venv of the SDK conformance test, and (for `cargo xtask fuzz` only) cargo-fuzz.

use crate::run::{Failure, Result, cmd, has, output, root, status, target_dir};
use std::path::PathBuf;

/// The wasm-pack release known to work offline with `--mode no-install`.
const WASM_PACK_VERSION: &str = "0.15.1";
/// geckodriver, which drives firefox-esr over WebDriver (and, unlike BiDi, can open the
/// add-on's own `moz-extension://` pages).
const GECKODRIVER_VERSION: &str = "0.37.1";
/// The geckodriver program (`cargo install` puts it on PATH).
pub const GECKODRIVER: &str = "geckodriver";
/// The cargo-fuzz release `cargo xtask fuzz` installs.
const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// Where Debian puts ChromeDriver.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Debian's Firefox ESR (the extension's Firefox smoke test drives it over WebDriver BiDi).
pub const FIREFOX: &str = "firefox-esr";
/// The requirements (every package pinned) of the Python SDK conformance test.
pub const PYTHON_REQUIREMENTS: &str = "tests/sdk-python/requirements.txt";
/// Folders holding a package.json whose packages the tests use.
pub const NPM_FOLDERS: [&str; 3] = ["tests/sdk", "tests/e2e", "xtask"];

/// Installs every missing tool; a no-op when all are present.
pub fn setup() -> Result {
    lint_components()?;
    wasm_target()?;
    browser()?;
    wasm_bindgen_cli()?;
    wasm_pack()?;
    geckodriver()?;
    npm_packages()?;
    python_venv()?;
    println!(
        "tools ready: rustfmt and clippy, wasm32 target, chromium, chromedriver, wasm-bindgen {}, wasm-pack {WASM_PACK_VERSION}, geckodriver {GECKODRIVER_VERSION}, Python venv {}",
        wasm_bindgen_version()?,
        python_venv_dir().display()
    );
    Ok(())
}

/// Installs what building and showing the product needs (not the test-only tools): the wasm32
/// target, wasm-bindgen-cli, npm's wasm-opt, and Chromium (for `cargo xtask demo --open`).
pub fn setup_for_demo() -> Result {
    wasm_target()?;
    browser()?;
    wasm_bindgen_cli()?;
    npm_packages()?;
    println!(
        "tools ready: wasm32 target, chromium, wasm-bindgen {}, wasm-opt",
        wasm_bindgen_version()?
    );
    Ok(())
}

/// rustfmt and clippy, which the native layer runs (a minimal rustup profile lacks them).
fn lint_components() -> Result {
    let installed = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    let missing: Vec<&str> = ["rustfmt", "clippy"]
        .into_iter()
        .filter(|c| !installed.lines().any(|l| l.starts_with(&format!("{c}-"))))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut args = vec!["component", "add"];
    args.extend(missing);
    status(&mut cmd("rustup", &args))
}

fn wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    status(&mut cmd(
        "rustup",
        &["target", "add", "wasm32-unknown-unknown"],
    ))
}

fn browser() -> Result {
    if has("chromium") && has(CHROMEDRIVER) && has(FIREFOX) {
        return Ok(());
    }
    let root_user = output("id", &["-u"]).is_some_and(|id| id == "0");
    let (program, prefix): (&str, &[&str]) = if root_user {
        ("apt-get", &[])
    } else if has("sudo") {
        ("sudo", &["apt-get"])
    } else {
        return Err(Failure("Chromium, ChromeDriver or Firefox is missing: install the Debian packages chromium, chromium-driver and firefox-esr (as root)".into()));
    };
    let with = |args: &[&str]| {
        let mut all: Vec<&str> = prefix.to_vec();
        all.extend_from_slice(args);
        let mut command = cmd(program, &all);
        command.env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    status(&mut with(&["update", "-qq"]))?;
    status(&mut with(&[
        "install",
        "-y",
        "-qq",
        "--no-install-recommends",
        "chromium",
        "chromium-driver",
        FIREFOX,
    ]))
}

/// The `wasm-bindgen` version pinned in Cargo.lock; the CLI must match it exactly.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| Failure(format!("cannot read Cargo.lock: {e}")))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    Err(Failure("Cargo.lock has no wasm-bindgen entry".into()))
}

fn wasm_bindgen_cli() -> Result {
    let want = wasm_bindgen_version()?;
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) && has("wasm-bindgen-test-runner") {
        return Ok(());
    }
    // No --locked: the CLI's own lockfile pins a crate the reachable index lacks.
    status(&mut cmd(
        "cargo",
        &[
            "install",
            "-q",
            "wasm-bindgen-cli",
            "--version",
            &format!("={want}"),
        ],
    ))
}

fn wasm_pack() -> Result {
    let have = output("wasm-pack", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(WASM_PACK_VERSION) {
        return Ok(());
    }
    status(&mut cmd(
        "cargo",
        &[
            "install",
            "-q",
            "wasm-pack",
            "--version",
            &format!("={WASM_PACK_VERSION}"),
        ],
    ))
}

fn geckodriver() -> Result {
    let have = output(GECKODRIVER, &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(GECKODRIVER_VERSION) {
        return Ok(());
    }
    status(&mut cmd(
        "cargo",
        &[
            "install",
            "-q",
            GECKODRIVER,
            "--version",
            &format!("={GECKODRIVER_VERSION}"),
        ],
    ))
}

fn npm_packages() -> Result {
    for folder in NPM_FOLDERS {
        let dir = root().join(folder);
        if !dir.join("package.json").exists()
            || dir.join("node_modules").exists() && !lock_is_newer(&dir)
        {
            continue;
        }
        // `npm install` with the committed lock, not `npm ci`: npm 11 refuses, in `ci`, locks that
        // leave out optional platform packages, as its own `install` writes them.
        let mut npm = cmd(
            "npm",
            &["install", "--no-audit", "--no-fund", "--loglevel=error"],
        );
        npm.current_dir(&dir);
        status(&mut npm)?;
    }
    Ok(())
}

/// Whether package-lock.json changed after the last install.
fn lock_is_newer(dir: &std::path::Path) -> bool {
    let modified = |p: std::path::PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (
        modified(dir.join("package-lock.json")),
        modified(dir.join("node_modules/.package-lock.json")),
    ) {
        (Some(lock), Some(installed)) => lock > installed,
        _ => true,
    }
}

/// Installs cargo-fuzz when `cargo fuzz` is missing or another release, with cargo's progress.
pub fn cargo_fuzz() -> Result {
    let have = output("cargo", &["fuzz", "--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(CARGO_FUZZ_VERSION) {
        return Ok(());
    }
    println!(
        "installing cargo-fuzz {CARGO_FUZZ_VERSION} (cargo fuzz is missing or another release)"
    );
    status(&mut cmd(
        "cargo",
        &[
            "install",
            "--locked",
            "cargo-fuzz",
            "--version",
            &format!("={CARGO_FUZZ_VERSION}"),
        ],
    ))
}

/// The venv of the Python SDK conformance test, under the target directory.
pub fn python_venv_dir() -> PathBuf {
    target_dir().join("sdk-python-venv")
}

/// The venv's Python interpreter.
pub fn venv_python() -> PathBuf {
    python_venv_dir().join("bin").join("python")
}

/// Creates the venv with the machine's `python3` and installs the pinned requirements, unless
/// the venv already holds exactly these requirements (a copy is kept in the venv after a
/// successful install).
fn python_venv() -> Result {
    let requirements = root().join(PYTHON_REQUIREMENTS);
    let wanted = std::fs::read_to_string(&requirements)
        .map_err(|e| Failure(format!("cannot read {PYTHON_REQUIREMENTS}: {e}")))?;
    let venv = python_venv_dir();
    let stamp = venv.join("installed-requirements.txt");
    if venv_python().exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(&wanted) {
        return Ok(());
    }
    if !has("python3") {
        return Err(Failure(
            "python3 is missing: install CPython 3.11 (Debian package python3-venv)".into(),
        ));
    }
    println!(
        "creating the Python venv {} for the SDK conformance test",
        venv.display()
    );
    let venv_arg = venv.to_string_lossy().into_owned();
    status(&mut cmd("python3", &["-m", "venv", &venv_arg]))?;
    let python = venv_python().to_string_lossy().into_owned();
    let requirements_arg = requirements.to_string_lossy().into_owned();
    status(&mut cmd(
        &python,
        &[
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "-r",
            &requirements_arg,
        ],
    ))?;
    std::fs::write(&stamp, wanted)
        .map_err(|e| Failure(format!("cannot write {}: {e}", stamp.display())))
}
