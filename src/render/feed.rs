//! `avisos/atom.xml`: the notices as an Atom 1.0 feed (RFC 4287), linked from every page's
//! `<head>`. Atom needs absolute IRIs for ids and links, so the feed exists only with
//! `base_url`. Each entry is one notice: its address as id and link, its kind as category,
//! its summary, and its text as HTML (rendered as on its page, resolved against the page's
//! address through `xml:base`), with when and where it happens first.
//!
//! `updated` is the notice's date of update (the one its page shows). Atom requires a full
//! date and time there, and a date of update is a day: it is written as the start of that day
//! in the municipality's time zone (`2026-03-10T00:00:00-03:00`), the earliest instant the day
//! stands for; the feed claims nothing finer. The feed's own `updated` is the newest of its
//! entries and of `site.yaml` (whose title and names it shows).

use super::sitemap::{absolute, xml_text};
use super::view::Md;
use crate::escape::escape;
use crate::kinds::Kind;
use crate::markdown::MarkdownOptions;
use crate::model::datetime::{Date, DateTime};
use crate::model::slug::root_prefix;
use crate::model::{Notice, Site};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::io;

const NAMESPACE: &str = "http://www.w3.org/2005/Atom";

/// RFC 3339 for the start of `date` in the municipality (`now` when no date is known).
fn instant(site: &Site, date: Option<Date>) -> String {
    let at = date.and_then(|d| DateTime::at(d, 0, 0)).unwrap_or(site.today);
    let text = super::instant::iso(at, site.config.time_zone);
    // A local midnight that did not exist (a past summer-time change) has no offset: UTC.
    if text.len() == 19 {
        format!("{text}Z")
    } else {
        text
    }
}

/// The HTML of an entry: when and where, then the notice's text.
fn content(site: &Site, notice: &Notice) -> String {
    // Links written to Markdown sources resolve from the notice's own folder, as on its page.
    let source_dir = notice
        .origin
        .file
        .parent()
        .map(|dir| dir.strip_prefix("content").unwrap_or(dir).to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let md = Md {
        options: MarkdownOptions {
            root: &root_prefix(&notice.origin.path),
            source_dir: &source_dir,
            allow_html: site.config.allow_html,
            top_heading: 2,
            glossary: None,
        },
        fragments: None,
        texts: None,
    };
    let view = super::view::notice(site, notice, md);
    let mut html = format!("<p><strong>Quando:</strong> {}</p>", escape(&view.when));
    let place = [view.place.as_deref(), view.address.as_deref(), view.unit.as_ref().map(|u| u.title.as_str())];
    let place: Vec<&str> = place.into_iter().flatten().collect();
    if !place.is_empty() {
        html.push_str(&format!("<p><strong>Onde:</strong> {}</p>", escape(&place.join(" – "))));
    }
    html.push_str(&view.body_html);
    html
}

/// The notices, most recently updated first (then the latest start, then the address).
fn entries(site: &Site) -> Vec<&Notice> {
    let mut notices: Vec<&Notice> = site.notices.iter().collect();
    notices
        .sort_by(|a, b| (b.origin.updated, b.start, &a.origin.path).cmp(&(a.origin.updated, a.start, &b.origin.path)));
    notices
}

/// `avisos/atom.xml`; `None` without `base_url` (the plan does not ask for it then).
pub(crate) fn atom(site: &Site) -> io::Result<Option<Vec<u8>>> {
    let listing = Kind::Notice.spec().listing.map_or("avisos/", |l| l.url);
    let (Some(home), Some(feed_id), Some(self_url)) =
        (absolute(site, ""), absolute(site, listing), absolute(site, &format!("{listing}atom.xml")))
    else {
        return Ok(None);
    };
    let notices = entries(site);
    let newest = notices.iter().filter_map(|n| n.origin.updated).chain(site.config_updated).max();
    let author = site.secretariat.as_ref().map_or(site.config.title.as_str(), |s| s.name.as_str());
    let title = format!("Avisos e eventos – {}", site.config.title);
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element("feed")
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("xml:lang", site.config.language.as_str()))
        .write_inner_content(|w| {
            let text = |w: &mut Writer<Vec<u8>>, name: &str, value: &str| -> io::Result<()> {
                w.create_element(name).write_text_content(BytesText::new(&xml_text(value)))?;
                Ok(())
            };
            text(w, "id", &feed_id)?;
            text(w, "title", &title)?;
            text(w, "updated", &instant(site, newest))?;
            w.create_element("link")
                .with_attributes([("rel", "self"), ("type", "application/atom+xml"), ("href", self_url.as_str())])
                .write_empty()?;
            w.create_element("link")
                .with_attributes([("rel", "alternate"), ("type", "text/html"), ("href", feed_id.as_str())])
                .write_empty()?;
            w.create_element("author").write_inner_content(|w| {
                text(w, "name", author)?;
                text(w, "uri", &home)
            })?;
            for notice in &notices {
                let Some(url) = absolute(site, &notice.origin.path) else { continue };
                w.create_element("entry").write_inner_content(|w| {
                    text(w, "id", &url)?;
                    text(w, "title", &notice.title)?;
                    w.create_element("link")
                        .with_attributes([("rel", "alternate"), ("type", "text/html"), ("href", url.as_str())])
                        .write_empty()?;
                    text(w, "updated", &instant(site, notice.origin.updated))?;
                    let kind = crate::model::NoticeKind::NAMES
                        .iter()
                        .find(|k| crate::model::NoticeKind::parse(k) == Some(notice.kind))
                        .copied()
                        .unwrap_or("aviso");
                    w.create_element("category")
                        .with_attributes([("term", kind), ("label", notice.kind.label())])
                        .write_empty()?;
                    if let Some(summary) = &notice.description {
                        text(w, "summary", summary)?;
                    }
                    w.create_element("content")
                        .with_attributes([("type", "html"), ("xml:base", url.as_str())])
                        .write_text_content(BytesText::new(&xml_text(&content(site, notice))))?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    Ok(Some(bytes))
}
