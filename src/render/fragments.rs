//! Markdown fragments go around Tera and the minifier.
//!
//! A page's HTML goes through Tera (which copies every value into its context and builds the
//! page in a growing buffer) and then minify-html (which builds a tree of the whole page,
//! about eight times its size, and is most of a build's CPU time). The HTML of a Markdown text
//! needs neither: the Markdown writer's output is already compact (no indentation, one newline
//! between blocks) and safe. So every Markdown fragment a view renders for a page is handed to
//! the template as a short marker, the page around it (the theme's chrome, which
//! [`crate::output::minify`] minifies once per distinct piece) is rendered and minified, and the
//! fragments are then put in place of their markers, in one pass. For a 50 MB body this is
//! also what keeps memory near the source's size: the page costs the source, the parser's tree
//! and the HTML once.
//!
//! The marker is text made of the fragment's own hash, so no content can spell it in advance;
//! it is replaced only where it stands as text between elements (not in an attribute, a
//! comment, `<title>` or a script). A template that uses a fragment any other way makes the
//! page go the ordinary way (rendered again and minified whole).

use super::view::Md;
use crate::markdown;
#[cfg(test)]
use crate::markdown::MarkdownOptions;
use std::cell::RefCell;
use std::hash::{Hash as _, Hasher as _};

/// Fragments at least this long (bytes of HTML) skip Tera and the minifier: every one that
/// is not empty.
pub(crate) const SET_ASIDE_FROM: usize = 1;

/// What every marker starts with (then the fragment's index and hash).
const MARKER_PREFIX: &str = "secretaria-fragmento-";

/// One fragment set aside and the marker standing for it in the page.
#[derive(Debug)]
struct Large {
    marker: String,
    html: String,
}

/// The fragments set aside for the page being rendered.
#[derive(Debug, Default)]
pub(crate) struct Fragments {
    large: RefCell<Vec<Large>>,
    /// Fragments from this size up are set aside (tests lower it).
    threshold: usize,
}

impl Fragments {
    pub(crate) fn new() -> Self {
        Fragments { large: RefCell::default(), threshold: SET_ASIDE_FROM }
    }

    #[cfg(test)]
    pub(super) fn with_threshold(threshold: usize) -> Self {
        Fragments { large: RefCell::default(), threshold }
    }

    /// The HTML of `text` for the template: a marker (itself when shorter than the threshold).
    #[cfg(test)]
    pub(super) fn html(&self, text: &str, options: MarkdownOptions<'_>) -> String {
        self.put(markdown::render(text, options))
    }

    /// `html` (already safe, compact HTML, such as a normative text's) for the template:
    /// a marker (itself when shorter than the threshold).
    pub(super) fn put(&self, html: String) -> String {
        if html.len() < self.threshold {
            return html;
        }
        // FxHash rather than SipHash: the marker never reaches the output (every one is
        // replaced, or the page is rendered again without them), and SipHash over every
        // fragment's bytes showed in profiles.
        let mut hasher = rustc_hash::FxHasher::default();
        html.hash(&mut hasher);
        let mut large = self.large.borrow_mut();
        let marker = format!("{MARKER_PREFIX}{}-{:016x}", large.len(), hasher.finish());
        large.push(Large { marker: marker.clone(), html });
        marker
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.large.borrow().is_empty()
    }

    /// `page` (rendered and finished around the markers) with every fragment in place; `None`
    /// when a marker is missing from text context, so the page must go the ordinary way.
    pub(crate) fn assemble(self, page: &[u8]) -> Option<Vec<u8>> {
        let mut large = self.large.into_inner();
        // (position in page, fragment index), in page order.
        // One pass over the page: each occurrence of the prefix is a marker when the index
        // after it names a fragment whose whole marker stands there.
        let mut found: Vec<(usize, usize)> = Vec::new();
        for pos in memchr::memmem::find_iter(page, MARKER_PREFIX.as_bytes()) {
            // Bytes, not text: the page is not checked for UTF-8 again (each of its pieces
            // was a `&str`), and a marker is ASCII.
            let rest = page.get(pos + MARKER_PREFIX.len()..)?;
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let number = rest.get(..digits).and_then(|d| std::str::from_utf8(d).ok());
            let Some(i) = number.and_then(|d| d.parse::<usize>().ok()) else { continue };
            if large.get(i).is_some_and(|l| page.get(pos..).is_some_and(|t| t.starts_with(l.marker.as_bytes()))) {
                found.push((pos, i));
            }
        }
        found.sort_unstable();
        if !all_in_text(page, found.iter().map(|&(pos, _)| pos)) {
            return None;
        }
        let once = |i: usize| found.iter().filter(|&&(_, j)| j == i).count() == 1;
        // The largest fragment used once becomes the page's buffer; the rest is copied around it.
        let base =
            found.iter().map(|&(_, i)| i).filter(|&i| once(i)).max_by_key(|&i| large.get(i).map(|l| l.html.len()));
        let mut before = Vec::new();
        let mut after = Vec::new();
        let mut out: Option<Vec<u8>> = None;
        let mut from = 0;
        for &(pos, i) in &found {
            let part = page.get(from..pos)?;
            let l = large.get_mut(i)?;
            let side = if out.is_some() { &mut after } else { &mut before };
            side.extend_from_slice(part);
            if out.is_none() && Some(i) == base {
                out = Some(std::mem::take(&mut l.html).into_bytes());
            } else {
                side.extend_from_slice(l.html.as_bytes());
            }
            from = pos + l.marker.len();
        }
        let tail = page.get(from..)?;
        let Some(mut out) = out else {
            before.extend_from_slice(tail);
            return Some(before);
        };
        after.extend_from_slice(tail);
        out.reserve_exact(before.len() + after.len());
        // `before` put in front: the fragment moved up once and `before` copied in, both
        // with memmove (`Vec::splice` fills the gap a byte at a time).
        let len = out.len();
        out.resize(len + before.len(), 0);
        out.copy_within(0..len, before.len());
        out.get_mut(..before.len())?.copy_from_slice(&before);
        out.extend_from_slice(&after);
        Some(out)
    }
}

