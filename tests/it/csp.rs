//! The published pages satisfy the Content-Security-Policy of docs/hospedagem.md
//! (`script-src 'self'; style-src 'self'`): no inline script (data blocks aside), no `<style>`,
//! no `style` or `on…` attribute, on every page of every valid fixture; the colour of site.yaml
//! is a file, `static/css/cores.css`. The browser test (tests/a11y/csp.test.mjs) loads them
//! under the real header.

use crate::support::*;
use scraper::Html;

/// What a `script-src 'self'; style-src 'self'` policy refuses on one page.
fn refused(page: &Html) -> Vec<String> {
    let mut found = Vec::new();
    for script in page.select(&sel("script")) {
        let data = matches!(script.value().attr("type"), Some("application/ld+json" | "application/json"));
        if script.value().attr("src").is_none() && !data {
            found.push(format!("inline script: {}", script.html().chars().take(80).collect::<String>()));
        }
    }
    for element in page.select(&sel("*")) {
        if element.value().name() == "style" {
            found.push("<style>".into());
        }
        for (name, _) in element.value().attrs() {
            if name == "style" || name.starts_with("on") {
                found.push(format!("<{} {name}>", element.value().name()));
            }
        }
    }
    found
}

#[test]
fn every_page_of_every_fixture_needs_no_inline_code() {
    for (name, root) in valid_sites() {
        let site = TestSite::copy(&root);
        if let Err(failure) = site.build() {
            panic!("{name} did not build:\n{}", render(failure));
        }
        for file in site.html_files() {
            let page = site.page(&file);
            assert_eq!(refused(&page), Vec::<String>::new(), "{name}: {file}");
            // The early script and the colours, as files, relative to the page.
            let scripts = attrs(&page, "head script[src]", "src");
            assert!(scripts.first().is_some_and(|s| s.ends_with("static/js/inicio.js")), "{name}: {file}: {scripts:?}");
            let sheets = attrs(&page, "head link[rel=stylesheet]", "href");
            assert!(sheets.iter().any(|s| s.ends_with("static/css/cores.css")), "{name}: {file}: {sheets:?}");
        }
        assert!(site.output().join("static/js/inicio.js").is_file(), "{name}");
    }
}

#[test]
fn the_colour_of_site_yaml_is_a_style_sheet_and_aligned_columns_are_classes() {
    let site = TestSite::fixture("perdizes");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &yaml.replace("primaria: \"#0b4f8a\"", "primaria: \"#5a1f6b\""));
    site.write(
        "content/paginas/tabela.md",
        "---\ntitulo: Tabela\n---\n| Serviço | Vagas |\n|:--|--:|\n| CRAS | 40 |\n",
    );
    if let Err(failure) = site.build() {
        panic!("{}", render(failure));
    }
    let css = std::fs::read_to_string(site.output().join("static/css/cores.css")).unwrap();
    assert_eq!(css, ":root{--cor-primaria:#5a1f6b}\n");
    let page = site.page("paginas/tabela/");
    assert_eq!(refused(&page), Vec::<String>::new());
    assert_eq!(attrs(&page, "td", "class"), ["alinhar-esquerda", "alinhar-direita"]);
    let theme_css = std::fs::read_to_string(site.output().join("static/css/site.css")).unwrap();
    assert!(theme_css.contains(".alinhar-direita { text-align: right; }"));
}
