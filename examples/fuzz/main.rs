//! The stable-Rust fuzzer of `secretaria` (issue 8): generated inputs at scale for the targets
//! of `secretaria::fuzz`, for machines without a nightly toolchain (where `cargo fuzz` cannot
//! run). `scripts/fuzz.sh` drives it; run it in release mode:
//!
//! ```text
//! cargo run --release --example fuzz -- run TARGET [--runs N] [--seconds S] [--seed S] [--jobs J] [--out DIR]
//! cargo run --release --example fuzz -- scale [TARGET [PATTERN]] [--max-kb N]
//! cargo run --release --example fuzz -- replay TARGET FILE...
//! cargo run --release --example fuzz -- seeds TARGET DIR
//! ```
//!
//! `run` generates inputs from the seed corpus (`fuzz/corpus/TARGET/` and the sites of
//! `tests/fixtures/`) by mutation, and from a grammar of what editors write ([`grammar`]). Input
//! number `i` of a run is a function of the seed and `i` alone, so the supervisor runs them in
//! chunks in child processes: a panic is caught and saved; an abort or a stack overflow kills
//! the child, and the chunk is run again writing each input to disk first, so the input that
//! killed it is saved; an input slower than 1 s is saved as a hang. `scale` times patterns at
//! growing sizes (1 KB → 1 MB) and reports time and peak memory per size. `seeds` writes the
//! seed corpus in the target's input format, for libFuzzer.

mod grammar;
mod mutate;
mod rng;
mod scale;
mod seeds;

use rng::Rng;
use secretaria::fuzz;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Counts the bytes allocated, for the peak memory of `scale`.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is the system allocator's.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                let now = CURRENT.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak bytes allocated while `f` runs (above what was allocated before).
pub(crate) fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed).saturating_sub(base))
}

/// An input slower than this is a hang (issue 8: "no hang over 1 s").
const SLOW: Duration = Duration::from_secs(1);
/// A worker stuck on one input this long is stopped and the input saved.
const STUCK: Duration = Duration::from_secs(20);
/// Generated inputs are cut to this size: large inputs are the business of `scale`.
const MAX_LEN: usize = 64 * 1024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => supervise(&args[1..]),
        Some("work") => work(&args[1..]),
        Some("scale") => scale::main(&args[1..]),
        Some("replay") => replay(&args[1..]),
        Some("seeds") => export_seeds(&args[1..]),
        _ => Err("usage: fuzz run|scale|replay|seeds … (see examples/fuzz/main.rs)".to_string()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("fuzz: {message}");
            ExitCode::from(2)
        }
    }
}

/// `--name value` options after the positional arguments.
struct Options<'a> {
    args: &'a [String],
}

impl Options<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.args.iter().position(|a| a == name).and_then(|i| self.args.get(i + 1)).map(String::as_str)
    }

    fn number(&self, name: &str, default: u64) -> Result<u64, String> {
        self.get(name).map_or(Ok(default), |v| v.parse().map_err(|_| format!("{name}: not a number: {v}")))
    }
}

fn target_of(args: &[String]) -> Result<&'static str, String> {
    let name = args.first().ok_or("missing TARGET")?;
    fuzz::TARGETS
        .iter()
        .copied()
        .find(|t| t == name)
        .ok_or_else(|| format!("unknown target {name}; one of {}", fuzz::TARGETS.join(", ")))
}

/// Input `index` of the run seeded with `seed`.
fn input(target: &str, corpus: &[Vec<u8>], seed: u64, index: u64) -> Vec<u8> {
    let mut rng = Rng::for_input(seed, index);
    let mut data = mutate::generate(target, &mut rng, corpus);
    mutate::cut(&mut data, MAX_LEN);
    data
}

