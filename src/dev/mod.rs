//! The dev loop of `serve` and `watch`. A [`Session`] composes the pipeline's stages as
//! `build` does, keeping what it can between rebuilds: the sources (only changed files are
//! read again, [`sources`]), the compiled theme, the last good model and render plan, and a
//! hash of every file it published. On a batch of changes it rereads the changed files, gets
//! the new model (cheaply when it can: [`incremental`]), renders the routes with a
//! dependency that changed (rendering is the cost) and writes only the files whose bytes
//! changed ([`output::apply`]). A content error writes nothing: the last good site stays on
//! disk and is still served.
//!
//! [`watcher`] turns file-system events into batches, [`server`] serves the output folder
//! and [`reload`] tells open browser tabs to reload or to show the errors.

pub(crate) mod incremental;
pub(crate) mod reload;
pub(crate) mod server;
mod sources;
pub(crate) mod watcher;

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod tests_edits;
#[cfg(test)]
mod tests_pages;
#[cfg(test)]
mod tests_search;

use crate::diagnostics::{Code, Diagnostics};
use crate::output::{self, apply, Claimed, OutputError, Sink, Writer};
use crate::pipeline::{self, BuildOptions, Failure};
use crate::render::checksums::{self, Digest};
use crate::render::deps::{Dirty, Index, Snapshot};
use crate::render::routes::RouteKind;
use crate::render::theme;
use crate::search::Store;
use crate::sitecheck;
use crate::source::Blob;
use incremental::{Built, Splice};
use rayon::prelude::*;
use sources::Sources;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
pub(crate) use watcher::{Batch, Watcher};

/// What one rebuild did.
#[derive(Debug, Clone, Default)]
pub(crate) struct Report {
    /// The changed sources (relative to the site root) since the last good build.
    pub changes: Vec<PathBuf>,
    /// Whether every route was rendered.
    pub full: bool,
    /// Whether the model was had by splicing the changed files into the kept one, without
    /// reloading the others ([`incremental::splice_pages`]).
    pub spliced: bool,
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
pub(crate) struct Session {
    options: BuildOptions,
    output: PathBuf,
    /// Held (written) while files are rewritten in place, and (read) by the dev server while
    /// it reads one: no tab gets half a page (see [`apply::overwrite`]).
    gate: Arc<tokio::sync::RwLock<()>>,
    /// The output folder, checked and locked for as long as the session lives.
    _claimed: Claimed,
    /// Warnings from claiming the output, reported with the first good build.
    notes: Diagnostics,
    sources: Option<Sources>,
    /// The theme compiled from the sources; `None` until compiled, or while it has errors.
    theme: Option<theme::Theme>,
    built: Option<Built>,
    /// Output file → SHA-256 of its bytes on disk (what tells a changed file, and what
    /// `SHA256SUMS` lists, in its order: sorted, it needs no sorting after each edit); `None`
    /// until the first good build synced.
    published: Option<BTreeMap<String, Digest>>,
    /// Changed sources not yet part of a good build (a failed build keeps them).
    pending: BTreeSet<PathBuf>,
    pending_rescan: bool,
    /// Output files chosen by a rebuild that failed after the model was updated (a template
    /// error, a disk error): rendered again by the next one, whatever it changes.
    retry: BTreeSet<String>,
    /// What the output holds (files, and the ids of each page), kept up to date by every
    /// rebuild, for the checks of the rendered site ([`Session::check`]).
    index: Mutex<sitecheck::Index>,
}

impl Session {
    /// Checks, locks and marks the output folder; reads nothing yet (see [`Session::build`]).
    #[cfg(test)]
    pub(crate) fn new(options: &BuildOptions) -> Result<Session, Failure> {
        Self::open(options, Writer::Watch, &|_| {})
    }

