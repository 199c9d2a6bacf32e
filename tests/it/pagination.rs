//! Long listings are split into pages (`itens_por_pagina`, 50 by default): the first keeps the
//! listing's address, the next ones are at `…/pagina/N/`. Every item is reachable from exactly
//! one page, each page has its own title, the navigation is a labelled `nav` with the current
//! page marked, a listing of one page has no navigation, the site map links long listings
//! instead of listing their items, and the sitemap lists every page once.

use crate::support::*;
use scraper::Html;
use std::collections::{BTreeMap, BTreeSet};

const PAGES: usize = 120;
const UPCOMING: usize = 10;
const PAST: usize = 50;

/// perdizes with a base URL, a section of [`PAGES`] pages and [`UPCOMING`] + [`PAST`]
/// notices, built with the default page size (50).
fn long_site() -> TestSite {
    let site = TestSite::fixture("perdizes");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}base_url: https://social.perdizes.mg.gov.br/\n"));
    site.write("content/servicos/_index.md", "---\ntitulo: Serviços\n---\nOs serviços da rede.\n");
    for i in 1..=PAGES {
        site.write(
            &format!("content/servicos/servico-{i:03}.md"),
            &format!("---\ntitulo: Serviço número {i:03}\npeso: {i}\n---\nTexto do serviço {i}.\n"),
        );
    }
    for i in 1..=UPCOMING {
        site.write(
            &format!("content/avisos/proxima-{i:02}.md"),
            &format!("---\ntitulo: Reunião futura {i:02}\ntipo: reuniao\ninicio: {i:02}/12/2026 09:00\n---\nPauta.\n"),
        );
    }
    for i in 1..=PAST {
        let (day, month) = (1 + i % 28, 1 + i % 12);
        site.write(
            &format!("content/avisos/anterior-{i:02}.md"),
            &format!(
                "---\ntitulo: Reunião passada {i:02}\ntipo: reuniao\ninicio: {day:02}/{month:02}/2025 09:00\n---\nPauta.\n"
            ),
        );
    }
    if let Err(failure) = site.build() {
        panic!("{}", render(failure));
    }
    site
}

/// The links of a listing page's list (`main ul.class a`), as site paths from the root.
fn listed(page: &Html, list: &str, depth: usize) -> Vec<String> {
    let up = "../".repeat(depth);
    attrs(page, &format!("main ul.{list} > li > a"), "href")
        .into_iter()
        .map(|h| h.strip_prefix(&up).map(str::to_string).unwrap_or(h))
        .collect()
}

fn depth(path: &str) -> usize {
    path.matches('/').count()
}

/// The pages of the listing at `base`, in order, as parsed HTML with their paths.
fn listing_pages(site: &TestSite, base: &str, count: usize) -> Vec<(String, Html)> {
    (1..=count)
        .map(|n| {
            let path = if n == 1 { base.to_string() } else { format!("{base}pagina/{n}/") };
            let page = site.page(&path);
            (path, page)
        })
        .collect()
}

#[test]
fn a_long_section_is_split_into_pages_that_reach_every_item_once() {
    let site = long_site();
    let pages = listing_pages(&site, "servicos/", 3);
    assert!(!site.output().join("servicos/pagina/4/index.html").exists(), "no page past the last");
    assert!(!site.output().join("servicos/pagina/1/index.html").exists(), "the first page is the listing's address");
    let mut reached: BTreeMap<String, usize> = BTreeMap::new();
    let mut titles = BTreeSet::new();
    for (n, (path, page)) in pages.iter().enumerate() {
        let n = n + 1;
        let items = listed(page, "lista-paginas", depth(path));
        assert_eq!(items.len(), if n < 3 { 50 } else { 20 }, "{path}");
        for item in items {
            *reached.entry(item).or_default() += 1;
        }
        // Its own title, and the same heading.
        let title = texts(page, "head title").concat();
        assert!(title.starts_with(&format!("Serviços – página {n} de 3 |")), "{title}");
        assert!(titles.insert(title));
        assert_eq!(texts(page, "main h1"), vec!["Serviços"]);
        // One labelled navigation, the current page marked, previous and next with words.
        let navs = page.select(&sel("main nav[aria-label='Paginação']")).count();
        assert_eq!(navs, 1, "{path}");
        let current: Vec<String> = texts(page, "nav[aria-label='Paginação'] a[aria-current='page']");
        assert_eq!(current.iter().map(|t| normalise(t)).collect::<Vec<_>>(), vec![format!("Página {n}")], "{path}");
        let prev = texts(page, "nav[aria-label='Paginação'] a[rel='prev']").concat();
        let next = texts(page, "nav[aria-label='Paginação'] a[rel='next']").concat();
        assert_eq!(prev.starts_with("Anterior"), n > 1, "{path}: {prev}");
        assert_eq!(next.starts_with("Próxima"), n < 3, "{path}: {next}");
        // The same in the head.
        assert_eq!(attrs(page, "head link[rel='next']", "href").len(), usize::from(n < 3));
        assert_eq!(attrs(page, "head link[rel='prev']", "href").len(), usize::from(n > 1));
        // The section's text opens its first page only.
        assert_eq!(page.select(&sel("main .texto")).count(), usize::from(n == 1), "{path}");
    }
    let expected: BTreeSet<String> = (1..=PAGES).map(|i| format!("servicos/servico-{i:03}/")).collect();
    assert_eq!(reached.keys().cloned().collect::<BTreeSet<_>>(), expected);
    assert!(reached.values().all(|&n| n == 1), "each item on exactly one page");
    // In order: the first page starts with the first item, the last ends with the last.
    assert_eq!(listed(&pages[0].1, "lista-paginas", 1).first().map(String::as_str), Some("servicos/servico-001/"));
    assert_eq!(listed(&pages[2].1, "lista-paginas", 3).last().map(String::as_str), Some("servicos/servico-120/"));
    // The later pages' navigation leads back to the first at the listing's own address.
    let first = attrs(&pages[2].1, "nav[aria-label='Paginação'] a", "href");
    assert!(first.contains(&"../../../servicos/".to_string()), "{first:?}");
}

