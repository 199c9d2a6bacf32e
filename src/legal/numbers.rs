//! Numbers of articles, paragraphs and headings as published, and the
//! agrupadores (título, capítulo, seção, subseção).

use super::lexer::{offset, starts_alnum};

/// Agrupadores of a law, from the widest to the narrowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grouping {
    Titulo,
    Capitulo,
    Secao,
    Subsecao,
}

impl Grouping {
    pub(super) const ALL: [Grouping; 4] = [Self::Titulo, Self::Capitulo, Self::Secao, Self::Subsecao];

    /// Nesting rank: a heading closes the open headings of equal or larger rank.
    pub(crate) fn rank(self) -> u8 {
        match self {
            Self::Titulo => 1,
            Self::Capitulo => 2,
            Self::Secao => 3,
            Self::Subsecao => 4,
        }
    }

    /// LexML id prefix.
    pub(crate) fn prefix(self) -> &'static str {
        match self {
            Self::Titulo => "tit",
            Self::Capitulo => "cap",
            Self::Secao => "sec",
            Self::Subsecao => "sub",
        }
    }

    /// Portuguese name, as used in "Link para o capítulo II".
    pub(crate) fn word(self) -> &'static str {
        match self {
            Self::Titulo => "título",
            Self::Capitulo => "capítulo",
            Self::Secao => "seção",
            Self::Subsecao => "subseção",
        }
    }

    /// The folded spelling matched at the start of a line.
    pub(super) fn folded(self) -> &'static str {
        match self {
            Self::Titulo => "titulo",
            Self::Capitulo => "capitulo",
            Self::Secao => "secao",
            Self::Subsecao => "subsecao",
        }
    }
}

/// The number of an article, paragraph or heading, as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Num {
    /// `None` when "único" or too large for `u32`.
    pub(crate) value: Option<u32>,
    /// Digits without leading zeros (at most 20), or the published numeral.
    pub(crate) digits: String,
    /// Letters of "42-A" ("A"), empty if none.
    pub(crate) suffix: String,
    /// "Art. único", "Parágrafo único", "Capítulo único".
    pub(crate) unique: bool,
}

impl Num {
    pub(super) fn unique() -> Self {
        Num { value: Some(1), digits: "1".into(), suffix: String::new(), unique: true }
    }

    pub(super) fn plain(value: u32) -> Self {
        Num { value: Some(value), digits: value.to_string(), suffix: String::new(), unique: false }
    }
}

/// "27", "1º", "1.000", "42-A", "10." → the number and the bytes it takes
/// (the final "." is left for the separator).
pub(super) fn number(s: &str) -> Option<(Num, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut digits = String::new();
    loop {
        while let Some(&d) = b.get(i).filter(|d| d.is_ascii_digit()) {
            digits.push(char::from(d));
            i += 1;
        }
        // Thousands separator: "1.000" (a dot, exactly three digits).
        let group = b.get(i) == Some(&b'.')
            && b.get(i + 1..i + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit);
        if digits.is_empty() || !group {
            break;
        }
        i += 1;
    }
    if digits.is_empty() {
        return None;
    }
    let mut rest = s.get(i..)?;
    // Ordinal indicator: º ° ª, or a plain "o" not starting a word.
    if let Some(c) = rest.chars().next() {
        let after = rest.get(c.len_utf8()..).unwrap_or("");
        if matches!(c, 'º' | '°' | 'ª') || (c == 'o' && !starts_alnum(after)) {
            rest = after;
        }
    }
    // Letter suffix: "42-A".
    let mut suffix = String::new();
    if let Some(after_dash) = rest.strip_prefix('-') {
        let letters = after_dash.chars().take_while(char::is_ascii_uppercase).count();
        let tail = after_dash.get(letters..).unwrap_or("");
        if (1..=3).contains(&letters) && !starts_alnum(tail) {
            suffix = after_dash.get(..letters).unwrap_or("").to_string();
            rest = tail;
        }
    }
    let value = digits.parse::<u32>().ok();
    let trimmed = digits.trim_start_matches('0');
    let canonical = if trimmed.is_empty() { "0" } else { trimmed };
    let digits = canonical.chars().take(20).collect();
    Some((Num { value, digits, suffix, unique: false }, offset(s, rest)))
}
