//! Script never runs in a published page, whatever the editor writes: a corpus of XSS vectors
//! fed through every Markdown entry point and every text field that templates print, in both
//! `permitir_html` modes, checked on the parsed pages. Two corpora: pure Markdown
//! (tests/fixtures/xss-vetores-markdown.md: links, images, references, autolinks, heading
//! attributes; no raw HTML, so the sanitiser never runs and the event filter alone must hold)
//! in every entry point, and raw HTML (tests/fixtures/xss-vetores-html.md: the classes of
//! OWASP's XSS filter-evasion cheat sheet) in one page body, one YAML field and one listing intro.
//!
//! The fixture site tests/fixtures/xss/ is generated from the corpus by this file (run with
//! `SECRETARIA_REGENERAR_XSS=1` after editing the corpus); the browser test
//! tests/a11y/xss.test.mjs loads the same site in Chromium.

use crate::support::*;
use scraper::{ElementRef, Html};
use std::path::Path;

const CORPUS: &str = include_str!("../fixtures/xss-vetores-markdown.md");
const HTML_CORPUS: &str = include_str!("../fixtures/xss-vetores-html.md");
/// What every plain-text field (titles, names, addresses…) carries.
const TEXT: &str = "Texto </title></script><!--<script>\"'><img src=x onerror=alert(1)> &lt;b&gt; fim";
/// The first line of the corpus: a page that shows it rendered the corpus there.
const START: &str = "Início dos vetores.";
const END: &str = "Fim dos vetores.";
const HTML_START: &str = "Início dos vetores em HTML.";
const HTML_END: &str = "Fim dos vetores em HTML.";

fn site_dir() -> std::path::PathBuf {
    fixtures().join("xss")
}

/// A double-quoted YAML string.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A literal block scalar, its lines indented by `indent` spaces.
fn block(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let lines: Vec<String> =
        text.lines().map(|l| if l.is_empty() { String::new() } else { format!("{pad}{l}") }).collect();
    format!("|\n{}\n", lines.join("\n"))
}

/// Every file of the fixture site, generated from the corpus.
fn fixture_files() -> Vec<(&'static str, String)> {
    let t = quoted(TEXT);
    vec![
        (
            "site.yaml",
            format!(
                "titulo: {t}\nmunicipio: Exemplo\nuf: MG\nbase_url: https://assistencia.exemplo.gov.br/\ndescricao: {t}\n\
                 menu:\n  - titulo: {t}\n    url: /paginas/\n  - titulo: Secretaria\n    url: /secretaria/\n"
            ),
        ),
        ("content/_index.md", format!("---\ntitulo: {t}\n---\n{CORPUS}")),
        (
            "content/secretaria.yaml",
            format!(
                "nome: {t}\nsigla: {t}\ntitular:\n  nome: {t}\n  cargo: {t}\napresentacao: {}missao: {}visao: {}\
                 valores:\n  - nome: {t}\n    descricao: {}secoes:\n  - titulo: {t}\n    texto: {}  - titulo: HTML\n    texto: {}",
                block(CORPUS, 2),
                block(CORPUS, 2),
                block(CORPUS, 2),
                block(CORPUS, 6),
                block(CORPUS, 6),
                block(HTML_CORPUS, 6),
            ),
        ),
        (
            "content/unidades/cras.yaml",
            format!(
                "nome: {t}\ntipo: cras\nsigla: {t}\nprincipal: true\nendereco:\n  logradouro: {t}\n  bairro: {t}\n  \
                 complemento: {t}\ntelefones:\n  - \"(34) 3663-1492\"\nemails:\n  - cras@exemplo.gov.br\n\
                 horario:\n  seg-sex: 08:00-17:00\nservicos:\n  - {t}\ntexto: {}",
                block(CORPUS, 2)
            ),
        ),
        ("content/unidades/_index.md", format!("---\ntitulo: {t}\n---\n{HTML_CORPUS}")),
        (
            "content/estrutura/assessoria.md",
            format!(
                "---\ntitulo: {t}\nsigla: {t}\nresponsavel: {t}\nunidade: cras\ndescricao: {t}\n\
                 atribuicoes:\n  - {t}\n---\n{CORPUS}"
            ),
        ),
        (
            "content/avisos/conferencia.md",
            format!(
                "---\ntitulo: {t}\ntipo: conferencia\ninicio: 26/09/2030 12:30\nfim: 26/09/2030 17:00\n\
                 local: {t}\nendereco: {t}\nunidade: cras\ndescricao: {t}\n---\n{CORPUS}"
            ),
        ),
        (
            "content/legislacao/lei.md",
            format!(
                "---\ntitulo: {t}\nementa: {t}\nnorma:\n  tipo: lei\n  numero: \"12\"\n  data: 10/03/2017\n---\n\
                 Art. 1º {TEXT}\n\nI - {TEXT}\n\n{CORPUS}\n{HTML_CORPUS}"
            ),
        ),
        ("content/paginas/_index.md", format!("---\ntitulo: {t}\ndescricao: {t}\n---\n{CORPUS}")),
        ("content/paginas/vetores.md", format!("---\ntitulo: {t}\ndescricao: {t}\ndata: 10/03/2024\n---\n{CORPUS}")),
        ("content/paginas/html.md", format!("---\ntitulo: {t}\n---\n{HTML_CORPUS}")),
    ]
}

