//! Notices and the council (issue 9, points 22–25) on the `serra-azul` fixture: dates as
//! written, the organiser named, a year of meetings from one file; HTML, JSON-LD and
//! iCalendar each read back with a parser.

use crate::support::*;

const SERIES: &str = "avisos/reunioes-ordinarias-do-cmas-2026/";

fn ics(site: &TestSite, page: &str) -> Vec<ical::parser::ical::component::IcalEvent> {
    let text = std::fs::read_to_string(site.output().join(page).join("evento.ics")).unwrap();
    let mut calendars = ical::IcalParser::new(text.as_bytes());
    let calendar = calendars.next().expect("one calendar").expect("a valid calendar");
    assert!(calendars.next().is_none());
    calendar.events
}

fn prop(event: &ical::parser::ical::component::IcalEvent, name: &str) -> Option<String> {
    event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone())
}

/// Point 22: a date without a time stays a date; an unknown place is left out; times carry
/// the municipality's offset.
#[test]
fn a_date_alone_stays_a_date_and_unknowns_are_left_out() {
    let site = TestSite::built("serra-azul");
    let html = site.page("avisos/audiencia-publica-plano-municipal/");
    let ld = &json_ld(&html)[0];
    assert_eq!(ld["@type"], "Event");
    assert_eq!(ld["startDate"], "2026-12-11");
    assert!(ld.get("location").is_none(), "{ld}");
    assert!(ld.get("endDate").is_none());
    assert_eq!(attrs(&html, "main .dados-aviso time", "datetime"), vec!["2026-12-11"]);
    let events = ics(&site, "avisos/audiencia-publica-plano-municipal/");
    let start = events[0].properties.iter().find(|p| p.name == "DTSTART").unwrap();
    assert_eq!(start.value.as_deref(), Some("20261211"));
    assert!(format!("{:?}", start.params).contains("DATE"), "VALUE=DATE: {:?}", start.params);
    let timed = site.page("avisos/capacitacao-cadastro-unico/");
    let ld = &json_ld(&timed)[0];
    assert_eq!(ld["startDate"], "2026-12-03T09:00:00-03:00");
    assert_eq!(ld["endDate"], "2026-12-03T12:00:00-03:00");
    assert_eq!(ld["location"], serde_json::json!({"@type": "Place", "name": "Auditório da Prefeitura"}));
    assert_eq!(attrs(&timed, "main .dados-aviso time", "datetime"), vec!["2026-12-03T09:00:00-03:00"]);
}

/// Point 22: nothing in any JSON-LD of any page of any fixture is `null`.
#[test]
fn no_json_ld_anywhere_has_a_null() {
    for (name, path) in valid_sites() {
        let site = TestSite::copy(&path);
        site.build().map_err(render).unwrap();
        let all = all_json_ld(&site);
        assert!(!all.is_empty(), "{name}: no JSON-LD at all");
        for (file, value) in all {
            assert_eq!(nulls(&value), Vec::<String>::new(), "{name} {file}: {value}");
        }
    }
}

/// Point 23: the council's meetings are organised by the council.
#[test]
fn a_notice_names_its_organiser() {
    let site = TestSite::built("serra-azul");
    let html = site.page(SERIES);
    let organiser: Vec<(String, String)> = html
        .select(&sel("main .dados-aviso dd a"))
        .map(|a| (a.text().collect(), a.value().attr("href").unwrap_or("").to_string()))
        .collect();
    assert_eq!(
        organiser,
        vec![("Conselho Municipal de Assistência Social (CMAS)".to_string(), "../../unidades/cmas/".to_string())]
    );
    let graph = &json_ld(&html)[0]["@graph"];
    assert_eq!(graph[0]["organizer"]["name"], "Conselho Municipal de Assistência Social (CMAS)");
    assert_eq!(graph[0]["organizer"]["url"], "https://social.serraazul.sc.gov.br/unidades/cmas/");
    let organizer = ics(&site, SERIES)[0].properties.iter().find(|p| p.name == "ORGANIZER").cloned().unwrap();
    assert_eq!(organizer.value.as_deref(), Some("mailto:cmas.serraazul@gmail.com"));
    assert!(format!("{:?}", organizer.params).contains("Conselho Municipal de Assistência Social (CMAS)"));
    // Without `organizador`, the secretariat.
    let other = json_ld(&site.page("avisos/capacitacao-cadastro-unico/"));
    assert_eq!(other[0]["organizer"]["name"], "Secretaria Municipal de Assistência Social");
}

