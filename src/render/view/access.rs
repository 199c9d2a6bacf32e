//! The views of the "Acesso à Informação" section: the hub ([`hub`]), the frequent questions
//! grouped by topic ([`faq_groups`]), the SIC and the ombudsman ([`service`]) and the privacy
//! page ([`privacy`]). The hub is built here, item by item in the order of CGU's Guia de
//! Transparência Ativa, so that an item without content says so instead of disappearing.

use super::{contacts, unit, Contacts, Link, Md, UnitView};
use crate::kinds::{Generated, Kind, ACCESS_HUB, OPEN_DATA};
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
        answer_html: md.html(&f.answer.markdown),
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
        body_html: (!s.body.markdown.trim().is_empty()).then(|| md.html(&s.body.markdown)),
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
        body_html: p.filter(|p| !p.body.markdown.trim().is_empty()).map(|p| md.html(&p.body.markdown)),
    }
}

/// One entry of the hub: a page of the site, another site's page, or a statement that there
/// is nothing yet.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HubItem {
    pub title: String,
    /// A site path, or a full address when `external`; `None` when there is nothing to link.
    pub url: Option<String>,
    pub external: bool,
    /// "Não há … publicado até o momento.", when the item has no content.
    pub empty: Option<String>,
}

/// One item of CGU's guide, with its entries.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HubSection {
    pub id: &'static str,
    pub title: &'static str,
    pub items: Vec<HubItem>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct HubView {
    pub sections: Vec<HubSection>,
    /// The portal da transparência's home page.
    pub portal: Option<String>,
    pub radar: Option<String>,
}

fn page(title: &str, url: &str, empty: Option<&str>) -> HubItem {
    HubItem { title: title.into(), url: Some(url.into()), external: false, empty: empty.map(str::to_string) }
}

/// An address of another system, or the statement that there is none.
fn link_out(title: &str, url: &Option<String>) -> HubItem {
    HubItem {
        title: title.into(),
        url: url.clone(),
        external: url.is_some(),
        empty: url.is_none().then(|| "Não há endereço publicado até o momento.".to_string()),
    }
}

/// The hub, in the order of CGU's Guia de Transparência Ativa: institutional, programmes,
/// social participation, audits, agreements, revenue and spending, tenders and contracts,
/// staff, classified information, SIC, frequent questions, open data; then personal data
/// and the other pages the site writes under `acesso-a-informacao/`.
pub(crate) fn hub(site: &Site) -> HubView {
    let t = &site.config.transparency;
    let none = |kind: Kind, text: &'static str| site.items(kind).is_empty().then_some(text);
    let listing = |kind: Kind| kind.spec().listing.map_or("", |l| l.url);
    let secretariat = match &site.secretariat {
        Some(s) => page("A Secretaria: competências, apresentação e titular", &s.origin.path, None),
        None => HubItem {
            title: "A Secretaria: competências, apresentação e titular".into(),
            url: None,
            external: false,
            empty: Some("Não há apresentação da Secretaria publicada até o momento.".into()),
        },
    };
    let classified = Generated::Classified.spec().path;
    let classified_written = site.pages.iter().any(|p| p.origin.path == classified);
    let sections = vec![
        HubSection {
            id: "institucional",
            title: "Institucional",
            items: vec![
                secretariat,
                page(
                    "Estrutura organizacional",
                    listing(Kind::Structure),
                    none(Kind::Structure, "Não há estrutura organizacional publicada até o momento."),
                ),
                page(
                    "Unidades: endereços, telefones e horários de atendimento",
                    listing(Kind::Unit),
                    none(Kind::Unit, "Não há unidade publicada até o momento."),
                ),
                page(
                    "Legislação",
                    listing(Kind::Law),
                    none(Kind::Law, "Não há texto normativo publicado até o momento."),
                ),
            ],
        },
        HubSection {
            id: "acoes-e-programas",
            title: "Ações e programas",
            items: vec![page(
                "Programas e ações",
                listing(Kind::Program),
                none(Kind::Program, "Não há programa ou ação publicado até o momento."),
            )],
        },
        HubSection {
            id: "participacao-social",
            title: "Participação social",
            items: vec![
                page(
                    "Conselhos, conferências e audiências públicas",
                    listing(Kind::Council),
                    none(Kind::Council, "Não há conselho publicado até o momento."),
                ),
                page(
                    "Ouvidoria",
                    Generated::Ombudsman.spec().path,
                    site.ombudsman.is_none().then_some("Não há contato da ouvidoria publicado até o momento."),
                ),
            ],
        },
        HubSection {
            id: "auditorias",
            title: "Auditorias",
            items: vec![link_out("Auditorias e prestação de contas", &t.auditorias)],
        },
        HubSection {
            id: "convenios-e-transferencias",
            title: "Convênios e transferências",
            items: vec![link_out("Convênios e transferências", &t.convenios)],
        },
        HubSection {
            id: "receitas-e-despesas",
            title: "Receitas e despesas",
            items: vec![
                link_out("Receitas", &t.receitas),
                link_out("Despesas", &t.despesas),
                link_out("Diárias e passagens", &t.diarias),
            ],
        },
        HubSection {
            id: "licitacoes-e-contratos",
            title: "Licitações e contratos",
            items: vec![link_out("Licitações", &t.licitacoes), link_out("Contratos", &t.contratos)],
        },
        HubSection {
            id: "servidores",
            title: "Servidores",
            items: vec![link_out("Servidores: cargos e remuneração", &t.servidores)],
        },
        HubSection {
            id: "informacoes-classificadas",
            title: "Informações classificadas",
            items: vec![page(
                "Informações classificadas e desclassificadas",
                classified,
                (!classified_written).then_some("Não há rol de informações classificadas publicado até o momento."),
            )],
        },
        HubSection {
            id: "sic",
            title: "Serviço de Informação ao Cidadão (SIC)",
            items: vec![
                page(
                    "Como pedir uma informação: endereço, telefone e horário do SIC",
                    Generated::Sic.spec().path,
                    site.sic.is_none().then_some("Não há endereço nem horário do SIC publicados até o momento."),
                ),
                link_out("Pedido pela internet (e-SIC)", &t.esic),
            ],
        },
        HubSection {
            id: "perguntas-frequentes",
            title: "Perguntas frequentes",
            items: vec![page(
                "Perguntas frequentes",
                listing(Kind::Faq),
                none(Kind::Faq, "Não há pergunta frequente publicada até o momento."),
            )],
        },
        HubSection {
            id: "dados-abertos",
            title: "Dados abertos",
            items: vec![page(
                "Dados abertos: os dados deste site em formatos abertos, e o que é cada arquivo",
                OPEN_DATA,
                None,
            )],
        },
        HubSection {
            id: "dados-pessoais",
            title: "Tratamento de dados pessoais",
            items: vec![page(
                "Privacidade e proteção de dados pessoais (LGPD)",
                Generated::Privacy.spec().path,
                site.privacy.as_ref().and_then(|p| p.officer.as_ref()).is_none().then_some(
                    "Não há contato do encarregado pelo tratamento de dados pessoais publicado até o momento.",
                ),
            )],
        },
    ];
    let mut sections = sections;
    let others: Vec<HubItem> = site
        .pages
        .iter()
        .filter(|p| p.origin.path.starts_with(ACCESS_HUB) && p.origin.path != classified)
        .map(|p| page(&p.title, &p.origin.path, None))
        .collect();
    if !others.is_empty() {
        sections.push(HubSection { id: "outras-informacoes", title: "Outras informações", items: others });
    }
    HubView { sections, portal: t.portal.clone(), radar: t.radar.clone() }
}
