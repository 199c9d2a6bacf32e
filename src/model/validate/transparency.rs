//! Cross-file rules of the transparency kinds: the units and laws they name exist, and so do
//! the files and pages their documents link to. Every problem is located where it was written.

use super::super::load::{newest_first, PendingAccess, PendingDoc};
use super::{failed_law, find_law, law_list, lookup, missing, Target};
use crate::diagnostics::Diagnostics;
use crate::kinds::{Kind, KINDS};
use crate::model::access::ServiceKind;
use crate::model::document::{Document, Local, Target as DocTarget};
use crate::model::{Section, Site};
use crate::source::SourceSet;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

const RESPONSIBLE: Target = Target { what: "unidade responsável", kind: Kind::Unit };
const COUNCIL_UNIT: Target = Target { what: "unidade do conselho", kind: Kind::Unit };
const SERVICE_UNIT: Target = Target { what: "unidade", kind: Kind::Unit };

/// The paths (in the output, NFC) of every file the site publishes as it is: `static/` and
/// the attachments beside the content.
pub(in crate::model) fn published_files(sources: &SourceSet) -> BTreeSet<String> {
    let name = |path: &std::path::Path, prefix: &str| {
        let path = crate::source::nfc_path(path).to_string_lossy().replace('\\', "/");
        path.strip_prefix(prefix).unwrap_or(&path).to_string()
    };
    let statics = sources.statics.iter().map(|p| name(p, "static/"));
    statics.chain(sources.content_assets.iter().map(|p| name(p, "content/"))).collect()
}

/// The programmes, councils, questions, SIC, ombudsman and privacy page, sorted, their
/// references resolved, into `site`. `sections` are the sections with a file of their own,
/// which documents may link to.
pub(in crate::model) fn resolve_access(
    site: &mut Site,
    access: PendingAccess,
    files: &BTreeSet<String>,
    sections: &[Section],
    failed: &BTreeSet<PathBuf>,
    diagnostics: &mut Diagnostics,
) {
    let unit_ids: BTreeMap<String, usize> = site.units.iter().enumerate().map(|(i, u)| (u.id.clone(), i)).collect();
    let PendingAccess { mut programs, mut councils, mut faqs, services, privacy } = access;
    programs.sort_by(|(a, _), (b, _)| (a.weight, &a.title).cmp(&(b.weight, &b.title)));
    councils.sort_by(|(a, _), (b, _)| (a.weight, &a.title).cmp(&(b.weight, &b.title)));
    faqs.sort_by(|a, b| (a.weight, &a.question).cmp(&(b.weight, &b.question)));
    site.faqs = faqs;
    site.privacy = privacy;
    for (mut service, unit) in services {
        if let Some(r) = unit {
            service.unit = lookup(&unit_ids, &r, diagnostics, failed, SERVICE_UNIT);
        }
        match service.kind {
            ServiceKind::Sic => site.sic = Some(service),
            ServiceKind::Ombudsman => site.ombudsman = Some(service),
        }
    }
    // The items go in first, without their documents: a document may link to any page.
    let mut program_docs = Vec::new();
    for (mut program, refs) in programs {
        if let Some(r) = refs.unit {
            program.unit = lookup(&unit_ids, &r, diagnostics, failed, RESPONSIBLE);
        }
        program_docs.push(refs.documents);
        site.programs.push(program);
    }
    let mut council_docs = Vec::new();
    for (mut council, refs) in councils {
        if let Some(r) = refs.unit {
            council.unit = lookup(&unit_ids, &r, diagnostics, failed, COUNCIL_UNIT);
        }
        if let Some(r) = refs.law {
            council.law = find_law(&site.laws, &r.target);
            if council.law.is_none() && !failed_law(failed, &r.target) {
                missing(
                    diagnostics,
                    &r,
                    &format!("lei do conselho não encontrada: `{}`", r.target),
                    &law_list(&site.laws),
                );
            }
        }
        council_docs.push((refs.minutes, refs.resolutions, refs.documents));
        site.councils.push(council);
    }
    // Only a document that links to a page needs the table of every page (10,000 paths on a
    // large site, built for nothing when no document does).
    let links_a_page = |d: &PendingDoc| matches!(d.local, Some((Local::Page { .. }, _)));
    let any_page = program_docs.iter().flatten().any(links_a_page)
        || council_docs.iter().any(|(m, r, d)| m.iter().chain(r).chain(d).any(links_a_page));
    let pages = if any_page { Pages::of(site, sections) } else { Pages::default() };
    let mut resolve = |docs: Vec<PendingDoc>| -> Vec<Document> {
        docs.into_iter().filter_map(|d| resolve_doc(d, &pages, files, failed, diagnostics)).collect()
    };
    let resolved: Vec<Vec<Document>> = program_docs.into_iter().map(&mut resolve).collect();
    for (program, documents) in site.programs.iter_mut().zip(resolved) {
        program.documents = documents;
    }
    let resolved: Vec<_> = council_docs.into_iter().map(|(m, r, d)| (resolve(m), resolve(r), resolve(d))).collect();
    for (council, (mut minutes, mut resolutions, documents)) in site.councils.iter_mut().zip(resolved) {
        newest_first(&mut minutes);
        newest_first(&mut resolutions);
        (council.minutes, council.resolutions, council.documents) = (minutes, resolutions, documents);
    }
}

