//! The session against `build`: same bytes on disk, and only what a change affects rendered.

use super::*;
use anyhow::{anyhow, Result};
use std::collections::BTreeMap;

type Tree = BTreeMap<String, Vec<u8>>;

/// A site in a temporary folder, edited by the tests.
pub(crate) struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// A copy of a fixture.
    pub(crate) fn fixture(name: &str) -> Result<Site> {
        let dir = tempfile::tempdir()?;
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        for entry in walkdir::WalkDir::new(&from).into_iter().filter_map(|e| e.ok()) {
            let dest = dir.path().join(entry.path().strip_prefix(&from)?);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest)?;
            } else {
                std::fs::copy(entry.path(), &dest)?;
            }
        }
        Ok(Site { dir })
    }

    /// perdizes with a folder of pages and a static file.
    fn new() -> Result<Site> {
        let site = Site::fixture("perdizes")?;
        site.write("content/paginas/_index.md", "---\ntitulo: Páginas\n---\nTextos.\n")?;
        site.write("content/paginas/um.md", "---\ntitulo: Um\n---\nPrimeiro texto.\n")?;
        site.write("content/paginas/dois.md", "---\ntitulo: Dois\n---\nSegundo texto.\n")?;
        site.write("static/doc.txt", "um documento\n")?;
        Ok(site)
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(super) fn options(&self, output: &str) -> BuildOptions {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(10, 0, 0));
        BuildOptions {
            root: self.root().to_path_buf(),
            output: Some(self.root().join(output)),
            today,
            ..BuildOptions::default()
        }
    }

    pub(crate) fn write(&self, rel: &str, text: &str) -> Result<()> {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().ok_or_else(|| anyhow!("no parent"))?)?;
        Ok(std::fs::write(path, text)?)
    }

    pub(super) fn read(&self, rel: &str) -> Result<String> {
        Ok(std::fs::read_to_string(self.root().join(rel))?)
    }

    pub(super) fn session(&self) -> Result<Session> {
        let mut session = Session::new(&self.options("public")).map_err(explain)?;
        session.build().map_err(explain)?;
        Ok(session)
    }

    pub(super) fn tree(&self, output: &str) -> Result<Tree> {
        let out = self.root().join(output);
        apply::existing(&out).into_iter().map(|f| Ok((f.clone(), std::fs::read(out.join(&f))?))).collect()
    }
}

pub(super) fn explain(failure: Failure) -> anyhow::Error {
    anyhow!("{}", crate::diagnostics::report::render_plain(&pipeline::failure_diagnostics(failure)))
}

fn batch(paths: &[&str]) -> Batch {
    Batch { paths: paths.iter().map(PathBuf::from).collect(), rescan: false }
}

pub(super) fn rebuild(session: &mut Session, paths: &[&str]) -> Result<Report> {
    session.rebuild(&batch(paths)).map_err(explain)
}

#[test]
fn writes_exactly_what_build_writes() -> Result<()> {
    let site = Site::new()?;
    site.write("public/stale.html", "left over from an old build")?;
    crate::output::write_marker(&site.root().join("public"))?;
    let mut session = site.session()?;
    pipeline::build(&site.options("built")).map_err(explain)?;
    same_trees(&site)?;
    // After edits the output is still what a fresh build gives.
    site.write("content/paginas/um.md", "---\ntitulo: Um, revisto\npeso: 5\n---\nTexto novo.\n")?;
    site.write("content/paginas/tres.md", "---\ntitulo: Três\n---\nMais um.\n")?;
    std::fs::remove_file(site.root().join("content/paginas/dois.md"))?;
    rebuild(&mut session, &["content/paginas/um.md", "content/paginas/tres.md", "content/paginas/dois.md"])?;
    pipeline::build(&site.options("built")).map_err(explain)?;
    same_trees(&site)
}

