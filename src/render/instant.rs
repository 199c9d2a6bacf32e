//! Dates and times for machines, in the municipality's time zone: ISO 8601 with the UTC
//! offset the tz database gives for that local time ("2025-07-11T09:00:00-03:00"), or the date
//! alone for a date written without a time — never an invented midnight.

use crate::model::datetime::DateTime;
use chrono::{Offset, TimeZone};

/// "2025-07-11T09:00:00-03:00", or "2025-07-11" for a date alone. A local time that does not
/// exist (a past summer-time change) is written without an offset rather than guessed.
pub(crate) fn iso(value: DateTime, tz: chrono_tz::Tz) -> String {
    if !value.has_time() {
        return value.iso_date();
    }
    match tz.from_local_datetime(&value.naive()).earliest() {
        Some(local) => {
            let seconds = local.offset().fix().local_minus_utc();
            let sign = if seconds < 0 { '-' } else { '+' };
            let minutes = seconds.abs() / 60;
            format!("{}{sign}{:02}:{:02}", value.iso(), minutes / 60, minutes % 60)
        }
        None => value.iso(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_dates() {
        let at = |s: &str| DateTime::parse(s).unwrap();
        assert_eq!(iso(at("11/07/2025 09:00"), chrono_tz::America::Sao_Paulo), "2025-07-11T09:00:00-03:00");
        assert_eq!(iso(at("11/07/2025 09:00"), chrono_tz::America::Manaus), "2025-07-11T09:00:00-04:00");
        assert_eq!(iso(at("11/07/2025 09:00"), chrono_tz::America::Noronha), "2025-07-11T09:00:00-02:00");
        assert_eq!(iso(at("10/12/2018 09:00"), chrono_tz::America::Sao_Paulo), "2018-12-10T09:00:00-02:00");
        assert_eq!(iso(at("11/07/2025"), chrono_tz::America::Sao_Paulo), "2025-07-11");
        // 4 November 2018, 00:30 did not exist in São Paulo (clocks jumped to 01:00).
        assert_eq!(iso(at("04/11/2018 00:30"), chrono_tz::America::Sao_Paulo), "2018-11-04T00:30:00");
    }
}
