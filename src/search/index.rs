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
use super::store::{Analysed, Store};
use crate::kinds::Search;
use crate::model::Site;
use std::sync::Arc;

const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Documents per bucket of keys, on average: sets how many buckets a site gets.
const DOCS_PER_BUCKET: usize = 16;
const MAX_BUCKETS: usize = 4096;

/// Documents per `d/` file.
pub(crate) const DOCS_PER_FILE: usize = 4;

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
    /// Each document's fragment, by number.
    fragments: Vec<Arc<str>>,
    /// Keys that have postings: text, and their range in `postings`.
    keys: Vec<(Arc<str>, usize, usize)>,
    /// (document, record << 6 | value), grouped by key, each group in order.
    postings: Vec<(u32, u32)>,
    /// Each bucket's keys (indices in `keys`), in the order of their text.
    bucket_keys: Vec<Vec<usize>>,
}

impl Index {
    /// The index of `site` from the documents in `store`. A source the store lacks (or has
    /// with another number of documents) is read from the model here; the store keeps only
    /// the site's items.
    pub(crate) fn assemble(site: &Site, store: &Store) -> Index {
        let sources = extract::sources(site);
        let mut docs: Vec<Arc<[Analysed]>> = Vec::with_capacity(sources.len());
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
                    let fresh = extract::documents(site, source, &text);
                    store.put(&origin.path, &fresh);
                    store.get(&origin.path).unwrap_or_default()
                }
            };
            let added = u32::try_from(analysed.len()).unwrap_or(0);
            match kinds.last_mut() {
                Some((last, _, end)) if *last == group => *end += added,
                _ => kinds.push((group, n, n + added)),
            }
            n += added;
            docs.push(analysed);
        }
        store.retain(|path| paths.contains(path));
        let all_keys = store.keys();
        // Postings grouped by key: count, place, fill (documents come in order).
        let mut counts = vec![0usize; all_keys.len() + 1];
        for posting in docs.iter().flat_map(|d| d.iter()).flat_map(|a| a.postings.iter()) {
            if let Some(c) = counts.get_mut(posting.0 as usize + 1) {
                *c += 1;
            }
        }
        let mut sum = 0;
        for c in &mut counts {
            sum += *c;
            *c = sum;
        }
        let starts = counts.clone();
        let mut postings = vec![(0u32, 0u32); counts.last().copied().unwrap_or(0)];
        let mut fragments = Vec::with_capacity(n as usize);
        for (doc_no, analysed) in docs.iter().flat_map(|d| d.iter()).enumerate() {
            let doc_no = u32::try_from(doc_no).unwrap_or(u32::MAX);
            for &(key, packed) in analysed.postings.iter() {
                if let Some(at) = counts.get_mut(key as usize) {
                    if let Some(slot) = postings.get_mut(*at) {
                        *slot = (doc_no, packed);
                    }
                    *at += 1;
                }
            }
            fragments.push(Arc::clone(&analysed.fragment));
        }
        let buckets = bucket_count(n as usize);
        let mut keys = Vec::new();
        let mut bucket_keys = vec![Vec::new(); buckets as usize];
        for (id, key) in all_keys.iter().enumerate() {
            let (start, end) = (starts.get(id).copied().unwrap_or(0), starts.get(id + 1).copied().unwrap_or(0));
            if start < end {
                if let Some(list) = bucket_keys.get_mut(bucket_of(key, buckets) as usize) {
                    list.push(keys.len());
                }
                keys.push((Arc::clone(key), start, end));
            }
        }
        for list in &mut bucket_keys {
            list.sort_unstable_by(|a, b| keys.get(*a).map(|k| &k.0).cmp(&keys.get(*b).map(|k| &k.0)));
        }
        Index { buckets, kinds, fragments, keys, postings, bucket_keys }
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
            "n": self.fragments.len(),
            "k": kinds,
            "s": stop,
        });
        serde_json::to_vec(&meta).unwrap_or_default()
    }

    /// `busca/t/<bucket>.json`.
    pub(crate) fn bucket_json(&self, bucket: u32) -> Vec<u8> {
        let mut out = String::from("{");
        for (i, &k) in self.bucket_keys.get(bucket as usize).into_iter().flatten().enumerate() {
            let Some((key, start, end)) = self.keys.get(k) else { continue };
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(&**key).unwrap_or_default());
            out.push_str(":\"");
            out.push_str(&encode(self.postings.get(*start..*end).unwrap_or_default(), self.fragments.len()));
            out.push('"');
        }
        out.push('}');
        out.into_bytes()
    }

    /// `busca/d/<file>.json`.
    pub(crate) fn docs_json(&self, file: u32) -> Vec<u8> {
        let first = (file as usize).saturating_mul(DOCS_PER_FILE);
        let last = first.saturating_add(DOCS_PER_FILE).min(self.fragments.len());
        let mut out = String::from("[");
        for (i, fragment) in self.fragments.get(first..last).unwrap_or_default().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(fragment);
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

fn push_varint(out: &mut String, mut n: u32) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        let digit = if n > 0 { low | 32 } else { low };
        out.push(char::from(DIGITS.get(digit).copied().unwrap_or(b'A')));
        if n == 0 {
            break;
        }
    }
}

fn varint_len(mut n: u32) -> usize {
    let mut len = 1;
    while n >= 32 {
        n >>= 5;
        len += 1;
    }
    len
}

fn digit(value: u32) -> char {
    char::from(DIGITS.get((value & 63) as usize).copied().unwrap_or(b'A'))
}

