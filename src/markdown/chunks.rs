//! Very large texts are parsed piece by piece, so that memory stays proportional to the text.
//!
//! pulldown-cmark builds a tree of the whole text before the first event comes out: about
//! one node per event, so a 50 MB page of short list items needs 15 times its size. A text of
//! [`SPLIT_ABOVE`] bytes or more is therefore cut into pieces of about [`CHUNK`] bytes, each
//! parsed on its own (one tree alive at a time), at lines where nothing can continue from
//! above: an unindented line after a blank line, not starting a list item, outside fenced code
//! and outside the HTML blocks that may contain blank lines (`<pre>`, `<script>`, `<style>`,
//! `<textarea>`, comments…). There a list, a quote, a table or a paragraph has ended, whatever
//! came before. What is shared by the whole text is carried across the pieces: reference
//! definitions (`[nome]: endereço`, resolved through pulldown-cmark's broken-link callback)
//! and the shallowest heading level. A text with footnotes is never cut (a footnote reference
//! is only recognised in the piece that defines it), and neither is a smaller text, so
//! ordinary pages are parsed exactly as before.

use super::parser_options;
use pulldown_cmark::{BrokenLink, CowStr, Event, Parser, Tag};
use std::collections::HashMap;
use std::ops::Range;

/// Texts at least this long are cut.
pub(crate) const SPLIT_ABOVE: usize = 2 << 20;
/// The size a piece reaches before it is cut at the next possible line.
pub(crate) const CHUNK: usize = 1 << 20;

/// How a text is parsed: its pieces and what they share.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub(crate) chunks: Vec<Range<usize>>,
    /// Reference definitions of the whole text, by normalised label (only when cut).
    refs: HashMap<String, (String, String)>,
    /// The shallowest heading level of the whole text (only when cut).
    pub(crate) min_level: Option<u8>,
    /// A generous bound of the HTML's length (only when cut): reserved at once, so that the
    /// output never grows by copying itself (reserved but untouched memory costs nothing).
    pub(crate) html_capacity: usize,
}

impl Plan {
    /// Plans `text`, reading it once more when it is cut.
    pub(crate) fn new(text: &str) -> Plan {
        Self::with_sizes(text, SPLIT_ABOVE, CHUNK)
    }

    pub(crate) fn with_sizes(text: &str, split_above: usize, chunk: usize) -> Plan {
        let chunks = split(text, split_above, chunk);
        let mut plan = Plan { chunks, ..Plan::default() };
        if plan.chunks.len() > 1 {
            let mut tags = 0usize;
            for range in &plan.chunks {
                let mut parser = Parser::new_ext(text.get(range.clone()).unwrap_or(""), parser_options());
                for (label, def) in parser.reference_definitions().iter() {
                    let title = def.title.as_deref().unwrap_or("").to_string();
                    plan.refs.entry(normalise(label)).or_insert_with(|| (def.dest.to_string(), title));
                }
                for event in parser.by_ref() {
                    match event {
                        Event::Start(Tag::Heading { level, .. }) => {
                            let level = level as u8;
                            plan.min_level = Some(plan.min_level.map_or(level, |m| m.min(level)));
                            tags += 1;
                        }
                        Event::Start(_) | Event::End(_) | Event::SoftBreak | Event::HardBreak | Event::Rule => {
                            tags += 1;
                        }
                        _ => {}
                    }
                }
            }
            // Text grows by its escapes, each tag by its name and attributes, the page by its template.
            plan.html_capacity = text.len().saturating_mul(2).saturating_add(tags.saturating_mul(24)) + (64 << 10);
        }
        plan
    }

    pub(crate) fn is_cut(&self) -> bool {
        self.chunks.len() > 1
    }

    /// The parser of one piece, resolving references defined in other pieces.
    pub(crate) fn parser<'a>(
        &'a self,
        text: &'a str,
        range: &Range<usize>,
    ) -> Parser<'a, impl FnMut(BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> + 'a> {
        let refs = &self.refs;
        let resolve = move |link: BrokenLink<'a>| {
            refs.get(&normalise(&link.reference))
                .map(|(dest, title)| (CowStr::from(dest.clone()), CowStr::from(title.clone())))
        };
        Parser::new_with_broken_link_callback(text.get(range.clone()).unwrap_or(""), parser_options(), Some(resolve))
    }

    /// Every event of the text with its byte range in the whole text, piece after piece.
    pub(crate) fn events<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (Event<'a>, Range<usize>)> + 'a {
        // A text in one piece (every ordinary one) is read from its parser directly: the
        // chain of pieces costs a test per event, and the load and the site checks read
        // every text of a site this way.
        match self.chunks.as_slice() {
            [range] if range.start == 0 => Pieces::One(self.parser(text, range).into_offset_iter()),
            _ => Pieces::Many(self.chunks.iter().flat_map(move |range| {
                let base = range.start;
                self.parser(text, range).into_offset_iter().map(move |(event, r)| (event, r.start + base..r.end + base))
            })),
        }
    }
}

