//! The HTTP server: every request is checked against the callers allowed ([`crate::sites`]), the
//! allow-list and the proxy's own limits, then forwarded; one log line per request (method,
//! path, status, milliseconds; never the query or a header). Every answer carries
//! `X-Content-Type-Options: nosniff` and a `Content-Type` the proxy chose. Connections must send
//! their headers within `--header-timeout`.

use crate::allow::{ALLOWED, Endpoint, Refusal, decide};
use crate::config::Config;
use crate::cors;
use crate::forward::{Answer, ClientError, ForwardError, Upstream};
use crate::limits::{InFlight, RateLimiter};
use crate::projects::{Screened, screen};
use crate::sites;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use plane_inline_core::api::Api;
use plane_inline_core::value::ValuePayload;
use serde_json::{Value as Json, json};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::set_header::SetResponseHeaderLayer;

/// The proxy could not start.
#[derive(Debug, Error)]
pub enum StartError {
    /// The listening address is taken or not ours.
    #[error("cannot listen on {addr}: {reason}")]
    Listen {
        /// The address asked for.
        addr: SocketAddr,
        /// The operating system's reason.
        reason: String,
    },
    /// The HTTP client could not be built.
    #[error(transparent)]
    Client(#[from] ClientError),
    /// An origin cannot be sent as a header value.
    #[error("an --allow-origin value cannot be sent as a header")]
    Origin,
}

/// What every request handler shares.
struct Shared {
    config: Config,
    api: Api,
    upstream: Upstream,
    rate: RateLimiter,
    in_flight: InFlight,
}

/// A running proxy; [`Proxy::stop`] ends it.
#[derive(Debug)]
pub struct Proxy {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Proxy {
    /// Binds `config.listen` and serves in the background.
    pub async fn start(config: Config) -> Result<Self, StartError> {
        let upstream = Upstream::new(
            &config.upstream,
            config.key.clone(),
            config.timeout,
            config.max_answer,
        )?;
        let cors = cors::layer(&config.origins).map_err(|_| StartError::Origin)?;
        let listen = config.listen;
        let header_timeout = config.header_timeout;
        let drain = config.timeout;
        let shared = Arc::new(Shared {
            api: Api::new(config.scope.workspace(), Some(config.key.clone())),
            rate: RateLimiter::new(config.rate_limit),
            in_flight: InFlight::new(config.max_concurrent),
            config,
            upstream,
        });
        let app = Router::new()
            .fallback(handle)
            .with_state(shared)
            .layer(cors)
            .layer(SetResponseHeaderLayer::overriding(
                X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(middleware::from_fn(log));
        let listener = TcpListener::bind(listen)
            .await
            .map_err(|e| StartError::Listen {
                addr: listen,
                reason: e.to_string(),
            })?;
        let addr = listener.local_addr().map_err(|e| StartError::Listen {
            addr: listen,
            reason: e.to_string(),
        })?;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, app, header_timeout, drain, stopped));
        Ok(Self { addr, stop, task })
    }

    /// The address it listens on (with the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, lets running requests finish, and returns.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// Accepts connections until `stopped`, each served by hyper with a header read timeout (which
/// also closes a connection idle that long); then waits up to `drain` for running requests.
async fn serve(
    listener: TcpListener,
    app: Router,
    header_timeout: Duration,
    drain: Duration,
    mut stopped: oneshot::Receiver<()>,
) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    // Out of file descriptors or the like: let some connections end first.
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                };
                let service = TowerToHyperService::new(app.clone());
                let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
                tokio::spawn(async move {
                    let _closed = connection.await;
                });
            }
            _ = &mut stopped => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(drain, graceful.shutdown()).await;
}

/// One line per request on stderr: `METHOD /path STATUS Nms`.
async fn log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    eprintln!(
        "{method} {path} {} {}ms",
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    response
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let caller = match sites::caller(&shared.config.origins, &parts.headers) {
        Ok(caller) => caller,
        Err(refusal) => return error(StatusCode::FORBIDDEN, &refusal.to_string()),
    };
    let endpoint = match decide(
        &shared.config.scope,
        parts.method.as_str(),
        parts.uri.path(),
        parts.uri.query(),
    ) {
        Ok(endpoint) => endpoint,
        Err(refusal) => return refused(&refusal),
    };
    if let Err(wait) = shared.rate.check(caller.bucket(), Instant::now()) {
        return too_many(&caller, shared.rate.rate(), wait);
    }
    let payload = if endpoint.takes_body() {
        match read_payload(&parts.headers, body, &shared.config).await {
            Ok(payload) => Some(payload),
            Err(response) => return response,
        }
    } else {
        None
    };
    let Some(_place) = shared.in_flight.try_enter() else {
        let mut response = error(
            StatusCode::SERVICE_UNAVAILABLE,
            &format!(
                "the proxy is already waiting on Plane for {} requests (its --max-concurrent); try again in a moment",
                shared.in_flight.max()
            ),
        );
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from_static("1"));
        return response;
    };
    let request = shared.api.request(endpoint.clone(), payload.as_ref());
    match shared.upstream.send(&request).await {
        Ok(answer) => pass_on(&shared, &endpoint, answer),
        Err(failure @ ForwardError::Timeout(_)) => {
            error(StatusCode::GATEWAY_TIMEOUT, &failure.to_string())
        }
        Err(failure @ (ForwardError::Unreachable { .. } | ForwardError::TooLarge(_))) => {
            error(StatusCode::BAD_GATEWAY, &failure.to_string())
        }
    }
}

