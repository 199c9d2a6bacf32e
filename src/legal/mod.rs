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
//! | `<!--` and ends with `-->` (the whole line) | an editor's marker, never published: `<!-- norma: Título -->` starts a further norm (section, own numbering, ids prefixed with its slug: `lei-1234_art3`); `<!-- redação anterior -->` marks the next provision as an outdated wording (`art12_anterior`, status `superseded`); `<!-- fecho -->` starts the closing; any other comment is a note |
//! | 1–6 `#`, a space, a title | plain heading (`label` holds the `#`s, no id) |
//! | `TÍTULO`/`CAPÍTULO`/`SEÇÃO`/`SUBSEÇÃO` (any case, accents optional) + roman, arabic or `único` | heading; the title follows on the same line (after an optional `-`, `–`, `.`, `:`) or on the next line, or after blank lines when it looks like a name (capitals, or no final punctuation); a title ending on "de", "e", "," … goes on on the next line |
//! | `Art.`/`Art`/`Artigo` with a capital A + number (`1º`, `1°`, `1o`, `10`, `1.000`, `42-A`) or `único`, then an optional `-` `–` `—` `.` `:` | article; the rest of the line is its caput. Lower-case `art.` is a citation, never an article |
//! | `§` + number (`§ 2º-A`), or `Parágrafo único` (any case), optional separator | paragraph |
//! | canonical roman numeral + `.`, `)`, or optional spaces + `-` `–` `—` | inciso (`I.`, `V-`, `IV –`, `II)`); a lone `L`, `C`, `D`, `M` only when it continues an open inciso |
//! | `a`–`z` + `)`, `.`, or ` -` and whitespace | alínea |
//! | 1–3 digits + `.`, `)`, or ` -` and whitespace | item (`1.`, `1)`, `1 -`) |
//! | a Markdown bullet (`-`, `*`, `+`, `•`) before any of the four above | that provision (`- I - texto;` is inciso I; the bullet is formatting) |
//! | `-`, `–`, `•`, `* `, `+ ` before a word | unnumbered item |
//! | an opening quote before a provision (`“Art. 116.`), inside an article | quoted amendment text: every line up to the closing quote (`…” (NR)`) belongs to it |
//! | anything else | text |
//!
//! **Continuation (wrapped lines).** A line right after a provision's line (no blank
//! line between) continues that provision's text unless the previous line *ended*
//! (`;`, `.`, `:` before any trailing annotation such as "(Redação dada pela Lei …)" or
//! closing quote; "art." and "nº." are abbreviations; "…; e" ends) and the new line opens
//! a provision that fits: an article not going backwards, a list item whose list is open
//! or that starts one (number 1, or any number after ":"). So "art. 19. (Incluído …)",
//! "§ 2º deste artigo", "Capítulo III." or "24. (Regulamento)" at the start of a wrapped
//! line stay text. Free text before the first article wrapped by PDF extraction is joined
//! the same way (a line that did not end and was long, or ended with a comma, or a next
//! line in lower case).
//!
//! **Blank lines** only separate; they never change what a line is. A label alone on its
//! line (`Art. 124.`, `§ 1º`) takes its text from the next text line, blank lines or not.
//! A text line after a blank line, when the open provision already has text, is a text
//! of its own outside the article.
//!
//! **Around the articles.** Before the first article, a paragraph ending in an enacting
//! formula ("DECRETA:", "RESOLVE:", "… a seguinte Lei:") is the preamble. After an
//! article, a place and date ("Perdizes/MG, 10 de junho de 2025."), "Publique-se." or a
//! signer with the role run together ("JOÃO DA SILVAPrefeito Municipal") starts the
//! closing (fecho): place and date, signatures (name in capitals; a role only when it
//! starts with a known word, so a second signer is never taken for a role) and texts.
//!
//! **Status.** A provision whose text is "(Revogado)", "(VETADO)", "Revogado pela Lei …",
//! or ends with such an annotation, has status `revoked`/`vetoed` (an article takes its
//! caput's); the text stays as published.
//!
//! Nesting: a new provision becomes the sibling of an open one of the same kind
//! (looked for up to the nearest article, caput, paragraph or heading), else
//! the child of the nearest open provision that can hold it (incisos in a caput
//! or paragraph; alíneas in an inciso or a numbered item; items in an alínea,
//! inciso, caput or paragraph). Before the first article, provisions sit at the
//! top level or under their heading. Articles close everything up to the
//! innermost heading; headings close headings of the same or a lower level.
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
//! * a repeated id gets `_rep2`, `_rep3`… (the first free one), so ids are unique
//!   in the page; never `-2`, which LexML reads as a letter (Art. 42-B is
//!   `art42-2`). A number printed twice is warned about, with the hint to mark
//!   the outdated wording (`art12_anterior`);
//! * quoted amendments: `art1_cpt_alt1`; a further norm's provisions: its slug
//!   first (`lei-1234_art3`).
//!
//! # HTML
//!
//! [`render_fragment`] gives `<div class="texto-normativo">` to embed under a
//! page's `<h1>`: headings are `<section class="agrupador" id="cap2">` with
//! `<h2>`… by depth; articles `<div class="artigo" id="art27">` holding
//! `<div class="caput" id="art27_cpt"><p>…</p>`; paragraphs `<div
//! class="paragrafo">`; incisos, alíneas and items `<li id=…>` in `<ol
//! class="incisos|alineas|itens">` (bullets in `<ul class="itens">`); texts
//! `<p class="texto">`; the preamble `<p class="preambulo">`; the closing `<div
//! class="fecho">` with `<p class="local-data">` and `<p class="assinatura">` (name and
//! role in spans); amendments `<blockquote class="alteracao">`; a further norm
//! `<section class="norma-parte">`. A provision with a status has its class and
//! `data-situacao` ("revogado", "vetado", "redacao-anterior"); an outdated wording also
//! says "(redação anterior)" in words. Links written in the text (`[t](https://…)`,
//! `<https://…>`, bare `https://…`) become `<a href>` while `text` keeps them as
//! written. The published label is `<span class="rotulo">`, never
//! a CSS counter ([`LEGAL_CSS`] removes list markers), and each provision with
//! an id has `<a class="ancora" href="#id" aria-label="Link para o inciso II do
//! art. 27">#</a>` (a repeated label gets " (2ª ocorrência)"). [`render_toc`]
//! is a `<nav class="sumario">` of headings and articles; [`render_html`] a
//! complete page (title, style, `<main>`, `<h1>`, summary, text).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::string_slice)]

mod acts;
mod anchor;
pub(crate) mod closing;
mod ending;
mod flow;
mod frame;
mod html;
mod inline;
pub(crate) mod lexer;
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How it is cited: "art. 27", "inciso XVIII", "parágrafo único", "capítulo II".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Text after the label as published (lines joined with `\n`); a heading's title.
    pub text: String,
    /// LexML anchor, unique in the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Number as published (inciso "XVIII" → 18, alínea "b" → 2); none for
    /// "único", bullets, texts, or numbers beyond `u32`.
    #[serde(skip_serializing_if = "Option::is_none")]
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
/// Whether `text` holds normative text: a line that opens an article (`Art. 1º`), as in an
/// act pasted into an ordinary page (a council's resolution). Such texts are published
/// verbatim, so the plain-language checks leave them alone.
pub(crate) fn has_articles(text: &str) -> bool {
    text.lines().any(|line| matches!(lexer::classify(line), lexer::Line::Article { .. }))
}

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
