//! `secretaria serve` and `watch` as an editor uses them: the real binary on a free port, a
//! fixture copied to a temporary folder, edits on disk, the reload events over SSE and the
//! pages fetched over HTTP. Every wait is for a condition, bounded by a timeout.

use crate::support::*;
use scraper::Html;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);
const PAGE: &str = "content/paginas/um.md";
const UNIT: &str = "content/unidades/secretaria.yaml";

/// A running `secretaria serve` (or `watch`); killed when dropped.
struct Server {
    child: Child,
    port: u16,
    site: TestSite,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(site: TestSite, command: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_secretaria"))
            .arg("--root")
            .arg(site.root())
            .args(command)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        for stream in
            [Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>, Box::new(child.stderr.take().unwrap())]
        {
            let (lines, tx) = (lines.clone(), tx.clone());
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    lines.lock().unwrap().push(line.clone());
                    let _ = tx.send(line);
                }
            });
        }
        let ready = if command.first() == Some(&"serve") { "Servindo em http://127.0.0.1:" } else { "Observando" };
        let deadline = Instant::now() + TIMEOUT;
        let port = loop {
            let line = rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("the server did not start:\n{}", lines.lock().unwrap().join("\n")));
            if let Some(rest) = line.strip_prefix(ready) {
                break rest.split(['/', ' ']).next().and_then(|p| p.parse().ok()).unwrap_or(0);
            }
        };
        Server { child, port, site, lines }
    }

    fn serve(site: TestSite) -> Server {
        Self::start(site, &["serve", "--port", "0"])
    }

    fn get(&self, target: &str) -> Response {
        get(self.port, target)
    }

    fn page(&self, path: &str) -> Html {
        let response = self.get(path);
        assert_eq!(response.status, 200, "{path}");
        Html::parse_document(&response.text())
    }

    fn log(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    /// The server's output once it contains `needle`: the terminal report is written by
    /// another thread than the SSE event, so either may arrive first.
    fn log_containing(&self, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let log = self.log();
            if log.contains(needle) || Instant::now() > deadline {
                return log;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A tab's event stream, once the server has greeted it (so no later event is missed).
    fn events(&self) -> Events {
        let events = Events::connect(self.port);
        events.wait_for("the first event", |kind, _| kind == "ok");
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A raw HTTP/1.1 GET, so that the request target reaches the server exactly as written.
fn get(port: u16, target: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
    let headers = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    let status = headers.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut body = raw[split + 4..].to_vec();
    if headers.contains("transfer-encoding: chunked") {
        let mut reader = BufReader::new(&body[..]);
        let mut plain = Vec::new();
        while let Some(chunk) = read_chunk(&mut reader) {
            plain.extend(chunk);
        }
        body = plain;
    }
    Response { status, headers, body }
}

fn read_chunk(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut size = String::new();
    reader.read_line(&mut size).ok()?;
    let size = usize::from_str_radix(size.trim(), 16).ok().filter(|&n| n > 0)?;
    let mut chunk = vec![0; size + 2];
    reader.read_exact(&mut chunk).ok()?;
    chunk.truncate(size);
    Some(chunk)
}

/// The server-sent events of one tab: (event, data).
struct Events {
    rx: Receiver<(String, String)>,
}

impl Events {
    fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(stream, "GET /__secretaria/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                line.clear();
            }
            let mut pending = String::new();
            while let Some(chunk) = read_chunk(&mut reader) {
                pending.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = pending.find("\n\n") {
                    let block: String = pending.drain(..end + 2).collect();
                    let field = |name: &str| {
                        block
                            .lines()
                            .filter_map(|l| l.strip_prefix(name))
                            .map(str::trim_start)
                            .collect::<Vec<_>>()
                            .join("\n")
                    };
                    if tx.send((field("event:"), field("data:"))).is_err() {
                        return;
                    }
                }
            }
        });
        Events { rx }
    }

    /// The first event: (kind, data).
    fn first(&self) -> (String, String) {
        self.rx.recv_timeout(TIMEOUT).unwrap_or_else(|_| panic!("no first event"))
    }

    /// The data of the first event that `matches`, skipping others.
    fn wait_for(&self, what: &str, matches: impl Fn(&str, &str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok((kind, data)) if matches(&kind, &data) => return data,
                Ok(_) => {}
                Err(_) => panic!("no event: {what}"),
            }
        }
    }

    fn reload_of(&self, path: &str) {
        let needle = format!("\"{path}\"");
        self.wait_for(&format!("reload of {path}"), |kind, data| kind == "reload" && data.contains(&needle));
    }
}

