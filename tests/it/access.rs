//! Issue 10 §2: frequent questions grouped by topic (FAQPage), the SIC and the ombudsman
//! (the unit's contacts, the file's own over them, the online systems of `site.yaml`), and
//! the privacy page with the data protection officer, on the `lagoa-serena` fixture.

use crate::support::*;

#[test]
fn questions_are_grouped_by_topic_with_a_faq_page() {
    let site = TestSite::built("lagoa-serena");
    let html = site.page("perguntas-frequentes/");
    // Topics by their lightest question (no weight is 0), then by name; no topic last.
    assert_eq!(
        texts(&html, "main section > h2"),
        vec!["Atendimento", "Benefícios", "Cadastro Único", "Outras perguntas"]
    );
    assert_eq!(
        attrs(&html, "main nav.sumario-perguntas a", "href"),
        vec!["#tema-atendimento", "#tema-beneficios", "#tema-cadastro-unico", "#outras-perguntas"]
    );
    let cadastro: Vec<String> = texts(&html, "main section[aria-labelledby='tema-cadastro-unico'] h3");
    assert_eq!(
        cadastro,
        vec![
            "Como faço a inscrição no Cadastro Único?",
            "De quanto em quanto tempo preciso atualizar o Cadastro Único?"
        ]
    );
    assert_eq!(
        attrs(&html, "main section[aria-labelledby='tema-cadastro-unico'] h3", "id"),
        vec!["como-me-inscrevo-no-cadastro-unico", "preciso-atualizar-o-cadastro"]
    );
    // Answers are Markdown: emphasis, a site link made relative, a bare address made a link.
    assert_eq!(texts(&html, "#preciso-atualizar-o-cadastro + .texto strong"), vec!["ou sempre que"]);
    assert_eq!(attrs(&html, "#auxilio-funeral + .texto a", "href"), vec!["../programas/"]);
    assert_eq!(attrs(&html, "#quem-tem-direito-ao-bpc + .texto a", "href"), vec!["https://meu.inss.gov.br"]);
    let ld = &json_ld(&html)[0];
    assert_eq!(ld["@type"], "FAQPage");
    let entities = ld["mainEntity"].as_array().cloned().unwrap_or_default();
    assert_eq!(entities.len(), 6);
    let update =
        entities.iter().find(|q| q["name"] == "De quanto em quanto tempo preciso atualizar o Cadastro Único?").unwrap();
    assert_eq!(update["@type"], "Question");
    assert_eq!(update["acceptedAnswer"]["@type"], "Answer");
    let answer = scraper::Html::parse_fragment(update["acceptedAnswer"]["text"].as_str().unwrap_or(""));
    assert_eq!(texts(&answer, "strong"), vec!["ou sempre que"]);
    // Each question has its own page, which leads back to its place in the list.
    let one = site.page("perguntas-frequentes/preciso-atualizar-o-cadastro/");
    assert_eq!(texts(&one, "main h1"), vec!["De quanto em quanto tempo preciso atualizar o Cadastro Único?"]);
    assert_eq!(texts(&one, "main .tema"), vec!["Tema: Cadastro Único"]);
    assert!(
        attrs(&one, "main a", "href").contains(&"../../perguntas-frequentes/#preciso-atualizar-o-cadastro".to_string())
    );
    let ld = &json_ld(&one)[0];
    assert_eq!(ld["mainEntity"].as_array().map(Vec::len), Some(1));
}

/// Without any topic, the questions are the headings themselves.
#[test]
fn questions_without_topics_are_headings_of_their_own() {
    let site = TestSite::fixture("perdizes");
    site.write("content/perguntas-frequentes/a.md", "---\npergunta: Onde fica o CRAS?\npeso: 2\n---\nNa Rua A.\n");
    site.write("content/perguntas-frequentes/b.md", "---\npergunta: O CRAS abre no sábado?\npeso: 1\n---\nNão.\n");
    site.build().map_err(render).unwrap();
    let html = site.page("perguntas-frequentes/");
    assert_eq!(texts(&html, "main h2"), vec!["O CRAS abre no sábado?", "Onde fica o CRAS?"]);
    assert!(html.select(&sel("main nav.sumario-perguntas")).next().is_none());
}

