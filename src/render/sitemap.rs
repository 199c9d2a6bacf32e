//! `sitemap.xml` (sitemaps.org protocol 0.9) and `robots.txt`. The sitemap lists every page a
//! reader can land on — the render plan's HTML routes but the 404 page — with its absolute
//! address (from `base_url`) and `lastmod`, the page's own date of update (the one its footer
//! shows, see [`super::updated`]; left out when unknown). Past [`MAX_URLS`] pages (a fifth of
//! the protocol's limit), `sitemap.xml` becomes a sitemap index of `sitemap-1.xml`, `sitemap-2.xml`…
//! Written with quick-xml, which escapes text and attributes.

use super::routes::{Route, SiteFile};
use super::updated::Newest;
use crate::model::datetime::Date;
use crate::model::Site;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::io;

/// The most addresses one sitemap file holds. The protocol allows 50,000 (and 50 MB); at
/// about 165 bytes an address, 10,000 keep each file near 1.6 MB, which a crawler on a slow link,
/// a validator or an editor opening it handles at once, while a site of 100,000 pages is still
/// an index of ten parts. A site below it (nearly every secretariat's) keeps one plain file.
pub(crate) const MAX_URLS: usize = 10_000;

const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// How many part files a site of `pages` pages needs: none while one file holds them all.
pub(crate) fn parts(pages: usize) -> usize {
    parts_of(pages, MAX_URLS)
}

fn parts_of(pages: usize, limit: usize) -> usize {
    if pages > limit {
        pages.div_ceil(limit.max(1))
    } else {
        0
    }
}

/// The absolute address of a site path, percent-encoded as a URL must be (`None` without
/// `base_url`).
pub(crate) fn absolute(site: &Site, path: &str) -> Option<String> {
    Base::of(site)?.join(path)
}

/// `base_url` parsed once, to make the absolute address of every page of a sitemap (parsing
/// it again for each of 10,000 pages was most of the sitemap's cost).
struct Base(url::Url);

impl Base {
    fn of(site: &Site) -> Option<Base> {
        url::Url::parse(site.config.base_url.as_deref()?).ok().map(Base)
    }

    /// [`url::Url::join`]: the base's text and `path` put together when `path` is what a
    /// resolution leaves as it is (unreserved characters and `/`, no `.` or `..` segment, not
    /// starting with `/`, on a base whose path ends in `/` and that has no query or fragment),
    /// resolved by the parser otherwise.
    fn join(&self, path: &str) -> Option<String> {
        let plain = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~' | b'/');
        let base = &self.0;
        let simple = path.bytes().all(plain)
            && !path.starts_with('/')
            && !path.split('/').any(|segment| segment == "." || segment == "..")
            && base.path().ends_with('/')
            && base.query().is_none()
            && base.fragment().is_none()
            && !base.cannot_be_a_base();
        if simple {
            return Some(format!("{}{path}", base.as_str()));
        }
        base.join(path).ok().map(String::from)
    }
}

/// Text as XML 1.0 may hold it: without the control characters it forbids.
pub(crate) fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}'))
        .collect()
}

/// Every page the sitemap lists: its absolute address and date, in the plan's order.
pub(crate) type Entries = Vec<(String, Option<Date>)>;

/// The entries of a site's sitemap, from its plan: taken once for the index and all its parts
/// (see `Renderer::sitemap`), so that a site of N pages costs O(N), not O(N) per part.
///
/// The ordinary pages are listed by their index in the model, as [`super::routes::plan`]
/// places them: the dev loop's plan, whose page routes keep their places when a new title
/// reorders the pages (each route pointed at its page's new index), lists them as a new plan
/// would, without planning the site again.
pub(crate) fn entries(site: &Site, plan: &[Route], newest: &Newest<'_>) -> Entries {
    let Some(base) = Base::of(site) else { return Entries::new() };
    let mut pages: Vec<&Route> = plan.iter().filter(|r| r.is_page()).collect();
    let index = |r: &Route| match r.kind {
        super::routes::RouteKind::Item(crate::kinds::Kind::Page, i) => Some(i),
        _ => None,
    };
    let slots: Vec<usize> = pages.iter().enumerate().filter(|(_, r)| index(r).is_some()).map(|(at, _)| at).collect();
    let mut ordered: Vec<&Route> = slots.iter().filter_map(|&at| pages.get(at).copied()).collect();
    if !ordered.is_sorted_by_key(|r| index(r)) {
        ordered.sort_by_key(|r| index(r));
        for (&at, route) in slots.iter().zip(ordered) {
            if let Some(slot) = pages.get_mut(at) {
                *slot = route;
            }
        }
    }
    pages.into_iter().filter_map(|r| Some((base.join(&r.path)?, newest.route(r)))).collect()
}

/// `sitemap.xml` or one of its parts, from the site's [`entries`].
pub(crate) fn render(site: &Site, which: SiteFile, pages: &[(String, Option<Date>)]) -> io::Result<Vec<u8>> {
    render_with(site, which, pages, MAX_URLS)
}

fn render_with(site: &Site, which: SiteFile, pages: &[(String, Option<Date>)], limit: usize) -> io::Result<Vec<u8>> {
    let parts = parts_of(pages.len(), limit);
    match which {
        SiteFile::Sitemap if parts > 0 => {
            let index: Vec<(String, Option<Date>)> = pages
                .chunks(limit.max(1))
                .enumerate()
                .filter_map(|(i, chunk)| {
                    let url = absolute(site, &SiteFile::SitemapPart(i + 1).path())?;
                    Some((url, chunk.iter().filter_map(|(_, d)| *d).max()))
                })
                .collect();
            write("sitemapindex", "sitemap", &index)
        }
        SiteFile::SitemapPart(n) => {
            let chunk = pages.chunks(limit.max(1)).nth(n.saturating_sub(1)).unwrap_or_default();
            write("urlset", "url", chunk)
        }
        _ => write("urlset", "url", pages),
    }
}

