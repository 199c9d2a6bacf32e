//! `horario:` written as a sentence instead of a group of keys ("8h às 12h, 13h30 às
//! 17h30", "Segunda a sexta, das 8h às 17h"): the error says what is missing and shows the
//! keys to write, built from the editor's own days and times when they can be read.

use super::days::{parse_key, Key};
use super::time::{intervals_text, parse_intervals};
use crate::diagnostics::Code;
use crate::model::datetime::shown;
use crate::model::field_error::FieldError;

const CODES: [&str; 7] = ["seg", "ter", "qua", "qui", "sex", "sab", "dom"];

/// The shortest key for some days: `seg-sex`, `sab-dom`, `seg, qua, sex`, `todos os dias`.
pub(crate) fn days_key(days: &[usize]) -> String {
    let mut sorted = days.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() == 7 {
        return "todos os dias".to_owned();
    }
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for day in sorted {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == day => *end = day,
            _ => runs.push((day, day)),
        }
    }
    let code = |d: usize| CODES.get(d).copied().unwrap_or("");
    let items: Vec<String> = runs
        .into_iter()
        .flat_map(|(first, end)| match end - first {
            0 => vec![code(first).to_owned()],
            1 => vec![code(first).to_owned(), code(end).to_owned()],
            _ => vec![format!("{}-{}", code(first), code(end))],
        })
        .collect();
    items.join(", ")
}

/// One sentence "Segunda a sexta, das 8h às 17h" → (days, "08:00-17:00"); the days are
/// `None` when the sentence has only times. `importar` reads the hours of an old page with it.
pub(crate) fn read(sentence: &str) -> Option<(Option<Vec<usize>>, String)> {
    let at = sentence.find(|c: char| c.is_ascii_digit())?;
    let (before, times) = sentence.split_at_checked(at)?;
    let mut days = before.trim().trim_end_matches([',', ':', '-', '–']).trim().to_lowercase();
    for word in [" das", " de", " da", " no horário", " horário"] {
        if let Some(stem) = days.strip_suffix(word) {
            days = stem.trim_end_matches([',', ':']).trim().to_owned();
        }
    }
    let intervals = parse_intervals(times).ok()?;
    let days = if days.is_empty() {
        None
    } else {
        match parse_key(&days).ok()? {
            Key::Days(days) => Some(days),
            _ => return None,
        }
    };
    Some((days, intervals_text(&intervals)))
}

/// The error for `horario:` written as text.
pub(crate) fn without_days(text: &str) -> FieldError {
    let sentences: Vec<&str> = text
        .split(['\n', ';'])
        .flat_map(|s| s.split(". "))
        .map(|s| s.trim().trim_end_matches('.'))
        .filter(|s| !s.is_empty())
        .collect();
    let read: Option<Vec<(Option<Vec<usize>>, String)>> = sentences.iter().map(|s| read(s)).collect();
    let example = "  horario:\n    seg-sex: 08:00-12:00, 13:30-17:30";
    match read {
        Some(lines) if !lines.is_empty() && lines.iter().all(|(days, _)| days.is_some()) => {
            let keys: Vec<String> = lines
                .iter()
                .map(|(days, hours)| format!("    {}: {hours}", days_key(days.as_deref().unwrap_or_default())))
                .collect();
            FieldError::new(
                Code::InvalidHours,
                format!("o horário está escrito como uma frase: '{}'", shown(text.trim())),
            )
            .with_help(format!(
                "escreva um dia (ou intervalo de dias) por linha, com as horas:\n  horario:\n{}",
                keys.join("\n")
            ))
        }
        Some(lines) if lines.len() == 1 => {
            let hours = lines.first().map(|(_, h)| h.as_str()).unwrap_or_default();
            FieldError::new(Code::InvalidHours, format!("faltam os dias no horário: '{}'", shown(text.trim()))).with_help(format!(
                "escreva os dias antes das horas, por exemplo (troque seg-sex pelos dias de atendimento):\n  horario:\n    seg-sex: {hours}"
            ))
        }
        _ => FieldError::new(Code::InvalidHours, format!("faltam os dias no horário: '{}'", shown(text.trim())))
            .with_help(format!(
                "escreva um grupo de chaves, com os dias antes das horas, por exemplo:\n{example}\n    sab: fechado"
            )),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn keys_for_days() {
        assert_eq!(days_key(&[0, 1, 2, 3, 4]), "seg-sex");
        assert_eq!(days_key(&[5, 6]), "sab, dom");
        assert_eq!(days_key(&[0, 2, 4]), "seg, qua, sex");
        assert_eq!(days_key(&[0, 1, 2, 4]), "seg-qua, sex");
        assert_eq!(days_key(&[6, 0, 1, 2, 3, 4, 5]), "todos os dias");
    }

    #[test]
    fn hours_without_days_show_the_fix() {
        let e = without_days("8h às 12h, 13h30 às 17h30");
        assert_eq!(e.message, "faltam os dias no horário: '8h às 12h, 13h30 às 17h30'");
        assert_eq!(
            e.help.as_deref(),
            Some(
                "escreva os dias antes das horas, por exemplo (troque seg-sex pelos dias de atendimento):\n  horario:\n    seg-sex: 08:00-12:00, 13:30-17:30"
            )
        );
    }

    #[test]
    fn a_sentence_with_days_becomes_keys() {
        let e = without_days("Segunda-feira a Sexta-feira das 08:00 às 11:00 e 13:00 às 17:00.");
        assert_eq!(
            e.help.as_deref(),
            Some("escreva um dia (ou intervalo de dias) por linha, com as horas:\n  horario:\n    seg-sex: 08:00-11:00, 13:00-17:00")
        );
        let e = without_days("Segunda a sexta, das 8h às 17h; sábados das 8h às 12h");
        assert!(e.help.unwrap_or_default().ends_with("    seg-sex: 08:00-17:00\n    sab: 08:00-12:00"));
    }

    #[test]
    fn anything_else_gets_the_example() {
        let e = without_days("em horário comercial");
        assert_eq!(e.message, "faltam os dias no horário: 'em horário comercial'");
        assert!(e.help.unwrap_or_default().contains("seg-sex: 08:00-12:00, 13:30-17:30"));
    }
}
