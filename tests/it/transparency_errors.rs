//! Every mistake an editor can make in the transparency kinds gets a located Portuguese error
//! with a hint, all in one run, one per root cause (`invalid/transparencia`, whose README
//! lists them); a malformed officer's e-mail is published as text with a warning.

use crate::support::*;
use secretaria::diagnostics::Severity;
use secretaria::pipeline::{self, BuildOptions, Failure};

#[test]
fn every_mistake_of_the_transparency_kinds_at_once() {
    let root = fixtures().join("invalid/transparencia");
    let options = BuildOptions { root, today: Some(today()), ..BuildOptions::default() };
    let Err(Failure::Content(found)) = pipeline::check(&options) else { panic!("check passed") };
    let all: Vec<(String, usize, String, String, Severity, &str)> = found
        .sorted()
        .into_iter()
        .map(|d| {
            (
                d.file.as_ref().map(|f| f.display().to_string()).unwrap_or_default(),
                d.location.map_or(0, |l| l.line),
                d.message.clone(),
                d.help.clone().unwrap_or_default(),
                d.severity,
                d.code.id(),
            )
        })
        .collect();
    let expected: [(&str, usize, &str, &str, &str); 16] = [
        ("site.yaml", 7, "endereço inválido em `transparencia.despesas`", "https://", "S0313"),
        ("content/programas/paif.md", 3, "unidade responsável não encontrada: `crass`", "cras", "S0402"),
        ("content/programas/paif.md", 8, "arquivo não encontrado: programas/folheto.pdf", "folheto-paif.pdf", "S0402"),
        (
            "content/programas/paif.md",
            10,
            "endereço não permitido para um documento (javascript:)",
            "https://",
            "S0316",
        ),
        ("content/programas/scfv.md", 3, "`meta`", "metas", "S0202"),
        ("content/participacao-social/cmas.md", 3, "unidade do conselho não encontrada: `cmas-x`", "cras", "S0402"),
        ("content/participacao-social/cmas.md", 4, "lei do conselho não encontrada", "content/legislacao/", "S0402"),
        (
            "content/participacao-social/cmas.md",
            7,
            "o mandato termina (31/05/2025) antes de começar (01/06/2027)",
            "ato de nomeação",
            "S0302",
        ),
        (
            "content/participacao-social/cmas.md",
            9,
            "segmento desconhecido: usuarios",
            "governo, sociedade-civil",
            "S0310",
        ),
        ("content/participacao-social/cmas.md", 13, "não tem titular nem suplente", "titular", "S0203"),
        ("content/participacao-social/cmas.md", 16, "31/02/2026", "DD/MM/AAAA", "S0301"),
        ("content/participacao-social/cmas.md", 18, "ata sem título, número nem data", "titulo", "S0203"),
        (
            "content/participacao-social/cmas.md",
            21,
            "página não encontrada: participacao-social/resolucao-99.md",
            "content/participacao-social/resolucao-99.md",
            "S0402",
        ),
        ("content/perguntas-frequentes/quanto-custa.md", 3, "a pergunta não tem resposta", "resposta", "S0315"),
        ("content/acesso-a-informacao/sic.md", 2, "unidade não encontrada: `secretaria-x`", "cras", "S0402"),
        ("content/acesso-a-informacao/sic.md", 4, "(00) 1234", "", "S0304"),
    ];
    let errors: Vec<_> = all.iter().filter(|e| e.4 == Severity::Error).collect();
    for (file, line, message, hint, code) in expected {
        let hit = errors.iter().find(|(f, l, m, _, _, _)| f == file && *l == line && m.contains(message));
        let hit = hit.unwrap_or_else(|| panic!("{file}:{line} “{message}” not in {errors:#?}"));
        assert!(!hit.3.is_empty() && hit.3.contains(hint), "{file}:{line}: hint {:?} lacks {hint:?}", hit.3);
        assert_eq!(hit.5, code, "{file}:{line}: {message}");
    }
    assert_eq!(errors.len(), expected.len(), "one error per root cause: {errors:#?}");
    let warnings: Vec<_> = all.iter().filter(|e| e.4 == Severity::Warning).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!((warnings[0].0.as_str(), warnings[0].1), ("content/privacidade.md", 5));
    assert!(warnings[0].2.contains("publicado como texto"), "{:?}", warnings[0]);
}

/// A YAML file where a Markdown kind lives is told to be Markdown.
#[test]
fn a_yaml_file_where_markdown_is_expected_says_so() {
    let site = TestSite::fixture("perdizes");
    site.write("content/acesso-a-informacao/sic.yaml", "unidade: secretaria\n");
    let Err(failure) = site.build() else { panic!("built") };
    let text = render(failure);
    assert!(text.contains("content/acesso-a-informacao/sic.md"), "{text}");
}

/// A title, a seat, a board member or an officer written empty is an error at its line: a
/// page would show an empty heading or cell.
#[test]
fn empty_values_that_a_page_would_show_are_errors() {
    let site = TestSite::fixture("perdizes");
    site.write("content/programas/a.md", "---\ntitulo: \"\"\n---\nTexto.\n");
    site.write(
        "content/participacao-social/cmas.md",
        "---\ntitulo: CMAS\nmesa_diretora:\n  - funcao: Presidente\n    nome: \" \"\ncomposicao:\n  - segmento: governo\n    representa: \"\"\n    titular: Ana\n---\nTexto.\n",
    );
    site.write("content/privacidade.md", "---\nencarregado:\n  nome: \"\"\n---\n");
    let Err(Failure::Content(found)) = site.build() else { panic!("built") };
    assert!(found.iter().filter(|d| d.severity == Severity::Error).all(|d| d.code.id() == "S0315"), "{found:?}");
    let errors: Vec<(String, usize, String)> = found
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            (
                d.file.as_ref().map(|f| f.display().to_string()).unwrap_or_default(),
                d.location.map_or(0, |l| l.line),
                d.message.clone(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        vec![
            ("content/participacao-social/cmas.md".to_string(), 5, "`nome` está vazio".to_string()),
            ("content/participacao-social/cmas.md".to_string(), 8, "`representa` está vazio".to_string()),
            ("content/privacidade.md".to_string(), 3, "`nome` está vazio".to_string()),
            ("content/programas/a.md".to_string(), 2, "`titulo` está vazio".to_string()),
        ]
    );
}
