//! The render plan: every file the site publishes, and what it is made from.
//!
//! Each [`Route`] declares its dependencies ([`Dep`]): what of the site its bytes show. The
//! dev loop re-renders a route exactly when one of them changed ([`super::deps`]), so a route
//! added here stays correct in `serve` as long as its dependencies are declared where it is
//! planned. The declaration must cover everything the route's render function reads; the dev
//! loop's tests compare its output with a fresh build after edits of every kind.

use super::deps::Dep;
use crate::kinds::{Generated, Kind, Place, GENERATED, KINDS};
use crate::model::Site;
use crate::search::{self, extract::Source};
use std::path::PathBuf;

/// What one output file shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RouteKind {
    /// The page of one item: its kind and its index in the kind's list in the model.
    Item(Kind, usize),
    /// The page that lists a kind's items.
    Listing(Kind),
    /// A machine-readable file of one item.
    ItemFile(ItemFile, usize),
    /// A page the site generates by itself.
    Generated(Generated),
    /// A file of the search index (see `search::index`), rendered once the routes above have
    /// left their documents in the search store.
    Search(SearchFile),
}

/// The files of the search index, under `busca/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SearchFile {
    /// `indice.json`: how many documents and buckets, the filters, the stop words.
    Meta,
    /// `t/<n>.json`: one bucket of keys with their postings.
    Terms(u32),
    /// `d/<n>.json`: a few documents as the results show them.
    Docs(u32),
}

impl RouteKind {
    /// The same kind of output without the index, which shifts as items come and go: a route
    /// whose file was produced by another kind of output before is new.
    pub(crate) fn without_index(self) -> RouteKind {
        match self {
            RouteKind::Item(kind, _) => RouteKind::Item(kind, 0),
            RouteKind::ItemFile(file, _) => RouteKind::ItemFile(file, 0),
            other => other,
        }
    }
}

/// The machine-readable files of one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemFile {
    /// `evento.ics` beside a notice that is an event.
    NoticeCalendar,
    /// `estrutura.json` beside a normative text: its tree of provisions.
    LawTree,
}

impl ItemFile {
    fn name(self) -> &'static str {
        match self {
            ItemFile::NoticeCalendar => "evento.ics",
            ItemFile::LawTree => "estrutura.json",
        }
    }
}

/// One output file.
#[derive(Debug, Clone)]
pub(crate) struct Route {
    /// Site path of the page (`estrutura/x/`), or of the file for non-pages.
    pub(crate) path: String,
    /// Output file relative to the output folder (`estrutura/x/index.html`).
    pub(crate) file: String,
    pub(crate) kind: RouteKind,
    /// What the file is made from.
    pub(crate) deps: Vec<Dep>,
}

impl Route {
    fn page(path: &str, kind: RouteKind, template: &'static str, deps: Vec<Dep>) -> Self {
        let mut all = vec![Dep::Site, Dep::Template(template)];
        all.extend(deps);
        Route { path: path.to_string(), file: format!("{path}index.html"), kind, deps: all }
    }

    fn file(path: String, kind: RouteKind, deps: Vec<Dep>) -> Self {
        Route { file: path.clone(), path, kind, deps }
    }

    pub(crate) fn is_html(&self) -> bool {
        self.file.ends_with(".html")
    }
}

