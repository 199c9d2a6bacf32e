//! Holidays: the national calendar (fixed dates and the ones that follow Easter) and the
//! municipality's own, listed in `site.yaml`. Used to say whether a unit is open today and to
//! publish its hours on holidays.
//!
//! Decisions, documented for editors in docs/conteudo.md:
//! - National holidays (Lei 662/1949, Lei 6.802/1980, Lei 14.759/2023 and the federal
//!   calendar): 1º/1, Sexta-feira Santa, 21/4, 1º/5, 7/9, 12/10, 2/11, 15/11, 20/11 (from
//!   2024) and 25/12.
//! - Carnaval (Monday and Tuesday), Quarta-feira de Cinzas and Corpus Christi are *pontos
//!   facultativos* in the federal calendar, not holidays: each municipality decides. They are
//!   known as such (the "aberto agora" line says to confirm), and become holidays when
//!   `site.yaml` lists them (`- data: carnaval`).

use crate::diagnostics::Code;
use crate::model::datetime::{shown, Date};
use crate::model::field_error::FieldError;
use chrono::{Datelike, Duration, NaiveDate};

/// A holiday or a *ponto facultativo*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HolidayKind {
    /// Ponto facultativo: public offices may or may not open.
    Optional,
    /// Feriado.
    Holiday,
}

/// One day off on one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: Date,
    pub name: String,
    pub kind: HolidayKind,
}

/// The holidays that follow Easter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Movable {
    /// Monday and Tuesday.
    Carnaval,
    AshWednesday,
    GoodFriday,
    CorpusChristi,
}

impl Movable {
    /// (days from Easter Sunday, name) of each day.
    fn days(self) -> &'static [(i64, &'static str)] {
        match self {
            Movable::Carnaval => &[(-48, "Carnaval"), (-47, "Carnaval")],
            Movable::AshWednesday => &[(-46, "Quarta-feira de Cinzas")],
            Movable::GoodFriday => &[(-2, "Sexta-feira Santa")],
            Movable::CorpusChristi => &[(60, "Corpus Christi")],
        }
    }

    fn national_kind(self) -> HolidayKind {
        match self {
            Movable::GoodFriday => HolidayKind::Holiday,
            _ => HolidayKind::Optional,
        }
    }

    const ALL: [Movable; 4] = [Movable::Carnaval, Movable::AshWednesday, Movable::GoodFriday, Movable::CorpusChristi];
}

/// The fixed national holidays: (month, day, name, first year).
pub(crate) const NATIONAL_FIXED: [(u32, u32, &str, i32); 9] = [
    (1, 1, "Confraternização Universal", 0),
    (4, 21, "Tiradentes", 0),
    (5, 1, "Dia do Trabalho", 0),
    (9, 7, "Independência do Brasil", 0),
    (10, 12, "Nossa Senhora Aparecida", 0),
    (11, 2, "Finados", 0),
    (11, 15, "Proclamação da República", 0),
    (11, 20, "Dia Nacional de Zumbi e da Consciência Negra", 2024),
    (12, 25, "Natal", 0),
];

/// Easter Sunday of a Gregorian year (the anonymous algorithm, Meeus/Jones/Butcher); `None`
/// before the Gregorian calendar (1583).
pub(crate) fn easter(year: i32) -> Option<NaiveDate> {
    if year < 1583 {
        return None;
    }
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// When a municipal holiday falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MunicipalDate {
    /// Every year (`15/08`).
    Yearly { month: u32, day: u32 },
    /// One date (`20/06/2025`).
    Once(Date),
    /// A day that follows Easter, made a holiday in this municipality (`corpus christi`).
    Movable(Movable),
}

/// A holiday of the municipality, from `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MunicipalHoliday {
    pub date: MunicipalDate,
    /// Trimmed, never empty.
    pub name: Option<String>,
}

const HOLIDAY_HELP: &str = "escreva a data como DD/MM (todo ano, por exemplo 15/08), DD/MM/AAAA (só naquele \
     ano) ou o nome de um feriado móvel: carnaval, quarta-feira de cinzas, corpus christi";

