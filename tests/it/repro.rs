//! Reproducible output and the text formats written: the same input gives the same bytes,
//! "now" comes from SOURCE_DATE_EPOCH when set, iCalendar is valid for an independent parser
//! and cannot be broken by a title, and `base_url` is a real URL whose errors say where they
//! come from.

use crate::support::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn build_bin(root: &Path, out: &Path, epoch: Option<&str>) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_secretaria"));
    cmd.arg("--root").arg(root).arg("build").arg("--output").arg(out);
    cmd.env_remove("SOURCE_DATE_EPOCH");
    if let Some(epoch) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", epoch);
    }
    let output = cmd.output().unwrap();
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).to_string())
}

/// A site with an event that has a time, one without, and a title that tries to add a line.
fn event_site() -> TestSite {
    let site = TestSite::fixture("alvares-florence");
    site.write(
        "content/avisos/reuniao.md",
        "---\ntitulo: \"Reunião ordinária\\r\\nATTENDEE:mailto:x@y\\rSUMMARY:falso; a, b\"\ntipo: reuniao\ninicio: 10/12/2018 09:00\nfim: 10/12/2018 11:30\nlocal: \"Sala 2; térreo, bloco B\"\n---\nPauta.\n",
    );
    site.write(
        "content/avisos/audiencia.md",
        "---\ntitulo: Audiência pública\ntipo: audiencia-publica\ninicio: 11/07/2025\n---\nx\n",
    );
    site
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = event_site();
    // With base_url, so that every output is there: sitemap, feed, agenda, data, SHA256SUMS.
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}base_url: https://social.example.sp.gov.br/\n"));
    let (a, b) = (site.root().join("saida-a"), site.root().join("saida-b"));
    let (code, err) = build_bin(site.root(), &a, None);
    assert_eq!(code, 0, "{err}");
    // A second apart: nothing may depend on the clock's seconds.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (code, err) = build_bin(site.root(), &b, None);
    assert_eq!(code, 0, "{err}");
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for needed in
        ["sitemap.xml", "robots.txt", "avisos/atom.xml", "avisos/agenda.ics", "dados/avisos.csv", "SHA256SUMS"]
    {
        assert!(fa.contains_key(needed), "{needed}");
    }
    for (name, bytes) in &fa {
        assert!(fb.get(name) == Some(bytes), "{name} differs between two builds of the same input");
    }
}

/// Two checkouts of the same content, made at different times (the files' modification
/// times differ, and are later than SOURCE_DATE_EPOCH, as in a fresh clone), give the same
/// bytes: every date later than SOURCE_DATE_EPOCH is clamped to it.
#[test]
fn two_checkouts_built_with_source_date_epoch_are_byte_identical() {
    let first = event_site();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = TestSite::copy(first.root());
    let late = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_800_000_000);
    for entry in walkdir::WalkDir::new(second.root().join("content")).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            std::fs::File::options().append(true).open(entry.path()).unwrap().set_modified(late).unwrap();
        }
    }
    let (a, b) = (first.root().join("saida"), second.root().join("saida"));
    // 2026-06-01 12:00 UTC, 09:00 in the municipality.
    for (root, out) in [(first.root(), &a), (second.root(), &b)] {
        let (code, err) = build_bin(root, out, Some("1780315200"));
        assert_eq!(code, 0, "{err}");
    }
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(fb.get(name) == Some(bytes), "{name} differs between two checkouts");
    }
    let home = scraper::Html::parse_document(&String::from_utf8(fa["index.html"].clone()).unwrap());
    assert_eq!(attrs(&home, ".atualizacao time", "datetime"), vec!["2026-06-01".to_string()]);
}

