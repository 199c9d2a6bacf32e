//! The session and paginated listings: an edit renders the listing pages it affects and writes
//! only the one whose bytes changed; items that come and go create and remove the later pages
//! (`…/pagina/N/`); after each step the output is what a fresh `build` gives.

use super::tests::{explain, rebuild, Site};
use super::*;
use anyhow::Result;

/// `public` (the session's) and `built` (a fresh build) hold the same files and bytes.
fn same_as_a_build(site: &Site, step: &str) -> Result<()> {
    pipeline::build(&site.options("built")).map_err(explain)?;
    let (served, built) = (site.tree("public")?, site.tree("built")?);
    let differ: Vec<&String> = served.keys().chain(built.keys()).filter(|f| served.get(*f) != built.get(*f)).collect();
    anyhow::ensure!(differ.is_empty(), "after {step}: differ {differ:?}");
    Ok(())
}

fn page(n: usize) -> (String, String) {
    (format!("content/paginas/p{n}.md"), format!("---\ntitulo: Página {n}\npeso: {n}\n---\nTexto {n}.\n"))
}

fn notice(n: usize) -> (String, String) {
    (
        format!("content/avisos/a{n}.md"),
        format!("---\ntitulo: Aviso {n}\ntipo: reuniao\ninicio: {n:02}/03/2025 09:00\n---\nPauta.\n"),
    )
}

#[test]
fn listing_pages_follow_edits_and_come_and_go_with_their_items() -> Result<()> {
    let site = Site::fixture("perdizes")?;
    let yaml = site.read("site.yaml")?;
    site.write("site.yaml", &format!("{yaml}base_url: https://perdizes.example.gov.br/\nitens_por_pagina: 2\n"))?;
    site.write("content/paginas/_index.md", "---\ntitulo: Páginas\n---\nTextos.\n")?;
    for n in 1..=3 {
        let (path, text) = page(n);
        site.write(&path, &text)?;
    }
    let mut session = site.session()?;
    same_as_a_build(&site, "the first build")?;
    let exists = |rel: &str| site.root().join("public").join(rel).exists();
    assert!(exists("paginas/pagina/2/index.html") && !exists("paginas/pagina/3/index.html"));

    // A title on the second page: that page is written, not the first.
    site.write("content/paginas/p3.md", "---\ntitulo: Página três\npeso: 3\n---\nTexto 3.\n")?;
    let report = rebuild(&mut session, &["content/paginas/p3.md"])?;
    assert!(report.written.contains(&"paginas/pagina/2/index.html".to_string()), "{:?}", report.written);
    assert!(!report.written.contains(&"paginas/index.html".to_string()), "{:?}", report.written);
    assert!(site.read("public/paginas/pagina/2/index.html")?.contains("Página três"));
    same_as_a_build(&site, "a title on the second page")?;

    // Two more pages: a third page of the listing appears, and the sitemap names it.
    let added: Vec<(String, String)> = (4..=5).map(page).collect();
    for (path, text) in &added {
        site.write(path, text)?;
    }
    let report = rebuild(&mut session, &added.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>())?;
    assert!(report.written.contains(&"paginas/pagina/3/index.html".to_string()), "{:?}", report.written);
    assert!(site.read("public/sitemap.xml")?.contains("/paginas/pagina/3/"));
    same_as_a_build(&site, "two pages added")?;

    // Back to one page of items: the later pages go, and with them the navigation.
    let gone = ["content/paginas/p2.md", "content/paginas/p3.md", "content/paginas/p4.md", "content/paginas/p5.md"];
    for path in gone {
        std::fs::remove_file(site.root().join(path))?;
    }
    let report = rebuild(&mut session, &gone)?;
    for file in ["paginas/pagina/2/index.html", "paginas/pagina/3/index.html"] {
        assert!(report.removed.contains(&file.to_string()), "{file}: {:?}", report.removed);
    }
    assert!(!site.read("public/paginas/index.html")?.contains("Paginação"));
    same_as_a_build(&site, "pages removed")?;

    // A typed listing the same way: notices past two make a second page, edited in place.
    let notices: Vec<(String, String)> = (1..=3).map(notice).collect();
    for (path, text) in &notices {
        site.write(path, text)?;
    }
    rebuild(&mut session, &notices.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>())?;
    assert!(exists("avisos/pagina/2/index.html"));
    same_as_a_build(&site, "three notices")?;
    // The oldest notice is last: on the second page.
    site.write("content/avisos/a1.md", &notice(1).1.replace("Aviso 1", "Aviso um"))?;
    let report = rebuild(&mut session, &["content/avisos/a1.md"])?;
    assert!(report.written.contains(&"avisos/pagina/2/index.html".to_string()), "{:?}", report.written);
    assert!(!report.written.contains(&"avisos/index.html".to_string()), "{:?}", report.written);
    same_as_a_build(&site, "a notice's title")?;
    std::fs::remove_file(site.root().join("content/avisos/a3.md"))?;
    let report = rebuild(&mut session, &["content/avisos/a3.md"])?;
    assert!(report.removed.contains(&"avisos/pagina/2/index.html".to_string()), "{:?}", report.removed);
    same_as_a_build(&site, "a notice removed")
}