/// Every page of the site by its source file: the site path a document link takes.
#[derive(Default)]
struct Pages(rustc_hash::FxHashMap<PathBuf, String>);

impl Pages {
    fn of(site: &Site, sections: &[Section]) -> Pages {
        let mut pages = rustc_hash::FxHashMap::default();
        for spec in &KINDS {
            for item in site.items(spec.kind) {
                pages.insert(item.origin.file.clone(), item.origin.path.clone());
            }
        }
        for s in sections {
            pages.insert(s.origin.file.clone(), s.origin.path.clone());
        }
        Pages(pages)
    }
}

fn resolve_doc(
    pending: PendingDoc,
    pages: &Pages,
    files: &BTreeSet<String>,
    failed: &BTreeSet<PathBuf>,
    diagnostics: &mut Diagnostics,
) -> Option<Document> {
    let PendingDoc { mut doc, local } = pending;
    let Some((local, r)) = local else { return Some(doc) };
    let with = |path: &str, fragment: &Option<String>| match fragment {
        Some(f) => format!("{path}#{f}"),
        None => path.to_string(),
    };
    match &local {
        Local::Page { file, fragment } => {
            let key = PathBuf::from(file);
            match pages.0.get(&key) {
                Some(path) => doc.target = DocTarget::Site(with(path, fragment)),
                None => {
                    if !failed.contains(&key) {
                        let shown = file.strip_prefix("content/").unwrap_or(file);
                        missing(
                            diagnostics,
                            &r,
                            &format!("página não encontrada: {shown}"),
                            &format!("não há o arquivo {file}; confira o nome, ou use o caminho de um arquivo publicado (static/…) ou um endereço https://"),
                        );
                    }
                    return None;
                }
            }
        }
        Local::File { published, fragment } => {
            if !files.contains(published) {
                missing(diagnostics, &r, &format!("arquivo não encontrado: {published}"), &file_help(published, files));
                return None;
            }
            doc.target = DocTarget::Site(with(published, fragment));
        }
    }
    Some(doc)
}

/// Where to put the file, and the files beside the one named (a typo in the name).
fn file_help(published: &str, files: &BTreeSet<String>) -> String {
    let folder = published.rsplit_once('/').map_or("", |(folder, _)| folder);
    let near: Vec<&str> = files
        .iter()
        .filter(|f| f.rsplit_once('/').map_or("", |(d, _)| d) == folder)
        .map(|f| f.rsplit('/').next().unwrap_or(f))
        .take(8)
        .collect();
    let place = format!("coloque o arquivo em static/{published} (ou ao lado do conteúdo, em content/{published})");
    if near.is_empty() {
        place
    } else {
        format!("{place}; nessa pasta o site já publica: {}", near.join(", "))
    }
}