/// The events of a text in one piece, or in several.
enum Pieces<O, M> {
    One(O),
    Many(M),
}

impl<T, O: Iterator<Item = T>, M: Iterator<Item = T>> Iterator for Pieces<O, M> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        match self {
            Pieces::One(one) => one.next(),
            Pieces::Many(many) => many.next(),
        }
    }
}

/// A link label as CommonMark compares them: case-folded, inner whitespace collapsed.
fn normalise(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// What the line scanner is inside of.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Inside {
    Nothing,
    /// A fenced code block opened by `len` times `fence`.
    Fence {
        fence: char,
        len: usize,
    },
    /// An HTML block that ends at the line containing `end`.
    Html {
        end: &'static str,
    },
}

/// The byte ranges of the pieces of `text`.
fn split(text: &str, split_above: usize, chunk: usize) -> Vec<Range<usize>> {
    if text.len() < split_above || text.contains("[^") {
        return std::iter::once(0..text.len()).collect();
    }
    let mut chunks = Vec::new();
    let (mut start, mut pos) = (0, 0);
    let mut inside = Inside::Nothing;
    let mut previous_blank = true;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let blank = content.trim().is_empty();
        match inside {
            Inside::Fence { fence, len } => {
                if closes_fence(content, fence, len) {
                    inside = Inside::Nothing;
                }
                previous_blank = false;
                continue;
            }
            Inside::Html { end } => {
                if content.to_ascii_lowercase().contains(end) {
                    inside = Inside::Nothing;
                }
                previous_blank = false;
                continue;
            }
            Inside::Nothing => {}
        }
        if previous_blank && !blank && line_start - start >= chunk && starts_a_fresh_block(content) {
            chunks.push(start..line_start);
            start = line_start;
        }
        inside = opens(content);
        previous_blank = blank;
    }
    chunks.push(start..text.len());
    chunks
}

/// A line that, after a blank line, can only begin a new top-level block.
fn starts_a_fresh_block(line: &str) -> bool {
    match line.chars().next() {
        None | Some(' ' | '\t' | '-' | '+' | '*' | '0'..='9') => false,
        Some(_) => true,
    }
}

/// The block a line opens that may hold blank lines (CommonMark fences, HTML types 1–5).
fn opens(line: &str) -> Inside {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return Inside::Nothing;
    }
    let rest = &line[indent..];
    for fence in ['`', '~'] {
        let len = rest.len() - rest.trim_start_matches(fence).len();
        if len >= 3 && !(fence == '`' && rest[len..].contains('`')) {
            return Inside::Fence { fence, len };
        }
    }
    let lower = rest.to_ascii_lowercase();
    let ends = |end: &'static str, from: usize| {
        if lower.get(from..).is_some_and(|r| r.contains(end)) {
            Inside::Nothing
        } else {
            Inside::Html { end }
        }
    };
    for (tag, end) in
        [("<pre", "</pre>"), ("<script", "</script>"), ("<style", "</style>"), ("<textarea", "</textarea>")]
    {
        if let Some(after) = lower.strip_prefix(tag) {
            if after.is_empty() || after.starts_with([' ', '\t', '>']) {
                return ends(end, tag.len());
            }
        }
    }
    if lower.starts_with("<!--") {
        return ends("-->", 4);
    }
    if lower.starts_with("<?") {
        return ends("?>", 2);
    }
    if lower.starts_with("<![cdata[") {
        return ends("]]>", 9);
    }
    if lower.starts_with("<!") && lower[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return ends(">", 2);
    }
    Inside::Nothing
}

