//! The session against a fresh `build` after an edit of every kind: pages, sections, the home
//! page, units, notices, the structure, laws, the secretariat, programmes, councils, frequent
//! questions, the SIC, the privacy page, `site.yaml`, attachments, static files, the theme,
//! and time alone. Every output is compared, the search index's files included. Each route's
//! declared dependencies are what keeps
//! it right; a dependency left out shows here as a stale file.

use super::tests::{embedded, explain, rebuild, Site};
use super::*;
use anyhow::Result;

/// One edit of the table below: files written (path, text) and removed.
pub(super) struct Edit {
    pub(super) what: &'static str,
    write: Vec<(&'static str, String)>,
    remove: Vec<&'static str>,
}

pub(super) fn edit(what: &'static str, write: &[(&'static str, &str)], remove: &[&'static str]) -> Edit {
    Edit { what, write: write.iter().map(|(p, t)| (*p, t.to_string())).collect(), remove: remove.to_vec() }
}

/// The serra-azul fixture (units with hours, notices with a series, a structure with
/// superiors, the default menu) with a normative text that the secretariat and an assessoria
/// cite, a folder of pages, a static file and a meeting that ends during the fixtures' "today".
fn rich_site() -> Result<Site> {
    let site = Site::fixture("serra-azul")?;
    site.write(
        "content/legislacao/lei-organica.md",
        "---\ntitulo: Lei da Assistência Social\nnorma:\n  tipo: lei\n  numero: \"12\"\n  data: 10/03/2017\n---\n\
         Art. 1º - Fica organizada a assistência social do município.\n\n\
         Art. 2º - À Coordenadoria de Gestão do SUAS compete:\n\n\
         I - planejar a rede;\n\nII - acompanhar os serviços.\n\n\
         Art. 3º - Esta lei entra em vigor na data de sua publicação.\n",
    )?;
    let secretariat = site.read("content/secretaria.yaml")?;
    site.write("content/secretaria.yaml", &format!("{secretariat}competencias: legislacao/lei-organica.md\n"))?;
    let coordination = "content/estrutura/coordenadoria-de-gestao-do-suas.md";
    let text = site.read(coordination)?;
    site.write(coordination, &text.replace("peso: 4\n", "peso: 4\natribuicoes: legislacao/lei-organica.md#art2\n"))?;
    site.write("content/paginas/_index.md", "---\ntitulo: Páginas\n---\nTextos.\n")?;
    site.write("content/paginas/um.md", "---\ntitulo: Um\ndescricao: O primeiro\n---\nPrimeiro texto.\n")?;
    site.write("content/paginas/dois.md", "---\ntitulo: Dois\n---\nSegundo texto.\n")?;
    site.write("static/doc.txt", "um documento\n")?;
    // The transparency kinds: a programme of the CRAS with a document, the council with its
    // minutes, two questions.
    site.write("static/paif.pdf", "%PDF-1.4 fictício\n")?;
    site.write(
        "content/programas/paif.md",
        "---\ntitulo: PAIF\nunidade: cras\nmetas:\n  - Acompanhar 200 famílias\ndocumentos:\n  - titulo: Folheto\n    arquivo: static/paif.pdf\n---\nAcompanhamento das famílias.\n",
    )?;
    site.write("static/cmas/ata-1.pdf", "%PDF-1.4 fictício\n")?;
    site.write("content/participacao-social/cmas.md", COUNCIL)?;
    site.write(
        "content/perguntas-frequentes/cadastro.md",
        "---\npergunta: Como me inscrevo no Cadastro Único?\ntema: Cadastro Único\n---\nNo CRAS.\n",
    )?;
    site.write(
        "content/perguntas-frequentes/bpc.md",
        "---\npergunta: Quem recebe o BPC?\ntema: Benefícios\n---\nIdosos.\n",
    )?;
    // Ends within the fixtures' "today" (22/11/2026 10:00): past once the clock moves on.
    site.write(
        "content/avisos/plantao-de-hoje.md",
        "---\ntitulo: Plantão de hoje\ntipo: reuniao\ninicio: 22/11/2026 09:00\nfim: 22/11/2026 10:30\n---\nPauta.\n",
    )?;
    age(&site)?;
    Ok(site)
}

