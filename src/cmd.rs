//! The commands: each runs the pipeline and reports to the terminal. This is the layer that
//! talks to people, so it alone prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::cli::{BuildArgs, CheckArgs, ImportArgs, ServeArgs, WatchArgs};
use crate::config::{Overrides, Skip};
use crate::dev;
use crate::diagnostics::{report, Diagnostics};
use crate::output::{OutputState, Writer};
use crate::pipeline::{self, BuildOptions, Failure};
use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// How a command ended; `main` maps it to the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    ContentErrors,
    Failed,
}

pub fn build(root: &Path, args: BuildArgs) -> Outcome {
    let Some(source_date_epoch) = source_date_epoch() else { return Outcome::Failed };
    let Some(skip) = bench_skip() else { return Outcome::Failed };
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: args.output,
        overrides: Overrides { base_url: args.base_url, drafts: args.drafts, skip },
        today: None,
        source_date_epoch,
    };
    if args.timings {
        crate::timings::enable();
    }
    let started = Instant::now();
    match pipeline::build_with(&options, &|message| eprintln!("{message}")) {
        Ok(summary) => {
            print_diagnostics(root, &summary.warnings);
            println!(
                "{} geradas em {} ms ({}) → {}",
                plural(summary.pages, "página", "páginas"),
                started.elapsed().as_millis(),
                plural(summary.files, "arquivo", "arquivos"),
                options.output_dir().display()
            );
            if args.timings {
                println!("\n{}", crate::timings::report());
            }
            Outcome::Ok
        }
        Err(failure) => {
            let advice = match &failure {
                Failure::Output(err) => match err.state {
                    OutputState::Untouched => "nada foi gravado nem apagado",
                    OutputState::Intact => "nada foi publicado; a saída anterior continua como estava",
                    OutputState::Displaced => {
                        "nada foi publicado e a pasta de saída NÃO está como estava: siga a dica acima"
                    }
                },
                _ => "nada foi publicado; a saída anterior continua como estava",
            };
            report_failure(root, failure, advice)
        }
    }
}

pub fn check(root: &Path, args: CheckArgs) -> Outcome {
    let Some(source_date_epoch) = source_date_epoch() else { return Outcome::Failed };
    let options = BuildOptions {
        root: root.to_path_buf(),
        overrides: Overrides { base_url: None, drafts: args.drafts, ..Overrides::default() },
        source_date_epoch,
        ..BuildOptions::default()
    };
    let started = Instant::now();
    match pipeline::check(&options) {
        Ok(summary) => {
            print_diagnostics(root, &summary.warnings);
            println!(
                "tudo certo: {} verificadas em {} ms{}",
                plural(summary.pages, "página", "páginas"),
                started.elapsed().as_millis(),
                match summary.warnings.warning_count() {
                    0 => String::new(),
                    n => format!(", {}", plural(n, "aviso", "avisos")),
                }
            );
            Outcome::Ok
        }
        Err(failure) => report_failure(root, failure, "corrija os erros acima e rode de novo"),
    }
}

/// `secretaria importar`: an old page → a draft of content files (see `crate::import`).
pub fn importar(root: &Path, args: ImportArgs) -> Outcome {
    crate::cmd_import::run(root, args)
}

