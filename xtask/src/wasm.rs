//! Building a shipped wasm bundle: a release build for wasm32, `wasm-bindgen --target web`
//! without names or producers, then `wasm-opt -Oz` without one-caller inlining, from npm's
//! binaryen (Debian's binaryen 108 corrupts wasm-bindgen output, so it is never used).

use crate::run::{Failure, Result, cmd, root, status, target_dir};
use std::path::{Path, PathBuf};

/// Folder whose package.json holds the build tools from npm (binaryen).
pub const BUILD_TOOLS: &str = "xtask";

/// Where a bundle's files are.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// `NAME.js`, the wasm-bindgen glue.
    pub js: PathBuf,
    /// `NAME_bg.wasm`.
    pub wasm: PathBuf,
}

/// Builds `package` (a cdylib) into `out_dir` as `NAME.js` + `NAME_bg.wasm`.
pub fn bundle(package: &str, out_dir: &Path, name: &str) -> Result<Bundle> {
    status(&mut cmd(
        "cargo",
        &[
            "build",
            "--release",
            "-q",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            package,
        ],
    ))?;
    let built = target_dir()
        .join("wasm32-unknown-unknown/release")
        .join(format!("{}.wasm", package.replace('-', "_")));
    std::fs::create_dir_all(out_dir)
        .map_err(|e| Failure(format!("cannot create {}: {e}", out_dir.display())))?;
    let built_text = built.to_string_lossy().into_owned();
    let out_text = out_dir.to_string_lossy().into_owned();
    status(&mut cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--remove-name-section",
            "--remove-producers-section",
            "--out-name",
            name,
            "--out-dir",
            &out_text,
            &built_text,
        ],
    ))?;
    let wasm = out_dir.join(format!("{name}_bg.wasm"));
    let wasm_text = wasm.to_string_lossy().into_owned();
    status(&mut cmd(
        &wasm_opt().to_string_lossy(),
        &[
            "-Oz",
            // Inlining a function into its only caller shrinks the raw file but builds huge
            // functions that gzip worse: without it the worker is 347 KB gzip -9 instead of 386,
            // the pages 458 instead of 521 (wasm-bindgen's output alone: 354 and 476).
            "--one-caller-inline-max-function-size=0",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            &wasm_text,
            "-o",
            &wasm_text,
        ],
    ))?;
    Ok(Bundle {
        js: out_dir.join(format!("{name}.js")),
        wasm,
    })
}

/// npm's wasm-opt, installed by `cargo xtask setup`.
pub fn wasm_opt() -> PathBuf {
    root().join(BUILD_TOOLS).join("node_modules/.bin/wasm-opt")
}
