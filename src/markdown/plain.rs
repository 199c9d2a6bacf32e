//! The words a reader sees of a Markdown text, gathered from the same filtered events its HTML
//! is written from (so search reads each text once, while it is rendered): text, code and
//! image descriptions; a break is a space, a block's end a line break, a table cell's a ` | `;
//! raw HTML tags and link addresses are left out (the text inside inline HTML stays: the page
//! shows it). Copied as it comes: whitespace is the reader's business (search splits words on
//! it and collapses it in the excerpts it shows).

use pulldown_cmark::{Event, Tag, TagEnd};

/// The plain text of one Markdown text, built event by event.
#[derive(Debug, Default)]
pub(crate) struct PlainText {
    out: String,
}

impl PlainText {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        PlainText { out: String::with_capacity(capacity) }
    }

    /// Takes in one event of the filtered stream.
    pub(crate) fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Text(t) | Event::Code(t) => self.out.push_str(t),
            Event::SoftBreak | Event::HardBreak => self.out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead,
            )
            | Event::Start(Tag::Item) => self.out.push('\n'),
            Event::End(TagEnd::TableCell) => self.out.push_str(" | "),
            _ => {}
        }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::super::{render_text, MarkdownOptions};

    /// The text with its whitespace collapsed, as a reader sees it.
    fn plain(markdown: &str) -> String {
        let text = render_text(
            markdown,
            MarkdownOptions { root: "./", source_dir: "", allow_html: false, top_heading: 2, glossary: None },
        )
        .1;
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn keeps_words_and_drops_markup() {
        let text = plain(
            "## Título\n\nUm **texto** com [link](/x/) e `código`.\n\n- um\n- dois\n\n<b>html</b>\n\n\
             | A | B |\n|---|---|\n| 1 | 2 |\n",
        );
        assert_eq!(text, "Título Um texto com link e código. um dois html A | B | 1 | 2 |");
    }

    #[test]
    fn blocks_are_apart_and_refused_links_keep_their_text() {
        assert_eq!(plain("um\ndois\n\ntrês"), "um dois três");
        assert_eq!(plain("[clique](javascript:alert(1)) aqui"), "clique aqui");
        assert_eq!(plain(""), "");
        assert_eq!(plain("<div>só html</div>"), "");
        let raw = render_text(
            "fim\n\ncomeço",
            MarkdownOptions { root: "./", source_dir: "", allow_html: false, top_heading: 2, glossary: None },
        )
        .1;
        assert_eq!(raw, "fim\ncomeço\n", "two paragraphs are never one word");
    }
}
