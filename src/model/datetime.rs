//! Dates, date-times and periods as editors write them (`26/09/2019`, `2019-09-26 12:30`,
//! `26/09/2019 12h30`), validated, and formatted for readers (pt-BR) and for machines
//! (ISO 8601 for JSON-LD, iCalendar). Local civil time, no time zone.

use crate::diagnostics::Code;
use crate::model::field_error::FieldError;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use std::fmt;

const DATE_HELP: &str = "use DD/MM/AAAA, por exemplo 26/09/2019";
const DATETIME_HELP: &str = "use DD/MM/AAAA HH:MM, por exemplo 26/09/2019 12:30";
pub(crate) const TIME_RANGE_HELP: &str = "as horas vão de 00:00 a 23:59";
pub(crate) const TIME_FORMAT_HELP: &str = "escreva a hora como 12:30 ou 12h30";

const MONTHS: [&str; 12] = [
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
];

const WEEKDAYS: [&str; 7] =
    ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"];

/// The name of month `month` (1 = janeiro); empty for an out-of-range number.
pub(crate) fn month_name(month: u32) -> &'static str {
    month.checked_sub(1).and_then(|i| MONTHS.get(i as usize)).copied().unwrap_or("")
}

/// An editor's text as quoted in a message: at most 60 characters, control characters replaced.
pub(crate) fn shown(text: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = text.chars().take(MAX).map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect();
    if text.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

/// Why a clock time (`12:30`, `8h`, `08h30`) was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClockError {
    /// Not shaped like a time at all.
    Format,
    /// Shaped like a time, but the hour, minute or second is out of range (`25:00`, `12:60`).
    Range,
}

/// Parses `12:30`, `8:00`, `12:30:00`, `12:30h`, `12h30`, `12h` (the `h` in any case) into
/// (hour, minute, second).
pub(crate) fn parse_clock(text: &str) -> Result<(u32, u32, u32), ClockError> {
    let text = text.trim();
    let digits_end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (hour, rest) = text.split_at_checked(digits_end).ok_or(ClockError::Format)?;
    if hour.is_empty() || hour.len() > 2 {
        return Err(ClockError::Format);
    }
    let hour = number(hour).ok_or(ClockError::Format)?;
    let (minute, second) = if let Some(rest) = rest.strip_prefix(['h', 'H']) {
        if rest.is_empty() {
            (0, 0)
        } else {
            (two_digits(rest).ok_or(ClockError::Format)?, 0)
        }
    } else if let Some(rest) = rest.strip_prefix(':') {
        let rest = rest.strip_suffix(['h', 'H']).unwrap_or(rest);
        match rest.split_once(':') {
            Some((m, s)) => (two_digits(m).ok_or(ClockError::Format)?, two_digits(s).ok_or(ClockError::Format)?),
            None => (two_digits(rest).ok_or(ClockError::Format)?, 0),
        }
    } else {
        return Err(ClockError::Format);
    };
    if hour > 23 || minute > 59 || second > 59 {
        return Err(ClockError::Range);
    }
    Ok((hour, minute, second))
}

