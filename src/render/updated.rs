//! The date of update of each output: what its "Última atualização" says, the sitemap's
//! `lastmod` and the open data's `atualizado`, all from this one function so they agree.
//!
//! A page of one item shows its own file's date (`model::updated`: `atualizado`, else git,
//! else the file's modification time). A page that gathers others — a listing, the home
//! page, the site map, a section with its pages — shows the newest date of what it declares
//! it is made of (`Dep::File`, `Dep::Items`, `Dep::Dates`: the route's own declaration, so
//! that `serve` re-renders it exactly when this date can change). The site-wide context, the
//! template and the titles of other pages (`Dep::Site`, `Dep::Template`, `Dep::Summaries`) are
//! presentation, not content, and do not date a page. A page made of none of these (the
//! accessibility page, the 404 page, the documentation of the open data) has no date: it is
//! left out rather than made up.

use super::deps::Dep;
use super::routes::{Route, RouteKind};
use crate::kinds::{Kind, KINDS};
use crate::model::datetime::Date;
use crate::model::{Origin, Site};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

/// The intro of `kind`'s listing (`content/unidades/_index.md`), when the site has one.
pub(crate) fn intro(site: &Site, kind: Kind) -> Option<&Origin> {
    let url = kind.spec().listing?.url;
    site.listing_intros.iter().find(|p| p.origin.path == url).map(|p| &p.origin)
}

/// The dates of one site's routes. The newest date of each kind's items and listing intro is
/// computed once, when a route first needs it (a page of one item never does), and shared by
/// every route rendered with it.
pub(crate) struct Newest<'a> {
    site: &'a Site,
    by_kind: OnceLock<BTreeMap<Kind, Option<Date>>>,
}

impl<'a> Newest<'a> {
    pub(crate) fn of(site: &'a Site) -> Newest<'a> {
        Newest { site, by_kind: OnceLock::new() }
    }

    /// The newest date among `kind`'s items and its listing's intro.
    pub(crate) fn kind(&self, kind: Kind) -> Option<Date> {
        let site = self.site;
        let by_kind = self.by_kind.get_or_init(|| {
            KINDS
                .iter()
                .map(|spec| {
                    let items = site.items(spec.kind).into_iter().filter_map(|i| i.origin.updated);
                    let newest = items.chain(intro(site, spec.kind).and_then(|o| o.updated)).max();
                    (spec.kind, newest)
                })
                .collect()
        });
        by_kind.get(&kind).copied().flatten()
    }

    /// The date of `route` (see the module's documentation).
    pub(crate) fn route(&self, route: &Route) -> Option<Date> {
        let site = self.site;
        match route.kind {
            // A section's page: the newest of its text and the pages it lists.
            RouteKind::Item(Kind::Section, i) => {
                let section = site.sections.get(i)?;
                let shown = section.pages.get(route.page.range(section.pages.len(), site.config.page_size));
                let pages = shown.unwrap_or_default().iter().filter_map(|&p| site.pages.get(p)?.origin.updated);
                pages.chain(section.origin.updated).max()
            }
            // The home page gathers the notices, the units, the secretariat.
            RouteKind::Item(Kind::Home, _) => self.declared(route),
            RouteKind::Item(kind, i) => site.origin(kind, i)?.updated,
            RouteKind::ItemFile(..)
            | RouteKind::Listing(_)
            | RouteKind::Generated(_)
            | RouteKind::Search(_)
            | RouteKind::SiteFile(_)
            | RouteKind::Dataset(..) => self.declared(route),
        }
    }

    /// The newest date of what `route` declares it is made of.
    fn declared(&self, route: &Route) -> Option<Date> {
        route
            .deps
            .iter()
            .filter_map(|dep| match dep {
                Dep::File(path) => file_date(self.site, path),
                Dep::Items(kind) | Dep::Dates(kind) => self.kind(*kind),
                Dep::Site | Dep::Template(_) | Dep::Summaries(_) | Dep::Shown(..) | Dep::Outputs => None,
            })
            .max()
    }
}

/// The date of the content file at `path`: a listing's intro or the home page, usually.
fn file_date(site: &Site, path: &Path) -> Option<Date> {
    if site.home.origin.file == path {
        return site.home.origin.updated;
    }
    if let Some(intro) = site.listing_intros.iter().find(|p| p.origin.file == path) {
        return intro.origin.updated;
    }
    // A file of another item: found among its kind's.
    match crate::kinds::classify(path) {
        crate::kinds::Role::Item(kind) => {
            site.items(kind).into_iter().find(|i| i.origin.file == path).and_then(|i| i.origin.updated)
        }
        crate::kinds::Role::Intro(_) | crate::kinds::Role::Misplaced | crate::kinds::Role::Attachment => None,
    }
}
