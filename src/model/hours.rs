//! Opening hours as editors write them (`seg-sex: 08:00-11:00, 13:00-17:00`, `sab: fechado`,
//! exceptions for holidays), validated, and published as readable Portuguese, as schema.org
//! `OpeningHoursSpecification`, and as a compact form for the "aberto agora" script.

use crate::model::datetime::{hour_minute_br, parse_clock, shown, ClockError, Date, DateTime, TIME_RANGE_HELP};
use crate::model::field_error::FieldError;
use chrono::Timelike;
use serde_json::{json, Value};
use std::fmt;

/// Minutes in a day: the close of an interval open all day ("24h").
const END_OF_DAY: u16 = 24 * 60;

const TIME_HELP: &str = "escreva a hora como 08:00 ou 8h30";
const INTERVAL_HELP: &str = "escreva os intervalos como 08:00-11:00, 13:00-17:00 (ou 8h às 12h), ou então fechado";
const ORDER_HELP: &str = "escreva primeiro a hora de abrir e depois a de fechar, por exemplo 08:00-11:00";
const DAY_HELP: &str = "use seg, ter, qua, qui, sex, sab, dom ou intervalos como seg-sex";
const DUPLICATE_DAY_HELP: &str = "cada dia aparece em uma só chave; para dois intervalos no \
     mesmo dia, escreva-os juntos, por exemplo sex: 08:00-11:00, 13:00-17:00";

/// Short names, for ranges and lists ("Segunda a sexta-feira").
const DAY_SHORT: [&str; 7] = ["segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"];
/// Full names.
const DAY_FULL: [&str; 7] =
    ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"];
const SCHEMA_DAYS: [&str; 7] = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
];

fn day_name(names: &[&'static str; 7], day: usize) -> &'static str {
    names.get(day).copied().unwrap_or("")
}

/// A time of day, in minutes since midnight (00:00 to 23:59; 24:00 only as the close of an
/// all-day interval, which editors write as `24h`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// `08:00`, `8:00`, `8h`, `08h30`.
    pub fn parse(text: &str) -> Result<TimeOfDay, FieldError> {
        let text = text.trim();
        let message = || format!("hora inválida: {}", shown(text));
        match parse_clock(text) {
            Ok((hour, minute, 0)) => TimeOfDay::from_hm(hour, minute).ok_or_else(|| FieldError::new(message())),
            Ok(_) => Err(FieldError::new(message())
                .with_help("o horário de funcionamento usa só horas e minutos, por exemplo 08:00")),
            Err(ClockError::Range) => Err(FieldError::new(message()).with_help(TIME_RANGE_HELP)),
            Err(ClockError::Format) => Err(FieldError::new(message()).with_help(TIME_HELP)),
        }
    }

    /// `None` unless 0 ≤ hour ≤ 23 and 0 ≤ minute ≤ 59.
    pub fn from_hm(hour: u32, minute: u32) -> Option<TimeOfDay> {
        if hour < 24 && minute < 60 {
            u16::try_from(hour * 60 + minute).ok().map(TimeOfDay)
        } else {
            None
        }
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    /// "08:00" (and "24:00" for the end of the day).
    pub fn hhmm(self) -> String {
        format!("{:02}:{:02}", self.0 / 60, self.0 % 60)
    }

    /// "8h", "8h30".
    pub fn br(self) -> String {
        hour_minute_br(u32::from(self.0 / 60), u32::from(self.0 % 60))
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hhmm())
    }
}

/// From `open` (included) to `close` (excluded); `close` is after `open`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    open: TimeOfDay,
    close: TimeOfDay,
}

impl Interval {
    /// Open all day, written `24h` or `24 horas`.
    pub const ALL_DAY: Interval = Interval { open: TimeOfDay(0), close: TimeOfDay(END_OF_DAY) };

    pub fn new(open: TimeOfDay, close: TimeOfDay) -> Result<Interval, FieldError> {
        let shown = format!("{open}-{close}");
        if close < open {
            Err(FieldError::new(format!("o intervalo {shown} termina antes de começar")).with_help(ORDER_HELP))
        } else if close == open {
            Err(FieldError::new(format!("o intervalo {shown} começa e termina na mesma hora")).with_help(ORDER_HELP))
        } else {
            Ok(Interval { open, close })
        }
    }

    /// `08:00-11:00`, `08:00 - 11:00`, `8h às 12h`, `das 8h às 12h`, `8h a 12h`, `8h até 12h`.
    pub fn parse(text: &str) -> Result<Interval, FieldError> {
        let lower = text.trim().to_lowercase();
        let body = lower.strip_prefix("das ").or_else(|| lower.strip_prefix("de ")).unwrap_or(&lower).trim();
        const SEPARATORS: [&str; 8] = [" às ", " as ", " até ", " ate ", " a ", "–", "—", "-"];
        let Some((open, close)) = SEPARATORS.iter().find_map(|sep| body.split_once(sep)) else {
            return Err(
                FieldError::new(format!("intervalo inválido: '{}'", shown(text.trim()))).with_help(INTERVAL_HELP)
            );
        };
        Interval::new(TimeOfDay::parse(open)?, TimeOfDay::parse(close)?)
    }

