//! minify-html settings in one place (its `Cfg` fields change between versions), and the
//! memo that minifies the theme's chrome once rather than on every page. The output must stay
//! valid HTML for the Nu Html Checker: the doctype is kept and attribute values stay
//! spec-compliant.
//!
//! A theme marks where its page may be cut with the comment [`CUT`], between the head's or the
//! body's top-level elements (`themes/default/templates/base.html`: before and after the
//! `<title>`, after the stylesheets and scripts every page has, after `<body>`, after the
//! header, before and after `<main>`). Each piece is minified on its own; a piece seen twice
//! in a build (what precedes the title, the head's links and scripts, the header and menu for
//! a given depth and current item, the footer) is kept, and later pages copy it instead of
//! minifying it again. Minifying pieces cut there gives the same bytes as minifying the page
//! whole (a test checks this on every page of the example and the fixtures); a theme without
//! the comment is minified page by page, as before.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::hash::{Hash as _, Hasher as _};
use std::sync::Mutex;

/// The comment a theme puts where a page may be cut into pieces minified apart.
pub const CUT: &[u8] = b"<!-- secretaria:trecho -->";

/// At most this many bytes of pieces are kept per build (a theme with a cut inside a
/// per-page part must not grow memory with the site).
const KEPT_MAX_BYTES: usize = 32 << 20;

/// Minifies one HTML page whole, including its inline CSS and JavaScript.
pub fn html(bytes: &[u8]) -> Vec<u8> {
    crate::timings::work(crate::timings::Work::Minify, || html_untimed(bytes))
}

/// A build's minifier: pages cut at [`CUT`], pieces seen before copied from the memo.
#[derive(Debug, Default)]
pub struct Minifier {
    memo: Mutex<Memo>,
}

/// A piece kept: the block its bytes are in ([`Memo::blocks`]), where they start, their
/// length, and the length of its minified bytes, which follow them.
type Kept = (usize, usize, usize, usize);

/// Bytes of a block of kept pieces: above mimalloc's largest pooled size (512 KiB), so that
/// each block has memory of its own. The pieces are kept from the page that first repeats
/// them to the end of the render, made among each page's short-lived blocks: kept apart, each
/// as two small blocks, they held the allocator's pages of small blocks they were scattered
/// over (2.4 MB of pieces kept at 10,000 pages).
const BLOCK: usize = 1 << 20;

#[derive(Debug, Default)]
struct Memo {
    /// Hashes of pieces seen once (nothing else is kept of them).
    seen: HashSet<u64>,
    /// Pieces seen at least twice: their bytes (compared in full: a hash collision never
    /// publishes another piece) and their minified bytes.
    kept: HashMap<u64, Vec<Kept>>,
    /// The bytes of the kept pieces, each followed by its minified bytes; a block is filled
    /// up to its capacity and never reallocated.
    blocks: Vec<Vec<u8>>,
    kept_bytes: usize,
}

impl Memo {
    /// The minified bytes of `piece`, if it is kept.
    fn find(&self, key: u64, piece: &[u8]) -> Option<&[u8]> {
        self.kept.get(&key)?.iter().find_map(|&(block, start, len, minified)| {
            let bytes = self.blocks.get(block)?;
            (bytes.get(start..start + len)? == piece).then(|| bytes.get(start + len..start + len + minified))?
        })
    }

    /// Keeps `piece` and its `minified` bytes.
    fn keep(&mut self, key: u64, piece: &[u8], minified: &[u8]) {
        let size = piece.len() + minified.len();
        if self.kept_bytes + size > KEPT_MAX_BYTES {
            return;
        }
        self.kept_bytes += size;
        if self.blocks.last().is_none_or(|b| b.capacity() - b.len() < size) {
            self.blocks.push(Vec::with_capacity(BLOCK.max(size)));
        }
        let block = self.blocks.len() - 1;
        if let Some(bytes) = self.blocks.last_mut() {
            let start = bytes.len();
            bytes.extend_from_slice(piece);
            bytes.extend_from_slice(minified);
            self.kept.entry(key).or_default().push((block, start, piece.len(), minified.len()));
        }
    }
}