/// `public` (the session's) and `built` (a fresh build) hold the same files and bytes.
fn same_trees(site: &Site) -> Result<()> {
    let (a, b) = (site.tree("public")?, site.tree("built")?);
    let differ: Vec<&String> = a.keys().chain(b.keys()).filter(|k| a.get(*k) != b.get(*k)).collect();
    if let Some(first) = differ.iter().find(|f| f.ends_with(".html")) {
        let text = |t: &Tree| t.get(*first).map(|b| String::from_utf8_lossy(b).to_string()).unwrap_or_default();
        let (x, y) = (text(&a), text(&b));
        let at = x.bytes().zip(y.bytes()).position(|(p, q)| p != q).unwrap_or(0);
        let around = |s: &str| s.get(at.saturating_sub(80)..(at + 80).min(s.len())).unwrap_or("").to_string();
        anyhow::bail!("differ: {differ:?}\nsession: {}\nbuild:   {}", around(&x), around(&y));
    }
    anyhow::ensure!(differ.is_empty(), "differ: {differ:?}");
    Ok(())
}

#[test]
fn a_body_edit_renders_that_page_only() -> Result<()> {
    let site = Site::new()?;
    let mut session = site.session()?;
    site.write("content/paginas/um.md", "---\ntitulo: Um\n---\nPrimeiro texto, revisto.\n")?;
    let report = rebuild(&mut session, &["content/paginas/um.md"])?;
    assert_eq!((report.full, report.pages), (false, 1));
    // The page, and the manifest that lists its bytes.
    assert_eq!(pages(&report), vec!["SHA256SUMS".to_string(), "paginas/um/index.html".to_string()]);
    // Its search document and the buckets of the words that changed, no other search file.
    let search = search_files(&report);
    assert!(search.iter().filter(|f| f.starts_with("busca/d/")).count() == 1, "{search:?}");
    assert!(search.iter().all(|f| f.starts_with("busca/d/") || f.starts_with("busca/t/")), "{search:?}");
    let page = site.read("public/paginas/um/index.html")?;
    assert!(page.contains("Primeiro texto, revisto."));
    assert!(!page.contains("secretaria-live"), "the reload script is never written");
    // Saving the same bytes again changes nothing.
    let report = rebuild(&mut session, &["content/paginas/um.md"])?;
    assert!(report.changes.is_empty() && report.written.is_empty(), "{report:?}");
    Ok(())
}

#[test]
fn a_title_edit_renders_the_listings_that_show_it() -> Result<()> {
    let site = Site::new()?;
    let mut session = site.session()?;
    site.write("content/paginas/um.md", "---\ntitulo: Um novo título\n---\nPrimeiro texto.\n")?;
    let report = rebuild(&mut session, &["content/paginas/um.md"])?;
    assert!(!report.full);
    let mut expected = vec!["SHA256SUMS", "mapa-do-site/index.html", "paginas/index.html", "paginas/um/index.html"];
    expected.sort_unstable();
    assert_eq!(pages(&report), expected);
    assert!(search_files(&report).iter().any(|f| f.starts_with("busca/d/")), "the new title is searchable");
    Ok(())
}

/// The text of a template of the embedded theme.
pub(crate) fn embedded(name: &str) -> &'static str {
    crate::render::theme::TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s).unwrap_or("")
}

#[test]
fn a_template_edit_renders_the_pages_that_use_it_and_a_static_file_is_only_copied() -> Result<()> {
    let site = Site::new()?;
    let mut session = site.session()?;
    let page = embedded("page.html");
    site.write(
        "themes/default/templates/page.html",
        &page.replace("{% block content %}", "{% block content %}<p>Marca do tema</p>"),
    )?;
    let report = rebuild(&mut session, &["themes/default/templates/page.html"])?;
    // Only the ordinary pages are rendered with page.html.
    assert_eq!(report.pages, 2, "{report:?}");
    let written = ["SHA256SUMS", "paginas/dois/index.html", "paginas/um/index.html"];
    assert_eq!(report.written, written.map(String::from));
    // Every template extends base.html: every page.
    site.write(
        "themes/default/templates/base.html",
        &embedded("base.html").replace("</footer>", "<p>Rodapé</p></footer>"),
    )?;
    let report = rebuild(&mut session, &["themes/default/templates/base.html"])?;
    let pages = site.tree("public")?.keys().filter(|f| f.ends_with(".html")).count();
    assert!(pages > 15);
    assert_eq!((report.pages, report.written.len()), (pages, pages + 1), "{report:?}");
    // A piece (`trechos/`) is named by no template, yet it is in every page.
    let footer = "themes/default/templates/trechos/rodape.html";
    site.write(footer, &embedded("trechos/rodape.html").replace("</ul>", "</ul><p>Outro rodapé</p>"))?;
    let report = rebuild(&mut session, &[footer])?;
    assert_eq!((report.pages, report.written.len()), (pages, pages + 1), "{report:?}");
    assert!(site.read("public/paginas/um/index.html")?.contains("Outro rodapé"));
    site.write("static/doc.txt", "outro documento\n")?;
    let report = rebuild(&mut session, &["static/doc.txt"])?;
    assert_eq!((report.pages, report.written.clone()), (0, vec!["SHA256SUMS".to_string(), "doc.txt".to_string()]));
    Ok(())
}

