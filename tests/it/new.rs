//! `secretaria new PASTA`: the starter site is written, builds, passes `check` with no finding,
//! publishes every kind of content, prints the next two commands, and a non-empty folder is
//! refused untouched.

use crate::support::{sel, texts, TestSite};
use secretaria::diagnostics::json::Document;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_secretaria")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh starter site in a temporary folder (a subfolder that does not exist yet).
fn new_site() -> (TestSite, String) {
    let site = TestSite { dir: tempfile::tempdir().unwrap() };
    let dir = site.root().to_string_lossy().to_string();
    // The temporary folder exists and is empty: `new` accepts it.
    let (code, out, err) = run(&["new", &dir]);
    assert_eq!(code, 0, "{out}{err}");
    (site, out)
}

#[test]
fn new_prints_the_two_next_commands_with_the_real_syntax() {
    let (site, out) = new_site();
    let dir = site.root().to_string_lossy().to_string();
    let commands: Vec<&str> = out
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("secretaria "))
        .map(|l| l.split(" #").next().unwrap().trim())
        .collect();
    assert_eq!(commands, [format!("secretaria --root {dir} serve"), format!("secretaria --root {dir} check")], "{out}");
    // The printed `check` command is one the CLI accepts, and it finds nothing at all.
    let (code, json, err) = run(&["--root", &dir, "check", "--strict", "--format", "json"]);
    assert_eq!(code, 0, "{json}{err}");
    let document: Document = serde_json::from_str(&json).unwrap();
    assert_eq!((document.erros, document.avisos), (0, 0), "{json}");
    let checklist = document.checklist.unwrap();
    assert_eq!(checklist.presentes, checklist.total, "checklist items missing in the starter: {json}");
}

#[test]
fn the_starter_builds_and_publishes_every_kind_of_content() {
    let (site, _) = new_site();
    if let Err(failure) = site.build() {
        panic!("the starter did not build:\n{}", crate::support::render(failure));
    }
    // Each kind, as citizens get it: the page exists and shows what the starter wrote.
    let heading = |path: &str| texts(&site.page(path), "main h1").join(" ");
    let expected: BTreeMap<&str, &str> = [
        ("", "Município de Exemplo"),
        ("secretaria/", "Secretaria Municipal de Assistência Social"),
        ("unidades/cras/", "Centro de Referência de Assistência Social (CRAS)"),
        ("estrutura/assessoria-de-atendimento-a-familia/", "Assessoria de Atendimento à Família"),
        ("legislacao/competencias/", "Competências da Secretaria"),
        ("avisos/reuniao-do-cmas/", "Reunião ordinária do Conselho Municipal de Assistência Social"),
        ("programas/cadastro-unico/", "Cadastro Único"),
        ("participacao-social/cmas/", "Conselho Municipal de Assistência Social"),
        ("perguntas-frequentes/o-que-e-o-cras/", "O que é o CRAS?"),
        ("acesso-a-informacao/ouvidoria/", "Ouvidoria Municipal"),
        ("acesso-a-informacao/informacoes-classificadas/", "Informações classificadas"),
        ("servicos/", "Serviços"),
        ("servicos/beneficios-eventuais/", "Benefícios eventuais"),
    ]
    .into_iter()
    .collect();
    for (path, title) in expected {
        assert!(heading(path).contains(title), "{path}: {:?}", heading(path));
    }
    // The pasted law became structure: an inciso with its own anchor.
    let law = site.page("legislacao/competencias/");
    assert!(law.select(&sel("#art1_cpt_inc2")).next().is_some(), "no anchor for Art. 1º, II");
    // The unit's hours and phones are structured: a tel: link.
    let unit = site.page("unidades/secretaria/");
    assert!(unit.select(&sel("a[href^='tel:']")).next().is_some());
    // SIC and privacy carry what the files wrote.
    let sic = site.page("acesso-a-informacao/sic/");
    assert!(sic.select(&sel("a[href='mailto:sic@municipio.example']")).next().is_some());
    let privacy = site.page("privacidade/");
    assert!(privacy.select(&sel("a[href='mailto:lgpd@municipio.example']")).next().is_some());
    // Every example value is marked as such: no real-looking domain slipped in.
    for (path, text) in starter_files(site.root()) {
        for word in text.split(|c: char| c.is_whitespace() || c == '"' || c == '[' || c == ']') {
            if let Some((_, domain)) = word.split_once('@') {
                assert!(domain.ends_with(".example"), "{path}: {word}");
            }
        }
    }
}

fn starter_files(root: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.path().starts_with(root.join("public")))
        .map(|e| (e.path().display().to_string(), std::fs::read_to_string(e.path()).unwrap()))
        .collect()
}

#[test]
fn a_non_empty_folder_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.yaml"), "titulo: Meu site\n").unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/_index.md"), "---\ntitulo: Casa\n---\nTexto meu.\n").unwrap();
    let before = starter_files(dir.path());
    let (code, out, err) = run(&["new", &dir.path().to_string_lossy()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("não está vazia") && err.contains("dica:"), "{err}");
    assert_eq!(starter_files(dir.path()), before);
    let entries = walkdir::WalkDir::new(dir.path()).into_iter().count();
    assert_eq!(entries, 4, "nothing was added");
    // A file where the folder should be is refused too.
    let file = dir.path().join("site.yaml");
    let (code, _, err) = run(&["new", &file.to_string_lossy()]);
    assert_eq!(code, 2);
    assert!(err.contains("não é uma pasta"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "titulo: Meu site\n");
    // An empty name is not the current folder (here one with a note in it and no site).
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("notas.txt"), "minhas notas\n").unwrap();
    let out =
        Command::new(env!("CARGO_BIN_EXE_secretaria")).args(["new", ""]).current_dir(other.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(walkdir::WalkDir::new(other.path()).into_iter().count(), 2, "nothing was added");
}
