//! The shapes editors write for the transparency kinds (frequent questions, programmes,
//! councils, the SIC and the ombudsman, the privacy page), exactly: Portuguese keys, the usual
//! English aliases for the common front-matter keys, unknown keys refused. `model::load`
//! validates the values.

use super::raw::{AddressYaml, ExceptionYaml, HoursYaml, PersonYaml, PhoneYaml, Text};
use serde::Deserialize;

/// Front matter of `content/perguntas-frequentes/*.md`; the body is the answer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FaqYaml {
    #[serde(alias = "titulo", alias = "title")]
    pub pergunta: String,
    pub tema: Option<String>,
    #[serde(alias = "weight")]
    pub peso: Option<i64>,
    #[serde(alias = "draft", default)]
    pub rascunho: bool,
    /// When the content last changed, as the editor states it (see `model::updated`).
    #[serde(alias = "updated")]
    pub atualizado: Option<Text>,
}

/// One document of a list: `arquivo` and at least one of `titulo`, `numero`, `data`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentYaml {
    #[serde(alias = "title")]
    pub titulo: Option<String>,
    pub numero: Option<Text>,
    #[serde(alias = "date")]
    pub data: Option<Text>,
    #[serde(alias = "descricao")]
    pub ementa: Option<String>,
    /// A file of the site (`static/atas/ata.pdf`), a page (`legislacao/lei.md`) or an
    /// address (`https://…`).
    #[serde(alias = "url", alias = "link")]
    pub arquivo: String,
}

/// An indicator of a programme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IndicatorYaml {
    pub nome: String,
    pub valor: Text,
    pub referencia: Option<Text>,
    pub fonte: Option<String>,
}

/// Front matter of `content/programas/*.md`; the body says what the programme is.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProgramYaml {
    #[serde(alias = "title")]
    pub titulo: String,
    pub sigla: Option<String>,
    #[serde(alias = "description")]
    pub descricao: Option<String>,
    pub publico: Option<String>,
    pub como_acessar: Option<String>,
    pub unidade: Option<String>,
    pub base_legal: Option<String>,
    #[serde(default)]
    pub metas: Vec<Text>,
    #[serde(default)]
    pub resultados: Vec<Text>,
    #[serde(default)]
    pub indicadores: Vec<IndicatorYaml>,
    #[serde(default)]
    pub documentos: Vec<DocumentYaml>,
    #[serde(alias = "weight")]
    pub peso: Option<i64>,
    #[serde(alias = "draft", default)]
    pub rascunho: bool,
    /// When the content last changed, as the editor states it (see `model::updated`).
    #[serde(alias = "updated")]
    pub atualizado: Option<Text>,
}

/// `mandato:` — the first and the last day.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TermYaml {
    pub inicio: Text,
    pub fim: Text,
}

/// One seat of a council.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SeatYaml {
    pub segmento: String,
    pub representa: String,
    pub titular: Option<String>,
    pub suplente: Option<String>,
    pub mandato: Option<TermYaml>,
}

/// One post of a council's board.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BoardYaml {
    #[serde(alias = "cargo")]
    pub funcao: String,
    pub nome: String,
}

/// Front matter of `content/participacao-social/*.md`; the body says what the council does.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CouncilYaml {
    #[serde(alias = "title", alias = "nome")]
    pub titulo: String,
    pub sigla: Option<String>,
    #[serde(alias = "description")]
    pub descricao: Option<String>,
    pub unidade: Option<String>,
    /// The law that creates it: a file of `legislacao/`.
    pub lei: Option<String>,
    pub mandato: Option<TermYaml>,
    pub nomeacao: Option<String>,
    #[serde(default)]
    pub mesa_diretora: Vec<BoardYaml>,
    #[serde(default)]
    pub composicao: Vec<SeatYaml>,
    #[serde(default)]
    pub atas: Vec<DocumentYaml>,
    #[serde(default)]
    pub resolucoes: Vec<DocumentYaml>,
    #[serde(default)]
    pub documentos: Vec<DocumentYaml>,
    #[serde(alias = "weight")]
    pub peso: Option<i64>,
    #[serde(alias = "draft", default)]
    pub rascunho: bool,
    /// When the content last changed, as the editor states it (see `model::updated`).
    #[serde(alias = "updated")]
    pub atualizado: Option<Text>,
}

/// Front matter of `content/acesso-a-informacao/sic.md` and `ouvidoria.md`: a unit to take
/// the contacts from, and/or the contacts themselves; the body replaces the theme's text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ServiceYaml {
    #[serde(alias = "title")]
    pub titulo: Option<String>,
    #[serde(alias = "description")]
    pub descricao: Option<String>,
    pub unidade: Option<String>,
    pub endereco: Option<AddressYaml>,
    #[serde(default)]
    pub telefones: Vec<PhoneYaml>,
    #[serde(default)]
    pub emails: Vec<String>,
    pub horario: Option<HoursYaml>,
    #[serde(default)]
    pub excecoes: Vec<ExceptionYaml>,
    pub responsavel: Option<PersonYaml>,
    #[serde(alias = "draft", default)]
    pub rascunho: bool,
    /// When the content last changed, as the editor states it (see `model::updated`).
    #[serde(alias = "updated")]
    pub atualizado: Option<Text>,
}

/// `encarregado:` of the privacy page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OfficerYaml {
    pub nome: String,
    pub cargo: Option<String>,
    #[serde(default)]
    pub telefones: Vec<PhoneYaml>,
    #[serde(default)]
    pub emails: Vec<String>,
}

/// Front matter of `content/privacidade.md`. The keys of an ordinary page are accepted too,
/// so a privacy page written before this kind existed still loads.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PrivacyYaml {
    #[serde(alias = "title")]
    pub titulo: Option<String>,
    #[serde(alias = "description")]
    pub descricao: Option<String>,
    pub encarregado: Option<OfficerYaml>,
    #[serde(alias = "date")]
    pub data: Option<Text>,
    /// Accepted so that a privacy page written as an ordinary page still loads; a page of
    /// its own has no place in a list to be ordered by.
    #[allow(dead_code)]
    #[serde(alias = "weight")]
    pub peso: Option<i64>,
    #[serde(alias = "draft", default)]
    pub rascunho: bool,
    /// When the content last changed, as the editor states it (see `model::updated`).
    #[serde(alias = "updated")]
    pub atualizado: Option<Text>,
}
