//! The one pipeline every command runs: load → model → render → write. `build` writes into a
//! staging folder and swaps it in; `check` renders in memory and writes nothing.

use crate::config::{Overrides, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{self, Site};
use crate::output::{self, minify, publish::Staging, OutputError, Writer};
use crate::render::{routes, theme, Renderer};
use crate::source;
use anyhow::Context as _;
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
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// A loaded, validated site and its compiled theme.
pub struct Loaded {
    pub site: Site,
    pub theme: theme::Theme,
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
}

/// Reads and validates the site at `options.root`. Every problem is reported in one run: a
/// broken `site.yaml` or theme does not hide the content's own errors.
pub fn load(options: &BuildOptions) -> Result<Loaded, Failure> {
    let mut diagnostics = Diagnostics::new();
    let sources = source::read_site(&options.root, &mut diagnostics);
    if sources.site_yaml_missing {
        return Err(Failure::Usage(diagnostics));
    }
    let (config, _) = load_config(&sources, &options.overrides, &mut diagnostics);
    let theme = theme::load(&options.root, &config.theme, &mut diagnostics);
    let today = config.now(options.today, options.source_date_epoch);
    let site = model::load::load(sources, config, today, &mut diagnostics);
    match theme {
        Some(theme) if !diagnostics.has_errors() => Ok(Loaded { site, theme, warnings: diagnostics }),
        _ => Err(Failure::Content(diagnostics)),
    }
}

/// `site.yaml` validated, and whether it could be used; when it could not (its errors are in
/// `diagnostics`), a stand-in that lets the content be checked in the same run.
pub fn load_config(
    sources: &source::SourceSet,
    overrides: &crate::config::Overrides,
    diagnostics: &mut Diagnostics,
) -> (SiteConfig, bool) {
    match SiteConfig::load(sources.site_yaml.as_ref(), overrides, diagnostics) {
        Some(config) => (config, true),
        None => (SiteConfig::fallback(sources.site_yaml.as_ref(), overrides), false),
    }
}

/// Renders every route of `plan` in parallel and hands each finished file to `sink`.
fn render_all(
    loaded: &Loaded,
    plan: &[routes::Route],
    sink: &(dyn Fn(&str, &[u8]) -> anyhow::Result<()> + Sync),
) -> Result<usize, Failure> {
    let index = crate::search::SearchIndex::build(&loaded.site);
    let renderer = Renderer::new(&loaded.site, &loaded.theme).with_search(&index);
    let errors = Mutex::new(Diagnostics::new());
    let io_error: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    let pages = plan.iter().filter(|r| r.is_html()).count();
    plan.par_iter().for_each(|route| match render_route(&renderer, route) {
        Ok(bytes) => {
            if let Err(err) = sink(&route.file, &bytes) {
                if let Ok(mut slot) = io_error.lock() {
                    slot.get_or_insert(err);
                }
            }
        }
        Err(diagnostic) => {
            if let Ok(mut errors) = errors.lock() {
                errors.push(diagnostic);
            }
        }
    });
    if let Some(err) = io_error.into_inner().ok().flatten() {
        return Err(Failure::Io(err));
    }
    let errors = errors.into_inner().unwrap_or_default();
    if errors.has_errors() {
        return Err(Failure::Content(errors));
    }
    Ok(pages)
}

/// Static files (see [`static_plan`]) handed to `sink`; returns how many.
fn static_files(
    loaded: &Loaded,
    root: &Path,
    sink: &dyn Fn(&str, &[u8]) -> anyhow::Result<()>,
) -> Result<usize, Failure> {
    let plan = static_plan(&loaded.theme, &loaded.site, root);
    for (path, source) in &plan {
        sink(path, &source.bytes().map_err(Failure::Io)?).map_err(Failure::Io)?;
    }
    Ok(plan.len())
}

/// Renders one route to the bytes `build` publishes for it (HTML minified). The dev loop
/// renders routes one by one with it; `build` and `check` through [`render_all`].
pub fn render_route(renderer: &Renderer<'_>, route: &routes::Route) -> Result<Vec<u8>, Diagnostic> {
    renderer.render_finished(route, &minify::html)
}

/// Where one static output file comes from.
#[derive(Debug, Clone)]
pub enum StaticSource<'a> {
    /// A file of the theme (embedded or overridden), already in memory.
    Theme(&'a [u8]),
    /// A file of the site, absolute path.
    File(PathBuf),
}

impl StaticSource<'_> {
    /// The file's bytes: borrowed for theme files, read from disk for the site's.
    pub fn bytes(&self) -> anyhow::Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            StaticSource::Theme(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            StaticSource::File(path) => std::fs::read(path)
                .map(std::borrow::Cow::Owned)
                .with_context(|| format!("não foi possível ler {}", path.display())),
        }
    }
}

