//! Opening hours in Portuguese, for people: "Segunda a sexta-feira, das 8h às 11h e das 13h às
//! 17h", "Sábado e domingo: fechado", "Feriados: fechado", "25 de dezembro de 2025: fechado
//! (Natal)".

use crate::model::hours::days::DAY_FULL;
use crate::model::hours::{Exception, Interval, OpeningHours};

/// Short names, for ranges and lists ("Segunda a sexta-feira").
const DAY_SHORT: [&str; 7] = ["segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"];

fn name(names: &[&'static str; 7], day: usize) -> &'static str {
    names.get(day).copied().unwrap_or("")
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "a", "a e b", "a, b e c".
pub(crate) fn join_pt(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} e {last}", rest.join(", ")),
    }
}

/// "Segunda a sexta-feira", "Segunda, quarta e sexta-feira", "Sábado e domingo",
/// "Segunda a sábado", "Segunda-feira, quarta-feira e sábado", "Todos os dias".
/// `days` is sorted, without repeats.
pub(crate) fn days_phrase(days: &[usize]) -> String {
    if days.len() == 7 {
        return "Todos os dias".to_owned();
    }
    // Runs of consecutive days.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &day in days {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == day => *end = day,
            _ => runs.push((day, day)),
        }
    }
    // Only weekdays: "-feira" once, on the last one ("segunda, quarta e sexta-feira").
    let only_weekdays = days.iter().all(|&day| day < 5);
    let day_name =
        |day: usize, last: bool| if only_weekdays && !last { name(&DAY_SHORT, day) } else { name(&DAY_FULL, day) };
    let mut items = Vec::new();
    let run_count = runs.len();
    for (i, &(first, end)) in runs.iter().enumerate() {
        let last_run = i + 1 == run_count;
        if end >= first + 2 {
            items.push(format!("{} a {}", name(&DAY_SHORT, first), day_name(end, last_run)));
        } else {
            for day in first..=end {
                items.push(day_name(day, last_run && day == end).to_owned());
            }
        }
    }
    capitalize(&join_pt(&items))
}

/// "das 8h às 11h", "24 horas".
fn interval_phrase(interval: Interval) -> String {
    if interval.is_all_day() {
        "24 horas".to_owned()
    } else {
        format!("das {} às {}", interval.open().br(), interval.close().br())
    }
}

/// "das 8h às 11h e das 13h às 17h", or "fechado".
pub(crate) fn intervals_phrase(intervals: &[Interval]) -> String {
    if intervals.is_empty() {
        return "fechado".to_owned();
    }
    let phrases: Vec<String> = intervals.iter().map(|i| interval_phrase(*i)).collect();
    join_pt(&phrases)
}

/// "Segunda a sexta-feira, das 8h às 11h", "Sábado: fechado".
fn sentence(subject: &str, intervals: &[Interval]) -> String {
    if intervals.is_empty() {
        format!("{subject}: fechado")
    } else {
        format!("{subject}, {}", intervals_phrase(intervals))
    }
}

/// The weekly hours in Portuguese, one sentence per group of days with the same hours, then
/// the hours on holidays when the editor wrote them: "Segunda a sexta-feira, das 8h às 11h e
/// das 13h às 17h", "Sábado e domingo: fechado", "Feriados: fechado".
pub(crate) fn sentences(hours: &OpeningHours) -> Vec<String> {
    let mut out: Vec<String> =
        hours.groups().into_iter().map(|(days, intervals)| sentence(&days_phrase(&days), intervals)).collect();
    if let Some(holidays) = &hours.holidays {
        out.push(sentence("Feriados", holidays));
    }
    out
}

/// "25 de dezembro de 2025: fechado (Natal)",
/// "24 de dezembro de 2025: das 8h às 12h (Véspera de Natal)".
pub(crate) fn exception_sentence(exception: &Exception) -> String {
    let mut out = format!("{}: {}", exception.date.date_long(), intervals_phrase(&exception.intervals));
    if let Some(reason) = &exception.reason {
        out.push_str(&format!(" ({reason})"));
    }
    out
}

