//! Times of day and opening intervals as editors write them: `08:00`, `8h`, `13h30`, `8hs`,
//! `08:00-12:00`, `8h às 12h`, `das 8 às 12h`, and a day's list of them
//! (`8h às 12h, 13h30 às 17h30`, `fechado`, `24h`).

use crate::diagnostics::Code;
use crate::model::datetime::{hour_minute_br, parse_clock, shown, ClockError, TIME_RANGE_HELP};
use crate::model::field_error::FieldError;
use std::fmt;

/// Minutes in a day: the close of an interval open all day ("24h").
pub(crate) const END_OF_DAY: u16 = 24 * 60;

const TIME_HELP: &str = "escreva a hora como 08:00, 8h ou 8h30";
pub(crate) const INTERVAL_HELP: &str =
    "escreva os intervalos como 08:00-12:00, 13:30-17:30 (ou 8h às 12h, 13h30 às 17h30), ou então fechado ou 24h";
const ORDER_HELP: &str = "escreva primeiro a hora de abrir e depois a de fechar, por exemplo 08:00-11:00";
const OVERNIGHT_HELP: &str = "um intervalo não passa da meia-noite: divida-o em dois, 17:00-24:00 em um dia \
     e 00:00-08:00 no dia seguinte; para um telefone de plantão ou sobreaviso, use `plantao:` (veja docs/conteudo.md)";

/// A time of day, in minutes since midnight (00:00 to 23:59; 24:00 only as the close of an
/// all-day interval, which editors write as `24h`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct TimeOfDay(pub(crate) u16);

impl TimeOfDay {
    /// `08:00`, `8:00`, `8h`, `08h30`.
    pub(crate) fn parse(text: &str) -> Result<TimeOfDay, FieldError> {
        let text = text.trim();
        let message = || format!("hora inválida: {}", shown(text));
        match parse_clock(text) {
            Ok((hour, minute, 0)) => {
                TimeOfDay::from_hm(hour, minute).ok_or_else(|| FieldError::new(Code::InvalidHours, message()))
            }
            Ok(_) => Err(FieldError::new(Code::InvalidHours, message())
                .with_help("o horário de funcionamento usa só horas e minutos, por exemplo 08:00")),
            Err(ClockError::Range) => Err(FieldError::new(Code::InvalidHours, message()).with_help(TIME_RANGE_HELP)),
            Err(ClockError::Format) => Err(FieldError::new(Code::InvalidHours, message()).with_help(TIME_HELP)),
        }
    }

    /// One end of an interval, written more loosely than a time alone: `8` and `12 horas`
    /// are whole hours, `8hs` is `8h`, a final period is punctuation; a close may be `24h`
    /// (midnight at the end of the day).
    fn parse_end(text: &str, close: bool) -> Result<TimeOfDay, FieldError> {
        let trimmed = text.trim().trim_end_matches('.').trim();
        let mut clock = trimmed.to_owned();
        for suffix in [" horas", "horas", " hs", "hs", " hrs", "hrs", " h"] {
            if let Some(stem) = trimmed.strip_suffix(suffix) {
                clock = format!("{}h", stem.trim_end());
                break;
            }
        }
        if !clock.is_empty() && clock.len() <= 2 && clock.bytes().all(|b| b.is_ascii_digit()) {
            clock.push('h');
        }
        if close && matches!(clock.as_str(), "24h" | "24:00" | "24:00h") {
            return Ok(TimeOfDay(END_OF_DAY));
        }
        TimeOfDay::parse(&clock)
            .map_err(|e| FieldError { message: format!("hora inválida: {}", shown(text.trim())), ..e })
    }

    /// `None` unless 0 ≤ hour ≤ 23 and 0 ≤ minute ≤ 59.
    pub(crate) fn from_hm(hour: u32, minute: u32) -> Option<TimeOfDay> {
        if hour < 24 && minute < 60 {
            u16::try_from(hour * 60 + minute).ok().map(TimeOfDay)
        } else {
            None
        }
    }

    pub(crate) fn minutes(self) -> u16 {
        self.0
    }

    /// "08:00" (and "24:00" for the end of the day).
    pub(crate) fn hhmm(self) -> String {
        format!("{:02}:{:02}", self.0 / 60, self.0 % 60)
    }

