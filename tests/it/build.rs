//! Fixture sites build, and their pages hold what the seeds hold, as structure.

use crate::support::*;

#[test]
fn every_valid_site_builds_with_one_h1_lang_and_the_skip_link_first() {
    for (name, path) in valid_sites() {
        let site = TestSite::copy(&path);
        if let Err(f) = site.build() {
            panic!("{name}: {}", render(f));
        }
        let files = site.html_files();
        assert!(files.len() >= 8, "{name}: {files:?}");
        for file in files {
            let html = site.page(&file);
            assert_eq!(attrs(&html, "html", "lang"), vec!["pt-BR"], "{name} {file}");
            assert_eq!(html.select(&sel("h1")).count(), 1, "{name} {file}: one h1");
            let first_link = html.select(&sel("a[href]")).next().map(|a| normalise(&a.text().collect::<String>()));
            assert_eq!(first_link.as_deref(), Some("Ir para o conteúdo 1"), "{name} {file}");
            assert_eq!(html.select(&sel("main#conteudo")).count(), 1, "{name} {file}");
            assert_eq!(html.select(&sel("footer#rodape")).count(), 1, "{name} {file}");
            assert_eq!(html.select(&sel("a[href$='acessibilidade/'] img[alt]")).count(), 1, "{name} {file}: symbol");
        }
    }
}

#[test]
fn internal_links_are_relative_and_resolve_at_any_sub_path() {
    for (name, path) in valid_sites() {
        let site = TestSite::copy(&path);
        site.build().map_err(render).unwrap();
        for file in site.html_files().into_iter().filter(|f| f != "404.html") {
            let html = site.page(&file);
            let dir = std::path::Path::new(&file).parent().map(|p| p.to_path_buf()).unwrap_or_default();
            for attr in ["href", "src"] {
                for url in attrs(&html, &format!("[{attr}]"), attr) {
                    if url.contains(':') || url.starts_with('#') {
                        continue;
                    }
                    assert!(!url.starts_with('/'), "{name} {file}: absolute link {url}");
                    let target = url.split('#').next().unwrap_or("");
                    // Written percent-encoded (a document named with a space), as browsers decode it.
                    let target = percent_encoding::percent_decode_str(target).decode_utf8_lossy();
                    let mut resolved = site.output().join(&dir).join(target.as_ref());
                    if target.is_empty() || target.ends_with('/') {
                        resolved = resolved.join("index.html");
                    }
                    // The open-data page (issue 10 §4) is built by another output; until it is
                    // there, the hub's link to it is the one link allowed to wait for it.
                    if file == "acesso-a-informacao/index.html"
                        && url == "../dados/"
                        && !site.output().join("dados").exists()
                    {
                        continue;
                    }
                    assert!(resolved.exists(), "{name} {file}: broken link {url} → {}", resolved.display());
                }
            }
        }
    }
}

#[test]
fn perdizes_unit_has_tel_link_mailto_and_hours_sentence() {
    let site = TestSite::built("perdizes");
    let html = site.page("unidades/secretaria/");
    assert_eq!(attrs(&html, "main a[href^='tel:']", "href"), vec!["tel:+553436631492"]);
    assert_eq!(attrs(&html, "main a[href^='mailto:']", "href"), vec!["mailto:social@perdizes.mg.gov.br"]);
    assert_eq!(texts(&html, "main .horario li"), vec!["Segunda a sexta-feira, das 8h às 11h e das 13h às 17h"]);
    let ld = json_ld(&html);
    let spec = &ld[0]["openingHoursSpecification"];
    // Two periods, each Monday to Friday.
    assert_eq!(spec.as_array().map(Vec::len), Some(2), "{spec}");
    assert_eq!((spec[0]["opens"].as_str(), spec[0]["closes"].as_str()), (Some("08:00"), Some("11:00")));
    assert_eq!((spec[1]["opens"].as_str(), spec[1]["closes"].as_str()), (Some("13:00"), Some("17:00")));
    assert_eq!(spec[1]["dayOfWeek"].as_array().map(Vec::len), Some(5));
    assert_eq!(spec[1]["dayOfWeek"][4], "https://schema.org/Friday");
    // The footer of every page carries the contacts too.
    let home = site.page("");
    assert_eq!(attrs(&home, "footer a[href^='tel:']", "href"), vec!["tel:+553436631492"]);
    assert!(texts(&home, "footer").join(" ").contains("Última atualização: 22 de novembro de 2026"));
}

