//! Markdown → HTML for one text (a page body or a Markdown field of the YAML files):
//! CommonMark plus tables, footnotes, strikethrough and heading ids; site-absolute links made
//! relative to the page. Safe by default, wherever Markdown is rendered: no script, no event
//! handler, no `javascript:`/`data:` address, no nesting deep enough to crash the minifier
//! ([`events`] filters the stream, [`sanitise`] cleans raw HTML). [`check`] finds, at load
//! time, what the filter would silently drop or refuse, so that the editor gets a located
//! message. Pure: text in, HTML out.
//!
//! Memory: the events stream from the parser to the writer (never collected), so rendering a
//! text costs the parser's tree plus the HTML, about twice the text.

mod align;
mod autolink;
pub(crate) mod check;
pub(crate) mod chunks;
mod events;
pub(crate) mod facts;
pub mod glossary;
pub mod nesting;
mod plain;
pub mod sanitise;
pub(crate) mod source_link;

use pulldown_cmark::Options;
use std::cell::Cell;

pub use nesting::MAX_DEPTH;

/// How to render one body.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions<'a> {
    /// Prefix that reaches the site root from the page (`./`, `../../`).
    pub root: &'a str,
    /// Folder of the text's source file relative to `content/` (`programas`, empty at the
    /// top): links to `.md`/`.yaml` sources are resolved from it to their pages.
    pub source_dir: &'a str,
    /// `permitir_html: true` in site.yaml: raw HTML is sanitised with a wider allow-list
    /// (formatting attributes); scripts and unsafe addresses stay out (see [`sanitise`]).
    pub allow_html: bool,
    /// Shift headings so that the body never competes with the page's own `<h1>`; the
    /// body's first level becomes this one.
    pub top_heading: u8,
    /// Acronyms to mark with `<abbr>` on their first use (editors' texts of a page; not the
    /// site-wide fields, not normative text, which the legal module renders).
    pub glossary: Option<&'a glossary::Glossary>,
}

/// The Markdown extensions every text is parsed with (render and check alike).
pub(crate) fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The HTML writer's output, counting what it wrote so that the filter can tell where each
/// heading tag starts.
struct Counting<'s> {
    out: &'s mut String,
    written: &'s Cell<usize>,
}

impl std::fmt::Write for Counting<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.out.push_str(s);
        self.written.set(self.out.len());
        Ok(())
    }
}

/// Renders Markdown to HTML.
pub fn render(markdown: &str, options: MarkdownOptions<'_>) -> String {
    render_planned(markdown, options, &chunks::Plan::new(markdown), None, None)
}

/// [`render`], the events also fed to `look` (see [`check::Look`]) when given: a page body's
/// look and its HTML from one parse.
pub(crate) fn render_looking(
    markdown: &str,
    options: MarkdownOptions<'_>,
    look: Option<&mut check::Look<'_>>,
) -> String {
    render_planned(markdown, options, &chunks::Plan::new(markdown), None, look)
}

/// Renders Markdown to HTML and to the plain text a reader sees of it (for search, see
/// [`plain`]), from one parse.
pub(crate) fn render_text(markdown: &str, options: MarkdownOptions<'_>) -> (String, String) {
    render_text_looking(markdown, options, None)
}

/// [`render_text`], the events also fed to `look` when given (see [`render_looking`]).
pub(crate) fn render_text_looking(
    markdown: &str,
    options: MarkdownOptions<'_>,
    look: Option<&mut check::Look<'_>>,
) -> (String, String) {
    let mut text = plain::PlainText::with_capacity(markdown.len());
    let html = render_planned(markdown, options, &chunks::Plan::new(markdown), Some(&mut text), look);
    (html, text.finish())
}

/// The plain text of a Markdown text alone (what [`render_text`] gives beside the HTML).
pub(crate) fn plain_text(markdown: &str) -> String {
    render_text(
        markdown,
        MarkdownOptions { root: "./", source_dir: "", allow_html: false, top_heading: 2, glossary: None },
    )
    .1
}

