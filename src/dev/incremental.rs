//! Which routes a batch of changes affects. Every route depends on the site-wide view (title,
//! menu, footer with the main unit, date) and on the theme; beyond that, a page depends on its
//! own file and the titles of the sections above it, a listing on the summaries (title, date,
//! weight, description, URL) of what it lists, and the typed content (units, structure,
//! notices, laws, which cite one another) is small enough to re-render as a whole. When a
//! change does not fit these rules the answer is "everything", which is still only an
//! in-memory render: files whose bytes did not change are not written.

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use crate::model::datetime::DateTime;
use crate::model::load::TYPED_FOLDERS;
use crate::model::{Page, Site};
use crate::render::routes::{Route, RouteKind};
use crate::source::SourceSet;
use std::collections::{BTreeSet, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// Routes to render, as indices into the new plan.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    All,
    Routes(BTreeSet<usize>),
}

/// What a changed source file is to the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    /// `site.yaml`, `content/secretaria.yaml`, a template: every page shows them.
    Everything,
    /// A file the theme or `static/` publishes as it is, or an asset beside a page.
    Copied,
    /// Units, assessorias, notices, laws and the intros of their listings.
    Typed,
    Home,
    /// The `_index.md` of a folder of pages; its site path.
    Section(String),
    Page,
    /// Not part of the site (a file of another theme).
    Unrelated,
}

/// Classifies a changed path (relative to the site root) for the theme in use.
pub(crate) fn classify(rel: &Path, theme: &str) -> Source {
    let text = rel.to_string_lossy().replace('\\', "/");
    if text == "site.yaml" {
        return Source::Everything;
    }
    if let Some(rest) = text.strip_prefix("themes/") {
        return match rest.strip_prefix(theme).and_then(|r| r.strip_prefix('/')) {
            Some(r) if r.starts_with("static/") => Source::Copied,
            Some(_) => Source::Everything,
            None if rest == theme => Source::Everything,
            None => Source::Unrelated,
        };
    }
    if text.starts_with("static/") {
        return Source::Copied;
    }
    let Some(rel_content) = text.strip_prefix("content/") else { return Source::Everything };
    let (stem_path, ext) = rel_content.rsplit_once('.').unwrap_or((rel_content, ""));
    let depth = stem_path.matches('/').count();
    let top = stem_path.split('/').next().unwrap_or("");
    let stem = stem_path.rsplit('/').next().unwrap_or("");
    match ext {
        "md" => {}
        "yaml" | "yml" if stem_path == "secretaria" => return Source::Everything,
        "yaml" | "yml" => return Source::Typed,
        _ => return Source::Copied,
    }
    if depth == 0 && (stem == "_index" || stem == "index") {
        Source::Home
    } else if depth == 1 && TYPED_FOLDERS.contains(&top) {
        Source::Typed
    } else if stem == "_index" || stem == "index" {
        Source::Section(crate::model::slug::content_path(stem_path))
    } else {
        Source::Page
    }
}

/// The last good build, as the dev loop keeps it.
pub(crate) struct Built {
    pub(crate) site: Site,
    pub(crate) plan: Vec<Route>,
}

/// The routes of `new_plan` that `touched` files can have changed, given the last good build.
pub(crate) fn affected(old: Option<&Built>, site: &Site, plan: &[Route], touched: &BTreeSet<PathBuf>) -> Scope {
    let Some(old) = old else { return Scope::All };
    if global_fingerprint(&old.site) != global_fingerprint(site) {
        return Scope::All;
    }
    let mut routes = BTreeSet::new();
    let mut typed = upcoming(&old.site) != upcoming(site);
    // Site paths of pages and sections to render, and of sections whose title everything
    // below them shows (in the breadcrumbs).
    let mut exact: BTreeSet<String> = BTreeSet::new();
    let mut prefixes: Vec<String> = Vec::new();
    let mut summaries = false;
    for path in touched {
        match classify(path, &site.config.theme) {
            Source::Everything => return Scope::All,
            Source::Copied | Source::Unrelated => {}
            Source::Typed => typed = true,
            Source::Home => {
                exact.insert(String::new());
            }
            Source::Section(section) => {
                let before = find_section(&old.site, path, &section);
                let after = find_section(site, path, &section);
                exact.insert(section.clone());
                if before != after {
                    summaries = true;
                    prefixes.push(section);
                }
            }
            Source::Page => {
                let before = find_page(&old.site, path);
                let after = find_page(site, path);
                exact.extend(after.map(|p| p.origin.path.clone()));
                if before.map(summary) != after.map(summary) {
                    summaries = true;
                    for p in before.into_iter().chain(after) {
                        exact.extend(ancestors(&p.origin.path));
                    }
                }
            }
        }
    }
    let old_files: HashSet<&str> = old.plan.iter().map(|r| r.file.as_str()).collect();
    for (i, route) in plan.iter().enumerate() {
        let listed = match route.kind {
            RouteKind::Page(_) | RouteKind::Section(_) => {
                exact.contains(&route.path) || prefixes.iter().any(|p| route.path.starts_with(p.as_str()))
            }
            RouteKind::Home => typed || exact.contains(""),
            RouteKind::SiteMap => typed || summaries,
            _ => typed,
        };
        if listed || !old_files.contains(route.file.as_str()) {
            routes.insert(i);
        }
    }
    Scope::Routes(routes)
}