/// Every source file last modified on 1 June 2025, so that an edit (modified now, dated the
/// fixtures' "today") changes the date of update of what shows it: pages, listings, the
/// sitemap, the feed, the data files.
fn age(site: &Site) -> Result<()> {
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_748_779_200);
    for entry in walkdir::WalkDir::new(site.root()).into_iter().filter_map(|e| e.ok()) {
        if entry.file_type().is_file() {
            std::fs::File::options().append(true).open(entry.path())?.set_modified(when)?;
        }
    }
    Ok(())
}
const COUNCIL: &str = "---\ntitulo: Conselho Municipal de Assistência Social\nsigla: CMAS\nunidade: cmas\n\
    composicao:\n  - segmento: governo\n    representa: Secretaria de Saúde\n    titular: Ana\n\
    atas:\n  - data: 14/01/2026\n    arquivo: static/cmas/ata-1.pdf\n---\nO conselho.\n";

/// Applies `edit`, rebuilds the session with the batch the watcher would give, builds afresh
/// and compares the two output folders file by file.
pub(super) fn apply(
    site: &Site,
    session: &mut Session,
    edit: &Edit,
    today: Option<chrono::NaiveDateTime>,
) -> Result<Report> {
    for (path, text) in &edit.write {
        site.write(path, text)?;
    }
    for path in &edit.remove {
        std::fs::remove_file(site.root().join(path))?;
    }
    let paths: Vec<&str> = edit.write.iter().map(|(p, _)| *p).chain(edit.remove.iter().copied()).collect();
    let report = rebuild(session, &paths)?;
    let options = BuildOptions { today: today.or(site.options("built").today), ..site.options("built") };
    pipeline::build(&options).map_err(explain)?;
    let (served, built) = (site.tree("public")?, site.tree("built")?);
    let stale: Vec<&String> = built.iter().filter(|(f, b)| served.get(*f) != Some(*b)).map(|(f, _)| f).collect();
    let extra: Vec<&String> = served.keys().filter(|f| !built.contains_key(*f)).collect();
    anyhow::ensure!(stale.is_empty() && extra.is_empty(), "after {}: stale {stale:?}, left over {extra:?}", edit.what);
    Ok(report)
}

