//! HTML rendering: structure, link labels, escaping, validity.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice, clippy::panic)]

use std::collections::HashSet;

use super::tests::{NOVA_CRUZ_42, NOVA_CRUZ_43, PERDIZES};
use super::*;

const VOID: [&str; 4] = ["meta", "br", "link", "img"];
const PHRASING: [&str; 5] = ["span", "a", "b", "i", "br"];

/// A small checker for the rules the Nu checker and axe apply to this output:
/// balanced tags, lists holding only `li`, `p` holding only phrasing content,
/// no empty headings, unique ids, in-page links to existing ids with a label.
pub(super) fn validate(html: &str) -> Result<(), String> {
    // (element, text inside, has an aria-label)
    let mut stack: Vec<(String, String, bool)> = Vec::new();
    let mut ids = HashSet::new();
    let mut hrefs = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        if let Some((parent, inner, _)) = stack.last_mut() {
            if (parent == "ol" || parent == "ul") && !text.trim().is_empty() {
                return Err(format!("text in <{parent}>: {text:?}"));
            }
            inner.push_str(text);
        }
        let end = rest[start..].find('>').ok_or("unclosed tag")? + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let (open, inner, labelled) = stack.pop().ok_or(format!("stray </{name}>"))?;
            if open != name {
                return Err(format!("</{name}> closes <{open}>"));
            }
            if name.len() == 2 && name.starts_with('h') && inner.trim().is_empty() {
                return Err(format!("empty <{name}>"));
            }
            if name == "a" && !labelled && inner.trim().is_empty() {
                return Err("link without a name".to_string());
            }
            if let Some((_, outer, _)) = stack.last_mut() {
                outer.push_str(&inner);
            }
            continue;
        }
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let parent = stack.last().map(|(p, _, _)| p.as_str()).unwrap_or("");
        if (parent == "ol" || parent == "ul") != (name == "li") {
            return Err(format!("<{name}> in <{parent}>"));
        }
        if parent == "p" && !PHRASING.contains(&name.as_str()) {
            return Err(format!("<{name}> in <p>"));
        }
        if let Some(id) = attr(tag, "id") {
            if !ids.insert(id.to_string()) {
                return Err(format!("duplicate id {id}"));
            }
        }
        if name == "a" {
            let href = attr(tag, "href").ok_or("link without href")?;
            if let Some(target) = href.strip_prefix('#') {
                hrefs.push(target.to_string());
            }
        }
        if !VOID.contains(&name.as_str()) {
            let labelled = attr(tag, "aria-label").is_some_and(|l| !l.is_empty());
            stack.push((name, String::new(), labelled));
        }
    }
    if let Some((open, _, _)) = stack.last() {
        return Err(format!("<{open}> not closed"));
    }
    match hrefs.iter().find(|h| !ids.contains(*h)) {
        Some(h) => Err(format!("link to missing #{h}")),
        None => Ok(()),
    }
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()
}

