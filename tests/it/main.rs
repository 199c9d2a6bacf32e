//! One integration-test binary: fixture sites built into temporary folders, asserted on the
//! parsed HTML.

mod atomic;
mod build;
mod check;
mod cli;
mod legal;
mod support;
