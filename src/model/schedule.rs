//! A series of meetings written once: a council's calendar of the year as `datas:` (a list of
//! dates) and one `horario:` (`14:00` or `14h às 16h`), read into one occurrence per date.
//! A date written with its own time (`12/03/2026 09:00`) keeps that time, without an end.

use crate::diagnostics::Code;
use crate::model::datetime::{Date, DateTime};
use crate::model::field_error::FieldError;
use crate::model::hours::{Interval, TimeOfDay};
use crate::model::Occurrence;

const TIME_HELP: &str = "escreva a hora de início (`horario: 14:00`) ou o intervalo (`horario: 14h às 16h`)";

/// `14:00` → (14:00, no end); `14h às 16h` → (14:00, 16:00).
fn parse_time(text: &str) -> Result<(TimeOfDay, Option<TimeOfDay>), FieldError> {
    if let Ok(interval) = Interval::parse(text) {
        return Ok((interval.open(), Some(interval.close())));
    }
    let clock = text.trim().trim_start_matches("às ").trim_start_matches("as ");
    TimeOfDay::parse(clock).map(|t| (t, None)).map_err(|e| FieldError {
        code: e.code,
        message: e.message,
        help: Some(TIME_HELP.to_owned()),
    })
}

fn at(date: Date, time: TimeOfDay) -> Option<DateTime> {
    let minutes = u32::from(time.minutes());
    if minutes >= 24 * 60 {
        // An end at 24:00 is the next day's first moment.
        let next = date.naive().succ_opt()?;
        return DateTime::at(Date::from_naive(next), 0, 0);
    }
    DateTime::at(date, minutes / 60, minutes % 60)
}

/// The occurrences of `dates` at `time`, sorted. An error carries the index of the date it is
/// about (`None`: about `horario` or the list as a whole).
pub(crate) fn series(dates: &[&str], time: Option<&str>) -> Result<Vec<Occurrence>, (Option<usize>, FieldError)> {
    if dates.is_empty() {
        return Err((
            None,
            FieldError::new(Code::InvalidSchedule, "`datas` está vazia")
                .with_help("escreva uma data por item: `- 12/03/2026`"),
        ));
    }
    let time = time.map(parse_time).transpose().map_err(|e| (None, e))?;
    let mut out: Vec<Occurrence> = Vec::with_capacity(dates.len());
    // The item each date was first written at: a repeated date is found without a scan, so a
    // list of thousands of dates stays linear.
    let mut first_at: std::collections::HashMap<Date, usize> = std::collections::HashMap::new();
    for (index, text) in dates.iter().enumerate() {
        let written = DateTime::parse(text).map_err(|e| (Some(index), e))?;
        let occurrence = match time {
            _ if written.has_time() => Occurrence { start: written, end: None },
            None => Occurrence { start: written, end: None },
            Some((open, close)) => {
                let date = written.date();
                let start = at(date, open).unwrap_or(written);
                Occurrence { start, end: close.and_then(|c| at(date, c)) }
            }
        };
        if let Some(first) = first_at.insert(occurrence.start.date(), index) {
            return Err((
                Some(index),
                FieldError::new(
                    Code::InvalidSchedule,
                    format!("a data {} aparece duas vezes em `datas`", occurrence.start.date()),
                )
                .with_help(format!("apague uma das duas (itens {} e {})", first + 1, index + 1)),
            ));
        }
        out.push(occurrence);
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn one_time_for_every_date() {
        let list = series(&["12/03/2026", "15/01/2026", "12/02/2026"], Some("14h às 16h")).unwrap();
        let starts: Vec<String> = list.iter().map(|o| o.start.br()).collect();
        assert_eq!(starts, vec!["15/01/2026 14:00", "12/02/2026 14:00", "12/03/2026 14:00"]);
        assert_eq!(list[0].end.map(|e| e.br()).as_deref(), Some("15/01/2026 16:00"));
        let list = series(&["15/01/2026"], Some("14:00")).unwrap();
        assert_eq!((list[0].start.br(), list[0].end), ("15/01/2026 14:00".to_owned(), None));
        let list = series(&["15/01/2026"], Some("às 9h")).unwrap();
        assert_eq!(list[0].start.br(), "15/01/2026 09:00");
    }

    #[test]
    fn dates_alone_stay_dates_and_own_times_win() {
        let list = series(&["15/01/2026", "12/02/2026 09:00"], None).unwrap();
        assert!(!list[0].start.has_time());
        assert_eq!(list[1].start.br(), "12/02/2026 09:00");
        let list = series(&["12/02/2026 09:00"], Some("14h às 16h")).unwrap();
        assert_eq!((list[0].start.br(), list[0].end), ("12/02/2026 09:00".to_owned(), None));
    }

    #[test]
    fn errors_point_at_their_date() {
        let (at, e) = series(&["15/01/2026", "31/02/2026"], Some("14:00")).unwrap_err();
        assert_eq!(at, Some(1));
        assert_eq!(e.message, "data inválida: 31/02/2026 (fevereiro de 2026 tem 28 dias)");
        let (at, e) = series(&["15/01/2026", "2026-01-15"], None).unwrap_err();
        assert_eq!((at, e.message.as_str()), (Some(1), "a data 15/01/2026 aparece duas vezes em `datas`"));
        let (at, e) = series(&["15/01/2026"], Some("de tarde")).unwrap_err();
        assert_eq!((at, e.help.as_deref()), (None, Some(TIME_HELP)));
        assert_eq!(series(&[], None).unwrap_err().1.message, "`datas` está vazia");
    }
}
