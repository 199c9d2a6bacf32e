//! The render plan: every file the site publishes, and what it is made from.

use crate::model::Site;

/// What one output file shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteKind {
    Home,
    Secretariat,
    UnitList,
    Unit(usize),
    Structure,
    Assessoria(usize),
    NoticeList,
    Notice(usize),
    NoticeCalendar(usize),
    LawList,
    Law(usize),
    LawJson(usize),
    Page(usize),
    Section(usize),
    Accessibility,
    SiteMap,
    NotFound,
    /// `busca/`: the search page.
    Search,
    /// `busca/indice.json`: the search index's header.
    SearchMeta,
    /// `busca/t/<n>.json`: one bucket of index keys.
    SearchBucket(u32),
    /// `busca/d/<n>.json`: one search document.
    SearchDoc(usize),
}

/// One output file.
#[derive(Debug, Clone)]
pub struct Route {
    /// Site path of the page (`estrutura/x/`), or of the file for non-pages.
    pub path: String,
    /// Output file relative to the output folder (`estrutura/x/index.html`).
    pub file: String,
    pub kind: RouteKind,
}

impl Route {
    fn page(path: &str, kind: RouteKind) -> Self {
        Route { path: path.to_string(), file: format!("{path}index.html"), kind }
    }

    fn file(path: String, kind: RouteKind) -> Self {
        Route { file: path.clone(), path, kind }
    }

    pub fn is_html(&self) -> bool {
        self.file.ends_with(".html")
    }
}

/// Every route of the site, in a stable order.
pub fn plan(site: &Site) -> Vec<Route> {
    let mut routes = vec![Route::page("", RouteKind::Home)];
    if site.secretariat.is_some() {
        routes.push(Route::page("secretaria/", RouteKind::Secretariat));
    }
    routes.push(Route::page("unidades/", RouteKind::UnitList));
    routes.extend(site.units.iter().enumerate().map(|(i, u)| Route::page(&u.origin.path, RouteKind::Unit(i))));
    routes.push(Route::page("estrutura/", RouteKind::Structure));
    routes.extend(
        site.assessorias.iter().enumerate().map(|(i, a)| Route::page(&a.origin.path, RouteKind::Assessoria(i))),
    );
    routes.push(Route::page("avisos/", RouteKind::NoticeList));
    for (i, n) in site.notices.iter().enumerate() {
        routes.push(Route::page(&n.origin.path, RouteKind::Notice(i)));
        if n.kind.is_event() {
            routes.push(Route::file(format!("{}evento.ics", n.origin.path), RouteKind::NoticeCalendar(i)));
        }
    }
    routes.push(Route::page("legislacao/", RouteKind::LawList));
    for (i, l) in site.laws.iter().enumerate() {
        routes.push(Route::page(&l.origin.path, RouteKind::Law(i)));
        routes.push(Route::file(format!("{}estrutura.json", l.origin.path), RouteKind::LawJson(i)));
    }
    routes.extend(site.sections.iter().enumerate().map(|(i, s)| Route::page(&s.origin.path, RouteKind::Section(i))));
    let mut has_accessibility_page = false;
    for (i, p) in site.pages.iter().enumerate() {
        has_accessibility_page |= p.origin.path == "acessibilidade/";
        routes.push(Route::page(&p.origin.path, RouteKind::Page(i)));
    }
    if !has_accessibility_page {
        routes.push(Route::page("acessibilidade/", RouteKind::Accessibility));
    }
    routes.push(Route::page("mapa-do-site/", RouteKind::SiteMap));
    routes.push(Route::file("404.html".into(), RouteKind::NotFound));
    routes.extend(search_routes(site));
    routes
}

/// The search page and the files of its index (see [`crate::search::index`]).
fn search_routes(site: &Site) -> Vec<Route> {
    use crate::search::{index, DIR};
    let documents = crate::search::extract::sources(site).len();
    let mut routes =
        vec![Route::page(DIR, RouteKind::Search), Route::file(format!("{DIR}indice.json"), RouteKind::SearchMeta)];
    routes.extend(
        (0..index::bucket_count(documents))
            .map(|b| Route::file(format!("{DIR}t/{b}.json"), RouteKind::SearchBucket(b))),
    );
    routes.extend((0..documents).map(|d| Route::file(format!("{DIR}d/{d}.json"), RouteKind::SearchDoc(d))));
    routes
}