    /// [`Session::new`] for `writer`, calling `waiting` once if a build holds the output.
    pub(crate) fn open(options: &BuildOptions, writer: Writer, waiting: &dyn Fn(&str)) -> Result<Session, Failure> {
        // The same check as `build`: the dev loop deletes what it did not produce in the output.
        let claimed = output::claim(&options.root, &options.output_dir(), writer, waiting).map_err(Failure::Output)?;
        claimed.mark().map_err(Failure::Output)?;
        let root = std::fs::canonicalize(&options.root).map_err(|err| {
            Failure::Output(OutputError::untouched(crate::diagnostics::Diagnostic::new(
                Code::OutputRefused,
                format!("a pasta do site {} não pode ser usada: {err}", options.root.display()),
            )))
        })?;
        let options = BuildOptions { root, ..options.clone() };
        let output = claimed.path().to_path_buf();
        let notes = claimed.warnings.clone();
        Ok(Session {
            options,
            output,
            gate: Arc::default(),
            _claimed: claimed,
            notes,
            sources: None,
            theme: None,
            built: None,
            published: None,
            pending: BTreeSet::new(),
            pending_rescan: true,
            retry: BTreeSet::new(),
            index: Mutex::new(sitecheck::Index::default()),
        })
    }

    /// What the dev server holds while it reads a file of the output (see `gate`).
    pub(crate) fn gate(&self) -> Arc<tokio::sync::RwLock<()>> {
        Arc::clone(&self.gate)
    }

    /// The site folder, canonical.
    pub(crate) fn root(&self) -> &Path {
        &self.options.root
    }

    /// The output folder, canonical.
    pub(crate) fn output(&self) -> &Path {
        &self.output
    }

    /// The text of the source file `rel` (relative to the site root) as the last rebuild read
    /// it, so that a report quotes the lines the build parsed, not what the file holds by the
    /// time it is printed (an editor may have saved again); read from disk for what the session
    /// does not keep (the theme's files).
    pub(crate) fn source_text(&self, rel: &Path) -> Option<String> {
        if let Some(set) = self.sources.as_ref().map(|s| &s.set) {
            let kept = if rel == Path::new("site.yaml") {
                set.site_yaml.as_ref()
            } else {
                set.content.binary_search_by(|f| f.rel_path.as_path().cmp(rel)).ok().and_then(|i| set.content.get(i))
            };
            if let Some(file) = kept {
                return Some(file.text.clone());
            }
        }
        std::fs::read_to_string(self.root().join(rel)).ok()
    }

    /// The site paths of the pages of the last good build (`busca/`), to tell the files a
    /// page loads beside it from the others (see `reload::concerned`).
    /// Made once per plan, not after each edit (10,000 paths took 2 ms of every reload).
    pub(crate) fn pages(&self) -> Option<&std::collections::HashSet<String>> {
        let built = self.built.as_ref()?;
        Some(built.pages.get_or_init(|| built.plan.iter().filter(|r| r.is_html()).map(|r| r.path.clone()).collect()))
    }

    /// Builds everything and brings the output folder in line with it.
    pub(crate) fn build(&mut self) -> Result<Report, Failure> {
        self.rebuild(&Batch { rescan: true, ..Batch::default() })
    }

    /// The checks of `check` on the last good build, for the texts of the `changed` source
    /// files (all with `None`): the rendered site's (links, fragments, images, headings,
    /// outdated pages, against what the output holds now) and plain language. When what links
    /// can point at changed since the last checks (a template edit that drops an id, a page
    /// gone: see [`sitecheck::Index::is_dirty`]), every text's links are judged again, since
    /// any of them may be broken now; a template edit that changes no id or file costs
    /// nothing here. Run after the reload, so that it never delays it; every finding is a
    /// warning here (the last good site stays served), shown in the terminal and over the
    /// page. `None` when `cancel()` stopped it (a newer edit came): the texts still to judge
    /// stay so for the next checks.
    pub(crate) fn check(&self, changed: Option<&[PathBuf]>, cancel: &(dyn Fn() -> bool + Sync)) -> Option<Diagnostics> {
        let Some(built) = &self.built else { return Some(Diagnostics::new()) };
        let wanted = |file: &Path| changed.is_none_or(|c| c.iter().any(|p| p == file));
        let mut diagnostics = match self.index.lock() {
            Ok(mut index) => {
                let every = index.is_dirty();
                let linked = |file: &Path| every || wanted(file);
                let found = sitecheck::check_until(&built.site, &index, &linked, &wanted, cancel)?;
                index.settle();
                found
            }
            Err(_) => Diagnostics::new(),
        };
        let (plain, _) = crate::plain::check_some_until(&built.site, &wanted, cancel)?;
        plain.into_iter().for_each(|d| diagnostics.push(d));
        Some(diagnostics)
    }

