//! Line classification.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice, clippy::panic)]

use super::*;

/// (kind, label, rest) of a line, for compact assertions.
fn parts(line: &str) -> (&'static str, String, String) {
    match classify(line) {
        Line::Blank => ("blank", String::new(), String::new()),
        Line::MdHeading { marks, title } => ("md", marks.into(), title.into()),
        Line::Heading { label, title, .. } => ("heading", label.into(), title.into()),
        Line::Article { label, rest, .. } => ("art", label.into(), rest.into()),
        Line::Paragraph { label, rest, .. } => ("par", label.into(), rest.into()),
        Line::Inciso { label, rest, .. } => ("inc", label.into(), rest.into()),
        Line::Alinea { label, rest, .. } => ("ali", label.into(), rest.into()),
        Line::Item { label, rest, .. } => ("ite", label.into(), rest.into()),
        Line::Bullet { label, rest } => ("bullet", label.into(), rest.into()),
        Line::Text(t) => ("text", String::new(), t.into()),
        Line::Comment(_) => ("comment", String::new(), String::new()),
    }
}

fn check(line: &str, kind: &str, label: &str, rest: &str) {
    assert_eq!(parts(line), (kind, label.to_string(), rest.to_string()), "{line:?}");
}

#[test]
fn articles() {
    check("Art. 27 - Ao Chefe", "art", "Art. 27 -", "Ao Chefe");
    check("Art. 27 – À Assessoria", "art", "Art. 27 –", "À Assessoria");
    check("Art. 27. Texto", "art", "Art. 27.", "Texto");
    check("Art. 1º Esta lei", "art", "Art. 1º", "Esta lei");
    check("Art. 1° Esta lei", "art", "Art. 1°", "Esta lei");
    check("Art. 1o Esta lei", "art", "Art. 1o", "Esta lei");
    check("Art. 10. Texto", "art", "Art. 10.", "Texto");
    check("Artigo 3 Texto", "art", "Artigo 3", "Texto");
    check("Artigo 3º - Texto", "art", "Artigo 3º -", "Texto");
    check("Art. 42-A. Texto", "art", "Art. 42-A.", "Texto");
    check("ART. 5º TEXTO", "art", "ART. 5º", "TEXTO");
    check("Art. 1.000 - Texto", "art", "Art. 1.000 -", "Texto");
    check("Art. único. Texto", "art", "Art. único.", "Texto");
    check("Art.7º Texto", "art", "Art.7º", "Texto");
    check("Art. 5º", "art", "Art. 5º", "");
    let Line::Article { num, .. } = classify("Art. 42-A. x") else { panic!() };
    assert_eq!((num.value, num.digits.as_str(), num.suffix.as_str()), (Some(42), "42", "A"));
    let Line::Article { num, .. } = classify("Art. 1.000 - x") else { panic!() };
    assert_eq!(num.value, Some(1000));
}

#[test]
fn not_articles() {
    check("Artesanato local", "text", "", "Artesanato local");
    check("Art. 5º, I, da Lei", "text", "", "Art. 5º, I, da Lei");
    // Lower-case "art." is a citation wrapped onto a new line, never an article.
    check("art. 19. (Incluído pela Lei nº 12.435)", "text", "", "art. 19. (Incluído pela Lei nº 12.435)");
    check("art. 195 da Constituição", "text", "", "art. 195 da Constituição");
    check("Arte 5", "text", "", "Arte 5");
    check("Art. X", "text", "", "Art. X");
    let Line::Article { num, .. } = classify("Art. 99999999999999999999 - x") else { panic!() };
    assert_eq!((num.value, num.digits.as_str()), (None, "99999999999999999999"));
    let Line::Article { num, .. } = classify(&format!("Art. {} - x", "9".repeat(500))) else { panic!() };
    assert_eq!(num.digits.len(), 20);
}

#[test]
fn paragraphs() {
    check("§ 1º Texto", "par", "§ 1º", "Texto");
    check("§ 2° Texto", "par", "§ 2°", "Texto");
    check("§1º Texto", "par", "§1º", "Texto");
    check("§ 10. Texto", "par", "§ 10.", "Texto");
    check("Parágrafo único. Texto", "par", "Parágrafo único.", "Texto");
    check("Parágrafo Único – Compõe", "par", "Parágrafo Único –", "Compõe");
    check("Parágrafo único - Texto", "par", "Parágrafo único -", "Texto");
    check("PARÁGRAFO ÚNICO Texto", "par", "PARÁGRAFO ÚNICO", "Texto");
    check("Paragrafo unico: Texto", "par", "Paragrafo unico:", "Texto");
    check("Parágrafo segundo", "text", "", "Parágrafo segundo");
    check("§ único", "text", "", "§ único");
}

