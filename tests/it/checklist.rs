//! The transparency checklist of `check` on the example site and the fixtures: the items each
//! one misses, checked by hand against its files (see the comments), and the JSON document
//! with the checklist parsed and round-tripped.

use crate::support::{fixtures, today};
use secretaria::checklist::{Checklist, Status};
use secretaria::pipeline::{self, BuildOptions};
use std::path::Path;

fn checklist(root: &Path) -> Checklist {
    let options = BuildOptions { root: root.to_path_buf(), today: Some(today()), ..BuildOptions::default() };
    let audit = pipeline::audit(&options);
    assert!(audit.result.is_ok(), "{:?}", audit.result.err());
    audit.checklist.unwrap()
}

/// Missing everywhere, by the tool or by the portal links each site has not named.
const PORTAL: [&str; 4] = ["repasses", "despesas", "licitacoes", "contratos"];

#[test]
fn example_site_misses_what_it_does_not_write() {
    let c = checklist(Path::new(env!("CARGO_MANIFEST_DIR")));
    // The example has no `transparencia:` in site.yaml, no sic.md, ouvidoria.md,
    // privacidade.md nor the classified-information page.
    let mut expected: Vec<&str> = PORTAL.to_vec();
    expected.extend(["sic", "e-sic", "ouvidoria", "informacoes-classificadas", "privacidade", "portal"]);
    assert_eq!(c.missing(), expected);
    assert_eq!((c.presentes, c.total), (c.total - expected.len(), c.itens.len()));
    assert_eq!(c.pontuacao, c.presentes * 100 / c.total);
    // Each missing item says what to do, each present one does not.
    for item in &c.itens {
        assert_eq!(item.como_resolver.is_some(), item.situacao == Status::Ausente, "{item:?}");
    }
}

#[test]
fn fixtures_miss_what_their_files_lack() {
    let cases: [(&str, Vec<&str>); 4] = [
        // No estrutura/, no `competencias:` in secretaria.yaml, no `convenios:` among the
        // portal's addresses, no informacoes-classificadas.md.
        ("lagoa-serena", vec!["estrutura", "competencias", "repasses", "informacoes-classificadas"]),
        // No estrutura/, no `titular`, its one unit without `horario`, no base_url; none of
        // the transparency kinds.
        (
            "dourados",
            [
                &["estrutura", "titular", "unidades-horarios"][..],
                &PORTAL,
                &["programas", "perguntas-frequentes", "sitemap", "sic", "e-sic", "ouvidoria"],
                &["informacoes-classificadas", "privacidade", "conselho", "portal"],
            ]
            .concat(),
        ),
        // Structure, head, units and the competence law are all there; no base_url.
        (
            "perdizes",
            [
                &PORTAL[..],
                &["programas", "perguntas-frequentes", "sitemap", "sic", "e-sic", "ouvidoria"],
                &["informacoes-classificadas", "privacidade", "conselho", "portal"],
            ]
            .concat(),
        ),
        // No `competencias`; centro-de-convivencia.yaml and cmas.yaml without `endereco` (the
        // shelter's is kept out on purpose and does not count), cmas.yaml without
        // `telefones`, acolhimento.yaml without `emails`; no legislacao/.
        (
            "serra-azul",
            [
                &["competencias", "unidades-enderecos", "unidades-telefones", "unidades-emails", "legislacao"][..],
                &PORTAL,
                &["programas", "perguntas-frequentes", "sic", "e-sic", "ouvidoria"],
                &["informacoes-classificadas", "privacidade", "conselho", "portal"],
            ]
            .concat(),
        ),
    ];
    for (name, expected) in cases {
        let c = checklist(&fixtures().join(name));
        assert_eq!(c.missing(), expected, "{name}");
    }
    let c = checklist(&fixtures().join("serra-azul"));
    let addresses = c.itens.iter().find(|i| i.id == "unidades-enderecos").unwrap();
    assert!(addresses.detalhe.starts_with("2 de 6 unidades sem `endereco`"), "{}", addresses.detalhe);
    assert!(addresses.detalhe.contains("content/unidades/cmas.yaml"), "{}", addresses.detalhe);
}

/// `check --format json` prints one document with the diagnostics and the checklist; it
/// parses, and serialising what was parsed gives the same document.
#[test]
fn json_document_with_the_checklist_round_trips() {
    let root = fixtures().join("lagoa-serena");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_secretaria"))
        .args(["--root", &root.to_string_lossy(), "check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let document: secretaria::diagnostics::json::Document = serde_json::from_slice(&out.stdout).unwrap();
    let again = serde_json::to_string(&document).unwrap();
    let reparsed: secretaria::diagnostics::json::Document = serde_json::from_str(&again).unwrap();
    assert_eq!(reparsed, document);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["checklist"]["itens"][0]["situacao"], "ausente");
    let c = document.checklist.unwrap();
    assert_eq!(c.missing(), ["estrutura", "competencias", "repasses", "informacoes-classificadas"]);
    // Text output: the checklist follows the diagnostics, with the score.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_secretaria"))
        .args(["--root", &root.to_string_lossy(), "check"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("{} de {} itens presentes", c.presentes, c.total)), "{text}");
}
