//! Model → bytes, in memory: the render plan ([`routes`]), the views templates see ([`view`]),
//! the theme ([`theme`]) and the non-HTML outputs ([`data`]). No IO happens here.

pub mod data;
pub mod fragments;
pub mod hours;
pub mod ical;
pub mod instant;
pub mod routes;
mod template_error;
pub mod theme;
pub mod view;

use crate::diagnostics::Diagnostic;
use crate::markdown::MarkdownOptions;
use crate::model::slug::root_prefix;
use crate::model::Site;
use fragments::Fragments;
use routes::{Route, RouteKind};
use serde::Serialize;
use tera::Context;
use view::{Link, Md};

/// Renders routes of one site with one theme. Cheap to share across threads.
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a theme::Theme,
    /// The context every page starts from (site-wide data), built once.
    base: Context,
    /// The search index, for the routes that publish it.
    search: Option<&'a crate::search::SearchIndex>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    municipality: Option<&'a str>,
    uf: Option<&'a str>,
    language: &'a str,
    description: Option<&'a str>,
    primary_colour: &'a str,
    menu: Vec<Link>,
    main_unit: Option<view::UnitView>,
    secretariat_name: Option<&'a str>,
    vlibras: bool,
    updated: String,
    updated_iso: String,
    /// The municipality's time zone and holidays for the "aberto agora" script, when some
    /// unit has hours (already safe inside a `<script>`).
    calendar_json: Option<String>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a theme::Theme) -> Self {
        let md = Md {
            options: MarkdownOptions { root: "", allow_html: site.config.allow_html, top_heading: 2 },
            fragments: None,
        };
        let menu = match &site.config.menu {
            Some(items) => items.iter().map(|m| Link { title: m.title.clone(), url: m.url.clone() }).collect(),
            None => default_menu(site),
        };
        let site_view = SiteView {
            title: &site.config.title,
            municipality: site.config.municipality.as_deref(),
            uf: site.config.uf.as_deref(),
            language: &site.config.language,
            description: site.config.description.as_deref(),
            primary_colour: &site.config.primary_colour,
            menu,
            main_unit: site.main_unit().map(|u| view::unit(site, u, md)),
            secretariat_name: site.secretariat.as_ref().map(|s| s.name.as_str()),
            vlibras: site.config.vlibras,
            updated: site.today.date().date_long(),
            updated_iso: site.today.date().iso_date(),
            calendar_json: site.units.iter().any(|u| u.hours.is_some()).then(|| {
                hours::calendar_json(
                    &site.config.holidays,
                    site.config.time_zone,
                    site.today,
                    site.config.municipality.as_deref(),
                    site.config.uf.as_deref(),
                )
                .replace("</", "<\\/")
            }),
        };
        let mut base = Context::new();
        base.insert("site", &site_view);
        Renderer { site, theme, base, search: None }
    }

    /// The same renderer, publishing `index` on the search routes.
    pub fn with_search(self, index: &'a crate::search::SearchIndex) -> Self {
        Renderer { search: Some(index), ..self }
    }

    /// Renders one route to its bytes (HTML not yet minified).
    pub fn render(&self, route: &Route) -> Result<Vec<u8>, Diagnostic> {
        self.render_with(route, None)
    }

    /// Renders one route to the bytes published for it, HTML passed through `finish` (the
    /// minifier). Markdown fragments of [`fragments::LARGE_FRAGMENT`] bytes or more skip Tera
    /// and `finish`: they are put in place afterwards, without a copy of the page.
    pub fn render_finished(&self, route: &Route, finish: &dyn Fn(&[u8]) -> Vec<u8>) -> Result<Vec<u8>, Diagnostic> {
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

    fn render_with(&self, route: &Route, fragments: Option<&Fragments>) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site;
        let root = root_prefix(&route.path);
        let md = Md {
            options: MarkdownOptions { root: &root, allow_html: site.config.allow_html, top_heading: 2 },
            fragments,
        };
        let mut ctx = self.base.clone();
        ctx.insert("root", &root);
        ctx.insert("path", &route.path);
        let mut crumbs: Vec<Link> = Vec::new();
        let crumb = |title: &str, url: &str| Link { title: title.to_string(), url: url.to_string() };
        let (template, title, json_ld): (&str, String, Option<serde_json::Value>) = match route.kind {
            RouteKind::Home => {
                let page = view::page(&site.home, md);
                ctx.insert("secretariat", &view::secretariat(site, md));
                ctx.insert("next_notice", &site.upcoming_notices().first().map(|n| view::notice(site, n, md)));
                ctx.insert(
                    "recent_notices",
                    &site.past_notices().iter().take(3).map(|n| view::notice(site, n, md)).collect::<Vec<_>>(),
                );
                ctx.insert("page", &page);
                ("index.html", site.config.title.clone(), Some(data::organization_ld(site)))
            }
            RouteKind::Secretariat => {
                let s = view::secretariat(site, md);
                let title = s.as_ref().map(|s| s.name.clone()).unwrap_or_default();
                ctx.insert("secretariat", &s);
                crumbs.push(crumb(&title, "secretaria/"));
                ("secretaria.html", title, Some(data::organization_ld(site)))
            }
            RouteKind::UnitList => {
                let units: Vec<_> = site.units.iter().map(|u| view::unit(site, u, md)).collect();
                ctx.insert("units", &units);
                ctx.insert("intro", &self.intro("unidades/", md));
                crumbs.push(crumb("Unidades e contatos", "unidades/"));
                ("unidades.html", "Unidades e contatos".into(), None)
            }
            RouteKind::Unit(i) => {
                let unit = site.units.get(i).ok_or_else(|| missing(route))?;
                ctx.insert("unit", &view::unit(site, unit, md));
                crumbs.push(crumb("Unidades e contatos", "unidades/"));
                crumbs.push(crumb(&unit.name, &unit.origin.path));
                ("unidade.html", unit.name.clone(), Some(data::unit_ld(site, unit)))
            }
            RouteKind::Structure => {
                let all: Vec<_> = (0..site.assessorias.len()).filter_map(|i| view::assessoria(site, i, md)).collect();
                let tops: Vec<usize> = (0..site.assessorias.len())
                    .filter(|&i| site.assessorias.get(i).is_some_and(|a| a.superior.is_none()))
                    .collect();
                ctx.insert("positions", &all.iter().any(|a| a.position));
                ctx.insert("assessorias", &all);
                ctx.insert("chart", &data::org_chart(site, &tops));
                ctx.insert("secretariat", &view::secretariat(site, md));
                ctx.insert("intro", &self.intro("estrutura/", md));
                crumbs.push(crumb("Estrutura", "estrutura/"));
                ("estrutura.html", "Estrutura organizacional".into(), None)
            }
            RouteKind::Assessoria(i) => {
                let a = view::assessoria(site, i, md).ok_or_else(|| missing(route))?;
                crumbs.push(crumb("Estrutura", "estrutura/"));
                crumbs.push(crumb(&a.title, &a.url));
                let title = a.title.clone();
                ctx.insert("assessoria", &a);
                ("assessoria.html", title, data::structure_ld(site, i))
            }
            RouteKind::NoticeList => {
                let up: Vec<_> = site.upcoming_notices().into_iter().map(|n| view::notice(site, n, md)).collect();
                let past: Vec<_> = site.past_notices().into_iter().map(|n| view::notice(site, n, md)).collect();
                ctx.insert("upcoming", &up);
                ctx.insert("past", &past);
                ctx.insert("intro", &self.intro("avisos/", md));
                crumbs.push(crumb("Avisos e eventos", "avisos/"));
                ("avisos.html", "Avisos e eventos".into(), None)
            }
            RouteKind::Notice(i) => {
                let n = site.notices.get(i).ok_or_else(|| missing(route))?;
                ctx.insert("notice", &view::notice(site, n, md));
                crumbs.push(crumb("Avisos e eventos", "avisos/"));
                crumbs.push(crumb(&n.title, &n.origin.path));
                ("aviso.html", n.title.clone(), data::notice_ld(site, n))
            }
            RouteKind::NoticeCalendar(i) => {
                let n = site.notices.get(i).ok_or_else(|| missing(route))?;
                return Ok(ical::calendar(site, &[n]).into_bytes());
            }
            RouteKind::LawList => {
                let laws: Vec<Link> =
                    site.laws.iter().map(|l| Link { title: l.title.clone(), url: l.origin.path.clone() }).collect();
                ctx.insert("laws", &laws);
                ctx.insert("intro", &self.intro("legislacao/", md));
                crumbs.push(crumb("Legislação", "legislacao/"));
                ("legislacao.html", "Legislação".into(), None)
            }
            RouteKind::Law(i) => {
                let law = site.laws.get(i).ok_or_else(|| missing(route))?;
                ctx.insert("law", &data::law_view(site, law));
                crumbs.push(crumb("Legislação", "legislacao/"));
                crumbs.push(crumb(&law.title, &law.origin.path));
                ("norma.html", law.title.clone(), Some(data::legislation_ld(site, law)))
            }
            RouteKind::LawJson(i) => {
                let law = site.laws.get(i).ok_or_else(|| missing(route))?;
                return serde_json::to_vec_pretty(&law.tree).map_err(|e| Diagnostic::error(e.to_string()));
            }
            RouteKind::Page(i) => {
                let p = site.pages.get(i).ok_or_else(|| missing(route))?;
                ctx.insert("page", &view::page(p, md));
                self.section_crumbs(&p.origin.path, &mut crumbs);
                crumbs.push(crumb(&p.title, &p.origin.path));
                ("page.html", p.title.clone(), None)
            }
            RouteKind::Section(i) => {
                let s = site.sections.get(i).ok_or_else(|| missing(route))?;
                let pages: Vec<view::PageView> =
                    s.pages.iter().filter_map(|&p| site.pages.get(p)).map(view::page_summary).collect();
                ctx.insert(
                    "section",
                    &view::PageView {
                        title: s.title.clone(),
                        url: s.origin.path.clone(),
                        description: s.description.clone(),
                        date: None,
                        body_html: md.html(&s.body.markdown),
                    },
                );
                ctx.insert("pages", &pages);
                self.section_crumbs(&s.origin.path, &mut crumbs);
                crumbs.push(crumb(&s.title, &s.origin.path));
                ("section.html", s.title.clone(), None)
            }
            RouteKind::Accessibility => {
                crumbs.push(crumb("Acessibilidade", "acessibilidade/"));
                ("acessibilidade.html", "Acessibilidade".into(), None)
            }
            RouteKind::SiteMap => {
                ctx.insert("map", &data::site_map(site));
                crumbs.push(crumb("Mapa do site", "mapa-do-site/"));
                ("mapa-do-site.html", "Mapa do site".into(), None)
            }
            RouteKind::Search => {
                let kinds: Vec<Link> = crate::search::extract::kinds(site)
                    .into_iter()
                    .map(|k| Link { title: k.label().to_owned(), url: k.id().to_owned() })
                    .collect();
                ctx.insert("kinds", &kinds);
                crumbs.push(crumb("Busca", crate::search::DIR));
                ("busca.html", "Busca".into(), None)
            }
            RouteKind::SearchMeta => return Ok(self.search_index(route)?.meta_json()),
            RouteKind::SearchBucket(b) => return Ok(self.search_index(route)?.bucket_json(b)),
            RouteKind::SearchDoc(d) => return self.search_index(route)?.doc_json(d).ok_or_else(|| missing(route)),
            RouteKind::NotFound => {
                ctx.insert("root", "/");
                ("404.html", "Página não encontrada".into(), None)
            }
        };
        ctx.insert("title", &title);
        ctx.insert("breadcrumbs", &crumbs);
        ctx.insert("json_ld", &json_ld.map(|v| data::script_safe_json(&v)));
        self.theme
            .tera
            .render(template, &ctx)
            .map(String::into_bytes)
            .map_err(|err| template_error::diagnostic(self.theme, template, &err))
    }

    fn search_index(&self, route: &Route) -> Result<&'a crate::search::SearchIndex, Diagnostic> {
        self.search.ok_or_else(|| Diagnostic::error(format!("índice de busca ausente: {}", route.file)))
    }

    fn intro(&self, path: &str, md: Md<'_>) -> Option<view::PageView> {
        self.site.listing_intros.iter().find(|p| p.origin.path == path).map(|p| view::page(p, md))
    }

    fn section_crumbs(&self, path: &str, crumbs: &mut Vec<Link>) {
        let mut prefix = String::new();
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        for part in parts.iter().take(parts.len().saturating_sub(1)) {
            prefix.push_str(part);
            prefix.push('/');
            if let Some(s) = self.site.sections.iter().find(|s| s.origin.path == prefix) {
                crumbs.push(Link { title: s.title.clone(), url: s.origin.path.clone() });
            }
        }
    }
}

fn missing(route: &Route) -> Diagnostic {
    Diagnostic::error(format!("rota sem conteúdo: {}", route.file))
}

/// Without a `menu` in site.yaml: the secretariat, structure, units, notices, laws and sections.
fn default_menu(site: &Site) -> Vec<Link> {
    let mut menu = Vec::new();
    let link = |t: &str, u: &str| Link { title: t.to_string(), url: u.to_string() };
    if site.secretariat.is_some() {
        menu.push(link("A Secretaria", "secretaria/"));
    }
    if !site.assessorias.is_empty() {
        menu.push(link("Estrutura", "estrutura/"));
    }
    if !site.units.is_empty() {
        menu.push(link("Unidades e contatos", "unidades/"));
    }
    if !site.notices.is_empty() {
        menu.push(link("Avisos e eventos", "avisos/"));
    }
    if !site.laws.is_empty() {
        menu.push(link("Legislação", "legislacao/"));
    }
    for s in site.sections.iter().filter(|s| !s.origin.path.trim_end_matches('/').contains('/')) {
        menu.push(link(&s.title, &s.origin.path));
    }
    menu
}