/// The Markdown corpus has no raw HTML: the sanitiser never sees it, the event filter must hold.
#[test]
fn the_markdown_corpus_is_pure_markdown() {
    use pulldown_cmark::{Event, Options, Parser};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let raw: Vec<String> = Parser::new_ext(CORPUS, options)
        .filter_map(|e| match e {
            Event::Html(h) | Event::InlineHtml(h) => Some(h.to_string()),
            _ => None,
        })
        .collect();
    assert!(raw.is_empty(), "{raw:?}");
}

#[test]
fn the_xss_fixture_is_generated_from_the_corpus() {
    let regenerate = std::env::var_os("SECRETARIA_REGENERAR_XSS").is_some();
    for (rel, text) in fixture_files() {
        let path = site_dir().join(rel);
        if regenerate {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(on_disk == text, "{rel} is out of date: run SECRETARIA_REGENERAR_XSS=1 cargo test --test it xss");
    }
}

fn build(allow_html: bool) -> TestSite {
    let site = TestSite::copy(&site_dir());
    if allow_html {
        let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
        site.write("site.yaml", &format!("{yaml}permitir_html: true\n"));
    }
    // Hostile on purpose (images without alt text are vectors): the rendered-site checks
    // would refuse it; what reaches the browser is what this test is about.
    let options = secretaria::pipeline::BuildOptions { skip_site_checks: true, ..site.options() };
    if let Err(failure) = secretaria::pipeline::build(&options) {
        panic!("the XSS fixture did not build:\n{}", render(failure));
    }
    site
}

/// An attribute value as a browser reads a URL's scheme: no whitespace or controls, lower case.
fn squeezed(value: &str) -> String {
    value.chars().filter(|c| *c > ' ').collect::<String>().to_lowercase()
}

const URL_ATTRIBUTES: [&str; 14] = [
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "data",
    "cite",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "codebase",
];
const FORBIDDEN_ELEMENTS: [&str; 22] = [
    "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "svg", "math", "template", "noscript",
    "xmp", "isindex", "marquee", "video", "audio", "source", "select", "textarea", "input", "bgsound",
];

/// Everything in one page that could run script or restyle the page from content.
fn problems(page: &Html, allow_html: bool) -> Vec<String> {
    let mut found = Vec::new();
    let theme_buttons = ["aumentar-fonte", "diminuir-fonte", "fonte-normal", "alto-contraste"];
    // The theme's search: the field in the header of every page, and the search page's own
    // form (a direct child of <main> carrying the index's address), never from content.
    let theme_search = |element: &ElementRef<'_>| {
        element.ancestors().filter_map(ElementRef::wrap).any(|a| {
            let v = a.value();
            (v.name() == "header" && v.classes().any(|c| c == "cabecalho"))
                || (v.id() == Some("busca-app")
                    && v.attr("data-indice").is_some()
                    && a.parent().and_then(ElementRef::wrap).is_some_and(|m| m.value().name() == "main"))
        })
    };
    for element in page.root_element().descendants().filter_map(ElementRef::wrap) {
        let name = element.value().name();
        let in_head = element.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "head");
        if matches!(name, "form" | "input" | "button") && theme_search(&element) {
            continue;
        }
        let describe = || format!("<{name}> {:?}", element.value().attrs().collect::<Vec<_>>());
        match name {
            "script" => {
                let ours = in_head
                    && match (element.value().attr("src"), element.value().attr("type")) {
                        (Some(src), None) => [
                            "static/js/inicio.js",
                            "static/js/site.js",
                            "static/js/busca.js",
                            "static/js/snowball-pt.js",
                        ]
                        .iter()
                        .any(|s| src.ends_with(s)),
                        (None, Some("application/ld+json")) => true,
                        // The "aberto agora" calendar: data, never run (checked below).
                        (None, Some("application/json")) => element.value().id() == Some("calendario"),
                        // No inline script: the theme has none (docs/hospedagem.md's policy refuses them).
                        (None, None) => false,
                        _ => false,
                    };
                if !ours {
                    found.push(format!("script: {}", describe()));
                }
            }
            "meta" | "link" | "style" | "title" if !in_head => {
                found.push(format!("head element in body: {}", describe()));
            }
            "button" if !element.value().id().is_some_and(|id| theme_buttons.contains(&id)) => {
                found.push(format!("button: {}", describe()));
            }
            _ if FORBIDDEN_ELEMENTS.contains(&name) => found.push(format!("element: {}", describe())),
            _ => {}
        }
        if name == "meta" && element.value().attr("http-equiv").is_some() {
            found.push(format!("meta refresh: {}", describe()));
        }
        for (attr, value) in element.value().attrs() {
            let attr = attr.to_lowercase();
            if attr.starts_with("on") {
                found.push(format!("handler {attr}: {}", describe()));
            }
            if attr == "style" {
                let cell_alignment = matches!(name, "td" | "th")
                    && ["left", "center", "right"].iter().any(|a| squeezed(value) == format!("text-align:{a}"));
                let harmless = allow_html
                    && !["url(", "expression", "javascript", "position", "@import"]
                        .iter()
                        .any(|bad| squeezed(value).contains(bad));
                if !cell_alignment && !harmless {
                    found.push(format!("style: {}", describe()));
                }
            }
            if URL_ATTRIBUTES.contains(&attr.as_str()) || attr.ends_with(":href") {
                let url = squeezed(value);
                if ["javascript:", "vbscript:", "data:", "livescript:", "file:"].iter().any(|s| url.starts_with(s)) {
                    found.push(format!("address {attr}: {}", describe()));
                }
            }
        }
    }
    for script in page.select(&sel("script[type='application/ld+json'], script[type='application/json']")) {
        let text: String = script.text().collect();
        if text.contains('<') || serde_json::from_str::<serde_json::Value>(&text).is_err() {
            found.push(format!("JSON-LD: {text}"));
        }
    }
    for landmark in ["main#conteudo", "footer#rodape", "nav#menu"] {
        if page.select(&sel(landmark)).count() != 1 {
            found.push(format!("{landmark} missing: something swallowed the page"));
        }
    }
    found
}

