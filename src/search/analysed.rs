//! The analysed documents ([`Analysed`]): what the results show of each (its fragment) and its
//! postings, kept from the moment its page renders until the index is written, in blocks of
//! [`BLOCK`] bytes that many documents share ([`Blocks`]).
//!
//! Why blocks: a site's documents are all held until the index is assembled (about 11 MB at
//! 10,000 pages), and they are made by the render threads among the short-lived blocks of
//! each page. Kept as two small blocks of their own per document, they were scattered over
//! the allocator's pages of small blocks, each page held by the few documents in it (at
//! 10,000 pages the store added about 17 MiB to the build's peak for 11 MB of bytes; in
//! blocks, about 13 MiB, the index's assembly included). A block of a mebibyte is allocated
//! apart from the small ones (mimalloc gives blocks above 512 KiB pages of their own) and is
//! resident only as far as it is filled. In the dev loop's store, a block lives as long as
//! one of its documents does: at worst the documents replaced since the first build.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// Bytes of a block: above mimalloc's largest pooled size (512 KiB), so that each block has
/// memory of its own; a document larger than this gets a block of its size.
const BLOCK: usize = 1 << 20;

/// The bytes of some documents, appended one document after the other; never reallocated
/// (a document is added only where it fits in the capacity).
type Block = Arc<Mutex<Vec<u8>>>;

fn lock(block: &Block) -> MutexGuard<'_, Vec<u8>> {
    block.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One document, analysed: its fragment (the JSON the results show: title, path, excerpt or
/// records) at `start..mid` of its block and its postings at `mid..end`: for each, the key's
/// number (LEB128), the value digit (see `index`), and when its bit 0 says so the record's
/// number (LEB128); each key's postings in record order.
pub(crate) struct Analysed {
    block: Block,
    start: usize,
    mid: usize,
    end: usize,
}

impl Analysed {
    /// Calls `f` with the fragment and the postings.
    fn with<R>(&self, f: impl FnOnce(&str, &[u8]) -> R) -> R {
        let bytes = lock(&self.block);
        f(fragment_of(&bytes, self.start, self.mid), bytes.get(self.mid..self.end).unwrap_or_default())
    }

    /// Calls `f` with the fragment (JSON).
    pub(super) fn with_fragment<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        self.with(|fragment, _| f(fragment))
    }

    /// Calls `f` with each posting: (key, record, value digit).
    pub(super) fn each_posting(&self, f: impl FnMut(u32, u32, u8)) {
        // Without `with`: the fragment is not wanted, so not checked as text.
        let bytes = lock(&self.block);
        decode(bytes.get(self.mid..self.end).unwrap_or_default(), f);
    }

    /// The postings, as a list (for tests).
    #[cfg(test)]
    pub(super) fn postings(&self) -> Vec<(u32, u32, u8)> {
        let mut out = Vec::new();
        self.each_posting(|k, r, v| out.push((k, r, v)));
        out
    }

    /// The fragment (for tests).
    #[cfg(test)]
    pub(super) fn fragment(&self) -> String {
        self.with_fragment(str::to_owned)
    }
}

fn fragment_of(bytes: &[u8], start: usize, end: usize) -> &str {
    bytes.get(start..end).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default()
}

/// Documents are equal when their bytes are (the dev loop compares an item's documents with
/// those of the previous assembly).
impl PartialEq for Analysed {
    fn eq(&self, other: &Analysed) -> bool {
        if Arc::ptr_eq(&self.block, &other.block) {
            // One lock: locking the same block twice would wait forever.
            let bytes = lock(&self.block);
            let (a, b) = (bytes.get(self.start..self.end), bytes.get(other.start..other.end));
            return a == b && self.mid - self.start == other.mid - other.start;
        }
        self.with(|fragment, postings| other.with(|f, p| fragment == f && postings == p))
    }
}

impl Eq for Analysed {}

impl std::fmt::Debug for Analysed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.with(|fragment, postings| {
            f.debug_struct("Analysed").field("fragment", &fragment).field("postings", &postings.len()).finish()
        })
    }
}

