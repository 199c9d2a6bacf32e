//! The model as rows of the datasets declared in `datasets.rs`. Only what the content says:
//! every optional value goes through [`Row`]'s builders, which leave out what is absent.

use super::datasets::{DAYS, PROVISION_KINDS, STATUSES};
use super::Row;
use crate::legal::{Provision, ProvisionKind, Status};
use crate::model::contact::{EmailEntry, LabelledPhone};
use crate::model::{Attributions, Notice, Occurrence, Site, Unit};
use crate::render::{hours, instant, view};

/// The absolute address of a site path, percent-encoded (`regimento%20interno.pdf`).
pub(super) fn url(site: &Site, path: &str) -> Option<String> {
    crate::render::sitemap::absolute(site, path)
}

/// The end of a site path: `unidades/cras/` → `cras`.
pub(super) fn last_segment(path: &str) -> String {
    path.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_string()
}

fn phones(list: &[LabelledPhone]) -> Vec<Row> {
    list.iter()
        .map(|p| {
            Row::default()
                .text("numero", Some(p.phone.schema()))
                .text("exibicao", Some(p.phone.display()))
                .text("descricao", p.label.clone())
        })
        .collect()
}

fn emails(list: &[EmailEntry]) -> Vec<String> {
    list.iter()
        .map(|e| match e {
            EmailEntry::Valid(e) => e.as_str().to_string(),
            EmailEntry::AsWritten(text) => text.clone(),
        })
        .collect()
}

pub(super) fn secretariat(site: &Site) -> Vec<Row> {
    let Some(s) = &site.secretariat else { return Vec::new() };
    let head = s.head.as_ref().map(|p| Row::default().text("nome", Some(p.name.clone())).text("cargo", p.role.clone()));
    let values = s
        .values
        .iter()
        .map(|v| Row::default().text("nome", Some(v.name.clone())).text("descricao", v.description.clone()))
        .collect();
    let sections = s
        .sections
        .iter()
        .map(|t| Row::default().text("titulo", Some(t.title.clone())).text("texto", Some(t.markdown.clone())))
        .collect();
    let competences = s.competences.and_then(|i| site.laws.get(i)).map(|l| l.origin.path.clone());
    vec![Row::default()
        .text("nome", Some(s.name.clone()))
        .text("sigla", s.acronym.clone())
        .record("titular", head)
        .text("apresentacao", s.presentation.clone())
        .text("missao", s.mission.clone())
        .text("visao", s.vision.clone())
        .records("valores", values)
        .records("secoes", sections)
        .text("competencias", competences)
        .text("caminho", Some(s.origin.path.clone()))
        .text("url", url(site, &s.origin.path))
        .text("atualizado", s.origin.updated.map(|d| d.iso_date()))]
}

