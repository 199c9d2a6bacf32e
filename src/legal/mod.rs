//! Normative text: pasted Brazilian law turned into a linkable tree.
//!
//! [`parse`] reads the text as published and returns a [`NormativeText`]: a
//! tree of [`Provision`]s with LexML-style anchors and warnings about the
//! numbering; [`render_fragment`], [`render_html`] and [`render_toc`] publish it.
//! Nothing is regenerated: labels ("XVIII.", "Art. 27 -") and text are kept as
//! published, only surrounding whitespace is trimmed, and gaps or repeats in
//! the numbering are kept and reported. Parsing never panics and is linear in
//! the size of the input (one pass over the lines, bounded look-ahead).
//!
//! # Grammar (one physical line at a time, leading whitespace and NBSP ignored)
//!
//! | line starts with | becomes |
//! |---|---|
//! | 1–6 `#`, a space, a title | plain heading (`label` holds the `#`s, no id) |
//! | `TÍTULO`/`CAPÍTULO`/`SEÇÃO`/`SUBSEÇÃO` (any case, accents optional) + roman, arabic or `único` | heading; the title follows on the same line (after an optional `-`, `–`, `.`, `:`) or on the next line (directly, or after blank lines when in capitals) |
//! | `Art.`/`Art`/`Artigo` + number (`1º`, `1°`, `1o`, `10`, `1.000`, `42-A`) or `único`, then an optional `-` `–` `—` `.` `:` | article; the rest of the line is its caput |
//! | `§` + number, or `Parágrafo único` (any case), optional separator | paragraph |
//! | canonical roman numeral + `.`, `)`, or optional spaces + `-` `–` `—` | inciso (`I.`, `V-`, `IV –`, `II)`); a lone `L`, `C`, `D`, `M` only when it continues an open inciso |
//! | `a`–`z` + `)`, `.`, or ` -` and whitespace | alínea |
//! | 1–3 digits + `.`, `)`, or ` -` and whitespace | item (`1.`, `1)`, `1 -`) |
//! | `-`, `–` or `•` before a word | unnumbered item |
//! | anything else | text |
//!
//! Nesting: a new provision becomes the sibling of an open one of the same kind
//! (looked for up to the nearest article, caput, paragraph or heading), else
//! the child of the nearest open provision that can hold it (incisos in a caput
//! or paragraph; alíneas in an inciso or a numbered item; items in an alínea,
//! inciso, caput or paragraph). Before the first article, provisions sit at the
//! top level or under their heading. Articles close everything up to the
//! innermost heading; headings close headings of the same or a lower level.
//! A text line right after a provision (no blank line) continues its text
//! (joined with `\n`); after a blank line it is a text of its own, outside any
//! article.
//!
//! # Inline splits (the seeds' mess)
//!
//! Only after whitespace, in the text of a caput, paragraph, inciso, alínea:
//! * **incisos sharing a line** split when the numeral is exactly the next one
//!   of the open inciso and follows `;`, `:` or `.` (or ends an inline list
//!   item): "…vinculados; XVIII. gerir…", "…Humano III - tratando-se…". A
//!   first "I" splits only after `:` ("…incumbe: I - em consonância…", also in
//!   a plain text line). Otherwise a numeral stays text: "art. 5º, I, da Lei".
//! * **lists run with " -"** start at a dash right after `:` or `;` and before
//!   a word ("órgãos: -Coordenadoria…", "ações; - Programa…"); once started,
//!   each " -Word" or " - Word" (capital) opens the next item, except " - "
//!   before an acronym ("Trabalho Infantil - PETI" stays one item). A dash not
//!   after `:`/`;` never starts a list ("básica - contribuirá"). Known limit:
//!   "Meio Aberto - Liberdade Assistida" inside a list becomes two items.
//!   Items keep their own punctuation ("Coordenadoria Administrativa;").
//!
//! # Anchors (LexML)
//!
//! Ids follow the `id` attributes of LexML Brasil XML (`Artigo id="art1"`,
//! `Caput id="art1_cpt"`, `Inciso id="art1_cpt_inc1"`, `Alinea
//! id="art1_cpt_inc1_ali1"`, `Item id="art1_cpt_inc1_ali1_ite1"`, `Paragrafo
//! id="art1_par1u"`, `Capitulo id="tit1_cap1"`, "art63-3" for Art. 63-C), as
//! in lexml/lexml-eta and lexml/lexml-urn-formatter (`Urn2Rotulo`: tit, cap,
//! sec, sub, art, par, inc, ali, ite; `1u` for único):
//! * headings: `tit1`, `tit1_cap2`, `cap2_sec1` (nested as published); plain
//!   `#` headings have no id;
//! * articles: `art27`, `art1u` (único), `art42-1` (42-A; A = 1), not prefixed
//!   by their heading; caput `art27_cpt`;
//! * below: `art27_cpt_inc2`, `…_inc2_ali1` (a = 1), `…_ali1_ite1`,
//!   `art27_par1u`, `art27_par2`, `art27_par2_inc1`, inline list items
//!   `art42_cpt_ite1` (numbered by position);
//! * outside articles: the same without the article part: `inc1`, `par1u`,
//!   `par1u_inc1`, `ite1`, `ite4_ali1`;
//! * a repeated id gets `-2`, `-3`… (the first free one), so ids are unique in
//!   the page. Note LexML also uses `-N` for letter suffixes: a repeated
//!   Art. 42 and a real Art. 42-B would compete for `art42-2`; the first one
//!   met keeps it.
//!
//! # HTML
//!
//! [`render_fragment`] gives `<div class="texto-normativo">` to embed under a
//! page's `<h1>`: headings are `<section class="agrupador" id="cap2">` with
//! `<h2>`… by depth; articles `<div class="artigo" id="art27">` holding
//! `<div class="caput" id="art27_cpt"><p>…</p>`; paragraphs `<div
//! class="paragrafo">`; incisos, alíneas and items `<li id=…>` in `<ol
//! class="incisos|alineas|itens">` (bullets in `<ul class="itens">`); texts
//! `<p class="texto">`. The published label is `<span class="rotulo">`, never
//! a CSS counter ([`LEGAL_CSS`] removes list markers), and each provision with
//! an id has `<a class="ancora" href="#id" aria-label="Link para o inciso II do
//! art. 27">#</a>` (a repeated label gets " (2ª ocorrência)"). [`render_toc`]
//! is a `<nav class="sumario">` of headings and articles; [`render_html`] a
//! complete page (title, style, `<main>`, `<h1>`, summary, text).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::string_slice)]

