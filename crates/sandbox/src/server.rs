//! Serving: the accept loop (hyper HTTP/1.1 with keep-alive), the hook that lets a fault close a
//! connection without answering, and the [`Sandbox`] handle that starts and stops it all.

use crate::app;
use crate::config::Config;
use crate::error::ApiError;
use crate::seed;
use crate::state::AppState;
use crate::store::{Store, StoreError};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;
use tower::ServiceExt;

/// Lets a request's handling close its own connection without sending anything.
#[derive(Clone)]
pub struct DropSignal(Arc<Notify>);

impl DropSignal {
    /// Closes the connection the request arrived on.
    pub fn fire(&self) {
        self.0.notify_one();
    }
}

/// Why a sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Seeding the fresh database failed.
    #[error("cannot seed the database: {0}")]
    Seed(ApiError),
    /// Test controls were asked for on an address other machines can reach.
    #[error(
        "cannot serve the test controls on {0}: it is reachable from other machines; listen on \
         127.0.0.1 or turn the controls off"
    )]
    PublicTestControls(SocketAddr),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

/// A running sandbox.
pub struct Sandbox {
    addr: SocketAddr,
    api_key: String,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Sandbox {
    /// Opens the database (seeding it when fresh), binds the address and starts serving.
    /// Refuses to serve the test controls on a non-loopback address.
    pub async fn start(config: Config) -> Result<Self, StartError> {
        if config.test_controls && !config.addr.ip().is_loopback() {
            return Err(StartError::PublicTestControls(config.addr));
        }
        let store = Store::open(&config.db)?;
        let fresh = store
            .read(seed::current)
            .map_err(StartError::Seed)?
            .is_none();
        if fresh {
            store
                .write(|tx| seed::apply(tx, config.seed))
                .map_err(StartError::Seed)?;
        }
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|source| StartError::Bind {
                addr: config.addr,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: config.addr,
            source,
        })?;
        let api_key = config.api_key.clone();
        let state = AppState::new(store, &config, app::api_paths());
        let router = app::router(state);
        let (shutdown, stopped) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, router, stopped));
        Ok(Self {
            addr,
            api_key,
            shutdown,
            task,
        })
    }

    /// The bound address (with the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The API key it accepts.
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// Stops accepting, closes open connections and waits for the loop to end.
    pub async fn stop(self) {
        let _ = self.shutdown.send(true);
        let _ = self.task.await;
    }
}

async fn accept_loop(
    listener: TcpListener,
    router: axum::Router,
    mut stopped: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                tokio::spawn(serve_connection(stream, router.clone(), stopped.clone()));
            }
            _ = stopped.changed() => break,
        }
    }
}

async fn serve_connection(
    stream: tokio::net::TcpStream,
    router: axum::Router,
    mut stopped: watch::Receiver<bool>,
) {
    let kill = Arc::new(Notify::new());
    let signal = DropSignal(kill.clone());
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(signal.clone());
        router.clone().oneshot(request)
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        _ = kill.notified() => {}
        _ = stopped.changed() => {}
    }
}
