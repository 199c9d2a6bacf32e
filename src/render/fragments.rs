//! Large Markdown fragments go around Tera and the minifier.
//!
//! A page's HTML normally goes through Tera (which copies every value into its context and
//! builds the page in a growing buffer) and then minify-html (which builds a tree of the whole
//! page, about eight times its size). For a 50 MB body that is gigabytes. So a fragment of
//! [`LARGE_FRAGMENT`] bytes or more is handed to the template as a short marker, the small
//! page around it is rendered and minified as usual, and the fragment is then put in place of
//! its marker, in its own buffer: the page costs the source, the parser's tree and the HTML
//! once. Such a fragment is published as the Markdown writer produced it (already compact:
//! no indentation, one newline between blocks); small fragments are minified with their page.
//!
//! The marker is text made of the fragment's own hash, so no content can spell it in advance;
//! it is replaced only where it stands as text between elements (not in an attribute, a
//! comment, `<title>` or a script). A template that uses a fragment any other way makes the
//! page go the ordinary way, as if no fragment were large.

use super::view::Md;
use crate::markdown;
use crate::markdown::nesting::Nesting;
#[cfg(test)]
use crate::markdown::MarkdownOptions;
use std::cell::RefCell;
use std::hash::{Hash as _, Hasher as _};

/// Fragments at least this long (bytes of HTML) skip Tera and the minifier.
pub(crate) const LARGE_FRAGMENT: usize = 1 << 20;

/// One large fragment and the marker standing for it in the page.
#[derive(Debug)]
struct Large {
    marker: String,
    html: String,
}

/// The large fragments of the page being rendered.
#[derive(Debug, Default)]
pub(crate) struct Fragments {
    large: RefCell<Vec<Large>>,
    /// Fragments from this size up are set aside (tests lower it).
    threshold: usize,
}

impl Fragments {
    pub(crate) fn new() -> Self {
        Fragments { large: RefCell::default(), threshold: LARGE_FRAGMENT }
    }

    #[cfg(test)]
    pub(super) fn with_threshold(threshold: usize) -> Self {
        Fragments { large: RefCell::default(), threshold }
    }

    /// The HTML of `text` for the template: itself, or a marker when it is large.
    #[cfg(test)]
    pub(super) fn html(&self, text: &str, options: MarkdownOptions<'_>) -> String {
        self.put(markdown::render(text, options))
    }

    /// `html` (already safe, compact HTML, such as a normative text's) for the template:
    /// itself, or a marker when it is large.
    pub(super) fn put(&self, html: String) -> String {
        if html.len() < self.threshold {
            return html;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        html.hash(&mut hasher);
        let mut large = self.large.borrow_mut();
        let marker = format!("secretaria-fragmento-{}-{:016x}", large.len(), hasher.finish());
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
        let text = std::str::from_utf8(page).ok()?;
        // (position in page, fragment index), in page order.
        let mut found: Vec<(usize, usize)> = Vec::new();
        for (i, l) in large.iter().enumerate() {
            found.extend(text.match_indices(l.marker.as_str()).map(|(pos, _)| (pos, i)));
        }
        found.sort_unstable();
        let mut context = Nesting::new();
        let mut read = 0;
        for &(pos, _) in &found {
            context.feed_html(text.get(read..pos)?);
            if !context.in_text() {
                return None;
            }
            read = pos;
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
        out.splice(0..0, before);
        out.extend_from_slice(&after);
        Some(out)
    }
}

/// Renders a Markdown text for a view: directly, or through the page's [`Fragments`].
/// Its plain text goes to the route's [`super::texts::Texts`], when it keeps them.
pub(super) fn render(md: &Md<'_>, text: &str) -> String {
    let html = match md.texts {
        Some(texts) => texts.html(text, md.options),
        None => markdown::render(text, md.options),
    };
    match md.fragments {
        Some(fragments) => fragments.put(html),
        None => html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> MarkdownOptions<'static> {
        MarkdownOptions { root: "./", source_dir: "", allow_html: false, top_heading: 2, glossary: None }
    }

    #[test]
    fn small_fragments_stay_in_the_page() {
        let f = Fragments::new();
        assert_eq!(f.html("oi", options()), "<p>oi</p>\n");
        assert!(f.is_empty());
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
    fn unused_and_repeated_fragments() {
        let f = Fragments::with_threshold(1);
        let m = f.html("texto", options());
        let _unused = f.html("outro", options());
        let out = f.assemble(format!("<div>{m}</div><div>{m}</div>").as_bytes()).unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&out), "<div><p>texto</p>\n</div><div><p>texto</p>\n</div>");
    }
}