impl MunicipalHoliday {
    /// `15/08`, `20/06/2025`, `carnaval`, `Corpus Christi`.
    pub fn parse(date: &str, name: Option<&str>) -> Result<MunicipalHoliday, FieldError> {
        let name = name.map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
        let text = date.trim();
        let folded = crate::model::slug::slugify(text);
        let movable = match folded.as_str() {
            "carnaval" => Some(Movable::Carnaval),
            "quarta-feira-de-cinzas" | "cinzas" => Some(Movable::AshWednesday),
            "sexta-feira-santa" | "paixao-de-cristo" => Some(Movable::GoodFriday),
            "corpus-christi" => Some(Movable::CorpusChristi),
            _ => None,
        };
        if let Some(movable) = movable {
            return Ok(MunicipalHoliday { date: MunicipalDate::Movable(movable), name });
        }
        let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
        let date = match parts.as_slice() {
            [day, month] => {
                let number = |s: &str| {
                    (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| s.parse::<u32>().ok())
                        .flatten()
                };
                let (Some(day), Some(month)) = (number(day), number(month)) else {
                    return Err(invalid(text));
                };
                // A yearly date must exist every year: 29/02 does not.
                if NaiveDate::from_ymd_opt(2001, month, day).is_none() {
                    return Err(FieldError::new(
                        Code::InvalidHoliday,
                        format!("data de feriado inválida: {}", shown(text)),
                    )
                    .with_help(if month == 2 && day == 29 {
                        "29/02 não existe todo ano: escreva o ano, por exemplo 29/02/2028".to_owned()
                    } else {
                        HOLIDAY_HELP.to_owned()
                    }));
                }
                MunicipalDate::Yearly { month, day }
            }
            [_, _, _] => MunicipalDate::Once(Date::parse(text).map_err(|e| FieldError {
                code: Code::InvalidHoliday,
                message: format!("data de feriado inválida: {}", shown(text)),
                help: e.help.or_else(|| Some(HOLIDAY_HELP.to_owned())),
            })?),
            _ => return Err(invalid(text)),
        };
        Ok(MunicipalHoliday { date, name })
    }

    /// "Aniversário do município", or the day's own name for a movable one.
    fn name_on(&self, default: &str) -> String {
        self.name.clone().unwrap_or_else(|| default.to_owned())
    }
}

fn invalid(text: &str) -> FieldError {
    FieldError::new(Code::InvalidHoliday, format!("data de feriado inválida: {}", shown(text))).with_help(HOLIDAY_HELP)
}

/// The national calendar plus the municipality's holidays.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct HolidayCalendar {
    pub municipal: Vec<MunicipalHoliday>,
}

impl HolidayCalendar {
    pub fn new(municipal: Vec<MunicipalHoliday>) -> Self {
        HolidayCalendar { municipal }
    }

    /// The holiday or ponto facultativo on `date`, if any; a holiday wins over a ponto
    /// facultativo, the municipality's name over the nation's.
    pub fn on(&self, date: Date) -> Option<Holiday> {
        let naive = date.naive();
        let holiday = |name: String, kind| Some(Holiday { date, name, kind });
        for m in &self.municipal {
            let hit = match m.date {
                MunicipalDate::Yearly { month, day } => naive.month() == month && naive.day() == day,
                MunicipalDate::Once(d) => d == date,
                MunicipalDate::Movable(_) => false,
            };
            if hit {
                return holiday(m.name_on("Feriado municipal"), HolidayKind::Holiday);
            }
        }
        let mut found: Option<Holiday> = None;
        for &(month, day, name, since) in &NATIONAL_FIXED {
            if naive.month() == month && naive.day() == day && naive.year() >= since {
                found = Some(Holiday { date, name: name.to_owned(), kind: HolidayKind::Holiday });
            }
        }
        if found.is_some() {
            return found;
        }
        let easter = easter(naive.year())?;
        for movable in Movable::ALL {
            for &(offset, name) in movable.days() {
                if easter + Duration::days(offset) != naive {
                    continue;
                }
                let municipal = self.municipal.iter().find(|m| m.date == MunicipalDate::Movable(movable));
                return match municipal {
                    Some(m) => holiday(m.name_on(name), HolidayKind::Holiday),
                    None => holiday(name.to_owned(), movable.national_kind()),
                };
            }
        }
        None
    }