#[test]
fn the_sic_shows_its_units_contacts_with_its_own_over_them() {
    let site = TestSite::built("lagoa-serena");
    let html = site.page("acesso-a-informacao/sic/");
    assert_eq!(texts(&html, "main h1"), vec!["Serviço de Informação ao Cidadão (SIC)"]);
    assert_eq!(
        texts(&html, "nav.trilha li"),
        vec!["Início", "Acesso à Informação", "Serviço de Informação ao Cidadão (SIC)"]
    );
    assert!(texts(&html, "main .contatos .endereco")[0].contains("Rua das Palmeiras, 215"));
    assert_eq!(texts(&html, "main .contatos .telefones a"), vec!["(62) 3371-2200"]);
    // The SIC's own e-mail, not the unit's.
    assert_eq!(texts(&html, "main .contatos .emails a"), vec!["sic@lagoaserena.go.gov.br"]);
    assert_eq!(
        texts(&html, "main .contatos .horario li"),
        vec!["Segunda a sexta-feira, das 7h30 às 11h30 e das 13h às 17h", "Feriados: fechado"]
    );
    assert_eq!(attrs(&html, "main a[rel='external']", "href"), vec!["https://esic.lagoaserena.go.gov.br/"]);
    assert!(texts(&html, "main p").iter().any(|p| p.starts_with("Responsável: Carlos Eduardo Nogueira")));
    // The file has no text: the theme's explanation, with the law's deadlines.
    assert!(texts(&html, "main h2").contains(&"Prazos".to_string()));
    let ld = &json_ld(&html)[0];
    assert_eq!(ld["@type"], "GovernmentService");
    let channels = ld["availableChannel"].as_array().cloned().unwrap_or_default();
    assert_eq!(channels[0]["serviceUrl"], "https://esic.lagoaserena.go.gov.br/");
    assert_eq!(channels[1]["serviceLocation"]["address"]["streetAddress"], "Rua das Palmeiras, 215");
    assert_eq!(channels[1]["serviceLocation"]["name"], "Secretaria Municipal de Assistência Social");
    assert_eq!(ld["email"], serde_json::json!(["sic@lagoaserena.go.gov.br"]));
}

#[test]
fn the_ombudsman_has_its_own_place_and_online_form() {
    let site = TestSite::built("lagoa-serena");
    let html = site.page("acesso-a-informacao/ouvidoria/");
    assert_eq!(texts(&html, "main h1"), vec!["Ouvidoria Municipal"]);
    assert!(texts(&html, "main .contatos .endereco")[0].contains("Praça Cívica, 1 (Paço Municipal)"));
    assert_eq!(texts(&html, "main .contatos .telefones li"), vec!["0800 646 2020 – ligação gratuita"]);
    assert!(texts(&html, "main .contatos .horario li").iter().any(|e| e.contains("Véspera de Natal")));
    assert_eq!(
        attrs(&html, "main a[rel='external']", "href"),
        vec!["https://ouvidoria.lagoaserena.go.gov.br/manifestacao"]
    );
    assert!(html.select(&sel("main .horario[data-horario]")).next().is_some(), "the \"aberto agora\" indicator");
    assert!(html.select(&sel("script#calendario")).next().is_some());
}

#[test]
fn the_privacy_page_names_the_officer_and_explains_the_site() {
    let site = TestSite::built("lagoa-serena");
    let html = site.page("privacidade/");
    assert_eq!(texts(&html, "main h1"), vec!["Privacidade e proteção de dados pessoais"]);
    assert_eq!(texts(&html, "main .atualizacao-politica"), vec!["Política atualizada em 2 de março de 2026."]);
    let officer = texts(&html, "main section[aria-labelledby='encarregado'] p");
    assert_eq!(officer[0], "Juliana Mota Cardoso, Encarregada pelo tratamento de dados pessoais da Prefeitura");
    assert_eq!(
        attrs(&html, "main section[aria-labelledby='encarregado'] a", "href"),
        vec!["tel:+556233712000", "mailto:lgpd@lagoaserena.go.gov.br"]
    );
    assert_eq!(
        texts(&html, "main .texto h2"),
        vec![
            "O que este site coleta",
            "Registros do servidor",
            "Dados pessoais nos serviços da Secretaria",
            "Os seus direitos"
        ]
    );
    let ld = &json_ld(&html)[0];
    assert_eq!(ld["@type"], "Person");
    assert_eq!(ld["name"], "Juliana Mota Cardoso");
    assert_eq!(ld["email"], serde_json::json!(["lgpd@lagoaserena.go.gov.br"]));
    assert_eq!(ld["worksFor"]["name"], "Secretaria Municipal de Assistência Social");
    // The site's own policy replaces the theme's; the officer stays.
    let own = TestSite::fixture("lagoa-serena");
    let text = std::fs::read_to_string(own.root().join("content/privacidade.md")).unwrap();
    own.write(
        "content/privacidade.md",
        &format!("{text}Política de privacidade aprovada pelo Decreto nº 2.300/2026.\n"),
    );
    own.build().map_err(render).unwrap();
    let html = own.page("privacidade/");
    assert_eq!(texts(&html, "main .texto p"), vec!["Política de privacidade aprovada pelo Decreto nº 2.300/2026."]);
    assert_eq!(texts(&html, "main section[aria-labelledby='encarregado'] p")[0], officer[0]);
}
