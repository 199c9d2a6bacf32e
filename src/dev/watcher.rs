//! File-system events → batches of changed paths. notify (through notify-debouncer-full, which
//! folds the several events of one save per path and keeps their kinds) watches `content/`, `themes/` and
//! `static/` recursively and the site folder itself for `site.yaml` (and for those folders
//! appearing later). Editors' swap and backup files and anything under the output folder are
//! dropped. A batch closes after a short quiet window, so a burst (a `git checkout` of 500
//! files, a save-via-rename) is one batch; events that arrive while a rebuild runs wait in the
//! channel and are drained into the next batch together.

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// The folders of a site that are watched recursively.
pub(crate) const WATCHED_DIRS: [&str; 3] = ["content", "themes", "static"];
/// How long one path must stay quiet before the debouncer reports it (it looks every quarter).
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(10);
/// How long the whole site must stay quiet before a batch closes.
///
/// It only has to outlast the debouncer's tick (a quarter of [`DEBOUNCE`]), so that the paths
/// it reports at consecutive ticks of one burst land in one batch: every millisecond here is
/// added to every edit's wait (15 ms each for both was about 30 of the 60 ms of a page edit at
/// 10,000 pages).
pub(crate) const QUIET: Duration = Duration::from_millis(8);
/// A batch closes after this long even if events keep coming.
const MAX_BATCH: Duration = Duration::from_secs(2);
/// How often a waiting watcher checks whether it should stop.
const STOP_POLL: Duration = Duration::from_millis(100);

/// Changed paths, relative to the site root.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Batch {
    pub paths: BTreeSet<PathBuf>,
    /// Events were lost or a watched folder came or went: reread everything.
    pub rescan: bool,
}

pub(crate) struct Watcher {
    root: PathBuf,
    output: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    watched: BTreeSet<&'static str>,
    quiet: Duration,
    /// Changes seen by [`Watcher::changed_within`], not handed out yet: the start of the next
    /// batch.
    held: Batch,
}

impl Watcher {
    /// Watches the site at `root` (canonical), ignoring `output` (canonical).
    pub(crate) fn new(root: &Path, output: &Path) -> anyhow::Result<Watcher> {
        Self::with_quiet(root, output, QUIET)
    }

    pub(crate) fn with_quiet(root: &Path, output: &Path, quiet: Duration) -> anyhow::Result<Watcher> {
        let (tx, events) = std::sync::mpsc::channel();
        let mut debouncer = new_debouncer(DEBOUNCE, None, tx)?;
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| anyhow::anyhow!("não foi possível observar a pasta {}: {e}", root.display()))?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            debouncer,
            events,
            watched: BTreeSet::new(),
            quiet,
            held: Batch::default(),
        };
        watcher.watch_dirs()?;
        Ok(watcher)
    }

    /// Starts watching the site folders that exist and are not watched yet; forgets the ones
    /// that are gone. Returns whether anything changed.
    fn watch_dirs(&mut self) -> anyhow::Result<bool> {
        let mut changed = false;
        for name in WATCHED_DIRS {
            let dir = self.root.join(name);
            let exists = dir.is_dir();
            if exists && !self.watched.contains(name) {
                self.debouncer
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| anyhow::anyhow!("não foi possível observar a pasta {}: {e}", dir.display()))?;
                self.watched.insert(name);
                changed = true;
            } else if !exists && self.watched.remove(name) {
                let _ = self.debouncer.unwatch(&dir);
                changed = true;
            }
        }
        Ok(changed)
    }

    /// Waits for the next batch of relevant changes; `None` once `stop()` says so or the
    /// watcher died.
    pub(crate) fn next_batch(&mut self, stop: &dyn Fn() -> bool) -> Option<Batch> {
        loop {
            let mut batch = std::mem::take(&mut self.held);
            // Changes seen while the last rebuild was checked start this batch at once.
            if !batch.rescan && batch.paths.is_empty() {
                loop {
                    if stop() {
                        return None;
                    }
                    match self.events.recv_timeout(STOP_POLL) {
                        Ok(result) => {
                            self.absorb(result, &mut batch);
                            break;
                        }
                        Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => return None,
                    }
                }
            }
            let opened = Instant::now();
            while opened.elapsed() < MAX_BATCH {
                match self.events.recv_timeout(self.quiet) {
                    Ok(result) => self.absorb(result, &mut batch),
                    Err(_) => break,
                }
            }
            let top_level = batch.paths.iter().any(|p| WATCHED_DIRS.iter().any(|d| p.as_path() == Path::new(d)));
            match self.watch_dirs() {
                Ok(changed) => batch.rescan |= changed || top_level,
                Err(_) => batch.rescan = true,
            }
            if batch.rescan || !batch.paths.is_empty() {
                return Some(batch);
            }
        }
    }

    /// Whether a relevant change arrives within `wait` (or arrived before and was not handed
    /// out yet); kept for the next batch. The dev loop asks while it checks the last rebuild,
    /// to give up checks that the change makes stale.
    pub(crate) fn changed_within(&mut self, wait: Duration) -> bool {
        if let Ok(result) = self.events.recv_timeout(wait) {
            let mut held = std::mem::take(&mut self.held);
            self.absorb(result, &mut held);
            self.held = held;
        }
        self.held.rescan || !self.held.paths.is_empty()
    }

    fn absorb(&self, result: DebounceEventResult, batch: &mut Batch) {
        match result {
            Ok(events) => {
                for event in events {
                    if event.need_rescan() {
                        batch.rescan = true;
                    }
                    // Reading a file (the rebuild itself reads them) changes nothing.
                    if matches!(event.kind, EventKind::Access(kind) if kind != AccessKind::Close(AccessMode::Write)) {
                        continue;
                    }
                    batch.paths.extend(event.paths.iter().filter_map(|p| relevant(&self.root, &self.output, p)));
                }
            }
            // Overflowed queues and the like: what changed is unknown.
            Err(_) => batch.rescan = true,
        }
    }
}

