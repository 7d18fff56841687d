//! The connection layer of `mutasi serve`: what a public-facing server needs so that idle,
//! slow or hostile clients cannot hold it ([`Limits`], [`serve`]).
//!
//! - **Header timeout**: a request's headers must arrive within [`Limits::header`], counted
//!   from when the server starts waiting for them; hyper restarts that timer while a kept-alive
//!   connection waits for its next request, so it is also the keep-alive idle limit.
//! - **Body timeout**: a request body must arrive within [`Limits::body`] (408 otherwise;
//!   applied by [`crate::app`]).
//! - **Idle timeout**: a connection with no byte in or out for [`Limits::idle`] is closed,
//!   whatever it is doing (a client that stops reading its response, a stuck upload).
//! - **Connection cap**: at most [`Limits::max_connections`] at once. At the cap, the connection
//!   idle the longest (no request in progress) is closed to make room; when every one is busy,
//!   new connections wait in the listen backlog. The process's open-file limit is raised to its
//!   hard limit at start, and the cap is kept below it.
//!
//! **Invariant:** a connection closed for idleness or to make room loses no request in
//! progress: one being handled finishes first (graceful), unless it stays silent for [`GRACE`]
//! more; one whose headers are still arriving was not a request yet.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, Semaphore};
use tower::ServiceExt;

/// How long a closed connection's request in progress may still take.
pub const GRACE: Duration = Duration::from_secs(5);

/// The connection limits (`mutasi serve` flags and environment variables).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Time allowed for a request's headers (and a kept-alive connection's wait for its next
    /// request).
    pub header: Duration,
    /// Time allowed for a request's body.
    pub body: Duration,
    /// A connection with no traffic for this long is closed.
    pub idle: Duration,
    /// Connections open at once.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header: Duration::from_secs(10),
            body: Duration::from_secs(30),
            idle: Duration::from_secs(60),
            max_connections: 4096,
        }
    }
}

/// Raises the soft open-file limit to the hard one, and returns how many connections fit
/// under it (keeping 128 descriptors for the database, files and logs).
pub fn raise_file_limit(wanted: usize) -> usize {
    let limit = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
    let room = usize::try_from(limit.saturating_sub(128)).unwrap_or(usize::MAX);
    wanted.min(room.max(16))
}

/// One open connection, as the accept loop sees it.
#[derive(Debug)]
struct Conn {
    /// Milliseconds since the registry's start at the last byte in or out.
    last: AtomicU64,
    /// Requests in progress.
    busy: AtomicUsize,
    /// Told to close.
    close: Notify,
}

/// The open connections, for eviction and shutdown.
#[derive(Debug)]
struct Registry {
    start: Instant,
    next: AtomicU64,
    conns: Mutex<HashMap<u64, Arc<Conn>>>,
}

