//! One render function per kind of route. Each builds the one view its template reads (its
//! fields are the template's variables), the page's title, breadcrumbs and JSON-LD, and hands
//! them to the template the table of kinds names. What a function reads of the site is what
//! its route declares in `routes.rs`.

mod files;

use super::fragments::Fragments;
use super::texts::Texts;
use super::view::{self, Link, Md, NoticeView, PageView, SecretariatView, UnitView};
use super::{data, ical, template_error, Renderer};
use crate::diagnostics::{Code, Diagnostic};
use crate::kinds::{Generated, Kind, Listing};
use crate::markdown::MarkdownOptions;
use crate::model::slug::root_prefix;
use crate::render::paginate;
use crate::render::routes::Route;
use serde::Serialize;
use serde_json::Value;
use tera::Context;

mod transparency;

/// One route being rendered.
pub(super) struct Page<'r> {
    renderer: &'r Renderer<'r>,
    route: &'r Route,
    root: String,
    /// The folder of the page's source file, relative to `content/` (see `MarkdownOptions`).
    source_dir: String,
    /// The page's store of large Markdown fragments, when they go around Tera.
    fragments: Option<&'r Fragments>,
    /// Where the plain text of its Markdown is kept, when its search documents are wanted.
    texts: Option<&'r Texts>,
}

/// What frames every page: where it is, its title, breadcrumbs and JSON-LD.
#[derive(Serialize)]
struct Frame<'a> {
    root: &'a str,
    path: &'a str,
    title: String,
    breadcrumbs: Vec<Link>,
    json_ld: Option<String>,
    /// When its content last changed (`super::updated`); none for a page of no content.
    updated: Option<DateView>,
    /// The navigation between the pages of a listing that has several.
    pagination: Option<paginate::PagerView>,
    /// The theme's pieces (`templates/trechos/`), already rendered (see `render::pieces`).
    trechos: &'a std::collections::BTreeMap<String, String>,
}

/// `value`'s fields as a context (as `Context::from_serialize` makes it), their names added
/// to `fields`.
fn fields_of<V: Serialize>(value: &V, fields: &mut Vec<String>) -> tera::Result<Context> {
    match tera::to_value(value).map_err(tera::Error::json)? {
        Value::Object(map) => {
            fields.extend(map.keys().cloned());
            Context::from_value(Value::Object(map))
        }
        other => Context::from_value(other),
    }
}

/// A date as a page shows it and as `<time datetime>` takes it.
#[derive(Serialize)]
struct DateView {
    long: String,
    iso: String,
}

impl DateView {
    fn of(date: crate::model::datetime::Date) -> DateView {
        DateView { long: date.date_long(), iso: date.iso_date() }
    }
}

/// The view of a page whose template needs nothing of its own.
#[derive(Serialize)]
struct Nothing {}

#[derive(Serialize)]
struct HomeView {
    page: PageView,
    secretariat: Option<SecretariatView>,
    next_notice: Option<NoticeView>,
    recent_notices: Vec<NoticeView>,
}

#[derive(Serialize)]
struct SecretariatPage {
    secretariat: Option<SecretariatView>,
}

#[derive(Serialize)]
struct StructureView {
    positions: bool,
    assessorias: Vec<view::AssessoriaView>,
    chart: Vec<view::ChartNode>,
    secretariat: Option<SecretariatView>,
    intro: Option<PageView>,
}

#[derive(Serialize)]
struct AssessoriaPage {
    assessoria: view::AssessoriaView,
}

#[derive(Serialize)]
struct UnitsView {
    units: Vec<UnitView>,
    intro: Option<PageView>,
}

#[derive(Serialize)]
struct UnitPage {
    unit: UnitView,
}

#[derive(Serialize)]
struct NoticesView {
    upcoming: Vec<NoticeView>,
    past: Vec<NoticeView>,
    /// Whether this page shows the heading of the upcoming notices (the first page, or a page
    /// with some), and of the past ones (a page with some, or the last page).
    show_upcoming: bool,
    show_past: bool,
    intro: Option<PageView>,
    /// `avisos/agenda.ics`, when the site has events.
    agenda: Option<String>,
}

#[derive(Serialize)]
struct NoticePage {
    notice: NoticeView,
}

#[derive(Serialize)]
struct LawsView {
    laws: Vec<Link>,
    intro: Option<PageView>,
}

#[derive(Serialize)]
struct LawPage {
    law: view::LawView,
}

