//! The words a reader sees of a Markdown text, gathered from the same filtered events its HTML
//! is written from (so search reads each text once, while it is rendered): text, code and
//! image descriptions; a block's end is a line break, a table cell's a ` | `; raw HTML tags and
//! link addresses are left out (the text inside inline HTML stays: the page shows it).
//! Whitespace is collapsed as it arrives: one space between words, no empty line.

use pulldown_cmark::{Event, Tag, TagEnd};

/// The plain text of one Markdown text, built event by event.
#[derive(Debug, Default)]
pub(crate) struct PlainText {
    out: String,
    /// A line break is due before the next word.
    newline: bool,
    /// A space is due before the next word (on the same line).
    space: bool,
    /// A cell ended on this line: ` | ` is due before the next word.
    cell: bool,
}

impl PlainText {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        PlainText { out: String::with_capacity(capacity), ..PlainText::default() }
    }

    /// Takes in one event of the filtered stream.
    pub(crate) fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Text(t) | Event::Code(t) => self.text(t),
            Event::SoftBreak | Event::HardBreak => self.space = true,
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead)
            | Event::Start(Tag::Item) => self.newline = true,
            Event::End(TagEnd::TableCell) => self.cell = true,
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        for (i, piece) in text.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.space = true;
            }
            if piece.is_empty() {
                continue;
            }
            if !self.out.is_empty() {
                if self.newline {
                    self.out.push('\n');
                } else if self.cell {
                    self.out.push_str(" | ");
                } else if self.space {
                    self.out.push(' ');
                }
            }
            self.newline = false;
            self.cell = false;
            self.space = false;
            self.out.push_str(piece);
        }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::super::{render_text, MarkdownOptions};

    fn plain(markdown: &str) -> String {
        render_text(markdown, MarkdownOptions { root: "./", allow_html: false, top_heading: 2 }).1
    }

    #[test]
    fn keeps_words_and_drops_markup() {
        let text = plain(
            "## Título\n\nUm **texto** com [link](/x/) e `código`.\n\n- um\n- dois\n\n<b>html</b>\n\n\
             | A | B |\n|---|---|\n| 1 | 2 |\n",
        );
        assert_eq!(text, "Título\nUm texto com link e código.\num\ndois\nhtml\nA | B\n1 | 2");
    }

    #[test]
    fn whitespace_collapses_and_refused_links_keep_their_text() {
        assert_eq!(plain("um   dois\ntrês  \n\n\n\nquatro"), "um dois três\nquatro");
        assert_eq!(plain("[clique](javascript:alert(1)) aqui"), "clique aqui");
        assert_eq!(plain(""), "");
        assert_eq!(plain("<div>só html</div>"), "");
    }
}