impl Minifier {
    pub fn new() -> Self {
        Minifier::default()
    }

    /// `page` minified: the same bytes as [`html`], from pieces.
    pub fn page(&self, page: &[u8]) -> Vec<u8> {
        crate::timings::work(crate::timings::Work::Minify, || {
            let pieces = cut(page);
            if pieces.len() < 2 {
                return html_untimed(page);
            }
            let mut out = Vec::with_capacity(page.len());
            for piece in pieces {
                self.piece(piece, &mut out);
            }
            close_head(out)
        })
    }

    /// Appends `piece` minified to `out`.
    fn piece(&self, piece: &[u8], out: &mut Vec<u8>) {
        let mut hasher = rustc_hash::FxHasher::default();
        piece.hash(&mut hasher);
        let key = hasher.finish();
        let promote = match self.memo.lock() {
            Ok(mut memo) => {
                if let Some(found) = memo.find(key, piece) {
                    out.extend_from_slice(found);
                    return;
                }
                !memo.seen.insert(key)
            }
            Err(_) => false,
        };
        let minified = minify_piece(piece);
        out.extend_from_slice(&minified);
        if promote {
            if let Ok(mut memo) = self.memo.lock() {
                memo.keep(key, piece, &minified);
            }
        }
    }
}

/// `page` cut at each [`CUT`] that stands between elements (not inside a comment, a script, a
/// style, a title or a textarea); the comments themselves are left out.
fn cut(page: &[u8]) -> Vec<&[u8]> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some(offset) = page.get(at..).and_then(|rest| memchr::memchr(b'<', rest)) {
        let lt = at + offset;
        let rest = page.get(lt..).unwrap_or_default();
        let starts = |tag: &[u8]| rest.get(..tag.len()).is_some_and(|p| p.eq_ignore_ascii_case(tag));
        if rest.starts_with(CUT) {
            pieces.push(page.get(start..lt).unwrap_or_default());
            start = lt + CUT.len();
            at = start;
            continue;
        }
        let raw_end: Option<&[u8]> = if starts(b"<!--") {
            Some(b"-->")
        } else if starts(b"<script") {
            Some(b"</script")
        } else if starts(b"<style") {
            Some(b"</style")
        } else if starts(b"<title") {
            Some(b"</title")
        } else if starts(b"<textarea") {
            Some(b"</textarea")
        } else {
            None
        };
        at = match raw_end {
            // Raw text: no cut inside (an unclosed one runs to the end of the page).
            Some(end) => match find_ignore_case(page, lt + 1, end) {
                Some(p) => p + end.len(),
                None => break,
            },
            None => lt + 1,
        };
    }
    pieces.push(page.get(start..).unwrap_or_default());
    pieces
}

/// The first `needle` (ASCII, any case) in `page` at or after `from`.
fn find_ignore_case(page: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = needle.first()?;
    let mut at = from;
    loop {
        let rest = page.get(at..)?;
        let pos = at + memchr::memchr2(first.to_ascii_lowercase(), first.to_ascii_uppercase(), rest)?;
        if page.get(pos..pos + needle.len()).is_some_and(|p| p.eq_ignore_ascii_case(needle)) {
            return Some(pos);
        }
        at = pos + 1;
    }
}

/// One piece minified (the `</head>` is put back once the page is whole).
fn minify_piece(piece: &[u8]) -> Vec<u8> {
    minify_html::minify(piece, &config())
}

/// The minify-html settings of every page (the floor benchmark, `examples/floor.rs`, uses
/// them too).
pub fn config() -> minify_html::Cfg {
    minify_html::Cfg {
        minify_doctype: false,
        allow_noncompliant_unquoted_attribute_values: false,
        allow_removing_spaces_between_attributes: false,
        keep_closing_tags: false,
        keep_html_and_head_opening_tags: true,
        keep_comments: false,
        minify_css: true,
        minify_js: true,
        remove_bangs: false,
        remove_processing_instructions: true,
        ..minify_html::Cfg::default()
    }
}

fn html_untimed(bytes: &[u8]) -> Vec<u8> {
    close_head(minify_piece(bytes))
}

