//! The transparency checklist of `secretaria check`: every item of the Lei de Acesso à
//! Informação (Lei 12.527/2011, art. 8º, § 1º I–VI and § 3º I–VIII) and of the PNTP (the
//! Programa Nacional de Transparência Pública the audit courts score municipalities on) that a
//! secretariat's site can satisfy, each present or missing, with the file to create or the
//! key to fill and its legal basis, and a score.
//!
//! Pure, and read from the model only ([`items`]): the kinds of content the site has
//! (`crate::kinds`), the values of their files, `site.yaml`, and what the site generates by
//! itself (`crate::kinds::GENERATED`). Nothing is read back from the HTML: an item is present
//! because the model holds what the page is made of.

mod items;

use serde::{Deserialize, Serialize};

/// Whether an item is satisfied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The site publishes it.
    Presente,
    /// The site does not: `como_resolver` says what to write.
    Ausente,
}

/// One item of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// A stable identifier (`unidades-telefones`), for scripts.
    pub id: String,
    /// What the item is, in Portuguese.
    pub titulo: String,
    /// The legal basis: "LAI, art. 8º, § 1º, I".
    pub base_legal: String,
    pub situacao: Status,
    /// What is published, or what is missing and where (the files that lack a key).
    pub detalhe: String,
    /// When missing: the file to create or the key to fill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub como_resolver: Option<String>,
}

/// The checklist and its score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    pub itens: Vec<Item>,
    pub presentes: usize,
    pub total: usize,
    /// `presentes` out of `total`, in percent, rounded down.
    pub pontuacao: usize,
}

impl Checklist {
    fn new(itens: Vec<Item>) -> Checklist {
        let total = itens.len();
        let presentes = itens.iter().filter(|i| i.situacao == Status::Presente).count();
        let pontuacao = (presentes * 100).checked_div(total).unwrap_or(0);
        Checklist { itens, presentes, total, pontuacao }
    }

    /// The identifiers of the missing items, in order.
    pub fn missing(&self) -> Vec<&str> {
        self.itens.iter().filter(|i| i.situacao == Status::Ausente).map(|i| i.id.as_str()).collect()
    }

    /// The checklist for people: the missing items first, each with what to do, then the
    /// present ones on one line each, then the score.
    pub fn to_text(&self) -> String {
        let mut out = String::from("Transparência (Lei de Acesso à Informação e PNTP):\n");
        for item in self.itens.iter().filter(|i| i.situacao == Status::Ausente) {
            out.push_str(&format!("  ✗ {} ({})\n", item.titulo, item.base_legal));
            out.push_str(&format!("      {}\n", item.detalhe));
            if let Some(fix) = &item.como_resolver {
                out.push_str(&format!("      → {fix}\n"));
            }
        }
        for item in self.itens.iter().filter(|i| i.situacao == Status::Presente) {
            out.push_str(&format!("  ✓ {} ({})\n", item.titulo, item.base_legal));
        }
        out.push_str(&format!("  {} de {} itens presentes ({}%)\n", self.presentes, self.total, self.pontuacao));
        out
    }
}

/// The checklist of `site`; `stale` is how many pages the checks found outdated (LAI, art. 8º,
/// § 3º, VI asks that information be kept up to date).
pub(crate) fn checklist(site: &crate::model::Site, stale: usize) -> Checklist {
    Checklist::new(items::items(site, stale))
}
