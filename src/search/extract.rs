//! The documents search finds, read from the model and from the plain text of the Markdown the
//! render pass turned into HTML (never from the published HTML): one per page, unit, body of
//! the structure and notice; for a normative text one for the text itself (title, summary,
//! headings, what is outside the articles) and one per article, whose records are the article
//! and every provision in it, each with its LexML anchor, so that a hit in one inciso lands on
//! that inciso.

use crate::kinds::{Generated, Kind, Search, KINDS};
use crate::legal::{Provision, ProvisionKind};
use crate::model::{Attributions, Origin, Site};

/// What has search documents: an item of a kind (its page's route makes them), or the
/// introduction of a kind's listing (`unidades/_index.md`, index in `Site::listing_intros`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Source {
    Item(Kind, usize),
    Intro(usize),
}

/// One search result: a title, the page it is on, and its text in records.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Doc {
    pub(crate) title: String,
    /// Site path of the page (`unidades/cras-centro/`), without anchor.
    pub(crate) url: String,
    /// Words that count as title words (ranked first).
    pub(crate) title_text: String,
    /// One record for most documents; for an article, the article and its provisions.
    pub(crate) records: Vec<Record>,
    /// What the results quote when the records have no text (a normative text that has only
    /// articles: where its text starts); without it, the title. Not indexed.
    pub(crate) quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Record {
    /// The provision's anchor (`art28_cpt_inc2`), when the result lands on it.
    pub(crate) anchor: Option<String>,
    /// How the provision is cited ("Art. 28, inciso II").
    pub(crate) label: Option<String>,
    pub(crate) text: String,
}

impl Record {
    fn plain(text: String) -> Record {
        Record { anchor: None, label: None, text }
    }
}

impl Doc {
    /// A page "Página" at `p/` whose one record is `text` (the search modules' tests).
    #[cfg(test)]
    pub(crate) fn page(text: &str) -> Doc {
        Doc {
            title: "Página".into(),
            url: "p/".into(),
            title_text: "Página".into(),
            records: vec![Record::plain(text.into())],
            quote: None,
        }
    }
}

/// How many items of `kind` the model has.
fn count(site: &Site, kind: Kind) -> usize {
    match kind {
        Kind::Home => 1,
        Kind::Secretariat => usize::from(site.secretariat.is_some()),
        Kind::Structure => site.assessorias.len(),
        Kind::Unit => site.units.len(),
        Kind::Notice => site.notices.len(),
        Kind::Law => site.laws.len(),
        Kind::Section => site.sections.len(),
        Kind::Page => site.pages.len(),
        Kind::Program => site.programs.len(),
        Kind::Council => site.councils.len(),
        Kind::Faq => site.faqs.len(),
        Kind::Sic => usize::from(site.sic.is_some()),
        Kind::Ombudsman => usize::from(site.ombudsman.is_some()),
        Kind::Privacy => usize::from(site.privacy.is_some()),
    }
}

/// Every source of the site in the order of their documents' numbers: by search filter (in
/// the order of [`Search::ALL`]), then by address (site path) within a filter, the listings'
/// introductions with the pages. By address and not in the model's order (pages by title),
/// so that a retitled page, or one whose date moves it in its listing, keeps its documents'
/// numbers: the index files that hold other documents stay byte for byte the same, and `serve`
/// rewrites only what the edit changed. Equal addresses (none in a valid site) keep the
/// model's order.
pub(crate) fn sources(site: &Site) -> Vec<(Search, Source)> {
    let mut out = unsorted_sources(site);
    let path = |source: Source| origin(site, source).map(|o| o.path.as_str());
    for block in out.chunk_by_mut(|a, b| a.0 == b.0) {
        // Each path looked up once, not twice per comparison (the dev loop numbers the
        // documents again after every edit).
        let mut keyed: Vec<(Option<&str>, (Search, Source))> = block.iter().map(|&s| (path(s.1), s)).collect();
        if !keyed.is_sorted_by(|a, b| a.0 <= b.0) {
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            for (to, (_, from)) in block.iter_mut().zip(keyed) {
                *to = from;
            }
        }
    }
    out
}

/// [`sources`] by filter, but in the model's order within each.
pub(crate) fn unsorted_sources(site: &Site) -> Vec<(Search, Source)> {
    let mut out = Vec::new();
    for group in Search::ALL {
        for spec in KINDS.iter().filter(|s| s.search == group) {
            out.extend((0..count(site, spec.kind)).map(|i| (group, Source::Item(spec.kind, i))));
        }
        if group == Search::Pages {
            out.extend((0..site.listing_intros.len()).map(|i| (group, Source::Intro(i))));
        }
    }
    out
}

/// Where `source`'s model data is, `None` when the model no longer has it.
pub(crate) fn origin(site: &Site, source: Source) -> Option<&Origin> {
    Some(match source {
        Source::Intro(i) => &site.listing_intros.get(i)?.origin,
        Source::Item(kind, i) => site.origin(kind, i)?,
    })
}

