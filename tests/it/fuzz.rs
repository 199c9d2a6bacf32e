//! Fuzzing regressions (issue 8). Every input the fuzzers saved (`fuzz/regressions/TARGET/`:
//! crashes, hangs) and the seed corpus (`fuzz/corpus/TARGET/`) run through their target; the
//! superlinear blow-ups the scaling check found are built here at a size that took seconds
//! before their fix, and what the fix must keep (ids, messages, locations) is asserted.
//! Speed itself is measured by `scripts/fuzz.sh scale`, never by a timed assertion.

use crate::support::*;
use secretaria::diagnostics::{Diagnostic, Severity};
use secretaria::fuzz;
use secretaria::pipeline::{self, BuildOptions, Failure};
use std::path::{Path, PathBuf};

fn saved(folder: &str) -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(folder);
    let mut out = Vec::new();
    for target in fuzz::TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else { continue };
        for entry in entries.filter_map(Result::ok) {
            out.push((target.to_string(), entry.path()));
        }
    }
    out.sort();
    out
}

#[test]
fn every_saved_crash_and_seed_runs_through_its_target() {
    let corpus = saved("corpus");
    assert!(corpus.len() >= fuzz::TARGETS.len(), "{corpus:?}");
    for (target, path) in corpus.iter().chain(&saved("regressions")) {
        let data = std::fs::read(path).unwrap();
        assert!(fuzz::run(target, &data).is_some(), "{}", path.display());
    }
}

/// A site of `files` (path, text) in a temporary folder.
fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

const SITE_YAML: &str = "titulo: Secretaria de Assistência Social\nmunicipio: Perdizes\nuf: MG\nddd: 34\n";

/// Everything `check` reports for the site at `root`, in the order found.
fn diagnostics(root: &Path) -> Vec<Diagnostic> {
    let options = BuildOptions { root: root.to_path_buf(), today: Some(today()), ..BuildOptions::default() };
    match pipeline::check(&options) {
        Ok(summary) => summary.warnings.iter().cloned().collect(),
        Err(Failure::Content(d)) => d.iter().cloned().collect(),
        Err(other) => panic!("{}", render(other)),
    }
}

fn of(found: &[Diagnostic], severity: Severity) -> Vec<&Diagnostic> {
    found.iter().filter(|d| d.severity == severity).collect()
}

fn line(d: &Diagnostic) -> usize {
    d.location.map_or(0, |l| l.line)
}

#[test]
fn thousands_of_bad_phones_and_emails_show_fifty_each_at_their_lines() {
    // Each shown problem is located by scanning the file: 3,000 of them made loading
    // quadratic (a 1 MB unit file took about a minute). Now 50 are shown, the rest counted.
    let mut unit = String::from("nome: CRAS Centro\ntelefones:\n");
    for i in 0..3000 {
        unit.push_str(&format!("  - \"(10) 1{i:07}\"\n"));
    }
    unit.push_str("emails:\n");
    for i in 0..3000 {
        unit.push_str(&format!("  - pessoa{i} sem arroba\n"));
    }
    let dir = site(&[("site.yaml", SITE_YAML), ("content/unidades/cras.yaml", &unit)]);
    let found = diagnostics(dir.path());
    let errors = of(&found, Severity::Error);
    assert_eq!(errors.len(), 51, "{errors:#?}");
    for (i, d) in errors.iter().take(50).enumerate() {
        assert!(d.message.starts_with("telefone inválido"), "{d:?}");
        assert_eq!(line(d), 3 + i, "{d:?}");
        assert!(d.help.is_some());
    }
    assert_eq!(errors[50].message, "e mais 2950 erros neste arquivo");
    assert_eq!(errors[50].file.as_deref(), Some(Path::new("content/unidades/cras.yaml")));
    let warnings: Vec<_> = of(&found, Severity::Warning)
        .into_iter()
        .filter(|d| d.file.as_deref().is_some_and(|f| f.ends_with("cras.yaml")))
        .collect();
    assert_eq!(warnings.len(), 51, "{warnings:#?}");
    assert!(warnings[0].message.starts_with("e-mail inválido"), "{:?}", warnings[0]);
    assert_eq!(line(warnings[0]), 3004);
    assert_eq!(warnings[50].message, "e mais 2950 avisos neste arquivo");
}

#[test]
fn thousands_of_bad_holidays_in_site_yaml_show_fifty() {
    let mut site_yaml = format!("{SITE_YAML}feriados:\n");
    for i in 0..3000 {
        site_yaml.push_str(&format!("  - data: {}/99\n", i % 28 + 1));
    }
    let dir = site(&[("site.yaml", &site_yaml)]);
    let errors: Vec<_> = diagnostics(dir.path()).into_iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 51, "{errors:#?}");
    assert!(errors[0].message.contains("feriado"), "{:?}", errors[0]);
    assert_eq!(line(&errors[0]), 6);
    assert_eq!(errors[50].message, "e mais 2950 erros neste arquivo");
}