/// `run`: chunks of inputs in child processes until the runs or the time are done.
fn supervise(args: &[String]) -> Result<ExitCode, String> {
    let target = target_of(args)?;
    let options = Options { args };
    let runs = options.number("--runs", 1_000_000)?;
    let seconds = options.number("--seconds", 0)?;
    let seed = options.number("--seed", 1)?;
    let jobs = options.number("--jobs", 1)?.max(1);
    let chunk = options.number("--chunk", if target == "site" { 5_000 } else { 50_000 })?.max(1);
    let out = PathBuf::from(options.get("--out").unwrap_or("target/fuzz-stable"));
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let corpus = seeds::load(target);
    let started = Instant::now();
    let mut report = Report::default();
    let mut next = 0u64;
    println!("fuzz {target}: seed {seed}, {} seed inputs, up to {runs} inputs", corpus.len());
    while next < runs && (seconds == 0 || started.elapsed().as_secs() < seconds) {
        let mut children = Vec::new();
        for _ in 0..jobs {
            if next >= runs {
                break;
            }
            let count = chunk.min(runs - next);
            let child = Command::new(&exe)
                .args(["work", target, "--seed", &seed.to_string()])
                .args(["--start", &next.to_string(), "--count", &count.to_string()])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .map_err(|e| e.to_string())?;
            children.push((child, next, count));
            next += count;
        }
        for (child, start, count) in children {
            let output = child.wait_with_output().map_err(|e| e.to_string())?;
            let stdout = String::from_utf8_lossy(&output.stdout);
            report.read(&stdout);
            for line in stdout.lines() {
                let mut words = line.split_whitespace();
                if let (Some(kind @ ("panic" | "slow" | "stuck")), Some(index)) = (words.next(), words.next()) {
                    let index: u64 = index.parse().unwrap_or(0);
                    let saved = save(&out, target, kind, seed, index, &input(target, &corpus, seed, index))?;
                    println!(
                        "  {kind} at input {index}: {} ({})",
                        saved.display(),
                        words.collect::<Vec<_>>().join(" ")
                    );
                }
            }
            let stuck_at =
                stdout.lines().find_map(|l| l.strip_prefix("stuck ")).and_then(|i| i.trim().parse::<u64>().ok());
            if let Some(index) = stuck_at {
                report.runs += index - start;
            } else if !output.status.success() {
                // Killed (abort, stack overflow): find the input by running the chunk again.
                let (crashed_at, status) = trace(&exe, target, seed, start, count, &out)?;
                let saved = save(&out, target, "crash", seed, crashed_at, &input(target, &corpus, seed, crashed_at))?;
                println!("  crash at input {crashed_at} ({status}): {}", saved.display());
                report.crashes += 1;
                report.runs += crashed_at - start;
            }
        }
        let elapsed = started.elapsed().as_secs_f64();
        println!(
            "  {} inputs ({} deep), {:.0}/s, {:.0} s, panics {}, crashes {}, slow {}, slowest {:.1} ms",
            report.runs,
            report.deep,
            report.runs as f64 / elapsed.max(0.001),
            elapsed,
            report.panics,
            report.crashes,
            report.slow,
            report.slowest_ms
        );
    }
    let summary = format!(
        "target {target} seed {seed}: {} inputs ({} went all the way) in {:.0} s; panics {}, crashes {}, \
         inputs over 1 s {}, slowest {:.1} ms\n",
        report.runs,
        report.deep,
        started.elapsed().as_secs_f64(),
        report.panics,
        report.crashes,
        report.slow,
        report.slowest_ms
    );
    print!("{summary}");
    // The slowest input, to look at (`replay`): a blow-up shows first as a slow input.
    let slowest = input(target, &corpus, seed, report.slowest_index);
    save(&out, target, "slowest", seed, report.slowest_index, &slowest)?;
    let _ = std::fs::write(out.join(format!("summary-{target}.txt")), &summary);
    let failed = report.panics + report.crashes + report.slow > 0;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

#[derive(Default)]
struct Report {
    runs: u64,
    /// Inputs that went all the way (see `secretaria::fuzz::run`).
    deep: u64,
    panics: u64,
    crashes: u64,
    slow: u64,
    slowest_ms: f64,
    slowest_index: u64,
}

impl Report {
    fn read(&mut self, stdout: &str) {
        for line in stdout.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["done", runs, slowest_ms, deep, index] => {
                    self.runs += runs.parse::<u64>().unwrap_or(0);
                    self.deep += deep.parse::<u64>().unwrap_or(0);
                    let ms = slowest_ms.parse().unwrap_or(0.0);
                    if ms > self.slowest_ms {
                        (self.slowest_ms, self.slowest_index) = (ms, index.parse().unwrap_or(0));
                    }
                }
                ["panic", ..] => self.panics += 1,
                ["slow", ..] | ["stuck", ..] => self.slow += 1,
                _ => {}
            }
        }
    }
}