/// `secretaria serve`: build, serve the output on loopback (unless `--bind`), rebuild on every
/// change and reload the open tabs. Content errors never stop it.
pub fn serve(root: &Path, args: ServeArgs) -> Outcome {
    let Some(addr) = bind_address(&args.bind, args.port) else {
        eprintln!("erro: endereço inválido em --bind: {} (use, por exemplo, 127.0.0.1 ou 0.0.0.0)", args.bind);
        return Outcome::Failed;
    };
    // Bind before building: a busy port is known at once, not after a long first build.
    let listener = match std::net::TcpListener::bind(addr) {
        Ok(listener) => listener,
        Err(err) => {
            report_bind_error(&args, &err);
            return Outcome::Failed;
        }
    };
    let port = listener.local_addr().map_or(args.port, |a| a.port());
    if !addr.ip().is_loopback() {
        warn_network(&args.bind, port);
    }
    let Some(options) = dev_options(root, args.output, args.drafts) else { return Outcome::Failed };
    let Some((session, watcher)) = start_session(root, &options, Writer::Serve) else { return Outcome::Failed };
    let reloader = Arc::new(dev::reload::Reloader::default());
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let state = match dev::server::DevState::new(session.output(), reloader.clone(), stopped.clone()) {
        Ok(state) => Arc::new(state),
        Err(err) => {
            eprintln!("erro: não foi possível usar a pasta de saída {}: {err}", session.output().display());
            return Outcome::Failed;
        }
    };
    let Some(runtime) = runtime() else { return Outcome::Failed };
    let host = if addr.ip().is_unspecified() { "127.0.0.1".to_string() } else { addr.ip().to_string() };
    let url = if addr.is_ipv6() && !addr.ip().is_unspecified() {
        format!("http://[{host}]:{port}/")
    } else {
        format!("http://{host}:{port}/")
    };
    let mut session = session;
    first_build(&mut session, Some(&reloader));
    println!("Servindo em {url} — Ctrl+C para parar");
    if args.open {
        open_browser(&url);
    }
    let builder = spawn_loop(session, watcher, stopped, Some(reloader));
    let served = runtime.block_on(async move {
        let mut server = tokio::spawn(dev::server::run(listener, state));
        let result = tokio::select! {
            _ = tokio::signal::ctrl_c() => None,
            result = &mut server => Some(result),
        };
        let _ = stop.send(true);
        match result {
            Some(result) => result,
            None => server.await,
        }
    });
    let _ = builder.join();
    match served {
        Ok(Ok(())) => {
            println!("Servidor parado.");
            Outcome::Ok
        }
        Ok(Err(err)) => {
            eprintln!("erro: o servidor parou: {err}");
            Outcome::Failed
        }
        Err(err) => {
            eprintln!("erro: o servidor parou: {err}");
            Outcome::Failed
        }
    }
}

/// `secretaria watch`: the loop of `serve` without a server.
pub fn watch(root: &Path, args: WatchArgs) -> Outcome {
    let Some(options) = dev_options(root, args.output, args.drafts) else { return Outcome::Failed };
    let Some((mut session, watcher)) = start_session(root, &options, Writer::Watch) else { return Outcome::Failed };
    let Some(runtime) = runtime() else { return Outcome::Failed };
    first_build(&mut session, None);
    println!("Observando {} — Ctrl+C para parar", session.root().display());
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let builder = spawn_loop(session, watcher, stopped, None);
    let signal = runtime.block_on(tokio::signal::ctrl_c());
    let _ = stop.send(true);
    let _ = builder.join();
    match signal {
        Ok(()) => {
            println!("Parado.");
            Outcome::Ok
        }
        Err(err) => {
            eprintln!("erro: não foi possível esperar pelo Ctrl+C: {err}");
            Outcome::Failed
        }
    }
}

fn dev_options(root: &Path, output: Option<std::path::PathBuf>, drafts: bool) -> Option<BuildOptions> {
    Some(BuildOptions {
        root: root.to_path_buf(),
        output,
        overrides: Overrides { base_url: None, drafts, ..Overrides::default() },
        today: None,
        source_date_epoch: source_date_epoch()?,
    })
}

/// `SECRETARIA_BENCH_OFF`: outputs `build` leaves out, only so that `scripts/bench-outputs.sh`
/// can measure what each costs (see [`Skip::parse`]). Not for publishing: a site built with
/// it lacks what the law asks for. `None` after reporting a name it does not know.
fn bench_skip() -> Option<Skip> {
    let Some(value) = std::env::var_os("SECRETARIA_BENCH_OFF") else { return Some(Skip::default()) };
    match Skip::parse(&value.to_string_lossy()) {
        Ok(skip) => Some(skip),
        Err(name) => {
            eprintln!("erro: SECRETARIA_BENCH_OFF: saída desconhecida `{name}`");
            eprintln!("  dica: use sitemap, feed, calendar, data, checksums, dates ou all, separados por vírgula");
            None
        }
    }
}

/// `SOURCE_DATE_EPOCH` (reproducible-builds.org): the build's "now", in seconds since 1970
/// UTC. A malformed value stops the command, as the convention asks, instead of being
/// silently replaced by the clock. `None` (outer) after reporting the problem.
fn source_date_epoch() -> Option<Option<i64>> {
    let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") else { return Some(None) };
    let text = value.to_string_lossy();
    match text.trim().parse::<i64>() {
        Ok(secs) if chrono::DateTime::<chrono::Utc>::from_timestamp(secs, 0).is_some() => Some(Some(secs)),
        _ => {
            eprintln!("erro: SOURCE_DATE_EPOCH inválido: `{text}`");
            eprintln!("  dica: use o número de segundos desde 1970 (por exemplo a data do último commit: `git log -1 --format=%ct`), ou remova a variável");
            None
        }
    }
}

