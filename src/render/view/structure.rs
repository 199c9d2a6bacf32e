//! The organisational structure: a body's or position's page, its labels, the chart.

use super::{contacts, law, Contacts, Link, Md};
use crate::model::{self, Assessoria, Attributions, Gender, Site};
use serde::Serialize;

/// One inciso (or other provision) of the article an assessoria's attributions point to.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AttributionView {
    pub label: Option<String>,
    pub text: String,
    /// Link to the provision in its legal text.
    pub url: Option<String>,
}

/// Labels that agree with the name they describe: "Subordinado a" for a Setor, "Subordinada
/// a" for a Coordenadoria, a neutral noun when the gender is not known.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StructureLabels {
    /// "Responsável" for a body, "Titular" for a position.
    pub head: &'static str,
    pub unit: &'static str,
    pub superior: &'static str,
}

pub(crate) fn structure_labels(kind: model::StructureKind) -> StructureLabels {
    let (unit, superior) = match kind.gender {
        Gender::Masculine => ("Vinculado a", "Subordinado a"),
        Gender::Feminine => ("Vinculada a", "Subordinada a"),
        Gender::Unknown => ("Vínculo", "Subordinação"),
    };
    StructureLabels { head: if kind.position { "Titular" } else { "Responsável" }, unit, superior }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AssessoriaView {
    pub title: String,
    pub acronym: Option<String>,
    pub head: Option<String>,
    /// A position held by a person (Secretário-Adjunto), not a body of the structure.
    pub position: bool,
    pub labels: StructureLabels,
    pub url: String,
    pub unit: Option<Link>,
    pub superior: Option<Link>,
    pub contacts: Contacts,
    pub attributions: Vec<AttributionView>,
    /// The article the attributions come from (“Art. 28 da Competência do Órgão”).
    pub attributions_source: Option<Link>,
    pub attributions_intro: Option<String>,
    pub body_html: String,
    pub description: Option<String>,
    pub children: Vec<Link>,
}

pub(crate) fn assessoria(site: &Site, index: usize, md: Md<'_>) -> Option<AssessoriaView> {
    let a: &Assessoria = site.assessorias.get(index)?;
    let link_unit = |i: usize| site.units.get(i).map(|u| Link { title: u.name.clone(), url: u.origin.path.clone() });
    let (attributions, attributions_source, attributions_intro) = match &a.attributions {
        Attributions::None => (Vec::new(), None, None),
        Attributions::List(items) => {
            (items.iter().map(|t| AttributionView { label: None, text: t.clone(), url: None }).collect(), None, None)
        }
        Attributions::Reference { law, anchor } => match site.laws.get(*law) {
            Some(text) => {
                let base = text.origin.path.clone();
                let provision = text.tree.find(anchor);
                let items = provision.map(law::attribution_items).unwrap_or_default();
                let intro = provision.map(law::caput_text).filter(|t| !t.is_empty());
                let label = provision.and_then(|p| p.label.clone()).unwrap_or_else(|| anchor.clone());
                (
                    items
                        .into_iter()
                        .map(|(label, text, id)| AttributionView {
                            label,
                            text,
                            url: id.map(|id| format!("{base}#{id}")),
                        })
                        .collect(),
                    Some(Link {
                        title: format!("{} — {}", label.trim_end_matches(['-', '–', '—', '.', ' ']), text.title),
                        url: format!("{base}#{anchor}"),
                    }),
                    intro,
                )
            }
            None => (Vec::new(), None, None),
        },
    };
    Some(AssessoriaView {
        title: a.title.clone(),
        acronym: a.acronym.clone(),
        head: a.head.clone(),
        position: a.kind.position,
        labels: structure_labels(a.kind),
        url: a.origin.path.clone(),
        unit: a.unit.and_then(link_unit),
        superior: a
            .superior
            .and_then(|i| site.assessorias.get(i))
            .map(|s| Link { title: s.title.clone(), url: s.origin.path.clone() }),
        contacts: contacts(&a.phones, &a.emails),
        attributions,
        attributions_source,
        attributions_intro,
        body_html: md.body(&a.body),
        description: a.description.clone(),
        children: site
            .assessorias
            .iter()
            .filter(|c| c.superior == Some(index))
            .map(|c| Link { title: c.title.clone(), url: c.origin.path.clone() })
            .collect(),
    })
}

#[derive(Serialize)]
pub(crate) struct ChartNode {
    pub title: String,
    pub url: String,
    pub children: Vec<ChartNode>,
}

/// The organisation chart: assessorias under their superior, top level under the secretariat.
pub(crate) fn org_chart(site: &Site, tops: &[usize]) -> Vec<ChartNode> {
    fn node(site: &Site, i: usize, depth: usize) -> Option<ChartNode> {
        let a = site.assessorias.get(i)?;
        let children = if depth > 16 {
            Vec::new()
        } else {
            (0..site.assessorias.len())
                .filter(|&c| site.assessorias.get(c).is_some_and(|x| x.superior == Some(i)) && c != i)
                .filter_map(|c| node(site, c, depth + 1))
                .collect()
        };
        Some(ChartNode { title: a.title.clone(), url: a.origin.path.clone(), children })
    }
    tops.iter().filter_map(|&i| node(site, i, 0)).collect()
}
