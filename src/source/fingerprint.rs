//! The fingerprint of everything a build reads, for the build cache (`crate::cache`): a
//! BLAKE3 digest of `site.yaml` and of every file under `content/`, `static/` and `themes/`
//! (names, sizes, modification and change times, bytes), of the git state the "updated"
//! dates come from (`HEAD` and the files the index tracks, see [`super::dates`]), and of the
//! running program's own bytes. Files are listed with the walk the build itself uses
//! ([`super::walk`]), so that what is fingerprinted is what is read, and hashed in parallel.
//!
//! Two digests come out: [`Inputs::digest`] covers the bytes; [`Inputs::stamp`] only the
//! names, the file metadata and the git state, which is cheap to take again once the build
//! has published, to see whether an input changed while it ran (then no cache is written).

use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The site folders the build reads, besides `site.yaml`.
const READ_DIRS: [&str; 3] = ["content", "static", "themes"];

/// What [`inputs`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inputs {
    /// BLAKE3 (hex) of every input's name, metadata and bytes, the git state and the program.
    pub digest: String,
    /// BLAKE3 (hex) of every input's name and metadata and the git state, without the bytes.
    pub stamp: String,
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
}

/// The fingerprint of the site at `root`, or `None` when it cannot be taken in full (no
/// `site.yaml`, a folder or file that cannot be read, no program file): then the build runs
/// in full and reports whatever is wrong.
pub(crate) fn inputs(root: &Path) -> Option<Inputs> {
    let listing = listing(root)?;
    let git = git_state(root);
    let program = program_identity()?;
    let hashes: Vec<Option<[u8; 32]>> = listing
        .par_iter()
        .map(|item| match item.regular {
            true => read(&root.join(&item.path), item.len).ok().map(|bytes| *blake3::hash(&bytes).as_bytes()),
            false => Some([0; 32]),
        })
        .collect();
    let mut stamp = blake3::Hasher::new();
    let mut digest = blake3::Hasher::new();
    digest.update(b"secretaria inputs v1\0");
    digest.update(program.as_bytes());
    stamp.update(b"secretaria stamp v1\0");
    field(&mut stamp, &git);
    field(&mut digest, &git);
    for (item, hash) in listing.iter().zip(hashes) {
        let hash = hash?;
        for hasher in [&mut stamp, &mut digest] {
            field(hasher, item.path.as_os_str().as_encoded_bytes());
            field(hasher, &item.meta);
        }
        digest.update(&hash);
    }
    Some(Inputs { digest: digest.finalize().to_hex().to_string(), stamp: stamp.finalize().to_hex().to_string() })
}

/// [`Inputs::stamp`] alone, taken again: no bytes read. `None` as in [`inputs`].
pub(crate) fn stamp(root: &Path) -> Option<String> {
    let listing = listing(root)?;
    let mut stamp = blake3::Hasher::new();
    stamp.update(b"secretaria stamp v1\0");
    field(&mut stamp, &git_state(root));
    for item in &listing {
        field(&mut stamp, item.path.as_os_str().as_encoded_bytes());
        field(&mut stamp, &item.meta);
    }
    Some(stamp.finalize().to_hex().to_string())
}

/// The bytes of a file whose size the listing knows (`std::fs::read` would ask again).
fn read(path: &Path, len: u64) -> io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
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
    let mut listing = vec![Listed {
        path: PathBuf::from("site.yaml"),
        regular: true,
        len: site_yaml.len(),
        meta: metadata_bytes(&site_yaml),
    }];
    for dir in READ_DIRS {
        let found = super::walk(&root.join(dir));
        if !found.errors.is_empty() {
            return None;
        }
        let mut paths: Vec<(PathBuf, bool)> = found.files.into_iter().map(|p| (p, true)).collect();
        paths.extend(found.others.into_iter().map(|p| (p, false)));
        paths.sort();
        let listed: Vec<Option<Listed>> = paths
            .into_par_iter()
            .map(|(path, regular)| {
                let meta = std::fs::symlink_metadata(&path).ok()?;
                let path = path.strip_prefix(root).ok()?.to_path_buf();
                let bytes = if regular { metadata_bytes(&meta) } else { Vec::new() };
                Some(Listed { path, regular, len: meta.len(), meta: bytes })
            })
            .collect();
        listing.extend(listed.into_iter().collect::<Option<Vec<_>>>()?);
    }
    Some(listing)
}

/// What of a file's metadata says it may have changed: size, modification time (which the
/// pages show as "updated" when git does not know the file) and, on Unix, the change time,
/// device and inode, which no tool can set back.
pub(crate) fn metadata_bytes(meta: &std::fs::Metadata) -> Vec<u8> {
    let mut out = Vec::with_capacity(48);
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

/// BLAKE3 (hex) of the running program's file, read once per process: a program rebuilt from
/// other sources, even of the same version, does not reuse another's cache.
fn program_identity() -> Option<&'static str> {
    static IDENTITY: OnceLock<Option<String>> = OnceLock::new();
    IDENTITY
        .get_or_init(|| {
            let exe = std::env::current_exe().ok()?;
            file_identity(&exe).ok()
        })
        .as_deref()
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
            assert_ne!(after.digest, before.digest, "{file}");
            assert_ne!(after.stamp, before.stamp, "{file}");
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
        assert_ne!(inputs(root).unwrap().digest, before.digest);
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