#[test]
fn deleted_and_renamed_pages_leave_no_output() -> Result<()> {
    let site = Site::new()?;
    let mut session = site.session()?;
    std::fs::rename(site.root().join("content/paginas/dois.md"), site.root().join("content/paginas/segundo.md"))?;
    let report = rebuild(&mut session, &["content/paginas/dois.md", "content/paginas/segundo.md"])?;
    assert_eq!(report.removed, vec!["paginas/dois/index.html".to_string()]);
    assert!(!site.root().join("public/paginas/dois").exists());
    assert!(site.root().join("public/paginas/segundo/index.html").exists());
    Ok(())
}

#[test]
fn errors_write_nothing_and_the_fix_catches_up() -> Result<()> {
    let site = Site::new()?;
    let mut session = site.session()?;
    let before = site.tree("public")?;
    let unit = "content/unidades/secretaria.yaml";
    let good = site.read(unit)?;
    site.write(unit, &good.replace("13:00-17:00", "13:00-25:00"))?;
    site.write("content/paginas/um.md", "---\ntitulo: Um\n---\nEditado durante o erro.\n")?;
    let Err(Failure::Content(errors)) = session.rebuild(&batch(&[unit, "content/paginas/um.md"])) else {
        return Err(anyhow!("expected content errors"));
    };
    assert!(errors.iter().any(|d| d.file.as_deref() == Some(Path::new(unit))), "{errors:?}");
    assert_eq!(site.tree("public")?, before, "a failed rebuild writes nothing");
    site.write(unit, &good.replace("13:00-17:00", "13:00-18:00"))?;
    let report = rebuild(&mut session, &[unit])?;
    assert!(report.changes.contains(&PathBuf::from("content/paginas/um.md")), "{report:?}");
    let page = site.read("public/paginas/um/index.html")?;
    assert!(page.contains("Editado durante o erro."));
    Ok(())
}

/// A failed rebuild's report quotes the lines it parsed, even when the file changed again
/// before the report was printed (an editor that saves twice in a row).
#[test]
fn a_report_quotes_the_text_the_rebuild_read() -> Result<()> {
    let site = Site::new()?;
    let mut session = site.session()?;
    let unit = "content/unidades/secretaria.yaml";
    let good = site.read(unit)?;
    let bad = good.replace("13:00-17:00", "13:00-25:00");
    site.write(unit, &bad)?;
    let Err(Failure::Content(errors)) = session.rebuild(&batch(&[unit])) else {
        return Err(anyhow!("expected content errors"));
    };
    // Saved again (fixed) before the report is printed.
    site.write(unit, &good)?;
    assert_eq!(session.source_text(Path::new(unit)).as_deref(), Some(bad.as_str()));
    let report = crate::diagnostics::report::render_terminal(&errors, &|rel| session.source_text(rel));
    assert!(report.contains("13:00-25:00"), "the excerpt is the parsed line:\n{report}");
    // What the session does not keep is read from disk.
    assert_eq!(session.source_text(Path::new("themes/nenhum.html")), None);
    Ok(())
}

#[test]
fn refuses_an_output_folder_that_holds_the_site() -> Result<()> {
    let site = Site::new()?;
    for output in [".", "content/public", ".."] {
        assert!(Session::new(&site.options(output)).is_err(), "{output}");
    }
    Ok(())
}