fn save(out: &Path, target: &str, kind: &str, seed: u64, index: u64, data: &[u8]) -> Result<PathBuf, String> {
    let dir = out.join(target);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join(format!("{kind}-{seed}-{index}"));
    std::fs::write(&path, data).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// Runs a chunk again, noting each index before running it; the last one noted killed it.
fn trace(exe: &Path, target: &str, seed: u64, start: u64, count: u64, out: &Path) -> Result<(u64, String), String> {
    let note = out.join(format!("trace-{target}"));
    let status = Command::new(exe)
        .args(["work", target, "--seed", &seed.to_string(), "--start", &start.to_string()])
        .args(["--count", &count.to_string(), "--trace", &note.to_string_lossy()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|e| e.to_string())?;
    let index = std::fs::read_to_string(&note).ok().and_then(|t| t.trim().parse().ok()).unwrap_or(start);
    Ok((index, status.to_string()))
}

thread_local! {
    static PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// `work`: one chunk, reported on stdout (`panic I msg`, `slow I ms`, `stuck I`, `done N ms`).
fn work(args: &[String]) -> Result<ExitCode, String> {
    let target = target_of(args)?;
    let options = Options { args };
    let seed = options.number("--seed", 1)?;
    let start = options.number("--start", 0)?;
    let count = options.number("--count", 1)?;
    let note = options.get("--trace").map(PathBuf::from);
    let corpus = seeds::load(target);
    fuzz::warm_up();
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        PANIC.with(|p| *p.borrow_mut() = format!("{location} {message}").replace('\n', " "));
    }));
    let current = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(u64::MAX));
    let since = std::sync::Arc::new(std::sync::Mutex::new(Instant::now()));
    {
        let (current, since) = (current.clone(), since.clone());
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(500));
            let stuck = since.lock().map(|s| s.elapsed() > STUCK).unwrap_or(false);
            let index = current.load(Ordering::Relaxed);
            if stuck && index != u64::MAX {
                println!("stuck {index}");
                std::process::exit(3);
            }
        });
    }
    let (mut slowest, mut slowest_index) = (Duration::ZERO, start);
    let mut deep = 0u64;
    for index in start..start + count {
        let data = input(target, &corpus, seed, index);
        if let Some(note) = &note {
            let _ = std::fs::write(note, index.to_string());
        }
        if let Ok(mut s) = since.lock() {
            *s = Instant::now();
        }
        current.store(index, Ordering::Relaxed);
        let began = Instant::now();
        let result = std::panic::catch_unwind(|| fuzz::run(target, &data));
        deep += u64::from(matches!(result, Ok(Some(true))));
        let mut took = began.elapsed();
        if took > SLOW && result.is_ok() {
            // On a shared machine a process at nice 19 can wait its turn for a long time:
            // an input is slow only if it is slow every time.
            for _ in 0..2 {
                let again = Instant::now();
                let _ = fuzz::run(target, &data);
                took = took.min(again.elapsed());
            }
        }
        current.store(u64::MAX, Ordering::Relaxed);
        if took > slowest {
            (slowest, slowest_index) = (took, index);
        }
        if result.is_err() {
            println!("panic {index} {}", PANIC.with(|p| p.borrow().clone()));
        } else if took > SLOW {
            println!("slow {index} {} ms, {} bytes", took.as_millis(), data.len());
        }
    }
    println!("done {count} {:.3} {deep} {slowest_index}", slowest.as_secs_f64() * 1000.0);
    Ok(ExitCode::SUCCESS)
}

/// `replay`: runs files through a target, with the time each takes.
fn replay(args: &[String]) -> Result<ExitCode, String> {
    let target = target_of(args)?;
    for file in &args[1..] {
        let data = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
        let began = Instant::now();
        let (deep, peak) = peak_during(|| fuzz::run(target, &data));
        let took = began.elapsed().as_secs_f64() * 1e3;
        println!("{file}: {} bytes, {took:.1} ms, peak {} KB, all the way: {deep:?}", data.len(), peak / 1024);
    }
    Ok(ExitCode::SUCCESS)
}

/// `seeds`: the seed corpus as files, for libFuzzer's corpus folder.
fn export_seeds(args: &[String]) -> Result<ExitCode, String> {
    let target = target_of(args)?;
    let dir = PathBuf::from(args.get(1).ok_or("missing DIR")?);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let corpus = seeds::load(target);
    for (i, data) in corpus.iter().enumerate() {
        std::fs::write(dir.join(format!("seed-{i:04}")), data).map_err(|e| e.to_string())?;
    }
    println!("{} seeds written to {}", corpus.len(), dir.display());
    Ok(ExitCode::SUCCESS)
}
