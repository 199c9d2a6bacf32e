//! The event filter between pulldown-cmark's parser and its HTML writer: what makes Markdown
//! safe and tidy without ever holding the whole event list (a 50 MB page streams through).
//!
//! - headings get a unique `id` (the editor's `{#id}` made a safe token, else a slug of the
//!   text) and keep their `{.classe}` tokens; every other `{chave=valor}` attribute is dropped,
//!   so `{onfocus=… autofocus}` never reaches the page;
//! - a link or image whose address has a refused scheme ([`crate::safe_url`]) loses its tag and
//!   keeps its text (the image its description), so `javascript:` and `data:` never become
//!   live; site-absolute addresses become relative to the page;
//! - nothing nests beyond [`MAX_DEPTH`]: deeper containers lose their tags and deeper raw
//!   HTML is shown as text (the load-time check refuses such texts first, with a located
//!   error; this is the guarantee for whatever bypasses it);
//! - heading positions are recorded so that [`super::render`] can shift their levels once it
//!   knows the shallowest one.

use super::glossary::{self, Glossary};
use super::nesting::{Nesting, MAX_DEPTH};
use super::MarkdownOptions;
use crate::model::slug::slugify;
use crate::safe_url as url;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::Cell;
use std::collections::VecDeque;

/// One open `Start` event: whether its tag was written, whether it counts in the depth, and
/// whether text inside it must stay as it is (links, images and code are never autolinked).
#[derive(Debug, Clone, Copy)]
struct Open {
    written: bool,
    counted: bool,
    verbatim: bool,
}

/// What the filter knows of a whole text, across the pieces it may be parsed in.
pub(super) struct State<'o> {
    root: &'o str,
    source_dir: &'o str,
    /// Bytes written so far by the HTML writer (see [`super::render`]).
    written: &'o Cell<usize>,
    /// The heading shift, when known before the first event (a text parsed in pieces);
    /// otherwise heading positions are recorded for [`super::render`] to shift afterwards.
    shift: Option<u8>,
    nesting: Nesting,
    open: Vec<Open>,
    used_ids: HashSet<String>,
    /// Per id base, the next number to try after it.
    next_suffix: HashMap<String, usize>,
    /// Where each heading tag (start and end) begins in the output.
    pub(super) heading_positions: Vec<usize>,
    /// The shallowest heading level of the text.
    pub(super) min_level: Option<u8>,
    /// Whether raw HTML was written since the caller last reset it (it sanitises then).
    pub(super) raw_html: bool,
    /// Open links, images and code blocks: text inside them is not autolinked.
    verbatim: usize,
    /// Acronyms marked with `<abbr>` on their first use, and those already marked.
    glossary: Option<&'o Glossary>,
    marked: HashSet<String>,
}

impl<'o> State<'o> {
    pub(super) fn new(options: &MarkdownOptions<'o>, written: &'o Cell<usize>, shift: Option<u8>) -> Self {
        State {
            root: options.root,
            source_dir: options.source_dir,
            glossary: options.glossary,
            marked: HashSet::default(),
            written,
            shift,
            nesting: Nesting::new(),
            open: Vec::new(),
            used_ids: HashSet::default(),
            next_suffix: HashMap::default(),
            heading_positions: Vec::new(),
            min_level: None,
            raw_html: false,
            verbatim: 0,
        }
    }

    /// Whether text here may have its bare addresses turned into links.
    fn linkable(&self) -> bool {
        self.verbatim == 0
    }

    /// Raw HTML elements open now (a piece of output can be sanitised alone when none is).
    pub(super) fn raw_open(&self) -> usize {
        self.nesting.html_open()
    }

