//! The inverted index and the files it is published as.
//!
//! Files, under `busca/` (paths relative to the site, so any sub-path works):
//! * `indice.json`: `{"v":1,"c":buckets,"n":documents,"k":[[kind id, label, first, end]…],
//!   "s":[stop words]}`: documents are numbered by kind, so a number says its kind.
//! * `t/<b>.json`: bucket `b` of the keys, `{"key": "postings", …}`; a key is in bucket
//!   `fnv1a32(utf8(key)) mod c` (`c` a power of two that grows with the site), so a query
//!   fetches one small file per word, and an edit rewrites only the buckets of its words.
//! * `d/<n>.json`: document `n` as results show it: `{"t":title,"u":path,"x":text}`, or for
//!   an article `{"t","u","r":[[anchor, citation, text]…]}`.
//!
//! Postings are a string of base-64 digits (`A`–`Z`, `a`–`z`, `0`–`9`, `-`, `_`), one posting
//! after another: the document number as a difference from the previous one (a varint: digits
//! ≥ 32 carry 5 bits and say another digit follows, least significant first), one digit of
//! value (bits 2–5: how much the record is about the word, 0–15; bit 1: the word is in the
//! title; bit 0: a record number follows), then the record number as a varint when bit 0 says
//! so. Scores stay local to a document (no average length, no document frequency: the browser
//! weighs rare words by the length of their postings), so an edit changes only its own.

use super::extract::{self, Doc, Kind, Source};
use super::text::{self, Analyzer};
use crate::model::Site;
use rayon::prelude::*;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// FNV-1a as a `Hasher`: the keys are short words, hashed millions of times per build;
/// SipHash's protection against chosen keys buys nothing here.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Documents per bucket of keys, on average: sets how many buckets a site gets.
const DOCS_PER_BUCKET: usize = 16;
const MAX_BUCKETS: usize = 4096;

/// BM25's term-frequency saturation with a fixed reference length (in words).
const K1: f64 = 1.2;
const B: f64 = 0.75;
const REFERENCE_LENGTH: f64 = 200.0;

/// How many buckets of keys a site with `documents` documents has.
pub fn bucket_count(documents: usize) -> u32 {
    let wanted = documents.div_ceil(DOCS_PER_BUCKET).clamp(1, MAX_BUCKETS);
    u32::try_from(wanted.next_power_of_two()).unwrap_or(1)
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Posting {
    doc: u32,
    record: u32,
    value: u8,
}

/// One document in the index.
struct Entry {
    source: Source,
    /// The published `d/<n>.json`.
    fragment: String,
    /// Its keys (ids), to take it out again when it changes.
    keys: Vec<u32>,
}

/// The search index of a site, ready to be written out file by file.
pub struct SearchIndex {
    entries: Vec<Entry>,
    by_source: HashMap<Source, u32>,
    kinds: Vec<(Kind, u32, u32)>,
    buckets: u32,
    keys: Vec<String>,
    key_ids: FastMap<String, u32>,
    postings: Vec<Vec<Posting>>,
    /// Key ids of each bucket.
    bucket_keys: Vec<BTreeSet<u32>>,
}

#[derive(Serialize)]
struct Fragment<'a> {
    t: &'a str,
    u: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    r: Option<Vec<[&'a str; 3]>>,
}

/// Characters of a record's text the results can quote from. The whole text is indexed; the
/// excerpt comes from its start, so that a phone downloads a few KB per result shown, not
/// whole pages (most pages say what they are about early; a longer page still ranks by all
/// of its words).
const EXCERPT_SOURCE: usize = 1500;

/// The start of `text`, at most [`EXCERPT_SOURCE`] characters, cut between words.
fn excerpt_source(text: &str) -> &str {
    match text.char_indices().nth(EXCERPT_SOURCE) {
        None => text,
        Some((end, _)) => {
            let head = text.get(..end).unwrap_or(text);
            head.rfind(char::is_whitespace).and_then(|cut| head.get(..cut)).unwrap_or(head)
        }
    }
}

fn fragment(doc: &Doc) -> String {
    let single = doc.records.len() == 1 && doc.records.first().is_some_and(|r| r.anchor.is_none());
    let f = if single {
        Fragment { t: &doc.title, u: &doc.url, x: doc.records.first().map(|r| excerpt_source(&r.text)), r: None }
    } else {
        let records = doc
            .records
            .iter()
            .map(|r| [r.anchor.as_deref().unwrap_or(""), r.label.as_deref().unwrap_or(""), excerpt_source(&r.text)])
            .collect();
        Fragment { t: &doc.title, u: &doc.url, x: None, r: Some(records) }
    };
    serde_json::to_string(&f).unwrap_or_default()
}

thread_local! {
    static ANALYZER: Analyzer = Analyzer::default();
    /// Word → keys: a site repeats its words, and stemming is the costly step. The keys are
    /// shared (`Arc`), so a posting costs no allocation.
    static CACHE: RefCell<FastMap<String, Vec<Arc<str>>>> = RefCell::new(FastMap::default());
}

fn keys_of(word: &str, mut f: impl FnMut(&Arc<str>)) {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(keys) = cache.get(word) {
            keys.iter().for_each(&mut f);
            return;
        }
        if cache.len() > 200_000 {
            cache.clear();
        }
        let keys: Vec<Arc<str>> = ANALYZER.with(|a| a.keys(word)).iter().map(Arc::from).collect();
        keys.iter().for_each(&mut f);
        cache.insert(word.to_owned(), keys);
    });
}

