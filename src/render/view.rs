//! The only types Tera sees: serialisable views built from the model, already formatted for
//! people (dates in Portuguese, phones as `tel:` links, hours as sentences). A renamed field is
//! a compile error here and a template error in the fixture tests, never a silent blank.

use super::fragments::{self, Fragments};
use crate::markdown::MarkdownOptions;
use crate::model::{self, Assessoria, Attributions, Notice, Site, Unit};
use serde::Serialize;

/// How views render Markdown: the options, and the page's store of large fragments (none
/// for views shared by every page).
#[derive(Debug, Clone, Copy)]
pub struct Md<'a> {
    pub options: MarkdownOptions<'a>,
    pub fragments: Option<&'a Fragments>,
}

impl Md<'_> {
    /// The HTML of a Markdown text (or the marker of a large one, see [`fragments`]).
    pub fn html(&self, text: &str) -> String {
        fragments::render(self, text)
    }

    /// The same, with the text's first heading level at `top`.
    fn top(self, top: u8) -> Self {
        Md { options: MarkdownOptions { top_heading: top, ..self.options }, ..self }
    }
}

/// A link to a site path: templates write `{{ root }}{{ link.url }}`.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhoneView {
    pub display: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EmailView {
    pub address: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Contacts {
    pub phones: Vec<PhoneView>,
    pub emails: Vec<EmailView>,
}

pub fn contacts(phones: &[model::contact::Phone], emails: &[model::contact::Email]) -> Contacts {
    Contacts {
        phones: phones.iter().map(|p| PhoneView { display: p.display(), href: p.tel_href() }).collect(),
        emails: emails.iter().map(|e| EmailView { address: e.as_str().to_string(), href: e.mailto_href() }).collect(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitView {
    pub name: String,
    pub kind: &'static str,
    pub acronym: Option<String>,
    pub url: String,
    pub address: Option<String>,
    pub contacts: Contacts,
    pub hours: Vec<String>,
    pub exceptions: Vec<String>,
    /// Compact weekly schedule for the in-browser "aberto agora" indicator.
    pub hours_data: Option<String>,
    pub services: Vec<String>,
    pub text_html: Option<String>,
}

pub fn unit(unit: &Unit, md: Md<'_>) -> UnitView {
    UnitView {
        name: unit.name.clone(),
        kind: unit_kind_label(unit.kind),
        acronym: unit.acronym.clone(),
        url: unit.origin.path.clone(),
        address: unit.address.as_ref().map(model::Address::one_line),
        contacts: contacts(&unit.phones, &unit.emails),
        hours: unit.hours.as_ref().map(|h| h.sentences()).unwrap_or_default(),
        exceptions: unit.hours.as_ref().map(|h| h.exception_sentences()).unwrap_or_default(),
        hours_data: unit.hours.as_ref().map(|h| h.data_attr()),
        services: unit.services.clone(),
        text_html: unit.text.as_deref().map(|t| md.html(t)),
    }
}

pub fn unit_kind_label(kind: model::UnitKind) -> &'static str {
    use model::UnitKind::*;
    match kind {
        Secretaria => "Secretaria",
        Cras => "Centro de Referência de Assistência Social (CRAS)",
        Creas => "Centro de Referência Especializado de Assistência Social (CREAS)",
        CentroPop => "Centro POP",
        Convivencia => "Centro de Convivência",
        Conselho => "Conselho",
        Acolhimento => "Unidade de Acolhimento",
        Outro => "Unidade",
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ValueView {
    pub name: String,
    pub description_html: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub title: String,
    pub id: String,
    pub html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SecretariatView {
    pub name: String,
    pub acronym: Option<String>,
    pub head: Option<model::Person>,
    pub presentation_html: Option<String>,
    pub mission_html: Option<String>,
    pub vision_html: Option<String>,
    pub values: Vec<ValueView>,
    pub competences: Option<Link>,
    pub sections: Vec<SectionView>,
    pub url: String,
}

pub fn secretariat(site: &Site, md: Md<'_>) -> Option<SecretariatView> {
    let s = site.secretariat.as_ref()?;
    let render = |t: &Option<String>| t.as_deref().map(|t| md.html(t));
    Some(SecretariatView {
        name: s.name.clone(),
        acronym: s.acronym.clone(),
        head: s.head.clone(),
        presentation_html: render(&s.presentation),
        mission_html: render(&s.mission),
        vision_html: render(&s.vision),
        values: s
            .values
            .iter()
            .map(|v| ValueView { name: v.name.clone(), description_html: render(&v.description) })
            .collect(),
        competences: s
            .competences
            .and_then(|i| site.laws.get(i))
            .map(|l| Link { title: l.title.clone(), url: l.origin.path.clone() }),
        sections: s
            .sections
            .iter()
            .map(|sec| SectionView {
                title: sec.title.clone(),
                id: crate::model::slug::slugify(&sec.title),
                html: md.top(3).html(&sec.markdown),
            })
            .collect(),
        url: s.origin.path.clone(),
    })
}

/// One inciso (or other provision) of the article an assessoria's attributions point to.
#[derive(Debug, Clone, Serialize)]
pub struct AttributionView {
    pub label: Option<String>,
    pub text: String,
    /// Link to the provision in its legal text.
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessoriaView {
    pub title: String,
    pub acronym: Option<String>,
    pub head: Option<String>,
    pub url: String,
    pub unit: Option<Link>,
    pub superior: Option<Link>,
    pub contacts: Contacts,
    pub attributions: Vec<AttributionView>,
    /// The article the attributions come from (“Art. 28 da Competência do Órgão”).
    pub attributions_source: Option<Link>,
    pub attributions_intro: Option<String>,
    pub body_html: String,
    pub description: Option<String>,
    pub children: Vec<Link>,
}

pub fn assessoria(site: &Site, index: usize, md: Md<'_>) -> Option<AssessoriaView> {
    let a: &Assessoria = site.assessorias.get(index)?;
    let link_unit = |i: usize| site.units.get(i).map(|u| Link { title: u.name.clone(), url: u.origin.path.clone() });
    let (attributions, attributions_source, attributions_intro) = match &a.attributions {
        Attributions::None => (Vec::new(), None, None),
        Attributions::List(items) => {
            (items.iter().map(|t| AttributionView { label: None, text: t.clone(), url: None }).collect(), None, None)
        }
        Attributions::Reference { law, anchor } => match site.laws.get(*law) {
            Some(text) => {
                let base = text.origin.path.clone();
                let provision = text.tree.find(anchor);
                let items = provision.map(super::data::attribution_items).unwrap_or_default();
                let intro = provision.map(super::data::caput_text).filter(|t| !t.is_empty());
                let label = provision.and_then(|p| p.label.clone()).unwrap_or_else(|| anchor.clone());
                (
                    items
                        .into_iter()
                        .map(|(label, text, id)| AttributionView {
                            label,
                            text,
                            url: id.map(|id| format!("{base}#{id}")),
                        })
                        .collect(),
                    Some(Link {
                        title: format!("{} — {}", label.trim_end_matches(['-', '–', '—', '.', ' ']), text.title),
                        url: format!("{base}#{anchor}"),
                    }),
                    intro,
                )
            }
            None => (Vec::new(), None, None),
        },
    };
    Some(AssessoriaView {
        title: a.title.clone(),
        acronym: a.acronym.clone(),
        head: a.head.clone(),
        url: a.origin.path.clone(),
        unit: a.unit.and_then(link_unit),
        superior: a
            .superior
            .and_then(|i| site.assessorias.get(i))
            .map(|s| Link { title: s.title.clone(), url: s.origin.path.clone() }),
        contacts: contacts(&a.phones, &a.emails),
        attributions,
        attributions_source,
        attributions_intro,
        body_html: md.html(&a.body.markdown),
        description: a.description.clone(),
        children: site
            .assessorias
            .iter()
            .filter(|c| c.superior == Some(index))
            .map(|c| Link { title: c.title.clone(), url: c.origin.path.clone() })
            .collect(),
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct NoticeView {
    pub title: String,
    pub kind: &'static str,
    pub url: String,
    /// "26 de setembro de 2019, às 12h30" (and the end, when there is one).
    pub when: String,
    pub start_iso: String,
    pub end_iso: Option<String>,
    pub place: Option<String>,
    pub address: Option<String>,
    pub unit: Option<Link>,
    pub upcoming: bool,
    pub description: Option<String>,
    pub body_html: String,
    pub ics_url: Option<String>,
}

pub fn notice(site: &Site, n: &Notice, md: Md<'_>) -> NoticeView {
    let period =
        model::datetime::Period::new(n.start, n.end).map(|p| p.long_br()).unwrap_or_else(|_| n.start.long_br());
    NoticeView {
        title: n.title.clone(),
        kind: n.kind.label(),
        url: n.origin.path.clone(),
        when: period,
        start_iso: n.start.iso(),
        end_iso: n.end.map(|e| e.iso()),
        place: n.place.clone(),
        address: n.address.clone(),
        unit: n
            .unit
            .and_then(|i| site.units.get(i))
            .map(|u| Link { title: u.name.clone(), url: u.origin.path.clone() }),
        upcoming: n.end.unwrap_or(n.start).end_of_event() >= site.today,
        description: n.description.clone(),
        body_html: md.html(&n.body.markdown),
        ics_url: n.kind.is_event().then(|| format!("{}evento.ics", n.origin.path)),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub title: String,
    pub url: String,
    pub description: Option<String>,
    pub date: Option<String>,
    pub body_html: String,
}

pub fn page(p: &model::Page, md: Md<'_>) -> PageView {
    PageView { body_html: md.html(&p.body.markdown), ..page_summary(p) }
}

/// A page as a listing shows it: everything but the body, which is not rendered.
pub fn page_summary(p: &model::Page) -> PageView {
    PageView {
        title: p.title.clone(),
        url: p.origin.path.clone(),
        description: p.description.clone(),
        date: p.date.map(|d| d.date_long()),
        body_html: String::new(),
    }
}
