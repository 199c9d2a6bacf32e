//! The allow-lists raw HTML in Markdown passes through (ammonia, parsing as a browser does).
//!
//! Raw HTML is always sanitised; `permitir_html: true` in `site.yaml` only widens the list.
//! What no setting lets through (docs/conteudo.md, "HTML dentro do Markdown"): scripts
//! (`<script>`, event-handler attributes `on…`), addresses other than http, https, mailto,
//! tel and relative ones (so no `javascript:`, `vbscript:`, `data:`), frames and plug-ins
//! (`<iframe>`, `<object>`, `<embed>`), forms, `<style>`, `<link>`, `<meta>`, `<base>` and
//! comments.
//!
//! - default: ammonia's list of text elements (headings, lists, tables, `<details>`…) with
//!   `id`, `class`, `lang` and `title`; `style` only on table cells and only for
//!   `text-align` (what Markdown's own table alignment writes).
//! - `permitir_html: true`: the same elements plus `section`, `address`, and on every element
//!   `role`, `dir`, `aria-*`, `data-*` and `style` limited to formatting properties (colours,
//!   alignment, sizes, margins, borders). No property that can load a resource (`background`,
//!   `background-image`, `list-style`, `content`…) is allowed.

use super::nesting::MAX_DEPTH;
use crate::safe_url::ALLOWED_SCHEMES;

/// CSS properties `style` may set when the site allows HTML.
const FORMATTING_PROPERTIES: [&str; 37] = [
    "color",
    "background-color",
    "text-align",
    "text-decoration",
    "text-indent",
    "text-transform",
    "vertical-align",
    "font-weight",
    "font-style",
    "font-size",
    "line-height",
    "white-space",
    "width",
    "min-width",
    "max-width",
    "height",
    "margin",
    "margin-top",
    "margin-right",
    "margin-bottom",
    "margin-left",
    "padding",
    "padding-top",
    "padding-right",
    "padding-bottom",
    "padding-left",
    "border",
    "border-top",
    "border-right",
    "border-bottom",
    "border-left",
    "border-color",
    "border-style",
    "border-width",
    "border-collapse",
    "list-style-type",
    "float",
];

/// Sanitises one rendered fragment that contains raw HTML (public for
/// `examples/sanitise_cost.rs`, which measures what sanitising every fragment would cost).
pub fn clean(html: &str, allow_html: bool) -> String {
    clean_bounded(html, allow_html).0
}

/// [`clean`], and whether elements nested deeper than [`MAX_DEPTH`] had to be dropped (their
/// text kept). The sanitiser parses as a browser does, which may nest what the Markdown
/// filter's own count of raw HTML saw as siblings (a mis-nested `<select>`, foreign content):
/// its output is bounded again here, so that no depth reaches the minifier, whose recursion
/// once overflowed the stack at a few thousand levels.
pub(crate) fn clean_bounded(html: &str, allow_html: bool) -> (String, bool) {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["details", "summary", "figure", "figcaption"])
        .add_generic_attributes(["id", "class", "lang", "title"])
        .url_schemes(ALLOWED_SCHEMES.into_iter().collect())
        .link_rel(None)
        .strip_comments(true);
    if allow_html {
        builder
            .add_tags(["section", "address"])
            .add_generic_attributes(["role", "dir", "style"])
            .add_generic_attribute_prefixes(["aria-", "data-"])
            .filter_style_properties(FORMATTING_PROPERTIES.into_iter().collect());
    } else {
        builder
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("th", ["style"])
            .filter_style_properties(["text-align"].into_iter().collect());
    }
    bound_depth(&builder.clean(html).to_string(), MAX_DEPTH)
}

