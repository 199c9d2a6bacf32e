//! Contacts of the secretariat in an old page: phones, e-mails, the address (with CEP and
//! "Cidade/UF"), opening hours and the head's name, each checked with the validators the
//! model uses (`model::contact`, `model::hours`), so that what is written is what `build`
//! accepts. A value that cannot be read exactly is left for the editor, never completed.

use super::address::{address, cep, site_from_contacts};
use super::doc::{fold, trim, Doc};
use super::{Draft, Guess};
use crate::model::contact::{Email, Phone};
use crate::model::hours::suggest::{days_key, read as read_hours};
use crate::model::hours::OpeningHours;

/// The labels that start a contact line, folded, and what they introduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Phone,
    Email,
    Address,
    Hours,
    Head,
    /// "Contato:", "Fale conosco": a heading over the contacts.
    Contacts,
}

fn label(line: &str) -> Option<(Label, &str)> {
    let t = trim(line);
    let folded = fold(t);
    const LABELS: [(&str, Label); 26] = [
        ("telefone/fax", Label::Phone),
        ("fone/fax", Label::Phone),
        ("telefones", Label::Phone),
        ("telefone", Label::Phone),
        ("fones", Label::Phone),
        ("fone", Label::Phone),
        ("tel.", Label::Phone),
        ("tel", Label::Phone),
        ("whatsapp", Label::Phone),
        ("celular", Label::Phone),
        ("e-mails", Label::Email),
        ("emails", Label::Email),
        ("e-mail", Label::Email),
        ("email", Label::Email),
        ("endereco", Label::Address),
        ("localizacao", Label::Address),
        ("horario de expediente", Label::Hours),
        ("horario de atendimento", Label::Hours),
        ("horario de funcionamento", Label::Hours),
        ("horario", Label::Hours),
        ("expediente", Label::Hours),
        ("secretario(a)", Label::Head),
        ("secretaria:", Label::Head),
        ("secretario", Label::Head),
        ("titular", Label::Head),
        ("contatos", Label::Contacts),
    ];
    let candidates = LABELS.iter().chain([("contato", Label::Contacts), ("fale conosco", Label::Contacts)].iter());
    for (word, kind) in candidates {
        let Some(rest) = folded.strip_prefix(word) else { continue };
        // The label ends at a separator; "Telefones úteis da rede" is not a label.
        let rest_trim = rest.trim_start();
        let sep = rest_trim.chars().next();
        let ok = word.ends_with(':') || matches!(sep, None | Some(':' | '-' | '–' | '—'));
        if !ok {
            continue;
        }
        // The label's letters are one character each in the original too ("Endereço" →
        // "endereco"), so the value starts as many characters in.
        let value_start = t.char_indices().nth(word.chars().count()).map_or(t.len(), |(at, _)| at);
        let value = t.get(value_start..).unwrap_or("");
        let value =
            value.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '\u{a0}'));
        return Some((*kind, value));
    }
    None
}

