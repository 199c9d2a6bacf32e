//! Checks of the site as citizens get it, located in the source that produced each finding:
//! internal links and fragments resolve against the rendered output (its files and the ids of
//! its pages: provision anchors, heading ids), links to `.md`/`.yaml` sources name a file that
//! exists, images have alternative text, nothing loads from a third party, headings do not
//! skip levels, link texts say where they lead, pages are not outdated ([`stale`]). Pure: the model and an [`Index`] of the
//! rendered output in, diagnostics out. `build` and `check` run it after rendering, before
//! anything is published.
//!
//! Every finding comes from a Markdown event of an editor's text, whose byte offset gives the
//! file and line (pulldown-cmark's offset iterator), so the editor is sent to what they wrote,
//! not to the output.

mod body;
mod stale;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Body, Origin, Site};
use crate::output::Sink;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;
use std::sync::Mutex;

/// What the rendered site contains: every output file, and the ids of each HTML page.
/// Recorded while the pages render, and kept until they are all checked: one entry per file,
/// its ids in one block ([`Ids`]), so that a page leaves two allocations here rather than
/// one per id (every long-lived block made among a render's short-lived ones adds to the
/// build's peak memory).
#[derive(Debug, Default)]
pub(crate) struct Index {
    files: HashMap<String, Ids>,
    /// Whether a file came or went, or a page's ids changed, since [`Index::settle`]: what a
    /// link can point at changed, so every text's links need judging again (the dev loop's
    /// checks after a template edit that drops an id, a page deleted).
    dirty: bool,
}

impl Index {
    /// An empty index with room for `files` files. A build gives every file it will publish its
    /// entry before the pages render ([`Index::add_static`]): their names and the table are
    /// then made at once, rather than among each render's short-lived blocks, where every
    /// long-lived block adds to the build's peak memory; the pages' ids fill them in.
    pub(crate) fn with_capacity(files: usize) -> Index {
        Index { files: HashMap::with_capacity_and_hasher(files, Default::default()), dirty: false }
    }

    /// Records a file published as it is (static files, attachments).
    pub(crate) fn add_static(&mut self, file: &str) {
        if !self.files.contains_key(file) {
            self.files.insert(file.to_string(), Ids::default());
            self.dirty = true;
        }
    }

    /// Forgets a file that is no longer published.
    pub(crate) fn remove(&mut self, file: &str) {
        self.dirty |= self.files.remove(file).is_some();
    }

    /// Records a rendered file and, for a page, its ids.
    #[cfg(test)]
    pub(crate) fn record(&mut self, file: &str, bytes: &[u8]) {
        self.record_ids(file, page_ids(file, bytes));
    }

    /// Records a rendered file and, for a page, its ids as [`page_ids`] read them (outside the
    /// lock the dev loop's render threads share the index under).
    pub(crate) fn record_ids(&mut self, file: &str, found: Option<Ids>) {
        match found {
            Some(ids) => self.insert(file, ids),
            None => self.add_static(file),
        }
    }

    fn insert(&mut self, file: &str, ids: Ids) {
        match self.files.get_mut(file) {
            Some(kept) if *kept == ids => {}
            Some(kept) => {
                *kept = ids;
                self.dirty = true;
            }
            None => {
                self.files.insert(file.to_string(), ids);
                self.dirty = true;
            }
        }
    }

    /// Whether what links can point at changed since [`Index::settle`] (or ever).
    pub(crate) fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Every text's links were judged against the index as it is now.
    pub(crate) fn settle(&mut self) {
        self.dirty = false;
    }

    fn has(&self, file: &str) -> bool {
        self.files.contains_key(file)
    }

    fn has_id(&self, file: &str, id: &str) -> bool {
        self.files.get(file).is_some_and(|ids| ids.contains(id))
    }
}

/// The ids of one page, sorted and without repeats, in one string (`text`), each ending at
/// its offset in `ends`.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Ids {
    text: Box<str>,
    ends: Box<[u32]>,
}

impl Ids {
    fn of(mut ids: Vec<String>) -> Ids {
        ids.sort_unstable();
        ids.dedup();
        let mut text = String::with_capacity(ids.iter().map(String::len).sum());
        let mut ends = Vec::with_capacity(ids.len());
        for id in &ids {
            text.push_str(id);
            // A page beyond 4 GiB is not one a build can hold; its ids past that are left
            // out, which only hides a broken fragment.
            let Ok(end) = u32::try_from(text.len()) else { break };
            ends.push(end);
        }
        Ids { text: text.into_boxed_str(), ends: ends.into_boxed_slice() }
    }

    fn get(&self, i: usize) -> &str {
        let start = i.checked_sub(1).and_then(|p| self.ends.get(p)).map_or(0, |&e| e as usize);
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        self.text.get(start..end).unwrap_or_default()
    }

