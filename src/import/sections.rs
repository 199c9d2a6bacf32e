//! What is left of the page after normative text, contacts and notices: the secretariat's
//! name and acronym, mission, vision, values and presentation under their own headings,
//! assessorias with a heading and a text of their own, and the rest as one ordinary page
//! whose sections keep the page's headings.

use super::doc::{fold, looks_like_heading, markdown, trim, Doc};
use super::legal::short_slug;
use super::{Draft, Guess, Page, StructurePage};

/// The first words of a body of the secretariat's structure.
const BODIES: [&str; 9] = [
    "assessoria",
    "coordenadoria",
    "coordenacao",
    "diretoria",
    "departamento",
    "divisao",
    "gerencia",
    "nucleo",
    "setor",
];

/// Headings the old pages use for the identity, folded, without the final `:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    Mission,
    Vision,
    Values,
    Presentation,
}

fn known(line: &str) -> Option<Known> {
    let f = fold(line);
    let f = f.trim().trim_end_matches(':').trim();
    match f {
        "missao" | "nossa missao" => Some(Known::Mission),
        "visao" | "nossa visao" => Some(Known::Vision),
        "valores" | "nossos valores" | "principios e valores" => Some(Known::Values),
        "apresentacao" | "quem somos" | "sobre a secretaria" | "a secretaria" => Some(Known::Presentation),
        _ => None,
    }
}

/// "Secretaria de Apoio Social ao Cidadão tem…" → "Secretaria de Apoio Social ao Cidadão": the
/// capitalised words after "Secretaria" (with de, da, do, ao…), up to the first other word.
fn name_in(text: &str) -> Option<String> {
    let at = text.find("Secretaria ")?;
    let rest = text.get(at..)?;
    let connectors = ["de", "da", "do", "das", "dos", "e", "ao", "à", "aos", "às"];
    let mut words: Vec<&str> = Vec::new();
    for raw in rest.split_whitespace() {
        let word = raw.trim_end_matches([',', '.', ';', ':']);
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if !(capital || connectors.contains(&word)) {
            break;
        }
        words.push(word);
        if word.len() != raw.len() {
            break;
        }
    }
    while words.last().is_some_and(|w| connectors.contains(w)) {
        words.pop();
    }
    (words.len() >= 3).then(|| words.join(" "))
}

fn name_and_acronym(doc: &mut Doc, draft: &mut Draft) {
    let free = doc.free();
    let line = free.iter().copied().find(|&i| {
        let t = doc.get(i);
        t.starts_with("Secretaria ") && looks_like_heading(t) && t.split_whitespace().count() >= 3
    });
    if let Some(i) = line {
        draft.identity.name = Some(Guess::sure(doc.get(i)));
        doc.take(i);
        // "SEMAS" alone on the line before or after.
        let neighbours =
            [i.checked_sub(1).and_then(|p| (0..=p).rev().find(|&j| !doc.get(j).is_empty())), doc.next_text(i)];
        for j in neighbours.into_iter().flatten() {
            let t = doc.get(j);
            let acronym = (2..=10).contains(&t.chars().count()) && t.chars().all(|c| c.is_uppercase());
            if acronym && !doc.is_used(j) {
                draft.identity.acronym = Some(t.to_owned());
                doc.take(j);
                break;
            }
        }
        return;
    }
    let found = doc.lines.iter().find_map(|l| name_in(trim(l)));
    draft.identity.name =
        found.map(|n| Guess::check(n, "nome tirado do texto da página, que não o dá em uma linha própria"));
}

fn is_heading(doc: &Doc, i: usize, title: Option<usize>) -> bool {
    let t = doc.get(i);
    if Some(i) == title {
        return false;
    }
    known(t).is_some()
        || (looks_like_heading(t)
            && doc.blank_before(i)
            && doc.blank_after(i)
            && doc.next_text(i).is_some_and(|n| !doc.is_used(n) && !looks_like_heading(doc.get(n))))
}

