//! Line tokens: what a physical line starts with (see the grammar in `mod.rs`).
//!
//! Every function here looks at a bounded prefix of the line, or scans it
//! once, so classifying a line is linear in its length.

use super::closing::{marker, Marker};
use super::numbers::{number, Grouping, Num};
use super::roman::{letter_value, roman_prefix};

/// What a line is, with slices of the (trimmed) line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Line<'a> {
    Blank,
    /// `## Competência do Órgão`
    MdHeading {
        marks: &'a str,
        title: &'a str,
    },
    /// `CAPÍTULO II - DA ESTRUTURA` (title may be empty: then it is on a next line).
    Heading {
        group: Grouping,
        label: &'a str,
        numeral: &'a str,
        num: Num,
        title: &'a str,
    },
    Article {
        label: &'a str,
        num: Num,
        rest: &'a str,
    },
    Paragraph {
        label: &'a str,
        num: Num,
        rest: &'a str,
    },
    Inciso {
        label: &'a str,
        value: u32,
        rest: &'a str,
    },
    Alinea {
        label: &'a str,
        letter: char,
        value: u32,
        rest: &'a str,
    },
    Item {
        label: &'a str,
        value: u32,
        rest: &'a str,
    },
    /// `- texto`, `• texto`: an unnumbered item.
    Bullet {
        label: &'a str,
        rest: &'a str,
    },
    Text(&'a str),
    /// A whole-line HTML comment: an editor's marker or note, never published.
    Comment(Marker<'a>),
}

pub(crate) fn classify(line: &str) -> Line<'_> {
    let t = line.trim();
    if t.is_empty() {
        return Line::Blank;
    }
    if let Some(m) = marker(t) {
        return Line::Comment(m);
    }
    // "- I - texto;", "* § 1º …": a Markdown bullet before a numbered label is formatting.
    if let Some(inner) = bulleted_marker(t) {
        return inner;
    }
    provision(t)
}

/// The Markdown bullet of `t` ("- ", "* ", "+ ", "• ") when what follows it is a
/// numbered provision; `None` otherwise.
pub(crate) fn strip_bullet(t: &str) -> Option<&str> {
    let c = t.chars().next().filter(|&c| matches!(c, '-' | '*' | '+' | '•'))?;
    let after = t.get(c.len_utf8()..)?;
    if !starts_ws(after) {
        return None;
    }
    let rest = after.trim_start();
    // A lone "C", "D", "L", "M" is an inciso only in context ("- L. Souza" is a bullet).
    let numbered = match provision(rest) {
        Line::Inciso { value, .. } => !matches!(value, 50 | 100 | 500 | 1000),
        Line::Article { .. } | Line::Paragraph { .. } | Line::Alinea { .. } | Line::Item { .. } => true,
        _ => false,
    };
    numbered.then_some(rest)
}

fn bulleted_marker(t: &str) -> Option<Line<'_>> {
    strip_bullet(t).map(provision)
}

/// A non-blank trimmed line that is not a comment.
fn provision(t: &str) -> Line<'_> {
    md_heading(t)
        .or_else(|| heading(t))
        .or_else(|| article(t))
        .or_else(|| paragraph(t))
        .or_else(|| inciso(t))
        .or_else(|| alinea(t))
        .or_else(|| item(t))
        .or_else(|| bullet(t))
        .unwrap_or(Line::Text(t))
}

/// Case- and accent-insensitive comparison key for Portuguese letters.
pub(crate) fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ã' | 'Á' | 'À' | 'Â' | 'Ã' => 'a',
        'é' | 'ê' | 'É' | 'Ê' => 'e',
        'í' | 'Í' => 'i',
        'ó' | 'ô' | 'õ' | 'Ó' | 'Ô' | 'Õ' => 'o',
        'ú' | 'ü' | 'Ú' | 'Ü' => 'u',
        'ç' | 'Ç' => 'c',
        _ => c.to_ascii_lowercase(),
    }
}

/// If `s` starts with `word` (folded, ASCII lower case), the rest of `s`.
fn strip_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let mut chars = s.char_indices();
    for w in word.chars() {
        let (_, c) = chars.next()?;
        if fold(c) != w {
            return None;
        }
    }
    let at = chars.next().map_or(s.len(), |(i, _)| i);
    s.get(at..)
}

fn starts_ws(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_whitespace)
}

pub(super) fn starts_alnum(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric)
}

pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// Byte offset of the suffix `rest` inside `whole` (`rest` is a tail of `whole`).
pub(super) fn offset(whole: &str, rest: &str) -> usize {
    whole.len().saturating_sub(rest.len())
}

/// `(label, rest)`: `t` cut at byte `end`, both trimmed.
fn cut(t: &str, end: usize) -> (&str, &str) {
    let label = t.get(..end).unwrap_or(t).trim_end();
    let rest = t.get(end..).unwrap_or("").trim_start();
    (label, rest)
}

/// Separator after a list numeral (inciso, alínea, item): "." or ")" followed
/// by whitespace or the end; or optional spaces, a dash, then whitespace or the
/// end (`loose_dash` also accepts "V-exercer"). Returns its byte length.
pub(crate) fn list_sep(s: &str, loose_dash: bool) -> Option<usize> {
    let first = s.chars().next()?;
    if first == '.' || first == ')' {
        let after = s.get(1..)?;
        return (after.is_empty() || starts_ws(after)).then_some(1);
    }
    let spaces = offset(s, s.trim_start());
    let tail = s.get(spaces..)?;
    let dash = tail.chars().next().filter(|&c| is_dash(c))?;
    let end = spaces + dash.len_utf8();
    let after = s.get(end..)?;
    let ok = after.is_empty() || starts_ws(after) || (loose_dash && after.chars().next().is_some_and(|c| !is_dash(c)));
    ok.then_some(end)
}