#[test]
fn no_vector_survives_in_any_page_in_either_mode() {
    for allow_html in [false, true] {
        let site = build(allow_html);
        let files = site.html_files();
        assert!(files.len() >= 12, "{files:?}");
        let mut all = Vec::new();
        for file in &files {
            let page = site.page(file);
            all.extend(problems(&page, allow_html).into_iter().map(|p| format!("{file}: {p}")));
        }
        assert!(all.is_empty(), "permitir_html: {allow_html}\n{}", all.join("\n"));
    }
}

/// The corpora really went through each entry point: their first and last lines are on the
/// page as many times as the page shows Markdown fields carrying them.
#[test]
fn every_markdown_entry_point_rendered_the_whole_corpus() {
    let site = build(false);
    for (path, markdown, html) in [
        ("", 2, 0),                      // home body + the secretariat's presentation
        ("secretaria/", 5, 1),           // presentation, mission, vision, a value, two sections
        ("unidades/", 0, 1),             // listing intro (the list shows no unit text)
        ("unidades/cras/", 1, 0),        // unit text
        ("estrutura/assessoria/", 1, 0), // assessoria body
        ("avisos/conferencia/", 1, 0),   // notice body
        ("paginas/", 1, 0),              // section body
        ("paginas/vetores/", 1, 0),      // page body
        ("paginas/html/", 0, 1),         // page body
    ] {
        let page = site.page(path);
        let main: String = page.select(&sel("main")).flat_map(|m| m.text()).collect();
        for (sentinel, count) in [(START, markdown), (END, markdown), (HTML_START, html), (HTML_END, html)] {
            assert_eq!(main.matches(sentinel).count(), count, "{path}: {sentinel}");
        }
    }
    // The text fields came out as the editor wrote them, as text.
    let page = site.page("paginas/vetores/");
    assert_eq!(texts(&page, "main h1"), vec![normalise(TEXT)]);
    let title: String = page.select(&sel("title")).flat_map(|t| t.text()).collect();
    assert!(title.starts_with(TEXT), "{title}");
    let org = json_ld(&site.page("secretaria/"));
    assert_eq!(org.first().and_then(|ld| ld["name"].as_str()), Some(TEXT), "JSON-LD keeps the name");
}

