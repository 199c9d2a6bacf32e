//! Every broken fixture fails with the right Portuguese message at the right file and line,
//! and all errors of a site are reported together.

use crate::support::*;
use secretaria::pipeline::{self, BuildOptions, Failure};

fn errors(case: &str) -> Vec<(String, Option<usize>, String, Option<String>)> {
    let root = fixtures().join("invalid").join(case);
    let options = BuildOptions { root, today: Some(today()), ..BuildOptions::default() };
    match pipeline::check(&options) {
        Ok(_) => panic!("{case}: check passed"),
        Err(Failure::Io(e)) => panic!("{case}: io {e:#}"),
        Err(Failure::Usage(d)) => panic!("{case}: usage {d:?}"),
        Err(Failure::Output(e)) => panic!("{case}: output {:?}", e.diagnostic),
        Err(Failure::Content(d)) => d
            .sorted()
            .into_iter()
            .filter(|d| d.severity == secretaria::diagnostics::Severity::Error)
            .map(|d| {
                (
                    d.file.as_ref().map(|f| f.display().to_string()).unwrap_or_default(),
                    d.location.map(|l| l.line),
                    d.message.clone(),
                    d.help.clone(),
                )
            })
            .collect(),
    }
}

fn assert_error(case: &str, file: &str, line: Option<usize>, message_part: &str) {
    let all = errors(case);
    assert!(
        all.iter().any(|(f, l, m, h)| f == file && *l == line && m.contains(message_part) && h.is_some()),
        "{case}: expected {file}:{line:?} “{message_part}” in {all:#?}"
    );
}

#[test]
fn yaml_syntax() {
    assert_error("yaml-syntax", "content/secretaria.yaml", Some(4), "YAML inválido");
}

#[test]
fn unknown_key_with_suggestion() {
    let all = errors("unknown-key");
    let hit = all.iter().find(|(_, _, m, _)| m.contains("`titlo`")).unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!((hit.0.as_str(), hit.1), ("content/paginas/sobre.md", Some(2)));
    assert!(hit.3.as_deref().unwrap_or("").contains("você quis dizer `titulo`"));
}

#[test]
fn hour_25() {
    assert_error("hora-25", "content/unidades/secretaria.yaml", Some(9), "25:00");
}

#[test]
fn date_31_02() {
    assert_error("data-31-02", "content/avisos/reuniao.md", Some(4), "31/02/2025");
}

#[test]
fn period_ending_before_it_starts() {
    assert_error("periodo-invertido", "content/avisos/reuniao.md", Some(5), "anterior ao início");
}

#[test]
fn malformed_email_is_published_as_text_with_a_warning() {
    let site = TestSite::fixture("warnings/email");
    let summary = site.build().map_err(render).unwrap();
    // The fixture has no base_url: that warning is about site.yaml, not this one.
    let site_yaml = Some(std::path::Path::new("site.yaml"));
    let warnings: Vec<_> =
        summary.warnings.sorted().into_iter().filter(|w| w.file.as_deref() != site_yaml).cloned().collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = &warnings[0];
    assert_eq!(w.file.as_deref(), Some(std::path::Path::new("content/unidades/secretaria.yaml")));
    assert_eq!(w.location.map(|l| (l.line, l.column)), Some((7, 5)));
    assert!(w.message.starts_with("e-mail inválido: social.perdizes.mg.gov.br (falta o @)"), "{}", w.message);
    let help = w.help.clone().unwrap_or_default();
    // The hint shows a non-government address too: any domain is valid.
    assert!(help.contains("@gmail.com") && help.contains("nome@domínio"), "{help}");
    let html = site.page("unidades/secretaria/");
    assert_eq!(texts(&html, "main .emails .email-sem-link"), vec!["social.perdizes.mg.gov.br"]);
    assert_eq!(html.select(&sel("main a[href^='mailto:']")).count(), 0);
    assert!(json_ld(&html)[0].get("email").is_none(), "not an address: left out of JSON-LD");
}

#[test]
fn phone_that_is_not_brazilian() {
    assert_error("telefone", "content/unidades/secretaria.yaml", Some(5), "(00) 1234");
}

