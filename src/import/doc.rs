//! The page as lines, each marked once a reader has taken it, so that what no reader
//! recognised is what ends up on the ordinary page.

/// The page's lines (trailing whitespace and NBSP trimmed; a blank line is "") and which of
/// them a reader has taken.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub(crate) lines: Vec<String>,
    pub(crate) used: Vec<bool>,
}

/// Trims spaces and NBSP (the old sites' `&nbsp;`) at both ends.
pub(crate) fn trim(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}')
}

impl Doc {
    pub(crate) fn new(text: &str) -> Doc {
        let lines: Vec<String> = text
            .lines()
            .map(|l| l.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{a0}'))
            .map(|l| if trim(l).is_empty() { String::new() } else { l.to_owned() })
            .collect();
        let used = vec![false; lines.len()];
        Doc { lines, used }
    }

    /// Line `i`, trimmed.
    pub(crate) fn get(&self, i: usize) -> &str {
        self.lines.get(i).map_or("", |l| trim(l))
    }

    pub(crate) fn is_used(&self, i: usize) -> bool {
        self.used.get(i).copied().unwrap_or(true)
    }

    pub(crate) fn take(&mut self, i: usize) {
        if let Some(u) = self.used.get_mut(i) {
            *u = true;
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.lines.len()
    }

    /// The first non-blank line that no reader has taken: the page's title.
    pub(crate) fn title(&self) -> Option<String> {
        (0..self.len()).find(|&i| !self.is_used(i) && !self.get(i).is_empty()).map(|i| self.get(i).to_owned())
    }

    /// Indices of the lines not taken yet, non-blank.
    pub(crate) fn free(&self) -> Vec<usize> {
        (0..self.len()).filter(|&i| !self.is_used(i) && !self.get(i).is_empty()).collect()
    }

    /// The next non-blank line after `i`.
    pub(crate) fn next_text(&self, i: usize) -> Option<usize> {
        (i + 1..self.len()).find(|&j| !self.get(j).is_empty())
    }

    /// Whether line `i` is preceded by a blank line (or is the first).
    pub(crate) fn blank_before(&self, i: usize) -> bool {
        i == 0 || self.get(i - 1).is_empty()
    }

    /// Whether line `i` is followed by a blank line (or is the last).
    pub(crate) fn blank_after(&self, i: usize) -> bool {
        i + 1 >= self.len() || self.get(i + 1).is_empty()
    }
}

/// Lowercase without accents, for matching words: "Missão" → "missao".
pub(crate) fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// A heading-like line: short, no final punctuation but `:`, not a list item or a provision.
pub(crate) fn looks_like_heading(line: &str) -> bool {
    let t = trim(line);
    let words = t.split_whitespace().count();
    !t.is_empty()
        && t.chars().count() <= 90
        && words <= 12
        && !t.ends_with(['.', ';', ','])
        && t.chars().next().is_some_and(char::is_alphabetic)
        && !t.contains('@')
        && !t.chars().any(|c| c.is_ascii_digit())
}

/// A bullet item ("• texto", "- texto", "– texto", "* texto"): its text.
pub(crate) fn bullet(line: &str) -> Option<&str> {
    let t = trim(line);
    for mark in ['•', '·', '▪', '-', '–', '*'] {
        if let Some(rest) = t.strip_prefix(mark) {
            let rest = trim(rest);
            // "-Coordenadoria" (no space) is an inline list item too; "-5" is not a bullet.
            if !rest.is_empty() && rest.chars().next().is_some_and(char::is_alphabetic) {
                return Some(rest);
            }
        }
    }
    None
}

/// The page's lines as Markdown: one paragraph per line (the old sites put one paragraph on
/// each line), bullets as `- ` items, and the short lines right under a line that ends in `:`
/// (with no blank line between) as the items of that list. The wording is kept.
pub(crate) fn markdown(lines: &[String]) -> String {
    let mut out = String::new();
    let mut in_list = false;
    // The previous line ended with ':' and came right before (no blank line).
    let mut intro = false;
    let mut previous_blank = true;
    for line in lines {
        let t = trim(line);
        if t.is_empty() {
            previous_blank = true;
            intro = false;
            continue;
        }
        let item = bullet(t)
            .or_else(|| (intro && !previous_blank && t.chars().count() <= 100 && !t.ends_with(':')).then_some(t));
        match item {
            Some(item) => {
                out.push_str(if in_list {
                    "\n"
                } else if out.is_empty() {
                    ""
                } else {
                    "\n\n"
                });
                out.push_str("- ");
                out.push_str(item);
                in_list = true;
            }
            None => {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                out.push_str(t);
                in_list = false;
                intro = t.ends_with([':', ';']);
            }
        }
        previous_blank = false;
    }
    out
}