#[test]
fn the_legal_text_shows_the_vectors_as_text() {
    let site = build(false);
    let page = site.page("legislacao/lei/");
    assert!(problems(&page, false).is_empty());
    let text: String = page.select(&sel(".texto-normativo")).flat_map(|t| t.text()).collect();
    assert!(text.contains("<script>alert(1)</script>") && text.contains(TEXT), "shown, not run");
}

#[test]
fn refused_addresses_are_warnings_located_in_each_file() {
    let site = TestSite::copy(&site_dir());
    let loaded = secretaria::pipeline::load(&site.options()).unwrap_or_else(|f| panic!("{}", render(f)));
    let warned: std::collections::BTreeSet<String> = loaded
        .warnings
        .iter()
        .filter(|d| d.message.starts_with("endereço não permitido"))
        .filter_map(|d| Some(format!("{}:{}", d.file.as_deref()?.display(), d.location?.line)))
        .collect();
    for file in [
        "content/_index.md",
        "content/secretaria.yaml",
        "content/unidades/cras.yaml",
        "content/estrutura/assessoria.md",
        "content/avisos/conferencia.md",
        "content/paginas/vetores.md",
    ] {
        assert!(warned.iter().any(|w| w.starts_with(&format!("{file}:"))), "{file}: {warned:?}");
    }
    let line_of = |needle: &str| CORPUS.lines().position(|l| l.contains(needle)).map(|i| i + 1);
    let first = line_of("[javascript](javascript:alert(1))").unwrap_or(0);
    // The page body starts after its front matter: 3 keys between two fences.
    assert!(warned.contains(&format!("content/paginas/vetores.md:{}", first + 5)), "{warned:?}");
    assert!(Path::new(&site_dir()).join("content/paginas/vetores.md").is_file());
}