/// Renders Markdown to HTML, parsed as `plan` says (whole, or in pieces); the events written
/// also go to `text` when given, and the parser's events, with their byte ranges in the whole
/// text, to `look`. Aligned table cells get classes, not `style` ([`align`]).
pub(crate) fn render_planned(
    markdown: &str,
    options: MarkdownOptions<'_>,
    plan: &chunks::Plan,
    text: Option<&mut plain::PlainText>,
    look: Option<&mut check::Look<'_>>,
) -> String {
    crate::timings::work(crate::timings::Work::Markdown, || {
        align::classes(render_styled(markdown, options, plan, text, look))
    })
}

/// [`render_planned`] before the alignment classes.
fn render_styled(
    markdown: &str,
    options: MarkdownOptions<'_>,
    plan: &chunks::Plan,
    mut text: Option<&mut plain::PlainText>,
    mut look: Option<&mut check::Look<'_>>,
) -> String {
    let written = Cell::new(0);
    // Room for the usual growth of Markdown into HTML, so that a large body is not copied
    // while it grows (untouched capacity costs no memory).
    let mut html = String::with_capacity(plan.html_capacity.max(markdown.len() + markdown.len() / 2 + 64));
    if !plan.is_cut() {
        let mut state = events::State::new(&options, &written, None);
        let parser = looked(plan.parser(markdown, &(0..markdown.len())), 0, look.as_deref_mut());
        write(&mut html, &written, events::Filter::new(&mut state, parser), text.as_deref_mut());
        let shift = options.top_heading.saturating_sub(state.min_level.unwrap_or(1));
        let html = if shift > 0 { shift_headings(html, &state.heading_positions, shift) } else { html };
        return if state.raw_html { sanitise::clean(&html, options.allow_html) } else { html };
    }
    // Piece by piece: the shift is known from the plan, and output with raw HTML is sanitised
    // as soon as no raw element stays open across the end of a piece.
    let shift = options.top_heading.saturating_sub(plan.min_level.unwrap_or(1));
    let mut state = events::State::new(&options, &written, Some(shift));
    let mut pending = String::new();
    for range in &plan.chunks {
        let parser = looked(plan.parser(markdown, range), range.start, look.as_deref_mut());
        let events = events::Filter::new(&mut state, parser);
        write(&mut pending, &written, events, text.as_deref_mut());
        if !state.raw_html {
            html.push_str(&pending);
            pending.clear();
        } else if state.raw_open() == 0 {
            html.push_str(&sanitise::clean(&pending, options.allow_html));
            pending.clear();
            state.raw_html = false;
        }
    }
    if state.raw_html {
        html.push_str(&sanitise::clean(&pending, options.allow_html));
    } else {
        html.push_str(&pending);
    }
    html
}

/// The events of `parser` (of a piece of the text starting at byte `base`), each also fed to
/// `look` with its range in the whole text when given. The parser's offsets are read either
/// way: its events cost the same with them.
fn looked<'a, 'l, 'm: 'l, F: pulldown_cmark::BrokenLinkCallback<'a> + 'l>(
    parser: pulldown_cmark::Parser<'a, F>,
    base: usize,
    mut look: Option<&'l mut check::Look<'m>>,
) -> impl Iterator<Item = pulldown_cmark::Event<'a>> + use<'a, 'l, 'm, F>
where
    'a: 'l,
{
    parser.into_offset_iter().map(move |(event, range)| {
        if let Some(look) = look.as_deref_mut() {
            look.event(&event, &(range.start + base..range.end + base));
        }
        event
    })
}

/// Writes the HTML of `events` at the end of `out`, and their plain text to `text`.
fn write<'a>(
    out: &mut String,
    written: &Cell<usize>,
    events: impl Iterator<Item = pulldown_cmark::Event<'a>>,
    text: Option<&mut plain::PlainText>,
) {
    written.set(out.len());
    // Writing into a String cannot fail.
    let _ = match text {
        Some(text) => {
            pulldown_cmark::html::write_html_fmt(Counting { out, written }, events.inspect(|e| text.event(e)))
        }
        None => pulldown_cmark::html::write_html_fmt(Counting { out, written }, events),
    };
}