/// An edit (what, files written) and the pages of the list it must write and must not.
type Step = (&'static str, Vec<(String, String)>, Vec<usize>, Vec<usize>);

/// A page of the section `paginas` (no weight: ordered by title).
fn titled(name: &str, title: &str, more: &str) -> (String, String) {
    (format!("content/paginas/{name}.md"), format!("---\ntitulo: {title}\n{more}---\nTexto de {name}.\n"))
}

/// Edits of what listings show of ordinary pages (title, weight, description, date) are
/// spliced into the kept model: the page moves to its place in its section, across the pages
/// of the list, and only the pages of the list that show it are rendered; the output is what
/// a fresh build gives after each. A draft falls back to a reload, as exact.
#[test]
fn title_edits_are_spliced_and_move_pages_across_the_list() -> Result<()> {
    let site = Site::fixture("perdizes")?;
    let yaml = site.read("site.yaml")?;
    site.write("site.yaml", &format!("{yaml}base_url: https://perdizes.example.gov.br/\nitens_por_pagina: 2\n"))?;
    site.write("content/paginas/_index.md", "---\ntitulo: Páginas\n---\nTextos.\n")?;
    for name in ["a", "b", "c", "d", "e"] {
        let (path, text) = titled(name, &format!("Página {}", name.to_uppercase()), "");
        site.write(&path, &text)?;
    }
    site.write("content/sobre.md", "---\ntitulo: Sobre\n---\nUma página solta.\n")?;
    let mut session = site.session()?;
    same_as_a_build(&site, "the first build")?;
    let list =
        |n: usize| if n == 1 { "paginas/index.html".to_string() } else { format!("paginas/pagina/{n}/index.html") };
    // (what, files written, pages of the list that must be written, that must not be rendered)
    let steps: Vec<Step> = vec![
        ("a title that keeps its place", vec![titled("c", "Página C, revista", "")], vec![2], vec![1, 3]),
        (
            "a title that moves the page from the first to the last",
            vec![titled("a", "Zeta", "")],
            vec![1, 2, 3],
            vec![],
        ),
        ("a weight that moves a page to the front", vec![titled("e", "Página E", "peso: -1\n")], vec![1, 2], vec![3]),
        ("a description", vec![titled("d", "Página D", "descricao: A quarta\n")], vec![2], vec![1, 3]),
        ("a date", vec![titled("d", "Página D", "descricao: A quarta\ndata: 03/02/2026\n")], vec![], vec![1, 3]),
        (
            "two titles swapped",
            vec![titled("b", "Página D", ""), titled("d", "Página B", "descricao: A quarta\ndata: 03/02/2026\n")],
            vec![1, 2],
            vec![3],
        ),
        (
            "a page in no section",
            vec![("content/sobre.md".into(), "---\ntitulo: Quem somos\n---\nUma página solta.\n".into())],
            vec![],
            vec![1, 2, 3],
        ),
    ];
    for (what, files, written, untouched) in steps {
        for (path, text) in &files {
            site.write(path, text)?;
        }
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        let report = rebuild(&mut session, &paths)?;
        assert!(report.spliced && !report.full, "{what}: {report:?}");
        for n in written {
            assert!(report.written.contains(&list(n)), "{what}: {} not written: {:?}", list(n), report.written);
        }
        // Rendered: the edited pages, the pages of the list that show them, the site map,
        // the search page, the access hub. Not the other pages of the list.
        for n in untouched {
            assert!(!report.written.contains(&list(n)), "{what}: {} written: {:?}", list(n), report.written);
        }
        same_as_a_build(&site, what)?;
    }
    assert!(site.read("public/paginas/pagina/3/index.html")?.contains("Zeta"));
    // A draft leaves the model: not spliced, and as exact.
    site.write("content/paginas/c.md", "---\ntitulo: Página C\nrascunho: true\n---\nTexto.\n")?;
    let report = rebuild(&mut session, &["content/paginas/c.md"])?;
    assert!(!report.spliced, "{report:?}");
    same_as_a_build(&site, "a draft")
}
