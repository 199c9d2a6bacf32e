//! When each source file last changed, for "Atualizado em", the sitemap's `lastmod` and the
//! open data: the time of the last git commit that touched the file, else the file's
//! modification time. Read here, at the input edge; the model turns these instants into
//! dates (front matter `atualizado` wins over both, and every date is clamped to the build's
//! "now", which is `SOURCE_DATE_EPOCH` in a reproducible build).
//!
//! Git is asked once per read of the whole site, never once per file: `git ls-files` for the
//! files it tracks (the others have no commit to look for), one `git log` that lists every
//! commit touching the site's folder with the files it touched, read as it comes and stopped
//! as soon as every tracked file has been seen (so a long history is not walked to its
//! start), and one `git diff` against `HEAD` for the files with changes not yet committed,
//! whose commit date would be stale (those take their modification time).
//! No git on the machine, a site that is not in a repository, a repository without commits:
//! every file takes its modification time, and nothing is reported (it is not a problem).
//!
//! A modification time is what the disk says: a fresh copy or checkout has the time of the
//! copy. In a reproducible build (`SOURCE_DATE_EPOCH` set) any time later than it is clamped
//! to it, as reproducible-builds.org asks, so two checkouts give the same bytes; without it a
//! file never committed shows when it was saved, which is the truth the disk knows.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The modification time of `path`, in seconds since 1970 (UTC).
pub(crate) fn mtime(path: &Path) -> Option<i64> {
    seconds(&std::fs::metadata(path).ok()?)
}

/// The modification time in `meta`, in seconds since 1970 (UTC).
pub(crate) fn seconds(meta: &std::fs::Metadata) -> Option<i64> {
    let since = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    i64::try_from(since.as_secs()).ok()
}

/// For each of `wanted` (paths relative to `root`, as the site names them), the time of the
/// last commit that touched it, leaving out files with changes not committed. Empty when git
/// is absent or `root` is not in a repository.
///
/// `wanted` says whether the site wants a path: asked only of the files git tracks (a site
/// outside git, or whose content git does not track, costs no set of its files).
pub(crate) fn committed(root: &Path, wanted: impl Fn(&Path) -> bool) -> BTreeMap<PathBuf, i64> {
    let Some(tracked) = tracked(root) else { return BTreeMap::new() };
    let wanted: BTreeSet<PathBuf> = tracked.into_iter().filter(|p| wanted(p)).collect();
    if wanted.is_empty() {
        return BTreeMap::new();
    }
    let Some(mut found) = last_commits(root, &wanted) else { return BTreeMap::new() };
    match uncommitted(root) {
        Some(dirty) => found.retain(|path, _| !dirty.contains(path)),
        // Cannot tell which files changed since their commit: trust the disk for all.
        None => found.clear(),
    }
    found
}