/// Calls `f` with each posting of `bytes`.
fn decode(bytes: &[u8], mut f: impl FnMut(u32, u32, u8)) {
    let mut i = 0;
    let leb = |i: &mut usize| {
        let mut n = 0u32;
        let mut shift = 0;
        while let Some(&b) = bytes.get(*i) {
            *i += 1;
            n |= u32::from(b & 127).checked_shl(shift).unwrap_or(0);
            if b < 128 {
                break;
            }
            shift += 7;
        }
        n
    };
    while i < bytes.len() {
        let key = leb(&mut i);
        let value = bytes.get(i).copied().unwrap_or(0);
        i += 1;
        let record = if value & 1 == 1 { leb(&mut i) } else { 0 };
        f(key, record, value);
    }
}

/// The blocks being filled, each by one batch of documents at a time ([`Blocks::take`]).
#[derive(Default)]
pub(super) struct Blocks {
    open: Mutex<Vec<Block>>,
}

impl Blocks {
    /// A writer that goes on filling a block left by an earlier batch, if there is one.
    pub(super) fn take(&self) -> Writer {
        Writer { block: self.open.lock().unwrap_or_else(PoisonError::into_inner).pop() }
    }

    /// The writer's block, for the next batch to go on filling.
    pub(super) fn give_back(&self, writer: Writer) {
        if let Some(block) = writer.block {
            self.open.lock().unwrap_or_else(PoisonError::into_inner).push(block);
        }
    }
}

/// Appends documents to a block.
#[derive(Default)]
pub(super) struct Writer {
    block: Option<Block>,
}

impl Writer {
    /// Keeps one document: its fragment and postings appended to the block, or to a new one
    /// when they do not fit in what is left of it.
    pub(super) fn push(&mut self, fragment: &[u8], postings: &[u8]) -> Analysed {
        let size = fragment.len() + postings.len();
        let block = match self.block.take() {
            Some(block) if lock(&block).spare_capacity_mut().len() >= size => block,
            _ => Arc::new(Mutex::new(Vec::with_capacity(BLOCK.max(size)))),
        };
        let (start, mid, end) = {
            let mut bytes = lock(&block);
            let start = bytes.len();
            bytes.extend_from_slice(fragment);
            let mid = bytes.len();
            bytes.extend_from_slice(postings);
            (start, mid, bytes.len())
        };
        self.block = Some(Arc::clone(&block));
        Analysed { block, start, mid, end }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_share_blocks_and_read_back_their_own_bytes() {
        let blocks = Blocks::default();
        let mut writer = blocks.take();
        let a = writer.push(b"{\"t\":\"a\"}", &[3, 6]);
        let b = writer.push(b"{\"t\":\"b\"}", &[1, 7, 200, 1]);
        assert!(Arc::ptr_eq(&a.block, &b.block), "one block");
        assert_eq!(a.fragment(), "{\"t\":\"a\"}");
        assert_eq!(a.postings(), [(3, 0, 6)]);
        assert_eq!(b.postings(), [(1, 200, 7)]);
        assert_ne!(a, b);
        // The next batch goes on filling the same block; equal bytes are equal documents,
        // in one block or in two.
        blocks.give_back(writer);
        let mut again = blocks.take();
        let c = again.push(b"{\"t\":\"a\"}", &[3, 6]);
        assert!(Arc::ptr_eq(&a.block, &c.block));
        assert_eq!(a, c);
        let d = Writer::default().push(b"{\"t\":\"a\"}", &[3, 6]);
        assert!(!Arc::ptr_eq(&a.block, &d.block));
        assert_eq!(a, d);
        assert_ne!(b, d);
    }

    /// A block is never reallocated: a document that does not fit in what is left of it goes
    /// to a new one, however large.
    #[test]
    fn a_document_that_does_not_fit_starts_a_block() {
        let mut writer = Writer::default();
        let first = writer.push(b"x", &[]);
        let capacity = lock(&first.block).capacity();
        let large = vec![b'y'; BLOCK + 10];
        let second = writer.push(&large, &[5, 2]);
        assert!(!Arc::ptr_eq(&first.block, &second.block));
        assert_eq!(lock(&first.block).capacity(), capacity);
        assert_eq!(second.fragment().len(), BLOCK + 10);
        assert_eq!(second.postings(), [(5, 0, 2)]);
        let third = writer.push(b"z", &[]);
        assert!(!Arc::ptr_eq(&second.block, &third.block), "the large one is full");
        assert_eq!((first.fragment(), third.fragment()), ("x".to_owned(), "z".to_owned()));
    }
}