fn number(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn two_digits(digits: &str) -> Option<u32> {
    if digits.len() == 2 {
        number(digits)
    } else {
        None
    }
}

/// "8h", "8h30", "0h".
pub(crate) fn hour_minute_br(hour: u32, minute: u32) -> String {
    if minute == 0 {
        format!("{hour}h")
    } else {
        format!("{hour}h{minute:02}")
    }
}

/// "26" or "1º" (the first day of a month is written as an ordinal in Brazil).
fn day_br(day: u32) -> String {
    if day == 1 {
        "1º".to_owned()
    } else {
        day.to_string()
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31).rev().find(|&day| NaiveDate::from_ymd_opt(year, month, day).is_some()).unwrap_or(28)
}

enum DateError {
    Format,
    TwoDigitYear,
    Range(String),
}

fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let sep = text.chars().find(|c| matches!(c, '/' | '-' | '.')).ok_or(DateError::Format)?;
    let parts: Vec<&str> = text.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(DateError::Format);
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(a) && all_digits(b) && all_digits(c)) {
        return Err(DateError::Format);
    }
    let (year, month, day) = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        (*a, *b, *c)
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        (*c, *b, *a)
    } else if c.len() == 2 && a.len() <= 2 && b.len() <= 2 {
        return Err(DateError::TwoDigitYear);
    } else {
        return Err(DateError::Format);
    };
    let (Some(year), Some(month), Some(day)) = (number(year), number(month), number(day)) else {
        return Err(DateError::Format);
    };
    let year = i32::try_from(year).map_err(|_| DateError::Format)?;
    if !(1..=12).contains(&month) {
        return Err(DateError::Range("o mês vai de 1 a 12".to_owned()));
    }
    let max = days_in_month(year, month);
    if day == 0 {
        return Err(DateError::Range("não existe dia 0".to_owned()));
    }
    if day > max {
        let name = month_name(month);
        return Err(DateError::Range(format!("{name} de {year} tem {max} dias")));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Format)
}

fn date_error(text: &str, error: DateError) -> FieldError {
    match error {
        DateError::Format => {
            FieldError::new(Code::InvalidDate, format!("data inválida: {}", shown(text))).with_help(DATE_HELP)
        }
        DateError::TwoDigitYear => FieldError::new(Code::InvalidDate, format!("data inválida: {}", shown(text)))
            .with_help("escreva o ano com 4 dígitos, por exemplo 26/09/2019"),
        DateError::Range(why) => {
            FieldError::new(Code::InvalidDate, format!("data inválida: {} ({why})", shown(text))).with_help(DATE_HELP)
        }
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

impl Date {
    /// `26/09/2019` (also `26-09-2019`, `26.09.2019`, `1/2/2019`) or `2019-09-26`.
    pub fn parse(text: &str) -> Result<Date, FieldError> {
        let text = text.trim();
        parse_date(text).map(Date).map_err(|e| date_error(text, e))
    }

    pub fn from_naive(date: NaiveDate) -> Date {
        Date(date)
    }

    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    pub fn naive(self) -> NaiveDate {
        self.0
    }

    /// Monday = 0 … Sunday = 6.
    pub fn weekday_index(self) -> usize {
        self.0.weekday().num_days_from_monday() as usize
    }

    /// "quinta-feira".
    pub fn weekday_name(self) -> &'static str {
        WEEKDAYS.get(self.weekday_index()).copied().unwrap_or("")
    }

    /// "26 de setembro de 2019"; "1º de janeiro de 2026".
    pub fn date_long(self) -> String {
        format!("{} de {} de {}", day_br(self.0.day()), month_name(self.0.month()), self.0.year())
    }

    /// "26/09/2019".
    pub fn br(self) -> String {
        format!("{:02}/{:02}/{:04}", self.0.day(), self.0.month(), self.0.year())
    }

    /// "2019-09-26".
    pub fn iso_date(self) -> String {
        format!("{:04}-{:02}-{:02}", self.0.year(), self.0.month(), self.0.day())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.br())
    }
}

/// A local date and time (no time zone). A date written alone is midnight, and remembers
/// that it had no time (`has_time() == false`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    value: NaiveDateTime,
    has_time: bool,
}

