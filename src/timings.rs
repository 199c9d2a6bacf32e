//! `build --timings`: where the time of a build goes, so that anyone can see the next
//! bottleneck. Two tables: the stages of the build, in wall-clock time (they run one after the
//! other on the main thread), and the work inside the render stage, summed over the threads
//! that do it in parallel.
//!
//! Measurement only: nothing here changes what is built. It is off unless `--timings` turns it
//! on, and then costs two clock reads per measured section. A process-wide recorder (rather
//! than one passed through every function) keeps the stages' signatures as they are; the
//! sections measured are few and named here.
//!
//! Work times are the CPU time of the thread that does the work (on Linux; elsewhere wall-clock
//! time), so that a loaded machine does not inflate them. They are *exclusive*: a section measured inside another (the Markdown of a page
//! inside the page's render, the search analysis of its documents) is taken out of the
//! enclosing one, so that the rows add up to the total.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The stages of a build, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// `site.yaml`, `content/`, the list of `static/` and the theme's files read from disk.
    Read,
    /// YAML and front matter parsed, the model built and validated, the theme compiled.
    Parse,
    /// The render plan: every output and its dependencies.
    Plan,
    /// The files published as they are (theme, `static/`, attachments) copied.
    Statics,
    /// Every route rendered, in parallel (see [`Work`]).
    Render,
    /// What is made from the other files' bytes (`SHA256SUMS`).
    Finish,
    /// The rendered site checked (links, fragments, images, headings; see `sitecheck`).
    Checks,
    /// The staging folder swapped in for the output.
    Publish,
}

impl Stage {
    const ALL: [Stage; 8] = [
        Stage::Read,
        Stage::Parse,
        Stage::Plan,
        Stage::Statics,
        Stage::Render,
        Stage::Finish,
        Stage::Checks,
        Stage::Publish,
    ];

    fn label(self) -> &'static str {
        match self {
            Stage::Read => "leitura dos arquivos",
            Stage::Parse => "análise (YAML, Markdown do cabeçalho, modelo, tema)",
            Stage::Plan => "plano de saída",
            Stage::Statics => "cópia dos arquivos estáticos",
            Stage::Render => "geração (em paralelo)",
            Stage::Finish => "SHA256SUMS",
            Stage::Checks => "verificação do site gerado",
            Stage::Publish => "publicação (troca da pasta)",
        }
    }
}

/// The work inside the render stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Views and Tera templates of the pages (what is left of a page's render once the rest
    /// below is taken out).
    Pages,
    /// Markdown to HTML (pulldown-cmark, the safety filter, the sanitiser).
    Markdown,
    /// minify-html.
    Minify,
    /// The search documents analysed and the index's files.
    Search,
    /// Sitemap, robots, feed, calendars and open data files.
    Data,
    /// Files written into the staging folder (hashed on the way).
    Write,
}

impl Work {
    const ALL: [Work; 6] = [Work::Pages, Work::Markdown, Work::Minify, Work::Search, Work::Data, Work::Write];

    fn label(self) -> &'static str {
        match self {
            Work::Pages => "páginas (visões e modelos Tera)",
            Work::Markdown => "Markdown",
            Work::Minify => "minificação",
            Work::Search => "busca",
            Work::Data => "sitemap, feeds e dados abertos",
            Work::Write => "gravação",
        }
    }
}

static ENABLED: AtomicBool = AtomicBool::new(false);
static STAGES: [AtomicU64; Stage::ALL.len()] = [const { AtomicU64::new(0) }; Stage::ALL.len()];
static WORK: [AtomicU64; Work::ALL.len()] = [const { AtomicU64::new(0) }; Work::ALL.len()];

thread_local! {
    /// Nanoseconds measured by sections nested in the one running on this thread.
    static INNER: Cell<u64> = const { Cell::new(0) };
}

/// Turns measurement on (and clears what an earlier build of this process measured).
pub fn enable() {
    for slot in STAGES.iter().chain(WORK.iter()) {
        slot.store(0, Ordering::Relaxed);
    }
    ENABLED.store(true, Ordering::Relaxed);
}

fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// Runs `f` as `stage` (wall-clock, on the calling thread).
pub fn stage<T>(stage: Stage, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let out = f();
    if let Some(slot) = Stage::ALL.iter().position(|s| *s == stage).and_then(|i| STAGES.get(i)) {
        slot.fetch_add(nanos(start.elapsed()), Ordering::Relaxed);
    }
    out
}

/// Nanoseconds of CPU time this thread has used.
#[cfg(target_os = "linux")]
fn thread_clock() -> u64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    u64::try_from(t.tv_sec)
        .unwrap_or(0)
        .saturating_mul(1_000_000_000)
        .saturating_add(u64::try_from(t.tv_nsec).unwrap_or(0))
}

/// Elsewhere, wall-clock nanoseconds since the first call.
#[cfg(not(target_os = "linux"))]
fn thread_clock() -> u64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    nanos(START.get_or_init(Instant::now).elapsed())
}

/// Runs `f` as `work`, exclusive of the sections measured inside it.
pub fn work<T>(work: Work, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let outer = INNER.with(|c| c.replace(0));
    let start = thread_clock();
    let out = f();
    let total = thread_clock().saturating_sub(start);
    let nested = INNER.with(Cell::get);
    if let Some(slot) = Work::ALL.iter().position(|w| *w == work).and_then(|i| WORK.get(i)) {
        slot.fetch_add(total.saturating_sub(nested), Ordering::Relaxed);
    }
    INNER.with(|c| c.set(outer.saturating_add(total)));
    out
}

/// The tables, in Portuguese, for the terminal.
pub fn report() -> String {
    let secs = |n: u64| format!("{:.3} s", n as f64 / 1e9).replace('.', ",");
    let stages: Vec<(&str, u64)> =
        Stage::ALL.iter().zip(&STAGES).map(|(s, slot)| (s.label(), slot.load(Ordering::Relaxed))).collect();
    let work: Vec<(&str, u64)> =
        Work::ALL.iter().zip(&WORK).map(|(w, slot)| (w.label(), slot.load(Ordering::Relaxed))).collect();
    let width = stages.iter().chain(&work).map(|(l, _)| l.chars().count()).max().unwrap_or(0) + 2;
    let row = |label: &str, n: u64, indent: &str| {
        format!("{indent}{label}{} {:>10}\n", " ".repeat(width.saturating_sub(label.chars().count())), secs(n))
    };
    let mut out = String::from("Tempos da geração (--timings)\n\nEtapas, tempo de relógio:\n");
    for (label, n) in &stages {
        out.push_str(&row(label, *n, "  "));
    }
    out.push_str(&row("total", stages.iter().map(|(_, n)| n).sum(), "  "));
    let threads = rayon::current_num_threads();
    let clock = if cfg!(target_os = "linux") { "tempo de CPU" } else { "tempo de relógio" };
    out.push_str(&format!("\nDentro da geração, {clock} somado nas {threads} threads:\n"));
    for (label, n) in &work {
        out.push_str(&row(label, *n, "  "));
    }
    out.push_str(&row("total", work.iter().map(|(_, n)| n).sum(), "  "));
    out
}
