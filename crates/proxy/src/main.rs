//! The proxy's command line: parse, load the key, start, print `listening on http://ADDR`,
//! serve until interrupted. Bad arguments print a message and the usage on stderr and exit
//! with 2; a missing key exits with 2 too.

use plane_inline_proxy::Proxy;
use plane_inline_proxy::cli::{self, CliError, Command, USAGE};
use plane_inline_proxy::config::KEY_ENV;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let command = match cli::parse(std::env::args().skip(1), std::env::var(KEY_ENV).ok()) {
        Ok(command) => command,
        Err(error @ (CliError::Key(_) | CliError::Config(_))) => {
            eprintln!("plane-inline-proxy: {error}");
            return ExitCode::from(2);
        }
        Err(error) => {
            eprintln!("plane-inline-proxy: {error}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (config, warning) = match command {
        Command::Help => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Command::Serve { config, warning } => (*config, warning),
    };
    if let Some(warning) = warning {
        eprintln!("plane-inline-proxy: {warning}");
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("plane-inline-proxy: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let upstream = config.upstream.clone();
        let workspace = config.scope.workspace().to_owned();
        let proxy = match Proxy::start(config).await {
            Ok(proxy) => proxy,
            Err(error) => {
                eprintln!("plane-inline-proxy: {error}");
                return ExitCode::FAILURE;
            }
        };
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "forwarding workspace {workspace} to {upstream}");
        let _ = writeln!(out, "listening on {}", proxy.base_url());
        let _ = out.flush();
        drop(out);
        wait_for_stop().await;
        proxy.stop().await;
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
