//! The inverted index, assembled from the documents the render pass left in the [`Store`], and
//! the files it is published as.
//!
//! Files, under `busca/` (paths relative to the site, so any sub-path works):
//! * `indice.json`: `{"v":2,"c":buckets,"g":documents per file,"n":documents,
//!   "k":[[filter id, label, first, end]…],"s":[stop words]}`: documents are numbered by
//!   filter, so a number says its filter.
//! * `t/<b>.json`: bucket `b` of the keys, `{"key": "postings", …}`; a key is in bucket
//!   `fnv1a32(utf8(key)) mod c` (`c` a power of two that grows with the site), so a query
//!   fetches one small file per word.
//! * `d/<f>.json`: documents `f·g` to `f·g + g − 1` as results show them, a list of
//!   `{"t":title,"u":path,"x":text}`, or for an article `{"t","u","r":[[anchor, citation,
//!   text]…]}`: a few documents per file, so that a site of 10,000 pages does not publish
//!   10,000 more files, and a result costs a few KB.
//!
//! Postings are base-64 digits (`A`–`Z`, `a`–`z`, `0`–`9`, `-`, `_`). A posting is a document
//! number, a value digit (bits 2–5: how much the record is about the word, 1–15, or 0 for a
//! word only in the title; bit 1: the word is in the title; bit 0: a record number follows)
//! and the record number when bit 0 says so. Numbers are varints (digits ≥ 32 carry 5 bits and
//! say another digit follows, least significant first). Two forms, whichever is shorter:
//! * sparse: for each posting, the document as a difference from the previous one, its value
//!   digit, its record;
//! * dense (the string starts with `.`, one posting per document): the first document, then
//!   one value digit per document from it on (`A`, a value no posting has, for a document
//!   without the word), each followed by its record;
//! * packed (starts with `~`, for a word in more than half of the documents, one posting per
//!   document and no records): the first document, then one digit per two documents, three
//!   bits each (low bits first): 0 without the word, else `tier << 1 | title`, the value's
//!   1–15 in tiers 1–5, 6–10, 11–15 (0 for a title-only posting), read back as 3, 8 or 13.
//!   A word that common weighs little (the browser weighs words by how rare they are): its
//!   finer values are not worth a digit per document on every query that has it.
//!
//! Scores stay local to a document (no average length, no document frequency: the browser
//! weighs rare words by the length of their postings), so an edit changes only its own.

use super::extract;
use super::store::{Docs, Store};
use crate::kinds::Search;
use crate::model::Site;
use std::sync::Arc;

const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Documents per bucket of keys, on average: sets how many buckets a site gets.
const DOCS_PER_BUCKET: usize = 16;
const MAX_BUCKETS: usize = 4096;

/// Documents per `d/` file.
pub(crate) const DOCS_PER_FILE: usize = 8;

/// How many buckets of keys a site with `documents` documents has.
pub fn bucket_count(documents: usize) -> u32 {
    let wanted = documents.div_ceil(DOCS_PER_BUCKET).clamp(1, MAX_BUCKETS);
    u32::try_from(wanted.next_power_of_two()).unwrap_or(1)
}

/// How many `d/` files a site with `documents` documents has.
pub(crate) fn file_count(documents: usize) -> u32 {
    u32::try_from(documents.div_ceil(DOCS_PER_FILE)).unwrap_or(u32::MAX)
}

/// The bucket of `key` (FNV-1a over its UTF-8 bytes; `busca.js` computes the same).
pub fn bucket_of(key: &str, buckets: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in key.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash & buckets.saturating_sub(1)
}

/// The search index of a site, ready to be written out file by file.
#[derive(Debug)]
pub(crate) struct Index {
    buckets: u32,
    /// Each filter's documents: first and end numbers.
    kinds: Vec<(Search, u32, u32)>,
    /// The documents, by item, in the order of their numbers; and where document `n` is.
    docs: Vec<Docs>,
    places: Vec<(u32, u32)>,
    /// Keys that have postings: text and postings (encoded).
    keys: Vec<(Arc<str>, String)>,
    /// Each bucket's keys (indices in `keys`), in the order of their text.
    bucket_keys: Vec<Vec<usize>>,
}