/// Value digit of one posting.
fn value(tf: u32, length: usize, title: bool, has_record: bool) -> u8 {
    let q = if tf == 0 {
        0
    } else {
        let tf = f64::from(tf);
        let norm = 1.0 - B + B * (length as f64) / REFERENCE_LENGTH;
        let w = tf * (K1 + 1.0) / (tf + K1 * norm);
        ((w / (K1 + 1.0) * 15.0).round() as u8).clamp(1, 15)
    };
    (q << 2) | (u8::from(title) << 1) | u8::from(has_record)
}

/// One posting before it has a document number: (key, record, value).
type Analysed = (Arc<str>, u32, u8);

/// The postings of one document.
fn analyse(doc: &Doc) -> Vec<Analysed> {
    let multi = doc.records.len() > 1 || doc.records.first().is_some_and(|r| r.anchor.is_some());
    let mut title: BTreeSet<Arc<str>> = BTreeSet::new();
    for (a, b) in text::words(&doc.title_text) {
        keys_of(doc.title_text.get(a..b).unwrap_or_default(), |k| {
            title.insert(Arc::clone(k));
        });
    }
    let mut out = Vec::new();
    let mut tf: FastMap<Arc<str>, u32> = FastMap::default();
    for (index, record) in doc.records.iter().enumerate() {
        tf.clear();
        let mut length = 0usize;
        for (a, b) in text::words(&record.text) {
            length += 1;
            keys_of(record.text.get(a..b).unwrap_or_default(), |k| match tf.get_mut(k) {
                Some(n) => *n += 1,
                None => {
                    tf.insert(Arc::clone(k), 1);
                }
            });
        }
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        for (key, n) in tf.drain() {
            let in_title = index == 0 && title.contains(&key);
            out.push((key, index, value(n, length, in_title, multi)));
        }
    }
    // Title words the text does not repeat still find the document.
    for key in title {
        if !out.iter().any(|(k, r, _)| *r == 0 && *k == key) {
            out.push((key, 0, value(0, 0, true, multi)));
        }
    }
    out
}

impl SearchIndex {
    /// Reads every document of `site` and indexes it (in parallel).
    pub fn build(site: &Site) -> SearchIndex {
        let sources = extract::sources(site);
        let mut index = SearchIndex {
            entries: Vec::with_capacity(sources.len()),
            by_source: HashMap::with_capacity(sources.len()),
            kinds: Vec::new(),
            buckets: bucket_count(sources.len()),
            keys: Vec::new(),
            key_ids: FastMap::default(),
            postings: Vec::new(),
            bucket_keys: Vec::new(),
        };
        index.bucket_keys = vec![BTreeSet::new(); index.buckets as usize];
        for kind in Kind::ALL {
            let first = sources.iter().position(|s| s.kind() == kind);
            let count = sources.iter().filter(|s| s.kind() == kind).count();
            if let Some(first) = first {
                let first = u32::try_from(first).unwrap_or(u32::MAX);
                let end = first.saturating_add(u32::try_from(count).unwrap_or(u32::MAX));
                index.kinds.push((kind, first, end));
            }
        }
        // In batches, so that the postings of the whole site are never held twice.
        for (batch_no, batch) in sources.chunks(512).enumerate() {
            let analysed: Vec<(Source, String, Vec<Analysed>)> = batch
                .par_iter()
                .map(|&source| match extract::document(site, source) {
                    Some(doc) => (source, fragment(&doc), analyse(&doc)),
                    None => (source, String::new(), Vec::new()),
                })
                .collect();
            for (offset, (source, fragment, postings)) in analysed.into_iter().enumerate() {
                let doc = u32::try_from(batch_no * 512 + offset).unwrap_or(u32::MAX);
                let keys = index.add_postings(doc, postings);
                index.by_source.insert(source, doc);
                index.entries.push(Entry { source, fragment, keys });
            }
        }
        index
    }

