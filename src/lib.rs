//! `secretaria`: a static-site generator for the transparency sites of Brazilian municipal
//! social-assistance secretariats.
//!
//! ```text
//! site.yaml ─┐
//! content/ ──┤ source       configure        model         render::routes      render           output
//! static/ ───┼─ (read, NFC, ─► (site.yaml,  ─► (typed,     ─► (what to make, ─► (Tera +      ─► (minify; build:
//! themes/ ───┘   split)        "now"; theme     validated,    and what each     Markdown,       staging folder +
//!                              compiled in      Diagnostics)  output depends    pure, into a    swap; serve: only
//!                              memory)                        on)               Sink)           what changed)
//! ```
//! `build` first looks at the build cache ([`cache`]): with every input, option and the program
//! unchanged, the clock inside the recorded window and the output as recorded, it renders and
//! writes nothing.
//! [`pipeline`] holds the stages; `build`, `check` and the dev loop (`dev::Session`, which
//! keeps sources, theme, model and plan between rebuilds and re-renders the routes whose
//! dependencies changed) compose them. The kinds of content are one table (`kinds`).
//!
//! IO happens only in `source` (reading) and `output` (writing); `model`, `legal`, `markdown`
//! and `render` are pure. Every content problem becomes a located `Diagnostic`; `main` alone
//! decides the exit code.
#![warn(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

// Public: what the binary (`main.rs`), the integration tests and the examples use. The rest is
// the crate's own, so that `unreachable_pub` points at whatever is `pub` for no one.
#[doc(hidden)]
pub mod bench;
pub mod cache;
pub mod checklist;
pub mod cli;
pub mod cmd;
mod cmd_ajuda;
mod cmd_import;
mod cmd_new;
pub mod config;
pub(crate) mod dev;
pub mod diagnostics;
pub(crate) mod escape;
#[doc(hidden)]
pub mod fuzz;
pub(crate) mod guide;
pub(crate) mod import;
pub(crate) mod kinds;
pub mod legal;
pub mod markdown;
pub(crate) mod model;
pub mod output;
pub mod pipeline;
pub mod plain;
pub(crate) mod render;
pub(crate) mod safe_url;
pub mod search;
pub(crate) mod sitecheck;
pub mod source;
pub(crate) mod starter;
pub mod timings;
