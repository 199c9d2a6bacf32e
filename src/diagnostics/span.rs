//! Positions in a source file: 1-based line and column (in characters), as editors count them.

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(line: usize, column: usize) -> Self {
        Location { line: line.max(1), column: column.max(1) }
    }

    /// Shift a location found inside an embedded block (front matter) by the block's first line.
    pub fn offset_lines(self, lines_before: usize) -> Self {
        Location::new(self.line + lines_before, self.column)
    }
}

/// Byte offset ↔ line/column conversion for one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// The location of a byte offset; offsets past the end clamp to the last line.
    pub fn location(&self, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        Location::new(line, column)
    }

    /// The byte range of a 1-based line, without its newline.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self.line_starts.get(line).map_or(text.len(), |&next| next.saturating_sub(1));
        Some(start..end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let text = "ab\nção: x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.location(text, 0), Location::new(1, 1));
        assert_eq!(index.location(text, 3), Location::new(2, 1));
        let colon = text.find(':').unwrap_or(0);
        assert_eq!(index.location(text, colon), Location::new(2, 4));
        assert_eq!(index.location(text, 999), Location::new(3, 1));
        assert_eq!(index.line_range(text, 2), Some(3..text.len() - 1));
        assert_eq!(index.line_range(text, 0), None);
    }
}