#[test]
fn incisos() {
    check("I. desenvolver", "inc", "I.", "desenvolver");
    check("I - em consonância", "inc", "I -", "em consonância");
    check("V- exercer", "inc", "V-", "exercer");
    check("IV – desempenhar", "inc", "IV –", "desempenhar");
    check("II) coordenar", "inc", "II)", "coordenar");
    check("III — prevenir", "inc", "III —", "prevenir");
    check("XVIII. gerir", "inc", "XVIII.", "gerir");
    check("VIII CONFERENCIA MUNICIPAL", "text", "", "VIII CONFERENCIA MUNICIPAL");
    check("IIII. x", "text", "", "IIII. x");
    check("MMMMMMMMMCMXCIX. x", "text", "", "MMMMMMMMMCMXCIX. x");
    check("I.B.G.E. informa", "text", "", "I.B.G.E. informa");
}

#[test]
fn alineas_items_bullets() {
    check("a) texto", "ali", "a)", "texto");
    check("a. texto", "ali", "a.", "texto");
    check("a - texto", "ali", "a -", "texto");
    check("\u{a0}a.\u{a0} O atendimento", "ali", "a.", "O atendimento");
    check(" a.  O atendimento", "ali", "a.", "O atendimento");
    check("k.  A gestão", "ali", "k.", "A gestão");
    check("a.C. texto", "text", "", "a.C. texto");
    check("1. O planejamento", "ite", "1.", "O planejamento");
    check("1) texto", "ite", "1)", "texto");
    check("1 - texto", "ite", "1 -", "texto");
    check("2019 - Conferência", "text", "", "2019 - Conferência");
    check("1.700 pessoas", "text", "", "1.700 pessoas");
    check("- Programa", "bullet", "-", "Programa");
    check("-Coordenadoria", "bullet", "-", "Coordenadoria");
    check("  • Oportunizar", "bullet", "•", "Oportunizar");
    check("-5 graus", "text", "", "-5 graus");
    // Incisos, alíneas and paragraphs written as Markdown bullets are what they say.
    check("- I - texto;", "inc", "I -", "texto;");
    check("* a) texto;", "ali", "a)", "texto;");
    check("+ § 1º Texto", "par", "§ 1º", "Texto");
    check("* Programa", "bullet", "*", "Programa");
    check("*ênfase*", "text", "", "*ênfase*");
    check("<!-- norma: Lei 1 -->", "comment", "", "");
    check("<!-- aberto", "text", "", "<!-- aberto");
    check("--", "text", "", "--");
}

#[test]
fn headings() {
    check("CAPÍTULO II", "heading", "CAPÍTULO II", "");
    check("CAPÍTULO II - DA ESTRUTURA", "heading", "CAPÍTULO II -", "DA ESTRUTURA");
    check("Capítulo I Das Disposições", "heading", "Capítulo I", "Das Disposições");
    check("Seção I", "heading", "Seção I", "");
    check("SUBSEÇÃO II", "heading", "SUBSEÇÃO II", "");
    check("TÍTULO I", "heading", "TÍTULO I", "");
    check("Titulo 2", "heading", "Titulo 2", "");
    check("CAPÍTULO ÚNICO", "heading", "CAPÍTULO ÚNICO", "");
    check("Seção de Protocolo", "text", "", "Seção de Protocolo");
    check("Capítulos I", "text", "", "Capítulos I");
    check("## Competência do Órgão", "md", "##", "Competência do Órgão");
    check("#hashtag", "text", "", "#hashtag");
    check("####### sete", "text", "", "####### sete");
    check("   \u{a0} ", "blank", "", "");
}

#[test]
fn list_separators() {
    assert_eq!(list_sep(". x", false), Some(1));
    assert_eq!(list_sep(") x", false), Some(1));
    assert_eq!(list_sep(" - x", false), Some(2));
    assert_eq!(list_sep("  – x", false), Some(5));
    assert_eq!(list_sep("-x", false), None);
    assert_eq!(list_sep("-x", true), Some(1));
    assert_eq!(list_sep(", x", true), None);
    assert_eq!(list_sep(".x", true), None);
    assert_eq!(list_sep("", true), None);
}

#[test]
fn folding() {
    assert_eq!("TÍTULO".chars().map(fold).collect::<String>(), "titulo");
    assert_eq!("SEÇÃO".chars().map(fold).collect::<String>(), "secao");
    assert!(is_upper("DA ESTRUTURA"));
    assert!(!is_upper("Da Estrutura"));
    assert!(!is_upper("123"));
}
