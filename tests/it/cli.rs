//! The binary: exit codes 0/1/2, the summary line, Portuguese messages.

use crate::support::*;
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_secretaria")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn build_succeeds_with_summary_line() {
    let site = TestSite::fixture("nova-cruz");
    let root = site.root().to_string_lossy().to_string();
    let (code, out, err) = run(&["--root", &root, "build"]);
    assert_eq!(code, 0, "{err}");
    let summary = out.lines().last().unwrap_or("");
    assert!(summary.contains(" páginas geradas em ") && summary.contains(" ms"), "{summary}");
}

#[test]
fn content_errors_exit_1_with_file_line_and_hint() {
    let root = fixtures().join("invalid/hora-25").to_string_lossy().to_string();
    let (code, _, err) = run(&["--root", &root, "check"]);
    assert_eq!(code, 1);
    assert!(err.contains("content/unidades/secretaria.yaml:9:"), "{err}");
    assert!(err.contains("dica:"), "{err}");
    assert!(err.contains("1 erro encontrado"), "{err}");
}

#[test]
fn usage_errors_exit_2_and_help_is_portuguese() {
    let (code, _, _) = run(&["build", "--nao-existe"]);
    assert_eq!(code, 2);
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Gera o site em public/"), "{out}");
}

#[test]
fn missing_site_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&["--root", &dir.path().to_string_lossy(), "build"]);
    assert_eq!(code, 2);
    assert!(err.contains("site.yaml não encontrado"), "{err}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "a folder without a site is left as it was: {left:?}");
}

/// `--format json`: one document on stdout, parsed by a real parser, that says the same as
/// the terminal report (file, line, column, code, severity, message, hint), and that reads
/// back into the same diagnostics.
#[test]
fn json_format_is_one_parseable_document() {
    use secretaria::diagnostics::json::{Document, Record};
    let root = fixtures().join("invalid/varios-erros").to_string_lossy().to_string();
    let (code, out, err) = run(&["--root", &root, "check", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let first = &value["diagnosticos"][0];
    assert_eq!(first["file"], "content/avisos/reuniao.md");
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(4), Some(9)));
    assert_eq!(first["code"], "S0301");
    assert_eq!(first["severity"], "error");
    assert!(first["message"].as_str().unwrap().starts_with("data inválida"), "{first}");
    assert!(first["hint"].as_str().unwrap().contains("DD/MM/AAAA"), "{first}");
    assert_eq!(value["erros"], 3);
    let document: Document = serde_json::from_str(&out).unwrap();
    let again: Document = serde_json::from_str(&serde_json::to_string(&document).unwrap()).unwrap();
    assert_eq!(document, again);
    let records: Vec<&Record> = document.diagnosticos.iter().collect();
    assert_eq!(records.len(), 3);
    // The text report names the same codes.
    let (_, _, text) = run(&["--root", &root, "check"]);
    for record in &document.diagnosticos {
        assert!(text.contains(&format!("erro[{}]: {}", record.code.id(), record.message)), "{text}");
    }
    // build too, and a successful build still prints a document.
    let site = TestSite::fixture("nova-cruz");
    let (code, out, err) = run(&["--root", &site.root().to_string_lossy(), "build", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let document: Document = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(document.erros, 0);
    assert!(err.contains("páginas geradas"), "{err}");
}
