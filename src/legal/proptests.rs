//! Property tests: no input panics the parser or the renderer, text is never
//! lost, anchors are always unique and the HTML stays valid.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice, clippy::panic)]

use proptest::prelude::*;

use super::tests::{assert_ids, assert_kept};
use super::tests_html::validate;
use super::*;

/// Pieces of real and broken normative text, so that random inputs hit the
/// markers and the inline splits often.
const VOCAB: &[&str] = &[
    "Art. ",
    "Artigo ",
    "ART.",
    "§ ",
    "§",
    "Parágrafo único",
    "Parágrafo Único –",
    "CAPÍTULO ",
    "Seção ",
    "Subseção ",
    "TÍTULO ",
    "## ",
    "#",
    "I",
    "II",
    "V",
    "X",
    "XVIII",
    "XIX",
    "L",
    "C",
    "D",
    "M",
    "MMMMMMMMMCMXCIX",
    "IIII",
    "99999999999999999999",
    "4294967295",
    "0",
    "1",
    "2",
    "27",
    "42",
    "1.000",
    "-A",
    "-B",
    "º",
    "°",
    "o",
    ".",
    ")",
    " -",
    " –",
    " —",
    "-",
    "–",
    "•",
    ":",
    ";",
    ",",
    " ",
    "  ",
    "\u{a0}",
    "\t",
    "a",
    "b",
    "k",
    "z",
    "único",
    "texto",
    "PETI",
    "CRAS",
    "Programa",
    "compete:",
    "ações;",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "<",
    ">",
    "&",
    "\"",
    "'",
    "é",
    "ç",
    "Ç",
    "\u{2028}",
    "\u{feff}",
    "🙂",
    "#art1",
];

fn normative_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 0..300).prop_map(|parts| parts.concat())
}

fn check_all(input: &str) {
    let t = parse(input);
    assert_kept(input, &t);
    assert_ids(&t);
    for p in t.iter() {
        if let Some(id) = &p.id {
            assert_eq!(t.find(id).map(|f| f.line), Some(p.line));
        }
        assert!(p.line >= 1 && p.line <= input.lines().count().max(1), "line {}", p.line);
    }
    for w in &t.warnings {
        assert!(w.line >= 1 && !w.message.is_empty());
    }
    let page = render_html(&t, input);
    if let Err(e) = validate(&page) {
        panic!("{e}\n{page}");
    }
    assert!(serde_json::to_string(&t).is_ok());
    let _ = render_toc(&t);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings(input in any::<String>()) {
        check_all(&input);
    }

    #[test]
    fn normative_looking_strings(input in normative_text()) {
        check_all(&input);
    }

    #[test]
    fn lines_of_markers(lines in prop::collection::vec(normative_text(), 0..40)) {
        check_all(&lines.join("\n"));
    }
}
