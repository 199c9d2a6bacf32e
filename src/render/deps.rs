//! What an output is made from ([`Dep`]), and which of those changed between two models
//! ([`Snapshot`], [`Dirty`]). Routes declare their dependencies (`routes::plan`); the dev loop
//! compares the model before and after an edit and re-renders exactly the routes with a
//! dependency that changed, found through the reverse [`Index`]. Each variant's comment is its contract: what a route that declares
//! it may show, and what the comparison looks at.

use super::routes::Route;
use super::theme::Changed;
use crate::kinds::{self, Kind, KINDS};
use crate::model::datetime::{Date, DateTime};
use crate::model::{Notice, Page, Site};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// One thing an output shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Dep {
    /// The site-wide context: `site.yaml`'s configuration and the view every page shows
    /// (title, menu, the main unit in the footer, the secretariat's name, the date).
    Site,
    /// The template the page is rendered with (and what it extends, includes or imports).
    Template(&'static str),
    /// Everything of one source file (relative to the site root), which may not exist yet.
    File(PathBuf),
    /// Which items a kind has, in which order, and what listings, links, breadcrumbs and the
    /// site map show of each ([`summary`]).
    Summaries(Kind),
    /// Everything of every item of a kind.
    Items(Kind),
    /// What page `.1` of a section's list of pages (the section by its source file) shows of
    /// them: the summaries ([`summary`]) and dates of update of the pages in its range, in
    /// order, and how many pages the section has (its pagination). Finer than
    /// [`Dep::Summaries`] and [`Dep::Dates`] of pages, so that a retitled page, or a page
    /// whose date an edit changed, renders the one page of its section's list that shows it.
    Shown(PathBuf, usize),
    /// When each item of a kind (and its listing's intro) last changed: what a page that
    /// gathers them shows as its own date, and the sitemap's `lastmod`.
    Dates(Kind),
    /// The bytes of every other published file (`SHA256SUMS`): such a route is rendered
    /// after all the others, from their digests, whenever one of them was written or removed
    /// (see `pipeline::finish`); it never comes out of [`Index::routes`].
    Outputs,
}

/// What the dependencies read of one model, in fingerprints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Snapshot {
    /// The configuration and the site view.
    site: u64,
    /// Each kind's items' summaries, in order.
    summaries: BTreeMap<Kind, u64>,
    /// Items whose page changes with time alone (a notice becoming past), by source file.
    timed: BTreeMap<PathBuf, u64>,
    /// Each kind's dates of update, in order.
    dates: BTreeMap<Kind, u64>,
    /// What each page of each section's list shows ([`Dep::Shown`]).
    shown: BTreeMap<(PathBuf, usize), u64>,
}

impl Snapshot {
    pub(crate) fn of(site: &Site) -> Snapshot {
        let summaries = KINDS.iter().map(|spec| (spec.kind, summaries(site, spec.kind))).collect();
        Snapshot { summaries, shown: shown(site), ..Snapshot::of_time(site) }
    }

    /// Each kind's dates of update as one fingerprint (a body edit changes its page's date:
    /// taken again by [`Snapshot::refreshed`], at 10,000 pages in a fraction of a millisecond).
    fn dates(site: &Site) -> BTreeMap<Kind, u64> {
        KINDS
            .iter()
            .map(|spec| {
                let mut hasher = std::hash::DefaultHasher::new();
                for item in site.items(spec.kind) {
                    (&item.origin.path, item.origin.updated).hash(&mut hasher);
                }
                super::updated::intro(site, spec.kind).map(|o| o.updated).hash(&mut hasher);
                (spec.kind, hasher.finish())
            })
            .collect()
    }

