//! The render plan: every file the site publishes, and what it is made from.
//!
//! Each [`Route`] declares its dependencies ([`Dep`]): what of the site its bytes show. The
//! dev loop re-renders a route exactly when one of them changed ([`super::deps`]), so a route
//! added here stays correct in `serve` as long as its dependencies are declared where it is
//! planned. The declaration must cover everything the route's render function reads; the dev
//! loop's tests compare its output with a fresh build after edits of every kind.

use super::deps::Dep;
use super::open_data::{self, Format, DATASETS};
use super::paginate::{self, PageOf};
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
    /// A machine-readable file of the whole site.
    SiteFile(SiteFile),
    /// A file of the open data: a dataset (index into [`DATASETS`]) in one format.
    Dataset(usize, Format),
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

/// The machine-readable files of the whole site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SiteFile {
    /// `sitemap.xml`: every page, or, past [`super::sitemap::MAX_URLS`] pages, the index of
    /// the parts.
    Sitemap,
    /// `sitemap-N.xml` (from 1), a part of a large site's sitemap.
    SitemapPart(usize),
    /// `robots.txt`, naming the sitemap.
    Robots,
    /// `avisos/atom.xml`: the notices as an Atom feed.
    Feed,
    /// `avisos/agenda.ics`: every event in one calendar.
    Agenda,
    /// `static/css/cores.css`: the site's colours (`cores` in site.yaml) as CSS variables, a
    /// file rather than an inline `<style>` so that pages satisfy `style-src 'self'`.
    Colours,
    /// `SHA256SUMS`: the digest of every other published file.
    Checksums,
}

