//! A page of several megabytes goes the memory-saving way (parsed in pieces, put into the page
//! after Tera and the minifier) and comes out as the same page would otherwise: references
//! across the whole text, unique heading ids, safe links, raw HTML that spans blank lines, the
//! theme around it. Its memory is measured by scripts/bench-memory.sh, not here.

use crate::support::*;

const SECTIONS: usize = 2_000;

fn large_body() -> String {
    let mut body = String::from("Veja [a lei][loas] antes de tudo.\n\n");
    for i in 0..SECTIONS {
        body.push_str(&format!(
            "## Serviços\n\nO CRAS {i} atende famílias com *acolhida* e [orientação](/servicos/{i}/).\n\n\
             - cadastro {i}\n  - atualização\n\n  continuação\n\n- visita\n\n\
             | unidade | telefone |\n|:-|-:|\n| CRAS {i} | (34) 3663-1492 |\n\n\
             <details>\n<summary>Mais sobre o CRAS {i}</summary>\n\nTexto **dentro** do detalhe {i}.\n\n</details>\n\n\
             > Citação {i}.\n\n{}\n\n",
            "Um parágrafo longo sobre a proteção social básica no território. ".repeat(20)
        ));
        if i == SECTIONS / 2 {
            body.push_str("[meio perigoso](javascript:alert(1)) e <img src=x onerror=alert(1)>\n\n");
        }
    }
    body.push_str("Fim da página grande.\n\n[LOAS]: https://www.planalto.gov.br/ccivil_03/leis/l8742.htm \"LOAS\"\n");
    body
}

#[test]
fn a_page_of_megabytes_is_whole_safe_and_in_its_theme() {
    let site = TestSite::fixture("perdizes");
    let body = large_body();
    assert!(body.len() > 3 << 20, "{} bytes: large enough to be cut and set aside", body.len());
    site.write("content/paginas/grande.md", &format!("---\ntitulo: Página grande\n---\n{body}"));
    // Its links lead to pages this site does not have: the rendered-site checks are not what
    // this test is about.
    let options = secretaria::pipeline::BuildOptions { skip_site_checks: true, ..site.options() };
    if let Err(failure) = secretaria::pipeline::build(&options) {
        panic!("{}", render(failure));
    }
    let page = site.page("paginas/grande/");
    assert_eq!(texts(&page, "main h1"), vec!["Página grande"]);
    let ids = attrs(&page, "main .texto h2", "id");
    assert_eq!(ids.len(), SECTIONS);
    assert_eq!(ids.first().map(String::as_str), Some("servicos"));
    assert_eq!(ids.last().cloned(), Some(format!("servicos-{SECTIONS}")));
    assert_eq!(ids.iter().collect::<std::collections::BTreeSet<_>>().len(), SECTIONS, "unique ids");
    // A reference defined at the very end serves a link at the very start.
    let first =
        page.select(&sel("main .texto a")).next().map(|a| (a.text().collect::<String>(), a.value().attr("href")));
    assert_eq!(first, Some(("a lei".into(), Some("https://www.planalto.gov.br/ccivil_03/leis/l8742.htm"))));
    assert_eq!(attrs(&page, "main .texto a[href='../../servicos/7/']", "href").len(), 1, "relative links");
    assert_eq!(page.select(&sel("main .texto details summary")).count(), SECTIONS);
    assert_eq!(page.select(&sel("main .texto details p strong")).count(), SECTIONS, "raw HTML around Markdown");
    assert_eq!(page.select(&sel("main .texto table")).count(), SECTIONS);
    // Kept as a class, not a `style` attribute (src/markdown/align.rs).
    let align = attrs(&page, "main .texto td[class]", "class");
    assert_eq!(align.first().map(String::as_str), Some("alinhar-esquerda"), "cell alignment kept");
    assert_eq!(page.select(&sel("main .texto td[style]")).count(), 0);
    let main: String = page.select(&sel("main")).flat_map(|m| m.text()).collect();
    assert!(main.contains("meio perigoso") && main.trim_end().ends_with("Fim da página grande."));
    for bad in ["a[href^='javascript']", "img[onerror]", "[onerror]", "main script"] {
        assert_eq!(page.select(&sel(bad)).count(), 0, "{bad}");
    }
    assert_eq!(page.select(&sel("footer#rodape")).count(), 1, "the theme continues after the body");
    assert_eq!(page.select(&sel("head title")).count(), 1);
    // The body skipped the minifier (it keeps the writer's `</p>` and newlines); the rest of
    // the page did not.
    let raw = std::fs::read_to_string(site.output().join("paginas/grande/index.html")).unwrap();
    assert!(raw.contains("</p>\n") && raw.starts_with("<!doctype html><html lang=pt-BR>"), "{}", &raw[..200]);
}

/// A normative text whose HTML passes a megabyte goes around Tera and the minifier too, and
/// keeps every provision's anchor, its table of contents and its JSON tree.
#[test]
fn a_long_normative_text_is_whole_with_every_anchor() {
    const ARTICLES: usize = 3_000;
    let site = TestSite::fixture("perdizes");
    let mut law = String::from("---\ntitulo: Lei consolidada\n---\n");
    for i in 1..=ARTICLES {
        law.push_str(&format!("Art. {i}. Compete à unidade {i}:\nI - acolher as famílias;\nII - orientar.\n"));
    }
    site.write("content/legislacao/consolidada.md", &law);
    if let Err(failure) = site.build() {
        panic!("{}", render(failure));
    }
    let html = std::fs::read(site.output().join("legislacao/consolidada/index.html")).unwrap();
    assert!(html.len() > 1 << 20, "{} bytes: large enough to be set aside", html.len());
    let page = site.page("legislacao/consolidada/");
    assert_eq!(texts(&page, "main h1"), vec!["Lei consolidada"]);
    for id in ["art1", "art1_cpt_inc1", &format!("art{ARTICLES}_cpt_inc2")] {
        assert_eq!(page.select(&sel(&format!("#{id}"))).count(), 1, "{id}");
    }
    let ids = attrs(&page, "main [id^='art']", "id");
    assert_eq!(ids.iter().filter(|id| id.ends_with("_cpt_inc2")).count(), ARTICLES);
    let toc = attrs(&page, "main nav a[href^='#art']", "href");
    assert!(toc.len() >= ARTICLES, "the table of contents lists every article: {}", toc.len());
    assert_eq!(page.select(&sel("body > footer, footer#rodape")).count(), 1, "the theme continues after the text");
    assert!(!String::from_utf8_lossy(&html).contains("secretaria-fragmento-"), "no marker left");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.output().join("legislacao/consolidada/estrutura.json")).unwrap())
            .unwrap();
    assert_eq!(json["provisions"].as_array().map(Vec::len), Some(ARTICLES));
    assert!(json["provisions"][0].get("label").is_some());
    assert!(!json.to_string().contains("null"), "unknown values are omitted, never null");
}