/// 429 with `Retry-After` in whole seconds, rounded up.
fn too_many(caller: &sites::Caller, rate: crate::limits::Rate, wait: Duration) -> Response {
    let seconds = wait.as_millis().div_ceil(1000);
    let mut response = error(
        StatusCode::TOO_MANY_REQUESTS,
        &format!(
            "too many requests from {}: this proxy forwards {rate} for each page origin; try again in {seconds} s",
            caller.bucket()
        ),
    );
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    response
}

/// Reads the upsert's body: at most `--max-body` bytes, arriving within `--timeout`, and a
/// value payload as core describes it.
async fn read_payload(
    headers: &HeaderMap,
    body: Body,
    config: &Config,
) -> Result<ValuePayload, Response> {
    let max = config.max_body;
    let too_large = || {
        error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the request body is larger than this proxy accepts ({max} bytes)"),
        )
    };
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return Err(too_large());
    }
    let read = tokio::time::timeout(config.timeout, axum::body::to_bytes(body, max)).await;
    let bytes: Bytes = match read {
        Ok(Ok(bytes)) => bytes,
        Err(_elapsed) => {
            return Err(error(
                StatusCode::REQUEST_TIMEOUT,
                &format!(
                    "the request body did not arrive within {} s",
                    config.timeout.as_secs()
                ),
            ));
        }
        Ok(Err(read)) if is_length_limit(&read) => return Err(too_large()),
        Ok(Err(read)) => {
            return Err(error(
                StatusCode::BAD_REQUEST,
                &format!("could not read the request body: {read}"),
            ));
        }
    };
    serde_json::from_slice::<ValuePayload>(&bytes).map_err(|e| {
        error(
            StatusCode::BAD_REQUEST,
            &format!(
                "the body must be a JSON object {{\"value\": ..., \"external_id\"?, \"external_source\"?}}: {e}"
            ),
        )
    })
}

fn is_length_limit(read: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(read);
    while let Some(inner) = source {
        if inner.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = inner.source();
    }
    false
}

/// Passes Plane's answer on, screened against the project list when the request named no
/// project, with a `Content-Type` of the proxy's choosing: `application/json` for JSON,
/// `text/plain; charset=utf-8` for anything else (an HTML error page of a gateway, say), none for
/// an empty body.
fn pass_on(shared: &Shared, endpoint: &Endpoint, answer: Answer) -> Response {
    let body = if answer.status.is_success() {
        match screen(&shared.config.scope, endpoint, &answer.body) {
            Screened::Unchanged => answer.body,
            Screened::Filtered(body) => Bytes::from(body),
            Screened::Refused(refusal) => return refused(&refusal),
            Screened::NotUnderstood(message) => return error(StatusCode::BAD_GATEWAY, &message),
        }
    } else {
        answer.body
    };
    let content_type = if body.is_empty() {
        None
    } else if serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_ok() {
        Some(HeaderValue::from_static("application/json"))
    } else {
        Some(HeaderValue::from_static("text/plain; charset=utf-8"))
    };
    let mut response = (answer.status, body).into_response();
    *response.headers_mut() = answer.headers;
    response.headers_mut().remove(CONTENT_TYPE);
    if let Some(content_type) = content_type {
        response.headers_mut().insert(CONTENT_TYPE, content_type);
    }
    response
}

/// 403 with what was wrong and what is allowed.
fn refused(refusal: &Refusal) -> Response {
    json_response(
        StatusCode::FORBIDDEN,
        &json!({
            "error": format!("Refused by the Plane Inline proxy: {refusal}."),
            "allowed": ALLOWED,
        }),
    )
}

/// `{"error": message}`, the shape core reads Plane's messages from.
fn error(status: StatusCode, message: &str) -> Response {
    json_response(status, &json!({ "error": message }))
}

fn json_response(status: StatusCode, body: &Json) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
