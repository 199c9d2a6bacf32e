//! Writing the site, and the one rule that guards every write: an output folder is replaced
//! only when it is provably an output of secretaria.
//!
//! - [`guard`] resolves `--output` (symlinks, `..`, the current folder) and refuses folders
//!   that hold or lie inside the site's sources, files, and folders that are not ours;
//! - [`lock`] serialises the commands that write one output folder;
//! - [`claim`] is the single entry point `build`, `serve` and `watch` use: check, lock, check
//!   again, clean the staging leftovers of killed builds;
//! - [`publish`] writes a build into a staging folder and [`swap`]s it in;
//! - [`apply`] writes the dev loop's changes into the output folder in place;
//! - [`cache`] keeps the build cache's file beside the output folder, and stamps the output;
//! - [`minify`] minifies HTML;
//! - [`draft`] writes the drafts of `importar`, never over an existing file.
//!
//! Every output folder carries the [`MARKER`] file; it is what "ours" means. Every file
//! written goes through [`checked`], the one check of an output path.

pub(crate) mod apply;
pub(crate) mod cache;
pub(crate) mod draft;
pub(crate) mod guard;
pub(crate) mod lock;
pub mod minify;
pub(crate) mod planned;
pub(crate) mod publish;
mod swap;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use guard::OutputDir;
use lock::OutputLock;
pub(crate) use lock::Writer;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The file that marks a folder as an output of secretaria, at the top of every output.
/// It is not a page of the site: anything that lists the output (a checksum manifest, the
/// sitemap, a dev-loop sync) must skip it.
pub(crate) const MARKER: &str = ".secretaria";

/// What the marker holds. The first line is the signature that [`is_marked`] checks; the text
/// is the same on every machine, so that the output stays reproducible, and it says nothing
/// about the machine, because the marker is published with the site.
const MARKER_TEXT: &str = "secretaria: pasta de saída\n\
\n\
Esta pasta foi gerada pelo secretaria e é apagada e recriada inteira a cada\n\
`secretaria build`. Não guarde nada aqui: seria apagado.\n\
\n\
Este arquivo é a marca que permite ao secretaria substituir a pasta; sem ele, o\n\
secretaria se recusa a tocar nela.\n";

/// Why an output folder could not be used or replaced. Nothing but an output of secretaria is
/// ever deleted; `state` says what became of the output folder.
#[derive(Debug, Clone)]
pub struct OutputError {
    pub diagnostic: Diagnostic,
    pub state: OutputState,
}

/// Where the output folder is after an [`OutputError`], for the last line of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputState {
    /// Refused, busy or unreachable before anything was written: nothing written or deleted.
    Untouched,
    /// Publishing failed; the previous output is exactly where and as it was.
    Intact,
    /// The swap failed half-way and could not be undone: the output folder is missing and the
    /// diagnostic says where the previous output is.
    Displaced,
}

impl OutputError {
    pub(crate) fn untouched(diagnostic: Diagnostic) -> Self {
        OutputError { diagnostic, state: OutputState::Untouched }
    }
}

/// Where rendered and copied files go: a staging folder (`build`), the dev loop's collector
/// (`serve`, `watch`) or what `check` inspects. Called from several threads at once.
pub(crate) trait Sink: Sync {
    /// One finished file, by its path relative to the output folder (with `/`).
    fn put(&self, file: &str, bytes: Vec<u8>) -> anyhow::Result<()>;
}

/// `base/rel` for an output file: `rel` may hold plain names only (no `..`, no root, no
/// prefix, not empty) and may not be the [`MARKER`]. The one check every writer runs.
pub(crate) fn checked(base: &Path, rel: &str) -> anyhow::Result<PathBuf> {
    let rel_path = Path::new(rel);
    if rel.is_empty() || rel == MARKER || rel_path.components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
        anyhow::bail!("caminho de saída inválido: {rel}");
    }
    Ok(base.join(rel_path))
}

/// Whether `dir` carries the marker: a regular file (not a link) whose first line is ours.
pub(crate) fn is_marked(dir: &Path) -> bool {
    let path = dir.join(MARKER);
    let Ok(meta) = std::fs::symlink_metadata(&path) else { return false };
    if !meta.is_file() {
        return false;
    }
    let signature = MARKER_TEXT.lines().next().unwrap_or_default();
    let mut head = vec![0; signature.len() + 1];
    let read = std::fs::File::open(&path).and_then(|mut f| f.read(&mut head));
    matches!(read, Ok(n) if head.get(..n).is_some_and(|h| h.starts_with(signature.as_bytes())))
}

/// Whether `dir` is a folder with nothing in it.
pub(crate) fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Writes the marker into `dir`.
pub(crate) fn write_marker(dir: &Path) -> std::io::Result<()> {
    std::fs::write(dir.join(MARKER), MARKER_TEXT)
}

/// Removes a folder of ours, its marker last: a process killed half-way leaves a folder that
/// still carries the marker, which the next command can prove ours and finish removing. A
/// folder without the marker is removed only if empty: every deletion goes through here.
pub(crate) fn remove_marked(dir: &Path) -> std::io::Result<()> {
    if !is_marked(dir) {
        return match std::fs::remove_dir(dir) {
            Err(_) if !is_empty_dir(dir) => Err(std::io::Error::other(format!("a pasta não tem o {MARKER}"))),
            other => other,
        };
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        // `remove_dir_all` does not follow symlinks: a link is removed, not what it points to.
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    match std::fs::remove_file(dir.join(MARKER)) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err),
        _ => {}
    }
    std::fs::remove_dir(dir)
}

