//! Reading the site's own theme, `themes/NAME/`: its templates (text) and its static files
//! (bytes), which override the embedded default theme file by file. Compiling them is
//! `render::theme`'s job, from memory.

use super::{relative, walk_files};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files of `themes/NAME/`, as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ThemeSource {
    /// The theme `site.yaml` names (`default` when it names none).
    pub name: String,
    /// `themes/NAME/` does not exist and NAME is not `default` (reported in `problems`).
    pub missing: bool,
    /// Template name (`page.html`) → (path from the site root, text).
    pub templates: BTreeMap<String, (PathBuf, String)>,
    /// Output path (`static/css/site.css`) → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// What could not be read.
    pub problems: Diagnostics,
}

/// Reads `root/themes/NAME/`. A folder that does not exist is simply no override for the
/// default theme; for another name it is an error.
pub(crate) fn read_theme(root: &Path, name: &str) -> ThemeSource {
    let mut theme = ThemeSource { name: name.to_string(), ..ThemeSource::default() };
    let dir = root.join("themes").join(name);
    if name != "default" && !dir.is_dir() {
        theme.missing = true;
        theme.problems.push(
            Diagnostic::new(Code::ThemeMissing, format!("tema não encontrado: themes/{name}"))
                .in_file("site.yaml")
                .with_help(
                "crie a pasta themes/NOME com os modelos que quer trocar, ou apague a linha `tema` para usar o padrão",
            ),
        );
        return theme;
    }
    let templates_dir = dir.join("templates");
    for path in walk_files(&templates_dir) {
        let name = relative(&templates_dir, &path).to_string_lossy().replace('\\', "/");
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                theme.templates.insert(name, (relative(root, &path), text));
            }
            Err(err) => theme.problems.push(
                Diagnostic::new(Code::Unreadable, format!("não foi possível ler o modelo: {err}"))
                    .in_file(relative(root, &path)),
            ),
        }
    }
    let static_dir = dir.join("static");
    for path in walk_files(&static_dir) {
        let rel = format!("static/{}", relative(&static_dir, &path).to_string_lossy().replace('\\', "/"));
        match std::fs::read(&path) {
            Ok(bytes) => {
                theme.statics.insert(rel, bytes);
            }
            Err(err) => theme.problems.push(
                Diagnostic::new(Code::Unreadable, format!("não foi possível ler o arquivo: {err}"))
                    .in_file(relative(root, &path)),
            ),
        }
    }
    theme
}