#[test]
fn perdizes_head_and_assessorias_with_their_articles() {
    let site = TestSite::built("perdizes");
    let html = site.page("secretaria/");
    assert!(texts(&html, "main .titular").join("").contains("Neiva Aparecida de Souza Assunção"));
    let structure = site.page("estrutura/");
    let names = texts(&structure, "main .lista-paginas > li > a");
    assert_eq!(names.len(), 7, "{names:?}");
    assert_eq!(names[0], "Setor de Coordenação Financeira e Apoio Técnico");
    assert_eq!(names[3], "Assessoria de Atendimento à Família");
    let familia = site.page("estrutura/assessoria-de-atendimento-a-familia/");
    let items = texts(&familia, "main .atribuicoes > li");
    assert_eq!(items.len(), 8, "{items:?}");
    assert!(items[0].starts_with("I. elaborar ações sócio assistenciais"), "{}", items[0]);
    let source = attrs(&familia, "main .fonte-norma a", "href");
    assert_eq!(source, vec!["../../legislacao/competencias/#art30"]);
}

#[test]
fn nova_cruz_has_five_named_values_mission_and_vision() {
    let site = TestSite::built("nova-cruz");
    let html = site.page("secretaria/");
    let values = texts(&html, "main dl.valores dt");
    assert_eq!(
        values,
        vec![
            "Dignidade humana",
            "Solidariedade e empatia",
            "Participação e protagonismo",
            "Intersetorialidade",
            "Transparência e accountability"
        ]
    );
    assert_eq!(html.select(&sel("main dl.valores dd")).count(), 5);
    assert!(texts(&html, "main #missao + .texto li").iter().any(|t| t == "Proteção à Criança de O 3 6 anos"));
    assert!(texts(&html, "main #visao + .texto").join("").starts_with("Ser reconhecida como uma referência"));
}

#[test]
fn alvares_florence_notice_is_an_event_with_calendar() {
    let site = TestSite::built("alvares-florence");
    let path = "avisos/viii-conferencia-municipal/";
    let html = site.page(path);
    let ld = json_ld(&html);
    assert_eq!(ld[0]["@type"], "Event");
    assert!(ld[0]["startDate"].as_str().unwrap_or("").starts_with("2019-09-26T12:30"), "{}", ld[0]);
    assert_eq!(ld[0]["location"]["name"], "CRAS");
    assert_eq!(texts(&html, "main .dados-aviso dd time"), vec!["26 de setembro de 2019, às 12h30"]);
    assert_eq!(html.select(&sel("main .texto ul > li")).count(), 4, "the four • bullets become a list");
    let ics = std::fs::read_to_string(site.output().join(path).join("evento.ics")).unwrap();
    // 12:30 in São Paulo (UTC−3; no summer time in September) is 15:30 UTC.
    assert!(ics.contains("DTSTART:20190926T153000Z\r\n"), "{ics}");
    assert!(ics.contains("LOCATION:CRAS\r\n"), "{ics}");
    // A past notice is listed under "Anteriores", never as the next event.
    let list = site.page("avisos/");
    assert_eq!(texts(&list, "main h2"), vec!["Próximos", "Anteriores", "Acompanhe"]);
    assert_eq!(list.select(&sel("main h2 + ul.lista-avisos > li")).count(), 1);
}

#[test]
fn dourados_phone_uses_the_site_area_code_and_competences_are_structured() {
    let site = TestSite::built("dourados");
    let html = site.page("unidades/secretaria/");
    assert_eq!(attrs(&html, "main a[href^='tel:']", "href"), vec!["tel:+556734117742"]);
    let law = site.page("legislacao/competencias/");
    assert!(law.select(&sel("main .texto-normativo [id]")).count() >= 15);
}

