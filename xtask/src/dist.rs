//! `cargo xtask dist`: the shipped bundles. `dist/www/`: the embeddable widget (loader, wasm,
//! demo page); `dist/chrome/`, `dist/firefox/` and their zips: the browser extension.

use crate::run::{Failure, Result, root};
use crate::wasm;
use std::path::{Path, PathBuf};

/// Where the widget is assembled.
pub fn www_dir() -> PathBuf {
    root().join("dist/www")
}

/// Builds everything that ships.
pub fn run() -> Result {
    widget()?;
    crate::extension::build()?;
    Ok(())
}

/// Builds the widget into `dist/www/`: `www/`'s files and `pkg/` with the wasm bundle.
pub fn widget() -> Result {
    let out = www_dir();
    copy_dir(&root().join("www"), &out)?;
    let bundle = wasm::bundle(
        "plane-inline-widget",
        &out.join("pkg"),
        "plane_inline_widget",
    )?;
    println!(
        "widget: {} and {}",
        bundle.js.display(),
        bundle.wasm.display()
    );
    Ok(())
}

/// Writes the demo dashboard's pages (`dist/www/index.html`, the editors, and
/// `dist/www/table.html`, the table) for widgets using the proxy at `api_base`, linking to
/// Plane's app at `app_base`.
pub fn demo_page(api_base: &str, app_base: &str) -> Result {
    for name in ["index.html", "table.html"] {
        let template = root().join("www").join(name);
        let page = std::fs::read_to_string(&template)
            .map_err(|e| Failure(format!("cannot read {}: {e}", template.display())))?
            .replace("{{api_base}}", api_base)
            .replace("{{app_base}}", app_base);
        let out = www_dir().join(name);
        std::fs::write(&out, page)
            .map_err(|e| Failure(format!("cannot write {}: {e}", out.display())))?;
    }
    Ok(())
}

/// Copies a folder's files (recursively), replacing what is there.
pub fn copy_dir(from: &Path, to: &Path) -> Result {
    let fail = |e: std::io::Error| {
        Failure(format!(
            "copying {} to {}: {e}",
            from.display(),
            to.display()
        ))
    };
    std::fs::create_dir_all(to).map_err(fail)?;
    for entry in std::fs::read_dir(from).map_err(fail)? {
        let entry = entry.map_err(fail)?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest).map_err(fail)?;
        }
    }
    Ok(())
}
