//! Normative text published as structure: LexML anchors a citizen can link to, the
//! assessorias' attributions taken from their article, the norm's URN, numbering warnings.

use crate::support::*;
use std::collections::BTreeSet;

#[test]
fn a_citizen_can_link_to_one_inciso_of_one_article() {
    let site = TestSite::built("perdizes");
    let law = site.page("legislacao/competencias/");
    let inciso = law.select(&sel("#art28_cpt_inc2")).next().expect("art28_cpt_inc2");
    let text = normalise(&inciso.text().collect::<String>());
    assert!(text.starts_with("II. coordenar a execução e o monitoramento dos serviços"), "{text}");
    let self_link = attrs(&law, "#art28_cpt_inc2 > a.ancora", "aria-label");
    assert_eq!(self_link, vec!["Link para o inciso II do art. 28"]);
    // Competences before the first article and the parágrafo único that lists the assessorias.
    assert!(law.select(&sel("#inc19")).next().is_some());
    assert!(law.select(&sel("#par1u_inc7")).next().is_some());
    // Incisos XVII and XVIII shared one line in the seed; they are two provisions now.
    assert!(texts(&law, "#inc17").join("").contains("Programas vinculados;"));
    assert!(texts(&law, "#inc18").join("").starts_with("XVIII. gerir o(s) Conselho(s)"));
    // The tree is published as JSON beside the page.
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.output().join("legislacao/competencias/estrutura.json")).unwrap(),
    )
    .unwrap();
    assert!(json["provisions"].as_array().is_some_and(|p| !p.is_empty()));
}

#[test]
fn anchors_are_unique_on_every_page() {
    for (name, path) in valid_sites() {
        let site = TestSite::copy(&path);
        site.build().map_err(render).unwrap();
        for file in site.html_files() {
            let html = site.page(&file);
            let ids = attrs(&html, "[id]", "id");
            let unique: BTreeSet<&String> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len(), "{name} {file}: duplicate ids");
            // Every in-page link points at an id that exists.
            for href in attrs(&html, "a[href^='#']", "href") {
                assert!(ids.iter().any(|id| *id == href[1..]), "{name} {file}: dangling {href}");
            }
        }
    }
}

#[test]
fn nova_cruz_inline_lists_and_incisos_become_structure() {
    let site = TestSite::built("nova-cruz");
    let law = site.page("legislacao/atribuicoes/");
    let items = texts(&law, "#art42 li[id^='art42_cpt_ite']");
    assert_eq!(items.len(), 19, "{items:?}");
    assert!(items[0].contains("Coordenadoria Administrativa"), "{}", items[0]);
    for n in 1..=5 {
        assert!(law.select(&sel(&format!("#art43_cpt_inc{n}"))).next().is_some(), "inciso {n}");
    }
}

#[test]
fn dourados_numbered_competences_keep_their_lettered_items() {
    let site = TestSite::built("dourados");
    let law = site.page("legislacao/competencias/");
    for id in ["ite1", "ite4", "ite4_ali1", "ite4_ali11"] {
        assert!(law.select(&sel(&format!("#{id}"))).next().is_some(), "{id}");
    }
    assert!(texts(&law, "#ite4_ali11").join("").contains("A gestão financeira e contábil"));
}

#[test]
fn assessoria_publishes_the_incisos_of_its_article_and_links_back() {
    let site = TestSite::built("perdizes");
    let page = site.page("estrutura/assessoria-de-coordenacao-do-centro-de-referencia-de-assistencia-social-cras/");
    let items = texts(&page, "main .atribuicoes > li");
    assert_eq!(items.len(), 17);
    let links = attrs(&page, "main .atribuicoes a.fonte", "href");
    assert_eq!(links[1], "../../legislacao/competencias/#art28_cpt_inc2");
}

#[test]
fn a_named_norm_carries_its_urn_lexml_in_json_ld() {
    let site = TestSite::fixture("perdizes");
    site.write(
        "content/legislacao/lei-12.md",
        "---\ntitulo: Lei da estrutura\nnorma:\n  tipo: lei\n  numero: 12\n  data: 10/03/2017\n---\nArt. 1º - Fica criada a Secretaria.\n",
    );
    site.build().map_err(render).unwrap();
    let html = site.page("legislacao/lei-12/");
    let ld = json_ld(&html);
    assert_eq!(ld[0]["@type"], "Legislation");
    assert_eq!(ld[0]["legislationIdentifier"], "urn:lex:br;minas.gerais;perdizes:municipal:lei:2017-03-10;12");
    assert_eq!(texts(&html, "main .norma .urn"), vec!["urn:lex:br;minas.gerais;perdizes:municipal:lei:2017-03-10;12"]);
}

#[test]
fn numbering_gaps_and_repeats_are_warnings_with_lines() {
    let site = TestSite::fixture("perdizes");
    site.write(
        "content/legislacao/lacunas.md",
        "---\ntitulo: Lacunas\n---\nArt. 1º - Compete:\nI. um;\nIII. três;\nIII. três de novo.\n",
    );
    let summary = site.build().map_err(render).unwrap();
    let warnings = secretaria::diagnostics::report::render_plain(&summary.warnings);
    assert!(warnings.contains("content/legislacao/lacunas.md:6:"), "{warnings}");
    assert!(warnings.contains("content/legislacao/lacunas.md:7:"), "{warnings}");
}
