//! HTML for a [`NormativeText`]: semantic elements carrying the LexML ids,
//! labels shown as published text (never CSS counters), and a keyboard
//! reachable self-link beside each provision. All text is escaped.

use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write as _;

use super::anchor::{phrase, Prep};
use super::links::{visible_text, write_text};
use super::{summary, NormativeText, Provision, ProvisionKind as K};

/// Minimal style the theme includes (themes/default/static/css/site.css): lists show the
/// published labels only. Used here by the standalone test page.
#[cfg(test)]
pub(crate) const LEGAL_CSS: &str = "\
.texto-normativo ol,.texto-normativo ul,.sumario ol{list-style:none;margin:0;padding-left:1.5em}\
.texto-normativo>ol,.texto-normativo>ul{padding-left:0}\
.texto-normativo p{margin:.4em 0}\
.texto-normativo .rotulo{font-weight:bold}\
.texto-normativo .ancora{display:inline-block;min-width:24px;min-height:24px;text-align:center;text-decoration:none}\
.sumario a{display:inline-block;min-height:24px;padding:2px 0}\
.texto-normativo .ancora:hover,.texto-normativo .ancora:focus{text-decoration:underline}\
.texto-normativo [id]{scroll-margin-top:1em}\
.texto-normativo :target{outline:2px solid currentColor;outline-offset:2px}\
.texto-normativo [data-situacao]{color:#4a4a4a;border-left:3px dashed currentColor;padding-left:.5em}\
.texto-normativo .fecho{margin-top:1.5em}";

pub(crate) use crate::escape::{escape, escape_into};

/// A complete HTML5 document: title, table of contents and the text (the test suite validates
/// it as a whole page).
#[cfg(test)]
pub(crate) fn render_html(text: &NormativeText, page_title: &str) -> String {
    let title = match page_title.trim() {
        "" => "Texto normativo",
        t => t,
    };
    let title = escape(title);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"pt-BR\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{LEGAL_CSS}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
    );
    out.push_str(&render_toc(text));
    out.push_str(&render_fragment(text));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The text alone, to embed in a page whose `<h1>` is above it (headings
/// of the law start at `<h2>`).
pub fn render_fragment(text: &NormativeText) -> String {
    let mut r = Renderer { out: String::new(), seen: HashMap::default() };
    r.out.push_str("<div class=\"texto-normativo\">\n");
    r.nodes(&text.provisions, &mut Vec::new(), 2);
    r.out.push_str("</div>\n");
    r.out
}

/// `<nav>` with nested lists of headings and articles; empty if there are none.
pub fn render_toc(text: &NormativeText) -> String {
    let mut list = String::new();
    toc_list(&text.provisions, &mut list);
    if list.is_empty() {
        return list;
    }
    format!("<nav class=\"sumario\" aria-label=\"Sumário\">\n{list}</nav>\n")
}

fn toc_list(nodes: &[Provision], out: &mut String) {
    let mut items = String::new();
    toc_items(nodes, &mut items);
    if !items.is_empty() {
        let _ = write!(out, "<ol>\n{items}</ol>\n");
    }
}

fn toc_items(nodes: &[Provision], out: &mut String) {
    for p in nodes {
        let (Some(id), K::Heading | K::Article | K::Norm) = (p.id.as_deref(), p.kind) else {
            if matches!(p.kind, K::Heading | K::Norm) {
                toc_items(&p.children, out);
            }
            continue;
        };
        let rest = match p.kind {
            K::Heading => summary(&p.text, 100),
            K::Norm => summary(p.name.as_deref().unwrap_or(""), 100),
            _ => summary(&visible_text(p.children.first().map_or("", |c| c.text.as_str())), 100),
        };
        let text = [p.label.as_deref().unwrap_or(""), rest.as_str()].join(" ");
        let _ = write!(out, "<li><a href=\"#{}\">{}</a>", escape(id), escape(text.trim()));
        if matches!(p.kind, K::Heading | K::Norm) {
            out.push('\n');
            toc_list(&p.children, out);
        }
        out.push_str("</li>\n");
    }
}

/// How a run of list provisions is wrapped.
fn list_of(p: &Provision) -> Option<(&'static str, &'static str, &'static str)> {
    match (p.kind, p.number) {
        (K::Inciso, _) => Some(("ol", "incisos", "inciso")),
        (K::Alinea, _) => Some(("ol", "alineas", "alinea")),
        (K::Item, Some(_)) => Some(("ol", "itens", "item")),
        (K::Item, None) => Some(("ul", "itens", "item")),
        _ => None,
    }
}

struct Renderer {
    out: String,
    /// Link labels already used, to tell repeated numbering apart.
    seen: HashMap<String, u32>,
}

type Chain<'a> = Vec<(K, &'a str)>;