/// Point 24: a year of meetings in one file: one page listing every date (each with its own
/// link), one Event per date, one calendar file with every date.
#[test]
fn a_year_of_meetings_from_one_file() {
    let site = TestSite::built("serra-azul");
    let html = site.page(SERIES);
    let ids = attrs(&html, "main ol.datas-aviso > li", "id");
    assert_eq!(ids.len(), 12);
    assert_eq!((ids[0].as_str(), ids[11].as_str()), ("2026-01-14", "2026-12-09"));
    let items = texts(&html, "main ol.datas-aviso > li");
    assert_eq!(items[0], "quarta-feira, 14 de janeiro de 2026, das 14h às 16h30 (já passou)");
    assert_eq!(items[11], "quarta-feira, 9 de dezembro de 2026, das 14h às 16h30");
    assert_eq!(
        texts(&html, "main .dados-aviso dt"),
        vec!["Tipo", "Próxima data", "Local", "Organização"],
        "today is 22/11/2026"
    );
    assert_eq!(texts(&html, "main .dados-aviso dd time"), vec!["9 de dezembro de 2026, das 14h às 16h30"]);
    let graph = json_ld(&html)[0]["@graph"].as_array().cloned().unwrap_or_default();
    assert_eq!(graph.len(), 12);
    let urls: Vec<&str> = graph.iter().filter_map(|e| e["url"].as_str()).collect();
    assert_eq!(urls[3], "https://social.serraazul.sc.gov.br/avisos/reunioes-ordinarias-do-cmas-2026/#2026-04-08");
    assert!(graph
        .iter()
        .all(|e| e["@type"] == "Event" && e["location"]["name"] == "Sala dos Conselhos, na sede da Secretaria"));
    assert_eq!(graph[3]["startDate"], "2026-04-08T14:00:00-03:00");
    assert_eq!(graph[3]["endDate"], "2026-04-08T16:30:00-03:00");
    // The listing shows the series once, as upcoming, with its next date.
    let list = site.page("avisos/");
    let upcoming = texts(&list, "main h2:first-of-type + ul.lista-avisos > li");
    assert!(
        upcoming
            .iter()
            .any(|t| t.contains("Reuniões ordinárias do CMAS em 2026")
                && t.contains("próxima data: 9 de dezembro de 2026")),
        "{upcoming:?}"
    );
    assert_eq!(texts(&list, "main li").iter().filter(|t| t.contains("Reuniões ordinárias")).count(), 1);
}

/// Points 24 and 25: the calendar file holds every date in UTC, each with its own UID.
#[test]
fn the_series_calendar_is_in_utc_with_stable_uids() {
    let site = TestSite::built("serra-azul");
    let events = ics(&site, SERIES);
    assert_eq!(events.len(), 12);
    let uids: std::collections::BTreeSet<String> = events.iter().filter_map(|e| prop(e, "UID")).collect();
    assert_eq!(uids.len(), 12);
    assert!(uids.contains("avisos-reunioes-ordinarias-do-cmas-2026-20260408@social.serraazul.sc.gov.br"));
    let april = events.iter().find(|e| prop(e, "UID").is_some_and(|u| u.contains("20260408"))).unwrap();
    // 14:00 and 16:30 in Serra Azul do Oeste (UTC−3) are 17:00 and 19:30 UTC.
    assert_eq!(prop(april, "DTSTART").as_deref(), Some("20260408T170000Z"));
    assert_eq!(prop(april, "DTEND").as_deref(), Some("20260408T193000Z"));
    assert_eq!(
        prop(april, "URL").as_deref(),
        Some("https://social.serraazul.sc.gov.br/avisos/reunioes-ordinarias-do-cmas-2026/#2026-04-08")
    );
    // In another zone the same local times are other instants.
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}fuso_horario: America/Cuiaba\n"));
    site.build().map_err(render).unwrap();
    let april =
        ics(&site, SERIES).into_iter().find(|e| prop(e, "UID").is_some_and(|u| u.contains("20260408"))).unwrap();
    assert_eq!(prop(&april, "DTSTART").as_deref(), Some("20260408T180000Z"));
    let graph = json_ld(&site.page(SERIES))[0]["@graph"].clone();
    assert_eq!(graph[3]["startDate"], "2026-04-08T14:00:00-04:00");
}
