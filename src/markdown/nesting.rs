//! How deeply the HTML of one Markdown text nests, counted while its events stream by.
//!
//! Deep nesting is refused because the HTML minifier (minify-html) recurses once per element
//! and overflows its thread's stack at about 3,000 levels (800 in a debug build), killing the
//! build and the dev server with SIGABRT; html5ever, under the sanitiser, also slows down
//! quadratically with thousands of unclosed elements. No real page nests more than a dozen
//! levels, so [`MAX_DEPTH`] leaves a wide margin on both sides.
//!
//! Markdown containers are counted exactly (one per open `Start` event). Raw HTML is counted
//! the way an HTML parser would build it, closely enough to never under-count by more than a
//! small factor: a stack of open element names, where void elements and the elements whose end
//! tag the parser supplies itself (`p`, `li`, `td`…) do not count, an end tag closes up to the
//! matching open element and is ignored when there is none, and text inside `<script>`,
//! `<style>`, `<textarea>`… is not looked at.

/// The deepest nesting of elements a Markdown text may produce.
pub const MAX_DEPTH: usize = 100;

/// Elements that never have content.
const VOID: [&str; 19] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// Elements the parser closes by itself when a sibling (or the parent's end) comes, so that a
/// run of them never deepens the tree, and the document-level ones.
const SELF_CLOSING_PARENTS: [&str; 20] = [
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rp", "rtc",
    "colgroup", "caption", "html", "head",
];

/// Elements whose content is text up to their own end tag.
const RAW_TEXT: [&str; 10] =
    ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// Longest element name kept; longer names are cut (they only need to match themselves).
const NAME_CAP: usize = 32;

/// Where the tokenizer is between two bytes of raw HTML (a tag may span several events).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum State {
    #[default]
    Data,
    /// Just after `<`.
    TagOpen,
    /// Reading a tag name; `end` for `</name`.
    Name { end: bool },
    /// Between the name and `>`; `quote` inside a quoted attribute value; `slash` when the
    /// last significant byte was `/`.
    Attributes { end: bool, quote: Option<u8>, slash: bool },
    /// After `<!`, counting the dashes of a possible `<!--`.
    Bang { dashes: u8 },
    /// Inside `<!-- -->`, counting the dashes just seen.
    Comment { dashes: u8 },
    /// `<!doctype …>`, `<?…>`, `</ >`…: up to the next `>`.
    Bogus,
    /// Inside a raw-text element, `matched` bytes of `</name` seen.
    RawText { matched: usize },
}

/// The running depth of one text.
#[derive(Debug, Clone, Default)]
pub struct Nesting {
    markdown: usize,
    /// Open raw HTML elements, innermost last, up to a little beyond [`MAX_DEPTH`] …
    html: Vec<String>,
    /// … and how many more are open beyond that (their names are not kept).
    overflow: usize,
    state: State,
    name: String,
    /// The raw-text element being read, when in [`State::RawText`].
    raw_text: String,
}

impl Nesting {
    pub fn new() -> Self {
        Self::default()
    }

    /// Elements open now: Markdown containers plus raw HTML elements.
    pub fn depth(&self) -> usize {
        self.markdown + self.html.len() + self.overflow
    }

    /// Whether the HTML read so far ends between tags: not inside a tag, a comment or a
    /// raw-text element (`<script>`, `<style>`, `<title>`…).
    pub fn in_text(&self) -> bool {
        self.state == State::Data
    }

    /// Raw HTML elements open now.
    pub fn html_open(&self) -> usize {
        self.html.len() + self.overflow
    }

    /// A Markdown container starts.
    pub fn open(&mut self) {
        self.markdown += 1;
    }

    /// A Markdown container ends.
    pub fn close(&mut self) {
        self.markdown = self.markdown.saturating_sub(1);
    }

    /// Reads a piece of raw HTML. Returns the byte index in `html` of the first tag that took
    /// the depth beyond [`MAX_DEPTH`], if one did.
    pub fn feed_html(&mut self, html: &str) -> Option<usize> {
        let mut first_excess = None;
        let mut tag_start = 0;
        for (i, &b) in html.as_bytes().iter().enumerate() {
            match self.state.clone() {
                State::Data => {
                    if b == b'<' {
                        self.state = State::TagOpen;
                        tag_start = i;
                    }
                }
                State::TagOpen => {
                    self.name.clear();
                    self.state = match b {
                        b'/' => State::Name { end: true },
                        b'!' => State::Bang { dashes: 0 },
                        b'?' => State::Bogus,
                        b if b.is_ascii_alphabetic() => {
                            self.name.push(char::from(b.to_ascii_lowercase()));
                            State::Name { end: false }
                        }
                        b'<' => {
                            tag_start = i;
                            State::TagOpen
                        }
                        _ => State::Data,
                    };
                }
                State::Name { end } => match b {
                    b'>' => self.tag(end, false),
                    b'/' => self.state = State::Attributes { end, quote: None, slash: true },
                    b if b.is_ascii_whitespace() => self.state = State::Attributes { end, quote: None, slash: false },
                    _ if end && self.name.is_empty() && !b.is_ascii_alphabetic() => self.state = State::Bogus,
                    _ => {
                        if self.name.len() < NAME_CAP {
                            self.name.push(char::from(b.to_ascii_lowercase()));
                        }
                    }
                },
                State::Attributes { end, quote: Some(q), slash } => {
                    if b == q {
                        self.state = State::Attributes { end, quote: None, slash };
                    }
                }
                State::Attributes { end, quote: None, slash } => match b {
                    b'>' => self.tag(end, slash),
                    b'"' | b'\'' => self.state = State::Attributes { end, quote: Some(b), slash: false },
                    b'/' => self.state = State::Attributes { end, quote: None, slash: true },
                    b if b.is_ascii_whitespace() => {}
                    _ => self.state = State::Attributes { end, quote: None, slash: false },
                },
                State::Bang { dashes } => {
                    self.state = match (b, dashes) {
                        (b'-', 0) => State::Bang { dashes: 1 },
                        (b'-', _) => State::Comment { dashes: 0 },
                        (b'>', _) => State::Data,
                        _ => State::Bogus,
                    };
                }
                State::Comment { dashes } => {
                    self.state = match b {
                        b'-' => State::Comment { dashes: dashes.saturating_add(1) },
                        b'>' if dashes >= 2 => State::Data,
                        _ => State::Comment { dashes: 0 },
                    };
                }
                State::Bogus => {
                    if b == b'>' {
                        self.state = State::Data;
                    }
                }
                State::RawText { matched } => self.raw_text_byte(b, matched),
            }
            if first_excess.is_none() && self.depth() > MAX_DEPTH {
                first_excess = Some(tag_start);
            }
        }
        first_excess
    }