#[test]
fn thousands_of_exceptions_written_backwards_load_and_a_repeat_is_reported_once() {
    // Each exception was inserted at the front of the sorted list after a scan of it, and
    // each date of a notice's `datas` was compared with every earlier one: quadratic.
    let date = |i: usize| format!("{:02}/{:02}/{}", i % 28 + 1, (i / 28) % 12 + 1, 2030 + i / 336);
    let mut unit = String::from("nome: CRAS Centro\nhorario:\n  seg-sex: 08:00-17:00\nexcecoes:\n");
    for i in (0..6000).rev() {
        unit.push_str(&format!("  - data: {}\n    horario: fechado\n", date(i)));
    }
    unit.push_str(&format!("  - data: {}\n    horario: 08:00-12:00\n", date(4000)));
    let mut notice = String::from("---\ntitulo: Reuniões do conselho\ntipo: reuniao\nhorario: 14:00\ndatas:\n");
    for i in 0..6000 {
        notice.push_str(&format!("  - {}\n", date(i)));
    }
    notice.push_str("---\nPauta.\n");
    let dir = site(&[
        ("site.yaml", SITE_YAML),
        ("content/unidades/cras.yaml", &unit),
        ("content/avisos/reunioes.md", &notice),
    ]);
    let errors: Vec<_> = diagnostics(dir.path()).into_iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].message, format!("a data {} aparece em duas exceções", date(4000)));
    // Reported once, for the later entry; located by its text, where the date is first written.
    assert_eq!(line(&errors[0]), 5 + 2 * (5999 - 4000), "{:?}", errors[0]);
}

#[test]
fn a_notice_date_written_twice_is_found_among_thousands() {
    let mut notice = String::from("---\ntitulo: Reuniões\ntipo: reuniao\ndatas:\n");
    for i in 0..5000 {
        notice.push_str(&format!("  - {:02}/{:02}/{}\n", i % 28 + 1, (i / 28) % 12 + 1, 2030 + i / 336));
    }
    notice.push_str("  - 01/01/2030\n---\n");
    let dir = site(&[("site.yaml", SITE_YAML), ("content/avisos/reunioes.md", &notice)]);
    let errors: Vec<_> = diagnostics(dir.path()).into_iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].message, "a data 01/01/2030 aparece duas vezes em `datas`");
    assert_eq!(errors[0].help.as_deref(), Some("apague uma das duas (itens 1 e 5001)"));
}

#[test]
fn a_yaml_file_of_thousands_of_unknown_keys_shows_fifty() {
    // Repeated keys were counted by scanning the keys before each one: quadratic.
    let mut unit = String::from("nome: CRAS\n");
    for i in 0..20_000 {
        unit.push_str(&format!("chave{i}: valor\n"));
    }
    let dir = site(&[("site.yaml", SITE_YAML), ("content/unidades/cras.yaml", &unit)]);
    let errors: Vec<_> = diagnostics(dir.path()).into_iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 51, "{errors:#?}");
    assert_eq!((errors[0].message.as_str(), line(&errors[0])), ("chave desconhecida: `chave0`", 2));
    assert_eq!(errors[50].message, "e mais 19950 erros neste arquivo");
}

#[test]
fn thousands_of_headings_with_one_text_get_numbered_ids() {
    // Each repeated heading tried `secao-2`, `secao-3`… from the start: quadratic (100 KB of
    // `# Seção` took 5 s to render).
    let mut page = String::from("---\ntitulo: Seções\n---\n");
    for _ in 0..8000 {
        page.push_str("# Seção\n\n");
    }
    page.push_str("# Seção {#secao-9000}\n\n# Seção\n");
    let dir = site(&[("site.yaml", SITE_YAML), ("content/secoes.md", &page)]);
    let options = BuildOptions { root: dir.path().to_path_buf(), today: Some(today()), ..BuildOptions::default() };
    pipeline::build(&options).unwrap_or_else(|f| panic!("{}", render(f)));
    let html = std::fs::read_to_string(dir.path().join("public/secoes/index.html")).unwrap();
    let html = scraper::Html::parse_document(&html);
    let ids = attrs(&html, "main h2", "id");
    assert_eq!(ids.len(), 8002);
    assert_eq!(&ids[..3], ["secao", "secao-2", "secao-3"]);
    assert_eq!(ids[7999], "secao-8000");
    assert_eq!(&ids[8000..], ["secao-9000", "secao-8001"]);
}