/// The static files of the output, keyed by output path (a later source wins): the theme's,
/// the site's `static/`, and the assets beside content files. `build` and the dev loop both
/// copy from this list.
pub fn static_plan<'a>(theme: &'a theme::Theme, site: &Site, root: &Path) -> BTreeMap<String, StaticSource<'a>> {
    let mut plan: BTreeMap<String, StaticSource<'a>> =
        theme.static_files.iter().map(|(path, bytes)| (path.clone(), StaticSource::Theme(bytes))).collect();
    let static_dir = root.join("static");
    for path in source::walk_files(&static_dir) {
        // Published under its NFC name (links in the NFC-normalised text find it), read from disk as named.
        let rel = source::nfc_path(&source::relative(&static_dir, &path)).to_string_lossy().replace('\\', "/");
        plan.insert(rel, StaticSource::File(path));
    }
    let content = root.join("content");
    for asset in &site.assets {
        let rel = source::nfc_path(asset).to_string_lossy().replace('\\', "/");
        plan.insert(rel, StaticSource::File(content.join(asset)));
    }
    plan
}

/// `secretaria build`: everything into a staging folder, then swapped in atomically.
pub fn build(options: &BuildOptions) -> Result<Summary, Failure> {
    build_with(options, &|_| {})
}

/// [`build`], calling `waiting` once if another build holds the output folder.
pub fn build_with(options: &BuildOptions, waiting: &dyn Fn(&str)) -> Result<Summary, Failure> {
    // A refused output is reported before anything is read (it is a usage error); the lock is
    // taken once the site has loaded, so that a folder without a site gets no lock file.
    let output_dir = options.output_dir();
    output::guard::check(&options.root, &output_dir).map_err(|d| Failure::Output(OutputError::untouched(d)))?;
    let mut loaded = load(options)?;
    let mut claimed = output::claim(&options.root, &output_dir, Writer::Build, waiting).map_err(Failure::Output)?;
    let staging = Staging::new(&claimed).map_err(Failure::Io)?;
    let sink = |rel: &str, bytes: &[u8]| staging.write(rel, bytes);
    let files = static_files(&loaded, &options.root, &sink)?;
    let plan = routes::plan(&loaded.site);
    staging.prepare_dirs(plan.iter().map(|r| r.file.as_str())).map_err(Failure::Io)?;
    let pages = render_all(&loaded, &plan, &sink)?;
    let leftover = staging.commit().map_err(Failure::Output)?;
    let mut warnings = std::mem::take(&mut claimed.warnings);
    if let Some(warning) = leftover {
        warnings.push(warning);
    }
    loaded.warnings.extend(warnings);
    drop(claimed);
    Ok(Summary { pages, files: files + pages, warnings: loaded.warnings })
}

/// `secretaria check`: the build without writing.
pub fn check(options: &BuildOptions) -> Result<Summary, Failure> {
    let loaded = load(options)?;
    let pages = render_all(&loaded, &routes::plan(&loaded.site), &|_, _| Ok(()))?;
    Ok(Summary { pages, files: pages, warnings: loaded.warnings })
}

/// Content errors as one Diagnostics, IO failures included, for reporting.
pub fn failure_diagnostics(failure: Failure) -> Diagnostics {
    match failure {
        Failure::Content(d) | Failure::Usage(d) => d,
        Failure::Io(err) => {
            let mut d = Diagnostics::new();
            d.push(Diagnostic::error(format!("{err:#}")));
            d
        }
        Failure::Output(err) => {
            let mut d = Diagnostics::new();
            d.push(err.diagnostic);
            d
        }
    }
}
