//! The build cache (issue 14, target 2): a build with nothing changed writes nothing and
//! reports what the build that made the output reported; any change of an input, an option,
//! the clock's day or a notice's end, or the output itself, is a full build; a broken cache
//! is a full build; a failed build leaves output and cache as they were, or no cache.

use crate::support::*;
use secretaria::cache::{self, Mode};
use secretaria::pipeline::{BuildOptions, Summary};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Every entry of a folder: path → (inode, modification time, bytes); folders with no bytes.
type State = BTreeMap<String, (u64, std::time::SystemTime, Option<Vec<u8>>)>;

fn state(dir: &Path) -> State {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .map(|e| {
            let meta = e.metadata().unwrap();
            #[cfg(unix)]
            let inode = std::os::unix::fs::MetadataExt::ino(&meta);
            #[cfg(not(unix))]
            let inode = 0;
            let bytes = e.file_type().is_file().then(|| std::fs::read(e.path()).unwrap());
            (e.path().strip_prefix(dir).unwrap().display().to_string(), (inode, meta.modified().unwrap(), bytes))
        })
        .collect()
}

/// Path → bytes of every file.
fn bytes(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    state(dir).into_iter().filter_map(|(path, (_, _, bytes))| Some((path, bytes?))).collect()
}

fn build_with(options: &BuildOptions, mode: Mode) -> Summary {
    cache::build(options, mode, &|_| {}).map_err(render).unwrap()
}

fn build(site: &TestSite) -> Summary {
    build_with(&site.options(), Mode::default())
}

/// A build that must have rendered and published.
fn full(site: &TestSite, why: &str) -> Summary {
    let summary = build(site);
    assert!(!summary.unchanged, "{why}: the build was skipped");
    summary
}

/// A build that must have written nothing: the output as it was, entry for entry.
fn skipped(site: &TestSite, why: &str) -> Summary {
    let before = state(&site.output());
    let summary = build(site);
    assert!(summary.unchanged, "{why}: the build was not skipped");
    assert!(state(&site.output()) == before, "{why}: the output changed");
    summary
}

fn cache_file(site: &TestSite) -> std::path::PathBuf {
    site.root().join(".public.secretaria-cache")
}

fn h1(site: &TestSite, page: &str) -> Vec<String> {
    texts(&site.page(page), "main h1")
}

#[test]
fn a_second_build_writes_nothing_and_reports_the_same() {
    let site = TestSite::fixture("normas");
    let first = full(&site, "first build");
    assert!(!first.warnings.is_empty(), "the fixture has warnings to replay");
    let second = skipped(&site, "nothing changed");
    assert_eq!((second.pages, second.files), (first.pages, first.files));
    assert_eq!(second.warnings, first.warnings);
    skipped(&site, "still nothing");
    // The cache is beside the output folder, not published inside it.
    assert!(cache_file(&site).is_file());
    assert!(bytes(&site.output()).keys().all(|path| !path.contains("secretaria-cache")));
}

