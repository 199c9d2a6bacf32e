//! One integration-test binary: fixture sites built into temporary folders, asserted on the
//! parsed HTML.

// Helpers in `support` are `pub` for the sibling test modules of this one binary.
#![allow(unreachable_pub)]

mod access;
mod atomic;
mod autolink;
mod bodies;
mod build;
mod cache;
mod check;
mod checklist;
mod cli;
mod csp;
mod dates;
mod fuzz;
mod guide;
mod hours;
mod import;
mod input;
mod large;
mod legal;
mod machine_readable;
mod nesting;
mod new;
mod notices;
mod open_data;
mod output;
mod pagination;
mod programs;
mod release;
mod repro;
mod search;
mod serve;
mod structure;
mod support;
mod transparency;
mod transparency_errors;
mod xss;
