//! Model → bytes, in memory: the render plan and what each output depends on ([`routes`],
//! [`deps`]), the views templates see ([`view`]), one render function per kind of route
//! ([`pages`]), the theme ([`theme`]), JSON-LD ([`data`]), iCalendar ([`ical`]), the large
//! Markdown fragments that go around Tera and the minifier ([`fragments`]), and the search
//! documents each item's route leaves while it renders ([`texts`], `crate::search`). No IO
//! happens here.

pub(crate) mod checksums;
pub(crate) mod data;
pub(crate) mod deps;
mod feed;
pub(crate) mod fragments;
pub(crate) mod hours;
pub(crate) mod ical;
pub(crate) mod instant;
pub(crate) mod open_data;
mod pages;
pub(crate) mod paginate;
pub(crate) mod pieces;
pub(crate) mod routes;
pub(crate) mod sitemap;
mod template_error;
pub(crate) mod texts;
pub(crate) mod theme;
pub(crate) mod updated;
pub(crate) mod view;

use crate::diagnostics::Diagnostic;
use crate::kinds::{Generated, Kind};
use crate::search::{self, extract::Source};
use fragments::Fragments;
use routes::{ItemFile, Route, RouteKind, SearchFile};
use std::sync::OnceLock;
use tera::Context;
use texts::Texts;

pub(crate) use view::site_view;

/// Renders routes of one site with one theme. Cheap to share across threads.
pub(crate) struct Renderer<'a> {
    site: &'a crate::model::Site,
    theme: &'a theme::Theme,
    /// The context every page starts from (the site view), built once.
    base: Context,
    /// Copies of `base` the pages of this renderer lend each other (one per thread at
    /// most): a page puts its own fields in, renders and takes them out, instead of cloning
    /// the whole site view into a context of its own (see `pages::Page::finish`).
    contexts: std::sync::Mutex<Vec<Context>>,
    /// Where items' routes leave their search documents.
    search: Option<&'a search::Store>,
    /// The search index, assembled when the first of its files is rendered: after the
    /// routes that leave documents (see `pipeline::render`).
    index: OnceLock<std::sync::Arc<search::Index>>,
    /// The dates of update of the routes.
    newest: updated::Newest<'a>,
    /// The pages the sitemap lists, taken once for all its files.
    sitemap: OnceLock<sitemap::Entries>,
    /// The site's plan, when the caller has it (see [`Renderer::with_plan`]).
    plan: Option<&'a [Route]>,
    /// The theme's pieces (header, footer), rendered once per depth and menu item.
    pieces: pieces::Pieces,
}

impl<'a> Renderer<'a> {
    pub(crate) fn new(site: &'a crate::model::Site, theme: &'a theme::Theme) -> Self {
        let mut base = Context::new();
        let view = site_view(site);
        base.insert("site", &view);
        let pieces = pieces::Pieces::new(theme, view.menu_urls());
        let newest = updated::Newest::of(site);
        Renderer {
            site,
            theme,
            base,
            contexts: std::sync::Mutex::default(),
            search: None,
            index: OnceLock::new(),
            newest,
            sitemap: OnceLock::new(),
            plan: None,
            pieces,
        }
    }

    /// A copy of the base context with nothing of any page in it: one given back by
    /// [`Renderer::give_back`], or a new clone.
    pub(super) fn lend_context(&self) -> Context {
        self.contexts.lock().ok().and_then(|mut free| free.pop()).unwrap_or_else(|| self.base.clone())
    }

    /// Takes `context` back once the page's `fields` are removed from it. A page whose fields
    /// replaced the base's own (`site`) leaves its context to be dropped.
    pub(super) fn give_back(&self, mut context: Context, fields: &[String]) {
        if fields.iter().any(|field| self.base.contains_key(field)) {
            return;
        }
        for field in fields {
            context.remove(field);
        }
        if let Ok(mut free) = self.contexts.lock() {
            free.push(context);
        }
    }

    /// The sitemap's entries, from the site's plan, taken by the first of its files.
    pub(crate) fn sitemap(&self) -> &sitemap::Entries {
        self.sitemap.get_or_init(|| match self.plan {
            Some(plan) => sitemap::entries(self.site, plan, &self.newest),
            None => sitemap::entries(self.site, &routes::plan(self.site), &self.newest),
        })
    }

    /// The same renderer, with `plan`: the site's plan as [`routes::plan`] makes it (same
    /// routes, same order), which the sitemap then lists instead of planning the site again;
    /// or the dev loop's, whose page routes keep their places after an edit that reordered the
    /// pages, each pointed at its page's new index (the sitemap lists pages by index).
    pub(crate) fn with_plan(self, plan: &'a [Route]) -> Self {
        Renderer { plan: Some(plan), ..self }
    }

    /// The same renderer, leaving the search documents of the items it renders in `store`.
    pub(crate) fn with_search(self, store: &'a search::Store) -> Self {
        Renderer { search: Some(store), ..self }
    }

    /// The search index from the documents in the store (without one, read from the model);
    /// assembled once, by the first caller.
    pub(crate) fn index(&self) -> &search::Index {
        self.index
            .get_or_init(|| match self.search {
                Some(store) => search::Index::assemble(self.site, store),
                None => search::Index::assemble(self.site, &search::Store::default()),
            })
            .as_ref()
    }

