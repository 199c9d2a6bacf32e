//! Opening hours and contacts as staff write them (issue 9, points 1–7), on the `serra-azul`
//! fixture: the published HTML (parsed) and JSON-LD (parsed) say what the source says.

use crate::support::*;
use serde_json::Value;

fn unit_ld(site: &TestSite, unit: &str) -> Value {
    let html = site.page(&format!("unidades/{unit}/"));
    json_ld(&html).into_iter().next().unwrap_or(Value::Null)
}

fn days_of(spec: &Value) -> usize {
    spec["dayOfWeek"].as_array().map_or(0, Vec::len)
}

/// Point 1: "de segunda a segunda" is every day, in HTML and in JSON-LD.
#[test]
fn monday_to_monday_is_every_day() {
    let site = TestSite::built("serra-azul");
    let html = site.page("unidades/acolhimento/");
    assert_eq!(texts(&html, "main .horario li"), vec!["Todos os dias, 24 horas"]);
    let specs = unit_ld(&site, "acolhimento")["openingHoursSpecification"].clone();
    assert_eq!(specs.as_array().map(Vec::len), Some(1), "{specs}");
    assert_eq!(days_of(&specs[0]), 7);
    assert_eq!((specs[0]["opens"].as_str(), specs[0]["closes"].as_str()), (Some("00:00"), Some("23:59")));
    // Each way of writing it, once Monday only; now seven days.
    for key in ["seg-seg", "seg a seg", "seg à seg", "segunda à segunda", "Segunda-feira a segunda-feira"] {
        site.write(
            "content/unidades/acolhimento.yaml",
            &format!("nome: Casa\ntipo: acolhimento\nhorario:\n  {key}: 24h\n"),
        );
        site.build().map_err(render).unwrap();
        let html = site.page("unidades/acolhimento/");
        assert_eq!(texts(&html, "main .horario li"), vec!["Todos os dias, 24 horas"], "{key}");
        assert_eq!(days_of(&unit_ld(&site, "acolhimento")["openingHoursSpecification"][0]), 7, "{key}");
    }
}

/// Point 1: the ways staff write days and ranges.
#[test]
fn days_as_staff_write_them() {
    let site = TestSite::built("serra-azul");
    let cras = site.page("unidades/cras/");
    // "2ª a 6ª: 08:00 às 12:00, 13:00 às 17:00" and "sábados e domingos: fechado".
    assert_eq!(
        texts(&cras, "main .horario > ul:first-of-type li"),
        vec!["Segunda a sexta-feira, das 8h às 12h e das 13h às 17h", "Sábado e domingo: fechado"]
    );
    let specs = unit_ld(&site, "cras")["openingHoursSpecification"].clone();
    assert_eq!(days_of(&specs[0]), 5);
    assert_eq!(specs[2]["dayOfWeek"], serde_json::json!(["https://schema.org/Saturday", "https://schema.org/Sunday"]));
    assert_eq!((specs[2]["opens"].as_str(), specs[2]["closes"].as_str()), (Some("00:00"), Some("00:00")));
    // "seg. a sex.", "terça e quinta", "sábado".
    let ct = site.page("unidades/conselho-tutelar/");
    assert_eq!(texts(&ct, "main .horario li"), vec!["Segunda a sexta-feira, das 8h às 12h e das 13h às 17h"]);
    let cc = site.page("unidades/centro-de-convivencia/");
    assert_eq!(texts(&cc, "main .horario li"), vec!["Terça e quinta-feira, das 13h30 às 17h", "Sábado, das 8h às 12h"]);
    for (key, days) in [("todos os dias", 7), ("diariamente", 7), ("fins de semana", 2), ("de segunda a sexta", 5)] {
        site.write("content/unidades/cras.yaml", &format!("nome: CRAS\ntipo: cras\nhorario:\n  {key}: 8h-12h\n"));
        site.build().map_err(render).unwrap();
        assert_eq!(days_of(&unit_ld(&site, "cras")["openingHoursSpecification"][0]), days, "{key}");
    }
}

