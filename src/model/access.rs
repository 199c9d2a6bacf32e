//! The kinds of the "Acesso à Informação" section that are not lists of things: the answers
//! to frequent questions ([`Faq`]), the places where a citizen asks for information or
//! complains ([`Service`]: the SIC and the ombudsman) and the privacy page with the data
//! protection officer ([`Privacy`]). Every field is valid; the serialised names are the
//! editors' keys, for the open-data export.

use super::contact::{EmailEntry, LabelledPhone};
use super::hours::OpeningHours;
use super::{serde_iso, Address, Body, Origin, Person};
use serde::Serialize;

/// `content/perguntas-frequentes/*.md`: one question and its answer.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Faq {
    /// Its own page (`perguntas-frequentes/como-me-inscrevo/`); on the listing, its anchor.
    #[serde(rename = "endereco", serialize_with = "serde_iso::origin")]
    pub origin: Origin,
    /// `pergunta` (or `titulo`).
    #[serde(rename = "pergunta")]
    pub question: String,
    /// `tema`: the group the listing shows it in; questions without one go last.
    #[serde(rename = "tema", skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// `peso`: order within the topic (and of the topics, by their lightest question).
    #[serde(rename = "peso")]
    pub weight: i64,
    /// The answer: the file's Markdown body, never empty.
    #[serde(rename = "resposta", serialize_with = "serde_iso::body")]
    pub answer: Body,
}

impl Faq {
    /// The anchor of the question on the listing page: its file name.
    pub(crate) fn anchor(&self) -> String {
        self.origin.path.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_string()
    }
}

/// Which service a [`Service`] file describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) enum ServiceKind {
    /// Serviço de Informação ao Cidadão (Lei 12.527/2011, art. 9º, I).
    #[serde(rename = "sic")]
    Sic,
    /// The ombudsman (ouvidoria; Lei 13.460/2017).
    #[serde(rename = "ouvidoria")]
    Ombudsman,
}

/// `content/acesso-a-informacao/sic.md` or `ouvidoria.md`: where and how to ask. The
/// contacts written here take the place of the unit's, one by one (an own e-mail at the
/// secretariat's address).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Service {
    #[serde(rename = "endereco_no_site", serialize_with = "serde_iso::origin")]
    pub origin: Origin,
    #[serde(rename = "servico")]
    pub kind: ServiceKind,
    /// `titulo`, when the editor gave one (the theme names the service otherwise).
    #[serde(rename = "titulo", skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(rename = "descricao", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `unidade`: index into `Site::units` of the unit where the service is (its address,
    /// phones, e-mails and hours stand in for those not written here). An index: the export
    /// names the unit by `Site::units[i].id`.
    #[serde(skip)]
    pub unit: Option<usize>,
    #[serde(rename = "endereco", skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(rename = "telefones", serialize_with = "serde_iso::phones")]
    pub phones: Vec<LabelledPhone>,
    #[serde(rename = "emails", serialize_with = "serde_iso::emails")]
    pub emails: Vec<EmailEntry>,
    /// `horario` and `excecoes`, validated as a unit's; exported as units' hours are.
    #[serde(skip)]
    pub hours: Option<OpeningHours>,
    /// `responsavel`: who answers for it (the LAI's monitoring authority, the ombudsman).
    #[serde(rename = "responsavel", skip_serializing_if = "Option::is_none")]
    pub head: Option<Person>,
    /// The text that replaces the theme's explanation, when not empty.
    #[serde(rename = "texto", serialize_with = "serde_iso::body")]
    pub body: Body,
}

/// `content/privacidade.md`: the privacy page. Its body, when not empty, replaces the
/// theme's default policy; the officer is shown either way.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Privacy {
    #[serde(rename = "endereco_no_site", serialize_with = "serde_iso::origin")]
    pub origin: Origin,
    #[serde(rename = "titulo", skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(rename = "descricao", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `encarregado`: the data protection officer (LGPD, art. 41).
    #[serde(rename = "encarregado", skip_serializing_if = "Option::is_none")]
    pub officer: Option<Officer>,
    /// `data`: when the policy was last revised, shown on the page.
    #[serde(rename = "data", serialize_with = "serde_iso::date", skip_serializing_if = "Option::is_none")]
    pub date: Option<super::datetime::Date>,
    #[serde(rename = "texto", serialize_with = "serde_iso::body")]
    pub body: Body,
}

/// The person in charge of personal data (encarregado), and how to reach them. LGPD art. 41
/// § 1º: their identity and contacts are published.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Officer {
    #[serde(rename = "nome")]
    pub name: String,
    #[serde(rename = "cargo", skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(rename = "telefones", serialize_with = "serde_iso::phones")]
    pub phones: Vec<LabelledPhone>,
    #[serde(rename = "emails", serialize_with = "serde_iso::emails")]
    pub emails: Vec<EmailEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::contact::{Email, Phone};

    /// The open-data export serialises these types as they are: the editors' keys, dates in
    /// ISO 8601, phones in E.164, no indices into other lists.
    #[test]
    fn serialise_with_the_editors_keys() {
        let origin = Origin { file: "content/privacidade.md".into(), path: "privacidade/".into(), updated: None };
        let phone = Phone::parse("(62) 3371-2000", None).map(|p| LabelledPhone::new(p, Some("recepção")));
        let email = Email::parse("lgpd@x.go.gov.br").map(EmailEntry::Valid);
        let privacy = Privacy {
            origin,
            title: None,
            description: None,
            officer: Some(Officer {
                name: "Juliana".into(),
                role: None,
                phones: phone.into_iter().collect(),
                emails: email.into_iter().collect(),
            }),
            date: crate::model::datetime::Date::from_ymd(2026, 3, 2),
            body: Body { markdown: "Texto.".into(), line_offset: 4, looked: Default::default() },
        };
        let value = serde_json::to_value(&privacy).unwrap_or_default();
        assert_eq!(
            value,
            serde_json::json!({
                "endereco_no_site": "privacidade/",
                "encarregado": {
                    "nome": "Juliana",
                    "telefones": [{"numero": "+556233712000", "descricao": "recepção"}],
                    "emails": ["lgpd@x.go.gov.br"]
                },
                "data": "2026-03-02",
                "texto": "Texto."
            })
        );
    }
}
