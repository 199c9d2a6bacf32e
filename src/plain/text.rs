//! The prose of one editor's text, read from its Markdown events: blocks of running text
//! (paragraphs, list items, table cells) with the source offset of each piece, cut into
//! sentences and words, and the syllables of a Portuguese word. Code, raw HTML, headings and
//! quotations (where editors paste the law, which is published verbatim) are left out.

use crate::markdown::chunks::Plan;
use pulldown_cmark::{Event, Tag, TagEnd};

/// A block of running text and where each of its pieces starts in the source.
#[derive(Debug, Default)]
pub(super) struct Block {
    pub(super) text: String,
    /// (byte in `text`, byte in the source) for each piece of text, in order.
    map: Vec<(usize, usize)>,
}

impl Block {
    /// The source offset of the byte `at` of the block's text.
    pub(super) fn source(&self, at: usize) -> usize {
        let i = self.map.partition_point(|&(t, _)| t <= at).saturating_sub(1);
        self.map.get(i).map_or(0, |&(t, s)| s + (at - t))
    }

    fn push(&mut self, text: &str, source: usize) {
        self.map.push((self.text.len(), source));
        self.text.push_str(text);
    }
}

/// The blocks of running text of `markdown`.
pub(super) fn blocks(markdown: &str) -> Vec<Block> {
    let plan = Plan::new(markdown);
    let mut out = Vec::new();
    let mut current = Block::default();
    // Depth of what is left out (code blocks, headings, quotations).
    let mut skipped = 0usize;
    let flush = |current: &mut Block, out: &mut Vec<Block>| {
        if !current.text.trim().is_empty() {
            out.push(std::mem::take(current));
        } else {
            *current = Block::default();
        }
    };
    for (event, range) in plan.events(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Heading { .. } | Tag::BlockQuote(_) | Tag::HtmlBlock) => {
                flush(&mut current, &mut out);
                skipped += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Heading(_) | TagEnd::BlockQuote(_) | TagEnd::HtmlBlock) => {
                skipped = skipped.saturating_sub(1);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) | Event::Start(Tag::Item) => {
                flush(&mut current, &mut out);
            }
            Event::Text(t) if skipped == 0 => current.push(&t, range.start),
            // A piece of code reads as one word.
            Event::Code(_) if skipped == 0 => current.push("código", range.start),
            Event::SoftBreak | Event::HardBreak if skipped == 0 => current.push(" ", range.start),
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: [&str; 24] = [
    "art", "arts", "inc", "sr", "sra", "srs", "dr", "dra", "prof", "profa", "n", "nº", "no", "p", "pág", "av", "tel",
    "r", "obs", "ex", "aprox", "máx", "mín", "cf",
];

/// The sentences of a block: (start byte, text). A sentence ends at `.`, `!`, `?` or `…`
/// followed by a space and a capital letter (or the end), unless the word before is an
/// abbreviation (`Art.`, `Sr.`, `nº.`), a single letter or a number.
pub(super) fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let after =
            chars[k + 1..].iter().map(|&(_, c)| c).find(|c| !c.is_whitespace() && !matches!(c, '"' | '”' | ')'));
        let ends = match next {
            None => true,
            Some(n) if n.is_whitespace() => after.is_none_or(|a| a.is_uppercase() || a.is_ascii_digit() || a == '-'),
            _ => false,
        };
        if !ends || (c == '.' && !ends_sentence(&text[start..i])) {
            continue;
        }
        let end = i + c.len_utf8();
        if !text[start..end].trim().is_empty() {
            out.push((start, &text[start..end]));
        }
        start = end;
    }
    if !text[start..].trim().is_empty() {
        out.push((start, &text[start..]));
    }
    out.into_iter()
        .map(|(s, t)| {
            let trimmed = t.trim_start();
            (s + (t.len() - trimmed.len()), trimmed.trim_end())
        })
        .collect()
}

