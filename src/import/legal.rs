//! Normative text in an old page (articles, incisos, numbered competences with lettered
//! sub-items) becomes a legislation page, copied as published; the parser of `crate::legal`
//! classifies each line and then reads the whole page, so the draft's counts and warnings are
//! the ones `build` will see. The bodies a provision lists ("Compõe a Secretaria … as
//! seguintes assessorias", "estão subordinados os seguintes órgãos") become structure pages,
//! linked to the article whose caput names them.

use super::doc::{fold, looks_like_heading, trim, Doc};
use super::{Draft, Guess, Legislation, StructurePage};
use crate::legal::{self, Provision, ProvisionKind};
use crate::model::slug::slugify;

/// What one line of the page is, read by the legal parser alone.
fn kind(line: &str) -> ProvisionKind {
    let parsed = legal::parse(line);
    match parsed.provisions.first() {
        // A bullet ("• Avaliar…") is an unnumbered item: a list, not a provision.
        Some(p) if p.kind == ProvisionKind::Item && p.number.is_none() => ProvisionKind::Text,
        Some(p) => p.kind,
        None => ProvisionKind::Text,
    }
}

/// A file name from a title, at most about 60 characters, cut at a word.
pub(crate) fn short_slug(title: &str) -> String {
    let slug = slugify(title);
    if slug.len() <= 60 {
        return slug;
    }
    let mut out = String::new();
    for word in slug.split('-') {
        if out.len() + word.len() + 1 > 60 && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

/// The words of a list's introduction that say it lists competences.
fn introduces_competences(line: &str) -> bool {
    let f = fold(line);
    ["compet", "atribui", "incumb", "compete"].iter().any(|w| f.contains(w))
}

pub(crate) fn read(doc: &mut Doc, draft: &mut Draft) {
    let free = doc.free();
    let kinds: Vec<(usize, ProvisionKind)> = free.iter().map(|&i| (i, kind(doc.get(i)))).collect();
    let count = |k: ProvisionKind| kinds.iter().filter(|(_, kk)| *kk == k).count();
    let provision = |k: ProvisionKind| {
        matches!(
            k,
            ProvisionKind::Article
                | ProvisionKind::Inciso
                | ProvisionKind::Paragraph
                | ProvisionKind::Item
                | ProvisionKind::Alinea
        )
    };
    let Some(&(first, _)) = kinds.iter().find(|(_, k)| provision(*k)) else { return };
    let Some(&(last, _)) = kinds.iter().rev().find(|(_, k)| provision(*k)) else { return };
    let before: Vec<usize> = free.iter().copied().filter(|&i| i < first).collect();
    let intro = before.last().copied().filter(|&i| doc.get(i).ends_with(':'));
    let strong = count(ProvisionKind::Article) > 0 || count(ProvisionKind::Inciso) >= 3;
    let competences = count(ProvisionKind::Item) >= 2 && intro.is_some_and(|i| introduces_competences(doc.get(i)));
    if !strong && !competences {
        return;
    }
    // A short introduction ("À Secretaria …, compete as seguintes atribuições:") is part of
    // the text; a long one is the page's presentation, which stays where it is.
    let intro = intro.filter(|&i| doc.get(i).chars().count() <= 200);
    let start = intro.unwrap_or(first);
    let heading = free
        .iter()
        .copied()
        .rfind(|&i| i < start)
        .filter(|&i| looks_like_heading(doc.get(i)) && free.first() != Some(&i));
    let title = match heading {
        Some(h) => Guess::sure(doc.get(h).trim_end_matches(':').trim()),
        None => {
            let from = intro.or(before.last().copied()).map(|i| fold(doc.get(i))).unwrap_or_default();
            let word = if from.contains("atribui") { "Atribuições" } else { "Competências" };
            Guess::check(word, "a página não dá título a este texto; o título foi tirado da frase que o introduz")
        }
    };
    if let Some(h) = heading {
        doc.take(h);
    }
    let mut lines: Vec<&str> = Vec::new();
    for i in start..=last {
        if !doc.is_used(i) {
            // As published: leading spaces and NBSP are kept (the parser ignores them).
            lines.push(doc.lines.get(i).map_or("", |l| l.as_str()));
        }
    }
    let body = lines.join("\n").trim_matches('\n').to_owned();
    for i in start..=last {
        doc.take(i);
    }
    let parsed = legal::parse(&body);
    let articles = parsed.iter().filter(|p| p.kind == ProvisionKind::Article).count();
    let incisos = parsed.iter().filter(|p| p.kind == ProvisionKind::Inciso).count();
    let items = parsed.iter().filter(|p| p.kind == ProvisionKind::Item && p.number.is_some()).count();
    let alineas = parsed.iter().filter(|p| p.kind == ProvisionKind::Alinea).count();
    let warnings: Vec<String> = parsed.warnings.iter().map(|w| format!("linha {}: {}", w.line, w.message)).collect();
    let slug = short_slug(&title.value);
    draft.legislation = Some(Legislation { title, slug, body, articles, incisos, items, alineas, warnings });
    structure_from(&parsed.provisions, draft);
}

/// The bodies listed under a caput or paragraph that says it lists them.
fn structure_from(provisions: &[Provision], draft: &mut Draft) {
    const BODIES: [&str; 12] = [
        "assessoria",
        "coordenadoria",
        "subcoordenadoria",
        "coordenacao",
        "diretoria",
        "setor",
        "departamento",
        "divisao",
        "gerencia",
        "nucleo",
        "superintendencia",
        "secao",
    ];
    const LISTS: [&str; 6] = ["assessorias", "orgaos", "compoe", "subordinad", "unidades administrativas", "estrutura"];
    for p in provisions {
        let lists = matches!(p.kind, ProvisionKind::Caput | ProvisionKind::Paragraph)
            && LISTS.iter().any(|w| fold(&p.text).contains(w));
        if lists {
            for child in &p.children {
                let text = trim(&child.text).trim_end_matches([';', '.', ',']).trim();
                let first = fold(text.split_whitespace().next().unwrap_or(""));
                if matches!(child.kind, ProvisionKind::Inciso | ProvisionKind::Item)
                    && BODIES.contains(&first.as_str())
                    && text.chars().count() <= 120
                {
                    let slug = short_slug(text);
                    if !slug.is_empty() && !draft.structure.iter().any(|s| s.slug == slug) {
                        draft.structure.push(StructurePage {
                            title: text.to_owned(),
                            slug,
                            text: None,
                            attributions: None,
                        });
                    }
                }
            }
        }
        structure_from(&p.children, draft);
    }
}

/// Each structure page gets the article whose caput names it (`legislacao/x.md#art28`), when
/// exactly one does.
pub(crate) fn link_structure(draft: &mut Draft) {
    let Some(legislation) = &draft.legislation else { return };
    let parsed = legal::parse(&legislation.body);
    let dashes = |s: &str| fold(s).replace(['–', '—'], "-").split_whitespace().collect::<Vec<_>>().join(" ");
    let articles: Vec<(String, String)> = parsed
        .articles()
        .into_iter()
        .filter_map(|a| {
            let caput = a.children.iter().find(|c| c.kind == ProvisionKind::Caput)?;
            Some((a.id.clone()?, dashes(&caput.text)))
        })
        .collect();
    for page in &mut draft.structure {
        let name = dashes(&page.title);
        let hits: Vec<&(String, String)> = articles.iter().filter(|(_, caput)| caput.contains(&name)).collect();
        if let [(id, _)] = hits.as_slice() {
            page.attributions = Some(format!("legislacao/{}.md#{id}", legislation.slug));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_classified_by_the_legal_parser() {
        assert_eq!(kind("Art. 27 - Ao Chefe do Setor"), ProvisionKind::Article);
        assert_eq!(kind("XVII. zelar pela correta aplicação; XVIII. gerir"), ProvisionKind::Inciso);
        assert_eq!(kind("Parágrafo Único – Compõe a Secretaria"), ProvisionKind::Paragraph);
        assert_eq!(kind("\u{a0}a. \u{a0}O atendimento"), ProvisionKind::Alinea);
        assert_eq!(kind("A Secretaria Municipal"), ProvisionKind::Text);
        assert_eq!(kind("  • Oportunizar o debate"), ProvisionKind::Text);
        assert_eq!(kind("1. O planejamento"), ProvisionKind::Item);
    }

    #[test]
    fn long_titles_give_short_file_names() {
        let slug = short_slug("Assessoria de Coordenação do Centro de Referência de Assistência Social - CRAS e mais");
        assert!(slug.len() <= 60, "{slug}");
        assert!(slug.starts_with("assessoria-de-coordenacao"));
    }
}
