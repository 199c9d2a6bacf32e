//! What the results show of a document (its fragment, the JSON of `busca/d/` files): title,
//! path, and an excerpt of each record to quote from, cut from the start of its text.

use super::extract::Doc;
use serde::Serialize;

#[derive(Serialize)]
struct Fragment<'a> {
    t: &'a str,
    u: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    r: Option<Vec<[&'a str; 3]>>,
}

/// Characters of a record's text the results can quote from. The whole text is indexed; the
/// excerpt comes from its start, so that a phone downloads little per result shown, not whole
/// pages (most pages say what they are about early; a longer page still ranks by all of its
/// words).
const EXCERPT_SOURCE: usize = 400;

/// The start of `text` as the results quote it: its whitespace collapsed, at most
/// [`EXCERPT_SOURCE`] characters, cut between words (only the start of the text is read).
fn excerpt(text: &str) -> String {
    let mut out = String::with_capacity(EXCERPT_SOURCE + 16);
    let mut chars = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if chars + n + usize::from(chars > 0) > EXCERPT_SOURCE {
            if chars == 0 {
                out.extend(word.chars().take(EXCERPT_SOURCE));
            }
            break;
        }
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += n;
    }
    out
}

/// Calls `f` with the fragment of `doc` (JSON), written in the thread's scratch buffer.
pub(super) fn with<R>(doc: &Doc, f: impl FnOnce(&[u8]) -> R) -> R {
    let single = doc.records.len() == 1 && doc.records.first().is_some_and(|r| r.anchor.is_none());
    let mut excerpts: Vec<String> = doc.records.iter().map(|r| excerpt(&r.text)).collect();
    // A document found by its title alone still shows a line: where its text starts, or the
    // title (its words are the ones marked).
    if excerpts.iter().all(String::is_empty) {
        let quote =
            doc.quote.as_deref().unwrap_or(if doc.title_text.is_empty() { &doc.title } else { &doc.title_text });
        match excerpts.first_mut() {
            Some(first) => *first = excerpt(quote),
            None => excerpts.push(excerpt(quote)),
        }
    }
    let fragment = if single {
        Fragment { t: &doc.title, u: &doc.url, x: excerpts.first().map(String::as_str), r: None }
    } else {
        let records = doc
            .records
            .iter()
            .zip(&excerpts)
            .map(|(r, x)| [r.anchor.as_deref().unwrap_or(""), r.label.as_deref().unwrap_or(""), x.as_str()])
            .collect();
        Fragment { t: &doc.title, u: &doc.url, x: None, r: Some(records) }
    };
    // Every document passes here: one buffer per thread, not one per document.
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        scratch.clear();
        if serde_json::to_writer(&mut *scratch, &fragment).is_err() {
            scratch.clear();
        }
        f(&scratch)
    })
}

/// The fragment of `doc`.
#[cfg(test)]
fn of(doc: &Doc) -> String {
    with(doc, |bytes| String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_come_from_the_start_cut_between_words() {
        assert_eq!(excerpt("  curto\n\n texto "), "curto texto");
        let long = "palavra\n".repeat(400);
        let cut = excerpt(&long);
        assert!(cut.chars().count() <= EXCERPT_SOURCE && cut.ends_with("palavra"), "{}", cut.len());
        assert!(!cut.contains('\n'));
        let accents = "ção".repeat(1000);
        assert_eq!(excerpt(&accents).chars().count(), EXCERPT_SOURCE);
    }

    /// A document found by its title alone (a secretariat with only its name, a law with only
    /// articles) still quotes something: where its text starts, or its title.
    #[test]
    fn a_document_without_text_quotes_its_start_or_its_title() {
        let quoted = |doc: &Doc| -> String {
            let f: serde_json::Value = serde_json::from_str(&of(doc)).unwrap_or_default();
            f["x"].as_str().unwrap_or_default().to_owned()
        };
        let mut doc = Doc::page("");
        doc.title_text = "Conselho Municipal\nCMAS".into();
        assert_eq!(quoted(&doc), "Conselho Municipal CMAS");
        doc.quote = Some("O Município prestará assistência social.".into());
        assert_eq!(quoted(&doc), "O Município prestará assistência social.");
        assert_eq!(quoted(&Doc::page("Texto próprio.")), "Texto próprio.");
    }
}