    /// Every holiday and ponto facultativo from `from` to `to`, both included, by date.
    pub fn between(&self, from: Date, to: Date) -> Vec<Holiday> {
        let mut out = Vec::new();
        let mut day = from.naive();
        while day <= to.naive() {
            if let Some(h) = self.on(Date::from_naive(day)) {
                out.push(h);
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        out
    }

    /// The movable days this municipality made holidays, with their names.
    pub fn municipal_movable(&self) -> Vec<(Movable, Option<&str>)> {
        self.municipal
            .iter()
            .filter_map(|m| match m.date {
                MunicipalDate::Movable(movable) => Some((movable, m.name.as_deref())),
                _ => None,
            })
            .collect()
    }

    /// The Easter-based days of the national calendar: (days from Easter, name, kind).
    pub fn easter_rules() -> Vec<(Movable, i64, &'static str, HolidayKind)> {
        Movable::ALL
            .iter()
            .flat_map(|&m| m.days().iter().map(move |&(offset, name)| (m, offset, name, m.national_kind())))
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn easter_sundays() {
        for (year, expected) in [
            (2019, "21/04/2019"),
            (2024, "31/03/2024"),
            (2025, "20/04/2025"),
            (2026, "05/04/2026"),
            (2027, "28/03/2027"),
            (2038, "25/04/2038"),
        ] {
            assert_eq!(easter(year).map(Date::from_naive), Some(d(expected)), "{year}");
        }
    }

    #[test]
    fn national_calendar() {
        let cal = HolidayCalendar::default();
        let on = |s: &str| cal.on(d(s)).map(|h| (h.name, h.kind));
        assert_eq!(on("25/12/2025"), Some(("Natal".into(), HolidayKind::Holiday)));
        assert_eq!(on("21/04/2026"), Some(("Tiradentes".into(), HolidayKind::Holiday)));
        assert_eq!(on("03/04/2026"), Some(("Sexta-feira Santa".into(), HolidayKind::Holiday)));
        assert_eq!(on("16/02/2026"), Some(("Carnaval".into(), HolidayKind::Optional)));
        assert_eq!(on("17/02/2026"), Some(("Carnaval".into(), HolidayKind::Optional)));
        assert_eq!(on("18/02/2026"), Some(("Quarta-feira de Cinzas".into(), HolidayKind::Optional)));
        assert_eq!(on("04/06/2026"), Some(("Corpus Christi".into(), HolidayKind::Optional)));
        assert_eq!(on("20/11/2024").map(|h| h.1), Some(HolidayKind::Holiday));
        // Before Lei 14.759/2023, 20 November was not a national holiday.
        assert_eq!(on("20/11/2023"), None);
        assert_eq!(on("10/11/2026"), None);
        assert_eq!(cal.between(d("01/12/2026"), d("31/12/2026")).len(), 1);
        assert_eq!(cal.between(d("01/01/2026"), d("31/12/2026")).len(), 14);
    }

    #[test]
    fn municipal_holidays() {
        let cal = HolidayCalendar::new(vec![
            MunicipalHoliday::parse("15/08", Some("Nossa Senhora da Glória, padroeira")).unwrap(),
            MunicipalHoliday::parse("20/06/2026", Some("  ")).unwrap(),
            MunicipalHoliday::parse("Corpus Christi", None).unwrap(),
            MunicipalHoliday::parse("carnaval", Some("Carnaval (feriado municipal)")).unwrap(),
        ]);
        let on = |s: &str| cal.on(d(s)).map(|h| (h.name, h.kind));
        assert_eq!(on("15/08/2030"), Some(("Nossa Senhora da Glória, padroeira".into(), HolidayKind::Holiday)));
        assert_eq!(on("20/06/2026"), Some(("Feriado municipal".into(), HolidayKind::Holiday)));
        assert_eq!(on("20/06/2027"), None);
        assert_eq!(on("04/06/2026"), Some(("Corpus Christi".into(), HolidayKind::Holiday)));
        assert_eq!(on("16/02/2026"), Some(("Carnaval (feriado municipal)".into(), HolidayKind::Holiday)));
        // Cinzas stays a ponto facultativo.
        assert_eq!(on("18/02/2026").map(|h| h.1), Some(HolidayKind::Optional));
        assert_eq!(cal.municipal_movable().len(), 2);
    }

    #[test]
    fn municipal_dates_are_validated() {
        let err = |s: &str| MunicipalHoliday::parse(s, None).unwrap_err();
        assert_eq!(err("31/02").message, "data de feriado inválida: 31/02");
        assert_eq!(err("31/02").help.as_deref(), Some(HOLIDAY_HELP));
        assert!(err("29/02").help.unwrap_or_default().contains("29/02/2028"));
        assert_eq!(err("31/02/2026").message, "data de feriado inválida: 31/02/2026");
        assert_eq!(err("padroeira").message, "data de feriado inválida: padroeira");
        assert_eq!(err("15/8/26").message, "data de feriado inválida: 15/8/26");
        assert!(MunicipalHoliday::parse("29/02/2028", None).is_ok());
        assert!(MunicipalHoliday::parse("1/5", None).is_ok());
    }

    proptest! {
        #[test]
        fn never_panics(s in any::<String>(), year in -5000i32..5000, gregorian in 1583i32..5000) {
            let _ = MunicipalHoliday::parse(&s, Some(&s));
            prop_assert!(easter(year.min(1582)).is_none());
            if let Some(e) = easter(gregorian) {
                prop_assert_eq!(e.weekday(), chrono::Weekday::Sun);
            }
        }
    }
}
