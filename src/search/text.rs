//! Words and the keys they are indexed under. The browser's `busca.js` does the same steps in
//! the same order (lowercase, the Snowball Portuguese stemmer, accents removed), so a word
//! typed in the field finds the words of the text; a change here must be made there too
//! (the browser test `tests/a11y/search.test.mjs` compares both on `tests/fixtures/stems-pt.tsv`).
//!
//! A word is stemmed twice: as written and with its accents removed. Snowball's Portuguese
//! suffixes carry accents ("ável", "ência", "ção"), so "vulnerável" stems to "vulner" but
//! "vulneravel", typed on a phone without accents, to "vulneravel". The text is indexed under
//! both keys when they differ, and a query looks both up: either spelling, on either side,
//! meets the other.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Longer runs of letters are not words a person types (hashes, glued URLs): not indexed.
pub(crate) const MAX_WORD_CHARS: usize = 40;

/// Lowercase, accents and other combining marks removed: "Família" → "familia", "AÇÃO" → "acao".
pub fn fold(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// Whether `c` belongs to a word: letters, digits and the marks that decorate them.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The words of `text` as byte ranges, in order. Everything else separates words: spaces,
/// punctuation, hyphens ("auxílio-natalidade" is two words), the dots of "12.527".
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// What a byte is, for [`Words`]: 0 an ASCII byte outside words, 1 an ASCII letter or digit,
/// 2 a byte of a character beyond ASCII (Unicode's tables decide, see [`Words::wide`]).
static CLASS: [u8; 256] = {
    let mut table = [2u8; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_alphanumeric() { 1 } else { 0 };
        b += 1;
    }
    table
};

/// The words of a text, found byte by byte: ASCII (most of any Portuguese text) by a table,
/// other characters by Unicode's tables. Indexing millions of words, this loop is the cost.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl Words<'_> {
    /// Whether the character beyond ASCII at byte `i` belongs to a word, and its length.
    fn wide(&self, i: usize) -> (bool, usize) {
        let bytes = self.text.as_bytes();
        match (bytes.get(i), bytes.get(i + 1)) {
            // U+00C0–U+00FF (à, ç, ê, õ…): letters, but × and ÷.
            (Some(0xC3), Some(&b)) => (b != 0x97 && b != 0xB7, 2),
            // U+0080–U+00BF: ª º µ, superscript digits and fractions; the rest (§, ·, «, the
            // no-break space…) separates words.
            (Some(0xC2), Some(&b)) => (matches!(b, 0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE), 2),
            // U+2000–U+203F: spaces, dashes, quotation marks, bullets.
            (Some(0xE2), Some(0x80)) => (false, 3),
            _ => self
                .text
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .map_or((false, 1), |c| (is_word_char(c), c.len_utf8())),
        }
    }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        // Up to the first character of a word.
        loop {
            let class = loop {
                let class = CLASS[usize::from(*bytes.get(i)?)];
                if class != 0 {
                    break class;
                }
                i += 1;
            };
            if class == 1 {
                break;
            }
            let (word, len) = self.wide(i);
            if word {
                break;
            }
            i += len;
        }
        let start = i;
        // Up to the first character after it.
        loop {
            let mut class = 0;
            while let Some(&b) = bytes.get(i) {
                class = CLASS[usize::from(b)];
                if class != 1 {
                    break;
                }
                i += 1;
            }
            if class != 2 || i >= bytes.len() {
                break;
            }
            let (word, len) = self.wide(i);
            if !word {
                break;
            }
            i += len;
        }
        self.at = i;
        Some((start, i))
    }
}

/// Endings typed without accents → as written, for the Portuguese suffixes whose accents
/// Snowball needs (longest first).
const RESTORE: [(&str, &str); 13] = [
    ("aveis", "áveis"),
    ("iveis", "íveis"),
    ("encias", "ências"),
    ("ancias", "âncias"),
    ("encia", "ência"),
    ("ancia", "ância"),
    ("avel", "ável"),
    ("ivel", "ível"),
    ("coes", "ções"),
    ("cao", "ção"),
    ("oes", "ões"),
    ("aes", "ães"),
    ("ao", "ão"),
];

/// Turns words into index keys.
pub struct Analyzer {
    stemmer: Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer { stemmer: Stemmer::create(Algorithm::Portuguese) }
    }
}

/// The keys of one word: the stem of the word as written, and of the word without accents
/// when that differs. Empty for stop words and words too long to be words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Keys {
    pub first: Option<String>,
    pub second: Option<String>,
}

impl Keys {
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.first.iter().chain(self.second.iter()).map(String::as_str)
    }
}

impl Analyzer {
    pub fn keys(&self, word: &str) -> Keys {
        if word.chars().count() > MAX_WORD_CHARS {
            return Keys::default();
        }
        // Numbers (years, articles, phones) are their own key: nothing to fold or stem.
        if word.bytes().all(|b| b.is_ascii_digit()) {
            return Keys { first: Some(word.to_owned()), second: None };
        }
        let lower = word.to_lowercase();
        let folded = fold(&lower);
        if folded.is_empty() || super::stop::is_stop_word(&folded) {
            return Keys::default();
        }
        let first = fold(&self.stemmer.stem(&lower));
        let second = fold(&self.stemmer.stem(&folded));
        if first.is_empty() {
            return Keys::default();
        }
        let second = (second != first && !second.is_empty()).then_some(second);
        Keys { first: Some(first), second }
    }

