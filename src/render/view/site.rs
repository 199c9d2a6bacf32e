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
    updated: String,
    updated_iso: String,
    /// The municipality's time zone and holidays for the "aberto agora" script, when some
    /// unit has hours (already safe inside a `<script>`).
    calendar_json: Option<String>,
}

pub(crate) fn site_view(site: &Site) -> SiteView<'_> {
    // The site view is shared by every page: no store of large fragments.
    let md = Md {
        options: MarkdownOptions { root: "", allow_html: site.config.allow_html, top_heading: 2 },
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
        updated: site.today.date().date_long(),
        updated_iso: site.today.date().iso_date(),
        calendar_json: site.units.iter().any(|u| u.hours.is_some()).then(|| {
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

/// Without a `menu` in site.yaml: each kind where the table places it (the secretariat,
/// structure, units, notices, laws while they have content; the top-level sections).
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
}

/// The site map: each kind where the table places it, then the loose pages and the
/// accessibility page.
pub(crate) fn site_map(site: &Site) -> Vec<MapGroup> {
    let link = |t: &str, u: &str| Link { title: t.to_string(), url: u.to_string() };
    let mut groups = Vec::new();
    for spec in &KINDS {
        match spec.site_map {
            SiteMap::No => {}
            SiteMap::Single => groups.extend(site.items(spec.kind).first().map(|item| MapGroup {
                title: item.title.to_string(),
                url: item.origin.path.clone(),
                links: Vec::new(),
            })),
            SiteMap::Listing => groups.extend(spec.listing.map(|listing| MapGroup {
                title: listing.label.to_string(),
                url: listing.url.to_string(),
                links: site.items(spec.kind).iter().map(|i| link(i.title, &i.origin.path)).collect(),
            })),
            SiteMap::Groups => match spec.kind {
                Kind::Section => {
                    for s in &site.sections {
                        groups.push(MapGroup {
                            title: s.title.clone(),
                            url: s.origin.path.clone(),
                            links: s
                                .pages
                                .iter()
                                .filter_map(|&p| site.pages.get(p))
                                .map(|p| link(&p.title, &p.origin.path))
                                .collect(),
                        });
                    }
                }
                // Only sections hold other items.
                Kind::Home
                | Kind::Secretariat
                | Kind::Structure
                | Kind::Unit
                | Kind::Notice
                | Kind::Law
                | Kind::Page => {}
            },
        }
    }
    let loose: Vec<Link> = site
        .pages
        .iter()
        .filter(|p| !p.origin.path.trim_end_matches('/').contains('/'))
        .map(|p| link(&p.title, &p.origin.path))
        .collect();
    groups.push(MapGroup { title: "Outras páginas".into(), url: String::new(), links: loose });
    let accessibility = Generated::Accessibility.spec();
    groups.push(MapGroup { title: accessibility.title.into(), url: accessibility.path.into(), links: Vec::new() });
    groups
}
