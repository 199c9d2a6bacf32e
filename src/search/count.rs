//! Counting the keys of a text, fast: per thread, a table of the words it has seen (each
//! read once: its keys found with [`Analyzer::keys`], the costly step, and numbered by the
//! store), and per word and key a counter stamped with the text being counted, so that no
//! counter is cleared between texts. Per word of a text: its bounds ([`text::words`]), a hash
//! of its bytes read eight at a time, one probe of an open-addressing table, one comparison
//! (its first sixteen bytes are kept beside the hash) and a counter bumped.

use super::text::{self, Analyzer};
use std::cell::RefCell;

/// No key (the second of a word that has one).
const NONE: u32 = u32::MAX;

/// Words a thread remembers before it starts over (a site has far fewer distinct words).
const MAX_WORDS: usize = 1 << 18;

/// The multiplier of the words' hash (the one rustc's own hash tables use).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// A word seen by this thread.
struct Word {
    hash: u64,
    /// Its first sixteen bytes (zero-padded), and where the rest is in `Counter::tails`:
    /// most words are compared without a call to `memcmp`.
    head: [u64; 2],
    len: u32,
    tail: u32,
    keys: [u32; 2],
    /// The stamp of the text that last counted it, and its count there.
    stamp: u32,
    count: u32,
}

/// One thread's words and counters, for one store at a time.
pub(super) struct Counter {
    store: u64,
    /// Index in `words` plus one (0: empty), by the word's hash.
    slots: Vec<u32>,
    words: Vec<Word>,
    /// The bytes of words beyond their first sixteen.
    tails: Vec<u8>,
    /// Per key (by number): the stamp of the text that last counted it, and its count there.
    keys: Vec<(u32, u32)>,
    /// The current text's stamp: counters with another stamp count nothing.
    stamp: u32,
    /// Per key, the stamp of the title that last had it (see [`Counter::mark_title`]): titles
    /// have stamps of their own, so that the counts of texts never make a key look titled.
    titles: Vec<u32>,
    title_stamp: u32,
    /// The words and keys the current text has, in the order first seen.
    seen_words: Vec<u32>,
    seen_keys: Vec<u32>,
    analyzer: Analyzer,
    /// A buffer the analysis writes a document's postings in (see `store`).
    pub(super) scratch: Vec<u8>,
}

thread_local! {
    pub(super) static COUNTER: RefCell<Counter> = RefCell::new(Counter {
        store: 0,
        slots: Vec::new(),
        words: Vec::new(),
        tails: Vec::new(),
        keys: Vec::new(),
        stamp: 0,
        titles: Vec::new(),
        title_stamp: 0,
        seen_words: Vec::new(),
        seen_keys: Vec::new(),
        analyzer: Analyzer::default(),
        scratch: Vec::new(),
    });
}

/// Up to eight bytes of `bytes` from `at`, little-endian, zero beyond `len`.
fn load(bytes: &[u8], at: usize, len: usize) -> u64 {
    let len = len.min(8);
    match bytes.get(at..at + 8) {
        Some(chunk) => {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if len == 8 {
                word
            } else {
                word & ((1u64 << (8 * len)) - 1)
            }
        }
        None => {
            let mut buf = [0u8; 8];
            for (to, from) in buf.iter_mut().zip(bytes.get(at..).unwrap_or_default().iter().take(len)) {
                *to = *from;
            }
            u64::from_le_bytes(buf)
        }
    }
}

impl Counter {
    /// Makes the counter `store`'s (key numbers are per store).
    pub(super) fn serve(&mut self, store: u64) {
        if self.store != store || self.words.len() >= MAX_WORDS {
            self.slots.clear();
            self.words.clear();
            self.tails.clear();
            self.keys.clear();
            self.titles.clear();
            self.title_stamp = 0;
            self.store = store;
        }
    }

