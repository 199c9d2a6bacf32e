//! The one writer of `secretaria importar`: puts a draft's files into the destination folder
//! and never overwrites or deletes a file it did not write. Every target is checked first (any
//! existing file or link at a target path is a conflict and nothing is written); each file is
//! then created with `create_new`, so a file that appears meanwhile is not replaced either.

use crate::import::files::DraftFile;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Why a draft was not written.
#[derive(Debug)]
pub(crate) enum DraftError {
    /// These paths (relative to the destination) already exist: nothing was written.
    Conflicts(Vec<String>),
    /// The destination or a file could not be written; `written` were created and then
    /// removed again (they were this run's own).
    Io { path: PathBuf, error: std::io::Error },
}

/// A draft path is relative and only goes down (the importer makes them; checked anyway).
fn safe(rel: &str) -> bool {
    let path = Path::new(rel);
    !rel.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Writes the files under `dest` (created if missing). Returns the paths written.
pub(crate) fn write_draft(dest: &Path, files: &[DraftFile]) -> Result<Vec<PathBuf>, DraftError> {
    let mut conflicts = Vec::new();
    for file in files {
        let target = dest.join(&file.path);
        if !safe(&file.path) || fs::symlink_metadata(&target).is_ok() {
            conflicts.push(file.path.clone());
        }
    }
    if !conflicts.is_empty() {
        return Err(DraftError::Conflicts(conflicts));
    }
    let mut written: Vec<PathBuf> = Vec::new();
    for file in files {
        let target = dest.join(&file.path);
        let result = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::OpenOptions::new().write(true).create_new(true).open(&target))
            .and_then(|mut f| f.write_all(file.text.as_bytes()).and_then(|()| f.sync_all()));
        match result {
            Ok(()) => written.push(target),
            Err(error) => {
                // Only the files this run created are removed; a file that appeared meanwhile
                // (AlreadyExists) is someone else's and stays.
                let ours_failed_midway = error.kind() != std::io::ErrorKind::AlreadyExists && target.exists();
                if ours_failed_midway {
                    let _ = fs::remove_file(&target);
                }
                for path in &written {
                    let _ = fs::remove_file(path);
                }
                return Err(DraftError::Io { path: target, error });
            }
        }
    }
    Ok(written)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn file(path: &str) -> DraftFile {
        DraftFile { path: path.into(), text: "x\n".into() }
    }

    #[test]
    fn existing_files_are_conflicts_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        fs::write(dir.path().join("content/secretaria.yaml"), "nome: Minha\n").unwrap();
        let err = write_draft(dir.path(), &[file("site.yaml"), file("content/secretaria.yaml")]).unwrap_err();
        assert!(matches!(err, DraftError::Conflicts(ref c) if c == &["content/secretaria.yaml"]), "{err:?}");
        assert!(!dir.path().join("site.yaml").exists());
        assert_eq!(fs::read_to_string(dir.path().join("content/secretaria.yaml")).unwrap(), "nome: Minha\n");
    }

    #[test]
    fn paths_that_leave_the_destination_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_draft(dir.path(), &[file("../fora.yaml")]).is_err());
        assert!(write_draft(dir.path(), &[file("/etc/x")]).is_err());
    }

    #[test]
    fn files_are_written_in_new_folders() {
        let dir = tempfile::tempdir().unwrap();
        let written = write_draft(&dir.path().join("novo"), &[file("content/avisos/a.md")]).unwrap();
        assert_eq!(written.len(), 1);
        assert_eq!(fs::read_to_string(dir.path().join("novo/content/avisos/a.md")).unwrap(), "x\n");
    }
}