/// After an edit of any kind, the session's output folder is byte for byte what a fresh
/// `build` gives: no output that shows what changed is left stale, nothing else is missing.
#[test]
fn after_every_kind_of_edit_the_output_is_what_a_build_gives() -> Result<()> {
    let site = rich_site()?;
    let mut session = site.session()?;
    pipeline::build(&site.options("built")).map_err(explain)?;
    assert_eq!(site.tree("public")?, site.tree("built")?, "first build");
    // The search index's files are outputs like the others: compared after every edit.
    let built = site.tree("built")?;
    for file in ["busca/index.html", "busca/indice.json", "busca/t/0.json", "busca/d/0.json"] {
        assert!(built.contains_key(file), "{file}");
    }
    let cras = site.read("content/unidades/cras.yaml")?;
    let main_unit = site.read("content/unidades/secretaria.yaml")?;
    let cmas = site.read("content/unidades/cmas.yaml")?;
    let training = site.read("content/avisos/capacitacao-cadastro-unico.md")?;
    let cadastro = site.read("content/estrutura/setor-do-cadastro-unico.md")?;
    let adjunto = site.read("content/estrutura/secretario-adjunto.md")?;
    let law = site.read("content/legislacao/lei-organica.md")?;
    let secretariat = site.read("content/secretaria.yaml")?;
    let config = site.read("site.yaml")?;
    let paif = site.read("content/programas/paif.md")?;
    let bpc = site.read("content/perguntas-frequentes/bpc.md")?;
    let home = site.read("content/_index.md")?;
    let page = |title: &str, description: &str| format!("---\ntitulo: {title}\n{description}---\nTexto novo.\n");
    let cras2 = cras.replace("3657-1180", "3657-1190");
    let cmas2 = cmas.replace("cmas.serraazul@gmail.com", "cmas@serraazul.sc.gov.br");
    let law2 = law.replace("planejar a rede", "planejar e avaliar a rede");
    let secretariat2 = secretariat.replace("organiza a", "coordena a");
    let config2 = config.replace("de Serra Azul do Oeste", "de Serra Azul");
    let edits = vec![
        edit("a page body", &[("content/paginas/um.md", &page("Um", "descricao: O primeiro\n"))], &[]),
        edit(
            "the same page's body again",
            &[("content/paginas/um.md", &page("Um", "descricao: O primeiro\n").replace("novo", "mais novo"))],
            &[],
        ),
        edit(
            "a page's `atualizado`",
            &[("content/paginas/dois.md", "---\ntitulo: Dois\natualizado: 03/02/2026\n---\nSegundo texto.\n")],
            &[],
        ),
        edit("a page title", &[("content/paginas/um.md", &page("Um, revisto", "descricao: O primeiro\n"))], &[]),
        edit("a page description", &[("content/paginas/um.md", &page("Um, revisto", ""))], &[]),
        // Before "Dois" now: the pages change places in the model (and in the sitemap).
        edit("a page title that moves it", &[("content/paginas/um.md", &page("A primeira", ""))], &[]),
        edit(
            "a page in a new subfolder",
            &[("content/paginas/sub/tres.md", "---\ntitulo: Três\n---\nMais um.\n")],
            &[],
        ),
        edit("a section's title", &[("content/paginas/_index.md", "---\ntitulo: Textos\n---\nTextos.\n")], &[]),
        edit("a page removed", &[], &["content/paginas/dois.md"]),
        edit("the home page's text", &[("content/_index.md", &home.replace("coordena", "organiza"))], &[]),
        edit("a unit's phone", &[("content/unidades/cras.yaml", &cras2)], &[]),
        edit(
            "a unit's name",
            &[("content/unidades/cras.yaml", &cras2.replace("CRAS Vila Nova", "CRAS Vila Nova e Interior"))],
            &[],
        ),
        edit(
            "the main unit's phone (the footer)",
            &[("content/unidades/secretaria.yaml", &main_unit.replace("3657-0269", "3657-0270"))],
            &[],
        ),
        edit("an organiser's e-mail (calendars)", &[("content/unidades/cmas.yaml", &cmas2)], &[]),
        edit(
            "an organiser's name (notice pages)",
            &[(
                "content/unidades/cmas.yaml",
                &cmas2
                    .replace("nome: Conselho Municipal de Assistência Social (CMAS)", "nome: Conselho de Assistência"),
            )],
            &[],
        ),
        edit("a listing's intro", &[("content/unidades/_index.md", "---\ntitulo: Unidades\n---\nOnde ir.\n")], &[]),
        edit(
            "a notice's date",
            &[("content/avisos/capacitacao-cadastro-unico.md", &training.replace("03/12/2026", "15/12/2026"))],
            &[],
        ),
        edit(
            "a new notice",
            &[(
                "content/avisos/nova.md",
                "---\ntitulo: Nova reunião\ntipo: reuniao\ninicio: 01/12/2026 14:00\n---\nPauta.\n",
            )],
            &[],
        ),
        edit("a notice removed", &[], &["content/avisos/audiencia-publica-plano-municipal.md"]),
        edit(
            "an assessoria's superior",
            &[(
                "content/estrutura/setor-do-cadastro-unico.md",
                &cadastro.replace("superior: departamento-de-protecao-social-basica", "superior: secretario-adjunto"),
            )],
            &[],
        ),
        edit(
            "a position's title",
            &[(
                "content/estrutura/secretario-adjunto.md",
                &adjunto.replace("Secretário-Adjunto de Assistência Social", "Secretário-Adjunto"),
            )],
            &[],
        ),
        edit("a law's article", &[("content/legislacao/lei-organica.md", &law2)], &[]),
        edit(
            "a law's title",
            &[("content/legislacao/lei-organica.md", &law2.replace("Lei da Assistência Social", "Lei do SUAS"))],
            &[],
        ),
        edit("the secretariat's presentation", &[("content/secretaria.yaml", &secretariat2)], &[]),
        edit(
            "the secretariat's name",
            &[(
                "content/secretaria.yaml",
                &secretariat2.replace("nome: Secretaria Municipal de", "nome: Secretaria de"),
            )],
            &[],
        ),
        edit("site.yaml's title", &[("site.yaml", &config2)], &[]),
        edit("site.yaml's DDD", &[("site.yaml", &config2.replace("ddd: 49", "ddd: 48"))], &[]),
        edit(
            "an accessibility page of the site's own",
            &[("content/acessibilidade.md", "---\ntitulo: Acessibilidade\n---\nNosso compromisso.\n")],
            &[],
        ),
        edit("the accessibility page removed again", &[], &["content/acessibilidade.md"]),
        edit("an attachment", &[("content/paginas/anexo.pdf", "%PDF-1.4 fictício\n")], &[]),
        edit("a static file", &[("static/doc.txt", "outro documento\n"), ("static/novo/x.txt", "x\n")], &[]),
        edit("a unit removed", &[], &["content/unidades/acolhimento.yaml"]),
        edit("a programme's goals", &[("content/programas/paif.md", &paif.replace("200 famílias", "250 famílias"))], &[]),
        edit(
            "a programme's responsible unit",
            &[("content/programas/paif.md", &paif.replace("unidade: cras", "unidade: secretaria"))],
            &[],
        ),
        edit("a new programme", &[("content/programas/scfv.md", "---\ntitulo: SCFV\npeso: -1\n---\nGrupos.\n")], &[]),
        edit("a programme removed", &[], &["content/programas/scfv.md"]),
        edit("a council's seat", &[("content/participacao-social/cmas.md", &COUNCIL.replace("titular: Ana", "titular: Ana\n    suplente: Bia"))], &[]),
        edit(
            "a council's minutes, with a new file in static/",
            &[
                ("static/cmas/ata-2.pdf", "%PDF-1.4 fictício\n"),
                (
                    "content/participacao-social/cmas.md",
                    &COUNCIL.replace("atas:\n", "atas:\n  - data: 11/02/2026\n    arquivo: static/cmas/ata-2.pdf\n"),
                ),
            ],
            &[],
        ),
        edit(
            "a meeting of the council",
            &[(
                "content/avisos/extraordinaria.md",
                "---\ntitulo: Reunião extraordinária do CMAS\ntipo: reuniao\norganizador: cmas\ninicio: 30/11/2026 09:00\n---\nPauta.\n",
            )],
            &[],
        ),
        edit("a question's answer", &[("content/perguntas-frequentes/bpc.md", &bpc.replace("Idosos.", "Idosos e pessoas com deficiência."))], &[]),
        edit("a question's topic", &[("content/perguntas-frequentes/bpc.md", &bpc.replace("Benefícios", "Cadastro Único"))], &[]),
        edit("a new question", &[("content/perguntas-frequentes/agendar.md", "---\npergunta: Preciso agendar?\n---\nNão.\n")], &[]),
        edit(
            "the SIC written",
            &[("content/acesso-a-informacao/sic.md", "---\nunidade: secretaria\nemails:\n  - sic@serraazul.sc.gov.br\n---\n")],
            &[],
        ),
        edit(
            "the SIC's unit, a unit's phone",
            &[("content/unidades/secretaria.yaml", &main_unit.replace("3657-0269", "3657-0271"))],
            &[],
        ),
        edit("the SIC removed", &[], &["content/acesso-a-informacao/sic.md"]),
        edit(
            "the ombudsman written, with hours of its own",
            &[(
                "content/acesso-a-informacao/ouvidoria.md",
                "---\ntitulo: Ouvidoria Municipal\ntelefones:\n  - \"0800 646 2020\"\nhorario:\n  seg-sex: 8h às 12h\n---\n",
            )],
            &[],
        ),
        edit(
            "the privacy officer",
            &[("content/privacidade.md", "---\nencarregado:\n  nome: Juliana\n  emails:\n    - lgpd@serraazul.sc.gov.br\n---\n")],
            &[],
        ),
        edit("a page under the hub", &[("content/acesso-a-informacao/carta.md", "---\ntitulo: Carta de Serviços\n---\nServiços.\n")], &[]),
        edit(
            "site.yaml's transparency links",
            &[(
                "site.yaml",
                &format!(
                    "{}transparencia:\n  esic: https://esic.serraazul.sc.gov.br/\n  radar: https://radardatransparencia.atricon.org.br/\n",
                    config2.replace("ddd: 49", "ddd: 48")
                ),
            )],
            &[],
        ),
    ];
    // What some edits must rewrite besides their pages: the machine-readable outputs that show
    // them (the comparison with a fresh build checks the rest).
    let must_write: [(&str, &[&str]); 10] = [
        ("a programme's goals", &["dados/programas.csv", "dados/programas.json", "SHA256SUMS"]),
        ("a council's seat", &["dados/conselheiros.csv", "dados/conselheiros.json", "dados/conselhos.json"]),
        ("a question's answer", &["dados/perguntas-frequentes.csv", "dados/perguntas-frequentes.json"]),
        ("a page removed", &["sitemap.xml", "SHA256SUMS"]),
        ("a static file", &["doc.txt", "novo/x.txt", "SHA256SUMS"]),
        (
            "a notice's date",
            &[
                "avisos/agenda.ics",
                "avisos/atom.xml",
                "dados/avisos.csv",
                "dados/avisos.json",
                "sitemap.xml",
                "SHA256SUMS",
            ],
        ),
        ("a unit's phone", &["dados/unidades.csv", "dados/unidades.json", "sitemap.xml", "SHA256SUMS"]),
        ("a law's article", &["dados/dispositivos.csv", "dados/dispositivos.json", "dados/estrutura.json"]),
        ("an organiser's e-mail (calendars)", &["avisos/agenda.ics", "SHA256SUMS"]),
        ("site.yaml's title", &["avisos/atom.xml", "SHA256SUMS"]),
    ];
    for edit in &edits {
        let report = apply(&site, &mut session, edit, None)?;
        assert!(!report.full, "{}: {report:?}", edit.what);
        if matches!(edit.what, "a page title" | "a page description" | "a page's `atualizado`") {
            // What listings show of an ordinary page changed: spliced, without a reload.
            assert!(report.spliced, "{}: {report:?}", edit.what);
        }
        for (what, files) in must_write.iter().filter(|(what, _)| *what == edit.what) {
            for file in *files {
                assert!(report.written.iter().any(|w| w == file), "{what}: {file} not written: {:?}", report.written);
            }
        }
        if edit.what == "a page body" {
            // The page's date changes: the pages that show it (its own, its section's, the
            // site map's, the newest of all), the sitemap and the manifest; and of the search
            // index, the file of documents that holds the page and buckets of the words that
            // came or went.
            let (search, others): (Vec<String>, Vec<String>) =
                report.written.iter().cloned().partition(|f| f.starts_with(crate::search::DIR));
            let written =
                ["SHA256SUMS", "mapa-do-site/index.html", "paginas/index.html", "paginas/um/index.html", "sitemap.xml"];
            assert_eq!(others, written.map(String::from), "{}", edit.what);
            assert_eq!(search.iter().filter(|f| f.starts_with("busca/d/")).count(), 1, "{search:?}");
            assert!(search.iter().all(|f| f.starts_with("busca/d/") || f.starts_with("busca/t/")), "{search:?}");
        }
        if edit.what == "the same page's body again" {
            // The fast path: the date is the same, one page rendered; written, that page, the
            // manifest and its search documents (the words are the same: no bucket).
            let (search, others): (Vec<String>, Vec<String>) =
                report.written.iter().cloned().partition(|f| f.starts_with(crate::search::DIR));
            let written = vec!["SHA256SUMS".to_string(), "paginas/um/index.html".to_string()];
            assert_eq!((report.pages, others), (1, written));
            assert!(search.iter().all(|f| f.starts_with("busca/d/")), "{search:?}");
        }
    }
    Ok(())
}