    /// One byte inside `<script>`…: looking for `</name`, then back to tag reading.
    fn raw_text_byte(&mut self, b: u8, matched: usize) {
        let wanted = |k: usize| match k {
            0 => Some(b'<'),
            1 => Some(b'/'),
            k => self.raw_text.as_bytes().get(k - 2).copied(),
        };
        let matched = if wanted(matched) == Some(b.to_ascii_lowercase()) {
            matched + 1
        } else if b == b'<' {
            1
        } else {
            0
        };
        if matched == self.raw_text.len() + 2 && self.raw_text != "plaintext" {
            self.name = std::mem::take(&mut self.raw_text);
            self.state = State::Attributes { end: true, quote: None, slash: false };
        } else {
            self.state = State::RawText { matched };
        }
    }

    /// A complete tag: `end` for `</name>`, `slash` for `<name … />`.
    fn tag(&mut self, end: bool, slash: bool) {
        self.state = State::Data;
        let name = std::mem::take(&mut self.name);
        if name.is_empty() {
            return;
        }
        if end {
            if self.overflow > 0 {
                self.overflow -= 1;
            } else if let Some(open) = self.html.iter().rposition(|n| *n == name) {
                self.html.truncate(open);
            }
            return;
        }
        let foreign = self.html.iter().any(|n| n == "svg" || n == "math");
        if VOID.contains(&name.as_str()) || SELF_CLOSING_PARENTS.contains(&name.as_str()) || (slash && foreign) {
            return;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            self.raw_text.clone_from(&name);
            self.state = State::RawText { matched: 0 };
        }
        if self.html.len() <= MAX_DEPTH {
            self.html.push(name);
        } else {
            self.overflow += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_after(html: &str) -> usize {
        let mut n = Nesting::new();
        n.feed_html(html);
        n.depth()
    }

    #[test]
    fn counts_open_elements_like_a_parser() {
        assert_eq!(depth_after("<div><section><b>x"), 3);
        assert_eq!(depth_after("<div><b>x</b></div>"), 0);
        assert_eq!(depth_after("<div><b>x</div>"), 0, "an end tag closes what is open inside it");
        assert_eq!(depth_after("<div></span></em>"), 1, "stray end tags are ignored");
        assert_eq!(depth_after("<p>a<p>b<li>c<td>d<img src=x><br/>"), 0);
        assert_eq!(depth_after("<div/><div/>"), 2, "HTML ignores the slash on a normal element");
        assert_eq!(depth_after("<svg><path/><path/><g>"), 2, "but honours it inside SVG");
        assert_eq!(depth_after("<DIV CLASS='a>b' title=\"<div>\">"), 1, "quoted `>` and `<`");
        assert_eq!(depth_after("<!-- <div><div> --><!doctype html><?x <div>?>"), 0);
        assert_eq!(depth_after("<script>if (a<b) '<div><div>'</script><i>"), 1);
        assert_eq!(depth_after("<textarea><div></TEXTAREA ><div>"), 1);
        assert_eq!(depth_after("a < b and c<d"), 0, "a tag counts once complete");
        assert_eq!(depth_after("a < b and c<d>"), 1, "`<d>` is a tag to a parser too");
    }

    #[test]
    fn a_tag_may_span_several_pieces() {
        let mut n = Nesting::new();
        n.feed_html("<div\n");
        n.feed_html("  class=\"a\n");
        assert_eq!(n.depth(), 0);
        n.feed_html("b\">\n");
        assert_eq!(n.depth(), 1);
    }

    #[test]
    fn reports_where_the_depth_went_too_far() {
        let html = "<div>".repeat(MAX_DEPTH + 5);
        let mut n = Nesting::new();
        assert_eq!(n.feed_html(&html), Some(MAX_DEPTH * 5));
        let mut n = Nesting::new();
        for _ in 0..MAX_DEPTH {
            n.open();
        }
        assert_eq!(n.feed_html("x <b>y"), Some(2));
        assert_eq!(Nesting::new().feed_html(&"<div></div>".repeat(10_000)), None);
    }

    #[test]
    fn memory_stays_bounded_however_deep() {
        let mut n = Nesting::new();
        n.feed_html(&"<div>".repeat(100_000));
        assert_eq!(n.depth(), 100_000);
        assert!(n.html.len() <= MAX_DEPTH + 1);
        n.feed_html(&"</div>".repeat(100_000));
        assert_eq!(n.depth(), 0);
    }
}
