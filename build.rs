//! Links the `secretaria` executable at a fixed address on Linux with glibc (`-no-pie`).
//!
//! Why: minify-html carries a table of HTML entities (about 9.5 MB of tree nodes that point at
//! each other, and 2 MB more of other tables with pointers). In a position-independent
//! executable the dynamic loader writes every one of those pointers at start, so each of their
//! 2,800 pages is copied into the process's private memory: 11 MiB resident in every run
//! (`build`, `check`, `serve`) before the site is read, about 8% of a 10,000-page build's
//! peak. Linked at a fixed address, the linker resolves the pointers once, the pages stay in
//! the file, and only the few a build reads are loaded. Measured: peak 149.1 → 137.0 MiB on
//! the 10,000-page benchmark site (medians of 3), with the same output.
//!
//! What it costs: the executable's own code and data load at the same address every time
//! (the stack, the heap, memory maps and the shared libraries are still placed at random).
//! That is how Debian ships Hugo, and how Go links programs on Linux by default.
//!
//! Only the executables (not the library or tests), only with glibc: musl's static binaries
//! (the release workflow) are linked as rustc chooses.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux");
    let glibc = std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if linux && glibc {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
