//! The documents search finds, read from the model (never from the published HTML): one per
//! page, unit, body of the structure and notice; for a normative text one for the text itself
//! (title, summary, headings, what is outside the articles) and one per article, whose records
//! are the article and every provision in it, each with its LexML anchor, so that a hit in
//! one inciso lands on that inciso.

use crate::legal::{Provision, ProvisionKind};
use crate::model::{Attributions, Site};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What the search page can filter by; documents are numbered in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Page,
    Unit,
    Structure,
    Law,
    Notice,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Page, Kind::Unit, Kind::Structure, Kind::Law, Kind::Notice];

    /// The value of `tipo=` in the search page's address.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Page => "paginas",
            Kind::Unit => "unidades",
            Kind::Structure => "estrutura",
            Kind::Law => "legislacao",
            Kind::Notice => "avisos",
        }
    }

    /// The filter's label.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Page => "Páginas",
            Kind::Unit => "Unidades",
            Kind::Structure => "Estrutura",
            Kind::Law => "Legislação",
            Kind::Notice => "Avisos e eventos",
        }
    }
}

/// Where a document comes from: stable while only the text of its source changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Home,
    Secretariat,
    Section(usize),
    Page(usize),
    /// The intro of a built-in listing (`unidades/_index.md`).
    Intro(usize),
    Unit(usize),
    Structure(usize),
    Law(usize),
    /// The `nth` article (depth first, further norms included) of a normative text.
    Article {
        law: usize,
        nth: usize,
    },
    Notice(usize),
}

impl Source {
    pub fn kind(self) -> Kind {
        match self {
            Source::Home | Source::Secretariat | Source::Section(_) | Source::Page(_) | Source::Intro(_) => Kind::Page,
            Source::Unit(_) => Kind::Unit,
            Source::Structure(_) => Kind::Structure,
            Source::Law(_) | Source::Article { .. } => Kind::Law,
            Source::Notice(_) => Kind::Notice,
        }
    }
}

/// One search result: a title, the page it is on, and its text in records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub title: String,
    /// Site path of the page (`unidades/cras-centro/`), without anchor.
    pub url: String,
    /// Words that count as title words (ranked first).
    pub title_text: String,
    /// One record for most documents; for an article, the article and its provisions.
    pub records: Vec<Record>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The provision's anchor (`art28_cpt_inc2`), when the result lands on it.
    pub anchor: Option<String>,
    /// How the provision is cited ("Art. 28, inciso II").
    pub label: Option<String>,
    pub text: String,
}

impl Record {
    fn plain(text: String) -> Record {
        Record { anchor: None, label: None, text }
    }
}

/// Every document of the site, in the order of their numbers (grouped by [`Kind`]).
pub fn sources(site: &Site) -> Vec<Source> {
    let mut out = vec![Source::Home];
    if site.secretariat.is_some() {
        out.push(Source::Secretariat);
    }
    out.extend((0..site.sections.len()).map(Source::Section));
    out.extend((0..site.pages.len()).map(Source::Page));
    out.extend((0..site.listing_intros.len()).map(Source::Intro));
    out.extend((0..site.units.len()).map(Source::Unit));
    out.extend((0..site.assessorias.len()).map(Source::Structure));
    for (law, text) in site.laws.iter().enumerate() {
        out.push(Source::Law(law));
        let articles = text.tree.iter().filter(|p| p.kind == ProvisionKind::Article).count();
        out.extend((0..articles).map(|nth| Source::Article { law, nth }));
    }
    out.extend((0..site.notices.len()).map(Source::Notice));
    out
}

/// The kinds `site` has documents of, in filter order.
pub fn kinds(site: &Site) -> Vec<Kind> {
    let present: std::collections::BTreeSet<Kind> = sources(site).into_iter().map(Source::kind).collect();
    present.into_iter().collect()
}