fn site_with_pages() -> TestSite {
    let site = TestSite::fixture("perdizes");
    site.write(PAGE, "---\ntitulo: Um\n---\nTexto original da página.\n");
    site.write("content/paginas/dois.md", "---\ntitulo: Dois\n---\nOutra página.\n");
    site
}

fn text_of(html: &Html) -> String {
    normalise(&html.root_element().text().collect::<String>())
}

#[test]
fn an_edit_reloads_the_tab_and_only_served_pages_carry_the_script() {
    let server = Server::serve(site_with_pages());
    let events = server.events();
    assert!(text_of(&server.page("/paginas/um/")).contains("Texto original da página."));
    server.site.write(PAGE, "---\ntitulo: Um\n---\nTexto novo, salvo agora.\n");
    events.reload_of("/paginas/um/");
    let response = server.get("/paginas/um/");
    assert!(response.headers.contains("cache-control: no-store"), "{}", response.headers);
    let page = server.page("/paginas/um/");
    assert!(text_of(&page).contains("Texto novo, salvo agora."), "{}", text_of(&page));
    assert_eq!(page.select(&sel("script#secretaria-live")).count(), 1);
    let on_disk = std::fs::read_to_string(server.site.output().join("paginas/um/index.html")).unwrap();
    assert!(on_disk.contains("Texto novo, salvo agora.") && !on_disk.contains("secretaria-live"));
    assert!(server.get("/static/css/site.css").text().contains('{'), "CSS is served as it is");
    assert!(!server.get("/static/css/site.css").text().contains("secretaria-live"));
    // The page and its search files (its document, the buckets of the words that changed).
    let log = server.log_containing("alteração em content/paginas/um.md: 1 página regerada, ");
    assert!(log.contains("alteração em content/paginas/um.md: 1 página regerada, "), "{log}");
}

#[test]
fn a_bad_edit_shows_the_error_keeps_the_old_page_and_the_fix_recovers() {
    let server = Server::serve(site_with_pages());
    let events = server.events();
    let unit = std::fs::read_to_string(server.site.root().join(UNIT)).unwrap();
    server.site.write(UNIT, &unit.replace("13:00-17:00", "13:00-25:00"));
    let error = events.wait_for("error", |kind, _| kind == "error");
    assert!(error.contains("content/unidades/secretaria.yaml:15") && error.contains("hora inválida: 25:00"), "{error}");
    let old = server.page("/unidades/secretaria/");
    assert!(text_of(&old).contains("13h às 17h"), "the last good page is still served");
    let log = server.log_containing("content/unidades/secretaria.yaml:15:3");
    assert!(log.contains("content/unidades/secretaria.yaml:15:3"), "{log}");
    // A tab opened now is told at once.
    let late = Events::connect(server.port).wait_for("error on connect", |kind, _| !kind.is_empty());
    assert!(late.contains("hora inválida"), "{late}");
    server.site.write(UNIT, &unit.replace("13:00-17:00", "13:00-18:00"));
    events.reload_of("/unidades/secretaria/");
    assert!(text_of(&server.page("/unidades/secretaria/")).contains("13h às 18h"));
    let state = Events::connect(server.port).wait_for("state on connect", |kind, _| kind == "ok" || kind == "error");
    assert_eq!(state, "{}", "fixed: a new tab gets no error");
}

#[test]
fn a_deleted_page_is_gone() {
    let server = Server::serve(site_with_pages());
    let events = server.events();
    assert_eq!(server.get("/paginas/dois/").status, 200);
    std::fs::remove_file(server.site.root().join("content/paginas/dois.md")).unwrap();
    events.reload_of("/paginas/dois/");
    let gone = server.get("/paginas/dois/");
    assert_eq!(gone.status, 404);
    assert!(gone.text().contains("secretaria-live"), "the 404 page follows the rebuilds too");
    assert!(!server.site.output().join("paginas/dois").exists());
    assert!(!text_of(&server.page("/paginas/")).contains("Dois"));
}