impl DateTime {
    /// `26/09/2019 12:30`, `2019-09-26 12:30`, `2019-09-26T12:30`, `26/09/2019 12h30`,
    /// `26/09/2019 às 12h30`, `2019-09-26T12:30:00`, or a date alone.
    pub fn parse(text: &str) -> Result<DateTime, FieldError> {
        let text = text.trim();
        let (date_part, time_part) = match text.split_once(|c: char| c == 'T' || c.is_whitespace()) {
            Some((date, time)) => {
                let time = time.trim_start();
                let time = time.strip_prefix("às").or_else(|| time.strip_prefix("as")).unwrap_or(time);
                (date.trim_end_matches(','), Some(time.trim()))
            }
            None => (text, None),
        };
        let date = parse_date(date_part).map_err(|e| match e {
            DateError::Format if time_part.is_some() => {
                FieldError::new(Code::InvalidDate, format!("data e hora inválidas: {}", shown(text)))
                    .with_help(DATETIME_HELP)
            }
            e => date_error(date_part, e),
        })?;
        let Some(time_part) = time_part else {
            return Ok(DateTime { value: date.and_time(NaiveTime::MIN), has_time: false });
        };
        let (hour, minute, second) = parse_clock(time_part).map_err(|e| {
            let message = format!("hora inválida: {}", shown(time_part));
            match e {
                ClockError::Format => FieldError::new(Code::InvalidDate, message).with_help(TIME_FORMAT_HELP),
                ClockError::Range => FieldError::new(Code::InvalidDate, message).with_help(TIME_RANGE_HELP),
            }
        })?;
        let time = NaiveTime::from_hms_opt(hour, minute, second).ok_or_else(|| {
            FieldError::new(Code::InvalidDate, format!("hora inválida: {}", shown(time_part)))
                .with_help(TIME_RANGE_HELP)
        })?;
        Ok(DateTime { value: date.and_time(time), has_time: true })
    }

    /// A date without a time (midnight, `has_time() == false`).
    pub fn from_date(date: Date) -> DateTime {
        DateTime { value: date.0.and_time(NaiveTime::MIN), has_time: false }
    }

    /// A date at `hour:minute`; `None` for a time that does not exist.
    pub fn at(date: Date, hour: u32, minute: u32) -> Option<DateTime> {
        NaiveTime::from_hms_opt(hour, minute, 0).map(|time| DateTime { value: date.0.and_time(time), has_time: true })
    }

    /// A date and time, e.g. the moment of the build.
    pub fn from_naive(value: NaiveDateTime) -> DateTime {
        DateTime { value, has_time: true }
    }

    pub fn naive(self) -> NaiveDateTime {
        self.value
    }

    pub fn date(self) -> Date {
        Date(self.value.date())
    }

    pub fn has_time(self) -> bool {
        self.has_time
    }

    /// The last moment this value stands for: itself when it has a time, the end of its day
    /// (23:59:59) when it is a date alone. For "has this notice ended?".
    pub fn end_of_event(self) -> DateTime {
        if self.has_time {
            return self;
        }
        let end = NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN);
        DateTime { value: self.value.date().and_time(end), has_time: true }
    }

    /// "26 de setembro de 2019".
    pub fn date_long(self) -> String {
        self.date().date_long()
    }

    /// "12h30", "12h" (meaningful when `has_time()`).
    pub fn time_br(self) -> String {
        hour_minute_br(self.value.hour(), self.value.minute())
    }

    /// "26 de setembro de 2019, às 12h30", or the date alone.
    pub fn long_br(self) -> String {
        if self.has_time {
            format!("{}, às {}", self.date_long(), self.time_br())
        } else {
            self.date_long()
        }
    }

    /// "26/09/2019 12:30", or "26/09/2019" for a date alone.
    pub fn br(self) -> String {
        if self.has_time {
            format!("{} {:02}:{:02}", self.date().br(), self.value.hour(), self.value.minute())
        } else {
            self.date().br()
        }
    }

    /// "2019-09-26T12:30:00" (JSON-LD). For a date alone, callers may prefer `iso_date()`.
    pub fn iso(self) -> String {
        format!(
            "{}T{:02}:{:02}:{:02}",
            self.date().iso_date(),
            self.value.hour(),
            self.value.minute(),
            self.value.second()
        )
    }

    /// "2019-09-26".
    pub fn iso_date(self) -> String {
        self.date().iso_date()
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.br())
    }
}

