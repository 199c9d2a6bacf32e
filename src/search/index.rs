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
use rayon::prelude::*;
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
    pub(super) buckets: u32,
    /// Each filter's documents: first and end numbers.
    pub(super) kinds: Vec<(Search, u32, u32)>,
    /// The documents, by item, in the order of their numbers; and where document `n` is.
    pub(super) docs: Vec<Docs>,
    pub(super) places: Vec<(u32, u32)>,
    /// Every key of the store, by its number: its text and its postings (encoded; empty when
    /// no document has it).
    pub(super) keys: Vec<(Arc<str>, String)>,
    /// Each bucket's keys with postings (numbers in `keys`), in the order of their text.
    pub(super) bucket_keys: Vec<Vec<u32>>,
    /// The files that differ from the previous assembly's, when this index was patched from
    /// it (see [`super::live`]); `None` for a new index (all of them).
    pub(super) changed: Option<Changed>,
}

/// The files of a patched index that changed: buckets of keys and files of documents.
#[derive(Debug, Default)]
pub(super) struct Changed {
    pub(super) buckets: std::collections::BTreeSet<u32>,
    pub(super) files: std::collections::BTreeSet<u32>,
}

/// One source of documents, in the order of their numbers: its filter, its item's site path
/// and its documents.
pub(super) struct Entry<'a> {
    pub(super) group: Search,
    /// Borrowed from the model (the dev loop lists every item at each assembly).
    pub(super) path: std::borrow::Cow<'a, str>,
    pub(super) docs: Docs,
}

/// The sources of `site` in numbering order, with their documents from `store` (a source the
/// store lacks, or has with another number of documents, is read from the model here; the
/// store keeps only the site's items afterwards).
fn entries<'a>(site: &'a Site, store: &Store) -> Vec<Entry<'a>> {
    store.flush();
    let sources: Vec<(Search, extract::Source, &str)> = extract::sources(site)
        .into_iter()
        .filter_map(|(group, source)| Some((group, source, extract::origin(site, source)?.path.as_str())))
        .collect();
    let found = store.get_all(sources.iter().map(|&(_, _, path)| path));
    let mut entries = Vec::with_capacity(sources.len());
    for (&(group, source, path), found) in sources.iter().zip(found) {
        let count = extract::doc_count(site, source);
        let docs = match found {
            Some(found) if found.len() == count => found,
            _ => {
                let text = |markdown: &str| crate::markdown::plain_text(markdown);
                store.put(path, extract::documents(site, source, &text));
                store.flush();
                store.get(path).unwrap_or_default()
            }
        };
        entries.push(Entry { group, path: std::borrow::Cow::Borrowed(path), docs });
    }
    // Every item's path is in the store now: more paths there are items gone from the site.
    if store.len() > entries.len() {
        let paths: std::collections::HashSet<&str> = sources.iter().map(|&(_, _, path)| path).collect();
        store.retain(|path| paths.contains(path));
    }
    entries
}

impl Index {
    /// The index of `site` from the documents in `store`. Each key's postings are encoded as
    /// the documents are read, in two passes (what decides each key's form, then the digits):
    /// no list of every posting. A store that keeps its index (the dev loop's, see
    /// [`Store::keeping`]) has it patched instead, when only some documents changed.
    pub(crate) fn assemble(site: &Site, store: &Store) -> Arc<Index> {
        let entries = entries(site, store);
        if let Some(index) = super::live::assemble(store, &entries) {
            return index;
        }
        Arc::new(Index::fresh(entries, store.keys()))
    }

