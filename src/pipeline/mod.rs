//! The stages every command composes: **read** (`source`: `site.yaml`, `content/`, the list of
//! `static/`, the theme) → **configure** (`site.yaml` validated, "now") → **load** (the theme
//! compiled, the model built and validated) → **plan** (every output and what it depends on)
//! → **render** (in parallel, into a [`Sink`]; the search index's files last, from the
//! documents the other routes left in a `search::Store`) → **statics** (what is published as it is) →
//! **finish** (what is made from the other files' bytes: `SHA256SUMS`, from their digests) →
//! **publish** (`build`: a staging folder swapped in) or **apply** (`serve`/`watch`: only the
//! files whose bytes changed, in place; see `dev::Session`). `check` ([`check`](mod@check))
//! renders into a sink that keeps what a checker of the rendered site needs, and writes
//! nothing; [`hashing`] is the sink that digests every file for `SHA256SUMS`.

mod check;
mod hashing;

pub use check::{audit, check, Audit};
pub(crate) use hashing::Hashing;

use crate::config::{Overrides, SiteConfig};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::datetime::DateTime;
use crate::model::load::Looks;
use crate::model::{self, Site};
use crate::output::{self, minify, publish::Staging, OutputError, Sink, Writer};
use crate::render::checksums::{self, Digest};
use crate::render::routes::{self, Route, RouteKind, SiteFile};
use crate::render::{theme, Renderer};
use crate::search;
use crate::sitecheck::{self, Recording};
use crate::source::{self, Blob, SourceSet};
use crate::timings::{self, Stage, Work};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What a build is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder as given on the command line (relative to the current folder);
    /// `root/public` when absent.
    pub output: Option<PathBuf>,
    pub overrides: Overrides,
    /// "Today" for the upcoming/past split; when absent, `source_date_epoch`, else the clock
    /// (see [`SiteConfig::now`]).
    pub today: Option<chrono::NaiveDateTime>,
    /// `SOURCE_DATE_EPOCH` (seconds since 1970 UTC), the reproducible-builds convention.
    pub source_date_epoch: Option<i64>,
    /// Skip the checks of the rendered site (`sitecheck`): only for a fixture whose content
    /// is hostile on purpose (the XSS corpus), built to test what reaches the browser.
    pub skip_site_checks: bool,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// A loaded, validated site and its compiled theme.
pub struct Loaded {
    pub(crate) site: Site,
    pub(crate) theme: theme::Theme,
    /// The files read, but for the content (which became the model): the list of `static/`.
    pub(crate) statics: Vec<PathBuf>,
    pub warnings: Diagnostics,
}

/// Why a build did not publish.
#[derive(Debug)]
pub enum Failure {
    /// The content has errors (and maybe warnings): all of them, located.
    Content(Diagnostics),
    /// The machine failed us (disk, permissions) before the swap: nothing was published.
    Io(anyhow::Error),
    /// The command was pointed at something that is not a site (no `site.yaml`): exit 2.
    Usage(Diagnostics),
    /// The output folder could not be used (refused, held by `serve`, unwritable) or the swap
    /// failed; the error says what became of the output folder.
    Output(OutputError),
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub warnings: Diagnostics,
    /// Nothing changed since the build that made the output: nothing was rendered or written,
    /// and the rest is that build's summary, replayed (see `crate::cache`).
    pub unchanged: bool,
}

/// Stage 1, read: `site.yaml`, `content/` and the list of `static/` (the theme is read once
/// the configuration names it, see [`load`]). Reading problems go to `diagnostics`; a folder
/// without `site.yaml` is not a site.
pub(crate) fn read(options: &BuildOptions, diagnostics: &mut Diagnostics) -> Result<SourceSet, Failure> {
    let sources = source::read_site_with(&options.root, diagnostics, !options.overrides.skip.dates);
    if sources.site_yaml_missing {
        return Err(Failure::Usage(std::mem::take(diagnostics)));
    }
    Ok(sources)
}