#[test]
fn source_date_epoch_is_the_build_date() {
    let site = event_site();
    let out = site.root().join("saida");
    // 2020-01-15 12:00 UTC.
    let (code, err) = build_bin(site.root(), &out, Some("1579089600"));
    assert_eq!(code, 0, "{err}");
    let home = scraper::Html::parse_document(&std::fs::read_to_string(out.join("index.html")).unwrap());
    let dates = attrs(&home, ".atualizacao time", "datetime");
    assert_eq!(dates, vec!["2020-01-15".to_string()]);
    // Relative to 2020, the 2025 hearing is still to come.
    let notices = scraper::Html::parse_document(&std::fs::read_to_string(out.join("avisos/index.html")).unwrap());
    let upcoming = texts(&notices, "main").join(" ");
    assert!(upcoming.contains("Audiência pública"), "{upcoming}");
    let (code, err) = build_bin(site.root(), &site.root().join("x"), Some("amanhã"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("SOURCE_DATE_EPOCH inválido"), "{err}");
}

fn parse_ics(path: &Path) -> Vec<ical::parser::ical::component::IcalEvent> {
    let reader = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let calendars: Vec<_> = ical::IcalParser::new(reader).collect::<Result<Vec<_>, _>>().unwrap();
    assert_eq!(calendars.len(), 1, "{}", path.display());
    calendars.into_iter().flat_map(|c| c.events).collect()
}

fn prop(event: &ical::parser::ical::component::IcalEvent, name: &str) -> Vec<String> {
    event.properties.iter().filter(|p| p.name == name).filter_map(|p| p.value.clone()).collect()
}

#[test]
fn calendar_files_parse_and_no_title_can_add_a_property() {
    let site = event_site();
    site.build().map_err(render).unwrap();
    let raw = std::fs::read(site.output().join("avisos/reuniao/evento.ics")).unwrap();
    // Every line ends in CRLF and no content line is longer than 75 octets.
    let text = String::from_utf8(raw).unwrap();
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\r') && !line.contains('\n'), "{line:?}");
        assert!(line.len() <= 75, "{line:?}");
    }
    let events = parse_ics(&site.output().join("avisos/reuniao/evento.ics"));
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert!(prop(event, "ATTENDEE").is_empty(), "a title injected a property");
    assert_eq!(prop(event, "SUMMARY").len(), 1);
    let summary = &prop(event, "SUMMARY")[0];
    assert!(summary.starts_with("Reunião ordinária\\nATTENDEE"), "{summary}");
    assert!(summary.contains("falso\\; a\\, b"), "{summary}");
    // 09:00 in Brasília on 10/12/2018 was summer time (UTC−2).
    assert_eq!(prop(event, "DTSTART"), vec!["20181210T110000Z".to_string()]);
    assert_eq!(prop(event, "DTEND"), vec!["20181210T133000Z".to_string()]);
    let stamp = prop(event, "DTSTAMP");
    assert_eq!(stamp.len(), 1);
    assert!(stamp[0].ends_with('Z'), "{stamp:?}");
    assert_eq!(prop(event, "UID").len(), 1);
    // A date without a time stays a date: no invented midnight.
    let day = parse_ics(&site.output().join("avisos/audiencia/evento.ics"));
    let start = day[0].properties.iter().find(|p| p.name == "DTSTART").unwrap();
    assert_eq!(start.value.as_deref(), Some("20250711"));
    let params = format!("{:?}", start.params);
    assert!(params.contains("VALUE") && params.contains("DATE"), "{params}");
}

#[test]
fn time_zone_follows_the_uf_and_can_be_set() {
    let site = event_site();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &yaml.replace("uf: SP", "uf: AC"));
    site.build().map_err(render).unwrap();
    let events = parse_ics(&site.output().join("avisos/reuniao/evento.ics"));
    assert_eq!(prop(&events[0], "DTSTART"), vec!["20181210T140000Z".to_string()]);
    site.write("site.yaml", &format!("{yaml}fuso_horario: America/Noronha\n"));
    site.build().map_err(render).unwrap();
    let events = parse_ics(&site.output().join("avisos/reuniao/evento.ics"));
    assert_eq!(prop(&events[0], "DTSTART"), vec!["20181210T110000Z".to_string()]);
    site.write("site.yaml", &format!("{yaml}fuso_horario: Brasil/Centro\n"));
    let errors = render(site.build().unwrap_err());
    assert!(errors.contains("fuso horário desconhecido: Brasil/Centro") && errors.contains("site.yaml:"), "{errors}");
}

#[test]
fn base_url_must_be_a_url_and_command_line_errors_say_so() {
    let site = TestSite::fixture("alvares-florence");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    for (bad, expected) in [
        ("\"https://x.gov.br/\\nEVIL:1\"", "quebra de linha"),
        ("\"https://x .gov.br/\"", "espaço"),
        ("https://", "não"),
        ("ftp://x.gov.br/", "https://"),
        ("https://x.gov.br/?a=1", "`?`"),
        ("social.x.gov.br", "falta https://"),
    ] {
        site.write("site.yaml", &format!("{yaml}base_url: {bad}\n"));
        let errors = render(site.build().unwrap_err());
        assert!(errors.contains("base_url inválida") && errors.contains(expected), "{bad}: {errors}");
        assert!(errors.contains("site.yaml:"), "{bad}: {errors}");
    }
    site.write("site.yaml", &format!("{yaml}base_url: https://social.x.sp.gov.br/portal\n"));
    let mut options = site.options();
    options.overrides.base_url = Some("https://exemplo.gov.br/a b".into());
    let errors = render(secretaria::pipeline::build(&options).unwrap_err());
    assert!(errors.contains("--base-url inválida (na linha de comando)"), "{errors}");
    assert!(!errors.contains("site.yaml"), "a command-line error was blamed on site.yaml: {errors}");
    // A sub-path is kept and ends in a slash.
    site.build().map_err(render).unwrap();
    let events = parse_ics(&site.output().join("avisos/viii-conferencia-municipal/evento.ics"));
    assert_eq!(
        prop(&events[0], "URL"),
        vec!["https://social.x.sp.gov.br/portal/avisos/viii-conferencia-municipal/".to_string()]
    );
}