pub(crate) fn read(doc: &mut Doc, draft: &mut Draft, title: Option<&str>) {
    name_and_acronym(doc, draft);
    let free = doc.free();
    if free.is_empty() {
        return;
    }
    // A page that starts with "Missão" has no title of its own: that line is a heading.
    let title_line = free.first().copied().filter(|&i| Some(doc.get(i)) == title && known(doc.get(i)).is_none());
    // (heading line, body lines)
    let mut sections: Vec<(Option<usize>, Vec<usize>)> = vec![(None, Vec::new())];
    for &i in &free {
        if Some(i) == title_line {
            continue;
        }
        if is_heading(doc, i, title_line) {
            sections.push((Some(i), Vec::new()));
        } else if let Some((_, lines)) = sections.last_mut() {
            lines.push(i);
        }
    }
    let mut page: Vec<String> = Vec::new();
    for (heading, lines) in sections {
        let source: Vec<String> = body(doc, &lines);
        let text = markdown(&source);
        let head = heading.map(|h| doc.get(h).trim_end_matches(':').trim().to_owned());
        let listed =
            text.lines().any(|l| l.starts_with("- ")) && !source.iter().any(|l| super::doc::bullet(l).is_some());
        let guess = |text: String| {
            if listed {
                Guess::check(text, "as linhas curtas depois de uma linha terminada em “:” viraram itens de lista")
            } else {
                Guess::sure(text)
            }
        };
        let kind = heading.and_then(|h| known(doc.get(h)));
        if text.is_empty() {
            if let Some(head) = &head {
                draft.left_out.push(format!("o título “{head}”, sem texto abaixo dele"));
            }
            continue;
        }
        match kind {
            Some(Known::Mission) => draft.identity.mission = Some(guess(text)),
            Some(Known::Vision) => draft.identity.vision = Some(guess(text)),
            Some(Known::Presentation) => draft.identity.presentation = Some(guess(text)),
            Some(Known::Values) => {
                let pairs: Option<Vec<(String, String)>> = lines.iter().map(|&i| value(doc.get(i))).collect();
                match pairs {
                    Some(pairs) => draft.identity.values = pairs,
                    None => {
                        draft.for_editor.push(
                            "os valores não estão no formato “Nome: descrição”; ficaram na página comum".to_owned(),
                        );
                        page.push(format!("## {}\n\n{text}", head.unwrap_or_default()));
                    }
                }
            }
            None => match head {
                Some(head) if BODIES.contains(&fold(head.split_whitespace().next().unwrap_or("")).as_str()) => {
                    let slug = short_slug(&head);
                    match draft.structure.iter_mut().find(|s| s.slug == slug) {
                        Some(existing) => existing.text = Some(text),
                        None => draft.structure.push(StructurePage {
                            title: head,
                            slug,
                            text: Some(text),
                            attributions: None,
                        }),
                    }
                }
                Some(head) => page.push(format!("## {head}\n\n{text}")),
                None => page.push(text),
            },
        }
        for &i in &lines {
            doc.take(i);
        }
        if let Some(h) = heading {
            doc.take(h);
        }
    }
    if !page.is_empty() {
        let page_title = title.unwrap_or("Página importada").to_owned();
        if let Some(t) = title_line {
            doc.take(t);
        }
        draft.pages.push(Page { slug: short_slug(&page_title), title: page_title, body: page.join("\n\n") });
    }
}

/// The lines of a section with the blank lines between them, as published.
fn body(doc: &Doc, lines: &[usize]) -> Vec<String> {
    let (Some(&first), Some(&last)) = (lines.first(), lines.last()) else { return Vec::new() };
    (first..=last)
        .filter(|&i| lines.contains(&i) || doc.get(i).is_empty())
        .map(|i| doc.lines.get(i).cloned().unwrap_or_default())
        .collect()
}

/// "Dignidade humana: Respeitar a dignidade…" → ("Dignidade humana", "Respeitar a dignidade…").
fn value(line: &str) -> Option<(String, String)> {
    let (name, description) = line.split_once(':')?;
    let name = trim(name);
    let description = trim(description);
    (!name.is_empty() && name.split_whitespace().count() <= 6 && !description.is_empty())
        .then(|| (name.to_owned(), description.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_prose() {
        assert_eq!(
            name_in("A Secretaria de Apoio Social ao Cidadão tem por atribuições").as_deref(),
            Some("Secretaria de Apoio Social ao Cidadão")
        );
        assert_eq!(
            name_in("Art. 42 - À Secretaria Municipal de Assistência Social estão subordinados").as_deref(),
            Some("Secretaria Municipal de Assistência Social")
        );
        assert_eq!(name_in("a Secretaria e o Conselho"), None);
    }

    #[test]
    fn values_are_name_and_description() {
        assert_eq!(
            value("Dignidade humana: Respeitar a dignidade."),
            Some(("Dignidade humana".to_owned(), "Respeitar a dignidade.".to_owned()))
        );
        assert_eq!(value("Sem dois-pontos"), None);
    }
}
