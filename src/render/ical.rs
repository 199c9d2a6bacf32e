//! iCalendar (RFC 5545) for notices, written with the `icalendar` crate (escaping of TEXT
//! values, line folding at 75 octets). What the crate leaves to us: text it cannot escape
//! (a CR or another control character, which RFC 5545 forbids in TEXT), and everything that
//! must be reproducible — the crate stamps `DTSTAMP` with the clock and invents a random
//! `UID` when they are missing, so both are always set here, from the content.
//!
//! Times are written in UTC, converted from the municipality's time zone with the tz
//! database (which knows when each state had summer time), so that a calendar anywhere shows
//! the right hour. A date without a time stays a date (`VALUE=DATE`): no midnight is invented.

use crate::model::datetime::DateTime;
use crate::model::{Notice, Site};
use chrono::TimeZone as _;
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime, EventLike, Property};

/// One calendar holding these notices' events, as published bytes.
pub fn calendar(site: &Site, notices: &[&Notice]) -> String {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", "-//secretaria//pt-BR"));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    for notice in notices {
        calendar.push(event(site, notice));
    }
    calendar.to_string()
}

fn event(site: &Site, notice: &Notice) -> icalendar::Event {
    let tz = site.config.time_zone;
    let mut event = icalendar::Event::new();
    event.uid(&format!("{}@{}", notice.origin.path.trim_end_matches('/').replace('/', "-"), host(site)));
    // "When this information was last revised": derived from the content, so the same
    // content always gives the same bytes.
    event.timestamp(revised(notice, tz));
    event.starts(when(notice.start, tz));
    match notice.end {
        Some(end) if end.has_time() && notice.start.has_time() => {
            event.ends(when(end, tz));
        }
        // All-day events end on the next day, exclusive (RFC 5545 §3.6.1).
        Some(end) if !end.has_time() && !notice.start.has_time() => {
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
        event.url(&url);
    }
    event.done()
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
