//! Issue 10 §2: programmes and actions (Decreto 7.724/2012, art. 7º, § 3º, II) and the
//! council, on the `lagoa-serena` fixture: what each page shows, read back as parsed HTML,
//! and their JSON-LD read back as JSON.

use crate::support::*;
use serde_json::Value;

/// The `<dt>` → `<dd>` pairs of the first `dl` matching `css`.
fn pairs(html: &scraper::Html, css: &str) -> Vec<(String, String)> {
    let dt = texts(html, &format!("{css} dt"));
    let dd = texts(html, &format!("{css} dd"));
    dt.into_iter().zip(dd).collect()
}

#[test]
fn a_programme_page_has_what_the_decree_asks() {
    let site = TestSite::built("lagoa-serena");
    let html = site.page("programas/paif/");
    assert_eq!(texts(&html, "main h1"), vec!["Serviço de Proteção e Atendimento Integral à Família (PAIF)"]);
    let facts = pairs(&html, "main dl.dados-aviso");
    assert_eq!(
        facts[0],
        ("Para quem".into(), "Famílias em situação de vulnerabilidade social que moram no território do CRAS".into())
    );
    assert_eq!(facts[1], ("Unidade responsável".into(), "CRAS Lagoa Serena".into()));
    assert_eq!(facts[2].0, "Base legal");
    assert_eq!(attrs(&html, "main dl.dados-aviso dd a", "href"), vec!["../../unidades/cras/"]);
    assert_eq!(
        texts(&html, "main section > h2"),
        vec!["O que é", "Como acessar", "Metas", "Resultados", "Indicadores", "Documentos"]
    );
    // The body's own headings sit under "O que é".
    assert_eq!(
        texts(&html, "main section[aria-labelledby='sobre-o-programa'] .texto h3"),
        vec!["O que a família recebe"]
    );
    // Where to go: the responsible unit's contacts.
    assert!(texts(&html, "main section .contatos .endereco")[0].contains("Avenida Goiás, 1040"));
    assert_eq!(texts(&html, "main #metas-do-programa + ul li").len(), 2);
    let rows: Vec<Vec<String>> = html
        .select(&sel("main .tabela tbody tr"))
        .map(|tr| tr.select(&sel("th, td")).map(|c| normalise(&c.text().collect::<String>())).collect())
        .collect();
    assert_eq!(
        rows,
        vec![
            vec!["Famílias em acompanhamento", "286", "dezembro de 2025", "Registro Mensal de Atendimentos (RMA)"],
            vec!["Famílias do Bolsa Família acompanhadas", "41%", "2025", "não informada–"],
        ]
    );
    // The table scrolls in its own box, which the keyboard reaches and which has a name.
    assert_eq!(attrs(&html, "main .tabela", "tabindex"), vec!["0"]);
    assert_eq!(attrs(&html, "main .tabela", "aria-label"), vec!["Tabela de indicadores"]);
    let docs: Vec<(String, String)> = html
        .select(&sel("main .lista-documentos a"))
        .map(|a| (normalise(&a.text().collect::<String>()), a.value().attr("href").unwrap_or("").to_string()))
        .collect();
    assert_eq!(
        docs,
        vec![
            ("Folheto do PAIF (PDF)".to_string(), "../../programas/folheto-paif.pdf".to_string()),
            (
                "Orientações técnicas do PAIF (Ministério) (outro site)".to_string(),
                "https://www.gov.br/mds/pt-br/acoes-e-programas/suas".to_string()
            ),
        ]
    );
    assert!(site.output().join("programas/folheto-paif.pdf").is_file());
    let ld = &json_ld(&html)[0];
    assert_eq!(ld["@type"], "GovernmentService");
    assert_eq!(ld["name"], "Serviço de Proteção e Atendimento Integral à Família");
    assert_eq!(ld["alternateName"], "PAIF");
    assert_eq!(ld["audience"]["@type"], "Audience");
    assert_eq!(
        ld["provider"],
        serde_json::json!({"@type": "GovernmentOffice", "name": "CRAS Lagoa Serena", "url": "https://social.lagoaserena.go.gov.br/unidades/cras/"})
    );
    assert_eq!(ld["areaServed"], serde_json::json!({"@type": "City", "name": "Lagoa Serena"}));
    assert_eq!(ld["url"], "https://social.lagoaserena.go.gov.br/programas/paif/");
}

