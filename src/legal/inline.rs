//! Splitting one run of text into provisions: incisos that share a line
//! ("…vinculados; XVIII. gerir…") and lists run inline with " -"
//! ("…órgãos: -Coordenadoria Administrativa; -Coordenadoria de…").
//!
//! Split points are only looked for right after whitespace; at each one a
//! bounded prefix is read (a numeral of at most 15 letters, or a dash and the
//! word after it), so feeding text is linear in its length.

use super::frame::Frame;
use super::lexer::{is_dash, list_sep};
use super::parser::{node, Parser};
use super::roman::roman_prefix;
use super::ProvisionKind as K;

enum Split {
    /// An inciso continuing the sequence: value and byte length of its label.
    Inciso(u32, usize),
    /// First item of an inline list, after ":" or ";".
    StartList,
    /// Next item of an inline list.
    NextItem,
}

impl Parser {
    /// Adds `text` (one line, or what follows a marker on it) to the provision
    /// at the top of the stack, opening new provisions where it splits.
    pub(super) fn feed(&mut self, text: &str, line: usize) {
        let mut seg_start = 0;
        let mut skip_to = 0;
        let mut last_non_ws: Option<char> = None;
        let mut prev_ws = false;
        for (p, c) in text.char_indices() {
            if p < skip_to {
                continue;
            }
            if prev_ws && p > seg_start {
                let at = text.get(p..).unwrap_or("");
                if let Some(split) = self.split_at(at, c, last_non_ws) {
                    self.append(text.get(seg_start..p).unwrap_or(""), line);
                    let label_len = self.apply(split, at, line);
                    seg_start = p.saturating_add(label_len);
                    skip_to = seg_start;
                    last_non_ws = None;
                    prev_ws = false;
                    continue;
                }
            }
            prev_ws = c.is_whitespace();
            if !prev_ws {
                last_non_ws = Some(c);
            }
        }
        self.append(text.get(seg_start..).unwrap_or(""), line);
    }

    fn split_at(&self, at: &str, c: char, last: Option<char>) -> Option<Split> {
        let top = self.top()?;
        if c.is_ascii_uppercase() {
            let (value, len) = roman_prefix(at)?;
            let sep = list_sep(at.get(len..)?, false)?;
            let expected = match self.open_inciso() {
                // "…vinculados; XVIII. gerir", "…Humano III - tratando-se".
                Some(open) if top.inline_bullet || matches!(last, Some(';' | ':' | '.')) => open.checked_add(1)?,
                Some(_) => return None,
                // "…incumbe: I - em consonância…"
                None if last == Some(':') && matches!(top.node.kind, K::Caput | K::Paragraph | K::Text) => 1,
                None => return None,
            };
            return (value == expected).then_some(Split::Inciso(value, len.saturating_add(sep)));
        }
        if c != '-' && c != '–' {
            return None;
        }
        let after = at.get(c.len_utf8()..)?;
        let word = after.trim_start();
        let first = word.chars().next()?;
        let spaced = after.len() != word.len();
        if top.inline_bullet {
            // " -Programa", " - Programa"; not " - PETI" (an acronym stays in the item).
            let next = if spaced { first.is_uppercase() && !is_acronym(word) } else { first.is_alphabetic() };
            return next.then_some(Split::NextItem);
        }
        let owner = matches!(top.node.kind, K::Caput | K::Inciso | K::Alinea | K::Paragraph);
        let start = owner && matches!(last, Some(':' | ';')) && first.is_alphabetic() && !is_dash(first);
        start.then_some(Split::StartList)
    }

    /// Opens what `split` found; returns the byte length of its label.
    fn apply(&mut self, split: Split, at: &str, line: usize) -> usize {
        match split {
            Split::Inciso(value, len) => {
                let label = at.get(..len).unwrap_or("").trim_end();
                self.settle(K::Inciso, true);
                self.open_list(K::Inciso, label, Some(value), line, false);
                len
            }
            Split::StartList | Split::NextItem => {
                if matches!(split, Split::NextItem) {
                    self.pop();
                }
                let len = at.chars().next().map_or(1, char::len_utf8);
                let label = at.get(..len).unwrap_or("-");
                self.open_list(K::Item, label, None, line, true);
                len
            }
        }
    }

    /// Appends trimmed text to the top provision, on a new line if it already
    /// has text. Never drops text: under a heading or the root it becomes a text.
    pub(super) fn append(&mut self, s: &str, line: usize) {
        let s = s.trim();
        if s.is_empty() {
            return;
        }
        let holds_text = self.top().is_some_and(|f| {
            !f.root_like() && !matches!(f.node.kind, K::Heading | K::Article | K::Closing | K::Amendment)
        });
        if !holds_text {
            let mut t = node(K::Text, None, line);
            t.text = s.to_string();
            self.push(Frame::new(t));
            self.pop();
            return;
        }
        if let Some(f) = self.stack.last_mut() {
            if !f.node.text.is_empty() {
                f.node.text.push('\n');
            }
            f.node.text.push_str(s);
        }
    }
}

/// "PETI", "CRAS;": two or more letters, all upper case.
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().take_while(|c| c.is_alphabetic());
    let mut count = 0usize;
    for c in letters {
        if !c.is_uppercase() {
            return false;
        }
        count += 1;
    }
    count >= 2
}
