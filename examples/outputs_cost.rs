//! Benchmark (not a test): what each machine-readable output (sitemap, feed, agenda, open
//! data, SHA256SUMS, dates of update) costs to produce for one site, each measured on one
//! thread, the fastest of several runs (see `secretaria::bench`). `scripts/bench-outputs.sh`
//! runs it on the same site as its paired builds.
//!
//!     cargo run --release --example outputs_cost -- bench-out/site-outputs-10000 [REPETIÇÕES]
#![allow(clippy::print_stdout, clippy::unwrap_used)]

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = std::path::PathBuf::from(args.first().expect("a site folder"));
    let repeats = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let options = secretaria::pipeline::BuildOptions { root, ..Default::default() };
    let Ok(costs) = secretaria::bench::output_costs(&options, repeats) else { panic!("the site does not build") };
    println!("| trabalho (uma thread, o mais rápido de {repeats}) | arquivos | tempo |");
    println!("|---|--:|--:|");
    for cost in costs {
        println!("| {} | {} | {:.1} ms |", cost.what, cost.files, cost.time.as_secs_f64() * 1000.0);
    }
}
