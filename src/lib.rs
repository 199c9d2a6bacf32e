//! `secretaria`: a static-site generator for the transparency sites of Brazilian municipal
//! social-assistance secretariats.
//!
//! ```text
//! site.yaml ─┐
//! content/ ──┼─ source ──► model::load ──► render::routes ──► render::Renderer ──► output
//! themes/ ───┘  (read,     (typed,         (what to          (Tera + Markdown,     (minify, staging
//!                split)     validated,      produce)          pure, parallel)       folder, swap)
//!                           Diagnostics)
//! ```
//! IO happens only in `source` (reading) and `output` (writing); `model`, `legal`, `markdown`
//! and `render` are pure. Every content problem becomes a located `Diagnostic`; `main` alone
//! decides the exit code.
#![warn(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

pub mod cli;
pub mod cmd;
pub mod config;
pub mod dev;
pub mod diagnostics;
pub mod escape;
pub mod legal;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod safe_url;
pub mod search;
pub mod source;