/// Without a unit, goals or documents, a programme shows what it has and leaves the rest out;
/// the secretariat provides it.
#[test]
fn a_programme_with_little_shows_only_what_it_has() {
    let site = TestSite::built("lagoa-serena");
    let html = site.page("programas/auxilio-natalidade/");
    assert_eq!(texts(&html, "main section > h2"), vec!["O que é", "Como acessar"]);
    assert_eq!(json_ld(&html)[0]["provider"]["name"], "Secretaria Municipal de Assistência Social");
    let list = site.page("programas/");
    assert_eq!(
        texts(&list, "main .lista-programas h2"),
        vec![
            "Serviço de Proteção e Atendimento Integral à Família (PAIF)",
            "Serviço de Convivência e Fortalecimento de Vínculos (SCFV)",
            "Auxílio natalidade"
        ],
        "by weight; an acronym already in the title is not repeated"
    );
    let ld = &json_ld(&list)[0];
    assert_eq!(ld["@type"], "ItemList");
    assert_eq!(ld["itemListElement"][2]["url"], "https://social.lagoaserena.go.gov.br/programas/auxilio-natalidade/");
    assert_eq!(ld["itemListElement"][2]["position"], 3);
}

#[test]
fn the_council_page_has_its_composition_calendar_and_documents() {
    let site = TestSite::built("lagoa-serena");
    let html = site.page("participacao-social/cmas/");
    assert_eq!(texts(&html, "main h1"), vec!["Conselho Municipal de Assistência Social (CMAS)"]);
    assert_eq!(attrs(&html, "main a[href*='legislacao']", "href"), vec!["../../legislacao/lei-do-cmas/"]);
    let composition = texts(&html, "main #composicao-do-conselho ~ p");
    assert_eq!(composition[0], "Mandato: de 1º de junho de 2025 a 31 de maio de 2027");
    assert_eq!(composition[1], "Nomeação: Decreto nº 2.207, de 28 de maio de 2025");
    assert_eq!(pairs(&html, "main #mesa-diretora + dl")[0], ("Presidente".into(), "Lúcia Helena Borges".into()));
    assert_eq!(
        texts(&html, "main h3[id^='segmento']"),
        vec!["Representantes do governo", "Representantes da sociedade civil"]
    );
    let rows = |id: &str| -> Vec<Vec<String>> {
        html.select(&sel(&format!("main .tabela[aria-labelledby='{id}'] tbody tr")))
            .map(|tr| tr.select(&sel("th, td")).map(|c| normalise(&c.text().collect::<String>())).collect())
            .collect()
    };
    let government = rows("segmento-governo");
    assert_eq!(government.len(), 4);
    assert_eq!(
        government[2],
        vec!["Secretaria Municipal de Educação", "Helena Castro Vaz", "não informado", "o do conselho"]
    );
    let civil = rows("segmento-sociedade-civil");
    assert_eq!(
        civil[3],
        vec![
            "Lar São Vicente de Paulo",
            "Sebastião Rocha",
            "Irene Campos",
            "de 10 de março de 2026 a 31 de maio de 2027"
        ]
    );
    // The year of meetings, from the notices the council organises; each date its own link.
    let dates = attrs(&html, "main #reunioes-do-conselho ~ ol.datas-aviso a", "href");
    assert_eq!(dates.len(), 12);
    assert_eq!(dates[11], "../../avisos/reunioes-ordinarias-do-cmas-2026/#2026-12-09");
    let documents = |id: &str| -> Vec<(String, String)> {
        html.select(&sel(&format!("main section[aria-labelledby='{id}'] .lista-documentos > li > a")))
            .map(|a| (normalise(&a.text().collect::<String>()), a.value().attr("href").unwrap_or("").to_string()))
            .collect()
    };
    assert_eq!(
        documents("atas-do-conselho"),
        vec![
            ("Ata da reunião de 11 de fevereiro de 2026 (PDF)".into(), "../../cmas/atas/ata-2026-02-11.pdf".into()),
            ("Ata da reunião de 14 de janeiro de 2026 (PDF)".into(), "../../cmas/atas/ata-2026-01-14.pdf".into()),
        ],
        "the most recent first"
    );
    assert_eq!(
        documents("resolucoes-do-conselho"),
        vec![
            (
                "Resolução CMAS nº 02/2026, de 11 de março de 2026".into(),
                "../../participacao-social/cmas/resolucoes/resolucao-02-2026/".into()
            ),
            (
                "Resolução CMAS nº 01/2026, de 11 de fevereiro de 2026 (PDF)".into(),
                "../../cmas/resolucoes/resolucao-01-2026.pdf".into()
            ),
        ]
    );
    // A file name with a space is a valid address, and the file is published under it.
    let others = documents("documentos-do-conselho");
    assert_eq!(others[0], ("Regimento interno (PDF)".into(), "../../cmas/regimento%20interno.pdf".into()));
    assert!(site.output().join("cmas/regimento interno.pdf").is_file());
    assert!(site.output().join("participacao-social/cmas/resolucoes/resolucao-02-2026/index.html").is_file());
    assert_eq!(
        texts(&html, "main section[aria-labelledby='conferencias-do-conselho'] li > a"),
        vec!["XI Conferência Municipal de Assistência Social"]
    );
    let ld = &json_ld(&html)[0];
    assert_eq!(ld["@type"], "GovernmentOrganization");
    assert_eq!(ld["alternateName"], "CMAS");
    assert_eq!(ld["email"], serde_json::json!(["cmas@lagoaserena.go.gov.br"]));
    let members = ld["member"].as_array().cloned().unwrap_or_default();
    // 3 on the board, 8 titulares, 7 suplentes.
    assert_eq!(members.len(), 18);
    assert!(members.iter().all(|m| m["@type"] == "OrganizationRole" && m["member"]["@type"] == "Person"));
    let irene = members.iter().find(|m| m["member"]["name"] == "Irene Campos").unwrap();
    assert_eq!(irene["roleName"], "Suplente");
    assert_eq!((irene["startDate"].as_str(), irene["endDate"].as_str()), (Some("2026-03-10"), Some("2027-05-31")));
    assert_eq!(irene["description"], "Representa: Lar São Vicente de Paulo (sociedade civil)");
}

#[test]
fn the_participation_page_lists_councils_conferences_and_hearings() {
    let site = TestSite::built("lagoa-serena");
    let html = site.page("participacao-social/");
    assert_eq!(texts(&html, "main h2"), vec!["Conselhos", "Conferências", "Audiências públicas", "Ouvidoria"]);
    assert_eq!(attrs(&html, "main h2 + ul.lista-paginas a", "href"), vec!["../participacao-social/cmas/"]);
    let lists: Vec<Vec<String>> = html
        .select(&sel("main ul.lista-avisos"))
        .map(|ul| ul.select(&sel("li > a")).map(|a| normalise(&a.text().collect::<String>())).collect())
        .collect();
    assert_eq!(
        lists,
        vec![
            vec!["XI Conferência Municipal de Assistência Social".to_string()],
            vec!["Audiência pública do Plano Municipal de Assistência Social 2026–2029".to_string()]
        ]
    );
    assert!(texts(&html, "main ul.lista-avisos li p")[0].ends_with("(já realizada)"));
    let ld: Value = json_ld(&html)[0].clone();
    assert_eq!(ld["itemListElement"][0]["name"], "Conselho Municipal de Assistência Social");
}