/// Whether every position of `positions` (ascending) stands in text between elements of
/// `page`: not inside a tag (its attributes), a comment, a doctype, or the raw text of a
/// script, style, title or textarea. Jumps from `<` to `<` (memchr), since every page passes.
fn all_in_text(page: &[u8], positions: impl Iterator<Item = usize>) -> bool {
    let mut positions = positions.peekable();
    let mut at = 0;
    while let Some(&next) = positions.peek() {
        let Some(lt) = page.get(at..).and_then(|rest| memchr::memchr(b'<', rest)).map(|o| at + o) else {
            // Text to the end of the page.
            return true;
        };
        if next < lt {
            positions.next();
            continue;
        }
        let Some(end) = end_of_markup(page, lt) else { return false };
        if next < end {
            return false;
        }
        at = end;
    }
    true
}

/// Where the markup that starts at `page[lt] == b'<'` ends (the index after it): a tag with
/// its quoted attributes, and for a script, style, title or textarea its raw text and closing
/// tag; a comment; a doctype. A `<` that starts none of these is text. `None`: unclosed.
fn end_of_markup(page: &[u8], lt: usize) -> Option<usize> {
    let rest = page.get(lt..)?;
    if rest.starts_with(b"<!--") {
        return memchr::memmem::find(rest.get(4..)?, b"-->").map(|o| lt + 4 + o + 3);
    }
    let after = *rest.get(1)?;
    if !(after.is_ascii_alphabetic() || after == b'/' || after == b'!' || after == b'?') {
        return Some(lt + 1);
    }
    let end = lt + tag_end(rest)? + 1;
    let name_len = rest.get(1..)?.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    let name = rest.get(1..1 + name_len)?;
    for raw in [&b"script"[..], b"style", b"title", b"textarea"] {
        if name.eq_ignore_ascii_case(raw) {
            // Raw text up to the closing tag, which is found as any tag is.
            let mut from = end;
            loop {
                let close = from + memchr::memmem::find(page.get(from..)?, b"</")?;
                let tail = page.get(close + 2..close + 2 + raw.len())?;
                if tail.eq_ignore_ascii_case(raw) {
                    return end_of_markup(page, close);
                }
                from = close + 2;
            }
        }
    }
    Some(end)
}

/// Renders a Markdown text for a view: directly, or through the page's [`Fragments`].
/// Its plain text goes to the route's [`super::texts::Texts`], when it keeps them.
/// Its events also go to `look` when given (a page body's, see `markdown::check::Look`).
pub(super) fn render(md: &Md<'_>, text: &str, look: Option<&mut markdown::check::Look<'_>>) -> String {
    let html = match md.texts {
        Some(texts) => texts.html(text, md.options, look),
        None => markdown::render_looking(text, md.options, look),
    };
    match md.fragments {
        Some(fragments) => fragments.put(html),
        None => html,
    }
}