    /// Rebuilds after a batch of changes.
    pub(crate) fn rebuild(&mut self, batch: &Batch) -> Result<Report, Failure> {
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
        let mut report = self.publish()?;
        report.warnings.extend(std::mem::take(&mut self.notes));
        report.changes = std::mem::take(&mut self.pending).into_iter().collect();
        self.pending_rescan = false;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// The stages of `build`, each as cheap as what changed allows, then the changed bytes
    /// applied to the output folder.
    fn publish(&mut self) -> Result<Report, Failure> {
        let Some(sources) = &mut self.sources else { return Err(Failure::Content(Diagnostics::new())) };
        let mut diagnostics = sources.problems.clone();
        let settings = pipeline::configure(&sources.set, &self.options, &mut diagnostics);
        let theme_changed = sources.read_theme(&settings.config.theme) || self.theme.is_none();
        if theme_changed {
            self.theme = pipeline::compile_theme(&sources.set, &mut diagnostics);
        } else {
            diagnostics.extend(sources.set.theme.problems.clone());
        }
        let theme = match &self.theme {
            Some(theme) if settings.usable && !diagnostics.has_errors() => theme,
            _ => {
                // site.yaml or the theme is broken: still report the content's own errors.
                pipeline::model(sources.set.clone(), settings, &mut diagnostics);
                return Err(Failure::Content(diagnostics));
            }
        };
        let full = self.pending_rescan || self.published.is_none() || self.built.is_none();
        let mut phases = Phases::start();
        let now = settings.now;
        // The model, and what changed in it.
        // A file added to or removed from static/ counts too: documents may name it.
        let statics_changed = sources.take_statics_changed();
        let content_changed =
            statics_changed || self.pending.iter().any(|p| p == Path::new("site.yaml") || p.starts_with("content"));
        let mut spliced = Splice::No;
        if let (Some(built), false, true) = (&mut self.built, full, content_changed) {
            spliced = incremental::splice_pages(built, &sources.set, &self.pending, &settings.config, now);
        }
        let quick = matches!(spliced, Splice::Done { .. });
        // Which routes to render: indices into the plan, `None` for all.
        let chosen: Option<Vec<usize>> = match (spliced, &mut self.built) {
            (Splice::Failed(errors), _) => {
                diagnostics.extend(errors);
                return Err(Failure::Content(diagnostics));
            }
            (Splice::Done { warnings, summaries, moved }, Some(built)) => {
                diagnostics.extend(warnings);
                Some(if summaries {
                    incremental::resummarise(built, &theme.sources, &self.pending, moved.as_deref())
                } else {
                    incremental::refresh(built, &theme.sources, &self.pending)
                })
            }
            // Only the theme or static files changed (or nothing but the time): the same model
            // at the new "now".
            (Splice::No, Some(built)) if !full && !content_changed => {
                built.site.today = now;
                Some(incremental::refresh(built, &theme.sources, &self.pending))
            }
            (Splice::No | Splice::Done { .. }, _) => {
                let site = pipeline::model(sources.set.clone(), settings, &mut diagnostics);
                if diagnostics.has_errors() {
                    return Err(Failure::Content(diagnostics));
                }
                let plan = pipeline::plan(&site);
                let snapshot = Snapshot::of(&site);
                let index = Index::of(&plan);
                let search =
                    self.built.as_mut().map(|old| std::mem::take(&mut old.search)).unwrap_or_else(Store::keeping);
                let built = Built {
                    site,
                    plan,
                    index,
                    snapshot,
                    templates: theme.sources.clone(),
                    search,
                    pages: std::sync::OnceLock::new(),
                };
                let chosen = match &self.built {
                    Some(old) if !full => {
                        let templates = theme::changed(&old.templates, &theme.sources);
                        let dirty = Dirty::between(&old.snapshot, &built.snapshot, &self.pending, templates);
                        Some(incremental::select(&built, Some(&incremental::outputs(&old.plan)), &dirty))
                    }
                    _ => None,
                };
                self.built = Some(built);
                chosen
            }
        };
        phases.mark("carregar");
        let Some(Built { site, plan, search, .. }) = &self.built else { return Err(Failure::Content(diagnostics)) };
        if full || !self.retry.is_empty() {
            // The kept search index knows which of its files changed since it was last
            // assembled, not which of them reached the disk: assembled afresh, all are written.
            search.forget_index();
        }
        let chosen: Vec<&crate::render::routes::Route> = match chosen {
            Some(indices) => {
                let mut indices: BTreeSet<usize> = indices.into_iter().collect();
                if !self.retry.is_empty() {
                    indices
                        .extend(plan.iter().enumerate().filter(|(_, r)| self.retry.contains(&r.file)).map(|(i, _)| i));
                }
                // The search index is patched from the last one it assembled: when it is
                // assembled, all its files are offered, and it renders those that changed.
                let is_search = |r: &crate::render::routes::Route| matches!(r.kind, RouteKind::Search(_));
                if indices.iter().any(|&i| plan.get(i).is_some_and(is_search)) {
                    indices.extend(plan.iter().enumerate().filter(|(_, r)| is_search(r)).map(|(i, _)| i));
                }
                indices.into_iter().filter_map(|i| plan.get(i)).collect()
            }
            None => plan.iter().collect(),
        };
        // Until they are written, a failure below leaves these to the next rebuild: the model
        // they were chosen against is already the new one.
        self.retry.extend(chosen.iter().map(|r| r.file.clone()));
        let (output, published) = (&self.output, self.published.as_ref());
        // Render in parallel; keep the bytes only of files that differ from what is on disk.
        let index = &self.index;
        let collect =
            Collect { output, published, outputs: Mutex::new(Vec::with_capacity(chosen.len())), index: Some(index) };
        let pages =
            pipeline::render(site, theme, plan, &chosen, search, &collect).map_err(|failure| match failure {
                Failure::Content(errors) => {
                    diagnostics.extend(errors);
                    Failure::Content(std::mem::take(&mut diagnostics))
                }
                other => other,
            })?;
        let mut outputs = collect.outputs.into_inner().unwrap_or_default();
        phases.mark("gerar");
        // A spliced body edit changes no route and no static file: nothing to copy or delete.
        let removed = if quick {
            Vec::new()
        } else {
            let mut statics = pipeline::statics(theme, &sources.set.statics, site, &self.options.root);
            // A file the plan produces wins over a static one of the same name, as in `build`.
            let planned: BTreeSet<&str> = plan.iter().map(|r| r.file.as_str()).collect();
            statics.retain(|file, _| !planned.contains(file.as_str()));
            if let Ok(mut index) = index.lock() {
                statics.keys().for_each(|file| index.add_static(file));
            }
            for (file, blob) in &statics {
                let stale = match blob {
                    Blob::Memory(_) => theme_changed,
                    Blob::File(path) => {
                        path.strip_prefix(&self.options.root).is_ok_and(|rel| self.pending.contains(rel))
                    }
                };
                if full || stale || published.is_none_or(|p| !p.contains_key(file)) {
                    let bytes = blob.read().map_err(Failure::Io)?.into_owned();
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
        if let Ok(mut index) = index.lock() {
            removed.iter().for_each(|file| index.remove(file));
        }
        let published = self.published.get_or_insert_with(BTreeMap::new);
        let gate = &self.gate;
        let mut written = write(output, published, outputs, &removed, gate)?;
        // What is made from every other file's bytes (SHA256SUMS), once they are on disk: from
        // the digests kept for every published file, so that only what changed was hashed.
        let manifest_stale = full || !written.is_empty() || !removed.is_empty();
        let finishing: Vec<&crate::render::routes::Route> =
            plan.iter().filter(|r| r.is_finishing() && (manifest_stale || !published.contains_key(&r.file))).collect();
        if !finishing.is_empty() {
            let digests: Vec<(&str, &Digest)> =
                published.iter().map(|(file, digest)| (file.as_str(), digest)).collect();
            let collect =
                Collect { output, published: Some(published), outputs: Mutex::new(Vec::new()), index: Some(index) };
            let plan: Vec<crate::render::routes::Route> = finishing.into_iter().cloned().collect();
            pipeline::finish(&plan, &digests, &collect)?;
            let outputs = collect.outputs.into_inner().unwrap_or_default();
            written.extend(write(output, published, outputs, &[], gate)?);
            written.sort();
        }
        self.retry.clear();
        phases.mark("gravar");
        Ok(Report {
            full,
            spliced: quick,
            pages,
            written,
            removed,
            warnings: diagnostics,
            phases: phases.done,
            ..Report::default()
        })
    }
}

/// The dev loop's sink: each rendered file with the hash of its bytes, and the bytes only when
/// they differ from what is on disk.
struct Collect<'a> {
    output: &'a Path,
    published: Option<&'a BTreeMap<String, Digest>>,
    outputs: Mutex<Vec<Output>>,
    /// Where the rendered files and their ids are recorded, for the checks.
    index: Option<&'a Mutex<sitecheck::Index>>,
}

impl Sink for Collect<'_> {
    fn put(&self, file: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        // Read outside the lock: every render thread records here.
        let ids = self.index.and_then(|_| sitecheck::page_ids(file, &bytes));
        if let Some(Ok(mut index)) = self.index.map(Mutex::lock) {
            index.record_ids(file, ids);
        }
        let output = Output::new(file, bytes, self.published, self.output);
        self.outputs.lock().map_err(|_| anyhow::anyhow!("falha interna ao juntar os arquivos gerados"))?.push(output);
        Ok(())
    }
}

/// Writes what changed and deletes what is gone; records the new hashes in `published`. Files
/// already there are rewritten in place ([`apply::overwrite`]), with `gate` held so that the
/// dev server reads none of them half-written.
fn write(
    output: &Path,
    published: &mut BTreeMap<String, Digest>,
    outputs: Vec<Output>,
    removed: &[String],
    gate: &tokio::sync::RwLock<()>,
) -> Result<Vec<String>, Failure> {
    let writing = outputs.iter().any(|o| o.bytes.is_some()).then(|| gate.blocking_write());
    let results: Vec<(String, Digest, anyhow::Result<bool>)> = outputs
        .into_par_iter()
        .map(|o| {
            let result =
                o.bytes.as_ref().map_or(Ok(false), |bytes| apply::overwrite(output, &o.file, bytes).map(|()| true));
            (o.file, o.hash, result)
        })
        .collect();
    drop(writing);
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
    hash: Digest,
    bytes: Option<Vec<u8>>,
}

impl Output {
    fn new(file: &str, bytes: Vec<u8>, published: Option<&BTreeMap<String, Digest>>, output: &Path) -> Output {
        let hash = checksums::sha256(&bytes);
        let unchanged = match published {
            Some(p) => p.get(file) == Some(&hash),
            None => apply::same_on_disk(output, file, &bytes),
        };
        Output { file: file.to_string(), hash, bytes: (!unchanged).then_some(bytes) }
    }
}
