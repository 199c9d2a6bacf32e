//! The documents as the render pass leaves them ([`Store`]): each route that shows an item
//! makes its documents while it renders (its Markdown's plain text comes from the same parse
//! as its HTML) and puts them here, by the item's site path, where they are analysed a batch
//! at a time; the index is assembled from them ([`super::index::Index::assemble`]). The dev loop keeps the store between rebuilds: a
//! route is rendered again exactly when something it shows changed, and its documents are
//! part of what it shows, so the store is as current as the pages.
//!
//! Analysis: the keys of each record's words, counted ([`super::count`]: words are stemmed once
//! per thread, keys numbered here), and a value per (key, record) from how often the key is
//! there ([`value`]).

pub(crate) use super::analysed::Analysed;
use super::analysed::{Blocks, Writer};
use super::count::COUNTER;
use super::extract::Doc;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// A multiplicative hasher (the one rustc uses for its own tables): the keys are short words
/// and small numbers, hashed millions of times per build; SipHash's protection against chosen
/// keys buys nothing here.
#[derive(Default, Clone, Copy)]
pub(super) struct Fx(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        let mut last = [0u8; 8];
        for (to, from) in last.iter_mut().zip(rest) {
            *to = *from;
        }
        self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 56));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

fn push_leb(out: &mut Vec<u8>, mut n: u32) {
    while n >= 128 {
        out.push((n & 127) as u8 | 128);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Keys as numbers: each distinct key once.
#[derive(Default)]
struct Interner {
    ids: FastMap<Arc<str>, u32>,
    keys: Vec<Arc<str>>,
}

/// The documents of a site by the site path of their item, and the keys they use.
pub(crate) struct Store {
    /// Tells this store's keys from another's in the threads' caches.
    id: u64,
    interner: Mutex<Interner>,
    /// Each item's documents, with the number of the `put` that gave them and, in a store that
    /// keeps its index, the fingerprint of the documents as put ([`fingerprint`]).
    docs: Mutex<FastMap<String, Kept>>,
    /// Documents put but not analysed yet, with their `put`'s number: analysed in batches.
    pending: Mutex<Vec<Put>>,
    puts: AtomicU64,
    /// Whether the assembled index is kept, to be patched by the next assembly (the dev
    /// loop's store), and the index kept.
    keeping: bool,
    live: Mutex<Option<super::live::Live>>,
    /// Where the analysed documents' bytes are kept (see `super::analysed`).
    blocks: Blocks,
}

/// One item's documents, analysed.
pub(super) type Docs = Arc<Vec<Analysed>>;

/// What the store keeps of an item: the number of its last `put`, its documents analysed, and
/// (dev loop) the fingerprint of those documents before analysis.
type Kept = (u64, Docs, Option<Fingerprint>);

/// SHA-256 of an item's documents before analysis.
type Fingerprint = [u8; 32];

/// The fingerprint of `docs`: SHA-256 over their derived `Hash`, which takes every field (a
/// field added to [`Doc`] is taken too) with the length of each string and list, so that no
/// two different lists of documents read alike.
fn fingerprint(docs: &[Doc]) -> Fingerprint {
    use sha2::Digest as _;
    use std::hash::Hash as _;
    /// A `Hasher` that feeds SHA-256 (only `write` is used by derived `Hash`).
    struct Sha(sha2::Sha256);
    impl std::hash::Hasher for Sha {
        fn write(&mut self, bytes: &[u8]) {
            self.0.update(bytes);
        }
        fn finish(&self) -> u64 {
            0
        }
    }
    let mut sha = Sha(sha2::Sha256::new());
    docs.hash(&mut sha);
    sha.0.finalize().into()
}

/// A `put` not analysed yet: its number, the item's site path, its documents.
type Put = (u64, String, Vec<Doc>);

/// Items whose documents a thread analyses in one go. A render thread goes from one page to
/// the next, and its table of words falls out of the processor's caches in between; read
/// back to back, 32 pages' words cost about half as much as one at a time.
const BATCH: usize = 32;

impl Default for Store {
    fn default() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Store {
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            interner: Mutex::default(),
            docs: Mutex::default(),
            pending: Mutex::default(),
            puts: AtomicU64::new(0),
            keeping: false,
            live: Mutex::default(),
            blocks: Blocks::default(),
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Store {
    /// A store that keeps the index it assembles and patches it the next time (the dev
    /// loop's: see `super::live`).
    pub(crate) fn keeping() -> Store {
        Store { keeping: true, ..Store::default() }
    }

    /// Forgets the kept index: the next assembly is a new one, every file of it written (after
    /// a rebuild that failed to write some of them).
    pub(crate) fn forget_index(&self) {
        *self.live.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// The kept index, when this store keeps one.
    pub(super) fn live(&self) -> Option<std::sync::MutexGuard<'_, Option<super::live::Live>>> {
        self.keeping.then(|| self.live.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Keeps `docs` (the documents of the item at site path `path`) in place of what the
    /// item had; they are analysed with the next batch, or when the index asks.
    pub(crate) fn put(&self, path: &str, docs: Vec<Doc>) {
        let number = self.puts.fetch_add(1, Ordering::Relaxed);
        let batch = {
            let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
            pending.push((number, path.to_owned(), docs));
            if pending.len() < BATCH {
                return;
            }
            std::mem::take(&mut *pending)
        };
        self.analyse_batch(batch);
    }

    /// Analyses `batch` and keeps it; an item's later `put` (by number) wins over an earlier one
    /// whichever batch is done first.
    fn analyse_batch(&self, batch: Vec<Put>) {
        crate::timings::work(crate::timings::Work::Search, || self.analyse_batch_untimed(batch));
    }

    fn analyse_batch_untimed(&self, batch: Vec<Put>) {
        // The dev loop renders every page again after a template edit, with the same text:
        // an item whose documents are what was analysed last time keeps that analysis (the
        // same keys get the same numbers, so it is what analysing again would give).
        let prints: Vec<Option<Fingerprint>> =
            batch.iter().map(|(_, _, docs)| self.keeping.then(|| fingerprint(docs))).collect();
        let reused: Vec<Option<Docs>> = {
            let all = self.docs.lock().unwrap_or_else(PoisonError::into_inner);
            batch
                .iter()
                .zip(&prints)
                .map(|((_, path, _), print)| {
                    let kept = all.get(path)?;
                    (print.is_some() && kept.2 == *print).then(|| Arc::clone(&kept.1))
                })
                .collect()
        };
        let mut writer = self.blocks.take();
        let analysed: Vec<(u64, String, Kept)> = batch
            .into_iter()
            .zip(prints.into_iter().zip(reused))
            .map(|((number, path, docs), (print, reused))| {
                let analysed = reused
                    .unwrap_or_else(|| Arc::new(docs.iter().map(|d| self.analyse_into(d, &mut writer)).collect()));
                (number, path, (number, analysed, print))
            })
            .collect();
        self.blocks.give_back(writer);
        let mut all = self.docs.lock().unwrap_or_else(PoisonError::into_inner);
        for (number, path, new) in analysed {
            match all.get_mut(&path) {
                Some(kept) if kept.0 > number => {}
                Some(kept) => *kept = new,
                None => {
                    all.insert(path, new);
                }
            }
        }
    }

    /// Analyses what was put and not analysed yet (in parallel).
    pub(super) fn flush(&self) {
        let pending = std::mem::take(&mut *self.pending.lock().unwrap_or_else(PoisonError::into_inner));
        if pending.is_empty() {
            return;
        }
        let mut batches: Vec<Vec<Put>> = Vec::new();
        for item in pending {
            match batches.last_mut() {
                Some(batch) if batch.len() < BATCH => batch.push(item),
                _ => batches.push(vec![item]),
            }
        }
        use rayon::prelude::*;
        batches.into_par_iter().for_each(|batch| self.analyse_batch(batch));
    }

    /// The documents of the item at `path`, as last put (see [`Store::flush`]).
    pub(super) fn get(&self, path: &str) -> Option<Docs> {
        self.docs.lock().unwrap_or_else(PoisonError::into_inner).get(path).map(|(_, d, _)| Arc::clone(d))
    }

    /// [`Store::get`] for each of `paths`, under one lock: the index asks for every item of
    /// the site at each assembly, which the dev loop does after each edit.
    pub(super) fn get_all<'a>(&self, paths: impl Iterator<Item = &'a str>) -> Vec<Option<Docs>> {
        let all = self.docs.lock().unwrap_or_else(PoisonError::into_inner);
        paths.map(|path| all.get(path).map(|(_, d, _)| Arc::clone(d))).collect()
    }

    /// How many items the store has documents of.
    pub(super) fn len(&self) -> usize {
        self.docs.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Forgets the items whose path `keep` refuses (items gone from the site).
    pub(super) fn retain(&self, keep: impl Fn(&str) -> bool) {
        self.docs.lock().unwrap_or_else(PoisonError::into_inner).retain(|path, _| keep(path));
    }

    /// Every key so far, by number.
    pub(super) fn keys(&self) -> Vec<Arc<str>> {
        self.keys_from(0)
    }

    /// The keys numbered `first` and after: those an index that knows the first `first` keys
    /// lacks (cloning every key at each assembly of the dev loop cost as much as patching).
    pub(super) fn keys_from(&self, first: usize) -> Vec<Arc<str>> {
        self.interner.lock().unwrap_or_else(PoisonError::into_inner).keys.get(first..).unwrap_or_default().to_vec()
    }

    fn intern(&self, key: &str) -> u32 {
        let mut interner = self.interner.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&id) = interner.ids.get(key) {
            return id;
        }
        let id = u32::try_from(interner.keys.len()).unwrap_or(u32::MAX);
        let key: Arc<str> = Arc::from(key);
        interner.ids.insert(Arc::clone(&key), id);
        interner.keys.push(key);
        id
    }

    /// The postings and fragment of one document: for each record, each of its keys with
    /// a value from how often its words are there; the title's keys marked, and listed on the
    /// first record even when only the title has them.
    #[cfg(test)]
    pub(super) fn analyse(&self, doc: &Doc) -> Analysed {
        self.analyse_into(doc, &mut Writer::default())
    }

    /// [`Store::analyse`], its bytes kept by `writer`.
    fn analyse_into(&self, doc: &Doc, writer: &mut Writer) -> Analysed {
        let multi = doc.records.len() > 1 || doc.records.first().is_some_and(|r| r.anchor.is_some());
        let intern = |key: &str| self.intern(key);
        super::fragment::with(doc, |fragment| {
            COUNTER.with(|counter| {
                let mut counter = counter.borrow_mut();
                counter.serve(self.id);
                counter.count(&doc.title_text, &intern);
                let title: Vec<u32> = counter.counted().map(|(key, _)| key).collect();
                counter.mark_title(&title);
                // Written in the thread's scratch buffer, then copied into the store's blocks.
                let mut postings = std::mem::take(&mut counter.scratch);
                postings.clear();
                let push = |postings: &mut Vec<u8>, key: u32, record: u32, value: u8| {
                    push_leb(postings, key);
                    postings.push(value);
                    if value & 1 == 1 {
                        push_leb(postings, record);
                    }
                };
                for (index, record) in doc.records.iter().enumerate() {
                    let length = counter.count(&record.text, &intern);
                    let record_no = u32::try_from(index).unwrap_or(u32::MAX);
                    let mut values = Values::new(length);
                    for (key, n, titled) in counter.counted_titled() {
                        push(&mut postings, key, record_no, values.digit(n, index == 0 && titled, multi));
                    }
                    if index == 0 {
                        // Title words the text does not repeat still find the document.
                        for &key in title.iter().filter(|&&key| !counter.has(key)) {
                            push(&mut postings, key, 0, value(0, 0, true, multi));
                        }
                    }
                }
                if doc.records.is_empty() {
                    for &key in &title {
                        push(&mut postings, key, 0, value(0, 0, true, multi));
                    }
                }
                // In record order for each key (the index needs no more): no sort.
                let analysed = writer.push(fragment, &postings);
                counter.scratch = postings;
                analysed
            })
        })
    }
}

/// BM25's term-frequency saturation with a fixed reference length (in words).
const K1: f64 = 1.2;
const B: f64 = 0.75;
const REFERENCE_LENGTH: f64 = 200.0;

/// Value digit of one posting: bits 2–5 how much the record is about the key (0–15), bit 1
/// the key is in the title, bit 0 a record number follows. Never 0 or 1 (a posting is in the
/// text or in the title), so that `index` can use 0 for "absent".
pub(super) fn value(tf: u32, length: usize, title: bool, has_record: bool) -> u8 {
    Values::new(length).digit(tf, title, has_record)
}

/// The value digits of one record's postings: its length's part of the saturation worked out
/// once, and the usual counts (a word once, twice…) once each.
struct Values {
    /// `K1 · norm`, where `norm` says how much longer than usual the record is.
    damping: f64,
    /// The level (1–15) of counts 1 to 15, 0 until worked out.
    levels: [u8; 16],
}

impl Values {
    fn new(length: usize) -> Values {
        let norm = 1.0 - B + B * (length as f64) / REFERENCE_LENGTH;
        Values { damping: K1 * norm, levels: [0; 16] }
    }

    fn digit(&mut self, tf: u32, title: bool, has_record: bool) -> u8 {
        let q = match tf {
            0 => 0,
            _ => match self.levels.get_mut(tf as usize) {
                Some(&mut level) if level > 0 => level,
                slot => {
                    // w / (K1 + 1) = tf / (tf + K1 · norm): BM25's saturation, in 1–15.
                    let tf = f64::from(tf);
                    let level = ((tf / (tf + self.damping) * 15.0 + 0.5) as u8).clamp(1, 15);
                    if let Some(slot) = slot {
                        *slot = level;
                    }
                    level
                }
            },
        };
        (q << 2) | (u8::from(title) << 1) | u8::from(has_record)
    }
}

#[cfg(test)]
mod tests {
    use super::super::extract::Record;
    use super::*;

    #[test]
    fn scores_saturate_and_titles_count() {
        assert_eq!(value(0, 0, true, false), 2);
        assert!(value(1, 10, false, false) < value(5, 10, false, false));
        assert!(value(3, 10, false, false) > value(3, 1000, false, false));
        assert_eq!(value(1000, 1, false, true) >> 2, 15);
        assert_eq!(value(1, 100_000, false, false) >> 2, 1);
        assert!(value(1, 100_000, false, false) >= 2, "never the digit of an absent posting");
    }

    #[test]
    fn a_title_ranks_and_records_land() {
        let store = Store::default();
        let doc = Doc {
            title: "CRAS Centro".into(),
            url: "unidades/cras-centro/".into(),
            title_text: "CRAS Centro".into(),
            records: vec![Record { anchor: None, label: None, text: "Atende famílias do centro.".into() }],
            quote: None,
        };
        let analysed = store.analyse(&doc);
        let keys = store.keys();
        let find = |key: &str| analysed.postings().into_iter().find(|(k, _, _)| &*keys[*k as usize] == key);
        let Some((_, _, cras)) = find("cras") else { panic!("no cras") };
        assert_eq!(cras & 2, 2, "title bit");
        let Some((_, _, famil)) = find("famil") else { panic!("no famil") };
        assert_eq!(famil & 2, 0);
        assert!(famil >> 2 > 0);
        // Two stores number their keys each their own way; the thread's cache follows.
        let other = Store::default();
        other.intern("zzz");
        let again = other.analyse(&doc);
        let keys = other.keys();
        assert!(again.postings().iter().all(|(k, _, _)| (*k as usize) < keys.len()));
        assert!(keys.iter().any(|k| &**k == "famil"));
    }

    /// Batches may be analysed in any order (by two threads): an item's later documents win.
    #[test]
    fn the_latest_put_wins_whichever_batch_is_analysed_last() {
        let store = Store::default();
        store.analyse_batch(vec![(7, "p/".into(), vec![Doc::page("novo")])]);
        store.analyse_batch(vec![(3, "p/".into(), vec![Doc::page("antigo")])]);
        let kept = store.get("p/").unwrap_or_default();
        assert!(kept.first().is_some_and(|d| d.fragment().contains("novo")), "{kept:?}");
        // Put documents are found once flushed, however few.
        store.put("q/", vec![Doc::page("outra")]);
        assert!(store.get("q/").is_none());
        store.flush();
        assert!(store.get("q/").is_some());
    }

    /// The dev loop's store keeps the analysis of documents put again unchanged (every page
    /// after a template edit), and analyses what changed; `build`'s store keeps nothing.
    #[test]
    fn documents_put_again_unchanged_keep_their_analysis() {
        let store = Store::keeping();
        store.analyse_batch(vec![(1, "p/".into(), vec![Doc::page("mesmo texto")])]);
        let first = store.get("p/").unwrap_or_default();
        store.analyse_batch(vec![(2, "p/".into(), vec![Doc::page("mesmo texto")])]);
        let again = store.get("p/").unwrap_or_default();
        assert!(Arc::ptr_eq(&first, &again), "analysed again");
        // A changed document is analysed, as a new store would.
        store.analyse_batch(vec![(3, "p/".into(), vec![Doc::page("texto mudado")])]);
        let changed = store.get("p/").unwrap_or_default();
        assert!(!Arc::ptr_eq(&first, &changed));
        assert!(changed.first().is_some_and(|d| d.fragment().contains("mudado")), "{changed:?}");
        assert_eq!(*changed, vec![store.analyse(&Doc::page("texto mudado"))]);
        // Fields that differ only in where one ends and the next starts differ.
        let a = Doc { title: "ab".into(), url: "c".into(), ..Doc::page("x") };
        let b = Doc { title: "a".into(), url: "bc".into(), ..Doc::page("x") };
        assert_ne!(fingerprint(&[a]), fingerprint(&[b]));
        let plain = Store::default();
        plain.analyse_batch(vec![(1, "p/".into(), vec![Doc::page("mesmo texto")])]);
        let first = plain.get("p/").unwrap_or_default();
        plain.analyse_batch(vec![(2, "p/".into(), vec![Doc::page("mesmo texto")])]);
        assert!(!Arc::ptr_eq(&first, &plain.get("p/").unwrap_or_default()));
    }

    #[test]
    fn record_numbers_of_long_articles_survive_the_compact_form() {
        let store = Store::default();
        let records = (0..300)
            .map(|i| Record {
                anchor: Some(format!("art1_cpt_inc{i}")),
                label: None,
                text: if i == 250 { "quilombolas".into() } else { "texto".into() },
            })
            .collect();
        let doc = Doc { title: "Lei".into(), url: "lei/".into(), title_text: String::new(), records, quote: None };
        let analysed = store.analyse(&doc);
        let keys = store.keys();
        let postings = analysed.postings();
        let found: Vec<(u32, u8)> = postings
            .iter()
            .filter(|(k, _, _)| &*keys[*k as usize] == "quilombol")
            .map(|(_, r, v)| (*r, v & 1))
            .collect();
        assert_eq!(found, [(250, 1)]);
        assert_eq!(postings.iter().filter(|(k, _, _)| &*keys[*k as usize] == "text").count(), 299);
    }
}
