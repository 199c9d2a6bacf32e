//! What a batch of changes means for the last good build. The new model is had as cheaply as
//! it is exact: the old one with a new "now" when no content changed, the old one with the
//! edited page bodies spliced in when only bodies of ordinary pages changed ([`splice_pages`]),
//! else a reload. Then the routes to render are the new ones and those with a dependency that
//! changed ([`select`]): each route says what it is made from (`render::routes`), the two
//! models are compared ([`Snapshot`], [`Dirty`]), and no rule here names a kind of route.

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use crate::kinds::{self, Kind, Role};
use crate::model::datetime::DateTime;
use crate::model::{Page, Site};
use crate::render::deps::{self, Dirty, Index, Snapshot};
use crate::render::routes::{Route, RouteKind};
use crate::render::theme;
use crate::source::SourceSet;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

/// The last good build, as the dev loop keeps it.
pub(crate) struct Built {
    pub(crate) site: Site,
    pub(crate) plan: Vec<Route>,
    /// The plan's routes by what they depend on.
    pub(crate) index: Index,
    pub(crate) snapshot: Snapshot,
    /// The text of every template the site was rendered with, by name.
    pub(crate) templates: BTreeMap<String, String>,
    /// The search documents the routes left as they rendered: a route renders again when
    /// what it shows changes, its documents with it.
    pub(crate) search: crate::search::Store,
    /// The site paths of the plan's pages, made when first asked: the plan's paths never
    /// change in place (a moved page keeps its path), so they hold as long as the plan.
    pub(crate) pages: std::sync::OnceLock<std::collections::HashSet<String>>,
}

/// What produced each output file of a plan, to tell new routes from old ones.
pub(crate) fn outputs(plan: &[Route]) -> HashMap<&str, RouteKind> {
    plan.iter().map(|r| (r.file.as_str(), r.kind.without_index())).collect()
}

/// The routes of `built`'s plan to render: those with a dependency in `dirty`, and those whose
/// file the previous plan (`before`, `None` when it is the same plan) did not produce the same
/// way.
pub(crate) fn select(built: &Built, before: Option<&HashMap<&str, RouteKind>>, dirty: &Dirty) -> Vec<usize> {
    let mut routes = built.index.routes(dirty);
    if let Some(before) = before {
        let new = built
            .plan
            .iter()
            .enumerate()
            .filter(|(_, route)| before.get(route.file.as_str()) != Some(&route.kind.without_index()));
        routes.extend(new.map(|(i, _)| i));
    }
    routes.into_iter().collect()
}

/// The routes to render after the model of `built` changed in place (the same plan and items,
/// the same summaries: spliced page bodies, a new "now"): those whose dependencies changed
/// since its snapshot, `touched` (source files relative to the site root) and `templates`
/// (every template's text) included. Takes the new state.
pub(crate) fn refresh(
    built: &mut Built,
    templates: &BTreeMap<String, String>,
    touched: &BTreeSet<PathBuf>,
) -> Vec<usize> {
    let sections = crate::render::deps::sections_showing(&built.site, touched);
    let snapshot = built.snapshot.refreshed(&built.site, Some(&sections));
    let changed = theme::changed(&built.templates, templates);
    let dirty = Dirty::between(&built.snapshot, &snapshot, touched, changed);
    built.snapshot = snapshot;
    built.templates.clone_from(templates);
    select(built, None, &dirty)
}

