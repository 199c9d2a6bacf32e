//! How a key's postings are written in the bucket files, and read back.
//!
//! Postings are base-64 digits (`A`–`Z`, `a`–`z`, `0`–`9`, `-`, `_`). A posting is a document
//! number, a value digit (bits 2–5: how much the record is about the word, 1–15, or 0 for a
//! word only in the title; bit 1: the word is in the title; bit 0: a record number follows)
//! and the record number when bit 0 says so. Numbers are varints (digits ≥ 32 carry 5 bits and
//! say another digit follows, least significant first). Three forms:
//! * sparse (the default): for each posting, the document as a difference from the previous
//!   one, its value digit, its record;
//! * dense (starts with `.`, one posting per document, when shorter than sparse): the first
//!   document, then one value digit per document from it on (`A`, a value no posting has,
//!   for a document without the word), each followed by its record;
//! * packed (starts with `~`, for a word in more than half of the documents, one posting per
//!   document and no records): the first document, then one digit per two documents, three
//!   bits each (low bits first): 0 without the word, else `tier << 1 | title`, the value's
//!   1–15 in tiers 1–5, 6–10, 11–15 (0 for a title-only posting), read back as 3, 8 or 13.
//!   A word that common weighs little (the browser weighs words by how rare they are): its
//!   finer values are not worth a digit per document on every query that has it.
//!
//! The index writes each key's postings in two passes over the documents ([`Shape`], then
//! [`Writer`]): no list of every posting is held.

const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    loop {
        let low = n & 31;
        n >>= 5;
        out.push(digit(if n > 0 { low | 32 } else { low }));
        if n == 0 {
            break;
        }
    }
}

/// Digits of `n` as a varint: one per five bits.
fn varint_len(n: u32) -> usize {
    (32 - n.leading_zeros() as usize).max(1).div_ceil(5)
}

/// The base-64 digit of `value` (its low six bits).
fn digit(value: u32) -> u8 {
    DIGITS[(value & 63) as usize]
}

/// The packed cell of a value digit (see the module's documentation).
fn cell(value: u8) -> u32 {
    let tier = match (value >> 2) & 15 {
        0 => 0,
        1..=5 => 1,
        6..=10 => 2,
        _ => 3,
    };
    tier << 1 | u32::from(value >> 1) & 1
}

/// The forms of a key's postings (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    Sparse,
    Dense,
    Packed,
}

/// What decides the form of a key's postings, gathered posting by posting (documents in
/// order, each document's postings in record order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shape {
    pub(super) df: u32,
    first: u32,
    last: u32,
    one_per_doc: bool,
    /// Digits of the record numbers, and of the sparse form.
    records: usize,
    sparse: usize,
}

impl Default for Shape {
    fn default() -> Self {
        Shape { df: 0, first: 0, last: 0, one_per_doc: true, records: 0, sparse: 0 }
    }
}

impl Shape {
    pub(super) fn add(&mut self, doc: u32, record: u32, value: u8) {
        let previous = if self.df == 0 { 0 } else { self.last };
        if self.df == 0 {
            self.first = doc;
        } else if doc == self.last {
            self.one_per_doc = false;
        }
        let record = if value & 1 == 1 { varint_len(record) } else { 0 };
        self.records += record;
        self.sparse += varint_len(doc.wrapping_sub(previous)) + 1 + record;
        self.df += 1;
        self.last = doc;
    }

    /// The shape of this shape's postings followed by `next`'s, whose documents all come
    /// after this one's: the index shapes a key's postings in runs of documents, in parallel.
    pub(super) fn then(&self, next: &Shape) -> Shape {
        match (self.df, next.df) {
            (0, _) => *next,
            (_, 0) => *self,
            _ => Shape {
                df: self.df + next.df,
                first: self.first,
                last: next.last,
                one_per_doc: self.one_per_doc && next.one_per_doc && next.first != self.last,
                records: self.records + next.records,
                // `next` counted its first document from 0, not from this one's last.
                sparse: self.sparse + next.sparse + varint_len(next.first.wrapping_sub(self.last))
                    - varint_len(next.first),
            },
        }
    }

    /// The form and its length in digits, for a site of `documents` documents.
    fn form(&self, documents: usize) -> (Form, usize) {
        let span = self.last.saturating_sub(self.first) as usize + 1;
        let head = 1 + varint_len(self.first);
        if self.one_per_doc && self.records == 0 && self.df as usize * 2 > documents {
            (Form::Packed, head + span.div_ceil(2))
        } else if self.one_per_doc && head + span + self.records < self.sparse {
            (Form::Dense, head + span + self.records)
        } else {
            (Form::Sparse, self.sparse)
        }
    }
}

/// A key's postings being written in their form.
pub(super) struct Writer {
    form: Form,
    /// Base-64 digits and the form's mark: ASCII.
    out: Vec<u8>,
    first: u32,
    /// Sparse: the previous document. Dense: the next document to write. Packed: the pair
    /// being filled (relative to `first`) and its cells.
    at: u32,
    cells: u32,
}