/// Every route of the site, in a stable order: each kind's listing and items in the order of
/// [`KINDS`], then the generated pages, then the files of the search index.
pub(crate) fn plan(site: &Site) -> Vec<Route> {
    let mut routes = Vec::new();
    for spec in &KINDS {
        if let Some(listing) = spec.listing {
            let kind = RouteKind::Listing(spec.kind);
            routes.push(Route::page(listing.url, kind, listing.template, listing_deps(spec.kind)));
        }
        for (i, item) in site.items(spec.kind).iter().enumerate() {
            let deps = item_deps(spec.kind, &item.origin.file);
            routes.push(Route::page(&item.origin.path, RouteKind::Item(spec.kind, i), spec.item_template, deps));
            for file in item_files(site, spec.kind, i) {
                let deps = item_file_deps(file, &item.origin.file);
                let path = format!("{}{}", item.origin.path, file.name());
                routes.push(Route::file(path, RouteKind::ItemFile(file, i), deps));
            }
        }
    }
    let taken: std::collections::HashSet<&str> = routes.iter().map(|r| r.file.as_str()).collect();
    let mut generated = Vec::new();
    for spec in &GENERATED {
        let kind = RouteKind::Generated(spec.which);
        let route = match spec.which {
            Generated::Accessibility | Generated::SiteMap | Generated::Search => {
                Route::page(spec.path, kind, spec.template, generated_deps(spec.which))
            }
            Generated::NotFound => {
                let deps = [vec![Dep::Site, Dep::Template(spec.template)], generated_deps(spec.which)].concat();
                Route::file(spec.path.to_string(), kind, deps)
            }
        };
        // A page of the site at the same address replaces a generated one (the accessibility
        // page); the address of the others is reserved (see `model::validate`).
        if !taken.contains(route.file.as_str()) {
            generated.push(route);
        }
    }
    routes.extend(generated);
    routes.extend(search_files(site));
    routes
}

/// The files of the search index. Their dependencies: what numbers the documents (which
/// items each kind has, how many articles each normative text has, the listings'
/// introductions) and the site view, for all; every item's text for the buckets of keys; for a
/// file of documents, what its documents show (their items' own dependencies).
fn search_files(site: &Site) -> Vec<Route> {
    let intros = || KINDS.iter().filter(|s| s.listing.is_some()).filter_map(|s| intro_file(s.kind)).map(Dep::File);
    let numbering: Vec<Dep> = std::iter::once(Dep::Site)
        .chain(KINDS.iter().map(|s| Dep::Summaries(s.kind)))
        .chain(std::iter::once(Dep::Items(Kind::Law)))
        .chain(intros())
        .collect();
    let file = |name: String, which: SearchFile, deps: Vec<Dep>| {
        Route::file(format!("{}{name}", search::DIR), RouteKind::Search(which), deps)
    };
    let sources = search::extract::sources(site);
    let documents: usize = sources.iter().map(|(_, s)| search::extract::doc_count(site, *s)).sum();
    let mut routes = vec![file("indice.json".into(), SearchFile::Meta, numbering.clone())];
    let text: Vec<Dep> = numbering.iter().cloned().chain(KINDS.iter().map(|s| Dep::Items(s.kind))).collect();
    for b in 0..search::index::bucket_count(documents) {
        routes.push(file(format!("t/{b}.json"), SearchFile::Terms(b), text.clone()));
    }
    // Each file of documents: the dependencies of the items whose documents it holds.
    let per_file = search::index::DOCS_PER_FILE;
    let mut files: Vec<Vec<Dep>> = vec![numbering; search::index::file_count(documents) as usize];
    let mut next = 0usize;
    for &(_, source) in &sources {
        let count = search::extract::doc_count(site, source);
        let deps = source_deps(site, source);
        for f in next / per_file..(next + count).div_ceil(per_file) {
            if let Some(list) = files.get_mut(f) {
                // Each item's own file is its alone (compared as paths, slowly, at 10,000 items:
                // not compared); a kind's summaries or items, once.
                for dep in &deps {
                    if matches!(dep, Dep::File(_)) || !list.contains(dep) {
                        list.push(dep.clone());
                    }
                }
            }
        }
        next += count;
    }
    for (f, deps) in files.into_iter().enumerate() {
        let f = u32::try_from(f).unwrap_or(u32::MAX);
        routes.push(file(format!("d/{f}.json"), SearchFile::Docs(f), deps));
    }
    routes
}

/// What the documents of `source` show: what its page shows of the model.
fn source_deps(site: &Site, source: Source) -> Vec<Dep> {
    match source {
        Source::Item(kind, _) => match search::extract::origin(site, source) {
            Some(origin) => item_deps(kind, &origin.file),
            None => vec![Dep::Items(kind)],
        },
        Source::Intro(i) => {
            site.listing_intros.get(i).map(|p| vec![Dep::File(p.origin.file.clone())]).unwrap_or_default()
        }
    }
}

