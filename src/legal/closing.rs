//! The parts of an act around its articles: the preamble's enacting formula
//! ("… DECRETA:"), the closing (place and date, "Publique-se.", signatures) and the
//! editor's marker lines (`<!-- norma: … -->`, `<!-- redação anterior -->`, `<!-- fecho -->`).
//!
//! Each function reads one line once (bounded look-ups at each comma or word), so the
//! cost is linear in the line's length.

use super::lexer::fold;

/// The months' names, accents folded (as `fold` leaves text): "marco" for março.
pub(crate) const MONTHS: [&str; 12] = [
    "janeiro",
    "fevereiro",
    "marco",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
];

fn folded(s: &str) -> String {
    s.chars().map(fold).collect()
}

/// "Perdizes/MG, 10 de junho de 2025.", "Brasília, 7 de dezembro de 1993; 172º da
/// Independência…", "Gabinete do Prefeito, em 1º de março de 2024.": a place (starting
/// with a capital, before a comma) then a full date. "Lei nº 1, de 10 de junho de 2020"
/// is not one ("de" between the comma and the day).
pub(crate) fn is_place_date(t: &str) -> bool {
    if !t.chars().next().is_some_and(char::is_uppercase) || t.chars().count() > 240 {
        return false;
    }
    let f = folded(t);
    f.match_indices(',').any(|(i, _)| f.get(i + 1..).is_some_and(date_follows))
}

/// " [em] 10 de junho de 2025…" at the start of `s`.
fn date_follows(s: &str) -> bool {
    let s = s.trim_start();
    let s = s.strip_prefix("em ").unwrap_or(s).trim_start();
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return false;
    }
    let rest = s.get(digits..).unwrap_or("");
    let rest =
        rest.strip_prefix('º').or_else(|| rest.strip_prefix('°')).or_else(|| rest.strip_prefix('o')).unwrap_or(rest);
    let Some(rest) = rest.strip_prefix(" de ") else { return false };
    let Some(month) = MONTHS.iter().find(|m| rest.starts_with(*m)) else { return false };
    let Some(rest) = rest.get(month.len()..).and_then(|r| r.strip_prefix(" de ")) else { return false };
    rest.chars().take_while(char::is_ascii_digit).count() == 4
}

/// "Publique-se.", "Registre-se, publique-se e cumpra-se.", "Dê-se ciência.".
pub(crate) fn is_enacting_order(t: &str) -> bool {
    let f: String = t.chars().take(16).map(fold).collect();
    ["publique-se", "registre-se", "cumpra-se", "de-se ciencia", "afixe-se", "publica-se"]
        .iter()
        .any(|w| f.starts_with(w))
}

/// First words of a role in a signature.
const ROLES: [&str; 27] = [
    "prefeito",
    "prefeita",
    "vice-prefeito",
    "vice-prefeita",
    "secretario",
    "secretaria",
    "presidente",
    "vice-presidente",
    "governador",
    "governadora",
    "ministro",
    "ministra",
    "vereador",
    "vereadora",
    "chefe",
    "diretor",
    "diretora",
    "procurador",
    "procuradora",
    "coordenador",
    "coordenadora",
    "gestor",
    "gestora",
    "controlador",
    "controladora",
    "superintendente",
    "assessor",
];

/// "Prefeito Municipal", "SECRETÁRIA DE ASSISTÊNCIA SOCIAL".
pub(crate) fn is_role(t: &str) -> bool {
    let first: String = t.split_whitespace().next().unwrap_or("").chars().take(20).map(fold).collect();
    ROLES.contains(&first.as_str())
}