/// When a notice happens: a start and, optionally, an end that is not before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Period {
    start: DateTime,
    end: Option<DateTime>,
}

impl Period {
    /// An end written as a date alone covers that whole day, so `26/09/2019 12:30` to
    /// `26/09/2019` is accepted.
    pub(crate) fn new(start: DateTime, end: Option<DateTime>) -> Result<Period, FieldError> {
        if let Some(end) = end {
            if end.end_of_event() < start {
                return Err(FieldError::new(
                    Code::PeriodOrder,
                    format!("o fim ({}) é anterior ao início ({})", end.br(), start.br()),
                )
                .with_help("confira `fim`: o fim não pode ser antes do início"));
            }
        }
        Ok(Period { start, end })
    }

    /// Both ends from text (the loader may rather parse them one by one, to point at the
    /// right key, and call `new`).
    pub(crate) fn parse(start: &str, end: Option<&str>) -> Result<Period, FieldError> {
        let start = DateTime::parse(start)?;
        let end = end.map(DateTime::parse).transpose()?;
        Period::new(start, end)
    }

    #[allow(dead_code)] // part of the value type; nothing calls it yet
    pub(crate) fn start(self) -> DateTime {
        self.start
    }

    #[allow(dead_code)] // part of the value type; nothing calls it yet
    pub(crate) fn end(self) -> Option<DateTime> {
        self.end
    }

    /// Whether the period is over at `now`: after its end, or after the day it starts when
    /// it has no end.
    #[allow(dead_code)] // part of the value type; nothing calls it yet
    pub(crate) fn is_past(self, now: DateTime) -> bool {
        let last = match self.end {
            Some(end) => end.end_of_event(),
            None => DateTime::from_date(self.start.date()).end_of_event(),
        };
        last < now
    }