#[test]
fn apoio_social_publishes_sections_and_five_assessorias() {
    let site = TestSite::built("apoio-social");
    let html = site.page("secretaria/");
    let headings = texts(&html, "main h2");
    for expected in ["Proteção básica", "Proteção especial", "Vigilância socioassistencial"] {
        assert!(headings.iter().any(|h| h == expected), "{headings:?}");
    }
    assert!(!texts(&html, "main").join("").contains('×'));
    let structure = site.page("estrutura/");
    assert_eq!(structure.select(&sel("main .lista-paginas > li")).count(), 5);
}

#[test]
fn markdown_raw_html_is_sanitised_and_templates_autoescape() {
    let site = TestSite::fixture("perdizes");
    site.write(
        "content/paginas/teste.md",
        "---\ntitulo: \"<script>alert('t')</script>\"\n---\nTexto <script>alert(1)</script><img src=x alt=x onerror=alert(1)>\n",
    );
    site.build().map_err(render).unwrap();
    let html = site.page("paginas/teste/");
    assert_eq!(texts(&html, "h1"), vec!["<script>alert('t')</script>"]);
    assert_eq!(html.select(&sel("main script, main [onerror]")).count(), 0);
}

#[test]
fn a_site_without_themes_folder_uses_the_embedded_theme_and_overrides_win() {
    let site = TestSite::fixture("dourados");
    assert!(!site.root().join("themes").exists());
    site.build().map_err(render).unwrap();
    assert!(site.output().join("static/css/site.css").exists());
    site.write("site.yaml", &(std::fs::read_to_string(site.root().join("site.yaml")).unwrap() + "tema: meu\n"));
    site.write(
        "themes/meu/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"meu\">{{ page.title }}</h1>{% endblock content %}",
    );
    site.write("content/sobre.md", "---\ntitulo: Sobre\n---\nx\n");
    site.build().map_err(render).unwrap();
    assert_eq!(texts(&site.page("sobre/"), "h1.meu"), vec!["Sobre"]);
}

/// The theme's pieces (`templates/trechos/`) are rendered once per depth and menu item, not per
/// page: what each page gets must still be what it would get alone, its own `root` and, in
/// the menu, its own item marked.
#[test]
fn the_themes_pieces_are_on_every_page_with_its_own_root_and_menu_item() {
    let site = TestSite::fixture("perdizes");
    site.write(
        "themes/default/templates/trechos/rodape.html",
        "<p class=\"marca-rodape\">{{ site.title }}|{{ root }}|{{ atual | default(value=\"-\") }}</p>",
    );
    site.build().map_err(render).unwrap();
    let title = "Secretaria Municipal de Assistência Social de Perdizes";
    let files = site.html_files();
    assert!(files.len() > 20, "{files:?}");
    // The menu's addresses, as the home page links them (its root is `./`), and the home's own.
    let menu: Vec<String> = attrs(&site.page(""), "nav#menu a", "href")
        .into_iter()
        .skip(1)
        .map(|href| href.trim_start_matches("./").to_string())
        .collect();
    assert!(menu.len() >= 5 && menu.contains(&"acesso-a-informacao/".to_string()), "{menu:?}");
    let menu_pages: Vec<String> =
        menu.iter().map(|url| format!("{url}index.html")).chain(["index.html".to_string()]).collect();
    for file in &files {
        let html = site.page(file);
        // The 404 page is served at any address: its links start at the top.
        let root = match file.as_str() {
            "404.html" => "/".to_string(),
            _ if !file.contains('/') => "./".to_string(),
            _ => "../".repeat(file.matches('/').count()),
        };
        let current = menu_pages.contains(file).then(|| file.trim_end_matches("index.html").to_string());
        let expected = format!("{title}|{root}|{}", current.clone().unwrap_or_else(|| "-".into()));
        assert_eq!(texts(&html, "footer .marca-rodape"), vec![expected], "{file}");
        let marked = attrs(&html, "nav#menu a[aria-current=page]", "href");
        let expected: Vec<String> = current.iter().map(|c| format!("{root}{c}")).collect();
        assert_eq!(marked, expected, "{file}");
    }
}