    fn contains(&self, id: &str) -> bool {
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.get(mid).cmp(id) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// The ids of `file` (none unless it is an HTML page).
fn ids_of(file: &str, bytes: &[u8]) -> Ids {
    if file.ends_with(".html") {
        Ids::of(ids(bytes))
    } else {
        Ids::default()
    }
}

/// The ids of a rendered file when it is a page (for [`Index::record_ids`]).
pub(crate) fn page_ids(file: &str, bytes: &[u8]) -> Option<Ids> {
    file.ends_with(".html").then(|| Ids::of(ids(bytes)))
}

/// The values of the `id` attributes in an HTML page, quoted or not (the minifier drops the
/// quotes where it can), in the order found, repeats included. A text that merely reads `id=`
/// after a space may add an id that does not exist; that only hides a broken fragment, it
/// never reports a good one.
fn ids(bytes: &[u8]) -> Vec<String> {
    // Read as bytes (every page passes here: no copy, no validation of the whole page); only
    // the values are read as text.
    let mut found = Vec::new();
    for i in memchr::memmem::find_iter(bytes, b"id=") {
        if !i.checked_sub(1).and_then(|p| bytes.get(p)).is_some_and(|b| b" \n\t\"'".contains(b)) {
            continue;
        }
        let rest = bytes.get(i + 3..).unwrap_or_default();
        let value = match rest.first() {
            Some(&q @ (b'"' | b'\'')) => rest.get(1..).and_then(|r| r.split(|&b| b == q).next()),
            Some(_) => rest.split(|b| b" >\n\t".contains(b)).next().map(|v| {
                let end = v.iter().rposition(|&b| b != b'/').map_or(0, |p| p + 1);
                v.get(..end).unwrap_or_default()
            }),
            None => None,
        };
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            let value = String::from_utf8_lossy(value);
            // Most ids have no `&`: not copied once more by `replace`.
            found.push(if value.contains('&') { value.replace("&amp;", "&") } else { value.into_owned() });
        }
    }
    found
}

/// A sink that records what passes to an [`Index`] and hands it on.
pub(crate) struct Recording<'a> {
    pub(crate) inner: &'a dyn Sink,
    pub(crate) index: Mutex<Index>,
}

impl Recording<'_> {
    /// The index recorded so far; an error only if a render thread panicked while recording.
    pub(crate) fn into_index(self) -> anyhow::Result<Index> {
        self.index.into_inner().map_err(|_| anyhow::anyhow!("falha interna ao montar o índice do site gerado"))
    }
}

impl Sink for Recording<'_> {
    fn put(&self, file: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        let ids = ids_of(file, &bytes);
        if let Ok(mut index) = self.index.lock() {
            index.insert(file, ids);
        }
        self.inner.put(file, bytes)
    }
}

/// Every editor's text of the site with where it is published.
pub(crate) fn texts(site: &Site) -> Vec<(&Origin, &Body)> {
    let mut all = vec![(&site.home.origin, &site.home.body)];
    all.extend(site.pages.iter().map(|p| (&p.origin, &p.body)));
    all.extend(site.listing_intros.iter().map(|p| (&p.origin, &p.body)));
    all.extend(site.sections.iter().map(|s| (&s.origin, &s.body)));
    all.extend(site.assessorias.iter().map(|a| (&a.origin, &a.body)));
    all.extend(site.notices.iter().map(|n| (&n.origin, &n.body)));
    all.extend(site.programs.iter().map(|p| (&p.origin, &p.body)));
    all.extend(site.councils.iter().map(|c| (&c.origin, &c.body)));
    all.extend(site.faqs.iter().map(|f| (&f.origin, &f.answer)));
    all.extend(site.sic.iter().chain(&site.ombudsman).map(|s| (&s.origin, &s.body)));
    all.extend(site.privacy.iter().map(|p| (&p.origin, &p.body)));
    all
}

/// The checks of every editor's text against the rendered `index`.
pub(crate) fn check(site: &Site, index: &Index) -> Diagnostics {
    check_some(site, index, &|_| true)
}

/// The checks of the texts whose source file `wanted` accepts (`serve` checks the files an
/// edit touched), against the rendered `index`.
pub(crate) fn check_some(site: &Site, index: &Index, wanted: &(dyn Fn(&Path) -> bool + Sync)) -> Diagnostics {
    check_until(site, index, wanted, wanted, &|| false).unwrap_or_default()
}

