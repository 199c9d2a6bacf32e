//! `secretaria check`: the build's stages rendered into a sink that writes nothing, with the
//! transparency checklist and the plain-language report.

use super::{
    check_rendered, finish, index_of, load_for_render, plan, render_looking, statics, BuildOptions, Failure, Loaded,
    Summary,
};
use crate::checklist::{self, Checklist};
use crate::diagnostics::{Code, Diagnostics};
use crate::output::Sink;
use crate::plain::{self, Readability};
use crate::sitecheck::Recording;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// What `check` keeps of the rendered site. For now it counts; a checker of the rendered
/// pages (links, fragments, alternative text) reads the files here.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    files: AtomicUsize,
}

impl Rendered {
    /// How many files were rendered.
    pub(crate) fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }
}

impl Sink for Rendered {
    fn put(&self, _file: &str, _bytes: Vec<u8>) -> anyhow::Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// `secretaria check`: the build rendered into [`Rendered`], without writing.
pub fn check(options: &BuildOptions) -> Result<Summary, Failure> {
    audit(options).result
}

/// What `check` reports: the diagnostics (in `result`, the plain-language warnings among
/// them), and, whenever the site loaded (even with errors in the rendered site), the
/// transparency checklist and the readability report.
#[derive(Debug)]
pub struct Audit {
    pub result: Result<Summary, Failure>,
    pub checklist: Option<Checklist>,
    pub readability: Option<Readability>,
}

/// [`check`], with the checklist and the plain-language checks.
pub fn audit(options: &BuildOptions) -> Audit {
    let mut loaded = match load_for_render(options) {
        Ok(loaded) => loaded,
        Err(failure) => return Audit { result: Err(failure), checklist: None, readability: None },
    };
    let (plain, readability) = plain::check(&loaded.site);
    let mut result = check_loaded(options, &mut loaded);
    match &mut result {
        Ok(summary) => plain.into_iter().for_each(|p| summary.warnings.push(p)),
        Err(Failure::Content(d)) => plain.into_iter().for_each(|p| d.push(p)),
        Err(_) => {}
    }
    let stale = |d: &Diagnostics| d.iter().filter(|d| d.code == Code::StalePage).count();
    let stale = match &result {
        Ok(summary) => stale(&summary.warnings),
        Err(Failure::Content(d)) => stale(d),
        Err(_) => 0,
    };
    Audit { result, checklist: Some(checklist::checklist(&loaded.site, stale)), readability: Some(readability) }
}

fn check_loaded(options: &BuildOptions, loaded: &mut Loaded) -> Result<Summary, Failure> {
    let plan = plan(&loaded.site);
    let rendered = Rendered::default();
    let statics = statics(&loaded.theme, &loaded.statics, &loaded.site, &options.root);
    let recording = Recording { inner: &rendered, index: Mutex::new(index_of(&statics, &plan)) };
    let pages = render_looking((&loaded.site, &loaded.theme, &mut loaded.warnings), &plan, &recording)?;
    // Nothing reads the manifest's bytes here: it is counted, not hashed.
    finish(&plan, &[], &recording)?;
    if !options.skip_site_checks {
        check_rendered(&loaded.site, &mut loaded.warnings, recording)?;
    }
    Ok(Summary {
        pages,
        files: rendered.files() + statics.len(),
        warnings: std::mem::take(&mut loaded.warnings),
        unchanged: false,
    })
}
