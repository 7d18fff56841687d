//! A deadline for a whole request body ([`body_deadline`]): the body must have arrived within
//! the time given, however it trickles in. (tower-http's `RequestBodyTimeout` restarts its timer
//! at every chunk, so a client sending a byte a second would hold the request for ever.)
//!
//! A body past its deadline fails with [`BodyDeadline`], which the JSON extractor answers with
//! 408 ([`crate::error::AppError`]); the connection is then closed, its body unread.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http_body::Frame;

/// The error of a body that did not arrive in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "isi permintaan tidak selesai dikirim tepat waktu / the request body did not arrive in time"
)]
pub struct BodyDeadline;

/// A body that fails once its deadline has passed.
struct Deadline {
    body: Body,
    sleep: Pin<Box<tokio::time::Sleep>>,
}

impl http_body::Body for Deadline {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        if self.sleep.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Some(Err(axum::Error::new(BodyDeadline))));
        }
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// Middleware: the request's body must arrive within `limit` of the request's start.
pub async fn body_deadline(State(limit): State<Duration>, req: Request, next: Next) -> Response {
    let req = req.map(|body| {
        Body::new(Deadline {
            body,
            sleep: Box::pin(tokio::time::sleep(limit)),
        })
    });
    next.run(req).await
}

/// Whether `error` (or one of its sources) is a [`BodyDeadline`].
pub fn is_deadline(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(error);
    while let Some(e) = cur {
        if e.is::<BodyDeadline>() {
            return true;
        }
        cur = e.source();
    }
    false
}
