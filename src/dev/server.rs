//! The dev HTTP server: the output folder through tower-http's `ServeDir` (which refuses `..`,
//! roots and prefixes after percent-decoding), a second check that whatever a path resolves
//! to, symlinks followed, is inside the output folder, the live-reload event stream and the
//! client's script and style sheet, a layer that injects the reload script into HTML responses,
//! and one that sends the site's Content-Security-Policy. All state is in [`DevState`].

use super::reload::{self, Reloader};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use tokio::sync::watch;
use tower_http::services::ServeDir;

/// Where the reload events are served; never a path of the site.
pub(crate) const EVENTS_PATH: &str = "/__secretaria/events";
/// Where the reload client script is served (a file, not inline: see [`CONTENT_SECURITY_POLICY`]).
pub(crate) const LIVE_JS_PATH: &str = "/__secretaria/live.js";
/// Where the error overlay's style sheet is served.
pub(crate) const LIVE_CSS_PATH: &str = "/__secretaria/live.css";
/// The policy every response of the dev server carries: the one docs/hospedagem.md tells IT
/// to send (docs/hospedagem/nginx.conf, docs/hospedagem/.htaccess; a test keeps them equal),
/// so that the preview shows what the published site will do under it.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
/// Pages bigger than this are served without the reload script.
const MAX_INJECT: usize = 256 * 1024 * 1024;

/// What the handlers share.
pub(crate) struct DevState {
    /// The output folder, canonical.
    output: PathBuf,
    reloader: Arc<Reloader>,
    shutdown: watch::Receiver<bool>,
    /// The session's gate (`Session::gate`): held while a file of the output is read, since the
    /// dev loop rewrites files in place.
    gate: Arc<tokio::sync::RwLock<()>>,
}

impl DevState {
    /// `output` must exist; it is made canonical so that the prefix check is meaningful.
    pub(crate) fn new(
        output: &Path,
        reloader: Arc<Reloader>,
        shutdown: watch::Receiver<bool>,
        gate: Arc<tokio::sync::RwLock<()>>,
    ) -> std::io::Result<Self> {
        Ok(DevState { output: std::fs::canonicalize(output)?, reloader, shutdown, gate })
    }
}

/// Serves until `shutdown` turns true (open event streams end then too).
pub(crate) async fn run(listener: std::net::TcpListener, state: Arc<DevState>) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let mut shutdown = state.shutdown.clone();
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async move {
            let _ = shutdown.wait_for(|stop| *stop).await;
        })
        .await
}

pub(crate) fn router(state: Arc<DevState>) -> Router {
    let files = ServeDir::new(&state.output).append_index_html_on_directories(true);
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(LIVE_JS_PATH, get(|| async { asset("text/javascript; charset=utf-8", reload::LIVE_JS) }))
        .route(LIVE_CSS_PATH, get(|| async { asset("text/css; charset=utf-8", reload::LIVE_CSS) }))
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(middleware::from_fn(policy))
        .with_state(state)
}

/// One of the dev server's own files.
fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The Content-Security-Policy on every response.
async fn policy(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    response
}

async fn events(State(state): State<Arc<DevState>>) -> impl IntoResponse {
    Sse::new(state.reloader.stream(state.shutdown.clone())).keep_alive(KeepAlive::default())
}

/// Checks the path before `ServeDir` sees it, and finishes what it answers.
async fn guard(State(state): State<Arc<DevState>>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    if [EVENTS_PATH, LIVE_JS_PATH, LIVE_CSS_PATH].contains(&path.as_str()) {
        return next.run(request).await;
    }
    match resolve(&state.output, &path) {
        Resolved::Inside => {}
        Resolved::Invalid => return (StatusCode::BAD_REQUEST, "endereço inválido\n").into_response(),
        Resolved::Outside | Resolved::Unavailable => return not_found(&state),
    }
    // Always the current bytes: a page saved twice within a second must not come back as 304.
    for name in [header::IF_MODIFIED_SINCE, header::IF_NONE_MATCH, header::IF_UNMODIFIED_SINCE, header::IF_RANGE] {
        request.headers_mut().remove(name);
    }
    let is_get = request.method() == Method::GET;
    // Until the file is read (`finish` reads it whole): the dev loop may be rewriting it.
    let _reading = state.gate.clone().read_owned().await;
    let response = next.run(request).await;
    if response.status() == StatusCode::NOT_FOUND && is_get {
        return not_found(&state);
    }
    finish(response, is_get).await
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    /// Inside the output folder, or nothing there (then `ServeDir` answers 404).
    Inside,
    /// Something exists there, but (through a symlink) outside the output folder.
    Outside,
    /// `..`, backslashes, NUL or bad UTF-8 once decoded.
    Invalid,
    /// Nothing that can be served: a name too long for the filesystem, a symlink loop, a
    /// FIFO or device. `ServeDir` would answer 500 (or block on a FIFO); it is a 404.
    Unavailable,
}

