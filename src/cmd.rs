//! The commands: each runs the pipeline and reports to the terminal. This is the layer that
//! talks to people, so it alone prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::checklist::Checklist;
use crate::cli::{AjudaArgs, BuildArgs, CheckArgs, Format, ImportArgs, NewArgs, ServeArgs, WatchArgs};
use crate::config::{Overrides, Skip};
use crate::dev;
use crate::diagnostics::{json, report, Diagnostics};
use crate::output::{OutputState, Writer};
use crate::pipeline::{self, BuildOptions, Failure};
use crate::plain::Readability;
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
        skip_site_checks: args.skip_site_checks,
    };
    if args.timings {
        crate::timings::enable();
    }
    let started = Instant::now();
    let format = args.format;
    let mode = crate::cache::Mode { full: args.no_cache, clock: None };
    match crate::cache::build(&options, mode, &|message| eprintln!("{message}")) {
        Ok(summary) => {
            report_diagnostics(root, &summary.warnings, format);
            let (pages, files) =
                (plural(summary.pages, "página", "páginas"), plural(summary.files, "arquivo", "arquivos"));
            let output = options.output_dir();
            let ms = started.elapsed().as_millis();
            if summary.unchanged {
                // Nothing was generated: say what the output already has, not "geradas".
                status(format, "Nada mudou desde a última geração; nenhum arquivo foi gravado (use --no-cache para gerar tudo de novo).");
                let already = if summary.pages == 1 { "já está atualizada" } else { "já estão atualizadas" };
                let line = format!("{pages} ({files}) {already} em {}; verificado em {ms} ms", output.display());
                status(format, &line);
            } else {
                status(format, &format!("{pages} geradas em {ms} ms ({files}) → {}", output.display()));
            }
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
            report_failure(root, failure, advice, format)
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
    let format = args.format;
    let audit = pipeline::audit(&options);
    let extra = Extra { checklist: audit.checklist, readability: audit.readability };
    match audit.result {
        Ok(summary) => {
            report_audit(root, &summary.warnings, &extra, format);
            let warnings = summary.warnings.warning_count();
            status(
                format,
                &format!(
                    "tudo certo: {} verificadas em {} ms{}",
                    plural(summary.pages, "página", "páginas"),
                    started.elapsed().as_millis(),
                    match warnings {
                        0 => String::new(),
                        n => format!(", {}", plural(n, "aviso", "avisos")),
                    }
                ),
            );
            if args.strict && warnings > 0 {
                eprintln!("--strict: os avisos contam como erros");
                return Outcome::ContentErrors;
            }
            Outcome::Ok
        }
        Err(failure) => {
            let outcome = match failure {
                Failure::Content(_) => Outcome::ContentErrors,
                Failure::Io(_) | Failure::Usage(_) | Failure::Output(_) => Outcome::Failed,
            };
            let diagnostics = pipeline::failure_diagnostics(failure);
            report_audit(root, &diagnostics, &extra, format);
            let errors = diagnostics.error_count().max(1);
            eprintln!(
                "{}; corrija os erros acima e rode de novo",
                plural(errors, "erro encontrado", "erros encontrados")
            );
            outcome
        }
    }
}

/// What `check` reports after the diagnostics.
struct Extra {
    checklist: Option<Checklist>,
    readability: Option<Readability>,
}

/// `check`'s report: the diagnostics, then the readability and the checklist (text), or one
/// JSON document with all of them.
fn report_audit(root: &Path, diagnostics: &Diagnostics, extra: &Extra, format: Format) {
    match format {
        Format::Text => {
            print_diagnostics(root, diagnostics);
            if let Some(readability) = &extra.readability {
                print!("{}", readability.to_text());
            }
            if let Some(checklist) = &extra.checklist {
                print!("{}", checklist.to_text());
            }
        }
        Format::Json => {
            let mut document = json::Document::new(diagnostics);
            document.checklist = extra.checklist.clone();
            document.legibilidade = extra.readability.clone();
            println!("{}", json::render(&document));
        }
    }
}

/// `secretaria importar`: an old page → a draft of content files (see `crate::import`).
pub fn importar(root: &Path, args: ImportArgs) -> Outcome {
    crate::cmd_import::run(root, args)
}

/// `secretaria new PASTA`: the starter site (the folder is the argument, not `--root`).
pub fn new_site(args: NewArgs) -> Outcome {
    crate::cmd_new::run(&args.dir)
}

/// `secretaria ajuda`: the embedded editors' guide, served and opened (or only built).
pub fn ajuda(args: AjudaArgs) -> Outcome {
    crate::cmd_ajuda::run(args)
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
    let state = match dev::server::DevState::new(session.output(), reloader.clone(), stopped.clone(), session.gate()) {
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
    let checks = !args.skip_site_checks;
    first_build(&mut session, Some(&reloader));
    println!("Servindo em {url} — Ctrl+C para parar");
    if args.open {
        open_browser(&url);
    }
    let builder = spawn_loop(session, watcher, stopped, Some(reloader), checks);
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
    let builder = spawn_loop(session, watcher, stopped, None, true);
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
        skip_site_checks: false,
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
    match session.build() {
        Ok(report) => {
            print_diagnostics_from(&report.warnings, &|rel| session.source_text(rel));
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
        Err(failure) => report_dev_failure(failure, &|rel| session.source_text(rel), reloader),
    }
}

/// The checks of `check` after a good rebuild, on the `changed` files: run once the tabs were
/// told to reload, printed, and shown over the page as warnings. Given up as soon as the
/// watcher sees another change (its rebuild must not wait behind checks it makes stale):
/// `false` then, and the files are checked with the next rebuild's.
fn report_dev_checks(
    session: &dev::Session,
    watcher: &mut dev::Watcher,
    changed: &[std::path::PathBuf],
    reloader: Option<&dev::reload::Reloader>,
) -> bool {
    let Some(found) = check_unless_changed(session, watcher, Some(changed)) else { return false };
    // Here a citizen meets nothing yet: the last good site is served; all are warnings.
    let found = found.as_warnings();
    print_diagnostics_from(&found, &|rel| session.source_text(rel));
    if let Some(reloader) = reloader {
        reloader.warned((!found.is_empty()).then(|| report::render_html_of(&found, None)));
    }
    true
}

/// The session's checks of the `changed` files (all files: `None`), run beside the watcher
/// and given up as soon as it sees a change: `None` then.
fn check_unless_changed(
    session: &dev::Session,
    watcher: &mut dev::Watcher,
    changed: Option<&[std::path::PathBuf]>,
) -> Option<Diagnostics> {
    let cancel = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let checking = scope.spawn(|| session.check(changed, &|| cancel.load(std::sync::atomic::Ordering::Relaxed)));
        while !checking.is_finished() {
            if watcher.changed_within(std::time::Duration::from_millis(5)) {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
        checking.join().ok().flatten()
    })
}

/// How long the site stays without a change before the whole site's checks start: an editor
/// saving every few seconds gets them in a pause, and saves in quick succession are not
/// slowed by checks started and given up between them.
const SUMMARY_AFTER_QUIET: std::time::Duration = std::time::Duration::from_secs(1);

/// Whether the watcher saw no change for `quiet` (`false` at once on a change or when
/// `stopped`).
fn quiet_for(watcher: &mut dev::Watcher, quiet: std::time::Duration, stopped: &dyn Fn() -> bool) -> bool {
    let until = std::time::Instant::now() + quiet;
    while std::time::Instant::now() < until {
        if stopped() || watcher.changed_within(std::time::Duration::from_millis(50)) {
            return false;
        }
    }
    true
}

/// The checks of the whole site once `serve` or `watch` has started (after the server is up):
/// one line of counts, not thousands of warnings; `check` lists them, and each file saved
/// from now on is shown in full. Started after a second without changes ([`quiet_for`]) and
/// given up, as the checks of a save are, when the watcher sees a change (an editor who saves
/// right after starting does not wait for the whole site's checks): `false` then, and the loop
/// tries again after the next quiet second.
fn report_dev_checks_summary(session: &dev::Session, watcher: &mut dev::Watcher) -> bool {
    let Some(found) = check_unless_changed(session, watcher, None) else { return false };
    if found.is_empty() {
        return true;
    }
    let mut by_code: std::collections::BTreeMap<crate::diagnostics::Code, usize> = std::collections::BTreeMap::new();
    for d in found.iter() {
        *by_code.entry(d.code).or_default() += 1;
    }
    let counts: Vec<String> = by_code.iter().map(|(code, n)| format!("{} {n}", code.title())).collect();
    eprintln!(
        "verificações do site: {} ({}); rode `secretaria check` para ver cada um",
        plural(found.iter().count(), "aviso", "avisos"),
        counts.join(", ")
    );
    true
}

fn spawn_loop(
    mut session: dev::Session,
    mut watcher: dev::Watcher,
    stopped: tokio::sync::watch::Receiver<bool>,
    reloader: Option<Arc<dev::reload::Reloader>>,
    checks: bool,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        // The whole site's checks, until they once run to the end without a change arriving.
        let mut summary_due = checks;
        // Changed files whose checks were given up for a newer change, or not run yet.
        let mut unchecked: BTreeSet<std::path::PathBuf> = BTreeSet::new();
        loop {
            if summary_due
                && quiet_for(&mut watcher, SUMMARY_AFTER_QUIET, &|| *stopped.borrow())
                && report_dev_checks_summary(&session, &mut watcher)
            {
                summary_due = false;
            }
            let Some(batch) = watcher.next_batch(&|| *stopped.borrow()) else { break };
            match session.rebuild(&batch) {
                Ok(report) => {
                    report_rebuild(&report, &|rel| session.source_text(rel));
                    if let Some(reloader) = &reloader {
                        let files: Vec<String> = report.written.iter().chain(&report.removed).cloned().collect();
                        let pages = session.pages();
                        reloader.built(&files, &|path| pages.is_some_and(|p| p.contains(path)));
                    }
                    if checks {
                        unchecked.extend(report.changes.iter().cloned());
                    }
                    if !unchecked.is_empty() {
                        let changed: Vec<std::path::PathBuf> = unchecked.iter().cloned().collect();
                        if report_dev_checks(&session, &mut watcher, &changed, reloader.as_deref()) {
                            unchecked.clear();
                        }
                    }
                }
                Err(failure) => report_dev_failure(failure, &|rel| session.source_text(rel), reloader.as_deref()),
            }
        }
    })
}

/// "alteração em content/x.md: 3 páginas regeradas em 12 ms".
fn report_rebuild(report: &dev::Report, read: &dyn Fn(&Path) -> Option<String>) {
    if report.changes.is_empty() && report.written.is_empty() && report.removed.is_empty() {
        return;
    }
    let changed: BTreeSet<&Path> = report.changes.iter().map(|p| p.as_path()).collect();
    let mut warnings = Diagnostics::new();
    for warning in report.warnings.iter().filter(|d| d.file.as_deref().is_some_and(|f| changed.contains(f))) {
        warnings.push(warning.clone());
    }
    print_diagnostics_from(&warnings, read);
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
        if report.spliced {
            phases.push("modelo emendado".into());
        }
        line.push_str(&format!(" ({})", phases.join(", ")));
    }
    println!("{line}");
}

