//! The glossary of acronyms: the theme's (`themes/default/linguagem/siglas.yaml`, the field's
//! usual ones: CRAS, CREAS, SUAS, BPC…) and the site's (`siglas:` in `site.yaml`). The
//! Markdown filter marks the first use of each in a text with `<abbr title="…">`
//! (WCAG 3.1.4, e-MAG 3.12); the plain-language checks leave the known ones alone.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The theme's list: `SIGLA: meaning` per line, `#` comments.
const THEME: &str = include_str!("../../themes/default/linguagem/siglas.yaml");

/// The lines of a `key: value` list as the theme ships them.
pub(crate) fn entries(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.trim(), v.trim()))
        .filter(|(k, v)| !k.is_empty() && !v.is_empty())
}

/// Acronym → what it stands for.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    map: HashMap<String, String>,
    /// The first two bytes of every acronym, as bits: most capitalised words of a text
    /// ("Para", "Os") are ruled out without hashing them.
    starts: Vec<u64>,
}

/// The bit of `word`'s first two bytes (the second is 0 for a one-byte word).
fn start_bit(word: &str) -> usize {
    let b = word.as_bytes();
    (usize::from(b.first().copied().unwrap_or(0)) << 8) | usize::from(b.get(1).copied().unwrap_or(0))
}

impl Glossary {
    /// The theme's acronyms, then `extra` (later entries win: the site's own say what an
    /// acronym means on this site).
    pub fn new(extra: impl IntoIterator<Item = (String, String)>) -> Glossary {
        let mut map: HashMap<String, String> = entries(THEME).map(|(k, v)| (k.to_string(), v.to_string())).collect();
        map.extend(extra);
        let mut starts = vec![0u64; (1 << 16) / 64];
        for key in map.keys() {
            let bit = start_bit(key);
            if let Some(word) = starts.get_mut(bit / 64) {
                *word |= 1 << (bit % 64);
            }
        }
        Glossary { map, starts }
    }

