//! The sandbox server's command line: parse, start, print `listening on http://ADDR`, serve
//! until interrupted. Bad arguments print a message and the usage on stderr and exit with 2.

use plane_inline_sandbox::Sandbox;
use plane_inline_sandbox::cli::{self, Command, USAGE};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let command = match cli::parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(error) => {
            eprintln!("plane-inline-sandbox: {error}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (config, generated_key) = match command {
        Command::Help => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Command::Serve {
            config,
            generated_key,
        } => (config, generated_key),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("plane-inline-sandbox: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let sandbox = match Sandbox::start(config).await {
            Ok(sandbox) => sandbox,
            Err(error) => {
                eprintln!("plane-inline-sandbox: {error}");
                return ExitCode::FAILURE;
            }
        };
        let mut out = std::io::stdout().lock();
        if generated_key {
            let _ = writeln!(out, "api key: {}", sandbox.api_key());
        }
        let _ = writeln!(out, "listening on {}", sandbox.base_url());
        let _ = out.flush();
        drop(out);
        wait_for_stop().await;
        sandbox.stop().await;
        ExitCode::SUCCESS
    })
}

/// Waits for Ctrl-C or, on Unix, SIGTERM.
async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
