//! Walking a folder of the site in a stable order, keeping what could not be walked: an
//! unreadable folder is an error to report, never a section that silently vanishes.

use rayon::prelude::*;
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
///
/// The folders directly under `dir` (a site's sections, a thousand files each in a large site)
/// are walked in parallel, each on its own, and the parts joined in the order of `dir`'s
/// entries: the lists come out exactly as one walk in name order gives them.
pub(crate) fn walk(dir: &Path) -> Walk {
    if !dir.is_dir() {
        return Walk::default();
    }
    // `dir`'s own entries, in name order; a folder among them is walked as a part of its own.
    let parts: Vec<Result<walkdir::DirEntry, walkdir::Error>> =
        entries(WalkDir::new(dir).min_depth(1).max_depth(1)).collect();
    let parts: Vec<Walk> = parts
        .into_par_iter()
        .map(|entry| match entry {
            Ok(e) if e.file_type().is_dir() => walk_serial(e.path()),
            entry => {
                let mut part = Walk::default();
                part.add(dir, entry);
                part
            }
        })
        .collect();
    let mut found = Walk::default();
    for part in parts {
        found.files.extend(part.files);
        found.others.extend(part.others);
        found.errors.extend(part.errors);
    }
    // `dir` itself could not be read: walkdir reports it as its first entry (depth 0).
    if found.files.is_empty() && found.others.is_empty() && found.errors.is_empty() {
        if let Err(err) = std::fs::read_dir(dir) {
            found.errors.push((dir.to_path_buf(), err));
        }
    }
    found
}

/// The walk of `dir` (a folder already found to be one, its name already checked), on this thread.
fn walk_serial(dir: &Path) -> Walk {
    let mut found = Walk::default();
    for entry in entries(WalkDir::new(dir)) {
        found.add(dir, entry);
    }
    found
}

/// The entries of `walk` in name order, without hidden or temporary files.
fn entries(walk: WalkDir) -> walkdir::FilterEntry<walkdir::IntoIter, impl FnMut(&walkdir::DirEntry) -> bool> {
    walk.sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()))
}

impl Walk {
    /// One entry of a walk of `dir`, where it belongs.
    fn add(&mut self, dir: &Path, entry: Result<walkdir::DirEntry, walkdir::Error>) {
        match entry {
            Ok(e) if e.file_type().is_file() => self.files.push(e.into_path()),
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => self.others.push(e.into_path()),
            Err(err) => {
                let path = err.path().map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let io = err.into_io_error().unwrap_or_else(|| std::io::Error::other("ciclo de atalhos"));
                self.errors.push((path, io));
            }
        }
    }
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

    /// The walk in parts gives the lists one walk in name order gives: files beside folders,
    /// nested folders, hidden and temporary names skipped at every depth, links apart, and an
    /// unreadable folder reported where it is.
    #[test]
    #[cfg(unix)]
    fn the_walk_in_parts_is_the_walk_in_one() -> std::io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        for file in
            ["a.md", "b/x.md", "b/c/y.md", "b-c.md", "b.d/z.md", "d/.oculto.md", "d/w.md~", "e.md", "f/g/h/i.md"]
        {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap_or(root))?;
            std::fs::write(path, "x")?;
        }
        std::fs::create_dir_all(root.join(".git/objects"))?;
        std::fs::write(root.join(".git/objects/o"), "x")?;
        std::os::unix::fs::symlink("/etc", root.join("c"))?;
        std::os::unix::fs::symlink("/etc/hostname", root.join("b/link.md"))?;
        std::fs::create_dir_all(root.join("locked/sub"))?;
        std::fs::set_permissions(root.join("locked"), std::fs::Permissions::from_mode(0o000))?;
        let mut one = Walk::default();
        for entry in entries(WalkDir::new(root)) {
            one.add(root, entry);
        }
        let parts = walk(root);
        std::fs::set_permissions(root.join("locked"), std::fs::Permissions::from_mode(0o755))?;
        assert_eq!(parts.files, one.files);
        assert_eq!(parts.others, one.others);
        let errors = |w: &Walk| w.errors.iter().map(|(p, e)| (p.clone(), e.kind())).collect::<Vec<_>>();
        assert_eq!(errors(&parts), errors(&one));
        let names: Vec<_> = parts.files.iter().map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf()).collect();
        let expected = ["a.md", "b/c/y.md", "b/x.md", "b-c.md", "b.d/z.md", "e.md", "f/g/h/i.md"];
        assert_eq!(names, expected.iter().map(std::path::PathBuf::from).collect::<Vec<_>>());
        Ok(())
    }
}
