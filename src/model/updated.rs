//! "Atualizado em": the date a piece of content last changed. The editor's `atualizado:`
//! wins (a fact they state, validated, warned about when it lies ahead of the build's
//! "now" but published as written); else the instant `source` read (the last commit that
//! touched the file, or its modification time), as a date in the municipality's time zone,
//! never later than the build's "now" (`SOURCE_DATE_EPOCH` in a reproducible build: later
//! times are clamped to it, so that two checkouts give the same bytes).

use super::datetime::{Date, DateTime};
use super::field_error::FieldError;
use crate::diagnostics::Code;
use chrono::TimeZone as _;

/// The date of the instant `secs` (seconds since 1970 UTC) in `tz`, no later than `now`.
pub(crate) fn from_source(secs: i64, tz: chrono_tz::Tz, now: DateTime) -> Option<Date> {
    let instant = chrono::Utc.timestamp_opt(secs, 0).single()?;
    let date = Date::from_naive(instant.with_timezone(&tz).date_naive());
    Some(date.min(now.date()))
}

/// `atualizado:` as written: a valid date, and a warning when it is after `now`.
pub(crate) fn written(text: &str, now: DateTime) -> Result<(Date, Option<FieldError>), FieldError> {
    let date = Date::parse(text)?;
    let ahead = (date > now.date()).then(|| {
        FieldError::new(
            Code::FutureUpdate,
            format!("a data de atualização {} é posterior à data de hoje ({})", date.br(), now.date().br()),
        )
        .with_help("confira a data: `atualizado` é quando o conteúdo mudou pela última vez (DD/MM/AAAA)")
    });
    Ok((date, ahead))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime {
        DateTime::parse("22/11/2026 10:00").unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn the_date_is_the_municipalitys_and_never_after_now() {
        // 2026-03-01 01:30 UTC is still 28 February in Brasília.
        let secs = chrono::Utc.with_ymd_and_hms(2026, 3, 1, 1, 30, 0).single().map(|d| d.timestamp());
        let date = secs.and_then(|s| from_source(s, chrono_tz::America::Sao_Paulo, now()));
        assert_eq!(date.map(Date::iso_date).as_deref(), Some("2026-02-28"));
        let later = chrono::Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).single().map(|d| d.timestamp());
        let date = later.and_then(|s| from_source(s, chrono_tz::America::Sao_Paulo, now()));
        assert_eq!(date.map(Date::iso_date).as_deref(), Some("2026-11-22"));
    }

    #[test]
    fn a_written_date_is_validated_and_kept_even_ahead_of_now() {
        assert!(written("31/02/2026", now()).is_err());
        let (date, warning) = written("10/03/2026", now()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((date.iso_date(), warning.is_none()), ("2026-03-10".to_string(), true));
        let (date, warning) = written("01/12/2026", now()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(date.iso_date(), "2026-12-01");
        assert!(warning.is_some_and(|w| w.message.contains("posterior")));
    }
}
