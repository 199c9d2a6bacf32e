//! The NFC quick check of `unicode-normalization`, skipping what cannot matter a machine word
//! at a time: every page and data file of a site is checked when it is read, and almost all
//! of their bytes are ASCII or Latin-1 letters, which the crate decodes and looks up one
//! character at a time.
//!
//! Why this is the same answer: a character below U+0300 is always allowed in NFC and is a
//! starter (canonical combining class 0), so the crate's check forgets everything before it
//! (its state is the previous character's class, back to 0). The text is therefore checked
//! as the runs of characters from U+0300 up, each on its own. In UTF-8, every byte of a
//! character below U+0300 is below 0xCC (0xCC 0x80 is U+0300), and every character from
//! U+0300 up starts with a byte from 0xCC up: those runs are found by their first byte.

use unicode_normalization::{is_nfc_quick, IsNormalized};

/// Bytes below this are those of characters below U+0300.
const FIRST_HARD_BYTE: u8 = 0xCC;

/// `is_nfc_quick(text.chars())`, by runs (see the module's comment). `Maybe` where the crate
/// would say `Maybe` or `No` only matters as "not `Yes`" to the callers, and this returns
/// `Yes` exactly when the crate does.
pub(super) fn is_nfc_quick_fast(text: &str) -> IsNormalized {
    let mut result = IsNormalized::Yes;
    let mut rest = text;
    while let Some(start) = first_hard(rest.as_bytes()) {
        // A byte from 0xCC up is a lead byte, so `start` is a character boundary.
        let Some(hard) = rest.get(start..) else { return is_nfc_quick(text.chars()) };
        let end = hard.char_indices().find(|&(_, c)| c < '\u{300}').map_or(hard.len(), |(i, _)| i);
        let (run, after) = hard.split_at(end);
        match is_nfc_quick(run.chars()) {
            IsNormalized::No => return IsNormalized::No,
            IsNormalized::Maybe => result = IsNormalized::Maybe,
            IsNormalized::Yes => {}
        }
        rest = after;
    }
    result
}

/// The index of the first byte from [`FIRST_HARD_BYTE`] up: blocks of 32 bytes tested whole
/// (a loop the compiler turns into vector instructions), then the byte found in its block.
fn first_hard(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    for block in bytes.chunks(32) {
        if block.iter().fold(false, |hard, &b| hard | (b >= FIRST_HARD_BYTE)) {
            return block.iter().position(|&b| b >= FIRST_HARD_BYTE).map(|i| at + i);
        }
        at += block.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &IsNormalized, b: &IsNormalized) -> bool {
        matches!(a, IsNormalized::Yes) == matches!(b, IsNormalized::Yes)
    }

    #[test]
    fn agrees_with_the_crate_on_mixed_texts() {
        let pieces = [
            "a",
            "ção",
            "São",
            "Sa\u{303}o",
            "\u{301}",
            "e\u{301}",
            "\u{1e9b}\u{323}",
            "\u{0340}",
            "–",
            "“x”",
            "\u{2126}",
            "한",
            "\u{1100}\u{1161}",
            "ÿ",
            "\u{2ff}",
            "\u{300}",
            "\u{0344}",
            "𝒜",
            "\u{f900}",
            "q\u{307}\u{323}",
            "q\u{323}\u{307}",
            " ",
            "\u{0958}",
            "\u{fb1d}",
            "\u{0e33}",
            "aa",
            "\u{1f3f3}\u{fe0f}",
        ];
        let mut texts: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        for a in pieces {
            for b in pieces {
                texts.push(format!("{a}{b}"));
                texts.push(format!("{}{a} x {b}", "x".repeat(40)));
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        for text in &texts {
            let (fast, slow) = (is_nfc_quick_fast(text), is_nfc_quick(text.chars()));
            assert!(same(&fast, &slow), "{text:?}: {fast:?} vs {slow:?}");
        }
        assert!(texts.iter().any(|t| !matches!(is_nfc_quick(t.chars()), IsNormalized::Yes)));
    }

    #[test]
    fn the_hard_byte_is_found_in_any_block() {
        for len in [0, 1, 31, 32, 33, 64, 100] {
            let mut text = "é".repeat(len);
            assert_eq!(first_hard(text.as_bytes()), None);
            text.push('\u{301}');
            assert_eq!(first_hard(text.as_bytes()), Some(2 * len));
        }
    }
}