mod acts;
mod anchor;
mod closing;
mod ending;
mod flow;
mod frame;
mod html;
mod inline;
mod lexer;
mod links;
mod numbers;
mod parser;
mod roman;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_fidelity;
#[cfg(test)]
mod tests_html;
#[cfg(test)]
mod tests_structure;

use serde::Serialize;

pub use html::{render_fragment, render_toc};
#[cfg(test)]
pub(crate) use html::{render_html, LEGAL_CSS};
pub use parser::parse;
pub use roman::to_roman;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionKind {
    /// Título, capítulo, seção, subseção, or a plain `#` heading.
    Heading,
    /// Its `label` is "Art. 27 -"; its `text` is empty; its first child is the caput.
    Article,
    Caput,
    Inciso,
    Alinea,
    Item,
    Paragraph,
    /// Any other line, kept exactly.
    Text,
    /// A further norm on the same page, opened by the editor's `<!-- norma: … -->` line:
    /// `text` is its title; its provisions are its children.
    Norm,
    /// The enacting formula before the first article ("… DECRETA:").
    Preamble,
    /// The act's closing after its last article (fecho): place and date, signatures, texts.
    Closing,
    /// "Perdizes/MG, 10 de junho de 2025." inside a closing.
    PlaceDate,
    /// A signature inside a closing: `label` is the signer's name as published
    /// ("JOÃO DA SILVA"), `text` the role ("Prefeito Municipal"), possibly empty.
    Signature,
    /// Quoted text of another act given by an amending provision (“Art. 116. …” (NR)),
    /// lines joined with `\n`, quotes included.
    Amendment,
}

/// What the published text says about a provision's force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// "(Revogado)", "(Revogado pela Lei nº …)".
    Revoked,
    /// "(VETADO)".
    Vetoed,
    /// Marked by the editor with `<!-- redação anterior -->`: an outdated wording printed
    /// beside the current one.
    Superseded,
}

impl Status {
    /// Portuguese word used in classes and link labels.
    pub fn word(self) -> &'static str {
        match self {
            Status::Revoked => "revogado",
            Status::Vetoed => "vetado",
            Status::Superseded => "redação anterior",
        }
    }

    /// CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Status::Revoked => "revogado",
            Status::Vetoed => "vetado",
            Status::Superseded => "redacao-anterior",
        }
    }
}

/// One node of the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provision {
    pub kind: ProvisionKind,
    /// As published: "Art. 27 -", "XVIII.", "Parágrafo Único –", "a.", "-", "##".
    pub label: Option<String>,
    /// How it is cited: "art. 27", "inciso XVIII", "parágrafo único", "capítulo II".
    pub name: Option<String>,
    /// Text after the label as published (lines joined with `\n`); a heading's title.
    pub text: String,
    /// LexML anchor, unique in the page.
    pub id: Option<String>,
    /// Number as published (inciso "XVIII" → 18, alínea "b" → 2); none for
    /// "único", bullets, texts, or numbers beyond `u32`.
    pub number: Option<u32>,
    pub children: Vec<Provision>,
    /// 1-based line where it starts.
    pub line: usize,
    /// Revoked, vetoed or superseded, when the text (or the editor) says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegalWarning {
    /// 1-based line.
    pub line: usize,
    /// In Portuguese: "inciso VI repetido no art. 28".
    pub message: String,
    /// In Portuguese: what the editor can do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NormativeText {
    pub provisions: Vec<Provision>,
    pub warnings: Vec<LegalWarning>,
}

impl NormativeText {
    /// All provisions, depth first, in document order.
    pub fn iter(&self) -> impl Iterator<Item = &Provision> {
        let mut stack: Vec<&Provision> = self.provisions.iter().rev().collect();
        std::iter::from_fn(move || {
            let next = stack.pop()?;
            stack.extend(next.children.iter().rev());
            Some(next)
        })
    }

    pub fn find(&self, id: &str) -> Option<&Provision> {
        self.iter().find(|p| p.id.as_deref() == Some(id))
    }

    pub fn articles(&self) -> Vec<&Provision> {
        self.iter().filter(|p| p.kind == ProvisionKind::Article).collect()
    }
}

/// The first line of `text`, cut at a word boundary before `max` characters.
pub(crate) fn summary(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() <= max {
        return line.to_string();
    }
    let mut out = String::new();
    for word in line.split_whitespace() {
        if out.chars().count().saturating_add(word.chars().count()) >= max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = line.chars().take(max).collect();
    }
    out.push('…');
    out
}
