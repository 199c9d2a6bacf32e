//! Live reload: the state of the last rebuild (fine, or the overlay of its errors), the
//! broadcast that tells open tabs about each rebuild, the server-sent-events stream each tab
//! listens to, and the small client script injected into served HTML (never into the files).
//!
//! Events: `ok` (no errors; sent on connect), `reload` (`{"paths": [...], "all": bool}`,
//! site paths of the files that changed) and `error` (`{"html": "..."}`, the overlay made by
//! `diagnostics::report::render_html`). A tab opened while the content is broken gets the
//! `error` event as soon as it connects.

use axum::response::sse::Event;
use futures_util::stream::{self, Stream};
use std::convert::Infallible;
use std::sync::RwLock;
use tokio::sync::{broadcast, watch};

/// The tag injected before `</body>` (or appended when minify dropped it): the client script
/// as a file of the dev server, never inline, so that pages keep satisfying the site's
/// Content-Security-Policy (`script-src 'self'`) that `serve` sends too.
pub(crate) const SCRIPT: &str = "<script id=\"secretaria-live\" src=\"/__secretaria/live.js\"></script>";
/// The client script (served at [`super::server::LIVE_JS_PATH`]).
pub(crate) const LIVE_JS: &str = include_str!("live.js");
/// The overlay's style sheet (served at [`super::server::LIVE_CSS_PATH`]; `live.js` links it).
pub(crate) const LIVE_CSS: &str = include_str!("live.css");

/// One message to the open tabs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LiveEvent {
    Ok,
    Reload {
        paths: Vec<String>,
        all: bool,
    },
    Error {
        html: String,
    },
    /// The checks' warnings about what was just saved, over a page that is up to date.
    Warnings {
        html: String,
    },
}

impl LiveEvent {
    fn to_sse(&self) -> Event {
        match self {
            LiveEvent::Ok => Event::default().event("ok").data("{}"),
            LiveEvent::Reload { paths, all } => {
                Event::default().event("reload").data(serde_json::json!({ "paths": paths, "all": all }).to_string())
            }
            LiveEvent::Error { html } => {
                Event::default().event("error").data(serde_json::json!({ "html": html }).to_string())
            }
            LiveEvent::Warnings { html } => {
                Event::default().event("warnings").data(serde_json::json!({ "html": html }).to_string())
            }
        }
    }
}

/// Above this many changed files, tabs are told to reload whatever they show.
const MAX_PATHS: usize = 200;

/// The rebuild state shared by the build loop (writer) and the server (readers).
pub(crate) struct Reloader {
    current_error: RwLock<Option<String>>,
    /// The checks' warnings after the last good rebuild, shown to tabs that connect later
    /// (a reloaded tab connects again).
    current_warnings: RwLock<Option<String>>,
    events: broadcast::Sender<LiveEvent>,
}

impl Default for Reloader {
    fn default() -> Self {
        Reloader {
            current_error: RwLock::new(None),
            current_warnings: RwLock::new(None),
            events: broadcast::channel(64).0,
        }
    }
}

impl Reloader {
    /// A rebuild succeeded and wrote (or removed) these output files; `is_page` says which
    /// site paths (`busca/`) are pages.
    pub(crate) fn built(&self, files: &[String], is_page: &dyn Fn(&str) -> bool) {
        if let Ok(mut slot) = self.current_error.write() {
            *slot = None;
        }
        if let Ok(mut slot) = self.current_warnings.write() {
            *slot = None;
        }
        let unique: std::collections::BTreeSet<String> = files.iter().map(|f| concerned(f, is_page)).collect();
        let all = unique.len() > MAX_PATHS;
        let paths = if all { Vec::new() } else { unique.into_iter().collect() };
        // No receiver (no open tab) is not an error.
        let _ = self.events.send(LiveEvent::Reload { paths, all });
    }

    /// The checks after a good rebuild found these warnings (`html`, the overlay), or none.
    pub(crate) fn warned(&self, html: Option<String>) {
        if let Ok(mut slot) = self.current_warnings.write() {
            slot.clone_from(&html);
        }
        if let Some(html) = html {
            let _ = self.events.send(LiveEvent::Warnings { html });
        }
    }

    /// A rebuild failed; `html` is the overlay.
    pub(crate) fn failed(&self, html: String) {
        if let Ok(mut slot) = self.current_error.write() {
            *slot = Some(html.clone());
        }
        let _ = self.events.send(LiveEvent::Error { html });
    }

    /// The overlay of the current errors, if the content is broken now.
    pub(crate) fn current_error(&self) -> Option<String> {
        self.current_error.read().ok().and_then(|e| e.clone())
    }

