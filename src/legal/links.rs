//! Links inside normative text: `[texto](https://…)`, `<https://…>` and bare `https://…`
//! become `<a href>`, everything else is escaped as published. The provision's text is
//! never changed (JSON keeps the Markdown as written); only the HTML shows a link.
//!
//! Only `http`, `https` and `mailto` addresses that the `url` crate parses are linked, so
//! nothing like `javascript:` can get through. Each candidate is read within a bounded
//! window (a label of at most 300 bytes, an address of at most 2,000), so rendering stays
//! linear in the length of the text.

use url::Url;

use crate::escape::escape_into;

const MAX_LABEL: usize = 300;
const MAX_URL: usize = 2000;

/// Appends `text` as HTML with its links.
pub(crate) fn write_text(out: &mut String, text: &str) {
    let mut plain_start = 0;
    let mut i = 0;
    while let Some(rest) = text.get(i..) {
        let Some(c) = rest.chars().next() else { break };
        let found = match c {
            '[' => markdown_link(rest),
            '<' => autolink(rest),
            'h' | 'H' if starts_bare(text, i) => bare(rest),
            _ => None,
        };
        if let Some((len, label, href)) = found {
            escape_into(out, text.get(plain_start..i).unwrap_or(""));
            out.push_str("<a href=\"");
            escape_into(out, href.as_str());
            out.push_str("\">");
            escape_into(out, label);
            out.push_str("</a>");
            i += len;
            plain_start = i;
        } else {
            i += c.len_utf8();
        }
    }
    escape_into(out, text.get(plain_start..).unwrap_or(""));
}

/// The text a reader sees: Markdown link syntax reduced to its label (for summaries).
pub(crate) fn visible_text(text: &str) -> String {
    let mut out = String::new();
    let mut plain_start = 0;
    let mut i = 0;
    while let Some(rest) = text.get(i..) {
        let Some(c) = rest.chars().next() else { break };
        let found = match c {
            '[' => markdown_link(rest),
            '<' => autolink(rest),
            _ => None,
        };
        if let Some((len, label, _)) = found {
            out.push_str(text.get(plain_start..i).unwrap_or(""));
            out.push_str(label);
            i += len;
            plain_start = i;
        } else {
            i += c.len_utf8();
        }
    }
    out.push_str(text.get(plain_start..).unwrap_or(""));
    out
}

fn safe(candidate: &str) -> Option<Url> {
    let url = Url::parse(candidate).ok()?;
    let ok = match url.scheme() {
        "http" | "https" => url.host_str().is_some_and(|h| h.contains('.')),
        "mailto" => candidate.contains('@'),
        _ => false,
    };
    ok.then_some(url)
}

/// `[label](url)` → (bytes taken, label, url).
fn markdown_link(s: &str) -> Option<(usize, &str, Url)> {
    let window = s.get(1..).unwrap_or("");
    let close = window.char_indices().take_while(|(i, _)| *i <= MAX_LABEL).find(|(_, c)| *c == ']')?.0;
    let label = window.get(..close)?;
    if label.trim().is_empty() || label.contains('[') {
        return None;
    }
    let after = window.get(close + 1..)?.strip_prefix('(')?;
    let end = after.char_indices().take_while(|(i, _)| *i <= MAX_URL).find(|(_, c)| *c == ')' || c.is_whitespace())?;
    if end.1 != ')' {
        return None;
    }
    let href = after.get(..end.0)?;
    let url = safe(href)?;
    // "[" + label + "](" + href + ")"
    Some((1 + close + 2 + end.0 + 1, label, url))
}

/// `<https://…>` → (bytes taken, the address, url).
fn autolink(s: &str) -> Option<(usize, &str, Url)> {
    let window = s.get(1..).unwrap_or("");
    let end = window.char_indices().take_while(|(i, _)| *i <= MAX_URL).find(|(_, c)| *c == '>' || c.is_whitespace())?;
    if end.1 != '>' {
        return None;
    }
    let inner = window.get(..end.0)?;
    let url = safe(inner)?;
    Some((end.0 + 2, inner, url))
}

/// A bare address starts a word: "http://" or "https://" after whitespace, "(" or the start.
fn starts_bare(text: &str, i: usize) -> bool {
    let before = text.get(..i).and_then(|b| b.chars().next_back());
    let after = text.get(i..).unwrap_or("");
    let scheme = after.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("https://"))
        || after.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("http://"));
    scheme && before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '“' | '"' | ':'))
}

/// A bare address up to whitespace, without trailing punctuation (".", ",", ";", ":",
/// "!", "?", quotes, and a ")" that does not close a "(" inside it).
fn bare(s: &str) -> Option<(usize, &str, Url)> {
    let end = s.char_indices().take_while(|(i, _)| *i <= MAX_URL).find(|(_, c)| c.is_whitespace()).map_or_else(
        || s.len().min(s.char_indices().take_while(|(i, _)| *i <= MAX_URL).last().map_or(0, |(i, c)| i + c.len_utf8())),
        |(i, _)| i,
    );
    let mut candidate = s.get(..end)?;
    loop {
        let trimmed = candidate.trim_end_matches(['.', ',', ';', ':', '!', '?', '"', '”', '\'', '’']);
        let unbalanced = trimmed.ends_with(')') && trimmed.matches('(').count() < trimmed.matches(')').count();
        let trimmed = if unbalanced { trimmed.get(..trimmed.len() - 1)? } else { trimmed };
        if trimmed.len() == candidate.len() {
            break;
        }
        candidate = trimmed;
    }
    let url = safe(candidate)?;
    Some((candidate.len(), candidate, url))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        let mut out = String::new();
        write_text(&mut out, text);
        out
    }

    #[test]
    fn links_of_every_kind() {
        assert_eq!(
            html("Veja o [Regimento (PDF)](https://exemplo.gov.br/regimento.pdf)."),
            "Veja o <a href=\"https://exemplo.gov.br/regimento.pdf\">Regimento (PDF)</a>."
        );
        assert_eq!(
            html("Em <https://exemplo.gov.br/a?b=1&c=2>."),
            "Em <a href=\"https://exemplo.gov.br/a?b=1&amp;c=2\">https://exemplo.gov.br/a?b=1&amp;c=2</a>."
        );
        assert_eq!(
            html("Disponível em https://exemplo.gov.br/lei.pdf; e (https://exemplo.gov.br/x)."),
            "Disponível em <a href=\"https://exemplo.gov.br/lei.pdf\">https://exemplo.gov.br/lei.pdf</a>; e (<a href=\"https://exemplo.gov.br/x\">https://exemplo.gov.br/x</a>)."
        );
        assert_eq!(
            visible_text("o [Regimento](https://exemplo.gov.br/r.pdf) e <https://a.gov.br>"),
            "o Regimento e https://a.gov.br"
        );
    }

    #[test]
    fn nothing_unsafe_or_malformed() {
        assert_eq!(html("[x](javascript:alert(1))"), "[x](javascript:alert(1))");
        assert_eq!(html("<script>"), "&lt;script&gt;");
        assert_eq!(html("[a] (b) a < b > c"), "[a] (b) a &lt; b &gt; c");
        assert_eq!(html("xhttps://a.gov.br"), "xhttps://a.gov.br");
        assert_eq!(html("https://"), "https://");
        let many = "[".repeat(10_000);
        assert_eq!(html(&many), many);
    }
}
