//! What each machine-readable output costs to produce, measured inside one process: each
//! piece of work done on one thread, repeated, the fastest run kept (on a shared machine the
//! slower runs measure the neighbours). Used by `examples/outputs_cost.rs` and
//! `scripts/bench-outputs.sh`; not part of the tool.

use crate::pipeline::{self, BuildOptions, Failure};
use crate::render::checksums;
use crate::render::routes::{Route, RouteKind, SiteFile};
use crate::render::Renderer;
use crate::source;
use std::time::{Duration, Instant};

/// The fastest of `repeats` runs of `work`.
fn fastest(repeats: usize, mut work: impl FnMut()) -> Duration {
    (0..repeats.max(1))
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// One measured piece of work.
#[derive(Debug, Clone)]
pub struct Cost {
    /// What it is, in Portuguese.
    pub what: String,
    /// How many files it writes.
    pub files: usize,
    pub time: Duration,
}

/// The routes of `plan` that `wanted` picks.
fn routes(plan: &[Route], wanted: impl Fn(&Route) -> bool) -> Vec<&Route> {
    plan.iter().filter(|r| wanted(r)).collect()
}

/// The cost of every output of the site at `options.root`: reading the dates, rendering the
/// sitemap, the feed, the agenda, the open data, hashing every file for SHA256SUMS; and, to
/// compare, rendering every other route.
pub fn output_costs(options: &BuildOptions, repeats: usize) -> Result<Vec<Cost>, Failure> {
    let mut costs = Vec::new();
    let mut ignored = crate::diagnostics::Diagnostics::new();
    // The dates: what `read_site` adds to reading the files — the modification time of each
    // (here on one thread; `read_site` takes it on every core, with the read) and git's answer.
    let read = source::read_site_with(&options.root, &mut ignored, true);
    let paths: Vec<std::path::PathBuf> = read.times.keys().map(|rel| options.root.join(rel)).collect();
    let time = fastest(repeats, || {
        for path in &paths {
            std::hint::black_box(source::dates::mtime(path));
        }
    });
    costs.push(Cost { what: "datas: data de modificação de cada arquivo".into(), files: paths.len(), time });
    let time = fastest(repeats, || drop(source::dates::committed(&options.root, |p| read.times.contains_key(p))));
    costs.push(Cost { what: "datas: git (ls-files, log, diff)".into(), files: read.times.len(), time });
    let loaded = pipeline::load(options)?;
    let (site, theme) = (&loaded.site, &loaded.theme);
    let plan = pipeline::plan(site);
    let renderer = Renderer::new(site, theme);
    let minifier = crate::output::minify::Minifier::new();
    let render_all = |label: &str, list: Vec<&Route>| {
        let time = fastest(repeats, || {
            for route in &list {
                let _ = pipeline::render_route(&renderer, route, &minifier);
            }
        });
        Cost { what: label.to_string(), files: list.len(), time }
    };
    let site_file = |r: &Route, which: &[fn(SiteFile) -> bool]| match r.kind {
        RouteKind::SiteFile(f) => which.iter().any(|w| w(f)),
        _ => false,
    };
    costs.push(render_all(
        "sitemap.xml e robots.txt",
        routes(&plan, |r| {
            site_file(r, &[|f| matches!(f, SiteFile::Sitemap | SiteFile::SitemapPart(_) | SiteFile::Robots)])
        }),
    ));
    costs.push(render_all("avisos/atom.xml", routes(&plan, |r| site_file(r, &[|f| f == SiteFile::Feed]))));
    costs.push(render_all("avisos/agenda.ics", routes(&plan, |r| site_file(r, &[|f| f == SiteFile::Agenda]))));
    costs.push(render_all(
        "dados/ (JSON, CSV, esquemas e a página)",
        routes(&plan, |r| {
            matches!(r.kind, RouteKind::Dataset(..) | RouteKind::Generated(crate::kinds::Generated::Data))
        }),
    ));
    let others = routes(&plan, |r| {
        !matches!(
            r.kind,
            RouteKind::SiteFile(_) | RouteKind::Dataset(..) | RouteKind::Generated(crate::kinds::Generated::Data)
        )
    });
    // Every published file's bytes, to hash as build does.
    let mut bytes: Vec<(String, Vec<u8>)> = plan
        .iter()
        .filter(|r| !r.is_finishing())
        .filter_map(|r| Some((r.file.clone(), pipeline::render_route(&renderer, r, &minifier).ok()?)))
        .collect();
    for (path, blob) in pipeline::statics(theme, &loaded.statics, site, &options.root) {
        if let Ok(data) = blob.read() {
            bytes.push((path, data.into_owned()));
        }
    }
    let files = bytes.len();
    let time = fastest(repeats, || {
        let digests: Vec<(&str, checksums::Digest)> =
            bytes.iter().map(|(path, data)| (path.as_str(), checksums::sha256(data))).collect();
        drop(checksums::manifest(digests.iter().map(|(p, d)| (*p, d))));
    });
    costs.push(Cost { what: "SHA256SUMS (SHA-256 de todos os arquivos)".into(), files, time });
    costs.push(render_all("todas as outras rotas (páginas, JSON-LD, .ics de cada aviso…), para comparar", others));
    Ok(costs)
}
