//! The shapes editors write, exactly: Portuguese keys, English aliases for the usual
//! front-matter keys, unknown keys rejected. Nothing here is validated beyond its YAML type;
//! `model::load` turns these into the domain types whose fields are always valid.

pub(crate) use crate::source::yaml::Text;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// `content/secretaria.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SecretariatYaml {
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
    /// When the content last changed, as the editor states it (`atualizado: 10/03/2026`);
    /// else the last commit that touched the file, else its modification time.
    #[serde(alias = "updated")]
    pub atualizado: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonYaml {
    pub nome: String,
    pub cargo: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ValueYaml {
    pub nome: String,
    pub descricao: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SectionYaml {
    #[serde(alias = "title")]
    pub titulo: String,
    pub texto: String,
}

/// `content/unidades/*.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitYaml {
    pub nome: String,
    pub tipo: Option<String>,
    pub sigla: Option<String>,
    #[serde(default)]
    pub principal: bool,
    pub endereco: Option<AddressYaml>,
    #[serde(default)]
    pub telefones: Vec<PhoneYaml>,
    #[serde(default)]
    pub emails: Vec<String>,
    pub horario: Option<HoursYaml>,
    #[serde(default)]
    pub excecoes: Vec<ExceptionYaml>,
    pub plantao: Option<OnCallYaml>,
    #[serde(default)]
    pub servicos: Vec<String>,
    pub texto: Option<String>,
    #[serde(alias = "weight")]
    pub peso: Option<i64>,
    /// When the content last changed, as the editor states it (`atualizado: 10/03/2026`);
    /// else the last commit that touched the file, else its modification time.
    #[serde(alias = "updated")]
    pub atualizado: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AddressYaml {
    pub logradouro: Option<String>,
    pub bairro: Option<String>,
    pub municipio: Option<String>,
    pub uf: Option<String>,
    pub cep: Option<Text>,
    pub complemento: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExceptionYaml {
    pub data: Text,
    pub horario: Text,
    pub motivo: Option<String>,
}

/// A phone: `"(34) 3663-1492"`, or `numero:` with a `descricao:` of what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PhoneYaml {
    pub numero: Text,
    pub descricao: Option<String>,
}

/// The keys of a phone written as a group, read as serde reads a struct's field names, so an
/// unknown key is reported at its own line with the accepted ones.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum PhoneField {
    Numero,
    Descricao,
}

struct PhoneVisitor;

impl<'de> Visitor<'de> for PhoneVisitor {
    type Value = PhoneYaml;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a map with numero and descricao")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<PhoneYaml, E> {
        Ok(PhoneYaml { numero: Text(v.to_owned()), descricao: None })
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<PhoneYaml, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<PhoneYaml, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PhoneYaml, A::Error> {
        let (mut numero, mut descricao) = (None, None);
        while let Some(key) = map.next_key::<PhoneField>()? {
            match key {
                PhoneField::Numero if numero.is_none() => numero = Some(map.next_value::<Text>()?),
                PhoneField::Descricao if descricao.is_none() => descricao = Some(map.next_value::<Text>()?.0),
                PhoneField::Numero => return Err(de::Error::duplicate_field("numero")),
                PhoneField::Descricao => return Err(de::Error::duplicate_field("descricao")),
            }
        }
        let numero = numero.ok_or_else(|| de::Error::missing_field("numero"))?;
        Ok(PhoneYaml { numero, descricao })
    }
}

impl<'de> Deserialize<'de> for PhoneYaml {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PhoneVisitor)
    }
}

/// `horario:` as written: its keys (days, `feriados`, `observacao`) and values in the order
/// written; or a text, which lacks the days and is reported with the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HoursYaml {
    Entries(Vec<(String, String)>),
    Text(String),
}

struct HoursVisitor;

impl<'de> Visitor<'de> for HoursVisitor {
    type Value = HoursYaml;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<HoursYaml, E> {
        Ok(HoursYaml::Text(v.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<HoursYaml, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<Text, Text>()? {
            entries.push((key.0, value.0));
        }
        Ok(HoursYaml::Entries(entries))
    }
}

impl<'de> Deserialize<'de> for HoursYaml {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(HoursVisitor)
    }
}

/// `plantao:` — an on-call service (plantão, sobreaviso): what it is, its phones, and when
/// it answers, in words or as hours.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OnCallYaml {
    pub nome: Option<String>,
    pub descricao: Option<String>,
    #[serde(default)]
    pub telefones: Vec<PhoneYaml>,
    pub horario: Option<HoursYaml>,
}

/// Front matter of `content/estrutura/*.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AssessoriaYaml {
    #[serde(alias = "title")]
    pub titulo: String,
    pub tipo: Option<String>,
    pub sigla: Option<String>,
    pub responsavel: Option<String>,
    pub unidade: Option<String>,
    pub superior: Option<String>,
    #[serde(default)]
    pub telefones: Vec<PhoneYaml>,
    #[serde(default)]
    pub emails: Vec<String>,
    pub atribuicoes: Option<AttributionsYaml>,
    #[serde(alias = "weight")]
    pub peso: Option<i64>,
    #[serde(alias = "draft", default)]
    pub rascunho: bool,
    #[serde(alias = "description")]
    pub descricao: Option<String>,
    /// When the content last changed, as the editor states it (`atualizado: 10/03/2026`);
    /// else the last commit that touched the file, else its modification time.
    #[serde(alias = "updated")]
    pub atualizado: Option<Text>,
}

