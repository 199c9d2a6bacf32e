//! The page of a normative text, and the provisions an assessoria's attributions cite.

use crate::legal::{Provision, ProvisionKind};
use crate::model::{LegalText, Site};
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct LawView {
    pub title: String,
    pub url: String,
    pub norm: Option<String>,
    pub urn: Option<String>,
    pub summary: Option<String>,
    /// `<nav>` with the articles, from the legal module; empty when there are none.
    pub toc_html: String,
    pub body_html: String,
    pub json_url: String,
}

pub(crate) fn law_view(site: &Site, law: &LegalText) -> LawView {
    LawView {
        title: law.title.clone(),
        url: law.origin.path.clone(),
        norm: law.norm.as_ref().map(|n| n.label()),
        urn: law.norm.as_ref().and_then(|n| n.urn(site.config.uf.as_deref()?, site.config.municipality.as_deref()?)),
        summary: law.summary.clone(),
        toc_html: crate::legal::render_toc(&law.tree),
        body_html: crate::legal::render_fragment(&law.tree),
        json_url: "estrutura.json".into(),
    }
}

/// The provisions under an article (incisos, paragraphs…), flattened for an assessoria page:
/// (published label, text, anchor).
pub(crate) fn attribution_items(provision: &Provision) -> Vec<(Option<String>, String, Option<String>)> {
    let mut out = Vec::new();
    fn walk(p: &Provision, out: &mut Vec<(Option<String>, String, Option<String>)>) {
        for child in &p.children {
            if child.kind == ProvisionKind::Caput {
                walk(child, out);
            } else {
                out.push((child.label.clone(), child.text.clone(), child.id.clone()));
            }
        }
    }
    walk(provision, &mut out);
    out
}

/// The caput's text of an article (the sentence that introduces its incisos).
pub(crate) fn caput_text(provision: &Provision) -> String {
    provision
        .children
        .iter()
        .find(|c| c.kind == ProvisionKind::Caput)
        .map_or_else(|| provision.text.clone(), |c| c.text.clone())
}
