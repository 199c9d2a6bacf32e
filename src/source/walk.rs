//! Walking a folder of the site in a stable order, keeping what could not be walked: an
//! unreadable folder is an error to report, never a section that silently vanishes.

use rayon::slice::ParallelSliceMut as _;
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

/// Everything under `dir`, sorted by path, skipping hidden files and editors' temporary files.
/// Symbolic links are not followed: a link could publish a file from outside the site.
///
/// The walk itself is unsorted and each list is sorted once at the end with [`path_order`]:
/// walkdir's sorted walk asks every entry for its file name on each comparison, parsing the
/// path from its end every time (three walks of a 10,000-page site per build, about 2% of it).
pub(crate) fn walk(dir: &Path) -> Walk {
    let mut found = Walk::default();
    if !dir.is_dir() {
        return found;
    }
    let entries = WalkDir::new(dir)
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
    // A site's files are many: both cores sort them.
    found.files.par_sort_unstable_by(|a, b| path_order(a, b));
    found.others.sort_unstable_by(|a, b| path_order(a, b));
    found.errors.sort_by(|a, b| path_order(&a.0, &b.0));
    found
}

/// The order of a walk sorted by name (a folder's entries by name, each folder's contents
/// right after it), for paths joined by the walk, compared as bytes: a separator sorts below
/// every other byte, so `a/b` comes before `a-b` and `a.md`, as the entries `a` (a folder),
/// `a-b` and `a.md` sort by name. Equal to comparing the paths component by component
/// (`Path`'s own order) without parsing them.
pub(crate) fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    separated_order(a.as_os_str().as_encoded_bytes(), b.as_os_str().as_encoded_bytes(), |c| {
        std::path::is_separator(char::from(c))
    })
}

/// [`path_order`] for paths written with `/` (the output's files): the order of their
/// `/`-separated parts compared one by one, without splitting them.
pub(crate) fn slash_order(a: &str, b: &str) -> std::cmp::Ordering {
    separated_order(a.as_bytes(), b.as_bytes(), |c| c == b'/')
}

/// `a` and `b` compared as bytes, with the bytes `separator` accepts below every other.
fn separated_order(a: &[u8], b: &[u8], separator: impl Fn(u8) -> bool) -> std::cmp::Ordering {
    let common = common_prefix(a, b);
    let rank = |byte: Option<&u8>| match byte {
        None => 0u16,
        Some(&c) if separator(c) => 1,
        Some(&c) => 2 + u16::from(c),
    };
    rank(a.get(common)).cmp(&rank(b.get(common)))
}

/// How many bytes `a` and `b` share at their start, compared eight at a time: the paths of
/// a walk share the site's folder, so a sort compares that prefix on every comparison.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let mut at = 0;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        let x = u64::from_le_bytes(x.try_into().unwrap_or_default());
        let y = u64::from_le_bytes(y.try_into().unwrap_or_default());
        if x != y {
            // The lowest differing byte of the little-endian words is the first one.
            return at + ((x ^ y).trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let rest = a.get(at..).unwrap_or_default().iter().zip(b.get(at..).unwrap_or_default());
    at + rest.take_while(|(x, y)| x == y).count()
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

    /// The byte order with the separator lowest is `Path`'s component order, on names that
    /// share prefixes with every byte around the separator's.
    #[test]
    fn path_order_is_the_component_order() {
        let names = ["a", "a-b", "a.md", "a0", "aa", "b", "A", "é", "a b", "_index.md", "-"];
        let mut paths: Vec<PathBuf> = Vec::new();
        for x in names {
            paths.push(PathBuf::from(format!("/site/content/{x}")));
            for y in names {
                paths.push(PathBuf::from(format!("/site/content/{x}/{y}")));
                paths.push(PathBuf::from(format!("/site/content/{x}/{y}/{x}")));
            }
        }
        let mut by_components = paths.clone();
        by_components.sort();
        let mut by_bytes = paths;
        by_bytes.sort_by(|a, b| path_order(a, b));
        assert_eq!(by_bytes, by_components);
    }

    /// The common prefix found eight bytes at a time is the one found byte by byte, wherever
    /// the first difference falls and whatever the lengths.
    #[test]
    fn the_common_prefix_is_found_at_any_place() {
        let base: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for len in 0..base.len() {
            let a = &base[..len];
            for other_len in 0..base.len() {
                assert_eq!(common_prefix(a, &base[..other_len]), len.min(other_len));
            }
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert_eq!(common_prefix(a, &b), at, "{len} {at}");
                assert_eq!(common_prefix(&b, a), at, "{len} {at}");
            }
        }
    }

    /// The byte order with `/` lowest is the order of the `/`-separated parts compared one
    /// by one (empty parts included), on the names of the test above.
    #[test]
    fn slash_order_is_the_order_of_the_parts() {
        let names = ["a", "a-b", "a.md", "a0", "aa", "b", "A", "é", "a b", "_index.md", "-", ""];
        let mut paths: Vec<String> = Vec::new();
        for x in names {
            paths.push(x.to_string());
            for y in names {
                paths.push(format!("{x}/{y}"));
                paths.push(format!("{x}/{y}/{x}"));
            }
        }
        let mut by_parts = paths.clone();
        by_parts.sort_by(|a, b| a.split('/').cmp(b.split('/')));
        let mut by_bytes = paths;
        by_bytes.sort_by(|a, b| slash_order(a, b));
        assert_eq!(by_bytes, by_parts);
    }

    /// The walk lists a folder's contents right after it and before names that extend its
    /// own, as a walk sorted by name does.
    #[test]
    fn the_walk_is_sorted_as_a_walk_by_name() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        for file in ["a.md", "a/z.md", "a/b/c.md", "a-b/x.md", "b.md", "a0.md", "A.md"] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap_or(dir.path()))?;
            std::fs::write(path, "x")?;
        }
        let by_name: Vec<PathBuf> = WalkDir::new(dir.path())
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect();
        assert_eq!(walk(dir.path()).files, by_name);
        assert_eq!(by_name.len(), 7);
        Ok(())
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