/// A notice edit re-renders the typed content, calendars included; with the real clock
/// (no fixed "today"), only the edited notice's files may change on disk.
#[test]
fn editing_one_notice_rewrites_only_its_files() -> Result<()> {
    let site = Site::new()?;
    site.write("content/avisos/a.md", "---\ntitulo: A\ntipo: reuniao\ninicio: 10/12/2030 09:00\n---\nPauta A.\n")?;
    site.write("content/avisos/b.md", "---\ntitulo: B\ntipo: reuniao\ninicio: 11/12/2030 09:00\n---\nPauta B.\n")?;
    let options = BuildOptions { today: None, ..site.options("public") };
    let mut session = Session::new(&options).map_err(explain)?;
    session.build().map_err(explain)?;
    std::thread::sleep(Duration::from_millis(1100));
    site.write("content/avisos/a.md", "---\ntitulo: A\ntipo: reuniao\ninicio: 10/12/2030 09:00\n---\nPauta nova.\n")?;
    let report = rebuild(&mut session, &["content/avisos/a.md"])?;
    assert_eq!(pages(&report), vec!["SHA256SUMS".to_string(), "avisos/a/index.html".to_string()], "{report:?}");
    // The notice's search document (and buckets of its changed words); no other document.
    assert_eq!(search_files(&report).iter().filter(|f| f.starts_with("busca/d/")).count(), 1, "{report:?}");
    Ok(())
}

/// A rebuild that fails while rendering (a template error) has already taken the new model:
/// what it chose to render is rendered by the next one, so the listing that shows a title
/// edited at the same time is not left stale when the template is fixed.
#[test]
fn what_a_failed_render_chose_is_rendered_by_the_next_rebuild() -> Result<()> {
    let site = Site::new()?;
    let mut session = site.session()?;
    let template = "themes/default/templates/page.html";
    site.write(template, &embedded("page.html").replace("{% block content %}", "{% block content %}{{ nao_existe }}"))?;
    site.write("content/paginas/um.md", "---\ntitulo: Um, revisto\n---\nPrimeiro texto.\n")?;
    let Err(Failure::Content(errors)) = session.rebuild(&batch(&[template, "content/paginas/um.md"])) else {
        return Err(anyhow!("expected the template error"));
    };
    assert!(errors.iter().any(|d| d.message.contains("nao_existe")), "{errors:?}");
    std::fs::remove_file(site.root().join(template))?;
    rebuild(&mut session, &[template])?;
    pipeline::build(&site.options("built")).map_err(explain)?;
    assert_eq!(site.tree("public")?, site.tree("built")?);
    Ok(())
}

/// `serve`'s checks judge an edited text against the output as it is after each rebuild: a
/// link to a heading that does not exist yet is reported, and no longer once another edit
/// adds the heading (the index of ids follows the incremental rebuilds).
#[test]
fn checks_follow_the_output_across_rebuilds() -> Result<()> {
    let site = Site::new()?;
    let mut session = site.session()?;
    // As `serve` does once started: the whole site, whose links are then judged.
    assert!(session.check(None, &|| false).is_some());
    site.write("content/paginas/um.md", "---\ntitulo: Um\n---\nVeja [a seção](dois.md#secao) e [nada](/nada/).\n")?;
    let report = rebuild(&mut session, &["content/paginas/um.md"])?;
    let found = session.check(Some(&report.changes), &|| false).unwrap_or_default();
    let codes: Vec<(&str, Option<usize>)> = found.iter().map(|d| (d.code.id(), d.location.map(|l| l.line))).collect();
    assert_eq!(codes, [("S0802", Some(4)), ("S0801", Some(4))], "{found:?}");
    site.write("content/paginas/dois.md", "---\ntitulo: Dois\n---\n## Seção\n\nSegundo texto.\n")?;
    rebuild(&mut session, &["content/paginas/dois.md"])?;
    let um = [PathBuf::from("content/paginas/um.md")];
    let codes: Vec<&str> =
        session.check(Some(&um), &|| false).unwrap_or_default().iter().map(|d| d.code.id()).collect();
    assert_eq!(codes, ["S0801"]);
    Ok(())
}