/// Theme edits: a template only some pages use, the one every page extends, the macros, a
/// static file of the theme; then the site's template removed (back to the embedded one).
#[test]
fn after_theme_edits_the_output_is_what_a_build_gives() -> Result<()> {
    let site = rich_site()?;
    let mut session = site.session()?;
    let unit = "themes/default/templates/unidade.html";
    let marked = embedded("unidade.html").replace("{% block content %}", "{% block content %}<p>Unidade</p>");
    let edits = vec![
        edit("a template some pages use", &[(unit, &marked)], &[]),
        edit(
            "the template every page extends",
            &[(
                "themes/default/templates/base.html",
                &embedded("base.html").replace("</footer>", "<p>Rodapé</p></footer>"),
            )],
            &[],
        ),
        edit("the macros", &[("themes/default/templates/macros.html", &format!("{}\n", embedded("macros.html")))], &[]),
        edit("a static file of the theme", &[("themes/default/static/css/site.css", "body { color: black; }\n")], &[]),
        edit("the site's template removed", &[], &[unit]),
    ];
    for edit in &edits {
        let report = apply(&site, &mut session, edit, None)?;
        if edit.what == "a template some pages use" {
            // The six unit pages.
            assert_eq!(report.pages, 6, "{report:?}");
        }
    }
    Ok(())
}