/// [`refresh`] after a splice that changed what listings show of ordinary pages
/// (`Splice::Done` with `summaries`): their summaries are taken again; when the pages also
/// `moved` (their indices in the model changed: old index → new index), the routes of ordinary
/// pages are pointed at their pages' new indices. Nothing else in the plan names a page by its
/// index (a section's list pages depend on what they show, [`Dep::Shown`]; search numbers
/// documents by address), so the plan and its index of dependencies stay as they are: every
/// route keeps its file and its dependencies, and making them again for 10,000 pages was most
/// of a title edit.
///
/// [`Dep::Shown`]: crate::render::deps::Dep::Shown
pub(crate) fn resummarise(
    built: &mut Built,
    templates: &BTreeMap<String, String>,
    touched: &BTreeSet<PathBuf>,
    moved: Option<&[usize]>,
) -> Vec<usize> {
    let sections = crate::render::deps::sections_showing(&built.site, touched);
    let snapshot =
        built.snapshot.refreshed(&built.site, Some(&sections)).with_summaries(&built.site, Kind::Page, Some(&sections));
    let changed = theme::changed(&built.templates, templates);
    let dirty = Dirty::between(&built.snapshot, &snapshot, touched, changed);
    built.snapshot = snapshot;
    built.templates.clone_from(templates);
    if let Some(moved_to) = moved {
        for route in &mut built.plan {
            if let RouteKind::Item(Kind::Page, i) = &mut route.kind {
                *i = moved_to.get(*i).copied().unwrap_or(*i);
            }
        }
    }
    select(built, None, &dirty)
}

/// The outcome of [`splice_pages`].
pub(crate) enum Splice {
    /// The pages were replaced in the model. `summaries`: what listings show of an ordinary
    /// page changed (a title, a description, a date, a weight); `moved`: and the order of
    /// the pages with it (the model's indices, and so the plan, changed).
    Done { warnings: Diagnostics, summaries: bool, moved: Option<Vec<usize>> },
    /// The changed pages have errors.
    Failed(Diagnostics),
    /// Not a body-only edit of existing pages: reload the whole model.
    No,
}

/// Where a spliced file's item is in the model.
#[derive(Clone, Copy)]
enum Slot {
    Page(usize),
    Section(usize),
    Home,
}