/// What `site.yaml` configures, and the build's "now".
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub(crate) config: SiteConfig,
    /// `site.yaml` could be used; when not (its errors are reported), `config` is a stand-in
    /// that lets the content be checked in the same run, and nothing is published.
    pub(crate) usable: bool,
    /// "Today", for the upcoming/past split and the dates pages show: `options.today`, else
    /// `SOURCE_DATE_EPOCH`, else the clock, in the municipality's time zone.
    pub(crate) now: DateTime,
}

/// Stage 2, configure: `site.yaml` validated and the build's "now".
pub(crate) fn configure(sources: &SourceSet, options: &BuildOptions, diagnostics: &mut Diagnostics) -> Settings {
    let (config, usable) = load_config(sources, &options.overrides, diagnostics);
    let now = config.now(options.today, options.source_date_epoch);
    Settings { config, usable, now }
}

/// `site.yaml` validated, and whether it could be used; when it could not (its errors are in
/// `diagnostics`), a stand-in that lets the content be checked in the same run.
pub(crate) fn load_config(
    sources: &SourceSet,
    overrides: &Overrides,
    diagnostics: &mut Diagnostics,
) -> (SiteConfig, bool) {
    match SiteConfig::load(sources.site_yaml.as_ref(), overrides, diagnostics) {
        Some(config) => (config, true),
        None => (SiteConfig::fallback(sources.site_yaml.as_ref(), overrides), false),
    }
}

/// Stage 3, the theme: compiled in memory from its files, which [`source::read_theme`] read.
pub(crate) fn compile_theme(sources: &SourceSet, diagnostics: &mut Diagnostics) -> Option<theme::Theme> {
    compile_theme_source(&sources.theme, diagnostics)
}

/// [`compile_theme`], from the theme's files alone.
fn compile_theme_source(theme: &source::ThemeSource, diagnostics: &mut Diagnostics) -> Option<theme::Theme> {
    diagnostics.extend(theme.problems.clone());
    theme::compile(theme, diagnostics)
}

/// Stage 3, the model: the content read, validated against the configuration.
pub(crate) fn model(sources: SourceSet, settings: Settings, diagnostics: &mut Diagnostics) -> Site {
    model_looking(sources, settings, Looks::AtLoad, diagnostics)
}

/// [`model`], the page bodies looked at as `looks` says.
fn model_looking(sources: SourceSet, settings: Settings, looks: Looks, diagnostics: &mut Diagnostics) -> Site {
    model::load::load_looking(sources, settings.config, settings.now, looks, diagnostics)
}

/// Stages 1 to 3: reads and validates the site at `options.root`. Every problem is reported in
/// one run: a broken `site.yaml` or theme does not hide the content's own errors.
pub fn load(options: &BuildOptions) -> Result<Loaded, Failure> {
    load_looking(options, Looks::AtLoad)
}

/// [`load`] for `build` and `check`, which render every page: the bodies are looked at as they
/// render (see [`Looks::AtRender`]), and their problems join the others after the render
/// ([`report_looks`]). A site that does not load is loaded again looking at every body at
/// once, so that its bodies' problems are reported with the rest.
fn load_for_render(options: &BuildOptions) -> Result<Loaded, Failure> {
    match load_looking(options, Looks::AtRender) {
        Err(Failure::Content(_)) => load_looking(options, Looks::AtLoad),
        loaded => loaded,
    }
}

fn load_looking(options: &BuildOptions, looks: Looks) -> Result<Loaded, Failure> {
    let mut diagnostics = Diagnostics::new();
    let (sources, settings) = timings::stage(Stage::Read, || -> Result<_, Failure> {
        let mut sources = read(options, &mut diagnostics)?;
        let settings = configure(&sources, options, &mut diagnostics);
        sources.theme = source::read_theme(&options.root, &settings.config.theme);
        Ok((sources, settings))
    })?;
    let (theme, statics, site) = timings::stage(Stage::Parse, || {
        // The model sees the list too: documents may name a file of static/.
        let statics = sources.statics.clone();
        // The theme compiles while the content loads (neither reads the other); their
        // problems are reported in this order, the theme's first.
        let mut sources = sources;
        let theme_source = std::mem::take(&mut sources.theme);
        let mut content_diagnostics = Diagnostics::new();
        let (theme, site) = rayon::join(
            || compile_theme_source(&theme_source, &mut diagnostics),
            || model_looking(sources, settings, looks, &mut content_diagnostics),
        );
        diagnostics.extend(content_diagnostics);
        (theme, statics, site)
    });
    match theme {
        Some(theme) if !diagnostics.has_errors() => Ok(Loaded { site, theme, statics, warnings: diagnostics }),
        _ => Err(Failure::Content(diagnostics)),
    }
}

