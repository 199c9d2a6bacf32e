//! Benchmark (not a test): what it would cost to pass every Markdown fragment through the
//! sanitiser, as against the event filter that makes Markdown without raw HTML safe (only a
//! text with raw HTML is sanitised). Renders every `.md` body under a folder (e.g. a site of
//! `scripts/bench.sh`), then times, single-threaded, the Markdown rendering, ammonia with the
//! default policy and the minifier over the same fragments; with `--pagina FILE` also one
//! large page (peak memory: run it under `/usr/bin/time -v`).
//!
//!     cargo run --release --example sanitise_cost -- bench-out/site-plain-10000/content
//!     /usr/bin/time -v target/release/examples/sanitise_cost --pagina grande.md
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use secretaria::markdown::{render, sanitise, MarkdownOptions};
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn body(path: &std::path::Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    secretaria::source::frontmatter::split(&text).map_or(text.clone(), |split| split.body.to_string())
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = MarkdownOptions { root: "../", source_dir: "", allow_html: false, top_heading: 2, glossary: None };
    if let [flag, file] = args.as_slice() {
        if flag == "--pagina" {
            let text = body(std::path::Path::new(file));
            let (html, md) = timed(|| render(&text, options));
            let (clean, amm) = timed(|| sanitise::clean(&html, false));
            println!(
                "{} MB of HTML: Markdown {md:.2?}, sanitiser {amm:.2?} ({} MB out)",
                html.len() >> 20,
                clean.len() >> 20
            );
            return;
        }
    }
    let dir = args.first().map_or("bench-out/site-plain-10000/content", String::as_str);
    let bodies: Vec<String> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| body(e.path()))
        .collect();
    for round in 1..=3 {
        let (htmls, md) = timed(|| bodies.iter().map(|b| render(b, options)).collect::<Vec<_>>());
        let (_, amm) = timed(|| htmls.iter().map(|h| sanitise::clean(h, false).len()).sum::<usize>());
        let (_, min) =
            timed(|| htmls.iter().map(|h| secretaria::output::minify::html(h.as_bytes()).len()).sum::<usize>());
        let mb = htmls.iter().map(String::len).sum::<usize>() >> 20;
        println!(
            "round {round}: {} fragments, {mb} MB of HTML: Markdown {md:.2?}, sanitiser {amm:.2?}, minifier {min:.2?}",
            bodies.len()
        );
    }
}
