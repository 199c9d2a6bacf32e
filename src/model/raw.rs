//! The shapes editors write, exactly: Portuguese keys, English aliases for the usual
//! front-matter keys, unknown keys rejected. Nothing here is validated beyond its YAML type;
//! `model::load` turns these into the domain types whose fields are always valid.

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::fmt;

/// A YAML scalar read as text whatever its YAML type: `numero: 12` and `numero: "12"` are
/// the same to an editor.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    /// Asked as text: serde_yaml then hands over any scalar as written (`12`, `1.50`, `true`).
    /// Other deserializers may still offer numbers and booleans; they are taken as text too.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl Visitor<'_> for TextVisitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `site.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteYaml {
    #[serde(alias = "title")]
    pub titulo: String,
    pub municipio: Option<String>,
    pub uf: Option<String>,
    #[serde(alias = "language")]
    pub idioma: Option<String>,
    pub base_url: Option<String>,
    #[serde(alias = "theme")]
    pub tema: Option<String>,
    pub ddd: Option<Text>,
    #[serde(alias = "description")]
    pub descricao: Option<String>,
    pub cores: Option<ColoursYaml>,
    pub menu: Option<Vec<MenuItemYaml>>,
    pub permitir_html: Option<bool>,
    pub vlibras: Option<bool>,
    pub fuso_horario: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColoursYaml {
    pub primaria: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItemYaml {
    #[serde(alias = "title")]
    pub titulo: String,
    pub url: String,
}

/// `content/secretaria.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretariatYaml {
    pub nome: String,
    pub sigla: Option<String>,
    pub titular: Option<PersonYaml>,
    pub apresentacao: Option<String>,
    pub missao: Option<String>,
    pub visao: Option<String>,
    #[serde(default)]
    pub valores: Vec<ValueYaml>,
    pub competencias: Option<String>,
    #[serde(default)]
    pub secoes: Vec<SectionYaml>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonYaml {
    pub nome: String,
    pub cargo: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueYaml {
    pub nome: String,
    pub descricao: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionYaml {
    #[serde(alias = "title")]
    pub titulo: String,
    pub texto: String,
}

/// `content/unidades/*.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitYaml {
    pub nome: String,
    pub tipo: Option<String>,
    pub sigla: Option<String>,
    #[serde(default)]
    pub principal: bool,
    pub endereco: Option<AddressYaml>,
    #[serde(default)]
    pub telefones: Vec<Text>,
    #[serde(default)]
    pub emails: Vec<String>,
    pub horario: Option<BTreeMap<String, Text>>,
    #[serde(default)]
    pub excecoes: Vec<ExceptionYaml>,
    #[serde(default)]
    pub servicos: Vec<String>,
    pub texto: Option<String>,
    #[serde(alias = "weight")]
    pub peso: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressYaml {
    pub logradouro: Option<String>,
    pub bairro: Option<String>,
    pub municipio: Option<String>,
    pub uf: Option<String>,
    pub cep: Option<Text>,
    pub complemento: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionYaml {
    pub data: Text,
    pub horario: Text,
    pub motivo: Option<String>,
}

/// Front matter of `content/estrutura/*.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessoriaYaml {
    #[serde(alias = "title")]
    pub titulo: String,
    pub sigla: Option<String>,
    pub responsavel: Option<String>,
    pub unidade: Option<String>,
    pub superior: Option<String>,
    #[serde(default)]
    pub telefones: Vec<Text>,
    #[serde(default)]
    pub emails: Vec<String>,
    pub atribuicoes: Option<AttributionsYaml>,
    #[serde(alias = "weight")]
    pub peso: Option<i64>,
    #[serde(alias = "draft", default)]
    pub rascunho: bool,
    #[serde(alias = "description")]
    pub descricao: Option<String>,
}

/// Either a reference to the article that lists the attributions, or the list itself.
#[derive(Debug)]
pub enum AttributionsYaml {
    Reference(String),
    List(Vec<String>),
}

impl<'de> Deserialize<'de> for AttributionsYaml {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AttributionsVisitor;

        impl<'de> Visitor<'de> for AttributionsVisitor {
            type Value = AttributionsYaml;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("uma referência ao artigo (legislacao/lei.md#art28) ou uma lista (- item)")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(AttributionsYaml::Reference(v.to_string()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(Text(item)) = seq.next_element()? {
                    items.push(item);
                }
                Ok(AttributionsYaml::List(items))
            }
        }

        deserializer.deserialize_any(AttributionsVisitor)
    }
}

/// Front matter of `content/avisos/*.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeYaml {
    #[serde(alias = "title")]
    pub titulo: String,
    pub tipo: Option<String>,
    pub inicio: Text,
    pub fim: Option<Text>,
    pub local: Option<String>,
    pub endereco: Option<String>,
    pub unidade: Option<String>,
    #[serde(alias = "draft", default)]
    pub rascunho: bool,
    #[serde(alias = "description")]
    pub descricao: Option<String>,
}

/// Front matter of `content/legislacao/*.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalYaml {
    #[serde(alias = "title")]
    pub titulo: String,
    pub norma: Option<NormYaml>,
    pub ementa: Option<String>,
    #[serde(alias = "weight")]
    pub peso: Option<i64>,
    #[serde(alias = "draft", default)]
    pub rascunho: bool,
    #[serde(alias = "description")]
    pub descricao: Option<String>,
    #[serde(alias = "date")]
    pub data: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormYaml {
    pub tipo: String,
    pub numero: Text,
    /// A date, or a year alone ("2016"); may be left out when `numero` carries the year.
    pub data: Option<Text>,
}

/// Front matter of ordinary pages and of `_index.md` (sections and home).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageYaml {
    #[serde(alias = "title")]
    pub titulo: Option<String>,
    #[serde(alias = "description")]
    pub descricao: Option<String>,
    #[serde(alias = "date")]
    pub data: Option<Text>,
    #[serde(alias = "weight")]
    pub peso: Option<i64>,
    #[serde(alias = "draft", default)]
    pub rascunho: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_accepts_any_scalar() {
        let n: Option<NormYaml> = serde_yaml::from_str("tipo: lei\nnumero: 12\ndata: 2017-03-10").ok();
        assert_eq!(n.map(|n| (n.numero.0, n.data.map(|d| d.0))), Some(("12".into(), Some("2017-03-10".into()))));
    }

    #[test]
    fn attributions_reference_or_list() {
        let a: Option<AssessoriaYaml> = serde_yaml::from_str("titulo: A\natribuicoes: lei.md#art1").ok();
        assert!(matches!(a.and_then(|a| a.atribuicoes), Some(AttributionsYaml::Reference(_))));
        let a: Option<AssessoriaYaml> = serde_yaml::from_str("titulo: A\natribuicoes: [x, y]").ok();
        assert!(matches!(a.and_then(|a| a.atribuicoes), Some(AttributionsYaml::List(_))));
    }
}
