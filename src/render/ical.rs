//! iCalendar (RFC 5545) for notices, written with the `icalendar` crate (escaping of TEXT
//! values, line folding at 75 octets). What the crate leaves to us: text it cannot escape
//! (a CR or another control character, which RFC 5545 forbids in TEXT), and everything that
//! must be reproducible — the crate stamps `DTSTAMP` with the clock and invents a random
//! `UID` when they are missing, so both are always set here, from the content.
//!
//! Times are written in UTC, converted from the municipality's time zone with the tz
//! database (which knows when each state had summer time), so that a calendar anywhere shows
//! the right hour. A date without a time stays a date (`VALUE=DATE`): no midnight is invented.
//!
//! A series of meetings (`datas:`) is one file with one `VEVENT` per date, each with its own
//! stable `UID` (the notice's and the date's) and its `URL` pointing at that date on the page,
//! so a calendar app imports the year at once and updates each meeting on its own. The
//! organiser is written as `ORGANIZER` when it has an e-mail address (RFC 5545 needs one).

use crate::model::contact::EmailEntry;
use crate::model::datetime::DateTime;
use crate::model::{Notice, Occurrence, Site};
use chrono::TimeZone as _;
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime, EventLike, Property};

/// One calendar holding these notices' events, as published bytes.
pub(crate) fn calendar(site: &Site, notices: &[&Notice]) -> String {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", "-//secretaria//pt-BR"));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    for notice in notices {
        if notice.is_series() {
            for date in &notice.series {
                calendar.push(event(site, notice, *date, Some(date.start.iso_date())));
            }
        } else {
            calendar.push(event(site, notice, Occurrence { start: notice.start, end: notice.end }, None));
        }
    }
    calendar.to_string()
}

/// One `VEVENT`; `fragment` names the date of a series ("2026-03-12").
fn event(site: &Site, notice: &Notice, date: Occurrence, fragment: Option<String>) -> icalendar::Event {
    let tz = site.config.time_zone;
    let mut event = icalendar::Event::new();
    let id = notice.origin.path.trim_end_matches('/').replace('/', "-");
    let id = match &fragment {
        Some(day) => format!("{id}-{}", day.replace('-', "")),
        None => id,
    };
    event.uid(&format!("{id}@{}", host(site)));
    // "When this information was last revised": derived from the content, so the same
    // content always gives the same bytes.
    event.timestamp(revised(notice, tz));
    event.starts(when(date.start, tz));
    match date.end {
        Some(end) if end.has_time() && date.start.has_time() => {
            event.ends(when(end, tz));
        }
        // All-day events end on the next day, exclusive (RFC 5545 §3.6.1).
        Some(end) if !end.has_time() && !date.start.has_time() => {
            if let Some(next) = end.date().naive().succ_opt() {
                event.ends(DatePerhapsTime::Date(next));
            }
        }
        _ => {}
    }
    event.summary(&clean(&notice.title));
    if let Some(place) = notice.place.as_ref().or(notice.address.as_ref()) {
        event.location(&clean(place));
    }
    if let Some(url) = site.config.absolute(&notice.origin.path) {
        match &fragment {
            Some(day) => event.url(&format!("{url}#{day}")),
            None => event.url(&url),
        };
    }
    if let Some(organizer) = organizer(site, notice) {
        event.append_property(organizer);
    }
    event.done()
}

/// `ORGANIZER;CN=…:mailto:…` for the unit that organises the notice (the secretariat's main
/// unit when none is named), when it has a valid e-mail address.
fn organizer(site: &Site, notice: &Notice) -> Option<Property> {
    let unit = match notice.organizer {
        Some(i) => site.units.get(i)?,
        None => site.main_unit().filter(|u| u.kind == crate::model::UnitKind::Secretaria)?,
    };
    let email = unit.emails.iter().find_map(|e| match e {
        EmailEntry::Valid(e) => Some(e),
        EmailEntry::AsWritten(_) => None,
    })?;
    let mut property = Property::new("ORGANIZER", email.mailto_href());
    // A parameter value cannot hold a double quote (RFC 5545 §3.1).
    let name: String = clean(&unit.name).chars().filter(|c| *c != '"' && *c != '\n').collect();
    property.add_parameter("CN", &name);
    Some(property.done())
}

/// A date alone stays a date; a date and time becomes UTC. A local time that does not exist
/// or is ambiguous (summer-time changes of past years) falls back to the earliest instant,
/// or to floating local time when there is none.
fn when(value: DateTime, tz: chrono_tz::Tz) -> DatePerhapsTime {
    if !value.has_time() {
        return DatePerhapsTime::Date(value.date().naive());
    }
    match tz.from_local_datetime(&value.naive()).earliest() {
        Some(local) => DatePerhapsTime::DateTime(CalendarDateTime::Utc(local.with_timezone(&chrono::Utc))),
        None => DatePerhapsTime::DateTime(CalendarDateTime::Floating(value.naive())),
    }
}

/// The notice's own start as an instant (midnight UTC for a date alone).
fn revised(notice: &Notice, tz: chrono_tz::Tz) -> chrono::DateTime<chrono::Utc> {
    let naive = notice.start.naive();
    let local = if notice.start.has_time() { tz.from_local_datetime(&naive).earliest() } else { None };
    local.map_or_else(|| chrono::Utc.from_utc_datetime(&naive), |l| l.with_timezone(&chrono::Utc))
}

/// Text as RFC 5545 TEXT may hold it: line breaks as `\n` (escaped by the crate), no other
/// control characters (a CR would start a new content line).
fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

fn host(site: &Site) -> String {
    site.config
        .base_url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| crate::model::slug::slugify(&site.config.title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_cannot_start_a_line() {
        assert_eq!(clean("a\rb\r\nc\u{7}d\te"), "a\nb\nc".to_string() + "d\te");
    }

    #[test]
    fn brasilia_time_in_2018_summer_is_utc_minus_2() {
        let summer = DateTime::parse("2018-12-10 09:00").ok();
        let winter = DateTime::parse("2018-07-10 09:00").ok();
        let utc = |d: Option<DateTime>| match d.map(|d| when(d, chrono_tz::America::Sao_Paulo)) {
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t.format("%H:%M").to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(utc(summer), "11:00");
        assert_eq!(utc(winter), "12:00");
        // Recife had no summer time in 2018.
        let recife = DateTime::parse("2018-12-10 09:00").ok().map(|d| when(d, chrono_tz::America::Recife));
        assert!(
            matches!(recife, Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) if t.format("%H").to_string() == "12")
        );
    }
}