/// The error of a fixture whose file and line are known, with its hint.
fn error_at(case: &str, file: &str, line: usize) -> (String, String) {
    let all = errors(case);
    let hit = all.iter().find(|(f, l, _, _)| f == file && *l == Some(line));
    let (_, _, message, help) = hit.unwrap_or_else(|| panic!("{case}: nothing at {file}:{line} in {all:#?}"));
    assert_eq!(all.len(), 1, "{case}: one root cause, one error: {all:#?}");
    (message.clone(), help.clone().unwrap_or_default())
}

#[test]
fn hours_without_days_say_what_is_missing_and_show_the_fix() {
    let (message, help) = error_at("horario-sem-dias", "content/unidades/cras.yaml", 6);
    assert_eq!(message, "faltam os dias no horário: '8h às 12h, 13h30 às 17h30'");
    assert!(help.ends_with("  horario:\n    seg-sex: 08:00-12:00, 13:30-17:30"), "{help}");
    assert!(!message.contains("tipo errado"));
}

#[test]
fn a_range_of_days_that_cannot_be_read_exactly_is_an_error() {
    let (message, help) = error_at("dias-ambiguos", "content/unidades/cras.yaml", 4);
    assert_eq!(message, "intervalo de dias ambíguo: 'seg-qua-sex'");
    assert!(help.contains("seg-qua, sex"), "{help}");
}

#[test]
fn two_phones_in_one_item_get_the_split_as_a_hint() {
    let (message, help) = error_at("dois-telefones", "content/unidades/cras.yaml", 5);
    assert_eq!(message, "2 telefones em um só item: 34 3663-1501/34 99812-4470");
    assert_eq!(help, "escreva cada telefone em um item da lista:\n  - \"(34) 3663-1501\"\n  - \"(34) 99812-4470\"");
}

#[test]
fn a_phone_with_a_misspelt_key_is_reported_at_that_key() {
    let (message, help) = error_at("telefone-chave-errada", "content/unidades/conselho-tutelar.yaml", 5);
    assert_eq!(message, "chave desconhecida: `descrição` (em `telefones[0]`)");
    assert!(help.starts_with("você quis dizer `descricao`?"), "{help}");
    assert!(!message.contains("untagged"));
}

#[test]
fn on_call_service_must_say_when() {
    let (message, help) = error_at("plantao-sem-descricao", "content/unidades/conselho-tutelar.yaml", 5);
    assert_eq!(message, "o plantão não diz quando atende");
    assert!(help.contains("descricao:"), "{help}");
}

#[test]
fn municipal_holidays_are_validated() {
    let (message, help) = error_at("feriado-invalido", "site.yaml", 7);
    assert_eq!(message, "data de feriado inválida: 31/02");
    assert!(help.contains("DD/MM"), "{help}");
}

#[test]
fn an_organiser_must_be_a_unit() {
    let (message, _) = error_at("organizador-ausente", "content/avisos/reuniao.md", 5);
    assert_eq!(message, "unidade organizadora não encontrada: `cmas`");
}

#[test]
fn a_date_twice_in_a_series_is_an_error() {
    let (message, help) = error_at("datas-repetidas", "content/avisos/reunioes-2025.md", 8);
    assert_eq!(message, "a data 12/03/2025 aparece duas vezes em `datas`");
    assert_eq!(help, "apague uma das duas (itens 2 e 3)");
}

#[test]
fn duplicate_url() {
    let all = errors("url-duplicada");
    let files: std::collections::BTreeSet<&str> =
        all.iter().filter(|e| e.2.contains("endereço duplicado")).map(|e| e.0.as_str()).collect();
    let expected: std::collections::BTreeSet<&str> =
        ["content/paginas/sobre.md", "content/paginas/sobre/_index.md"].into();
    assert_eq!(files, expected, "{all:#?}");
}

#[test]
fn missing_required_field() {
    let all = errors("campo-obrigatorio");
    assert!(all.iter().any(|e| e.0 == "content/avisos/reuniao.md" && e.2.contains("`inicio`")), "{all:#?}");
}

#[test]
fn missing_legal_reference() {
    assert_error("ref-legal-ausente", "content/estrutura/assessoria-de-atendimento-a-familia.md", Some(4), "art99");
}

#[test]
fn all_errors_are_reported_together() {
    let all = errors("varios-erros");
    let files: std::collections::BTreeSet<&str> = all.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(files.len(), 3, "{all:#?}");
}

