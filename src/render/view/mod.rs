//! The only types Tera sees: serialisable views built from the model, already formatted for
//! people (dates in Portuguese, phones as `tel:` links, hours as sentences). A renamed field is
//! a compile error here and a template error in the fixture tests, never a silent blank.
//!
//! Units, notices, the secretariat and pages are here; the structure ([`structure`]), normative
//! texts ([`law`]), programmes and councils ([`transparency`]), the "Acesso à Informação"
//! hub ([`hub`]) and its pages ([`access`]) and what every page shows of the site ([`site`])
//! have their own files.

pub(crate) mod access;
pub(crate) mod hub;
pub(crate) mod law;
pub(crate) mod site;
pub(crate) mod structure;
pub(crate) mod transparency;

pub(crate) use law::{law_view, LawView};
pub(crate) use site::{site_map, site_view, MapGroup};
pub(crate) use structure::{assessoria, org_chart, AssessoriaView, ChartNode};

use super::fragments::{self, Fragments};
use crate::markdown::MarkdownOptions;
use crate::model::contact::{EmailEntry, LabelledPhone};
use crate::model::{self, Notice, Site, Unit};
use serde::Serialize;

/// How views render Markdown: the options, the page's store of large fragments and of plain
/// texts (none for views shared by every page).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Md<'a> {
    pub(crate) options: MarkdownOptions<'a>,
    pub(crate) fragments: Option<&'a Fragments>,
    /// Where the route keeps the plain text of what it renders, for its search documents.
    pub(crate) texts: Option<&'a super::texts::Texts>,
}

impl Md<'_> {
    /// The HTML of a Markdown text (or the marker of a large one, see [`fragments`]).
    pub(crate) fn html(&self, text: &str) -> String {
        fragments::render(self, text, None)
    }

    /// [`Md::html`] of an item's body, looked at in the same parse unless it was already
    /// (see `model::load::Looks`): what it keeps is the same whichever route renders it.
    pub(crate) fn body(&self, body: &crate::model::Body) -> String {
        if body.looked.get().is_some() {
            return self.html(&body.markdown);
        }
        let mut look = crate::markdown::check::Look::new(&body.markdown);
        let html = fragments::render(self, &body.markdown, Some(&mut look));
        // Two routes that render the same body at once look alike: the first one kept wins.
        let _ = body.looked.set(std::sync::Arc::new(crate::markdown::check::Looked::of(look.finish())));
        html
    }

    /// The same, with the text's first heading level at `top`.
    pub(crate) fn top(self, top: u8) -> Self {
        Md { options: MarkdownOptions { top_heading: top, ..self.options }, ..self }
    }
}

