//! The build cache: `secretaria build` with nothing changed writes nothing, and says so.
//!
//! After every build that publishes, a record is kept beside the output folder
//! (`.NAME.secretaria-cache`, see `output::cache`): the fingerprint of everything that build
//! read and was asked (every input file's metadata, the bytes of those changed too recently for
//! their metadata to be trusted, the git state, the program and every build option;
//! `source::fingerprint`), a stamp of the output folder as the
//! swap left it (every entry's path, size, times and inode), the span of time over which the
//! same inputs give the same output ([`window`]), and the summary and warnings to replay.
//! The next build takes the fingerprint again; when it is the same, the clock is inside the
//! span, and, under the output's lock, the output folder still has that stamp, nothing is
//! rendered or written: the warnings and the summary of the build that made the output are
//! reported again. Any difference, and any doubt (a cache that cannot be read, a file that
//! cannot be fingerprinted), is a full build.
//!
//! The atomic guarantee. A cache vouches for one output folder, and only while it is on disk:
//! 1. every swap of the output is preceded by removing the cache (`pipeline::build_with`),
//!    under the lock; if it cannot be removed, nothing is published;
//! 2. `serve` and `watch`, which write into the output in place, remove it when they claim
//!    the folder;
//! 3. a new cache is written only after the swap succeeded, whole under a temporary name and
//!    renamed into place, and only if no input changed while the build ran (their metadata
//!    and the git state taken again);
//! 4. a build skips only under the lock, and only when the output folder still has the stamp
//!    the cache recorded: a file rewritten, added or removed by anyone, even with its old
//!    times put back, changes the change time or the inode.
//!
//! So a crash at any point leaves either no cache (the next build is full) or a cache that
//! describes the output exactly; a failed build never touches the output nor the cache. What
//! is trusted: that file metadata (size, change time, inode) changes when a file does, at the
//! kernel's clock resolution; a file rewritten in place within the same few milliseconds as the
//! stamp was taken, with the same size, would go unseen — which only `serve` or `watch` could
//! do, and they take the lock first.

pub(crate) mod window;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::Site;
use crate::output::{self, guard::OutputDir, Claimed, OutputError, Writer};
use crate::pipeline::{self, BuildOptions, Failure, Summary};
use crate::source::fingerprint;
use serde::{Deserialize, Serialize};

/// The version of the record; a record of another version is not read.
const VERSION: u32 = 2;

/// How `build` uses the cache.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mode {
    /// Build in full even when nothing changed (`--no-cache`); the cache is written afresh.
    pub full: bool,
    /// The clock, in seconds since 1970 (UTC), for a build whose "now" is not fixed by
    /// `today` or `SOURCE_DATE_EPOCH`: the system clock when `None` (tests set it).
    pub clock: Option<i64>,
}

/// What the cache remembers of a build that published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Record {
    version: u32,
    /// The fingerprint of the inputs and options ([`key`]).
    key: String,
    /// The stamp of the output folder after the swap (`output::cache::stamp`).
    output: String,
    /// `None` when the output does not depend on the clock (a fixed "now").
    window: Option<window::Window>,
    pages: usize,
    files: usize,
    /// The warnings of the build (content and checks of the rendered site), to replay.
    warnings: Vec<Diagnostic>,
    /// The inputs whose metadata was too recent to trust, with their bytes' hash
    /// (`fingerprint::Inputs::racy`): compared again before the record is trusted.
    racy: Vec<(String, String)>,
}

