//! Benchmark (not a test): the floor the chosen libraries put under a build, to set beside
//! secretaria's and Zola's in one paired run (`scripts/bench-floor.sh`). For every Markdown
//! file of a site, on all cores as `build` renders: read it, parse its front matter with
//! serde_yaml, render its body with pulldown-cmark (the build's options, its own HTML writer),
//! hash the HTML with SHA-256 and write it to `OUT/<n>/index.html`. Nothing else a published
//! site needs is done (no template, no listing, no search, no feed, no check, no chrome):
//! whatever a real build adds, it adds to this. The body is not minified, as `build` does not
//! minify it either (`render::fragments`: the Markdown writer's HTML is already compact);
//! `MINIFY=1` runs minify-html on it too, to show what that step would cost.
//!
//!     cargo run --release --example floor -- SITE OUT
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use rayon::prelude::*;
use sha2::Digest as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Nanoseconds spent in each step, summed over the threads: read, YAML, Markdown, minify,
/// SHA-256, write.
static STEPS: [AtomicU64; 6] = [const { AtomicU64::new(0) }; 6];
const NAMES: [&str; 6] =
    ["leitura", "YAML (serde_yaml)", "Markdown (pulldown-cmark)", "minificação (minify-html)", "SHA-256", "gravação"];

/// Runs `f`, adding its time to step `i`.
fn step<T>(i: usize, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    STEPS[i].fetch_add(u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX), Ordering::Relaxed);
    value
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The front matter and the body of a page (`---` lines around the YAML).
fn split(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("---\n") else { return ("", text) };
    match rest.find("\n---\n") {
        Some(end) => (&rest[..end], &rest[end + 5..]),
        None => ("", text),
    }
}

fn page(file: &Path, out: &Path, n: usize) -> [u8; 32] {
    let bytes = step(0, || std::fs::read(file).expect("read"));
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let (yaml, body) = split(text);
    let front: serde_yaml::Value = step(1, || serde_yaml::from_str(yaml).expect("YAML"));
    std::hint::black_box(&front);
    let options = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES;
    let html = step(2, || {
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(body, options));
        html
    });
    let minified = if std::env::var_os("MINIFY").is_some() {
        step(3, || minify_html::minify(html.as_bytes(), &secretaria::output::minify::config()))
    } else {
        html.into_bytes()
    };
    let digest: [u8; 32] = step(4, || sha2::Sha256::digest(&minified).into());
    step(5, || {
        let dir = out.join(n.to_string());
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("index.html"), &minified).expect("write");
    });
    digest
}

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let (Some(site), Some(out)) = (args.first(), args.get(1)) else {
        panic!("uso: floor SITE OUT");
    };
    let files: Vec<PathBuf> = walkdir::WalkDir::new(site.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let digests: Vec<[u8; 32]> = files.par_iter().enumerate().map(|(n, f)| page(f, out, n)).collect();
    let mut sums = String::with_capacity(digests.len() * 80);
    for (n, d) in digests.iter().enumerate() {
        for b in d {
            sums.push_str(&format!("{b:02x}"));
        }
        sums.push_str(&format!("  {n}/index.html\n"));
    }
    std::fs::write(out.join("SHA256SUMS"), sums).expect("write");
    println!("{} páginas; tempo somado nas threads:", files.len());
    for (name, nanos) in NAMES.iter().zip(&STEPS) {
        println!("  {name:<28} {:>7.3} s", nanos.load(Ordering::Relaxed) as f64 / 1e9);
    }
}