#[derive(Serialize)]
struct SectionPage {
    section: PageView,
    pages: Vec<PageView>,
}

#[derive(Serialize)]
struct PagePage {
    page: PageView,
}

#[derive(Serialize)]
struct SiteMapView {
    map: Vec<view::MapGroup>,
}

#[derive(Serialize)]
struct SearchView {
    /// The search filters of the kinds the site has documents of: value of `tipo=` (`url`)
    /// and label (`title`).
    kinds: Vec<Link>,
}

fn crumb(title: &str, url: &str) -> Link {
    Link { title: title.to_string(), url: url.to_string() }
}

/// The listing of `kind` (in the table of kinds every listed kind has one).
fn listing(kind: Kind) -> Listing {
    kind.spec().listing.unwrap_or(Listing { url: "", title: "", label: "", template: "" })
}

/// The folder, relative to `content/`, of the file a route is made from (empty for routes
/// made from no single file, and at the top of `content/`).
fn source_dir(route: &Route) -> String {
    let file = route.deps.iter().find_map(|d| match d {
        crate::render::deps::Dep::File(file) => Some(file),
        _ => None,
    });
    file.and_then(|f| f.parent())
        .map(|dir| dir.strip_prefix("content").unwrap_or(dir).to_string_lossy().replace('\\', "/"))
        .unwrap_or_default()
}

impl<'r> Page<'r> {
    pub(super) fn new(
        renderer: &'r Renderer<'r>,
        route: &'r Route,
        fragments: Option<&'r Fragments>,
        texts: Option<&'r Texts>,
    ) -> Self {
        Page { renderer, route, root: root_prefix(&route.path), source_dir: source_dir(route), fragments, texts }
    }