/// A template edit that drops an id a text links to: no text changed, yet the link is reported
/// by the checks after that edit (what links can point at changed, so every text's links are
/// judged again); checks given up for a newer edit leave that still to do.
#[test]
fn a_template_that_drops_a_linked_id_is_reported() -> Result<()> {
    let site = Site::new()?;
    site.write("content/paginas/um.md", "---\ntitulo: Um\n---\nVeja [o conteúdo](dois.md#conteudo).\n")?;
    let mut session = site.session()?;
    let broken = |found: &Diagnostics| -> Vec<String> {
        found
            .iter()
            .filter(|d| d.code.id() == "S0802")
            .map(|d| d.file.as_deref().unwrap_or(Path::new("")).to_string_lossy().into_owned())
            .collect()
    };
    let found = session.check(None, &|| false).unwrap_or_default();
    assert!(broken(&found).is_empty(), "{found:?}");
    let template = "themes/default/templates/base.html";
    site.write(template, &embedded("base.html").replace("<main id=\"conteudo\"", "<main"))?;
    let report = rebuild(&mut session, &[template])?;
    // A newer edit came: given up, and nothing is settled.
    assert!(session.check(Some(&report.changes), &|| true).is_none());
    let found = session.check(Some(&report.changes), &|| false).unwrap_or_default();
    assert_eq!(broken(&found), ["content/paginas/um.md"], "{found:?}");
    // Judged: the next checks look at the changed files only.
    let found = session.check(Some(&[]), &|| false).unwrap_or_default();
    assert!(broken(&found).is_empty(), "{found:?}");
    // A template edit that changes no id or file judges no link again.
    let marked =
        embedded("base.html").replace("<main id=\"conteudo\"", "<main").replace("</footer>", "<p>Rodapé</p></footer>");
    site.write(template, &marked)?;
    let report = rebuild(&mut session, &[template])?;
    assert!(!report.written.is_empty());
    let found = session.check(Some(&report.changes), &|| false).unwrap_or_default();
    assert!(broken(&found).is_empty(), "{found:?}");
    Ok(())
}

/// The written files that are not the search index's.
/// The written files outside the search index.
fn pages(report: &Report) -> Vec<String> {
    report.written.iter().filter(|f| !f.starts_with("busca/")).cloned().collect()
}

/// The search index's written files (`busca/`), its page excepted.
fn search_files(report: &Report) -> Vec<String> {
    report.written.iter().filter(|f| f.starts_with("busca/") && !f.ends_with(".html")).cloned().collect()
}

/// The site paths of the documents whose postings hold `word`'s keys, read from the published
/// index files as `busca.js` reads them.
pub(super) fn search_hits(site: &Site, word: &str) -> Result<Vec<String>> {
    use crate::search::index::{bucket_of, decode};
    let dir = site.root().join("public/busca");
    let meta: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("indice.json"))?)?;
    let (buckets, per_file) = (meta["c"].as_u64().unwrap_or(1) as u32, meta["g"].as_u64().unwrap_or(1) as u32);
    let mut hits = std::collections::BTreeSet::new();
    for key in crate::search::text::Analyzer::default().query_keys(word) {
        let bucket: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(format!("t/{}.json", bucket_of(&key, buckets))))?)?;
        for (doc, _, _) in bucket[&key].as_str().and_then(decode).unwrap_or_default() {
            let file: serde_json::Value =
                serde_json::from_slice(&std::fs::read(dir.join(format!("d/{}.json", doc / per_file)))?)?;
            hits.insert(file[(doc % per_file) as usize]["u"].as_str().unwrap_or_default().to_owned());
        }
    }
    Ok(hits.into_iter().collect())
}

/// In `serve`, what an edit brings or takes away is found by the search after the rebuild,
/// for a page's body (the quick path) and for a unit (a reloaded model).
#[test]
fn an_edit_is_searchable_after_the_rebuild() -> Result<()> {
    let site = Site::fixture("busca")?;
    let mut session = site.session()?;
    assert!(search_hits(&site, "xilogravura")?.is_empty());
    let page = "content/servicos/acolhimento.md";
    let text = site.read(page)?;
    site.write(page, &format!("{text}\nOficinas de xilogravura para adolescentes acolhidos.\n"))?;
    rebuild(&mut session, &[page])?;
    assert_eq!(search_hits(&site, "xilogravura")?, ["servicos/acolhimento/"]);
    site.write(page, &text)?;
    rebuild(&mut session, &[page])?;
    assert!(search_hits(&site, "xilogravura")?.is_empty(), "the word left the page, and the index");
    let unit = "content/unidades/creas.yaml";
    let yaml = site.read(unit)?;
    let served = "  - Serviço Especializado em Abordagem Social";
    site.write(unit, &yaml.replace(served, &format!("{served}\n  - Atendimento a egressos do sistema prisional")))?;
    rebuild(&mut session, &[unit])?;
    assert_eq!(search_hits(&site, "egressos")?, ["unidades/creas/"]);
    Ok(())
}