/// Stage 4, plan: every output of the site and what each is made from.
pub(crate) fn plan(site: &Site) -> Vec<Route> {
    routes::plan(site)
}

/// Stage 5, render: `routes` in parallel, each finished file handed to `sink`. The routes that
/// show items leave their search documents in `search` as they render; the files of the
/// search index are rendered after them, from those documents. Returns how many pages (HTML
/// files) were rendered; every template error is reported, in route order. The routes made
/// from the others' bytes are left to [`finish`].
/// `plan` is the site's whole plan (see [`Renderer::with_plan`]), which the sitemap lists.
pub(crate) fn render(
    site: &Site,
    theme: &theme::Theme,
    plan: &[Route],
    routes: &[&Route],
    search: &search::Store,
    sink: &dyn Sink,
) -> Result<usize, Failure> {
    render_with(Renderer::new(site, theme).with_search(search).with_plan(plan), routes, sink)
}

/// [`render`] of every route of `plan`, the site's plan as [`plan`] made it: the sitemap lists
/// it instead of planning the site again.
fn render_plan(
    site: &Site,
    theme: &theme::Theme,
    plan: &[Route],
    search: &search::Store,
    sink: &dyn Sink,
) -> Result<usize, Failure> {
    let renderer = Renderer::new(site, theme).with_search(search).with_plan(plan);
    render_with(renderer, &plan.iter().collect::<Vec<_>>(), sink)
}

/// The most routes a thread renders before another thread can take over the rest of its
/// share (see `render_with`).
const ROUTES_PER_RUN: usize = 8;

fn render_with(renderer: Renderer<'_>, routes: &[&Route], sink: &dyn Sink) -> Result<usize, Failure> {
    let minifier = minify::Minifier::new();
    let (index, pages): (Vec<&Route>, Vec<&Route>) = routes
        .iter()
        .filter(|route| !route.is_finishing())
        .partition(|r| matches!(r.kind, routes::RouteKind::Search(_)));
    let io_error: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    // A wave's errors, each with the place of its route in the wave's list (a list of every
    // route's result would be one more entry per route at the peak of the render: about
    // 1.7 MB at 10,000 pages, for errors a build seldom has).
    let wave = |routes: &[&Route]| -> Vec<(usize, Diagnostic)> {
        routes
            .par_iter()
            .enumerate()
            // Rayon hands a thread a run of routes it renders in one go; in runs of hundreds,
            // one thread was left rendering the end of its run alone, for a tenth of a second.
            // Short runs can be taken over by an idle thread until the end.
            .with_max_len(ROUTES_PER_RUN)
            .filter_map(|(at, route)| {
                match timings::work(work_of(route), || render_route(&renderer, route, &minifier)) {
                    Ok(bytes) => {
                        if let Err(err) = timings::work(Work::Write, || sink.put(&route.file, bytes)) {
                            if let Ok(mut slot) = io_error.lock() {
                                slot.get_or_insert(err);
                            }
                        }
                        None
                    }
                    Err(diagnostic) => Some((at, diagnostic)),
                }
            })
            .collect()
    };
    let mut results = in_route_order(&pages, |first| wave(first));
    // The index is assembled from the documents of the routes above: only once they all
    // rendered (a failed one is rendered again, with the index, by the dev loop's next try).
    if results.is_empty() && !index.is_empty() {
        let assembled = timings::work(Work::Search, || renderer.index());
        // A patched index (the dev loop's) renders only its files that changed.
        let index: Vec<&Route> = index
            .into_iter()
            .filter(|r| !matches!(r.kind, routes::RouteKind::Search(file) if !assembled.changed(file)))
            .collect();
        results.extend(wave(&index).into_iter().map(|(_, diagnostic)| diagnostic));
    }
    if let Some(err) = io_error.into_inner().ok().flatten() {
        return Err(Failure::Io(err));
    }
    let mut errors = Diagnostics::new();
    for diagnostic in results {
        errors.push(diagnostic);
    }
    if errors.has_errors() {
        return Err(Failure::Content(errors));
    }
    Ok(routes.iter().filter(|r| r.is_html()).count())
}