/// Point 2: `8h às 12h`, `13h30` as values of the entries.
#[test]
fn loose_times_in_the_entries() {
    let site = TestSite::built("serra-azul");
    let html = site.page("unidades/secretaria/");
    assert_eq!(
        texts(&html, "main .horario li"),
        vec!["Segunda a sexta-feira, das 8h às 12h e das 13h30 às 17h30", "Feriados: fechado"]
    );
    let specs = unit_ld(&site, "secretaria")["openingHoursSpecification"].clone();
    assert_eq!((specs[1]["opens"].as_str(), specs[1]["closes"].as_str()), (Some("13:30"), Some("17:30")));
}

/// Point 3: an on-call phone is an on-call phone, not "open 24 hours".
#[test]
fn on_call_service_is_published_as_such() {
    let site = TestSite::built("serra-azul");
    let html = site.page("unidades/conselho-tutelar/");
    assert_eq!(
        texts(&html, "main .plantao > p:first-child"),
        vec!["Sobreaviso: Fora do horário de expediente, à noite, nos fins de semana e feriados"]
    );
    assert_eq!(attrs(&html, "main .plantao a[href^='tel:']", "href"), vec!["tel:+5549984069822"]);
    assert_eq!(
        texts(&html, "main .plantao .telefones-plantao"),
        vec!["Telefone do sobreaviso: (49) 98406-9822 – conselheiro de sobreaviso"]
    );
    // The office hours stay the office hours.
    assert!(!texts(&html, "main").join(" ").contains("24 horas"));
    let ld = unit_ld(&site, "conselho-tutelar");
    let point = &ld["contactPoint"][0];
    assert_eq!(point["@type"], "ContactPoint");
    assert_eq!(point["contactType"], "Sobreaviso: conselheiro de sobreaviso");
    assert_eq!(point["telephone"], "+5549984069822");
    assert_eq!(point["description"], "Fora do horário de expediente, à noite, nos fins de semana e feriados");
    assert_eq!(days_of(&ld["openingHoursSpecification"][0]), 5);
    // On-call hours, when the editor gives them, are the contact point's.
    site.write(
        "content/unidades/conselho-tutelar.yaml",
        "nome: Conselho Tutelar\ntipo: conselho\nplantao:\n  horario:\n    todos os dias: 24h\n  telefones: [\"(49) 98406-9822\"]\n",
    );
    site.build().map_err(render).unwrap();
    let html = site.page("unidades/conselho-tutelar/");
    assert_eq!(texts(&html, "main .plantao li"), vec!["Todos os dias, 24 horas"]);
    assert_eq!(html.select(&sel("main .horario")).count(), 0, "no opening hours were written");
    let ld = unit_ld(&site, "conselho-tutelar");
    assert_eq!(ld["contactPoint"][0]["contactType"], "Plantão");
    assert_eq!(days_of(&ld["contactPoint"][0]["hoursAvailable"][0]), 7);
    assert!(ld.get("openingHoursSpecification").is_none());
}

/// Point 4: a free note per unit's hours.
#[test]
fn a_note_on_the_hours() {
    let site = TestSite::built("serra-azul");
    let html = site.page("unidades/secretaria/");
    assert_eq!(
        texts(&html, "main .horario .observacao-horario"),
        vec!["O Cadastro Único atende por agendamento, pelo telefone da recepção."]
    );
    let spec = &unit_ld(&site, "secretaria")["openingHoursSpecification"][0];
    assert_eq!(spec["description"], "O Cadastro Único atende por agendamento, pelo telefone da recepção.");
    // A note alone (no days): published, with no list of hours.
    let cmas = site.page("unidades/cmas/");
    assert_eq!(cmas.select(&sel("main .horario ul")).count(), 0);
    assert_eq!(texts(&cmas, "main .horario .observacao-horario").len(), 1);
}