/// Puts back the `</head>` that minify-html leaves out (optional in HTML, but tools that read
/// our pages, such as Pagefind, find no page without it): inserted before `<body`, looked for
/// outside the head's scripts, styles and title. 7 bytes a page; the head is read from one
/// `<` to the next (memchr), which at 10,000 pages is the difference between noise and 2% of
/// a build.
fn close_head(mut page: Vec<u8>) -> Vec<u8> {
    // The next `<` at or after `from` that starts `tag` (any case).
    let find = |page: &[u8], mut from: usize, tag: &[u8]| -> Option<usize> {
        loop {
            let at = from + memchr::memchr(b'<', page.get(from..)?)?;
            if page.get(at..at + tag.len()).is_some_and(|p| p.eq_ignore_ascii_case(tag)) {
                return Some(at);
            }
            from = at + 1;
        }
    };
    let mut at = 0;
    while let Some(start) = find(&page, at, b"<") {
        let rest = page.get(start..).unwrap_or_default();
        let starts = |tag: &[u8]| rest.get(..tag.len()).is_some_and(|p| p.eq_ignore_ascii_case(tag));
        if starts(b"</head") {
            return page;
        }
        if starts(b"<body") {
            // In place: the minifier's buffer has room for 7 bytes more, as a rule (a new
            // buffer per page would cost every build its own page-sized allocation).
            page.reserve(7);
            page.splice(start..start, b"</head>".iter().copied());
            return page;
        }
        let raw_end: Option<&[u8]> = if starts(b"<script") {
            Some(b"</script")
        } else if starts(b"<style") {
            Some(b"</style")
        } else if starts(b"<title") {
            Some(b"</title")
        } else {
            None
        };
        at = match raw_end {
            Some(end) => match find(&page, start + 1, end) {
                Some(p) => p + end.len(),
                None => return page,
            },
            None => start + 1,
        };
    }
    page
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_doctype_scripts_and_json_ld() {
        let page = b"<!DOCTYPE html><html lang=\"pt-BR\"><head><title>x</title>\
            <script>document.documentElement.classList.add( 'js' );</script>\
            <script type=\"application/ld+json\">{\"@type\": \"Event\"}</script></head>\
            <body><p>  a   b  </p></body></html>";
        let out = String::from_utf8_lossy(&super::html(page)).to_string();
        assert!(out.to_lowercase().starts_with("<!doctype html>"), "{out}");
        assert!(
            out.contains("classList.add(`js`)")
                || out.contains("classList.add(\"js\")")
                || out.contains("classList.add('js')"),
            "{out}"
        );
        assert!(out.contains("\"@type\""), "{out}");
        assert!(out.contains("<p>a b"), "{out}");
        assert!(out.contains("</script></head><body>"), "{out}");
    }

    #[test]
    fn the_head_is_closed_once_and_not_inside_a_script() {
        let page = b"<!DOCTYPE html><html><head><title>&lt;body&gt;</title>\
            <script type=\"application/ld+json\">{\"a\": \"<body>\"}</script></head>\
            <body class=x><p>&lt;body&gt;</p></body></html>";
        let out = String::from_utf8_lossy(&super::html(page)).to_string();
        assert_eq!(out.matches("</head>").count(), 1, "{out}");
        assert!(out.contains("</script></head><body class=x>"), "{out}");
        // A page without a body tag is left alone.
        assert_eq!(super::close_head(b"<p>x".to_vec()), b"<p>x");
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod cut_tests {
    use super::{cut, Minifier, CUT};
    use crate::pipeline::{self, BuildOptions};
    use crate::render::Renderer;
    use std::path::Path;

    /// Every page of the example site and of every fixture: minified in pieces (twice, so the
    /// second time comes from the memo) it is the same bytes as minified whole.
    #[test]
    fn pieces_minify_to_the_same_bytes_as_the_whole_page() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut roots = vec![manifest.to_path_buf(), manifest.join("docs/guia")];
        let fixtures = std::fs::read_dir(manifest.join("tests/fixtures")).unwrap();
        let mut fixtures: Vec<_> =
            fixtures.map(|e| e.unwrap().path()).filter(|p| p.join("site.yaml").is_file()).collect();
        fixtures.sort();
        roots.extend(fixtures);
        let mut pages = 0;
        let mut cut_pages = 0;
        for root in roots {
            let options = BuildOptions { root: root.clone(), ..BuildOptions::default() };
            let Ok(loaded) = pipeline::load(&options) else { continue };
            let renderer = Renderer::new(&loaded.site, &loaded.theme);
            let minifier = Minifier::new();
            for _ in 0..2 {
                for route in pipeline::plan(&loaded.site).iter().filter(|r| r.is_html()) {
                    let Ok(page) = renderer.render(route) else { continue };
                    pages += 1;
                    if cut(&page).len() > 1 {
                        cut_pages += 1;
                    }
                    assert_eq!(
                        String::from_utf8_lossy(&minifier.page(&page)),
                        String::from_utf8_lossy(&super::html(&page)),
                        "{} {}",
                        root.display(),
                        route.file
                    );
                }
            }
        }
        assert!(pages > 300 && cut_pages == pages, "{cut_pages} of {pages} pages were cut");
    }

    #[test]
    fn no_cut_inside_raw_text_or_comments() {
        let cut_text = String::from_utf8_lossy(CUT).to_string();
        for inside in [
            format!("<script>var a = '{cut_text}';</script>"),
            format!("<STYLE>/* {cut_text} */</STYLE>"),
            format!("<title>{cut_text}</title>"),
            format!("<textarea>{cut_text}</textarea>"),
            format!("<!-- outro {cut_text} -->"),
        ] {
            let page = format!("<p>a</p>{inside}<p>b</p>");
            assert_eq!(cut(page.as_bytes()).len(), 1, "{page}");
        }
        let page = format!("<p>a</p>{cut_text}<p>b</p>{cut_text}");
        assert_eq!(cut(page.as_bytes()), vec![&b"<p>a</p>"[..], b"<p>b</p>", b""]);
    }

    /// Kept pieces share blocks that are never reallocated; each is found by its whole bytes.
    #[test]
    fn kept_pieces_are_found_by_their_bytes_in_shared_blocks() {
        let mut memo = super::Memo::default();
        memo.keep(1, b"<p> a </p>", b"<p>a</p>");
        memo.keep(1, b"<p> b </p>", b"<p>b</p>");
        memo.keep(2, b"<i> c </i>", b"<i>c</i>");
        assert_eq!(memo.blocks.len(), 1);
        let capacity = memo.blocks[0].capacity();
        assert_eq!(memo.find(1, b"<p> a </p>"), Some(&b"<p>a</p>"[..]));
        assert_eq!(memo.find(1, b"<p> b </p>"), Some(&b"<p>b</p>"[..]));
        assert_eq!(memo.find(2, b"<i> c </i>"), Some(&b"<i>c</i>"[..]));
        assert_eq!(memo.find(2, b"<p> a </p>"), None, "same hash, other bytes");
        let large = vec![b'x'; super::BLOCK];
        memo.keep(3, &large, b"x");
        assert_eq!(memo.blocks.len(), 2);
        assert_eq!(memo.blocks[0].capacity(), capacity);
        assert_eq!(memo.find(3, &large), Some(&b"x"[..]));
        assert_eq!(memo.find(1, b"<p> a </p>"), Some(&b"<p>a</p>"[..]));
    }

    #[test]
    fn a_piece_seen_twice_is_kept_and_a_unique_one_is_not() {
        let m = Minifier::new();
        let cut_text = String::from_utf8_lossy(CUT).to_string();
        for i in 0..3 {
            let page = format!("<header> <p>menu</p> </header>{cut_text}<main> <p>{i}</p> </main>");
            assert_eq!(m.page(page.as_bytes()), super::html(page.as_bytes()));
        }
        let memo = m.memo.lock().unwrap();
        assert_eq!(memo.kept.len(), 1);
        assert_eq!(memo.seen.len(), 4);
        assert_eq!(memo.blocks.len(), 1);
    }
}