/// Either a reference to the article that lists the attributions, or the list itself.
#[derive(Debug)]
pub(crate) enum AttributionsYaml {
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
pub(crate) struct NoticeYaml {
    #[serde(alias = "title")]
    pub titulo: String,
    pub tipo: Option<String>,
    /// `inicio`, or `datas` for a series of meetings (one required, not both).
    pub inicio: Option<Text>,
    pub fim: Option<Text>,
    pub datas: Option<Vec<Text>>,
    /// The time of every date of `datas`: `14:00` or `14h às 16h`.
    pub horario: Option<Text>,
    pub local: Option<String>,
    pub endereco: Option<String>,
    pub unidade: Option<String>,
    /// The unit that organises it (a file of `unidades/`); the secretariat when absent.
    pub organizador: Option<String>,
    #[serde(alias = "draft", default)]
    pub rascunho: bool,
    #[serde(alias = "description")]
    pub descricao: Option<String>,
    /// When the content last changed, as the editor states it (`atualizado: 10/03/2026`);
    /// else the last commit that touched the file, else its modification time.
    #[serde(alias = "updated")]
    pub atualizado: Option<Text>,
}

/// Front matter of `content/legislacao/*.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LegalYaml {
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
    /// When the content last changed, as the editor states it (`atualizado: 10/03/2026`);
    /// else the last commit that touched the file, else its modification time.
    #[serde(alias = "updated")]
    pub atualizado: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NormYaml {
    pub tipo: String,
    pub numero: Text,
    /// A date, or a year alone ("2016"); may be left out when `numero` carries the year.
    pub data: Option<Text>,
}

/// Front matter of ordinary pages and of `_index.md` (sections and home).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageYaml {
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
    /// When the content last changed, as the editor states it (`atualizado: 10/03/2026`);
    /// else the last commit that touched the file, else its modification time.
    #[serde(alias = "updated")]
    pub atualizado: Option<Text>,
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
    fn text_refuses_groups_and_lists_with_a_plain_type_error() {
        let e = serde_yaml::from_str::<NormYaml>("tipo: lei\nnumero: {a: 1}\ndata: x").err().map(|e| e.to_string());
        assert!(e.as_deref().unwrap_or("").starts_with("numero: invalid type: map, expected a string"), "{e:?}");
    }

    #[test]
    fn phones_plain_or_with_a_description() {
        let u: Option<UnitYaml> = serde_yaml::from_str(
            "nome: X\ntelefones:\n  - \"(49) 3657-0269\"\n  - numero: \"(49) 98406-9822\"\n    descricao: Sobreaviso\n  - 4936570269\n",
        )
        .ok();
        let phones = u.map(|u| u.telefones).unwrap_or_default();
        assert_eq!(phones.len(), 3);
        assert_eq!(
            phones[1],
            PhoneYaml { numero: Text("(49) 98406-9822".into()), descricao: Some("Sobreaviso".into()) }
        );
        assert_eq!(phones[2].numero.0, "4936570269");
        let e = serde_yaml::from_str::<UnitYaml>("nome: X\ntelefones:\n  - numero: \"1\"\n    descrição: y\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("unknown field `descrição`, expected `numero` or `descricao`"), "{e}");
        assert!(e.contains("line 4"), "{e}");
    }

    #[test]
    fn hours_keep_the_order_written_or_are_a_text() {
        let u: Option<UnitYaml> =
            serde_yaml::from_str("nome: X\nhorario:\n  sex: 8h-12h\n  seg: 9h-10h\n  observacao: x\n").ok();
        let expected =
            vec![("sex".into(), "8h-12h".into()), ("seg".into(), "9h-10h".into()), ("observacao".into(), "x".into())];
        assert_eq!(u.and_then(|u| u.horario), Some(HoursYaml::Entries(expected)));
        let u: Option<UnitYaml> = serde_yaml::from_str("nome: X\nhorario: 8h às 12h, 13h30 às 17h30\n").ok();
        assert_eq!(u.and_then(|u| u.horario), Some(HoursYaml::Text("8h às 12h, 13h30 às 17h30".into())));
    }

    #[test]
    fn attributions_reference_or_list() {
        let a: Option<AssessoriaYaml> = serde_yaml::from_str("titulo: A\natribuicoes: lei.md#art1").ok();
        assert!(matches!(a.and_then(|a| a.atribuicoes), Some(AttributionsYaml::Reference(_))));
        let a: Option<AssessoriaYaml> = serde_yaml::from_str("titulo: A\natribuicoes: [x, y]").ok();
        assert!(matches!(a.and_then(|a| a.atribuicoes), Some(AttributionsYaml::List(_))));
    }
}
