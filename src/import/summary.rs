//! The summary `secretaria importar` prints: what was found, what was written, what was left
//! out and what the editor must complete, in Portuguese.

use super::files::DraftFile;
use super::Draft;

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The lines of the summary (without the files' list, which the writer prints as it writes).
pub(crate) fn found(draft: &Draft) -> Vec<String> {
    let mut lines = Vec::new();
    let id = &draft.identity;
    let unit = &draft.unit;
    if let Some(name) = &id.name {
        lines.push(format!("nome da secretaria: {}", name.value));
    }
    if let Some(head) = &id.head {
        lines.push(format!("titular: {}", head.value));
    }
    for (what, present) in
        [("apresentação", id.presentation.is_some()), ("missão", id.mission.is_some()), ("visão", id.vision.is_some())]
    {
        if present {
            lines.push(what.to_owned());
        }
    }
    if !id.values.is_empty() {
        lines.push(plural(id.values.len(), "valor", "valores"));
    }
    let phones = unit.phones.len() + unit.phones_without_ddd.len();
    if phones > 0 {
        let mut line = plural(phones, "telefone", "telefones");
        if !unit.phones_without_ddd.is_empty() {
            line.push_str(&format!(" ({} sem DDD)", unit.phones_without_ddd.len()));
        }
        lines.push(line);
    }
    if !unit.emails.is_empty() {
        lines.push(format!("{}: {}", plural(unit.emails.len(), "e-mail", "e-mails"), unit.emails.join(", ")));
    }
    if let Some(a) = &unit.address {
        let cep = if a.cep.is_some() { ", com CEP" } else { ", sem CEP" };
        lines.push(format!("endereço: {}{cep}", a.street));
    }
    if !unit.hours.is_empty() {
        let hours: Vec<String> = unit.hours.iter().map(|(d, h)| format!("{d}: {h}")).collect();
        lines.push(format!("horário: {}", hours.join("; ")));
    }
    if let Some(l) = &draft.legislation {
        let mut counts = vec![plural(l.articles, "artigo", "artigos"), plural(l.incisos, "inciso", "incisos")];
        if l.items > 0 {
            counts.push(plural(l.items, "item numerado", "itens numerados"));
        }
        if l.alineas > 0 {
            counts.push(plural(l.alineas, "alínea", "alíneas"));
        }
        lines.push(format!("texto normativo “{}”: {}", l.title.value, counts.join(", ")));
    }
    if !draft.structure.is_empty() {
        let linked = draft.structure.iter().filter(|s| s.attributions.is_some()).count();
        lines.push(format!(
            "{} da estrutura ({linked} com as atribuições ligadas a um artigo)",
            plural(draft.structure.len(), "unidade", "unidades")
        ));
    }
    for n in &draft.notices {
        lines.push(format!("aviso ({}): {} — início {}", n.kind, n.title, n.start.as_deref().unwrap_or("sem data")));
    }
    for p in &draft.pages {
        lines.push(format!("página comum: {}", p.title));
    }
    lines
}

/// What the editor must look at: the guesses marked in the files, the legal parser's warnings
/// and what could not be read.
pub(crate) fn for_editor(draft: &Draft, files: &[DraftFile]) -> Vec<String> {
    let mut lines = draft.for_editor.clone();
    if let Some(l) = &draft.legislation {
        for w in &l.warnings {
            lines.push(format!("texto normativo, {w}"));
        }
    }
    for file in files {
        let marks = file.text.lines().filter(|l| l.trim_start().starts_with("# conferir")).count();
        if marks > 0 {
            lines.push(format!("{}: {}", file.path, plural(marks, "linha “conferir”", "linhas “conferir”")));
        }
    }
    lines
}