/// The document of `source`; `None` when the model no longer has it.
pub fn document(site: &Site, source: Source) -> Option<Doc> {
    let join = |parts: &[Option<&str>]| parts.iter().flatten().copied().collect::<Vec<_>>().join("\n");
    Some(match source {
        Source::Home => page_doc(&site.home.title, "", site.home.description.as_deref(), &site.home.body.markdown),
        Source::Secretariat => {
            let s = site.secretariat.as_ref()?;
            let mut text = vec![
                s.head.as_ref().map(|h| h.name.clone()),
                s.presentation.as_deref().map(markdown_text),
                s.mission.as_deref().map(markdown_text),
                s.vision.as_deref().map(markdown_text),
            ];
            for v in &s.values {
                text.push(Some(v.name.clone()));
                text.push(v.description.as_deref().map(markdown_text));
            }
            for sec in &s.sections {
                text.push(Some(sec.title.clone()));
                text.push(Some(markdown_text(&sec.markdown)));
            }
            let text: Vec<String> = text.into_iter().flatten().collect();
            Doc {
                title: s.name.clone(),
                url: s.origin.path.clone(),
                title_text: join(&[Some(&s.name), s.acronym.as_deref()]),
                records: vec![Record::plain(text.join("\n"))],
            }
        }
        Source::Section(i) => {
            let s = site.sections.get(i)?;
            page_doc(&s.title, &s.origin.path, s.description.as_deref(), &s.body.markdown)
        }
        Source::Page(i) => {
            let p = site.pages.get(i)?;
            page_doc(&p.title, &p.origin.path, p.description.as_deref(), &p.body.markdown)
        }
        Source::Intro(i) => {
            let p = site.listing_intros.get(i)?;
            page_doc(&p.title, &p.origin.path, p.description.as_deref(), &p.body.markdown)
        }
        Source::Unit(i) => {
            let u = site.units.get(i)?;
            let kind = crate::render::view::unit_kind_label(u.kind);
            let address = u.address.as_ref().map(crate::model::Address::one_line);
            let mut text = vec![kind.to_owned()];
            text.extend(address);
            text.extend(u.services.iter().cloned());
            text.extend(u.on_call.as_ref().and_then(|o| o.description.clone()));
            text.extend(u.text.as_deref().map(markdown_text));
            Doc {
                title: u.name.clone(),
                url: u.origin.path.clone(),
                title_text: join(&[Some(&u.name), u.acronym.as_deref()]),
                records: vec![Record::plain(text.join("\n"))],
            }
        }
        Source::Structure(i) => {
            let a = site.assessorias.get(i)?;
            let mut text: Vec<String> = a.head.iter().cloned().collect();
            text.extend(a.description.clone());
            match &a.attributions {
                Attributions::List(items) => text.extend(items.iter().cloned()),
                Attributions::Reference { law, anchor } => {
                    if let Some(p) = site.laws.get(*law).and_then(|l| l.tree.find(anchor)) {
                        let mut all = Vec::new();
                        provision_texts(p, &mut all);
                        text.extend(all);
                    }
                }
                Attributions::None => {}
            }
            text.push(markdown_text(&a.body.markdown));
            Doc {
                title: a.title.clone(),
                url: a.origin.path.clone(),
                title_text: join(&[Some(&a.title), a.acronym.as_deref()]),
                records: vec![Record::plain(text.join("\n"))],
            }
        }
        Source::Law(law) => {
            let l = site.laws.get(law)?;
            let norm = l.norm.as_ref().map(crate::model::Norm::label);
            let mut records =
                vec![Record::plain(join(&[norm.as_deref(), l.summary.as_deref(), l.description.as_deref()]))];
            for p in &l.tree.provisions {
                outside_articles(p, &mut records);
            }
            Doc {
                title: l.title.clone(),
                url: l.origin.path.clone(),
                title_text: join(&[Some(&l.title), norm.as_deref()]),
                records,
            }
        }
        Source::Article { law, nth } => {
            let l = site.laws.get(law)?;
            let article = l.tree.iter().filter(|p| p.kind == ProvisionKind::Article).nth(nth)?;
            let mut records = Vec::new();
            provision_records(article, "", &mut records);
            Doc { title: l.title.clone(), url: l.origin.path.clone(), title_text: String::new(), records }
        }
        Source::Notice(i) => {
            let n = site.notices.get(i)?;
            let text = join(&[
                Some(n.kind.label()),
                n.description.as_deref(),
                n.place.as_deref(),
                n.address.as_deref(),
                Some(&markdown_text(&n.body.markdown)),
            ]);
            Doc {
                title: n.title.clone(),
                url: n.origin.path.clone(),
                title_text: n.title.clone(),
                records: vec![Record::plain(text)],
            }
        }
    })
}

fn page_doc(title: &str, url: &str, description: Option<&str>, markdown: &str) -> Doc {
    let body = markdown_text(markdown);
    let text = match description {
        Some(d) if !d.is_empty() => format!("{d}\n{body}"),
        _ => body,
    };
    Doc {
        title: title.to_owned(),
        url: url.to_owned(),
        title_text: title.to_owned(),
        records: vec![Record::plain(text)],
    }
}

