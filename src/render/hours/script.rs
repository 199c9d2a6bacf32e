//! The data the theme's "aberto agora" script reads: each unit's hours (`data-horario`) and,
//! once per page, the municipality's calendar — its time zone, the zone's name for readers,
//! its current UTC offset (a fallback for browsers without time-zone support; Brazil has had
//! no summer time since 2019) and the holiday rules, so that the answer is the one a person in
//! the municipality would give, whatever the reader's own clock and zone.

use crate::model::datetime::DateTime;
use crate::model::holidays::{HolidayCalendar, HolidayKind, MunicipalDate, NATIONAL_FIXED};
use crate::model::hours::{Interval, OpeningHours};
use chrono::{Offset, TimeZone};
use serde_json::{json, Value};

fn intervals_json(intervals: &[Interval]) -> Value {
    Value::Array(intervals.iter().map(|i| json!([i.open().minutes(), i.close().minutes()])).collect())
}

/// `{"w":[[[480,660],[780,1020]],…],"x":[{"d":"2025-12-25","i":[],"r":"Natal"}],"f":[]}`: `w`
/// the seven days (Monday first) as `[open, close)` minutes since midnight, `x` the
/// exceptions, `f` the hours on holidays when known (absent: unknown).
pub(crate) fn data_attr(hours: &OpeningHours) -> String {
    let weekly: Vec<Value> = hours.weekly().iter().map(|i| intervals_json(i)).collect();
    let exceptions: Vec<Value> = hours
        .exceptions_by_date()
        .into_iter()
        .map(|e| {
            let mut x = json!({"d": e.date.iso_date(), "i": intervals_json(&e.intervals)});
            if let (Some(obj), Some(reason)) = (x.as_object_mut(), &e.reason) {
                obj.insert("r".into(), json!(reason));
            }
            x
        })
        .collect();
    let mut data = json!({"w": weekly, "x": exceptions});
    if let (Some(obj), Some(holidays)) = (data.as_object_mut(), hours.holiday_intervals()) {
        obj.insert("f".into(), intervals_json(holidays));
    }
    data.to_string()
}

/// Minutes east of UTC in `tz` at the local time `at` (−180 in Brasília).
pub(crate) fn utc_offset_minutes(tz: chrono_tz::Tz, at: DateTime) -> i32 {
    let offset = match tz.from_local_datetime(&at.naive()).earliest() {
        Some(local) => local.offset().fix(),
        None => tz.offset_from_utc_datetime(&at.naive()).fix(),
    };
    offset.local_minus_utc() / 60
}

/// "UTC−4", "UTC−3", "UTC−5".
fn utc_label(minutes: i32) -> String {
    let sign = if minutes < 0 { '−' } else { '+' };
    let (h, m) = (minutes.abs() / 60, minutes.abs() % 60);
    if m == 0 {
        format!("UTC{sign}{h}")
    } else {
        format!("UTC{sign}{h}:{m:02}")
    }
}

/// The zones of Brazil that keep Brasília's time.
const BRASILIA_ZONES: [&str; 8] = [
    "America/Sao_Paulo",
    "America/Bahia",
    "America/Fortaleza",
    "America/Recife",
    "America/Maceio",
    "America/Belem",
    "America/Araguaina",
    "America/Santarem",
];

/// How the site names its time for readers: "horário de Brasília", or the municipality's
/// own time with its offset ("horário de Dourados/MS, UTC−4").
pub(crate) fn zone_label(tz: chrono_tz::Tz, at: DateTime, municipality: Option<&str>, uf: Option<&str>) -> String {
    let minutes = utc_offset_minutes(tz, at);
    if minutes == -180 && BRASILIA_ZONES.contains(&tz.name()) {
        return "horário de Brasília".to_owned();
    }
    match (municipality, uf) {
        (Some(m), Some(uf)) => format!("horário de {m}/{uf}, {}", utc_label(minutes)),
        (Some(m), None) => format!("horário de {m}, {}", utc_label(minutes)),
        _ => format!("horário local, {}", utc_label(minutes)),
    }
}

fn kind_code(kind: HolidayKind) -> &'static str {
    match kind {
        HolidayKind::Holiday => "f",
        HolidayKind::Optional => "p",
    }
}

