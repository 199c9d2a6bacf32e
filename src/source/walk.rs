//! Walking a folder of the site in a stable order, keeping what could not be walked: an
//! unreadable folder is an error to report, never a section that silently vanishes.

use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a walk found.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// Regular files, sorted by path.
    pub files: Vec<PathBuf>,
    /// Entries that are neither files nor folders (links, sockets…): never published.
    pub others: Vec<PathBuf>,
    /// Folders or files that could not be read, with why.
    pub errors: Vec<(PathBuf, std::io::Error)>,
}

/// Everything under `dir`, sorted by name, skipping hidden files and editors' temporary files.
/// Symbolic links are not followed: a link could publish a file from outside the site.
pub(crate) fn walk(dir: &Path) -> Walk {
    let mut found = Walk::default();
    if !dir.is_dir() {
        return found;
    }
    let entries = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in entries {
        match entry {
            Ok(e) if e.file_type().is_file() => found.files.push(e.into_path()),
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => found.others.push(e.into_path()),
            Err(err) => {
                let path = err.path().map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let io = err.into_io_error().unwrap_or_else(|| std::io::Error::other("ciclo de atalhos"));
                found.errors.push((path, io));
            }
        }
    }
    found
}

/// Hidden files and the swap/backup files editors write next to the one being saved.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

/// Why an entry could not be read, in Portuguese.
pub(super) fn io_pt(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::PermissionDenied => "sem permissão de leitura".into(),
        ErrorKind::NotFound => "sumiu durante a leitura".into(),
        ErrorKind::InvalidFilename => "nome longo demais ou inválido".into(),
        ErrorKind::IsADirectory => "é uma pasta".into(),
        ErrorKind::ResourceBusy | ErrorKind::WouldBlock => "está em uso por outro programa".into(),
        _ => match err.raw_os_error() {
            Some(code) => format!("erro do sistema nº {code}"),
            None => "erro do sistema".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_temp_files() {
        for name in [".x.md.swp", "x.md~", "#x.md#", ".hidden", "4913"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("pagina.md"));
    }

    #[test]
    #[cfg(unix)]
    fn links_are_listed_apart_and_not_followed() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("a.md"), "x")?;
        std::os::unix::fs::symlink("/etc/hostname", dir.path().join("b.md"))?;
        let found = walk(dir.path());
        assert_eq!(found.files, vec![dir.path().join("a.md")]);
        assert_eq!(found.others, vec![dir.path().join("b.md")]);
        assert!(found.errors.is_empty());
        Ok(())
    }
}
