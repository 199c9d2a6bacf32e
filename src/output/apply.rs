//! Writing the dev loop's changes into the output folder in place (`serve`, `watch`), file by
//! file: each file goes to a temporary file in its own folder and is renamed over the old one,
//! so the server never hands out half a page. Files that are gone are deleted. Nothing here
//! creates a symlink or writes through one: a symlink found where a folder or file of ours
//! belongs is replaced. Every path goes through [`super::checked`], as `build`'s do.

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
}
