//! The rows of the transparency kinds' datasets (programmes, councils and their seats,
//! frequent questions), declared in `datasets.rs`.

use super::rows::{last_segment, url};
use super::Row;
use crate::model::council::{Segment, Term};
use crate::model::document::{Document, Target};
use crate::model::Site;

/// A document: what the editor wrote of it, and its address (a site path or another site's).
fn documents(site: &Site, list: &[Document]) -> Vec<Row> {
    list.iter()
        .map(|d| {
            let (path, absolute) = match &d.target {
                Target::Site(path) => (path.clone(), url(site, path)),
                Target::External(address) => (address.clone(), Some(address.clone())),
            };
            Row::default()
                .text("titulo", d.title.clone())
                .text("numero", d.number.clone())
                .text("data", d.date.map(|d| d.iso_date()))
                .text("ementa", d.summary.clone())
                .text("endereco", Some(path))
                .text("url", absolute)
        })
        .collect()
}

fn unit_id(site: &Site, unit: Option<usize>) -> Option<String> {
    unit.and_then(|i| site.units.get(i)).map(|u| u.id.clone())
}

pub(super) fn programs(site: &Site) -> Vec<Row> {
    site.programs
        .iter()
        .map(|p| {
            let indicators = p
                .indicators
                .iter()
                .map(|i| {
                    Row::default()
                        .text("nome", Some(i.name.clone()))
                        .text("valor", Some(i.value.clone()))
                        .text("referencia", i.reference.clone())
                        .text("fonte", i.source.clone())
                })
                .collect();
            Row::default()
                .text("identificador", Some(last_segment(&p.origin.path)))
                .text("titulo", Some(p.title.clone()))
                .text("sigla", p.acronym.clone())
                .text("descricao", p.description.clone())
                .text("publico", p.audience.clone())
                .text("como_acessar", p.access.clone())
                .text("unidade", unit_id(site, p.unit))
                .text("base_legal", p.legal_basis.clone())
                .texts("metas", p.goals.clone())
                .texts("resultados", p.results.clone())
                .records("indicadores", indicators)
                .records("documentos", documents(site, &p.documents))
                .text("texto", Some(p.body.markdown.clone()))
                .text("caminho", Some(p.origin.path.clone()))
                .text("url", url(site, &p.origin.path))
                .text("atualizado", p.origin.updated.map(|d| d.iso_date()))
        })
        .collect()
}

fn term_start(term: Option<&Term>) -> Option<String> {
    term.map(|t| t.start.iso_date())
}

fn term_end(term: Option<&Term>) -> Option<String> {
    term.map(|t| t.end.iso_date())
}

pub(super) fn councils(site: &Site) -> Vec<Row> {
    site.councils
        .iter()
        .map(|c| {
            let board = c
                .board
                .iter()
                .map(|m| Row::default().text("cargo", Some(m.role.clone())).text("nome", Some(m.name.clone())))
                .collect();
            Row::default()
                .text("identificador", Some(last_segment(&c.origin.path)))
                .text("titulo", Some(c.title.clone()))
                .text("sigla", c.acronym.clone())
                .text("descricao", c.description.clone())
                .text("unidade", unit_id(site, c.unit))
                .text("norma", c.law.and_then(|i| site.laws.get(i)).map(|l| l.origin.path.clone()))
                .text("mandato_inicio", term_start(c.term.as_ref()))
                .text("mandato_fim", term_end(c.term.as_ref()))
                .text("nomeacao", c.appointment.clone())
                .records("mesa_diretora", board)
                .int("vagas", i64::try_from(c.seats.len()).ok())
                .records("atas", documents(site, &c.minutes))
                .records("resolucoes", documents(site, &c.resolutions))
                .records("documentos", documents(site, &c.documents))
                .text("caminho", Some(c.origin.path.clone()))
                .text("url", url(site, &c.origin.path))
                .text("atualizado", c.origin.updated.map(|d| d.iso_date()))
        })
        .collect()
}

pub(super) fn seats(site: &Site) -> Vec<Row> {
    let mut rows = Vec::new();
    for c in &site.councils {
        for (i, seat) in c.seats.iter().enumerate() {
            let segment = match seat.segment {
                Segment::Government => Segment::NAMES[0],
                Segment::CivilSociety => Segment::NAMES[1],
            };
            let term = seat.term.as_ref().or(c.term.as_ref());
            rows.push(
                Row::default()
                    .text("conselho", Some(last_segment(&c.origin.path)))
                    .int("ordem", i64::try_from(i + 1).ok())
                    .text("segmento", Some(segment))
                    .text("representa", Some(seat.represents.clone()))
                    .text("titular", seat.holder.clone())
                    .text("suplente", seat.alternate.clone())
                    .text("mandato_inicio", term_start(term))
                    .text("mandato_fim", term_end(term))
                    .text("caminho", Some(c.origin.path.clone()))
                    .text("url", url(site, &c.origin.path)),
            );
        }
    }
    rows
}

pub(super) fn faqs(site: &Site) -> Vec<Row> {
    site.faqs
        .iter()
        .map(|f| {
            Row::default()
                .text("identificador", Some(f.anchor()))
                .text("pergunta", Some(f.question.clone()))
                .text("tema", f.topic.clone())
                .text("resposta", Some(f.answer.markdown.clone()))
                .text("caminho", Some(f.origin.path.clone()))
                .text("url", url(site, &f.origin.path))
                .text("atualizado", f.origin.updated.map(|d| d.iso_date()))
        })
        .collect()
}