impl Writer {
    pub(super) fn new(shape: &Shape, documents: usize) -> Writer {
        let (form, len) = shape.form(documents);
        let mut out = Vec::with_capacity(len);
        match form {
            Form::Sparse => {}
            Form::Dense => {
                out.push(b'.');
                push_varint(&mut out, shape.first);
            }
            Form::Packed => {
                out.push(b'~');
                push_varint(&mut out, shape.first);
            }
        }
        let at = if form == Form::Dense { shape.first } else { 0 };
        Writer { form, out, first: shape.first, at, cells: 0 }
    }

    pub(super) fn push(&mut self, doc: u32, record: u32, value: u8) {
        match self.form {
            Form::Sparse => {
                push_varint(&mut self.out, doc.wrapping_sub(self.at));
                self.at = doc;
            }
            Form::Dense => {
                for _ in self.at..doc {
                    self.out.push(b'A');
                }
                self.at = doc + 1;
            }
            Form::Packed => {
                let rel = doc.saturating_sub(self.first);
                while self.at < rel / 2 {
                    self.out.push(digit(self.cells));
                    self.cells = 0;
                    self.at += 1;
                }
                self.cells |= cell(value) << (3 * (rel % 2));
                return;
            }
        }
        self.out.push(digit(u32::from(value)));
        if value & 1 == 1 {
            push_varint(&mut self.out, record);
        }
    }

    pub(super) fn finish(mut self) -> String {
        if self.form == Form::Packed {
            self.out.push(digit(self.cells));
        }
        // Only ASCII digits and marks were written.
        String::from_utf8(self.out).unwrap_or_default()
    }
}

/// The postings of one key, `(document, record, value)` in order, in their form (the one
/// [`Index::assemble`] writes).
#[cfg(test)]
fn encode(list: &[(u32, u32, u8)], documents: usize) -> String {
    let mut shape = Shape::default();
    for &(doc, record, value) in list {
        shape.add(doc, record, value);
    }
    let mut writer = Writer::new(&shape, documents);
    for &(doc, record, value) in list {
        writer.push(doc, record, value);
    }
    writer.finish()
}

/// A varint of `bytes` at `i`, moving `i` past it.
fn varint_at(bytes: &[u8], i: &mut usize, digit: &dyn Fn(u8) -> Option<u32>) -> Option<u32> {
    let mut n = 0u32;
    let mut shift = 0u32;
    loop {
        let d = digit(*bytes.get(*i)?)?;
        *i += 1;
        n |= (d & 31).checked_shl(shift)?;
        if d < 32 {
            return Some(n);
        }
        shift += 5;
    }
}

