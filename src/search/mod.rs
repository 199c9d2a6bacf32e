//! Site search, built in the same process as the site: [`extract`] reads the documents from
//! the model (pages, units, structure, notices, and normative texts provision by provision),
//! [`text`] turns words into keys (case and accents folded, Snowball Portuguese stems),
//! [`index`] builds the inverted index and writes it as small JSON files that the theme's
//! `busca.js` loads on demand: a query fetches the index's header, one bucket per word and the
//! documents it shows. Pure: no IO.

pub mod extract;
pub mod index;
mod stop;
pub mod text;

pub use extract::{Kind, Source};
pub use index::SearchIndex;

/// Where the index is published, under the site root.
pub const DIR: &str = "busca/";
