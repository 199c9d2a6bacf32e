//! Issue 10 §3: the "Acesso à Informação" hub in the order of CGU's guide, every mandatory
//! section at its stable address saying so when empty, menus that never hide it, and the
//! addresses of the portal da transparência as links to another site, marked in text.

use crate::support::*;

const HUB: &str = "acesso-a-informacao/";

/// One entry of the hub: its text, its address, its "Não há …" statement.
type Entry = (String, Option<String>, Option<String>);

/// The sections of the hub: heading, then each entry.
fn hub(site: &TestSite) -> Vec<(String, Vec<Entry>)> {
    let html = site.page(HUB);
    html.select(&sel("main section"))
        .map(|section| {
            let heading = section.select(&sel("h2")).next().map(|h| normalise(&h.text().collect::<String>()));
            let items = section
                .select(&sel("ul.lista-acesso > li"))
                .map(|li| {
                    let link = li.select(&sel("a")).next();
                    let title = match link {
                        Some(a) => normalise(&a.text().collect::<String>()),
                        None => li
                            .select(&sel(".item-sem-link"))
                            .map(|s| normalise(&s.text().collect::<String>()))
                            .collect(),
                    };
                    let href = link.and_then(|a| a.value().attr("href")).map(str::to_string);
                    let empty =
                        li.select(&sel(".sem-conteudo")).next().map(|p| normalise(&p.text().collect::<String>()));
                    (title, href, empty)
                })
                .collect();
            (heading.unwrap_or_default(), items)
        })
        .collect()
}

#[test]
fn the_hub_lists_every_item_in_the_order_of_the_guide() {
    let site = TestSite::built("lagoa-serena");
    let sections = hub(&site);
    let headings: Vec<&str> = sections.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        headings,
        vec![
            "Institucional",
            "Ações e programas",
            "Participação social",
            "Auditorias",
            "Convênios e transferências",
            "Receitas e despesas",
            "Licitações e contratos",
            "Servidores",
            "Informações classificadas",
            "Serviço de Informação ao Cidadão (SIC)",
            "Perguntas frequentes",
            "Dados abertos",
            "Tratamento de dados pessoais",
            "Outras informações",
        ]
    );
    let entry = |heading: &str, i: usize| {
        sections.iter().find(|(h, _)| h == heading).map(|(_, items)| items[i].clone()).unwrap()
    };
    let local = |t: &str, h: &str| (t.to_string(), Some(h.to_string()), None);
    assert_eq!(
        entry("Institucional", 0),
        local("A Secretaria: competências, apresentação e titular", "../secretaria/")
    );
    // The fixture has no structure: the entry stays and says so.
    assert_eq!(
        entry("Institucional", 1),
        (
            "Estrutura organizacional".to_string(),
            Some("../estrutura/".to_string()),
            Some("Não há estrutura organizacional publicada até o momento.".to_string())
        )
    );
    assert_eq!(entry("Ações e programas", 0), local("Programas e ações", "../programas/"));
    assert_eq!(entry("Participação social", 1), local("Ouvidoria", "../acesso-a-informacao/ouvidoria/"));
    // Not configured: no link, and the statement.
    assert_eq!(
        entry("Convênios e transferências", 0),
        ("Convênios e transferências".to_string(), None, Some("Não há endereço publicado até o momento.".to_string()))
    );
    assert_eq!(
        entry("Receitas e despesas", 1),
        (
            "Despesas (outro site)".to_string(),
            Some("https://transparencia.lagoaserena.go.gov.br/despesas?orgao=assistencia-social".to_string()),
            None
        )
    );
    assert_eq!(entry("Serviço de Informação ao Cidadão (SIC)", 0).1.as_deref(), Some("../acesso-a-informacao/sic/"));
    assert_eq!(
        entry("Serviço de Informação ao Cidadão (SIC)", 1).1.as_deref(),
        Some("https://esic.lagoaserena.go.gov.br/")
    );
    assert_eq!(
        entry("Informações classificadas", 0).2.as_deref(),
        Some("Não há rol de informações classificadas publicado até o momento.")
    );
    assert_eq!(entry("Dados abertos", 0).1.as_deref(), Some("../dados/"));
    assert_eq!(
        entry("Tratamento de dados pessoais", 0),
        local("Privacidade e proteção de dados pessoais (LGPD)", "../privacidade/")
    );
    assert_eq!(
        entry("Outras informações", 0),
        local("Carta de Serviços ao Usuário", "../acesso-a-informacao/carta-de-servicos/")
    );
    // Every local entry leads to a page that exists (but the open data, built elsewhere).
    for (_, items) in &sections {
        for (_, href, _) in items {
            let Some(href) = href.as_deref().filter(|h| !h.contains("://") && *h != "../dados/") else { continue };
            let target = site.output().join(HUB).join(href).join("index.html");
            assert!(target.exists(), "{href}: {}", target.display());
        }
    }
    // The table of contents links each section.
    let toc = attrs(&site.page(HUB), "main nav.sumario-acesso a", "href");
    assert_eq!(toc.len(), headings.len());
    assert_eq!(toc[0], "#institucional");
}

