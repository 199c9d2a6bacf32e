//! Times the search index of a site, phase by phase (not part of the build):
//!     cargo run --release --example search_cost -- SITE_ROOT
use secretaria::pipeline::{load, BuildOptions};
use secretaria::search::{extract, SearchIndex};
use std::time::Instant;

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let options = BuildOptions { root: root.into(), ..BuildOptions::default() };
    let t = Instant::now();
    let Ok(loaded) = load(&options) else { return };
    eprintln!("load {:?}", t.elapsed());
    let t = Instant::now();
    let sources = extract::sources(&loaded.site);
    let mut text = 0usize;
    for s in &sources {
        if let Some(d) = extract::document(&loaded.site, *s) {
            text += d.records.iter().map(|r| r.text.len()).sum::<usize>();
        }
    }
    eprintln!("extract only (1 thread) {:?}, {} docs, {} MB text", t.elapsed(), sources.len(), text / 1_000_000);
    let t = Instant::now();
    let index = SearchIndex::build(&loaded.site);
    eprintln!("build {:?}", t.elapsed());
    let t = Instant::now();
    let mut bytes = 0;
    for b in 0..index.buckets() {
        bytes += index.bucket_json(b).len();
    }
    eprintln!("buckets {:?}, {} KB", t.elapsed(), bytes / 1024);
    let t = Instant::now();
    let mut bytes = 0;
    for d in 0..index.len() {
        bytes += index.doc_json(d).map_or(0, |v| v.len());
    }
    eprintln!("docs {:?}, {} KB", t.elapsed(), bytes / 1024);
}