fn closes_fence(line: &str, fence: char, len: usize) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let run = rest.len() - rest.trim_start_matches(fence).len();
    indent <= 3 && run >= len && rest[run..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        split(text, 1, 1).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn small_texts_and_texts_with_footnotes_are_one_piece() {
        assert_eq!(split("# a\n\nb\n\nc\n", SPLIT_ABOVE, CHUNK), vec![0..10]);
        assert_eq!(split("a\n\nb[^1]\n\nc\n\n[^1]: n\n", 1, 1).len(), 1);
    }

    #[test]
    fn cuts_only_where_nothing_continues() {
        assert_eq!(pieces("um\n\ndois\ntrês\n\n# quatro\n"), vec!["um\n\n", "dois\ntrês\n\n", "# quatro\n"]);
        // A list, its continuation and the next item stay together; indented code too.
        assert_eq!(
            pieces("- a\n\n  b\n\n- c\n\n    código\n\nfim\n"),
            vec!["- a\n\n  b\n\n- c\n\n    código\n\n", "fim\n"]
        );
        // Nothing inside fenced code or an HTML block with blank lines.
        assert_eq!(pieces("```\na\n\nb\n```\n\nc\n"), vec!["```\na\n\nb\n```\n\n", "c\n"]);
        assert_eq!(pieces("<pre>\na\n\nb\n</pre>\n\nc\n"), vec!["<pre>\na\n\nb\n</pre>\n\n", "c\n"]);
        assert_eq!(pieces("<!-- a\n\nb -->\n\nc\n"), vec!["<!-- a\n\nb -->\n\n", "c\n"]);
        // A quote ends at a blank line: the next quote is a new block.
        assert_eq!(pieces("> a\n\n> b\n"), vec!["> a\n\n", "> b\n"]);
    }

    #[test]
    fn references_headings_and_output_match_the_uncut_text() {
        let text = "Veja [o site][s] e [isto].\n\n## Dois\n\n- a\n- b\n\n[S]: https://gov.br/ \"Governo\"\n\n\
                    # Um\n\n[isto]: /isto/\n\nJá <b>negrito</b> e [mau](javascript:x).\n\n<div>\n\nbloco\n\n</div>\n\n\
                    # Um\n\nFim com [o site][s].\n";
        let whole = Plan::with_sizes(text, usize::MAX, 1);
        let cut = Plan::with_sizes(text, 1, 1);
        assert!(!whole.is_cut() && cut.chunks.len() > 3, "{:?}", cut.chunks);
        assert_eq!(cut.min_level, Some(1));
        let options = super::super::MarkdownOptions {
            root: "../",
            source_dir: "",
            allow_html: false,
            top_heading: 2,
            glossary: None,
        };
        let html = |plan: &Plan| super::super::render_planned(text, options, plan, None, None);
        assert_eq!(html(&whole), html(&cut));
        assert!(html(&cut).contains("<a href=\"https://gov.br/\" title=\"Governo\">o site</a>"), "{}", html(&cut));
        assert!(html(&cut).contains("<h2 id=\"um-2\">Um</h2>"), "{}", html(&cut));
        let ranges: Vec<_> = cut.events(text).map(|(_, r)| r).collect();
        assert!(ranges.iter().all(|r| r.end <= text.len()));
        assert!(text[ranges.last().cloned().unwrap_or_default()].starts_with("Fim"), "offsets are in the whole text");
    }

    #[test]
    fn a_text_cut_in_many_pieces_renders_as_the_whole() {
        let sample = "## Serviços {#servicos}\n\nO CRAS oferece [o PAIF][paif] e *acolhida*.\n\n\
            - cadastro\n  - atualização\n\n  continuação do item\n\n- visita\n\n\
            1. um\n2. dois\n\n> citação\ncontinuada\n\n> outra\n\n\
            ```\ncódigo\n\nainda código\n```\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n\
            <details>\n<summary>Mais</summary>\n\ntexto **dentro**\n\n</details>\n\n\
            <pre>\npré\n\nformatado\n</pre>\n\n    indentado\n\n    também\n\nTítulo\n======\n\n\
            [paif]: https://www.gov.br/paif \"PAIF\"\n\n---\n\nParágrafo final com <b>HTML</b>.\n\n";
        let text = sample.repeat(40);
        let whole = Plan::with_sizes(&text, usize::MAX, 1);
        let cut = Plan::with_sizes(&text, 1, 500);
        assert!(cut.chunks.len() > 20, "{}", cut.chunks.len());
        for allow_html in [false, true] {
            let options = super::super::MarkdownOptions {
                root: "./",
                source_dir: "",
                allow_html,
                top_heading: 2,
                glossary: None,
            };
            let a = super::super::render_planned(&text, options, &whole, None, None);
            let b = super::super::render_planned(&text, options, &cut, None, None);
            assert!(
                a == b,
                "{allow_html}: first difference at {:?}",
                a.bytes().zip(b.bytes()).position(|(x, y)| x != y)
            );
        }
    }
}