/// Point 5: the hours say which time they are in; the script gets the municipality's zone
/// and holidays; `feriados: fechado` lists the coming holidays in JSON-LD.
#[test]
fn hours_are_in_the_municipality_time_with_its_holidays() {
    let site = TestSite::built("serra-azul");
    let html = site.page("unidades/secretaria/");
    assert_eq!(texts(&html, "main .horario > p:first-child"), vec!["Horário de atendimento (horário de Brasília):"]);
    // Without JS the indicator stays hidden and empty: the page states only the hours.
    assert_eq!(attrs(&html, "main .aberto-agora", "hidden"), vec![""]);
    let calendar: Value =
        serde_json::from_str(&texts(&html, "script#calendario").join("")).expect("the calendar is JSON");
    assert_eq!(calendar["z"], "America/Sao_Paulo");
    assert_eq!(calendar["o"], -180);
    assert_eq!(calendar["n"], "horário de Brasília");
    assert_eq!(
        calendar["m"],
        serde_json::json!([
            [6, 12, "Aniversário do município"],
            [8, 15, "Nossa Senhora da Glória, padroeira do município"]
        ])
    );
    assert!(calendar["p"].as_array().is_some_and(|p| p.contains(&serde_json::json!([60, "Corpus Christi", "f"]))));
    let hours: Value = serde_json::from_str(&attrs(&html, "main .horario", "data-horario").join("")).unwrap();
    assert_eq!(hours["f"], serde_json::json!([]), "closed on holidays");
    let holidays: Vec<(String, String)> = unit_ld(&site, "secretaria")["openingHoursSpecification"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| Some((s["validFrom"].as_str()?.to_string(), s["description"].as_str()?.to_string())))
        .collect();
    // From 22/11/2026, a year ahead: Christmas first, the municipal holidays included.
    assert_eq!(holidays.first().map(|h| h.0.as_str()), Some("2026-12-25"));
    assert!(holidays.contains(&("2027-05-27".into(), "Corpus Christi (feriado)".into())), "{holidays:?}");
    assert!(holidays.contains(&("2027-06-12".into(), "Aniversário do município (feriado)".into())));
    assert!(!holidays.iter().any(|h| h.1.starts_with("Carnaval")), "a ponto facultativo is not a holiday");
    // Another zone: the label and the calendar say so.
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}fuso_horario: America/Manaus\n"));
    site.build().map_err(render).unwrap();
    let html = site.page("unidades/cras/");
    assert_eq!(
        texts(&html, "main .horario > p:first-child"),
        vec!["Horário de atendimento (horário de Serra Azul do Oeste/SC, UTC−4):"]
    );
    let calendar: Value = serde_json::from_str(&texts(&html, "script#calendario").join("")).unwrap();
    assert_eq!((calendar["z"].as_str(), calendar["o"].as_i64()), (Some("America/Manaus"), Some(-240)));
}

/// Point 6: labelled phones, numbers without DDD as written, 0800 never `null`.
#[test]
fn phones_with_labels_without_ddd_and_toll_free() {
    let site = TestSite::built("serra-azul");
    let html = site.page("unidades/secretaria/");
    assert_eq!(texts(&html, "main ul.telefones li"), vec!["(49) 3657-0269", "(49) 98503-1188 – WhatsApp da recepção"]);
    let ld = unit_ld(&site, "secretaria");
    assert_eq!(ld["telephone"], serde_json::json!(["+554936570269", "+5549985031188"]));
    assert_eq!(ld["contactPoint"][0]["contactType"], "WhatsApp da recepção");
    assert_eq!(ld["contactPoint"][0]["telephone"], "+5549985031188");
    let cras = site.page("unidades/cras/");
    let links: Vec<(String, String)> = cras
        .select(&sel("main .telefones a"))
        .map(|a| (a.text().collect(), a.value().attr("href").unwrap_or("").to_string()))
        .collect();
    assert_eq!(
        links,
        vec![
            ("3657-1180".to_string(), "tel:+554936571180".to_string()),
            ("0800 644 1520".to_string(), "tel:08006441520".to_string())
        ]
    );
    assert_eq!(unit_ld(&site, "cras")["telephone"], serde_json::json!(["+554936571180", "0800 644 1520"]));
}

/// Point 7: a malformed e-mail is kept as text, with a warning whose hint accepts any domain.
#[test]
fn a_malformed_email_is_kept_visible() {
    let site = TestSite::fixture("serra-azul");
    let summary = site.build().map_err(render).unwrap();
    let warnings: Vec<_> = summary.warnings.sorted().into_iter().cloned().collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].location.map(|l| l.line), Some(7));
    assert!(warnings[0].message.contains("publicado como texto"), "{}", warnings[0].message);
    let html = site.page("unidades/centro-de-convivencia/");
    assert_eq!(texts(&html, "main .email-sem-link"), vec!["convivencia.serraazul@hotmail .com"]);
    assert_eq!(html.select(&sel("main a[href^='mailto:']")).count(), 0);
    assert!(unit_ld(&site, "centro-de-convivencia").get("email").is_none());
}
