//! Running commands from the workspace root, with clear errors.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A failed step, in words.
#[derive(Debug)]
pub struct Failure(pub String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The result of a step.
pub type Result<T = ()> = std::result::Result<T, Failure>;

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map_or(manifest.clone(), Path::to_path_buf)
}

/// Cargo's target directory (`CARGO_TARGET_DIR`, or `target/` in the workspace).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if Path::new(&dir).is_absolute() => PathBuf::from(dir),
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// A command that runs from the workspace root.
pub fn cmd(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args).current_dir(root());
    command
}

/// Runs a command to completion; a non-zero exit is a failure naming the command.
pub fn status(command: &mut Command) -> Result {
    let shown = format!("{command:?}");
    println!("$ {}", shown.replace('"', ""));
    let status = command
        .status()
        .map_err(|e| Failure(format!("could not start {shown}: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure(format!("{shown} failed ({status})")))
    }
}

/// Builds the workspace's `packages` (native) in `profile` (`release` or `debug`), quietly.
pub fn build_packages(profile: &str, packages: &[&str]) -> Result {
    let mut args = vec!["build", "-q"];
    if profile == "release" {
        args.push("--release");
    }
    for package in packages {
        args.extend(["-p", package]);
    }
    status(&mut cmd("cargo", &args))
}

/// Runs a command and returns its standard output, or `None` when it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .current_dir(root())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Whether a program is on PATH (or an absolute path that exists).
pub fn has(program: &str) -> bool {
    if program.contains('/') {
        return Path::new(program).exists();
    }
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

/// What a command printed on stdout, and whether it succeeded.
pub struct Captured {
    /// Its whole standard output.
    pub stdout: String,
    /// `None` on success, else the failure in words.
    pub failure: Option<String>,
}

/// Runs a command, echoing its standard output line by line while keeping it; a command that
/// cannot start is an error, one that fails is reported in [`Captured::failure`].
pub fn captured(command: &mut Command) -> Result<Captured> {
    use std::io::{BufRead, BufReader};
    // The program and its arguments only: the environment may hold a key.
    let shown = std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ");
    println!("$ {shown}");
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| Failure(format!("could not start {shown}: {e}")))?;
    let mut stdout = String::new();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(std::io::Result::ok) {
            println!("{line}");
            stdout.push_str(&line);
            stdout.push('\n');
        }
    }
    let status = child.wait().map_err(|e| Failure(format!("{shown}: {e}")))?;
    Ok(Captured {
        stdout,
        failure: (!status.success()).then(|| format!("{shown} failed ({status})")),
    })
}