    /// The snapshot of a model changed in place since `self` was taken: the same items with
    /// the same summaries (page bodies spliced in, a new "now"). Only what the time can change
    /// is taken again (the site view with its date, the notices); at 10,000 pages this is
    /// what keeps a body edit at a millisecond.
    ///
    /// `sections` (indices in the model): the only sections whose pages changed, as
    /// [`sections_showing`] finds them; `None` when any may have.
    pub(crate) fn refreshed(&self, site: &Site, sections: Option<&BTreeSet<usize>>) -> Snapshot {
        let fresh = Snapshot::of_time(site);
        let mut summaries = self.summaries.clone();
        summaries.insert(Kind::Notice, self::summaries(site, Kind::Notice));
        // The lists of sections show their pages' dates: taken again when a date changed.
        let shown = if fresh.dates.get(&Kind::Page) == self.dates.get(&Kind::Page) {
            self.shown.clone()
        } else {
            shown_in(site, &self.shown, sections)
        };
        Snapshot { summaries, shown, ..fresh }
    }

    /// This snapshot with the summaries of `kind` taken again from `site` (the dev loop's
    /// splice changed what listings show of some of its items); `sections` as in
    /// [`Snapshot::refreshed`].
    pub(crate) fn with_summaries(mut self, site: &Site, kind: Kind, sections: Option<&BTreeSet<usize>>) -> Snapshot {
        self.summaries.insert(kind, summaries(site, kind));
        if kind == Kind::Page {
            self.shown = shown_in(site, &self.shown, sections);
        }
        self
    }

    /// The parts of a snapshot that change with time alone.
    fn of_time(site: &Site) -> Snapshot {
        let mut hasher = std::hash::DefaultHasher::new();
        format!("{:?}", site.config).hash(&mut hasher);
        site.config_updated.hash(&mut hasher);
        serde_json::to_string(&super::site_view(site)).unwrap_or_default().hash(&mut hasher);
        let timed = site.notices.iter().map(|n| (n.origin.file.clone(), fingerprint(&time_state(site, n)))).collect();
        Snapshot {
            site: hasher.finish(),
            summaries: BTreeMap::new(),
            timed,
            dates: Snapshot::dates(site),
            shown: BTreeMap::new(),
        }
    }
}

/// What changed between two models.
#[derive(Debug, Clone)]
pub(crate) struct Dirty {
    site: bool,
    templates: Changed,
    files: BTreeSet<PathBuf>,
    summaries: BTreeSet<Kind>,
    items: BTreeSet<Kind>,
    dates: BTreeSet<Kind>,
    shown: BTreeSet<(PathBuf, usize)>,
}

impl Dirty {
    /// From the snapshots of the models before and after, the source files whose text
    /// changed (relative to the site root) and the templates that changed.
    pub(crate) fn between(old: &Snapshot, new: &Snapshot, touched: &BTreeSet<PathBuf>, templates: Changed) -> Dirty {
        let mut files = touched.clone();
        let timed: BTreeSet<&PathBuf> = old.timed.keys().chain(new.timed.keys()).collect();
        files.extend(timed.into_iter().filter(|f| old.timed.get(*f) != new.timed.get(*f)).cloned());
        let summaries: BTreeSet<Kind> =
            KINDS.iter().map(|s| s.kind).filter(|k| old.summaries.get(k) != new.summaries.get(k)).collect();
        let mut items = summaries.clone();
        items.extend(files.iter().filter_map(|f| item_kind(f)));
        let dates = KINDS.iter().map(|s| s.kind).filter(|k| old.dates.get(k) != new.dates.get(k)).collect();
        let shown = old.shown.keys().chain(new.shown.keys()).filter(|k| old.shown.get(*k) != new.shown.get(*k));
        let shown = shown.cloned().collect();
        Dirty { site: old.site != new.site, templates, files, summaries, items, dates, shown }
    }

    /// Whether `dep` changed (what [`Index::routes`] answers for every route at once).
    #[cfg(test)]
    pub(crate) fn affects(&self, dep: &Dep) -> bool {
        match dep {
            Dep::Site => self.site,
            Dep::Template(name) => self.templates.contains(name),
            Dep::File(path) => self.files.contains(path),
            Dep::Summaries(kind) => self.summaries.contains(kind),
            Dep::Items(kind) => self.items.contains(kind),
            Dep::Dates(kind) => self.dates.contains(kind),
            Dep::Shown(file, number) => self.shown.contains(&(file.clone(), *number)),
            Dep::Outputs => false,
        }
    }
}