    /// Whether some acronym's first two bytes are those of [`start_bit`] `bit` (false: a word
    /// that starts so is none of them).
    fn may_start(&self, bit: usize) -> bool {
        self.starts.get(bit / 64).is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    pub fn get(&self, acronym: &str) -> Option<&str> {
        self.map.get(acronym).map(String::as_str)
    }
}

/// Whether `c` is part of a word: a letter or a digit (`char::is_alphanumeric`). ASCII and
/// Latin-1 first: the Unicode tables are slow, and the letters of Portuguese (accents and
/// `ç` included) are all below U+0100. A test checks every one of them against the tables.
fn is_word(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        // Latin-1 letters, but for `×` (U+00D7) and `÷` (U+00F7).
        'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ' => true,
        // The other alphanumeric characters of Latin-1: ª µ º (letters), ² ³ ¹ ¼ ½ ¾ (numbers).
        'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼' | '½' | '¾' => true,
        _ if c < '\u{100}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// `char::is_uppercase`, with ASCII and Latin-1 first (checked against the tables in a test).
fn is_capital(c: char) -> bool {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => true,
        _ if c < '\u{100}' => false,
        _ => c.is_uppercase(),
    }
}

/// A piece of a text run: plain text, or a known acronym used for the first time.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Piece<'t> {
    Text(&'t str),
    Abbr { acronym: &'t str, title: String },
}

/// The first byte of `bytes` from `i` on that is a capital ASCII letter or beyond ASCII (so
/// may start a capitalised word), or `bytes.len()`, passing over the lowercase letters of
/// Latin-1 (`à`–`ÿ`, bytes `C3 A0`–`C3 BF`: Portuguese's accented letters are mostly these).
/// Eight bytes at a time: in each, the high bit of a byte below 0x80 is set by adding 0x3F
/// when it is at least `A`, and by adding 0x25 when it is at least `[` (no byte carries into
/// the next, none being above 0x7F).
fn next_candidate(bytes: &[u8], mut i: usize) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = LOW << 7;
    loop {
        while let Some(chunk) = bytes.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
            let x = u64::from_le_bytes(chunk);
            let seven = x & !HIGH;
            let capital = (seven + LOW * 0x3F) & !(seven + LOW * 0x25);
            let hits = (x | capital) & HIGH;
            if hits != 0 {
                i += (hits.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        while bytes.get(i).is_some_and(|&b| b < 0x80 && !b.is_ascii_uppercase()) {
            i += 1;
        }
        match (bytes.get(i), bytes.get(i + 1)) {
            (Some(0xC3), Some(0xA0..=0xBF)) => i += 2,
            _ => return i.min(bytes.len()),
        }
    }
}

/// `text` cut at the first use of each known acronym not in `marked` (which records them),
/// or `None` when it has no acronym to mark: most runs of text have none, and then nothing
/// is allocated. Words are runs of letters and digits, so `NOB/SUAS` and `e-SIC` find theirs.
pub(crate) fn marks<'t>(text: &'t str, glossary: &Glossary, marked: &mut HashSet<String>) -> Option<Vec<Piece<'t>>> {
    let mut out = Vec::new();
    let mut last = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        // Only words that start with a capital can be acronyms: lowercase ASCII letters,
        // digits, spaces and punctuation are skipped eight at a time.
        i = next_candidate(bytes, i);
        if i >= bytes.len() {
            break;
        }
        // `i` is a char boundary (an ASCII byte or the lead byte of a character).
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else { break };
        // What is not a capital letter is skipped as one character, as lowercase ASCII is:
        // a lowercase letter (`ç`, `ã`) cannot start an acronym, and a capital later in the
        // same word is then found inside a word, as when the word was skipped whole.
        if !is_word(c) || !is_capital(c) {
            i += c.len_utf8();
            continue;
        }
        // Most capitalised words ("Secretaria", "Social") start as no acronym does: told
        // from their first two bytes (as `start_bit` takes them from the word) before their
        // end is looked for. The rest of the word is passed over by the fast scan: a capital
        // in it is inside a word, and skipped as such below, as when the word was skipped whole.
        let second = match c.len_utf8() {
            1 => bytes
                .get(i + 1)
                .copied()
                .filter(|_| text.get(i + 1..).and_then(|t| t.chars().next()).is_some_and(is_word))
                .unwrap_or(0),
            _ => bytes.get(i + 1).copied().unwrap_or(0),
        };
        let first = bytes.get(i).copied().unwrap_or(0);
        if !glossary.may_start((usize::from(first) << 8) | usize::from(second)) {
            i += c.len_utf8();
            continue;
        }
        let rest = text.get(i..).unwrap_or_default();
        let end = i + rest.char_indices().find(|&(_, c)| !is_word(c)).map_or(rest.len(), |(o, _)| o);
        let inside = text.get(..i).and_then(|t| t.chars().next_back()).is_some_and(is_word);
        let word = text.get(i..end).unwrap_or_default();
        // `c` is a capital, and the word's first two bytes start some acronym (both seen above).
        if !inside && !marked.contains(word) {
            if let Some(title) = glossary.get(word) {
                marked.insert(word.to_string());
                if i > last {
                    out.push(Piece::Text(text.get(last..i).unwrap_or_default()));
                }
                out.push(Piece::Abbr { acronym: word, title: title.to_string() });
                last = end;
            }
        }
        i = end;
    }
    if out.is_empty() {
        // Nothing marked (a piece is put only with an acronym).
        return None;
    }
    if last < text.len() {
        out.push(Piece::Text(text.get(last..).unwrap_or_default()));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_list_reads_and_the_site_extends_it() {
        let g = Glossary::new([("CadÚnico".to_string(), "Cadastro Único".to_string()), ("XYZ".into(), "Xis".into())]);
        assert_eq!(g.get("CRAS"), Some("Centro de Referência de Assistência Social"));
        assert_eq!(g.get("CadÚnico"), Some("Cadastro Único"));
        assert_eq!(g.get("XYZ"), Some("Xis"));
        assert!(entries(THEME).count() >= 30);
    }

    /// [`marks`], with a text without acronyms as one piece (as the reference gives it).
    fn pieces<'t>(text: &'t str, glossary: &Glossary, marked: &mut HashSet<String>) -> Vec<Piece<'t>> {
        marks(text, glossary, marked)
            .unwrap_or_else(|| if text.is_empty() { Vec::new() } else { vec![Piece::Text(text)] })
    }

    /// The first version of [`marks`] (one Unicode test per character), kept to compare.
    fn reference<'t>(text: &'t str, glossary: &Glossary, marked: &mut HashSet<String>) -> Vec<Piece<'t>> {
        let mut out = Vec::new();
        let (mut last, mut start) = (0, None);
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
                continue;
            }
            let Some(s) = start.take() else { continue };
            let word = &text[s..i];
            if !word.chars().next().is_some_and(char::is_uppercase) || marked.contains(word) {
                continue;
            }
            if let Some(title) = glossary.get(word) {
                marked.insert(word.to_string());
                if s > last {
                    out.push(Piece::Text(&text[last..s]));
                }
                out.push(Piece::Abbr { acronym: word, title: title.to_string() });
                last = i;
            }
        }
        if last < text.len() {
            out.push(Piece::Text(&text[last..]));
        }
        out
    }

    #[test]
    fn the_latin1_fast_path_agrees_with_the_unicode_tables() {
        for c in (0..0x300).filter_map(char::from_u32) {
            assert_eq!(is_word(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_capital(c), c.is_uppercase(), "{c:?}");
        }
    }

    #[test]
    fn the_eight_byte_scan_stops_where_a_byte_by_byte_scan_stops() {
        let naive = |bytes: &[u8], mut j: usize| loop {
            match (bytes.get(j), bytes.get(j + 1)) {
                (None, _) => return bytes.len(),
                (Some(0xC3), Some(0xA0..=0xBF)) => j += 2,
                (Some(&b), _) if b >= 0x80 || b.is_ascii_uppercase() => return j,
                _ => j += 1,
            }
        };
        // Every byte value at every place of a buffer longer than two chunks, over lowercase
        // filler and over the bytes just outside `A..=Z` (`@`, `[`), from every start; and
        // after a `C3` lead byte, which with a lowercase letter's second byte is passed over.
        for (filler, lead) in [b'a', b'@', b'[', b'z', b' ', 0xC3].into_iter().flat_map(|f| [(f, false), (f, true)]) {
            for value in 0..=255u8 {
                for at in 0..19 {
                    let mut bytes = vec![filler; 19];
                    bytes[at] = value;
                    if lead && at > 0 {
                        bytes[at - 1] = 0xC3;
                    }
                    for start in 0..=bytes.len() {
                        assert_eq!(
                            next_candidate(&bytes, start),
                            naive(&bytes, start),
                            "{filler} {value} {at} {start}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_byte_scan_finds_what_the_character_scan_found() {
        let g = Glossary::new([("CadÚnico".to_string(), "Cadastro Único".to_string()), ("ÓRGÃO".into(), "x".into())]);
        for text in [
            "O CRAS e o CREAS; o CRAS de novo, CRASSO, NOB/SUAS.",
            "eCRAS 2CRAS CRAS2 ÉCRAS — CRAS…CREAS «SUAS» CadÚnico, CadÚnicos; ÓRGÃO",
            "São Paulo: BPC/LOAS (e-SIC) ÚLTIMO CRAS",
            "",
            "CRAS",
            "ção CRAS",
            "ª CRAS ºCRAS ²CRAS CRAS× ×CRAS ÷CRAS ÿCRAS ĀCRAS CRASĀ",
            "ãCRAS çãoCREAS ÇCRAS ÉCRAS aÉCRAS éCadÚnico CadÚnico–CRAS “SUAS” ⒶCRAS ⅣCRAS ÓRGÃO ÓRGÃOS órgão",
            "ção",
            "Ç",
            "çÇ CRAS",
            "ÁGUA CRAS ÁCRAS",
            "SeCRAS XCRAS ÀCRAS Secretaria CRAS CaCRAS C CRAS CR CRAS C1 CRAS",
            "Secretaria Municipal de Assistência Social: CREAS, SUAS; Cadastro CadÚnico",
            "S",
            "C",
            "CR",
            "Cx",
            "C-CRAS",
            "CRAS-",
            "ÉS CRAS",
            "Ca\u{301}CRAS",
        ] {
            let (mut a, mut b) = (HashSet::default(), HashSet::default());
            assert_eq!(pieces(text, &g, &mut a), reference(text, &g, &mut b), "{text}");
            assert_eq!(a, b);
        }
    }

    /// Texts made of pieces that put acronyms inside words, beside each other, after accented
    /// letters and across separators, with acronyms that start other acronyms (`CR`, `CRAS`,
    /// `CRASX`) and end them (`AS`, `S`): the scan finds what the word-by-word reference finds.
    #[test]
    fn random_texts_mark_what_the_word_by_word_reference_marks() {
        let g = Glossary::new(
            ["CR", "AS", "S", "CRASX", "ÉS", "Ú1", "AB", "BC", "ABC"].map(|k| (k.to_string(), format!("sigla {k}"))),
        );
        let parts = [
            "CRAS",
            "CREAS",
            "CR",
            "AS",
            "S",
            "CRASX",
            "É",
            "ÉS",
            "ção",
            " ",
            "/",
            "-",
            "x",
            "Ú",
            "1",
            "CadÚnico",
            "ÓRGÃO",
            "AB",
            "BC",
            "ABC",
            "D",
            "\u{301}",
            "×",
            "…",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 9) {
                let pick = (seed >> (8 + 5 * k)) as usize % parts.len();
                text.push_str(parts[pick]);
            }
            let (mut a, mut b) = (HashSet::default(), HashSet::default());
            assert_eq!(pieces(&text, &g, &mut a), reference(&text, &g, &mut b), "{text:?}");
            assert_eq!(a, b, "{text:?}");
        }
    }

    #[test]
    fn first_use_only_whole_words() {
        let g = Glossary::new([]);
        let mut marked = HashSet::default();
        let p = pieces("O CRAS e o CREAS; o CRAS de novo, CRASSO, NOB/SUAS.", &g, &mut marked);
        let abbrs: Vec<&str> = p
            .iter()
            .filter_map(|p| match p {
                Piece::Abbr { acronym, .. } => Some(*acronym),
                Piece::Text(_) => None,
            })
            .collect();
        assert_eq!(abbrs, ["CRAS", "CREAS", "NOB", "SUAS"]);
        let joined: String = p
            .iter()
            .map(|p| match p {
                Piece::Text(t) => *t,
                Piece::Abbr { acronym, .. } => *acronym,
            })
            .collect();
        assert_eq!(joined, "O CRAS e o CREAS; o CRAS de novo, CRASSO, NOB/SUAS.");
        assert!(pieces("o CRAS", &g, &mut marked).iter().all(|p| matches!(p, Piece::Text(_))));
    }
}