/// Whether `route` is made from the whole site (sitemap, feeds, open data, the generated
/// pages): see [`in_route_order`].
fn whole_site(route: &Route) -> bool {
    matches!(route.kind, RouteKind::SiteFile(_) | RouteKind::Dataset(..) | RouteKind::Generated(_))
}

/// Where each of `routes` is rendered: the routes made from the whole site first, then the
/// others, each group in plan order. The whole-site routes are the largest passing blocks of
/// memory (the sitemap writes every address), and the search
/// documents the item pages leave grow as the pages render: rendered last, as the plan lists
/// them, their peak came on top of a full store (about 7 MiB more peak memory at 10,000
/// pages); rendered first, it comes while the store is empty.
fn render_order(routes: &[&Route]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..routes.len()).collect();
    order.sort_by_key(|&i| !routes.get(i).is_some_and(|r| whole_site(r)));
    order
}

/// `wave` run on `routes` in [`render_order`]; it gives results for some of the routes it was
/// given, each with the route's place in its list. They are put back in the routes' order (so
/// that errors are reported in plan order).
fn in_route_order<T>(routes: &[&Route], wave: impl FnOnce(&[&Route]) -> Vec<(usize, T)>) -> Vec<T> {
    let order = render_order(routes);
    let reordered: Vec<&Route> = order.iter().filter_map(|&i| routes.get(i).copied()).collect();
    let mut placed: Vec<(usize, T)> =
        wave(&reordered).into_iter().filter_map(|(at, result)| Some((*order.get(at)?, result))).collect();
    placed.sort_by_key(|(i, _)| *i);
    placed.into_iter().map(|(_, result)| result).collect()
}

/// Stage 5b, finish: the routes made from the bytes of every other output (`SHA256SUMS`),
/// from their digests (`digests`: output path and SHA-256, in any order), handed to `sink`.
pub(crate) fn finish(plan: &[Route], digests: &[(&str, &Digest)], sink: &dyn Sink) -> Result<(), Failure> {
    for route in plan.iter().filter(|r| r.is_finishing()) {
        let bytes = match route.kind {
            RouteKind::SiteFile(SiteFile::Checksums) => checksums::manifest(digests.iter().copied()),
            _ => continue,
        };
        sink.put(&route.file, bytes).map_err(Failure::Io)?;
    }
    Ok(())
}

/// What rendering `route` counts as in `--timings` (its Markdown, minifying and search
/// analysis are measured inside it and counted apart).
fn work_of(route: &Route) -> Work {
    match route.kind {
        RouteKind::Search(_) => Work::Search,
        RouteKind::SiteFile(_) | RouteKind::Dataset(..) => Work::Data,
        RouteKind::Item(..) | RouteKind::Listing(_) | RouteKind::ItemFile(..) | RouteKind::Generated(_) => Work::Pages,
    }
}

/// Renders one route to the bytes `build` publishes for it: HTML minified by `minifier` (the
/// build's, which minifies the chrome pages share once), with its Markdown fragments put in
/// place after the minifier (see `render::fragments`).
pub(crate) fn render_route(
    renderer: &Renderer<'_>,
    route: &Route,
    minifier: &minify::Minifier,
) -> Result<Vec<u8>, Diagnostic> {
    renderer.render_finished(route, &|page| minifier.page(page))
}

