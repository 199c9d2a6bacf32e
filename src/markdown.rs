//! Markdown → HTML for one body: CommonMark plus tables, footnotes and strikethrough;
//! heading ids; site-absolute links made relative to the page; raw HTML sanitised unless the
//! site allows it. Pure: text in, HTML out.

use crate::model::slug::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// How to render one body.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions<'a> {
    /// Prefix that reaches the site root from the page (`./`, `../../`).
    pub root: &'a str,
    /// Let raw HTML through unsanitised (`permitir_html: true` in site.yaml).
    pub allow_html: bool,
    /// Shift headings so that the body never competes with the page's own `<h1>`; the
    /// body's first level becomes this one.
    pub top_heading: u8,
}

/// Renders Markdown to HTML.
pub fn render(markdown: &str, options: MarkdownOptions<'_>) -> String {
    let flags = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, flags).collect();
    let has_raw_html = events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let min_level = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let shift = options.top_heading.saturating_sub(min_level);

    let mut out_events = Vec::with_capacity(events.len());
    let mut used_ids = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        match events.get(i).cloned() {
            Some(Event::Start(Tag::Heading { level, id, classes, attrs })) => {
                let end = events[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map_or(events.len(), |p| i + p);
                let text: String = events[i + 1..end.min(events.len())]
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let base = id.map(|id| id.to_string()).unwrap_or_else(|| slugify(&text));
                let base = if base.is_empty() { "secao".to_string() } else { base };
                let unique = unique_id(&mut used_ids, base);
                let level = shift_level(level, shift);
                out_events.push(Event::Start(Tag::Heading { level, id: Some(CowStr::from(unique)), classes, attrs }));
                for e in events.get(i + 1..end).unwrap_or_default() {
                    out_events.push(rewrite_link(e.clone(), options.root));
                }
                out_events.push(Event::End(TagEnd::Heading(level)));
                i = end + 1;
            }
            Some(e) => {
                out_events.push(rewrite_link(e, options.root));
                i += 1;
            }
            None => break,
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out_events.into_iter());
    if has_raw_html && !options.allow_html {
        sanitise(&html)
    } else {
        html
    }
}

/// `base`, or `base-2`, `base-3`… when taken. `used` maps each id handed out to the next
/// suffix to try for it, so a page of thousands of headings with the same text stays linear
/// (trying 2, 3, … from the start each time was quadratic: 100 KB of `# Seção` took 5 s).
fn unique_id(used: &mut HashMap<String, usize>, base: String) -> String {
    let Some(&start) = used.get(&base) else {
        used.insert(base.clone(), 2);
        return base;
    };
    let mut n = start;
    loop {
        let candidate = format!("{base}-{n}");
        n += 1;
        if !used.contains_key(&candidate) {
            used.insert(base, n);
            used.insert(candidate.clone(), 2);
            return candidate;
        }
    }
}

fn shift_level(level: HeadingLevel, shift: u8) -> HeadingLevel {
    let n = (level as u8).saturating_add(shift).min(6);
    HeadingLevel::try_from(usize::from(n)).unwrap_or(HeadingLevel::H6)
}

/// `/estrutura/x/` → `../../estrutura/x/` on a page two folders deep.
fn rewrite_link<'a>(event: Event<'a>, root: &str) -> Event<'a> {
    match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type, dest_url: relative(dest_url, root), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Image { link_type, dest_url: relative(dest_url, root), title, id })
        }
        other => other,
    }
}

fn relative<'a>(dest: CowStr<'a>, root: &str) -> CowStr<'a> {
    match dest.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => CowStr::from(format!("{root}{rest}")),
        _ => dest,
    }
}

/// Allow-list sanitising of raw HTML (ammonia), keeping the ids our headings carry.
fn sanitise(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "lang", "title"])
        .add_tags(["details", "summary", "figure", "figcaption"])
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        render(text, MarkdownOptions { root: "../../", allow_html: false, top_heading: 2 })
    }

    #[test]
    fn headings_get_unique_ids_and_are_demoted_below_the_page_title() {
        let html = md("# Proteção básica\n\ntexto\n\n# Proteção básica\n\n## Média");
        assert!(html.contains("<h2 id=\"protecao-basica\">Proteção básica</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"protecao-basica-2\">"), "{html}");
        assert!(html.contains("<h3 id=\"media\">"), "{html}");
    }

    #[test]
    fn site_absolute_links_become_relative() {
        let html = md("[a](/estrutura/x/) [b](https://gov.br/) [c](//cdn/x)");
        assert!(html.contains("href=\"../../estrutura/x/\""), "{html}");
        assert!(html.contains("href=\"https://gov.br/\""), "{html}");
        assert!(html.contains("href=\"//cdn/x\""), "{html}");
    }

    #[test]
    fn raw_html_is_sanitised_by_default() {
        let html = md("oi <script>alert(1)</script> <b onclick=\"x()\">negrito</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<b>negrito</b>"), "{html}");
        let allowed =
            render("<b onclick=\"x()\">n</b>", MarkdownOptions { root: "./", allow_html: true, top_heading: 2 });
        assert!(allowed.contains("onclick"));
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let html = md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ nota[^1]\n\n[^1]: rodapé\n");
        assert!(html.contains("<table>") && html.contains("<del>x</del>") && html.contains("footnote"), "{html}");
    }
}