    pub fn open(self) -> TimeOfDay {
        self.open
    }

    pub fn close(self) -> TimeOfDay {
        self.close
    }

    pub fn is_all_day(self) -> bool {
        self == Interval::ALL_DAY
    }

    /// Whether the minute of the day `minute` (0..1440) falls in it.
    pub fn contains(self, minute: u16) -> bool {
        self.open.0 <= minute && minute < self.close.0
    }

    /// "das 8h às 11h", "24 horas".
    fn phrase(self) -> String {
        if self.is_all_day() {
            "24 horas".to_owned()
        } else {
            format!("das {} às {}", self.open.br(), self.close.br())
        }
    }

    /// schema.org `opens` / `closes` ("00:00" / "23:59" for all day, as schema.org asks).
    fn schema_times(self) -> (String, String) {
        if self.close.0 == END_OF_DAY {
            (self.open.hhmm(), "23:59".to_owned())
        } else {
            (self.open.hhmm(), self.close.hhmm())
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_all_day() {
            f.write_str("24h")
        } else {
            write!(f, "{}-{}", self.open, self.close)
        }
    }
}

/// The hours of one day as the editor wrote them: `08:00-11:00, 13:00-17:00`,
/// `8h às 12h e 13h às 17h`, `fechado` (no interval), `24h`. Sorted, never overlapping.
pub fn parse_intervals(text: &str) -> Result<Vec<Interval>, FieldError> {
    let lower = text.trim().to_lowercase();
    match lower.as_str() {
        "fechado" | "fechada" => return Ok(Vec::new()),
        "24h" | "24 h" | "24 horas" | "24horas" => return Ok(vec![Interval::ALL_DAY]),
        _ => {}
    }
    let joined = lower.replace(" e ", ",");
    let mut intervals = joined
        .split([',', ';', '/', '\n'])
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .map(Interval::parse)
        .collect::<Result<Vec<_>, _>>()?;
    if intervals.is_empty() {
        return Err(FieldError::new("horário vazio").with_help(INTERVAL_HELP));
    }
    intervals.sort();
    for pair in intervals.windows(2) {
        if let [a, b] = pair {
            if b.open < a.close {
                return Err(FieldError::new(format!("os intervalos {a} e {b} se sobrepõem")).with_help(
                    "um intervalo precisa terminar antes de o próximo começar, \
                         por exemplo 08:00-11:00, 13:00-17:00",
                ));
            }
        }
    }
    Ok(intervals)
}

fn with_context(error: FieldError, context: &str) -> FieldError {
    FieldError { message: format!("{} ({context})", error.message), help: error.help }
}

fn day_code(code: &str, key: &str) -> Result<usize, FieldError> {
    match code.trim() {
        "seg" => Ok(0),
        "ter" => Ok(1),
        "qua" => Ok(2),
        "qui" => Ok(3),
        "sex" => Ok(4),
        "sab" | "sáb" => Ok(5),
        "dom" => Ok(6),
        other => {
            let mut message = format!("dia desconhecido: '{}'", shown(other));
            if other != key.trim().to_lowercase() {
                message.push_str(&format!(" (em '{}')", shown(key.trim())));
            }
            Err(FieldError::new(message).with_help(DAY_HELP))
        }
    }
}

/// `seg`, `seg-sex`, `sab-dom`, `seg,qua,sex`, `seg-qua, sex`, `sex-seg` (through the weekend).
/// Monday = 0 … Sunday = 6, in the order written.
fn parse_days(key: &str) -> Result<Vec<usize>, FieldError> {
    let lower = key.trim().to_lowercase();
    let mut days = Vec::new();
    let mut seen = [false; 7];
    for item in lower.split(',') {
        let item = item.trim();
        let range = ["–", "—", "-", " a ", " à "].iter().find_map(|sep| item.split_once(sep));
        let mut push = |day: usize| -> Result<(), FieldError> {
            match seen.get_mut(day) {
                Some(true) => Err(FieldError::new(format!(
                    "o dia {} aparece duas vezes em '{}'",
                    day_name(&DAY_FULL, day),
                    shown(key.trim())
                ))
                .with_help(DUPLICATE_DAY_HELP)),
                Some(slot) => {
                    *slot = true;
                    days.push(day);
                    Ok(())
                }
                None => Ok(()),
            }
        };
        match range {
            Some((first, last)) => {
                let (first, last) = (day_code(first, key)?, day_code(last, key)?);
                let mut day = first;
                for _ in 0..7 {
                    push(day)?;
                    if day == last {
                        break;
                    }
                    day = (day + 1) % 7;
                }
            }
            None => push(day_code(item, key)?)?,
        }
    }
    Ok(days)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "a", "a e b", "a, b e c".
fn join_pt(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} e {last}", rest.join(", ")),
    }
}

