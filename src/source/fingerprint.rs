//! The fingerprint of everything a build reads, for the build cache (`crate::cache`): a
//! BLAKE3 digest of `site.yaml` and of every file under `content/`, `static/` and `themes/`
//! (names, sizes, modification and change times, device and inode), of the git state the
//! "updated" dates come from (`HEAD` and the files the index tracks, see [`super::dates`]), and
//! of the running program (its path and the same metadata). Files are listed with the walk the
//! build itself uses ([`super::walk`]), so that what is fingerprinted is what is read.
//!
//! Bytes are read only where metadata cannot be trusted, as git does with its index: a file
//! changed in the last [`RECENT_SECS`] seconds (two writes within one tick of the kernel's
//! clock leave the same change time), and every file where there is no change time (not
//! Unix). Those are the "racy" files: their bytes' hashes are not part of the digest (which
//! must not depend on when it was taken) but are kept beside it ([`Inputs::racy`]); the cache
//! compares them again before it trusts a record. The change time is set by the kernel on
//! every write, rename or `chmod` and no tool can set it back, so an edit that keeps the size
//! and puts the modification time back is still seen. A build costs one `stat` per input
//! instead of reading the whole site.
//!
//! Two digests come out: [`Inputs::digest`] covers the metadata, the git state and the
//! program; [`Inputs::stamp`] only the names, the file metadata and the git state, which is
//! cheap to take again once the build has published, to see whether an input changed while it
//! ran (then no cache is written).

use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The site folders the build reads, besides `site.yaml`.
const READ_DIRS: [&str; 3] = ["content", "static", "themes"];

/// A file whose change or modification time is this close to now (or later) is "racy": its
/// metadata may not yet tell two versions apart, so its bytes are hashed too.
const RECENT_SECS: i64 = 2;

/// The name a racy program file goes by in [`Inputs::racy`].
pub(crate) const PROGRAM: &str = "<programa>";

/// What [`inputs`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inputs {
    /// BLAKE3 (hex) of every input's name and metadata, the git state and the program.
    pub digest: String,
    /// BLAKE3 (hex) of every input's name and metadata and the git state.
    pub stamp: String,
    /// The racy files (relative to the root; the program as [`PROGRAM`]) with the BLAKE3 (hex)
    /// of their bytes: a record is trusted only while they still have these bytes.
    pub racy: Vec<(String, String)>,
}

/// One file of the listing: its path and what `lstat` says of it.
struct Listed {
    path: PathBuf,
    /// Regular file (read and hashed) or anything else (a link, a socket: only its name counts,
    /// as the build only warns about it).
    regular: bool,
    /// Its size, so that reading it takes no second `stat`.
    len: u64,
    meta: Vec<u8>,
    /// Racy: its bytes are hashed too (see [`RECENT_SECS`]).
    racy: bool,
}

/// The fingerprint of the site at `root`, or `None` when it cannot be taken in full (no
/// `site.yaml`, a folder or file that cannot be read, no program file): then the build runs
/// in full and reports whatever is wrong.
pub(crate) fn inputs(root: &Path) -> Option<Inputs> {
    // Asking git runs two programs: they run while the folders are listed.
    let (listing, (git, program)) = rayon::join(|| listing(root), || (git_state(root), program_identity()));
    let (listing, program) = (listing?, program?);
    let racy: Vec<Option<(String, String)>> = listing
        .par_iter()
        .filter(|item| item.regular && item.racy)
        .map(|item| {
            let bytes = read(&root.join(&item.path), item.len).ok()?;
            Some((item.path.to_string_lossy().replace('\\', "/"), blake3::hash(&bytes).to_hex().to_string()))
        })
        .collect();
    let mut racy = racy.into_iter().collect::<Option<Vec<_>>>()?;
    racy.extend(program.racy.clone().map(|hash| (PROGRAM.to_string(), hash)));
    let mut stamp = blake3::Hasher::new();
    let mut digest = blake3::Hasher::new();
    digest.update(b"secretaria inputs v2\0");
    field(&mut digest, program.identity.as_bytes());
    stamp.update(b"secretaria stamp v1\0");
    field(&mut stamp, &git);
    field(&mut digest, &git);
    for item in &listing {
        for hasher in [&mut stamp, &mut digest] {
            field(hasher, item.path.as_os_str().as_encoded_bytes());
            field(hasher, &item.meta);
        }
    }
    Some(Inputs { digest: digest.finalize().to_hex().to_string(), stamp: stamp.finalize().to_hex().to_string(), racy })
}

/// Whether every racy file of a record (as [`Inputs::racy`] listed them) still has the bytes
/// it had: read again and hashed. A file that cannot be read is not the same.
pub(crate) fn racy_unchanged(root: &Path, racy: &[(String, String)]) -> bool {
    racy.par_iter().all(|(path, hash)| {
        let file = if path == PROGRAM { std::env::current_exe().ok() } else { Some(root.join(path)) };
        file.and_then(|f| file_identity(&f).ok()).is_some_and(|now| &now == hash)
    })
}

