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
//! Postings: see [`super::postings`].
//!
//! Scores stay local to a document (no average length, no document frequency: the browser
//! weighs rare words by the length of their postings), so an edit changes only its own.

use super::extract;
use super::postings::{Shape, Writer};
use super::store::{Docs, Store};
use crate::kinds::Search;
use crate::model::Site;
use std::sync::Arc;

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

pub use super::postings::decode;

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

#[cfg(test)]
mod tests {
    use super::*;

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