/// `<root xmlns=…><entry><loc>…</loc><lastmod>…</lastmod></entry>…</root>`.
fn write(root: &str, entry: &str, items: &[(String, Option<Date>)]) -> io::Result<Vec<u8>> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer.create_element(root).with_attribute(("xmlns", NAMESPACE)).write_inner_content(|w| {
        for (loc, lastmod) in items {
            w.create_element(entry).write_inner_content(|w| {
                w.create_element("loc").write_text_content(BytesText::new(loc))?;
                if let Some(date) = lastmod {
                    w.create_element("lastmod").write_text_content(BytesText::new(&date.iso_date()))?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// `robots.txt`: everything may be crawled; the sitemap's address when there is one.
pub(crate) fn robots(site: &Site) -> Vec<u8> {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    let sitemap = (!site.config.skip.sitemap).then(|| absolute(site, &SiteFile::Sitemap.path())).flatten();
    if let Some(url) = sitemap {
        let under_path = url::Url::parse(&url).is_ok_and(|u| u.path() != "/sitemap.xml");
        if under_path {
            // Crawlers read robots.txt only at the root of the host.
            text.push_str(
                "\n# Este site está num subcaminho: buscadores só leem o robots.txt da raiz do domínio.\n\
                 # Peça a quem cuida do domínio para incluir lá a linha abaixo.\n",
            );
        } else {
            text.push('\n');
        }
        text.push_str(&format!("Sitemap: {url}\n"));
    }
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_only_past_the_limit() {
        assert_eq!(parts_of(0, 3), 0);
        assert_eq!(parts_of(3, 3), 0);
        assert_eq!(parts_of(4, 3), 2);
        assert_eq!(parts_of(7, 3), 3);
        assert_eq!(parts(MAX_URLS), 0);
        assert_eq!(parts(MAX_URLS + 1), 2);
    }

    /// The base's text and the path put together only where the URL parser would give the
    /// same address: every path and base below, against `Url::join` itself.
    #[test]
    fn joining_without_the_parser_gives_the_parsers_address() {
        let bases = [
            "https://social.serraazul.sc.gov.br/",
            "https://www.municipio.uf.gov.br/social/",
            "HTTPS://WWW.Municipio.UF.gov.br:443/Social/",
            "https://xn--municpio-s2a.uf.gov.br/assistência/",
            "https://www.municipio.uf.gov.br/social",
            "https://www.municipio.uf.gov.br/social/?a=1",
            "https://www.municipio.uf.gov.br/social/#topo",
            "http://127.0.0.1:8080/",
        ];
        let paths = [
            "",
            "paginas/um/",
            "sitemap-1.xml",
            "busca/",
            "a-b_c.d~e/",
            "a//b/",
            "./a/",
            "a/./b/",
            "a/../b/",
            "../a/",
            "..",
            ".",
            "a/..",
            ".../a/",
            ".a/",
            "/raiz/",
            "//outro.host/x",
            "assistência/",
            "a b/",
            "a%20b/",
            "a%2e%2e/b/",
            "a?b",
            "a#b",
            "a\\b",
            "https://outro.gov.br/",
            "mailto:x@y",
            "a:b/",
        ];
        for base in bases {
            let url = url::Url::parse(base).unwrap_or_else(|e| panic!("{base}: {e}"));
            let parsed = Base(url.clone());
            for path in paths {
                let expected = url.join(path).ok().map(String::from);
                assert_eq!(parsed.join(path), expected, "{base} + {path:?}");
            }
        }
    }

    #[test]
    fn control_characters_are_not_xml() {
        assert_eq!(xml_text("a\u{7}b\tc\u{fffe}"), "ab\tc");
    }

    /// A large site's index names every part, and the parts hold every page once, in order.
    #[test]
    fn an_index_and_parts_cover_every_page_once() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serra-azul");
        let options = crate::pipeline::BuildOptions { root, ..Default::default() };
        let site = crate::pipeline::load(&options).unwrap_or_else(|_| panic!("serra-azul loads")).site;
        let entries = entries(&site, &crate::render::routes::plan(&site), &Newest::of(&site));
        let render_with = |which, limit| render_with(&site, which, &entries, limit);
        let all = String::from_utf8(render_with(SiteFile::Sitemap, MAX_URLS).unwrap_or_default()).unwrap_or_default();
        let locs = |xml: &str| -> Vec<String> {
            let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}"));
            doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text().map(str::to_string)).collect()
        };
        let pages = locs(&all);
        assert!(pages.len() > 10, "{pages:?}");
        let limit = 4;
        let index = String::from_utf8(render_with(SiteFile::Sitemap, limit).unwrap_or_default()).unwrap_or_default();
        let doc = roxmltree::Document::parse(&index).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
        let parts = locs(&index);
        assert_eq!(parts.len(), pages.len().div_ceil(limit));
        let mut joined = Vec::new();
        for n in 1..=parts.len() {
            assert!(parts[n - 1].ends_with(&format!("/sitemap-{n}.xml")), "{parts:?}");
            let part = render_with(SiteFile::SitemapPart(n), limit).unwrap_or_default();
            let part = locs(&String::from_utf8(part).unwrap_or_default());
            assert!(part.len() <= limit);
            joined.extend(part);
        }
        assert_eq!(joined, pages);
    }
}