    /// The index of `entries`, whose documents number their keys as `all_keys` does.
    pub(super) fn fresh(entries: Vec<Entry<'_>>, all_keys: Vec<Arc<str>>) -> Index {
        let (docs, kinds, places) = layout(entries);
        let n = places.len();
        let keys = all_keys.len();
        let threads = rayon::current_num_threads().max(1);
        // What decides each key's form is gathered in runs of documents, one per thread, and
        // the runs' shapes are put end to end.
        let runs = runs(&docs, threads);
        // Every posting of a run with its document's number, in order.
        let each = |run: &Run<'_>, f: &mut dyn FnMut(u32, u32, u32, u8)| {
            for (i, analysed) in run.docs.iter().flat_map(|d| d.iter()).enumerate() {
                let doc = u32::try_from(run.first + i).unwrap_or(u32::MAX);
                analysed.each_posting(|key, record, value| f(key, doc, record, value));
            }
        };
        let shapes: Vec<Vec<Shape>> = runs
            .par_iter()
            .map(|run| {
                let mut shapes = vec![Shape::default(); keys];
                each(run, &mut |key, doc, record, value| {
                    if let Some(shape) = shapes.get_mut(key as usize) {
                        shape.add(doc, record, value);
                    }
                });
                shapes
            })
            .collect();
        let mut whole = vec![Shape::default(); keys];
        for run in &shapes {
            whole.iter_mut().zip(run).for_each(|(w, s)| *w = w.then(s));
        }
        drop(shapes);
        // The digits are written by class of keys (key number modulo the threads), each
        // thread reading every posting and writing its keys', each key in one buffer of its
        // exact length. (Not by runs of documents, as the shapes are: every key's digits
        // would then be in as many parts as runs until joined, more memory at the peak.)
        let all = Run { docs: &docs, first: 0 };
        let classes: Vec<Vec<Option<Writer>>> = (0..threads)
            .into_par_iter()
            .map(|class| {
                let mut writers: Vec<Option<Writer>> =
                    whole.iter().skip(class).step_by(threads).map(|s| (s.df > 0).then(|| Writer::new(s, n))).collect();
                each(&all, &mut |key, doc, record, value| {
                    if key as usize % threads == class {
                        if let Some(Some(writer)) = writers.get_mut(key as usize / threads) {
                            writer.push(doc, record, value);
                        }
                    }
                });
                writers
            })
            .collect();
        let mut classes: Vec<std::vec::IntoIter<Option<Writer>>> = classes.into_iter().map(Vec::into_iter).collect();
        let encoded = all_keys.into_iter().enumerate().map(|(k, key)| {
            let writer = classes.get_mut(k % threads).and_then(|class| class.next().flatten());
            (key, writer.map(Writer::finish).unwrap_or_default())
        });
        Index::of(docs, kinds, places, encoded.collect())
    }

    /// The index of documents laid out by [`layout`] and every key with its postings.
    pub(super) fn of(
        docs: Vec<Docs>,
        kinds: Vec<(Search, u32, u32)>,
        places: Vec<(u32, u32)>,
        keys: Vec<(Arc<str>, String)>,
    ) -> Index {
        let buckets = bucket_count(places.len());
        let mut bucket_keys = vec![Vec::new(); buckets as usize];
        for (k, (key, postings)) in keys.iter().enumerate() {
            if !postings.is_empty() {
                if let Some(list) = bucket_keys.get_mut(bucket_of(key, buckets) as usize) {
                    list.push(u32::try_from(k).unwrap_or(u32::MAX));
                }
            }
        }
        for list in &mut bucket_keys {
            list.sort_unstable_by(|a, b| keys.get(*a as usize).map(|k| &k.0).cmp(&keys.get(*b as usize).map(|k| &k.0)));
        }
        Index { buckets, kinds, docs, places, keys, bucket_keys, changed: None }
    }

    /// Whether the file of the index `which` may differ from the one the previous assembly
    /// gave (always, for a new index): the dev loop writes only those.
    pub(crate) fn changed(&self, which: crate::render::routes::SearchFile) -> bool {
        use crate::render::routes::SearchFile;
        match (&self.changed, which) {
            (None, _) | (_, SearchFile::Meta) => true,
            (Some(changed), SearchFile::Terms(b)) => changed.buckets.contains(&b),
            (Some(changed), SearchFile::Docs(f)) => changed.files.contains(&f),
        }
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
            let Some((key, postings)) = self.keys.get(k as usize) else { continue };
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
            match self.docs.get(slot as usize).and_then(|d| d.get(j as usize)) {
                Some(doc) => doc.with_fragment(|fragment| out.push_str(fragment)),
                None => out.push_str("null"),
            }
        }
        out.push(']');
        out.into_bytes()
    }
}

/// The documents of `entries` numbered in order: each source's documents, each filter's
/// first and end numbers, and where each document is (source, position).
pub(super) type Layout = (Vec<Docs>, Vec<(Search, u32, u32)>, Vec<(u32, u32)>);

pub(super) fn layout(entries: Vec<Entry<'_>>) -> Layout {
    let mut docs: Vec<Docs> = Vec::with_capacity(entries.len());
    let mut places = Vec::with_capacity(entries.len());
    let mut kinds: Vec<(Search, u32, u32)> = Vec::new();
    let mut n = 0u32;
    for entry in entries {
        let added = u32::try_from(entry.docs.len()).unwrap_or(0);
        match kinds.last_mut() {
            Some((last, _, end)) if *last == entry.group => *end += added,
            _ => kinds.push((entry.group, n, n + added)),
        }
        let slot = u32::try_from(docs.len()).unwrap_or(u32::MAX);
        places.extend((0..added).map(|j| (slot, j)));
        n += added;
        docs.push(entry.docs);
    }
    (docs, kinds, places)
}

/// Consecutive items of an index and the number of their first document.
struct Run<'a> {
    docs: &'a [Docs],
    first: usize,
}

/// `docs` in up to `count` runs of about as many documents each.
fn runs(docs: &[Docs], count: usize) -> Vec<Run<'_>> {
    let total: usize = docs.iter().map(|d| d.len()).sum();
    let per_run = total.div_ceil(count.max(1)).max(1);
    let mut runs = Vec::with_capacity(count);
    let (mut start, mut first, mut size) = (0, 0, 0);
    for (i, d) in docs.iter().enumerate() {
        size += d.len();
        if size >= per_run {
            runs.push(Run { docs: docs.get(start..=i).unwrap_or_default(), first });
            (start, first, size) = (i + 1, first + size, 0);
        }
    }
    if start < docs.len() || runs.is_empty() {
        runs.push(Run { docs: docs.get(start..).unwrap_or_default(), first });
    }
    runs
}

/// The filters `site` has documents of, in order (without assembling the index).
pub(crate) fn kinds(site: &Site) -> Vec<Search> {
    let mut out: Vec<Search> = Vec::new();
    // Their order within a filter does not matter here: not sorted by address.
    for (group, source) in extract::unsorted_sources(site) {
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
