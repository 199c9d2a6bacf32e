//! Writing the dev loop's changes into the output folder in place (`serve`, `watch`), file by
//! file: a file already there is rewritten in place ([`overwrite`], while the dev server waits
//! on the session's gate, so that it never hands out half a page); a new one goes to a
//! temporary file in its own folder and is renamed into place ([`write`]). Files that are gone
//! are deleted. Nothing here creates a symlink or writes through one (nor through a hard
//! link): a symlink found where a folder or file of ours belongs is replaced. Every path goes
//! through [`super::checked`], as `build`'s do.

use super::checked as target;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` at `out/rel` with a temporary file and a rename in the same folder.
pub(crate) fn write(out: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let dest = target(out, rel)?;
    let parent = dest.parent().unwrap_or(out);
    real_dirs(out, parent)?;
    if std::fs::symlink_metadata(&dest).is_ok_and(|m| m.is_dir()) {
        std::fs::remove_dir_all(&dest)
            .with_context(|| format!("não foi possível remover a pasta {}", dest.display()))?;
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".secretaria-")
        .suffix(".tmp")
        .tempfile_in(parent)
        .with_context(|| format!("não foi possível criar um arquivo temporário em {}", parent.display()))?;
    tmp.write_all(bytes).with_context(|| format!("não foi possível gravar {}", dest.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Temporary files are private (0600); published files are readable like `build`'s.
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .with_context(|| format!("não foi possível ajustar as permissões de {}", dest.display()))?;
    }
    tmp.persist(&dest).map_err(|e| e.error).with_context(|| format!("não foi possível gravar {}", dest.display()))?;
    Ok(())
}

/// [`write`], rewriting the file in place when one of ours is there: its bytes overwritten from
/// the start, then cut to the new length.
///
/// Why: after a template edit the dev loop rewrites every page. A new file per page, renamed
/// over the old one, allocates an inode and frees one per page; on ext4 a rename over a file
/// also starts writing the new data out at once (`auto_da_alloc`), freeing the old blocks may
/// wait for the disk (`discard`), and without a journal every new inode is looked for past
/// all those freed in the last seconds (`recently_deleted`), so the cost grows with the
/// square of the pages: 10,000 renames took 1 to 20 s here, 10,000 rewrites 0.25 s. In place,
/// the blocks are reused and nothing is allocated or freed but a longer page's tail.
///
/// Not atomic on disk: the dev server holds its side of the session's gate while it reads a
/// file (the dev loop holds the other side while it writes), so a tab never gets half a page;
/// a write that fails half-way leaves the file to the next rebuild, which rewrites it (the
/// dev loop forgets its hash). Only a regular file with one link is rewritten (never through
/// a symlink, nor a hard link to a file elsewhere); anything else goes through [`write`].
pub(crate) fn overwrite(out: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let dest = target(out, rel)?;
    let parent = dest.parent().unwrap_or(out);
    real_dirs(out, parent)?;
    match open_in_place(&dest) {
        Some(mut file) => {
            file.write_all(bytes).with_context(|| format!("não foi possível gravar {}", dest.display()))?;
            file.set_len(bytes.len() as u64).with_context(|| format!("não foi possível gravar {}", dest.display()))
        }
        None => write(out, rel, bytes),
    }
}

/// The file at `dest` opened for writing, when it is a regular file with one link (checked on
/// the open file, not followed if a symlink).
#[cfg(target_os = "linux")]
fn open_in_place(dest: &Path) -> Option<std::fs::File> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    // Not followed if a symlink; and never waiting on a FIFO put there (it fails at once
    // without a reader, and the rename path replaces it).
    let flags = (rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK).bits();
    let file = std::fs::OpenOptions::new().write(true).custom_flags(i32::try_from(flags).ok()?).open(dest).ok()?;
    let meta = file.metadata().ok()?;
    (meta.is_file() && meta.nlink() == 1).then_some(file)
}

#[cfg(not(target_os = "linux"))]
fn open_in_place(_: &Path) -> Option<std::fs::File> {
    None
}

/// Makes every folder from `out` down to `dir` a real folder (replacing files or symlinks).
fn real_dirs(out: &Path, dir: &Path) -> Result<()> {
    let rel = dir.strip_prefix(out).unwrap_or(Path::new(""));
    let mut current = out.to_path_buf();
    for component in rel.components() {
        current.push(component);
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.is_dir() => continue,
            Ok(_) => std::fs::remove_file(&current)
                .with_context(|| format!("não foi possível substituir {}", current.display()))?,
            Err(_) => {}
        }
        match std::fs::create_dir(&current) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e).with_context(|| format!("não foi possível criar a pasta {}", current.display())),
        }
    }
    Ok(())
}

/// Deletes `out/rel` and the folders it leaves empty.
pub(crate) fn remove(out: &Path, rel: &str) -> Result<()> {
    let path = target(out, rel)?;
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&path),
        Ok(_) => std::fs::remove_file(&path),
        Err(_) => return Ok(()),
    }
    .with_context(|| format!("não foi possível apagar {}", path.display()))?;
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == out || !d.starts_with(out) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// Every file (and symlink) under `out`, relative with `/`, without following links; not the
/// marker, which is not a file of the site.
pub(crate) fn existing(out: &Path) -> Vec<String> {
    walkdir::WalkDir::new(out)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.depth() > 0 && !e.file_type().is_dir())
        .filter(|e| !(e.depth() == 1 && e.file_name() == crate::output::MARKER))
        .filter_map(|e| e.path().strip_prefix(out).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
        .collect()
}

/// Whether `out/rel` is a regular file holding exactly `bytes` (then it need not be written).
pub(crate) fn same_on_disk(out: &Path, rel: &str, bytes: &[u8]) -> bool {
    let Ok(path) = target(out, rel) else { return false };
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            std::fs::read(&path).is_ok_and(|disk| disk == bytes)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_symlinks_and_prunes() -> Result<()> {
        let tmp = tempfile::tempdir()?;
        let out = tmp.path().join("public");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(&outside)?;
        std::fs::create_dir_all(&out)?;
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, out.join("a"))?;
        write(&out, "a/b/index.html", b"x")?;
        assert_eq!(std::fs::read(out.join("a/b/index.html"))?, b"x");
        assert!(std::fs::read_dir(&outside)?.next().is_none(), "nothing written through the link");
        assert!(!std::fs::symlink_metadata(out.join("a"))?.file_type().is_symlink());
        assert!(same_on_disk(&out, "a/b/index.html", b"x"));
        assert!(!same_on_disk(&out, "a/b/index.html", b"y"));
        assert_eq!(existing(&out), vec!["a/b/index.html".to_string()]);
        remove(&out, "a/b/index.html")?;
        assert!(!out.join("a").exists());
        assert!(out.exists());
        assert!(write(&out, "../x", b"").is_err());
        assert!(write(&out, "/etc/x", b"").is_err());
        Ok(())
    }

    /// A page of ours is rewritten in place (the same file, no new one), longer or shorter; a
    /// symlink or a file with another link is replaced, never written through.
    #[test]
    fn overwrites_in_place_only_a_file_of_ours() -> Result<()> {
        let tmp = tempfile::tempdir()?;
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out)?;
        overwrite(&out, "a/index.html", "primeira versão".as_bytes())?;
        assert_eq!(std::fs::read(out.join("a/index.html"))?, "primeira versão".as_bytes());
        // Opened before: the same file shows the new bytes only when rewritten in place.
        let before = std::fs::File::open(out.join("a/index.html"))?;
        let through = |mut file: &std::fs::File| -> Result<Vec<u8>> {
            use std::io::{Read, Seek};
            file.rewind()?;
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes)?;
            Ok(bytes)
        };
        overwrite(&out, "a/index.html", b"curta")?;
        assert_eq!(std::fs::read(out.join("a/index.html"))?, b"curta");
        overwrite(&out, "a/index.html", b"uma versao bem mais longa que as outras")?;
        assert_eq!(std::fs::read(out.join("a/index.html"))?, b"uma versao bem mais longa que as outras");
        if cfg!(target_os = "linux") {
            assert_eq!(through(&before)?, b"uma versao bem mais longa que as outras", "rewritten in place");
        }
        assert_eq!(existing(&out), vec!["a/index.html".to_string()], "no other file");
        #[cfg(unix)]
        {
            let outside = tmp.path().join("outside.html");
            std::fs::write(&outside, "fora")?;
            std::os::unix::fs::symlink(&outside, out.join("b.html"))?;
            overwrite(&out, "b.html", b"novo")?;
            assert_eq!(std::fs::read(&outside)?, b"fora");
            assert!(std::fs::symlink_metadata(out.join("b.html"))?.is_file());
            std::fs::hard_link(&outside, out.join("c.html"))?;
            overwrite(&out, "c.html", b"novo")?;
            assert_eq!(std::fs::read(&outside)?, b"fora");
            assert_eq!(std::fs::read(out.join("c.html"))?, b"novo");
        }
        Ok(())
    }

    /// A FIFO put where a page of ours was is replaced, not waited on for a reader (that
    /// would stall the dev loop for good).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_fifo_in_place_of_a_page_is_replaced_not_waited_on() -> Result<()> {
        let tmp = tempfile::tempdir()?;
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out)?;
        rustix::fs::mknodat(rustix::fs::CWD, out.join("p.html"), rustix::fs::FileType::Fifo, 0o600.into(), 0)?;
        let (tx, rx) = std::sync::mpsc::channel();
        let dir = out.clone();
        std::thread::spawn(move || {
            let _ = tx.send(overwrite(&dir, "p.html", b"nova").map_err(|e| e.to_string()));
        });
        let done = rx.recv_timeout(std::time::Duration::from_secs(10));
        assert!(matches!(done, Ok(Ok(()))), "{done:?}");
        assert!(std::fs::symlink_metadata(out.join("p.html"))?.is_file());
        assert_eq!(std::fs::read(out.join("p.html"))?, b"nova");
        Ok(())
    }
}
