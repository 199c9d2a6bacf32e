//! Site search, built in the same process as the site, from what the render pass already has:
//! [`extract`] reads each item's documents from the model and the plain text of its Markdown
//! (pages, units, structure, notices, and normative texts provision by provision), [`text`]
//! turns words into keys (case and accents folded, Snowball Portuguese stems), [`store`]
//! keeps the documents the routes leave as they render and analyses them (`count`: the keys of
//! a text, counted fast; `fragment`: what results show), and [`index`] assembles the inverted
//! index and writes it as small JSON files (`postings`: how a key's postings are written) that
//! the theme's `busca.js` loads on demand: a query fetches the index's header, one bucket per
//! word and the documents it shows. The files are routes of the render plan like any other
//! (`render::routes`), with the dependencies that keep them current in `serve`. Pure: no IO.

mod analysed;
mod count;
pub(crate) mod extract;
mod fragment;
pub mod index;
mod live;
mod postings;
mod stop;
pub(crate) mod store;
pub mod text;

pub(crate) use index::Index;
pub(crate) use store::Store;

/// Where the index is published, under the site root.
pub(crate) const DIR: &str = "busca/";