fn report_dev_failure(
    failure: Failure,
    read: &dyn Fn(&Path) -> Option<String>,
    reloader: Option<&dev::reload::Reloader>,
) {
    let diagnostics = pipeline::failure_diagnostics(failure);
    print_diagnostics_from(&diagnostics, read);
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

fn report_failure(root: &Path, failure: Failure, advice: &str, format: Format) -> Outcome {
    let outcome = match failure {
        Failure::Content(_) => Outcome::ContentErrors,
        Failure::Io(_) | Failure::Usage(_) | Failure::Output(_) => Outcome::Failed,
    };
    let diagnostics = pipeline::failure_diagnostics(failure);
    report_diagnostics(root, &diagnostics, format);
    let errors = diagnostics.error_count().max(1);
    eprintln!("{}; {advice}", plural(errors, "erro encontrado", "erros encontrados"));
    outcome
}

/// The diagnostics of `build` or `check` in the chosen format: text on stderr, or the one JSON
/// document on stdout (printed even when empty, so that a reader always gets a document).
fn report_diagnostics(root: &Path, diagnostics: &Diagnostics, format: Format) {
    match format {
        Format::Text => print_diagnostics(root, diagnostics),
        Format::Json => println!("{}", json::render(&json::Document::new(diagnostics))),
    }
}

/// A line for people: on stdout with text, on stderr with JSON (stdout is the document).
fn status(format: Format, line: &str) {
    match format {
        Format::Text => println!("{line}"),
        Format::Json => eprintln!("{line}"),
    }
}

fn print_diagnostics(root: &Path, diagnostics: &Diagnostics) {
    print_diagnostics_from(diagnostics, &|rel: &Path| std::fs::read_to_string(root.join(rel)).ok());
}

/// [`print_diagnostics`] quoting the files' lines as `read` gives them (`serve` and `watch`:
/// the texts the rebuild parsed, see [`dev::Session::source_text`]).
fn print_diagnostics_from(diagnostics: &Diagnostics, read: &dyn Fn(&Path) -> Option<String>) {
    if diagnostics.is_empty() {
        return;
    }
    eprint!("{}", report::render_terminal(diagnostics, read));
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