fn start_session(root: &Path, options: &BuildOptions, writer: Writer) -> Option<(dev::Session, dev::Watcher)> {
    // Not a site at all is a usage error (exit 2), as in `build`; content errors never stop `serve`.
    if !options.root.join("site.yaml").is_file() {
        eprintln!("erro: site.yaml não encontrado em {}", options.root.display());
        eprintln!("  dica: rode o comando na pasta do site, use --root PASTA (a pasta do site é a que contém site.yaml e content/)");
        return None;
    }
    let session = match dev::Session::open(options, writer, &|message| eprintln!("{message}")) {
        Ok(session) => session,
        Err(failure) => {
            print_diagnostics(root, &pipeline::failure_diagnostics(failure));
            return None;
        }
    };
    match dev::Watcher::new(session.root(), session.output()) {
        Ok(watcher) => Some((session, watcher)),
        Err(err) => {
            eprintln!("erro: {err:#}");
            None
        }
    }
}

fn runtime() -> Option<tokio::runtime::Runtime> {
    match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => Some(runtime),
        Err(err) => {
            eprintln!("erro: não foi possível iniciar o servidor: {err}");
            None
        }
    }
}

fn bind_address(bind: &str, port: u16) -> Option<SocketAddr> {
    let bind = bind.trim().trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bind.parse::<IpAddr>() {
        return Some(SocketAddr::new(ip, port));
    }
    (bind, port).to_socket_addrs().ok()?.next()
}

fn report_bind_error(args: &ServeArgs, err: &std::io::Error) {
    let port = args.port;
    match err.kind() {
        std::io::ErrorKind::AddrInUse => {
            eprintln!("erro: a porta {port} já está em uso em {}: outro programa (talvez outro `secretaria serve`) está usando essa porta.", args.bind);
            eprintln!(
                "  dica: escolha outra porta com --port, por exemplo: secretaria serve --port {}",
                port.wrapping_add(1).max(1024)
            );
        }
        std::io::ErrorKind::PermissionDenied => {
            eprintln!("erro: sem permissão para usar a porta {port} em {}.", args.bind);
            eprintln!("  dica: portas abaixo de 1024 exigem administrador; use, por exemplo, --port 1111");
        }
        std::io::ErrorKind::AddrNotAvailable => {
            eprintln!("erro: o endereço {} não pertence a este computador.", args.bind);
            eprintln!("  dica: rode sem --bind para ver o site só neste computador (127.0.0.1)");
        }
        _ => eprintln!("erro: não foi possível abrir o servidor em {}:{port}: {err}", args.bind),
    }
}

fn warn_network(bind: &str, port: u16) {
    let line = "!".repeat(78);
    eprintln!("{line}");
    eprintln!("ATENÇÃO: o servidor está aberto na rede (--bind {bind}, porta {port}).");
    eprintln!("Qualquer pessoa que alcance este computador pode ver o site em preparação,");
    eprintln!("inclusive os rascunhos e o que ainda não foi publicado.");
    eprintln!("Para ver só neste computador, rode sem --bind (ou com --bind 127.0.0.1).");
    eprintln!("{line}");
}

/// Opens the default browser; a failure only means the editor opens it by hand.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("aviso: não foi possível abrir o navegador; abra {url}");
    }
}

fn first_build(session: &mut dev::Session, reloader: Option<&dev::reload::Reloader>) {
    let root = session.root().to_path_buf();
    match session.build() {
        Ok(report) => {
            print_diagnostics(&root, &report.warnings);
            println!(
                "{} geradas em {} ms ({} {}) → {}",
                plural(report.pages, "página", "páginas"),
                report.elapsed.as_millis(),
                plural(report.written.len(), "arquivo", "arquivos"),
                if report.written.len() == 1 { "gravado" } else { "gravados" },
                session.output().display()
            );
            if let Some(reloader) = reloader {
                reloader.built(&[], &|_| false);
            }
        }
        Err(failure) => report_dev_failure(&root, failure, reloader),
    }
}