/// The routes of a plan by what they depend on: the reverse of each route's `deps`, so that
/// the routes a change affects are found without looking at the others (at 10,000 pages, a
/// body edit looks up one file).
#[derive(Debug, Default)]
pub(crate) struct Index {
    site: Vec<usize>,
    templates: HashMap<&'static str, Vec<usize>>,
    files: HashMap<PathBuf, Vec<usize>>,
    summaries: HashMap<Kind, Vec<usize>>,
    items: HashMap<Kind, Vec<usize>>,
    dates: HashMap<Kind, Vec<usize>>,
    shown: HashMap<(PathBuf, usize), Vec<usize>>,
}

impl Index {
    pub(crate) fn of(plan: &[Route]) -> Index {
        let mut index = Index::default();
        for (i, route) in plan.iter().enumerate() {
            for dep in &route.deps {
                match dep {
                    Dep::Site => index.site.push(i),
                    Dep::Template(name) => index.templates.entry(name).or_default().push(i),
                    Dep::File(path) => index.files.entry(path.clone()).or_default().push(i),
                    Dep::Summaries(kind) => index.summaries.entry(*kind).or_default().push(i),
                    Dep::Items(kind) => index.items.entry(*kind).or_default().push(i),
                    Dep::Dates(kind) => index.dates.entry(*kind).or_default().push(i),
                    Dep::Shown(file, number) => index.shown.entry((file.clone(), *number)).or_default().push(i),
                    // Rendered last, by `pipeline::finish`.
                    Dep::Outputs => {}
                }
            }
        }
        index
    }

    /// The routes (indices into the plan) with a dependency that `dirty` says changed.
    pub(crate) fn routes(&self, dirty: &Dirty) -> BTreeSet<usize> {
        let mut routes = BTreeSet::new();
        if dirty.site {
            routes.extend(&self.site);
        }
        match &dirty.templates {
            Changed::All => routes.extend(self.templates.values().flatten()),
            Changed::Only(names) => {
                routes.extend(names.iter().filter_map(|n| self.templates.get(n.as_str())).flatten());
            }
        }
        routes.extend(dirty.files.iter().filter_map(|f| self.files.get(f)).flatten());
        routes.extend(dirty.summaries.iter().filter_map(|k| self.summaries.get(k)).flatten());
        routes.extend(dirty.items.iter().filter_map(|k| self.items.get(k)).flatten());
        routes.extend(dirty.dates.iter().filter_map(|k| self.dates.get(k)).flatten());
        routes.extend(dirty.shown.iter().filter_map(|k| self.shown.get(k)).flatten());
        routes
    }
}

/// The kind of the item a content file holds, if it holds one.
fn item_kind(file: &Path) -> Option<Kind> {
    if !file.starts_with("content") {
        return None;
    }
    match kinds::classify(file) {
        kinds::Role::Item(kind) => Some(kind),
        kinds::Role::Intro(_) | kinds::Role::Misplaced | kinds::Role::Attachment => None,
    }
}

