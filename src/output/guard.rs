//! Which folder `--output` names, and whether secretaria may replace it.
//!
//! The path is resolved as the kernel would (relative to the current folder, symlinks
//! followed, `..` taken after the link it follows); a missing tail is appended as written.
//! Folders are then compared both by path and by identity (device and inode, through
//! `same-file`), so that another spelling of a folder (a symlink, a different case on a
//! case-insensitive filesystem) cannot slip through.
//!
//! Refused, with a message naming the folder and a hint: the site root, a folder that contains
//! it, a folder inside `content/`, `themes/` or `static/`, the folder of another site, a file,
//! a link to nothing, and a folder that is not empty and lacks the [`MARKER`](super::MARKER).
//! An empty or missing folder is accepted.

use crate::diagnostics::{Code, Diagnostic};
use std::ffi::OsString;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

/// The site folders whose files are the editor's, never an output.
pub(crate) const SOURCE_DIRS: [&str; 3] = ["content", "themes", "static"];

/// A resolved output folder that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutputDir {
    /// Canonical (a missing tail appended as given).
    pub path: PathBuf,
    /// The folder that holds it, where the lock and the staging folders live.
    pub parent: PathBuf,
    /// Its name in `parent`.
    pub name: OsString,
}

/// Resolves `output` and checks that it may be replaced by an output of the site at `root`.
pub(crate) fn check(root: &Path, output: &Path) -> Result<OutputDir, Diagnostic> {
    let root = std::fs::canonicalize(root).map_err(|err| {
        Diagnostic::new(
            Code::OutputRefused,
            format!("a pasta do site {} não pode ser usada: {}", root.display(), describe(&err)),
        )
        .with_help("confira o caminho dado em --root")
    })?;
    if output.as_os_str().is_empty() {
        return Err(Diagnostic::new(Code::OutputRefused, "a pasta de saída está vazia em --output")
            .with_help("dê o caminho de uma pasta, por exemplo: --output public"));
    }
    let path = resolve(output)?;
    let refuse = |reason: String, help: &str| refused(&path, &reason, help);
    let meta = std::fs::metadata(&path);
    let exists = meta.is_ok();
    const KEEP_APART: &str = "o build apaga e recria a pasta de saída inteira; use uma pasta só para o site \
                              gerado, por exemplo --output public (o padrão)";
    if exists && same(&path, &root) {
        return refuse("é a pasta do site".into(), KEEP_APART);
    }
    if exists && (root.starts_with(&path) || root.ancestors().any(|a| same(a, &path))) {
        return refuse(format!("contém a pasta do site ({})", root.display()), KEEP_APART);
    }
    if path.file_name().is_none() {
        return refuse("é a raiz de um disco".into(), KEEP_APART);
    }
    for name in SOURCE_DIRS {
        let source = root.join(name);
        let inside = path.starts_with(&source)
            || (source.exists() && path.ancestors().filter(|a| a.exists()).any(|a| same(a, &source)));
        if inside {
            return refuse(
                format!("fica dentro de {name}/, onde estão os arquivos do site"),
                "a pasta de saída é apagada e recriada a cada geração; escolha uma pasta fora de content/, \
                 themes/ e static/, por exemplo --output public (o padrão)",
            );
        }
    }
    let Ok(meta) = meta else {
        return Ok(split(&path));
    };
    if !meta.is_dir() {
        return refuse(
            "é um arquivo, não uma pasta".into(),
            "escolha uma pasta com --output, por exemplo --output public; o arquivo não foi alterado",
        );
    }
    if ["site.yaml", "content"].iter().any(|n| std::fs::symlink_metadata(path.join(n)).is_ok()) {
        return refuse(
            "parece ser a pasta de um site (tem site.yaml ou content/)".into(),
            "a pasta de saída é apagada e recriada a cada geração; escolha uma pasta só para o site gerado",
        );
    }
    if super::is_marked(&path) || super::is_empty_dir(&path) {
        return Ok(split(&path));
    }
    let file = |n: &str| std::fs::symlink_metadata(path.join(n)).is_ok_and(|m| m.is_file());
    if file("index.html") && file("404.html") {
        // What an earlier secretaria, which did not mark its folders, left behind.
        let fix = format!(
            "confira que nada ali precisa ser guardado, apague a pasta (por exemplo: rm -r '{}') e rode de \
             novo; daí em diante o secretaria a reconhece pelo arquivo {}",
            path.display(),
            super::MARKER
        );
        return refuse(
            "parece ter sido gerada por uma versão anterior do secretaria, que não marcava suas pastas".into(),
            &fix,
        );
    }
    refuse(
        "já existe, não está vazia e não foi criada pelo secretaria".into(),
        &format!(
            "o secretaria só substitui pastas que ele mesmo criou (elas têm o arquivo {}); escolha uma pasta \
             nova ou vazia com --output, ou tire os arquivos desta pasta",
            super::MARKER
        ),
    )
}

