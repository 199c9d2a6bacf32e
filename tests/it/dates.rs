//! "Atualizado em" that is true (issue 10 §5): `atualizado:` when the editor writes it, else the
//! last commit that touched the file, else its modification time; a page that gathers others
//! shows the newest of them; the same date in the footer, the sitemap and the open data; never
//! later than the build's "now" (SOURCE_DATE_EPOCH's clamp).

use crate::support::*;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, UNIX_EPOCH};

fn git(repo: &Path, args: &[&str], date: Option<&str>) -> bool {
    let mut command = Command::new("git");
    command.arg("-C").arg(repo).args(args);
    for (key, value) in [
        ("GIT_AUTHOR_NAME", "Comunicação"),
        ("GIT_AUTHOR_EMAIL", "comunicacao@example.org"),
        ("GIT_COMMITTER_NAME", "Comunicação"),
        ("GIT_COMMITTER_EMAIL", "comunicacao@example.org"),
    ] {
        command.env(key, value);
    }
    if let Some(date) = date {
        command.env("GIT_AUTHOR_DATE", date).env("GIT_COMMITTER_DATE", date);
    }
    command.output().is_ok_and(|o| o.status.success())
}

fn commit(repo: &Path, date: &str) {
    assert!(git(repo, &["add", "-A"], None) && git(repo, &["commit", "-q", "-m", "conteúdo"], Some(date)));
}

/// Sets a file's modification time to noon UTC of `day` (`2024-06-07`).
fn touch(path: &Path, day: &str) {
    let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap().and_hms_opt(12, 0, 0).unwrap();
    let when = UNIX_EPOCH + Duration::from_secs(date.and_utc().timestamp() as u64);
    std::fs::File::options().append(true).open(path).unwrap().set_modified(when).unwrap();
}

fn footer_date(site: &TestSite, path: &str) -> Vec<String> {
    attrs(&site.page(path), "footer .atualizacao time", "datetime")
}

/// A site inside a git repository (in a subfolder of it, as a site kept with other files):
/// pages committed at several dates, one with `atualizado`, one never committed, one with
/// changes not committed yet.
#[test]
fn each_page_shows_its_own_date_and_gatherings_the_newest() {
    if !git(Path::new("."), &["--version"], None) {
        eprintln!("git is not installed: the dates come from the disk only (see the next test)");
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path().join("site");
    copy_dir(&fixtures().join("perdizes"), &root, true);
    let site = TestSite { dir: tempfile::tempdir().unwrap() };
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    write("site.yaml", &format!("{yaml}base_url: https://social.perdizes.example/\n"));
    write("content/paginas/_index.md", "---\ntitulo: Páginas\n---\nTextos.\n");
    write("content/paginas/um.md", "---\ntitulo: Um\n---\nPrimeiro.\n");
    write("content/paginas/dois.md", "---\ntitulo: Dois\n---\nSegundo.\n");
    assert!(git(repo.path(), &["init", "-q"], None));
    commit(repo.path(), "2024-01-10T12:00:00Z");
    write("content/paginas/um.md", "---\ntitulo: Um\n---\nPrimeiro, revisto.\n");
    commit(repo.path(), "2024-03-05T15:00:00Z");
    write("content/paginas/dois.md", "---\ntitulo: Dois\natualizado: 20/04/2024\n---\nSegundo.\n");
    commit(repo.path(), "2024-05-01T12:00:00Z");
    write("content/paginas/tres.md", "---\ntitulo: Três\n---\nNunca foi para o repositório.\n");
    touch(&root.join("content/paginas/tres.md"), "2024-06-07");
    let unit = root.join("content/unidades/secretaria.yaml");
    let text = std::fs::read_to_string(&unit).unwrap();
    std::fs::write(&unit, text.replace("3663-1492", "3663-1493")).unwrap();
    touch(&unit, "2024-07-08");
    touch(&root.join("content/paginas/um.md"), "2026-11-01"); // committed: the commit dates it
    let options = secretaria::pipeline::BuildOptions {
        root: root.clone(),
        output: Some(site.output()),
        today: Some(today()),
        ..Default::default()
    };
    secretaria::pipeline::build(&options).map_err(render).unwrap();
    let cases = [
        ("paginas/um/", "2024-03-05"),
        ("paginas/dois/", "2024-04-20"),
        ("paginas/tres/", "2024-06-07"),
        ("unidades/secretaria/", "2024-07-08"),
        ("estrutura/assessoria-de-atendimento-a-familia/", "2024-01-10"),
        // The section: its pages' newest; the listing of units: theirs; the home page and
        // the site map, the newest of what they gather.
        ("paginas/", "2024-06-07"),
        ("unidades/", "2024-07-08"),
        ("", "2024-07-08"),
        ("mapa-do-site/", "2024-07-08"),
    ];
    let sitemap = std::fs::read_to_string(site.output().join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let lastmod = |path: &str| -> Option<String> {
        let loc = format!("https://social.perdizes.example/{path}");
        let url = doc
            .descendants()
            .find(|n| n.has_tag_name("url") && n.descendants().any(|c| c.text() == Some(loc.as_str())))?;
        url.descendants().find(|n| n.has_tag_name("lastmod")).and_then(|n| n.text()).map(str::to_string)
    };
    for (path, date) in cases {
        assert_eq!(footer_date(&site, path), vec![date.to_string()], "footer of {path:?}");
        assert_eq!(lastmod(path).as_deref(), Some(date), "lastmod of {path:?}");
    }
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.output().join("dados/unidades.json")).unwrap()).unwrap();
    assert_eq!(data["atualizado"], "2024-07-08");
    assert_eq!(data["registros"][0]["atualizado"], "2024-07-08");
    // The accessibility page has no content of the site's: no date rather than a made-up one.
    assert!(footer_date(&site, "acessibilidade/").is_empty());
}

