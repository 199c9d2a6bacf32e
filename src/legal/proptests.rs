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
    // Issue 9: markers, quotes, closings, annotations, links, bullets, lower-case citations.
    "<!-- norma: Lei nº 1.234 -->",
    "<!-- norma -->",
    "<!-- redação anterior -->",
    "<!-- fecho -->",
    "<!--",
    "-->",
    "“",
    "”",
    "” (NR)",
    "«",
    "(Revogado)",
    "(VETADO)",
    "(Redação dada pela Lei nº 12.435, de 2011)",
    "(",
    ")",
    "Perdizes/MG, 10 de junho de 2025.",
    "Publique-se.",
    "JOÃO DA SILVAPrefeito Municipal",
    "Prefeito Municipal",
    "DECRETA:",
    "RESOLVE:",
    "art. 19.",
    "art.",
    "§ 2º-A",
    "; e",
    "[PDF](https://a.gov.br/x.pdf)",
    "<https://a.gov.br>",
    "https://a.gov.br/x).",
    "[",
    "](",
    "- I - ",
    "* ",
    "Das Disposições de",
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

/// Citation phrases that hard wrapping may put at the start of a line.
const PHRASES: &[&str] = &[
    "nos termos do art. 19 desta Lei",
    "observado o § 2º deste artigo",
    "na forma do Capítulo III desta Lei",
    "conforme o inciso II do caput",
    "de que trata a alínea a do inciso I",
    "previsto no art. 20-B",
    "o benefício de prestação continuada",
    "a proteção à família, à maternidade e à infância",
    "segundo o item 24 do anexo",
    "com 65 (sessenta e cinco) anos ou mais",
];

/// One provision's text: phrases joined by commas, sometimes an annotation, then `end`.
fn sentence(end: &'static str) -> impl Strategy<Value = String> {
    (prop::collection::vec(prop::sample::select(PHRASES), 1..6), any::<bool>()).prop_map(move |(parts, note)| {
        let mut s = parts.join(", ");
        s.push_str(end);
        if note {
            s.push_str(" (Incluído pela Lei nº 12.435, de 2011)");
        }
        s
    })
}

/// A law written one provision per line: articles with a caput ending in ":", incisos
/// ending in ";" (the last in "."), alíneas, and paragraphs.
fn law() -> impl Strategy<Value = String> {
    let article = (
        sentence(":"),
        prop::collection::vec((sentence(";"), prop::collection::vec(sentence(";"), 0..3)), 1..4),
        prop::collection::vec(sentence("."), 0..3),
    );
    prop::collection::vec(article, 1..6).prop_map(|articles| {
        let mut out = String::from("CAPÍTULO I\n\nDas Disposições Gerais\n\n");
        for (n, (caput, incisos, paragraphs)) in articles.into_iter().enumerate() {
            out.push_str(&format!("Art. {}º {caput}\n", n + 1));
            for (i, (text, alineas)) in incisos.into_iter().enumerate() {
                out.push_str(&format!("{} - {text}\n", to_roman(u32::try_from(i).unwrap() + 1)));
                for (a, text) in alineas.into_iter().enumerate() {
                    out.push_str(&format!("{}) {text}\n", char::from(b'a' + u8::try_from(a).unwrap())));
                }
            }
            for (p, text) in paragraphs.into_iter().enumerate() {
                out.push_str(&format!("§ {}º {text}\n", p + 1));
            }
        }
        out
    })
}

/// Every line hard-wrapped at `width` columns, as text copied from a PDF.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut current = String::new();
        for word in line.split_whitespace() {
            if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&current);
                out.push('\n');
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(&current);
        out.push('\n');
    }
    out
}

/// kind, id, label, text, status, children (as a string).
type Shape = (ProvisionKind, Option<String>, Option<String>, String, Option<Status>, String);

/// The tree without line numbers and with whitespace in texts normalised.
fn shape(nodes: &[Provision]) -> Vec<Shape> {
    let mut out = Vec::new();
    for p in nodes {
        let text = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let children = format!("{:?}", shape(&p.children));
        out.push((p.kind, p.id.clone(), p.label.clone(), text, p.status, children));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Point 16: hard wrapping at 50–80 columns never changes the tree, whatever citation
    /// a wrapped line begins with.
    #[test]
    fn hard_wrapping_keeps_the_tree(text in law(), width in 50usize..80) {
        let one = parse(&text);
        let wrapped = wrap(&text, width);
        let hard = parse(&wrapped);
        prop_assert_eq!(shape(&hard.provisions), shape(&one.provisions), "{}", wrapped);
        prop_assert_eq!(hard.warnings.len(), one.warnings.len());
        check_all(&wrapped);
    }

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
