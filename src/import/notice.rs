//! A conference, hearing or meeting announced by an old page ("VIII Conferência Municipal…",
//! "26 de setembro de 2019 – início as 12h30, no CRAS") becomes a notice. The date and time
//! are taken only when the text gives them in full (day, month and year; a time only when one
//! is written) and pass the model's own parser (`model::datetime`); nothing is completed.

use super::doc::{fold, markdown, trim, Doc};
use super::legal::short_slug;
use super::{Draft, Guess, Notice};
use crate::legal::closing::MONTHS;
use crate::model::datetime::{parse_clock, DateTime};

/// The kind of notice a title announces.
fn kind_of(title: &str) -> Option<&'static str> {
    let f = fold(title);
    if f.contains("conferencia") {
        Some("conferencia")
    } else if f.contains("audiencia publica") {
        Some("audiencia-publica")
    } else if f.contains("reuniao") || f.contains("assembleia") {
        Some("reuniao")
    } else if f.contains("capacitacao") || f.contains("curso") || f.contains("oficina") {
        Some("capacitacao")
    } else if f.contains("edital") {
        Some("edital")
    } else {
        None
    }
}

/// "26 de setembro de 2019", "1º de março de 2026", "26/09/2019" → "26/09/2019".
fn date_in(line: &str) -> Option<(String, usize)> {
    let f = fold(line);
    let words: Vec<&str> = f.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    for (at, w) in words.iter().enumerate() {
        // dd/mm/yyyy
        let parts: Vec<&str> = w.trim_matches(|c: char| !c.is_ascii_digit()).split('/').collect();
        if let [d, m, y] = parts.as_slice() {
            if y.len() == 4 && d.len() <= 2 && m.len() <= 2 {
                let text = format!("{d:0>2}/{m:0>2}/{y}");
                if DateTime::parse(&text).is_ok() {
                    return Some((text, at));
                }
            }
        }
        let day = w.trim_end_matches(['o', 'º']);
        if day.is_empty() || day.len() > 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let (Some(&"de"), Some(month), Some(&"de"), Some(year)) =
            (words.get(at + 1), words.get(at + 2), words.get(at + 3), words.get(at + 4))
        else {
            continue;
        };
        let Some(m) = MONTHS.iter().position(|name| name == month) else { continue };
        let year = year.trim_end_matches(|c: char| !c.is_ascii_digit());
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let text = format!("{day:0>2}/{:02}/{year}", m + 1);
        if DateTime::parse(&text).is_ok() {
            return Some((text, at + 4));
        }
    }
    None
}

/// A clock time written after the date ("início as 12h30", "às 14:00").
fn time_in(line: &str) -> Option<String> {
    line.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
        .map(|w| w.trim_end_matches(['.', ':']))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.contains(['h', 'H', ':']))
        .find_map(|w| parse_clock(w).ok().map(|(h, m, _)| format!("{h:02}:{m:02}")))
}

/// "…, no CRAS", "… na Câmara Municipal.", "Local: Salão Paroquial".
fn place_in(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    for marker in ["local:", ", no ", ", na ", " no ", " na "] {
        if let Some(at) = lower.rfind(marker) {
            let rest = line.get(at + marker.len()..)?;
            let place = trim(rest).trim_end_matches(['.', ';', ',']).trim();
            if !place.is_empty() && place.chars().count() <= 80 && place.chars().next().is_some_and(char::is_uppercase)
            {
                return Some(place.to_owned());
            }
        }
    }
    None
}

pub(crate) fn read(doc: &mut Doc, draft: &mut Draft, title: Option<&str>) {
    let Some(title) = title else { return };
    let Some(kind) = kind_of(title) else { return };
    let free = doc.free();
    let Some(&title_line) = free.first() else { return };
    let dated: Vec<(usize, String)> =
        free.iter().filter_map(|&i| date_in(doc.get(i)).map(|(date, _)| (i, date))).collect();
    let Some((line, date)) = dated.first().cloned() else {
        draft.for_editor.push(format!(
            "“{title}” parece um aviso, mas a página não dá a data completa (dia, mês e ano): ficou como página comum"
        ));
        return;
    };
    let text = doc.get(line).to_owned();
    let start = match time_in(&text) {
        Some(time) => format!("{date} {time}"),
        None => date.clone(),
    };
    if DateTime::parse(&start).is_err() {
        return;
    }
    if dated.iter().any(|(_, d)| *d != date) {
        draft.for_editor.push(format!(
            "a página de “{title}” tem mais de uma data; o início foi lido de “{text}”: confira `inicio`"
        ));
    }
    let place = place_in(&text).map(|p| Guess::check(p, format!("lido de “{text}”")));
    doc.take(title_line);
    let mut body_lines = Vec::new();
    for i in 0..doc.len() {
        if !doc.is_used(i) {
            body_lines.push(doc.lines.get(i).cloned().unwrap_or_default());
            doc.take(i);
        }
    }
    draft.notices.push(Notice {
        title: title.to_owned(),
        slug: short_slug(title),
        kind: kind.to_owned(),
        start: Some(start),
        place,
        body: markdown(&body_lines),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_prose() {
        assert_eq!(
            date_in("26 de setembro de 2019 – início as 12h30, no CRAS").map(|d| d.0).as_deref(),
            Some("26/09/2019")
        );
        assert_eq!(date_in("1º de março de 2026").map(|d| d.0).as_deref(), Some("01/03/2026"));
        assert_eq!(date_in("Reunião em 5/3/2026, às 14h").map(|d| d.0).as_deref(), Some("05/03/2026"));
        assert_eq!(date_in("26 de setembro, às 14h"), None, "no year: nothing is completed");
        assert_eq!(date_in("31 de fevereiro de 2026"), None);
    }

    #[test]
    fn times_and_places() {
        assert_eq!(time_in("26 de setembro de 2019 – início as 12h30, no CRAS").as_deref(), Some("12:30"));
        assert_eq!(time_in("26 de setembro de 2019"), None);
        assert_eq!(place_in("26 de setembro de 2019 – início as 12h30, no CRAS").as_deref(), Some("CRAS"));
    }
}