/// The calendar for the script, one JSON per site:
/// `{"z":"America/Sao_Paulo","o":-180,"n":"horário de Brasília",
///   "m":[[8,15,"Padroeira"]],"d":[["2026-06-20","…"]],
///   "a":[[1,1,"Confraternização Universal",0],…],"p":[[-48,"Carnaval","p"],…]}`:
/// `m` the municipality's yearly holidays, `d` its one-off ones, `a` the fixed national ones
/// (with the first year), `p` the days counted from Easter, `f` holiday or `p` ponto
/// facultativo (as this municipality has them).
pub(crate) fn calendar_json(
    calendar: &HolidayCalendar,
    tz: chrono_tz::Tz,
    now: DateTime,
    municipality: Option<&str>,
    uf: Option<&str>,
) -> String {
    let mut yearly = Vec::new();
    let mut once = Vec::new();
    for m in &calendar.municipal {
        let name = m.name.clone().unwrap_or_else(|| "Feriado municipal".to_owned());
        match m.date {
            MunicipalDate::Yearly { month, day } => yearly.push(json!([month, day, name])),
            MunicipalDate::Once(date) => once.push(json!([date.iso_date(), name])),
            MunicipalDate::Movable(_) => {}
        }
    }
    let national: Vec<Value> =
        NATIONAL_FIXED.iter().map(|&(month, day, name, since)| json!([month, day, name, since])).collect();
    let movable = calendar.municipal_movable();
    let easter: Vec<Value> = HolidayCalendar::easter_rules()
        .into_iter()
        .map(|(which, offset, name, kind)| match movable.iter().find(|(m, _)| *m == which) {
            Some((_, local_name)) => json!([offset, local_name.unwrap_or(name), "f"]),
            None => json!([offset, name, kind_code(kind)]),
        })
        .collect();
    json!({
        "z": tz.name(),
        "o": utc_offset_minutes(tz, now),
        "n": zone_label(tz, now, municipality, uf),
        "m": yearly,
        "d": once,
        "a": national,
        "p": easter,
    })
    .to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::model::holidays::MunicipalHoliday;
    use crate::model::hours::Exception;

    fn hours(list: &[(&str, &str)]) -> OpeningHours {
        let entries: Vec<(String, String)> = list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        OpeningHours::from_entries(&entries).unwrap()
    }

    #[test]
    fn unit_data() {
        let mut h = hours(&[("seg-sex", "08:00-11:00, 13:00-17:00"), ("sab", "fechado")]);
        h.add_exception(Exception::parse("25/12/2025", "fechado", None).unwrap()).unwrap();
        let day = "[[480,660],[780,1020]]";
        assert_eq!(
            data_attr(&h),
            format!("{{\"w\":[{day},{day},{day},{day},{day},[],[]],\"x\":[{{\"d\":\"2025-12-25\",\"i\":[]}}]}}")
        );
        assert_eq!(data_attr(&hours(&[("dom", "24h")])), "{\"w\":[[],[],[],[],[],[],[[0,1440]]],\"x\":[]}");
        // Every day 24 hours: holidays too.
        let v: Value = serde_json::from_str(&data_attr(&hours(&[("todos os dias", "24h")]))).unwrap();
        assert_eq!(v["f"], json!([[0, 1440]]));
        let mut h = hours(&[("seg-sex", "8h-12h"), ("feriados", "fechado")]);
        h.add_exception(Exception::parse("24/12/2025", "8h-10h", Some("Véspera")).unwrap()).unwrap();
        let v: Value = serde_json::from_str(&data_attr(&h)).unwrap();
        assert_eq!(v["f"], json!([]));
        assert_eq!(v["x"][0]["r"], "Véspera");
    }

    #[test]
    fn zones_are_named_for_readers() {
        let now = DateTime::parse("22/11/2026 10:00").unwrap();
        assert_eq!(zone_label(chrono_tz::America::Sao_Paulo, now, Some("Perdizes"), Some("MG")), "horário de Brasília");
        assert_eq!(zone_label(chrono_tz::America::Recife, now, None, None), "horário de Brasília");
        assert_eq!(
            zone_label(chrono_tz::America::Campo_Grande, now, Some("Dourados"), Some("MS")),
            "horário de Dourados/MS, UTC−4"
        );
        assert_eq!(zone_label(chrono_tz::America::Rio_Branco, now, Some("Xapuri"), None), "horário de Xapuri, UTC−5");
        assert_eq!(zone_label(chrono_tz::America::Noronha, now, None, None), "horário local, UTC−2");
        assert_eq!(utc_offset_minutes(chrono_tz::America::Manaus, now), -240);
        // São Paulo had summer time in December 2018.
        let summer = DateTime::parse("10/12/2018 10:00").unwrap();
        assert_eq!(utc_offset_minutes(chrono_tz::America::Sao_Paulo, summer), -120);
    }

    #[test]
    fn calendar_for_the_script() {
        let cal = HolidayCalendar::new(vec![
            MunicipalHoliday::parse("15/08", Some("Padroeira")).unwrap(),
            MunicipalHoliday::parse("20/06/2026", None).unwrap(),
            MunicipalHoliday::parse("corpus christi", None).unwrap(),
        ]);
        let now = DateTime::parse("22/11/2026 10:00").unwrap();
        let v: Value =
            serde_json::from_str(&calendar_json(&cal, chrono_tz::America::Cuiaba, now, Some("Jauru"), Some("MT")))
                .unwrap();
        assert_eq!(v["z"], "America/Cuiaba");
        assert_eq!(v["o"], -240);
        assert_eq!(v["n"], "horário de Jauru/MT, UTC−4");
        assert_eq!(v["m"], json!([[8, 15, "Padroeira"]]));
        assert_eq!(v["d"], json!([["2026-06-20", "Feriado municipal"]]));
        assert_eq!(v["a"][7], json!([11, 20, "Dia Nacional de Zumbi e da Consciência Negra", 2024]));
        let easter = v["p"].as_array().unwrap();
        assert!(easter.contains(&json!([60, "Corpus Christi", "f"])), "{easter:?}");
        assert!(easter.contains(&json!([-48, "Carnaval", "p"])));
        assert!(easter.contains(&json!([-2, "Sexta-feira Santa", "f"])));
    }
}
