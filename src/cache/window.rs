//! The span of time over which a build made with the clock as "now" stays right: from that
//! "now" to the first moment the output could change by time alone. Pure: computed from the
//! model.
//!
//! What the clock changes in a site: the date (dates clamped to today, "updated" warnings,
//! holiday lists and opening-hours exceptions from today on, pages gone stale), which changes
//! at the next local midnight; a notice, or one date of a series, passing from upcoming to
//! past, at its last moment (`Occurrence::last_moment`, compared with "now" to the second);
//! and the municipality's offset from UTC (the "horário de Brasília" label), which a change of
//! summer time alters. The span ends at the earliest of the first two, and holds only while
//! the offset is the one recorded.

use crate::model::Site;
use chrono::{NaiveDateTime, Offset, TimeZone};
use serde::{Deserialize, Serialize};

/// How local times are written in the record.
const FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.f";

/// From when, until when (excluded), in local time, a build stays right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Window {
    /// The time zone's name in the tz database.
    zone: String,
    from: String,
    until: String,
    /// Seconds east of UTC at `from`.
    offset: i32,
}

impl Window {
    /// The window of a build whose "now" (`site.today`) was read from the clock at `clock`
    /// (seconds since 1970, UTC). `None` when it cannot be said (a date at the end of time).
    pub(crate) fn of(site: &Site, clock: i64) -> Option<Window> {
        let now = site.today.naive();
        let midnight = now.date().succ_opt()?.and_hms_opt(0, 0, 0)?;
        let until = site
            .notices
            .iter()
            .flat_map(|notice| notice.occurrences().into_iter().map(|o| o.last_moment()).chain([notice.last_moment()]))
            .map(|moment| moment.naive())
            .filter(|&moment| moment >= now)
            .fold(midnight, NaiveDateTime::min);
        let zone = site.config.time_zone;
        Some(Window {
            zone: zone.name().to_owned(),
            from: now.format(FORMAT).to_string(),
            until: until.format(FORMAT).to_string(),
            offset: offset(zone, clock)?,
        })
    }

    /// A window between two clock readings (seconds since 1970, UTC), for tests.
    #[cfg(test)]
    pub(crate) fn between(zone: &str, from: i64, until: i64) -> Option<Window> {
        let tz: chrono_tz::Tz = zone.parse().ok()?;
        let local = |secs: i64| Some(tz.timestamp_opt(secs, 0).single()?.naive_local().format(FORMAT).to_string());
        Some(Window { zone: zone.to_owned(), from: local(from)?, until: local(until)?, offset: offset(tz, from)? })
    }

    /// Whether a build at `clock` (seconds since 1970, UTC) would give the same output.
    pub(crate) fn holds(&self, clock: i64) -> bool {
        let Ok(zone) = self.zone.parse::<chrono_tz::Tz>() else { return false };
        let (Ok(from), Ok(until)) =
            (NaiveDateTime::parse_from_str(&self.from, FORMAT), NaiveDateTime::parse_from_str(&self.until, FORMAT))
        else {
            return false;
        };
        let Some(local) = zone.timestamp_opt(clock, 0).single() else { return false };
        let now = local.naive_local();
        from <= now && now < until && offset(zone, clock) == Some(self.offset)
    }
}

/// Seconds east of UTC in `zone` at `clock`.
fn offset(zone: chrono_tz::Tz, clock: i64) -> Option<i32> {
    Some(zone.timestamp_opt(clock, 0).single()?.offset().fix().local_minus_utc())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_window_holds_from_its_start_to_before_its_end() {
        // 2026-11-26 10:00 in São Paulo is 13:00 UTC.
        let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap().and_hms_opt(13, 0, 0).unwrap();
        let start = start.and_utc().timestamp();
        let window = Window::between("America/Sao_Paulo", start, start + 3_600).unwrap();
        assert!(window.holds(start));
        assert!(window.holds(start + 3_599));
        assert!(!window.holds(start + 3_600));
        assert!(!window.holds(start - 1), "a clock set back is not trusted");
        let broken = Window { zone: "Lua/Cratera".into(), ..window.clone() };
        assert!(!broken.holds(start));
        let other = Window { offset: 0, ..window };
        assert!(!other.holds(start), "another offset from UTC");
    }
}
