//! Parser tests: headings, the LexML chain, numbering, continuation lines,
//! hostile inputs.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice, clippy::panic)]

use super::tests::{assert_ids, assert_kept, check, messages};
use super::*;

#[test]
fn incisos_split_only_when_the_sequence_continues() {
    let t = check(
        "\
Art. 5º Compete:
I - aplicar, nos termos do art. 5º, I, da Lei nº 8.742; I - manter;
II - gerir; IV - apoiar. V. VI - outro;
III. zelar; XX. gerir; III. repetir
",
        "\
Article art5 Art. 5º|
  Caput art5_cpt | Compete:
    Inciso art5_cpt_inc1 I -| aplicar, nos termos do art. 5º, I, da Lei nº 8.742; I - manter;
    Inciso art5_cpt_inc2 II -| gerir; IV - apoiar. V. VI - outro;
    Inciso art5_cpt_inc3 III.| zelar; XX. gerir; III. repetir
",
    );
    assert!(t.warnings.is_empty());
}

#[test]
fn first_inciso_inline_needs_a_colon() {
    check(
        "Compete à Secretaria: I - planejar; II - executar.\n\nVeja o inciso I - nada.",
        "\
Text - | Compete à Secretaria:
Inciso inc1 I -| planejar;
Inciso inc2 II -| executar.
Text - | Veja o inciso I - nada.
",
    );
}

#[test]
fn next_item_after_lettered_items_is_a_sibling() {
    check(
        "1. um:\na) letra;\n2. dois",
        "\
Item ite1 1.| um:
  Alinea ite1_ali1 a)| letra;
Item ite2 2.| dois
",
    );
}

#[test]
fn headings_and_titles() {
    let t = check(
        "\
TÍTULO I
DISPOSIÇÕES GERAIS

CAPÍTULO I - DA FINALIDADE
Art. 1º Esta lei organiza a Secretaria.

CAPÍTULO II

DA ESTRUTURA

Seção I
Do Gabinete
Art. 2º O Gabinete compõe-se de:
I - assessoria;
Subseção I
Art. 3º Texto.
Seção II
Art. 4º Texto.
## Competência do Órgão
Texto livre.
TÍTULO II
Seção I
Art. 5º Texto.
",
        "\
Heading tit1 TÍTULO I| DISPOSIÇÕES GERAIS
  Heading tit1_cap1 CAPÍTULO I -| DA FINALIDADE
    Article art1 Art. 1º|
      Caput art1_cpt | Esta lei organiza a Secretaria.
  Heading tit1_cap2 CAPÍTULO II| DA ESTRUTURA
    Heading tit1_cap2_sec1 Seção I| Do Gabinete
      Article art2 Art. 2º|
        Caput art2_cpt | O Gabinete compõe-se de:
          Inciso art2_cpt_inc1 I -| assessoria;
      Heading tit1_cap2_sec1_sub1 Subseção I|
        Article art3 Art. 3º|
          Caput art3_cpt | Texto.
    Heading tit1_cap2_sec2 Seção II|
      Article art4 Art. 4º|
        Caput art4_cpt | Texto.
      Heading - ##| Competência do Órgão
        Text - | Texto livre.
Heading tit2 TÍTULO II|
  Heading tit2_sec1 Seção I|
    Article art5 Art. 5º|
      Caput art5_cpt | Texto.
",
    );
    assert_eq!(t.find("tit1_cap2").unwrap().name.as_deref(), Some("capítulo II"));
    let toc = render_toc(&t);
    assert_eq!(toc.matches("<li><a href=").count(), 13);
    assert!(toc.contains(
        "<li><a href=\"#tit1_cap2_sec2\">Seção II</a>\n<ol>\n<li><a href=\"#art4\">Art. 4º Texto.</a></li>\n</ol>\n</li>"
    ));
    let articles: Vec<_> = t.articles().iter().map(|a| a.line).collect();
    assert_eq!(articles, [5, 13, 16, 18, 23]);
}

#[test]
fn heading_title_after_blank_only_in_capitals() {
    check("CAPÍTULO I\n\nO texto segue em prosa.", "Heading cap1 CAPÍTULO I|\n  Text - | O texto segue em prosa.\n");
}

#[test]
fn full_lexml_chain_and_paragraphs() {
    let t = check(
        "\
Art. 1º Caput:
I - inciso:
a) alínea:
1. item;
2) item;
b) outra;
§ 1º Primeiro:
I - do parágrafo;
§ 2° Segundo.
Parágrafo único. Único.
Art. 42-A. Acrescido.
Art. único. Só.
",
        "\
Article art1 Art. 1º|
  Caput art1_cpt | Caput:
    Inciso art1_cpt_inc1 I -| inciso:
      Alinea art1_cpt_inc1_ali1 a)| alínea:
        Item art1_cpt_inc1_ali1_ite1 1.| item;
        Item art1_cpt_inc1_ali1_ite2 2)| item;
      Alinea art1_cpt_inc1_ali2 b)| outra;
  Paragraph art1_par1 § 1º| Primeiro:
    Inciso art1_par1_inc1 I -| do parágrafo;
  Paragraph art1_par2 § 2°| Segundo.
  Paragraph art1_par1u Parágrafo único.| Único.