/// [`check_some`] with the texts whose links, images and headings are checked (`linked`) apart
/// from those whose age is (`wanted`), stopped as soon as `cancel()` says so (`None`): the dev
/// loop gives up checks that a newer edit makes stale.
pub(crate) fn check_until(
    site: &Site,
    index: &Index,
    linked: &(dyn Fn(&Path) -> bool + Sync),
    wanted: &(dyn Fn(&Path) -> bool + Sync),
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Diagnostics> {
    let sources: HashSet<String> = texts(site)
        .iter()
        .map(|(o, _)| o.file.to_string_lossy().replace('\\', "/"))
        .chain(site.units.iter().map(|u| u.origin.file.to_string_lossy().replace('\\', "/")))
        .chain(site.laws.iter().map(|l| l.origin.file.to_string_lossy().replace('\\', "/")))
        .chain(site.secretariat.iter().map(|s| s.origin.file.to_string_lossy().replace('\\', "/")))
        .collect();
    let context = body::Context { index, sources: &sources };
    let found: Option<Vec<Vec<Diagnostic>>> = texts(site)
        .par_iter()
        .filter(|(origin, _)| linked(&origin.file))
        .map(|(origin, body)| (!cancel()).then(|| body::check(&context, origin, body)))
        .collect();
    // The Markdown written in YAML fields (the secretariat's mission, a unit's text).
    let fields: Option<Vec<Vec<Diagnostic>>> = site
        .field_texts
        .par_iter()
        .filter(|text| linked(&text.origin.file))
        .map(|text| (!cancel()).then(|| body::check_field(&context, text)))
        .collect();
    let mut diagnostics = Diagnostics::new();
    for diagnostic in found?.into_iter().chain(fields?).flatten().chain(stale::check(site, wanted)) {
        diagnostics.push(diagnostic);
    }
    Some(diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What links can point at changed: a file came or went, or a page's ids changed; not a
    /// page rendered again with other text and the same ids.
    #[test]
    fn the_index_knows_when_link_targets_changed() {
        let mut index = Index::default();
        index.record("a/index.html", br#"<h2 id="um">Um</h2>"#);
        assert!(index.is_dirty());
        index.settle();
        index.record("a/index.html", br#"<p>Outro texto</p><h2 id="um">Um</h2>"#);
        assert!(!index.is_dirty(), "same ids");
        index.record("a/index.html", br#"<h2 id="dois">Um</h2>"#);
        assert!(index.is_dirty(), "an id changed");
        index.settle();
        index.add_static("a/doc.pdf");
        assert!(index.is_dirty(), "a file came");
        index.settle();
        index.add_static("a/doc.pdf");
        assert!(!index.is_dirty());
        index.remove("a/doc.pdf");
        assert!(index.is_dirty(), "a file went");
        index.settle();
        index.remove("a/doc.pdf");
        assert!(!index.is_dirty());
    }

    /// A build enters every file before the pages render; a page's ids fill its entry in.
    #[test]
    fn a_file_entered_before_it_renders_gets_its_ids() {
        let mut index = Index::with_capacity(2);
        index.add_static("a/index.html");
        assert!(index.has("a/index.html") && !index.has_id("a/index.html", "x"));
        index.record("a/index.html", b"<p id=x>");
        assert!(index.has_id("a/index.html", "x"));
    }

    #[test]
    fn ids_quoted_or_not() {
        let found = Ids::of(ids(br#"<h2 id=a>x</h2><p id="b c"></p><a id='d' href=x><div data-id="no"><i id=e/>"#));
        for id in ["a", "b c", "d", "e"] {
            assert!(found.contains(id), "{id}: {found:?}");
        }
        assert!(!found.contains("no"));
    }

    #[test]
    fn ids_found_by_their_whole_text() {
        let found = Ids::of(["b", "ab", "a", "b", "", "abc"].map(String::from).to_vec());
        for id in ["a", "ab", "abc", "b"] {
            assert!(found.contains(id), "{id}: {found:?}");
        }
        for id in ["c", "bb", "abcd", "ba"] {
            assert!(!found.contains(id), "{id}: {found:?}");
        }
        assert!(!Ids::default().contains("a"));
    }

    #[test]
    fn a_file_put_again_keeps_its_last_ids() {
        let mut index = Index::default();
        index.add_static("a/index.html");
        index.record("a/index.html", b"<p id=x>");
        index.record("b.json", b"{\"id\": 1}");
        assert!(index.has("a/index.html") && index.has("b.json") && !index.has("c"));
        assert!(index.has_id("a/index.html", "x") && !index.has_id("b.json", "1"));
        index.record("a/index.html", b"<p id=y>");
        assert!(!index.has_id("a/index.html", "x") && index.has_id("a/index.html", "y"));
        index.remove("a/index.html");
        assert!(!index.has("a/index.html") && !index.has_id("a/index.html", "y"));
    }
}
