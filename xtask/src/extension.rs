//! The browser extension in `dist/`: `dist/chrome/` and `dist/firefox/` (each loadable
//! unpacked) and `dist/plane-inline-chrome.zip`, `dist/plane-inline-firefox.zip`. Both hold the
//! same files: `extension/`'s (the bootstrap, content script, HTML shells, icons), the worker's
//! wasm bundle in `worker/` and the pages' in `pages/`; only the manifest differs, generated
//! from `extension/manifest.template.jsonc`.

use crate::dist::copy_dir;
use crate::run::{Failure, Result, root};
use crate::wasm;
use serde_json::{Map, Value};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A browser the extension is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Browser {
    /// Chrome and Chromium.
    Chrome,
    /// Firefox.
    Firefox,
}

impl Browser {
    /// Both.
    pub const ALL: [Self; 2] = [Self::Chrome, Self::Firefox];

    /// The folder and prefix name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Chrome => "chrome",
            Self::Firefox => "firefox",
        }
    }
}

/// Where a browser's unpacked extension is.
pub fn dir(browser: Browser) -> PathBuf {
    root().join("dist").join(browser.name())
}

/// Files of `extension/` that are sources, not part of the extension.
const SOURCES_ONLY: [&str; 2] = ["manifest.template.jsonc", "make_icons.py"];

/// Builds both browsers' extension folders and zips.
pub fn build() -> Result {
    let staging = crate::run::target_dir().join("extension-bundles");
    for (package, folder, name) in [
        ("plane-inline-worker", "worker", "plane_inline_worker"),
        ("plane-inline-pages", "pages", "plane_inline_pages"),
    ] {
        let bundle = wasm::bundle(package, &staging.join(folder), name)?;
        let size = |path: &Path| std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        println!(
            "{package}: {} bytes of JavaScript, {} bytes of wasm",
            size(&bundle.js),
            size(&bundle.wasm)
        );
    }
    let template = read(&root().join("extension/manifest.template.jsonc"))?;
    let version = env!("CARGO_PKG_VERSION");
    for browser in Browser::ALL {
        let out = dir(browser);
        if out.exists() {
            std::fs::remove_dir_all(&out)
                .map_err(|e| Failure(format!("cannot empty {}: {e}", out.display())))?;
        }
        copy_dir(&root().join("extension"), &out)?;
        for name in SOURCES_ONLY {
            remove_named(&out, name)?;
        }
        copy_dir(&staging, &out)?;
        let manifest = manifest(&template, browser, version)?;
        write(&out.join("manifest.json"), &manifest)?;
        let archive = root()
            .join("dist")
            .join(format!("plane-inline-{}.zip", browser.name()));
        zip_dir(&out, &archive)?;
        println!(
            "extension ({}): {} and {}",
            browser.name(),
            out.display(),
            archive.display()
        );
    }
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
}

fn write(path: &Path, text: &str) -> Result {
    std::fs::write(path, text).map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))
}

/// Removes every file called `name` under `dir`.
fn remove_named(dir: &Path, name: &str) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| Failure(format!("{}: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_named(&path, name)?;
        } else if entry.file_name() == name {
            std::fs::remove_file(&path).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
        }
    }
    Ok(())
}

/// The manifest of one browser from the template: comment lines removed, `__chrome__KEY` and
/// `__firefox__KEY` kept as `KEY` for that browser only (at any depth), `__VERSION__` replaced.
pub fn manifest(template: &str, browser: Browser, version: &str) -> Result<String> {
    let json: String = template
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("__VERSION__", version);
    let value: Value = serde_json::from_str(&json)
        .map_err(|e| Failure(format!("extension/manifest.template.jsonc: {e}")))?;
    let value = for_browser(value, browser);
    serde_json::to_string_pretty(&value)
        .map(|text| text + "\n")
        .map_err(|e| Failure(format!("manifest: {e}")))
}

fn for_browser(value: Value, browser: Browser) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, value) in map {
                let kept = match key.strip_prefix("__").and_then(|k| k.split_once("__")) {
                    Some((prefix, name)) if prefix == browser.name() => Some(name.to_owned()),
                    Some(_) => None,
                    None => Some(key),
                };
                if let Some(key) = kept {
                    out.insert(key, for_browser(value, browser));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| for_browser(v, browser)).collect())
        }
        other => other,
    }
}