Article art42-1 Art. 42-A.|
  Caput art42-1_cpt | Acrescido.
Article art1u Art. único.|
  Caput art1u_cpt | Só.
",
    );
    assert_eq!(t.find("art1_par2").unwrap().name.as_deref(), Some("§ 2º"));
    assert_eq!(t.find("art42-1").unwrap().name.as_deref(), Some("art. 42-A"));
    assert_eq!(t.find("art1_cpt_inc1_ali1_ite2").unwrap().number, Some(2));
    let articles: Vec<_> = t.articles().iter().map(|a| a.id.clone().unwrap()).collect();
    assert_eq!(articles, ["art1", "art42-1", "art1u"]);
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn repeated_numbering_is_kept_with_unique_anchors_and_warnings() {
    let t = check(
        "\
Art. 28 - Compete:
V - cinco;
VI - seis;
VI - seis de novo;
Art. 30 - Compete:
III - três;
V - cinco;
IV - quatro;
Art. 30 - De novo.
I - um;
",
        "\
Article art28 Art. 28 -|
  Caput art28_cpt | Compete:
    Inciso art28_cpt_inc5 V -| cinco;
    Inciso art28_cpt_inc6 VI -| seis;
    Inciso art28_cpt_inc6_rep2 VI -| seis de novo;
Article art30 Art. 30 -|
  Caput art30_cpt | Compete:
    Inciso art30_cpt_inc3 III -| três;
    Inciso art30_cpt_inc5 V -| cinco;
    Inciso art30_cpt_inc4 IV -| quatro;
Article art30_rep2 Art. 30 -|
  Caput art30_rep2_cpt | De novo.
    Inciso art30_rep2_cpt_inc1 I -| um;
",
    );
    assert_eq!(
        messages(&t),
        [
            (4, "inciso VI repetido no art. 28"),
            (5, "numeração salta do art. 28 para o art. 30"),
            (7, "numeração salta do inciso III para o V no art. 30"),
            (8, "inciso IV fora de ordem (depois do V) no art. 30"),
            (9, "art. 30 repetido"),
        ]
    );
}

#[test]
fn continuation_lines_and_texts_after_blank_lines() {
    check(
        "Art. 5º O Município manterá\nserviços de proteção:\nI - básica;\ncontinuação do inciso.\n\nTexto depois do artigo.\nOutra linha.",
        "\
Article art5 Art. 5º|
  Caput art5_cpt | O Município manterá⏎serviços de proteção:
    Inciso art5_cpt_inc1 I -| básica;⏎continuação do inciso.
Text - | Texto depois do artigo.
Text - | Outra linha.
",
    );
}

#[test]
fn lone_c_d_l_m_are_text_unless_they_continue() {
    let mut law = String::from("Art. 1º Compete:\n");
    for n in 1..=100 {
        law.push_str(&format!("{}. texto;\n", super::roman::to_roman(n)));
    }
    let t = parse(&format!("D. Pedro II fundou a cidade.\nL. Souza\n{law}"));
    assert_eq!(t.provisions[0].kind, ProvisionKind::Text);
    assert_eq!(t.provisions[1].kind, ProvisionKind::Text);
    let c = t.find("art1_cpt_inc100").unwrap();
    assert_eq!(c.label.as_deref(), Some("C."));
    assert!(t.find("art1_cpt_inc50").is_some());
    assert!(t.warnings.is_empty());
}

#[test]
fn hostile_inputs() {
    let inputs = [
        String::new(),
        "\n\n\r\n".into(),
        "MMMMMMMMMCMXCIX. garbage".into(),
        "Art. 99999999999999999999 - enorme".into(),
        "Art. 4294967295 - máximo\nArt. 4294967295 - de novo\n§ 4294967295 x\n§ 4294967295 y".into(),
        format!("Art. {} -", "9".repeat(100_000)),
        "I ".repeat(50_000),
        format!("Art. 1º x: {}", "-A ".repeat(50_000)),
        format!("Art. 1º x: I - a; {}", "II - b; ".repeat(20_000)),
        "Art. 1º\n".repeat(20_000),
        "a)\n1.\n".repeat(20_000),
        "\u{feff}§\u{a0}1º\u{2028}x\r".into(),
    ];
    for input in &inputs {
        let t = parse(input);
        assert_kept(input, &t);
        assert_ids(&t);
    }
    let t = parse("Art. 1º\n".repeat(3).as_str());
    let ids: Vec<_> = t.articles().iter().map(|a| a.id.clone().unwrap()).collect();
    assert_eq!(ids, ["art1", "art1_rep2", "art1_rep3"]);
}