/// Phone-like runs in a text: digits with `()+ -.` between them, 8 to 13 digits.
fn phone_candidates(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let c = current.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '.' | '\u{a0}'));
        let digits = c.chars().filter(char::is_ascii_digit).count();
        if (8..=13).contains(&digits) {
            out.push(c.to_owned());
        }
        current.clear();
    };
    for c in text.chars() {
        let joins = c.is_ascii_digit() || matches!(c, '(' | ')' | '+' | ' ' | '-' | '–' | '.' | '\u{a0}');
        if joins && (c.is_ascii_digit() || c == '(' || c == '+' || !current.is_empty()) {
            current.push(c);
        } else {
            flush(&mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

/// A line with nothing but phone numbers and separators: "(34) 3663-1492 / (34) 99840-6982".
fn phones_only(line: &str) -> bool {
    let candidates = phone_candidates(line);
    let mut rest = line.to_owned();
    for c in &candidates {
        rest = rest.replacen(c.as_str(), "", 1);
    }
    // A CEP alone on its line ("38170-000") has eight digits too.
    !candidates.is_empty() && !rest.chars().any(char::is_alphanumeric) && cep(line).is_none()
}

fn emails(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '<' | '>' | '(' | ')' | '"' | '\u{a0}'))
        .filter(|w| w.contains('@'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter_map(|w| Email::parse(w).ok())
        .map(|e| e.as_str().to_owned())
        .collect()
}

/// A person's name alone on a line: "Neiva Aparecida de Souza Assunção".
fn looks_like_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let connectors = ["de", "da", "do", "das", "dos", "e"];
    let capitalised = words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    let folded = fold(line);
    let not_names = [
        "secretaria",
        "assistencia",
        "social",
        "municipal",
        "conselho",
        "centro",
        "contato",
        "endereco",
        "telefone",
        "horario",
        "prefeitura",
        "governo",
        "protecao",
        "assessoria",
        "coordenadoria",
        "competencia",
        "orgao",
        "atribuicoes",
        "missao",
        "visao",
        "valores",
        "apresentacao",
        "institucional",
    ];
    (2..=7).contains(&words.len())
        && capitalised >= 2
        && words.iter().all(|w| {
            connectors.contains(w)
                || (w.chars().next().is_some_and(char::is_uppercase) && w.chars().skip(1).all(char::is_lowercase))
        })
        && !not_names.iter().any(|n| folded.split_whitespace().any(|w| w == *n))
}

/// The hours as the page writes them → `horario:` entries, when every sentence has days
/// and times the model reads exactly.
fn hours(text: &str) -> Option<Vec<(String, String)>> {
    let sentences: Vec<&str> = text
        .split(['\n', ';'])
        .flat_map(|s| s.split(". "))
        .map(|s| s.trim().trim_end_matches('.'))
        .filter(|s| !s.is_empty())
        .collect();
    let mut entries = Vec::new();
    for sentence in sentences {
        let (Some(days), intervals) = read_hours(sentence)? else { return None };
        entries.push((days_key(&days), intervals));
    }
    (!entries.is_empty() && OpeningHours::from_entries(&entries).is_ok()).then_some(entries)
}

pub(crate) fn read(doc: &mut Doc, draft: &mut Draft, default_ddd: Option<u8>) {
    let mut first_contact: Option<usize> = None;
    for i in 0..doc.len() {
        if doc.is_used(i) {
            continue;
        }
        let line = doc.get(i).to_owned();
        let labelled = label(&line)
            .map(|(kind, value)| (kind, value.to_owned()))
            .or_else(|| phones_only(&line).then(|| (Label::Phone, line.clone())));
        let Some((kind, value)) = labelled else {
            // An address with CEP anywhere; a bare e-mail line.
            if cep(&line).is_some() && line.chars().count() < 160 {
                draft.unit.address.get_or_insert_with(|| address(&line));
                doc.take(i);
                first_contact.get_or_insert(i);
            } else if line.split_whitespace().count() == 1 && !emails(&line).is_empty() {
                draft.unit.emails.extend(emails(&line));
                doc.take(i);
                first_contact.get_or_insert(i);
            }
            continue;
        };
        match kind {
            Label::Contacts if value.is_empty() => doc.take(i),
            Label::Contacts => continue,
            Label::Phone => {
                let mut any = false;
                for candidate in phone_candidates(&value) {
                    match Phone::parse(&candidate, default_ddd) {
                        Ok(phone) => draft.unit.phones.push(phone.display()),
                        Err(e) if e.message.starts_with("telefone sem DDD") => {
                            draft.unit.phones_without_ddd.push(candidate.clone());
                            draft.for_editor.push(format!(
                                "telefone sem DDD: “{candidate}” — defina `ddd` no site.yaml (ou escreva o número com DDD) e tire o `#` da linha em content/unidades/secretaria.yaml"
                            ));
                        }
                        Err(e) => {
                            draft.for_editor.push(format!("telefone não reconhecido: “{candidate}” ({})", e.message));
                            continue;
                        }
                    }
                    any = true;
                }
                if any {
                    doc.take(i);
                    first_contact.get_or_insert(i);
                }
            }
            Label::Email => {
                let found = emails(&value);
                if !found.is_empty() {
                    draft.unit.emails.extend(found);
                    doc.take(i);
                    first_contact.get_or_insert(i);
                }
            }
            Label::Address if value.is_empty() => {
                // "Localização:" with nothing after it: an empty heading of the old page.
                draft.left_out.push(format!("o título “{line}”, sem texto abaixo dele"));
                doc.take(i);
            }
            Label::Address => {
                draft.unit.address.get_or_insert_with(|| address(&value));
                doc.take(i);
                first_contact.get_or_insert(i);
            }
            Label::Hours => {
                if !value.chars().any(|c| c.is_ascii_digit()) {
                    continue;
                }
                draft.unit.hours_source = Some(value.clone());
                match hours(&value) {
                    Some(entries) => draft.unit.hours = entries,
                    None => draft.for_editor.push(format!(
                        "horário não lido com certeza: “{value}” — escreva-o em `horario:` (veja docs/conteudo.md, “Horário de atendimento”)"
                    )),
                }
                doc.take(i);
                first_contact.get_or_insert(i);
            }
            Label::Head if !value.is_empty() && looks_like_name(&value) => {
                draft.identity.head = Some(Guess::sure(value));
                doc.take(i);
            }
            Label::Head => {}
        }
    }
    // The head's name alone on the line right above the contacts ("Neiva … Assunção" /
    // "Telefone: …"), not the page's title.
    if draft.identity.head.is_none() {
        if let Some(first) = first_contact {
            let above = (0..first).rev().find(|&j| !doc.get(j).is_empty());
            let title = doc.free().first().copied();
            if let Some(j) = above.filter(|&j| !doc.is_used(j) && Some(j) != title && looks_like_name(doc.get(j))) {
                draft.identity.head = Some(Guess::check(
                    doc.get(j),
                    "nome lido na linha acima dos contatos: confira se é o(a) titular e escreva o cargo",
                ));
                doc.take(j);
            }
        }
    }
    // Empty headings ("Conheça:" right before another heading).
    for i in doc.free() {
        let t = doc.get(i);
        if t.ends_with(':') && t.split_whitespace().count() <= 3 && !t.chars().any(|c| c.is_ascii_digit()) {
            let next = doc.next_text(i);
            let next_is_heading = next.is_none_or(|n| {
                let nt = doc.get(n);
                doc.is_used(n) || (nt.ends_with(':') && nt.split_whitespace().count() <= 3)
            });
            if next_is_heading {
                draft.left_out.push(format!("o título “{t}”, sem texto abaixo dele"));
                doc.take(i);
            }
        }
    }
    site_from_contacts(doc, draft);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_found_and_checked_by_the_model() {
        assert_eq!(phone_candidates("Telefone: (34) 3663-1492 / 3663-1500"), ["(34) 3663-1492", "3663-1500"]);
        assert_eq!(phone_candidates("Rua X, 401 - Centro"), Vec::<String>::new());
        assert_eq!(phone_candidates("em 26/09/2019"), Vec::<String>::new());
    }

    #[test]
    fn labels_take_their_value() {
        assert_eq!(label("Telefone – 3411-7742"), Some((Label::Phone, "3411-7742")));
        assert_eq!(label("E-mail: a@b.gov.br"), Some((Label::Email, "a@b.gov.br")));
        assert_eq!(label("Endereço: Rua X, 1."), Some((Label::Address, "Rua X, 1.")));
        assert_eq!(label("Telefones úteis da rede"), None);
        assert_eq!(label("E-mails: a@b.gov.br, c@d.gov.br"), Some((Label::Email, "a@b.gov.br, c@d.gov.br")));
        assert_eq!(label("Fone/Fax: (34) 3663-1492"), Some((Label::Phone, "(34) 3663-1492")));
        assert!(phones_only("(34) 3663-1492 / (34) 99840-6982"));
        assert!(!phones_only("Protocolo 3663-1492"));
        assert!(!phones_only("38170-000"));
        assert_eq!(label("Horário de Expediente: Segunda"), Some((Label::Hours, "Segunda")));
    }

    #[test]
    fn hours_need_days_and_times() {
        assert_eq!(
            hours("Segunda-feira a Sexta-feira das 08:00 às 11:00 e 13:00 às 17:00."),
            Some(vec![("seg-sex".to_owned(), "08:00-11:00, 13:00-17:00".to_owned())])
        );
        assert_eq!(hours("das 8h às 12h"), None);
        assert_eq!(hours("em horário comercial"), None);
    }

    #[test]
    fn names() {
        assert!(looks_like_name("Neiva Aparecida de Souza Assunção"));
        assert!(!looks_like_name("Assistência Social"));
        assert!(!looks_like_name("Competência do Órgão"));
    }
}