/// The longest file name the filesystems we run on accept, in bytes (NAME_MAX).
const NAME_MAX: usize = 255;

/// Decodes the path as `ServeDir` does and checks, following symlinks, that what it names is
/// inside `output` (canonical).
fn resolve(output: &Path, uri_path: &str) -> Resolved {
    let Ok(decoded) = percent_encoding::percent_decode_str(uri_path).decode_utf8() else {
        return Resolved::Invalid;
    };
    let mut path = output.to_path_buf();
    for segment in decoded.split('/') {
        if segment.is_empty() || segment == "." {
            continue;
        }
        let plain = Path::new(segment).components().all(|c| matches!(c, Component::Normal(_)));
        if segment == ".." || segment.contains(['\\', '\0']) || !plain {
            return Resolved::Invalid;
        }
        if segment.len() > NAME_MAX {
            return Resolved::Unavailable;
        }
        path.push(segment);
    }
    let real = match std::fs::canonicalize(&path) {
        Ok(real) => real,
        // Nothing there, and `ServeDir`'s own look (the whole path at once, where a path too
        // long fails) agrees: it answers 404 for these two itself.
        Err(err) if absent(&err) => {
            return match std::fs::metadata(&path) {
                Err(err) if absent(&err) => Resolved::Inside,
                _ => Resolved::Unavailable,
            }
        }
        // ENAMETOOLONG (the whole path), ELOOP and the like.
        Err(_) => return Resolved::Unavailable,
    };
    if !real.starts_with(output) {
        return Resolved::Outside;
    }
    match std::fs::metadata(&real) {
        Ok(meta) if meta.is_file() => Resolved::Inside,
        Ok(meta) if meta.is_dir() => match std::fs::canonicalize(real.join("index.html")) {
            Ok(index) if !index.starts_with(output) => Resolved::Outside,
            Ok(index) if !index.is_file() => Resolved::Unavailable,
            Ok(_) => Resolved::Inside,
            Err(err) if err.kind() == ErrorKind::NotFound => Resolved::Inside,
            Err(_) => Resolved::Unavailable,
        },
        Ok(_) => Resolved::Unavailable,
        Err(err) if err.kind() == ErrorKind::NotFound => Resolved::Inside,
        Err(_) => Resolved::Unavailable,
    }
}

fn absent(err: &std::io::Error) -> bool {
    matches!(err.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory)
}

/// The site's own 404 page (or a minimal one while there is none), with the reload script, so
/// that a tab on a page that does not exist yet follows the rebuilds too.
fn not_found(state: &DevState) -> Response {
    let page = state.output.join("404.html");
    let body = match resolve(&state.output, "/404.html") {
        Resolved::Inside => std::fs::read(&page).ok(),
        _ => None,
    }
    .unwrap_or_else(|| {
        b"<!DOCTYPE html><html lang=\"pt-BR\"><meta charset=\"utf-8\"><title>P\xc3\xa1gina n\xc3\xa3o encontrada</title>\
          <h1>P\xc3\xa1gina n\xc3\xa3o encontrada</h1><p>Esta p\xc3\xa1gina n\xc3\xa3o existe no site gerado.</p>"
            .to_vec()
    });
    html_response(StatusCode::NOT_FOUND, reload::inject(&body))
}

