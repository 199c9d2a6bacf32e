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

#[test]
fn a_reader_that_goes_away_stops_the_report_without_a_panic() {
    let site = TestSite::fixture("nova-cruz");
    let root = site.root().to_string_lossy().to_string();
    for command in ["build", "check"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_secretaria"))
            .args(["--root", &root, command])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // `| head -0`: the reader closes before the report is printed.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{command}: {err}");
        assert_eq!(out.status.code(), Some(141), "{command}: {err}");
    }
}

/// The seconds of a `--timings` row ("  Markdown      0,012 s").
fn seconds(line: &str) -> Option<f64> {
    let value = line.trim_end().strip_suffix(" s")?.rsplit(' ').next()?;
    value.replace(',', ".").parse().ok()
}

#[test]
fn build_timings_show_every_stage_and_kind_of_work_and_they_add_up() {
    let site = TestSite::fixture("lagoa-serena");
    let root = site.root().to_string_lossy().to_string();
    let (code, out, err) = run(&["--root", &root, "build", "--timings"]);
    assert_eq!(code, 0, "{err}");
    let (stages, work) = out.split_once("Dentro da geração").expect("the work table");
    let rows = |table: &str| -> Vec<(String, f64)> {
        table
            .lines()
            .filter(|l| l.starts_with("  "))
            .filter_map(|l| Some((l.trim_start().split("  ").next()?.to_owned(), seconds(l)?)))
            .collect()
    };
    for (table, labels) in [
        (
            rows(stages),
            &["leitura dos arquivos", "plano de saída", "geração (em paralelo)", "publicação (troca da pasta)"][..],
        ),
        (rows(work), &["Markdown", "minificação", "busca", "sitemap, feeds e dados abertos", "gravação"][..]),
    ] {
        for label in labels {
            assert!(table.iter().any(|(l, _)| l.starts_with(label)), "{label} missing in {table:?}\n{out}");
        }
        let (total, parts) = table.split_last().expect("rows");
        assert_eq!(total.0, "total", "{out}");
        let sum: f64 = parts.iter().map(|(_, s)| s).sum();
        // Each row is rounded to the millisecond.
        assert!((sum - total.1).abs() <= 0.001 * parts.len() as f64, "{sum} vs {}\n{out}", total.1);
        assert!(parts.iter().any(|(_, s)| *s > 0.0), "{out}");
    }
    // Without the option, no table.
    let (_, out, _) = run(&["--root", &root, "build"]);
    assert!(!out.contains("Tempos da geração"), "{out}");
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