/// The packed cell of a value digit (see the module's documentation).
fn cell(value: u32) -> u32 {
    let tier = match (value >> 2) & 15 {
        0 => 0,
        1..=5 => 1,
        6..=10 => 2,
        _ => 3,
    };
    tier << 1 | (value >> 1) & 1
}

/// The postings of one key, `(document, record << 6 | value)` in order, in the shorter form
/// (packed when the key is in more than half of the `documents`).
fn encode(list: &[(u32, u32)], documents: usize) -> String {
    let record = |packed: u32| (packed & 1 == 1).then_some(packed >> 6);
    let mut sparse_len = 0;
    let mut previous = 0u32;
    let mut one_per_doc = true;
    for (i, &(doc, packed)) in list.iter().enumerate() {
        if i > 0 && doc == previous {
            one_per_doc = false;
        }
        sparse_len += varint_len(doc.wrapping_sub(previous)) + 1 + record(packed).map_or(0, varint_len);
        previous = doc;
    }
    let (first, last) = (list.first().map_or(0, |p| p.0), list.last().map_or(0, |p| p.0));
    let records: usize = list.iter().filter_map(|p| record(p.1)).map(varint_len).sum();
    let dense_len = 1 + varint_len(first) + last.saturating_sub(first) as usize + 1 + records;
    if one_per_doc && records == 0 && list.len() * 2 > documents {
        let span = last.saturating_sub(first) as usize + 1;
        let mut cells = vec![0u32; span + 1];
        for &(doc, packed) in list {
            if let Some(c) = cells.get_mut((doc - first) as usize) {
                *c = cell(packed);
            }
        }
        let mut out = String::with_capacity(2 + span / 2 + 1);
        out.push('~');
        push_varint(&mut out, first);
        for pair in cells.chunks_exact(2) {
            out.push(digit(pair.first().copied().unwrap_or(0) | pair.get(1).copied().unwrap_or(0) << 3));
        }
        return out;
    }
    if one_per_doc && dense_len < sparse_len {
        let mut out = String::with_capacity(dense_len);
        out.push('.');
        push_varint(&mut out, first);
        let mut next = first;
        for &(doc, packed) in list {
            for _ in next..doc {
                out.push('A');
            }
            out.push(digit(packed));
            if let Some(r) = record(packed) {
                push_varint(&mut out, r);
            }
            next = doc + 1;
        }
        return out;
    }
    let mut out = String::with_capacity(sparse_len);
    let mut previous = 0u32;
    for &(doc, packed) in list {
        push_varint(&mut out, doc.wrapping_sub(previous));
        previous = doc;
        out.push(digit(packed));
        if let Some(r) = record(packed) {
            push_varint(&mut out, r);
        }
    }
    out
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

    fn packed(record: u32, value: u8) -> u32 {
        record << 6 | u32::from(value)
    }

    #[test]
    fn postings_round_trip_in_both_forms() {
        let sparse = vec![
            (0, packed(0, 4 << 2)),
            (31, packed(0, (15 << 2) | 2)),
            (40, packed(0, 5)),
            (40, packed(1234, 1 << 2 | 1)),
            (100_000, packed(0, 8)),
        ];
        let dense: Vec<(u32, u32)> =
            (7u32..300).filter(|d| d % 5 != 0).map(|d| (d, (d % 3) << 6 | 4 | (d % 2))).collect();
        for (list, is_dense) in [(sparse, false), (dense, true)] {
            let text = encode(&list, 100_000);
            assert_eq!(text.starts_with('.'), is_dense, "{text}");
            let Some(back) = decode(&text) else { panic!("{text} does not decode") };
            let want: Vec<(u32, u32, u8)> =
                list.iter().map(|&(d, p)| (d, if p & 1 == 1 { p >> 6 } else { 0 }, (p & 63) as u8)).collect();
            assert_eq!(back, want);
            assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'));
        }
        // A word in two documents of three, one posting each: a digit per document.
        let most: Vec<(u32, u32)> = (0..10_000).filter(|d| d % 3 != 0).map(|d| (d, packed(0, 4))).collect();
        assert_eq!(encode(&most, 100_000).len(), 2 + (9_998 - 1 + 1));
    }

    #[test]
    fn a_word_in_most_documents_is_packed_two_documents_a_digit() {
        // Values 1..15 (and title-only), with and without the title bit, some documents without.
        let list: Vec<(u32, u32)> = (5u32..1005)
            .filter(|d| d % 7 != 0)
            .map(|d| (d, ((d % 16) << 2) | (d % 2) << 1))
            .filter(|p| p.1 >= 2)
            .collect();
        let text = encode(&list, 1_200);
        assert!(text.starts_with('~') && text.len() <= 3 + 1000 / 2, "{}", text.len());
        let Some(back) = decode(&text) else { panic!("{text} does not decode") };
        let tiers: Vec<(u32, u32, u8)> = list
            .iter()
            .map(|&(d, v)| {
                let q = [0, 3, 8, 13][(cell(v) >> 1) as usize];
                (d, 0, (q << 2 | (v & 2)) as u8)
            })
            .collect();
        assert_eq!(back, tiers);
        // Not for a word in half of the documents or fewer, nor with records.
        assert!(!encode(&list, 2 * list.len()).starts_with('~'));
        let with_record: Vec<(u32, u32)> = list.iter().map(|&(d, v)| (d, v | 1)).collect();
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
        assert_eq!(file_count(9), 3);
    }
}