/// Provisions outside any article (headings, preamble, loose text), each with its anchor.
fn outside_articles(p: &Provision, out: &mut Vec<Record>) {
    match p.kind {
        ProvisionKind::Article => {}
        ProvisionKind::Signature | ProvisionKind::PlaceDate => {}
        _ => {
            if !p.text.trim().is_empty() {
                let label = p.name.as_deref().map(capitalise);
                out.push(Record { anchor: p.id.clone(), label, text: one_line(&p.text) });
            }
            for child in &p.children {
                outside_articles(child, out);
            }
        }
    }
}

/// The article and every provision below it, cited as "Art. 28, inciso II".
fn provision_records(p: &Provision, prefix: &str, out: &mut Vec<Record>) {
    let name = match p.kind {
        ProvisionKind::Caput => None,
        _ => p.name.as_deref(),
    };
    let label = match (prefix.is_empty(), name) {
        (_, None) => prefix.to_owned(),
        (true, Some(n)) => capitalise(n),
        (false, Some(n)) => format!("{prefix}, {n}"),
    };
    if !p.text.trim().is_empty() {
        // The caput's words land on the article itself.
        let anchor =
            if p.kind == ProvisionKind::Caput { out.last().and_then(|r| r.anchor.clone()) } else { p.id.clone() };
        match out.last_mut() {
            Some(last) if p.kind == ProvisionKind::Caput && last.text.is_empty() => last.text = one_line(&p.text),
            _ => out.push(Record {
                anchor,
                label: Some(label.clone()).filter(|l| !l.is_empty()),
                text: one_line(&p.text),
            }),
        }
    } else if p.kind == ProvisionKind::Article {
        out.push(Record { anchor: p.id.clone(), label: Some(label.clone()), text: String::new() });
    }
    for child in &p.children {
        provision_records(child, &label, out);
    }
}

fn provision_texts(p: &Provision, out: &mut Vec<String>) {
    if !p.text.trim().is_empty() {
        out.push(one_line(&p.text));
    }
    for child in &p.children {
        provision_texts(child, out);
    }
}

/// `text` with every run of whitespace (line breaks included) made one space, trimmed.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The words a reader sees of a Markdown body: text, code and image descriptions; block ends
/// become line breaks; raw HTML and link addresses are left out.
pub fn markdown_text(markdown: &str) -> String {
    let flags = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, flags) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead,
            ) => {
                out.push('\n');
            }
            Event::End(TagEnd::TableCell) => out.push_str(" | "),
            Event::Start(Tag::Item) if !out.is_empty() && !out.ends_with('\n') => out.push('\n'),
            _ => {}
        }
    }
    let mut clean = String::with_capacity(out.len());
    for line in out.lines() {
        let line = line.trim().trim_end_matches('|').trim_end();
        if line.is_empty() {
            continue;
        }
        if !clean.is_empty() {
            clean.push('\n');
        }
        let mut space = false;
        for c in line.chars() {
            if c.is_whitespace() {
                space = true;
            } else {
                if space {
                    clean.push(' ');
                    space = false;
                }
                clean.push(c);
            }
        }
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_keeps_words_and_drops_markup() {
        let text = markdown_text("## Título\n\nUm **texto** com [link](/x/) e `código`.\n\n- um\n- dois\n\n<b>html</b>\n\n| A | B |\n|---|---|\n| 1 | 2 |\n");
        // Inline HTML keeps its text (the sanitised page shows it); tags and addresses go.
        assert_eq!(text, "Título\nUm texto com link e código.\num\ndois\nhtml\nA | B\n1 | 2");
    }

    #[test]
    fn article_records_carry_anchors_and_citations() {
        let tree = crate::legal::parse("Art. 28. Compete à Secretaria:\n\nI - planejar;\n\nII - atender famílias vulneráveis.\n\nParágrafo único. Outro texto.\n");
        let Some(article) = tree.iter().find(|p| p.kind == ProvisionKind::Article) else { panic!("no article") };
        let mut records = Vec::new();
        provision_records(article, "", &mut records);
        let got: Vec<(Option<&str>, Option<&str>, &str)> =
            records.iter().map(|r| (r.anchor.as_deref(), r.label.as_deref(), r.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (Some("art28"), Some("Art. 28"), "Compete à Secretaria:"),
                (Some("art28_cpt_inc1"), Some("Art. 28, inciso I"), "planejar;"),
                (Some("art28_cpt_inc2"), Some("Art. 28, inciso II"), "atender famílias vulneráveis."),
                (Some("art28_par1u"), Some("Art. 28, parágrafo único"), "Outro texto."),
            ]
        );
    }
}
