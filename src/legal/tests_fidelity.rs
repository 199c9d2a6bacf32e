//! Fidelity tests (issue 9, points 8–21): the shapes real pasted acts have.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice, clippy::panic)]

use super::tests::{assert_ids, assert_kept, outline};
use super::*;

/// The body of a fixture page (what follows the front matter).
pub(super) fn body(page: &str) -> &str {
    page.splitn(3, "---\n").nth(2).unwrap_or(page)
}

#[test]
fn print_fixtures() {
    for name in ["artigo-separado", "decreto-fecho", "portaria-incisos", "lei-organica-excerto", "regimento", "citacoes-quebradas", "alteracao", "redacao-anterior", "loas"] {
        let path = format!("{}/tests/fixtures/normas/content/legislacao/{name}.md", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        let t = parse(body(&text));
        println!("=== {name}\n{}", outline(&t));
        for w in &t.warnings { println!("  ! {} {} {:?}", w.line, w.message, w.hint); }
        assert_kept(body(&text), &t);
        assert_ids(&t);
    }
}

#[test]
fn scratch() {
    let input = "Art. 9999999999999999999999999999999999999999\n\"Parágrafo único-A\"\nArt. ";
    let t = parse(input);
    println!("{}", outline(&t));
    assert_kept(input, &t);
}
