//! What surrounds and interrupts the articles of an act: the editor's markers (a further
//! norm, an outdated wording, the closing), the closing itself, and quoted amendment text.

use super::closing::{is_enacting_order, is_place_date, is_role, norm_slug, signature, Marker};
use super::ending::{line_end, strip_annotations, End};
use super::frame::Frame;
use super::lexer::{classify, Line};
use super::parser::{node, Parser};
use super::ProvisionKind as K;

const NORM_HINT: &str = "escreva o nome da norma no marcador, por exemplo <!-- norma: Lei nº 1.234, de 2010 -->";
const QUOTE_HINT: &str = "feche o texto da alteração com ” (aspas) no fim da sua última linha";
const AFTER_CLOSING_HINT: &str =
    "se outra norma começa aqui, escreva <!-- norma: nome da norma --> na linha de cima do artigo";

impl Parser {
    pub(super) fn marker(&mut self, marker: Marker<'_>, n: usize) {
        match marker {
            Marker::Norm(title) => self.open_norm(title, n),
            Marker::Superseded => self.superseded = true,
            Marker::Closing => {
                self.close_quote_unfinished();
                if !self.closing {
                    self.open_closing(n);
                }
            }
            Marker::Note => {}
        }
    }

    /// `<!-- norma: … -->`: everything open is closed; the new norm numbers its articles
    /// from scratch and prefixes its ids with its own ("lei-8742_art20").
    fn open_norm(&mut self, title: &str, n: usize) {
        self.close_quote_unfinished();
        self.truncate(1);
        self.closing = false;
        self.pending_title = None;
        self.norms = self.norms.saturating_add(1);
        let slug = norm_slug(title);
        let base = if slug.is_empty() { format!("norma{}", self.norms) } else { slug };
        let id = self.anchors.unique(base);
        if title.is_empty() {
            self.warn_hint(n, "norma sem nome no marcador <!-- norma -->".to_string(), NORM_HINT);
        }
        let mut norm = node(K::Norm, None, n);
        norm.text = title.to_string();
        norm.name = Some(if title.is_empty() { format!("norma {}", self.norms) } else { title.to_string() });
        self.norm_prefix = format!("{id}_");
        norm.id = Some(id);
        self.push(Frame::new(norm));
        self.last_article = None;
        self.articles_seen = false;
        self.end = End::Empty;
    }

    /// After the last article: "Cidade/UF, 10 de junho de 2025.", "Publique-se.", or a
    /// signer with the role run together ("JOÃO DA SILVAPrefeito Municipal").
    pub(super) fn starts_closing(&self, token: &Line<'_>, t: &str) -> bool {
        if !self.articles_seen || !matches!(token, Line::Text(_)) {
            return false;
        }
        is_place_date(t) || is_enacting_order(t) || signature(t).is_some_and(|(_, role)| role < t.len())
    }

    pub(super) fn open_closing(&mut self, n: usize) {
        self.close_to_norm();
        let mut closing = node(K::Closing, None, n);
        closing.name = Some("fecho".to_string());
        self.push(Frame::new(closing));
        self.closing = true;
        self.pending_title = None;
    }

    /// A line inside the closing; `false` when it ends the closing (an article or a
    /// heading: the caller reads it as usual).
    pub(super) fn closing_line(&mut self, token: &Line<'_>, t: &str, n: usize) -> bool {
        match token {
            Line::Blank => return true,
            Line::Article { .. } | Line::Heading { .. } | Line::MdHeading { .. } => {
                self.close_to_norm();
                self.closing = false;
                if matches!(token, Line::Article { .. }) {
                    self.warn_hint(n, "artigo depois do fecho da norma".to_string(), AFTER_CLOSING_HINT);
                }
                return false;
            }
            _ => {}
        }
        let Some(frame) = self.stack.last_mut().filter(|f| f.node.kind == K::Closing) else { return false };
        let parts = &mut frame.node.children;
        let wrapped = |p: &&mut super::Provision| {
            matches!(p.kind, K::PlaceDate | K::Text) && line_end(p.text.rsplit('\n').next().unwrap_or("")) == End::Open
        };
        if is_place_date(t) {
            let mut p = node(K::PlaceDate, None, n);
            p.text = t.to_string();
            parts.push(p);
        } else if let Some(last) =
            parts.last_mut().filter(|p| p.kind == K::Signature && p.text.is_empty() && is_role(t))
        {
            // The role on the line below the name.
            t.clone_into(&mut last.text);
        } else if let Some((name_end, role_start)) = signature(t) {
            let mut s = node(K::Signature, t.get(..name_end), n);
            s.text = t.get(role_start..).unwrap_or("").to_string();
            parts.push(s);
        } else if let Some(last) = parts.last_mut().filter(wrapped) {
            // A place and date (or a closing text) wrapped onto the next line.
            last.text.push('\n');
            last.text.push_str(t);
        } else {
            let mut p = node(K::Text, None, n);
            p.text = t.to_string();
            parts.push(p);
        }
        true
    }

