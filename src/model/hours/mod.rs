//! Opening hours as editors write them (`seg-sex: 08:00-11:00, 13:00-17:00`, `sábados e
//! domingos: fechado`, `feriados: fechado`, `observacao: …`, exceptions for dates), validated
//! into one typed value. What a unit's hours are on a given date (exception, holiday, weekday)
//! is decided here; the Portuguese sentences, the schema.org JSON and the data of the "aberto
//! agora" script are written from this value in `render::hours`.

pub(crate) mod days;
pub(crate) mod suggest;
pub(crate) mod time;

use crate::diagnostics::Code;
use crate::model::datetime::{shown, Date, DateTime};
use crate::model::field_error::FieldError;
use crate::model::holidays::{Holiday, HolidayCalendar, HolidayKind};
use chrono::Timelike;
use days::{day_name, Key, DUPLICATE_DAY_HELP};
pub(crate) use time::{parse_intervals, Interval, TimeOfDay};

fn with_context(error: FieldError, context: &str) -> FieldError {
    FieldError { code: error.code, message: format!("{} ({context})", error.message), help: error.help }
}

/// A date with other hours than usual: a holiday (`fechado`), a shorter day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Exception {
    pub date: Date,
    /// Sorted, never overlapping; empty: closed all day.
    pub intervals: Vec<Interval>,
    /// Trimmed, never empty.
    pub reason: Option<String>,
}

impl Exception {
    /// `data: 25/12/2025`, `horario: fechado`, `motivo: Natal`.
    pub(crate) fn parse(date: &str, hours: &str, reason: Option<&str>) -> Result<Exception, FieldError> {
        let date = Date::parse(date)?;
        let intervals = parse_intervals(hours).map_err(|e| with_context(e, &format!("na exceção de {date}")))?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
        Ok(Exception { date, intervals, reason })
    }

    #[cfg_attr(not(test), allow(dead_code))] // the pipeline does not call it; the tests do
    pub(crate) fn date(&self) -> Date {
        self.date
    }

    #[allow(dead_code)] // part of the value type; nothing calls it yet
    pub(crate) fn intervals(&self) -> &[Interval] {
        &self.intervals
    }

    #[cfg_attr(not(test), allow(dead_code))] // the pipeline does not call it; the tests do
    pub(crate) fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    #[cfg_attr(not(test), allow(dead_code))] // the pipeline does not call it; the tests do
    pub(crate) fn is_closed(&self) -> bool {
        self.intervals.is_empty()
    }
}

/// The hours of one date, and why they are what they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DayHours<'a> {
    /// An exception the editor wrote for this date.
    Exception(&'a Exception),
    /// A holiday, with the hours the editor gave for holidays (`feriados:`, or the same hours
    /// every day of the week).
    Holiday(Holiday, &'a [Interval]),
    /// A holiday, and the editor did not say what happens on holidays: unknown.
    UnknownHoliday(Holiday),
    /// The weekday's hours; on a ponto facultativo, with it (the unit may not open).
    Weekly(&'a [Interval], Option<Holiday>),
}

impl DayHours<'_> {
    /// The intervals, when known.
    pub(crate) fn intervals(&self) -> Option<&[Interval]> {
        match self {
            DayHours::Exception(e) => Some(&e.intervals),
            DayHours::Holiday(_, intervals) | DayHours::Weekly(intervals, _) => Some(intervals),
            DayHours::UnknownHoliday(_) => None,
        }
    }
}

/// The weekly hours of a unit, its hours on holidays, its exceptions and a note.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct OpeningHours {
    /// Monday first; each day sorted, never overlapping.
    pub weekly: [Vec<Interval>; 7],
    /// Prefer `add_exception`, which rejects a second exception on the same date and keeps
    /// them sorted; every method also copes with a list pushed to directly (the first
    /// exception of a date wins, output is by date).
    pub exceptions: Vec<Exception>,
    /// Days the editor wrote (a day written `fechado` is said so; a day left out is not).
    stated: [bool; 7],
    /// `feriados:` — the hours on holidays, when the editor wrote them (empty: closed).
    pub holidays: Option<Vec<Interval>>,
    /// `observacao:` — "Atendimento por agendamento", "exceto feriados". Trimmed, never empty.
    pub note: Option<String>,
}