/// Every link to another site says so in its text, not only in an icon, and is marked
/// `rel="external"`; every page's footer links the hub, the privacy page and the Radar.
#[test]
fn links_to_other_sites_are_marked_in_text() {
    let site = TestSite::built("lagoa-serena");
    let mut seen = 0;
    for file in site.html_files() {
        let html = site.page(&file);
        for a in html.select(&sel("a[href^='http']")) {
            let href = a.value().attr("href").unwrap_or_default();
            if href.starts_with("https://social.lagoaserena") {
                continue;
            }
            let text = normalise(&a.text().collect::<String>());
            let in_body = a.value().attr("rel") == Some("external");
            // Links typed in Markdown are the editor's; the theme's own are marked.
            if in_body {
                seen += 1;
                assert!(text.ends_with("(outro site)"), "{file}: {href}: {text}");
            }
        }
        if file == "404.html" {
            continue;
        }
        let footer = attrs(&html, "footer .rodape-links a", "href");
        let root = if file == "index.html" { "./".to_string() } else { "../".repeat(file.matches('/').count()) };
        assert!(footer.contains(&format!("{root}acesso-a-informacao/")), "{file}: {footer:?}");
        assert!(footer.contains(&format!("{root}privacidade/")), "{file}: {footer:?}");
        assert!(footer.contains(&"https://radardatransparencia.atricon.org.br/".to_string()), "{file}: {footer:?}");
    }
    assert!(seen > 40, "{seen}");
}

/// A site with none of the new content (perdizes) still publishes every mandatory section at
/// its address, each saying there is nothing yet.
#[test]
fn an_empty_site_keeps_every_mandatory_section_saying_so() {
    let site = TestSite::built("perdizes");
    let expect = [
        ("programas/", "Não há programa ou ação publicado até o momento."),
        ("perguntas-frequentes/", "Não há pergunta frequente publicada até o momento."),
        ("participacao-social/", "Não há conselho publicado até o momento."),
        ("acesso-a-informacao/sic/", "Não há endereço nem horário de atendimento do SIC publicados até o momento."),
        (
            "acesso-a-informacao/ouvidoria/",
            "Não há endereço nem horário de atendimento da ouvidoria publicados até o momento.",
        ),
        (
            "acesso-a-informacao/informacoes-classificadas/",
            "Não há rol de informações classificadas publicado até o momento.",
        ),
        ("privacidade/", "Não há contato do encarregado pelo tratamento de dados pessoais publicado até o momento."),
    ];
    for (page, statement) in expect {
        let found = texts(&site.page(page), "main .sem-conteudo");
        assert!(found.iter().any(|t| t.starts_with(statement)), "{page}: {found:?}");
    }
    let sections = hub(&site);
    let empty: Vec<String> =
        sections.iter().flat_map(|(_, items)| items.iter().filter_map(|(_, _, e)| e.clone())).collect();
    assert!(empty.contains(&"Não há programa ou ação publicado até o momento.".to_string()), "{empty:?}");
    assert!(empty.contains(&"Não há endereço publicado até o momento.".to_string()));
    // No "Outras informações": nothing was written under acesso-a-informacao/.
    assert_eq!(sections.len(), 13);
    // The theme's texts stand in: how to ask for information, the privacy policy.
    assert!(texts(&site.page("acesso-a-informacao/sic/"), "main h2").contains(&"Prazos".to_string()));
    assert!(texts(&site.page("privacidade/"), "main h2").contains(&"O que este site coleta".to_string()));
}