/// Zips a folder's files (paths relative to it, `/`-separated, in a stable order).
pub fn zip_dir(dir: &Path, archive: &Path) -> Result {
    let fail = |e: &dyn std::fmt::Display| Failure(format!("zipping {}: {e}", archive.display()));
    let file = std::fs::File::create(archive).map_err(|e| fail(&e))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut files = Vec::new();
    collect(dir, dir, &mut files)?;
    files.sort();
    for (name, path) in files {
        zip.start_file(name, options).map_err(|e| fail(&e))?;
        let bytes = std::fs::read(&path).map_err(|e| fail(&e))?;
        zip.write_all(&bytes).map_err(|e| fail(&e))?;
    }
    zip.finish().map_err(|e| fail(&e))?;
    Ok(())
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| Failure(format!("{}: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(base, &path, files)?;
        } else if let Ok(relative) = path.strip_prefix(base) {
            let name: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push((name.join("/"), path));
        }
    }
    Ok(())
}

/// Debian's Chromium, which the end-to-end tests drive.
const CHROMIUM: &str = "/usr/bin/chromium";

/// The key of the sandbox behind the extension's end-to-end tests.
const E2E_SANDBOX_KEY: &str = "plane_api_extension0000000000000000000";

/// The end-to-end layer: builds the extension, makes a copy whose host permissions include the
/// sandbox's loopback origins (a self-hosted Plane the tests add through the options page, where
/// `permissions.request` then finds the access already granted instead of prompting), starts
/// the sandbox with its test controls, and runs `tests/e2e/extension*.test.mjs`.
pub fn end_to_end() -> Result {
    build()?;
    let copy = loopback_copy("extension-e2e")?;
    with_tabs(&copy)?;
    end_to_end_on(&copy)
}

/// A copy of `dist/firefox` under `target/NAME` that may reach the sandbox, as the user's grant
/// of a self-hosted instance's access would allow it.
pub fn firefox_loopback_copy(name: &str) -> Result<PathBuf> {
    copy_with_hosts(Browser::Firefox, name, &["http://127.0.0.1/*"])
}

/// Adds the `tabs` permission to a test copy: it stands in for the `activeTab` access a click on
/// the toolbar button gives the popup (automation cannot click the browser's toolbar), so the
/// popup opened by `action.openPopup()` can read its tab's address as it does for a user.
pub fn with_tabs(copy: &Path) -> Result {
    let manifest_path = copy.join("manifest.json");
    let mut manifest: Value = serde_json::from_str(&read(&manifest_path)?)
        .map_err(|e| Failure(format!("{}: {e}", manifest_path.display())))?;
    if let Some(permissions) = manifest["permissions"].as_array_mut() {
        permissions.push(Value::String("tabs".into()));
    }
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| Failure(e.to_string()))?;
    write(&manifest_path, &text)
}

/// A copy of `dist/chrome` under `target/NAME` whose host permissions include the loopback
/// origins (the sandbox, a self-hosted Plane), so adding it in the options page needs no prompt.
pub fn loopback_copy(name: &str) -> Result<PathBuf> {
    // `localhost`: the same sandbox under another name, as a second self-hosted instance.
    copy_with_hosts(
        Browser::Chrome,
        name,
        &["http://127.0.0.1/*", "http://localhost/*"],
    )
}

/// A fresh copy of a browser's build under `target/NAME`, with `hosts` added to its host
/// permissions.
fn copy_with_hosts(browser: Browser, name: &str, hosts: &[&str]) -> Result<PathBuf> {
    let copy = crate::run::target_dir().join(name);
    if copy.exists() {
        std::fs::remove_dir_all(&copy)
            .map_err(|e| Failure(format!("cannot empty {}: {e}", copy.display())))?;
    }
    copy_dir(&dir(browser), &copy)?;
    let manifest_path = copy.join("manifest.json");
    let mut manifest: Value = serde_json::from_str(&read(&manifest_path)?)
        .map_err(|e| Failure(format!("{}: {e}", manifest_path.display())))?;
    if let Some(granted) = manifest["host_permissions"].as_array_mut() {
        granted.extend(hosts.iter().map(|h| Value::String((*h).to_owned())));
    }
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| Failure(e.to_string()))?;
    write(&manifest_path, &text)?;
    Ok(copy)
}