    /// Readable Portuguese: "26 de setembro de 2019, das 12h30 às 17h",
    /// "de 26 a 28 de setembro de 2019", "26 de setembro de 2019, às 12h30".
    pub(crate) fn long_br(self) -> String {
        let start = self.start;
        let Some(end) = self.end else {
            return start.long_br();
        };
        let (sd, ed) = (start.date().0, end.date().0);
        if sd == ed {
            return match (start.has_time, end.has_time) {
                (true, true) if start.value != end.value => {
                    format!("{}, das {} às {}", start.date_long(), start.time_br(), end.time_br())
                }
                _ => start.long_br(),
            };
        }
        if !start.has_time && !end.has_time {
            if sd.year() == ed.year() && sd.month() == ed.month() {
                return format!(
                    "de {} a {} de {} de {}",
                    day_br(sd.day()),
                    day_br(ed.day()),
                    month_name(sd.month()),
                    sd.year()
                );
            }
            if sd.year() == ed.year() {
                return format!("de {} de {} a {}", day_br(sd.day()), month_name(sd.month()), end.date_long());
            }
        }
        if start.has_time {
            format!("de {}, a {}", start.long_br(), end.long_br())
        } else {
            format!("de {} a {}", start.long_br(), end.long_br())
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn dt(s: &str) -> DateTime {
        DateTime::parse(s).unwrap()
    }

    fn err(r: Result<impl fmt::Debug, FieldError>) -> (String, String) {
        let e = r.unwrap_err();
        (e.message, e.help.unwrap_or_default())
    }

    #[test]
    fn dates_in_both_formats() {
        assert_eq!(date("26/09/2019"), date("2019-09-26"));
        assert_eq!(date(" 26/09/2019 ").iso_date(), "2019-09-26");
        assert_eq!(date("1/2/2019").br(), "01/02/2019");
        assert_eq!(date("26-09-2019").br(), "26/09/2019");
        assert_eq!(date("26.09.2019").br(), "26/09/2019");
        assert_eq!(date("29/02/2024").iso_date(), "2024-02-29");
        assert_eq!(date("2019-09-26").to_string(), "26/09/2019");
    }

    #[test]
    fn date_errors() {
        assert_eq!(
            err(Date::parse("31/02/2025")),
            (
                "data inválida: 31/02/2025 (fevereiro de 2025 tem 28 dias)".to_owned(),
                "use DD/MM/AAAA, por exemplo 26/09/2019".to_owned()
            )
        );
        assert_eq!(err(Date::parse("30/02/2024")).0, "data inválida: 30/02/2024 (fevereiro de 2024 tem 29 dias)");
        assert_eq!(err(Date::parse("31/04/2025")).0, "data inválida: 31/04/2025 (abril de 2025 tem 30 dias)");
        assert_eq!(
            err(Date::parse("26/13/2019")),
            (
                "data inválida: 26/13/2019 (o mês vai de 1 a 12)".to_owned(),
                "use DD/MM/AAAA, por exemplo 26/09/2019".to_owned()
            )
        );
        assert_eq!(err(Date::parse("2019-00-10")).0, "data inválida: 2019-00-10 (o mês vai de 1 a 12)");
        assert_eq!(err(Date::parse("00/01/2019")).0, "data inválida: 00/01/2019 (não existe dia 0)");
        assert_eq!(
            err(Date::parse("amanhã")),
            ("data inválida: amanhã".to_owned(), "use DD/MM/AAAA, por exemplo 26/09/2019".to_owned())
        );
        assert_eq!(
            err(Date::parse("26/09/19")),
            ("data inválida: 26/09/19".to_owned(), "escreva o ano com 4 dígitos, por exemplo 26/09/2019".to_owned())
        );
        for bad in ["", "26/09", "26/09/2019/1", "26/09-2019", "2019-09-26T12:30", "+26/09/2019", "026/09/2019"] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn long_messages_are_shortened() {
        let long = "x".repeat(100);
        let (message, _) = err(Date::parse(&long));
        assert_eq!(message, format!("data inválida: {}…", "x".repeat(60)));
        assert_eq!(shown("a\u{1b}[31m"), "a\u{FFFD}[31m");
    }

    #[test]
    fn date_formats_in_portuguese() {
        assert_eq!(date("26/09/2019").date_long(), "26 de setembro de 2019");
        assert_eq!(date("01/01/2026").date_long(), "1º de janeiro de 2026");
        assert_eq!(date("07/03/2025").date_long(), "7 de março de 2025");
        assert_eq!(date("26/09/2019").weekday_name(), "quinta-feira");
        assert_eq!(date("26/09/2019").weekday_index(), 3);
        assert_eq!(date("29/09/2019").weekday_name(), "domingo");
    }

    #[test]
    fn date_times_in_every_accepted_form() {
        let expected = dt("26/09/2019 12:30");
        for s in [
            "2019-09-26 12:30",
            "2019-09-26T12:30",
            "26/09/2019 12h30",
            "26/09/2019 12H30",
            "26/09/2019  às 12h30",
            "26/09/2019, 12:30",
            "2019-09-26T12:30:00",
            "26/09/2019 12:30h",
        ] {
            assert_eq!(dt(s), expected, "{s}");
        }
        assert!(expected.has_time());
        assert_eq!(expected.iso(), "2019-09-26T12:30:00");
        assert_eq!(expected.time_br(), "12h30");
        assert_eq!(expected.date_long(), "26 de setembro de 2019");
        assert_eq!(expected.long_br(), "26 de setembro de 2019, às 12h30");
        assert_eq!(expected.to_string(), "26/09/2019 12:30");
        assert_eq!(dt("26/09/2019 8h").time_br(), "8h");
        assert_eq!(dt("26/09/2019 08:05").time_br(), "8h05");
        assert_eq!(dt("26/09/2019 00:00").time_br(), "0h");
        assert_eq!(dt("2019-09-26T12:30:45").iso(), "2019-09-26T12:30:45");
    }

    #[test]
    fn a_date_alone_is_midnight_without_time() {
        let d = dt("26/09/2019");
        assert!(!d.has_time());
        assert_eq!(d.iso(), "2019-09-26T00:00:00");
        assert_eq!(d.iso_date(), "2019-09-26");
        assert_eq!(d.long_br(), "26 de setembro de 2019");
        assert_eq!(d.to_string(), "26/09/2019");
        assert_eq!(d, DateTime::from_date(date("26/09/2019")));
        assert_eq!(d.end_of_event().iso(), "2019-09-26T23:59:59");
        assert_eq!(dt("26/09/2019 10:00").end_of_event(), dt("26/09/2019 10:00"));
    }

    #[test]
    fn date_time_errors() {
        for bad in ["26/09/2019 24:00", "26/09/2019 25:00", "26/09/2019 12:60"] {
            let time = bad.split_once(' ').unwrap().1;
            assert_eq!(
                err(DateTime::parse(bad)),
                (format!("hora inválida: {time}"), "as horas vão de 00:00 a 23:59".to_owned())
            );
        }
        assert_eq!(
            err(DateTime::parse("26/09/2019 meio-dia")),
            ("hora inválida: meio-dia".to_owned(), "escreva a hora como 12:30 ou 12h30".to_owned())
        );
        assert_eq!(
            err(DateTime::parse("31/02/2025 10:00")).0,
            "data inválida: 31/02/2025 (fevereiro de 2025 tem 28 dias)"
        );
        assert_eq!(
            err(DateTime::parse("próxima terça 10:00")),
            (
                "data e hora inválidas: próxima terça 10:00".to_owned(),
                "use DD/MM/AAAA HH:MM, por exemplo 26/09/2019 12:30".to_owned()
            )
        );
        for bad in [
            "2019-09-26T",
            "2019-09-26T12",
            "2019-09-26T12:3",
            "2019-09-26T12:30Z",
            "2019-09-26 12:30-03:00",
            "26/09/2019 123:00",
        ] {
            assert!(DateTime::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn clock() {
        assert_eq!(parse_clock("8h"), Ok((8, 0, 0)));
        assert_eq!(parse_clock("08h30"), Ok((8, 30, 0)));
        assert_eq!(parse_clock("8:00"), Ok((8, 0, 0)));
        assert_eq!(parse_clock("23:59:59"), Ok((23, 59, 59)));
        assert_eq!(parse_clock("24:00"), Err(ClockError::Range));
        assert_eq!(parse_clock("12:60"), Err(ClockError::Range));
        assert_eq!(parse_clock("12:00:60"), Err(ClockError::Range));
        assert_eq!(parse_clock("8"), Err(ClockError::Format));
        assert_eq!(parse_clock("8h3"), Err(ClockError::Format));
        assert_eq!(parse_clock(":30"), Err(ClockError::Format));
        assert_eq!(parse_clock("8h30h"), Err(ClockError::Format));
    }

    #[test]
    fn periods() {
        let p = Period::parse("26/09/2019 12:30", Some("26/09/2019 17:00")).unwrap();
        assert_eq!(p.long_br(), "26 de setembro de 2019, das 12h30 às 17h");
        assert_eq!(p.start(), dt("26/09/2019 12:30"));
        assert_eq!(p.end(), Some(dt("26/09/2019 17:00")));
        assert_eq!(
            err(Period::parse("26/09/2019 12:30", Some("26/09/2019 10:00"))),
            (
                "o fim (26/09/2019 10:00) é anterior ao início (26/09/2019 12:30)".to_owned(),
                "confira `fim`: o fim não pode ser antes do início".to_owned()
            )
        );
        assert_eq!(
            err(Period::parse("26/09/2019", Some("25/09/2019"))).0,
            "o fim (25/09/2019) é anterior ao início (26/09/2019)"
        );
        // A date alone as the end covers that whole day; an equal end is fine.
        assert!(Period::parse("26/09/2019 12:30", Some("26/09/2019")).is_ok());
        assert!(Period::parse("26/09/2019 12:30", Some("26/09/2019 12:30")).is_ok());
        assert_eq!(Period::parse("26/09/2019 12:30", None).unwrap().long_br(), "26 de setembro de 2019, às 12h30");
        assert_eq!(
            Period::parse("26/09/2019", Some("28/09/2019")).unwrap().long_br(),
            "de 26 a 28 de setembro de 2019"
        );
        assert_eq!(
            Period::parse("30/09/2019", Some("01/10/2019")).unwrap().long_br(),
            "de 30 de setembro a 1º de outubro de 2019"
        );
        assert_eq!(
            Period::parse("30/12/2019", Some("02/01/2020")).unwrap().long_br(),
            "de 30 de dezembro de 2019 a 2 de janeiro de 2020"
        );
        assert_eq!(
            Period::parse("26/09/2019 12:30", Some("27/09/2019 17:00")).unwrap().long_br(),
            "de 26 de setembro de 2019, às 12h30, a 27 de setembro de 2019, às 17h"
        );
    }

    #[test]
    fn past_periods() {
        let p = Period::parse("26/09/2019 12:30", Some("26/09/2019 17:00")).unwrap();
        assert!(!p.is_past(dt("26/09/2019 16:59")));
        assert!(p.is_past(dt("26/09/2019 17:01")));
        let open_ended = Period::parse("26/09/2019 12:30", None).unwrap();
        assert!(!open_ended.is_past(dt("26/09/2019 23:00")));
        assert!(open_ended.is_past(dt("27/09/2019 00:00")));
        let days = Period::parse("26/09/2019", Some("28/09/2019")).unwrap();
        assert!(!days.is_past(dt("28/09/2019 20:00")));
        assert!(days.is_past(dt("29/09/2019 00:00")));
    }

    #[test]
    fn ordering_follows_time() {
        assert!(dt("26/09/2019 12:30") < dt("26/09/2019 12:31"));
        assert!(dt("26/09/2019") < dt("26/09/2019 00:01"));
        assert!(date("31/12/2018") < date("01/01/2019"));
    }

    proptest! {
        #[test]
        fn parsers_never_panic(s in any::<String>(), e in proptest::option::of(any::<String>())) {
            let _ = Date::parse(&s);
            let _ = DateTime::parse(&s);
            let _ = parse_clock(&s);
            let _ = Period::parse(&s, e.as_deref());
        }

        #[test]
        fn parsers_never_panic_on_likely_input(
            s in prop_oneof![
                "[0-9]{0,5}[/.T: -]?[0-9]{0,5}[/.T: -]?[0-9]{0,5}( ?(às|h|:)? ?[0-9]{0,3}[:hH]?[0-9]{0,3})?",
                "[0-3]?[0-9][/.-][01]?[0-9][/.-][0-9]{4}( (às )?[0-2]?[0-9][:hH][0-6][0-9])?",
                "[0-9]{4}-[01][0-9]-[0-3][0-9]([T ][0-2][0-9]:[0-6][0-9](:[0-6][0-9])?)?",
            ],
            e in "[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}( [0-9]{1,2}:[0-9]{2})?",
        ) {
            if let Ok(d) = DateTime::parse(&s) {
                // What we print, we read back.
                prop_assert_eq!(DateTime::parse(&d.br()).ok().map(|x| x.br()), Some(d.br()));
                prop_assert_eq!(DateTime::parse(&d.iso()).ok().map(|x| x.naive()), Some(d.naive()));
            }
            if let Ok(d) = Date::parse(&s) {
                prop_assert_eq!(Date::parse(&d.br()).ok(), Some(d));
                prop_assert_eq!(Date::parse(&d.iso_date()).ok(), Some(d));
            }
            if let Ok(p) = Period::parse(&s, Some(&e)) {
                let _ = p.long_br();
            }
        }
    }
}