/// The path relative to the root when it can change the site: `site.yaml` or something under
/// a watched folder, not under the output folder, no editor's temporary file on the way.
pub(crate) fn relevant(root: &Path, output: &Path, path: &Path) -> Option<PathBuf> {
    if path.starts_with(output) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let mut names = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let first = names.next()?;
    let wanted = WATCHED_DIRS.contains(&first.as_ref()) || (first == "site.yaml" && rel.components().count() == 1);
    if !wanted || rel.components().any(|c| crate::source::is_ignored_name(&c.as_os_str().to_string_lossy())) {
        return None;
    }
    Some(rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_site_files() {
        let root = Path::new("/s");
        let out = Path::new("/s/public");
        let ok = |p: &str| relevant(root, out, Path::new(p));
        assert_eq!(ok("/s/site.yaml"), Some(PathBuf::from("site.yaml")));
        assert_eq!(ok("/s/content/a/b.md"), Some(PathBuf::from("content/a/b.md")));
        assert_eq!(ok("/s/content"), Some(PathBuf::from("content")));
        assert_eq!(
            ok("/s/themes/default/templates/page.html"),
            Some(PathBuf::from("themes/default/templates/page.html"))
        );
        for ignored in [
            "/s/public/index.html",
            "/s/target/debug/x",
            "/s/content/.a.md.swp",
            "/s/content/a.md~",
            "/s/content/4913",
            "/s/content/#a.md#",
            "/s/content/.git/index",
            "/s/static/x.tmp",
            "/s/README.md",
            "/elsewhere/content/a.md",
        ] {
            assert_eq!(ok(ignored), None, "{ignored}");
        }
    }

    /// A change seen while the dev loop checks the last rebuild (which it then gives up) is
    /// not lost: it starts the next batch.
    #[test]
    fn a_change_seen_while_checking_starts_the_next_batch() -> anyhow::Result<()> {
        let tmp = tempfile::tempdir()?;
        let root = std::fs::canonicalize(tmp.path())?;
        std::fs::create_dir_all(root.join("content"))?;
        let mut watcher = Watcher::with_quiet(&root, &root.join("public"), Duration::from_millis(100))?;
        assert!(!watcher.changed_within(Duration::from_millis(50)));
        std::fs::write(root.join("content/a.md"), "x")?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while !watcher.changed_within(Duration::from_millis(20)) {
            anyhow::ensure!(Instant::now() < deadline, "the change was not seen");
        }
        let batch = watcher.next_batch(&|| Instant::now() > deadline).ok_or_else(|| anyhow::anyhow!("no batch"))?;
        assert!(batch.paths.contains(Path::new("content/a.md")), "{batch:?}");
        Ok(())
    }

    #[test]
    fn a_burst_is_one_batch() -> anyhow::Result<()> {
        let tmp = tempfile::tempdir()?;
        let root = std::fs::canonicalize(tmp.path())?;
        std::fs::create_dir_all(root.join("content/paginas"))?;
        let mut watcher = Watcher::with_quiet(&root, &root.join("public"), Duration::from_millis(300))?;
        for i in 0..300 {
            let swap = root.join(format!("content/paginas/.p{i}.md.swp"));
            std::fs::write(&swap, "x")?;
            std::fs::rename(&swap, root.join(format!("content/paginas/p{i}.md")))?;
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        let batch = watcher.next_batch(&|| Instant::now() > deadline).ok_or_else(|| anyhow::anyhow!("no batch"))?;
        let pages = batch.paths.iter().filter(|p| p.extension().is_some_and(|e| e == "md")).count();
        assert_eq!(pages, 300, "{batch:?}");
        assert!(batch.paths.iter().all(|p| !p.to_string_lossy().contains(".swp")), "{batch:?}");
        Ok(())
    }
}
