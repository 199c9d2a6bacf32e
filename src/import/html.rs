//! A saved HTML page of the old site → the text of its content, one paragraph per line, as a
//! reader would copy it from the browser. Parsed by html5ever (through scraper), never by
//! patterns over the markup: the content is `<main>`, else the first `<article>`, else
//! `<body>`; navigation, header, footer, asides, scripts, styles, forms and the widgets
//! named like comments, menus, banners, share buttons or an accessibility bar are dropped.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose whole subtree is never content.
const DROPPED: [&str; 19] = [
    "nav", "header", "footer", "aside", "script", "style", "noscript", "form", "iframe", "template", "svg", "button",
    "select", "textarea", "input", "object", "embed", "canvas", "dialog",
];

/// Roles of the same landmarks and widgets.
const DROPPED_ROLES: [&str; 6] = ["navigation", "banner", "contentinfo", "complementary", "search", "dialog"];

/// Words in an `id` or `class` that name the old site's furniture.
const FURNITURE: [&str; 14] = [
    "comment",
    "coment",
    "menu",
    "banner",
    "breadcrumb",
    "share",
    "compartilh",
    "acessib",
    "cookie",
    "sidebar",
    "rodape",
    "cabecalho",
    "navbar",
    "skip",
];

/// Elements that end a paragraph (a line of the text).
const BLOCKS: [&str; 28] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "hr",
    "figure",
    "figcaption",
    "address",
    "body",
    "td",
    "th",
];

fn dropped(element: &scraper::node::Element) -> bool {
    let name = element.name();
    if DROPPED.contains(&name) {
        return true;
    }
    if element.attr("role").is_some_and(|r| DROPPED_ROLES.contains(&r.trim().to_lowercase().as_str())) {
        return true;
    }
    if element.attr("hidden").is_some() || element.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    let names = format!("{} {}", element.attr("id").unwrap_or(""), element.attr("class").unwrap_or("")).to_lowercase();
    FURNITURE.iter().any(|w| names.contains(w))
}

/// The text being written: lines, with at most one blank line between paragraphs.
#[derive(Default)]
struct Text {
    out: String,
    line: String,
}

impl Text {
    fn word_gap(&mut self) {
        if !self.line.is_empty() && !self.line.ends_with(' ') {
            self.line.push(' ');
        }
    }

    fn push(&mut self, text: &str) {
        let starts_with_space = text.starts_with(|c: char| c.is_whitespace());
        let ends_with_space = text.ends_with(|c: char| c.is_whitespace());
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.is_empty() {
            if starts_with_space {
                self.word_gap();
            }
            return;
        }
        if starts_with_space {
            self.word_gap();
        }
        self.line.push_str(&words.join(" "));
        if ends_with_space {
            self.line.push(' ');
        }
    }

    /// Ends the current paragraph.
    fn paragraph(&mut self) {
        let line = self.line.trim();
        if !line.is_empty() {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            self.out.push_str(line);
        }
        self.line.clear();
    }

    /// `<br>`: a new line in the same paragraph.
    fn line_break(&mut self) {
        let line = self.line.trim().to_owned();
        if !line.is_empty() {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            self.out.push_str(&line);
        }
        self.line.clear();
    }
}

/// The content of the page as text.
pub(crate) fn to_text(html: &str) -> String {
    let page = Html::parse_document(html);
    let pick = |css: &str| Selector::parse(css).ok().and_then(|s| page.select(&s).next());
    let root: ElementRef<'_> =
        pick("main").or_else(|| pick("article")).or_else(|| pick("body")).unwrap_or(page.root_element());
    let mut text = Text::default();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        if dropped(element) && node.id() != root.id() {
                            skipping = Some(node.id());
                            continue;
                        }
                        let name = element.name();
                        if name == "br" {
                            text.line_break();
                        } else if BLOCKS.contains(&name) {
                            text.paragraph();
                            if name == "li" {
                                text.line.push_str("- ");
                            }
                        } else if name == "img" {
                            // An image's description is part of what the reader saw.
                            if let Some(alt) = element.attr("alt").filter(|a| !a.trim().is_empty()) {
                                text.push(&format!(" {} ", alt.trim()));
                            }
                        }
                    }
                    Node::Text(t) => text.push(&t.text),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if let Node::Element(element) = node.value() {
                    if BLOCKS.contains(&element.name()) {
                        text.paragraph();
                    } else if matches!(element.name(), "td" | "th") {
                        text.word_gap();
                    }
                }
            }
        }
    }
    text.paragraph();
    text.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menus_banners_and_comments_are_dropped() {
        let html = r#"<!doctype html><html><head><title>T</title><style>p{}</style></head><body>
            <header><nav><a href="/">Início</a></nav></header>
            <div class="banner-topo">Prefeitura</div>
            <main><h1>Assistência Social</h1><p>Telefone: (34)&nbsp;3663-1492</p>
            <p>Linha um<br>Linha dois</p><ul><li>Item</li></ul>
            <div id="comments"><h3>Comentários</h3></div><script>alert(1)</script></main>
            <footer>Rodapé</footer></body></html>"#;
        assert_eq!(to_text(html), "Assistência Social\n\nTelefone: (34) 3663-1492\n\nLinha um\n\nLinha dois\n\n- Item");
    }

    #[test]
    fn without_main_the_body_is_read() {
        assert_eq!(to_text("<p>Um <b>dois</b></p><aside>x</aside>"), "Um dois");
    }
}