impl SiteFile {
    pub(crate) fn path(self) -> String {
        match self {
            SiteFile::Sitemap => "sitemap.xml".into(),
            SiteFile::SitemapPart(n) => format!("sitemap-{n}.xml"),
            SiteFile::Robots => "robots.txt".into(),
            SiteFile::Feed => format!("{}atom.xml", Kind::Notice.spec().listing.map_or("avisos/", |l| l.url)),
            SiteFile::Agenda => format!("{}agenda.ics", Kind::Notice.spec().listing.map_or("avisos/", |l| l.url)),
            SiteFile::Colours => "static/css/cores.css".into(),
            SiteFile::Checksums => "SHA256SUMS".into(),
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
    /// Which page of its listing it is (a kind's listing, a section's pages; see
    /// [`paginate`]): 1 of 1 for every other route.
    pub(crate) page: PageOf,
}

impl Route {
    fn page(path: &str, kind: RouteKind, template: &'static str, deps: Vec<Dep>) -> Self {
        let mut all = vec![Dep::Site, Dep::Template(template)];
        all.extend(deps);
        Route { path: path.to_string(), file: format!("{path}index.html"), kind, deps: all, page: PageOf::ONLY }
    }

    fn file(path: String, kind: RouteKind, deps: Vec<Dep>) -> Self {
        Route { file: path.clone(), path, kind, deps, page: PageOf::ONLY }
    }

    /// Page `page` of a listing whose first page is at `base`.
    fn paged(base: &str, page: PageOf, kind: RouteKind, template: &'static str, deps: Vec<Dep>) -> Self {
        Route { page, ..Route::page(&paginate::path(base, page.number), kind, template, deps) }
    }

    pub(crate) fn is_html(&self) -> bool {
        self.file.ends_with(".html")
    }

    /// A page a reader can land on (every HTML file but the 404 page): what the sitemap lists.
    pub(crate) fn is_page(&self) -> bool {
        self.is_html() && self.kind != RouteKind::Generated(Generated::NotFound)
    }

    /// Rendered after every other route, from their bytes (see [`Dep::Outputs`]).
    pub(crate) fn is_finishing(&self) -> bool {
        self.deps.contains(&Dep::Outputs)
    }
}

/// Every route of the site, in a stable order: each kind's listing and items in the order of
/// [`KINDS`], then the generated pages, then the files of the search index.
pub(crate) fn plan(site: &Site) -> Vec<Route> {
    let mut routes = Vec::new();
    for spec in &KINDS {
        if let Some(listing) = spec.listing {
            let kind = RouteKind::Listing(spec.kind);
            let count = listing_len(site, spec.kind).map_or(1, |len| paginate::count(len, site.config.page_size));
            for number in 1..=count {
                let page = PageOf { number, count };
                routes.push(Route::paged(listing.url, page, kind, listing.template, listing_deps(spec.kind)));
            }
        }
        for (i, item) in site.items(spec.kind).iter().enumerate() {
            if let (Kind::Section, Some(section)) = (spec.kind, site.sections.get(i)) {
                routes.extend(section_pages(site, i, section));
                continue;
            }
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
    let skip = site.config.skip;
    for spec in &GENERATED {
        let kind = RouteKind::Generated(spec.which);
        let route = match spec.which {
            Generated::Data if skip.data => continue,
            Generated::Integrity if skip.checksums => continue,
            Generated::Accessibility
            | Generated::SiteMap
            | Generated::Search
            | Generated::AccessHub
            | Generated::Sic
            | Generated::Ombudsman
            | Generated::Classified
            | Generated::Privacy
            | Generated::Data
            | Generated::Integrity => Route::page(spec.path, kind, spec.template, generated_deps(spec.which)),
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
    routes.extend(site_files(site, &routes));
    // The plan lives as long as the build: without the room its pushes left (about a
    // third of its length at 10,000 pages).
    routes.shrink_to_fit();
    routes
}

/// How many items the listing of `kind` shows, one after the other, when it is paginated:
/// the kinds whose lists grow with the years (notices, units, laws, programmes). The
/// structure (a chart of a few dozen bodies, whole or not at all), the councils (a handful,
/// with the conferences they hold) and the frequent questions (grouped by theme, each linked
/// to its place on the one page) stay one page.
pub(crate) fn listing_len(site: &Site, kind: Kind) -> Option<usize> {
    match kind {
        Kind::Unit => Some(site.units.len()),
        Kind::Notice => Some(site.notices.len()),
        Kind::Law => Some(site.laws.len()),
        Kind::Program => Some(site.programs.len()),
        Kind::Structure | Kind::Council | Kind::Faq => None,
        Kind::Home | Kind::Secretariat | Kind::Section | Kind::Page => None,
        Kind::Sic | Kind::Ombudsman | Kind::Privacy => None,
    }
}

/// The pages of section `i`: its text and the first page of its pages, at its address, then
/// the rest of its pages at `pagina/N/`. Each shows the summaries of its own pages (which
/// pages, in which order) and dates itself by the newest of them: [`Dep::Shown`], so that a
/// title or a date changed renders the one page of the list that shows the page.
fn section_pages(site: &Site, i: usize, section: &crate::model::Section) -> Vec<Route> {
    let spec = Kind::Section.spec();
    let count = paginate::count(section.pages.len(), site.config.page_size);
    (1..=count)
        .map(|number| {
            let page = PageOf { number, count };
            let mut deps = item_deps(Kind::Section, &section.origin.file);
            // Of the pages, what this page of the list shows (not every page's summary or date).
            deps.retain(|d| !matches!(d, Dep::Summaries(Kind::Page) | Dep::Dates(Kind::Page)));
            deps.push(Dep::Shown(section.origin.file.clone(), number));
            Route::paged(&section.origin.path, page, RouteKind::Item(Kind::Section, i), spec.item_template, deps)
        })
        .collect()
}

/// Whether the site publishes the notices' feed: it needs absolute addresses.
pub(crate) fn publishes_feed(site: &Site) -> bool {
    site.config.base_url.is_some() && !site.config.skip.feed
}

/// Whether the site publishes the calendar of every event: when it has events.
pub(crate) fn publishes_agenda(site: &Site) -> bool {
    !site.config.skip.calendar && site.notices.iter().any(|n| n.kind.is_event())
}

/// The machine-readable files of the whole site, `SHA256SUMS` last. The sitemap and the feed
/// need absolute addresses: without `base_url` they are not published (a warning says so).
fn site_files(site: &Site, pages: &[Route]) -> Vec<Route> {
    let (skip, absolute) = (site.config.skip, site.config.base_url.is_some());
    let mut files = Vec::new();
    let file = |which: SiteFile, deps: Vec<Dep>| Route::file(which.path(), RouteKind::SiteFile(which), deps);
    if absolute && !skip.sitemap {
        // Which pages exist (their addresses) and when each changed.
        let deps: Vec<Dep> = [Dep::Site]
            .into_iter()
            .chain(KINDS.iter().flat_map(|s| [Dep::Summaries(s.kind), Dep::Dates(s.kind)]))
            .collect();
        files.push(file(SiteFile::Sitemap, deps.clone()));
        let parts = super::sitemap::parts(pages.iter().filter(|r| r.is_page()).count());
        files.extend((1..=parts).map(|n| file(SiteFile::SitemapPart(n), deps.clone())));
    }
    files.push(file(SiteFile::Robots, vec![Dep::Site]));
    files.push(file(SiteFile::Colours, vec![Dep::Site]));
    if publishes_feed(site) {
        files.push(file(SiteFile::Feed, vec![Dep::Site, Dep::Items(Kind::Notice), Dep::Summaries(Kind::Secretariat)]));
    }
    if publishes_agenda(site) {
        files.push(file(SiteFile::Agenda, vec![Dep::Site, Dep::Items(Kind::Notice), Dep::Items(Kind::Unit)]));
    }
    if !skip.data {
        for (i, dataset) in DATASETS.iter().enumerate() {
            for format in Format::ALL {
                let deps = match format {
                    // The schema is the same for every site.
                    Format::Schema => Vec::new(),
                    Format::Json | Format::Csv => [Dep::Site]
                        .into_iter()
                        .chain(dataset.kinds.iter().map(|k| Dep::Items(*k)))
                        .chain(dataset.refers.iter().map(|k| Dep::Summaries(*k)))
                        .collect(),
                };
                let path = format!("{}{}", open_data::FOLDER, format.file(dataset));
                files.push(Route::file(path, RouteKind::Dataset(i, format), deps));
            }
        }
    }
    if !skip.checksums {
        files.push(file(SiteFile::Checksums, vec![Dep::Outputs]));
    }
    files
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
        Kind::Program | Kind::Council | Kind::Faq | Kind::Sic | Kind::Ombudsman | Kind::Privacy => Vec::new(),
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
        // Its pages, and the sections above it in the breadcrumbs; its date is its pages'.
        Kind::Section => vec![own, Dep::Summaries(Kind::Page), Dep::Summaries(Kind::Section), Dep::Dates(Kind::Page)],
        Kind::Page => vec![own, Dep::Summaries(Kind::Section)],
        // The responsible unit with its contacts; the secretariat as the provider otherwise.
        Kind::Program => vec![own, Dep::Items(Kind::Unit), Dep::Summaries(Kind::Secretariat)],
        // Its unit's contacts, the meetings and conferences it organises (notices, with their
        // units), the law that creates it.
        Kind::Council => vec![
            own,
            Dep::Items(Kind::Unit),
            Dep::Items(Kind::Notice),
            Dep::Summaries(Kind::Law),
            Dep::Summaries(Kind::Secretariat),
        ],
        Kind::Faq => vec![own],
        // The unit whose contacts stand in for those not written; the secretariat provides it.
        Kind::Sic | Kind::Ombudsman => vec![own, Dep::Items(Kind::Unit), Dep::Summaries(Kind::Secretariat)],
        Kind::Privacy => vec![own, Dep::Summaries(Kind::Secretariat)],
    }
}

/// What a kind's listing shows besides the site view and its template; its date is the
/// newest of its intro and its items.
fn listing_deps(kind: Kind) -> Vec<Dep> {
    let mut deps: Vec<Dep> = intro_file(kind).map(Dep::File).into_iter().collect();
    deps.push(Dep::Dates(kind));
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
        Kind::Program => vec![Dep::Items(Kind::Program), Dep::Summaries(Kind::Unit)],
        // The councils, and every conference and public hearing (notices, with their units).
        Kind::Council => vec![Dep::Items(Kind::Council), Dep::Items(Kind::Notice), Dep::Summaries(Kind::Unit)],
        Kind::Faq => vec![Dep::Items(Kind::Faq)],
        Kind::Home | Kind::Secretariat | Kind::Section | Kind::Page => Vec::new(),
        Kind::Sic | Kind::Ombudsman | Kind::Privacy => Vec::new(),
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
        Generated::Accessibility | Generated::NotFound | Generated::Integrity => Vec::new(),
        // Which sections have content (and the ordinary pages under its address); its date is
        // the newest of the sections it covers (the pages under it date their own).
        Generated::AccessHub => {
            let sections = [
                Kind::Secretariat,
                Kind::Structure,
                Kind::Unit,
                Kind::Law,
                Kind::Program,
                Kind::Council,
                Kind::Faq,
                Kind::Sic,
                Kind::Ombudsman,
                Kind::Privacy,
            ];
            let mut deps: Vec<Dep> = sections.iter().flat_map(|&k| [Dep::Summaries(k), Dep::Dates(k)]).collect();
            deps.push(Dep::Summaries(Kind::Page));
            deps
        }
        // The theme's text names the secretariat.
        Generated::Sic | Generated::Ombudsman | Generated::Classified | Generated::Privacy => {
            vec![Dep::Summaries(Kind::Secretariat)]
        }
        // Every item of every kind, by title and address; its date is the newest of them.
        Generated::SiteMap => KINDS.iter().flat_map(|s| [Dep::Summaries(s.kind), Dep::Dates(s.kind)]).collect(),
        // The filters of the kinds that have items.
        Generated::Search => KINDS.iter().map(|s| Dep::Summaries(s.kind)).collect(),
        // When each dataset last changed.
        Generated::Data => {
            let kinds: std::collections::BTreeSet<Kind> =
                DATASETS.iter().flat_map(|d| d.kinds.iter().copied()).collect();
            kinds.into_iter().map(Dep::Dates).collect()
        }
    }
}
