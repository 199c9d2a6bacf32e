//! The dev loop of `serve` and `watch`. A [`Session`] keeps the sources, the theme, the last
//! good model and route plan, and a hash of every file it published, in memory. On a batch of
//! changes it rereads the changed files ([`sources`]), reloads the model (cheap), renders only
//! the routes the changes can affect ([`incremental`]; rendering is the cost) and writes only
//! the files whose bytes changed ([`apply`]). A content error writes nothing: the last good
//! site stays on disk and is still served.
//!
//! [`watcher`] turns file-system events into batches, [`server`] serves the output folder
//! and [`reload`] tells open browser tabs to reload or to show the errors.

pub mod apply;
pub mod incremental;
pub mod reload;
pub mod server;
mod sources;
pub mod watcher;

#[cfg(test)]
mod tests;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model;
use crate::output::{self, Claimed, OutputError, Writer};
use crate::pipeline::{self, BuildOptions, Failure, StaticSource};
use crate::render::{routes, theme, Renderer};
use incremental::{Built, Scope, Splice};
use rayon::prelude::*;
use sources::Sources;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
pub use watcher::{Batch, Watcher};

/// What one rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The changed sources (relative to the site root) since the last good build.
    pub changes: Vec<PathBuf>,
    /// Whether every route was rendered.
    pub full: bool,
    /// Pages (HTML routes) rendered.
    pub pages: usize,
    /// Output files written because their bytes changed, relative to the output folder.
    pub written: Vec<String>,
    /// Output files deleted because nothing produces them any more.
    pub removed: Vec<String>,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
    /// How long each step took (load, render, write), for the curious and the benchmark.
    pub phases: Vec<(&'static str, Duration)>,
}

/// The site being developed, kept in memory between rebuilds.
pub struct Session {
    options: BuildOptions,
    output: PathBuf,
    /// The output folder, checked and locked for as long as the session lives.
    _claimed: Claimed,
    /// Warnings from claiming the output, reported with the first good build.
    notes: Diagnostics,
    sources: Option<Sources>,
    theme: Option<(String, theme::Theme)>,
    built: Option<Built>,
    /// The search index of the last good build, updated in place for body-only edits.
    search: Option<crate::search::SearchIndex>,
    /// Output file → hash of its bytes on disk; `None` until the first good build synced.
    published: Option<HashMap<String, u64>>,
    /// Changed sources not yet part of a good build (a failed build keeps them).
    pending: BTreeSet<PathBuf>,
    pending_rescan: bool,
}

impl Session {
    /// Checks, locks and marks the output folder; reads nothing yet (see [`Session::build`]).
    pub fn new(options: &BuildOptions) -> Result<Session, Failure> {
        Self::open(options, Writer::Watch, &|_| {})
    }

    /// [`Session::new`] for `writer`, calling `waiting` once if a build holds the output.
    pub fn open(options: &BuildOptions, writer: Writer, waiting: &dyn Fn(&str)) -> Result<Session, Failure> {
        // The same check as `build`: the dev loop deletes what it did not produce in the output.
        let claimed = output::claim(&options.root, &options.output_dir(), writer, waiting).map_err(Failure::Output)?;
        claimed.mark().map_err(Failure::Output)?;
        let root = std::fs::canonicalize(&options.root).map_err(|err| {
            Failure::Output(OutputError::untouched(crate::diagnostics::Diagnostic::error(format!(
                "a pasta do site {} não pode ser usada: {err}",
                options.root.display()
            ))))
        })?;
        let options = BuildOptions { root, ..options.clone() };
        let output = claimed.path().to_path_buf();
        let notes = claimed.warnings.clone();
        Ok(Session {
            options,
            output,
            _claimed: claimed,
            notes,
            sources: None,
            theme: None,
            built: None,
            search: None,
            published: None,
            pending: BTreeSet::new(),
            pending_rescan: true,
        })
    }

    /// The site folder, canonical.
    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// The output folder, canonical.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Builds everything and brings the output folder in line with it.
    pub fn build(&mut self) -> Result<Report, Failure> {
        self.rebuild(&Batch { rescan: true, ..Batch::default() })
    }

