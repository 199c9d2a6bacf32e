//! Fidelity tests (issue 9, points 8–21): the shapes real pasted acts have. The fixture
//! pages of `tests/fixtures/normas` are parsed here too, and their published HTML is
//! checked for validity; the integration tests (tests/it/legal.rs) check the built site.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice, clippy::panic)]

use super::tests::{assert_ids, assert_kept, check, messages};
use super::tests_html::validate;
use super::*;

/// The body of a fixture page (what follows the front matter).
pub(super) fn body(page: &str) -> &str {
    page.splitn(3, "---\n").nth(2).unwrap_or(page)
}

#[test]
fn every_fixture_keeps_its_text_with_unique_ids_and_valid_html() {
    let dir = format!("{}/tests/fixtures/normas/content/legislacao", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(dir).unwrap() {
        let page = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let t = parse(body(&page));
        assert_kept(body(&page), &t);
        assert_ids(&t);
        let html = render_html(&t, "x");
        validate(&html).unwrap_or_else(|e| panic!("{e}\n{html}"));
    }
}

#[test]
fn a_label_alone_takes_the_text_after_blank_lines() {
    check(
        "Art. 124.\n\nO Município prestará:\n\nI – proteção;\n\n§ 1º\n\nTexto do parágrafo.\n\nTexto solto.",
        "\
Article art124 Art. 124.|
  Caput art124_cpt | O Município prestará:
    Inciso art124_cpt_inc1 I –| proteção;
  Paragraph art124_par1 § 1º| Texto do parágrafo.
Text - | Texto solto.
",
    );
}

#[test]
fn closings_with_and_without_markers() {
    // The editor's marker where nothing in the text shows the closing.
    let t = check(
        "Art. 1º Texto.\n<!-- fecho -->\nGabinete do Prefeito\nMARIA DE SOUZA\nPrefeita Municipal",
        "\
Article art1 Art. 1º|
  Caput art1_cpt | Texto.
Closing - |
  Text - | Gabinete do Prefeito
  Signature - MARIA DE SOUZA| Prefeita Municipal
",
    );
    assert!(t.warnings.is_empty());
    // An article after a closing: a warning that shows the norm marker.
    let t = parse("Art. 1º Texto.\nPerdizes, 1º de março de 2024.\nArt. 2º Outro.");
    assert_eq!(messages(&t), [(3, "artigo depois do fecho da norma")]);
    assert!(t.warnings[0].hint.as_deref().unwrap().contains("<!-- norma:"));
    // No closing before the first article, nor for a citation of a date.
    let t = parse("Perdizes, 1º de março de 2024.\nArt. 1º Fica revogada a Lei nº 1, de 10 de junho de 2020.");
    assert_eq!(t.provisions[0].kind, ProvisionKind::Text);
    assert!(t.iter().all(|p| p.kind != ProvisionKind::Closing));
}

#[test]
fn amendments_nest_and_unclosed_quotes_are_reported() {
    let t = check(
        "Art. 1º O art. 5º passa a vigorar acrescido do seguinte § 3º:\n“§ 3º Texto novo.” (NR)\nArt. 2º Vigência.",
        "\
Article art1 Art. 1º|
  Caput art1_cpt | O art. 5º passa a vigorar acrescido do seguinte § 3º:
    Amendment art1_cpt_alt1 | “§ 3º Texto novo.” (NR)
Article art2 Art. 2º|
  Caput art2_cpt | Vigência.
",
    );
    assert!(t.warnings.is_empty());
    let t = parse("Art. 1º Altera:\n“Art. 7º Texto sem fim.\nI - um;\nArt. 2º Vigência.");
    assert_eq!(messages(&t), [(2, "texto de alteração aberto com aspas e não fechado")]);
    assert_eq!(t.articles().len(), 2);
    // A quote outside an article is plain text.
    assert_eq!(parse("“Art. 1º citado.”").provisions[0].kind, ProvisionKind::Text);
}

#[test]
fn superseded_paragraphs_and_unnamed_norms() {
    let t = check(
        "Art. 5º Texto.\n<!-- redação anterior -->\n§ 1º Antigo.\n§ 1º Novo.\n<!-- norma -->\nArt. 1º Outro.",
        "\
Article art5 Art. 5º|
  Caput art5_cpt | Texto.
  Paragraph art5_par1_anterior § 1º| Antigo.
  Paragraph art5_par1 § 1º| Novo.
Norm norma2 |
  Article norma2_art1 Art. 1º|
    Caput norma2_art1_cpt | Outro.
",
    );
    assert_eq!(t.find("art5_par1_anterior").unwrap().status, Some(Status::Superseded));
    assert_eq!(messages(&t), [(5, "norma sem nome no marcador <!-- norma -->")]);
    let html = render_fragment(&t);
    validate(&html).unwrap();
    assert!(html.contains("<section class=\"norma-parte\" id=\"norma2\" aria-label=\"norma 2\">"));
}

#[test]
fn repeats_get_a_hint_and_never_a_lettered_looking_id() {
    let t = parse("Art. 12. Antigo.\nArt. 12. Novo.\n§ 1º Um.\n§ 1º De novo.");
    let ids: Vec<_> = t.iter().filter_map(|p| p.id.clone()).collect();
    assert!(ids.contains(&"art12_rep2".to_string()) && !ids.iter().any(|i| i.contains("-")), "{ids:?}");
    assert_eq!(messages(&t), [(2, "art. 12 repetido"), (4, "§ 1º repetido no art. 12")]);
    assert!(t.warnings.iter().all(|w| w.hint.as_deref().is_some_and(|h| h.contains("<!-- redação anterior -->"))));
}

#[test]
fn lists_ending_in_e_or_ou_and_heading_names_over_two_lines() {
    check(
        "CAPÍTULO IV\n\nDos Benefícios e dos Projetos de\nAssistência Social\nArt. 20-B. Aspectos:\nI - o grau; e\nII - a dependência.",
        "\
Heading cap4 CAPÍTULO IV| Dos Benefícios e dos Projetos de⏎Assistência Social
  Article art20-2 Art. 20-B.|
    Caput art20-2_cpt | Aspectos:
      Inciso art20-2_cpt_inc1 I -| o grau; e
      Inciso art20-2_cpt_inc2 II -| a dependência.
",
    );
}

#[test]
fn status_reaches_the_article_and_the_link_label() {
    let t = parse("Art. 14. (Revogado).\nArt. 15. (VETADO)\nArt. 16. Revogada a Lei nº 1.234.");
    let status: Vec<_> = t.articles().iter().map(|a| a.status).collect();
    assert_eq!(status, [Some(Status::Revoked), Some(Status::Vetoed), None]);
    let html = render_fragment(&t);
    assert!(html.contains("<div class=\"artigo revogado\" id=\"art14\" data-situacao=\"revogado\">"), "{html}");
    assert!(html.contains("aria-label=\"Link para o art. 15 (vetado)\""));
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(json["provisions"][0]["status"], "revoked");
    assert!(json["provisions"][2].get("status").is_none());
}
