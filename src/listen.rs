//! Listening: how connections reach the router, shared by `serve` (the reference
//! server) and `record` (the recording proxy), so neither reaches into the other.
//!
//! One acceptor thread takes each new connection and hands it, in turn, to one
//! of N worker threads (N = the cores), each running its own single-threaded
//! tokio runtime. A connection stays on its worker for its life, so a request
//! is read, answered and written on one thread, and no worker has to wake or
//! steal from another. Handing connections out in turn keeps the workers even
//! (32 connections on 2 workers are 16 and 16, which a shared `SO_REUSEPORT`
//! hash does not promise). On 2 cores this served more upserts per second than
//! tokio's work-stealing runtime did (16.1k to 19.2k on the machine of the
//! commit that made the change; README, "Load", has the current figures).
//!
//! axum's `serve` is not used because it runs on one multi-threaded runtime;
//! each connection here is served by hyper's HTTP/1.1 connection driver with the
//! axum router as its service, which is what `axum::serve` does inside. A
//! request head must arrive within a timeout (`serve`: its body timeout;
//! `record`: [`HEADER_TIMEOUT`]), after which the connection is closed, so a
//! client that dribbles its headers cannot hold a connection open forever (its
//! body is bounded by the handler's own timeout).
//!
//! Only loopback addresses are accepted (`loopback_only`).

#[cfg(feature = "record")]
use axum::http::{header, HeaderValue, StatusCode};
#[cfg(feature = "record")]
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::sync::oneshot;

/// How long a request's head (request line and headers) may take to arrive, by default.
#[cfg(feature = "record")]
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Stack size of the worker threads: parsers recurse (as in the CLI's threads).
const WORKER_STACK: usize = 32 << 20;

/// The path Plain's API answers on: where `serve` answers and what `record` forwards.
pub(crate) const PATH: &str = "/graphql/v1";

/// `{"errors":[{"message", "extensions":{"code"}}]}` with a status, as JSON.
#[cfg(feature = "record")]
pub(crate) fn errors_response(status: StatusCode, message: &str, code: &str) -> Response {
    let body = serde_json::json!({"errors": [{"message": message, "extensions": {"code": code}}]});
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        bytes,
    )
        .into_response()
}

/// Refuses any address but loopback.
pub(crate) fn loopback_only(addr: &SocketAddr) -> std::io::Result<()> {
    if addr.ip().is_loopback() {
        Ok(())
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!("{addr} is not a loopback address; the reference server listens on 127.0.0.1 or ::1 only"),
        ))
    }
}

/// The worker threads; dropping them stops them (and closes their connections).
struct Workers {
    handles: Vec<tokio::runtime::Handle>,
    stops: Vec<oneshot::Sender<()>>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Workers {
    fn start(n: usize) -> std::io::Result<Workers> {
        let mut w = Workers {
            handles: Vec::with_capacity(n),
            stops: Vec::with_capacity(n),
            threads: Vec::with_capacity(n),
        };
        for i in 0..n {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            let (tx, rx) = oneshot::channel::<()>();
            w.handles.push(rt.handle().clone());
            w.stops.push(tx);
            let thread = std::thread::Builder::new()
                .name(format!("plain-contract-worker-{i}"))
                .stack_size(WORKER_STACK)
                .spawn(move || {
                    // Drives the connections spawned onto this runtime until told to stop.
                    rt.block_on(async {
                        let _ = rx.await;
                    });
                })?;
            w.threads.push(thread);
        }
        Ok(w)
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        for tx in self.stops.drain(..) {
            let _ = tx.send(());
        }
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

/// The number of workers: one per core.
fn worker_count() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A single-threaded runtime for the acceptor.
fn acceptor_runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_all().build()
}

/// Serves one connection with HTTP/1.1 on the current (worker) runtime.
async fn serve_connection(stream: std::net::TcpStream, router: Router, head_timeout: Duration) {
    let Ok(stream) = tokio::net::TcpStream::from_std(stream) else {
        return;
    };
    let service = TowerToHyperService::new(router);
    let _ = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(head_timeout)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// Accepts until `stop` completes, handing connections to the workers in turn.
async fn accept_loop(
    listener: tokio::net::TcpListener,
    router: Router,
    head_timeout: Duration,
    workers: &Workers,
    stop: impl Future<Output = ()>,
) {
    let mut stop = std::pin::pin!(stop);
    let mut next = 0usize;
    loop {
        let accepted = tokio::select! {
            r = listener.accept() => r,
            _ = &mut stop => return,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait, then go on accepting.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        // Small responses go out at once (hyper writes each in one call anyway).
        let _ = stream.set_nodelay(true);
        // Leaves this runtime's reactor; the worker registers it with its own.
        let Ok(stream) = stream.into_std() else {
            continue;
        };
        let handle = &workers.handles[next % workers.handles.len()];
        next = next.wrapping_add(1);
        handle.spawn(serve_connection(stream, router.clone(), head_timeout));
    }
}

/// Serves a router on a loopback address until Ctrl-C; `ready` gets the bound address.
pub(crate) fn run_router(
    listen: SocketAddr,
    router: Router,
    head_timeout: Duration,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    loopback_only(&listen)?;
    let workers = Workers::start(worker_count())?;
    let rt = acceptor_runtime()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen).await?;
        ready(listener.local_addr()?);
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        accept_loop(listener, router, head_timeout, &workers, ctrl_c).await;
        Ok(())
    })
}

/// A server running on its own threads; stops when dropped.
pub struct Running {
    /// The bound address.
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    /// The API's URL.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.addr, PATH)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Serves a router on a loopback address from threads of its own (port 0 picks a free port).
pub(crate) fn spawn_router(listen: SocketAddr, router: Router, head_timeout: Duration) -> std::io::Result<Running> {
    loopback_only(&listen)?;
    let workers = Workers::start(worker_count())?;
    let rt = acceptor_runtime()?;
    let listener = rt.block_on(tokio::net::TcpListener::bind(listen))?;
    let addr = listener.local_addr()?;
    let (tx, rx) = oneshot::channel::<()>();
    let thread = std::thread::Builder::new().name("plain-contract-accept".into()).spawn(move || {
        let stop = async {
            let _ = rx.await;
        };
        rt.block_on(accept_loop(listener, router, head_timeout, &workers, stop));
        // `workers` drops here: the workers stop and their connections close.
    })?;
    Ok(Running {
        addr,
        stop: Some(tx),
        thread: Some(thread),
    })
}
