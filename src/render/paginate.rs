//! Listings split into pages of `itens_por_pagina` items (`site.yaml`, 50 by default).
//!
//! The first page keeps the listing's own address (`avisos/`); page N ≥ 2 is
//! `avisos/pagina/N/`, the one convention for every paginated listing (a kind's listing and a
//! section with its pages). A listing that fits in one page has no pagination at all, so a
//! small site looks as it always did. The navigation ([`PagerView`]) is what the theme's
//! `paginacao` macro shows: previous and next with visible text, a window of page numbers
//! around the current one, the current one marked `aria-current="page"`.

use serde::Serialize;

pub(crate) use crate::kinds::LATER_PAGES as FOLDER;

/// Which page of a listing a route is: 1 of 1 for a route that is not paginated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PageOf {
    /// From 1.
    pub(crate) number: usize,
    pub(crate) count: usize,
}

impl PageOf {
    pub(crate) const ONLY: PageOf = PageOf { number: 1, count: 1 };

    /// The indices of the items of a list of `len` this page shows, `size` to a page.
    pub(crate) fn range(self, len: usize, size: usize) -> std::ops::Range<usize> {
        let size = size.max(1);
        let start = (self.number.saturating_sub(1)).saturating_mul(size).min(len);
        start..start.saturating_add(size).min(len)
    }

    pub(crate) fn is_first(self) -> bool {
        self.number <= 1
    }
}

/// How many pages a listing of `len` items takes, `size` to a page: at least one (an empty
/// listing still has its page, which says it is empty).
pub(crate) fn count(len: usize, size: usize) -> usize {
    len.div_ceil(size.max(1)).max(1)
}

/// The site path of page `number` of the listing at `base` (`avisos/`).
pub(crate) fn path(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}{FOLDER}/{number}/")
    }
}

/// The title of a page of a listing: "Avisos e eventos – página 2 de 20" when there are
/// several, so that each has its own `<title>`.
pub(crate) fn title(title: &str, page: PageOf) -> String {
    if page.count > 1 {
        format!("{title} – página {} de {}", page.number, page.count)
    } else {
        title.to_string()
    }
}

/// One entry of the navigation: a page number, or a gap (`…`) between numbers.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct PagerLink {
    /// The page's number; 0 for a gap.
    pub(crate) number: usize,
    pub(crate) url: String,
    pub(crate) current: bool,
}

/// The navigation between the pages of a listing, as the theme shows it.
#[derive(Debug, Serialize)]
pub(crate) struct PagerView {
    pub(crate) number: usize,
    pub(crate) count: usize,
    pub(crate) previous: Option<String>,
    pub(crate) next: Option<String>,
    pub(crate) links: Vec<PagerLink>,
}

/// How many numbers either side of the current page the navigation shows (with the first and
/// the last always): about a dozen links at most, however many pages.
const WINDOW: usize = 2;

/// The navigation of `page` of the listing at `base`; none when the listing has one page.
pub(crate) fn pager(base: &str, page: PageOf) -> Option<PagerView> {
    if page.count <= 1 {
        return None;
    }
    let shown = |n: usize| n == 1 || n == page.count || n.abs_diff(page.number) <= WINDOW;
    let mut links = Vec::new();
    for n in 1..=page.count {
        if shown(n) {
            links.push(PagerLink { number: n, url: path(base, n), current: n == page.number });
        } else if links.last().is_some_and(|l: &PagerLink| l.number != 0) {
            links.push(PagerLink { number: 0, url: String::new(), current: false });
        }
    }
    Some(PagerView {
        number: page.number,
        count: page.count,
        previous: (page.number > 1).then(|| path(base, page.number - 1)),
        next: (page.number < page.count).then(|| path(base, page.number + 1)),
        links,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_ranges_cover_every_item_once() {
        assert_eq!(count(0, 50), 1);
        assert_eq!(count(50, 50), 1);
        assert_eq!(count(51, 50), 2);
        assert_eq!(count(120, 50), 3);
        let page = |number| PageOf { number, count: 3 };
        assert_eq!(page(1).range(120, 50), 0..50);
        assert_eq!(page(3).range(120, 50), 100..120);
        assert_eq!(page(4).range(120, 50), 120..120);
        assert_eq!(PageOf::ONLY.range(7, 50), 0..7);
    }

    #[test]
    fn the_first_page_keeps_the_listing_address() {
        assert_eq!(path("avisos/", 1), "avisos/");
        assert_eq!(path("avisos/", 2), "avisos/pagina/2/");
        use crate::kinds::is_later_page;
        assert!(is_later_page("avisos/pagina/2/"));
        assert!(is_later_page("a/b/pagina/10/"));
        assert!(!is_later_page("avisos/pagina/"));
        assert!(!is_later_page("avisos/pagina/dois/"));
        assert!(!is_later_page("pagina/"));
        assert_eq!(title("Avisos", PageOf { number: 2, count: 20 }), "Avisos – página 2 de 20");
        assert_eq!(title("Avisos", PageOf::ONLY), "Avisos");
    }

    #[test]
    fn the_navigation_shows_a_window_with_the_ends() {
        assert!(pager("a/", PageOf::ONLY).is_none());
        let nav = pager("a/", PageOf { number: 10, count: 20 }).unwrap_or_else(|| panic!("nav"));
        let numbers: Vec<usize> = nav.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, vec![1, 0, 8, 9, 10, 11, 12, 0, 20]);
        assert_eq!(nav.previous.as_deref(), Some("a/pagina/9/"));
        assert_eq!(nav.next.as_deref(), Some("a/pagina/11/"));
        assert_eq!(nav.links.iter().filter(|l| l.current).map(|l| l.number).collect::<Vec<_>>(), vec![10]);
        let first = pager("a/", PageOf { number: 1, count: 2 }).unwrap_or_else(|| panic!("nav"));
        assert_eq!((first.previous, first.next.as_deref()), (None, Some("a/pagina/2/")));
        assert_eq!(first.links.first().map(|l| l.url.as_str()), Some("a/"));
    }
}