#[test]
fn notices_are_paginated_upcoming_first_and_each_once() {
    let site = long_site();
    let pages = listing_pages(&site, "avisos/", 2);
    assert!(!site.output().join("avisos/pagina/3/index.html").exists());
    let (one, two) = (&pages[0].1, &pages[1].1);
    assert_eq!(texts(one, "main h2").iter().filter(|h| *h == "Próximos" || *h == "Anteriores").count(), 2);
    // The second page shows past notices only: no "Próximos" heading.
    assert!(!texts(two, "main h2").contains(&"Próximos".to_string()));
    let mut all = Vec::new();
    for (path, page) in &pages {
        all.extend(listed(page, "lista-avisos", depth(path)));
    }
    assert_eq!(all.len(), UPCOMING + PAST);
    assert_eq!(all.iter().collect::<BTreeSet<_>>().len(), all.len(), "each notice once");
    assert!(all[..UPCOMING].iter().all(|u| u.contains("proxima")), "{all:?}");
    // The feed keeps every notice, whatever the pages.
    let feed = std::fs::read_to_string(site.output().join("avisos/atom.xml")).unwrap();
    let feed = roxmltree::Document::parse(&feed).unwrap();
    assert_eq!(feed.descendants().filter(|n| n.has_tag_name("entry")).count(), UPCOMING + PAST);
}

#[test]
fn a_listing_of_one_page_has_no_pagination() {
    let site = long_site();
    for path in ["legislacao/", "unidades/", "estrutura/"] {
        let page = site.page(path);
        assert_eq!(page.select(&sel("nav[aria-label='Paginação']")).count(), 0, "{path}");
        assert_eq!(page.select(&sel("head link[rel='next']")).count(), 0, "{path}");
        assert!(!texts(&page, "head title").concat().contains("página"), "{path}");
        assert!(!site.output().join(path).join("pagina").exists(), "{path}");
    }
}

#[test]
fn the_site_map_links_long_listings_and_the_sitemap_lists_every_page_once() {
    let site = long_site();
    let map = site.page("mapa-do-site/");
    let links = attrs(&map, "main a", "href");
    assert!(links.iter().all(|l| !l.contains("servico-")), "no link to each of the 120 pages");
    assert!(links.contains(&"../servicos/".to_string()), "{links:?}");
    let entry = map
        .select(&sel("main ul.mapa > li"))
        .map(|li| normalise(&li.text().collect::<String>()))
        .find(|t| t.starts_with("Serviços"))
        .unwrap_or_default();
    assert!(entry.contains("120 itens, listados em 3 páginas"), "{entry}");
    // The short listings are still listed item by item.
    assert!(links.iter().any(|l| l.starts_with("../estrutura/") && l.len() > "../estrutura/".len()), "{links:?}");

    let xml = std::fs::read_to_string(site.output().join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "urlset");
    let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
    assert_eq!(locs.iter().collect::<BTreeSet<_>>().len(), locs.len(), "each address once");
    let base = "https://social.perdizes.mg.gov.br/";
    let pages: BTreeSet<String> = site
        .html_files()
        .into_iter()
        .filter(|f| f != "404.html")
        .map(|f| format!("{base}{}", f.trim_end_matches("index.html")))
        .collect();
    assert_eq!(locs.iter().map(|l| l.to_string()).collect::<BTreeSet<_>>(), pages);
    for later in ["servicos/pagina/2/", "servicos/pagina/3/", "avisos/pagina/2/"] {
        assert!(locs.contains(&format!("{base}{later}").as_str()), "{later}");
    }
    let robots = std::fs::read_to_string(site.output().join("robots.txt")).unwrap();
    assert!(robots.lines().any(|l| l == format!("Sitemap: {base}sitemap.xml")), "{robots}");
}

/// `itens_por_pagina` applies to every paginated kind: units, laws and programmes too.
#[test]
fn the_page_size_comes_from_site_yaml() {
    let site = TestSite::fixture("serra-azul");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}itens_por_pagina: 1\n"));
    if let Err(failure) = site.build() {
        panic!("{}", render(failure));
    }
    let units = std::fs::read_dir(site.root().join("content/unidades")).unwrap().count();
    assert!(units >= 2, "{units}");
    let last = site.page(&format!("unidades/pagina/{units}/"));
    assert_eq!(last.select(&sel("main section.unidade")).count(), 1);
    let title = texts(&last, "head title").concat();
    assert!(title.starts_with(&format!("Unidades e contatos – página {units} de {units}")), "{title}");
    assert!(!site.output().join(format!("unidades/pagina/{}/index.html", units + 1)).exists());
}

/// Content may not take the address of a later page of a listing, even before the listing
/// grows that long: a located error.
#[test]
fn a_page_at_a_later_page_address_is_an_error() {
    let site = TestSite::fixture("perdizes");
    site.write("content/servicos/_index.md", "---\ntitulo: Serviços\n---\n");
    site.write("content/servicos/pagina/2.md", "---\ntitulo: Dois\n---\nTexto.\n");
    let Err(failure) = site.build() else { panic!("built") };
    let text = render(failure);
    assert!(text.contains("servicos/pagina/2/") && text.contains("páginas seguintes de uma lista"), "{text}");
    assert!(text.contains("content/servicos/pagina/2.md"), "{text}");
}
