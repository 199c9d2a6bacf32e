//! The tree builder: one pass over the lines with a stack of open provisions.
//!
//! The stack always holds the root at the bottom and the provision that
//! receives text at the top. Its depth is bounded (see `settle`), so each line
//! costs time proportional to its length.

use super::anchor::{self, Anchors, Prep};
use super::frame::{Frame, Last};
use super::lexer::{classify, is_upper, Line};
use super::numbers::Num;
use super::{LegalWarning, NormativeText, Provision, ProvisionKind as K};

pub fn parse(text: &str) -> NormativeText {
    let mut parser = Parser::new();
    for (i, line) in text.lines().enumerate() {
        parser.line(line, i.saturating_add(1));
    }
    parser.finish()
}

pub(super) struct Parser {
    pub(super) stack: Vec<Frame>,
    anchors: Anchors,
    warnings: Vec<LegalWarning>,
    last_article: Option<u32>,
    prev_blank: bool,
    /// A heading waits for its title on a next line; `true` once a blank line passed.
    pending_title: Option<bool>,
}

pub(super) fn node(kind: K, label: Option<&str>, line: usize) -> Provision {
    Provision {
        kind,
        label: label.map(str::to_string),
        name: None,
        text: String::new(),
        id: None,
        number: None,
        children: Vec::new(),
        line,
    }
}

impl Parser {
    fn new() -> Self {
        let mut root = Frame::new(node(K::Heading, None, 0));
        root.root = true;
        Parser {
            stack: vec![root],
            anchors: Anchors::default(),
            warnings: Vec::new(),
            last_article: None,
            prev_blank: true,
            pending_title: None,
        }
    }

    fn finish(mut self) -> NormativeText {
        self.truncate(1);
        let provisions = self.stack.pop().map(|f| f.node.children).unwrap_or_default();
        NormativeText { provisions, warnings: self.warnings }
    }

    pub(super) fn top(&self) -> Option<&Frame> {
        self.stack.last()
    }

    /// Closes the top provision into its parent (never the root).
    pub(super) fn pop(&mut self) {
        if self.stack.len() > 1 {
            if let Some(frame) = self.stack.pop() {
                if let Some(parent) = self.stack.last_mut() {
                    parent.node.children.push(frame.node);
                }
            }
        }
    }

    fn truncate(&mut self, len: usize) {
        while self.stack.len() > len.max(1) {
            self.pop();
        }
    }

    fn close_to_heading(&mut self) {
        while self.top().is_some_and(|f| !f.root && f.node.kind != K::Heading) {
            self.pop();
        }
    }