    /// The filtered form of one event, or `None` when it is dropped.
    fn filter<'a>(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(end) => {
                let open = self.open.pop()?;
                if open.verbatim {
                    self.verbatim = self.verbatim.saturating_sub(1);
                }
                if open.counted {
                    self.nesting.close();
                }
                let end = match (end, self.shift) {
                    (TagEnd::Heading(level), Some(shift)) => TagEnd::Heading(shift_level(level, shift)),
                    (end, _) => end,
                };
                open.written.then_some(Event::End(end))
            }
            Event::Html(html) => Some(self.raw(html, false)),
            Event::InlineHtml(html) => Some(self.raw(html, true)),
            other => Some(other),
        }
    }

    fn start<'a>(&mut self, tag: Tag<'a>) -> Option<Event<'a>> {
        if matches!(tag, Tag::HtmlBlock) {
            self.open.push(Open { written: true, counted: false, verbatim: false });
            return Some(Event::Start(tag));
        }
        let verbatim = matches!(tag, Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_));
        if verbatim {
            self.verbatim += 1;
        }
        let tag = match tag {
            // An e-mail autolink (`<nome@dominio.br>`) has no scheme until the writer adds
            // `mailto:`: it is not a path, and must not be rewritten as an attachment's.
            Tag::Link { link_type: LinkType::Email, dest_url, title, id } if url::is_allowed(&dest_url) => {
                Some(Tag::Link { link_type: LinkType::Email, dest_url, title, id })
            }
            Tag::Link { link_type, dest_url, title, id } if url::is_allowed(&dest_url) => {
                Some(Tag::Link { link_type, dest_url: self.address(dest_url), title, id })
            }
            Tag::Image { link_type, dest_url, title, id } if url::is_allowed(&dest_url) => {
                Some(Tag::Image { link_type, dest_url: self.address(dest_url), title, id })
            }
            Tag::Link { .. } | Tag::Image { .. } => None,
            Tag::Heading { level, id, classes, attrs } => {
                let level = self.shift.map_or(level, |shift| shift_level(level, shift));
                Some(Tag::Heading { level, id, classes, attrs })
            }
            other => Some(other),
        };
        match tag {
            Some(tag) if self.nesting.depth() < MAX_DEPTH => {
                self.nesting.open();
                self.open.push(Open { written: true, counted: true, verbatim });
                Some(Event::Start(tag))
            }
            _ => {
                self.open.push(Open { written: false, counted: false, verbatim });
                None
            }
        }
    }

    /// Raw HTML as it is, unless it would nest too deep: then as text.
    fn raw<'a>(&mut self, html: CowStr<'a>, inline: bool) -> Event<'a> {
        let before = self.nesting.clone();
        if self.nesting.feed_html(&html).is_some() {
            self.nesting = before;
            return Event::Text(html);
        }
        self.raw_html = true;
        if inline {
            Event::InlineHtml(html)
        } else {
            Event::Html(html)
        }
    }
}

/// Streams the safe events of one parser (one text or one piece of it).
pub(super) struct Filter<'s, 'o, 'a, I: Iterator<Item = Event<'a>>> {
    state: &'s mut State<'o>,
    inner: I,
    pending: VecDeque<Event<'a>>,
    /// An event read ahead while joining a run of text, to be handled next.
    carry: Option<Event<'a>>,
}