/// Whether a test file runs: every one, or with `EXTENSION_TESTS=security,drafts` (a developer's
/// shortcut) those whose name contains one of the words.
fn chosen_file(name: &str, filter: Option<&str>) -> bool {
    match filter.map(str::trim).filter(|f| !f.is_empty()) {
        None => true,
        Some(words) => words.split(',').any(|word| name.contains(word.trim())),
    }
}

fn end_to_end_on(copy: &Path) -> Result {
    crate::run::build_packages("debug", &["plane-inline-sandbox"])?;
    let sandbox = crate::sandbox::Sandbox::for_tests("debug", E2E_SANDBOX_KEY)?;
    let tests = root().join("tests/e2e");
    let mut files: Vec<String> = std::fs::read_dir(&tests)
        .map_err(|e| Failure(format!("{}: {e}", tests.display())))?
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("extension") && name.ends_with(".test.mjs"))
        .filter(|name| chosen_file(name, std::env::var("EXTENSION_TESTS").ok().as_deref()))
        .map(|name| format!("tests/e2e/{name}"))
        .collect();
    files.sort();
    // A file that hangs (a browser that stops answering) fails after 5 minutes instead of
    // holding the run (the limit counts a whole file: the longest, references, takes about 2).
    let mut args = vec!["--test", "--test-concurrency=1", "--test-timeout=300000"];
    args.extend(files.iter().map(String::as_str));
    let firefox = firefox_loopback_copy("extension-e2e-firefox")?;
    let mut node = crate::run::cmd("node", &args);
    node.env("SANDBOX_URL", &sandbox.url)
        .env("SANDBOX_API_KEY", &sandbox.api_key)
        .env("EXTENSION_DIR", copy)
        .env("FIREFOX_EXTENSION_DIR", &firefox)
        .env("GECKODRIVER", crate::tools::GECKODRIVER)
        .env("CHROMIUM", CHROMIUM);
    crate::run::status(&mut node)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_tests_can_be_chosen_by_words() {
        let name = "extension-security.test.mjs";
        assert!(chosen_file(name, None));
        assert!(chosen_file(name, Some(" ")));
        assert!(chosen_file(name, Some("drafts, security")));
        assert!(!chosen_file(name, Some("drafts,panel")));
    }

    const TEMPLATE: &str = r#"// a comment
{
  "version": "__VERSION__",
  "host_permissions": ["https://api.plane.so/*"],
  // per browser
  "__chrome__background": { "service_worker": "background.js" },
  "__firefox__background": { "scripts": ["background.js"] },
  "__firefox__browser_specific_settings": { "gecko": { "id": "x@y" } }
}"#;

    #[test]
    fn each_browser_gets_its_own_keys_and_no_comments() {
        let chrome: Value =
            serde_json::from_str(&manifest(TEMPLATE, Browser::Chrome, "1.2.3").unwrap()).unwrap();
        assert_eq!(
            chrome,
            serde_json::json!({
                "version": "1.2.3",
                "host_permissions": ["https://api.plane.so/*"],
                "background": { "service_worker": "background.js" }
            })
        );
        let firefox: Value =
            serde_json::from_str(&manifest(TEMPLATE, Browser::Firefox, "1.2.3").unwrap()).unwrap();
        assert_eq!(
            firefox,
            serde_json::json!({
                "version": "1.2.3",
                "host_permissions": ["https://api.plane.so/*"],
                "background": { "scripts": ["background.js"] },
                "browser_specific_settings": { "gecko": { "id": "x@y" } }
            })
        );
    }

    #[test]
    fn the_real_template_reads_for_both_browsers() {
        let template = read(&root().join("extension/manifest.template.jsonc")).unwrap();
        for browser in Browser::ALL {
            let value: Value =
                serde_json::from_str(&manifest(&template, browser, "0.1.0").unwrap()).unwrap();
            assert_eq!(value["manifest_version"], 3);
            assert_eq!(
                value["content_security_policy"]["extension_pages"],
                "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"
            );
            assert_eq!(
                value["browser_specific_settings"].is_object(),
                browser == Browser::Firefox
            );
        }
    }
}