/// [`Inputs::stamp`] alone, taken again: no bytes read. `None` as in [`inputs`].
pub(crate) fn stamp(root: &Path) -> Option<String> {
    let (listing, git) = rayon::join(|| listing(root), || git_state(root));
    let listing = listing?;
    let mut stamp = blake3::Hasher::new();
    stamp.update(b"secretaria stamp v1\0");
    field(&mut stamp, &git);
    for item in &listing {
        field(&mut stamp, item.path.as_os_str().as_encoded_bytes());
        field(&mut stamp, &item.meta);
    }
    Some(stamp.finalize().to_hex().to_string())
}

/// The bytes of a file whose size the listing knows (`std::fs::read` would ask again).
fn read(path: &Path, len: u64) -> io::Result<Vec<u8>> {
    use std::io::Read as _;
    // A size no memory can hold (a sparse file) is an error, not an abort.
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(usize::try_from(len).unwrap_or(usize::MAX).saturating_add(1))?;
    std::fs::File::open(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A length-prefixed field, so that no two different sequences hash alike.
fn field(hasher: &mut blake3::Hasher, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// `site.yaml` and the files of the folders the build reads, relative to `root`, in the
/// walk's sorted order, with their metadata; `None` if any of it cannot be read.
fn listing(root: &Path) -> Option<Vec<Listed>> {
    let site_yaml = std::fs::metadata(root.join("site.yaml")).ok().filter(std::fs::Metadata::is_file)?;
    let now = now_secs();
    let mut listing = vec![Listed {
        path: PathBuf::from("site.yaml"),
        regular: true,
        len: site_yaml.len(),
        meta: metadata_bytes(&site_yaml),
        racy: racy(&site_yaml, now),
    }];
    for dir in READ_DIRS {
        let found = super::walk(&root.join(dir));
        if !found.errors.is_empty() {
            return None;
        }
        let mut paths: Vec<(PathBuf, bool)> = found.files.into_iter().map(|p| (p, true)).collect();
        paths.extend(found.others.into_iter().map(|p| (p, false)));
        paths.sort_by(|a, b| super::path_order(&a.0, &b.0));
        let listed: Vec<Option<Listed>> = paths
            .into_par_iter()
            .map(|(path, regular)| {
                let meta = std::fs::symlink_metadata(&path).ok()?;
                let path = path.strip_prefix(root).ok()?.to_path_buf();
                let bytes = if regular { metadata_bytes(&meta) } else { Vec::new() };
                Some(Listed { path, regular, len: meta.len(), meta: bytes, racy: racy(&meta, now) })
            })
            .collect();
        listing.extend(listed.into_iter().collect::<Option<Vec<_>>>()?);
    }
    Some(listing)
}

/// Seconds since 1970 now (0 if the clock is before it: then every file counts as racy).
fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Whether a file is racy at `now`: changed or modified within [`RECENT_SECS`] of it (or
/// later), or without a change time.
fn racy(meta: &std::fs::Metadata, now: i64) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        now == 0 || meta.ctime() >= now - RECENT_SECS || meta.mtime() >= now - RECENT_SECS
    }
    #[cfg(not(unix))]
    {
        let _ = (meta, now);
        true
    }
}

/// What of a file's metadata says it may have changed: size, modification time (which the
/// pages show as "updated" when git does not know the file) and, on Unix, the change time,
/// device and inode, which no tool can set back.
pub(crate) fn metadata_bytes(meta: &std::fs::Metadata) -> Vec<u8> {
    // Size, modification time (seconds, nanoseconds), change time (both), device and inode.
    let mut out = Vec::with_capacity(52);
    out.extend(meta.len().to_le_bytes());
    let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    out.extend(modified.map_or(0, |d| d.as_secs()).to_le_bytes());
    out.extend(modified.map_or(0, |d| d.subsec_nanos()).to_le_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        out.extend(meta.ctime().to_le_bytes());
        out.extend(meta.ctime_nsec().to_le_bytes());
        out.extend(meta.dev().to_le_bytes());
        out.extend(meta.ino().to_le_bytes());
    }
    out
}

/// What git says that the dates depend on: the commit `HEAD` names and the files the index
/// tracks under `root` (with their staged blobs). Empty parts when git or a repository is
/// missing, exactly as the dates then fall back to modification times.
fn git_state(root: &Path) -> Vec<u8> {
    let run = |args: &[&str]| -> Vec<u8> {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .stdout(Stdio::piped())
            .output();
        match output {
            Ok(output) if output.status.success() => output.stdout,
            Ok(output) => format!("falhou: {}", output.status).into_bytes(),
            Err(_) => b"sem git".to_vec(),
        }
    };
    let mut state = run(&["rev-parse", "--verify", "-q", "HEAD"]);
    state.push(0);
    state.extend(run(&["ls-files", "-s", "-z", "--", "."]));
    state
}

/// The running program as the fingerprint knows it.
#[derive(Debug)]
struct Program {
    /// Its path and metadata (a program rebuilt from other sources, even of the same version,
    /// is a new file: another inode and change time).
    identity: String,
    /// The BLAKE3 (hex) of its bytes when it is racy.
    racy: Option<String>,
}

/// The running program, looked at once per process.
fn program_identity() -> Option<&'static Program> {
    static IDENTITY: OnceLock<Option<Program>> = OnceLock::new();
    IDENTITY
        .get_or_init(|| {
            let exe = std::env::current_exe().ok()?;
            let meta = std::fs::metadata(&exe).ok()?;
            let racy = match racy(&meta, now_secs()) {
                true => Some(file_identity(&exe).ok()?),
                false => None,
            };
            let mut hasher = blake3::Hasher::new();
            field(&mut hasher, exe.as_os_str().as_encoded_bytes());
            field(&mut hasher, &metadata_bytes(&meta));
            Some(Program { identity: hasher.finalize().to_hex().to_string(), racy })
        })
        .as_ref()
}

/// BLAKE3 (hex) of a file's bytes.
pub(crate) fn file_identity(path: &Path) -> io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    let mut file = std::fs::File::open(path)?;
    io::copy(&mut file, &mut hasher)?;
    Ok(hasher.finalize().to_hex().to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("site.yaml"), "titulo: x\n").unwrap();
        std::fs::create_dir_all(tmp.path().join("content/paginas")).unwrap();
        std::fs::write(tmp.path().join("content/paginas/a.md"), "# A\n").unwrap();
        std::fs::create_dir_all(tmp.path().join("static")).unwrap();
        std::fs::write(tmp.path().join("static/x.txt"), "x").unwrap();
        tmp
    }

    #[test]
    fn every_read_file_and_nothing_else_changes_the_fingerprint() {
        let tmp = site();
        let root = tmp.path();
        let first = inputs(root).unwrap();
        assert_eq!(inputs(root).unwrap(), first, "stable");
        assert_eq!(stamp(root).unwrap(), first.stamp);
        // Outside the folders the build reads, and hidden files inside them, do not count.
        std::fs::write(root.join("notas.txt"), "minhas notas").unwrap();
        std::fs::write(root.join("content/.rascunho.md.swp"), "x").unwrap();
        std::fs::create_dir_all(root.join("public")).unwrap();
        std::fs::write(root.join("public/index.html"), "x").unwrap();
        assert_eq!(inputs(root).unwrap().digest, first.digest);
        for (file, text) in [("content/paginas/a.md", "# B\n"), ("static/x.txt", "y"), ("site.yaml", "titulo: y\n")] {
            let before = inputs(root).unwrap();
            std::fs::write(root.join(file), text).unwrap();
            let after = inputs(root).unwrap();
            // As the cache judges: other metadata, or (within one tick of the clock) other
            // bytes of a racy file.
            assert!(after.digest != before.digest || !racy_unchanged(root, &before.racy), "{file}");
        }
        let before = inputs(root).unwrap();
        std::fs::create_dir_all(root.join("themes/default/templates")).unwrap();
        std::fs::write(root.join("themes/default/templates/page.html"), "x").unwrap();
        assert_ne!(inputs(root).unwrap().digest, before.digest, "a theme override");
        std::fs::remove_file(root.join("site.yaml")).unwrap();
        assert!(inputs(root).is_none(), "not a site");
    }

    #[test]
    fn the_same_metadata_with_other_bytes_is_another_fingerprint() {
        let tmp = site();
        let root = tmp.path();
        let path = root.join("content/paginas/a.md");
        let before = inputs(root).unwrap();
        let times = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::fs::write(&path, "# Z\n").unwrap();
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(times).unwrap();
        // The change time moved (or, within the same tick, the racy bytes differ).
        let after = inputs(root).unwrap();
        assert!(after.digest != before.digest || !racy_unchanged(root, &before.racy));
    }

    #[test]
    fn racy_files_are_hashed_apart_and_compared_again() {
        let tmp = site();
        let root = tmp.path();
        let first = inputs(root).unwrap();
        // Just written: every file is racy, and listed with its bytes' hash.
        let listed: Vec<&str> = first.racy.iter().map(|(p, _)| p.as_str()).collect();
        for file in ["site.yaml", "content/paginas/a.md", "static/x.txt"] {
            assert!(listed.contains(&file), "{file}: {listed:?}");
        }
        assert!(racy_unchanged(root, &first.racy));
        // Same size, same metadata but for the change time: the bytes tell them apart.
        std::fs::write(root.join("static/x.txt"), "y").unwrap();
        assert!(!racy_unchanged(root, &first.racy));
        let meta = std::fs::metadata(root.join("site.yaml")).unwrap();
        assert!(racy(&meta, now_secs()));
        assert!(!racy(&meta, now_secs() + 60), "a minute later");
        assert!(racy(&meta, 0), "no clock");
    }

    #[test]
    fn a_program_is_known_by_its_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        let a = tmp.path().join("secretaria");
        std::fs::write(&a, b"\x7fELF programa").unwrap();
        let first = file_identity(&a).unwrap();
        assert_eq!(file_identity(&a).unwrap(), first);
        std::fs::write(&a, b"\x7fELF programa recompilado").unwrap();
        assert_ne!(file_identity(&a).unwrap(), first);
        assert!(program_identity().is_some());
    }
}
