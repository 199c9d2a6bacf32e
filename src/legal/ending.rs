//! How a line ends, and what the text of a provision says about its force.
//!
//! Text hard-wrapped at 60–80 columns (copied from a PDF) breaks sentences anywhere, so a
//! wrapped line may begin with something that looks like a provision ("art. 19.", "§ 2º
//! deste artigo", "24. (Regulamento)"). Whether the previous line *ended* decides: a
//! provision ends with ";", "." or ":" (before any trailing annotation such as
//! "(Redação dada pela Lei nº 12.435, de 2011)" or closing quote), and "art." or "nº." at
//! the end of a line is an abbreviation, not an ending. Every function here looks at one
//! line, from its end, so it is linear in the line's length.

use super::lexer::fold;
use super::Status;

/// How the text fed to the open provision by the previous line ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    /// The provision has no text yet ("Art. 124." alone on its line).
    Empty,
    /// Mid-sentence: the next line may continue it.
    Open,
    /// With ";", ".", ":", "!" or "?" (the char).
    Closed(char),
}

/// Trailing annotations and closing quotes removed: "texto; (Redação dada …)" → "texto;".
/// An annotation is a balanced parenthesis group at the end of the line.
pub(crate) fn strip_annotations(line: &str) -> &str {
    let mut t = line.trim_end();
    while let Some(body) = t.strip_suffix(')') {
        let mut depth = 1usize;
        let mut open = None;
        for (i, c) in body.char_indices().rev() {
            match c {
                ')' => depth += 1,
                '(' => {
                    depth -= 1;
                    if depth == 0 {
                        open = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        match open.and_then(|i| t.get(..i)) {
            Some(before) => t = before.trim_end(),
            None => break,
        }
    }
    t
}

/// Abbreviations that end with a dot but not a sentence ("nos termos do art.").
const ABBREVIATIONS: [&str; 14] =
    ["art", "arts", "inc", "incs", "n", "nº", "no", "al", "p", "pag", "fl", "fls", "cf", "par"];

pub(crate) fn line_end(line: &str) -> End {
    let whole = line.trim();
    if whole.is_empty() {
        return End::Empty;
    }
    let t = strip_annotations(whole);
    if t.is_empty() {
        // The whole line is an annotation: "(VETADO)", "(Revogado)".
        return End::Closed('.');
    }
    let t = t.trim_end_matches(['”', '"', '’', '»', '\'']).trim_end();
    // "…vida diária; e" / "…; ou": the last-but-one item of a list.
    for joiner in [" e", " ou"] {
        if let Some(before) = t.strip_suffix(joiner) {
            if before.trim_end().ends_with(';') {
                return End::Closed(';');
            }
        }
    }
    match t.chars().next_back() {
        Some('.') => {
            let word: String = t.trim_end_matches('.').chars().rev().take_while(|c| c.is_alphanumeric()).collect();
            let word: String = word.chars().rev().map(fold).collect();
            // Not single capitals: "do inciso I." ends a sentence.
            if ABBREVIATIONS.contains(&word.as_str()) {
                End::Open
            } else {
                End::Closed('.')
            }
        }
        Some(c @ (';' | ':' | '!' | '?')) => End::Closed(c),
        _ => End::Open,
    }
}

/// "(Revogado)", "(VETADO).", "Revogado pela Lei nº 9.720, de 1998.", or a text followed by
/// "(Revogado pela Lei nº …)": the status the published text declares. Only the last line
/// of `text` is read for a trailing annotation.
pub(crate) fn declared_status(text: &str) -> Option<Status> {
    let t = text.trim();
    if let Some(s) = whole_status(t) {
        return Some(s);
    }
    let last = t.rsplit('\n').next().unwrap_or(t).trim_end_matches(['.', ';', ' ']);
    let stripped = strip_annotations(last);
    if stripped.len() < last.len() {
        let annotation = last.get(stripped.len()..).unwrap_or("").trim_start().trim_start_matches('(');
        return status_word(annotation);
    }
    None
}

/// The whole text is a status: "(Revogado)", "VETADO;", "(Revogada pela Lei …).",
/// "Revogado pela Lei …". "Revogada a Lei nº 1.234." (an article that revokes) is not.
fn whole_status(t: &str) -> Option<Status> {
    // Annotations after the status go: "(revogado); (Redação dada pela Lei …)".
    let mut body = t.trim();
    loop {
        let trimmed = body.trim_end_matches(['.', ';', ' ', ',']);
        let stripped = strip_annotations(trimmed);
        body = trimmed;
        if stripped.is_empty() || stripped.len() == trimmed.len() {
            break;
        }
        body = stripped;
    }
    if let Some(inner) = body.strip_prefix('(') {
        return if strip_annotations(body).is_empty() { status_word(inner) } else { None };
    }
    let folded: String = body.chars().take(24).map(fold).collect();
    for word in ["revogado", "revogada", "vetado", "vetada"] {
        if let Some(rest) = folded.strip_prefix(word) {
            if rest.is_empty() || rest.starts_with(" pel") {
                return status_word(&folded);
            }
        }
    }
    None
}

/// "Revogado pela Lei…", "VETADO)" → the status of that word.
fn status_word(s: &str) -> Option<Status> {
    let folded: String = s.trim_start().chars().take(8).map(fold).collect();
    if folded.starts_with("revogad") {
        Some(Status::Revoked)
    } else if folded.starts_with("vetad") {
        Some(Status::Vetoed)
    } else {
        None
    }
}

/// A heading's name on a later line ("DA ORGANIZAÇÃO E DA GESTÃO", "Das Disposições
/// Gerais"): starts with a capital, has no final punctuation, and is short.
pub(crate) fn is_title_like(t: &str) -> bool {
    let starts_capital = t.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
    let last = t.chars().next_back();
    starts_capital && t.chars().count() <= 160 && !matches!(last, Some('.' | ';' | ':' | ',' | '!' | '?'))
}

/// A title that stops on a word that cannot end it ("… dos Projetos de" ⏎ "Assistência
/// Social"): the next line goes on with it.
pub(crate) fn title_open(title: &str) -> bool {
    let last: String = title.split_whitespace().next_back().unwrap_or("").chars().map(fold).collect();
    title.ends_with([',', '-', '–'])
        || [
            "de", "da", "do", "das", "dos", "e", "ou", "a", "o", "as", "os", "para", "com", "em", "no", "na", "nos",
            "nas", "ao", "aos", "à", "às",
        ]
        .contains(&last.as_str())
}

/// Does `next` continue the free text line `prev` (both trimmed, no blank line between)?
/// PDF extraction wraps sentences: a line that did not end and was long, or ended with a
/// comma or hyphen, or a next line starting in lower case, goes on. A short line without
/// punctuation followed by a capital ("Competência do Órgão") is a title of its own.
pub(crate) fn text_continues(prev: &str, next: &str) -> bool {
    if line_end(prev) != End::Open {
        return false;
    }
    let starts_lower = next.chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || c == '(');
    let dangling = prev.ends_with([',', '-', '–']);
    starts_lower || dangling || prev.chars().count() >= 40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings() {
        assert_eq!(line_end("I - básica;"), End::Closed(';'));
        assert_eq!(line_end("compete:"), End::Closed(':'));
        assert_eq!(line_end("de 1993."), End::Closed('.'));
        assert_eq!(line_end("nos termos do art."), End::Open);
        assert_eq!(line_end("Lei nº."), End::Open);
        assert_eq!(line_end("de que trata o inciso I."), End::Closed('.'));
        assert_eq!(line_end("observado o disposto no art. 20-B."), End::Closed('.'));
        assert_eq!(line_end("da assistência social"), End::Open);
        assert_eq!(line_end("a família;  (Redação dada pela Lei nº 12.435, de 2011)"), End::Closed(';'));
        assert_eq!(line_end("por ano.” (NR)"), End::Closed('.'));
        assert_eq!(line_end("(VETADO)"), End::Closed('.'));
        assert_eq!(line_end("atividades da vida diária; e (Incluído pela Lei nº 14.176, de 2021)"), End::Closed(';'));
        assert_eq!(line_end("benefícios; ou"), End::Closed(';'));
        assert_eq!(line_end("a família e"), End::Open);
        assert_eq!(line_end("do Município, e"), End::Open);
        assert_eq!(line_end(""), End::Empty);
        assert_eq!(line_end("texto (sem fim"), End::Open);
        assert_eq!(line_end("))((("), End::Open);
    }

    #[test]
    fn statuses() {
        assert_eq!(declared_status("(Revogado)."), Some(Status::Revoked));
        assert_eq!(declared_status("(revogado);"), Some(Status::Revoked));
        assert_eq!(declared_status("(revogado); (Redação dada pela Lei nº 12.435, de 2011)"), Some(Status::Revoked));
        assert_eq!(declared_status("(VETADO)"), Some(Status::Vetoed));
        assert_eq!(declared_status("VETADO."), Some(Status::Vetoed));
        assert_eq!(declared_status("(Revogado pela Lei nº 12.435, de 2011)"), Some(Status::Revoked));
        assert_eq!(declared_status("Revogado pela Lei nº 9.720, de 1998."), Some(Status::Revoked));
        assert_eq!(
            declared_status("a habilitação do idoso;  (Revogado pela Lei nº 9.720, de 1998)"),
            Some(Status::Revoked)
        );
        assert_eq!(declared_status("Revogada a Lei nº 1.234, de 2001."), None);
        assert_eq!(declared_status("Revogam-se as disposições em contrário."), None);
        assert_eq!(declared_status("texto;  (Redação dada pela Lei nº 12.435, de 2011)"), None);
        assert_eq!(declared_status("(Vide Lei nº 9.720)"), None);
    }

    #[test]
    fn titles_and_wrapped_text() {
        assert!(is_title_like("DA ORGANIZAÇÃO E DA GESTÃO"));
        assert!(is_title_like("Da Organização e da Gestão"));
        assert!(!is_title_like("O texto segue em prosa."));
        assert!(!is_title_like("depois de tudo"));
        assert!(title_open("Dos Benefícios, dos Serviços, dos Programas e dos Projetos de"));
        assert!(title_open("DAS DISPOSIÇÕES GERAIS E"));
        assert!(!title_open("Das Disposições Gerais"));
        assert!(text_continues(
            "O PREFEITO MUNICIPAL DE PERDIZES, Estado de Minas Gerais, no uso",
            "de suas atribuições"
        ));
        assert!(text_continues("no uso de suas atribuições legais,", "DECRETA:"));
        assert!(!text_continues("Competência do Órgão", "À Secretaria Municipal compete:"));
        assert!(!text_continues("Dispõe sobre a organização.", "O PREFEITO"));
    }
}