/// One sentence per exception, by date.
pub(crate) fn exception_sentences(hours: &OpeningHours) -> Vec<String> {
    hours.exceptions_by_date().into_iter().map(exception_sentence).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn hours(list: &[(&str, &str)]) -> OpeningHours {
        let entries: Vec<(String, String)> = list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        OpeningHours::from_entries(&entries).unwrap()
    }

    #[test]
    fn sentences_group_days() {
        let h = hours(&[("seg-sex", "08:00-11:00, 13:00-17:00"), ("sab", "8h às 12h")]);
        assert_eq!(
            sentences(&h),
            vec!["Segunda a sexta-feira, das 8h às 11h e das 13h às 17h", "Sábado, das 8h às 12h"]
        );
        let h = hours(&[("seg,qua,sex", "08:30-12:00")]);
        assert_eq!(sentences(&h), vec!["Segunda, quarta e sexta-feira, das 8h30 às 12h"]);
        let h = hours(&[("seg-sex", "08:00-17:00"), ("sab-dom", "fechado")]);
        assert_eq!(sentences(&h), vec!["Segunda a sexta-feira, das 8h às 17h", "Sábado e domingo: fechado"]);
        // Days written separately with the same hours are grouped.
        let h = hours(&[("seg", "8h-12h"), ("ter", "8h-12h"), ("qua", "8h-12h"), ("qui", "13h-17h")]);
        assert_eq!(sentences(&h), vec!["Segunda a quarta-feira, das 8h às 12h", "Quinta-feira, das 13h às 17h"]);
        let h = hours(&[("seg-sab", "7h-19h")]);
        assert_eq!(sentences(&h), vec!["Segunda a sábado, das 7h às 19h"]);
        let h = hours(&[("seg,qua,sab", "7h-19h")]);
        assert_eq!(sentences(&h), vec!["Segunda-feira, quarta-feira e sábado, das 7h às 19h"]);
        let h = hours(&[("seg,ter", "7h-19h"), ("qua", "fechado")]);
        assert_eq!(sentences(&h), vec!["Segunda e terça-feira, das 7h às 19h", "Quarta-feira: fechado"]);
        let h = hours(&[("seg-qua,sex", "9h-10h")]);
        assert_eq!(sentences(&h), vec!["Segunda a quarta e sexta-feira, das 9h às 10h"]);
        let h = hours(&[("seg-qua,sab", "9h-10h")]);
        assert_eq!(sentences(&h), vec!["Segunda a quarta-feira e sábado, das 9h às 10h"]);
        let h = hours(&[("dom", "9h-10h")]);
        assert_eq!(sentences(&h), vec!["Domingo, das 9h às 10h"]);
        let h = hours(&[("seg-sex", "7h-9h, 10h-12h, 13h-17h")]);
        assert_eq!(sentences(&h), vec!["Segunda a sexta-feira, das 7h às 9h, das 10h às 12h e das 13h às 17h"]);
        assert_eq!(sentences(&hours(&[])), Vec::<String>::new());
    }

    #[test]
    fn every_day_and_holidays() {
        assert_eq!(sentences(&hours(&[("seg-dom", "24h")])), vec!["Todos os dias, 24 horas"]);
        assert_eq!(sentences(&hours(&[("de segunda a segunda", "24h")])), vec!["Todos os dias, 24 horas"]);
        assert_eq!(
            sentences(&hours(&[("2ª a 6ª", "8h às 12h, 13h30 às 17h30"), ("feriados", "fechado")])),
            vec!["Segunda a sexta-feira, das 8h às 12h e das 13h30 às 17h30", "Feriados: fechado"]
        );
        assert_eq!(
            sentences(&hours(&[("sábados e domingos", "8h-12h"), ("feriados", "8h-12h")])),
            vec!["Sábado e domingo, das 8h às 12h", "Feriados, das 8h às 12h"]
        );
        assert_eq!(sentences(&hours(&[("seg-sex", "17:00-24:00")])), vec!["Segunda a sexta-feira, das 17h às 24h"]);
    }

    #[test]
    fn exception_sentences_read_well() {
        let e = Exception::parse("25/12/2025", "fechado", Some("Natal")).unwrap();
        assert_eq!(exception_sentence(&e), "25 de dezembro de 2025: fechado (Natal)");
        let e = Exception::parse("24/12/2025", "8h às 12h", Some("Véspera de Natal")).unwrap();
        assert_eq!(exception_sentence(&e), "24 de dezembro de 2025: das 8h às 12h (Véspera de Natal)");
        let e = Exception::parse("2026-01-01", "fechado", Some("")).unwrap();
        assert_eq!(exception_sentence(&e), "1º de janeiro de 2026: fechado");
        // Pushed to directly, out of order and twice on a date: the first of a date wins.
        let mut h = hours(&[]);
        for (date, reason) in [("25/12/2025", "Natal"), ("24/12/2025", "A"), ("25/12/2025", "B")] {
            h.exceptions.push(Exception::parse(date, "fechado", Some(reason)).unwrap());
        }
        assert_eq!(
            exception_sentences(&h),
            vec!["24 de dezembro de 2025: fechado (A)", "25 de dezembro de 2025: fechado (Natal)"]
        );
    }
}
