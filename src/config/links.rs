//! `transparencia:` in `site.yaml`: the addresses of what other systems publish for the
//! municipality (the portal da transparência's pages for revenue, spending, tenders, contracts,
//! staff, per diems; the e-SIC; the ombudsman's online form; the Radar da Transparência
//! Pública). Each is read as a real URL ([`crate::safe_url::parse_external`]); the pages show
//! them as links to another site, and the "Acesso à Informação" hub says when one is missing.

use serde::{Deserialize, Serialize};

/// The keys, as editors write them. Each is an address `https://…`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransparencyYaml {
    pub portal: Option<String>,
    pub receitas: Option<String>,
    pub despesas: Option<String>,
    pub diarias: Option<String>,
    pub licitacoes: Option<String>,
    pub contratos: Option<String>,
    pub convenios: Option<String>,
    pub servidores: Option<String>,
    pub auditorias: Option<String>,
    pub esic: Option<String>,
    pub ouvidoria: Option<String>,
    pub radar: Option<String>,
}

/// The addresses, each a valid `http(s)` URL (as the URL parser writes it) or absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Transparency {
    /// The municipal portal da transparência's home page.
    pub portal: Option<String>,
    pub receitas: Option<String>,
    pub despesas: Option<String>,
    /// Diárias e passagens.
    pub diarias: Option<String>,
    pub licitacoes: Option<String>,
    pub contratos: Option<String>,
    /// Convênios e transferências.
    pub convenios: Option<String>,
    /// Staff: positions and pay.
    pub servidores: Option<String>,
    /// Audits and the audit court's judgement of the accounts.
    pub auditorias: Option<String>,
    /// The electronic information service (e-SIC).
    pub esic: Option<String>,
    /// The ombudsman's online form (Fala.BR or the municipality's).
    pub ouvidoria: Option<String>,
    /// The municipality's page on the Radar da Transparência Pública.
    pub radar: Option<String>,
}

/// What each key is, for messages: (key, what it links to).
const KEYS: [(&str, &str); 12] = [
    ("portal", "o Portal da Transparência do município"),
    ("receitas", "as receitas"),
    ("despesas", "as despesas"),
    ("diarias", "as diárias e passagens"),
    ("licitacoes", "as licitações"),
    ("contratos", "os contratos"),
    ("convenios", "os convênios e transferências"),
    ("servidores", "os servidores"),
    ("auditorias", "as auditorias e prestações de contas"),
    ("esic", "o e-SIC"),
    ("ouvidoria", "a ouvidoria on-line"),
    ("radar", "o Radar da Transparência Pública"),
];

impl TransparencyYaml {
    /// The addresses checked; `error(key, value, message, help)` for each that is not one.
    pub fn validate(&self, mut error: impl FnMut(&str, &str, String, &str)) -> Transparency {
        let mut checked = |key: &str, value: &Option<String>| -> Option<String> {
            let value = value.as_deref()?;
            let what = KEYS.iter().find(|(k, _)| *k == key).map_or("", |(_, what)| *what);
            let help = format!(
                "escreva o endereço completo da página com {what}, por exemplo https://transparencia.municipio.uf.gov.br/…, ou apague a linha"
            );
            if value.trim().is_empty() {
                error(key, &format!("{key}:"), format!("endereço vazio em `transparencia.{key}`"), &help);
                return None;
            }
            match crate::safe_url::parse_external(value) {
                Ok(url) => Some(url),
                Err(problem) => {
                    error(key, value.trim(), format!("endereço inválido em `transparencia.{key}`: {problem}"), &help);
                    None
                }
            }
        };
        Transparency {
            portal: checked("portal", &self.portal),
            receitas: checked("receitas", &self.receitas),
            despesas: checked("despesas", &self.despesas),
            diarias: checked("diarias", &self.diarias),
            licitacoes: checked("licitacoes", &self.licitacoes),
            contratos: checked("contratos", &self.contratos),
            convenios: checked("convenios", &self.convenios),
            servidores: checked("servidores", &self.servidores),
            auditorias: checked("auditorias", &self.auditorias),
            esic: checked("esic", &self.esic),
            ouvidoria: checked("ouvidoria", &self.ouvidoria),
            radar: checked("radar", &self.radar),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Overrides, SiteConfig};
    use crate::diagnostics::Diagnostics;
    use crate::source::SourceFile;
    use std::path::PathBuf;

    fn load(text: &str) -> (Option<SiteConfig>, Diagnostics) {
        let file = SourceFile { rel_path: PathBuf::from("site.yaml"), text: text.into() };
        let mut diagnostics = Diagnostics::new();
        (SiteConfig::load(Some(&file), &Overrides::default(), &mut diagnostics), diagnostics)
    }

    #[test]
    fn transparency_addresses_are_urls_located_with_a_hint() {
        let (c, d) = load(
            "titulo: T\ntransparencia:\n  despesas: https://transparencia.x.mg.gov.br/despesas?ano=2026\n  receitas: transparencia.x.mg.gov.br/receitas\n  esic: \"\"\n  radar: javascript:alert(1)\nbase_url: https://x.mg.gov.br/\n",
        );
        let t = c.map(|c| c.transparency).unwrap_or_default();
        assert_eq!(t.despesas.as_deref(), Some("https://transparencia.x.mg.gov.br/despesas?ano=2026"));
        assert_eq!((t.receitas, t.esic, t.radar), (None, None, None));
        let found: Vec<(usize, String)> =
            d.iter().map(|e| (e.location.map_or(0, |l| l.line), e.message.clone())).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].0 == 4 && found[0].1.contains("transparencia.receitas") && found[0].1.contains("falta https://"),
            "{found:?}"
        );
        assert!(found[1].0 == 5 && found[1].1.contains("endereço vazio em `transparencia.esic`"), "{found:?}");
        assert!(found[2].0 == 6 && found[2].1.contains("precisa começar com https://"), "{found:?}");
        assert!(d.iter().all(|e| e.help.as_deref().is_some_and(|h| h.contains("https://"))));
        let (_, d) = load("titulo: T\ntransparencia:\n  despesa: https://x.br/\n");
        let e = d.iter().next().map(|e| (e.message.clone(), e.help.clone().unwrap_or_default())).unwrap_or_default();
        assert!(e.0.contains("`despesa`") && e.1.contains("despesas"), "{e:?}");
    }
}