    /// The index of the word `source[at..at + len]`, read the first time (its keys numbered
    /// by `intern`).
    fn word(&mut self, source: &str, at: usize, len: usize, intern: &dyn Fn(&str) -> u32) -> usize {
        let bytes = source.as_bytes();
        let head = [load(bytes, at, len), if len > 8 { load(bytes, at + 8, len - 8) } else { 0 }];
        let mut hash = (head[0] ^ (len as u64).wrapping_mul(SEED)).wrapping_mul(SEED);
        if len > 8 {
            hash = (hash.rotate_left(5) ^ head[1]).wrapping_mul(SEED);
        }
        let mut i = 16;
        while i < len {
            hash = (hash.rotate_left(5) ^ load(bytes, at + i, len - i)).wrapping_mul(SEED);
            i += 8;
        }
        let hash = hash ^ (hash >> 32);
        if self.slots.len() < 2 * (self.words.len() + 1) {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let found = match self.slots.get(slot) {
                Some(&found) if found != 0 => found as usize - 1,
                _ => break,
            };
            if let Some(w) = self.words.get(found) {
                if w.hash == hash
                    && w.head == head
                    && w.len as usize == len
                    && (len <= 16 || self.same_tail(w, bytes, at, len))
                {
                    return found;
                }
            }
            slot = (slot + 1) & mask;
        }
        self.add(source, at, len, (hash, head), slot, intern)
    }

    /// Whether the bytes of `w` beyond its first sixteen are those of `bytes[at + 16..at + len]`.
    fn same_tail(&self, w: &Word, bytes: &[u8], at: usize, len: usize) -> bool {
        let rest = bytes.get(at + 16..at + len).unwrap_or_default();
        self.tails.get(w.tail as usize..w.tail as usize + rest.len()) == Some(rest)
    }

    /// A word seen for the first time: its keys found, numbered, and the word put in `slot`.
    #[cold]
    fn add(
        &mut self,
        source: &str,
        at: usize,
        len: usize,
        (hash, head): (u64, [u64; 2]),
        slot: usize,
        intern: &dyn Fn(&str) -> u32,
    ) -> usize {
        let rest = if len > 16 { source.as_bytes().get(at + 16..at + len).unwrap_or_default() } else { &[] };
        let mut keys = [NONE; 2];
        let word = source.get(at..at + len).unwrap_or_default();
        for (k, key) in keys.iter_mut().zip(self.analyzer.keys(word).iter()) {
            *k = intern(key);
        }
        let index = self.words.len();
        let tail = u32::try_from(self.tails.len()).unwrap_or(u32::MAX);
        self.tails.extend_from_slice(rest);
        self.words.push(Word {
            hash,
            head,
            len: u32::try_from(len).unwrap_or(u32::MAX),
            tail,
            keys,
            stamp: 0,
            count: 0,
        });
        if let Some(s) = self.slots.get_mut(slot) {
            *s = u32::try_from(index + 1).unwrap_or(0);
        }
        index
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        self.slots = vec![0; size];
        let mask = size - 1;
        for (index, word) in self.words.iter().enumerate() {
            let mut at = word.hash as usize & mask;
            while self.slots.get(at).is_some_and(|s| *s != 0) {
                at = (at + 1) & mask;
            }
            if let Some(slot) = self.slots.get_mut(at) {
                *slot = u32::try_from(index + 1).unwrap_or(0);
            }
        }
    }