/// An output folder this process may write: checked, locked for as long as this value lives,
/// and cleaned of the staging leftovers of killed builds.
#[derive(Debug)]
pub(crate) struct Claimed {
    dir: OutputDir,
    _lock: Option<OutputLock>,
    /// Leftovers that could not be removed, as warnings.
    pub warnings: Diagnostics,
}

impl Claimed {
    /// The output folder, canonical.
    pub(crate) fn path(&self) -> &Path {
        &self.dir.path
    }

    pub(crate) fn dir(&self) -> &OutputDir {
        &self.dir
    }

    /// Creates the folder if needed and marks it (`serve` and `watch` write into it in place).
    pub(crate) fn mark(&self) -> Result<(), OutputError> {
        let path = &self.dir.path;
        let made = std::fs::create_dir_all(path).and_then(|()| match is_marked(path) {
            true => Ok(()),
            false => write_marker(path),
        });
        made.map_err(|err| {
            OutputError::untouched(
                Diagnostic::new(
                    Code::OutputWrite,
                    format!("não foi possível preparar a pasta de saída {}: {err}", path.display()),
                )
                .with_help("confira as permissões e o espaço livre no disco"),
            )
        })
    }
}

/// The one check every writing command runs before it writes: resolves `output` (relative to
/// the current folder) and refuses it unless it may be replaced (see [`guard::check`]), takes
/// the lock beside it (waiting for a `build`, calling `waiting` once with a message; refusing
/// a folder that `serve` or `watch` holds), checks again under the lock, and removes the
/// staging leftovers it can prove are its own.
pub(crate) fn claim(
    root: &Path,
    output: &Path,
    writer: Writer,
    waiting: &dyn Fn(&str),
) -> Result<Claimed, OutputError> {
    let first = guard::check(root, output).map_err(OutputError::untouched)?;
    std::fs::create_dir_all(&first.parent).map_err(|err| {
        OutputError::untouched(
            Diagnostic::new(
                Code::OutputWrite,
                format!("não foi possível criar a pasta {}: {err}", first.parent.display()),
            )
            .with_help("confira o caminho dado em --output e as permissões"),
        )
    })?;
    let lock = lock::acquire(&first, writer, waiting).map_err(OutputError::untouched)?;
    // The folder may have changed while this process waited for the lock.
    let dir = guard::check(root, output).map_err(OutputError::untouched)?;
    if dir.path != first.path {
        return Err(OutputError::untouched(
            Diagnostic::new(
                Code::OutputRefused,
                format!(
                    "a pasta de saída {} mudou de lugar enquanto esta execução esperava (agora é {})",
                    first.path.display(),
                    dir.path.display()
                ),
            )
            .with_help("rode o comando de novo"),
        ));
    }
    // `serve` and `watch` write in place: a build cache could no longer vouch for the folder.
    // (If it cannot be removed, the output's stamp, which their writes change, still can't match.)
    if writer != Writer::Build {
        let _ = cache::invalidate(&dir);
    }
    let mut warnings = Diagnostics::new();
    // Without a lock (a filesystem that has none) nothing proves a staging folder is unused.
    if lock.is_some() {
        for (path, err) in publish::remove_leftovers(&dir) {
            warnings.push(
                Diagnostic::new(
                    Code::LeftoverKept,
                    format!("não foi possível apagar {}, sobra de uma geração interrompida: {err}", path.display()),
                )
                .with_help("apague essa pasta à mão; ela é uma cópia antiga do site gerado"),
            );
        }
    }
    Ok(Claimed { dir, _lock: lock, warnings })
}

/// `.NAME.SUFFIX` beside the output folder `NAME`.
pub(crate) fn sibling(dir: &OutputDir, suffix: &str) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(&dir.name);
    name.push(".");
    name.push(suffix);
    dir.parent.join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_is_recognised_by_its_signature_only() -> std::io::Result<()> {
        let tmp = tempfile::tempdir()?;
        assert!(!is_marked(tmp.path()));
        std::fs::write(tmp.path().join(MARKER), "outra coisa\n")?;
        assert!(!is_marked(tmp.path()), "a file of the same name is not the marker");
        write_marker(tmp.path())?;
        assert!(is_marked(tmp.path()));
        #[cfg(unix)]
        {
            let other = tempfile::tempdir()?;
            std::os::unix::fs::symlink(tmp.path().join(MARKER), other.path().join(MARKER))?;
            assert!(!is_marked(other.path()), "a link to a marker does not mark a folder");
        }
        Ok(())
    }

    #[test]
    fn remove_marked_removes_links_not_what_they_point_to() -> std::io::Result<()> {
        let tmp = tempfile::tempdir()?;
        let dir = tmp.path().join(".public.tmp-x");
        let outside = tmp.path().join("fora");
        std::fs::create_dir_all(dir.join("a/b"))?;
        std::fs::create_dir_all(&outside)?;
        std::fs::write(outside.join("guardar.txt"), "não apagar")?;
        std::fs::write(dir.join("a/b/index.html"), "x")?;
        write_marker(&dir)?;
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&outside, dir.join("link"))?;
            std::os::unix::fs::symlink(&outside, dir.join("a/link"))?;
        }
        let foreign = tmp.path().join("alheia");
        std::fs::create_dir_all(&foreign)?;
        std::fs::write(foreign.join("notas.txt"), "minhas notas")?;
        assert!(remove_marked(&foreign).is_err(), "never removes a folder that is not ours");
        assert!(foreign.join("notas.txt").exists());
        remove_marked(&dir)?;
        assert!(!dir.exists());
        assert_eq!(std::fs::read_to_string(outside.join("guardar.txt"))?, "não apagar");
        Ok(())
    }
}