/// "Segunda a sexta-feira", "Segunda, quarta e sexta-feira", "Sábado e domingo",
/// "Segunda a sábado", "Segunda-feira, quarta-feira e sábado", "Todos os dias".
/// `days` is sorted, without repeats.
fn days_phrase(days: &[usize]) -> String {
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
    let name = |day: usize, last: bool| {
        if only_weekdays && !last {
            day_name(&DAY_SHORT, day)
        } else {
            day_name(&DAY_FULL, day)
        }
    };
    let mut items = Vec::new();
    let run_count = runs.len();
    for (i, &(first, end)) in runs.iter().enumerate() {
        let last_run = i + 1 == run_count;
        if end >= first + 2 {
            items.push(format!("{} a {}", day_name(&DAY_SHORT, first), name(end, last_run)));
        } else {
            for day in first..=end {
                items.push(name(day, last_run && day == end).to_owned());
            }
        }
    }
    capitalize(&join_pt(&items))
}

/// "das 8h às 11h e das 13h às 17h", or "fechado".
fn intervals_phrase(intervals: &[Interval]) -> String {
    if intervals.is_empty() {
        return "fechado".to_owned();
    }
    let phrases: Vec<String> = intervals.iter().map(|i| i.phrase()).collect();
    join_pt(&phrases)
}

fn schema_spec(intervals: &[Interval], mut base: serde_json::Map<String, Value>) -> Vec<Value> {
    base.insert("@type".to_owned(), json!("OpeningHoursSpecification"));
    if intervals.is_empty() {
        // Closed all day, as schema.org documents it.
        let mut spec = base;
        spec.insert("opens".to_owned(), json!("00:00"));
        spec.insert("closes".to_owned(), json!("00:00"));
        return vec![Value::Object(spec)];
    }
    intervals
        .iter()
        .map(|interval| {
            let (opens, closes) = interval.schema_times();
            let mut spec = base.clone();
            spec.insert("opens".to_owned(), json!(opens));
            spec.insert("closes".to_owned(), json!(closes));
            Value::Object(spec)
        })
        .collect()
}

fn intervals_json(intervals: &[Interval]) -> Value {
    Value::Array(intervals.iter().map(|i| json!([i.open.0, i.close.0])).collect())
}

/// A date with other hours than usual: a holiday (`fechado`), a shorter day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    pub date: Date,
    /// Sorted, never overlapping; empty: closed all day.
    pub intervals: Vec<Interval>,
    /// Trimmed, never empty.
    pub reason: Option<String>,
}

impl Exception {
    /// `data: 25/12/2025`, `horario: fechado`, `motivo: Natal`.
    pub fn parse(date: &str, hours: &str, reason: Option<&str>) -> Result<Exception, FieldError> {
        let date = Date::parse(date)?;
        let intervals = parse_intervals(hours).map_err(|e| with_context(e, &format!("na exceção de {date}")))?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
        Ok(Exception { date, intervals, reason })
    }

    pub fn date(&self) -> Date {
        self.date
    }

    pub fn intervals(&self) -> &[Interval] {
        &self.intervals
    }

    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    pub fn is_closed(&self) -> bool {
        self.intervals.is_empty()
    }

    /// "25 de dezembro de 2025: fechado (Natal)",
    /// "24 de dezembro de 2025: das 8h às 12h (Véspera de Natal)".
    pub fn sentence(&self) -> String {
        let mut out = format!("{}: {}", self.date.date_long(), intervals_phrase(&self.intervals));
        if let Some(reason) = &self.reason {
            out.push_str(&format!(" ({reason})"));
        }
        out
    }
}

/// The weekly hours of a unit and its exceptions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OpeningHours {
    /// Monday first; each day sorted, never overlapping.
    pub weekly: [Vec<Interval>; 7],
    /// Prefer `add_exception`, which rejects a second exception on the same date and keeps
    /// them sorted; every method also copes with a list pushed to directly (the first
    /// exception of a date wins, output is by date).
    pub exceptions: Vec<Exception>,
    /// Days the editor wrote (a day written `fechado` is said so; a day left out is not).
    stated: [bool; 7],
}

impl OpeningHours {
    /// From the `horario:` map, in the order written: `("seg-sex", "08:00-11:00, 13:00-17:00")`,
    /// `("sab", "fechado")`. Every error names the key.
    pub fn from_entries(entries: &[(String, String)]) -> Result<OpeningHours, FieldError> {
        let mut hours = OpeningHours::default();
        let mut keys: [Option<&str>; 7] = [None; 7];
        for (key, value) in entries {
            let days = parse_days(key)?;
            let intervals =
                parse_intervals(value).map_err(|e| with_context(e, &format!("em '{}'", shown(key.trim()))))?;
            for day in days {
                let (Some(slot), Some(weekly), Some(stated)) =
                    (keys.get_mut(day), hours.weekly.get_mut(day), hours.stated.get_mut(day))
                else {
                    continue;
                };
                if let Some(previous) = slot {
                    return Err(FieldError::new(format!(
                        "o dia {} aparece em duas chaves: '{}' e '{}'",
                        day_name(&DAY_FULL, day),
                        shown(previous.trim()),
                        shown(key.trim())
                    ))
                    .with_help(DUPLICATE_DAY_HELP));
                }
                *slot = Some(key.as_str());
                *weekly = intervals.clone();
                *stated = true;
            }
        }
        Ok(hours)
    }