/// Adds `shift` to the level digit of the heading tags that start at `positions` (levels stop
/// at 6), in place.
fn shift_headings(mut html: String, positions: &[usize], shift: u8) -> String {
    const DIGITS: [&str; 7] = ["0", "1", "2", "3", "4", "5", "6"];
    for &pos in positions {
        let bytes = html.as_bytes();
        let digit = bytes.get(pos..).and_then(|rest| rest.iter().take(4).position(u8::is_ascii_digit)).map(|i| pos + i);
        let Some((at, b)) = digit.and_then(|i| bytes.get(i).map(|b| (i, *b))) else { continue };
        let level = usize::from((b - b'0').saturating_add(shift).clamp(1, 6));
        // An ASCII digit for an ASCII digit, in place: the rest of the page is not checked again.
        if let Some(new) = DIGITS.get(level) {
            if html.is_char_boundary(at) && html.is_char_boundary(at + 1) {
                html.replace_range(at..at + 1, new);
            }
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        render(
            text,
            MarkdownOptions {
                root: "../../",
                source_dir: "programas",
                allow_html: false,
                top_heading: 2,
                glossary: None,
            },
        )
    }

    #[test]
    fn headings_get_unique_ids_and_are_demoted_below_the_page_title() {
        let html = md("# Proteção básica\n\ntexto\n\n# Proteção básica\n\n## Média");
        assert!(html.contains("<h2 id=\"protecao-basica\">Proteção básica</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"protecao-basica-2\">"), "{html}");
        assert!(html.contains("<h3 id=\"media\">"), "{html}");
    }

    #[test]
    fn site_absolute_links_become_relative() {
        let html = md("[a](/estrutura/x/) [b](https://gov.br/) [c](//cdn/x)");
        assert!(html.contains("href=\"../../estrutura/x/\""), "{html}");
        assert!(html.contains("href=\"https://gov.br/\""), "{html}");
        assert!(html.contains("href=\"//cdn/x\""), "{html}");
    }

    #[test]
    fn raw_html_is_sanitised_in_both_modes() {
        let html = md("oi <script>alert(1)</script> <b onclick=\"x()\">negrito</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<b>negrito</b>"), "{html}");
        let allowed = render(
            "<b onclick=\"x()\" style=\"color: red\">n</b>",
            MarkdownOptions { root: "./", source_dir: "", allow_html: true, top_heading: 2, glossary: None },
        );
        assert!(!allowed.contains("onclick") && allowed.contains("style=\"color:red\""), "{allowed}");
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let html = md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ nota[^1]\n\n[^1]: rodapé\n");
        assert!(html.contains("<table>") && html.contains("<del>x</del>") && html.contains("footnote"), "{html}");
    }

    #[test]
    fn heading_attributes_keep_only_id_and_class() {
        let html = md("# Aviso {onfocus=alert(1) tabindex=0 autofocus}\n\n## B {#meu-id .destaque style=color:red}\n\n### C {#\"x .a\"b}");
        assert!(!html.contains("onfocus") && !html.contains("tabindex") && !html.contains("autofocus"), "{html}");
        assert!(!html.contains("style"), "{html}");
        assert!(html.contains("<h2 id=\"aviso\">Aviso</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"meu-id\" class=\"destaque\">B</h3>"), "{html}");
        assert!(html.contains("<h4 id=\"x\">C</h4>"), "quotes never reach an attribute: {html}");
    }

    #[test]
    fn refused_addresses_lose_the_link_and_keep_the_text() {
        let html = md("[um](javascript:alert(1)) ![dois](javascript:alert(2)) [três][r] <javascript:alert(3)> \
             [quatro](data:text/html,x) [cinco](jav&#x09;ascript:alert(5)) [seis](VBScript:x) \
             [sete](https://gov.br/) <a@b.br>\n\n[r]: JAVASCRIPT:alert(4)\n");
        for banned in ["href=\"javascript", "href=\"vbscript", "href=\"data:", "<img"] {
            assert!(!html.to_lowercase().contains(banned), "{banned}: {html}");
        }
        assert_eq!(html.matches("<a ").count(), 2, "{html}");
        for text in ["um", "dois", "três", "quatro", "cinco", "seis"] {
            assert!(html.contains(text), "{text}: {html}");
        }
        assert!(html.contains("<a href=\"https://gov.br/\">sete</a>"), "{html}");
        assert!(html.contains("href=\"mailto:a@b.br\""), "{html}");
    }

    #[test]
    fn links_to_sources_go_to_their_pages() {
        let html = md("[a](../legislacao/competencias.md#art3) [b](cras.yaml) [c](/programas/_index.md)");
        assert!(html.contains("href=\"../../legislacao/competencias/#art3\""), "{html}");
        assert!(html.contains("href=\"../../programas/cras/\""), "{html}");
        assert!(html.contains("href=\"../../programas/\""), "{html}");
    }

    /// The first use of a known acronym in running text is marked; not the later ones, not
    /// in a heading (nor its id), a link, inline code or a code block.
    #[test]
    fn known_acronyms_are_marked_once_outside_links_code_and_headings() {
        let g = glossary::Glossary::new([("SEMAS".to_string(), "Secretaria \"Municipal\"".to_string())]);
        let options =
            MarkdownOptions { root: "./", source_dir: "", allow_html: false, top_heading: 2, glossary: Some(&g) };
        let html = render(
            "## O CRAS\n\n[CREAS](/creas/) e `CREAS`\n\n```\nCRAS\n```\n\nProcure o CRAS, o CRAS e o CREAS. A SEMAS.\n",
            options,
        );
        assert!(html.contains("<h2 id=\"o-cras\">O CRAS</h2>"), "{html}");
        assert!(html.contains(">CREAS</a> e <code>CREAS</code>"), "{html}");
        assert!(html.contains("<pre><code>CRAS\n</code></pre>"), "{html}");
        assert!(
            html.contains("Procure o <abbr title=\"Centro de Referência de Assistência Social\">CRAS</abbr>, o CRAS e o <abbr title=\"Centro de Referência Especializado de Assistência Social\">CREAS</abbr>."),
            "{html}"
        );
        assert!(html.contains("<abbr title=\"Secretaria &quot;Municipal&quot;\">SEMAS</abbr>"), "{html}");
        assert_eq!(html.matches("<abbr").count(), 3, "{html}");
        // Without a glossary (site-wide fields), nothing is marked.
        assert!(!md("o CRAS").contains("<abbr"));
    }

    #[test]
    fn images_with_allowed_addresses_stay() {
        let html = md("![Fachada do CRAS](/img/cras.jpg \"CRAS\")");
        assert!(html.contains("<img src=\"../../img/cras.jpg\" alt=\"Fachada do CRAS\" title=\"CRAS\" />"), "{html}");
    }

    #[test]
    fn nesting_is_cut_at_the_limit_however_deep() {
        for text in [
            format!("{} x\n", ">".repeat(10_000)),
            format!("{} x\n", "- ".repeat(10_000)),
            format!("{}x{}\n", "*".repeat(10_000), "*".repeat(10_000)),
            "<div>".repeat(10_000),
            format!("<div>\n\n{}\n", "> <span>".repeat(5_000)),
        ] {
            let html = md(&text);
            let mut depth = nesting::Nesting::new();
            assert!(depth.feed_html(&html).is_none(), "{}", &html[..200.min(html.len())]);
        }
    }

    #[test]
    fn repeated_headings_get_numbered_ids_in_linear_time() {
        let html = md("## A-2\n\n## A\n\n## A\n\n## A\n\n## A-3\n");
        let ids: Vec<&str> = html.split("id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        assert_eq!(ids, ["a-2", "a", "a-3", "a-4", "a-3-2"]);
        let many = md(&"## Serviços\n\n".repeat(20_000));
        assert!(many.contains("id=\"servicos-20000\""));
    }

    #[test]
    fn headings_shift_without_touching_other_digits() {
        let html = md("# Um 1\n\n## Dois <b>2</b>\n\n###### Seis\n\n<h1>bruto</h1>");
        assert!(html.contains("<h2 id=\"um-1\">Um 1</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"dois-2\">Dois <b>2</b></h3>"), "{html}");
        assert!(html.contains("<h6 id=\"seis\">Seis</h6>"), "{html}");
        assert!(html.contains("<h1>bruto</h1>"), "raw HTML headings are the editor's: {html}");
        let low = md("### Três\n\n#### Quatro");
        assert!(low.contains("<h3 id=\"tres\">") && low.contains("<h4 id=\"quatro\">"), "{low}");
    }
}
