//! `content/participacao-social/*.md`: the councils (the CMAS first of all): who sits on them
//! for whom (government and civil society, titular and suplente, the term), their board, and
//! their minutes, resolutions and other documents. Meetings and conferences are notices
//! (`avisos/`) organised by the council's unit. Serialised with the editors' keys.

use super::datetime::Date;
use super::document::Document;
use super::field_error::FieldError;
use super::{serde_iso, Body, Origin};
use crate::diagnostics::Code;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Council {
    #[serde(rename = "endereco", serialize_with = "serde_iso::origin")]
    pub origin: Origin,
    #[serde(rename = "titulo")]
    pub title: String,
    #[serde(rename = "sigla", skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    #[serde(rename = "descricao", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `unidade`: index into `Site::units` of the council's own unit (address, contacts,
    /// hours); the notices it organises are its meetings and conferences. An index: the
    /// export names the unit by `Site::units[i].id`.
    #[serde(skip)]
    pub unit: Option<usize>,
    /// `lei`: index into `Site::laws` of the law that creates it. An index: the export
    /// names the law by its `origin.path`.
    #[serde(skip)]
    pub law: Option<usize>,
    /// `mandato`: the term of the composition.
    #[serde(rename = "mandato", skip_serializing_if = "Option::is_none")]
    pub term: Option<Term>,
    /// `nomeacao`: the act that appointed the members ("Decreto nº 4.512, de 28/05/2025").
    #[serde(rename = "nomeacao", skip_serializing_if = "Option::is_none")]
    pub appointment: Option<String>,
    /// `mesa_diretora`: president, vice-president, executive secretary…
    #[serde(rename = "mesa_diretora")]
    pub board: Vec<BoardMember>,
    /// `composicao`: one entry per seat, in the order written.
    #[serde(rename = "composicao")]
    pub seats: Vec<Seat>,
    /// `atas`, the most recent first.
    #[serde(rename = "atas")]
    pub minutes: Vec<Document>,
    /// `resolucoes`, the most recent first.
    #[serde(rename = "resolucoes")]
    pub resolutions: Vec<Document>,
    /// `documentos`: the internal rules (regimento), plans, reports, in the order written.
    #[serde(rename = "documentos")]
    pub documents: Vec<Document>,
    #[serde(rename = "peso")]
    pub weight: i64,
    /// What the council is and does: the file's Markdown body.
    #[serde(rename = "texto", serialize_with = "serde_iso::body")]
    pub body: Body,
}

impl Council {
    /// "CMAS" when it has an acronym, else its title: how resolutions are named.
    pub(crate) fn short_name(&self) -> &str {
        self.acronym.as_deref().unwrap_or(&self.title)
    }
}

/// A term of office, first and last day (the last not before the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Term {
    #[serde(rename = "inicio", serialize_with = "serde_iso::date_required")]
    pub start: Date,
    #[serde(rename = "fim", serialize_with = "serde_iso::date_required")]
    pub end: Date,
}

impl Term {
    pub(crate) fn new(start: Date, end: Date) -> Result<Term, FieldError> {
        if end.naive() < start.naive() {
            return Err(FieldError::new(
                Code::PeriodOrder,
                format!("o mandato termina ({}) antes de começar ({})", end.br(), start.br()),
            )
            .with_help("confira as datas no ato de nomeação: `inicio` é o primeiro dia do mandato, `fim` o último"));
        }
        Ok(Term { start, end })
    }
}

/// Which side of a joint council a seat is on (LOAS, art. 16: half and half).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) enum Segment {
    #[serde(rename = "governo")]
    Government,
    #[serde(rename = "sociedade-civil")]
    CivilSociety,
}

impl Segment {
    pub(crate) const NAMES: [&'static str; 2] = ["governo", "sociedade-civil"];

    pub(crate) fn parse(text: &str) -> Option<Segment> {
        match crate::model::slug::slugify(text).as_str() {
            "governo" | "governamental" | "poder-publico" | "governo-municipal" => Some(Segment::Government),
            "sociedade-civil" | "sociedade" | "nao-governamental" | "civil" => Some(Segment::CivilSociety),
            _ => None,
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Segment::Government => "Representantes do governo",
            Segment::CivilSociety => "Representantes da sociedade civil",
        }
    }
}

/// One seat: whom it represents, and the titular and suplente named for it (at least one).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Seat {
    #[serde(rename = "segmento")]
    pub segment: Segment,
    /// `representa`: the body or group the seat is for ("Secretaria Municipal de Saúde",
    /// "Usuários da assistência social").
    #[serde(rename = "representa")]
    pub represents: String,
    #[serde(rename = "titular", skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    #[serde(rename = "suplente", skip_serializing_if = "Option::is_none")]
    pub alternate: Option<String>,
    /// `mandato`, when this seat's differs from the council's (a member appointed later).
    #[serde(rename = "mandato", skip_serializing_if = "Option::is_none")]
    pub term: Option<Term>,
}

/// A post on the council's board.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BoardMember {
    /// `funcao`: "Presidente", "Vice-presidente", "Secretária executiva".
    #[serde(rename = "funcao")]
    pub role: String,
    #[serde(rename = "nome")]
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_as_editors_write_them() {
        assert_eq!(Segment::parse("Governo"), Some(Segment::Government));
        assert_eq!(Segment::parse("governamental"), Some(Segment::Government));
        assert_eq!(Segment::parse("Sociedade Civil"), Some(Segment::CivilSociety));
        assert_eq!(Segment::parse("não governamental"), Some(Segment::CivilSociety));
        assert_eq!(Segment::parse("usuários"), None);
    }

    #[test]
    fn a_term_ends_after_it_starts() {
        let d = |y, m, day| Date::from_ymd(y, m, day).unwrap_or_else(|| panic!("date"));
        assert!(Term::new(d(2025, 6, 1), d(2027, 5, 31)).is_ok());
        assert!(Term::new(d(2025, 6, 1), d(2025, 6, 1)).is_ok());
        let e = Term::new(d(2027, 5, 31), d(2025, 6, 1)).err().map(|e| e.message).unwrap_or_default();
        assert_eq!(e, "o mandato termina (01/06/2025) antes de começar (31/05/2027)");
    }
}