#[test]
fn every_valid_site_checks_clean() {
    for (name, path) in valid_sites() {
        let options = BuildOptions { root: path, today: Some(today()), ..BuildOptions::default() };
        if let Err(f) = pipeline::check(&options) {
            panic!("{name}: {}", render(f));
        }
    }
}

mod no_input_panics {
    use crate::support::*;
    use proptest::prelude::*;
    use secretaria::pipeline;

    fn front_matter() -> impl Strategy<Value = String> {
        let key = prop_oneof![
            prop::sample::select(vec![
                "titulo",
                "inicio",
                "fim",
                "horario",
                "telefones",
                "atribuicoes",
                "data",
                "peso"
            ])
            .prop_map(String::from),
            "[a-z]{1,8}",
        ];
        let value = prop_oneof![".{0,30}", "[0-9/: -]{0,20}", Just("[1, 2]".to_string()), Just("{a: b}".to_string())];
        prop::collection::vec((key, value), 0..6)
            .prop_map(|pairs| pairs.into_iter().map(|(k, v)| format!("{k}: {v}\n")).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Arbitrary front matter and bodies in every typed folder: the build reports or
        /// succeeds, it never panics.
        #[test]
        fn arbitrary_content_never_panics(
            yaml in front_matter(),
            body in "(?s).{0,200}",
            folder in prop::sample::select(vec!["avisos", "estrutura", "legislacao", "paginas"]),
        ) {
            let site = TestSite::fixture("perdizes");
            site.write(&format!("content/{folder}/x.md"), &format!("---\n{yaml}---\n{body}"));
            site.write("content/unidades/y.yaml", &yaml);
            let options = pipeline::BuildOptions { root: site.root().to_path_buf(), today: Some(today()), ..Default::default() };
            let _ = pipeline::check(&options);
        }
    }
}

/// One planted defect of each kind the rendered-site and plain-language checks find, each
/// reported once, with its code, at the file and line the editor wrote it (read from
/// `--format json`, parsed): broken link, broken fragment, missing source, image without alt,
/// third-party image, skipped heading, vague link text, outdated page, unexplained acronym,
/// foreign word, long sentence.
#[test]
fn rendered_site_defects_at_their_source_lines() {
    let root = fixtures().join("invalid/site-gerado");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_secretaria"))
        .args(["--root", &root.to_string_lossy(), "check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let document: secretaria::diagnostics::json::Document = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, Option<usize>, &str, secretaria::diagnostics::Severity)> = document
        .diagnosticos
        .iter()
        .map(|r| (r.file.clone().unwrap_or_default(), r.line, r.code.id(), r.severity))
        .collect();
    use secretaria::diagnostics::Severity::{Error, Warning};
    let page = "content/programas/paif/index.md".to_string();
    let about = "content/sobre.md".to_string();
    assert_eq!(
        found,
        vec![
            (page.clone(), Some(8), "S0801", Error),
            (page.clone(), Some(10), "S0802", Error),
            (page.clone(), Some(12), "S0803", Error),
            (page.clone(), Some(14), "S0804", Error),
            (page.clone(), Some(16), "S0805", Error),
            (page.clone(), Some(18), "S0806", Warning),
            (page, Some(20), "S0807", Warning),
            (about.clone(), Some(1), "S0808", Warning),
            (about.clone(), Some(5), "S0902", Warning),
            (about.clone(), Some(7), "S0903", Warning),
            (about.clone(), Some(9), "S0901", Warning),
        ]
    );
    assert_eq!((document.erros, document.avisos), (5, 6));
    // The readability of each text long enough, the hardest first; "O CRAS atende" is known
    // (the theme's glossary) and not reported.
    let readability = document.legibilidade.unwrap();
    let files: Vec<&str> = readability.textos.iter().map(|t| t.arquivo.as_str()).collect();
    assert_eq!(files, [about.as_str(), "content/programas/paif/index.md"]);
    assert_eq!(readability.textos[0].frases, 4);
}

/// A link written to a source file (`lei.md#art2_cpt_inc2`) is published as the link to its
/// page, and a valid one is not reported.
#[test]
fn links_to_sources_are_published_as_pages() {
    let site = TestSite::fixture("invalid/site-gerado");
    // Only the page under test: the planted outdated page is another test's.
    std::fs::remove_file(site.root().join("content/sobre.md")).unwrap();
    let good = "---\ntitulo: Programa\n---\nVeja o [inciso II](../../legislacao/lei-organica.md#art2_cpt_inc2).\n";
    site.write("content/programas/paif/index.md", good);
    let summary = site.build().unwrap_or_else(|f| panic!("{}", render(f)));
    assert_eq!(summary.warnings.warning_count(), 0, "{:?}", summary.warnings);
    let page = site.page("programas/paif/");
    assert_eq!(attrs(&page, "main a[href*='art2']", "href"), ["../../legislacao/lei-organica/#art2_cpt_inc2"]);
    let home = site.page("");
    assert!(attrs(&home, "a", "href").contains(&"./programas/paif/".to_string()));
}

/// An e-mail written as `<nome@dominio.br>` is a `mailto:` link, not a file beside the page:
/// it is published as such and the rendered-site checks do not call it a broken link.
#[test]
fn email_autolinks_are_not_attachments() {
    let site = TestSite::fixture("invalid/site-gerado");
    // Only the page under test: the planted outdated page is another test's.
    std::fs::remove_file(site.root().join("content/sobre.md")).unwrap();
    let text = "---\ntitulo: Programa\n---\nEscreva para <paif@lagoaserena.go.gov.br>.\n";
    site.write("content/programas/paif/index.md", text);
    let summary = site.build().unwrap_or_else(|f| panic!("{}", render(f)));
    assert_eq!(summary.warnings.warning_count(), 0, "{:?}", summary.warnings);
    let page = site.page("programas/paif/");
    assert_eq!(attrs(&page, "main a[href^='mailto:']", "href"), ["mailto:paif@lagoaserena.go.gov.br"]);
}

/// The texts of every transparency kind (programmes, councils, frequent questions, SIC,
/// ombudsman, privacy) are checked like pages: a broken link in each is reported once, at
/// the line where it was written, and the build fails before publishing.
#[test]
fn transparency_texts_are_checked() {
    let site = TestSite::fixture("lagoa-serena");
    let files = [
        "content/programas/paif.md",
        "content/participacao-social/cmas.md",
        "content/perguntas-frequentes/auxilio-funeral.md",
        "content/acesso-a-informacao/sic.md",
        "content/acesso-a-informacao/ouvidoria.md",
        "content/privacidade.md",
    ];
    let mut expected = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(site.root().join(file)).unwrap();
        let text = format!("{}\n\nVeja a [página da secretaria](/pagina-que-nao-existe/).\n", text.trim_end());
        expected.push((file.to_string(), Some(text.lines().count()), "S0801"));
        site.write(file, &text);
    }
    let found = match site.build() {
        Err(Failure::Content(d)) => d
            .sorted()
            .into_iter()
            .map(|d| {
                (
                    d.file.as_ref().map(|f| f.display().to_string()).unwrap_or_default(),
                    d.location.map(|l| l.line),
                    d.code.id(),
                )
            })
            .collect::<Vec<_>>(),
        Ok(_) => panic!("the build passed"),
        Err(other) => panic!("{}", render(other)),
    };
    expected.sort();
    assert_eq!(found, expected);
}

/// The Markdown written in YAML fields (the secretariat's mission and values, a unit's text)
/// is checked like a page's body once the site is rendered: a broken link is reported at the
/// line and column where it was written in the YAML, in a block scalar (not on its first
/// line), in a value of a list and in a quoted one-line value; the build fails before
/// publishing.
#[test]
fn markdown_in_yaml_fields_is_checked_where_it_was_written() {
    let site = TestSite::fixture("lagoa-serena");
    let secretariat = std::fs::read_to_string(site.root().join("content/secretaria.yaml")).unwrap();
    let mission = "  Garantir proteção social a quem dela precisar, com acolhida, escuta e acesso a direitos.\n";
    assert!(secretariat.contains(mission));
    let secretariat = secretariat
        .replace(mission, &format!("{mission}  Veja a [carta de serviços](/carta-de-servicos/).\n"))
        + "valores:\n  - nome: Acolhida\n    descricao: Receber bem, como diz o [código](#codigo-de-etica).\n";
    site.write("content/secretaria.yaml", &secretariat);
    let cras = std::fs::read_to_string(site.root().join("content/unidades/cras.yaml")).unwrap();
    let cras = format!("{cras}texto: \"Conheça o [PAIF](../../programas/paif-antigo/).\"\n");
    site.write("content/unidades/cras.yaml", &cras);
    // Where each link was written: 1-based line and column of its `[`.
    let at = |text: &str, needle: &str| {
        text.lines().enumerate().find_map(|(i, l)| l.find(needle).map(|c| (i + 1, l[..c].chars().count() + 1))).unwrap()
    };
    let mut expected = vec![
        ("content/secretaria.yaml".to_string(), at(&secretariat, "[carta"), "S0801"),
        ("content/secretaria.yaml".to_string(), at(&secretariat, "[código"), "S0802"),
        ("content/unidades/cras.yaml".to_string(), at(&cras, "[PAIF"), "S0801"),
    ];
    expected.sort();
    let found = match site.build() {
        Err(Failure::Content(d)) => d
            .sorted()
            .into_iter()
            .filter(|d| d.code.id().starts_with("S08"))
            .map(|d| {
                let file = d.file.as_ref().map(|f| f.display().to_string()).unwrap_or_default();
                (file, d.location.map(|l| (l.line, l.column)).unwrap_or_default(), d.code.id())
            })
            .collect::<Vec<_>>(),
        Ok(_) => panic!("the build passed"),
        Err(other) => panic!("{}", render(other)),
    };
    assert_eq!(found, expected);
}

/// A page whose "Atualizado em" is older than `verificacao: desatualizada_apos_meses` (12
/// months by default) is listed once, at the start of its file; 0 turns the check off; the
/// checklist counts them under § 3º, VI.
#[test]
fn outdated_pages_are_listed_at_their_files() {
    let site = TestSite::fixture("lagoa-serena");
    site.write("content/programas/paif.md", "---\ntitulo: PAIF\natualizado: 10/01/2025\n---\nTexto.\n");
    site.write("content/programas/scfv.md", "---\ntitulo: SCFV\natualizado: 23/11/2025\n---\nTexto.\n");
    let audit = secretaria::pipeline::audit(&site.options());
    let warnings = audit.result.unwrap_or_else(|f| panic!("{}", render(f))).warnings;
    let stale: Vec<(String, Option<usize>)> = warnings
        .iter()
        .filter(|d| d.code.id() == "S0808")
        .map(|d| (d.file.as_ref().unwrap().to_string_lossy().into_owned(), d.location.map(|l| l.line)))
        .collect();
    // Today is 22/11/2026: 10/01/2025 is older than 12 months, 23/11/2025 is not.
    assert_eq!(stale, [("content/programas/paif.md".to_string(), Some(1))]);
    let checklist = audit.checklist.unwrap();
    assert!(checklist.missing().contains(&"atualizacao"), "{:?}", checklist.missing());
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}verificacao:\n  desatualizada_apos_meses: 0\n"));
    let warnings = site.build().unwrap_or_else(|f| panic!("{}", render(f))).warnings;
    assert!(warnings.iter().all(|d| d.code.id() != "S0808"), "{warnings:?}");
    site.write("site.yaml", &format!("{yaml}verificacao:\n  desatualizada_apos_meses: 6\n"));
    let warnings = site.build().unwrap_or_else(|f| panic!("{}", render(f))).warnings;
    assert_eq!(warnings.iter().filter(|d| d.code.id() == "S0808").count(), 2, "{warnings:?}");
}

/// The first use of a known acronym in an editor's text is an `<abbr>` with its meaning, from
/// the theme's glossary or `siglas:` in site.yaml; later uses, headings and links are not.
#[test]
fn known_acronyms_are_marked_on_their_first_use() {
    let site = TestSite::fixture("lagoa-serena");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}siglas:\n  PETECA: Programa Especial de Teatro e Cultura\n"));
    site.write(
        "content/programas/paif.md",
        "---\ntitulo: PAIF\n---\n## O CRAS\n\nO CRAS e o [CREAS](../unidades/cras.yaml) atendem; o CRAS e o PETECA.\n",
    );
    site.build().unwrap_or_else(|f| panic!("{}", render(f)));
    let page = site.page("programas/paif/");
    let abbrs: Vec<(String, String)> = page
        .select(&crate::support::sel("main abbr"))
        .map(|a| (a.text().collect(), a.value().attr("title").unwrap_or_default().to_string()))
        .collect();
    assert_eq!(
        abbrs,
        [
            ("CRAS".to_string(), "Centro de Referência de Assistência Social".to_string()),
            ("PETECA".to_string(), "Programa Especial de Teatro e Cultura".to_string()),
        ]
    );
}