fn html(input: &str) -> String {
    let out = render_fragment(&parse(input));
    validate(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    out
}

#[test]
fn articles_incisos_and_anchors() {
    let out = html(PERDIZES);
    assert!(out.starts_with("<div class=\"texto-normativo\">\n"));
    assert!(out.contains(
        "<div class=\"artigo\" id=\"art27\">\n<div class=\"caput\" id=\"art27_cpt\"><p><span class=\"rotulo\">Art. 27 -</span> \
         <a class=\"ancora\" href=\"#art27\" aria-label=\"Link para o art. 27\">#</a> Ao Chefe do Setor"
    ));
    assert!(out.contains(
        "compete as seguintes atribuições: <a class=\"ancora\" href=\"#art27_cpt\" aria-label=\"Link para o caput do art. 27\">#</a></p>\n<ol class=\"incisos\">\n"
    ));
    assert!(out.contains(
        "<li class=\"inciso\" id=\"art27_cpt_inc2\"><span class=\"rotulo\">II.</span> coordenar o cadastramento; \
         <a class=\"ancora\" href=\"#art27_cpt_inc2\" aria-label=\"Link para o inciso II do art. 27\">#</a></li>\n"
    ));
    assert!(out.contains("<li class=\"inciso\" id=\"inc18\"><span class=\"rotulo\">XVIII.</span> gerir o(s)"));
    assert!(
        out.contains("<div class=\"paragrafo\" id=\"par1u\"><p><span class=\"rotulo\">Parágrafo Único –</span> Compõe")
    );
    assert!(out.contains("aria-label=\"Link para o parágrafo único\""));
    assert!(out.contains("aria-label=\"Link para o inciso VII do parágrafo único\""));
    assert!(out.contains("<p class=\"texto\">Competência do Órgão</p>"));
}

#[test]
fn link_labels_in_portuguese() {
    let out = html(
        "CAPÍTULO II\nDA ESTRUTURA\nSeção I\nArt. 1º Caput:\nI - inciso:\na) alínea:\n1. item;\n§ 1º Primeiro:\nI - do parágrafo;\n§ 2º Segundo.\nParágrafo único. Único.",
    );
    for label in [
        "Link para o capítulo II",
        "Link para a seção I",
        "Link para o art. 1º",
        "Link para o caput do art. 1º",
        "Link para o inciso I do art. 1º",
        "Link para a alínea a do inciso I do art. 1º",
        "Link para o item 1 da alínea a do inciso I do art. 1º",
        "Link para o § 1º do art. 1º",
        "Link para o inciso I do § 1º do art. 1º",
        "Link para o § 2º do art. 1º",
        "Link para o parágrafo único do art. 1º",
    ] {
        assert!(out.contains(&format!("aria-label=\"{label}\"")), "{label}\n{out}");
    }
    assert!(out.contains(
        "<section class=\"agrupador\" id=\"cap2\">\n<h2><span class=\"rotulo\">CAPÍTULO II</span> <span class=\"titulo\">DA ESTRUTURA</span> \
         <a class=\"ancora\" href=\"#cap2\" aria-label=\"Link para o capítulo II\">#</a></h2>\n<section class=\"agrupador\" id=\"cap2_sec1\">\n<h3>"
    ));
}

#[test]
fn inline_lists_are_lists() {
    let out = html(&format!("{NOVA_CRUZ_42}\n{NOVA_CRUZ_43}"));
    assert!(out.contains(
        "<ul class=\"itens\">\n<li class=\"item\" id=\"art42_cpt_ite1\"><span class=\"rotulo\">-</span> Coordenadoria Administrativa; \
         <a class=\"ancora\" href=\"#art42_cpt_ite1\" aria-label=\"Link para o item 1 do art. 42\">#</a></li>"
    ));
    assert!(out.contains("aria-label=\"Link para o item 1 do inciso II do art. 43\""));
    assert!(out.contains("<li class=\"item\" id=\"ite4\"") || !out.contains("id=\"ite4\""));
    let numbered = html("1. um;\n2. dois;");
    assert!(numbered.contains("<ol class=\"itens\">\n<li class=\"item\" id=\"ite1\">"));
}

#[test]
fn everything_is_escaped() {
    let input = "## <b>Título</b> & cia\nArt. 1º <script>alert(\"x&y\")</script> 'q'\nI - a < b > c;";
    let out = html(input);
    assert!(!out.contains("<script>") && !out.contains("<b>"));
    assert!(out.contains("<h2>&lt;b&gt;Título&lt;/b&gt; &amp; cia</h2>"));
    assert!(out.contains("&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; &#39;q&#39;"));
    assert!(out.contains("a &lt; b &gt; c;"));
    let page = render_html(&parse(input), "Lei <nº 1> & \"2\"");
    assert!(page.contains("<title>Lei &lt;nº 1&gt; &amp; &quot;2&quot;</title>"));
    assert_eq!(html::escape("&<>\"'"), "&amp;&lt;&gt;&quot;&#39;");
}

#[test]
fn repeated_numbering_keeps_ids_and_labels_distinct() {
    let out = html("Art. 28 - Compete:\nVI - seis;\nVI - seis de novo;\nArt. 28 - De novo.");
    assert!(out.contains("id=\"art28_cpt_inc6\""));
    assert!(out.contains("id=\"art28_cpt_inc6_rep2\""));
    assert!(out.contains("aria-label=\"Link para o inciso VI do art. 28 (2ª ocorrência)\""));
    assert!(out.contains("id=\"art28_rep2\""));
    assert!(out.contains("aria-label=\"Link para o art. 28 (2ª ocorrência)\""));
}

#[test]
fn table_of_contents() {
    let t = parse("CAPÍTULO I\nDA FINALIDADE\nArt. 1º Esta lei organiza a Secretaria.\nCAPÍTULO II\nArt. 2º Outro.");
    let toc = render_toc(&t);
    validate(&format!("{toc}{}", render_fragment(&t))).unwrap();
    assert_eq!(
        toc,
        "<nav class=\"sumario\" aria-label=\"Sumário\">\n<ol>\n\
         <li><a href=\"#cap1\">CAPÍTULO I DA FINALIDADE</a>\n<ol>\n<li><a href=\"#art1\">Art. 1º Esta lei organiza a Secretaria.</a></li>\n</ol>\n</li>\n\
         <li><a href=\"#cap2\">CAPÍTULO II</a>\n<ol>\n<li><a href=\"#art2\">Art. 2º Outro.</a></li>\n</ol>\n</li>\n</ol>\n</nav>\n"
    );
    assert_eq!(render_toc(&parse("Só texto.\nI - sem artigo;")), "");
    let long = parse(&format!("Art. 1º {}", "palavra ".repeat(50)));
    let toc = render_toc(&long);
    let entry = toc.split("<a href=\"#art1\">").nth(1).unwrap().split("</a>").next().unwrap();
    assert!(entry.starts_with("Art. 1º palavra") && entry.ends_with("palavra…"), "{entry}");
    assert!(summary(&"palavra ".repeat(50), 100).chars().count() <= 101);
}

#[test]
fn complete_page() {
    let page = render_html(&parse(PERDIZES), "Secretaria de Assistência Social");
    validate(&page).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"pt-BR\">\n<head>\n<meta charset=\"utf-8\">"));
    assert!(page.contains("<title>Secretaria de Assistência Social</title>"));
    assert!(page.contains("<main>\n<h1>Secretaria de Assistência Social</h1>\n<nav class=\"sumario\""));
    assert!(page.contains(LEGAL_CSS));
    let untitled = render_html(&NormativeText::default(), "  ");
    validate(&untitled).unwrap();
    assert!(untitled.contains("<h1>Texto normativo</h1>"));
}

#[test]
fn the_validator_catches_mistakes() {
    assert!(validate("<ol><p>x</p></ol>").is_err());
    assert!(validate("<ol>x</ol>").is_err());
    assert!(validate("<p><div></div></p>").is_err());
    assert!(validate("<h2> </h2>").is_err());
    assert!(validate("<div id=\"a\"></div><div id=\"a\"></div>").is_err());
    assert!(validate("<a href=\"#x\" aria-label=\"y\">#</a>").is_err());
    assert!(validate("<div id=\"x\"><a href=\"#x\"> </a></div>").is_err());
    assert!(validate("<div><span></div></span>").is_err());
    assert!(validate("<ol><li id=\"x\"><a href=\"#x\" aria-label=\"y\">#</a></li></ol>").is_ok());
}