/// Reads postings back: (document, record, value). The tests' reader, and the reference for
/// `busca.js`.
pub fn decode(text: &str) -> Option<Vec<(u32, u32, u8)>> {
    let digit = |c: u8| DIGITS.iter().position(|d| *d == c).and_then(|p| u32::try_from(p).ok());
    if let Some(rest) = text.strip_prefix('~') {
        let bytes = rest.as_bytes();
        let mut i = 0;
        let mut doc = varint_at(bytes, &mut i, &digit)?;
        let mut out = Vec::new();
        for &c in bytes.get(i..)? {
            let d = digit(c)?;
            for cell in [d & 7, d >> 3] {
                if cell != 0 {
                    let q = [0u8, 3, 8, 13].get((cell >> 1) as usize).copied()?;
                    out.push((doc, 0, q << 2 | u8::try_from(cell & 1).ok()? << 1));
                }
                doc = doc.checked_add(1)?;
            }
        }
        return Some(out);
    }
    let (dense, bytes) = match text.strip_prefix('.') {
        Some(rest) => (true, rest.as_bytes()),
        None => (false, text.as_bytes()),
    };
    let mut i = 0;
    let varint = |i: &mut usize| varint_at(bytes, i, &digit);
    let mut out = Vec::new();
    let mut doc = if dense { varint(&mut i)? } else { 0 };
    let mut first = true;
    while i < bytes.len() {
        if dense {
            if !first {
                doc = doc.checked_add(1)?;
            }
        } else {
            doc = doc.checked_add(varint(&mut i)?)?;
        }
        first = false;
        let value = u8::try_from(digit(*bytes.get(i)?)?).ok()?;
        i += 1;
        if dense && value == 0 {
            continue;
        }
        let record = if value & 1 == 1 { varint(&mut i)? } else { 0 };
        out.push((doc, record, value));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip_in_both_lossless_forms() {
        let sparse: Vec<(u32, u32, u8)> =
            vec![(0, 0, 4 << 2), (31, 0, (15 << 2) | 2), (40, 3, 5), (40, 1234, 1 << 2 | 1), (100_000, 0, 8)];
        let dense: Vec<(u32, u32, u8)> =
            (7u32..300).filter(|d| d % 5 != 0).map(|d| (d, d % 3, 4 | (d % 2) as u8)).collect();
        for (list, is_dense) in [(sparse, false), (dense, true)] {
            let text = encode(&list, 100_000);
            assert_eq!(text.starts_with('.'), is_dense, "{text}");
            let Some(back) = decode(&text) else { panic!("{text} does not decode") };
            let want: Vec<(u32, u32, u8)> =
                list.iter().map(|&(d, r, v)| (d, if v & 1 == 1 { r } else { 0 }, v)).collect();
            assert_eq!(back, want);
            assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'));
        }
        // A word in two documents of three, one posting each: a digit per document.
        let most: Vec<(u32, u32, u8)> = (0..10_000).filter(|d| d % 3 != 0).map(|d| (d, 0, 4)).collect();
        assert_eq!(encode(&most, 100_000).len(), 2 + (9_998 - 1 + 1));
    }

    #[test]
    fn a_word_in_most_documents_is_packed_two_documents_a_digit() {
        // Values 1..15 (and title-only), with and without the title bit, some documents without.
        let list: Vec<(u32, u32, u8)> = (5u32..1005)
            .filter(|d| d % 7 != 0)
            .map(|d| (d, 0, (((d % 16) << 2) | (d % 2) << 1) as u8))
            .filter(|p| p.2 >= 2)
            .collect();
        let text = encode(&list, 1_200);
        assert!(text.starts_with('~') && text.len() <= 3 + 1000 / 2, "{}", text.len());
        let Some(back) = decode(&text) else { panic!("{text} does not decode") };
        let tiers: Vec<(u32, u32, u8)> = list
            .iter()
            .map(|&(d, _, v)| {
                let q: u8 = [0, 3, 8, 13][(cell(v) >> 1) as usize];
                (d, 0, q << 2 | (v & 2))
            })
            .collect();
        assert_eq!(back, tiers);
        // Not for a word in half of the documents or fewer, nor with records.
        assert!(!encode(&list, 2 * list.len()).starts_with('~'));
        let with_record: Vec<(u32, u32, u8)> = list.iter().map(|&(d, _, v)| (d, 1, v | 1)).collect();
        assert!(!encode(&with_record, 1_200).starts_with('~'));
    }

    /// The shapes of runs of documents put end to end ([`Shape::then`]) are the shape of all
    /// of them, in every form, wherever the runs split.
    #[test]
    fn shapes_of_runs_add_up_to_the_shape_of_all() {
        let seed = std::cell::Cell::new(11u64);
        let next = |n: u64| {
            seed.set(seed.get().wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407));
            (seed.get() >> 33) % n
        };
        let mut forms = std::collections::BTreeSet::new();
        for round in 0..3000 {
            let documents = 1 + next(200) as u32;
            let every = 1 + next(4) as u32;
            let mut list: Vec<(u32, u32, u8)> = Vec::new();
            for doc in (next(5) as u32..documents).filter(|d| d % every == 0 && next(8) != 0) {
                // Records, several postings per document (sparse); records, one posting per
                // document (dense); no records (packed, when in most documents).
                let (records, postings) = match round % 3 {
                    0 => (true, 1 + next(2)),
                    1 => (true, 1),
                    _ => (false, 1),
                };
                for r in 0..postings {
                    let value = ((1 + next(15) as u8) << 2) | if records { 1 } else { (next(2) as u8) << 1 };
                    list.push((doc, r as u32 + next(40) as u32, value));
                }
            }
            let mut want = Shape::default();
            list.iter().for_each(|&(d, r, v)| want.add(d, r, v));
            let form = want.form(documents as usize).0;
            forms.insert(format!("{form:?}"));
            // Cut the documents into runs at random places.
            let mut cuts: Vec<u32> = (0..next(4)).map(|_| next(u64::from(documents) + 1) as u32).collect();
            cuts.sort_unstable();
            cuts.push(u32::MAX);
            let mut runs = vec![Shape::default(); cuts.len()];
            for &(d, r, v) in &list {
                let run = cuts.iter().position(|&c| d < c).unwrap_or(0);
                runs[run].add(d, r, v);
            }
            let got = runs.iter().fold(Shape::default(), |a, b| a.then(b));
            if want.df == 0 {
                assert_eq!(got.df, 0);
                continue;
            }
            assert_eq!(got, want, "{list:?} {cuts:?}");
        }
        assert_eq!(forms.len(), 3, "{forms:?}");
    }

    /// The browser's decoder (`busca.js`) is checked against the same vectors in
    /// `tests/a11y/search.test.mjs`: one string of each form.
    #[test]
    fn the_shared_vectors_decode() {
        let vectors: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/postings.json")).unwrap_or_default();
        let vectors = vectors.as_array().cloned().unwrap_or_default();
        let forms: String = vectors.iter().filter_map(|v| v["text"].as_str()?.chars().next()).collect();
        assert_eq!(forms.chars().filter(|c| ['.', '~'].contains(c)).collect::<String>(), ".~", "{forms}");
        for v in vectors {
            let text = v["text"].as_str().unwrap_or_default();
            let want: Vec<(u32, u32, u8)> = serde_json::from_value(v["postings"].clone()).unwrap_or_default();
            assert!(!want.is_empty());
            assert_eq!(decode(text), Some(want), "{text}");
        }
    }
}