/// The default menu has every mandatory section, with or without content, and the hub; a
/// menu of the site's own gets the hub, and the build says so.
#[test]
fn menus_never_hide_a_mandatory_section() {
    let site = TestSite::built("dourados");
    let menu = texts(&site.page(""), "nav#menu li a");
    for entry in
        ["Estrutura", "Programas e ações", "Participação social", "Perguntas frequentes", "Acesso à Informação"]
    {
        assert!(menu.contains(&entry.to_string()), "{entry}: {menu:?}");
    }
    // Only with content: dourados has no notices.
    assert!(!menu.contains(&"Avisos e eventos".to_string()), "{menu:?}");
    let own = TestSite::fixture("perdizes");
    let summary = own.build().map_err(render).unwrap();
    let menu = texts(&own.page(""), "nav#menu li a");
    assert_eq!(menu.last().map(String::as_str), Some("Acesso à Informação"), "{menu:?}");
    let warning = summary.warnings.iter().find(|w| w.message.contains("Acesso à Informação")).cloned().unwrap();
    assert_eq!(warning.file.as_deref(), Some(std::path::Path::new("site.yaml")));
    assert!(warning.location.is_some() && warning.help.unwrap_or_default().contains("url: /acesso-a-informacao/"));
}

/// An ordinary page written at the address of a theme page (classified information) takes
/// its place, and the hub stops saying there is none; its breadcrumbs go through the hub.
#[test]
fn a_page_of_the_site_replaces_the_list_of_classified_information() {
    let site = TestSite::fixture("lagoa-serena");
    site.write(
        "content/acesso-a-informacao/informacoes-classificadas.md",
        "---\ntitulo: Informações classificadas\n---\nEm 2025 nenhum documento foi classificado e nenhum foi desclassificado.\n",
    );
    site.build().map_err(render).unwrap();
    let page = site.page("acesso-a-informacao/informacoes-classificadas/");
    assert_eq!(texts(&page, "main p"), vec!["Em 2025 nenhum documento foi classificado e nenhum foi desclassificado."]);
    assert_eq!(texts(&page, "nav.trilha li"), vec!["Início", "Acesso à Informação", "Informações classificadas"]);
    let sections = hub(&site);
    let classified =
        sections.iter().find(|(h, _)| h == "Informações classificadas").map(|(_, i)| i[0].clone()).unwrap();
    assert_eq!(classified.2, None);
    // Not listed twice under "Outras informações".
    let others = sections.iter().find(|(h, _)| h == "Outras informações").map(|(_, i)| i.len());
    assert_eq!(others, Some(1));
}

/// A page in the folder of a listing (`content/unidades/como-chegar.md`) made a section at
/// the listing's address, and the two wrote one file: the section no longer exists, the page
/// stays in the site map and its breadcrumbs go through the listing.
#[test]
fn a_page_in_a_listings_folder_leaves_the_listing_alone() {
    let site = TestSite::fixture("perdizes");
    site.write("content/unidades/como-chegar.md", "---\ntitulo: Como chegar\n---\nDe ônibus, linha 2.\n");
    site.build().map_err(render).unwrap();
    let listing = site.page("unidades/");
    assert_eq!(texts(&listing, "main h1"), vec!["Unidades e contatos"]);
    assert!(listing.select(&sel("main .contatos")).next().is_some(), "the units are listed");
    let page = site.page("unidades/como-chegar/");
    assert_eq!(texts(&page, "nav.trilha li"), vec!["Início", "Unidades e contatos", "Como chegar"]);
    let map = attrs(&site.page("mapa-do-site/"), "main a", "href");
    assert!(map.contains(&"../unidades/como-chegar/".to_string()), "{map:?}");
}