impl Index {
    /// The index of `site` from the documents in `store`. A source the store lacks (or has
    /// with another number of documents) is read from the model here; the store keeps only
    /// the site's items. Each key's postings are encoded as the documents are read, in two
    /// passes (what decides each key's form, then the digits): no list of every posting.
    pub(crate) fn assemble(site: &Site, store: &Store) -> Index {
        store.flush();
        let sources = extract::sources(site);
        let mut docs: Vec<Docs> = Vec::with_capacity(sources.len());
        let mut places = Vec::with_capacity(sources.len());
        let mut kinds: Vec<(Search, u32, u32)> = Vec::new();
        let mut n = 0u32;
        let mut paths = std::collections::HashSet::with_capacity(sources.len());
        for &(group, source) in &sources {
            let Some(origin) = extract::origin(site, source) else { continue };
            paths.insert(origin.path.as_str());
            let count = extract::doc_count(site, source);
            let analysed = match store.get(&origin.path) {
                Some(found) if found.len() == count => found,
                _ => {
                    let text = |markdown: &str| crate::markdown::plain_text(markdown);
                    store.put(&origin.path, extract::documents(site, source, &text));
                    store.flush();
                    store.get(&origin.path).unwrap_or_default()
                }
            };
            let added = u32::try_from(analysed.len()).unwrap_or(0);
            match kinds.last_mut() {
                Some((last, _, end)) if *last == group => *end += added,
                _ => kinds.push((group, n, n + added)),
            }
            let slot = u32::try_from(docs.len()).unwrap_or(u32::MAX);
            places.extend((0..added).map(|j| (slot, j)));
            n += added;
            docs.push(analysed);
        }
        store.retain(|path| paths.contains(path));
        let all_keys = store.keys();
        // Every posting with its document's number, in order.
        let each = |f: &mut dyn FnMut(u32, u32, u32, u8)| {
            for (doc, analysed) in docs.iter().flat_map(|d| d.iter()).enumerate() {
                let doc = u32::try_from(doc).unwrap_or(u32::MAX);
                analysed.each_posting(|key, record, value| f(key, doc, record, value));
            }
        };
        let mut shapes = vec![Shape::default(); all_keys.len()];
        each(&mut |key, doc, record, value| {
            if let Some(shape) = shapes.get_mut(key as usize) {
                shape.add(doc, record, value);
            }
        });
        let mut writers: Vec<Option<Writer>> =
            shapes.iter().map(|s| (s.df > 0).then(|| Writer::new(s, n as usize))).collect();
        each(&mut |key, doc, record, value| {
            if let Some(Some(writer)) = writers.get_mut(key as usize) {
                writer.push(doc, record, value);
            }
        });
        let buckets = bucket_count(n as usize);
        let mut keys = Vec::new();
        let mut bucket_keys = vec![Vec::new(); buckets as usize];
        for (key, writer) in all_keys.iter().zip(writers) {
            if let Some(writer) = writer {
                if let Some(list) = bucket_keys.get_mut(bucket_of(key, buckets) as usize) {
                    list.push(keys.len());
                }
                keys.push((Arc::clone(key), writer.finish()));
            }
        }
        for list in &mut bucket_keys {
            list.sort_unstable_by(|a, b| keys.get(*a).map(|k| &k.0).cmp(&keys.get(*b).map(|k| &k.0)));
        }
        Index { buckets, kinds, docs, places, keys, bucket_keys }
    }

    /// `busca/indice.json`.
    pub(crate) fn meta_json(&self) -> Vec<u8> {
        let kinds: Vec<(&str, &str, u32, u32)> =
            self.kinds.iter().map(|(k, first, end)| (k.id(), k.label(), *first, *end)).collect();
        let stop: Vec<&String> = super::stop::folded().iter().collect();
        let meta = serde_json::json!({
            "v": 2,
            "c": self.buckets,
            "g": DOCS_PER_FILE,
            "n": self.places.len(),
            "k": kinds,
            "s": stop,
        });
        serde_json::to_vec(&meta).unwrap_or_default()
    }

    /// `busca/t/<bucket>.json`.
    pub(crate) fn bucket_json(&self, bucket: u32) -> Vec<u8> {
        let mut out = String::from("{");
        for (i, &k) in self.bucket_keys.get(bucket as usize).into_iter().flatten().enumerate() {
            let Some((key, postings)) = self.keys.get(k) else { continue };
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(&**key).unwrap_or_default());
            out.push_str(":\"");
            out.push_str(postings);
            out.push('"');
        }
        out.push('}');
        out.into_bytes()
    }

    /// `busca/d/<file>.json`.
    pub(crate) fn docs_json(&self, file: u32) -> Vec<u8> {
        let first = (file as usize).saturating_mul(DOCS_PER_FILE);
        let last = first.saturating_add(DOCS_PER_FILE).min(self.places.len());
        let mut out = String::from("[");
        for (i, &(slot, j)) in self.places.get(first..last).unwrap_or_default().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let doc = self.docs.get(slot as usize).and_then(|d| d.get(j as usize));
            out.push_str(doc.map_or("null", |d| &d.fragment));
        }
        out.push(']');
        out.into_bytes()
    }
}

/// The filters `site` has documents of, in order (without assembling the index).
pub(crate) fn kinds(site: &Site) -> Vec<Search> {
    let mut out: Vec<Search> = Vec::new();
    for (group, source) in extract::sources(site) {
        if out.last() != Some(&group) && extract::doc_count(site, source) > 0 {
            out.push(group);
        }
    }
    out
}

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
enum Form {
    Sparse,
    Dense,
    Packed,
}

/// What decides the form of a key's postings, gathered posting by posting (documents in
/// order, each document's postings in record order).
#[derive(Debug, Clone, Copy)]
struct Shape {
    df: u32,
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
    fn add(&mut self, doc: u32, record: u32, value: u8) {
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
struct Writer {
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
    fn new(shape: &Shape, documents: usize) -> Writer {
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

    fn push(&mut self, doc: u32, record: u32, value: u8) {
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

    fn finish(mut self) -> String {
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
    let varint = |i: &mut usize| -> Option<u32> {
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
    };
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

    #[test]
    fn bucket_counts_are_powers_of_two() {
        assert_eq!(bucket_count(0), 1);
        assert_eq!(bucket_count(16), 1);
        assert_eq!(bucket_count(17), 2);
        assert_eq!(bucket_count(10_000), 1024);
        assert_eq!(bucket_count(usize::MAX / 2), 4096);
        // FNV-1a of "a" is 0xe40c292c; busca.js is tested against the same value.
        assert_eq!(bucket_of("a", 1 << 31), 0xe40c292c & ((1 << 31) - 1));
        assert!(bucket_of("familia", 8) < 8);
        assert_eq!(file_count(0), 0);
        assert_eq!(file_count(9), 2);
    }
}