/// Outside a repository the disk dates everything; no date is later than "now" (the clamp
/// that makes SOURCE_DATE_EPOCH builds of fresh checkouts reproducible).
#[test]
fn without_git_the_modification_time_dates_and_now_clamps() {
    let site = TestSite::fixture("perdizes");
    site.write("content/paginas/um.md", "---\ntitulo: Um\n---\nTexto.\n");
    touch(&site.root().join("content/paginas/um.md"), "2025-02-03");
    for entry in walkdir::WalkDir::new(site.root().join("content/estrutura")).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            touch(entry.path(), "2023-09-09");
        }
    }
    site.build().map_err(render).unwrap();
    assert_eq!(footer_date(&site, "paginas/um/"), vec!["2025-02-03"]);
    assert_eq!(footer_date(&site, "estrutura/assessoria-de-atendimento-a-familia/"), vec!["2023-09-09"]);
    // Copied today, after the fixtures' "now" (22/11/2026): clamped to it.
    assert_eq!(footer_date(&site, "unidades/secretaria/"), vec!["2026-11-22"]);
    let mut options = site.options();
    options.today = chrono::NaiveDate::from_ymd_opt(2024, 5, 1).and_then(|d| d.and_hms_opt(9, 0, 0));
    secretaria::pipeline::build(&options).map_err(render).unwrap();
    assert_eq!(footer_date(&site, "paginas/um/"), vec!["2024-05-01"]);
    assert_eq!(footer_date(&site, "estrutura/assessoria-de-atendimento-a-familia/"), vec!["2023-09-09"]);
}

/// `atualizado` is a date like any other: an impossible one is a located error, one after
/// "now" is published as written with a located warning.
#[test]
fn atualizado_is_validated_where_it_is_written() {
    let site = TestSite::fixture("perdizes");
    site.write("content/paginas/um.md", "---\ntitulo: Um\natualizado: 31/02/2026\n---\nTexto.\n");
    let errors = render(site.build().unwrap_err());
    assert!(errors.contains("content/paginas/um.md:3:"), "{errors}");
    assert!(errors.contains("31/02/2026"), "{errors}");
    site.write("content/paginas/um.md", "---\ntitulo: Um\natualizado: 01/12/2026\n---\nTexto.\n");
    let unit = std::fs::read_to_string(site.root().join("content/unidades/secretaria.yaml")).unwrap();
    site.write("content/unidades/secretaria.yaml", &format!("{unit}atualizado: 02/01/2026\n"));
    let summary = site.build().map_err(render).unwrap();
    let ahead = summary.warnings.iter().find(|w| w.message.contains("posterior")).expect("a warning");
    assert_eq!(ahead.file.as_deref(), Some(Path::new("content/paginas/um.md")));
    assert_eq!(ahead.location.map(|l| l.line), Some(3));
    assert_eq!(footer_date(&site, "paginas/um/"), vec!["2026-12-01"]);
    assert_eq!(footer_date(&site, "unidades/secretaria/"), vec!["2026-01-02"]);
}

/// A site inside a repository, built on a machine without git (no `git` on the PATH): the
/// build succeeds and every page is dated by its file.
#[test]
fn without_a_git_program_the_build_goes_on_with_the_disk_dates() {
    if !git(Path::new("."), &["--version"], None) {
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("perdizes"), repo.path(), true);
    assert!(git(repo.path(), &["init", "-q"], None));
    commit(repo.path(), "2024-01-10T12:00:00Z");
    let page = repo.path().join("content/unidades/secretaria.yaml");
    touch(&page, "2025-03-04");
    let out = repo.path().join("saida");
    let output = Command::new(env!("CARGO_BIN_EXE_secretaria"))
        .arg("--root")
        .arg(repo.path())
        .args(["build", "--output"])
        .arg(&out)
        .env("PATH", "/nonexistent")
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let html =
        scraper::Html::parse_document(&std::fs::read_to_string(out.join("unidades/secretaria/index.html")).unwrap());
    // Committed in 2024, but without git only the disk's date is known.
    assert_eq!(attrs(&html, "footer .atualizacao time", "datetime"), vec!["2025-03-04".to_string()]);
}