/// `secretaria build` with the cache: nothing rendered or written when the output is already
/// what these inputs give (the summary says so: [`Summary::unchanged`]); otherwise
/// [`pipeline::build_with`], then the cache written for the next time.
pub fn build(options: &BuildOptions, mode: Mode, waiting: &dyn Fn(&str)) -> Result<Summary, Failure> {
    let dir = output::guard::check(&options.root, &options.output_dir())
        .map_err(|d| Failure::Output(OutputError::untouched(d)))?;
    // With the clock as "now", one reading of it serves the whole build (as
    // `SOURCE_DATE_EPOCH` would: whole seconds) and the window the cache records.
    let fixed = options.today.is_some() || options.source_date_epoch.is_some();
    let clock = (!fixed).then(|| mode.clock.unwrap_or_else(|| chrono::Utc::now().timestamp()));
    let built = BuildOptions { source_date_epoch: options.source_date_epoch.or(clock), ..options.clone() };
    let inputs = fingerprint::inputs(&options.root);
    let key = inputs.as_ref().map(|inputs| key(options, &dir, &inputs.digest));
    let mut claimed = None;
    if let (Some(key), false) = (&key, mode.full) {
        if usable(read(&dir), key, clock).is_some() {
            // Looked at without the lock; decided under it, as another build may be publishing.
            let held =
                output::claim(&options.root, &options.output_dir(), Writer::Build, waiting).map_err(Failure::Output)?;
            if let Some(summary) = reuse(&held, key, clock, &options.root) {
                return Ok(summary);
            }
            claimed = Some(held);
        }
    }
    let (stamp, racy) = inputs.map(|i| (i.stamp, i.racy)).unzip();
    let mut keeper = Keeper { claimed, key, stamp, racy: racy.unwrap_or_default(), options, clock };
    pipeline::build_hooked(&built, waiting, &mut keeper)
}

/// The summary to report again if the cache of the claimed output is usable and the output
/// is as it recorded; the warnings of the claim (leftovers it could not remove) added.
fn reuse(claimed: &Claimed, key: &str, clock: Option<i64>, root: &std::path::Path) -> Option<Summary> {
    let record = usable(read(claimed.dir()), key, clock)?;
    if output::cache::stamp(claimed.path()).as_deref() != Some(record.output.as_str()) {
        return None;
    }
    if !fingerprint::racy_unchanged(root, &record.racy) {
        return None;
    }
    let mut warnings = Diagnostics::new();
    record.warnings.into_iter().for_each(|d| warnings.push(d));
    warnings.extend(claimed.warnings.clone());
    Some(Summary { pages: record.pages, files: record.files, warnings, unchanged: true })
}

/// The record, if it is of this version, for these inputs, and current at `clock`.
fn usable(record: Option<Record>, key: &str, clock: Option<i64>) -> Option<Record> {
    let record = record.filter(|r| r.version == VERSION && r.key == key)?;
    match (&record.window, clock) {
        (None, None) => Some(record),
        (Some(window), Some(clock)) if window.holds(clock) => Some(record),
        _ => None,
    }
}

/// The cache of `dir`, if there is one of ours that parses.
fn read(dir: &OutputDir) -> Option<Record> {
    serde_json::from_slice(&output::cache::read(dir)?).ok()
}

/// The fingerprint of a build: its inputs' digest, every option (`Debug` is enough: the
/// program's own bytes are in the digest, so the spelling never changes under a cache), where
/// the site and the output are, and the fault injection of the tests.
fn key(options: &BuildOptions, dir: &OutputDir, inputs: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    let fault = std::env::var_os("SECRETARIA_FAULT");
    let text = format!("{inputs}\0{options:?}\0{root:?}\0{:?}\0{fault:?}", dir.path);
    hasher.update(text.as_bytes());
    hasher.finalize().to_hex().to_string()
}

/// The build cache's part in a full build: the claim taken while looking at the cache, and
/// the record written once the output is published.
struct Keeper<'a> {
    claimed: Option<Claimed>,
    /// `None` when the inputs could not be fingerprinted: no cache is written.
    key: Option<String>,
    stamp: Option<String>,
    /// The racy inputs of the fingerprint, for the record.
    racy: Vec<(String, String)>,
    options: &'a BuildOptions,
    clock: Option<i64>,
}