    /// Rebuilds after a batch of changes.
    pub fn rebuild(&mut self, batch: &Batch) -> Result<Report, Failure> {
        let started = Instant::now();
        match &mut self.sources {
            Some(sources) => {
                let touched = sources.update(&batch.paths, batch.rescan);
                self.pending.extend(touched);
            }
            None => self.sources = Some(Sources::read(&self.options.root)),
        }
        // Content and site.yaml count when their text changed; theme and static files always.
        self.pending.extend(batch.paths.iter().filter(|p| p.starts_with("themes") || p.starts_with("static")).cloned());
        self.pending_rescan |= batch.rescan;
        if self.pending.is_empty() && !self.pending_rescan && self.built.is_some() && self.published.is_some() {
            // Saved without a change (or only read): nothing to do.
            return Ok(Report { elapsed: started.elapsed(), ..Report::default() });
        }
        let theme_changed = batch.rescan || batch.paths.iter().any(|p| p.starts_with("themes"));
        let mut report = self.publish(theme_changed)?;
        report.warnings.extend(std::mem::take(&mut self.notes));
        report.changes = std::mem::take(&mut self.pending).into_iter().collect();
        self.pending_rescan = false;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    fn publish(&mut self, theme_changed: bool) -> Result<Report, Failure> {
        let Some(sources) = &self.sources else { return Err(Failure::Content(Diagnostics::new())) };
        let mut diagnostics = sources.problems.clone();
        let (config, config_ok) = pipeline::load_config(&sources.set, &self.options.overrides, &mut diagnostics);
        let theme_name = config.theme.clone();
        let reload_theme = theme_changed || self.theme.as_ref().is_none_or(|(name, _)| *name != theme_name);
        if reload_theme {
            self.theme = theme::load(&self.options.root, &theme_name, &mut diagnostics).map(|t| (theme_name, t));
        }
        let now = config.now(self.options.today, self.options.source_date_epoch);
        let theme = match &self.theme {
            Some((_, theme)) if config_ok => theme,
            _ => {
                // site.yaml or the theme is broken: still report the content's own errors.
                model::load::load(sources.set.clone(), config, now, &mut diagnostics);
                return Err(Failure::Content(diagnostics));
            }
        };
        let full = self.pending_rescan || self.published.is_none();
        let mut phases = Phases::start();
        let spliced = match &mut self.built {
            Some(built) if !full => incremental::splice_pages(built, &sources.set, &self.pending, &config, now),
            _ => Splice::No,
        };
        let quick = matches!(spliced, Splice::Done { .. });
        let scope = match spliced {
            Splice::Failed(errors) => {
                diagnostics.extend(errors);
                return Err(Failure::Content(diagnostics));
            }
            Splice::Done { mut routes, pages, warnings } => {
                diagnostics.extend(warnings);
                if let Some(built) = &self.built {
                    routes.extend(search_routes(built, &mut self.search, &pages));
                }
                Scope::Routes(routes)
            }
            Splice::No => {
                let site = model::load::load(sources.set.clone(), config, now, &mut diagnostics);
                if diagnostics.has_errors() {
                    return Err(Failure::Content(diagnostics));
                }
                let plan = routes::plan(&site);
                let scope = if full {
                    Scope::All
                } else {
                    incremental::affected(self.built.as_ref(), &site, &plan, &self.pending)
                };
                // Any other change may move documents: a new index, every search file rendered
                // (only those whose bytes changed are written).
                self.search = Some(crate::search::SearchIndex::build(&site));
                let scope = match scope {
                    Scope::Routes(mut routes) => {
                        routes.extend(plan.iter().enumerate().filter(|(_, r)| is_search_file(r)).map(|(i, _)| i));
                        Scope::Routes(routes)
                    }
                    Scope::All => Scope::All,
                };
                self.built = Some(Built { site, plan });
                scope
            }
        };
        phases.mark("carregar");
        let Some(Built { site, plan }) = &self.built else { return Err(Failure::Content(diagnostics)) };
        let chosen: Vec<&routes::Route> = match &scope {
            Scope::All => plan.iter().collect(),
            Scope::Routes(indices) => indices.iter().filter_map(|&i| plan.get(i)).collect(),
        };
        let (output, published) = (&self.output, self.published.as_ref());
        // Render in parallel; keep the bytes only of files that differ from what is on disk.
        let Some(index) = &self.search else { return Err(Failure::Content(diagnostics)) };
        let renderer = Renderer::new(site, theme).with_search(index);
        let rendered: Vec<Result<Output, Diagnostic>> = chosen
            .par_iter()
            .map(|route| {
                pipeline::render_route(&renderer, route).map(|bytes| Output::new(&route.file, bytes, published, output))
            })
            .collect();
        let mut outputs = Vec::with_capacity(rendered.len());
        for result in rendered {
            match result {
                Ok(output) => outputs.push(output),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        if diagnostics.has_errors() {
            return Err(Failure::Content(diagnostics));
        }
        phases.mark("gerar");
        // A spliced body edit changes no route and no static file: nothing to copy or delete.
        let removed = if quick {
            Vec::new()
        } else {
            let theme_dirty = reload_theme || self.pending.iter().any(|p| p.starts_with("themes"));
            let statics = pipeline::static_plan(theme, site, &self.options.root);
            for (file, source) in &statics {
                let stale = match source {
                    StaticSource::Theme(_) => theme_dirty,
                    StaticSource::File(path) => {
                        path.strip_prefix(&self.options.root).is_ok_and(|rel| self.pending.contains(rel))
                    }
                };
                if full || stale || published.is_none_or(|p| !p.contains_key(file)) {
                    let bytes = source.bytes().map_err(Failure::Io)?.into_owned();
                    outputs.push(Output::new(file, bytes, published, output));
                }
            }
            let wanted: BTreeSet<&str> =
                plan.iter().map(|r| r.file.as_str()).chain(statics.keys().map(String::as_str)).collect();
            match published {
                Some(p) => p.keys().filter(|f| !wanted.contains(f.as_str())).cloned().collect(),
                None => apply::existing(output).into_iter().filter(|f| !wanted.contains(f.as_str())).collect(),
            }
        };
        let pages = chosen.iter().filter(|r| r.is_html()).count();
        let published = self.published.get_or_insert_with(HashMap::new);
        let written = write(output, published, outputs, &removed)?;
        phases.mark("gravar");
        Ok(Report { full, pages, written, removed, warnings: diagnostics, phases: phases.done, ..Report::default() })
    }
}

fn is_search_file(route: &routes::Route) -> bool {
    matches!(
        route.kind,
        routes::RouteKind::SearchMeta | routes::RouteKind::SearchBucket(_) | routes::RouteKind::SearchDoc(_)
    )
}

/// After a body-only edit of `pages`: the index updated in place, and the routes of the
/// documents and buckets that changed (every search file when the index had to be rebuilt).
fn search_routes(built: &Built, search: &mut Option<crate::search::SearchIndex>, pages: &[usize]) -> Vec<usize> {
    use crate::search::{SearchIndex, Source};
    let sources: Vec<Source> = pages.iter().map(|&i| Source::Page(i)).collect();
    let updated = search.as_mut().and_then(|index| {
        let buckets = index.update(&built.site, &sources)?;
        let docs: Vec<usize> = sources.iter().filter_map(|s| index.doc_of(*s)).map(|d| d as usize).collect();
        Some((buckets, docs))
    });
    let Some((buckets, docs)) = updated else {
        *search = Some(SearchIndex::build(&built.site));
        return built.plan.iter().enumerate().filter(|(_, r)| is_search_file(r)).map(|(i, _)| i).collect();
    };
    built
        .plan
        .iter()
        .enumerate()
        .filter(|(_, r)| match r.kind {
            routes::RouteKind::SearchBucket(b) => buckets.contains(&b),
            routes::RouteKind::SearchDoc(d) => docs.contains(&d),
            _ => false,
        })
        .map(|(i, _)| i)
        .collect()
}

/// Writes what changed and deletes what is gone; records the new hashes in `published`.
fn write(
    output: &Path,
    published: &mut HashMap<String, u64>,
    outputs: Vec<Output>,
    removed: &[String],
) -> Result<Vec<String>, Failure> {
    let results: Vec<(String, u64, anyhow::Result<bool>)> = outputs
        .into_par_iter()
        .map(|o| {
            let result =
                o.bytes.as_ref().map_or(Ok(false), |bytes| apply::write(output, &o.file, bytes).map(|()| true));
            (o.file, o.hash, result)
        })
        .collect();
    let mut written = Vec::new();
    let mut error = None;
    for (file, hash, result) in results {
        match result {
            Ok(wrote) => {
                if wrote {
                    written.push(file.clone());
                }
                published.insert(file, hash);
            }
            Err(e) => {
                published.remove(&file);
                error.get_or_insert(e);
            }
        }
    }
    for file in removed {
        published.remove(file);
        if let Err(e) = apply::remove(output, file) {
            error.get_or_insert(e);
        }
    }
    written.sort();
    match error {
        Some(e) => Err(Failure::Io(e)),
        None => Ok(written),
    }
}

/// Durations of the steps of a rebuild.
struct Phases {
    last: Instant,
    done: Vec<(&'static str, Duration)>,
}

impl Phases {
    fn start() -> Phases {
        Phases { last: Instant::now(), done: Vec::new() }
    }

    fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        self.done.push((name, now - self.last));
        self.last = now;
    }
}

/// One output file after rendering: its bytes only when they must be written.
struct Output {
    file: String,
    hash: u64,
    bytes: Option<Vec<u8>>,
}

impl Output {
    fn new(file: &str, bytes: Vec<u8>, published: Option<&HashMap<String, u64>>, output: &Path) -> Output {
        let hash = apply::hash(&bytes);
        let unchanged = match published {
            Some(p) => p.get(file) == Some(&hash),
            None => apply::same_on_disk(output, file, &bytes),
        };
        Output { file: file.to_string(), hash, bytes: (!unchanged).then_some(bytes) }
    }
}