fn html_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut response = (status, Body::from(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// No caching, and the reload script in every complete HTML page.
async fn finish(response: Response, is_get: bool) -> Response {
    let (mut parts, body) = response.into_parts();
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let is_html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    // Other files are read whole too (while the caller holds the gate), unless too big.
    let small = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_some_and(|n| n <= MAX_INJECT);
    if parts.status != StatusCode::OK || !is_get || !(is_html || small) {
        return Response::from_parts(parts, body);
    }
    let bytes: Bytes = match axum::body::to_bytes(body, MAX_INJECT).await {
        Ok(bytes) => bytes,
        Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "não foi possível ler a página\n").into_response(),
    };
    if !is_html {
        return Response::from_parts(parts, Body::from(bytes));
    }
    let page = reload::inject(&bytes);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ACCEPT_RANGES);
    Response::from_parts(parts, Body::from(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// While the dev loop holds the gate (rewriting files in place), a request waits; it gets
    /// the new bytes once the gate is released, never the old ones nor half of each.
    #[test]
    fn a_file_is_not_read_while_the_dev_loop_rewrites_it() -> anyhow::Result<()> {
        use std::io::{Read, Write};
        use std::time::Duration;
        let tmp = tempfile::tempdir()?;
        std::fs::write(tmp.path().join("a.txt"), "velha")?;
        let gate: Arc<tokio::sync::RwLock<()>> = Arc::default();
        let writing = gate.clone().try_write_owned()?;
        let (stop, stopped) = watch::channel(false);
        let state = Arc::new(DevState::new(tmp.path(), Arc::default(), stopped, gate)?);
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let server = std::thread::spawn(move || -> std::io::Result<()> {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(run(listener, state))
        });
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut answer = String::new();
            let asked = std::net::TcpStream::connect(("127.0.0.1", port)).and_then(|mut stream| {
                stream.write_all(b"GET /a.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")?;
                stream.read_to_string(&mut answer)
            });
            let _ = tx.send(asked.map(|_| answer));
        });
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err(), "answered while the gate was held");
        std::fs::write(tmp.path().join("a.txt"), "nova")?;
        drop(writing);
        let answer = rx.recv_timeout(Duration::from_secs(10))??;
        assert!(answer.starts_with("HTTP/1.1 200") && answer.ends_with("\r\n\r\nnova"), "{answer}");
        stop.send(true)?;
        server.join().map_err(|_| anyhow::anyhow!("the server panicked"))??;
        Ok(())
    }

    #[test]
    fn resolves_only_inside_the_output() -> std::io::Result<()> {
        let tmp = tempfile::tempdir()?;
        let out = tmp.path().join("public");
        std::fs::create_dir_all(out.join("a"))?;
        std::fs::write(out.join("a/index.html"), "ok")?;
        std::fs::write(tmp.path().join("secret.txt"), "secret")?;
        let out = std::fs::canonicalize(&out)?;
        assert_eq!(resolve(&out, "/a/"), Resolved::Inside);
        assert_eq!(resolve(&out, "/nada/aqui"), Resolved::Inside);
        for bad in ["/../secret.txt", "/%2e%2e/secret.txt", "/a/..%2f..%2fsecret.txt", "/a%5c..%5csecret.txt", "/%ff"] {
            assert_eq!(resolve(&out, bad), Resolved::Invalid, "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret.txt"), out.join("link.txt"))?;
            std::os::unix::fs::symlink(tmp.path(), out.join("dir"))?;
            assert_eq!(resolve(&out, "/link.txt"), Resolved::Outside);
            assert_eq!(resolve(&out, "/dir/secret.txt"), Resolved::Outside);
            assert_eq!(resolve(&out, "/dir/"), Resolved::Outside);
            std::os::unix::fs::symlink(out.join("loop"), out.join("loop"))?;
            assert_eq!(resolve(&out, "/loop"), Resolved::Unavailable);
            assert_eq!(resolve(&out, "/loop/x"), Resolved::Unavailable);
        }
        assert_eq!(resolve(&out, &format!("/{}", "a".repeat(256))), Resolved::Unavailable);
        assert_eq!(resolve(&out, &format!("/{}", "a".repeat(255))), Resolved::Inside);
        assert_eq!(resolve(&out, &format!("/{}", "b/".repeat(3000))), Resolved::Unavailable);
        assert_eq!(resolve(&out, "/a/index.html/x"), Resolved::Inside);
        Ok(())
    }
}