#[test]
fn paths_outside_the_output_are_never_served() {
    let site = site_with_pages();
    let secret = "SEGREDO-FORA-DA-SAIDA";
    site.write("segredo.txt", secret);
    let server = Server::serve(site);
    #[cfg(unix)]
    {
        let out = server.site.output();
        std::os::unix::fs::symlink(server.site.root().join("segredo.txt"), out.join("atalho.txt")).unwrap();
        std::os::unix::fs::symlink(server.site.root(), out.join("raiz")).unwrap();
    }
    for probe in [
        "/../segredo.txt",
        "/%2e%2e/segredo.txt",
        "/%2E%2E/segredo.txt",
        "/..%2fsegredo.txt",
        "/paginas/..%2f..%2fsegredo.txt",
        "/paginas/%2e%2e/%2e%2e/segredo.txt",
        "/..%5csegredo.txt",
        "//segredo.txt",
        "/%2fetc%2fpasswd",
        "//etc/passwd",
        "/atalho.txt",
        "/raiz/segredo.txt",
        "/raiz/site.yaml",
    ] {
        let response = server.get(probe);
        assert!((400..500).contains(&response.status), "{probe}: {}", response.status);
        assert!(!response.text().contains(secret) && !response.text().contains("root:"), "{probe}");
    }
    let absolute = format!("http://127.0.0.1:{}/../segredo.txt", server.port);
    assert!(!server.get(&absolute).text().contains(secret));
    assert_eq!(server.get("/paginas/um/").status, 200);
}

#[test]
fn a_site_broken_at_start_is_served_with_the_error_until_fixed() {
    let site = site_with_pages();
    let unit = std::fs::read_to_string(site.root().join(UNIT)).unwrap();
    site.write(UNIT, &unit.replace("13:00-17:00", "13:00-25:00"));
    let server = Server::serve(site);
    let events = Events::connect(server.port);
    let error = events.wait_for("error on connect", |kind, _| kind == "error");
    assert!(error.contains("content/unidades/secretaria.yaml"), "{error}");
    let home = server.get("/");
    assert_eq!(home.status, 404);
    assert!(home.text().contains("secretaria-live"), "the page shows the overlay through the script");
    server.site.write(UNIT, &unit);
    events.wait_for("reload after the fix", |kind, _| kind == "reload");
    assert!(text_of(&server.page("/")).contains("Perdizes"));
}

#[test]
fn a_burst_of_saves_is_one_rebuild_without_errors() {
    let server = Server::serve(site_with_pages());
    let events = server.events();
    let dir = server.site.root().join("content/paginas");
    // Save via rename, as editors do, 100 times in a row (like a `git checkout`).
    for i in 0..100 {
        let swap = dir.join(format!(".p{i}.md.swp"));
        std::fs::write(&swap, format!("---\ntitulo: Página {i}\n---\nTexto {i}.\n")).unwrap();
        std::fs::rename(&swap, dir.join(format!("p{i}.md"))).unwrap();
    }
    events.reload_of("/paginas/p99/");
    for i in [0, 50, 99] {
        assert!(text_of(&server.page(&format!("/paginas/p{i}/"))).contains(&format!("Texto {i}.")));
    }
    let rebuilds = server.log_containing("alteraç").lines().filter(|l| l.contains("alteraç")).count();
    // One batch on a quiet machine; stalls of a loaded machine (CI, parallel tests) may split
    // the burst, but 100 saves must coalesce into a handful of rebuilds, never one per save.
    assert!((1..=10).contains(&rebuilds), "{}", server.log());
    assert!(!server.log().contains("erro"), "{}", server.log());
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = site_with_pages();
    let out = Command::new(env!("CARGO_BIN_EXE_secretaria"))
        .arg("--root")
        .arg(site.root())
        .args(["serve", "--port", &port])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("a porta {port} já está em uso")) && stderr.contains("--port"), "{stderr}");
}

