//! What every page shows of the site (the site view: title, menu, footer) and the site map,
//! both read from the table of kinds.

use super::{unit, Link, Md, UnitView};
use crate::kinds::{Generated, Kind, Menu, SiteMap, KINDS};
use crate::markdown::MarkdownOptions;
use crate::model::Site;
use serde::Serialize;

/// The site-wide context of every page (`site` in the templates).
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    title: &'a str,
    municipality: Option<&'a str>,
    uf: Option<&'a str>,
    language: &'a str,
    description: Option<&'a str>,
    primary_colour: &'a str,
    menu: Vec<Link>,
    main_unit: Option<UnitView>,
    secretariat_name: Option<&'a str>,
    vlibras: bool,
    /// The Radar da Transparência Pública (`transparencia.radar`), linked in every footer.
    radar: Option<&'a str>,
    /// The notices' Atom feed (`avisos/atom.xml`), linked from every page's head, when the
    /// site publishes it.
    feed: Option<String>,
    /// The municipality's time zone and holidays for the "aberto agora" script, when some
    /// unit has hours (already safe inside a `<script>`).
    calendar_json: Option<String>,
}

impl SiteView<'_> {
    /// The addresses the menu links to.
    pub(crate) fn menu_urls(&self) -> impl Iterator<Item = &str> {
        self.menu.iter().map(|link| link.url.as_str())
    }
}

pub(crate) fn site_view(site: &Site) -> SiteView<'_> {
    // The site view is shared by every page: no store of large fragments.
    let md = Md {
        options: MarkdownOptions {
            root: "",
            source_dir: "",
            allow_html: site.config.allow_html,
            top_heading: 2,
            glossary: None,
        },
        fragments: None,
        texts: None,
    };
    let menu = match &site.config.menu {
        Some(items) => items.iter().map(|m| Link { title: m.title.clone(), url: m.url.clone() }).collect(),
        None => default_menu(site),
    };
    SiteView {
        title: &site.config.title,
        municipality: site.config.municipality.as_deref(),
        uf: site.config.uf.as_deref(),
        language: &site.config.language,
        description: site.config.description.as_deref(),
        primary_colour: &site.config.primary_colour,
        menu,
        main_unit: site.main_unit().map(|u| unit(site, u, md)),
        secretariat_name: site.secretariat.as_ref().map(|s| s.name.as_str()),
        vlibras: site.config.vlibras,
        radar: site.config.transparency.radar.as_deref(),
        feed: crate::render::routes::publishes_feed(site).then(|| crate::render::routes::SiteFile::Feed.path()),
        calendar_json: has_hours(site).then(|| {
            crate::render::hours::calendar_json(
                &site.config.holidays,
                site.config.time_zone,
                site.today,
                site.config.municipality.as_deref(),
                site.config.uf.as_deref(),
            )
            .replace("</", "<\\/")
        }),
    }
}

/// Whether some page shows opening hours (and so the "aberto agora" script needs the calendar).
fn has_hours(site: &Site) -> bool {
    site.units.iter().any(|u| u.hours.is_some()) || site.sic.iter().chain(&site.ombudsman).any(|s| s.hours.is_some())
}

/// Without a `menu` in site.yaml: each kind where the table places it (the secretariat and the
/// notices while they have content; the mandatory sections always), the "Acesso à Informação"
/// hub, the top-level sections. A `menu` of the site's own gets the hub when it lacks it
/// (`config`).
fn default_menu(site: &Site) -> Vec<Link> {
    let mut menu = Vec::new();
    for spec in &KINDS {
        match spec.menu {
            Menu::No => {}
            Menu::Entry(label) => {
                let items = site.items(spec.kind);
                if spec.mandatory || !items.is_empty() {
                    let url = spec
                        .listing
                        .map(|l| l.url.to_string())
                        .or_else(|| items.first().map(|i| i.origin.path.clone()));
                    menu.extend(url.map(|url| Link { title: label.to_string(), url }));
                }
            }
            Menu::TopLevel => {
                // The hub, always there, after the kinds and before the site's own sections.
                let hub = Generated::AccessHub.spec();
                menu.push(Link { title: hub.title.to_string(), url: hub.path.to_string() });
                let items = site.items(spec.kind);
                let top = items.iter().filter(|i| !i.origin.path.trim_end_matches('/').contains('/'));
                menu.extend(top.map(|i| Link { title: i.title.to_string(), url: i.origin.path.clone() }));
            }
        }
    }
    menu
}