    /// Adds an exception; two exceptions on the same date are an error.
    pub fn add_exception(&mut self, exception: Exception) -> Result<(), FieldError> {
        if self.exceptions.iter().any(|e| e.date == exception.date) {
            return Err(FieldError::new(format!("a data {} aparece em duas exceções", exception.date))
                .with_help("junte as duas em uma só exceção, com todos os intervalos do dia"));
        }
        let at = self.exceptions.partition_point(|e| e.date < exception.date);
        self.exceptions.insert(at, exception);
        Ok(())
    }

    /// Monday first.
    pub fn weekly(&self) -> &[Vec<Interval>; 7] {
        &self.weekly
    }

    /// Whether the editor wrote this day (Monday = 0), even as `fechado`.
    pub fn is_stated(&self, weekday: usize) -> bool {
        self.stated.get(weekday).copied().unwrap_or(false)
    }

    /// The exceptions by date, the first one of each date.
    pub fn exceptions_by_date(&self) -> Vec<&Exception> {
        let mut list: Vec<&Exception> = Vec::with_capacity(self.exceptions.len());
        for exception in &self.exceptions {
            if !list.iter().any(|e| e.date == exception.date) {
                list.push(exception);
            }
        }
        list.sort_by_key(|e| e.date);
        list
    }

    /// Exceptions on or after `today`, by date.
    pub fn upcoming_exceptions(&self, today: Date) -> Vec<&Exception> {
        let mut list = self.exceptions_by_date();
        list.retain(|e| e.date >= today);
        list
    }

    /// No day written and no exception.
    pub fn is_empty(&self) -> bool {
        !self.stated.iter().any(|&s| s) && self.exceptions.is_empty()
    }

    /// The intervals of a date: its exception if it has one, else its weekday's.
    pub fn intervals_on(&self, date: Date) -> &[Interval] {
        match self.exceptions.iter().find(|e| e.date == date) {
            Some(exception) => &exception.intervals,
            None => self.weekly.get(date.weekday_index()).map(Vec::as_slice).unwrap_or(&[]),
        }
    }

    /// What the "aberto agora" script computes, for a local date and time.
    pub fn is_open_at(&self, at: DateTime) -> bool {
        let time = at.naive().time();
        let minute = u16::try_from(time.hour() * 60 + time.minute()).unwrap_or(0);
        self.intervals_on(at.date()).iter().any(|i| i.contains(minute))
    }

    /// Days with the same intervals, in week order of their first day.
    fn groups(&self) -> Vec<(Vec<usize>, &[Interval])> {
        let mut groups: Vec<(Vec<usize>, &[Interval])> = Vec::new();
        for (day, (intervals, &stated)) in self.weekly.iter().zip(&self.stated).enumerate() {
            if !stated {
                continue;
            }
            match groups.iter_mut().find(|(_, i)| *i == intervals.as_slice()) {
                Some((days, _)) => days.push(day),
                None => groups.push((vec![day], intervals)),
            }
        }
        groups
    }

    /// The weekly hours in Portuguese, one sentence per group of days with the same hours:
    /// "Segunda a sexta-feira, das 8h às 11h e das 13h às 17h", "Sábado e domingo: fechado".
    pub fn sentences(&self) -> Vec<String> {
        self.groups()
            .into_iter()
            .map(|(days, intervals)| {
                let days = days_phrase(&days);
                if intervals.is_empty() {
                    format!("{days}: fechado")
                } else {
                    format!("{days}, {}", intervals_phrase(intervals))
                }
            })
            .collect()
    }

    /// "25 de dezembro de 2025: fechado (Natal)", one per exception, by date.
    pub fn exception_sentences(&self) -> Vec<String> {
        self.exceptions_by_date().into_iter().map(Exception::sentence).collect()
    }

    /// A JSON array of schema.org `OpeningHoursSpecification`s: one per interval and group
    /// of days, days written `fechado` as opens = closes = "00:00", exceptions with
    /// `validFrom` / `validThrough`.
    pub fn schema_org(&self) -> Value {
        let mut specs = Vec::new();
        for (days, intervals) in self.groups() {
            let mut base = serde_json::Map::new();
            let days: Vec<Value> = days.iter().map(|&d| json!(day_name(&SCHEMA_DAYS, d))).collect();
            base.insert("dayOfWeek".to_owned(), Value::Array(days));
            specs.extend(schema_spec(intervals, base));
        }
        for exception in self.exceptions_by_date() {
            let mut base = serde_json::Map::new();
            let date = exception.date.iso_date();
            base.insert("validFrom".to_owned(), json!(date));
            base.insert("validThrough".to_owned(), json!(date));
            if let Some(reason) = &exception.reason {
                base.insert("description".to_owned(), json!(reason));
            }
            specs.extend(schema_spec(&exception.intervals, base));
        }
        Value::Array(specs)
    }