    /// The keys to look up for a word typed in the search field: its [`Analyzer::keys`], and,
    /// when it was typed without accents and ends like an accented suffix ("vulneraveis",
    /// "informacoes"), the keys of the word with that suffix's accents put back, so that it
    /// meets "vulnerável" and "informação" even in another inflection. `busca.js` does the same
    /// (`RESTORE` there).
    pub fn query_keys(&self, word: &str) -> Vec<String> {
        let mut out: Vec<String> = self.keys(word).iter().map(str::to_owned).collect();
        if out.is_empty() {
            return out;
        }
        let lower = word.to_lowercase();
        if fold(&lower) == lower {
            for (plain, accented) in RESTORE {
                if let Some(stem) = lower.strip_suffix(plain) {
                    for key in self.keys(&format!("{stem}{accented}")).iter() {
                        if !out.iter().any(|k| k == key) {
                            out.push(key.to_owned());
                        }
                    }
                    break;
                }
            }
        }
        out
    }

    /// The stem Snowball gives the lowercased word, accents kept (for the stemmer's test list).
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(&word.to_lowercase()).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(word: &str) -> Vec<String> {
        Analyzer::default().keys(word).iter().map(str::to_owned).collect()
    }

    fn split(text: &str) -> Vec<&str> {
        words(text).map(|(a, b)| text.get(a..b).unwrap_or_default()).collect()
    }

    #[test]
    fn folding_removes_case_and_accents() {
        assert_eq!(fold("Família"), "familia");
        assert_eq!(fold("AÇÃO"), "acao");
        assert_eq!(fold("crás"), "cras");
        // A decomposed "é" (NFD, as some systems save it) folds like the composed one.
        assert_eq!(fold("cafe\u{301}"), fold("café"));
    }

    #[test]
    fn words_split_on_punctuation_and_keep_accents() {
        assert_eq!(
            split("Auxílio-Natalidade: 12.527/2011, art. 28"),
            ["Auxílio", "Natalidade", "12", "527", "2011", "art", "28"]
        );
        assert_eq!(split("  "), Vec::<&str>::new());
        assert_eq!(split("cafe\u{301} d'água"), ["cafe\u{301}", "d", "água"]);
        assert_eq!(split("2×3÷4 AÇÃO ñ"), ["2", "3", "4", "AÇÃO", "ñ"]);
        assert_eq!(split("fim"), ["fim"]);
        assert_eq!(split("–ª 1º § ½"), ["ª", "1º", "½"]);
    }

    /// The shortcuts for two- and three-byte characters say what Unicode's tables say.
    #[test]
    fn the_shortcuts_for_latin_and_punctuation_agree_with_unicode() {
        for c in ('\u{80}'..='\u{ff}').chain('\u{2000}'..='\u{203f}') {
            let text = c.to_string();
            let found = Words { text: &text, at: 0 }.wide(0);
            assert_eq!(found, (is_word_char(c), c.len_utf8()), "{c:?} U+{:04X}", u32::from(c));
        }
    }

    /// The byte-table scanner finds the words a plain walk over the characters finds.
    #[test]
    fn words_are_runs_of_word_characters() {
        let reference = |text: &str| {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                match (is_word_char(c), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        out.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            out
        };
        let pieces = [
            "a", "Ç", "ção", "-", " ", "\n", "12", "×", "e\u{301}", "–", "ª", "日本", "🙂", "\u{a0}", "x", "_", "ÿ",
            "Ā", "§", "½", "\u{2070}",
        ];
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(seed % 13) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            seed = seed.wrapping_add(1);
            assert_eq!(words(&text).collect::<Vec<_>>(), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn case_and_accents_give_one_key() {
        assert_eq!(keys("crás"), keys("CRAS"));
        assert_eq!(keys("cras"), keys("CRAS"));
        assert_eq!(keys("familia"), keys("família"));
    }

    #[test]
    fn inflections_share_a_key() {
        assert_eq!(keys("famílias").first(), keys("família").first());
        assert_eq!(keys("vulneráveis").first(), keys("vulnerável").first());
        assert_eq!(keys("informação").first(), keys("informações").first());
    }

    #[test]
    fn a_word_typed_without_accents_meets_the_accented_one() {
        // Typed without accents, the suffix is not one Snowball knows: the second key of the
        // accented word (stemmed without its accents) is the bridge.
        for (typed, written) in
            [("vulneravel", "vulnerável"), ("assistencia", "assistência"), ("informacao", "informação")]
        {
            let typed = keys(typed);
            let written = keys(written);
            assert!(typed.iter().any(|k| written.iter().any(|w| w == k)), "{typed:?} {written:?}");
        }
    }

    #[test]
    fn a_query_without_accents_meets_another_inflection() {
        let analyzer = Analyzer::default();
        for (typed, written) in
            [("vulneravel", "vulneráveis"), ("informacoes", "informação"), ("assistencias", "assistência")]
        {
            let typed = analyzer.query_keys(typed);
            let written = keys(written);
            assert!(typed.iter().any(|k| written.contains(k)), "{typed:?} {written:?}");
        }
        assert_eq!(analyzer.query_keys("família"), keys("família"));
    }

    #[test]
    fn stop_words_and_long_runs_have_no_key() {
        assert!(keys("de").is_empty());
        assert!(keys("Não").is_empty());
        assert!(keys(&"a".repeat(41)).is_empty());
        assert_eq!(keys("2011"), ["2011"]);
        assert_eq!(keys("0800"), ["0800"]);
        // A number is stemmed as the stemmer would (not at all).
        let analyzer = Analyzer::default();
        for n in ["1", "28", "2011", "12527", "0800"] {
            assert_eq!(analyzer.stem(n), n);
        }
    }
}
