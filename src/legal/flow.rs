//! How a line joins the tree when it is not simply a new provision: a wrapped line that
//! continues the open provision (even when it begins like one: "art. 19.", "§ 2º deste
//! artigo"), a label alone whose text comes after blank lines, free text wrapped by PDF
//! extraction, and the preamble's enacting formula.

use super::closing::is_enacting_formula;
use super::ending::{line_end, text_continues, End};
use super::frame::{Frame, Last};
use super::lexer::Line;
use super::numbers::Num;
use super::parser::{node, Parser};
use super::ProvisionKind as K;

impl Parser {
    /// How `t` ends; an annotation wrapped onto this line ("14.176, de 2021)") is read
    /// with the line before it, where its "(" is.
    pub(super) fn end_of(&self, t: &str) -> End {
        let unmatched = t.ends_with(')') && t.matches(')').count() > t.matches('(').count();
        if unmatched {
            line_end(&format!("{} {t}", self.last_line))
        } else {
            line_end(t)
        }
    }

    /// A line right after a provision's line (no blank line between) that begins like a
    /// provision but continues the sentence: the previous line did not end (";", ".", ":")
    /// or the new number does not fit the sequence. Lines after a blank line never continue.
    pub(super) fn continues(&self, token: &Line<'_>, after_blank: bool) -> bool {
        if after_blank || !self.top().is_some_and(Frame::owns_text) {
            return false;
        }
        let open = self.end == End::Open;
        match token {
            Line::Article { num, .. } => open && !self.article_fits(num),
            Line::Heading { .. } | Line::Paragraph { .. } => open,
            Line::Inciso { value, .. } => open || !self.list_fits(K::Inciso, *value),
            Line::Alinea { value, .. } => open || !self.list_fits(K::Alinea, *value),
            Line::Item { value, .. } => open || !self.list_fits(K::Item, *value),
            Line::Bullet { .. } => {
                open && !self.top().is_some_and(|f| f.node.kind == K::Item && f.node.number.is_none())
            }
            _ => false,
        }
    }

    /// Not going backwards ("art. 3º" cited after art. 4 is text when the line did not end).
    pub(super) fn article_fits(&self, num: &Num) -> bool {
        num.unique || self.last_article.is_none_or(|last| num.value.is_none_or(|v| v >= last))
    }

    /// A list item fits when its list is already open, or it starts one: number 1, or
    /// any number right after a ":" ("Compete:" ⏎ "III - …" in an excerpt).
    pub(super) fn list_fits(&self, kind: K, value: u32) -> bool {
        self.open_sibling(kind, true).is_some() || value == 1 || self.end == End::Closed(':')
    }

    /// A line that is not a marker: more text for the open provision when it follows it
    /// directly (or when the provision has no text yet: "Art. 124." ⏎⏎ "O Município…");
    /// more free text when it continues a wrapped free paragraph; else a text of its own
    /// beside the provisions.
    pub(super) fn text(&mut self, t: &str, after_blank: bool, n: usize) {
        if self.top().is_some_and(Frame::owns_text) && (!after_blank || self.end == End::Empty) {
            // After a quoted amendment the provision's text goes on below it, in order.
            if self.top().is_some_and(|f| f.node.children.last().is_some_and(|c| c.kind == K::Amendment)) {
                self.push(Frame::new(node(K::Text, None, n)));
            }
            self.feed(t, n);
            self.end = self.end_of(t);
            return;
        }
        let free = self.top().is_some_and(|f| matches!(f.node.kind, K::Text | K::Preamble) && !f.root_like());
        if free && !after_blank && text_continues(&self.last_line, t) {
            if let Some(f) = self.stack.last_mut() {
                f.node.text.push('\n');
                f.node.text.push_str(t);
            }
            self.preamble_check();
            return;
        }
        self.close_to_heading();
        if let Some(f) = self.stack.last_mut() {
            // A text between two lists: the next list starts its own numbering.
            f.last = Last::default();
        }
        self.push(Frame::new(node(K::Text, None, n)));
        self.feed(t, n);
        self.end = line_end(t);
        self.preamble_check();
    }

    /// Before the first article, a paragraph ending "DECRETA:" / "RESOLVE:" is the
    /// preamble; a formula alone on its line takes the paragraph before it along.
    pub(super) fn preamble_check(&mut self) {
        if self.articles_seen {
            return;
        }
        let len = self.stack.len();
        let Some(top) = self.stack.last_mut().filter(|f| f.node.kind == K::Text) else { return };
        if !is_enacting_formula(&top.node.text) {
            return;
        }
        top.node.kind = K::Preamble;
        let alone = top.node.text.split_whitespace().count() <= 3;
        if let Some(parent) = self.stack.get_mut(len.saturating_sub(2)) {
            if let Some(prev) = parent.node.children.last_mut().filter(|p| alone && p.kind == K::Text) {
                prev.kind = K::Preamble;
            }
        }
    }
}