    /// Inside an article, a line opening a quote before a provision ("“Art. 116. …",
    /// "“§ 3º …") starts the text the article gives to another act.
    pub(super) fn starts_amendment(&self, token: &Line<'_>, t: &str) -> bool {
        if !matches!(token, Line::Text(_)) || !self.stack.iter().any(|f| f.node.kind == K::Article) {
            return false;
        }
        let Some(q) = t.chars().next().filter(|c| matches!(c, '“' | '"' | '«' | '‘')) else { return false };
        let inner = t.get(q.len_utf8()..).unwrap_or("").trim_start();
        matches!(
            classify(inner),
            Line::Article { .. }
                | Line::Paragraph { .. }
                | Line::Inciso { .. }
                | Line::Alinea { .. }
                | Line::Item { .. }
                | Line::Heading { .. }
        )
    }

    pub(super) fn open_amendment(&mut self, t: &str, n: usize) {
        while self.top().is_some_and(|f| !f.owns_text() && f.node.kind != K::Article && !f.root_like()) {
            self.pop();
        }
        let prefix = self.id_prefix();
        let count = self.stack.last_mut().map_or(1, |f| {
            f.amendments = f.amendments.saturating_add(1);
            f.amendments
        });
        let mut a = node(K::Amendment, None, n);
        a.id = Some(self.anchors.unique(format!("{prefix}alt{count}")));
        a.name = Some("alteração".to_string());
        a.text = t.to_string();
        self.push(Frame::new(a));
        self.quote = Some(n);
        if closes_quote(t, true) {
            self.end_quote(t);
        }
    }

    fn end_quote(&mut self, t: &str) {
        self.pop();
        self.quote = None;
        self.end = line_end(t);
        t.clone_into(&mut self.last_line);
    }

    /// A line inside an open amendment; `false` when an unquoted article shows that the
    /// closing quote is missing (the caller then reads the line as usual).
    pub(super) fn quote_line(&mut self, token: &Line<'_>, t: &str) -> bool {
        match token {
            Line::Blank => true,
            Line::Article { .. } => {
                self.close_quote_unfinished();
                false
            }
            _ => {
                if let Some(f) = self.stack.last_mut().filter(|f| f.node.kind == K::Amendment) {
                    f.node.text.push('\n');
                    f.node.text.push_str(t);
                }
                if closes_quote(t, false) {
                    self.end_quote(t);
                }
                true
            }
        }
    }

    /// Ends an amendment whose closing quote never came, with a warning at its start.
    pub(super) fn close_quote_unfinished(&mut self) {
        let Some(start) = self.quote.take() else { return };
        while self.top().is_some_and(|f| f.node.kind == K::Amendment) {
            self.pop();
        }
        self.warn_hint(start, "texto de alteração aberto com aspas e não fechado".to_string(), QUOTE_HINT);
        self.end = End::Closed('.');
    }
}

/// "… por ano.” (NR)", "…texto.”": the line closes the quote. On the opening line a
/// straight `"` closes only if it is not the opening one.
fn closes_quote(t: &str, first: bool) -> bool {
    let s = strip_annotations(t);
    match s.chars().next_back() {
        Some('”' | '»' | '’') => true,
        Some('"') => !first || s.chars().count() > 1,
        _ => false,
    }
}
