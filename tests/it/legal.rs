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

// ---------------------------------------------------------------------------------------
// Issue 9, points 8–21: real acts as staff paste them (fixture `normas`).

mod fidelity {
    use crate::support::*;
    use serde_json::Value;
    use std::sync::OnceLock;

    /// The `normas` fixture built once, with its warnings as plain text.
    fn normas() -> &'static (TestSite, String) {
        static SITE: OnceLock<(TestSite, String)> = OnceLock::new();
        SITE.get_or_init(|| {
            let site = TestSite::fixture("normas");
            let summary = site.build().map_err(render).unwrap();
            let warnings = secretaria::diagnostics::report::render_plain(&summary.warnings);
            (site, warnings)
        })
    }

    fn page(name: &str) -> scraper::Html {
        normas().0.page(&format!("legislacao/{name}/"))
    }

    fn tree_of(site: &TestSite, name: &str) -> Value {
        let path = site.output().join(format!("legislacao/{name}/estrutura.json"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn tree(name: &str) -> Value {
        tree_of(&normas().0, name)
    }

    /// Warnings reported for one page of the fixture.
    fn warnings(name: &str) -> Vec<String> {
        let file = format!("content/legislacao/{name}.md:");
        normas().1.lines().filter(|l| l.contains(&file)).map(str::to_string).collect()
    }

    /// The provision with `id` in a JSON tree.
    fn find<'a>(nodes: &'a Value, id: &str) -> Option<&'a Value> {
        for p in nodes.as_array()? {
            if p["id"] == id {
                return Some(p);
            }
            if let Some(found) = find(&p["children"], id) {
                return Some(found);
            }
        }
        None
    }

    fn node<'a>(tree: &'a Value, id: &str) -> &'a Value {
        find(&tree["provisions"], id).unwrap_or_else(|| panic!("no {id} in the JSON tree"))
    }

    fn ids(html: &scraper::Html) -> Vec<String> {
        attrs(html, ".texto-normativo [id]", "id")
    }

    fn kinds(nodes: &Value) -> Vec<String> {
        nodes.as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap().to_string()).collect()
    }

    #[test]
    fn p08_article_number_alone_keeps_its_caput_incisos_and_paragraph() {
        let html = page("artigo-separado");
        for id in ["art124_cpt_inc1", "art124_cpt_inc3", "art124_par1u"] {
            assert_eq!(texts(&html, &format!("#art124 #{id}")).len(), 1, "{id} inside art. 124");
        }
        let found = ids(&html);
        assert!(!found.iter().any(|id| id == "inc1" || id == "par1u"), "{found:?}");
        assert!(texts(&html, "#art124_cpt > p").join("").contains("O Município prestará assistência social"));
        let json = tree("artigo-separado");
        let art = node(&json, "art124");
        assert_eq!(kinds(&art["children"]), ["caput", "paragraph"]);
        assert_eq!(kinds(&art["children"][0]["children"]), ["inciso", "inciso", "inciso"]);
        assert_eq!(node(&json, "art125_cpt")["text"], "A execução dos programas será descentralizada.");
        assert!(warnings("artigo-separado").is_empty(), "{:?}", warnings("artigo-separado"));
    }

    #[test]
    fn p09_closing_and_preamble_are_not_articles() {
        let html = page("decreto-fecho");
        assert_eq!(
            texts(&html, "#art2_cpt > p"),
            ["Art. 2º # Este Decreto entra em vigor na data de sua publicação. #"]
        );
        assert!(html.select(&sel(".artigo .fecho")).next().is_none());
        assert_eq!(texts(&html, ".fecho .local-data"), ["Perdizes/MG, 10 de junho de 2025."]);
        assert_eq!(texts(&html, ".fecho .assinatura .nome"), ["JOÃO DA SILVA"]);
        assert_eq!(texts(&html, ".fecho .assinatura .cargo"), ["Prefeito Municipal"]);
        assert_eq!(texts(&html, ".fecho .texto"), ["Publique-se. Cumpra-se."]);
        assert!(texts(&html, ".preambulo").join("").ends_with("DECRETA:"));
        let json = tree("decreto-fecho");
        assert_eq!(kinds(&json["provisions"]), ["text", "text", "preamble", "article", "article", "closing"]);
        let closing = &json["provisions"][5];
        assert_eq!(kinds(&closing["children"]), ["place_date", "signature", "text"]);
        assert_eq!(closing["children"][1]["label"], "JOÃO DA SILVA");
        assert_eq!(closing["children"][1]["text"], "Prefeito Municipal");
        // A federal law's closing: a second signer is never taken for a role.
        let loas = tree("loas");
        let closing = loas["provisions"].as_array().unwrap().last().unwrap();
        assert_eq!(kinds(&closing["children"]), ["place_date", "signature", "text"]);
        assert_eq!(closing["children"][1]["label"], "ITAMAR FRANCO");
        assert_eq!(closing["children"][1]["text"], "");
        assert_eq!(closing["children"][2]["text"], "Jutahy Magalhães Júnior");
        assert_eq!(node(&loas, "art42_cpt")["text"], "Revogam-se as disposições em contrário.");
    }

    #[test]
    fn p10_incisos_written_as_bullets_are_incisos() {
        let html = page("portaria-incisos");
        assert_eq!(attrs(&html, "#art1 li.inciso", "id"), ["art1_cpt_inc1", "art1_cpt_inc2", "art1_cpt_inc3"]);
        assert_eq!(texts(&html, "#art1_cpt_inc2 > .rotulo"), ["II -"]);
        assert!(!ids(&html).iter().any(|id| id.contains("ite")));
        let json = tree("portaria-incisos");
        assert_eq!(node(&json, "art1_cpt_inc1")["kind"], "inciso");
        assert_eq!(node(&json, "art1_cpt_inc1")["number"], 1);
    }

    #[test]
    fn p11_text_wrapped_before_the_first_article_is_one_paragraph() {
        let html = page("decreto-fecho");
        let preamble = texts(&html, "p.preambulo");
        assert_eq!(preamble.len(), 1, "{preamble:?}");
        assert!(
            preamble[0].starts_with("O PREFEITO MUNICIPAL DE PERDIZES, Estado de Minas Gerais, no uso das atribuições")
        );
        let json = tree("decreto-fecho");
        let text = json["provisions"][2]["text"].as_str().unwrap();
        assert_eq!(text.lines().count(), 4, "lines kept as published, joined: {text}");
        assert!(page("loas").select(&sel("p.preambulo")).next().is_some());
    }

    #[test]
    fn p12_a_second_norm_on_the_page_has_its_own_anchors_and_numbering() {
        let html = page("lei-organica-excerto");
        assert_eq!(texts(&html, "section.norma-parte#lei-1234 > h2 .titulo"), ["Lei nº 1.234, de 12 de março de 2010"]);
        for id in ["art150", "art151"] {
            assert!(html.select(&sel(&format!("#{id}"))).next().is_some(), "{id}");
        }
        assert_eq!(attrs(&html, "#lei-1234 .artigo", "id"), ["lei-1234_art3", "lei-1234_art4"]);
        assert_eq!(
            attrs(&html, "#lei-1234_art3 > .caput > p > a.ancora", "aria-label"),
            ["Link para o art. 3º", "Link para o caput do art. 3º"]
        );
        assert!(attrs(&html, ".sumario a", "href").contains(&"#lei-1234".to_string()));
        assert!(warnings("lei-organica-excerto").is_empty(), "{:?}", warnings("lei-organica-excerto"));
        let json = tree("lei-organica-excerto");
        assert_eq!(kinds(&json["provisions"]), ["article", "article", "norm"]);
        assert_eq!(json["provisions"][2]["text"], "Lei nº 1.234, de 12 de março de 2010");
    }

    #[test]
    fn p13_links_in_normative_text_are_links_and_the_text_stays_as_written() {
        let html = page("regimento");
        let link = |href: &str| texts(&html, &format!("#art1 a[href='{href}'], #art2 a[href='{href}']"));
        assert_eq!(link("https://www.perdizes.mg.gov.br/cmas/regimento.pdf"), ["Regimento Interno (PDF)"]);
        assert_eq!(link("https://www.perdizes.mg.gov.br/cmas/atas"), ["https://www.perdizes.mg.gov.br/cmas/atas"]);
        assert_eq!(
            link("https://www.perdizes.mg.gov.br/cmas/resolucoes"),
            ["https://www.perdizes.mg.gov.br/cmas/resolucoes"]
        );
        // The sentence's final period is not part of the address.
        assert!(texts(&html, "#art2_cpt > p").join("").contains("cmas/resolucoes."));
        let json = tree("regimento");
        assert_eq!(
            node(&json, "art1_cpt")["text"],
            "O Regimento Interno do Conselho está publicado em [Regimento Interno (PDF)](https://www.perdizes.mg.gov.br/cmas/regimento.pdf)."
        );
    }

    #[test]
    fn p14_year_only_and_number_with_year_follow_lexml() {
        let ld = json_ld(&page("decreto-fecho"));
        assert_eq!(ld[0]["legislationIdentifier"], "urn:lex:br;minas.gerais;perdizes:municipal:decreto:2025;394");
        assert_eq!(ld[0]["legislationDate"], "2025");
        assert_eq!(ld[0]["alternateName"], "Decreto nº 394/2025");
        let ld = json_ld(&page("portaria-incisos"));
        assert_eq!(ld[0]["legislationIdentifier"], "urn:lex:br;minas.gerais;perdizes:municipal:portaria:2016;1777");
        assert_eq!(ld[0]["alternateName"], "Portaria nº 1.777, de 2016");
        let ld = json_ld(&page("loas"));
        assert_eq!(ld[0]["legislationIdentifier"], "urn:lex:br;minas.gerais;perdizes:municipal:lei:1993-12-07;8742");
        assert_eq!(
            texts(&page("portaria-incisos"), "main .norma .urn"),
            ["urn:lex:br;minas.gerais;perdizes:municipal:portaria:2016;1777"]
        );
        // A year in the number that the date contradicts: both published, no URN, a warning.
        let site = TestSite::fixture("normas");
        site.write(
            "content/legislacao/conflito.md",
            "---\ntitulo: Conflito\nnorma:\n  tipo: lei\n  numero: \"12/2024\"\n  data: 10/03/2025\n---\nArt. 1º Texto.\n",
        );
        let summary = site.build().map_err(render).unwrap();
        let report = secretaria::diagnostics::report::render_plain(&summary.warnings);
        assert!(report.contains("conflito.md") && report.contains("o número da norma traz o ano 2024"), "{report}");
        let ld = json_ld(&site.page("legislacao/conflito/"));
        assert!(ld[0].get("legislationIdentifier").is_none(), "{}", ld[0]);
        // Nothing gives a year: a located error with the fix.
        site.write(
            "content/legislacao/conflito.md",
            "---\ntitulo: Conflito\nnorma:\n  tipo: lei\n  numero: \"12\"\n---\nArt. 1º Texto.\n",
        );
        let error = render(site.build().unwrap_err());
        assert!(
            error.contains("conflito.md") && error.contains("falta a data da norma") && error.contains("394/2025"),
            "{error}"
        );
    }

    #[test]
    fn p15_blank_lines_only_separate() {
        // The same act with and without blank lines gives the same tree.
        let site = TestSite::fixture("normas");
        let src = std::fs::read_to_string(site.root().join("content/legislacao/artigo-separado.md")).unwrap();
        let (front, body) = src.split_at(src.find("Art. 124.").unwrap());
        let tight: String = body.lines().filter(|l| !l.trim().is_empty()).map(|l| format!("{l}\n")).collect();
        site.write("content/legislacao/sem-linhas.md", &format!("{front}{tight}"));
        let src = std::fs::read_to_string(site.root().join("content/legislacao/decreto-fecho.md")).unwrap();
        site.write(
            "content/legislacao/fecho-espacado.md",
            &src.replace("publicação.\nPerdizes", "publicação.\n\nPerdizes"),
        );
        site.build().map_err(render).unwrap();
        assert_eq!(shape(&tree_of(&site, "sem-linhas")), shape(&tree_of(&site, "artigo-separado")));
        assert_eq!(shape(&tree_of(&site, "fecho-espacado")), shape(&tree_of(&site, "decreto-fecho")));
    }

    /// A tree without line numbers and with whitespace normalised (hard wrapping and blank
    /// lines may differ; the structure, ids, labels, texts and statuses may not).
    fn shape(tree: &Value) -> Value {
        fn walk(v: &Value) -> Value {
            match v {
                Value::Object(map) => Value::Object(
                    map.iter()
                        .filter(|(k, _)| k.as_str() != "line")
                        .map(|(k, v)| {
                            (
                                k.clone(),
                                if k == "text" { Value::String(normalise(v.as_str().unwrap_or(""))) } else { walk(v) },
                            )
                        })
                        .collect(),
                ),
                Value::Array(items) => Value::Array(items.iter().map(walk).collect()),
                other => other.clone(),
            }
        }
        walk(&tree["provisions"])
    }

    /// Hard-wraps every body line at `width` columns, as text copied from a PDF arrives.
    fn wrap(page: &str, width: usize) -> String {
        let body_at = page.match_indices("---\n").nth(1).map_or(0, |(i, _)| i + 4);
        let (front, body) = page.split_at(body_at);
        let mut out = front.to_string();
        for line in body.lines() {
            let mut current = String::new();
            for word in line.split_whitespace() {
                if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
                    out.push_str(&current);
                    out.push('\n');
                    current.clear();
                }
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(word);
            }
            out.push_str(&current);
            out.push('\n');
        }
        out
    }

    #[test]
    fn p16_hard_wrapped_federal_law_gives_the_same_tree_as_one_provision_per_line() {
        let site = TestSite::fixture("normas");
        let src = std::fs::read_to_string(site.root().join("content/legislacao/loas.md")).unwrap();
        let wrapped = wrap(&src, 72);
        assert!(wrapped.lines().all(|l| l.chars().count() <= 72 || l.starts_with("ementa:")));
        assert!(
            wrapped.lines().any(|l| l.starts_with("art. 20 desta Lei")),
            "the wrap puts a citation at a line start"
        );
        site.write("content/legislacao/loas-72.md", &wrapped);
        let summary = site.build().map_err(render).unwrap();
        let report = secretaria::diagnostics::report::render_plain(&summary.warnings);
        let (one, hard) = (tree_of(&site, "loas"), tree_of(&site, "loas-72"));
        assert_eq!(shape(&hard), shape(&one));
        assert_eq!(ids(&site.page("legislacao/loas-72/")), ids(&site.page("legislacao/loas/")));
        // The same numbering warnings (real gaps of the excerpt), no more.
        let count = |f: &str| report.lines().filter(|l| l.contains(f)).count();
        assert_eq!(count("loas-72.md:"), count("loas.md:"), "{report}");
        assert_eq!(node(&one, "art20-2_cpt_inc3")["kind"], "inciso");
    }

    #[test]
    fn p16_wrapped_lines_starting_with_citations_continue_the_provision() {
        let html = page("citacoes-quebradas");
        assert_eq!(attrs(&html, ".artigo", "id"), ["art6", "art7"]);
        assert_eq!(attrs(&html, "#art6 > .paragrafo", "id"), ["art6_par1", "art6_par2", "art6_par2-1", "art6_par3"]);
        assert_eq!(attrs(&html, "section.agrupador", "id"), ["cap3"]);
        assert!(html.select(&sel("li.item")).next().is_none());
        let json = tree("citacoes-quebradas");
        assert!(node(&json, "art6_cpt")["text"]
            .as_str()
            .unwrap()
            .ends_with("art. 19. (Incluído pela Lei nº 12.435, de 2011)"));
        assert!(node(&json, "art6_par1")["text"].as_str().unwrap().contains("\nart. 195 da Constituição Federal."));
        assert!(node(&json, "art6_par2")["text"]
            .as_str()
            .unwrap()
            .contains("\n§ 2º deste artigo, na forma do\nCapítulo III."));
        assert!(node(&json, "art6_par3")["text"].as_str().unwrap().ends_with("art.\n24. (Regulamento)"));
        assert!(warnings("citacoes-quebradas").is_empty(), "{:?}", warnings("citacoes-quebradas"));
    }

    #[test]
    fn p17_lettered_paragraphs_are_no_repeats() {
        let json = tree("citacoes-quebradas");
        assert_eq!(node(&json, "art6_par2-1")["name"], "§ 2º-A");
        let loas = tree("loas");
        assert_eq!(node(&loas, "art20_par11-1")["label"], "§ 11-A.");
        assert_eq!(node(&loas, "art20-2")["name"], "art. 20-B");
        assert!(!warnings("loas").iter().any(|w| w.contains("repetid")), "{:?}", warnings("loas"));
    }

    #[test]
    fn p18_quoted_amendment_text_belongs_to_the_amending_article() {
        let html = page("alteracao");
        let quote = texts(&html, "#art1 blockquote.alteracao#art1_cpt_alt1");
        assert_eq!(quote.len(), 1);
        assert!(
            quote[0].starts_with("“Art. 116. Compete à Secretaria") && quote[0].contains("famílias.” (NR)"),
            "{quote:?}"
        );
        assert_eq!(attrs(&html, ".artigo", "id"), ["art1", "art2"]);
        assert!(!ids(&html).iter().any(|id| id.starts_with("inc") || id == "art116"));
        let json = tree("alteracao");
        let alt = node(&json, "art1_cpt_alt1");
        assert_eq!(alt["kind"], "amendment");
        assert_eq!(alt["text"].as_str().unwrap().lines().count(), 3);
        assert!(warnings("alteracao").is_empty(), "{:?}", warnings("alteracao"));
    }

    #[test]
    fn p19_superseded_wording_is_marked_and_repeats_never_look_lettered() {
        let html = page("redacao-anterior");
        assert_eq!(attrs(&html, "#art12_anterior", "data-situacao"), ["redacao-anterior"]);
        assert_eq!(texts(&html, "#art12_anterior_cpt .situacao"), ["(redação anterior)"]);
        assert_eq!(
            attrs(&html, "#art12_anterior_cpt > p > a.ancora", "aria-label")[0],
            "Link para o art. 12 (redação anterior)"
        );
        assert!(texts(&html, "#art12_cpt > p").join("").contains("(Redação dada pela Lei nº 12.435, de 2011)"));
        let found = ids(&html);
        assert!(found.contains(&"art13_rep2".to_string()), "{found:?}");
        assert!(!found.iter().any(|id| id.starts_with("art12-") || id.starts_with("art13-")), "{found:?}");
        let w = warnings("redacao-anterior");
        assert_eq!(w.iter().filter(|l| l.contains("repetido")).count(), 1, "{w:?}");
        assert!(w.iter().any(|l| l.contains("art. 13 repetido")), "{w:?}");
        assert!(normas().1.contains("<!-- redação anterior -->"), "the hint shows the marker");
        let json = tree("redacao-anterior");
        assert_eq!(node(&json, "art12_anterior")["status"], "superseded");
        assert!(node(&json, "art12").get("status").is_none());
    }

    #[test]
    fn p20_a_heading_name_after_a_blank_line_is_its_name() {
        let html = page("citacoes-quebradas");
        assert_eq!(texts(&html, "#cap3 > h2 .titulo"), ["DA ORGANIZAÇÃO E DA GESTÃO"]);
        let loas = page("loas");
        assert_eq!(
            texts(&loas, "#cap4 > h2 .titulo"),
            ["Dos Benefícios, dos Serviços, dos Programas e dos Projetos de Assistência Social"]
        );
        assert!(texts(&loas, ".sumario a[href='#cap1']").join("").contains("Das Definições e dos Objetivos"));
        assert_eq!(
            node(&tree("loas"), "cap4")["text"],
            "Dos Benefícios, dos Serviços, dos Programas e dos Projetos de Assistência Social"
        );
    }

    #[test]
    fn p21_revoked_and_vetoed_provisions_carry_a_status() {
        let html = page("loas");
        let status = |id: &str| attrs(&html, &format!("#{id}"), "data-situacao");
        assert_eq!(status("art20_par5"), ["vetado"]);
        assert_eq!(status("art20_par7"), ["revogado"]);
        assert_eq!(status("art20_par2_inc1"), ["revogado"]);
        assert!(status("art20_par6").is_empty());
        assert!(status("art2_cpt").is_empty(), "(Redação dada …) is no revocation");
        assert_eq!(attrs(&html, "#art20_par5", "class"), ["paragrafo vetado"]);
        assert_eq!(attrs(&html, "#art20_par5 > p > a.ancora", "aria-label"), ["Link para o § 5º do art. 20 (vetado)"]);
        let red = page("redacao-anterior");
        assert_eq!(attrs(&red, "#art14", "data-situacao"), ["revogado"]);
        assert_eq!(attrs(&red, "#art12_cpt_inc3", "data-situacao"), ["vetado"]);
        assert_eq!(attrs(&red, "#art12_cpt_inc4", "data-situacao"), ["revogado"]);
        let json = tree("loas");
        assert_eq!(node(&json, "art20_par5")["status"], "vetoed");
        assert_eq!(node(&json, "art20_par7")["status"], "revoked");
        assert!(node(&json, "art20_par6").get("status").is_none());
        // The theme mutes them without relying on colour alone (a dashed rule beside them).
        let css = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/css/site.css"),
        )
        .unwrap();
        let rule = css.lines().find(|l| l.starts_with(".texto-normativo [data-situacao] {")).unwrap();
        assert!(rule.contains("var(--texto-suave)") && rule.contains("border-left: 3px dashed"), "{rule}");
    }
}
