//! Atomic publishing: the whole site is written into a fresh folder beside the output folder
//! and swapped in only when every file is written. A failed build leaves the previous output
//! byte for byte as it was.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// A folder being filled; becomes the output on [`Staging::commit`], vanishes if dropped.
pub struct Staging {
    dir: Option<tempfile::TempDir>,
    target: PathBuf,
}

impl Staging {
    /// Creates `.NAME.tmp-XXXX` next to `target` (same filesystem, so the swap is a rename).
    pub fn new(target: &Path) -> Result<Self> {
        let parent = parent_of(target);
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("não foi possível criar a pasta {}", parent.display()))?;
        let name = target.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.tmp-"))
            .tempdir_in(&parent)
            .with_context(|| format!("não foi possível criar uma pasta temporária em {}", parent.display()))?;
        Ok(Staging { dir: Some(dir), target: target.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        self.dir.as_ref().map_or(self.target.as_path(), |d| d.path())
    }

    /// Writes one file (relative path with `/`), creating its folders.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        write_under(self.path(), rel, bytes)
    }

    /// Creates the folders of all these files up front, once each and in order, so that the
    /// parallel writers that follow do one `open` per file and no `mkdir` probing.
    pub fn prepare_dirs<'a>(&self, files: impl Iterator<Item = &'a str>) -> Result<()> {
        let dirs: std::collections::BTreeSet<&str> =
            files.filter_map(|f| f.rsplit_once('/').map(|(dir, _)| dir)).collect();
        for dir in dirs {
            let path = self.path().join(dir);
            match std::fs::create_dir(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(_) => std::fs::create_dir_all(&path)
                    .with_context(|| format!("não foi possível criar a pasta {}", path.display()))?,
            }
        }
        Ok(())
    }

    /// Swaps the staged folder in place of the target; the old output is removed afterwards.
    pub fn commit(mut self) -> Result<()> {
        let Some(dir) = self.dir.take() else { return Ok(()) };
        let staged = dir.keep();
        let parent = parent_of(&self.target);
        let old = if self.target.exists() {
            let old = tempfile::Builder::new()
                .prefix(".public.old-")
                .tempdir_in(&parent)
                .context("não foi possível preparar a troca da pasta de saída")?
                .keep();
            std::fs::remove_dir(&old).ok();
            std::fs::rename(&self.target, &old)
                .with_context(|| format!("não foi possível mover {} para a troca", self.target.display()))?;
            Some(old)
        } else {
            None
        };
        if let Err(err) = std::fs::rename(&staged, &self.target) {
            // Put the previous output back before reporting.
            if let Some(old) = &old {
                std::fs::rename(old, &self.target).ok();
            }
            std::fs::remove_dir_all(&staged).ok();
            return Err(err).with_context(|| format!("não foi possível publicar em {}", self.target.display()));
        }
        if let Some(old) = old {
            std::fs::remove_dir_all(&old).ok();
        }
        Ok(())
    }
}

fn parent_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` at `base/rel`, refusing paths that would leave `base`.
pub fn write_under(base: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let rel_path = Path::new(rel);
    if rel_path.components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
        anyhow::bail!("caminho de saída inválido: {rel}");
    }
    let path = base.join(rel_path);
    match std::fs::write(&path, bytes) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("não foi possível criar a pasta {}", dir.display()))?;
            }
            std::fs::write(&path, bytes)
        }
        other => other,
    }
    .with_context(|| format!("não foi possível gravar {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_discards() -> Result<()> {
        let tmp = tempfile::tempdir()?;
        let target = tmp.path().join("public");
        write_under(&target, "old.html", b"old")?;
        {
            let staging = Staging::new(&target)?;
            staging.write("new.html", b"new")?;
            // dropped without commit
        }
        assert!(target.join("old.html").exists());
        let staging = Staging::new(&target)?;
        staging.write("a/index.html", b"new")?;
        staging.commit()?;
        assert!(!target.join("old.html").exists());
        assert_eq!(std::fs::read(target.join("a/index.html"))?, b"new");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path())?.filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
        Ok(())
    }

    #[test]
    fn refuses_paths_outside_the_folder() {
        let tmp = tempfile::tempdir().map_err(anyhow::Error::from);
        if let Ok(tmp) = tmp {
            assert!(write_under(tmp.path(), "../x", b"").is_err());
            assert!(write_under(tmp.path(), "/etc/x", b"").is_err());
        }
    }
}
