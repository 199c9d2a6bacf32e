//! Every broken fixture fails with the right Portuguese message at the right file and line,
//! and all errors of a site are reported together.

use crate::support::*;
use secretaria::pipeline::{self, BuildOptions, Failure};

fn errors(case: &str) -> Vec<(String, Option<usize>, String, Option<String>)> {
    let root = fixtures().join("invalid").join(case);
    let options = BuildOptions { root, today: Some(today()), ..BuildOptions::default() };
    match pipeline::check(&options) {
        Ok(_) => panic!("{case}: check passed"),
        Err(Failure::Io(e)) => panic!("{case}: io {e:#}"),
        Err(Failure::Output(e)) => panic!("{case}: output {:?}", e.diagnostic),
        Err(Failure::Content(d)) => d
            .sorted()
            .into_iter()
            .filter(|d| d.severity == secretaria::diagnostics::Severity::Error)
            .map(|d| {
                (
                    d.file.as_ref().map(|f| f.display().to_string()).unwrap_or_default(),
                    d.location.map(|l| l.line),
                    d.message.clone(),
                    d.help.clone(),
                )
            })
            .collect(),
    }
}

fn assert_error(case: &str, file: &str, line: Option<usize>, message_part: &str) {
    let all = errors(case);
    assert!(
        all.iter().any(|(f, l, m, h)| f == file && *l == line && m.contains(message_part) && h.is_some()),
        "{case}: expected {file}:{line:?} “{message_part}” in {all:#?}"
    );
}

#[test]
fn yaml_syntax() {
    assert_error("yaml-syntax", "content/secretaria.yaml", Some(4), "YAML inválido");
}

#[test]
fn unknown_key_with_suggestion() {
    let all = errors("unknown-key");
    let hit = all.iter().find(|(_, _, m, _)| m.contains("`titlo`")).unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!((hit.0.as_str(), hit.1), ("content/paginas/sobre.md", Some(2)));
    assert!(hit.3.as_deref().unwrap_or("").contains("você quis dizer `titulo`"));
}

#[test]
fn hour_25() {
    assert_error("hora-25", "content/unidades/secretaria.yaml", Some(9), "25:00");
}

#[test]
fn date_31_02() {
    assert_error("data-31-02", "content/avisos/reuniao.md", Some(4), "31/02/2025");
}

#[test]
fn period_ending_before_it_starts() {
    assert_error("periodo-invertido", "content/avisos/reuniao.md", Some(5), "anterior ao início");
}

#[test]
fn malformed_email() {
    assert_error("email", "content/unidades/secretaria.yaml", Some(7), "e-mail inválido");
}

#[test]
fn phone_that_is_not_brazilian() {
    assert_error("telefone", "content/unidades/secretaria.yaml", Some(5), "(00) 1234");
}

#[test]
fn duplicate_url() {
    let all = errors("url-duplicada");
    let files: std::collections::BTreeSet<&str> =
        all.iter().filter(|e| e.2.contains("endereço duplicado")).map(|e| e.0.as_str()).collect();
    let expected: std::collections::BTreeSet<&str> =
        ["content/paginas/sobre.md", "content/paginas/sobre/_index.md"].into();
    assert_eq!(files, expected, "{all:#?}");
}

#[test]
fn missing_required_field() {
    let all = errors("campo-obrigatorio");
    assert!(all.iter().any(|e| e.0 == "content/avisos/reuniao.md" && e.2.contains("`inicio`")), "{all:#?}");
}

#[test]
fn missing_legal_reference() {
    assert_error("ref-legal-ausente", "content/estrutura/assessoria-de-atendimento-a-familia.md", Some(4), "art99");
}

#[test]
fn all_errors_are_reported_together() {
    let all = errors("varios-erros");
    let files: std::collections::BTreeSet<&str> = all.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(files.len(), 3, "{all:#?}");
}

#[test]
fn every_valid_site_checks_clean() {
    for (name, path) in valid_sites() {
        let options = BuildOptions { root: path, today: Some(today()), ..BuildOptions::default() };
        if let Err(f) = pipeline::check(&options) {
            panic!("{name}: {}", render(f));
        }
    }
}

mod no_input_panics {
    use crate::support::*;
    use proptest::prelude::*;
    use secretaria::pipeline;

    fn front_matter() -> impl Strategy<Value = String> {
        let key = prop_oneof![
            prop::sample::select(vec![
                "titulo",
                "inicio",
                "fim",
                "horario",
                "telefones",
                "atribuicoes",
                "data",
                "peso"
            ])
            .prop_map(String::from),
            "[a-z]{1,8}",
        ];
        let value = prop_oneof![".{0,30}", "[0-9/: -]{0,20}", Just("[1, 2]".to_string()), Just("{a: b}".to_string())];
        prop::collection::vec((key, value), 0..6)
            .prop_map(|pairs| pairs.into_iter().map(|(k, v)| format!("{k}: {v}\n")).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Arbitrary front matter and bodies in every typed folder: the build reports or
        /// succeeds, it never panics.
        #[test]
        fn arbitrary_content_never_panics(
            yaml in front_matter(),
            body in "(?s).{0,200}",
            folder in prop::sample::select(vec!["avisos", "estrutura", "legislacao", "paginas"]),
        ) {
            let site = TestSite::fixture("perdizes");
            site.write(&format!("content/{folder}/x.md"), &format!("---\n{yaml}---\n{body}"));
            site.write("content/unidades/y.yaml", &yaml);
            let options = pipeline::BuildOptions { root: site.root().to_path_buf(), today: Some(today()), ..Default::default() };
            let _ = pipeline::check(&options);
        }
    }
}
