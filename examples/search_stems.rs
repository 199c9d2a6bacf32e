//! Prints `word<TAB>stem` (Snowball Portuguese, as the search index stems) for every distinct
//! lowercase word of the files named on the command line: how `tests/fixtures/stems-pt.tsv`,
//! the list the browser's stemmer is checked against, is made.
//!
//!     cargo run --example search_stems -- $(git ls-files 'tests/fixtures/*.md' 'tests/fixtures/*.yaml' 'content/*') > tests/fixtures/stems-pt.tsv

use secretaria::search::text::{words, Analyzer};
use std::collections::BTreeSet;

fn main() {
    let analyzer = Analyzer::default();
    let mut all = BTreeSet::new();
    for file in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        for (a, b) in words(&text) {
            if let Some(word) = text.get(a..b) {
                if word.chars().any(char::is_alphabetic) {
                    all.insert(word.to_lowercase());
                }
            }
        }
    }
    let mut out = String::new();
    for word in all {
        out.push_str(&format!("{word}\t{}\n", analyzer.stem(&word)));
    }
    print!("{out}");
}
