//! Table-cell alignment as classes instead of `style` attributes, so that pages satisfy a
//! Content-Security-Policy of `style-src 'self'` (docs/hospedagem.md), which refuses every
//! `style` attribute. pulldown-cmark writes `<td style="text-align: center">` for an aligned
//! Markdown column, and the sanitiser keeps `style="text-align:center"` (its own spelling) on
//! raw HTML cells; both become `class="alinhar-centro"` (site.css aligns it). A raw HTML cell
//! with other attributes as well keeps its `style`, as does any `style` that
//! `permitir_html: true` lets through (the hosting guide says what that costs under the policy).

/// The cell openings rewritten, and what replaces each.
const CELLS: [(&str, &str); 12] = [
    ("<td style=\"text-align: left\">", "<td class=\"alinhar-esquerda\">"),
    ("<td style=\"text-align: center\">", "<td class=\"alinhar-centro\">"),
    ("<td style=\"text-align: right\">", "<td class=\"alinhar-direita\">"),
    ("<th style=\"text-align: left\">", "<th class=\"alinhar-esquerda\">"),
    ("<th style=\"text-align: center\">", "<th class=\"alinhar-centro\">"),
    ("<th style=\"text-align: right\">", "<th class=\"alinhar-direita\">"),
    ("<td style=\"text-align:left\">", "<td class=\"alinhar-esquerda\">"),
    ("<td style=\"text-align:center\">", "<td class=\"alinhar-centro\">"),
    ("<td style=\"text-align:right\">", "<td class=\"alinhar-direita\">"),
    ("<th style=\"text-align:left\">", "<th class=\"alinhar-esquerda\">"),
    ("<th style=\"text-align:center\">", "<th class=\"alinhar-centro\">"),
    ("<th style=\"text-align:right\">", "<th class=\"alinhar-direita\">"),
];

/// `html` with aligned cells written with classes; untouched (not copied) when it has none.
pub(super) fn classes(html: String) -> String {
    if !html.contains(" style=\"text-align") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find("<t") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        match CELLS.iter().find(|(cell, _)| from.starts_with(cell)) {
            Some((cell, class)) => {
                out.push_str(class);
                rest = from.get(cell.len()..).unwrap_or_default();
            }
            None => {
                out.push_str("<t");
                rest = from.get(2..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::super::{render, MarkdownOptions};

    fn md(text: &str, allow_html: bool) -> String {
        render(text, MarkdownOptions { root: "./", source_dir: "", allow_html, top_heading: 2, glossary: None })
    }

    #[test]
    fn markdown_alignment_becomes_classes() {
        let html = md("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n", false);
        assert!(!html.contains("style"), "{html}");
        assert_eq!(html.matches("class=\"alinhar-esquerda\"").count(), 2, "{html}");
        assert_eq!(html.matches("class=\"alinhar-centro\"").count(), 2, "{html}");
        assert_eq!(html.matches("class=\"alinhar-direita\"").count(), 2, "{html}");
        assert!(html.contains("<td>4</td>"), "{html}");
    }

    #[test]
    fn raw_html_cells_too_but_text_is_left_alone() {
        let html = md(
            "<table><tr><td style=\"text-align: right\">1</td><td class=\"x\" style=\"text-align: left\">2</td></tr></table>\n\n\
             Escrevi `<td style=\"text-align: left\">` aqui.\n",
            true,
        );
        assert!(html.contains("<td class=\"alinhar-direita\">1</td>"), "{html}");
        // Two attributes: left as the sanitiser wrote it.
        assert!(html.contains("style=\"text-align:left\""), "{html}");
        assert!(html.contains("&lt;td style=\"text-align: left\"&gt;"), "{html}");
    }
}