/// A link to a site path: templates write `{{ root }}{{ link.url }}`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PhoneView {
    pub display: String,
    pub href: String,
    /// What the number is for ("Sobreaviso noturno e fins de semana").
    pub label: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct EmailView {
    pub address: String,
    /// `None` for an address kept as the editor wrote it: shown as text, not as a link.
    pub href: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Contacts {
    pub phones: Vec<PhoneView>,
    /// Some phone has a label: the theme lists them one per line.
    pub phones_labelled: bool,
    pub emails: Vec<EmailView>,
}

pub(crate) fn phones(phones: &[LabelledPhone]) -> Vec<PhoneView> {
    phones
        .iter()
        .map(|p| PhoneView { display: p.phone.display(), href: p.phone.tel_href(), label: p.label.clone() })
        .collect()
}

pub(crate) fn contacts(list: &[LabelledPhone], emails: &[EmailEntry]) -> Contacts {
    Contacts {
        phones: phones(list),
        phones_labelled: list.iter().any(|p| p.label.is_some()),
        emails: emails
            .iter()
            .map(|e| match e {
                EmailEntry::Valid(e) => EmailView { address: e.as_str().to_string(), href: Some(e.mailto_href()) },
                EmailEntry::AsWritten(text) => EmailView { address: text.clone(), href: None },
            })
            .collect(),
    }
}

/// An on-call service, as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OnCallView {
    /// "Plantão" unless the editor named it ("Sobreaviso").
    pub name: String,
    pub description: Option<String>,
    pub phones: Vec<PhoneView>,
    pub hours: Vec<String>,
    pub hours_note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct UnitView {
    pub name: String,
    pub kind: &'static str,
    pub acronym: Option<String>,
    pub url: String,
    pub address: Option<String>,
    pub contacts: Contacts,
    pub hours: Vec<String>,
    /// `observacao:` of the hours ("Atendimento por agendamento").
    pub hours_note: Option<String>,
    /// The time the hours are in ("horário de Brasília").
    pub zone: String,
    pub exceptions: Vec<String>,
    /// Compact weekly schedule for the in-browser "aberto agora" indicator.
    pub hours_data: Option<String>,
    pub on_call: Option<OnCallView>,
    pub services: Vec<String>,
    pub text_html: Option<String>,
}

pub(crate) fn unit(site: &Site, unit: &Unit, md: Md<'_>) -> UnitView {
    let config = &site.config;
    let hours = unit.hours.as_ref();
    UnitView {
        name: unit.name.clone(),
        kind: unit_kind_label(unit.kind),
        acronym: unit.acronym.clone(),
        url: unit.origin.path.clone(),
        address: unit.address.as_ref().map(model::Address::one_line),
        contacts: contacts(&unit.phones, &unit.emails),
        hours: hours.map(super::hours::sentences).unwrap_or_default(),
        hours_note: hours.and_then(|h| h.note.clone()),
        zone: super::hours::zone_label(
            config.time_zone,
            site.today,
            config.municipality.as_deref(),
            config.uf.as_deref(),
        ),
        exceptions: hours.map(super::hours::exception_sentences).unwrap_or_default(),
        hours_data: hours.map(super::hours::data_attr),
        on_call: unit.on_call.as_ref().map(|o| OnCallView {
            name: o.name.clone().unwrap_or_else(|| "Plantão".to_owned()),
            description: o.description.clone(),
            phones: phones(&o.phones),
            hours: o.hours.as_ref().map(super::hours::sentences).unwrap_or_default(),
            hours_note: o.hours.as_ref().and_then(|h| h.note.clone()),
        }),
        services: unit.services.clone(),
        text_html: unit.text.as_deref().map(|t| md.html(t)),
    }
}

pub(crate) fn unit_kind_label(kind: model::UnitKind) -> &'static str {
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
pub(crate) struct ValueView {
    pub name: String,
    pub description_html: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SectionView {
    pub title: String,
    pub id: String,
    pub html: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SecretariatView {
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

pub(crate) fn secretariat(site: &Site, md: Md<'_>) -> Option<SecretariatView> {
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

/// One date of a notice.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OccurrenceView {
    /// The fragment of its own link on the notice's page: "2026-03-12".
    pub id: String,
    /// "quinta-feira, 12 de março de 2026, das 14h às 16h".
    pub when: String,
    /// For `<time datetime>`, with the municipality's UTC offset.
    pub iso: String,
    pub past: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct NoticeView {
    pub title: String,
    pub kind: &'static str,
    pub url: String,
    /// "26 de setembro de 2019, às 12h30" (and the end, when there is one); for a series,
    /// its next date (its last, once all have passed).
    pub when: String,
    /// ISO 8601 of `when`'s start: with the UTC offset, or the date alone.
    pub start_iso: String,
    pub end_iso: Option<String>,
    pub place: Option<String>,
    pub address: Option<String>,
    pub unit: Option<Link>,
    /// The unit that organises it, when it is not the secretariat.
    pub organizer: Option<Link>,
    pub upcoming: bool,
    /// For a series: "próxima data" or, once all have passed, "última data".
    pub when_label: Option<&'static str>,
    /// Every date of a series (empty for a single notice).
    pub dates: Vec<OccurrenceView>,
    pub description: Option<String>,
    pub body_html: String,
    pub ics_url: Option<String>,
}

fn period_br(o: model::Occurrence) -> String {
    model::datetime::Period::new(o.start, o.end).map(|p| p.long_br()).unwrap_or_else(|_| o.start.long_br())
}

pub(crate) fn notice(site: &Site, n: &Notice, md: Md<'_>) -> NoticeView {
    let tz = site.config.time_zone;
    let all = n.occurrences();
    let shown = n
        .next_occurrence(site.today)
        .or_else(|| all.last().copied())
        .unwrap_or(model::Occurrence { start: n.start, end: n.end });
    let link = |i: usize| site.units.get(i).map(|u| Link { title: u.name.clone(), url: u.origin.path.clone() });
    NoticeView {
        title: n.title.clone(),
        kind: n.kind.label(),
        url: n.origin.path.clone(),
        when: period_br(shown),
        start_iso: super::instant::iso(shown.start, tz),
        end_iso: shown.end.map(|e| super::instant::iso(e, tz)),
        place: n.place.clone(),
        address: n.address.clone(),
        unit: n.unit.and_then(link),
        organizer: n.organizer.and_then(link),
        upcoming: n.last_moment() >= site.today,
        when_label: match (n.is_series(), n.last_moment() >= site.today) {
            (false, _) => None,
            (true, true) => Some("próxima data"),
            (true, false) => Some("última data"),
        },
        dates: if n.is_series() {
            all.iter()
                .map(|o| OccurrenceView {
                    id: o.start.iso_date(),
                    when: format!("{}, {}", o.start.date().weekday_name(), period_br(*o)),
                    iso: super::instant::iso(o.start, tz),
                    past: o.last_moment() < site.today,
                })
                .collect()
        } else {
            Vec::new()
        },
        description: n.description.clone(),
        body_html: md.body(&n.body),
        ics_url: n.kind.is_event().then(|| format!("{}evento.ics", n.origin.path)),
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageView {
    pub title: String,
    pub url: String,
    pub description: Option<String>,
    pub date: Option<String>,
    pub body_html: String,
}

pub(crate) fn page(p: &model::Page, md: Md<'_>) -> PageView {
    PageView { body_html: md.body(&p.body), ..page_summary(p) }
}

/// A page as a listing shows it: everything but the body, which is not rendered.
pub(crate) fn page_summary(p: &model::Page) -> PageView {
    PageView {
        title: p.title.clone(),
        url: p.origin.path.clone(),
        description: p.description.clone(),
        date: p.date.map(|d| d.date_long()),
        body_html: String::new(),
    }
}
