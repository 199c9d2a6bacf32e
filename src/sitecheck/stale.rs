//! Pages whose "Atualizado em" date is older than `verificacao: desatualizada_apos_meses`
//! (12 months unless the site says otherwise): listed as warnings at the start of their source
//! file, where the editor adds `atualizado:` after reviewing them. Notices and normative texts
//! are left out: an old notice or an old law is not outdated, it is history.

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{Origin, Site};
use chrono::Months;
use std::collections::BTreeSet;

/// Every reviewed origin: what editors keep current (the secretariat, units, structure,
/// programmes, councils, pages, the access-to-information texts).
fn reviewed(site: &Site) -> Vec<&Origin> {
    let mut all = vec![&site.home.origin];
    all.extend(site.secretariat.iter().map(|s| &s.origin));
    all.extend(site.units.iter().map(|u| &u.origin));
    all.extend(site.assessorias.iter().map(|a| &a.origin));
    all.extend(site.pages.iter().map(|p| &p.origin));
    all.extend(site.listing_intros.iter().map(|p| &p.origin));
    all.extend(site.sections.iter().map(|s| &s.origin));
    all.extend(site.programs.iter().map(|p| &p.origin));
    all.extend(site.councils.iter().map(|c| &c.origin));
    all.extend(site.faqs.iter().map(|f| &f.origin));
    all.extend(site.sic.iter().chain(&site.ombudsman).map(|s| &s.origin));
    all.extend(site.privacy.iter().map(|p| &p.origin));
    all
}

pub(super) fn check(site: &Site, wanted: &(dyn Fn(&std::path::Path) -> bool + Sync)) -> Vec<Diagnostic> {
    let months = site.config.review.stale_after_months;
    if months == 0 {
        return Vec::new();
    }
    let today = site.today.date().naive();
    let Some(limit) = today.checked_sub_months(Months::new(months)) else { return Vec::new() };
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for origin in reviewed(site) {
        let Some(updated) = origin.updated else { continue };
        if updated.naive() >= limit || !wanted(&origin.file) || !seen.insert(&origin.file) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::StalePage,
                format!(
                    "conteúdo desatualizado: atualizado em {}, há mais de {} {}",
                    updated.br(),
                    months,
                    if months == 1 { "mês" } else { "meses" }
                ),
            )
            .in_file(&origin.file)
            .at(Location::new(1, 1))
            .with_help(format!(
                "revise o texto; se ele continua certo, escreva no cabeçalho `atualizado: {}` (o prazo é `desatualizada_apos_meses` em `verificacao:` no site.yaml)",
                site.today.date().br()
            )),
        );
    }
    out
}
