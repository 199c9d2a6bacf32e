//! The views of the pages of the "Acesso à Informação" section: the frequent questions grouped
//! by topic ([`faq_groups`]), the SIC and the ombudsman ([`service`]) and the privacy page
//! ([`privacy`]). The hub itself is [`super::hub`].

use super::{contacts, unit, Contacts, Link, Md, UnitView};
use crate::model::access::{Faq, Service, ServiceKind};
use crate::model::slug::slugify;
use crate::model::{Person, Site};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct FaqView {
    pub question: String,
    /// Its anchor on the listing.
    pub id: String,
    pub url: String,
    pub topic: Option<String>,
    pub answer_html: String,
}

pub(crate) fn faq(f: &Faq, md: Md<'_>) -> FaqView {
    FaqView {
        question: f.question.clone(),
        id: f.anchor(),
        url: f.origin.path.clone(),
        topic: f.topic.clone(),
        answer_html: md.body(&f.answer),
    }
}

/// The questions of one topic.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FaqGroup {
    /// `None` for the questions without a topic, shown last as "Outras perguntas" (or, when no
    /// question has a topic, without a heading).
    pub topic: Option<String>,
    pub id: String,
    pub questions: Vec<FaqView>,
}

/// The questions by topic: topics in the order of their lightest question (then by name),
/// questions in the model's order (weight, then question); those without a topic last.
pub(crate) fn faq_groups(site: &Site, md: Md<'_>) -> Vec<FaqGroup> {
    let mut topics: Vec<(i64, &str)> = Vec::new();
    for f in &site.faqs {
        if let Some(topic) = f.topic.as_deref() {
            match topics.iter_mut().find(|(_, t)| *t == topic) {
                Some(entry) => entry.0 = entry.0.min(f.weight),
                None => topics.push((f.weight, topic)),
            }
        }
    }
    topics.sort();
    let mut groups: Vec<FaqGroup> = topics
        .into_iter()
        .map(|(_, topic)| FaqGroup {
            topic: Some(topic.to_string()),
            id: format!("tema-{}", slugify(topic)),
            questions: site.faqs.iter().filter(|f| f.topic.as_deref() == Some(topic)).map(|f| faq(f, md)).collect(),
        })
        .collect();
    let loose: Vec<FaqView> = site.faqs.iter().filter(|f| f.topic.is_none()).map(|f| faq(f, md)).collect();
    if !loose.is_empty() {
        groups.push(FaqGroup { topic: None, id: "outras-perguntas".into(), questions: loose });
    }
    groups
}

/// The SIC's or the ombudsman's page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ServiceView {
    /// "sic" or "ouvidoria": which of the theme's texts.
    pub kind: &'static str,
    /// The site writes the page's file (else the theme's page stands alone).
    pub written: bool,
    pub description: Option<String>,
    /// Where to go, how to call or write, when: its own contacts over its unit's.
    pub contact: Option<UnitView>,
    pub unit: Option<Link>,
    pub head: Option<Person>,
    /// The site's text, which replaces the theme's.
    pub body_html: Option<String>,
    /// The e-SIC, or the ombudsman's online form (`transparencia:` in `site.yaml`).
    pub online: Option<String>,
}

/// The view of `kind`'s page: `site.sic` or `site.ombudsman`, which may not exist.
pub(crate) fn service(site: &Site, kind: ServiceKind, md: Md<'_>) -> ServiceView {
    let written = match kind {
        ServiceKind::Sic => site.sic.as_ref(),
        ServiceKind::Ombudsman => site.ombudsman.as_ref(),
    };
    let online = match kind {
        ServiceKind::Sic => site.config.transparency.esic.clone(),
        ServiceKind::Ombudsman => site.config.transparency.ouvidoria.clone(),
    };
    let kind_name = match kind {
        ServiceKind::Sic => "sic",
        ServiceKind::Ombudsman => "ouvidoria",
    };
    let Some(s) = written else {
        return ServiceView {
            kind: kind_name,
            written: false,
            description: None,
            contact: None,
            unit: None,
            head: None,
            body_html: None,
            online,
        };
    };
    let unit_of = s.unit.and_then(|i| site.units.get(i));
    ServiceView {
        kind: kind_name,
        written: true,
        description: s.description.clone(),
        contact: service_contact(site, s, md),
        unit: unit_of.map(|u| Link { title: u.name.clone(), url: u.origin.path.clone() }),
        head: s.head.clone(),
        body_html: (!s.body.markdown.trim().is_empty()).then(|| md.body(&s.body)),
        online,
    }
}

/// The contacts a service shows: its unit's, with each kind of contact the file writes
/// (address, phones, e-mails, hours) in place of the unit's. `None` when there is none.
fn service_contact(site: &Site, s: &Service, md: Md<'_>) -> Option<UnitView> {
    let unit_of = s.unit.and_then(|i| site.units.get(i));
    let mut view = match unit_of {
        Some(u) => unit(site, u, md),
        None => {
            let config = &site.config;
            UnitView {
                name: String::new(),
                kind: "",
                acronym: None,
                url: String::new(),
                address: None,
                contacts: contacts(&[], &[]),
                hours: Vec::new(),
                hours_note: None,
                zone: super::super::hours::zone_label(
                    config.time_zone,
                    site.today,
                    config.municipality.as_deref(),
                    config.uf.as_deref(),
                ),
                exceptions: Vec::new(),
                hours_data: None,
                on_call: None,
                services: Vec::new(),
                text_html: None,
            }
        }
    };
    // A unit's on-call service and its text are the unit's, not the service's.
    (view.on_call, view.text_html) = (None, None);
    if let Some(address) = &s.address {
        view.address = Some(address.one_line());
    }
    if !s.phones.is_empty() || !s.emails.is_empty() {
        let own: Contacts = contacts(&s.phones, &s.emails);
        if !s.phones.is_empty() {
            (view.contacts.phones, view.contacts.phones_labelled) = (own.phones, own.phones_labelled);
        }
        if !s.emails.is_empty() {
            view.contacts.emails = own.emails;
        }
    }
    if let Some(hours) = &s.hours {
        view.hours = super::super::hours::sentences(hours);
        view.hours_note = hours.note.clone();
        view.exceptions = super::super::hours::exception_sentences(hours);
        view.hours_data = Some(super::super::hours::data_attr(hours));
    }
    let empty = view.address.is_none()
        && view.contacts.phones.is_empty()
        && view.contacts.emails.is_empty()
        && view.hours.is_empty()
        && view.hours_note.is_none();
    (!empty).then_some(view)
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct OfficerView {
    pub name: String,
    pub role: Option<String>,
    pub contacts: Contacts,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PrivacyView {
    pub written: bool,
    pub description: Option<String>,
    pub officer: Option<OfficerView>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    /// The site's policy, which replaces the theme's.
    pub body_html: Option<String>,
}

pub(crate) fn privacy(site: &Site, md: Md<'_>) -> PrivacyView {
    let p = site.privacy.as_ref();
    PrivacyView {
        written: p.is_some(),
        description: p.and_then(|p| p.description.clone()),
        officer: p.and_then(|p| p.officer.as_ref()).map(|o| OfficerView {
            name: o.name.clone(),
            role: o.role.clone(),
            contacts: contacts(&o.phones, &o.emails),
        }),
        date: p.and_then(|p| p.date).map(|d| d.date_long()),
        date_iso: p.and_then(|p| p.date).map(|d| d.iso_date()),
        body_html: p.filter(|p| !p.body.markdown.trim().is_empty()).map(|p| md.body(&p.body)),
    }
}