#[test]
fn binding_to_the_network_warns_loudly() {
    let server = Server::start(site_with_pages(), &["serve", "--port", "0", "--bind", "0.0.0.0"]);
    let log = server.log_containing("ATENÇÃO: o servidor está aberto na rede");
    assert!(log.contains("ATENÇÃO: o servidor está aberto na rede"), "{log}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let mut server = Server::serve(site_with_pages());
    let _tab = server.events();
    let status = Command::new("kill").arg("-INT").arg(server.child.id().to_string()).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + TIMEOUT;
    let code = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status.code();
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(0), "{}", server.log());
    let leftovers: Vec<_> = walkdir::WalkDir::new(server.site.output())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".secretaria-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn watch_rebuilds_without_a_server() {
    let server = Server::start(site_with_pages(), &["watch"]);
    let file = server.site.output().join("paginas/um/index.html");
    server.site.write(PAGE, "---\ntitulo: Um\n---\nVisto pelo watch.\n");
    let deadline = Instant::now() + TIMEOUT;
    while !std::fs::read_to_string(&file).unwrap_or_default().contains("Visto pelo watch.") {
        assert!(Instant::now() < deadline, "not rebuilt:\n{}", server.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!std::fs::read_to_string(&file).unwrap().contains("secretaria-live"));
}

#[test]
fn serve_marks_its_output_and_a_build_meanwhile_is_refused() {
    let server = Server::serve(site_with_pages());
    assert!(server.site.output().join(".secretaria").is_file(), "the output is marked as ours");
    let page = server.get("/paginas/um/").body;
    let out = Command::new(env!("CARGO_BIN_EXE_secretaria"))
        .arg("--root")
        .arg(server.site.root())
        .arg("build")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let holder = format!("está sendo usada pelo `secretaria serve` (processo {})", server.child.id());
    assert!(stderr.contains(&holder) && stderr.contains("dica:"), "{stderr}");
    assert_eq!(server.get("/paginas/um/").body, page, "the served output was not swapped");
}

#[test]
fn odd_paths_are_not_found_not_server_errors() {
    let server = Server::serve(site_with_pages());
    #[cfg(unix)]
    {
        let out = server.site.output();
        std::os::unix::fs::symlink(out.join("laco"), out.join("laco")).unwrap();
        std::os::unix::fs::symlink(out.join("vai"), out.join("volta")).unwrap();
        std::os::unix::fs::symlink(out.join("volta"), out.join("vai")).unwrap();
    }
    let long = "a".repeat(256);
    let deep = format!("/{}", "c".repeat(200) + "/").repeat(30);
    let mut wrong = Vec::new();
    for probe in [
        format!("/{long}"),
        format!("/{long}/"),
        format!("/paginas/{}/index.html", "b".repeat(300)),
        format!("/{}", "%C3%A9".repeat(150)),
        deep,
        "/laco".to_string(),
        "/laco/x".to_string(),
        "/vai/".to_string(),
        "/index.html/x".to_string(),
    ] {
        let status = server.get(&probe).status;
        if status != 404 {
            wrong.push(format!("{}…: {status}", &probe[..probe.len().min(40)]));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(server.get("/paginas/um/").status, 200);
}

/// The header value of `name` (headers are lowercased by [`get`]).
fn header<'a>(response: &'a Response, name: &str) -> Option<&'a str> {
    response.headers.lines().find_map(|l| l.strip_prefix(name).and_then(|v| v.strip_prefix(':')).map(str::trim))
}

/// `serve` sends the Content-Security-Policy that docs/hospedagem.md tells IT to send (the
/// same text in the guide, the nginx file and the .htaccess), and the pages it serves need
/// nothing the policy refuses: the reload client is a file of the server, and the theme has no
/// inline script, `<style>` or `style` attribute.
#[test]
fn serve_sends_the_documented_policy_and_the_pages_satisfy_it() {
    let server = Server::serve(site_with_pages());
    let home = server.get("/");
    let policy = header(&home, "content-security-policy").expect("a policy on pages").to_owned();
    assert!(policy.starts_with("default-src 'self'; script-src 'self'; style-src 'self';"), "{policy}");
    assert_eq!(header(&server.get("/nada/"), "content-security-policy"), Some(policy.as_str()), "on the 404 page too");
    for (file, line) in [
        ("docs/hospedagem/nginx.conf", format!("add_header Content-Security-Policy \"{policy}\" always;")),
        ("docs/hospedagem/.htaccess", format!("Header always set Content-Security-Policy \"{policy}\"")),
        ("docs/hospedagem.md", format!("Content-Security-Policy: {policy}")),
    ] {
        let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
        assert!(text.lines().any(|l| l.trim() == line), "{file} does not send the policy of `serve`:\n{line}");
    }
    for path in ["/", "/paginas/um/", "/busca/", "/nada/"] {
        let page = Html::parse_document(&server.get(path).text());
        let data = ["application/ld+json", "application/json"];
        let inline: Vec<_> = page
            .select(&sel("script:not([src])"))
            .filter(|s| !s.value().attr("type").is_some_and(|t| data.contains(&t)))
            .collect();
        assert!(inline.is_empty(), "{path}: inline script {:?}", inline.first().map(|s| s.html()));
        assert_eq!(page.select(&sel("style, [style]")).count(), 0, "{path}: inline style");
        assert!(page.select(&sel("*")).all(|e| e.value().attrs().all(|(name, _)| !name.starts_with("on"))), "{path}");
        let live: Vec<_> = page.select(&sel("script#secretaria-live")).collect();
        assert_eq!(live.len(), 1, "{path}");
        assert_eq!(live[0].value().attr("src"), Some("/__secretaria/live.js"));
    }
    let script = server.get("/__secretaria/live.js");
    assert_eq!((script.status, header(&script, "content-type")), (200, Some("text/javascript; charset=utf-8")));
    assert!(script.text().contains("new EventSource(\"/__secretaria/events\")"), "{}", script.text());
    let style = server.get("/__secretaria/live.css");
    assert_eq!((style.status, header(&style, "content-type")), (200, Some("text/css; charset=utf-8")));
    assert!(style.text().contains("#secretaria-erros"));
    assert_eq!(server.get("/static/css/cores.css").text(), ":root{--cor-primaria:#0b4f8a}\n");
}

/// The whole site's checks are summed up in one line once the server is up. A save that comes
/// while they run is rebuilt without waiting for them (they are given up and run again once
/// the site is quiet), and the line is printed once, whichever came first.
#[test]
fn the_site_checks_are_summed_up_once_even_after_a_save_at_start() {
    let site = site_with_pages();
    site.write(PAGE, "---\ntitulo: Um\n---\nVeja a [página antiga](/antiga/).\n");
    let server = Server::serve(site);
    server.site.write("content/paginas/dois.md", "---\ntitulo: Dois\n---\nSalva logo no início.\n");
    server.log_containing("alteração em content/paginas/dois.md");
    let log = server.log_containing("verificações do site:");
    let summaries: Vec<&str> = log.lines().filter(|l| l.starts_with("verificações do site:")).collect();
    assert_eq!(summaries.len(), 1, "{log}");
    assert!(summaries[0].contains("rode `secretaria check` para ver cada um"), "{log}");
    assert!(log.contains("alteração em content/paginas/dois.md"), "{log}");
    // Quiet again: the summary is not printed a second time.
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(server.log().lines().filter(|l| l.starts_with("verificações do site:")).count(), 1);
}

/// The checks of `check` run in `serve` after each edit, on the saved file: the tab reloads
/// first, then gets them over the page as warnings (never as the error overlay: the page is
/// up to date), the terminal prints them located, and a tab connecting later still sees
/// them until the next good save.
#[test]
fn an_edit_is_checked_after_the_reload_and_warned_over_the_page() {
    let server = Server::serve(site_with_pages());
    let events = server.events();
    server.site.write(PAGE, "---\ntitulo: Um\n---\nTexto.\n\nVeja a [página antiga](/antiga/) e dê um feedback.\n");
    events.reload_of("/paginas/um/");
    let warnings = events.wait_for("warnings", |kind, _| kind == "warnings");
    assert!(warnings.contains("content/paginas/um.md:6") && warnings.contains("/antiga/"), "{warnings}");
    assert!(warnings.contains("S0801") && warnings.contains("S0903"), "{warnings}");
    let log = server.log_containing("aviso[S0801]");
    assert!(log.contains("aviso[S0801]") && log.contains("content/paginas/um.md:6"), "{log}");
    let late = Events::connect(server.port).wait_for("warnings on connect", |kind, _| !kind.is_empty());
    assert!(late.contains("S0801"), "{late}");
    server.site.write(PAGE, "---\ntitulo: Um\n---\nTexto.\n\nVeja a [página dois](dois.md).\n");
    events.reload_of("/paginas/um/");
    // Once the checks of this save have run, a new tab is told all is well.
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let (kind, data) = Events::connect(server.port).first();
        if kind == "ok" {
            break;
        }
        assert!(Instant::now() < deadline, "still {kind}: {data}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