/// "JOÃO DA SILVAPrefeito Municipal" → ("JOÃO DA SILVA", "Prefeito Municipal");
/// "JOÃO DA SILVA Prefeito Municipal" and "JOÃO DA SILVA" alone too. The name is a run of
/// capitals (two letters at least, no digits); a role must start with a known word, so a
/// second signer's name is never taken for a role. Returns byte lengths: (name end, role start).
pub(crate) fn signature(t: &str) -> Option<(usize, usize)> {
    if is_role(t) {
        return None;
    }
    let mut letters = 0usize;
    let mut name_end = t.len();
    let mut prev: Option<(usize, char)> = None;
    for (i, c) in t.char_indices() {
        if c.is_lowercase() {
            // The capital before this letter starts the role ("SILVAPrefeito").
            let (start, _) = prev.filter(|(_, p)| p.is_uppercase())?;
            name_end = start;
            letters = letters.saturating_sub(1);
            break;
        }
        if c.is_ascii_digit() || !(c.is_alphabetic() || c.is_whitespace() || matches!(c, '.' | '-' | '\'' | '’')) {
            return None;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
        prev = Some((i, c));
    }
    let name = t.get(..name_end)?.trim_end();
    let role = t.get(name_end..)?.trim_start();
    let words = name.split_whitespace().count();
    let ok = letters >= 2 && (words >= 2 || !role.is_empty()) && (role.is_empty() || is_role(role));
    ok.then(|| (name.len(), t.len() - role.len()))
}

/// Does a paragraph before the first article end with an enacting formula
/// ("RESOLVE:", "DECRETA:", "… sanciono a seguinte Lei:")?
pub(crate) fn is_enacting_formula(text: &str) -> bool {
    let Some(body) = text.trim_end().strip_suffix(':') else { return false };
    let tail: String = {
        let chars: Vec<char> = body.chars().rev().take(48).collect();
        chars.into_iter().rev().map(fold).collect()
    };
    let last = tail.split_whitespace().next_back().unwrap_or("");
    if ["resolve", "resolvem", "decreta", "decretam", "decreto", "promulga", "promulgam", "promulgo", "determina"]
        .contains(&last)
    {
        return true;
    }
    let Some(at) = tail.rfind("seguinte ") else { return false };
    let what = tail.get(at + "seguinte ".len()..).unwrap_or("").trim();
    ["lei", "lei complementar", "resolucao", "decreto", "decreto legislativo", "portaria", "emenda a lei organica"]
        .contains(&what)
}

/// An editor's marker line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Marker<'a> {
    /// `<!-- norma: Lei nº 8.742, de 1993 -->`: a further norm starts (title may be empty).
    Norm(&'a str),
    /// `<!-- redação anterior -->`: the next provision is an outdated wording.
    Superseded,
    /// `<!-- fecho -->`: the act's closing starts here.
    Closing,
    /// Any other comment: an editor's note, not published.
    Note,
}

/// A whole-line HTML comment, `<!-- … -->`, and what it marks.
pub(crate) fn marker(t: &str) -> Option<Marker<'_>> {
    let inner = t.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    if inner.contains("--") {
        return Some(Marker::Note);
    }
    let f: String = inner.chars().take(20).map(fold).collect();
    if f.starts_with("norma") && !f.starts_with("normas") {
        let rest = inner.get("norma".len()..).unwrap_or("").trim_start();
        let title = rest.strip_prefix(':').unwrap_or(rest).trim();
        return Some(Marker::Norm(title));
    }
    if f.starts_with("redacao anterior") {
        return Some(Marker::Superseded);
    }
    if f == "fecho" {
        return Some(Marker::Closing);
    }
    Some(Marker::Note)
}

/// Id of a further norm from its title: "Lei nº 8.742, de 7 de dezembro de 1993" →
/// "lei-8742"; "Lei 1.777/2016" → "lei-1777-2016"; "Lei Orgânica do Município" →
/// "lei-organica-do-municipio". Words up to the first number, accents and "nº" dropped.
pub(crate) fn norm_slug(title: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let words: Vec<&str> = title.split_whitespace().take(12).collect();
    for (i, word) in words.iter().enumerate() {
        let clean: String = word
            .chars()
            .map(fold)
            .filter_map(|c| match c {
                'a'..='z' | '0'..='9' => Some(c),
                '/' | '-' => Some('-'),
                _ => None,
            })
            .collect();
        let clean = clean.trim_matches('-').to_string();
        let next_is_number = words.get(i + 1).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        if clean.is_empty() || (matches!(clean.as_str(), "n" | "no" | "nr") && next_is_number) {
            continue;
        }
        let numeric = clean.starts_with(|c: char| c.is_ascii_digit());
        parts.push(clean);
        if numeric || parts.join("-").len() > 40 {
            break;
        }
    }
    let slug = parts.join("-");
    if slug.starts_with(|c: char| c.is_ascii_lowercase()) {
        slug
    } else if slug.is_empty() {
        String::new()
    } else {
        format!("norma-{slug}")
    }
}