    fn site(&self) -> &'r crate::model::Site {
        self.renderer.site
    }

    fn md(&self) -> Md<'_> {
        let options = MarkdownOptions {
            root: &self.root,
            source_dir: &self.source_dir,
            allow_html: self.site().config.allow_html,
            top_heading: 2,
            glossary: Some(&self.site().glossary),
        };
        Md { options, fragments: self.fragments, texts: self.texts }
    }

    pub(super) fn missing(&self) -> Diagnostic {
        Diagnostic::new(Code::Internal, format!("rota sem conteúdo: {}", self.route.file))
    }

    /// Renders `template` with the site view, the frame and `view`'s fields.
    fn finish<V: Serialize>(
        &self,
        template: &str,
        title: String,
        breadcrumbs: Vec<Link>,
        json_ld: Option<Value>,
        view: &V,
    ) -> Result<Vec<u8>, Diagnostic> {
        let root = match self.route.kind {
            // The server gives the 404 page at any address: its links start at the root.
            super::RouteKind::Generated(Generated::NotFound) => "/",
            _ => self.root.as_str(),
        };
        let pieces = self.renderer.pieces.get(self.renderer.theme, &self.renderer.base, root, &self.route.path)?;
        let page = self.route.page;
        let mut breadcrumbs = breadcrumbs;
        if !page.is_first() {
            breadcrumbs.push(crumb(&format!("Página {}", page.number), &self.route.path));
        }
        let frame = Frame {
            root,
            path: &self.route.path,
            title: paginate::title(&title, page),
            breadcrumbs,
            json_ld: json_ld.map(|v| data::script_safe_json(&v)),
            updated: self.renderer.newest.route(self.route).map(DateView::of),
            pagination: paginate::pager(self.first_page(), page),
            trechos: &pieces,
        };
        let theme = self.renderer.theme;
        let to_context = |value: tera::Result<Context>| {
            value.map_err(|err| {
                Diagnostic::new(Code::Internal, format!("{}: {}", self.route.file, super::theme::error_chain(&err)))
            })
        };
        // The page's fields, named so that they can be taken out of the lent context again.
        let mut fields = Vec::new();
        let view = to_context(fields_of(view, &mut fields))?;
        let frame = to_context(fields_of(&frame, &mut fields))?;
        let mut context = self.renderer.lend_context();
        context.extend(view);
        context.extend(frame);
        // Into bytes, as they are published: `Tera::render` would check the whole page is
        // UTF-8 on its way to a `String` (it is: every piece of it is a `&str`). Room for a
        // usual page from the start, so that it is not copied as it grows.
        let mut page = Vec::with_capacity(32 << 10);
        let rendered = theme.tera.render_to(template, &context, &mut page);
        self.renderer.give_back(context, &fields);
        rendered.map(|()| page).map_err(|err| template_error::diagnostic(theme, template, &err))
    }

    /// The address of the first page of the route's listing (its own, when it is not a later
    /// page of one).
    fn first_page(&self) -> &str {
        let page = self.route.page;
        let suffix = format!("{}/{}/", paginate::FOLDER, page.number);
        match page.is_first() {
            true => &self.route.path,
            false => self.route.path.strip_suffix(&suffix).unwrap_or(&self.route.path),
        }
    }

    /// The items of a list of `len` this page of its listing shows.
    fn shown(&self, len: usize) -> std::ops::Range<usize> {
        self.route.page.range(len, self.site().config.page_size)
    }

    /// The intro text of a listing (`unidades/_index.md`), on its first page only.
    fn intro(&self, listing: &Listing) -> Option<PageView> {
        if !self.route.page.is_first() {
            return None;
        }
        let intros = &self.site().listing_intros;
        intros.iter().find(|p| p.origin.path == listing.url).map(|p| view::page(p, self.md()))
    }

    /// The sections above `path`, for its breadcrumbs.
    fn section_crumbs(&self, path: &str) -> Vec<Link> {
        let mut crumbs = Vec::new();
        let mut prefix = String::new();
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        for part in parts.iter().take(parts.len().saturating_sub(1)) {
            prefix.push_str(part);
            prefix.push('/');
            if let Some(s) = self.site().sections.iter().find(|s| s.origin.path == prefix) {
                crumbs.push(Link { title: s.title.clone(), url: s.origin.path.clone() });
            } else if let Some(title) = crate::kinds::reserved_title(&prefix) {
                // A page in the folder of a listing or of the hub (`acesso-a-informacao/x/`).
                crumbs.push(crumb(title, &prefix));
            }
        }
        crumbs
    }

    pub(super) fn home(&self) -> Result<Vec<u8>, Diagnostic> {
        let (site, md) = (self.site(), self.md());
        let view = HomeView {
            page: view::page(&site.home, md),
            secretariat: view::secretariat(site, md),
            next_notice: site.upcoming_notices().first().map(|n| view::notice(site, n, md)),
            recent_notices: site.past_notices().iter().take(3).map(|n| view::notice(site, n, md)).collect(),
        };
        let template = Kind::Home.spec().item_template;
        self.finish(template, site.config.title.clone(), Vec::new(), Some(data::organization_ld(site)), &view)
    }

    pub(super) fn secretariat(&self) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let secretariat = view::secretariat(site, self.md());
        let title = secretariat.as_ref().map(|s| s.name.clone()).unwrap_or_default();
        let crumbs = vec![crumb(&title, &self.route.path)];
        let ld = Some(data::organization_ld(site));
        self.finish(Kind::Secretariat.spec().item_template, title, crumbs, ld, &SecretariatPage { secretariat })
    }

    pub(super) fn structure(&self) -> Result<Vec<u8>, Diagnostic> {
        let (site, md) = (self.site(), self.md());
        let listing = listing(Kind::Structure);
        let assessorias: Vec<_> = (0..site.assessorias.len()).filter_map(|i| view::assessoria(site, i, md)).collect();
        let tops: Vec<usize> = (0..site.assessorias.len())
            .filter(|&i| site.assessorias.get(i).is_some_and(|a| a.superior.is_none()))
            .collect();
        let view = StructureView {
            positions: assessorias.iter().any(|a| a.position),
            assessorias,
            chart: view::org_chart(site, &tops),
            secretariat: view::secretariat(site, md),
            intro: self.intro(&listing),
        };
        let crumbs = vec![crumb(listing.label, listing.url)];
        self.finish(listing.template, listing.title.into(), crumbs, None, &view)
    }

    pub(super) fn assessoria(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let listing = listing(Kind::Structure);
        let assessoria = view::assessoria(site, i, self.md()).ok_or_else(|| self.missing())?;
        let crumbs = vec![crumb(listing.label, listing.url), crumb(&assessoria.title, &assessoria.url)];
        let title = assessoria.title.clone();
        let ld = data::structure_ld(site, i);
        self.finish(Kind::Structure.spec().item_template, title, crumbs, ld, &AssessoriaPage { assessoria })
    }

    pub(super) fn units(&self) -> Result<Vec<u8>, Diagnostic> {
        let (site, md) = (self.site(), self.md());
        let listing = listing(Kind::Unit);
        let units = site.units.get(self.shown(site.units.len())).unwrap_or_default();
        let view =
            UnitsView { units: units.iter().map(|u| view::unit(site, u, md)).collect(), intro: self.intro(&listing) };
        let crumbs = vec![crumb(listing.label, listing.url)];
        self.finish(listing.template, listing.title.into(), crumbs, None, &view)
    }

    pub(super) fn unit(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let listing = listing(Kind::Unit);
        let unit = site.units.get(i).ok_or_else(|| self.missing())?;
        let crumbs = vec![crumb(listing.label, listing.url), crumb(&unit.name, &unit.origin.path)];
        let ld = Some(data::unit_ld(site, unit));
        let view = UnitPage { unit: view::unit(site, unit, self.md()) };
        self.finish(Kind::Unit.spec().item_template, unit.name.clone(), crumbs, ld, &view)
    }

    pub(super) fn notices(&self) -> Result<Vec<u8>, Diagnostic> {
        let (site, md) = (self.site(), self.md());
        let listing = listing(Kind::Notice);
        // One list, the upcoming first, split into pages: each page shows its part of either.
        let (upcoming, past) = (site.upcoming_notices(), site.past_notices());
        let shown = self.shown(upcoming.len() + past.len());
        let page = self.route.page;
        let (u, p) = (upcoming.len(), past.len());
        let upcoming = upcoming.get(shown.start.min(u)..shown.end.min(u)).unwrap_or_default();
        let past =
            past.get(shown.start.saturating_sub(u).min(p)..shown.end.saturating_sub(u).min(p)).unwrap_or_default();
        let view = NoticesView {
            show_upcoming: page.is_first() || !upcoming.is_empty(),
            show_past: !past.is_empty() || page.number >= page.count,
            upcoming: upcoming.iter().map(|n| view::notice(site, n, md)).collect(),
            past: past.iter().map(|n| view::notice(site, n, md)).collect(),
            intro: self.intro(&listing),
            agenda: crate::render::routes::publishes_agenda(site)
                .then(|| crate::render::routes::SiteFile::Agenda.path()),
        };
        let crumbs = vec![crumb(listing.label, listing.url)];
        self.finish(listing.template, listing.title.into(), crumbs, None, &view)
    }

    pub(super) fn notice(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let listing = listing(Kind::Notice);
        let notice = site.notices.get(i).ok_or_else(|| self.missing())?;
        let crumbs = vec![crumb(listing.label, listing.url), crumb(&notice.title, &notice.origin.path)];
        let ld = data::notice_ld(site, notice);
        let view = NoticePage { notice: view::notice(site, notice, self.md()) };
        self.finish(Kind::Notice.spec().item_template, notice.title.clone(), crumbs, ld, &view)
    }

    pub(super) fn notice_calendar(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
        let notice = self.site().notices.get(i).ok_or_else(|| self.missing())?;
        Ok(ical::calendar(self.site(), &[notice]).into_bytes())
    }

    pub(super) fn laws(&self) -> Result<Vec<u8>, Diagnostic> {
        let listing = listing(Kind::Law);
        let laws = &self.site().laws;
        let laws = laws.get(self.shown(laws.len())).unwrap_or_default();
        let laws = laws.iter().map(|l| crumb(&l.title, &l.origin.path)).collect();
        let view = LawsView { laws, intro: self.intro(&listing) };
        let crumbs = vec![crumb(listing.label, listing.url)];
        self.finish(listing.template, listing.title.into(), crumbs, None, &view)
    }

    pub(super) fn law(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let listing = listing(Kind::Law);
        let law = site.laws.get(i).ok_or_else(|| self.missing())?;
        let crumbs = vec![crumb(listing.label, listing.url), crumb(&law.title, &law.origin.path)];
        let ld = Some(data::legislation_ld(site, law));
        let mut law_view = view::law_view(site, law);
        if let Some(fragments) = self.fragments {
            // A long act's articles go around Tera and the minifier, like a long Markdown text.
            law_view.toc_html = fragments.put(std::mem::take(&mut law_view.toc_html));
            law_view.body_html = fragments.put(std::mem::take(&mut law_view.body_html));
        }
        let view = LawPage { law: law_view };
        self.finish(Kind::Law.spec().item_template, law.title.clone(), crumbs, ld, &view)
    }

    pub(super) fn law_tree(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
        let law = self.site().laws.get(i).ok_or_else(|| self.missing())?;
        serde_json::to_vec(&law.tree).map_err(|e| Diagnostic::new(Code::Internal, e.to_string()))
    }

    pub(super) fn section(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let s = site.sections.get(i).ok_or_else(|| self.missing())?;
        let shown = s.pages.get(self.shown(s.pages.len())).unwrap_or_default();
        let first = self.route.page.is_first();
        let view = SectionPage {
            section: PageView {
                title: s.title.clone(),
                url: s.origin.path.clone(),
                description: s.description.clone(),
                date: None,
                // Its text opens its first page only.
                body_html: if first { self.md().body(&s.body) } else { String::new() },
            },
            pages: shown.iter().filter_map(|&p| site.pages.get(p)).map(view::page_summary).collect(),
        };
        let mut crumbs = self.section_crumbs(&s.origin.path);
        crumbs.push(crumb(&s.title, &s.origin.path));
        self.finish(Kind::Section.spec().item_template, s.title.clone(), crumbs, None, &view)
    }

    pub(super) fn page(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
        let p = self.site().pages.get(i).ok_or_else(|| self.missing())?;
        let mut crumbs = self.section_crumbs(&p.origin.path);
        crumbs.push(crumb(&p.title, &p.origin.path));
        let view = PagePage { page: view::page(p, self.md()) };
        self.finish(Kind::Page.spec().item_template, p.title.clone(), crumbs, None, &view)
    }

    pub(super) fn accessibility(&self) -> Result<Vec<u8>, Diagnostic> {
        let spec = Generated::Accessibility.spec();
        let crumbs = vec![crumb(spec.title, spec.path)];
        self.finish(spec.template, spec.title.into(), crumbs, None, &Nothing {})
    }

    pub(super) fn site_map(&self) -> Result<Vec<u8>, Diagnostic> {
        let spec = Generated::SiteMap.spec();
        let crumbs = vec![crumb(spec.title, spec.path)];
        self.finish(spec.template, spec.title.into(), crumbs, None, &SiteMapView { map: view::site_map(self.site()) })
    }

    pub(super) fn search(&self) -> Result<Vec<u8>, Diagnostic> {
        let spec = Generated::Search.spec();
        let kinds = crate::search::index::kinds(self.site()).into_iter().map(|k| crumb(k.label(), k.id())).collect();
        let crumbs = vec![crumb(spec.title, spec.path)];
        self.finish(spec.template, spec.title.into(), crumbs, None, &SearchView { kinds })
    }

    pub(super) fn not_found(&self) -> Result<Vec<u8>, Diagnostic> {
        let spec = Generated::NotFound.spec();
        self.finish(spec.template, spec.title.into(), Vec::new(), None, &Nothing {})
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use crate::dev::tests::{embedded, Site};
    use crate::pipeline::{self, BuildOptions};
    use crate::render::Renderer;

    /// Pages lend each other one context (`Renderer::lend_context`): whatever order they are
    /// rendered in, each page is the bytes a renderer of its own gives, so no field of one page
    /// (a listing's items, a notice's dates) is left for the next. The site's theme prints
    /// every page's whole context (Tera's `__tera_context`), so a field left over shows.
    #[test]
    fn a_lent_context_keeps_nothing_of_the_page_before() {
        let site = Site::fixture("perdizes").unwrap();
        let printed = embedded("base.html").replace("</footer>", "<pre>{{ __tera_context }}</pre></footer>");
        site.write("themes/default/templates/base.html", &printed).unwrap();
        let options = BuildOptions { root: site.root().to_path_buf(), ..BuildOptions::default() };
        let loaded = pipeline::load(&options).expect("the site loads");
        let plan = pipeline::plan(&loaded.site);
        let routes: Vec<_> = plan.iter().filter(|r| r.is_html()).collect();
        let shared = Renderer::new(&loaded.site, &loaded.theme);
        for route in routes.iter().chain(routes.iter().rev()) {
            let alone = Renderer::new(&loaded.site, &loaded.theme).render(route).expect("renders");
            assert!(String::from_utf8_lossy(&alone).contains("\"breadcrumbs\""), "{}", route.file);
            assert_eq!(
                String::from_utf8_lossy(&shared.render(route).expect("renders")),
                String::from_utf8_lossy(&alone),
                "{}",
                route.file
            );
        }
        assert!(routes.len() > 25, "{} pages", routes.len());
    }
}