    /// Names from the top of the stack down, for phrases.
    fn chain(&self) -> Vec<(K, &str)> {
        let named = self.stack.iter().rev().filter(|f| !f.root);
        named.map(|f| (f.node.kind, f.node.name.as_deref().unwrap_or(""))).collect()
    }

    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(LegalWarning { line, message });
    }

    /// Closes provisions until the top can receive a new `kind`: the parent of
    /// an open sibling of the same kind (searched up to the nearest article,
    /// caput, paragraph or heading), else the nearest frame that accepts it.
    /// So each of inciso, alínea and numbered item is open at most once
    /// between two barriers, which bounds the depth of the stack.
    pub(super) fn settle(&mut self, kind: K, numbered: bool) {
        let mut sibling = None;
        for (i, f) in self.stack.iter().enumerate().rev() {
            let same = f.node.kind == kind && (kind != K::Item || f.node.number.is_some() == numbered);
            if same && !f.root {
                sibling = Some(i);
                break;
            }
            if f.is_barrier() {
                break;
            }
        }
        let parent = sibling.or_else(|| {
            let found = self.stack.iter().rposition(|f| f.accepts(kind, numbered));
            found.map(|i| i.saturating_add(1))
        });
        self.truncate(parent.unwrap_or(1));
    }

    /// The id of the top frame if it is a dispositivo (ids of headings and of
    /// the root do not prefix the ids of their provisions).
    fn id_prefix(&self) -> String {
        let top = self.top().filter(|f| !f.root && !matches!(f.node.kind, K::Heading | K::Text));
        top.and_then(|f| f.node.id.as_deref()).map(|id| format!("{id}_")).unwrap_or_default()
    }

    pub(super) fn push(&mut self, frame: Frame) {
        self.stack.push(frame);
    }

    /// Opens an inciso, alínea or item (numbered or bullet) under the current
    /// top; the caller has settled the stack.
    pub(super) fn open_list(&mut self, kind: K, label: &str, number: Option<u32>, line: usize, inline: bool) {
        let prefix = self.id_prefix();
        let (name, part) = match number {
            Some(n) => {
                self.check_sequence(kind, n, line);
                (anchor::list_name(kind, n), format!("{}{n}", id_word(kind)))
            }
            None => {
                let count = self.stack.last_mut().map_or(1, |f| {
                    f.bullets = f.bullets.saturating_add(1);
                    f.bullets
                });
                (format!("item {count}"), format!("ite{count}"))
            }
        };
        let mut n = node(kind, Some(label), line);
        n.number = number;
        n.name = Some(name);
        n.id = Some(self.anchors.unique(format!("{prefix}{part}")));
        let mut frame = Frame::new(n);
        frame.inline_bullet = inline;
        self.push(frame);
    }

    fn check_sequence(&mut self, kind: K, new: u32, line: usize) {
        let prev = self.stack.last_mut().and_then(|f| f.last.slot(kind)).and_then(|s| s.replace(new));
        let Some(prev) = prev else { return };
        // "no art. 28", not "no caput do art. 28".
        let chain: Vec<_> = self.chain().into_iter().filter(|(k, _)| *k != K::Caput).collect();
        let context = anchor::phrase(Prep::Em, &chain);
        if let Some(message) = anchor::sequence_warning(kind, prev, new, &context) {
            self.warn(line, message);
        }
    }

    /// Number of the innermost open inciso, if one is open below the nearest barrier.
    pub(super) fn open_inciso(&self) -> Option<u32> {
        for f in self.stack.iter().rev() {
            if f.node.kind == K::Inciso {
                return f.node.number;
            }
            if f.is_barrier() {
                return None;
            }
        }
        None
    }

    fn line(&mut self, raw: &str, n: usize) {
        let token = classify(raw);
        if let Some(blank_seen) = self.pending_title {
            match token {
                Line::Blank => {
                    self.pending_title = Some(true);
                    self.prev_blank = true;
                    return;
                }
                Line::Text(t) if !blank_seen || is_upper(t) => {
                    if let Some(f) = self.stack.last_mut() {
                        f.node.text = t.to_string();
                    }
                    self.pending_title = None;
                    self.prev_blank = false;
                    return;
                }
                _ => self.pending_title = None,
            }
        }
        let after_blank = std::mem::replace(&mut self.prev_blank, false);
        match token {
            Line::Blank => self.prev_blank = true,
            Line::MdHeading { marks, title } => {
                let rank = 10u8.saturating_add(u8::try_from(marks.len()).unwrap_or(6));
                self.heading(rank, marks, None, title, n);
            }
            Line::Heading { group, label, numeral, num, title } => {
                let name = anchor::heading_name(group, numeral, &num);
                let id = format!("{}{}", group.prefix(), anchor::num_id(&num));
                self.heading(group.rank(), label, Some((name, id, num.value.filter(|_| !num.unique))), title, n);
                if title.is_empty() {
                    self.pending_title = Some(false);
                }
            }
            Line::Article { label, num, rest } => {
                self.article(label, &num, n);
                self.feed(rest, n);
            }
            Line::Paragraph { label, num, rest } => {
                self.paragraph(label, &num, n);
                self.feed(rest, n);
            }
            Line::Inciso { label, value, rest } => {
                // "C. ", "D. ", "L. ", "M. " are incisos only when they continue one.
                let single = matches!(value, 50 | 100 | 500 | 1000);
                if single && self.open_inciso() != value.checked_sub(1) {
                    self.text(raw.trim(), after_blank, n);
                } else {
                    self.list_line(K::Inciso, label, Some(value), rest, n);
                }
            }
            Line::Alinea { label, value, rest, .. } => self.list_line(K::Alinea, label, Some(value), rest, n),
            Line::Item { label, value, rest } => {
                self.list_line(K::Item, label, Some(value), rest, n);
            }
            Line::Bullet { label, rest } => self.list_line(K::Item, label, None, rest, n),
            Line::Text(t) => self.text(t, after_blank, n),
        }
    }

    fn list_line(&mut self, kind: K, label: &str, number: Option<u32>, rest: &str, n: usize) {
        self.settle(kind, number.is_some());
        self.open_list(kind, label, number, n, false);
        self.feed(rest, n);
    }

    fn heading(&mut self, rank: u8, label: &str, named: Option<(String, String, Option<u32>)>, title: &str, n: usize) {
        while self.top().is_some_and(|f| !f.holds_heading(rank)) {
            self.pop();
        }
        let mut h = node(K::Heading, Some(label), n);
        h.text = title.to_string();
        if let Some((name, part, value)) = named {
            // LexML nests the ids of agrupadores: "tit1_cap2_sec1".
            let parent =
                self.stack.iter().rev().find_map(|f| f.node.id.as_deref().filter(|_| f.node.kind == K::Heading));
            let base = parent.map_or_else(|| part.clone(), |p| format!("{p}_{part}"));
            h.id = Some(self.anchors.unique(base));
            h.name = Some(name);
            h.number = value;
        }
        let mut frame = Frame::new(h);
        frame.rank = rank;
        self.push(frame);
    }

    fn article(&mut self, label: &str, num: &Num, n: usize) {
        self.close_to_heading();
        if let (Some(v), false, true) = (num.value, num.unique, num.suffix.is_empty()) {
            if let Some(prev) = self.last_article.replace(v) {
                if let Some(message) = anchor::sequence_warning(K::Article, prev, v, "") {
                    self.warn(n, message);
                }
            }
        }
        let mut art = node(K::Article, Some(label), n);
        let id = self.anchors.unique(format!("art{}", anchor::num_id(num)));
        art.name = Some(anchor::article_name(num));
        art.number = if num.unique { None } else { num.value };
        let mut caput = node(K::Caput, None, n);
        caput.id = Some(self.anchors.unique(format!("{id}_cpt")));
        caput.name = Some("caput".to_string());
        art.id = Some(id);
        self.push(Frame::new(art));
        self.push(Frame::new(caput));
    }

    fn paragraph(&mut self, label: &str, num: &Num, n: usize) {
        self.settle(K::Paragraph, true);
        if let (Some(v), false) = (num.value, num.unique) {
            self.check_sequence(K::Paragraph, v, n);
        }
        let prefix = self.id_prefix();
        let mut p = node(K::Paragraph, Some(label), n);
        p.id = Some(self.anchors.unique(format!("{prefix}par{}", anchor::num_id(num))));
        p.name = Some(anchor::paragraph_name(num));
        p.number = if num.unique { None } else { num.value };
        self.push(Frame::new(p));
    }

    /// A line that is not a marker: more text for the open provision when it
    /// follows it directly, else a text of its own beside the provisions.
    fn text(&mut self, t: &str, after_blank: bool, n: usize) {
        let owner = self.top().is_some_and(|f| {
            !f.root && matches!(f.node.kind, K::Caput | K::Paragraph | K::Inciso | K::Alinea | K::Item)
        });
        if owner && !after_blank {
            self.feed(t, n);
            return;
        }
        self.close_to_heading();
        if let Some(f) = self.stack.last_mut() {
            // A text between two lists: the next list starts its own numbering.
            f.last = Last::default();
        }
        self.push(Frame::new(node(K::Text, None, n)));
        self.feed(t, n);
    }
}

fn id_word(kind: K) -> &'static str {
    match kind {
        K::Inciso => "inc",
        K::Alinea => "ali",
        _ => "ite",
    }
}
