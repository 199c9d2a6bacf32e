//! Opening hours as schema.org `OpeningHoursSpecification`s: one per interval and group of
//! days, days written `fechado` as opens = closes = "00:00" (as schema.org documents closed
//! days), exceptions and — when the editor wrote `feriados:` — the coming year's holidays as
//! dated specifications. The hours' note goes into each weekly specification's description.

use crate::model::datetime::Date;
use crate::model::holidays::{HolidayCalendar, HolidayKind};
use crate::model::hours::time::END_OF_DAY;
use crate::model::hours::{Interval, OpeningHours};
use serde_json::{json, Map, Value};

const SCHEMA_DAYS: [&str; 7] = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
];

/// `opens` / `closes` ("23:59" for the end of the day, as schema.org asks).
fn times(interval: Interval) -> (String, String) {
    if interval.close().minutes() == END_OF_DAY {
        (interval.open().hhmm(), "23:59".to_owned())
    } else {
        (interval.open().hhmm(), interval.close().hhmm())
    }
}

fn specs(intervals: &[Interval], mut base: Map<String, Value>) -> Vec<Value> {
    base.insert("@type".to_owned(), json!("OpeningHoursSpecification"));
    if intervals.is_empty() {
        let mut spec = base;
        spec.insert("opens".to_owned(), json!("00:00"));
        spec.insert("closes".to_owned(), json!("00:00"));
        return vec![Value::Object(spec)];
    }
    intervals
        .iter()
        .map(|interval| {
            let (opens, closes) = times(*interval);
            let mut spec = base.clone();
            spec.insert("opens".to_owned(), json!(opens));
            spec.insert("closes".to_owned(), json!(closes));
            Value::Object(spec)
        })
        .collect()
}

fn dated(date: Date, description: Option<String>) -> Map<String, Value> {
    let mut base = Map::new();
    base.insert("validFrom".to_owned(), json!(date.iso_date()));
    base.insert("validThrough".to_owned(), json!(date.iso_date()));
    if let Some(description) = description {
        base.insert("description".to_owned(), json!(description));
    }
    base
}

/// The specifications of `hours`. With `today`, and `feriados:` written, the holidays of the
/// next twelve months are listed by date (pontos facultativos are not holidays: left out).
pub(crate) fn schema_org(hours: &OpeningHours, calendar: &HolidayCalendar, today: Option<Date>) -> Value {
    let mut out = Vec::new();
    for (days, intervals) in hours.groups() {
        let mut base = Map::new();
        let days: Vec<Value> = days.iter().filter_map(|&d| SCHEMA_DAYS.get(d)).map(|d| json!(d)).collect();
        base.insert("dayOfWeek".to_owned(), Value::Array(days));
        if let Some(note) = &hours.note {
            base.insert("description".to_owned(), json!(note));
        }
        out.extend(specs(intervals, base));
    }
    let exceptions = hours.exceptions_by_date();
    for exception in &exceptions {
        out.extend(specs(&exception.intervals, dated(exception.date, exception.reason.clone())));
    }
    if let (Some(intervals), Some(today)) = (&hours.holidays, today) {
        let until = today.naive().checked_add_days(chrono::Days::new(364)).map(Date::from_naive).unwrap_or(today);
        for holiday in calendar.between(today, until) {
            if holiday.kind != HolidayKind::Holiday || exceptions.iter().any(|e| e.date == holiday.date) {
                continue;
            }
            out.extend(specs(intervals, dated(holiday.date, Some(format!("{} (feriado)", holiday.name)))));
        }
    }
    Value::Array(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::model::hours::Exception;

    fn hours(list: &[(&str, &str)]) -> OpeningHours {
        let entries: Vec<(String, String)> = list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        OpeningHours::from_entries(&entries).unwrap()
    }

    #[test]
    fn weekly_closed_and_exceptions() {
        let mut h = hours(&[("seg-sex", "08:00-11:00, 13:00-17:00"), ("dom", "fechado")]);
        h.add_exception(Exception::parse("25/12/2025", "fechado", Some("Natal")).unwrap()).unwrap();
        let weekdays = json!(SCHEMA_DAYS[..5]);
        assert_eq!(
            schema_org(&h, &HolidayCalendar::default(), None),
            json!([
                {"@type": "OpeningHoursSpecification", "dayOfWeek": weekdays, "opens": "08:00", "closes": "11:00"},
                {"@type": "OpeningHoursSpecification", "dayOfWeek": weekdays, "opens": "13:00", "closes": "17:00"},
                {"@type": "OpeningHoursSpecification", "dayOfWeek": ["https://schema.org/Sunday"],
                 "opens": "00:00", "closes": "00:00"},
                {"@type": "OpeningHoursSpecification", "validFrom": "2025-12-25",
                 "validThrough": "2025-12-25", "description": "Natal", "opens": "00:00", "closes": "00:00"},
            ])
        );
        assert_eq!(
            schema_org(&hours(&[("sab", "24h")]), &HolidayCalendar::default(), None),
            json!([{"@type": "OpeningHoursSpecification", "dayOfWeek": ["https://schema.org/Saturday"],
                    "opens": "00:00", "closes": "23:59"}])
        );
    }

    #[test]
    fn every_day_is_seven_days() {
        let ld = schema_org(&hours(&[("de segunda a segunda", "24h")]), &HolidayCalendar::default(), None);
        assert_eq!(ld[0]["dayOfWeek"], json!(SCHEMA_DAYS));
    }

    #[test]
    fn note_and_holidays() {
        let mut h = hours(&[("segunda a sexta", "8h-12h"), ("feriados", "fechado"), ("observacao", "Por agendamento")]);
        h.add_exception(Exception::parse("25/12/2026", "8h-10h", None).unwrap()).unwrap();
        let today = Date::parse("01/12/2026").unwrap();
        let ld = schema_org(&h, &HolidayCalendar::default(), Some(today));
        let list = ld.as_array().unwrap();
        assert_eq!(list[0]["description"], "Por agendamento");
        let holidays: Vec<&str> = list
            .iter()
            .filter(|s| s["description"].as_str().is_some_and(|d| d.ends_with("(feriado)")))
            .filter_map(|s| s["validFrom"].as_str())
            .collect();
        // Christmas has its own exception; then 2027's holidays up to 30 November.
        assert_eq!(holidays.first(), Some(&"2027-01-01"));
        assert!(!holidays.contains(&"2026-12-25"));
        assert!(holidays.contains(&"2027-03-26"), "Sexta-feira Santa 2027: {holidays:?}");
        assert!(!holidays.contains(&"2027-02-08"), "Carnaval is a ponto facultativo");
        assert_eq!(holidays.last(), Some(&"2027-11-20"));
        // Without `feriados:`, no holiday is published.
        let plain = schema_org(&hours(&[("seg-sex", "8h-12h")]), &HolidayCalendar::default(), Some(today));
        assert_eq!(plain.as_array().map(Vec::len), Some(1));
    }
}
