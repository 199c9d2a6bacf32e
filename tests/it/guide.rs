//! The editors' guide (docs/guia, issue 13 item 2): it builds with no `check` finding at all,
//! `secretaria ajuda` builds the embedded copy offline with one page per diagnostic code, and
//! `--help` points to it.

use scraper::Html;
use secretaria::diagnostics::json::Document;
use secretaria::diagnostics::Code;
use std::path::Path;
use std::process::Command;

use crate::support::{sel, texts};

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_secretaria")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_guide_in_docs_has_no_check_finding() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guia");
    let (code, out, err) = run(&["--root", &root.to_string_lossy(), "check", "--strict", "--format", "json"]);
    let document: Document = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    assert_eq!((document.erros, document.avisos), (0, 0), "{out}");
    assert_eq!(code, 0, "{err}");
}

#[test]
fn ajuda_builds_the_embedded_guide_with_a_page_per_code() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("guia");
    let (code, out, err) = run(&["ajuda", "--sem-servidor", "--pasta", &guide.to_string_lossy()]);
    assert_eq!(code, 0, "{out}{err}");
    let public = guide.join("public");
    assert!(out.contains(&public.display().to_string()), "{out}");
    assert!(out.contains(&format!("secretaria --root {} serve --open", guide.display())), "{out}");
    let page = |rel: &str| Html::parse_document(&std::fs::read_to_string(public.join(rel)).unwrap());
    let index = page("diagnosticos/index.html");
    let listed: Vec<String> = texts(&index, "main table a");
    for code in Code::ALL {
        let html = page(&format!("diagnosticos/{}/index.html", code.id().to_lowercase()));
        let title = texts(&html, "main h1").join(" ");
        assert!(title.contains(code.id()) && title.contains(&code.title().replace('`', "")), "{title}");
        // The message as the terminal prints it, the cause and the fix.
        let shown = texts(&html, "main pre").join(" ");
        assert!(shown.contains(&format!("[{}]", code.id())), "{}: {shown}", code.id());
        let headings = texts(&html, "main h2");
        assert!(headings.iter().any(|h| h.contains("Por que")) && headings.iter().any(|h| h.contains("Como corrigir")));
        assert!(listed.iter().any(|l| l.trim() == code.id()), "{} not in the list", code.id());
    }
    // The hand-written pages are there too.
    for rel in
        ["escrever/leis/index.html", "escrever/horarios-telefones-datas/index.html", "publicar/publicar/index.html"]
    {
        assert!(page(rel).select(&sel("main h1")).next().is_some(), "{rel}");
    }
    // A non-empty folder is refused, as with `new`.
    let (code, _, err) = run(&["ajuda", "--sem-servidor", "--pasta", &guide.to_string_lossy()]);
    assert_eq!(code, 2);
    assert!(err.contains("não está vazia"), "{err}");
}

#[test]
fn help_points_to_the_guide_and_to_new() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("secretaria ajuda") && out.contains("secretaria new PASTA"), "{out}");
}