/// Elements that never have content or a closing tag.
const VOID: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Drops the tags of elements nested deeper than `max` in HTML as the sanitiser serialises it
/// (every element closed explicitly, text escaped, no comments or raw-text elements), keeping
/// their text. Returns the HTML and whether anything was dropped. Linear.
pub(crate) fn bound_depth(html: &str, max: usize) -> (String, bool) {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    // For each open element, whether its tags were kept.
    let mut open: Vec<bool> = Vec::new();
    let (mut cut, mut at, mut copied) = (false, 0, 0);
    while let Some(offset) = bytes.get(at..).and_then(|rest| rest.iter().position(|&b| b == b'<')) {
        let start = at + offset;
        let end = tag_end(bytes, start);
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = if closing { start + 2 } else { start + 1 };
        let name: String = bytes
            .get(name_start..end)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .map(|b| char::from(*b).to_ascii_lowercase())
            .collect();
        let keep = if name.is_empty() {
            true
        } else if closing {
            open.pop().unwrap_or(true)
        } else if VOID.contains(&name.as_str()) || bytes.get(end.saturating_sub(2)) == Some(&b'/') {
            true
        } else {
            let keep = open.len() < max;
            open.push(keep);
            keep
        };
        if !keep {
            out.push_str(html.get(copied..start).unwrap_or_default());
            copied = end;
            cut = true;
        }
        at = end.max(start + 1);
    }
    if !cut {
        return (html.to_string(), false);
    }
    out.push_str(html.get(copied..).unwrap_or_default());
    (out, true)
}

/// The index just past the `>` that ends the tag starting at `start`, quotes respected.
fn tag_end(bytes: &[u8], start: usize) -> usize {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(start + 1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn scripts_handlers_and_bad_addresses_go_in_both_modes() {
        let html = "<p onclick=\"x()\">a</p><script>alert(1)</script><img src=x onerror=alert(1)>\
            <a href=\"jav&#x09;ascript:alert(1)\">j</a><a href=\" &#14; javascript:alert(1)\">k</a>\
            <a href=\"data:text/html,x\">d</a><iframe src=\"https://x\"></iframe><form><button formaction=x>b</button></form>\
            <style>*{}</style><!-- c --><div style=\"background:url(https://x/y.png)\">s</div>";
        for allow in [false, true] {
            let out = clean(html, allow);
            for banned in [
                "onclick",
                "onerror",
                "<script",
                "javascript",
                "data:",
                "<iframe",
                "<form",
                "formaction",
                "<style",
                "<!--",
                "url(",
            ] {
                assert!(!out.to_lowercase().contains(banned), "{allow}: {banned} in {out}");
            }
            assert!(out.contains("<p>a</p>") && out.contains(">j</a>"), "{out}");
        }
    }

    #[test]
    fn the_opt_in_allows_formatting_but_not_resources() {
        let html = "<section role=\"note\" aria-label=\"x\" data-x=\"1\"><span style=\"color: red; background-image: url(x)\">t</span></section>";
        let strict = clean(html, false);
        assert!(!strict.contains("style") && !strict.contains("<section") && !strict.contains("aria-"), "{strict}");
        let open = clean(html, true);
        assert!(open.contains("<section role=\"note\" aria-label=\"x\" data-x=\"1\">"), "{open}");
        assert!(open.contains("style=\"color:red\""), "{open}");
        assert!(!open.contains("background"), "{open}");
    }

    #[test]
    fn depth_is_bounded_after_the_sanitiser_parsed_it() {
        let deep =
            format!("<p>a</p>{}x{}<br><img src=\"a>b.png\" alt=\"c\">", "<div>".repeat(5000), "</div>".repeat(5000));
        let (out, cut) = super::clean_bounded(&deep, false);
        assert!(cut);
        let opened = out.matches("<div>").count();
        assert_eq!(opened, super::MAX_DEPTH, "{}", &out[..200]);
        assert_eq!(out.matches("</div>").count(), opened);
        assert!(
            out.contains('x') && out.ends_with("<br><img src=\"a&gt;b.png\" alt=\"c\">"),
            "{}",
            &out[out.len() - 200..]
        );
        let (same, cut) = super::clean_bounded("<p>a <b>b</b></p><ul><li>x</li></ul>", false);
        assert!(!cut && same == "<p>a <b>b</b></p><ul><li>x</li></ul>", "{same}");
    }

    #[test]
    fn table_alignment_survives_the_default_list() {
        let out = clean("<table><tr><td style=\"text-align: center; position: fixed\">a</td></tr></table>", false);
        assert!(out.contains("<td style=\"text-align:center\">"), "{out}");
    }
}