/// Stage 6, statics: the files published as they are, keyed by output path (a later source
/// wins): the theme's, the site's `static/` (`statics`, relative to `root`), and the
/// attachments beside content files. `build` and the dev loop both copy from this list.
pub(crate) fn statics<'a>(
    theme: &'a theme::Theme,
    statics: &[PathBuf],
    site: &Site,
    root: &Path,
) -> BTreeMap<String, Blob<'a>> {
    let mut plan: BTreeMap<String, Blob<'a>> =
        theme.static_files.iter().map(|(path, bytes)| (path.clone(), Blob::Memory(bytes))).collect();
    for path in statics {
        // Published under its NFC name (links in the NFC-normalised text find it), read from disk as named.
        let rel = source::nfc_path(path.strip_prefix("static").unwrap_or(path)).to_string_lossy().replace('\\', "/");
        plan.insert(rel, Blob::File(root.join(path)));
    }
    let content = root.join("content");
    for asset in &site.assets {
        let rel = source::nfc_path(asset).to_string_lossy().replace('\\', "/");
        plan.insert(rel, Blob::File(content.join(asset)));
    }
    plan
}

/// `secretaria build`: everything into a staging folder, then swapped in atomically.
pub fn build(options: &BuildOptions) -> Result<Summary, Failure> {
    build_with(options, &|_| {})
}

/// [`build`], calling `waiting` once if another build holds the output folder.
pub fn build_with(options: &BuildOptions, waiting: &dyn Fn(&str)) -> Result<Summary, Failure> {
    build_hooked(options, waiting, &mut ())
}

/// What the build cache (`crate::cache`) does around publishing; nothing for a plain build.
pub(crate) trait Publishing {
    /// The output folder, if the cache already claimed it while looking whether to skip.
    fn take_claim(&mut self) -> Option<output::Claimed> {
        None
    }

    /// The new output is in place (the lock still held): what to remember of it. `written`:
    /// every file the build wrote in it, with its metadata as written (see `Staging::written`).
    fn published(
        &mut self,
        _site: &Site,
        _output: &output::guard::OutputDir,
        _summary: &Summary,
        _written: Option<&[output::cache::Written]>,
    ) {
    }
}

impl Publishing for () {}

/// [`build_with`], with the build cache's hooks.
pub(crate) fn build_hooked(
    options: &BuildOptions,
    waiting: &dyn Fn(&str),
    hooks: &mut dyn Publishing,
) -> Result<Summary, Failure> {
    // A refused output is reported before anything is read (it is a usage error); the lock is
    // taken once the site has loaded, so that a folder without a site gets no lock file.
    let output_dir = options.output_dir();
    output::guard::check(&options.root, &output_dir).map_err(|d| Failure::Output(OutputError::untouched(d)))?;
    let mut loaded = load_for_render(options)?;
    let mut claimed = match hooks.take_claim() {
        Some(claimed) => claimed,
        None => output::claim(&options.root, &output_dir, Writer::Build, waiting).map_err(Failure::Output)?,
    };
    let staging = Staging::new(&claimed).map_err(Failure::Io)?;
    let plan = timings::stage(Stage::Plan, || plan(&loaded.site));
    let hashing = Hashing::new(&staging, &plan);
    let statics = statics(&loaded.theme, &loaded.statics, &loaded.site, &options.root);
    timings::stage(Stage::Statics, || -> Result<(), Failure> {
        for (path, blob) in &statics {
            hashing.put(path, blob.read().map_err(Failure::Io)?.into_owned()).map_err(Failure::Io)?;
        }
        staging.prepare_dirs(plan.iter().map(|r| r.file.as_str())).map_err(Failure::Io)
    })?;
    let recording = Recording { inner: &hashing, index: Mutex::new(index_of(&statics, &plan)) };
    let pages = timings::stage(Stage::Render, || {
        render_looking((&loaded.site, &loaded.theme, &mut loaded.warnings), &plan, &recording)
    })?;
    // The files made from the others' bytes (SHA256SUMS) join the index, then the rendered
    // site is checked before it is published: an error leaves the output as it was.
    let index = recording.into_index().map_err(Failure::Io)?;
    let recording = Recording { inner: &staging, index: Mutex::new(index) };
    timings::stage(Stage::Finish, || {
        let digests = hashing.digests();
        finish(&plan, &digests.iter().map(|(path, digest)| (path.as_ref(), digest)).collect::<Vec<_>>(), &recording)
    })?;
    if !options.skip_site_checks {
        timings::stage(Stage::Checks, || check_rendered(&loaded.site, &mut loaded.warnings, recording))?;
    }
    // A build cache vouches for the output it describes: gone before the output changes.
    output::cache::invalidate(claimed.dir())
        .map_err(|err| Failure::Output(crate::cache::not_invalidated(claimed.dir(), &err)))?;
    let written = staging.written();
    let leftover = timings::stage(Stage::Publish, || staging.commit()).map_err(Failure::Output)?;
    let mut summary = Summary {
        pages,
        files: statics.len() + plan.len(),
        warnings: std::mem::take(&mut loaded.warnings),
        unchanged: false,
    };
    hooks.published(&loaded.site, claimed.dir(), &summary, written.as_deref());
    // This run's own warnings (leftovers it could not remove) are not the output's: not kept.
    summary.warnings.extend(std::mem::take(&mut claimed.warnings));
    if let Some(warning) = leftover {
        summary.warnings.push(warning);
    }
    drop(claimed);
    // The site's model is tens of thousands of allocations: freed beside the caller, which
    // has nothing left to wait for (a command that ends then does not wait at all).
    drop_aside(loaded);
    Ok(summary)
}