/// `git` run in `root` with the options that keep its output machine-readable whatever the
/// user's configuration (no pager, no signatures, no colour).
fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(root)
        .args(["-c", "log.showSignature=false", "-c", "color.ui=never", "--no-pager"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .stdout(Stdio::piped());
    command
}

/// One `git log` over the site's folder, newest commit first; for each wanted file, the
/// first commit that lists it. Read as it comes, and stopped once every file is found.
fn last_commits(root: &Path, wanted: &BTreeSet<PathBuf>) -> Option<BTreeMap<PathBuf, i64>> {
    // `%x00%ct` starts each commit with an empty NUL-terminated record and its committer
    // time; `-z` ends every name with NUL (names are not quoted); `--relative` names files
    // from `root` and keeps to it.
    let mut child = git(root)
        .args(["log", "--format=%x00%ct", "-z", "--name-only", "--relative", "--no-renames", "--", "."])
        .spawn()
        .ok()?;
    let stdout = child.stdout.take()?;
    let mut reader = BufReader::new(stdout);
    let mut found = BTreeMap::new();
    let (mut time, mut expect_time) = (None, false);
    let mut record = Vec::new();
    loop {
        record.clear();
        match reader.read_until(0, &mut record) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if record.last() == Some(&0) {
            record.pop();
        }
        if record.is_empty() {
            expect_time = true;
            continue;
        }
        if expect_time {
            expect_time = false;
            time = std::str::from_utf8(&record).ok().and_then(|t| t.trim().parse::<i64>().ok());
            continue;
        }
        let name = String::from_utf8_lossy(record.strip_prefix(b"\n").unwrap_or(&record)).into_owned();
        let path = super::nfc_path(Path::new(&name));
        if let (Some(time), true) = (time, wanted.contains(&path)) {
            found.entry(path).or_insert(time);
            if found.len() == wanted.len() {
                break;
            }
        }
    }
    // Stopped early, or done: either way the process is ours to end and reap.
    let _ = child.kill();
    let status = child.wait().ok()?;
    // A complete run that failed (not a repository, no commits) means nothing is known.
    if found.len() < wanted.len() && !status.success() {
        return None;
    }
    Some(found)
}

/// The paths a NUL-separated list of names from git (`-z`) holds, relative to `root`.
fn names(output: &std::process::Output) -> Option<BTreeSet<PathBuf>> {
    if !output.status.success() {
        return None;
    }
    Some(
        output
            .stdout
            .split(|b| *b == 0)
            .filter(|name| !name.is_empty())
            .map(|name| super::nfc_path(Path::new(&*String::from_utf8_lossy(name))))
            .collect(),
    )
}

/// The files under `root` that git tracks, relative to it (from the index: no history read).
fn tracked(root: &Path) -> Option<BTreeSet<PathBuf>> {
    names(&git(root).args(["ls-files", "-z", "--", "."]).output().ok()?)
}

/// The files under `root` whose text differs from `HEAD` (staged or not), relative to it.
fn uncommitted(root: &Path) -> Option<BTreeSet<PathBuf>> {
    names(&git(root).args(["diff", "--name-only", "-z", "--relative", "HEAD", "--", "."]).output().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(root: &Path, args: &[&str]) -> bool {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    fn commit(root: &Path, when: &str) -> bool {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["commit", "-q", "-m", "x"])
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .env("GIT_AUTHOR_DATE", when)
            .env("GIT_COMMITTER_DATE", when)
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    #[test]
    fn outside_a_repository_nothing_is_known_and_nothing_fails() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let wanted: BTreeSet<PathBuf> = [PathBuf::from("site.yaml")].into();
        assert!(committed(dir.path(), |p| wanted.contains(p)).is_empty());
    }

    /// The last commit that touched each file, from a folder inside the repository; a file
    /// changed since, or never committed, is left to its modification time.
    #[test]
    fn last_commit_per_file_and_uncommitted_changes_left_out() {
        let repo = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        if !run(repo.path(), &["init", "-q"]) {
            return; // no git on this machine: the case above covers it
        }
        let site = repo.path().join("site");
        let write = |rel: &str, text: &str| {
            let path = site.join(rel);
            std::fs::create_dir_all(path.parent().unwrap_or(&site)).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
        };
        write("site.yaml", "titulo: T\n");
        write("content/a.md", "a\n");
        write("content/são.md", "b\n");
        write("content/c.md", "c\n");
        assert!(run(repo.path(), &["add", "."]));
        assert!(commit(repo.path(), "2024-01-10T12:00:00Z"));
        write("content/a.md", "a2\n");
        assert!(run(repo.path(), &["add", "."]));
        assert!(commit(repo.path(), "2024-03-05T12:00:00Z"));
        write("content/c.md", "c2\n");
        write("content/novo.md", "n\n");
        let wanted: BTreeSet<PathBuf> =
            ["site.yaml", "content/a.md", "content/são.md", "content/c.md", "content/novo.md"]
                .into_iter()
                .map(PathBuf::from)
                .collect();
        let found = committed(&site, |p| wanted.contains(p));
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).map(|d| d.timestamp()).ok();
        assert_eq!(found.get(Path::new("content/a.md")).copied(), at("2024-03-05T12:00:00Z"));
        assert_eq!(found.get(Path::new("content/são.md")).copied(), at("2024-01-10T12:00:00Z"));
        assert_eq!(found.get(Path::new("site.yaml")).copied(), at("2024-01-10T12:00:00Z"));
        assert_eq!(found.get(Path::new("content/c.md")), None, "changed since its commit");
        assert_eq!(found.get(Path::new("content/novo.md")), None, "never committed");
    }
}
