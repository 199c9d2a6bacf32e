//! What the checks of the published site need of a Markdown text, gathered from its events
//! with their byte offsets: its links and images (where each starts, its address, its text),
//! and what can be judged without the rendered site (a raw `<img>` without `alt` or loaded
//! from another site, headings that skip a level). A body's look (`super::check::Look`)
//! gathers them in the same pass over the events as its own check, which in `build` and
//! `check` is the pass that renders the body, so a body is parsed once; the site check
//! (`sitecheck::body`) judges the links against the rendered site.

use super::chunks::Plan;
use crate::diagnostics::Code;
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use std::ops::Range;
use std::sync::{Arc, LazyLock};

/// A finding at a byte offset of the text: code, message, hint.
pub(crate) type Finding = (usize, Code, String, String);

/// Link texts that do not say where the link leads (WCAG 2.4.4, e-MAG 3.5): read out of
/// context by a screen reader's list of links, they all sound alike.
const VAGUE: [&str; 16] = [
    "aqui",
    "clique aqui",
    "clique",
    "clicando aqui",
    "saiba mais",
    "leia mais",
    "veja mais",
    "ver mais",
    "mais",
    "acesse",
    "acesse aqui",
    "link",
    "este link",
    "neste link",
    "veja",
    "confira",
];

/// A link's or an image's address: most are written as they are in the text, and kept as
/// where they are in it.
#[derive(Debug, Clone)]
pub(crate) enum Dest {
    /// The bytes of the text between these offsets.
    InText(u32, u32),
    /// An address the text does not hold as such (`<x@y.br>` is `mailto:x@y.br`; escapes).
    Own(Box<str>),
}

impl Dest {
    /// `dest` as the parser gave it: where it lies in `markdown` when it borrows from it.
    fn of(dest: &CowStr<'_>, markdown: &str) -> Dest {
        if let CowStr::Borrowed(text) = dest {
            // Its place in `markdown`, by address (checked against the bytes there).
            let start = (text.as_ptr() as usize).wrapping_sub(markdown.as_ptr() as usize);
            let end = start.wrapping_add(text.len());
            if let (Ok(s), Ok(e), Some(found)) = (u32::try_from(start), u32::try_from(end), markdown.get(start..end)) {
                if found == *text {
                    return Dest::InText(s, e);
                }
            }
        }
        Dest::Own(dest.to_string().into_boxed_str())
    }

    /// The address, read from `markdown` (the text the facts were gathered from).
    pub(crate) fn get<'a>(&'a self, markdown: &'a str) -> &'a str {
        match self {
            Dest::InText(start, end) => markdown.get(*start as usize..*end as usize).unwrap_or_default(),
            Dest::Own(dest) => dest,
        }
    }
}

/// A link or an image of the text. Its text is judged as it is gathered, and only what the
/// judgement found is kept: every body's facts stay in memory until the site check.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// Byte offset where it starts.
    pub start: usize,
    pub dest: Dest,
    pub image: bool,
    /// An image whose alternative text is empty.
    pub no_alt: bool,
    /// A link whose text says nothing of where it leads ([`VAGUE`]): that text, trimmed.
    pub vague: Option<Box<str>>,
}

/// A link or an image being read, with its text so far (nested links' included).
#[derive(Debug)]
struct Open {
    start: usize,
    dest: Dest,
    text: String,
    image: bool,
}

impl Open {
    fn judged(self) -> Link {
        let vague = (!self.image)
            .then(|| self.text.trim().trim_end_matches(['.', ':', '!', '…', ',', ';']).to_lowercase())
            .filter(|text| VAGUE.contains(&text.as_str()))
            .map(|_| self.text.trim().into());
        let no_alt = self.image && self.text.trim().is_empty();
        Link { start: self.start, dest: self.dest, image: self.image, no_alt, vague }
    }
}

/// One thing the site check looks at, in the order the checks once found them.
#[derive(Debug, Clone)]
pub(crate) enum Fact {
    Link(Link),
    Found(Finding),
}

/// The facts of one text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    pub items: Vec<Fact>,
}

/// Gathers [`Facts`] from a text's events, fed one by one.
#[derive(Debug)]
pub(crate) struct Collector<'m> {
    markdown: &'m str,
    open: Vec<Open>,
    headings: Vec<(usize, u8)>,
    items: Vec<Fact>,
}

impl<'m> Collector<'m> {
    /// A collector of the facts of `markdown` (the events fed must be its).
    pub(crate) fn new(markdown: &'m str) -> Self {
        Collector { markdown, open: Vec::new(), headings: Vec::new(), items: Vec::new() }
    }

    pub(crate) fn event(&mut self, event: &Event<'_>, range: &Range<usize>) {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                // `<nome@dominio.br>` is written `mailto:` by the HTML writer, not a path.
                let dest = match link_type {
                    LinkType::Email => Dest::Own(format!("mailto:{dest_url}").into_boxed_str()),
                    _ => Dest::of(dest_url, self.markdown),
                };
                self.open.push(Open { start: range.start, dest, text: String::new(), image: false });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let dest = Dest::of(dest_url, self.markdown);
                self.open.push(Open { start: range.start, dest, text: String::new(), image: true });
            }
            Event::Text(t) | Event::Code(t) => {
                for o in &mut self.open {
                    o.text.push_str(t);
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some(o) = self.open.pop() {
                    if let Some(outer) = self.open.last_mut() {
                        outer.text.push_str(&o.text);
                    }
                    self.items.push(Fact::Link(o.judged()));
                }
            }
            Event::Start(Tag::Heading { level, .. }) => self.headings.push((range.start, *level as u8)),
            Event::Html(html) | Event::InlineHtml(html) => {
                self.items.extend(raw_images(html, range.clone()).into_iter().map(Fact::Found));
            }
            _ => {}
        }
    }

    pub(crate) fn finish(mut self) -> Facts {
        self.items.extend(skipped_levels(&self.headings).into_iter().map(Fact::Found));
        Facts { items: self.items }
    }
}