    /// Compact JSON for the in-browser "aberto agora" script: `w` has the seven days (Monday
    /// first), each a list of `[open, close)` in minutes since midnight; `x` the exceptions.
    /// `{"w":[[[480,660],[780,1020]],…],"x":[{"d":"2025-12-25","i":[]}]}`
    pub fn data_attr(&self) -> String {
        let weekly: Vec<Value> = self.weekly.iter().map(|i| intervals_json(i)).collect();
        let exceptions: Vec<Value> = self
            .exceptions_by_date()
            .into_iter()
            .map(|e| json!({"d": e.date.iso_date(), "i": intervals_json(&e.intervals)}))
            .collect();
        json!({"w": weekly, "x": exceptions}).to_string()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn entries(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn hours(list: &[(&str, &str)]) -> OpeningHours {
        OpeningHours::from_entries(&entries(list)).unwrap()
    }

    fn hours_err(list: &[(&str, &str)]) -> (String, String) {
        let e = OpeningHours::from_entries(&entries(list)).unwrap_err();
        (e.message, e.help.unwrap_or_default())
    }

    fn t(s: &str) -> TimeOfDay {
        TimeOfDay::parse(s).unwrap()
    }

    #[test]
    fn times_of_day() {
        assert_eq!(t("08:00").minutes(), 480);
        assert_eq!(t("8:00"), t("08:00"));
        assert_eq!(t("8h"), t("08:00"));
        assert_eq!(t("08h30").minutes(), 510);
        assert_eq!(t("23:59").minutes(), 1439);
        assert_eq!(t("00:00").minutes(), 0);
        assert_eq!(t("8h30").hhmm(), "08:30");
        assert_eq!(t("8h30").br(), "8h30");
        assert_eq!(t("13:00").br(), "13h");
        assert_eq!(t("13:00").to_string(), "13:00");
        for bad in ["24:00", "25:00", "12:60"] {
            let e = TimeOfDay::parse(bad).unwrap_err();
            assert_eq!(e.message, format!("hora inválida: {bad}"));
            assert_eq!(e.help.as_deref(), Some("as horas vão de 00:00 a 23:59"));
        }
        let e = TimeOfDay::parse("oito").unwrap_err();
        assert_eq!(e.message, "hora inválida: oito");
        assert_eq!(e.help.as_deref(), Some("escreva a hora como 08:00 ou 8h30"));
        assert!(TimeOfDay::parse("08:00:30").is_err());
        assert!(TimeOfDay::parse("").is_err());
        assert!(TimeOfDay::parse("8").is_err());
    }

    #[test]
    fn intervals() {
        let i = Interval::parse("08:00-11:00").unwrap();
        assert_eq!((i.open(), i.close()), (t("8h"), t("11h")));
        for same in [
            "08:00 - 11:00",
            "8h às 11h",
            "das 8h às 11h",
            "8h as 11h",
            "8h a 11h",
            "8h até 11h",
            "8:00–11:00",
            "8h-11h",
            "De 8h Às 11h",
        ] {
            assert_eq!(Interval::parse(same).unwrap(), i, "{same}");
        }
        assert_eq!(i.to_string(), "08:00-11:00");
        let e = Interval::parse("13:00-11:00").unwrap_err();
        assert_eq!(e.message, "o intervalo 13:00-11:00 termina antes de começar");
        assert_eq!(
            e.help.as_deref(),
            Some("escreva primeiro a hora de abrir e depois a de fechar, por exemplo 08:00-11:00")
        );
        assert_eq!(
            Interval::parse("8h-8h").unwrap_err().message,
            "o intervalo 08:00-08:00 começa e termina na mesma hora"
        );
        assert_eq!(Interval::parse("0800").unwrap_err().message, "intervalo inválido: '0800'");
        assert_eq!(Interval::parse("08:00-25:00").unwrap_err().message, "hora inválida: 25:00");
    }

    #[test]
    fn day_values() {
        assert_eq!(parse_intervals("fechado").unwrap(), vec![]);
        assert_eq!(parse_intervals(" Fechado ").unwrap(), vec![]);
        assert_eq!(parse_intervals("24h").unwrap(), vec![Interval::ALL_DAY]);
        assert_eq!(parse_intervals("24 horas").unwrap(), vec![Interval::ALL_DAY]);
        let two = parse_intervals("08:00-11:00, 13:00-17:00").unwrap();
        assert_eq!(two.len(), 2);
        assert_eq!(parse_intervals("8h às 11h e 13h às 17h").unwrap(), two);
        assert_eq!(parse_intervals("13:00-17:00; 08:00-11:00").unwrap(), two);
        assert_eq!(parse_intervals("08:00-11:00 / 13:00-17:00,").unwrap(), two);
        // Touching intervals do not overlap.
        assert!(parse_intervals("08:00-12:00, 12:00-17:00").is_ok());
        let e = parse_intervals("08:00-12:00, 11:00-14:00").unwrap_err();
        assert_eq!(e.message, "os intervalos 08:00-12:00 e 11:00-14:00 se sobrepõem");
        assert_eq!(
            e.help.as_deref(),
            Some(
                "um intervalo precisa terminar antes de o próximo começar, \
                 por exemplo 08:00-11:00, 13:00-17:00"
            )
        );
        assert_eq!(parse_intervals("").unwrap_err().message, "horário vazio");
        assert_eq!(parse_intervals(" , ").unwrap_err().message, "horário vazio");
    }

    #[test]
    fn keys() {
        assert_eq!(parse_days("seg-sex").unwrap(), vec![0, 1, 2, 3, 4]);
        assert_eq!(parse_days("sab-dom").unwrap(), vec![5, 6]);
        assert_eq!(parse_days("sáb").unwrap(), vec![5]);
        assert_eq!(parse_days("SEG, qua ,sex").unwrap(), vec![0, 2, 4]);
        assert_eq!(parse_days("seg-qua,sex").unwrap(), vec![0, 1, 2, 4]);
        assert_eq!(parse_days("seg a sex").unwrap(), vec![0, 1, 2, 3, 4]);
        assert_eq!(parse_days("sex-seg").unwrap(), vec![4, 5, 6, 0]);
        assert_eq!(parse_days("dom-sab").unwrap().len(), 7);
    }

    #[test]
    fn key_errors() {
        assert_eq!(
            hours_err(&[("segunda", "08:00-12:00")]),
            (
                "dia desconhecido: 'segunda'".to_owned(),
                "use seg, ter, qua, qui, sex, sab, dom ou intervalos como seg-sex".to_owned()
            )
        );
        assert_eq!(hours_err(&[("seg-sexta", "08:00-12:00")]).0, "dia desconhecido: 'sexta' (em 'seg-sexta')");
        assert_eq!(hours_err(&[("", "08:00-12:00")]).0, "dia desconhecido: ''");
        assert_eq!(
            hours_err(&[("seg-sex", "08:00-12:00"), ("sex", "13:00-17:00")]),
            ("o dia sexta-feira aparece em duas chaves: 'seg-sex' e 'sex'".to_owned(), DUPLICATE_DAY_HELP.to_owned())
        );
        assert_eq!(
            hours_err(&[("seg-sex,qua", "08:00-12:00")]).0,
            "o dia quarta-feira aparece duas vezes em 'seg-sex,qua'"
        );
    }

    #[test]
    fn value_errors_name_the_key() {
        assert_eq!(
            hours_err(&[("seg-sex", "08:00-11:00, 13:00-25:00")]),
            ("hora inválida: 25:00 (em 'seg-sex')".to_owned(), "as horas vão de 00:00 a 23:59".to_owned())
        );
        assert_eq!(
            hours_err(&[("sab", "13:00-11:00")]).0,
            "o intervalo 13:00-11:00 termina antes de começar (em 'sab')"
        );
        assert_eq!(
            hours_err(&[("seg", "08:00-12:00, 11:00-14:00")]).0,
            "os intervalos 08:00-12:00 e 11:00-14:00 se sobrepõem (em 'seg')"
        );
        assert_eq!(hours_err(&[("seg", "aberto")]).0, "intervalo inválido: 'aberto' (em 'seg')");
    }

    #[test]
    fn sentences_group_days() {
        let h = hours(&[("seg-sex", "08:00-11:00, 13:00-17:00"), ("sab", "8h às 12h")]);
        assert_eq!(
            h.sentences(),
            vec!["Segunda a sexta-feira, das 8h às 11h e das 13h às 17h", "Sábado, das 8h às 12h",]
        );
        let h = hours(&[("seg,qua,sex", "08:30-12:00")]);
        assert_eq!(h.sentences(), vec!["Segunda, quarta e sexta-feira, das 8h30 às 12h"]);
        let h = hours(&[("seg-sex", "08:00-17:00"), ("sab-dom", "fechado")]);
        assert_eq!(h.sentences(), vec!["Segunda a sexta-feira, das 8h às 17h", "Sábado e domingo: fechado"]);
        // Days written separately with the same hours are grouped.
        let h = hours(&[("seg", "8h-12h"), ("ter", "8h-12h"), ("qua", "8h-12h"), ("qui", "13h-17h")]);
        assert_eq!(h.sentences(), vec!["Segunda a quarta-feira, das 8h às 12h", "Quinta-feira, das 13h às 17h"]);
        let h = hours(&[("seg-sab", "7h-19h")]);
        assert_eq!(h.sentences(), vec!["Segunda a sábado, das 7h às 19h"]);
        let h = hours(&[("seg,qua,sab", "7h-19h")]);
        assert_eq!(h.sentences(), vec!["Segunda-feira, quarta-feira e sábado, das 7h às 19h"]);
        let h = hours(&[("seg,ter", "7h-19h"), ("qua", "fechado")]);
        assert_eq!(h.sentences(), vec!["Segunda e terça-feira, das 7h às 19h", "Quarta-feira: fechado"]);
        let h = hours(&[("seg-qua,sex", "9h-10h")]);
        assert_eq!(h.sentences(), vec!["Segunda a quarta e sexta-feira, das 9h às 10h"]);
        let h = hours(&[("seg-qua,sab", "9h-10h")]);
        assert_eq!(h.sentences(), vec!["Segunda a quarta-feira e sábado, das 9h às 10h"]);
        let h = hours(&[("dom", "9h-10h")]);
        assert_eq!(h.sentences(), vec!["Domingo, das 9h às 10h"]);
        let h = hours(&[("seg-dom", "24h")]);
        assert_eq!(h.sentences(), vec!["Todos os dias, 24 horas"]);
        let h = hours(&[("seg-sex", "7h-9h, 10h-12h, 13h-17h")]);
        assert_eq!(h.sentences(), vec!["Segunda a sexta-feira, das 7h às 9h, das 10h às 12h e das 13h às 17h"]);
        // Days not written are left out.
        assert_eq!(hours(&[]).sentences(), Vec::<String>::new());
        assert!(hours(&[]).is_empty());
    }

    #[test]
    fn exceptions() {
        let e = Exception::parse("25/12/2025", "fechado", Some("Natal")).unwrap();
        assert!(e.is_closed());
        assert_eq!(e.sentence(), "25 de dezembro de 2025: fechado (Natal)");
        let e = Exception::parse("24/12/2025", "8h às 12h", Some(" Véspera de Natal ")).unwrap();
        assert_eq!(e.reason(), Some("Véspera de Natal"));
        assert_eq!(e.sentence(), "24 de dezembro de 2025: das 8h às 12h (Véspera de Natal)");
        let e = Exception::parse("2026-01-01", "fechado", Some("")).unwrap();
        assert_eq!(e.sentence(), "1º de janeiro de 2026: fechado");
        assert_eq!(
            Exception::parse("31/02/2025", "fechado", None).unwrap_err().message,
            "data inválida: 31/02/2025 (fevereiro de 2025 tem 28 dias)"
        );
        assert_eq!(
            Exception::parse("24/12/2025", "8h-25h", None).unwrap_err().message,
            "hora inválida: 25h (na exceção de 24/12/2025)"
        );

        let mut h = hours(&[("seg-sex", "08:00-17:00")]);
        h.add_exception(Exception::parse("25/12/2025", "fechado", Some("Natal")).unwrap()).unwrap();
        h.add_exception(Exception::parse("24/12/2025", "8h-12h", None).unwrap()).unwrap();
        let dates: Vec<String> = h.exceptions.iter().map(|e| e.date().br()).collect();
        assert_eq!(dates, vec!["24/12/2025", "25/12/2025"]);
        assert_eq!(
            h.exception_sentences(),
            vec!["24 de dezembro de 2025: das 8h às 12h", "25 de dezembro de 2025: fechado (Natal)"]
        );
        let e = h.add_exception(Exception::parse("2025-12-25", "fechado", None).unwrap()).unwrap_err();
        assert_eq!(e.message, "a data 25/12/2025 aparece em duas exceções");
        let today = Date::parse("25/12/2025").unwrap();
        assert_eq!(h.upcoming_exceptions(today).len(), 1);
        // Pushed to directly, out of order and twice on a date: the first of a date wins.
        let mut h = hours(&[]);
        for (date, reason) in [("25/12/2025", "Natal"), ("24/12/2025", "A"), ("25/12/2025", "B")] {
            h.exceptions.push(Exception::parse(date, "fechado", Some(reason)).unwrap());
        }
        assert_eq!(
            h.exception_sentences(),
            vec!["24 de dezembro de 2025: fechado (A)", "25 de dezembro de 2025: fechado (Natal)"]
        );
        assert_eq!(
            h.data_attr(),
            "{\"w\":[[],[],[],[],[],[],[]],\"x\":[{\"d\":\"2025-12-24\",\"i\":[]},{\"d\":\"2025-12-25\",\"i\":[]}]}"
        );
    }

    #[test]
    fn open_now() {
        let mut h = hours(&[("seg-sex", "08:00-11:00, 13:00-17:00")]);
        h.add_exception(Exception::parse("25/12/2025", "fechado", Some("Natal")).unwrap()).unwrap();
        let at = |s: &str| DateTime::parse(s).unwrap();
        // 24/12/2025 is a Wednesday.
        assert!(h.is_open_at(at("24/12/2025 08:00")));
        assert!(h.is_open_at(at("24/12/2025 10:59")));
        assert!(!h.is_open_at(at("24/12/2025 11:00")));
        assert!(!h.is_open_at(at("24/12/2025 12:00")));
        assert!(!h.is_open_at(at("25/12/2025 09:00")));
        assert!(!h.is_open_at(at("27/12/2025 09:00")));
        let all = hours(&[("seg-dom", "24h")]);
        assert!(all.is_open_at(at("27/12/2025 23:59")));
    }

    #[test]
    fn schema_org() {
        let mut h = hours(&[("seg-sex", "08:00-11:00, 13:00-17:00"), ("dom", "fechado")]);
        h.add_exception(Exception::parse("25/12/2025", "fechado", Some("Natal")).unwrap()).unwrap();
        let weekdays = json!([
            "https://schema.org/Monday",
            "https://schema.org/Tuesday",
            "https://schema.org/Wednesday",
            "https://schema.org/Thursday",
            "https://schema.org/Friday"
        ]);
        assert_eq!(
            h.schema_org(),
            json!([
                {"@type": "OpeningHoursSpecification", "dayOfWeek": weekdays,
                 "opens": "08:00", "closes": "11:00"},
                {"@type": "OpeningHoursSpecification", "dayOfWeek": weekdays,
                 "opens": "13:00", "closes": "17:00"},
                {"@type": "OpeningHoursSpecification",
                 "dayOfWeek": ["https://schema.org/Sunday"],
                 "opens": "00:00", "closes": "00:00"},
                {"@type": "OpeningHoursSpecification", "validFrom": "2025-12-25",
                 "validThrough": "2025-12-25", "description": "Natal",
                 "opens": "00:00", "closes": "00:00"},
            ])
        );
        assert_eq!(
            hours(&[("sab", "24h")]).schema_org(),
            json!([{"@type": "OpeningHoursSpecification",
                    "dayOfWeek": ["https://schema.org/Saturday"],
                    "opens": "00:00", "closes": "23:59"}])
        );
    }

    #[test]
    fn data_attr() {
        let mut h = hours(&[("seg-sex", "08:00-11:00, 13:00-17:00"), ("sab", "fechado")]);
        h.add_exception(Exception::parse("25/12/2025", "fechado", None).unwrap()).unwrap();
        let day = "[[480,660],[780,1020]]";
        assert_eq!(
            h.data_attr(),
            format!("{{\"w\":[{day},{day},{day},{day},{day},[],[]],\"x\":[{{\"d\":\"2025-12-25\",\"i\":[]}}]}}")
        );
        assert_eq!(hours(&[("dom", "24h")]).data_attr(), "{\"w\":[[],[],[],[],[],[],[[0,1440]]],\"x\":[]}");
    }

    fn check_invariants(h: &OpeningHours) -> Result<(), TestCaseError> {
        for day in h.weekly() {
            for i in day {
                prop_assert!(i.open() < i.close());
            }
            for pair in day.windows(2) {
                if let [a, b] = pair {
                    prop_assert!(a.close() <= b.open());
                }
            }
        }
        let _ = h.sentences();
        let _ = h.schema_org();
        let _ = h.data_attr();
        Ok(())
    }

    proptest! {
        #[test]
        fn parsers_never_panic(
            s in any::<String>(),
            list in proptest::collection::vec((any::<String>(), any::<String>()), 0..4),
            reason in proptest::option::of(any::<String>()),
        ) {
            let _ = TimeOfDay::parse(&s);
            let _ = Interval::parse(&s);
            let _ = parse_intervals(&s);
            if let Ok(e) = Exception::parse(&s, &s, reason.as_deref()) {
                let _ = e.sentence();
            }
            if let Ok(h) = OpeningHours::from_entries(&list) {
                check_invariants(&h)?;
            }
        }

        #[test]
        fn likely_hours_keep_invariants(
            list in proptest::collection::vec((
                "(seg|ter|qua|qui|sex|sab|sáb|dom|x)( ?[-,] ?(seg|ter|qua|qui|sex|sab|dom))?",
                "(fechado|24h|[0-9]{1,2}[:h][0-9]{0,2} ?(-|às|a) ?[0-9]{1,2}[:h][0-9]{0,2}\
                  (, ?[0-9]{1,2}[:h][0-9]{2} ?- ?[0-9]{1,2}[:h][0-9]{2})?)",
            ), 0..5),
            date in "[0-9]{1,2}/[0-9]{1,2}/20[0-9]{2}",
            at in 0u32..1440,
        ) {
            if let Ok(mut h) = OpeningHours::from_entries(&list) {
                if let Ok(e) = Exception::parse(&date, "8h-12h", Some("Feriado")) {
                    let d = e.date();
                    prop_assert!(h.add_exception(e).is_ok());
                    let when = DateTime::parse(&format!("{} {:02}:{:02}", d.br(), at / 60, at % 60));
                    prop_assert!(when.is_ok());
                    if let Ok(when) = when {
                        prop_assert_eq!(h.is_open_at(when), (480..720).contains(&at));
                    }
                }
                check_invariants(&h)?;
            }
        }
    }
}