/// One group of the site map: a heading (linked when it has a page) and its links.
#[derive(Serialize)]
pub(crate) struct MapGroup {
    pub title: String,
    pub url: String,
    pub links: Vec<Link>,
    /// When the group's items take more than one page of its listing: how many there are and
    /// in how many pages. Its links are then left out, the heading links the listing: the
    /// site map stays one short page a screen reader user can move through by headings and
    /// lists, each long listing one link away (with its own pagination).
    pub long: Option<LongGroup>,
}

/// The size of a group the site map does not list item by item.
#[derive(Serialize)]
pub(crate) struct LongGroup {
    pub items: String,
    pub pages: usize,
}

impl MapGroup {
    fn new(title: String, url: String, links: Vec<Link>) -> MapGroup {
        MapGroup { title, url, links, long: None }
    }

    /// The group, summed up when its links would fill more than one page of `size` and it
    /// has a listing to link.
    fn summed_up(mut self, size: usize) -> MapGroup {
        if self.links.len() > size && !self.url.is_empty() {
            let pages = crate::render::paginate::count(self.links.len(), size);
            self.long = Some(LongGroup { items: thousands(self.links.len()), pages });
            self.links = Vec::new();
        }
        self
    }
}

/// `12345` → `12.345`, as Portuguese writes numbers.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The site map: each kind where the table places it, then the loose pages and the
/// accessibility page.
pub(crate) fn site_map(site: &Site) -> Vec<MapGroup> {
    let link = |t: &str, u: &str| Link { title: t.to_string(), url: u.to_string() };
    let mut groups = Vec::new();
    let size = site.config.page_size;
    for spec in &KINDS {
        match spec.site_map {
            SiteMap::No => {}
            SiteMap::Single => groups.extend(
                site.items(spec.kind)
                    .first()
                    .map(|item| MapGroup::new(item.title.to_string(), item.origin.path.clone(), Vec::new())),
            ),
            SiteMap::Listing => groups.extend(spec.listing.map(|listing| {
                let links = site.items(spec.kind).iter().map(|i| link(i.title, &i.origin.path)).collect();
                MapGroup::new(listing.label.to_string(), listing.url.to_string(), links).summed_up(size)
            })),
            SiteMap::Groups => match spec.kind {
                Kind::Section => {
                    for s in &site.sections {
                        let links =
                            s.pages.iter().filter_map(|&p| site.pages.get(p)).map(|p| link(&p.title, &p.origin.path));
                        groups.push(
                            MapGroup::new(s.title.clone(), s.origin.path.clone(), links.collect()).summed_up(size),
                        );
                    }
                }
                // Only sections hold other items.
                Kind::Home
                | Kind::Secretariat
                | Kind::Structure
                | Kind::Unit
                | Kind::Notice
                | Kind::Law
                | Kind::Page
                | Kind::Program
                | Kind::Council
                | Kind::Faq
                | Kind::Sic
                | Kind::Ombudsman
                | Kind::Privacy => {}
            },
        }
    }
    // The hub and the pages under it (the SIC, the ombudsman, classified information, and
    // what else the site writes in `acesso-a-informacao/`), and the privacy page.
    let hub = Generated::AccessHub.spec();
    let mut under_hub: Vec<Link> = [Generated::Sic, Generated::Ombudsman, Generated::Classified]
        .iter()
        .map(|g| g.spec())
        .map(|g| link(g.title, g.path))
        .collect();
    let in_sections: std::collections::BTreeSet<usize> =
        site.sections.iter().flat_map(|s| s.pages.iter().copied()).collect();
    let in_hub = |p: &&crate::model::Page| p.origin.path.starts_with(hub.path);
    under_hub.extend(
        site.pages
            .iter()
            .enumerate()
            .filter(|(i, p)| !in_sections.contains(i) && in_hub(p))
            .filter(|(_, p)| p.origin.path != Generated::Classified.spec().path)
            .map(|(_, p)| link(&p.title, &p.origin.path)),
    );
    let privacy = Generated::Privacy.spec();
    under_hub.push(link(privacy.title, privacy.path));
    groups.push(MapGroup::new(hub.title.into(), hub.path.into(), under_hub));
    // Pages in no section: at the root, or under a page that is not a section.
    let loose: Vec<Link> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(i, p)| !in_sections.contains(i) && !in_hub(p))
        .map(|(_, p)| link(&p.title, &p.origin.path))
        .collect();
    groups.push(MapGroup::new("Outras páginas".into(), String::new(), loose));
    let generated = [
        (Generated::Accessibility, true),
        (Generated::Data, !site.config.skip.data),
        (Generated::Integrity, !site.config.skip.checksums),
    ];
    for (which, published) in generated {
        let spec = which.spec();
        if published {
            groups.push(MapGroup::new(spec.title.into(), spec.path.into(), Vec::new()));
        }
    }
    groups
}