fn fingerprint(value: &impl Hash) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The summaries of a kind's items, in order, as one fingerprint: what a route that declares
/// [`Dep::Summaries`] may show of an item, and the item's place in its list.
fn summaries(site: &Site, kind: Kind) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    let h = &mut hasher;
    match kind {
        Kind::Home => (&site.home.origin.path, &site.home.title).hash(h),
        Kind::Secretariat => {
            if let Some(s) = &site.secretariat {
                (&s.origin.path, &s.name).hash(h);
            }
        }
        // Links to the superior and to the ones under it; a position is named differently.
        Kind::Structure => {
            for a in &site.assessorias {
                let superior = a.superior.and_then(|i| site.assessorias.get(i)).map(|s| &s.origin.path);
                (&a.origin.path, &a.title, superior, a.kind.position).hash(h);
            }
        }
        Kind::Unit => {
            for u in &site.units {
                (&u.origin.path, &u.name).hash(h);
            }
        }
        Kind::Notice => {
            for n in &site.notices {
                (&n.origin.path, &n.title, time_state(site, n)).hash(h);
            }
        }
        Kind::Law => {
            for l in &site.laws {
                (&l.origin.path, &l.title).hash(h);
            }
        }
        Kind::Section => {
            for s in &site.sections {
                (&s.origin.path, &s.title, &s.description, s.weight).hash(h);
            }
        }
        Kind::Page => {
            for p in &site.pages {
                summary(p).hash(h);
            }
        }
        Kind::Program => {
            for p in &site.programs {
                (&p.origin.path, &p.title).hash(h);
            }
        }
        Kind::Council => {
            for c in &site.councils {
                (&c.origin.path, &c.title).hash(h);
            }
        }
        Kind::Faq => {
            for f in &site.faqs {
                (&f.origin.path, &f.question).hash(h);
            }
        }
        // Single pages: whether the site writes them, and their title.
        Kind::Sic | Kind::Ombudsman => {
            for item in site.items(kind) {
                (&item.origin.path, item.title).hash(h);
            }
        }
        // And whether it names the officer (the hub says when it does not).
        Kind::Privacy => {
            if let Some(p) = &site.privacy {
                (&p.origin.path, &p.title, p.officer.is_some()).hash(h);
            }
        }
    }
    hasher.finish()
}

/// What each page of each section's list shows ([`Dep::Shown`]), by section file and page
/// number: a fingerprint of the summaries and dates of its pages and of how many the section
/// has.
fn shown(site: &Site) -> BTreeMap<(PathBuf, usize), u64> {
    let mut out = BTreeMap::new();
    for section in &site.sections {
        shown_of(site, section, &mut out);
    }
    out
}

/// [`shown`] taken again only for the sections in `sections` (all when `None`): the others
/// keep what `old` has. Hashing every page of a 10,000-page site was most of a title edit's
/// model step, for the one section whose list shows the page.
fn shown_in(
    site: &Site,
    old: &BTreeMap<(PathBuf, usize), u64>,
    sections: Option<&BTreeSet<usize>>,
) -> BTreeMap<(PathBuf, usize), u64> {
    let Some(sections) = sections else { return shown(site) };
    let chosen: Vec<&crate::model::Section> = sections.iter().filter_map(|&i| site.sections.get(i)).collect();
    let files: BTreeSet<&PathBuf> = chosen.iter().map(|s| &s.origin.file).collect();
    let mut out: BTreeMap<(PathBuf, usize), u64> =
        old.iter().filter(|((file, _), _)| !files.contains(file)).map(|(k, v)| (k.clone(), *v)).collect();
    for section in chosen {
        shown_of(site, section, &mut out);
    }
    out
}

/// What each page of `section`'s list shows, into `out`.
fn shown_of(site: &Site, section: &crate::model::Section, out: &mut BTreeMap<(PathBuf, usize), u64>) {
    let size = site.config.page_size;
    let count = super::paginate::count(section.pages.len(), size);
    for number in 1..=count {
        let range = super::paginate::PageOf { number, count }.range(section.pages.len(), size);
        let mut hasher = std::hash::DefaultHasher::new();
        section.pages.len().hash(&mut hasher);
        for page in section.pages.get(range).unwrap_or_default().iter().filter_map(|&p| site.pages.get(p)) {
            (summary(page), page.origin.updated).hash(&mut hasher);
        }
        out.insert((section.origin.file.clone(), number), hasher.finish());
    }
}