    /// "8h", "8h30".
    pub(crate) fn br(self) -> String {
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
pub(crate) struct Interval {
    open: TimeOfDay,
    close: TimeOfDay,
}

impl Interval {
    /// Open all day, written `24h` or `24 horas`.
    pub(crate) const ALL_DAY: Interval = Interval { open: TimeOfDay(0), close: TimeOfDay(END_OF_DAY) };

    pub(crate) fn new(open: TimeOfDay, close: TimeOfDay) -> Result<Interval, FieldError> {
        let shown = format!("{open}-{close}");
        if close < open {
            // "17:00-08:00" is a night shift, not a typo of order: say what to do with it.
            let help = if open.0 >= 17 * 60 && close.0 <= 10 * 60 { OVERNIGHT_HELP } else { ORDER_HELP };
            Err(FieldError::new(Code::InvalidHours, format!("o intervalo {shown} termina antes de começar"))
                .with_help(help))
        } else if close == open {
            Err(FieldError::new(Code::InvalidHours, format!("o intervalo {shown} começa e termina na mesma hora"))
                .with_help(ORDER_HELP))
        } else {
            Ok(Interval { open, close })
        }
    }

    /// `08:00-11:00`, `08:00 - 11:00`, `8h às 12h`, `das 8h às 12h`, `8h a 12h`, `8h até 12h`,
    /// `das 8 às 12h`, `8hs às 12hs`.
    pub(crate) fn parse(text: &str) -> Result<Interval, FieldError> {
        let lower = text.trim().to_lowercase();
        let body = ["das ", "de ", "da "].iter().find_map(|p| lower.strip_prefix(p)).unwrap_or(&lower).trim();
        const SEPARATORS: [&str; 8] = [" às ", " as ", " até ", " ate ", " a ", "–", "—", "-"];
        let Some((open, close)) = SEPARATORS.iter().find_map(|sep| body.split_once(sep)) else {
            return Err(FieldError::new(Code::InvalidHours, format!("intervalo inválido: '{}'", shown(text.trim())))
                .with_help(INTERVAL_HELP));
        };
        Interval::new(TimeOfDay::parse_end(open, false)?, TimeOfDay::parse_end(close, true)?)
    }

    pub(crate) fn open(self) -> TimeOfDay {
        self.open
    }

    pub(crate) fn close(self) -> TimeOfDay {
        self.close
    }

    pub(crate) fn is_all_day(self) -> bool {
        self == Interval::ALL_DAY
    }

    /// Whether the minute of the day `minute` (0..1440) falls in it.
    pub(crate) fn contains(self, minute: u16) -> bool {
        self.open.0 <= minute && minute < self.close.0
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
pub(crate) fn parse_intervals(text: &str) -> Result<Vec<Interval>, FieldError> {
    let lower = text.trim().trim_end_matches('.').trim().to_lowercase();
    match lower.as_str() {
        "fechado" | "fechada" | "sem atendimento" | "não abre" | "nao abre" => return Ok(Vec::new()),
        "24h" | "24 h" | "24hs" | "24 horas" | "24horas" | "00:00-24:00" | "0h-24h" => {
            return Ok(vec![Interval::ALL_DAY])
        }
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
        return Err(FieldError::new(Code::InvalidHours, "horário vazio").with_help(INTERVAL_HELP));
    }
    intervals.sort();
    for pair in intervals.windows(2) {
        if let [a, b] = pair {
            if b.open < a.close {
                return Err(FieldError::new(Code::InvalidHours, format!("os intervalos {a} e {b} se sobrepõem"))
                    .with_help(
                        "um intervalo precisa terminar antes de o próximo começar, \
                         por exemplo 08:00-11:00, 13:00-17:00",
                    ));
            }
        }
    }
    Ok(intervals)
}

/// "08:00-12:00, 13:30-17:30", the way the hints show a day's hours.
pub(crate) fn intervals_text(intervals: &[Interval]) -> String {
    if intervals.is_empty() {
        return "fechado".to_owned();
    }
    intervals.iter().map(Interval::to_string).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn t(s: &str) -> TimeOfDay {
        TimeOfDay::parse(s).unwrap()
    }

    #[test]
    fn times_of_day() {
        assert_eq!(t("08:00").minutes(), 480);
        assert_eq!(t("8:00"), t("08:00"));
        assert_eq!(t("8h"), t("08:00"));
        assert_eq!(t("08h30").minutes(), 510);
        assert_eq!(t("13h30").minutes(), 810);
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
        assert_eq!(e.help.as_deref(), Some(TIME_HELP));
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
            "08:00 às 11:00",
            "das 8 às 11h",
            "8hs às 11hs",
            "8 horas às 11 horas",
            "8h às 11h.",
            "08:00h às 11:00h",
        ] {
            assert_eq!(Interval::parse(same).unwrap(), i, "{same}");
        }
        assert_eq!(i.to_string(), "08:00-11:00");
        let e = Interval::parse("13:00-11:00").unwrap_err();
        assert_eq!(e.message, "o intervalo 13:00-11:00 termina antes de começar");
        assert_eq!(e.help.as_deref(), Some(ORDER_HELP));
        let night = Interval::parse("17:00-08:00").unwrap_err();
        assert_eq!(night.help.as_deref(), Some(OVERNIGHT_HELP));
        assert_eq!(
            Interval::parse("8h-8h").unwrap_err().message,
            "o intervalo 08:00-08:00 começa e termina na mesma hora"
        );
        assert_eq!(Interval::parse("0800").unwrap_err().message, "intervalo inválido: '0800'");
        assert_eq!(Interval::parse("08:00-25:00").unwrap_err().message, "hora inválida: 25:00");
        assert_eq!(Interval::parse("8 às 123").unwrap_err().message, "hora inválida: 123");
        // Midnight closes a day; it does not open one.
        assert_eq!(Interval::parse("17:00-24:00").unwrap().close().minutes(), END_OF_DAY);
        assert_eq!(Interval::parse("0h às 24h").unwrap(), Interval::ALL_DAY);
        assert!(Interval::parse("24:00-08:00").is_err());
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
        assert_eq!(parse_intervals("das 8h às 11h e das 13h às 17h.").unwrap(), two);
        assert_eq!(parse_intervals("13:00-17:00; 08:00-11:00").unwrap(), two);
        assert_eq!(parse_intervals("08:00-11:00 / 13:00-17:00,").unwrap(), two);
        assert_eq!(intervals_text(&parse_intervals("8h às 12h, 13h30 às 17h30").unwrap()), "08:00-12:00, 13:30-17:30");
        assert_eq!(intervals_text(&[]), "fechado");
        // Touching intervals do not overlap.
        assert!(parse_intervals("08:00-12:00, 12:00-17:00").is_ok());
        let e = parse_intervals("08:00-12:00, 11:00-14:00").unwrap_err();
        assert_eq!(e.message, "os intervalos 08:00-12:00 e 11:00-14:00 se sobrepõem");
        assert_eq!(parse_intervals("").unwrap_err().message, "horário vazio");
        assert_eq!(parse_intervals(" , ").unwrap_err().message, "horário vazio");
    }
}