/// The common edits, made cheap: when only existing ordinary pages, or the bodies of sections
/// (`_index.md` of a folder) or of the home page changed, load those files alone (with the
/// same `site.yaml`) and put the new items in place of the old ones in the last good model
/// (with the new "now"), instead of reloading thousands of files. An ordinary page may change
/// what listings show of it (title, description, date, weight): it is moved to its place in
/// the model's order ([`Page::order`]) and the indices its section holds follow
/// ([`reorder_pages`]). Anything else that could affect another file (a section's or the home
/// page's title, a draft, a new or removed page) answers [`Splice::No`]. Kinds whose items
/// refer to others (units, notices…) are not spliced: alone, their references would not
/// resolve. A section keeps its pages: alone, it has none.
pub(crate) fn splice_pages(
    built: &mut Built,
    set: &SourceSet,
    touched: &BTreeSet<PathBuf>,
    config: &SiteConfig,
    now: DateTime,
) -> Splice {
    if touched.is_empty() {
        return Splice::No;
    }
    let mut slots = Vec::new();
    let mut files = Vec::new();
    for path in touched {
        let site = &built.site;
        let slot = match kinds::classify(path) {
            // Compared as bytes (both are the walk's relative names): `Path`'s equality parses
            // components, and this looks through every page.
            Role::Item(Kind::Page) => {
                site.pages.iter().position(|p| p.origin.file.as_os_str() == path.as_os_str()).map(Slot::Page)
            }
            Role::Item(Kind::Section) => site.sections.iter().position(|s| s.origin.file == *path).map(Slot::Section),
            Role::Item(Kind::Home) if site.home.origin.file == *path => Some(Slot::Home),
            _ => None,
        };
        let Some(slot) = slot else { return Splice::No };
        let Ok(found) = set.content.binary_search_by(|f| f.rel_path.as_path().cmp(path)) else { return Splice::No };
        let Some(file) = set.content.get(found) else { return Splice::No };
        slots.push((slot, path));
        files.push(file.clone());
    }
    let times = files.iter().filter_map(|f| Some((f.rel_path.clone(), *set.times.get(&f.rel_path)?))).collect();
    let alone = SourceSet {
        root: set.root.clone(),
        site_yaml: set.site_yaml.clone(),
        content: files,
        times,
        ..SourceSet::default()
    };
    let mut diagnostics = Diagnostics::new();
    let mut small = crate::model::load::load(alone, config.clone(), now, &mut diagnostics);
    if diagnostics.iter().any(|d| d.file.as_ref().is_none_or(|f| !touched.contains(f))) {
        return Splice::No;
    }
    if diagnostics.has_errors() {
        return Splice::Failed(diagnostics);
    }
    let mut pages = Vec::new();
    let mut sections = Vec::new();
    let mut home = None;
    let mut summaries = false;
    for (slot, path) in slots {
        match slot {
            Slot::Page(index) => {
                let Some(old) = built.site.pages.get(index) else { return Splice::No };
                let Some(at) = small.pages.iter().position(|p| p.origin.file == *path) else { return Splice::No };
                let new = small.pages.swap_remove(at);
                // The address comes from the file's name: the same file, the same address.
                if new.origin.path != old.origin.path {
                    return Splice::No;
                }
                summaries |= deps::summary(&new) != deps::summary(old);
                pages.push((index, new));
            }
            Slot::Section(index) => {
                let Some(old) = built.site.sections.get(index) else { return Splice::No };
                let Some(at) = small.sections.iter().position(|s| s.origin.file == *path) else { return Splice::No };
                let mut new = small.sections.swap_remove(at);
                if (&new.origin.path, &new.title, &new.description, new.weight)
                    != (&old.origin.path, &old.title, &old.description, old.weight)
                {
                    return Splice::No;
                }
                new.pages.clone_from(&old.pages);
                sections.push((index, new));
            }
            Slot::Home => {
                let new = small.home.clone();
                if new.origin.file != *path || deps::summary(&new) != deps::summary(&built.site.home) {
                    return Splice::No;
                }
                home = Some(new);
            }
        }
    }
    for (index, page) in pages {
        if let Some(slot) = built.site.pages.get_mut(index) {
            *slot = page;
        }
    }
    for (index, section) in sections {
        if let Some(slot) = built.site.sections.get_mut(index) {
            *slot = section;
        }
    }
    if let Some(page) = home {
        built.site.home = page;
    }
    let moved = if summaries { reorder_pages(&mut built.site) } else { None };
    built.site.today = now;
    Splice::Done { warnings: diagnostics, summaries, moved }
}

/// Puts the model's ordinary pages back in their order ([`Page::order`]) after some were
/// replaced, and the sections' indices of their pages with them (each section lists its
/// pages in the model's order, as `model::validate` groups them). Where each page went (old
/// index → new index), or `None` when nothing moved. Nearly sorted, the pages are checked in
/// one pass and sorted only when one is out of place.
pub(crate) fn reorder_pages(site: &mut Site) -> Option<Vec<usize>> {
    if site.pages.windows(2).all(|w| matches!(w, [a, b] if Page::order(a, b).is_le())) {
        return None;
    }
    let mut order: Vec<usize> = (0..site.pages.len()).collect();
    order.sort_by(|&a, &b| match (site.pages.get(a), site.pages.get(b)) {
        (Some(a), Some(b)) => Page::order(a, b),
        _ => a.cmp(&b),
    });
    // Old index → new index.
    let mut moved_to = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(slot) = moved_to.get_mut(old) {
            *slot = new;
        }
    }
    let mut old: Vec<Option<Page>> = std::mem::take(&mut site.pages).into_iter().map(Some).collect();
    site.pages = order.iter().filter_map(|&i| old.get_mut(i).and_then(Option::take)).collect();
    for section in &mut site.sections {
        for index in &mut section.pages {
            *index = moved_to.get(*index).copied().unwrap_or(*index);
        }
        section.pages.sort_unstable();
    }
    Some(moved_to)
}