fn unit(site: &Site, u: &Unit) -> Row {
    let address = u.address.as_ref().map(|a| {
        Row::default()
            .text("logradouro", a.street.clone())
            .text("complemento", a.complement.clone())
            .text("bairro", a.district.clone())
            .text("municipio", a.municipality.clone())
            .text("uf", a.uf.clone())
            .text("cep", a.postal_code.clone())
    });
    let hours = u.hours.as_ref();
    let weekly = hours
        .map(|h| {
            h.weekly
                .iter()
                .zip(DAYS)
                .flat_map(|(intervals, day)| {
                    intervals.iter().map(move |i| {
                        Row::default()
                            .text("dia", Some(day))
                            .text("abre", Some(i.open().hhmm()))
                            .text("fecha", Some(i.close().hhmm()))
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let holidays = match hours.and_then(|h| h.holidays.as_ref()) {
        Some(list) if list.is_empty() => vec!["fechado".to_string()],
        Some(list) => list.iter().map(|i| format!("{}-{}", i.open().hhmm(), i.close().hhmm())).collect(),
        None => Vec::new(),
    };
    let on_call = u.on_call.as_ref().map(|o| {
        Row::default()
            .text("nome", Some(o.name.clone().unwrap_or_else(|| "Plantão".to_string())))
            .text("descricao", o.description.clone())
            .records("telefones", phones(&o.phones))
            .texts("horario", o.hours.as_ref().map(hours::sentences).unwrap_or_default())
    });
    Row::default()
        .text("identificador", Some(u.id.clone()))
        .text("nome", Some(u.name.clone()))
        .text("tipo", Some(unit_kind_name(u.kind)))
        .text("tipo_nome", Some(view::unit_kind_label(u.kind)))
        .text("sigla", u.acronym.clone())
        .bool("principal", u.main)
        .record("endereco", address)
        .text("endereco_completo", u.address.as_ref().map(crate::model::Address::one_line))
        .records("telefones", phones(&u.phones))
        .texts("emails", emails(&u.emails))
        .texts("horario", hours.map(hours::sentences).unwrap_or_default())
        .records("horario_semanal", weekly)
        .texts("horario_feriados", holidays)
        .text("horario_observacao", hours.and_then(|h| h.note.clone()))
        .texts("excecoes", hours.map(hours::exception_sentences).unwrap_or_default())
        .record("plantao", on_call)
        .texts("servicos", u.services.clone())
        .text("caminho", Some(u.origin.path.clone()))
        .text("url", url(site, &u.origin.path))
        .text("atualizado", u.origin.updated.map(|d| d.iso_date()))
}

/// The word `tipo:` takes for a kind of unit.
fn unit_kind_name(kind: crate::model::UnitKind) -> &'static str {
    use crate::model::UnitKind::*;
    let i = match kind {
        Secretaria => 0,
        Cras => 1,
        Creas => 2,
        CentroPop => 3,
        Convivencia => 4,
        Conselho => 5,
        Acolhimento => 6,
        Outro => 7,
    };
    crate::model::UnitKind::NAMES.get(i).copied().unwrap_or("outro")
}

pub(super) fn units(site: &Site) -> Vec<Row> {
    site.units.iter().map(|u| unit(site, u)).collect()
}

pub(super) fn structure(site: &Site) -> Vec<Row> {
    let unit_id = |i: usize| site.units.get(i).map(|u| u.id.clone());
    site.assessorias
        .iter()
        .map(|a| {
            let (attributions, source) = match &a.attributions {
                Attributions::None => (Vec::new(), None),
                Attributions::List(items) => (items.clone(), None),
                Attributions::Reference { law, anchor } => match site.laws.get(*law) {
                    Some(text) => {
                        let items = text.tree.find(anchor).map(view::law::attribution_items).unwrap_or_default();
                        let lines = items
                            .into_iter()
                            .map(|(label, text, _)| match label {
                                Some(label) => format!("{label} {text}"),
                                None => text,
                            })
                            .collect();
                        (lines, Some(format!("{}#{anchor}", text.origin.path)))
                    }
                    None => (Vec::new(), None),
                },
            };
            Row::default()
                .text("identificador", Some(a.id.clone()))
                .text("titulo", Some(a.title.clone()))
                .text("tipo", Some(if a.kind.position { "cargo" } else { "orgao" }))
                .text("sigla", a.acronym.clone())
                .text("responsavel", a.head.clone())
                .text("unidade", a.unit.and_then(unit_id))
                .text("superior", a.superior.and_then(|i| site.assessorias.get(i)).map(|s| s.id.clone()))
                .records("telefones", phones(&a.phones))
                .texts("emails", emails(&a.emails))
                .texts("atribuicoes", attributions)
                .text("atribuicoes_fonte_url", source.as_deref().and_then(|p| url(site, p)))
                .text("atribuicoes_fonte", source)
                .text("descricao", a.description.clone())
                .text("caminho", Some(a.origin.path.clone()))
                .text("url", url(site, &a.origin.path))
                .text("atualizado", a.origin.updated.map(|d| d.iso_date()))
        })
        .collect()
}

fn notice(site: &Site, n: &Notice) -> Row {
    let tz = site.config.time_zone;
    let dates = n
        .series
        .iter()
        .map(|o: &Occurrence| {
            Row::default()
                .text("inicio", Some(instant::iso(o.start, tz)))
                .text("fim", o.end.map(|e| instant::iso(e, tz)))
        })
        .collect();
    let unit_id = |i: usize| site.units.get(i).map(|u| u.id.clone());
    let name = crate::model::NoticeKind::NAMES.iter().find(|k| crate::model::NoticeKind::parse(k) == Some(n.kind));
    Row::default()
        .text("titulo", Some(n.title.clone()))
        .text("tipo", name.copied())
        .text("tipo_nome", Some(n.kind.label()))
        .text("inicio", Some(instant::iso(n.start, tz)))
        .text("fim", n.end.map(|e| instant::iso(e, tz)))
        .records("datas", dates)
        .text("local", n.place.clone())
        .text("endereco", n.address.clone())
        .text("unidade", n.unit.and_then(unit_id))
        .text("organizador", n.organizer.and_then(unit_id))
        .text("descricao", n.description.clone())
        .text("calendario", n.kind.is_event().then(|| format!("{}evento.ics", n.origin.path)))
        .text("caminho", Some(n.origin.path.clone()))
        .text("url", url(site, &n.origin.path))
        .text("atualizado", n.origin.updated.map(|d| d.iso_date()))
}

pub(super) fn notices(site: &Site) -> Vec<Row> {
    site.notices.iter().map(|n| notice(site, n)).collect()
}

pub(super) fn laws(site: &Site) -> Vec<Row> {
    let (uf, municipality) = (site.config.uf.as_deref(), site.config.municipality.as_deref());
    site.laws
        .iter()
        .map(|l| {
            let norm = l.norm.as_ref();
            let year = norm.and_then(|n| n.date.map(|d| chrono::Datelike::year(&d.naive())).or(n.year));
            Row::default()
                .text("identificador", Some(last_segment(&l.origin.path)))
                .text("titulo", Some(l.title.clone()))
                .text("tipo", norm.map(|n| n.kind.clone()))
                .text("numero", norm.map(|n| n.number.clone()))
                .text("data", norm.and_then(|n| n.date).map(|d| d.iso_date()))
                .int("ano", year.map(i64::from))
                .text("urn", norm.and_then(|n| n.urn(uf?, municipality?)))
                .text("ementa", l.summary.clone())
                .int("dispositivos", i64::try_from(l.tree.iter().count()).ok())
                .text("estrutura", Some(format!("{}estrutura.json", l.origin.path)))
                .text("caminho", Some(l.origin.path.clone()))
                .text("url", url(site, &l.origin.path))
        })
        .collect()
}

fn kind_word(kind: ProvisionKind) -> &'static str {
    let i = match kind {
        ProvisionKind::Heading => 0,
        ProvisionKind::Article => 1,
        ProvisionKind::Caput => 2,
        ProvisionKind::Inciso => 3,
        ProvisionKind::Alinea => 4,
        ProvisionKind::Item => 5,
        ProvisionKind::Paragraph => 6,
        ProvisionKind::Text => 7,
        ProvisionKind::Norm => 8,
        ProvisionKind::Preamble => 9,
        ProvisionKind::Closing => 10,
        ProvisionKind::PlaceDate => 11,
        ProvisionKind::Signature => 12,
        ProvisionKind::Amendment => 13,
    };
    PROVISION_KINDS.get(i).copied().unwrap_or("texto")
}

fn status_word(status: Status) -> &'static str {
    let i = match status {
        Status::Revoked => 0,
        Status::Vetoed => 1,
        Status::Superseded => 2,
    };
    STATUSES.get(i).copied().unwrap_or_default()
}

pub(super) fn provisions(site: &Site) -> Vec<Row> {
    let mut rows = Vec::new();
    for law in &site.laws {
        let id = last_segment(&law.origin.path);
        let mut order = 0i64;
        // Depth first, in reading order, with the anchor of the nearest parent that has one.
        let mut stack: Vec<(&Provision, Option<&str>)> = law.tree.provisions.iter().rev().map(|p| (p, None)).collect();
        while let Some((p, parent)) = stack.pop() {
            order += 1;
            let path = match &p.id {
                Some(anchor) => format!("{}#{anchor}", law.origin.path),
                None => law.origin.path.clone(),
            };
            rows.push(
                Row::default()
                    .text("norma", Some(id.clone()))
                    .int("ordem", Some(order))
                    .text("tipo", Some(kind_word(p.kind)))
                    .text("rotulo", p.label.clone())
                    .text("nome", p.name.clone())
                    .text("texto", Some(p.text.clone()))
                    .text("ancora", p.id.clone())
                    .text("pai", parent.map(str::to_string))
                    .text("situacao", p.status.map(status_word))
                    .text("url", url(site, &path))
                    .text("caminho", Some(path)),
            );
            let own = p.id.as_deref().or(parent);
            stack.extend(p.children.iter().rev().map(|c| (c, own)));
        }
    }
    rows
}