    /// Counts the keys of `text`'s words (read with [`Counter::counted`]); returns how many
    /// words it has.
    pub(super) fn count(&mut self, text: &str, intern: &dyn Fn(&str) -> u32) -> usize {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            // Wrapped: no counter may look current.
            self.words.iter_mut().for_each(|w| w.stamp = 0);
            self.keys.iter_mut().for_each(|k| k.0 = 0);
            self.stamp = 1;
        }
        let stamp = self.stamp;
        self.seen_words.clear();
        self.seen_keys.clear();
        let mut length = 0;
        for (a, b) in text::words(text) {
            length += 1;
            let index = self.word(text, a, b - a, intern);
            if let Some(word) = self.words.get_mut(index) {
                // Stop words (a third of a Portuguese text) have no key to count.
                if word.keys[0] == NONE {
                    continue;
                }
                if word.stamp != stamp {
                    word.stamp = stamp;
                    word.count = 0;
                    self.seen_words.push(u32::try_from(index).unwrap_or(0));
                }
                word.count += 1;
            }
        }
        for &index in &self.seen_words {
            let Some(word) = self.words.get(index as usize) else { continue };
            for key in word.keys.into_iter().filter(|&k| k != NONE) {
                if self.keys.len() <= key as usize {
                    self.keys.resize(key as usize + 1, (0, 0));
                }
                if let Some(counter) = self.keys.get_mut(key as usize) {
                    if counter.0 != stamp {
                        *counter = (stamp, 0);
                        self.seen_keys.push(key);
                    }
                    counter.1 += word.count;
                }
            }
        }
        length
    }

    /// The keys the last counted text has, with their counts, in the order first seen.
    pub(super) fn counted(&self) -> impl ExactSizeIterator<Item = (u32, u32)> + '_ {
        self.seen_keys.iter().map(|&k| (k, self.keys.get(k as usize).map_or(0, |c| c.1)))
    }

    /// Marks `keys` as the title's, for [`Counter::counted_titled`] until the next mark.
    pub(super) fn mark_title(&mut self, keys: &[u32]) {
        self.title_stamp = self.title_stamp.wrapping_add(1);
        if self.title_stamp == 0 {
            self.titles.iter_mut().for_each(|t| *t = 0);
            self.title_stamp = 1;
        }
        for &key in keys {
            if self.titles.len() <= key as usize {
                self.titles.resize(key as usize + 1, 0);
            }
            if let Some(t) = self.titles.get_mut(key as usize) {
                *t = self.title_stamp;
            }
        }
    }

    /// [`Counter::counted`], with whether each key was marked as the title's.
    pub(super) fn counted_titled(&self) -> impl Iterator<Item = (u32, u32, bool)> + '_ {
        self.counted().map(|(k, n)| (k, n, self.titles.get(k as usize) == Some(&self.title_stamp)))
    }

    /// Whether the last counted text has `key`.
    pub(super) fn has(&self, key: u32) -> bool {
        self.keys.get(key as usize).is_some_and(|c| c.0 == self.stamp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn counts_keys_of_words_however_long_and_wherever_they_end() {
        let names: RefCell<HashMap<String, u32>> = RefCell::default();
        let intern = |key: &str| {
            let mut names = names.borrow_mut();
            let next = u32::try_from(names.len()).unwrap_or(0);
            *names.entry(key.to_owned()).or_insert(next)
        };
        COUNTER.with(|c| {
            let mut c = c.borrow_mut();
            c.serve(u64::MAX - 1);
            // Words of 1 to 20 bytes, accents, a word that ends the text, the same word twice.
            let text = "Famílias famílias socioassistenciais CRAS a 12 intersetorialidade fim";
            assert_eq!(c.count(text, &intern), 8);
            let counted: HashMap<String, u32> = c
                .counted()
                .map(|(k, n)| {
                    (names.borrow().iter().find(|(_, v)| **v == k).map(|(s, _)| s.clone()).unwrap_or_default(), n)
                })
                .collect();
            assert_eq!(counted.get("famil"), Some(&2));
            assert_eq!(counted.get("socioassistenc"), Some(&1));
            assert_eq!(counted.get("intersetorial"), Some(&1));
            assert_eq!(counted.get("fim"), Some(&1));
            assert!(!counted.contains_key("a"), "a stop word");
            // The next text counts from zero; words seen before are not read again.
            let known = names.borrow().len();
            assert_eq!(c.count("fim famílias", &intern), 2);
            assert_eq!(c.counted().map(|(_, n)| n).collect::<Vec<_>>(), [1, 1]);
            assert_eq!(names.borrow().len(), known);
            // Long words that share their first eight, or sixteen, bytes are two words.
            let before = c.words.len();
            assert_eq!(c.count("assistencial assistentes assistencial", &intern), 3);
            assert_eq!(c.words.len(), before + 2);
            let before = c.words.len();
            let text = "inconstitucionalmente inconstitucionalidade inconstitucionalmente";
            assert_eq!(c.count(text, &intern), 3);
            assert_eq!(c.words.len(), before + 2);
            assert_eq!(c.counted().map(|(_, n)| n).sum::<u32>(), 3);
        });
    }
}
