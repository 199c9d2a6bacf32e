//! Reading a site from disk: `site.yaml`, every file under `content/` and the files of
//! `static/`, in a sorted, deterministic order. The only module (with `output`) that does IO.

pub mod frontmatter;
pub mod yaml;

use crate::diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One text file of the site, normalised: UTF-8, no BOM, `\n` line ends.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators, e.g. `content/avisos/x.md`.
    pub rel_path: PathBuf,
    pub text: String,
}

/// Everything the build reads, before any interpretation.
#[derive(Debug, Default, Clone)]
pub struct SourceSet {
    pub root: PathBuf,
    pub site_yaml: Option<SourceFile>,
    /// `.md`, `.yaml` and `.yml` files under `content/`.
    pub content: Vec<SourceFile>,
    /// Other files under `content/` (images, PDFs beside a page): copied as they are.
    pub content_assets: Vec<PathBuf>,
}

/// Reads the site at `root`. Unreadable or non-UTF-8 files become diagnostics; the set is
/// returned with what could be read so that every problem is reported in one go.
pub fn read_site(root: &Path, diagnostics: &mut Diagnostics) -> SourceSet {
    let mut set = SourceSet { root: root.to_path_buf(), ..SourceSet::default() };
    let site_yaml = root.join("site.yaml");
    if site_yaml.is_file() {
        set.site_yaml = read_text(root, &site_yaml, diagnostics);
    } else {
        diagnostics.push(Diagnostic::error(format!("site.yaml não encontrado em {}", root.display())).with_help(
            "rode o comando na pasta do site, use --root PASTA (a pasta do site é a que contém site.yaml e content/)",
        ));
    }
    let (texts, assets): (Vec<PathBuf>, Vec<PathBuf>) = walk_files(&root.join("content"))
        .into_iter()
        .partition(|path| matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "yaml" | "yml")));
    set.content_assets = assets.iter().map(|path| relative(root, path)).collect();
    // Reading and UTF-8 checking thousands of files is IO-bound: do it on every core, then
    // report in the walk's sorted order.
    let read: Vec<(Option<SourceFile>, Diagnostics)> = texts
        .par_iter()
        .map(|path| {
            let mut local = Diagnostics::new();
            (read_text(root, path, &mut local), local)
        })
        .collect();
    for (file, local) in read {
        set.content.extend(file);
        diagnostics.extend(local);
    }
    set
}

/// Files under `dir`, sorted by name, skipping hidden files and editors' temporary files.
pub fn walk_files(dir: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// Hidden files and the swap/backup files editors write next to the one being saved.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

/// `path` relative to `root`, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads one text file of the site, normalised; problems become located diagnostics.
pub fn read_text(root: &Path, path: &Path, diagnostics: &mut Diagnostics) -> Option<SourceFile> {
    let rel_path = relative(root, path);
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            diagnostics.push(Diagnostic::error(format!("não foi possível ler o arquivo: {err}")).in_file(rel_path));
            return None;
        }
    };
    match normalise(bytes) {
        Ok(text) => Some(SourceFile { rel_path, text }),
        Err(location) => {
            diagnostics.push(
                Diagnostic::error("o arquivo não está em UTF-8")
                    .in_file(rel_path)
                    .at(location)
                    .with_help("salve o arquivo com a codificação UTF-8 (no editor: Salvar como… → UTF-8)"),
            );
            None
        }
    }
}

/// UTF-8 check with the location of the first bad byte, BOM strip, CRLF → LF.
fn normalise(bytes: Vec<u8>) -> Result<String, crate::diagnostics::Location> {
    let text = String::from_utf8(bytes).map_err(|err| {
        let bytes = err.as_bytes();
        let valid = err.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(bytes.get(..valid).unwrap_or_default());
        crate::diagnostics::LineIndex::new(&before).location(&before, before.len())
    })?;
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    Ok(if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_bom_and_crlf() {
        assert_eq!(normalise(b"\xef\xbb\xbfa\r\nb".to_vec()), Ok("a\nb".to_string()));
    }

    #[test]
    fn locates_invalid_utf8() {
        let location = normalise(b"ok\nab\xff".to_vec()).err();
        assert_eq!(location, Some(crate::diagnostics::Location::new(2, 3)));
    }

    #[test]
    fn ignores_editor_temp_files() {
        for name in [".x.md.swp", "x.md~", "#x.md#", ".hidden", "4913"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("pagina.md"));
    }
}