/// The index of the `>` that ends the tag `rest` starts with (outside quoted values): from
/// one `>` or quote to the next (memchr), a quoted value skipped to its closing quote.
/// `None`: unclosed.
fn tag_end(rest: &[u8]) -> Option<usize> {
    let mut i = 1;
    loop {
        i += memchr::memchr3(b'>', b'"', b'\'', rest.get(i..)?)?;
        let b = *rest.get(i)?;
        if b == b'>' {
            return Some(i);
        }
        i += 1 + memchr::memchr(b, rest.get(i + 1..)?)? + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> MarkdownOptions<'static> {
        MarkdownOptions { root: "./", source_dir: "", allow_html: false, top_heading: 2, glossary: None }
    }

    #[test]
    fn every_fragment_but_an_empty_one_is_set_aside() {
        let f = Fragments::new();
        assert_eq!(f.html("", options()), "");
        assert!(f.is_empty());
        let m = f.html("oi", options());
        assert!(m.starts_with(MARKER_PREFIX), "{m}");
        let out = f.assemble(format!("<main>{m}</main>").as_bytes()).unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&out), "<main><p>oi</p>\n</main>");
    }

    #[test]
    fn a_look_alike_of_a_marker_is_left_as_it_is() {
        let f = Fragments::with_threshold(1);
        let m = f.html("texto", options());
        // Another index, a wrong hash, the prefix alone: text, not markers.
        let page = format!("<p>{MARKER_PREFIX}7-0</p><p>{MARKER_PREFIX}0-ffff</p><p>{MARKER_PREFIX}</p><div>{m}</div>");
        let out = String::from_utf8(f.assemble(page.as_bytes()).unwrap_or_default()).unwrap_or_default();
        assert!(out.ends_with("<div><p>texto</p>\n</div>"), "{out}");
        assert!(out.contains(&format!("<p>{MARKER_PREFIX}7-0</p><p>{MARKER_PREFIX}0-ffff</p>")), "{out}");
    }

    #[test]
    fn large_fragments_are_put_back_where_their_marker_stands_as_text() {
        let f = Fragments::with_threshold(10);
        let a = f.html("primeiro texto longo", options());
        let b = f.html("segundo texto, mais longo ainda", options());
        assert!(a.starts_with("secretaria-fragmento-0-") && b.starts_with("secretaria-fragmento-1-"));
        let page =
            format!("<!doctype html><title>t</title><main><div class=texto>{a}</div><p>x</p><div>{b}</div></main>");
        let out = String::from_utf8(f.assemble(page.as_bytes()).unwrap_or_default()).unwrap_or_default();
        assert_eq!(
            out,
            "<!doctype html><title>t</title><main><div class=texto><p>primeiro texto longo</p>\n</div>\
             <p>x</p><div><p>segundo texto, mais longo ainda</p>\n</div></main>"
        );
    }

    #[test]
    fn a_marker_outside_text_sends_the_page_the_ordinary_way() {
        for template in [
            "<meta content=\"{m}\">",
            "<title>{m}</title>",
            "<script>var x = '{m}'</script>",
            "<!-- {m} -->",
            "<a title={m}>x</a>",
        ] {
            let f = Fragments::with_threshold(1);
            let m = f.html("texto", options());
            let page = template.replace("{m}", &m);
            assert_eq!(f.assemble(page.as_bytes()), None, "{template}");
        }
    }

    #[test]
    fn text_positions_are_told_from_markup() {
        let page = b"<!doctype html><title>a<b</title><p class=\"x > y\">T1</p><!-- c > d -->T2<script>if (a<b) x='</p>'</script>T3 < 4";
        let at = |needle: &[u8]| memchr::memmem::find(page, needle).unwrap_or(usize::MAX);
        for text in [&b"T1"[..], b"T2", b"T3", b"4"] {
            assert!(all_in_text(page, std::iter::once(at(text))), "{}", String::from_utf8_lossy(text));
        }
        for markup in [&b"a<b"[..], b"y\"", b"c >", b"(a<b", b"p>'"] {
            assert!(!all_in_text(page, std::iter::once(at(markup))), "{}", String::from_utf8_lossy(markup));
        }
        assert!(all_in_text(page, [at(b"T1"), at(b"T2"), at(b"T3")].into_iter()));
        assert!(!all_in_text(page, [at(b"T1"), at(b"c >"), at(b"T3")].into_iter()));
        // Unclosed markup: no text after it.
        assert!(!all_in_text(b"<p title=\"x>T", std::iter::once(11)));
    }

    /// The first version of [`tag_end`], a byte at a time, kept to compare.
    fn tag_end_reference(rest: &[u8]) -> Option<usize> {
        let mut i = 1;
        let mut quote: Option<u8> = None;
        loop {
            let b = *rest.get(i)?;
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b == b'>' => return Some(i),
                None => {}
            }
            i += 1;
        }
    }

    #[test]
    fn the_tag_end_by_jumps_is_the_tag_end_byte_by_byte() {
        let pieces: [&[u8]; 9] = [b"a", b">", b"\"", b"'", b" ", b"x=\"1>2\"", b"y='a\"b'", b"\xc3\xa7", b"<"];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let tag = [&b"<"[..], a, b, c, d].concat();
                        assert_eq!(tag_end(&tag), tag_end_reference(&tag), "{}", String::from_utf8_lossy(&tag));
                    }
                }
            }
        }
    }

    #[test]
    fn unused_and_repeated_fragments() {
        let f = Fragments::with_threshold(1);
        let m = f.html("texto", options());
        let _unused = f.html("outro", options());
        let out = f.assemble(format!("<div>{m}</div><div>{m}</div>").as_bytes()).unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&out), "<div><p>texto</p>\n</div><div><p>texto</p>\n</div>");
    }
}