#[test]
fn every_kind_of_input_change_is_a_full_build() {
    let site = TestSite::fixture("perdizes");
    full(&site, "first build");
    skipped(&site, "nothing changed");

    site.write("content/paginas/temporaria.md", "---\ntitulo: Temporária\n---\nPrimeira versão.\n");
    full(&site, "a new page");
    assert_eq!(h1(&site, "paginas/temporaria/"), vec!["Temporária"]);
    skipped(&site, "after the new page");
    site.write("content/paginas/temporaria.md", "---\ntitulo: Provisória\n---\nPrimeira versão.\n");
    full(&site, "a page edited");
    assert_eq!(h1(&site, "paginas/temporaria/"), vec!["Provisória"]);
    skipped(&site, "after the edit");

    let template =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/404.html"))
            .unwrap();
    site.write("themes/default/templates/404.html", &template.replace("Página não encontrada", "Página sumiu"));
    full(&site, "a template overridden");
    assert_eq!(h1(&site, "404.html"), vec!["Página sumiu"]);
    skipped(&site, "after the template");

    site.write("static/leia-me.txt", "primeira");
    full(&site, "a static file added");
    assert_eq!(std::fs::read_to_string(site.output().join("leia-me.txt")).unwrap(), "primeira");
    skipped(&site, "after the static file");
    site.write("static/leia-me.txt", "segunda!");
    full(&site, "a static file edited, same size");
    assert_eq!(std::fs::read_to_string(site.output().join("leia-me.txt")).unwrap(), "segunda!");

    site.write("content/paginas/anexo.pdf", "%PDF-1.4 um");
    full(&site, "an attachment added");
    assert_eq!(std::fs::read(site.output().join("paginas/anexo.pdf")).unwrap(), b"%PDF-1.4 um");
    skipped(&site, "after the attachment");

    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let title = yaml.lines().find_map(|l| l.strip_prefix("titulo:")).unwrap().trim().trim_matches('"').to_string();
    site.write("site.yaml", &yaml.replacen(&title, "Secretaria de Teste do Cache", 1));
    full(&site, "site.yaml edited");
    let home = std::fs::read_to_string(site.output().join("index.html")).unwrap();
    let home = scraper::Html::parse_document(&home);
    assert!(texts(&home, "title")[0].contains("Secretaria de Teste do Cache"), "{:?}", texts(&home, "title"));

    std::fs::remove_file(site.root().join("content/paginas/temporaria.md")).unwrap();
    full(&site, "a page removed");
    assert!(!site.output().join("paginas/temporaria").exists());
    skipped(&site, "at the end");
}