/// Drops `value` on a thread of its own (here, when no thread can be started: the refused
/// closure is dropped with it).
fn drop_aside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(value));
}

/// An index of the rendered site that starts with the files published as they are, and has
/// an entry for each file of `plan` (see [`sitecheck::Index::with_capacity`]): an entry made
/// for a file that is then not put is never read, since the rendered site is checked only
/// when every route rendered.
fn index_of(statics: &BTreeMap<String, Blob<'_>>, plan: &[Route]) -> sitecheck::Index {
    let mut index = sitecheck::Index::with_capacity(statics.len() + plan.len());
    for path in statics.keys().map(String::as_str).chain(plan.iter().map(|r| r.file.as_str())) {
        index.add_static(path);
    }
    index
}

/// Stage 5 of `build` and `check`, for a site loaded with [`Looks::AtRender`] (its model, theme
/// and warnings, borrowed apart from the rest of [`Loaded`]): every route of `plan` rendered
/// into `sink`, with a search store of its own, freed when the render ends; then the bodies'
/// problems joined to the load's warnings ([`report_looks`]). A render stopped by the content
/// reports them too ([`with_load_findings`]). Returns the pages rendered.
pub(crate) fn render_looking(
    (site, theme, warnings): (&Site, &theme::Theme, &mut Diagnostics),
    plan: &[Route],
    sink: &dyn Sink,
) -> Result<usize, Failure> {
    let search = search::Store::default();
    let pages =
        render_plan(site, theme, plan, &search, sink).map_err(|failure| with_load_findings(failure, site, warnings))?;
    report_looks(site, warnings)?;
    Ok(pages)
}

/// Stage 5a, after a render of a site loaded with [`Looks::AtRender`]: the problems of every
/// page body (`markdown::check`), as the render found them (a body no route rendered is looked
/// at now), join the load's warnings; an error fails the build with all of them.
fn report_looks(site: &Site, warnings: &mut Diagnostics) -> Result<(), Failure> {
    add_body_problems(site, warnings);
    if warnings.has_errors() {
        return Err(Failure::Content(std::mem::take(warnings)));
    }
    Ok(())
}

/// Every body's problems added to `warnings`: what the render looked at, and the bodies it
/// did not look at (a body no view renders, or a render stopped early) looked at now.
fn add_body_problems(site: &Site, warnings: &mut Diagnostics) {
    let found: Vec<Diagnostics> = sitecheck::texts(site)
        .par_iter()
        .map(|(origin, body)| {
            let mut found = Diagnostics::new();
            crate::markdown::check::body(&origin.file, body, &mut found);
            found
        })
        .collect();
    found.into_iter().for_each(|d| warnings.extend(d));
}