/// Separator after "Art. 27" / "§ 2º" / "Parágrafo único": optional spaces
/// then one of - – — . : (its byte length), or 0 when there is none.
fn label_sep(s: &str) -> usize {
    let spaces = offset(s, s.trim_start());
    match s.get(spaces..).and_then(|t| t.chars().next()) {
        Some(c) if is_dash(c) || c == '.' || c == ':' => spaces + c.len_utf8(),
        _ => 0,
    }
}

fn md_heading(t: &str) -> Option<Line<'_>> {
    let hashes = t.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let after = t.get(hashes..)?;
    let title = after.trim();
    (starts_ws(after) && !title.is_empty()).then_some(Line::MdHeading { marks: t.get(..hashes)?, title })
}

fn heading(t: &str) -> Option<Line<'_>> {
    let (group, after) = Grouping::ALL.iter().find_map(|&g| strip_word(t, g.folded()).map(|rest| (g, rest)))?;
    if !starts_ws(after) {
        return None;
    }
    let n = after.trim_start();
    let (num, len) = if let Some((value, len)) = roman_prefix(n) {
        (Num::plain(value), len)
    } else if let Some(rest) = strip_word(n, "unico").or_else(|| strip_word(n, "unica")) {
        (Num::unique(), offset(n, rest))
    } else {
        let len = n.chars().take_while(char::is_ascii_digit).count();
        let value = n.get(..len).filter(|d| (1..=4).contains(&d.len()))?.parse().ok()?;
        (Num::plain(value), len)
    };
    let after_num = n.get(len..)?;
    if starts_alnum(after_num) {
        return None;
    }
    let numeral = n.get(..len)?;
    let end = offset(t, after_num) + label_sep(after_num);
    let (label, title) = cut(t, end);
    Some(Line::Heading { group, label, numeral, num, title })
}

/// After the number of an article or paragraph: end, whitespace or separator.
fn numbered_label<'a>(t: &'a str, after_kw: &'a str, unique_ok: bool) -> Option<(Num, &'a str, &'a str)> {
    let n = after_kw.trim_start();
    let (num, len) = match number(n) {
        Some(found) => found,
        None if unique_ok => {
            let rest = strip_word(n, "unico")?;
            (Num::unique(), offset(n, rest))
        }
        None => return None,
    };
    let after_num = n.get(len..)?;
    let ok = after_num.is_empty()
        || starts_ws(after_num)
        || after_num.chars().next().is_some_and(|c| is_dash(c) || c == '.' || c == ':');
    if !ok {
        return None;
    }
    let end = offset(t, after_num) + label_sep(after_num);
    let (label, rest) = cut(t, end);
    Some((num, label, rest))
}

fn article(t: &str) -> Option<Line<'_>> {
    // "art. 19 da Lei …" in lower case is a citation, never an article.
    if !t.starts_with('A') {
        return None;
    }
    let after_kw = match strip_word(t, "artigo") {
        Some(r) if starts_ws(r) => r,
        _ => {
            let r = strip_word(t, "art")?;
            match r.strip_prefix('.') {
                Some(r) => r,
                None if starts_ws(r) => r,
                None => return None,
            }
        }
    };
    let (num, label, rest) = numbered_label(t, after_kw, true)?;
    Some(Line::Article { label, num, rest })
}

fn paragraph(t: &str) -> Option<Line<'_>> {
    if let Some(after) = t.strip_prefix('§') {
        let (num, label, rest) = numbered_label(t, after, false)?;
        return Some(Line::Paragraph { label, num, rest });
    }
    let after = strip_word(t, "paragrafo")?;
    if !starts_ws(after) {
        return None;
    }
    let after_unico = strip_word(after.trim_start(), "unico")?;
    if starts_alnum(after_unico) {
        return None;
    }
    let end = offset(t, after_unico) + label_sep(after_unico);
    let (label, rest) = cut(t, end);
    Some(Line::Paragraph { label, num: Num::unique(), rest })
}

fn inciso(t: &str) -> Option<Line<'_>> {
    let (value, len) = roman_prefix(t)?;
    let sep = list_sep(t.get(len..)?, true)?;
    let (label, rest) = cut(t, len + sep);
    Some(Line::Inciso { label, value, rest })
}

fn alinea(t: &str) -> Option<Line<'_>> {
    let letter = t.chars().next()?;
    let value = letter_value(letter)?;
    let sep = list_sep(t.get(1..)?, false)?;
    let (label, rest) = cut(t, 1 + sep);
    Some(Line::Alinea { label, letter, value, rest })
}

fn item(t: &str) -> Option<Line<'_>> {
    let len = t.chars().take_while(char::is_ascii_digit).count();
    let value = t.get(..len).filter(|d| (1..=3).contains(&d.len()))?.parse().ok()?;
    let sep = list_sep(t.get(len..)?, false)?;
    let (label, rest) = cut(t, len + sep);
    Some(Line::Item { label, value, rest })
}

fn bullet(t: &str) -> Option<Line<'_>> {
    let c = t.chars().next().filter(|&c| matches!(c, '-' | '–' | '•' | '*' | '+'))?;
    let after = t.get(c.len_utf8()..)?;
    let next = after.trim_start().chars().next()?;
    if matches!(c, '*' | '+') && !starts_ws(after) {
        return None;
    }
    (next.is_alphabetic() || (starts_ws(after) && !is_dash(next))).then(|| {
        let (label, rest) = cut(t, c.len_utf8());
        Line::Bullet { label, rest }
    })
}

/// A line with letters and no lower-case letter ("DA ESTRUTURA").
pub(crate) fn is_upper(t: &str) -> bool {
    t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase)
}

#[cfg(test)]
#[path = "lexer_tests.rs"]
mod tests;