impl Renderer {
    fn nodes<'a>(&mut self, nodes: &'a [Provision], chain: &mut Chain<'a>, level: u8) {
        let mut i = 0;
        while let Some(p) = nodes.get(i) {
            let Some(list) = list_of(p) else {
                self.block(p, chain, level);
                i += 1;
                continue;
            };
            let (tag, class, _) = list;
            let _ = writeln!(self.out, "<{tag} class=\"{class}\">");
            while let Some(q) = nodes.get(i).filter(|q| list_of(q) == Some(list)) {
                self.list_item(q, chain, level);
                i += 1;
            }
            let _ = writeln!(self.out, "</{tag}>");
        }
    }

    fn list_item<'a>(&mut self, p: &'a Provision, chain: &mut Chain<'a>, level: u8) {
        let class = list_of(p).map_or("item", |(_, _, c)| c);
        let _ = write!(self.out, "<li class=\"{class}{}>", attrs(p));
        self.labelled_text(p, None, chain);
        self.children(p, chain, level);
        self.out.push_str("</li>\n");
    }

    /// `<span class="rotulo">XVIII.</span> text <a class="ancora">#</a>`; an
    /// article passes its own label and link to be shown before its caput.
    fn labelled_text<'a>(&mut self, p: &'a Provision, article: Option<&'a Provision>, chain: &Chain<'a>) {
        let label = article.unwrap_or(p).label.as_deref().unwrap_or("");
        if !label.is_empty() {
            let _ = write!(self.out, "<span class=\"rotulo\">{}</span>", escape(label));
        }
        if let Some(art) = article {
            let outer: Chain<'a> = chain.iter().take(chain.len().saturating_sub(1)).copied().collect();
            self.anchor(art, &outer);
        }
        // An outdated wording says so in words (its own text does not).
        if article.unwrap_or(p).status == Some(super::Status::Superseded) {
            self.out.push_str(" <span class=\"situacao\">(redação anterior)</span>");
        }
        if !p.text.is_empty() {
            if !label.is_empty() {
                self.out.push(' ');
            }
            write_text(&mut self.out, &p.text);
        }
        self.anchor(p, chain);
    }

    fn children<'a>(&mut self, p: &'a Provision, chain: &mut Chain<'a>, level: u8) {
        if p.children.is_empty() {
            return;
        }
        chain.push((p.kind, p.name.as_deref().unwrap_or("")));
        self.out.push('\n');
        self.nodes(&p.children, chain, level);
        chain.pop();
    }

    fn block<'a>(&mut self, p: &'a Provision, chain: &mut Chain<'a>, level: u8) {
        match p.kind {
            K::Heading => self.heading(p, chain, level),
            K::Article => {
                let _ = writeln!(self.out, "<div class=\"artigo{}>", attrs(p));
                chain.push((p.kind, p.name.as_deref().unwrap_or("")));
                let mut rest = p.children.as_slice();
                if let Some((caput, after)) = rest.split_first().filter(|(c, _)| c.kind == K::Caput) {
                    let _ = write!(self.out, "<div class=\"caput{}><p>", attrs(caput));
                    self.labelled_text(caput, Some(p), chain);
                    self.out.push_str("</p>");
                    self.children(caput, chain, level);
                    self.out.push_str("</div>\n");
                    rest = after;
                } else {
                    // Not produced by the parser; keep the label visible anyway.
                    let outer: Chain<'a> = chain.iter().take(chain.len().saturating_sub(1)).copied().collect();
                    self.out.push_str("<p>");
                    self.labelled_text(p, None, &outer);
                    self.out.push_str("</p>\n");
                }
                self.nodes(rest, chain, level);
                chain.pop();
                self.out.push_str("</div>\n");
            }
            K::Caput | K::Paragraph => {
                let class = if p.kind == K::Caput { "caput" } else { "paragrafo" };
                let _ = write!(self.out, "<div class=\"{class}{}><p>", attrs(p));
                self.labelled_text(p, None, chain);
                self.out.push_str("</p>");
                self.children(p, chain, level);
                self.out.push_str("</div>\n");
            }
            K::Text | K::Inciso | K::Alinea | K::Item | K::Preamble | K::PlaceDate => {
                let class = match p.kind {
                    K::Preamble => "preambulo",
                    K::PlaceDate => "local-data",
                    _ => "texto",
                };
                if !p.text.is_empty() || p.label.is_some() {
                    let _ = write!(self.out, "<p class=\"{class}\">");
                    self.labelled_text(p, None, chain);
                    self.out.push_str("</p>\n");
                }
                self.nodes(&p.children, chain, level);
            }
            K::Norm => self.norm(p, chain, level),
            K::Closing => {
                self.out.push_str("<div class=\"fecho\">\n");
                self.nodes(&p.children, chain, level);
                self.out.push_str("</div>\n");
            }
            K::Signature => {
                // Name and role are often run together in the source ("SILVAPrefeito").
                self.out.push_str("<p class=\"assinatura\">");
                if let Some(name) = p.label.as_deref() {
                    let _ = write!(self.out, "<span class=\"nome\">{}</span>", escape(name));
                }
                if !p.text.is_empty() {
                    let _ = write!(self.out, "<br><span class=\"cargo\">{}</span>", escape(&p.text));
                }
                self.out.push_str("</p>\n");
            }
            K::Amendment => {
                let _ = writeln!(self.out, "<blockquote class=\"alteracao\"{}>", id_attr(p));
                for (i, line) in p.text.lines().enumerate() {
                    self.out.push_str("<p>");
                    write_text(&mut self.out, line);
                    if i == 0 {
                        self.anchor(p, chain);
                    }
                    self.out.push_str("</p>\n");
                }
                self.out.push_str("</blockquote>\n");
            }
        }
    }

    /// A further norm on the page: a section with its title as heading.
    fn norm<'a>(&mut self, p: &'a Provision, chain: &mut Chain<'a>, level: u8) {
        let h = level.min(6);
        let _ = write!(self.out, "<section class=\"norma-parte\"{}", id_attr(p));
        if p.text.is_empty() {
            let name = p.name.as_deref().unwrap_or("norma");
            let _ = writeln!(self.out, " aria-label=\"{}\">", escape(name));
        } else {
            let _ = write!(self.out, ">\n<h{h}><span class=\"titulo\">{}</span>", escape(&p.text));
            self.anchor(p, &Vec::new());
            let _ = writeln!(self.out, "</h{h}>");
        }
        self.nodes(&p.children, chain, level.saturating_add(1));
        self.out.push_str("</section>\n");
    }

    fn heading<'a>(&mut self, p: &'a Provision, chain: &mut Chain<'a>, level: u8) {
        let h = level.min(6);
        let _ = write!(self.out, "<section class=\"agrupador\"{}>\n<h{h}>", id_attr(p));
        if p.name.is_some() {
            let label = p.label.as_deref().unwrap_or("");
            let _ = write!(self.out, "<span class=\"rotulo\">{}</span>", escape(label));
            if !p.text.is_empty() {
                let _ = write!(self.out, " <span class=\"titulo\">{}</span>", escape(&p.text));
            }
            self.anchor(p, chain);
        } else {
            // A plain "#" heading: its title (never empty) only.
            escape_into(&mut self.out, &p.text);
        }
        let _ = writeln!(self.out, "</h{h}>");
        chain.push((p.kind, p.name.as_deref().unwrap_or("")));
        self.nodes(&p.children, chain, level.saturating_add(1));
        chain.pop();
        self.out.push_str("</section>\n");
    }

    /// `<a class="ancora" href="#art27_cpt_inc2" aria-label="Link para o inciso II do art. 27">#</a>`
    fn anchor(&mut self, p: &Provision, chain: &Chain<'_>) {
        let Some(id) = p.id.as_deref() else { return };
        let mut names: Chain<'_> = vec![(p.kind, p.name.as_deref().unwrap_or(""))];
        names.extend(chain.iter().rev().copied());
        let what = phrase(Prep::Bare, &names);
        let mut label = match p.kind {
            K::Norm => format!("Link para {}", p.name.as_deref().unwrap_or("esta norma")),
            _ if what.is_empty() => "Link para este trecho".to_string(),
            _ => format!("Link para {what}"),
        };
        if let Some(status) = p.status {
            let _ = write!(label, " ({})", status.word());
        }
        let count = self.seen.entry(label.clone()).or_insert(0);
        *count = count.saturating_add(1);
        if *count > 1 {
            let _ = write!(label, " ({count}ª ocorrência)");
        }
        let _ =
            write!(self.out, " <a class=\"ancora\" href=\"#{}\" aria-label=\"{}\">#</a>", escape(id), escape(&label));
    }
}

/// The rest of a `class="…` attribute (status class) and the id and status attributes:
/// `" revogado" id="art5" data-situacao="revogado"`.
fn attrs(p: &Provision) -> String {
    match p.status {
        Some(s) => format!(" {}\"{} data-situacao=\"{}\"", s.class(), id_attr(p), s.class()),
        None => format!("\"{}", id_attr(p)),
    }
}

fn id_attr(p: &Provision) -> String {
    p.id.as_deref().map(|id| format!(" id=\"{}\"", escape(id))).unwrap_or_default()
}
