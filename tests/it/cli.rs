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
