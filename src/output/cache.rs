//! The build cache's file and the output it vouches for: `.NAME.secretaria-cache` beside the
//! output folder `NAME` (never inside it: it is not published), written whole to a temporary
//! name and renamed into place, and a stamp of the output folder as it is on disk.
//!
//! The file starts with [`SIGNATURE`]; like the output's marker, it is what "ours" means: a
//! file at that name without it (or a link, a folder) is never read, replaced or removed, and
//! the build then simply runs without a cache. What follows the signature is `crate::cache`'s
//! business; this module only moves bytes.

use super::guard::OutputDir;
use rayon::prelude::*;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The first line of every cache file.
pub(crate) const SIGNATURE: &str = "secretaria: cache de geração (pode ser apagado; a próxima geração será completa)\n";

/// A cache larger than this is not ours (a few hundred bytes plus the warnings).
const LIMIT: u64 = 64 << 20;

/// `.NAME.secretaria-cache` beside the output folder.
pub(crate) fn path(dir: &OutputDir) -> PathBuf {
    super::sibling(dir, "secretaria-cache")
}

/// `.NAME.secretaria-cache.tmp-`: the start of the name of a cache being written (a new,
/// random name each time, so that what a killed process left can never stand in the way).
fn temporary_prefix(dir: &OutputDir) -> String {
    super::sibling(dir, "secretaria-cache.tmp-")
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether `path` is a cache file of ours: a regular file (not a link) that starts with the
/// signature.
fn is_ours(path: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else { return false };
    if !meta.is_file() {
        return false;
    }
    let mut head = vec![0; SIGNATURE.len()];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && head == SIGNATURE.as_bytes()
}

/// What follows the signature in the cache of `dir`; `None` when there is no cache file of
/// ours there, or it cannot be read.
pub(crate) fn read(dir: &OutputDir) -> Option<Vec<u8>> {
    let path = path(dir);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > LIMIT {
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    bytes.strip_prefix(SIGNATURE.as_bytes()).map(<[u8]>::to_vec)
}

/// Removes the cache of `dir` if there is one of ours, so that it can no longer vouch for the
/// output; anything else at that name is left alone. Called before every swap and whenever
/// `serve` or `watch` start writing in place.
pub(crate) fn invalidate(dir: &OutputDir) -> io::Result<()> {
    let path = path(dir);
    if !is_ours(&path) {
        return Ok(());
    }
    match std::fs::remove_file(&path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

/// Writes the cache of `dir` (signature, then `body`): whole to a new file
/// `.NAME.secretaria-cache.tmp-XXXX` (created exclusively: never through a link or over
/// another file), then renamed over the old one, so that a reader sees the old file, no file
/// or the new one, never half of one. Returns `false`, writing nothing, when a file that is
/// not ours holds the name.
pub(crate) fn write(dir: &OutputDir, body: &[u8]) -> io::Result<bool> {
    let path = path(dir);
    if std::fs::symlink_metadata(&path).is_ok() && !is_ours(&path) {
        return Ok(false);
    }
    // Removed when dropped, unless persisted.
    let mut file = tempfile::Builder::new().prefix(&temporary_prefix(dir)).tempfile_in(&dir.parent)?;
    file.write_all(SIGNATURE.as_bytes())?;
    file.write_all(body)?;
    // No fsync: on ext4 it commits the journal with every dirty block of the build (seconds
    // for a 10,000-page output), and the cache needs no durability. After a power loss, a
    // cache that is empty, torn or older than the output is read as no cache (signature, JSON)
    // or does not match the output's stamp: a full build, never a skip.
    file.persist(&path).map_err(|err| err.error)?;
    Ok(true)
}

/// BLAKE3 (hex) of the output folder as it is on disk: every entry's path and kind, and for
/// files their size, modification and change times, device and inode (see
/// `source::fingerprint::metadata_bytes`). One `lstat` per entry and no byte read; folders
/// are listed in parallel. Any change to a file (even rewritten with the same bytes, or its
/// times set back), a file added or removed, gives another stamp. `None` when the folder
/// cannot be listed.
pub(crate) fn stamp(dir: &Path) -> Option<String> {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"secretaria output v1\0");
    let top = std::fs::symlink_metadata(dir).ok().filter(std::fs::Metadata::is_dir)?;
    hasher.update(&identity(&top));
    for entry in scan(dir, "").ok()? {
        hasher.update(&(entry.len() as u64).to_le_bytes());
        hasher.update(&entry);
    }
    Some(hasher.finalize().to_hex().to_string())
}

/// A file a build wrote: its path in the output (with `/`) and its metadata as the write left
/// it (`source::fingerprint::metadata_bytes`).
pub(crate) type Written = (Box<str>, Box<[u8]>);

/// [`stamp`] of the folder `dir`, whose files are exactly `files` (relative paths with `/`,
/// and each file's metadata as `source::fingerprint::metadata_bytes` gives it), without
/// listing it: the records [`scan`] would make, in its order (each folder's entries by name,
/// a folder before what it holds). The build knows every file it wrote and the metadata the
/// write left; a file anyone else added, changed or removed since makes the next build's
/// [`stamp`] differ from this one, so the cache is not used: never a wrong skip.
pub(crate) fn stamp_of(dir: &Path, files: &[Written]) -> Option<String> {
    let top = std::fs::symlink_metadata(dir).ok().filter(std::fs::Metadata::is_dir)?;
    // (path, metadata: none for a folder), sorted component by component.
    let mut entries: Vec<(&str, Option<&[u8]>)> = Vec::with_capacity(files.len() * 2);
    let mut folders: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for (path, meta) in files {
        for (slash, _) in path.match_indices('/') {
            let folder = path.get(..slash)?;
            if folders.insert(folder) {
                entries.push((folder, None));
            }
        }
        entries.push((path, Some(&**meta)));
    }
    entries.par_sort_unstable_by(|a, b| crate::source::slash_order(a.0, b.0));
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"secretaria output v1\0");
    hasher.update(&identity(&top));
    for (path, meta) in &entries {
        let mut record = Vec::with_capacity(path.len() + 64);
        record.push(b'/');
        record.extend_from_slice(path.as_bytes());
        record.push(0);
        match meta {
            None => record.push(b'd'),
            Some(meta) => {
                record.push(b'f');
                record.extend_from_slice(meta);
            }
        }
        hasher.update(&(record.len() as u64).to_le_bytes());
        hasher.update(&record);
    }
    Some(hasher.finalize().to_hex().to_string())
}

/// A folder's device and inode: the same path with another folder behind it is another output.
fn identity(meta: &std::fs::Metadata) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        [meta.dev().to_le_bytes(), meta.ino().to_le_bytes()].concat()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Vec::new()
    }
}

