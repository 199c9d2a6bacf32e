//! The open data (`dados/`): each JSON file valid against the JSON Schema published beside it
//! (itself valid against the JSON Schema meta-schema), no `null` anywhere, each CSV read by the
//! csv crate with the same records, every provision's anchor present in its page, and every
//! field of every file documented on the `dados/` page.

use crate::machine_readable::rich;
use crate::support::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn read_json(site: &TestSite, file: &str) -> Value {
    serde_json::from_slice(&std::fs::read(site.output().join(file)).unwrap_or_else(|e| panic!("{file}: {e}")))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The dataset names, from the files in `dados/`.
fn datasets(site: &TestSite) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.output().join("dados"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".schema.json").map(str::to_string))
        .collect();
    names.sort();
    names
}

/// Every key of every record, as the documentation names them: `endereco.logradouro`,
/// `telefones[].numero`.
fn keys(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    let Value::Object(map) = value else { return };
    for (key, inner) in map {
        let name = format!("{prefix}{key}");
        match inner {
            Value::Object(_) => keys(inner, &format!("{name}."), out),
            Value::Array(items) if items.iter().any(Value::is_object) => {
                for item in items {
                    keys(item, &format!("{name}[]."), out);
                }
            }
            _ => {}
        }
        out.insert(name);
    }
}

/// Validates every JSON file of a built site against its schema; the datasets with records.
fn validate_all(site: &TestSite) -> BTreeSet<String> {
    let mut with_records = BTreeSet::new();
    for name in datasets(site) {
        let schema = read_json(site, &format!("dados/{name}.schema.json"));
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("{name}.schema.json is not a valid JSON Schema: {e}");
        }
        let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
        let data = read_json(site, &format!("dados/{name}.json"));
        let errors: Vec<String> = validator.iter_errors(&data).map(|e| format!("{}: {e}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{name}.json: {errors:#?}");
        assert_eq!(nulls(&data), Vec::<String>::new(), "{name}.json");
        assert_eq!(data["conjunto"], name.as_str());
        let Some(first) = data["registros"].as_array().unwrap().first() else { continue };
        assert!(first.is_object());
        with_records.insert(name.clone());
        // The schema refuses what the file must never hold.
        let mut broken = data.clone();
        broken["registros"][0]["campo_inventado"] = Value::from(1);
        assert!(!validator.is_valid(&broken), "{name}: an undeclared field passes");
        let mut broken = data.clone();
        broken["registros"][0]["caminho"] = Value::Null;
        assert!(!validator.is_valid(&broken), "{name}: a null passes");
    }
    with_records
}

/// Each JSON file valid against its schema (itself valid), no `null`: on serra-azul with a
/// law (secretariat, units, structure, notices, norms) and on lagoa-serena (programmes,
/// councils and their seats, frequent questions).
#[test]
fn every_json_file_is_valid_against_its_schema_and_has_no_null() {
    let site = rich();
    site.build().map_err(render).unwrap();
    let names = datasets(&site);
    let expected = [
        "avisos",
        "conselheiros",
        "conselhos",
        "dispositivos",
        "estrutura",
        "normas",
        "perguntas-frequentes",
        "programas",
        "secretaria",
        "unidades",
    ];
    assert_eq!(names, expected);
    let filled = validate_all(&site);
    for name in ["avisos", "dispositivos", "estrutura", "normas", "secretaria", "unidades"] {
        assert!(filled.contains(name), "{name}: {filled:?}");
    }
    let transparency = TestSite::built("lagoa-serena");
    let filled = validate_all(&transparency);
    for name in ["programas", "conselhos", "conselheiros", "perguntas-frequentes"] {
        assert!(filled.contains(name), "{name}: {filled:?}");
    }
    let seats = read_json(&transparency, "dados/conselheiros.json");
    let segments: BTreeSet<&str> =
        seats["registros"].as_array().unwrap().iter().filter_map(|s| s["segmento"].as_str()).collect();
    assert_eq!(segments, BTreeSet::from(["governo", "sociedade-civil"]));
}