    /// What has search documents on `route`'s page: its item, or its listing's introduction.
    fn search_source(&self, route: &Route) -> Option<Source> {
        if !route.page.is_first() {
            // The later pages of a listing repeat no text of its own.
            return None;
        }
        match route.kind {
            RouteKind::Item(kind, i) => Some(Source::Item(kind, i)),
            RouteKind::Listing(kind) => {
                let url = kind.spec().listing?.url;
                self.site.listing_intros.iter().position(|p| p.origin.path == url).map(Source::Intro)
            }
            RouteKind::ItemFile(..)
            | RouteKind::Generated(_)
            | RouteKind::Search(_)
            | RouteKind::SiteFile(_)
            | RouteKind::Dataset(..) => None,
        }
    }

    /// Renders one route to its bytes (HTML not yet minified).
    pub(crate) fn render(&self, route: &Route) -> Result<Vec<u8>, Diagnostic> {
        self.render_with(route, None)
    }

    /// Renders one route to the bytes published for it, HTML passed through `finish` (the
    /// minifier). Markdown fragments skip Tera and `finish`: they are put in place afterwards
    /// (see [`fragments`]).
    pub(crate) fn render_finished(
        &self,
        route: &Route,
        finish: &dyn Fn(&[u8]) -> Vec<u8>,
    ) -> Result<Vec<u8>, Diagnostic> {
        if !route.is_html() {
            return self.render(route);
        }
        let fragments = Fragments::new();
        let bytes = self.render_with(route, Some(&fragments))?;
        let page = finish(&bytes);
        drop(bytes);
        if fragments.is_empty() {
            return Ok(page);
        }
        match fragments.assemble(&page) {
            Some(assembled) => Ok(assembled),
            None => Ok(finish(&self.render(route)?)),
        }
    }

    /// The render function of the route's kind, in [`pages`]; then, when the renderer keeps
    /// search documents and the route shows an item, that item's documents, from the plain
    /// text of the Markdown the page rendered.
    fn render_with(&self, route: &Route, fragments: Option<&Fragments>) -> Result<Vec<u8>, Diagnostic> {
        let source = self.search.and_then(|store| Some((store, self.search_source(route)?)));
        let texts = source.map(|_| Texts::default());
        let bytes = self.render_page(route, fragments, texts.as_ref())?;
        if let (Some((store, source)), Some(texts)) = (source, texts) {
            let docs = search::extract::documents(self.site, source, &|md: &str| texts.plain(md));
            if let Some(origin) = search::extract::origin(self.site, source) {
                store.put(&origin.path, docs);
            }
        }
        Ok(bytes)
    }

    fn render_page(
        &self,
        route: &Route,
        fragments: Option<&Fragments>,
        texts: Option<&Texts>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let page = pages::Page::new(self, route, fragments, texts);
        match route.kind {
            RouteKind::Item(kind, i) => match kind {
                Kind::Home => page.home(),
                Kind::Secretariat => page.secretariat(),
                Kind::Structure => page.assessoria(i),
                Kind::Unit => page.unit(i),
                Kind::Notice => page.notice(i),
                Kind::Law => page.law(i),
                Kind::Section => page.section(i),
                Kind::Page => page.page(i),
                Kind::Program => page.program(i),
                Kind::Council => page.council(i),
                Kind::Faq => page.faq(i),
                Kind::Sic => page.service(crate::model::access::ServiceKind::Sic),
                Kind::Ombudsman => page.service(crate::model::access::ServiceKind::Ombudsman),
                Kind::Privacy => page.privacy(),
            },
            RouteKind::Listing(kind) => match kind {
                Kind::Structure => page.structure(),
                Kind::Unit => page.units(),
                Kind::Notice => page.notices(),
                Kind::Law => page.laws(),
                // No listing (see `kinds::KINDS`).
                Kind::Program => page.programs(),
                Kind::Council => page.participation(),
                Kind::Faq => page.faqs(),
                Kind::Home | Kind::Secretariat | Kind::Section | Kind::Page => Err(page.missing()),
                Kind::Sic | Kind::Ombudsman | Kind::Privacy => Err(page.missing()),
            },
            RouteKind::ItemFile(file, i) => match file {
                ItemFile::NoticeCalendar => page.notice_calendar(i),
                ItemFile::LawTree => page.law_tree(i),
            },
            RouteKind::Generated(which) => match which {
                Generated::Accessibility => page.accessibility(),
                Generated::SiteMap => page.site_map(),
                Generated::Search => page.search(),
                Generated::NotFound => page.not_found(),
                Generated::AccessHub => page.access_hub(),
                Generated::Sic => page.service(crate::model::access::ServiceKind::Sic),
                Generated::Ombudsman => page.service(crate::model::access::ServiceKind::Ombudsman),
                Generated::Classified => page.classified(),
                Generated::Privacy => page.privacy(),
                Generated::Data => page.data(),
                Generated::Integrity => page.integrity(),
            },
            RouteKind::Search(file) => {
                let index = self.index();
                Ok(match file {
                    SearchFile::Meta => index.meta_json(),
                    SearchFile::Terms(b) => index.bucket_json(b),
                    SearchFile::Docs(f) => index.docs_json(f),
                })
            }
            RouteKind::SiteFile(file) => page.site_file(file),
            RouteKind::Dataset(i, format) => page.dataset(i, format),
        }
    }
}
