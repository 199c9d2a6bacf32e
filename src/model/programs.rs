//! `content/programas/*.md`: the programmes and actions of the secretariat, with what
//! Decreto 7.724/2012, art. 7º, § 3º, II asks of each — the unit responsible, the main goals
//! and results and, when they exist, indicators — and what a citizen needs to use one: what
//! it is, for whom, how to get in, the documents. Serialised with the editors' keys.

use super::document::Document;
use super::{serde_iso, Body, Origin};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Program {
    #[serde(rename = "endereco", serialize_with = "serde_iso::origin")]
    pub origin: Origin,
    #[serde(rename = "titulo")]
    pub title: String,
    /// `sigla` (PAIF, SCFV).
    #[serde(rename = "sigla", skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// `descricao`: one sentence for the listing and the search results.
    #[serde(rename = "descricao", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `publico`: for whom, as plain text ("Famílias com crianças de 0 a 6 anos").
    #[serde(rename = "publico", skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// `como_acessar`: how to get in (Markdown: where to go, which documents to bring).
    #[serde(rename = "como_acessar", skip_serializing_if = "Option::is_none")]
    pub access: Option<String>,
    /// `unidade`: index into `Site::units` of the unit responsible. An index: the export
    /// names the unit by `Site::units[i].id`.
    #[serde(skip)]
    pub unit: Option<usize>,
    /// `base_legal`: the norm it rests on, as text ("Lei nº 8.742/1993 (LOAS), art. 24").
    #[serde(rename = "base_legal", skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// `metas`: each goal, as written.
    #[serde(rename = "metas")]
    pub goals: Vec<String>,
    /// `resultados`: each result achieved, as written.
    #[serde(rename = "resultados")]
    pub results: Vec<String>,
    #[serde(rename = "indicadores")]
    pub indicators: Vec<Indicator>,
    #[serde(rename = "documentos")]
    pub documents: Vec<Document>,
    #[serde(rename = "peso")]
    pub weight: i64,
    /// What it is: the file's Markdown body.
    #[serde(rename = "texto", serialize_with = "serde_iso::body")]
    pub body: Body,
}

/// A result or impact indicator: its name, its value as published, and when and from where.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Indicator {
    #[serde(rename = "nome")]
    pub name: String,
    /// As written: "1.240", "87%", "R$ 1,2 milhão".
    #[serde(rename = "valor")]
    pub value: String,
    /// `referencia`: the period or date the value is of ("dezembro de 2025").
    #[serde(rename = "referencia", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// `fonte`: where it comes from ("CadÚnico", "Relatório Mensal de Atendimentos").
    #[serde(rename = "fonte", skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}
