//! The search index the session patches between rebuilds (`search::live`) against a fresh
//! `build`, on a site large enough for many buckets of keys and files of documents: after
//! each edit that search sees (a body, a title, a section's and the home page's text, a page
//! added and removed, a template), every output is what `build` gives, the search files
//! included, and the words are found where they are.

use super::tests::{embedded, Site};
use super::tests_edits::{apply, edit};
use anyhow::Result;

/// The busca fixture with a folder of `n` pages, each with a word of its own.
fn large_site(n: usize) -> Result<Site> {
    let site = Site::fixture("busca")?;
    site.write("content/noticias/_index.md", "---\ntitulo: Notícias\n---\nO que acontece na rede.\n")?;
    for i in 0..n {
        site.write(
            &format!("content/noticias/n{i:03}.md"),
            &format!("---\ntitulo: Notícia {i}\n---\nA rede atende famílias no bairro {i}; marcador{i} e oficina.\n"),
        )?;
    }
    Ok(site)
}

#[test]
fn a_patched_search_index_is_what_a_build_gives_after_each_edit() -> Result<()> {
    let site = large_site(120)?;
    let mut session = site.session()?;
    let tree = site.tree("public")?;
    let buckets = tree.keys().filter(|f| f.starts_with("busca/t/")).count();
    assert!(buckets >= 8, "many buckets: {buckets}");
    let page = |title: &str, body: &str| format!("---\ntitulo: {title}\n---\n{body}\n");
    let home = site.read("content/_index.md")?;
    let template = "themes/default/templates/page.html";
    let marked = embedded("page.html").replace("{% block content %}", "{% block content %}<p>Marca</p>");
    let edits = vec![
        edit(
            "a word only one page has",
            &[("content/noticias/n007.md", &page("Notícia 7", "Oficina de xilogravura."))],
            &[],
        ),
        edit("the word gone", &[("content/noticias/n007.md", &page("Notícia 7", "Oficina de pintura."))], &[]),
        edit(
            "a common word gone from one page",
            &[("content/noticias/n050.md", &page("Notícia 50", "Só texto."))],
            &[],
        ),
        edit("a title", &[("content/noticias/n051.md", &page("Capoeira no bairro", "A rede atende."))], &[]),
        // "Notícia 11z" sorts after "Notícia 119": the page moves past ten others, and the
        // kept index patches the documents of those eleven as one block.
        edit(
            "a title that moves the page past ten others",
            &[("content/noticias/n011.md", &page("Notícia 11z", "Oficina de marcador11 e jongo."))],
            &[],
        ),
        edit("a section's text", &[("content/noticias/_index.md", &page("Notícias", "Agenda de maracatu."))], &[]),
        edit("the home page's text", &[("content/_index.md", &format!("{home}\nFeira de artesanato.\n"))], &[]),
        edit("a page added", &[("content/noticias/zz.md", &page("Nova", "Bordado em grupo."))], &[]),
        edit("a page removed", &[], &["content/noticias/n010.md"]),
        edit("a template", &[(template, &marked)], &[]),
        edit(
            "two pages at once",
            &[
                ("content/noticias/n020.md", &page("Notícia 20", "Ciranda.")),
                ("content/noticias/n090.md", &page("Notícia 90", "Ciranda e frevo.")),
            ],
            &[],
        ),
    ];
    for edit in &edits {
        let report = apply(&site, &mut session, edit, None)?;
        if edit.what == "a title that moves the page past ten others" {
            // Spliced, and only the files of the index that changed are written (that the
            // block is patched rather than assembled afresh: `search::live`'s tests).
            let search = report.written.iter().filter(|f| f.starts_with("busca/")).count();
            let all = site.tree("public")?.keys().filter(|f| f.starts_with("busca/")).count();
            assert!(report.spliced && search < all, "{search} of {all}: {report:?}");
            // Documents are numbered by address, not by title: the page keeps its number, so
            // of the files of documents only the one that holds its document is written (by
            // title order, the eleven documents that moved span several).
            let docs: Vec<&String> = report.written.iter().filter(|f| f.starts_with("busca/d/")).collect();
            assert_eq!(docs.len(), 1, "{docs:?}");
        }
        if edit.what == "the word gone" {
            // A patched index writes the files that changed, not every bucket.
            let search: Vec<&String> = report.written.iter().filter(|f| f.starts_with("busca/t/")).collect();
            assert!(!search.is_empty() && search.len() < buckets, "{search:?}");
        }
    }
    let hits = |word: &str| super::tests::search_hits(&site, word);
    assert!(hits("xilogravura")?.is_empty());
    assert_eq!(hits("capoeira")?, ["noticias/n051/"]);
    assert_eq!(hits("maracatu")?, ["noticias/"]);
    assert_eq!(hits("frevo")?, ["noticias/n090/"]);
    assert_eq!(hits("jongo")?, ["noticias/n011/"]);
    assert!(hits("marcador10")?.is_empty(), "a removed page leaves the index");
    Ok(())
}
