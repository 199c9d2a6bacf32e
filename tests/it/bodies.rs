//! A page body's problems (`markdown::check`) are the same whoever looks at it: `build` and
//! `check` look at each body in the pass that renders it, `pipeline::load` (and `serve`) as it
//! loads. The load's report is the reference: the build's holds the same body problems, once
//! each, whether the site loads (the render looked) or not (the load looked again).

use crate::support::*;
use secretaria::diagnostics::{Diagnostic, Diagnostics};
use secretaria::pipeline::{self, Failure};

/// The diagnostics about page bodies: (file, line, column, code), as reported, repeats kept.
fn body_problems<'a>(diagnostics: impl Iterator<Item = &'a Diagnostic>) -> Vec<String> {
    let mut found: Vec<String> = diagnostics
        .filter(|d| {
            d.message.starts_with("endereço não permitido")
                || d.message.starts_with("HTML que não é publicado")
                || d.message.contains("níveis demais")
                || d.message.starts_with("atributos de título")
        })
        .map(|d| {
            let at = d.location.map(|l| (l.line, l.column)).unwrap_or_default();
            format!(
                "{}:{}:{} {:?}",
                d.file.as_deref().map(|f| f.display().to_string()).unwrap_or_default(),
                at.0,
                at.1,
                d.code
            )
        })
        .collect();
    found.sort();
    found
}

fn failed(result: Result<impl std::fmt::Debug, Failure>) -> Diagnostics {
    match result {
        Err(Failure::Content(d)) => d,
        other => panic!("expected content errors: {other:?}"),
    }
}

/// A site with body problems in a page, a question and a programme: the site loads.
fn with_body_problems() -> TestSite {
    let site = TestSite::fixture("lagoa-serena");
    site.write(
        "content/paginas/vetores.md",
        "---\ntitulo: Vetores\n---\nTexto.\n\n[um](javascript:alert(1))\n\n## Título {onclick=x}\n\n<script>x</script>\n",
    );
    site.write(
        "content/perguntas-frequentes/mapa.md",
        "---\npergunta: Onde fica o CRAS?\n---\nVeja o mapa:\n\n<iframe src=\"https://mapas.example/x\"></iframe>\n",
    );
    site
}

#[test]
fn the_build_reports_the_bodies_problems_the_load_finds_once_each() {
    let site = with_body_problems();
    let loaded = pipeline::load(&site.options()).unwrap_or_else(|f| panic!("{}", render(f)));
    let expected = body_problems(loaded.warnings.iter());
    assert_eq!(expected.len(), 4, "{expected:?}");
    let built = site.build().unwrap_or_else(|f| panic!("{}", render(f)));
    assert_eq!(body_problems(built.warnings.iter()), expected, "build");
    let checked = pipeline::check(&site.options()).unwrap_or_else(|f| panic!("{}", render(f)));
    assert_eq!(body_problems(checked.warnings.iter()), expected, "check");
    // The pages were published: these are warnings.
    assert!(site.page("paginas/vetores/").root_element().html().contains("Vetores"));
}

/// A site that does not load is reported whole: the problems of every body, those of the items
/// its errors keep out of the site (a question without a question) included.
#[test]
fn a_site_that_does_not_load_reports_every_bodys_problems() {
    let site = with_body_problems();
    site.write(
        "content/perguntas-frequentes/sem-pergunta.md",
        "---\npergunta: \"\"\n---\nA resposta tem um [link](vbscript:x).\n",
    );
    let loaded = failed(pipeline::load(&site.options()).map(|_| ()));
    let expected = body_problems(loaded.iter());
    assert!(expected.iter().any(|p| p.starts_with("content/perguntas-frequentes/sem-pergunta.md:")), "{expected:?}");
    assert_eq!(expected.len(), 5, "{expected:?}");
    let built = failed(site.build());
    assert_eq!(body_problems(built.iter()), expected, "build");
    assert_eq!(built.error_count(), loaded.error_count());
    let checked = failed(pipeline::check(&site.options()));
    assert_eq!(body_problems(checked.iter()), expected, "check");
    assert!(!site.output().exists(), "nothing was published");
}

/// A body nested too deep in a site that otherwise loads: the render cuts it safely, and the
/// look's error then stops the build before anything is published.
#[test]
fn a_body_too_deep_stops_the_build_after_the_render() {
    let site = TestSite::built("lagoa-serena");
    let before = std::fs::read(site.output().join("index.html")).unwrap();
    site.write("content/paginas/fundo.md", &format!("---\ntitulo: Fundo\n---\nTexto.\n\n{} x\n", ">".repeat(500)));
    let built = failed(site.build());
    assert_eq!(body_problems(built.iter()), ["content/paginas/fundo.md:6:101 TooDeep"]);
    assert_eq!(built.error_count(), 1);
    assert_eq!(std::fs::read(site.output().join("index.html")).unwrap(), before, "the output is as it was");
    assert!(!site.output().join("paginas/fundo/index.html").exists());
}

/// A template's error does not hide the rest: the build and `check` report it with a body
/// nested too deep and the load's warnings, all in one run (the render stops at the template,
/// so the bodies it did not reach are looked at then).
#[test]
fn a_template_error_is_reported_with_the_bodies_problems() {
    let site = with_body_problems();
    site.write("content/paginas/fundo.md", &format!("---\ntitulo: Fundo\n---\nTexto.\n\n{} x\n", ">".repeat(500)));
    site.write("themes/default/templates/trechos/rodape.html", "<p>Rodapé</p>\n<p>{{ page.title }}</p>\n");
    let loaded = pipeline::load(&site.options()).map(|l| l.warnings).unwrap_or_else(|f| match f {
        Failure::Content(d) => d,
        other => panic!("{other:?}"),
    });
    let expected = body_problems(loaded.iter());
    assert!(expected.iter().any(|p| p.ends_with("TooDeep")), "{expected:?}");
    assert_eq!(expected.len(), 5, "{expected:?}");
    let template = |d: &Diagnostics| {
        // As reported: the same error from every page that shows the piece is one.
        d.sorted()
            .into_iter()
            .filter(|d| d.file.as_deref() == Some(std::path::Path::new("themes/default/templates/trechos/rodape.html")))
            .count()
    };
    let built = failed(site.build());
    assert_eq!(body_problems(built.iter()), expected, "build");
    assert_eq!(template(&built), 1, "build");
    let checked = failed(pipeline::check(&site.options()));
    assert_eq!(body_problems(checked.iter()), expected, "check");
    assert_eq!(template(&checked), 1, "check");
    assert!(!site.output().exists(), "nothing was published");
}
