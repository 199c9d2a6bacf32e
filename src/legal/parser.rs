//! The tree builder: one pass over the lines with a stack of open provisions.
//!
//! The stack always holds the root at the bottom and the provision that
//! receives text at the top. Its depth is bounded (see `settle`), so each line
//! costs time proportional to its length.

use super::anchor::{self, Anchors, Prep};
use super::ending::{declared_status, is_title_like, line_end, title_open, End};
use super::frame::Frame;
use super::lexer::{classify, is_upper, strip_bullet, Line};
use super::numbers::Num;
use super::{LegalWarning, NormativeText, Provision, ProvisionKind as K, Status};

pub fn parse(text: &str) -> NormativeText {
    let mut parser = Parser::new();
    for (i, line) in text.lines().enumerate() {
        parser.line(line, i.saturating_add(1));
    }
    parser.finish()
}

/// Hint for a number printed twice.
const REPEAT_HINT: &str = "se uma das ocorrências é a redação anterior (o texto compilado mostra as duas), \
    escreva <!-- redação anterior --> na linha de cima dela";

pub(super) struct Parser {
    pub(super) stack: Vec<Frame>,
    pub(super) anchors: Anchors,
    warnings: Vec<LegalWarning>,
    pub(super) last_article: Option<u32>,
    /// An article was met in the current norm: a closing may follow.
    pub(super) articles_seen: bool,
    prev_blank: bool,
    /// A heading waits for its title on a next line; `true` once a blank line passed.
    pub(super) pending_title: Option<bool>,
    /// The open heading's title stopped mid-phrase: a next text line goes on with it.
    pub(super) title_open: bool,
    /// How the previous non-blank line ended, for the open provision.
    pub(super) end: End,
    /// The previous non-blank line, trimmed (to join text wrapped by PDF extraction).
    pub(super) last_line: String,
    /// Line where an open quoted amendment began.
    pub(super) quote: Option<usize>,
    /// Inside the act's closing.
    pub(super) closing: bool,
    /// `<!-- redação anterior -->` seen: the next provision is an outdated wording.
    pub(super) superseded: bool,
    /// Id prefix of the current norm ("lei-8742_"), empty for the page's first norm.
    pub(super) norm_prefix: String,
    pub(super) norms: u32,
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
        status: None,
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
            articles_seen: false,
            prev_blank: true,
            pending_title: None,
            title_open: false,
            end: End::Empty,
            last_line: String::new(),
            quote: None,
            closing: false,
            superseded: false,
            norm_prefix: String::new(),
            norms: 1,
        }
    }

    fn finish(mut self) -> NormativeText {
        self.close_quote_unfinished();
        self.truncate(1);
        let provisions = self.stack.pop().map(|f| f.node.children).unwrap_or_default();
        NormativeText { provisions, warnings: self.warnings }
    }

    pub(super) fn top(&self) -> Option<&Frame> {
        self.stack.last()
    }

    /// Closes the top provision into its parent (never the root). The status its text
    /// declares ("(Revogado)", "(VETADO)") is read now that the text is complete; an
    /// article takes the status of its caput.
    pub(super) fn pop(&mut self) {
        if self.stack.len() > 1 {
            if let Some(mut frame) = self.stack.pop() {
                let n = &mut frame.node;
                if n.status.is_none() {
                    n.status = match n.kind {
                        K::Caput | K::Paragraph | K::Inciso | K::Alinea | K::Item => declared_status(&n.text),
                        K::Article => n.children.first().filter(|c| c.kind == K::Caput).and_then(|c| c.status),
                        _ => None,
                    };
                }
                if let Some(parent) = self.stack.last_mut() {
                    parent.node.children.push(frame.node);
                }
            }
        }
    }

    pub(super) fn truncate(&mut self, len: usize) {
        while self.stack.len() > len.max(1) {
            self.pop();
        }
    }

    /// Closes everything inside the current norm (headings too).
    pub(super) fn close_to_norm(&mut self) {
        let at = self.stack.iter().rposition(Frame::root_like).unwrap_or(0);
        self.truncate(at.saturating_add(1));
    }

    pub(super) fn close_to_heading(&mut self) {
        while self.top().is_some_and(|f| !f.root_like() && f.node.kind != K::Heading) {
            self.pop();
        }
    }

    /// Names from the top of the stack down, for phrases.
    fn chain(&self) -> Vec<(K, &str)> {
        let named = self.stack.iter().rev().filter(|f| !f.root);
        named.map(|f| (f.node.kind, f.node.name.as_deref().unwrap_or(""))).collect()
    }

    pub(super) fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(LegalWarning { line, message, hint: None });
    }

    pub(super) fn warn_hint(&mut self, line: usize, message: String, hint: &str) {
        self.warnings.push(LegalWarning { line, message, hint: Some(hint.to_string()) });
    }

    /// An open provision of `kind` below the nearest barrier (see `settle`).
    pub(super) fn open_sibling(&self, kind: K, numbered: bool) -> Option<usize> {
        for (i, f) in self.stack.iter().enumerate().rev() {
            let same = f.node.kind == kind && (kind != K::Item || f.node.number.is_some() == numbered);
            if same && !f.root_like() {
                return Some(i);
            }
            if f.is_barrier() {
                return None;
            }
        }
        None
    }

    /// Closes provisions until the top can receive a new `kind`: the parent of
    /// an open sibling of the same kind (searched up to the nearest article,
    /// caput, paragraph or heading), else the nearest frame that accepts it.
    /// So each of inciso, alínea and numbered item is open at most once
    /// between two barriers, which bounds the depth of the stack.
    pub(super) fn settle(&mut self, kind: K, numbered: bool) {
        let parent = self.open_sibling(kind, numbered).or_else(|| {
            let found = self.stack.iter().rposition(|f| f.accepts(kind, numbered));
            found.map(|i| i.saturating_add(1))
        });
        self.truncate(parent.unwrap_or(1));
    }

    /// The id of the top frame if it is a dispositivo (ids of headings and of
    /// the root do not prefix the ids of their provisions).
    pub(super) fn id_prefix(&self) -> String {
        let top = self.top().filter(|f| !f.root_like() && !matches!(f.node.kind, K::Heading | K::Text | K::Preamble));
        top.and_then(|f| f.node.id.as_deref()).map_or_else(|| self.norm_prefix.clone(), |id| format!("{id}_"))
    }

    /// Takes the editor's "redação anterior" mark for the provision being opened.
    fn take_superseded(&mut self) -> bool {
        std::mem::take(&mut self.superseded)
    }

    pub(super) fn push(&mut self, frame: Frame) {
        self.stack.push(frame);
    }

    /// Opens an inciso, alínea or item (numbered or bullet) under the current
    /// top; the caller has settled the stack.
    pub(super) fn open_list(&mut self, kind: K, label: &str, number: Option<u32>, line: usize, inline: bool) {
        let prefix = self.id_prefix();
        let superseded = self.take_superseded();
        let (name, part) = match number {
            Some(n) => {
                if !superseded {
                    self.check_sequence(kind, n, line);
                }
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
        n.id = Some(self.anchors.unique(format!("{prefix}{part}{}", superseded_suffix(superseded))));
        n.status = superseded.then_some(Status::Superseded);
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
            if new == prev {
                self.warn_hint(line, message, REPEAT_HINT);
            } else {
                self.warn(line, message);
            }
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
        // A Markdown bullet before a numbered label is formatting ("- I - texto"), whatever
        // the line turns out to be.
        let t = strip_bullet(raw.trim()).unwrap_or(raw.trim());
        if let Line::Comment(m) = token {
            // Marker lines are transparent: the lines around them read as if they were adjacent.
            self.marker(m, n);
            return;
        }
        if self.quote.is_some() && self.quote_line(&token, t) {
            return;
        }
        if self.closing && self.closing_line(&token, t, n) {
            return;
        }
        if let Some(blank_seen) = self.pending_title {
            match token {
                Line::Blank => {
                    self.pending_title = Some(true);
                    self.prev_blank = true;
                    return;
                }
                // Right below the heading any text is its name; after a blank line, a line
                // shaped like a name ("DA ORGANIZAÇÃO", "Da Organização e da Gestão").
                Line::Text(t) if !blank_seen || is_upper(t) || is_title_like(t) => {
                    if let Some(f) = self.stack.last_mut() {
                        f.node.text = t.to_string();
                    }
                    self.pending_title = None;
                    self.title_open = title_open(t);
                    self.prev_blank = false;
                    return;
                }
                _ => self.pending_title = None,
            }
        }
        if std::mem::take(&mut self.title_open) {
            if let Line::Text(t) = token {
                // A heading's name wrapped onto the next line.
                if let Some(f) = self.stack.last_mut().filter(|f| f.node.kind == K::Heading) {
                    f.node.text.push('\n');
                    f.node.text.push_str(t);
                    self.title_open = title_open(t);
                    return;
                }
            }
        }
        let after_blank = std::mem::replace(&mut self.prev_blank, false);
        if token == Line::Blank {
            self.prev_blank = true;
            return;
        }
        if self.starts_closing(&token, t) {
            self.open_closing(n);
            self.closing_line(&token, t, n);
            return;
        }
        if self.starts_amendment(&token, t) {
            self.open_amendment(t, n);
            return;
        }
        let token = if self.continues(&token, after_blank) { Line::Text(t) } else { token };
        match token {
            Line::Blank | Line::Comment(_) => {}
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
                } else {
                    self.title_open = title_open(title);
                }
            }
            Line::Article { label, num, rest } => {
                self.article(label, &num, n);
                self.feed_line(rest, n);
            }
            Line::Paragraph { label, num, rest } => {
                self.paragraph(label, &num, n);
                self.feed_line(rest, n);
            }
            Line::Inciso { label, value, rest } => {
                // "C. ", "D. ", "L. ", "M. " are incisos only when they continue one.
                let single = matches!(value, 50 | 100 | 500 | 1000);
                if single && self.open_inciso() != value.checked_sub(1) {
                    self.text(t, after_blank, n);
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
        t.clone_into(&mut self.last_line);
    }

    /// Feeds what follows a label and remembers how the line ended.
    fn feed_line(&mut self, rest: &str, n: usize) {
        self.feed(rest, n);
        self.end = line_end(rest);
    }

    fn list_line(&mut self, kind: K, label: &str, number: Option<u32>, rest: &str, n: usize) {
        self.settle(kind, number.is_some());
        self.open_list(kind, label, number, n, false);
        self.feed_line(rest, n);
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
            let base = parent.map_or_else(|| format!("{}{part}", self.norm_prefix), |p| format!("{p}_{part}"));
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
        let superseded = self.take_superseded();
        if let (Some(v), false, true, false) = (num.value, num.unique, num.suffix.is_empty(), superseded) {
            if let Some(prev) = self.last_article.replace(v) {
                if let Some(message) = anchor::sequence_warning(K::Article, prev, v, "") {
                    if v == prev {
                        self.warn_hint(n, message, REPEAT_HINT);
                    } else {
                        self.warn(n, message);
                    }
                }
            }
        }
        self.articles_seen = true;
        let mut art = node(K::Article, Some(label), n);
        let base = format!("{}art{}{}", self.norm_prefix, anchor::num_id(num), superseded_suffix(superseded));
        let id = self.anchors.unique(base);
        art.name = Some(anchor::article_name(num));
        art.number = if num.unique { None } else { num.value };
        art.status = superseded.then_some(Status::Superseded);
        let mut caput = node(K::Caput, None, n);
        caput.id = Some(self.anchors.unique(format!("{id}_cpt")));
        caput.name = Some("caput".to_string());
        art.id = Some(id);
        self.push(Frame::new(art));
        self.push(Frame::new(caput));
        self.end = End::Empty;
    }

    fn paragraph(&mut self, label: &str, num: &Num, n: usize) {
        self.settle(K::Paragraph, true);
        let superseded = self.take_superseded();
        // "§ 2º-A" after "§ 2º" is no repeat: lettered numbers stay out of the sequence.
        if let (Some(v), false, true, false) = (num.value, num.unique, num.suffix.is_empty(), superseded) {
            self.check_sequence(K::Paragraph, v, n);
        }
        let prefix = self.id_prefix();
        let mut p = node(K::Paragraph, Some(label), n);
        let base = format!("{prefix}par{}{}", anchor::num_id(num), superseded_suffix(superseded));
        p.id = Some(self.anchors.unique(base));
        p.name = Some(anchor::paragraph_name(num));
        p.number = if num.unique { None } else { num.value };
        p.status = superseded.then_some(Status::Superseded);
        self.push(Frame::new(p));
        self.end = End::Empty;
    }
}

fn superseded_suffix(superseded: bool) -> &'static str {
    if superseded {
        "_anterior"
    } else {
        ""
    }
}

fn id_word(kind: K) -> &'static str {
    match kind {
        K::Inciso => "inc",
        K::Alinea => "ali",
        _ => "ite",
    }
}