/// The CSV has a header and one line per JSON record, in the same order; the csv crate reads
/// it as UTF-8 with the separator the page documents.
#[test]
fn every_csv_file_has_the_records_of_its_json_file() {
    let site = rich();
    site.write(
        "content/unidades/formula.yaml",
        "nome: \"=HYPERLINK(\\\"http://x.example\\\")\"\nservicos:\n  - \"@soma\"\n",
    );
    site.build().map_err(render).unwrap();
    for name in datasets(&site) {
        let bytes = std::fs::read(site.output().join(format!("dados/{name}.csv"))).unwrap();
        assert!(!bytes.starts_with(&[0xef, 0xbb, 0xbf]), "{name}.csv: no byte-order mark");
        let mut reader = csv::ReaderBuilder::new().delimiter(b',').from_reader(bytes.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
        let json = read_json(&site, &format!("dados/{name}.json"));
        let rows = json["registros"].as_array().unwrap();
        assert_eq!(records.len(), rows.len(), "{name}");
        let column = |record: &csv::StringRecord, name: &str| {
            header.iter().position(|h| h == name).and_then(|i| record.get(i)).map(str::to_string)
        };
        for (record, row) in records.iter().zip(rows) {
            assert_eq!(record.len(), header.len());
            assert_eq!(column(record, "caminho").as_deref(), row["caminho"].as_str(), "{name}");
        }
    }
    // Lists are one cell, one entry per line; a group is one column per field.
    let units = std::fs::read(site.output().join("dados/unidades.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(units.as_slice());
    let header = reader.headers().unwrap().clone();
    let cras = reader.records().map(Result::unwrap).find(|r| r.get(0) == Some("cras")).unwrap();
    let cell = |name: &str| cras.get(header.iter().position(|h| h == name).unwrap()).unwrap().to_string();
    assert_eq!(cell("endereco_bairro"), "Vila Nova");
    assert_eq!(cell("servicos").lines().count(), 2, "{}", cell("servicos"));
    assert!(cell("telefones").starts_with("numero: +55"), "{}", cell("telefones"));
    // A cell that a spreadsheet would run as a formula is kept as text; the JSON is as written.
    let mut reader = csv::Reader::from_reader(units.as_slice());
    let formula = reader.records().map(Result::unwrap).find(|r| r.get(0) == Some("formula")).unwrap();
    assert_eq!(formula.get(1), Some("'=HYPERLINK(\"http://x.example\")"));
    let json = read_json(&site, "dados/unidades.json");
    let written = json["registros"].as_array().unwrap().iter().find(|u| u["identificador"] == "formula").unwrap();
    assert_eq!(written["nome"], "=HYPERLINK(\"http://x.example\")");
    let phone = &json["registros"].as_array().unwrap().iter().find(|u| u["identificador"] == "secretaria").unwrap()
        ["telefones"][0];
    assert_eq!(phone["numero"], "+554936570269");
    assert_eq!(phone["exibicao"], "(49) 3657-0269");
}

/// Every provision with an anchor is at that anchor of its page, and its address says so.
#[test]
fn every_provision_is_addressed_by_its_anchor() {
    let site = rich();
    site.build().map_err(render).unwrap();
    let data = read_json(&site, "dados/dispositivos.json");
    let records = data["registros"].as_array().unwrap();
    let page = site.page("legislacao/competencias/");
    let ids: BTreeSet<String> = attrs(&page, "main [id]", "id").into_iter().collect();
    let mut anchored = 0;
    for (i, record) in records.iter().enumerate() {
        assert_eq!(record["ordem"], i as u64 + 1);
        if let Some(anchor) = record["ancora"].as_str() {
            anchored += 1;
            assert!(ids.contains(anchor), "{anchor} is not an id of the page");
            assert_eq!(record["caminho"], format!("legislacao/competencias/#{anchor}"));
            assert_eq!(record["url"], format!("https://social.serraazul.sc.gov.br/legislacao/competencias/#{anchor}"));
        }
        if let Some(parent) = record["pai"].as_str() {
            assert!(ids.contains(parent), "{parent}");
        }
    }
    assert!(anchored > 50, "{anchored}");
    // An inciso of an article's caput: its parent is the caput.
    let inciso = records.iter().find(|r| r["ancora"].as_str().is_some_and(|a| a.ends_with("_cpt_inc1"))).unwrap();
    let caput = inciso["ancora"].as_str().unwrap().trim_end_matches("_inc1");
    assert_eq!((inciso["tipo"].as_str(), inciso["pai"].as_str()), (Some("inciso"), Some(caput)));
    assert_eq!(records.iter().find(|r| r["ancora"] == caput).unwrap()["tipo"], "caput");
    let laws = read_json(&site, "dados/normas.json");
    assert_eq!(laws["registros"][0]["dispositivos"], records.len());
}

/// The `dados/` page documents every key that appears in any file, links every file, and
/// names the CSV separator.
#[test]
fn the_data_page_documents_every_field_of_every_file() {
    let site = rich();
    site.build().map_err(render).unwrap();
    for site in [&site, &TestSite::built("lagoa-serena")] {
        documented(site);
    }
    let page = site.page("dados/");
    let text = texts(&page, "main").join(" ");
    assert!(text.contains("separados por vírgula") && text.contains("UTF-8"), "{text}");
    // Linked from every page's footer and from the site map.
    assert!(attrs(&site.page("unidades/"), "footer a", "href").contains(&"../dados/".to_string()));
    assert!(attrs(&site.page("mapa-do-site/"), "main a", "href").contains(&"../dados/".to_string()));
}

/// Every key of every record of every file of `site` is a documented field on its `dados/`
/// page, and every file is linked.
fn documented(site: &TestSite) {
    let page = site.page("dados/");
    let links: BTreeSet<String> = attrs(&page, "main a", "href").into_iter().collect();
    for name in datasets(site) {
        let section = format!("section[aria-labelledby='conjunto-{name}']");
        let documented: BTreeSet<String> = texts(&page, &format!("{section} dl.campos dt code")).into_iter().collect();
        let data = read_json(site, &format!("dados/{name}.json"));
        let mut found = BTreeSet::new();
        for record in data["registros"].as_array().unwrap() {
            keys(record, "", &mut found);
        }
        let missing: Vec<&String> = found.difference(&documented).collect();
        assert!(missing.is_empty(), "{name}: undocumented {missing:?}");
        for file in [format!("{name}.json"), format!("{name}.csv"), format!("{name}.schema.json")] {
            assert!(links.contains(&format!("../dados/{file}")), "{file} is not linked: {links:?}");
            assert!(site.output().join("dados").join(&file).is_file());
        }
    }
}
