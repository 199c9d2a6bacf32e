//! The machine-readable outputs of a site (issue 10 §4), each read back by a real parser:
//! sitemap.xml and robots.txt, the Atom feed, the agenda of every event (iCalendar),
//! SHA256SUMS recomputed file by file (and checked by `sha256sum -c` when the machine has it);
//! and what a site without `base_url` publishes instead.

use crate::support::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// serra-azul (base_url, units, notices with a series, a structure) with the normative text of
/// perdizes and a folder of pages: every kind of content, every output.
pub fn rich() -> TestSite {
    let site = TestSite::fixture("serra-azul");
    let law = std::fs::read_to_string(fixtures().join("perdizes/content/legislacao/competencias.md")).unwrap();
    site.write("content/legislacao/competencias.md", &law);
    site.write("content/paginas/_index.md", "---\ntitulo: Páginas\n---\nTextos.\n");
    site.write("content/paginas/um.md", "---\ntitulo: Um & outro <texto>\n---\nPrimeiro texto.\n");
    site
}

/// Every file of an output folder, by path relative to it, with its bytes.
pub fn files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn xml(site: &TestSite, file: &str) -> String {
    std::fs::read_to_string(site.output().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// Every page (every HTML file but the 404 page) is in the sitemap once, at its absolute
/// address, with the date its footer shows as `lastmod`; robots.txt names the sitemap.
#[test]
fn the_sitemap_lists_every_page_with_the_date_it_shows() {
    let site = rich();
    site.build().map_err(render).unwrap();
    let base = "https://social.serraazul.sc.gov.br/";
    let text = xml(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert_eq!((root.tag_name().namespace(), root.tag_name().name()), (Some(SITEMAP_NS), "urlset"));
    let mut listed = BTreeMap::new();
    for url in root.children().filter(|n| n.is_element()) {
        assert_eq!(url.tag_name().name(), "url");
        let child = |name: &str| url.children().find(|n| n.has_tag_name((SITEMAP_NS, name))).and_then(|n| n.text());
        let loc = child("loc").unwrap().to_string();
        assert!(loc.starts_with(base), "{loc}");
        assert!(listed.insert(loc.clone(), child("lastmod").map(str::to_string)).is_none(), "{loc} twice");
    }
    let pages: Vec<String> = site.html_files().into_iter().filter(|f| f != "404.html").collect();
    assert_eq!(listed.len(), pages.len(), "{listed:#?}");
    for file in &pages {
        let path = file.trim_end_matches("index.html");
        let lastmod = listed.get(&format!("{base}{path}")).unwrap_or_else(|| panic!("{path} is not in the sitemap"));
        let shown = attrs(&site.page(path), "footer .atualizacao time", "datetime");
        assert_eq!(lastmod.iter().cloned().collect::<Vec<_>>(), shown, "{path}");
    }
    // The pages of content have a date; the page of the accessibility text has none.
    assert!(listed[&format!("{base}unidades/cras/")].is_some());
    assert_eq!(listed[&format!("{base}acessibilidade/")], None);
    let robots = xml(&site, "robots.txt");
    let lines: Vec<&str> = robots.lines().collect();
    assert!(lines.contains(&"User-agent: *"), "{robots}");
    assert!(lines.contains(&format!("Sitemap: {base}sitemap.xml").as_str()), "{robots}");
}

/// The Atom feed, read as XML: RFC 4287's required elements, one entry per notice with an
/// absolute id, an RFC 3339 date and HTML content; every page links to it from its head.
#[test]
fn the_atom_feed_has_every_notice_and_every_page_links_to_it() {
    let site = rich();
    site.build().map_err(render).unwrap();
    let text = xml(&site, "avisos/atom.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let feed = doc.root_element();
    assert_eq!((feed.tag_name().namespace(), feed.tag_name().name()), (Some(ATOM_NS), "feed"));
    let children = |node: roxmltree::Node<'_, '_>, name: &str| -> Vec<String> {
        node.children()
            .filter(|n| n.has_tag_name((ATOM_NS, name)))
            .map(|n| n.text().unwrap_or("").to_string())
            .collect()
    };
    for required in ["id", "title", "updated"] {
        assert_eq!(children(feed, required).len(), 1, "feed/{required}");
    }
    let rfc3339 = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"));
    rfc3339(&children(feed, "updated")[0]);
    fn link<'a, 'i>(node: roxmltree::Node<'a, 'i>, rel: &str) -> Option<roxmltree::Node<'a, 'i>> {
        node.children().find(|n| n.has_tag_name((ATOM_NS, "link")) && n.attribute("rel") == Some(rel))
    }
    assert_eq!(
        link(feed, "self").and_then(|l| l.attribute("href")),
        Some("https://social.serraazul.sc.gov.br/avisos/atom.xml")
    );
    // A feed whose entries have no author needs one of its own.
    assert!(feed.children().any(|n| n.has_tag_name((ATOM_NS, "author"))));
    let entries: Vec<_> = feed.children().filter(|n| n.has_tag_name((ATOM_NS, "entry"))).collect();
    let notices = std::fs::read_dir(site.root().join("content/avisos")).unwrap().count();
    assert_eq!(entries.len(), notices);
    let mut ids = BTreeSet::new();
    for entry in &entries {
        let id = children(*entry, "id").pop().unwrap();
        assert!(url::Url::parse(&id).is_ok() && ids.insert(id.clone()), "{id}");
        assert_eq!(children(*entry, "title").len(), 1);
        rfc3339(&children(*entry, "updated")[0]);
        assert_eq!(link(*entry, "alternate").and_then(|l| l.attribute("href")), Some(id.as_str()));
        let content = entry.children().find(|n| n.has_tag_name((ATOM_NS, "content"))).unwrap();
        assert_eq!(content.attribute("type"), Some("html"));
        let html = scraper::Html::parse_fragment(content.text().unwrap());
        assert!(texts(&html, "p strong").contains(&"Quando:".to_string()), "{id}");
    }
    for file in site.html_files() {
        let page = site.page(&file);
        let hrefs = attrs(&page, "head link[rel=alternate][type='application/atom+xml']", "href");
        assert_eq!(hrefs.len(), 1, "{file}");
        let resolved = url::Url::parse("https://x.example/").unwrap().join(&file).unwrap().join(&hrefs[0]).unwrap();
        assert_eq!(resolved.path(), "/avisos/atom.xml", "{file}");
    }
}

fn events(path: &Path) -> Vec<ical::parser::ical::component::IcalEvent> {
    let reader = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let calendars: Vec<_> = ical::IcalParser::new(reader).collect::<Result<Vec<_>, _>>().unwrap();
    assert_eq!(calendars.len(), 1, "{}", path.display());
    calendars.into_iter().flat_map(|c| c.events).collect()
}

fn property(event: &ical::parser::ical::component::IcalEvent, name: &str) -> Vec<String> {
    event.properties.iter().filter(|p| p.name == name).filter_map(|p| p.value.clone()).collect()
}

/// `avisos/agenda.ics` is every event's own calendar at once: the same events (a series, one
/// per date), each with one UID, DTSTAMP and DTSTART, lines of at most 75 octets in CRLF.
#[test]
fn the_agenda_holds_every_event_of_every_notice() {
    let site = rich();
    site.build().map_err(render).unwrap();
    let agenda = site.output().join("avisos/agenda.ics");
    let raw = std::fs::read_to_string(&agenda).unwrap();
    assert!(raw.starts_with("BEGIN:VCALENDAR\r\n") && raw.ends_with("END:VCALENDAR\r\n"));
    assert!(raw.split("\r\n").all(|l| l.len() <= 75 && !l.contains('\n')), "line too long or bare LF");
    let all = events(&agenda);
    let mut own = Vec::new();
    for entry in walkdir::WalkDir::new(site.output().join("avisos")).into_iter().filter_map(Result::ok) {
        if entry.file_name() == "evento.ics" {
            own.extend(events(entry.path()));
        }
    }
    assert!(all.len() >= 3 && all.len() == own.len(), "{} in the agenda, {} in the notices", all.len(), own.len());
    let uids = |list: &[ical::parser::ical::component::IcalEvent]| -> BTreeSet<String> {
        list.iter().map(|e| property(e, "UID").pop().unwrap()).collect()
    };
    assert_eq!(uids(&all), uids(&own));
    assert_eq!(uids(&all).len(), all.len(), "UIDs are unique");
    for event in &all {
        for name in ["UID", "DTSTAMP", "DTSTART", "SUMMARY"] {
            assert_eq!(property(event, name).len(), 1, "{name} in {:?}", property(event, "UID"));
        }
    }
    // The notices page offers it, and the feed.
    let links = attrs(&site.page("avisos/"), "main a", "href");
    for file in ["avisos/agenda.ics", "avisos/atom.xml"] {
        assert!(links.iter().any(|l| l.ends_with(file)), "{file}: {links:?}");
    }
}

/// Parses `SHA256SUMS` as `sha256sum -c` does: `HEX  PATH` per line.
fn manifest(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(|line| {
            let (digest, path) = line.split_once("  ").unwrap_or_else(|| panic!("{line:?}"));
            assert!(digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
            (digest.to_string(), path.to_string())
        })
        .collect()
}

/// SHA256SUMS names every published file but itself and the output marker, once, sorted,
/// with the SHA-256 of its bytes, recomputed here; `sha256sum -c` agrees when present.
#[test]
fn sha256sums_covers_every_file_and_sha256sum_agrees() {
    let site = rich();
    site.write("static/documentos/relatório anual.txt", "um relatório\n");
    site.build().map_err(render).unwrap();
    let out = site.output();
    let published = files(&out);
    let listed = manifest(&String::from_utf8(published["SHA256SUMS"].clone()).unwrap());
    let paths: Vec<&String> = listed.iter().map(|(_, p)| p).collect();
    let mut sorted = paths.clone();
    sorted.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    assert_eq!(paths, sorted, "sorted by path");
    let expected: Vec<&String> = published.keys().filter(|f| *f != "SHA256SUMS" && *f != ".secretaria").collect();
    assert_eq!(paths.iter().copied().collect::<BTreeSet<_>>(), expected.iter().copied().collect::<BTreeSet<_>>());
    assert_eq!(paths.len(), expected.len());
    use sha2::Digest as _;
    for (digest, path) in &listed {
        let actual: String = sha2::Sha256::digest(&published[path]).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(&actual, digest, "{path}");
    }
    for needed in ["sitemap.xml", "robots.txt", "avisos/atom.xml", "avisos/agenda.ics", "dados/unidades.csv"] {
        assert!(paths.iter().any(|p| *p == needed), "{needed}");
    }
    if let Ok(output) =
        std::process::Command::new("sha256sum").args(["-c", "--strict", "SHA256SUMS"]).current_dir(&out).output()
    {
        let report = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{report}{}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(report.lines().filter(|l| l.ends_with(": OK")).count(), listed.len(), "{report}");
    }
    // The page that explains it is there, and links to it.
    let integrity = site.page("integridade/");
    assert!(attrs(&integrity, "main a", "href").contains(&"../SHA256SUMS".to_string()));
    let commands = texts(&integrity, "main pre code").join("\n");
    for command in ["Get-FileHash", "shasum -a 256", "sha256sum"] {
        assert!(commands.contains(command), "{commands}");
    }
}

/// Without `base_url`: no sitemap and no feed (they need absolute addresses), robots.txt
/// without a `Sitemap:` line, no feed link in the pages, one warning that says so; the
/// agenda, the open data and SHA256SUMS are still published.
#[test]
fn without_base_url_the_absolute_outputs_are_left_out_with_a_warning() {
    let site = TestSite::fixture("alvares-florence");
    let summary = site.build().map_err(render).unwrap();
    let warning = summary.warnings.iter().find(|w| w.message.contains("sem `base_url`")).expect("the warning");
    assert_eq!(warning.file.as_deref(), Some(Path::new("site.yaml")));
    let out = site.output();
    assert!(!out.join("sitemap.xml").exists() && !out.join("avisos/atom.xml").exists());
    let robots = xml(&site, "robots.txt");
    assert!(!robots.contains("Sitemap:"), "{robots}");
    for file in ["avisos/agenda.ics", "dados/avisos.json", "dados/index.html", "SHA256SUMS"] {
        assert!(out.join(file).is_file(), "{file}");
    }
    let home = site.page("");
    assert!(attrs(&home, "link[rel=alternate]", "href").is_empty());
    // Data files keep the addresses relative to the site, and leave the absolute ones out.
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("dados/avisos.json")).unwrap()).unwrap();
    let first = &data["registros"][0];
    assert!(first["caminho"].as_str().is_some_and(|p| p.starts_with("avisos/")), "{first}");
    assert!(first.get("url").is_none(), "{first}");
}