impl OpeningHours {
    /// From the `horario:` map, in the order written: `("seg-sex", "08:00-11:00, 13:00-17:00")`,
    /// `("sab", "fechado")`, `("feriados", "fechado")`, `("observacao", "…")`. Every error
    /// names the key.
    pub(crate) fn from_entries(entries: &[(String, String)]) -> Result<OpeningHours, FieldError> {
        let mut hours = OpeningHours::default();
        let mut keys: [Option<&str>; 7] = [None; 7];
        let in_key = |key: &str| format!("em '{}'", shown(key.trim()));
        for (key, value) in entries {
            let days = match days::parse_key(key)? {
                Key::Note => {
                    let note = value.trim();
                    if note.is_empty() {
                        return Err(FieldError::new(Code::InvalidHours, "observação vazia")
                            .with_help("escreva o texto da observação, ou apague a linha"));
                    }
                    if hours.note.is_some() {
                        return Err(FieldError::new(Code::InvalidHours, "duas observações no mesmo horário")
                            .with_help("junte as duas em uma só linha `observacao:`"));
                    }
                    hours.note = Some(note.to_owned());
                    continue;
                }
                Key::Holidays => {
                    if hours.holidays.is_some() {
                        return Err(FieldError::new(Code::InvalidHours, "os feriados aparecem em duas chaves")
                            .with_help("escreva uma só linha `feriados:`"));
                    }
                    hours.holidays = Some(parse_intervals(value).map_err(|e| with_context(e, &in_key(key)))?);
                    continue;
                }
                Key::Days(days) => days,
            };
            let intervals = parse_intervals(value).map_err(|e| with_context(e, &in_key(key)))?;
            for day in days {
                let (Some(slot), Some(weekly), Some(stated)) =
                    (keys.get_mut(day), hours.weekly.get_mut(day), hours.stated.get_mut(day))
                else {
                    continue;
                };
                if let Some(previous) = slot {
                    return Err(FieldError::new(
                        Code::InvalidHours,
                        format!(
                            "o dia {} aparece em duas chaves: '{}' e '{}'",
                            day_name(day),
                            shown(previous.trim()),
                            shown(key.trim())
                        ),
                    )
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
    ///
    /// The list is kept sorted, so the check is a binary search, and an exception later than
    /// every other (the usual order, and the order the loader adds them in) is appended: adding
    /// thousands stays linear.
    pub(crate) fn add_exception(&mut self, exception: Exception) -> Result<(), FieldError> {
        let at = self.exceptions.partition_point(|e| e.date < exception.date);
        if self.exceptions.get(at).is_some_and(|e| e.date == exception.date) {
            return Err(FieldError::new(
                Code::InvalidHours,
                format!("a data {} aparece em duas exceções", exception.date),
            )
            .with_help("junte as duas em uma só exceção, com todos os intervalos do dia"));
        }
        self.exceptions.insert(at, exception);
        Ok(())
    }

    /// Monday first.
    pub(crate) fn weekly(&self) -> &[Vec<Interval>; 7] {
        &self.weekly
    }

    /// Whether the editor wrote this day (Monday = 0), even as `fechado`.
    #[cfg_attr(not(test), allow(dead_code))] // the pipeline does not call it; the tests do
    pub(crate) fn is_stated(&self, weekday: usize) -> bool {
        self.stated.get(weekday).copied().unwrap_or(false)
    }

    /// The exceptions by date, the first one of each date.
    pub(crate) fn exceptions_by_date(&self) -> Vec<&Exception> {
        // A set of the dates seen, not a scan of the list: thousands of exceptions stay linear.
        let mut seen = std::collections::HashSet::with_capacity(self.exceptions.len());
        let mut list: Vec<&Exception> = self.exceptions.iter().filter(|e| seen.insert(e.date)).collect();
        list.sort_by_key(|e| e.date);
        list
    }

    /// Exceptions on or after `today`, by date.
    pub(crate) fn upcoming_exceptions(&self, today: Date) -> Vec<&Exception> {
        let mut list = self.exceptions_by_date();
        list.retain(|e| e.date >= today);
        list
    }

    /// No day written, no holiday hours, no exception and no note.
    pub(crate) fn is_empty(&self) -> bool {
        !self.stated.iter().any(|&s| s) && self.exceptions.is_empty() && self.holidays.is_none() && self.note.is_none()
    }

    /// The hours on holidays: those the editor wrote under `feriados:`, else the same hours
    /// as every day of the week when all seven days have them ("todos os dias, 24 horas"
    /// includes holidays), else unknown.
    pub(crate) fn holiday_intervals(&self) -> Option<&[Interval]> {
        if let Some(h) = &self.holidays {
            return Some(h);
        }
        let first = self.weekly.first()?;
        let every_day = self.stated.iter().all(|&s| s) && self.weekly.iter().all(|d| d == first);
        every_day.then_some(first.as_slice())
    }

    /// The hours of a date: its exception, else its holiday, else its weekday's.
    pub(crate) fn on(&self, date: Date, calendar: &HolidayCalendar) -> DayHours<'_> {
        if let Some(exception) = self.exceptions.iter().find(|e| e.date == date) {
            return DayHours::Exception(exception);
        }
        let weekly = self.weekly.get(date.weekday_index()).map(Vec::as_slice).unwrap_or(&[]);
        match calendar.on(date) {
            Some(holiday) if holiday.kind == HolidayKind::Holiday => match self.holiday_intervals() {
                Some(intervals) => DayHours::Holiday(holiday, intervals),
                None => DayHours::UnknownHoliday(holiday),
            },
            optional => DayHours::Weekly(weekly, optional),
        }
    }

    /// What the "aberto agora" script computes for a local date and time: `Some(true)` open,
    /// `Some(false)` closed, `None` unknown (a holiday the editor said nothing about).
    pub(crate) fn is_open_at(&self, at: DateTime, calendar: &HolidayCalendar) -> Option<bool> {
        let time = at.naive().time();
        let minute = u16::try_from(time.hour() * 60 + time.minute()).unwrap_or(0);
        self.on(at.date(), calendar).intervals().map(|list| list.iter().any(|i| i.contains(minute)))
    }

    /// Days with the same intervals, in week order of their first day.
    pub(crate) fn groups(&self) -> Vec<(Vec<usize>, &[Interval])> {
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
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::model::holidays::MunicipalHoliday;
    use proptest::prelude::*;

    fn entries(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    pub(crate) fn hours(list: &[(&str, &str)]) -> OpeningHours {
        OpeningHours::from_entries(&entries(list)).unwrap()
    }

    fn hours_err(list: &[(&str, &str)]) -> (String, String) {
        let e = OpeningHours::from_entries(&entries(list)).unwrap_err();
        (e.message, e.help.unwrap_or_default())
    }

    #[test]
    fn every_day_keys_fill_the_week() {
        // "de segunda a segunda" used to publish Monday only.
        for key in ["seg-seg", "seg a seg", "seg à seg", "segunda à segunda", "de segunda a segunda", "todos os dias"]
        {
            let h = hours(&[(key, "24h")]);
            assert!((0..7).all(|d| h.is_stated(d) && h.weekly[d] == vec![Interval::ALL_DAY]), "{key}");
        }
    }

    #[test]
    fn key_errors() {
        assert_eq!(hours_err(&[("segundo", "08:00-12:00")]).0, "dia desconhecido: 'segundo'");
        assert_eq!(
            hours_err(&[("seg-sex", "08:00-12:00"), ("sex", "13:00-17:00")]),
            ("o dia sexta-feira aparece em duas chaves: 'seg-sex' e 'sex'".to_owned(), DUPLICATE_DAY_HELP.to_owned())
        );
        assert_eq!(
            hours_err(&[("segunda a sexta", "8h-12h"), ("fins de semana", "fechado"), ("domingo", "9h-10h")]).0,
            "o dia domingo aparece em duas chaves: 'fins de semana' e 'domingo'"
        );
        assert_eq!(hours_err(&[("feriados", "fechado"), ("Feriados", "24h")]).0, "os feriados aparecem em duas chaves");
        assert_eq!(hours_err(&[("observacao", "  ")]).0, "observação vazia");
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
        assert_eq!(hours_err(&[("seg", "aberto")]).0, "intervalo inválido: 'aberto' (em 'seg')");
        assert_eq!(hours_err(&[("feriados", "às vezes")]).0, "intervalo inválido: 'às vezes' (em 'feriados')");
    }

    #[test]
    fn holidays_and_note() {
        let h =
            hours(&[("segunda a sexta", "8h às 12h"), ("feriados", "fechado"), ("observação", " Por agendamento ")]);
        assert_eq!(h.holidays, Some(vec![]));
        assert_eq!(h.note.as_deref(), Some("Por agendamento"));
        assert!(!h.is_empty());
        assert!(hours(&[]).is_empty());
        // Every day the same hours: holidays too.
        assert_eq!(hours(&[("todos os dias", "24h")]).holiday_intervals(), Some(&[Interval::ALL_DAY][..]));
        assert_eq!(hours(&[("seg-sex", "8h-12h")]).holiday_intervals(), None);
    }

    #[test]
    fn exceptions() {
        let e = Exception::parse("25/12/2025", "fechado", Some("Natal")).unwrap();
        assert!(e.is_closed());
        let e = Exception::parse("24/12/2025", "8h às 12h", Some(" Véspera de Natal ")).unwrap();
        assert_eq!(e.reason(), Some("Véspera de Natal"));
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
        let e = h.add_exception(Exception::parse("2025-12-25", "fechado", None).unwrap()).unwrap_err();
        assert_eq!(e.message, "a data 25/12/2025 aparece em duas exceções");
        assert_eq!(h.upcoming_exceptions(Date::parse("25/12/2025").unwrap()).len(), 1);
    }

    #[test]
    fn open_now_knows_holidays() {
        let national = HolidayCalendar::default();
        let at = |s: &str| DateTime::parse(s).unwrap();
        let mut h = hours(&[("seg-sex", "08:00-11:00, 13:00-17:00")]);
        h.add_exception(Exception::parse("24/12/2025", "8h-10h", Some("Véspera")).unwrap()).unwrap();
        // 23/12/2025 is a Tuesday.
        assert_eq!(h.is_open_at(at("23/12/2025 08:00"), &national), Some(true));
        assert_eq!(h.is_open_at(at("23/12/2025 10:59"), &national), Some(true));
        assert_eq!(h.is_open_at(at("23/12/2025 11:00"), &national), Some(false));
        assert_eq!(h.is_open_at(at("24/12/2025 10:30"), &national), Some(false));
        assert_eq!(h.is_open_at(at("27/12/2025 09:00"), &national), Some(false));
        // Christmas (a Thursday): the editor said nothing about holidays.
        assert_eq!(h.is_open_at(at("25/12/2025 09:00"), &national), None);
        assert!(
            matches!(h.on(Date::parse("25/12/2025").unwrap(), &national), DayHours::UnknownHoliday(ref x) if x.name == "Natal")
        );
        // Carnaval Monday is a ponto facultativo: the weekday's hours, with a caution.
        let carnaval = h.on(Date::parse("16/02/2026").unwrap(), &national);
        assert!(
            matches!(carnaval, DayHours::Weekly(i, Some(ref x)) if i.len() == 2 && x.kind == HolidayKind::Optional)
        );
        // With `feriados: fechado`, closed; a municipal holiday counts too.
        let mut closed = hours(&[("seg-sex", "08:00-17:00"), ("feriados", "fechado")]);
        assert_eq!(closed.is_open_at(at("25/12/2025 09:00"), &national), Some(false));
        let local = HolidayCalendar::new(vec![MunicipalHoliday::parse("15/08", Some("Padroeira")).unwrap()]);
        assert_eq!(closed.is_open_at(at("15/08/2025 09:00"), &national), Some(true));
        assert_eq!(closed.is_open_at(at("15/08/2025 09:00"), &local), Some(false));
        // An exception wins over the holiday.
        closed.add_exception(Exception::parse("15/08/2025", "8h-12h", Some("Mutirão")).unwrap()).unwrap();
        assert_eq!(closed.is_open_at(at("15/08/2025 09:00"), &local), Some(true));
        let all = hours(&[("seg-dom", "24h")]);
        assert_eq!(all.is_open_at(at("25/12/2025 23:59"), &national), Some(true));
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
        let _ = crate::render::hours::sentences(h);
        let _ = crate::render::hours::schema_org(h, &HolidayCalendar::default(), None);
        let _ = crate::render::hours::data_attr(h);
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
            let _ = days::parse_key(&s);
            let _ = Exception::parse(&s, &s, reason.as_deref());
            if let Ok(h) = OpeningHours::from_entries(&list) {
                check_invariants(&h)?;
            }
        }

        #[test]
        fn likely_hours_keep_invariants(
            list in proptest::collection::vec((
                "(seg|ter|qua|qui|sex|sab|sáb|dom|segunda|sábados|2ª|x)( ?([-,]| a | à | e ) ?(seg|ter|qua|qui|sex|sab|dom|sexta|6ª))?",
                "(fechado|24h|[0-9]{1,2}[:h]?[0-9]{0,2} ?(-|às|a) ?[0-9]{1,2}[:h]?[0-9]{0,2}\
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
                        prop_assert_eq!(h.is_open_at(when, &HolidayCalendar::default()), Some((480..720).contains(&at)));
                    }
                }
                check_invariants(&h)?;
            }
        }
    }
}