/// One record per entry under `dir` (relative names prefixed by `rel`), sorted by name, each
/// folder followed by its contents.
fn scan(dir: &Path, rel: &str) -> io::Result<Vec<Vec<u8>>> {
    let mut entries = std::fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    let records: Vec<io::Result<Vec<Vec<u8>>>> = entries
        .par_iter()
        .map(|entry| {
            let name = entry.file_name();
            let name = format!("{rel}/{}", name.to_string_lossy());
            // Relative to the open folder (`fstatat`), not the whole path again; never follows a link.
            let meta = entry.metadata()?;
            let mut record = name.clone().into_bytes();
            record.push(0);
            if meta.is_dir() {
                record.push(b'd');
                let mut records = vec![record];
                records.extend(scan(&entry.path(), &name)?);
                Ok(records)
            } else {
                record.push(if meta.is_file() { b'f' } else { b'o' });
                record.extend(crate::source::fingerprint::metadata_bytes(&meta));
                Ok(vec![record])
            }
        })
        .collect();
    let mut out = Vec::new();
    for records in records {
        out.extend(records?);
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn output() -> (tempfile::TempDir, OutputDir) {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("public");
        std::fs::create_dir_all(path.join("a")).unwrap();
        std::fs::write(path.join("a/index.html"), "x").unwrap();
        let dir = OutputDir { path, parent: tmp.path().to_path_buf(), name: "public".into() };
        (tmp, dir)
    }

    #[test]
    fn the_cache_is_beside_the_output_and_written_whole() {
        let (tmp, dir) = output();
        assert_eq!(path(&dir), tmp.path().join(".public.secretaria-cache"));
        assert_eq!(read(&dir), None);
        assert!(write(&dir, b"{}").unwrap());
        assert_eq!(read(&dir).as_deref(), Some(&b"{}"[..]));
        assert!(write(&dir, b"[]").unwrap(), "replaces its own");
        assert_eq!(read(&dir).as_deref(), Some(&b"[]"[..]));
        let names: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(&temporary_prefix(&dir)))
            .collect();
        assert!(names.is_empty(), "{names:?}");
        invalidate(&dir).unwrap();
        assert_eq!(read(&dir), None);
        invalidate(&dir).unwrap();
    }

    #[test]
    fn a_file_that_is_not_ours_is_never_read_replaced_or_removed() {
        let (_tmp, dir) = output();
        let name = path(&dir);
        std::fs::write(&name, "minhas notas").unwrap();
        assert_eq!(read(&dir), None);
        assert!(!write(&dir, b"{}").unwrap());
        invalidate(&dir).unwrap();
        assert_eq!(std::fs::read_to_string(&name).unwrap(), "minhas notas");
        std::fs::remove_file(&name).unwrap();
        #[cfg(unix)]
        {
            let target = dir.parent.join("alvo");
            std::fs::write(&target, format!("{SIGNATURE}{{}}")).unwrap();
            std::os::unix::fs::symlink(&target, path(&dir)).unwrap();
            assert_eq!(read(&dir), None, "a link is not our cache");
            invalidate(&dir).unwrap();
            assert!(!write(&dir, b"{}").unwrap());
            assert!(std::fs::symlink_metadata(path(&dir)).unwrap().file_type().is_symlink());
        }
    }

    #[test]
    fn the_stamp_changes_with_any_file_of_the_output() {
        let (_tmp, dir) = output();
        let first = stamp(&dir.path).unwrap();
        assert_eq!(stamp(&dir.path).unwrap(), first);
        // File times tick with the kernel's clock (a few milliseconds): let one go by.
        std::thread::sleep(std::time::Duration::from_millis(50));
        std::fs::write(dir.path.join("a/index.html"), "x").unwrap();
        let rewritten = stamp(&dir.path).unwrap();
        assert_ne!(rewritten, first, "rewritten with the same bytes");
        std::fs::write(dir.path.join("extra.html"), "").unwrap();
        assert_ne!(stamp(&dir.path).unwrap(), rewritten, "a file added");
        std::fs::remove_file(dir.path.join("extra.html")).unwrap();
        std::fs::create_dir(dir.path.join("vazia")).unwrap();
        assert_ne!(stamp(&dir.path).unwrap(), rewritten, "a folder added");
        assert_eq!(stamp(&dir.parent.join("nada")), None);
    }

    #[test]
    fn the_stamp_of_the_files_written_is_the_stamp_of_the_folder_listed() {
        let (_tmp, dir) = output();
        // Names whose order differs between whole paths and folder by folder (`-` and `.`
        // sort before `/`), deep folders, the marker, a folder holding only folders.
        let files = [
            "a/index.html",
            "a-b/index.html",
            "a.b/c/index.html",
            "a/b/c/d/index.html",
            "a/b/z.json",
            "a/b.json",
            ".secretaria",
            "SHA256SUMS",
            "busca/d/10.json",
            "busca/d/9.json",
            "e/f/g/index.html",
        ];
        for file in files {
            let path = dir.path.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, file).unwrap();
        }
        let written: Vec<Written> = files
            .iter()
            .map(|f| {
                let meta = std::fs::symlink_metadata(dir.path.join(f)).unwrap();
                ((*f).into(), crate::source::fingerprint::metadata_bytes(&meta).into_boxed_slice())
            })
            .collect();
        assert_eq!(stamp_of(&dir.path, &written), stamp(&dir.path));
        // A file the build did not write (someone else's) is missing from its list: the stamps
        // differ, and the next build is a full one.
        std::fs::write(dir.path.join("a/outro.html"), "").unwrap();
        assert_ne!(stamp_of(&dir.path, &written), stamp(&dir.path));
    }
}