impl pipeline::Publishing for Keeper<'_> {
    fn take_claim(&mut self) -> Option<Claimed> {
        self.claimed.take()
    }

    fn published(
        &mut self,
        site: &Site,
        dir: &OutputDir,
        summary: &Summary,
        written: Option<&[output::cache::Written]>,
    ) {
        let (Some(key), Some(stamp)) = (self.key.take(), self.stamp.take()) else { return };
        // The inputs listed again and the output's stamp, at once (the second is of no use
        // when the first differs, which is rare).
        let (inputs_now, output) = rayon::join(
            || fingerprint::stamp(&self.options.root),
            || match written {
                // From what the build wrote (listing 10,000 folders again took a twentieth of
                // a build).
                Some(files) => output::cache::stamp_of(&dir.path, files),
                None => output::cache::stamp(&dir.path),
            },
        );
        // An input changed while the build ran: the output may be of either version.
        if inputs_now.as_deref() != Some(stamp.as_str()) {
            return;
        }
        // Without dates (a benchmark switch), the feed shows the clock to the second.
        if self.clock.is_some() && self.options.overrides.skip.dates {
            return;
        }
        let window = match self.clock {
            Some(clock) => match window::Window::of(site, clock) {
                Some(window) => Some(window),
                None => return,
            },
            None => None,
        };
        let Some(output) = output else { return };
        let record = Record {
            version: VERSION,
            key,
            output,
            window,
            pages: summary.pages,
            files: summary.files,
            warnings: summary.warnings.iter().cloned().collect(),
            racy: std::mem::take(&mut self.racy),
        };
        // A cache that cannot be written costs the next build its time, nothing else.
        if let Ok(body) = serde_json::to_vec(&record) {
            let _ = output::cache::write(dir, &body);
        }
    }
}

/// The diagnostic of a cache that could not be removed before the swap: nothing was published.
pub(crate) fn not_invalidated(dir: &OutputDir, err: &std::io::Error) -> OutputError {
    OutputError {
        diagnostic: Diagnostic::new(
            Code::OutputWrite,
            format!("não foi possível apagar o cache de geração {}: {err}", output::cache::path(dir).display()),
        )
        .with_help("confira as permissões da pasta que contém a saída; o arquivo pode ser apagado à mão"),
        state: output::OutputState::Intact,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn record(window: Option<window::Window>) -> Record {
        Record {
            version: VERSION,
            key: "k".into(),
            output: "o".into(),
            window,
            pages: 1,
            files: 2,
            warnings: vec![Diagnostic::new(Code::OutputWrite, "aviso").in_file("content/x.md")],
            racy: vec![("content/x.md".into(), "h".into())],
        }
    }

    #[test]
    fn a_record_is_usable_only_for_its_key_its_version_and_its_time() {
        assert!(usable(Some(record(None)), "k", None).is_some());
        assert!(usable(Some(record(None)), "outra", None).is_none());
        assert!(usable(Some(Record { version: 0, ..record(None) }), "k", None).is_none());
        assert!(usable(None, "k", None).is_none());
        // Made with a fixed "now", it says nothing of the clock's, and the other way round.
        assert!(usable(Some(record(None)), "k", Some(0)).is_none());
        let window = window::Window::between("America/Sao_Paulo", 1_000, 2_000).unwrap();
        assert!(usable(Some(record(Some(window.clone()))), "k", None).is_none());
        assert!(usable(Some(record(Some(window.clone()))), "k", Some(1_500)).is_some());
        assert!(usable(Some(record(Some(window))), "k", Some(2_000)).is_none());
    }

    #[test]
    fn a_record_round_trips_with_its_warnings() {
        let r = record(None);
        let text = serde_json::to_vec(&r).unwrap();
        assert_eq!(serde_json::from_slice::<Record>(&text).unwrap(), r);
        for broken in [&b""[..], b"{", b"null", b"{\"version\":1}", &text[..text.len() / 2]] {
            assert!(serde_json::from_slice::<Record>(broken).is_err());
        }
    }
}