fn spawn_loop(
    mut session: dev::Session,
    mut watcher: dev::Watcher,
    stopped: tokio::sync::watch::Receiver<bool>,
    reloader: Option<Arc<dev::reload::Reloader>>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let root = session.root().to_path_buf();
        while let Some(batch) = watcher.next_batch(&|| *stopped.borrow()) {
            match session.rebuild(&batch) {
                Ok(report) => {
                    report_rebuild(&root, &report);
                    if let Some(reloader) = &reloader {
                        let files: Vec<String> = report.written.iter().chain(&report.removed).cloned().collect();
                        let pages = session.pages();
                        reloader.built(&files, &|path| pages.contains(path));
                    }
                }
                Err(failure) => report_dev_failure(&root, failure, reloader.as_deref()),
            }
        }
    })
}

/// "alteração em content/x.md: 3 páginas regeradas em 12 ms".
fn report_rebuild(root: &Path, report: &dev::Report) {
    if report.changes.is_empty() && report.written.is_empty() && report.removed.is_empty() {
        return;
    }
    let changed: BTreeSet<&Path> = report.changes.iter().map(|p| p.as_path()).collect();
    let mut warnings = Diagnostics::new();
    for warning in report.warnings.iter().filter(|d| d.file.as_deref().is_some_and(|f| changed.contains(f))) {
        warnings.push(warning.clone());
    }
    print_diagnostics(root, &warnings);
    let what = match report.changes.as_slice() {
        [] => "alteração".to_string(),
        [one] => format!("alteração em {}", one.display()),
        [a, b] => format!("alterações em {} e {}", a.display(), b.display()),
        [a, rest @ ..] => format!("{} alterações ({} e mais {})", rest.len() + 1, a.display(), rest.len()),
    };
    let mut done = vec![format!(
        "{} {}",
        plural(report.pages, "página", "páginas"),
        if report.pages == 1 { "regerada" } else { "regeradas" }
    )];
    let files = report.written.len();
    if files != report.pages {
        done.push(format!(
            "{} {}",
            plural(files, "arquivo", "arquivos"),
            if files == 1 { "gravado" } else { "gravados" }
        ));
    }
    if !report.removed.is_empty() {
        let n = report.removed.len();
        done.push(format!("{} {}", plural(n, "arquivo", "arquivos"), if n == 1 { "removido" } else { "removidos" }));
    }
    let mut line = format!("{what}: {} em {} ms", done.join(", "), report.elapsed.as_millis());
    if std::env::var_os("SECRETARIA_TEMPOS").is_some() {
        let mut phases: Vec<String> =
            report.phases.iter().map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1e3)).collect();
        if report.full {
            phases.push("tudo regerado".into());
        }
        line.push_str(&format!(" ({})", phases.join(", ")));
    }
    println!("{line}");
}

fn report_dev_failure(root: &Path, failure: Failure, reloader: Option<&dev::reload::Reloader>) {
    let diagnostics = pipeline::failure_diagnostics(failure);
    print_diagnostics(root, &diagnostics);
    let errors = diagnostics.error_count().max(1);
    let next = if reloader.is_some() {
        "o servidor continua com a última versão boa"
    } else {
        "a saída continua com a última versão boa"
    };
    eprintln!(
        "{}; {next} — corrija e salve para tentar de novo",
        plural(errors, "erro encontrado", "erros encontrados")
    );
    if let Some(reloader) = reloader {
        reloader.failed(report::render_html(&diagnostics));
    }
}

fn report_failure(root: &Path, failure: Failure, advice: &str) -> Outcome {
    let outcome = match failure {
        Failure::Content(_) => Outcome::ContentErrors,
        Failure::Io(_) | Failure::Usage(_) | Failure::Output(_) => Outcome::Failed,
    };
    let diagnostics = pipeline::failure_diagnostics(failure);
    print_diagnostics(root, &diagnostics);
    let errors = diagnostics.error_count().max(1);
    eprintln!("{}; {advice}", plural(errors, "erro encontrado", "erros encontrados"));
    outcome
}

fn print_diagnostics(root: &Path, diagnostics: &Diagnostics) {
    if diagnostics.is_empty() {
        return;
    }
    let read = |rel: &Path| std::fs::read_to_string(root.join(rel)).ok();
    eprint!("{}", report::render_terminal(diagnostics, &read));
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