#[cfg(test)]
#[allow(clippy::string_slice)]
mod tests {
    use super::*;

    #[test]
    fn places_and_dates() {
        assert!(is_place_date("Perdizes/MG, 10 de junho de 2025."));
        assert!(is_place_date("Brasília, 7 de dezembro de 1993; 172º da Independência e 105º da República."));
        assert!(is_place_date("Gabinete do Prefeito Municipal de Perdizes, em 1º de março de 2024."));
        assert!(is_place_date("PREFEITURA MUNICIPAL DE PERDIZES, 10 DE JUNHO DE 2025."));
        assert!(!is_place_date("Fica revogada a Lei nº 1, de 10 de junho de 2020."));
        assert!(!is_place_date("em 10 de junho de 2025, às 9h."));
        assert!(!is_place_date("Perdizes, 10 de junho."));
    }

    #[test]
    fn signatures_and_roles() {
        let split = |t: &str| signature(t).map(|(a, b)| (t[..a].to_string(), t[b..].to_string()));
        assert_eq!(
            split("JOÃO DA SILVAPrefeito Municipal"),
            Some(("JOÃO DA SILVA".into(), "Prefeito Municipal".into()))
        );
        assert_eq!(
            split("MARIA DE SOUZA Secretária Municipal"),
            Some(("MARIA DE SOUZA".into(), "Secretária Municipal".into()))
        );
        assert_eq!(split("ITAMAR FRANCO"), Some(("ITAMAR FRANCO".into(), String::new())));
        assert_eq!(split("JOÃO DA SILVAJutahy Júnior"), None);
        assert_eq!(split("PREFEITO MUNICIPAL"), None);
        assert_eq!(split("LEI Nº 12"), None);
        assert_eq!(split("Publique-se."), None);
        assert!(is_role("Prefeito Municipal"));
        assert!(is_role("SECRETÁRIA DE ASSISTÊNCIA SOCIAL"));
        assert!(is_enacting_order("Publique-se. Cumpra-se."));
        assert!(is_enacting_order("Registre-se, publique-se e cumpra-se."));
    }

    #[test]
    fn enacting_formulas() {
        assert!(is_enacting_formula("O PREFEITO MUNICIPAL DE PERDIZES, no uso de suas atribuições legais, DECRETA:"));
        assert!(is_enacting_formula("RESOLVE:"));
        assert!(is_enacting_formula("Faço saber que a Câmara Municipal aprovou e eu sanciono a seguinte Lei:"));
        assert!(!is_enacting_formula("À Secretaria compete as seguintes atribuições:"));
        assert!(!is_enacting_formula("DECRETA"));
    }

    #[test]
    fn markers_and_slugs() {
        assert_eq!(marker("<!-- norma: Lei nº 8.742, de 1993 -->"), Some(Marker::Norm("Lei nº 8.742, de 1993")));
        assert_eq!(marker("<!--norma-->"), Some(Marker::Norm("")));
        assert_eq!(marker("<!-- Redação anterior -->"), Some(Marker::Superseded));
        assert_eq!(marker("<!-- fecho -->"), Some(Marker::Closing));
        assert_eq!(marker("<!-- conferir com o PDF -->"), Some(Marker::Note));
        assert_eq!(marker("<!-- aberto"), None);
        assert_eq!(norm_slug("Lei nº 8.742, de 7 de dezembro de 1993"), "lei-8742");
        assert_eq!(norm_slug("Lei 1.777/2016"), "lei-1777-2016");
        assert_eq!(norm_slug("Lei Orgânica do Município"), "lei-organica-do-municipio");
        assert_eq!(norm_slug("2016"), "norma-2016");
        assert_eq!(norm_slug("“”"), "");
    }
}