#[test]
fn every_option_is_part_of_the_fingerprint() {
    let site = TestSite::fixture("nova-cruz");
    let plain = site.options();
    build_with(&plain, Mode::default());
    assert!(build_with(&plain, Mode::default()).unchanged);
    let with_url = BuildOptions {
        overrides: secretaria::config::Overrides {
            base_url: Some("https://social.exemplo.gov.br/".into()),
            ..plain.overrides.clone()
        },
        ..plain.clone()
    };
    assert!(!build_with(&with_url, Mode::default()).unchanged, "--base-url");
    let sitemap = std::fs::read_to_string(site.output().join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    assert!(doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .all(|n| n.text().unwrap_or_default().starts_with("https://social.exemplo.gov.br/")));
    assert!(build_with(&with_url, Mode::default()).unchanged);
    assert!(!build_with(&plain, Mode::default()).unchanged, "back without --base-url");
    assert!(!site.output().join("sitemap.xml").exists());
    let drafts = BuildOptions {
        overrides: secretaria::config::Overrides { drafts: true, ..plain.overrides.clone() },
        ..plain.clone()
    };
    assert!(!build_with(&drafts, Mode::default()).unchanged, "--drafts");
    let unchecked = BuildOptions { skip_site_checks: true, ..plain.clone() };
    assert!(!build_with(&unchecked, Mode::default()).unchanged, "the hidden --skip-site-checks");
    let epoch = BuildOptions { source_date_epoch: Some(1_790_000_000), today: None, ..plain.clone() };
    assert!(!build_with(&epoch, Mode::default()).unchanged, "SOURCE_DATE_EPOCH");
    assert!(build_with(&epoch, Mode::default()).unchanged);
    assert!(!build_with(&plain, Mode::default()).unchanged);
    assert!(!build_with(&plain, Mode { full: true, clock: None }).unchanged, "--no-cache");
    assert!(build_with(&plain, Mode::default()).unchanged, "the cache written again after --no-cache");
}

#[test]
fn a_changed_output_is_rebuilt_whole() {
    let site = TestSite::fixture("perdizes");
    full(&site, "first build");
    let good = bytes(&site.output());
    skipped(&site, "nothing changed");
    let page = site.output().join("unidades/index.html");
    let original = std::fs::read(&page).unwrap();

    std::fs::write(&page, [original.as_slice(), b"<!-- editado -->"].concat()).unwrap();
    full(&site, "a page of the output edited");
    assert!(bytes(&site.output()) == good);

    std::fs::remove_file(&page).unwrap();
    full(&site, "a page of the output removed");
    assert!(bytes(&site.output()) == good);

    std::fs::write(site.output().join("extra.html"), "não é do site").unwrap();
    full(&site, "a file added to the output");
    assert!(bytes(&site.output()) == good);

    std::fs::create_dir(site.output().join("vazia")).unwrap();
    full(&site, "a folder added to the output");
    assert!(!site.output().join("vazia").exists());

    // The same bytes written again, and the old modification time put back: still seen.
    skipped(&site, "before the rewrite");
    let time = std::fs::metadata(&page).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    std::fs::write(&page, &original).unwrap();
    std::fs::File::options().write(true).open(&page).unwrap().set_modified(time).unwrap();
    full(&site, "a page rewritten with its old time");
    assert!(bytes(&site.output()) == good);
    skipped(&site, "at the end");
}

/// 2026-12-03 at `hour`:`minute` in Serra Azul do Oeste (SC, UTC−3), as a clock reading.
fn at(day: u32, hour: u32, minute: u32) -> Option<i64> {
    let local = chrono::NaiveDate::from_ymd_opt(2026, 12, day).unwrap().and_hms_opt(hour, minute, 0).unwrap();
    Some(local.and_utc().timestamp() + 3 * 3600)
}

#[test]
fn the_clock_passing_a_notice_or_midnight_is_a_full_build() {
    let site = TestSite::fixture("serra-azul");
    // The clock as "now", as `secretaria build` has it without SOURCE_DATE_EPOCH.
    let options = BuildOptions { today: None, source_date_epoch: None, ..site.options() };
    let page = "avisos/capacitacao-cadastro-unico/";
    let past = |site: &TestSite| texts(&site.page(page), "main .dados-aviso dd").join(" ").contains("já realizado");
    let clock = |day, hour, minute| Mode { full: false, clock: at(day, hour, minute) };

    assert!(!build_with(&options, clock(3, 10, 0)).unchanged);
    assert!(!past(&site), "the training ends at noon");
    let before = state(&site.output());
    assert!(build_with(&options, clock(3, 11, 30)).unchanged, "nothing happens between 10:00 and 11:30");
    assert!(state(&site.output()) == before);
    assert!(!build_with(&options, clock(3, 12, 1)).unchanged, "the training ended at noon");
    assert!(past(&site));
    assert!(build_with(&options, clock(3, 23, 59)).unchanged);
    assert!(!build_with(&options, clock(4, 0, 0)).unchanged, "another day");
    assert!(!build_with(&options, clock(3, 23, 0)).unchanged, "a clock set back is not trusted");
}

#[test]
fn a_broken_or_foreign_cache_is_a_full_build_and_a_foreign_file_is_kept() {
    let site = TestSite::fixture("perdizes");
    full(&site, "first build");
    let good = bytes(&site.output());
    skipped(&site, "nothing changed");
    let cache = std::fs::read(cache_file(&site)).unwrap();
    let signature = cache.split_inclusive(|&b| b == b'\n').next().unwrap().to_vec();
    let broken: Vec<(&str, Vec<u8>)> = vec![
        ("truncated", cache[..cache.len() / 2].to_vec()),
        ("signature only", signature.clone()),
        ("not JSON", [signature.as_slice(), b"\x00\xff{{"].concat()),
        ("another record", [signature.as_slice(), b"{\"version\":1,\"key\":\"x\"}"].concat()),
    ];
    for (what, bytes_of_cache) in broken {
        std::fs::write(cache_file(&site), &bytes_of_cache).unwrap();
        full(&site, what);
        assert!(bytes(&site.output()) == good, "{what}");
        skipped(&site, &format!("after a {what} cache"));
    }
    // A file of the same name that secretaria did not write (it lacks the signature, even
    // empty) is never replaced nor removed.
    for foreign in ["minhas notas", ""] {
        std::fs::write(cache_file(&site), foreign).unwrap();
        full(&site, "a foreign file");
        full(&site, "a foreign file, again: no cache can be kept");
        assert_eq!(std::fs::read_to_string(cache_file(&site)).unwrap(), foreign);
        assert!(bytes(&site.output()) == good);
    }
    std::fs::remove_file(cache_file(&site)).unwrap();
    full(&site, "no cache");
    skipped(&site, "a cache again");
}

fn run(root: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_secretaria"))
        .arg("--root")
        .arg(root)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .env_remove("SECRETARIA_FAULT")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const NOTHING_CHANGED: &str = "Nada mudou desde a última geração; nenhum arquivo foi gravado";

#[test]
fn a_failed_build_after_a_cached_one_leaves_the_output_and_no_stale_cache() {
    let site = TestSite::fixture("perdizes");
    let (code, out, err) = run(site.root(), &["build"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains(NOTHING_CHANGED));
    let (_, out, _) = run(site.root(), &["build"], &[]);
    assert!(out.contains(NOTHING_CHANGED), "{out}");
    // Nothing was generated, and the summary does not say so: it says what is already there.
    let summary = out.lines().find(|l| l.contains(" páginas (")).unwrap_or_else(|| panic!("{out}"));
    assert!(summary.contains(" já estão atualizadas em ") && !out.contains("geradas em"), "{out}");
    let before = state(&site.output());

    // Content errors: nothing published, the cache still describes the output.
    let unit = site.root().join("content/unidades/secretaria.yaml");
    let original = std::fs::read(&unit).unwrap();
    site.write("content/unidades/secretaria.yaml", "nome: X\nhorario:\n  seg-sex: 08:00-25:00\n");
    let (code, _, _) = run(site.root(), &["build"], &[]);
    assert_eq!(code, 1);
    assert!(state(&site.output()) == before);

    // The swap itself fails: the cache was removed before it, the output is as it was.
    std::fs::write(&unit, &original).unwrap();
    site.write("content/paginas/nova.md", "---\ntitulo: Nova\n---\nTexto.\n");
    assert!(cache_file(&site).exists());
    let (code, _, err) = run(site.root(), &["build"], &[("SECRETARIA_FAULT", "exchange")]);
    assert_ne!(code, 0, "{err}");
    assert!(state(&site.output()) == before);
    assert!(!cache_file(&site).exists(), "a cache that vouched for the output of a swap that failed");

    let (code, out, err) = run(site.root(), &["build"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains(NOTHING_CHANGED));
    assert!(site.output().join("paginas/nova/index.html").exists());
    let (_, out, _) = run(site.root(), &["build"], &[]);
    assert!(out.contains(NOTHING_CHANGED), "{out}");
}

#[test]
fn a_skipped_build_replays_the_diagnostics_in_both_formats() {
    let site = TestSite::fixture("normas");
    let json = |args: &[&str]| -> (serde_json::Value, String) {
        let (code, out, err) = run(site.root(), args, &[]);
        assert_eq!(code, 0, "{err}");
        (serde_json::from_str(&out).unwrap(), err)
    };
    let (full_doc, full_err) = json(&["build", "--format", "json"]);
    assert!(!full_err.contains(NOTHING_CHANGED));
    assert!(full_doc["avisos"].as_u64().unwrap() > 0, "{full_doc}");
    let (skipped_doc, skipped_err) = json(&["build", "--format", "json"]);
    assert!(skipped_err.contains(NOTHING_CHANGED), "{skipped_err}");
    assert_eq!(skipped_doc, full_doc);

    // The same counts of pages and files: "28 páginas geradas em 9 ms (87 arquivos) → …" and
    // "28 páginas (87 arquivos) já estão atualizadas em …".
    let summary = |out: &str| {
        let last = out.lines().last().unwrap_or_default();
        let number = |word: &str| {
            let words: Vec<&str> = last.split([' ', '(']).collect();
            words
                .iter()
                .position(|w| w.starts_with(word))
                .and_then(|i| words.get(i.checked_sub(1)?))
                .map(|n| n.to_string())
        };
        (number("página"), number("arquivo"))
    };
    let (_, out_full, err_full) = run(site.root(), &["build", "--no-cache"], &[]);
    assert!(!out_full.contains(NOTHING_CHANGED), "--no-cache: {out_full}");
    let (_, out_skip, err_skip) = run(site.root(), &["build"], &[]);
    assert!(out_skip.contains(NOTHING_CHANGED), "{out_skip}");
    assert_eq!(err_skip, err_full, "the same diagnostics, as text");
    assert!(err_full.contains("aviso"), "{err_full}");
    assert_eq!(summary(&out_skip), summary(&out_full));
    assert!(summary(&out_full).0.is_some() && summary(&out_full).1.is_some(), "{out_full}");
}
