//! `site.yaml` exactly as editors write it: Portuguese keys, English aliases for the usual
//! ones, unknown keys rejected. [`super::SiteConfig::load`] validates it.

use crate::source::yaml::Text;
use serde::Deserialize;

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
    /// Municipal holidays.
    pub feriados: Option<Vec<HolidayYaml>>,
    /// Addresses of what other systems publish (portal da transparência, e-SIC…).
    pub transparencia: Option<super::links::TransparencyYaml>,
    /// The editorial checks' settings (outdated pages, long sentences).
    pub verificacao: Option<super::review::ReviewYaml>,
    /// Acronyms added to the theme's glossary: `CadÚnico: Cadastro Único…`.
    pub siglas: Option<std::collections::BTreeMap<String, String>>,
    /// How many items a page of a listing shows before the next page (`/avisos/pagina/2/`).
    pub itens_por_pagina: Option<Text>,
}

/// One municipal holiday in `site.yaml`: `data: 15/08`, `nome: Padroeira`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayYaml {
    pub data: Text,
    pub nome: Option<String>,
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