    /// The stream one tab listens to: the current state, then every event until `shutdown`.
    pub(crate) fn stream(
        &self,
        shutdown: watch::Receiver<bool>,
    ) -> impl Stream<Item = Result<Event, Infallible>> + Send + 'static {
        let rx = self.events.subscribe();
        let warnings = self.current_warnings.read().ok().and_then(|w| w.clone());
        let first = match (self.current_error(), warnings) {
            (Some(html), _) => LiveEvent::Error { html },
            (None, Some(html)) => LiveEvent::Warnings { html },
            (None, None) => LiveEvent::Ok,
        };
        stream::unfold((Some(first), rx, shutdown), |(first, mut rx, mut shutdown)| async move {
            if let Some(event) = first {
                return Some((Ok(event.to_sse()), (None, rx, shutdown)));
            }
            if *shutdown.borrow() {
                return None;
            }
            let event = tokio::select! {
                _ = shutdown.changed() => return None,
                received = rx.recv() => match received {
                    Ok(event) => event,
                    // Missed events: reload whatever the tab shows.
                    Err(broadcast::error::RecvError::Lagged(_)) => LiveEvent::Reload { paths: Vec::new(), all: true },
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
            };
            Some((Ok(event.to_sse()), (None, rx, shutdown)))
        })
    }
}

/// The site path of the tabs `file` concerns: a page's own; for a file a page loads beside it
/// (`busca/t/3.json`, `legislacao/x/estrutura.json`), the page of the nearest folder above it
/// that is one; any other file's own path (a style sheet, which concerns every tab).
pub(crate) fn concerned(file: &str, is_page: &dyn Fn(&str) -> bool) -> String {
    if file.ends_with(".html") {
        return site_path(file);
    }
    let mut folder = file;
    while let Some(at) = folder.rfind('/') {
        folder = folder.get(..at).unwrap_or_default();
        let path = format!("{folder}/");
        if is_page(&path) {
            return format!("/{path}");
        }
    }
    format!("/{file}")
}

/// `a/b/index.html` → `/a/b/`; `css/x.css` → `/css/x.css`.
pub(crate) fn site_path(file: &str) -> String {
    match file.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
        _ => format!("/{file}"),
    }
}

/// The page with the client script: before the last `</body>`, or appended when there is
/// none (minify-html drops optional closing tags; browsers put trailing content in the body).
pub(crate) fn inject(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() + SCRIPT.len());
    // `</body>` ends a page: look only at its tail, so big pages without it cost no scan.
    let tail_start = html.len().saturating_sub(TAIL);
    match rfind_ascii_case(html.get(tail_start..).unwrap_or_default(), b"</body>").map(|i| i + tail_start) {
        Some(at) => {
            out.extend_from_slice(html.get(..at).unwrap_or_default());
            out.extend_from_slice(SCRIPT.as_bytes());
            out.extend_from_slice(html.get(at..).unwrap_or_default());
        }
        None => {
            out.extend_from_slice(html);
            out.extend_from_slice(SCRIPT.as_bytes());
        }
    }
    out
}

const TAIL: usize = 16 * 1024;

fn rfind_ascii_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack.get(i..i + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_body_or_appends() {
        let page = inject(b"<html><body><p>x</p></BODY></html>");
        let text = String::from_utf8_lossy(&page);
        assert!(text.starts_with("<html><body><p>x</p><script id=\"secretaria-live\" src="), "{text}");
        assert!(text.ends_with("</script></BODY></html>"), "{text}");
        let minified = inject(b"<!doctype html><html><p>x");
        assert!(String::from_utf8_lossy(&minified).ends_with("</script>"));
    }

    #[test]
    fn files_beside_a_page_reload_that_page_once() {
        let reloader = Reloader::default();
        let mut rx = reloader.events.subscribe();
        let files: Vec<String> = (0..300)
            .map(|i| format!("busca/d/{i}.json"))
            .chain(["paginas/um/index.html".to_owned(), "legislacao/lei/estrutura.json".to_owned()])
            .collect();
        let pages = ["busca/", "paginas/um/", "legislacao/lei/", "legislacao/"];
        reloader.built(&files, &|p| pages.contains(&p));
        match rx.try_recv() {
            Ok(LiveEvent::Reload { paths, all }) => {
                assert!(!all);
                assert_eq!(paths, ["/busca/", "/legislacao/lei/", "/paginas/um/"]);
            }
            _ => panic!("no reload event"),
        }
        // A file beside no page concerns every tab (live.js reloads them for it).
        assert_eq!(concerned("static/css/site.css", &|p| pages.contains(&p)), "/static/css/site.css");
        assert_eq!(concerned("404.html", &|_| true), "/404.html");
    }

    #[test]
    fn site_paths() {
        assert_eq!(site_path("index.html"), "/");
        assert_eq!(site_path("a/b/index.html"), "/a/b/");
        assert_eq!(site_path("404.html"), "/404.html");
        assert_eq!(site_path("static/css/site.css"), "/static/css/site.css");
        assert_eq!(site_path("a/xindex.html"), "/a/xindex.html");
    }

    #[test]
    fn the_client_needs_no_inline_script_or_style() {
        // What a `script-src 'self'; style-src 'self'` policy refuses: inline code, `style`
        // attributes (set or written in markup).
        assert!(SCRIPT.ends_with("></script>") && SCRIPT.contains(" src=\"/__secretaria/live.js\""));
        for refused in ["style=", "\"style\"", ".style.", "eval(", "new Function"] {
            assert!(!LIVE_JS.contains(refused), "live.js uses {refused}");
        }
        assert!(LIVE_JS.contains("/__secretaria/live.css"));
    }
}
