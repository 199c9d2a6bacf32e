//! The structure's labels and positions (issue 9, point 28) on the `serra-azul` fixture.

use crate::support::*;

fn labels(site: &TestSite, page: &str) -> Vec<String> {
    texts(&site.page(&format!("estrutura/{page}/")), "main .rotulo-campo")
}

/// Labels agree with the kind and gender of what they describe.
#[test]
fn labels_agree_with_the_unit() {
    let site = TestSite::built("serra-azul");
    assert_eq!(
        labels(&site, "departamento-de-protecao-social-basica"),
        vec!["Responsável:", "Vinculado a:", "Subordinado a:"]
    );
    assert_eq!(labels(&site, "setor-do-cadastro-unico"), vec!["Subordinado a:"]);
    assert_eq!(labels(&site, "coordenadoria-de-gestao-do-suas"), vec!["Vinculada a:", "Subordinada a:"]);
    // An unknown word: a neutral label instead of a guess.
    site.write("content/estrutura/x.md", "---\ntitulo: Banco de Alimentos\nsuperior: secretario-adjunto\n---\n");
    site.build().map_err(render).unwrap();
    assert_eq!(labels(&site, "x"), vec!["Subordinação:"]);
    // `tipo:` settles it.
    site.write(
        "content/estrutura/x.md",
        "---\ntitulo: Banco de Alimentos\ntipo: setor\nsuperior: secretario-adjunto\n---\n",
    );
    site.build().map_err(render).unwrap();
    assert_eq!(labels(&site, "x"), vec!["Subordinado a:"]);
}

/// A position of the structure is held by a person: "Titular", and a `Person` in JSON-LD.
#[test]
fn positions_are_people_of_the_structure() {
    let site = TestSite::built("serra-azul");
    let html = site.page("estrutura/secretario-adjunto/");
    assert_eq!(texts(&html, "main .responsavel"), vec!["Titular: Marcos Antônio Reis"]);
    let ld = &json_ld(&html)[0];
    assert_eq!(ld["@type"], "Person");
    assert_eq!(ld["name"], "Marcos Antônio Reis");
    assert_eq!(ld["jobTitle"], "Secretário-Adjunto de Assistência Social");
    assert_eq!(ld["worksFor"]["name"], "Secretaria Municipal de Assistência Social");
    // Bodies under the position name it as their superior.
    let dept = json_ld(&site.page("estrutura/departamento-de-protecao-social-basica/"));
    assert_eq!(dept[0]["@type"], "GovernmentOrganization");
    assert_eq!(dept[0]["parentOrganization"]["name"], "Secretário-Adjunto de Assistência Social");
    assert_eq!(dept[0]["employee"]["name"], "Luciane Bortolini");
    let structure = site.page("estrutura/");
    assert_eq!(texts(&structure, "main h2"), vec!["Organograma", "Cargos, assessorias e setores"]);
    assert!(texts(&structure, "main .lista-paginas > li").iter().any(|t| t.contains("Titular: Marcos Antônio Reis")));
    let chart = texts(&structure, "main .organograma li li > a");
    assert_eq!(chart.first().map(String::as_str), Some("Secretário-Adjunto de Assistência Social"));
}