impl<'s, 'o, 'a, I: Iterator<Item = Event<'a>>> Filter<'s, 'o, 'a, I> {
    pub(super) fn new(state: &'s mut State<'o>, inner: I) -> Self {
        Filter { state, inner, pending: VecDeque::new(), carry: None }
    }

    /// A run of text (the parser may split one sentence into several text events), with its
    /// bare addresses as links, into `pending`.
    fn text(&mut self, first: CowStr<'a>) {
        // Joined in one buffer, made only when a second event comes.
        let mut joined: Option<String> = None;
        loop {
            match self.inner.next() {
                Some(Event::Text(more)) => joined.get_or_insert_with(|| first.to_string()).push_str(&more),
                other => {
                    self.carry = other;
                    break;
                }
            }
        }
        let text = joined.map_or(first, CowStr::from);
        // Most runs have no address: told without cutting them into pieces (nothing allocated).
        if super::autolink::may_link(&text) {
            let pieces = super::autolink::pieces(&text);
            if !matches!(pieces.as_slice(), [super::autolink::Piece::Text(t)] if t.len() == text.len()) {
                self.pieces(pieces);
                return;
            }
        }
        // The usual run has no address and no acronym to mark: it goes on as the parser gave
        // it (often borrowed from the source), not copied into pieces.
        if self.marked(&text) {
            return;
        }
        if let Some(event) = self.state.filter(Event::Text(text)) {
            self.pending.push_back(event);
        }
    }

    /// The pieces of a run of text with addresses, into `pending`.
    fn pieces(&mut self, pieces: Vec<super::autolink::Piece<'_>>) {
        for piece in pieces {
            let events: Vec<Event<'a>> = match piece {
                super::autolink::Piece::Text(t) if self.marked(t) => continue,
                super::autolink::Piece::Text(t) => vec![Event::Text(CowStr::from(t.to_string()))],
                super::autolink::Piece::Link { href, text } => vec![
                    Event::Start(Tag::Link {
                        link_type: pulldown_cmark::LinkType::Autolink,
                        dest_url: CowStr::from(href),
                        title: CowStr::from(""),
                        id: CowStr::from(""),
                    }),
                    Event::Text(CowStr::from(text.to_string())),
                    Event::End(TagEnd::Link),
                ],
            };
            for event in events {
                if let Some(event) = self.state.filter(event) {
                    self.pending.push_back(event);
                }
            }
        }
    }

    /// Plain text with the first use of each known acronym marked, into `pending`. Only text
    /// outside links, code and headings comes here; the `<abbr>` tags are ours (the title
    /// escaped), so they skip the sanitiser. Returns `false`, with nothing put in `pending`,
    /// when there is no glossary or `text` has no acronym to mark: the caller puts `text`
    /// itself.
    fn marked(&mut self, text: &str) -> bool {
        let Some(g) = self.state.glossary else { return false };
        let Some(pieces) = glossary::marks(text, g, &mut self.state.marked) else { return false };
        for piece in pieces {
            match piece {
                glossary::Piece::Text(t) => self.pending.push_back(Event::Text(CowStr::from(t.to_string()))),
                glossary::Piece::Abbr { acronym, title } => {
                    let open = format!("<abbr title=\"{}\">", crate::escape::escape(&title));
                    self.pending.push_back(Event::InlineHtml(CowStr::from(open)));
                    self.pending.push_back(Event::Text(CowStr::from(acronym.to_string())));
                    self.pending.push_back(Event::InlineHtml(CowStr::from("</abbr>")));
                }
            }
        }
        true
    }

    /// A whole heading, from its start (already taken from `inner`) to its end, into
    /// `pending`; returns its start event.
    fn heading(&mut self, tag: Tag<'a>) -> Option<Event<'a>> {
        let Tag::Heading { level, id, classes, attrs: _ } = tag else { return None };
        let state = &mut *self.state;
        state.min_level = Some(state.min_level.map_or(level as u8, |m| m.min(level as u8)));
        let mut text = String::new();
        let mut body = VecDeque::new();
        let mut depth = 0usize;
        for event in self.inner.by_ref() {
            match &event {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::Start(_) => depth += 1,
                Event::End(TagEnd::Heading(_)) if depth == 0 => break,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            body.push_back(event);
        }
        let base = id.as_deref().map(safe_id).unwrap_or_else(|| slugify(&text));
        let base = if base.is_empty() { "secao".to_string() } else { base };
        // The first free of `base`, `base-2`, `base-3`…; the search for a base resumes where it
        // stopped (the names it passed are still taken), so 10,000 equal headings stay linear.
        let mut unique = base.clone();
        let next = state.next_suffix.entry(base.clone()).or_insert(2);
        while !state.used_ids.insert(unique.clone()) {
            unique = format!("{base}-{next}");
            *next += 1;
        }
        let classes: Vec<CowStr<'a>> = classes.into_iter().filter(|c| is_token(c)).collect();
        let start = state.start(Tag::Heading { level, id: Some(CowStr::from(unique)), classes, attrs: Vec::new() });
        for event in body {
            if let Some(event) = state.filter(event) {
                self.pending.push_back(event);
            }
        }
        if let Some(end) = state.filter(Event::End(TagEnd::Heading(level))) {
            self.pending.push_back(end);
        }
        start
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Filter<'_, '_, 'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let event = match self.pending.pop_front() {
                Some(event) => event,
                None => match self.carry.take().or_else(|| self.inner.next())? {
                    Event::Start(tag @ Tag::Heading { .. }) => match self.heading(tag) {
                        Some(start) => start,
                        None => continue,
                    },
                    Event::Text(text) if self.state.linkable() => {
                        self.text(text);
                        continue;
                    }
                    event => match self.state.filter(event) {
                        Some(event) => event,
                        None => continue,
                    },
                },
            };
            let heading = matches!(event, Event::Start(Tag::Heading { .. }) | Event::End(TagEnd::Heading(_)));
            if heading && self.state.shift.is_none() {
                self.state.heading_positions.push(self.state.written.get());
            }
            return Some(event);
        }
    }
}

/// `level` moved down by `shift`, at most to `<h6>`.
pub(super) fn shift_level(level: HeadingLevel, shift: u8) -> HeadingLevel {
    let n = (level as u8).saturating_add(shift).min(6);
    HeadingLevel::try_from(usize::from(n)).unwrap_or(HeadingLevel::H6)
}

impl State<'_> {
    /// A link's address as published: a `.md`/`.yaml` source becomes its page, a site path
    /// becomes relative to the page.
    fn address<'a>(&self, dest: CowStr<'a>) -> CowStr<'a> {
        if let Some(link) = super::source_link::resolve(&dest, self.source_dir) {
            return CowStr::from(format!("{}{}{}", self.root, link.path, link.fragment));
        }
        match super::source_link::attachment(&dest, self.source_dir) {
            Some(path) => CowStr::from(format!("{}{path}", self.root)),
            None => relative(dest, self.root),
        }
    }
}

/// `/estrutura/x/` → `../../estrutura/x/` on a page two folders deep.
fn relative<'a>(dest: CowStr<'a>, root: &str) -> CowStr<'a> {
    match dest.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => CowStr::from(format!("{root}{rest}")),
        _ => dest,
    }
}

/// A class or id token: letters, digits, `-` and `_`.
fn is_token(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The editor's `{#id}`, kept when it is a plain token starting with a letter, else slugged.
fn safe_id(id: &str) -> String {
    if is_token(id) && id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.to_string()
    } else {
        slugify(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_classes_are_tokens() {
        assert_eq!(safe_id("Secao_2"), "Secao_2");
        assert_eq!(safe_id("\" onmouseover=\"x"), "onmouseover-x");
        assert_eq!(safe_id("2x"), "2x");
        assert!(is_token("destaque") && !is_token("a b") && !is_token("x\"y") && !is_token(""));
    }
}
