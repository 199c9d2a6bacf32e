//! The dev loop's search index, kept between rebuilds and patched: after an edit, only the
//! documents that changed are taken out of the postings and put back, only the keys they
//! have (had) are encoded again, and the index says which of its files changed
//! ([`Index::changed`]), so that `serve` writes a few files instead of every bucket.
//!
//! Patching gives the bytes a fresh assembly gives: while the documents keep their numbers
//! (the same sources, in the same order, with as many documents each), a key's postings
//! depend only on its own list and the number of documents, and the buckets and the files of
//! documents only on their own keys and documents. Anything else (a page added, removed or
//! moved, an article more) assembles afresh.

use super::index::{layout, Changed, Entry, Index};
use super::postings;
use super::store::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// One posting of a key: document number, record number, value digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Posting {
    pub(super) doc: u32,
    pub(super) record: u32,
    pub(super) value: u8,
}

/// The index with what patching it needs.
pub(crate) struct Live {
    index: Arc<Index>,
    /// The site path of each source, in numbering order.
    paths: Vec<String>,
    /// Each key's postings by key number, in document then record order.
    postings: Vec<Vec<Posting>>,
}

/// Above one changed source in this many, assembling afresh costs less than patching.
const PATCH_AT_MOST: usize = 8;

/// The index of `entries` for a store that keeps its index: its kept one patched, or a new one
/// kept from now on. `None` for a store that does not keep its index (`build`'s).
pub(super) fn assemble(store: &Store, entries: &[Entry<'_>]) -> Option<Arc<Index>> {
    let mut slot = store.live()?;
    if let Some(live) = slot.as_mut() {
        let known = live.index.keys.len();
        if live.patch(entries, known, &store.keys_from(known)) {
            return Some(Arc::clone(&live.index));
        }
    }
    let live = Live::new(entries, store.keys());
    let index = Arc::clone(&live.index);
    *slot = Some(live);
    Some(index)
}

impl Live {
    fn new(entries: &[Entry<'_>], keys: Vec<Arc<str>>) -> Live {
        let paths = entries.iter().map(|e| e.path.to_string()).collect();
        let copy = entries.iter().map(|e| Entry { group: e.group, path: "".into(), docs: Arc::clone(&e.docs) });
        let (docs, kinds, places) = layout(copy.collect());
        let n = places.len();
        let mut lists: Vec<Vec<Posting>> = vec![Vec::new(); keys.len()];
        for (doc, analysed) in docs.iter().flat_map(|d| d.iter()).enumerate() {
            let doc = u32::try_from(doc).unwrap_or(u32::MAX);
            analysed.each_posting(|key, record, value| {
                if let Some(list) = lists.get_mut(key as usize) {
                    list.push(Posting { doc, record, value });
                }
            });
        }
        let encoded = keys.into_iter().zip(&lists).map(|(key, list)| (key, encode(list, n))).collect();
        let index = Arc::new(Index::of(docs, kinds, places, encoded));
        Live { index, paths, postings: lists }
    }

    /// Patches the index to `entries`; `false` (and nothing changed that matters) when the
    /// documents' numbers changed, too many documents changed, or the index is still in use.
    fn patch(&mut self, entries: &[Entry<'_>], known: usize, new_keys: &[Arc<str>]) -> bool {
        let Some(index) = Arc::get_mut(&mut self.index) else { return false };
        if entries.len() != index.docs.len() || entries.len() != self.paths.len() {
            return false;
        }
        // The sources that moved (another item's documents are in their slot now, as when a
        // retitled page moves among its neighbours): one block, from the first such slot to
        // the last, whose documents keep their numbers as a whole and are put back at once.
        let moved: Vec<usize> =
            entries.iter().zip(&self.paths).enumerate().filter(|(_, (e, p))| *e.path != ***p).map(|(i, _)| i).collect();
        let block = match (moved.first(), moved.last()) {
            (Some(&lo), Some(&hi)) => Some(lo..hi + 1),
            _ => None,
        };
        // The runs of slots whose documents are new: (slots, number of their first document).
        let mut renewed: Vec<(std::ops::Range<usize>, u32)> = Vec::new();
        let mut first = 0u32;
        let mut slot = 0;
        let count = |docs: &[super::store::Docs]| docs.iter().map(|d| d.len()).sum::<usize>();
        while slot < entries.len() {
            let (Some(entry), Some(old)) = (entries.get(slot), index.docs.get(slot)) else { return false };
            if let Some(block) = block.clone().filter(|b| b.start == slot) {
                let (Some(was), Some(is)) = (index.docs.get(block.clone()), entries.get(block.clone())) else {
                    return false;
                };
                let len = count(was);
                if is.iter().map(|e| e.docs.len()).sum::<usize>() != len {
                    return false;
                }
                renewed.push((block.clone(), first));
                first = first.saturating_add(u32::try_from(len).unwrap_or(u32::MAX));
                slot = block.end;
                continue;
            }
            if entry.docs.len() != old.len() {
                return false;
            }
            if !Arc::ptr_eq(&entry.docs, old) {
                renewed.push((slot..slot + 1, first));
            }
            first = first.saturating_add(u32::try_from(old.len()).unwrap_or(u32::MAX));
            slot += 1;
        }
        if !same_numbering(&index.kinds, entries) {
            return false;
        }
        // Rendered again with the same text: nothing to patch, only to remember.
        let (changed, same): (Vec<_>, Vec<_>) = renewed.into_iter().partition(|(slots, _)| {
            slots.len() != 1
                || match (entries.get(slots.start), index.docs.get(slots.start)) {
                    (Some(entry), Some(old)) => *entry.docs != **old,
                    _ => true,
                }
        });
        let slots: usize = changed.iter().map(|(slots, _)| slots.len()).sum();
        if slots.saturating_mul(PATCH_AT_MOST) > entries.len().max(PATCH_AT_MOST) {
            return false;
        }
        for (slots, _) in same {
            if let (Some(entry), Some(old)) = (entries.get(slots.start), index.docs.get_mut(slots.start)) {
                *old = Arc::clone(&entry.docs);
            }
        }
        let mut files = Changed::default();
        let all_keys = known + new_keys.len();
        if self.postings.len() < all_keys {
            self.postings.resize(all_keys, Vec::new());
        }
        if index.keys.len() == known {
            index.keys.extend(new_keys.iter().map(|key| (Arc::clone(key), String::new())));
        }
        let mut touched: BTreeSet<u32> = BTreeSet::new();
        for (slots, first) in changed {
            let (Some(now), Some(was)) = (entries.get(slots.clone()), index.docs.get(slots.clone())) else {
                return false;
            };
            let end = first.saturating_add(u32::try_from(count(was)).unwrap_or(u32::MAX));
            let mut fresh: BTreeMap<u32, Vec<Posting>> = BTreeMap::new();
            let mut keys_here: BTreeSet<u32> = BTreeSet::new();
            for analysed in was.iter().flat_map(|d| d.iter()) {
                analysed.each_posting(|key, _, _| {
                    keys_here.insert(key);
                });
            }
            for (doc, analysed) in (first..end).zip(now.iter().flat_map(|e| e.docs.iter())) {
                analysed.each_posting(|key, record, value| {
                    fresh.entry(key).or_default().push(Posting { doc, record, value });
                });
            }
            keys_here.extend(fresh.keys().copied());
            for key in keys_here {
                let Some(list) = self.postings.get_mut(key as usize) else { continue };
                let from = list.partition_point(|p| p.doc < first);
                let to = list.partition_point(|p| p.doc < end);
                let postings = fresh.remove(&key).unwrap_or_default();
                // A key whose postings are the same (most words of an edited page) encodes
                // the same: encoding the long lists of common words again was most of the
                // cost of a body edit at 10,000 pages.
                if list.get(from..to) == Some(postings.as_slice()) {
                    continue;
                }
                list.splice(from..to, postings);
                touched.insert(key);
            }
            // Where each document of the slots is now (their lengths may differ when they moved).
            let mut doc = first as usize;
            for slot in slots.clone() {
                let (Some(entry), Some(old)) = (entries.get(slot), index.docs.get_mut(slot)) else { return false };
                *old = Arc::clone(&entry.docs);
                if let Some(path) = self.paths.get_mut(slot) {
                    path.clear();
                    path.push_str(&entry.path);
                }
                let slot = u32::try_from(slot).unwrap_or(u32::MAX);
                for j in 0..entry.docs.len() {
                    if let Some(place) = index.places.get_mut(doc) {
                        *place = (slot, u32::try_from(j).unwrap_or(u32::MAX));
                    }
                    doc += 1;
                }
            }
            let per_file = u32::try_from(super::index::DOCS_PER_FILE).unwrap_or(1);
            files.files.extend((first..end).map(|d| d / per_file));
        }
        let n = index.places.len();
        for key in touched {
            let Some(list) = self.postings.get(key as usize) else { continue };
            let encoded = encode(list, n);
            let Some((text, postings)) = index.keys.get_mut(key as usize) else { continue };
            if *postings == encoded {
                continue;
            }
            let bucket = super::index::bucket_of(text, index.buckets);
            let (was, is) = (!postings.is_empty(), !encoded.is_empty());
            *postings = encoded;
            files.buckets.insert(bucket);
            if was == is {
                continue;
            }
            let text = Arc::clone(text);
            let all = &index.keys;
            let Some(list) = index.bucket_keys.get_mut(bucket as usize) else { continue };
            let at = list.partition_point(|&k| all.get(k as usize).is_some_and(|(t, _)| *t < text));
            if is {
                list.insert(at, key);
            } else if list.get(at) == Some(&key) {
                list.remove(at);
            }
        }
        index.changed = Some(files);
        true
    }
}

/// Whether `kinds` (each filter's first and end numbers) numbers the documents of `entries`
/// as they are now.
fn same_numbering(kinds: &[(crate::kinds::Search, u32, u32)], entries: &[Entry<'_>]) -> bool {
    let mut now: Vec<(crate::kinds::Search, u32, u32)> = Vec::new();
    let mut n = 0u32;
    for entry in entries {
        let added = u32::try_from(entry.docs.len()).unwrap_or(0);
        match now.last_mut() {
            Some((last, _, end)) if *last == entry.group => *end += added,
            _ => now.push((entry.group, n, n + added)),
        }
        n += added;
    }
    now == kinds
}

/// A key's postings in their form; empty without postings.
fn encode(list: &[Posting], documents: usize) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut shape = postings::Shape::default();
    for p in list {
        shape.add(p.doc, p.record, p.value);
    }
    let mut writer = postings::Writer::new(&shape, documents);
    for p in list {
        writer.push(p.doc, p.record, p.value);
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::super::extract::Doc;
    use super::*;
    use crate::kinds::Search;
    use crate::render::routes::SearchFile;

    /// The entries of `texts` (one page each, at `p<i>/`) as the store has them now.
    fn entries(store: &Store, texts: &[String]) -> Vec<Entry<'static>> {
        store.flush();
        (0..texts.len())
            .map(|i| {
                let path = format!("p{i}/");
                Entry { group: Search::Pages, docs: store.get(&path).unwrap_or_default(), path: path.into() }
            })
            .collect()
    }

    fn put(store: &Store, i: usize, text: &str) {
        store.put(&format!("p{i}/"), vec![Doc { url: format!("p{i}/"), ..Doc::page(text) }]);
    }

    /// Every file of `index`, by name.
    /// The index assembled afresh from the same entries, to compare a patched one with.
    fn fresh(store: &Store, entries: &[Entry<'_>]) -> Index {
        let entries =
            entries.iter().map(|e| Entry { group: e.group, path: e.path.clone(), docs: Arc::clone(&e.docs) }).collect();
        Index::fresh(entries, store.keys())
    }

    /// Which of the index's files `name` is (`indice.json`, `t/N.json`, `d/N.json`).
    fn which(name: &str) -> Option<SearchFile> {
        let number = |prefix: &str| name.strip_prefix(prefix)?.strip_suffix(".json")?.parse().ok();
        if name == "indice.json" {
            Some(SearchFile::Meta)
        } else if let Some(bucket) = number("t/") {
            Some(SearchFile::Terms(bucket))
        } else {
            number("d/").map(SearchFile::Docs)
        }
    }

    fn files(index: &Index) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        out.insert("indice.json".to_string(), index.meta_json());
        for b in 0..index.buckets {
            out.insert(format!("t/{b}.json"), index.bucket_json(b));
        }
        for f in 0..super::super::index::file_count(index.places.len()) {
            out.insert(format!("d/{f}.json"), index.docs_json(f));
        }
        out
    }

    /// Patched edit after edit, the kept index gives the files a fresh assembly gives, and
    /// says which of them changed: exactly those that differ from the previous ones.
    #[test]
    fn a_patched_index_is_a_fresh_one_and_knows_what_changed() {
        let words = ["família", "criança", "idoso", "cadastro", "benefício", "conselho", "unidade", "atendimento"];
        let mut texts: Vec<String> =
            (0..200).map(|i| format!("{} {} texto {i}", words[i % 8], words[(i / 8) % 8])).collect();
        let store = Store::keeping();
        texts.iter().enumerate().for_each(|(i, t)| put(&store, i, t));
        let first = assemble(&store, &entries(&store, &texts)).unwrap_or_else(|| panic!("a keeping store"));
        assert!(first.changed.is_none(), "a new index: every file is written");
        let mut before = files(&first);
        drop(first);
        // A word added, one only this page has, a word gone, a page rendered with the same
        // text, a page emptied, and two pages at once.
        let edits: Vec<Vec<(usize, String)>> = vec![
            vec![(3, format!("{} quilombola", texts[3]))],
            vec![(17, "palavraúnica".into())],
            vec![(17, "família".into())],
            vec![(40, texts[40].clone())],
            vec![(41, String::new())],
            vec![(5, "idoso idoso idoso".into()), (150, "cadastro novo".into())],
        ];
        for (round, edit) in edits.into_iter().enumerate() {
            for (i, text) in edit {
                texts[i] = text;
                put(&store, i, &texts[i]);
            }
            let entries = entries(&store, &texts);
            let patched = assemble(&store, &entries).unwrap_or_else(|| panic!("a keeping store"));
            assert!(patched.changed.is_some(), "round {round}: patched");
            let now = files(&patched);
            assert_eq!(now, files(&fresh(&store, &entries)), "round {round}: the patched index is the fresh one");
            for (name, bytes) in &now {
                let Some(which) = which(name) else { continue };
                if before.get(name) != Some(bytes) {
                    assert!(patched.changed(which), "round {round}: {name} changed unannounced");
                } else if which != SearchFile::Meta {
                    assert!(!patched.changed(which), "round {round}: {name} announced, unchanged");
                }
            }
            before = now;
        }
        // A page more: the numbers change, assembled afresh.
        texts.push("nova".into());
        put(&store, 200, "nova");
        let grown = assemble(&store, &entries(&store, &texts)).unwrap_or_else(|| panic!("a keeping store"));
        assert!(grown.changed.is_none());
    }

    /// Sources that move among their neighbours (a retitled page): patched as one block, the
    /// files are a fresh assembly's, those that changed are announced, the others are not.
    #[test]
    fn sources_that_move_are_patched_as_a_block() {
        let words = ["família", "criança", "idoso", "cadastro", "benefício", "conselho", "unidade", "atendimento"];
        let store = Store::keeping();
        let mut order: Vec<usize> = (0..200).collect();
        for &i in &order {
            put(&store, i, &format!("{} {} texto {i}", words[i % 8], words[(i / 8) % 8]));
        }
        // Two documents at p11 (as a normative text has one per article).
        store.put(
            "p11/",
            vec![Doc { url: "p11/".into(), ..Doc::page("idoso") }, Doc { url: "p11/#a".into(), ..Doc::page("lei") }],
        );
        let entries = |store: &Store, order: &[usize]| -> Vec<Entry<'static>> {
            store.flush();
            order
                .iter()
                .map(|i| {
                    let path = format!("p{i}/");
                    Entry { group: Search::Pages, docs: store.get(&path).unwrap_or_default(), path: path.into() }
                })
                .collect()
        };
        let first = assemble(&store, &entries(&store, &order)).unwrap_or_else(|| panic!("a keeping store"));
        let mut before = files(&first);
        drop(first);
        // p10 moves after p14 (its text changed too); then p14 back before p11.
        let moves: Vec<Vec<usize>> = vec![vec![11, 12, 13, 14, 10], vec![14, 11, 12, 13, 10]];
        for (round, block) in moves.into_iter().enumerate() {
            order.splice(10..15, block);
            put(&store, 10, &format!("cadastro novo {round}"));
            let entries = entries(&store, &order);
            let patched = assemble(&store, &entries).unwrap_or_else(|| panic!("a keeping store"));
            assert!(patched.changed.is_some(), "round {round}: patched");
            let now = files(&patched);
            assert_eq!(now, files(&fresh(&store, &entries)), "round {round}: the patched index is the fresh one");
            for (name, bytes) in &now {
                let Some(which) = which(name).filter(|w| *w != SearchFile::Meta) else { continue };
                if before.get(name) != Some(bytes) {
                    assert!(patched.changed(which), "round {round}: {name} changed unannounced");
                }
            }
            before = now;
        }
    }

    /// `build`'s store keeps nothing: every assembly is a new index.
    #[test]
    fn a_store_that_does_not_keep_its_index_assembles_afresh() {
        let store = Store::default();
        put(&store, 0, "família");
        assert!(assemble(&store, &entries(&store, &["família".to_string()])).is_none());
    }
}
