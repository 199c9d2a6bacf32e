//! The old site's furniture, left out of the draft and listed in the summary: the
//! accessibility bar ("Alt + [atalho]", "Tamanho da Fonte/Contraste"), share buttons, an empty
//! comments block, a stray "×" from a closed pop-up, and a title printed several times.

use super::doc::{fold, Doc};
use super::Draft;

/// What a furniture line is, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Furniture {
    Accessibility,
    Comments,
    Share,
    Symbol,
}

impl Furniture {
    fn describe(self) -> &'static str {
        match self {
            Furniture::Accessibility => {
                "a barra de acessibilidade do site antigo (atalhos, tamanho da fonte, contraste)"
            }
            Furniture::Comments => "o bloco de comentários do site antigo",
            Furniture::Share => "o botão “Compartilhar”",
            Furniture::Symbol => "um símbolo solto (“×”, “|”, “»”) que sobrou do site antigo",
        }
    }
}

/// Whole lines (folded, without final punctuation) and line starts of the furniture.
fn furniture(line: &str) -> Option<Furniture> {
    let t = fold(line);
    let t = t.trim().trim_end_matches(['.', ':', '!', '…']).trim();
    if matches!(line.trim(), "×" | "|" | "»" | "«" | "x" | "X" | "+" | "▲" | "↑") {
        return Some(Furniture::Symbol);
    }
    const ACCESSIBILITY_LINES: [&str; 7] =
        ["acessibilidade", "alto contraste", "contraste", "a+ a- a", "a+ a a-", "mapa do site", "tamanho da fonte"];
    const ACCESSIBILITY_STARTS: [&str; 7] = [
        "para navegacao via teclado",
        "atalhos de navegacao",
        "tamanho da fonte",
        "por favor, aguarde",
        "ir para o conteudo",
        "pular para o conteudo",
        "aumentar fonte",
    ];
    if ACCESSIBILITY_LINES.contains(&t) || ACCESSIBILITY_STARTS.iter().any(|s| t.starts_with(s)) {
        return Some(Furniture::Accessibility);
    }
    if t.contains("alt +") && t.contains("atalho") {
        return Some(Furniture::Accessibility);
    }
    const COMMENT_LINES: [&str; 5] =
        ["comentarios", "comentario", "deixar um comentario", "deixe um comentario", "comente"];
    const COMMENT_STARTS: [&str; 4] = [
        "nenhum comentario",
        "seja o primeiro a comentar",
        "atencao: seu e-mail nao sera publicado",
        "seu e-mail nao sera publicado",
    ];
    if COMMENT_LINES.contains(&t) || COMMENT_STARTS.iter().any(|s| t.starts_with(s)) {
        return Some(Furniture::Comments);
    }
    if matches!(t, "compartilhar" | "compartilhe" | "compartilhe isso" | "imprimir" | "voltar" | "voltar ao topo") {
        return Some(Furniture::Share);
    }
    None
}

/// The same words, whatever the spaces between them (the old sites mix NBSP in).
fn same(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

pub(crate) fn clean(doc: &mut Doc, draft: &mut Draft) {
    let mut found: Vec<Furniture> = Vec::new();
    for i in 0..doc.len() {
        if let Some(kind) = furniture(doc.get(i)) {
            doc.take(i);
            if !found.contains(&kind) {
                found.push(kind);
            }
        }
    }
    found.sort();
    for kind in found {
        draft.left_out.push(format!("{} — deixado de fora", kind.describe()));
    }
    // A line repeated right after itself (blank lines between): the old page printed its title
    // in the header, the breadcrumb and the body.
    let mut previous: Option<usize> = None;
    let mut repeats: Vec<(String, usize)> = Vec::new();
    for i in 0..doc.len() {
        if doc.is_used(i) || doc.get(i).is_empty() {
            continue;
        }
        if let Some(p) = previous {
            if same(doc.get(p), doc.get(i)) {
                doc.take(i);
                match repeats.last_mut() {
                    Some((line, n)) if line == doc.get(p) => *n += 1,
                    _ => repeats.push((doc.get(p).to_owned(), 2)),
                }
                continue;
            }
        }
        previous = Some(i);
    }
    for (line, n) in repeats {
        draft.left_out.push(format!("“{line}” aparece {n} vezes seguidas; ficou uma"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_left_out_and_listed() {
        let mut doc = Doc::new(
            "Título\n\nTítulo\n\nTexto.\n\nCompartilhar\n\nComentários\n\n    Nenhum comentário registrado. Seja o primeiro!\n\nACESSIBILIDADE\n\nPara navegação via teclado, utilize a combinação de teclas: Alt + [ de atalho]\n\nTamanho da Fonte/Contraste\n×",
        );
        let mut draft = Draft::default();
        clean(&mut doc, &mut draft);
        let kept: Vec<&str> = doc.free().into_iter().map(|i| doc.get(i)).collect();
        assert_eq!(kept, ["Título", "Texto."]);
        assert_eq!(draft.left_out.len(), 5, "{:?}", draft.left_out);
    }

    #[test]
    fn a_title_repeated_with_nbsp_inside_is_the_same_title() {
        let mut doc = Doc::new("VIII CONFERENCIA DE X\n\nVIII CONFERENCIA DE\u{a0} X\n\nTexto.");
        let mut draft = Draft::default();
        clean(&mut doc, &mut draft);
        assert_eq!(doc.free().len(), 2);
    }

    #[test]
    fn ordinary_words_stay() {
        assert_eq!(furniture("Acessibilidade nos CRAS do município"), None);
        assert_eq!(furniture("Comentários sobre a lei"), None);
    }
}