impl Registry {
    fn now(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn add(&self) -> (u64, Arc<Conn>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let conn = Arc::new(Conn {
            last: AtomicU64::new(self.now()),
            busy: AtomicUsize::new(0),
            close: Notify::new(),
        });
        self.lock().insert(id, conn.clone());
        (id, conn)
    }

    fn remove(&self, id: u64) {
        self.lock().remove(&id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Conn>>> {
        self.conns.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Tells the connection idle the longest (none in progress) to close; false when every
    /// connection is busy.
    fn evict_idle(&self) -> bool {
        let victim = self
            .lock()
            .values()
            .filter(|c| c.busy.load(Ordering::Relaxed) == 0)
            .min_by_key(|c| c.last.load(Ordering::Relaxed))
            .cloned();
        match victim {
            Some(c) => {
                // Make it look busy-free and ancient so a second eviction picks another one.
                c.last.store(u64::MAX, Ordering::Relaxed);
                c.close.notify_one();
                true
            }
            None => false,
        }
    }

    fn close_all(&self) {
        for c in self.lock().values() {
            c.close.notify_one();
        }
    }
}

/// A TCP stream that records when a byte last went in or out.
struct Tracked {
    inner: TcpStream,
    conn: Arc<Conn>,
    registry: Arc<Registry>,
}

impl Tracked {
    fn touch(&self) {
        let now = self.registry.now();
        // An evicted connection stays marked as such.
        let _ = self
            .conn
            .last
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |v| {
                (v != u64::MAX).then_some(now)
            });
    }
}

impl AsyncRead for Tracked {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = std::pin::Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.touch();
        }
        r
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let r = std::pin::Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        r
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Serves `router` on `listener` under `limits` until `shutdown` resolves; then stops
/// accepting, lets requests in progress finish (at most [`GRACE`]) and returns.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let registry = Arc::new(Registry {
        start: Instant::now(),
        next: AtomicU64::new(0),
        conns: Mutex::new(HashMap::new()),
    });
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        // A place for the next connection: free, made by closing the longest idle one, or
        // awaited while every connection is busy.
        let permit = match slots.clone().try_acquire_owned() {
            Ok(p) => p,
            Err(_) => {
                registry.evict_idle();
                tokio::select! {
                    p = slots.clone().acquire_owned() => match p {
                        Ok(p) => p,
                        Err(_) => break,
                    },
                    () = &mut shutdown => break,
                }
            }
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors or a reset before accept: wait a moment, go on.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let (id, conn) = registry.add();
        let io = Tracked {
            inner: stream,
            conn: conn.clone(),
            registry: registry.clone(),
        };
        let registry = registry.clone();
        let router = router.clone();
        tasks.spawn(async move {
            connection(io, peer, router, limits, conn.clone(), &registry).await;
            registry.remove(id);
            drop(permit);
        });
        // Reap finished tasks so the set does not grow.
        while tasks.try_join_next().is_some() {}
    }
    registry.close_all();
    let drain = async { while tasks.join_next().await.is_some() {} };
    let _ = tokio::time::timeout(GRACE + Duration::from_secs(1), drain).await;
    Ok(())
}

/// Serves one connection until it ends, is idle for too long, or is told to close.
async fn connection(
    io: Tracked,
    peer: SocketAddr,
    router: Router,
    limits: Limits,
    conn: Arc<Conn>,
    registry: &Registry,
) {
    let busy = conn.clone();
    let service = hyper::service::service_fn(move |mut req: hyper::Request<_>| {
        req.extensions_mut().insert(ConnectInfo(peer));
        let busy = busy.clone();
        busy.busy.fetch_add(1, Ordering::Relaxed);
        let call = router.clone().oneshot(req.map(axum::body::Body::new));
        async move {
            let response = call.await;
            busy.busy.fetch_sub(1, Ordering::Relaxed);
            response
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header)
        .keep_alive(true);
    let http = builder.serve_connection(TokioIo::new(io), service);
    tokio::pin!(http);
    let idle_ms = u64::try_from(limits.idle.as_millis()).unwrap_or(u64::MAX);
    let mut closing: Option<tokio::time::Instant> = None;
    loop {
        let last = conn.last.load(Ordering::Relaxed);
        let now = registry.now();
        let idle_left = if last == u64::MAX {
            0
        } else {
            (last.saturating_add(idle_ms)).saturating_sub(now)
        };
        let wake = match closing {
            Some(deadline) => deadline,
            None => tokio::time::Instant::now() + Duration::from_millis(idle_left.max(1)),
        };
        let close = tokio::select! {
            _ = http.as_mut() => return,
            () = conn.close.notified(), if closing.is_none() => true,
            () = tokio::time::sleep_until(wake) => {
                if closing.is_some() {
                    // Still not done after the grace period: drop it.
                    return;
                }
                let last = conn.last.load(Ordering::Relaxed);
                last == u64::MAX || registry.now().saturating_sub(last) >= idle_ms
            }
        };
        if close {
            if conn.busy.load(Ordering::Relaxed) == 0 {
                // No request in progress (at most a half-sent one): nothing to finish.
                return;
            }
            http.as_mut().graceful_shutdown();
            closing = Some(tokio::time::Instant::now() + GRACE);
        }
    }
}