/// The articles of normative text `law`, depth first (further norms included).
fn articles(site: &Site, law: usize) -> impl Iterator<Item = &Provision> {
    site.laws.get(law).into_iter().flat_map(|l| l.tree.iter().filter(|p| p.kind == ProvisionKind::Article))
}

/// How many documents `source` has: one, or for a normative text one more per article.
pub(crate) fn doc_count(site: &Site, source: Source) -> usize {
    match source {
        Source::Item(Kind::Law, law) => 1 + articles(site, law).count(),
        Source::Item(..) | Source::Intro(_) => 1,
    }
}

/// The documents of `source`, in order; `text` gives the plain text of a Markdown text of the
/// model (the render pass has it, see `markdown::plain`).
pub(crate) fn documents(site: &Site, source: Source, text: &dyn Fn(&str) -> String) -> Vec<Doc> {
    let join = |parts: &[Option<&str>]| parts.iter().flatten().copied().collect::<Vec<_>>().join("\n");
    let doc = match source {
        Source::Intro(i) => site
            .listing_intros
            .get(i)
            .map(|p| page_doc(&p.title, &p.origin, p.description.as_deref(), text(&p.body.markdown))),
        Source::Item(kind, i) => match kind {
            Kind::Home => {
                let h = &site.home;
                Some(page_doc(&h.title, &h.origin, h.description.as_deref(), text(&h.body.markdown)))
            }
            Kind::Secretariat => site.secretariat.as_ref().map(|s| {
                let mut parts = vec![
                    s.head.as_ref().map(|h| h.name.clone()),
                    s.presentation.as_deref().map(text),
                    s.mission.as_deref().map(text),
                    s.vision.as_deref().map(text),
                ];
                for v in &s.values {
                    parts.push(Some(v.name.clone()));
                    parts.push(v.description.as_deref().map(text));
                }
                for sec in &s.sections {
                    parts.push(Some(sec.title.clone()));
                    parts.push(Some(text(&sec.markdown)));
                }
                let parts: Vec<String> = parts.into_iter().flatten().filter(|p| !p.is_empty()).collect();
                Doc {
                    title: s.name.clone(),
                    url: s.origin.path.clone(),
                    title_text: join(&[Some(&s.name), s.acronym.as_deref()]),
                    records: vec![Record::plain(parts.join("\n"))],
                    quote: None,
                }
            }),
            Kind::Section => site
                .sections
                .get(i)
                .map(|s| page_doc(&s.title, &s.origin, s.description.as_deref(), text(&s.body.markdown))),
            Kind::Page => site
                .pages
                .get(i)
                .map(|p| page_doc(&p.title, &p.origin, p.description.as_deref(), text(&p.body.markdown))),
            Kind::Unit => site.units.get(i).map(|u| {
                let address = u.address.as_ref().map(crate::model::Address::one_line);
                let mut parts = vec![crate::render::view::unit_kind_label(u.kind).to_owned()];
                parts.extend(address);
                parts.extend(u.services.iter().cloned());
                parts.extend(u.on_call.as_ref().and_then(|o| o.description.clone()));
                parts.extend(u.text.as_deref().map(text));
                parts.retain(|p| !p.is_empty());
                Doc {
                    title: u.name.clone(),
                    url: u.origin.path.clone(),
                    title_text: join(&[Some(&u.name), u.acronym.as_deref()]),
                    records: vec![Record::plain(parts.join("\n"))],
                    quote: None,
                }
            }),
            Kind::Structure => site.assessorias.get(i).map(|a| {
                let mut parts: Vec<String> = a.head.iter().cloned().collect();
                parts.extend(a.description.clone());
                match &a.attributions {
                    Attributions::List(items) => parts.extend(items.iter().cloned()),
                    Attributions::Reference { law, anchor } => {
                        if let Some(p) = site.laws.get(*law).and_then(|l| l.tree.find(anchor)) {
                            provision_texts(p, &mut parts);
                        }
                    }
                    Attributions::None => {}
                }
                parts.push(text(&a.body.markdown));
                parts.retain(|p| !p.is_empty());
                Doc {
                    title: a.title.clone(),
                    url: a.origin.path.clone(),
                    title_text: join(&[Some(&a.title), a.acronym.as_deref()]),
                    records: vec![Record::plain(parts.join("\n"))],
                    quote: None,
                }
            }),
            Kind::Law => {
                let Some(l) = site.laws.get(i) else { return Vec::new() };
                let norm = l.norm.as_ref().map(crate::model::Norm::label);
                let mut records =
                    vec![Record::plain(join(&[norm.as_deref(), l.summary.as_deref(), l.description.as_deref()]))];
                for p in &l.tree.provisions {
                    outside_articles(p, &mut records);
                }
                let quote = l.tree.iter().find(|p| !p.text.trim().is_empty()).map(|p| one_line(&p.text));
                let mut docs = vec![Doc {
                    title: l.title.clone(),
                    url: l.origin.path.clone(),
                    title_text: join(&[Some(&l.title), norm.as_deref()]),
                    records,
                    quote,
                }];
                for article in articles(site, i) {
                    let mut records = Vec::new();
                    provision_records(article, "", &mut records);
                    docs.push(Doc {
                        title: l.title.clone(),
                        url: l.origin.path.clone(),
                        title_text: String::new(),
                        records,
                        quote: None,
                    });
                }
                return docs;
            }
            Kind::Program => site.programs.get(i).map(|p| {
                let mut parts: Vec<String> = [&p.description, &p.audience].into_iter().flatten().cloned().collect();
                parts.extend(p.access.as_deref().map(text));
                parts.extend(p.legal_basis.clone());
                parts.extend(p.goals.iter().cloned());
                parts.extend(p.results.iter().cloned());
                parts.extend(p.indicators.iter().map(|i| i.name.clone()));
                parts.extend(p.documents.iter().filter_map(|d| d.title.clone()));
                parts.push(text(&p.body.markdown));
                parts.retain(|p| !p.is_empty());
                Doc {
                    title: p.title.clone(),
                    url: p.origin.path.clone(),
                    title_text: join(&[Some(&p.title), p.acronym.as_deref()]),
                    records: vec![Record::plain(parts.join("\n"))],
                    quote: None,
                }
            }),
            Kind::Council => site.councils.get(i).map(|c| {
                let mut parts: Vec<String> = [&c.description, &c.appointment].into_iter().flatten().cloned().collect();
                parts.extend(c.board.iter().map(|m| format!("{}: {}", m.role, m.name)));
                for seat in &c.seats {
                    parts.push(seat.represents.clone());
                    parts.extend(seat.holder.clone());
                    parts.extend(seat.alternate.clone());
                }
                let documents = c.minutes.iter().chain(&c.resolutions).chain(&c.documents);
                parts.extend(documents.filter_map(|d| d.title.clone()));
                parts.push(text(&c.body.markdown));
                parts.retain(|p| !p.is_empty());
                Doc {
                    title: c.title.clone(),
                    url: c.origin.path.clone(),
                    title_text: join(&[Some(&c.title), c.acronym.as_deref()]),
                    records: vec![Record::plain(parts.join("\n"))],
                    quote: None,
                }
            }),
            Kind::Faq => site.faqs.get(i).map(|f| {
                let body = text(&f.answer.markdown);
                Doc {
                    title: f.question.clone(),
                    url: f.origin.path.clone(),
                    title_text: f.question.clone(),
                    records: vec![Record::plain(join(&[f.topic.as_deref(), Some(&body)]))],
                    quote: None,
                }
            }),
            Kind::Sic | Kind::Ombudsman => {
                let service = if kind == Kind::Sic { site.sic.as_ref() } else { site.ombudsman.as_ref() };
                let generated = if kind == Kind::Sic { Generated::Sic } else { Generated::Ombudsman };
                service.map(|s| {
                    let title = s.title.as_deref().unwrap_or(generated.spec().title);
                    let mut body = text(&s.body.markdown);
                    if let Some(h) = &s.head {
                        body.insert_str(0, &format!("{}\n", h.name));
                    }
                    page_doc(title, &s.origin, s.description.as_deref(), body)
                })
            }
            Kind::Privacy => site.privacy.as_ref().map(|p| {
                let title = p.title.as_deref().unwrap_or(Generated::Privacy.spec().title);
                let mut body = text(&p.body.markdown);
                if let Some(o) = &p.officer {
                    let role = o.role.as_deref().unwrap_or("Encarregado pelo tratamento de dados pessoais");
                    body.insert_str(0, &format!("{role}: {}\n", o.name));
                }
                page_doc(title, &p.origin, p.description.as_deref(), body)
            }),
            Kind::Notice => site.notices.get(i).map(|n| {
                let body = text(&n.body.markdown);
                let text = join(&[
                    Some(n.kind.label()),
                    n.description.as_deref(),
                    n.place.as_deref(),
                    n.address.as_deref(),
                    Some(&body).filter(|b| !b.is_empty()).map(String::as_str),
                ]);
                Doc {
                    title: n.title.clone(),
                    url: n.origin.path.clone(),
                    title_text: n.title.clone(),
                    records: vec![Record::plain(text)],
                    quote: None,
                }
            }),
        },
    };
    doc.into_iter().collect()
}

fn page_doc(title: &str, origin: &Origin, description: Option<&str>, mut text: String) -> Doc {
    if let Some(d) = description.filter(|d| !d.is_empty()) {
        // In the body's own buffer (its plain text is shorter than its Markdown, so there is
        // usually room): no copy of every page's text.
        text.insert(0, '\n');
        text.insert_str(0, d);
    }
    Doc {
        title: title.to_owned(),
        url: origin.path.clone(),
        title_text: title.to_owned(),
        records: vec![Record::plain(text)],
        quote: None,
    }
}

/// Provisions outside any article (headings, preamble, loose text), each with its anchor.
fn outside_articles(p: &Provision, out: &mut Vec<Record>) {
    match p.kind {
        ProvisionKind::Article | ProvisionKind::Signature | ProvisionKind::PlaceDate => {}
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

#[cfg(test)]
mod tests {
    use super::*;

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