/// The sections (indices in the model) whose lists can show something of the source files
/// `touched`: those holding a page of one of them, and those whose own file is one. After
/// the dev loop spliced the pages of `touched` into the model, no other section's list
/// changed: their pages are the same, in the same order.
pub(crate) fn sections_showing(site: &Site, touched: &BTreeSet<PathBuf>) -> BTreeSet<usize> {
    // Compared as bytes: the model's paths and the watcher's are both relative and normal.
    let few: Vec<&[u8]> = touched.iter().map(|t| t.as_os_str().as_encoded_bytes()).collect();
    let many: std::collections::HashSet<&[u8]> =
        if few.len() > 16 { few.iter().copied().collect() } else { std::collections::HashSet::new() };
    let is_touched = |file: &std::path::Path| {
        let file = file.as_os_str().as_encoded_bytes();
        if many.is_empty() {
            few.contains(&file)
        } else {
            many.contains(file)
        }
    };
    let pages: BTreeSet<usize> =
        site.pages.iter().enumerate().filter(|(_, p)| is_touched(&p.origin.file)).map(|(i, _)| i).collect();
    site.sections
        .iter()
        .enumerate()
        .filter(|(_, s)| is_touched(&s.origin.file) || s.pages.iter().any(|p| pages.contains(p)))
        .map(|(i, _)| i)
        .collect()
}

/// What listings, the site map and section pages show of an ordinary page (the dev loop's
/// body-only fast path compares it too).
pub(crate) fn summary(page: &Page) -> (&String, &String, &Option<String>, Option<Date>, i64) {
    (&page.origin.path, &page.title, &page.description, page.date, page.weight)
}

/// What of a notice depends on the time: whether it is still ahead, its next date, how many
/// of its dates have passed.
fn time_state(site: &Site, notice: &Notice) -> (bool, Option<DateTime>, usize) {
    let past = notice.occurrences().iter().filter(|o| o.last_moment() < site.today).count();
    (notice.last_moment() >= site.today, notice.next_occurrence(site.today).map(|o| o.start), past)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::Kind;

    fn route(file: &str, deps: Vec<Dep>) -> Route {
        let kind = crate::render::routes::RouteKind::Listing(Kind::Unit);
        Route {
            path: file.to_string(),
            file: file.to_string(),
            kind,
            deps,
            page: crate::render::paginate::PageOf::ONLY,
        }
    }

    /// The index answers what asking every route would: each kind of change, alone and mixed.
    #[test]
    fn the_index_finds_the_routes_a_change_affects() {
        let plan = vec![
            route("a", vec![Dep::Site, Dep::Template("page.html"), Dep::File("content/a.md".into())]),
            route("b", vec![Dep::Site, Dep::Template("section.html"), Dep::Summaries(Kind::Page)]),
            route("c", vec![Dep::File("content/c.md".into()), Dep::Items(Kind::Unit)]),
            route("d", vec![Dep::Template("index.html"), Dep::Items(Kind::Notice)]),
            route("e", vec![Dep::Dates(Kind::Page), Dep::Site]),
            route("f", vec![Dep::Outputs]),
        ];
        let index = Index::of(&plan);
        let none = Dirty {
            site: false,
            templates: Changed::Only(BTreeSet::new()),
            files: BTreeSet::new(),
            summaries: BTreeSet::new(),
            items: BTreeSet::new(),
            dates: BTreeSet::new(),
            shown: BTreeSet::new(),
        };
        let cases = [
            Dirty { site: true, ..none.clone() },
            Dirty { templates: Changed::All, ..none.clone() },
            Dirty { templates: Changed::Only(["section.html".to_string()].into()), ..none.clone() },
            Dirty { files: ["content/c.md".into()].into(), items: [Kind::Page].into(), ..none.clone() },
            Dirty { summaries: [Kind::Page].into(), items: [Kind::Notice, Kind::Unit].into(), ..none.clone() },
            Dirty { dates: [Kind::Page].into(), ..none.clone() },
            none.clone(),
        ];
        for dirty in cases {
            let brute: BTreeSet<usize> =
                (0..plan.len()).filter(|&i| plan[i].deps.iter().any(|d| dirty.affects(d))).collect();
            assert_eq!(index.routes(&dirty), brute, "{dirty:?}");
        }
    }
}