/// `facts`, to keep in a body: one block (the facts of a text with none, most texts, are one
/// shared block, not one per text).
pub(crate) fn shared(facts: Facts) -> Arc<[Fact]> {
    static NONE: LazyLock<Arc<[Fact]>> = LazyLock::new(|| Arc::from(Vec::new()));
    match facts.items.is_empty() {
        true => Arc::clone(&NONE),
        false => Arc::from(facts.items),
    }
}

/// The facts of `markdown`, read on their own (a text the load did not gather them for).
pub(crate) fn gather(markdown: &str) -> Facts {
    let plan = Plan::new(markdown);
    let mut collector = Collector::new(markdown);
    for (event, range) in plan.events(markdown) {
        collector.event(&event, &range);
    }
    collector.finish()
}

/// An address that makes the reader's browser ask another site.
pub(crate) fn is_third_party(dest: &str) -> bool {
    let lower = dest.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// `<img>` in raw HTML without an `alt` attribute, or loaded from another site.
fn raw_images(html: &str, range: Range<usize>) -> Vec<Finding> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    for (i, _) in lower.match_indices("<img") {
        let tag = &lower[i..lower[i..].find('>').map_or(lower.len(), |e| i + e)];
        let attr = |name: &str| {
            tag.match_indices(name)
                .find(|(j, _)| tag[..*j].ends_with([' ', '\n', '\t']))
                .map(|(j, _)| &tag[j + name.len()..])
        };
        if attr("alt").is_none_or(|rest| !rest.trim_start().starts_with('=')) {
            out.push((
                range.start,
                Code::ImageWithoutAlt,
                "imagem sem texto alternativo (<img> sem alt)".to_string(),
                "acrescente alt=\"descrição da imagem\" na marca <img>, ou use ![descrição](foto.jpg)".to_string(),
            ));
        }
        if let Some(src) = attr("src").and_then(|rest| rest.trim_start().strip_prefix('=')) {
            if is_third_party(src.trim_start().trim_start_matches(['"', '\''])) {
                out.push((
                    range.start,
                    Code::ThirdParty,
                    "imagem carregada de outro site (<img src=…>)".to_string(),
                    "salve a imagem ao lado da página (ou em static/) e use o nome do arquivo: o site não carrega nada de terceiros".to_string(),
                ));
            }
        }
    }
    out
}

/// Headings that go down more than one level at a time (`##` then `####`). The first heading
/// is the body's top level (the page shifts it below its own title), so only jumps count.
fn skipped_levels(headings: &[(usize, u8)]) -> Vec<Finding> {
    let Some(top) = headings.iter().map(|h| h.1).min() else { return Vec::new() };
    let mut previous = top.saturating_sub(1);
    let mut out = Vec::new();
    for &(offset, level) in headings {
        if level > previous + 1 {
            out.push((
                offset,
                Code::HeadingSkip,
                format!("título pula de nível: {} depois de {}", "#".repeat(level.into()), "#".repeat((previous.max(top)).into())),
                "use um # a mais que o título de cima (## depois de #, ### depois de ##): leitores de tela navegam pelos níveis".into(),
            ));
        }
        previous = level;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(facts: &Facts) -> Vec<String> {
        facts.items.iter().map(|f| format!("{f:?}")).collect()
    }

    /// The load gathers the facts in its own pass over the events (`check::problems_and_facts`):
    /// they must be what a pass of their own finds, for every kind of fact.
    #[test]
    fn the_loads_pass_gathers_what_a_pass_of_its_own_gathers() {
        let texts = [
            "",
            "Sem links.",
            "# Um\n\n### Três\n\nVeja [aqui](/x/) e [a **lei** `1`](../lei.md#art5) e <contato@x.gov.br>.",
            "![](foto.jpg) ![Fachada](https://outro.site/f.jpg) [![logo](l.png) dentro](/y/)",
            "<img src=\"https://a.b/c.png\">\n\ntexto <img alt=\"x\" src=\"d.png\"> fim",
            "- [um](/a/)\n  - [dois](/b/#c)\n\n> [três][ref]\n\n[ref]: /c/",
            "## A\n\n#### B\n\n###### C",
        ];
        for text in texts {
            let (_, loaded) = crate::markdown::check::problems_and_facts(text);
            let own = gather(text);
            assert_eq!(shape(&loaded), shape(&own), "{text}");
        }
        let facts = gather(texts[2]);
        let links: Vec<(&str, Option<&str>)> = facts
            .items
            .iter()
            .filter_map(|f| match f {
                Fact::Link(l) => Some((l.dest.get(texts[2]), l.vague.as_deref())),
                Fact::Found(_) => None,
            })
            .collect();
        assert_eq!(links, [("/x/", Some("aqui")), ("../lei.md#art5", None), ("mailto:contato@x.gov.br", None)]);
        let images = gather(texts[3]);
        let alts: Vec<bool> = images
            .items
            .iter()
            .filter_map(|f| match f {
                Fact::Link(l) if l.image => Some(l.no_alt),
                _ => None,
            })
            .collect();
        assert_eq!(alts, [true, false, false]);
        assert!(facts.items.iter().any(|f| matches!(f, Fact::Found((_, Code::HeadingSkip, _, _)))));
    }
}