/// Whether a period after `before` ends a sentence (the word before is not an abbreviation).
fn ends_sentence(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let lower = word.to_lowercase();
    !(ABBREVIATIONS.contains(&lower.as_str())
        || word.chars().count() == 1
        || word.chars().last().is_some_and(|c| c.is_ascii_digit()))
}

/// The words of a text: runs of letters, digits and inner hyphens (`follow-up`).
pub(super) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            end = i + c.len_utf8();
        } else if c == '-' && start.is_some() && end == i {
            continue;
        } else if let Some(s) = start.take() {
            out.push((s, &text[s..end]));
        }
    }
    out.into_iter()
}

/// The syllables of a Portuguese word, approximately: groups of vowels, split where an
/// accented `í`/`ú`/`á`/`é`/`ó` stands next to another vowel (the hiatus of `saúde`, `país`).
/// Words without a vowel (numbers, acronyms) count as one.
pub(super) fn syllables(word: &str) -> usize {
    const VOWELS: &str = "aeiouáéíóúâêôãõàüy";
    const HIATUS: &str = "áéíóú";
    let mut count = 0;
    let mut previous: Option<char> = None;
    for c in word.chars().flat_map(char::to_lowercase) {
        if VOWELS.contains(c) {
            match previous {
                Some(p) if HIATUS.contains(c) || HIATUS.contains(p) => count += 1,
                Some(_) => {}
                None => count += 1,
            }
            previous = Some(c);
        } else {
            previous = None;
        }
    }
    count.max(1)
}

/// The Flesch reading ease adapted to Portuguese (Martins et al., 1996):
/// 248.835 − 1.015 × (words / sentences) − 84.6 × (syllables / words), clamped to 0–100.
pub(super) fn flesch(words: usize, sentences: usize, syllables: usize) -> Option<f64> {
    if words == 0 || sentences == 0 {
        return None;
    }
    let (w, s, y) = (words as f64, sentences as f64, syllables as f64);
    Some((248.835 - 1.015 * (w / s) - 84.6 * (y / w)).clamp(0.0, 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_periods_not_after_abbreviations() {
        let s: Vec<&str> =
            sentences("Conforme o Art. 5º da lei, o CRAS atende. O Sr. João fala! Custa R$ 1.500,00 por mês? Sim.")
                .into_iter()
                .map(|(_, t)| t)
                .collect();
        assert_eq!(
            s,
            ["Conforme o Art. 5º da lei, o CRAS atende.", "O Sr. João fala!", "Custa R$ 1.500,00 por mês?", "Sim."]
        );
    }

    #[test]
    fn syllables_of_portuguese_words() {
        for (word, n) in [
            ("casa", 2),
            ("saúde", 3),
            ("país", 2),
            ("assistência", 4),
            ("família", 3),
            ("não", 1),
            ("CRAS", 1),
            ("2026", 1),
            ("pão", 1),
            ("social", 2),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    #[test]
    fn words_keep_inner_hyphens() {
        let w: Vec<&str> = words("o follow-up - e o e-mail, 2026.").map(|(_, w)| w).collect();
        assert_eq!(w, ["o", "follow-up", "e", "o", "e-mail", "2026"]);
    }

    #[test]
    fn flesch_of_short_and_long_sentences() {
        let easy = flesch(10, 2, 15).unwrap_or_default();
        let hard = flesch(60, 1, 150).unwrap_or_default();
        assert!(easy > 75.0 && hard < 25.0, "{easy} {hard}");
        assert_eq!(flesch(0, 0, 0), None);
    }

    #[test]
    fn blocks_leave_out_code_headings_and_quotes() {
        let b = blocks(
            "# Título\n\nUm texto\ncom quebra.\n\n> Art. 1º Citado.\n\n```\ncódigo\n```\n\n- item um\n- item dois\n",
        );
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Um texto com quebra.", "item um", "item dois"]);
        assert_eq!(b[0].source(4), "# Título\n\nUm t".len());
    }
}
