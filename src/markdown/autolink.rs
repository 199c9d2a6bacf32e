//! Bare addresses in text become links: `https://…`, `www.…` and e-mail addresses written
//! without Markdown's `<…>` (what staff paste from old sites and e-mails). The `linkify` crate
//! finds where an address ends (trailing punctuation, parentheses, a hyphen after an e-mail)
//! so that "escreva para nome@dominio.com.br." links the address without the dot. The text
//! shown stays exactly as written; only `http(s)` and e-mail addresses are linked.

use linkify::{LinkFinder, LinkKind};

/// A piece of a run of text: as it is, or an address to link.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Piece<'t> {
    Text(&'t str),
    Link { href: String, text: &'t str },
}

/// `text` cut into plain pieces and addresses.
pub(super) fn pieces(text: &str) -> Vec<Piece<'_>> {
    // Most runs of text have no address: found without the link finder (see [`may_link`]).
    if !may_link(text) {
        return vec![Piece::Text(text)];
    }
    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(false);
    let mut out = Vec::new();
    let mut at = 0;
    for link in finder.links(text) {
        let found = link.as_str();
        let href = match link.kind() {
            LinkKind::Email => format!("mailto:{found}"),
            LinkKind::Url => {
                let lower = found.to_ascii_lowercase();
                if lower.starts_with("https://") || lower.starts_with("http://") {
                    found.to_string()
                } else if lower.starts_with("www.") {
                    // As GitHub's Markdown does: a `www.` address without a scheme is http.
                    format!("http://{found}")
                } else {
                    // `ftp://`, `file:`, or a bare domain such as "sec.gov" in a sentence:
                    // left as text.
                    continue;
                }
            }
            _ => continue,
        };
        if !crate::safe_url::is_allowed(&href) {
            continue;
        }
        if link.start() > at {
            out.push(Piece::Text(&text[at..link.start()]));
        }
        out.push(Piece::Link { href, text: found });
        at = link.end();
    }
    if at < text.len() || out.is_empty() {
        out.push(Piece::Text(&text[at..]));
    }
    out
}

/// Whether `text` may hold an address this module links: an e-mail has an `@`, an `http(s)`
/// address a `:`, and a bare one starts with `www.` (any case). Without any of them, every
/// link the finder could see is left as text, and `text` is one plain piece.
pub(super) fn may_link(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2(b'@', b':', bytes).is_some()
        || memchr::memchr_iter(b'.', bytes)
            .any(|dot| dot >= 3 && bytes.get(dot - 3..dot).is_some_and(|w| w.eq_ignore_ascii_case(b"www")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_the_marks_of_an_address_is_one_piece_as_the_finder_says() {
        let parts = [
            "a", ".", "www", "WwW.", "x.gov.br", "nome", "@", ":", "https", "//", " ", "ção", "sec.gov", "w", "ww.",
            "-",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    let text = format!("{a}{b}{c}");
                    if !may_link(&text) {
                        let mut finder = LinkFinder::new();
                        finder.url_must_have_scheme(false);
                        let linked = finder.links(&text).any(|l| {
                            l.kind() == &LinkKind::Email || l.as_str().to_ascii_lowercase().starts_with("www.")
                        });
                        assert!(!linked, "{text:?}");
                    }
                }
            }
        }
        assert!(may_link("veja www.cras.gov.br") && may_link("nome@x.br") && may_link("https://x"));
        assert_eq!(pieces("texto sem endereço, sec.gov."), vec![Piece::Text("texto sem endereço, sec.gov.")]);
    }

    fn links(text: &str) -> Vec<(String, String)> {
        pieces(text)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Link { href, text } => Some((href, text.to_string())),
                Piece::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn addresses_end_before_trailing_punctuation() {
        assert_eq!(
            links(
                "Escreva para nome@dominio.com.br- ou veja https://x.gov.br/a_(b). Também www.cras.gov.br, obrigado."
            ),
            vec![
                ("mailto:nome@dominio.com.br".into(), "nome@dominio.com.br".into()),
                ("https://x.gov.br/a_(b)".into(), "https://x.gov.br/a_(b)".into()),
                ("http://www.cras.gov.br".into(), "www.cras.gov.br".into()),
            ]
        );
    }

    #[test]
    fn citations_numbers_and_bare_domains_stay_text() {
        assert!(links("Art. 19 da Lei n.º 8.742, de 1993; R$ 1.000,00; sec.gov; item.1; ftp://x.gov.br/a").is_empty());
    }

    #[test]
    fn the_text_is_kept_whole() {
        let text = "Contato: cras@x.sp.gov.br (segunda a sexta).";
        let rebuilt: String = pieces(text)
            .into_iter()
            .map(|p| match p {
                Piece::Text(t) | Piece::Link { text: t, .. } => t.to_string(),
            })
            .collect();
        assert_eq!(rebuilt, text);
    }
}
