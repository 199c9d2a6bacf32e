//! Bare addresses become links everywhere Markdown is rendered (issue 9, point 26), and a list
//! pasted without markers is reported, never guessed (point 27).

use crate::support::*;

#[test]
fn bare_addresses_become_links_without_trailing_punctuation() {
    let site = TestSite::fixture("perdizes");
    site.write(
        "content/paginas/contato.md",
        "---\ntitulo: Contato\n---\nEscreva para ouvidoria@perdizes.mg.gov.br- ou para cras.centro@gmail.com.\n\n\
         O edital está em https://www.perdizes.mg.gov.br/editais/2025/01.pdf, e o portal em www.perdizes.mg.gov.br.\n\n\
         Já [este link](https://exemplo.gov.br/) e `https://codigo.gov.br/` ficam como estão; a Lei n.º 8.742 também.\n",
    );
    let unit = std::fs::read_to_string(site.root().join("content/unidades/secretaria.yaml")).unwrap();
    site.write(
        "content/unidades/secretaria.yaml",
        &format!("{unit}texto: \"Dúvidas: atendimento@perdizes.mg.gov.br (segunda a sexta).\"\n"),
    );
    site.build().map_err(render).unwrap();
    let page = site.page("paginas/contato/");
    let links: Vec<(String, String)> = page
        .select(&sel("main .texto a, main article a, main a"))
        .map(|a| (a.value().attr("href").unwrap_or("").to_string(), a.text().collect::<String>()))
        .collect();
    for expected in [
        ("mailto:ouvidoria@perdizes.mg.gov.br", "ouvidoria@perdizes.mg.gov.br"),
        ("mailto:cras.centro@gmail.com", "cras.centro@gmail.com"),
        ("https://www.perdizes.mg.gov.br/editais/2025/01.pdf", "https://www.perdizes.mg.gov.br/editais/2025/01.pdf"),
        ("http://www.perdizes.mg.gov.br", "www.perdizes.mg.gov.br"),
        ("https://exemplo.gov.br/", "este link"),
    ] {
        assert!(links.iter().any(|(h, t)| h == expected.0 && t == expected.1), "{expected:?} not among {links:?}");
    }
    assert!(!links.iter().any(|(h, _)| h.contains("codigo.gov.br")), "code is not linked: {links:?}");
    // The text reads as written: the hyphen and the dots stay outside the links.
    let text = normalise(&page.select(&sel("main")).next().unwrap().text().collect::<String>());
    assert!(text.contains("ouvidoria@perdizes.mg.gov.br- ou para cras.centro@gmail.com."), "{text}");
    let unit = site.page("unidades/secretaria/");
    assert!(attrs(&unit, "main a", "href").contains(&"mailto:atendimento@perdizes.mg.gov.br".to_string()));
}

#[test]
fn a_list_pasted_without_markers_is_a_located_warning() {
    let site = TestSite::fixture("perdizes");
    site.write(
        "content/paginas/servicos.md",
        "---\ntitulo: Serviços\n---\nO CRAS oferece:\n\nPAIF\nSCFV\nCadastro Único\nBenefícios eventuais\n",
    );
    let summary = site.build().map_err(render).unwrap();
    let warnings: Vec<_> = summary.warnings.iter().filter(|d| d.message.contains("parecem os itens")).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].file.as_deref(), Some(std::path::Path::new("content/paginas/servicos.md")));
    assert_eq!(warnings[0].location.map(|l| l.line), Some(6));
    assert!(warnings[0].help.as_deref().unwrap_or("").contains("`- `"));
    // Published as written: one paragraph, nothing guessed.
    let page = site.page("paginas/servicos/");
    assert_eq!(page.select(&sel("main li")).filter(|li| li.text().any(|t| t.contains("SCFV"))).count(), 0);
}