    fn key_id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.key_ids.get(key) {
            return id;
        }
        let id = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        let bucket = bucket_of(key, self.buckets) as usize;
        if let Some(set) = self.bucket_keys.get_mut(bucket) {
            set.insert(id);
        }
        self.key_ids.insert(key.to_owned(), id);
        self.keys.push(key.to_owned());
        self.postings.push(Vec::new());
        id
    }

    /// Adds a document's postings (appended in build, inserted in order on update); returns
    /// its key ids.
    fn add_postings(&mut self, doc: u32, postings: Vec<Analysed>) -> Vec<u32> {
        let mut keys = Vec::new();
        for (key, record, value) in postings {
            let id = self.key_id(&key);
            if let Some(list) = self.postings.get_mut(id as usize) {
                let posting = Posting { doc, record, value };
                match list.last() {
                    Some(last) if *last > posting => {
                        let at = list.partition_point(|p| *p < posting);
                        list.insert(at, posting);
                    }
                    _ => list.push(posting),
                }
            }
            keys.push(id);
        }
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Re-reads the documents of `changed` (whose place in the site did not change: the dev
    /// loop's body-only edits) and returns the buckets whose bytes may have changed; `None`
    /// when a source is unknown (the caller builds a new index).
    pub fn update(&mut self, site: &Site, changed: &[Source]) -> Option<BTreeSet<u32>> {
        let mut touched = BTreeSet::new();
        for source in changed {
            let doc = *self.by_source.get(source)?;
            let new = extract::document(site, *source)?;
            let old_keys = std::mem::take(&mut self.entries.get_mut(doc as usize)?.keys);
            for &id in &old_keys {
                if let Some(list) = self.postings.get_mut(id as usize) {
                    list.retain(|p| p.doc != doc);
                }
            }
            let new_keys = self.add_postings(doc, analyse(&new));
            for &id in old_keys.iter().chain(&new_keys) {
                if let Some(key) = self.keys.get(id as usize) {
                    touched.insert(bucket_of(key, self.buckets));
                }
            }
            let entry = self.entries.get_mut(doc as usize)?;
            entry.keys = new_keys;
            entry.fragment = fragment(&new);
        }
        Some(touched)
    }

    pub fn buckets(&self) -> u32 {
        self.buckets
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The document number of `source`.
    pub fn doc_of(&self, source: Source) -> Option<u32> {
        self.by_source.get(&source).copied()
    }

    /// The kinds the site has, in filter order.
    pub fn kinds(&self) -> Vec<Kind> {
        self.kinds.iter().map(|(k, _, _)| *k).collect()
    }

    /// `busca/indice.json`.
    pub fn meta_json(&self) -> Vec<u8> {
        let kinds: Vec<(&str, &str, u32, u32)> =
            self.kinds.iter().map(|(k, first, end)| (k.id(), k.label(), *first, *end)).collect();
        let stop: Vec<&String> = super::stop::folded().iter().collect();
        let meta = serde_json::json!({
            "v": 1,
            "c": self.buckets,
            "n": self.entries.len(),
            "k": kinds,
            "s": stop,
        });
        serde_json::to_vec(&meta).unwrap_or_default()
    }

    /// `busca/t/<bucket>.json`.
    pub fn bucket_json(&self, bucket: u32) -> Vec<u8> {
        let mut map = serde_json::Map::new();
        let mut keys: Vec<(&str, u32)> = self
            .bucket_keys
            .get(bucket as usize)
            .into_iter()
            .flatten()
            .filter_map(|&id| self.keys.get(id as usize).map(|k| (k.as_str(), id)))
            .collect();
        keys.sort_unstable();
        for (key, id) in keys {
            let list = self.postings.get(id as usize).map(Vec::as_slice).unwrap_or_default();
            if !list.is_empty() {
                map.insert(key.to_owned(), serde_json::Value::String(encode(list)));
            }
        }
        serde_json::to_vec(&map).unwrap_or_default()
    }

    /// `busca/d/<doc>.json`.
    pub fn doc_json(&self, doc: usize) -> Option<Vec<u8>> {
        self.entries.get(doc).map(|e| e.fragment.clone().into_bytes())
    }

    /// Where document `doc` comes from.
    pub fn source(&self, doc: usize) -> Option<Source> {
        self.entries.get(doc).map(|e| e.source)
    }
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

fn encode(list: &[Posting]) -> String {
    let mut out = String::with_capacity(list.len() * 2);
    let mut previous = 0u32;
    for p in list {
        push_varint(&mut out, p.doc.wrapping_sub(previous));
        previous = p.doc;
        out.push(char::from(DIGITS.get(usize::from(p.value & 63)).copied().unwrap_or(b'A')));
        if p.value & 1 == 1 {
            push_varint(&mut out, p.record);
        }
    }
    out
}

/// Reads postings back: (document, record, value). The tests' reader, and the reference for
/// `busca.js`.
pub fn decode(text: &str) -> Option<Vec<(u32, u32, u8)>> {
    let digit = |c: u8| DIGITS.iter().position(|d| *d == c).and_then(|p| u32::try_from(p).ok());
    let bytes = text.as_bytes();
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
    let mut doc = 0u32;
    while i < bytes.len() {
        doc = doc.checked_add(varint(&mut i)?)?;
        let value = u8::try_from(digit(*bytes.get(i)?)?).ok()?;
        i += 1;
        let record = if value & 1 == 1 { varint(&mut i)? } else { 0 };
        out.push((doc, record, value));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip() {
        let list = vec![
            Posting { doc: 0, record: 0, value: 4 << 2 },
            Posting { doc: 31, record: 0, value: (15 << 2) | 2 },
            Posting { doc: 40, record: 0, value: 5 },
            Posting { doc: 40, record: 1234, value: 1 },
            Posting { doc: 100_000, record: 0, value: 8 },
        ];
        let text = encode(&list);
        let Some(back) = decode(&text) else { panic!("{text} does not decode") };
        let want: Vec<(u32, u32, u8)> = list.iter().map(|p| (p.doc, p.record, p.value)).collect();
        assert_eq!(back, want);
        assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }

    #[test]
    fn excerpts_come_from_the_start_cut_between_words() {
        assert_eq!(excerpt_source("curto"), "curto");
        let long = "palavra ".repeat(400);
        let cut = excerpt_source(&long);
        assert!(cut.chars().count() <= EXCERPT_SOURCE && cut.ends_with("palavra"), "{}", cut.len());
        let accents = "ção".repeat(1000);
        assert_eq!(excerpt_source(&accents).chars().count(), EXCERPT_SOURCE);
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
    }

    #[test]
    fn scores_saturate_and_titles_count() {
        assert_eq!(value(0, 0, true, false), 2);
        assert!(value(1, 10, false, false) < value(5, 10, false, false));
        assert!(value(3, 10, false, false) > value(3, 1000, false, false));
        assert_eq!(value(1000, 1, false, true) >> 2, 15);
        assert_eq!(value(1, 100_000, false, false) >> 2, 1);
    }

    #[test]
    fn a_title_ranks_and_records_land() {
        let doc = Doc {
            title: "CRAS Centro".into(),
            url: "unidades/cras-centro/".into(),
            title_text: "CRAS Centro".into(),
            records: vec![extract::Record { anchor: None, label: None, text: "Atende famílias do centro.".into() }],
        };
        let postings = analyse(&doc);
        let Some(cras) = postings.iter().find(|(k, _, _)| &**k == "cras") else { panic!("no cras") };
        assert_eq!(cras.2 & 2, 2, "title bit");
        let Some(famil) = postings.iter().find(|(k, _, _)| &**k == "famil") else { panic!("no famil") };
        assert_eq!(famil.2 & 2, 0);
        assert!(famil.2 >> 2 > 0);
    }
}