/// What others show of a section (its title in breadcrumbs, menu and site map): `None` when
/// the section is gone or implicit (a folder without `_index.md`).
fn find_section<'a>(site: &'a Site, file: &Path, path: &str) -> Option<(&'a String, &'a Option<String>, i64)> {
    site.sections
        .iter()
        .find(|s| s.origin.path == path && s.origin.file == file)
        .map(|s| (&s.title, &s.description, s.weight))
}

fn find_page<'a>(site: &'a Site, file: &Path) -> Option<&'a Page> {
    site.pages.iter().chain(std::iter::once(&site.home)).find(|p| p.origin.file == file)
}

/// What listings, the site map and section pages show of a page.
fn summary(page: &Page) -> (&String, &String, &Option<String>, Option<crate::model::datetime::Date>, i64) {
    (&page.origin.path, &page.title, &page.description, page.date, page.weight)
}

/// The site paths of the sections above a page: `a/b/c/` → `a/`, `a/b/`.
fn ancestors(path: &str) -> Vec<String> {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').filter(|p| !p.is_empty()).collect();
    (1..parts.len()).map(|n| format!("{}/", parts.get(..n).unwrap_or_default().join("/"))).collect()
}

/// Notices change lists as time passes (upcoming → past) even when no file changes.
fn upcoming(site: &Site) -> Vec<&Path> {
    site.upcoming_notices().iter().map(|n| n.origin.file.as_path()).collect()
}

/// Everything every page shows: the site view of `render::Renderer::new` (configuration,
/// menu, the main unit in the footer, the secretariat's name, the date).
fn global_fingerprint(site: &Site) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    format!("{:?}", site.config).hash(&mut hasher);
    format!("{:?}", site.main_unit()).hash(&mut hasher);
    site.secretariat.as_ref().map(|s| &s.name).hash(&mut hasher);
    site.today.date().iso_date().hash(&mut hasher);
    let menu: Vec<(&str, &str)> = site
        .sections
        .iter()
        .filter(|s| !s.origin.path.trim_end_matches('/').contains('/'))
        .map(|s| (s.origin.path.as_str(), s.title.as_str()))
        .collect();
    menu.hash(&mut hasher);
    [
        site.secretariat.is_some(),
        site.assessorias.is_empty(),
        site.units.is_empty(),
        site.notices.is_empty(),
        site.laws.is_empty(),
    ]
    .hash(&mut hasher);
    hasher.finish()
}

/// The outcome of [`splice_pages`].
pub(crate) enum Splice {
    /// The pages were replaced in the model; render these routes.
    /// `pages`: the indices (in `Site::pages`) of the pages replaced.
    Done { routes: BTreeSet<usize>, pages: Vec<usize>, warnings: Diagnostics },
    /// The changed pages have errors.
    Failed(Diagnostics),
    /// Not a body-only edit of existing pages: reload the whole model.
    No,
}

/// The common edit, made cheap: when only the bodies of existing ordinary pages changed,
/// load those files alone (with the same `site.yaml`) and put the new pages in place of the
/// old ones in the last good model, instead of reloading thousands of files. Anything that
/// could affect another file (title, date, weight, description, URL, draft, a new or removed
/// page, a new day, a notice becoming past) answers [`Splice::No`].
pub(crate) fn splice_pages(
    built: &mut Built,
    set: &SourceSet,
    touched: &BTreeSet<PathBuf>,
    config: &SiteConfig,
    now: DateTime,
) -> Splice {
    if touched.is_empty() || built.site.today.date() != now.date() {
        return Splice::No;
    }
    let mut slots = Vec::new();
    let mut files = Vec::new();
    for path in touched {
        let Some(index) = built.site.pages.iter().position(|p| p.origin.file == *path) else { return Splice::No };
        let Ok(found) = set.content.binary_search_by(|f| f.rel_path.as_path().cmp(path)) else { return Splice::No };
        let (Source::Page, Some(file)) = (classify(path, &config.theme), set.content.get(found)) else {
            return Splice::No;
        };
        slots.push(index);
        files.push(file.clone());
    }
    let alone =
        SourceSet { root: set.root.clone(), site_yaml: set.site_yaml.clone(), content: files, ..SourceSet::default() };
    let mut diagnostics = Diagnostics::new();
    let mut small = crate::model::load::load(alone, config.clone(), now, &mut diagnostics);
    if diagnostics.iter().any(|d| d.file.as_ref().is_none_or(|f| !touched.contains(f))) {
        return Splice::No;
    }
    if diagnostics.has_errors() {
        return Splice::Failed(diagnostics);
    }
    let mut replacements = Vec::new();
    for &index in &slots {
        let Some(old) = built.site.pages.get(index) else { return Splice::No };
        let Some(at) = small.pages.iter().position(|p| p.origin.file == old.origin.file) else { return Splice::No };
        let new = small.pages.swap_remove(at);
        if summary(&new) != summary(old) {
            return Splice::No;
        }
        replacements.push((index, new));
    }
    let before = upcoming(&built.site).into_iter().map(Path::to_path_buf).collect::<Vec<_>>();
    let today = std::mem::replace(&mut built.site.today, now);
    if upcoming(&built.site) != before {
        built.site.today = today;
        return Splice::No;
    }
    let mut routes = BTreeSet::new();
    let pages = replacements.iter().map(|(index, _)| *index).collect();
    for (index, page) in replacements {
        let file = format!("{}index.html", page.origin.path);
        routes.extend(built.plan.iter().position(|r| r.file == file));
        if let Some(slot) = built.site.pages.get_mut(index) {
            *slot = page;
        }
    }
    Splice::Done { routes, pages, warnings: diagnostics }
}