/// Time alone: a meeting that ends during the day becomes past at the next rebuild (here, of
/// an unrelated page body), and the pages that list it move it; the others are not rendered.
#[test]
fn a_notice_that_ends_moves_to_the_past_at_the_next_rebuild() -> Result<()> {
    let site = rich_site()?;
    let mut session = site.session()?;
    let later = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(11, 0, 0));
    session.options.today = later;
    let body =
        edit("a page body", &[("content/paginas/um.md", "---\ntitulo: Um\ndescricao: O primeiro\n---\nNovo.\n")], &[]);
    let report = apply(&site, &mut session, &body, later)?;
    assert!(report.written.contains(&"avisos/index.html".to_string()), "{report:?}");
    assert!(report.written.contains(&"avisos/plantao-de-hoje/index.html".to_string()), "{report:?}");
    assert!(!report.written.contains(&"unidades/index.html".to_string()), "{report:?}");
    Ok(())
}

/// A file of `static/` that a document names, removed: the session reports what `build`
/// reports (and writes nothing); put back, the output is again what a build gives.
#[test]
fn a_document_whose_file_goes_away_is_an_error_until_it_comes_back() -> Result<()> {
    let site = rich_site()?;
    let mut session = site.session()?;
    let before = site.tree("public")?;
    std::fs::remove_file(site.root().join("static/paif.pdf"))?;
    let failed = rebuild(&mut session, &["static/paif.pdf"]).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(failed.contains("arquivo não encontrado: paif.pdf"), "{failed}");
    assert!(failed.contains("content/programas/paif.md:8"), "{failed}");
    assert_eq!(site.tree("public")?, before, "the last good site stays");
    site.write("static/paif.pdf", "%PDF-1.4 fictício\n")?;
    rebuild(&mut session, &["static/paif.pdf"])?;
    pipeline::build(&site.options("built")).map_err(explain)?;
    assert_eq!(site.tree("public")?, site.tree("built")?);
    Ok(())
}