/// The path as the kernel resolves it: relative to the current folder, each existing prefix
/// made canonical (symlinks followed) before the next component, a missing tail appended.
fn resolve(output: &Path) -> Result<PathBuf, Diagnostic> {
    let absolute = std::path::absolute(output).map_err(|err| unusable(output, &err))?;
    let mut path = PathBuf::new();
    let mut missing = false;
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => path.push(component),
            Component::CurDir => {}
            // `path` is canonical (or a canonical prefix plus missing plain names), so its
            // lexical parent is the real one.
            Component::ParentDir => {
                path.pop();
                missing = std::fs::symlink_metadata(&path).is_err();
            }
            Component::Normal(name) => {
                path.push(name);
                if missing {
                    continue;
                }
                match std::fs::canonicalize(&path) {
                    Ok(real) => path = real,
                    Err(err) if err.kind() == ErrorKind::NotFound => {
                        if let Ok(target) = std::fs::read_link(&path) {
                            return Err(Diagnostic::new(
                                Code::OutputRefused,
                                format!(
                                    "a pasta de saída {} é um atalho (link simbólico) para {}, que não existe",
                                    path.display(),
                                    target.display()
                                ),
                            )
                            .with_help("crie a pasta de destino ou dê em --output uma pasta que exista"));
                        }
                        missing = true;
                    }
                    Err(err) => return Err(unusable(&path, &err)),
                }
            }
        }
    }
    Ok(path)
}

fn unusable(path: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        Code::OutputRefused,
        format!("a pasta de saída {} não pode ser usada: {}", path.display(), describe(err)),
    )
    .with_help("confira o caminho dado em --output")
}

/// An OS error in Portuguese where we know it.
fn describe(err: &std::io::Error) -> String {
    match err.kind() {
        ErrorKind::NotFound => "não existe".into(),
        ErrorKind::PermissionDenied => "sem permissão".into(),
        ErrorKind::NotADirectory => "um dos nomes do caminho é um arquivo, não uma pasta".into(),
        _ => err.to_string(),
    }
}

/// Whether two paths name the same folder (by identity; false when either cannot be opened).
fn same(a: &Path, b: &Path) -> bool {
    a == b || same_file::is_same_file(a, b).unwrap_or(false)
}

fn refused(path: &Path, reason: &str, help: &str) -> Result<OutputDir, Diagnostic> {
    Err(Diagnostic::new(Code::OutputRefused, format!("a pasta de saída {} {reason}", path.display())).with_help(help))
}

fn split(path: &Path) -> OutputDir {
    let parent = path.parent().map_or_else(|| path.to_path_buf(), Path::to_path_buf);
    let name = path.file_name().map(OsString::from).unwrap_or_default();
    OutputDir { path: path.to_path_buf(), parent, name }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> std::io::Result<(tempfile::TempDir, PathBuf)> {
        let tmp = tempfile::tempdir()?;
        let root = std::fs::canonicalize(tmp.path())?.join("site");
        std::fs::create_dir_all(root.join("content/paginas"))?;
        std::fs::write(root.join("site.yaml"), "titulo: x\n")?;
        Ok((tmp, root))
    }

    fn message(result: Result<OutputDir, Diagnostic>) -> String {
        result.err().map(|d| d.message).unwrap_or_default()
    }

    #[test]
    fn resolves_dot_dot_after_links_and_keeps_a_missing_tail() -> std::io::Result<()> {
        let (_tmp, root) = site()?;
        let top = root.parent().map(Path::to_path_buf).unwrap_or_default();
        assert_eq!(check(&root, &root.join("public")).map(|d| d.path).ok(), Some(root.join("public")));
        assert_eq!(check(&root, &root.join("a/b/../public")).map(|d| d.path).ok(), Some(root.join("a/public")));
        assert_eq!(check(&root, &root.join("content/../public")).map(|d| d.name).ok(), Some("public".into()));
        #[cfg(unix)]
        {
            // `link/..` is the parent of where the link leads, not the folder holding the link.
            std::fs::create_dir_all(top.join("longe/dentro"))?;
            std::os::unix::fs::symlink(top.join("longe/dentro"), root.join("atalho"))?;
            let dir = check(&root, &root.join("atalho/../saida")).map_err(|d| std::io::Error::other(d.message))?;
            assert_eq!(dir.path, top.join("longe/saida"));
            assert!(message(check(&root, &root.join("atalho/../../site/content"))).contains("fica dentro de content/"));
            // Back from a missing folder, links are followed again.
            let dir = check(&root, &root.join("nada/../atalho/saida")).map_err(|d| std::io::Error::other(d.message))?;
            assert_eq!(dir.path, top.join("longe/dentro/saida"));
        }
        Ok(())
    }

    #[test]
    fn refuses_the_site_its_sources_and_what_contains_them() -> std::io::Result<()> {
        let (_tmp, root) = site()?;
        assert!(message(check(&root, &root)).ends_with("é a pasta do site"));
        assert!(message(check(&root, &root.join(".."))).contains("contém a pasta do site"));
        assert!(message(check(&root, Path::new("/"))).contains("contém a pasta do site"));
        for inside in ["content", "content/paginas/x", "themes/x", "static"] {
            assert!(message(check(&root, &root.join(inside))).contains("fica dentro de"), "{inside}");
        }
        assert!(message(check(&root, &root.join("site.yaml"))).contains("é um arquivo"));
        assert!(message(check(&root, Path::new(""))).contains("vazia"));
        Ok(())
    }

    #[test]
    fn accepts_missing_empty_and_marked_folders_only() -> std::io::Result<()> {
        let (_tmp, root) = site()?;
        let out = root.join("public");
        assert!(check(&root, &out).is_ok());
        std::fs::create_dir_all(&out)?;
        assert!(check(&root, &out).is_ok(), "empty");
        std::fs::write(out.join("notas.txt"), "minhas notas")?;
        assert!(message(check(&root, &out)).contains("não foi criada pelo secretaria"));
        super::super::write_marker(&out)?;
        assert!(check(&root, &out).is_ok(), "marked");
        Ok(())
    }
}