/// The machine-readable files beside item `i` of `kind`.
fn item_files(site: &Site, kind: Kind, i: usize) -> Vec<ItemFile> {
    match kind {
        Kind::Notice if site.notices.get(i).is_some_and(|n| n.kind.is_event()) => vec![ItemFile::NoticeCalendar],
        Kind::Law => vec![ItemFile::LawTree],
        Kind::Home | Kind::Secretariat | Kind::Structure | Kind::Unit | Kind::Notice | Kind::Section | Kind::Page => {
            Vec::new()
        }
    }
}

/// The intro text of a kind's listing (`content/unidades/_index.md`), which may not exist yet.
fn intro_file(kind: Kind) -> Option<PathBuf> {
    match kind.spec().place {
        Place::Folder(folder) => Some(PathBuf::from(format!("content/{folder}/_index.md"))),
        Place::Home | Place::File(_) | Place::Tree => None,
    }
}

/// What the page of an item of `kind` (from `file`) shows besides the site view and its template: its own
/// file, and what it shows of others (see `render/pages.rs`).
fn item_deps(kind: Kind, file: &std::path::Path) -> Vec<Dep> {
    let own = Dep::File(file.to_path_buf());
    match kind {
        // Its text, the secretariat, the next and the last notices (with their units), the
        // secretariat's JSON-LD with every unit, the competences' law.
        Kind::Home => {
            vec![
                own,
                Dep::Items(Kind::Secretariat),
                Dep::Items(Kind::Notice),
                Dep::Items(Kind::Unit),
                Dep::Summaries(Kind::Law),
            ]
        }
        // Its JSON-LD lists every unit; the competences link to a law.
        Kind::Secretariat => vec![own, Dep::Items(Kind::Unit), Dep::Summaries(Kind::Law)],
        // Its unit, its superior and the ones under it, the article its attributions cite.
        Kind::Structure => vec![
            own,
            Dep::Summaries(Kind::Structure),
            Dep::Summaries(Kind::Unit),
            Dep::Summaries(Kind::Secretariat),
            Dep::Items(Kind::Law),
        ],
        Kind::Unit | Kind::Law => vec![own],
        // Where it happens and who organises it (names, addresses, JSON-LD).
        Kind::Notice => vec![own, Dep::Items(Kind::Unit), Dep::Summaries(Kind::Secretariat)],
        // Its pages, and the sections above it in the breadcrumbs.
        Kind::Section => vec![own, Dep::Summaries(Kind::Page), Dep::Summaries(Kind::Section)],
        Kind::Page => vec![own, Dep::Summaries(Kind::Section)],
    }
}

/// What a kind's listing shows besides the site view and its template.
fn listing_deps(kind: Kind) -> Vec<Dep> {
    let mut deps: Vec<Dep> = intro_file(kind).map(Dep::File).into_iter().collect();
    deps.extend(match kind {
        // Every body of the structure in full, the chart, the secretariat, the units and the
        // attributions' articles.
        Kind::Structure => {
            vec![
                Dep::Items(Kind::Structure),
                Dep::Items(Kind::Secretariat),
                Dep::Summaries(Kind::Unit),
                Dep::Items(Kind::Law),
            ]
        }
        Kind::Unit => vec![Dep::Items(Kind::Unit)],
        Kind::Notice => vec![Dep::Items(Kind::Notice), Dep::Items(Kind::Unit), Dep::Summaries(Kind::Secretariat)],
        Kind::Law => vec![Dep::Summaries(Kind::Law)],
        Kind::Home | Kind::Secretariat | Kind::Section | Kind::Page => Vec::new(),
    });
    deps
}

fn item_file_deps(file: ItemFile, source: &std::path::Path) -> Vec<Dep> {
    let own = Dep::File(source.to_path_buf());
    match file {
        // The time zone and the host (configuration), the organiser's e-mail.
        ItemFile::NoticeCalendar => vec![Dep::Site, own, Dep::Items(Kind::Unit)],
        ItemFile::LawTree => vec![own],
    }
}

fn generated_deps(which: Generated) -> Vec<Dep> {
    match which {
        Generated::Accessibility | Generated::NotFound => Vec::new(),
        // Every item of every kind, by title and address; the search page, the filters of the
        // kinds that have items.
        Generated::SiteMap | Generated::Search => KINDS.iter().map(|s| Dep::Summaries(s.kind)).collect(),
    }
}
