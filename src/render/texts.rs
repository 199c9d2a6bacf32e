//! The plain text of the Markdown a route renders, kept for the route's search documents: a
//! text's HTML and its words come from one parse (`markdown::render_text`), and the search
//! documents ask for a text of the model by the text itself (its place in memory: the model's
//! string the view rendered), so that no text is parsed twice.

use crate::markdown::{self, MarkdownOptions};
use std::cell::RefCell;

/// The plain texts of one route's Markdown, by the address and length of their source.
#[derive(Debug, Default)]
pub(crate) struct Texts {
    seen: RefCell<Vec<(usize, usize, String)>>,
}

impl Texts {
    /// The HTML of `text`, keeping its plain text.
    /// Its events also go to `look` when given.
    pub(super) fn html(
        &self,
        text: &str,
        options: MarkdownOptions<'_>,
        look: Option<&mut markdown::check::Look<'_>>,
    ) -> String {
        let (html, plain) = markdown::render_text_looking(text, options, look);
        self.seen.borrow_mut().push((text.as_ptr() as usize, text.len(), plain));
        html
    }

    /// The plain text of `text`: kept if the route rendered it, else read now.
    pub(crate) fn plain(&self, text: &str) -> String {
        let key = (text.as_ptr() as usize, text.len());
        let mut seen = self.seen.borrow_mut();
        match seen.iter().position(|(ptr, len, _)| (*ptr, *len) == key) {
            Some(at) => seen.swap_remove(at).2,
            None => markdown::plain_text(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rendered_text_is_not_read_again_and_others_are() {
        let texts = Texts::default();
        let options = MarkdownOptions { root: "./", source_dir: "", allow_html: false, top_heading: 2, glossary: None };
        let body = String::from("Um **texto**.");
        assert_eq!(texts.html(&body, options, None), "<p>Um <strong>texto</strong>.</p>\n");
        assert_eq!(texts.seen.borrow().len(), 1);
        assert_eq!(texts.plain(&body), "Um texto.\n");
        assert!(texts.seen.borrow().is_empty(), "taken");
        // The same words elsewhere in memory are another text: read when asked.
        assert_eq!(texts.plain(&String::from("Um **texto**.")), "Um texto.\n");
    }
}