/// A render stopped by the content (a template's error) is reported with what the load found
/// and every body's problems beside its own errors: all of a site's errors at once, not one
/// kind per run (a body nested too deep was found only once the template was mended, and the
/// load's warnings were dropped).
fn with_load_findings(failure: Failure, site: &Site, warnings: &mut Diagnostics) -> Failure {
    match failure {
        Failure::Content(errors) => {
            let mut all = std::mem::take(warnings);
            add_body_problems(site, &mut all);
            all.extend(errors);
            Failure::Content(all)
        }
        other => other,
    }
}

/// Stage 5b, the rendered site checked (links, fragments, images, headings): its warnings
/// join the load's, and any error fails the build with all of them.
fn check_rendered(site: &Site, warnings: &mut Diagnostics, recording: Recording<'_>) -> Result<(), Failure> {
    let index = recording.into_index().map_err(Failure::Io)?;
    warnings.extend(sitecheck::check(site, &index));
    if warnings.has_errors() {
        return Err(Failure::Content(std::mem::take(warnings)));
    }
    Ok(())
}

/// Content errors as one Diagnostics, IO failures included, for reporting.
pub fn failure_diagnostics(failure: Failure) -> Diagnostics {
    match failure {
        Failure::Content(d) | Failure::Usage(d) => d,
        Failure::Io(err) => {
            let mut d = Diagnostics::new();
            d.push(Diagnostic::new(Code::MachineFailure, format!("{err:#}")));
            d
        }
        Failure::Output(err) => {
            let mut d = Diagnostics::new();
            d.push(err.diagnostic);
            d
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole-site routes are rendered first and the others keep their order; the results
    /// come back in plan order.
    #[test]
    fn whole_site_routes_render_first_and_results_keep_plan_order() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serra-azul");
        let options = BuildOptions { root, ..Default::default() };
        let site = load(&options).unwrap_or_else(|_| panic!("serra-azul loads")).site;
        let plan = plan(&site);
        let routes: Vec<&Route> = plan.iter().collect();
        let order = render_order(&routes);
        let firsts = routes.iter().filter(|r| whole_site(r)).count();
        assert!(firsts > 0 && firsts < routes.len());
        assert!(order.iter().take(firsts).all(|&i| whole_site(routes[i])), "whole-site routes first");
        for group in [&order[..firsts], &order[firsts..]] {
            assert!(group.windows(2).all(|w| w[0] < w[1]), "plan order within each group");
        }
        assert!(routes.iter().any(|r| matches!(r.kind, RouteKind::SiteFile(SiteFile::Sitemap))));
        assert!(order.iter().take(firsts).any(|&i| matches!(routes[i].kind, RouteKind::SiteFile(SiteFile::Sitemap))));
        let mut seen = Vec::new();
        let files = in_route_order(&routes, |reordered| {
            seen = reordered.iter().map(|r| r.file.clone()).collect();
            reordered.iter().map(|r| r.file.clone()).enumerate().collect()
        });
        assert_eq!(files, routes.iter().map(|r| r.file.clone()).collect::<Vec<_>>());
        assert_ne!(seen, files, "rendered in another order than the plan's");
        // Results for some routes only (a wave's errors), given in render order: plan order.
        let some = in_route_order(&routes, |reordered| {
            reordered.iter().enumerate().filter(|(at, _)| at % 3 == 1).map(|(at, r)| (at, r.file.clone())).collect()
        });
        let expected: Vec<String> =
            seen.iter().enumerate().filter(|(at, _)| at % 3 == 1).map(|(_, f)| f.clone()).collect::<Vec<_>>();
        let mut expected_in_plan = expected.clone();
        expected_in_plan.sort_by_key(|f| routes.iter().position(|r| &r.file == f));
        assert_eq!(some, expected_in_plan);
        assert!(!some.is_empty() && some != expected, "put back in plan order");
    }
}
