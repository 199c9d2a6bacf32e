//! Atomic publishing: the whole site is written into a fresh staging folder beside the output
//! folder, marked as ours from its first file on, and swapped in only when every file is
//! written ([`super::swap`]). A failed build leaves the previous output byte for byte as it
//! was; a failed swap says exactly where each folder is. Staging folders left by killed builds
//! are removed by the next command that holds the output's lock ([`remove_leftovers`]).

use super::guard::OutputDir;
use super::planned::Planned;
use super::swap::{self, SwapError};
use super::{Claimed, OutputError, OutputState, MARKER};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::fingerprint::metadata_bytes;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The staging folders of output `NAME` are `.NAME.tmp-*` (being filled, or the previous output
/// after an exchange) and `.NAME.old-*` (the previous output moved aside by the fallback).
const STAGING_KINDS: [&str; 2] = ["tmp-", "old-"];

/// A folder being filled; becomes the output on [`Staging::commit`], vanishes if dropped.
pub(crate) struct Staging {
    /// `None` once committed.
    dir: Option<PathBuf>,
    target: OutputDir,
    /// Every file written with its metadata as the write left it (from the open file): the
    /// build cache's stamp of the output is made from these instead of listing the folder
    /// again ([`Staging::written`]).
    written: Mutex<Written>,
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            let _ = super::remove_marked(&dir);
        }
    }
}

impl Staging {
    /// Creates `.NAME.tmp-XXXX` next to the claimed output (same filesystem, so the swap is a
    /// rename) and marks it, so that if this process is killed the next one can prove it ours.
    pub(crate) fn new(claimed: &Claimed) -> Result<Self> {
        let target = claimed.dir().clone();
        let prefix = super::sibling(&target, STAGING_KINDS[0]);
        let prefix = prefix.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let dir = tempfile::Builder::new()
            .prefix(&prefix)
            .tempdir_in(&target.parent)
            .with_context(|| format!("não foi possível criar uma pasta temporária em {}", target.parent.display()))?;
        super::write_marker(dir.path())
            .with_context(|| format!("não foi possível gravar em {}", dir.path().display()))?;
        let mut written = Written::default();
        if let Ok(meta) = std::fs::symlink_metadata(dir.path().join(super::MARKER)) {
            written.record(super::MARKER, &meta);
        }
        // From here on it is removed marker last (see `remove_marked`), not by `TempDir`.
        Ok(Staging { dir: Some(dir.keep()), target, written: Mutex::new(written) })
    }

    /// Every file written so far, with its metadata as the write left it, taken out (once
    /// every file is written). `None` if a writer panicked while recording (the stamp is then
    /// taken from the folder itself).
    pub(crate) fn written(&self) -> Option<Vec<super::cache::Written>> {
        let written = std::mem::take(&mut *self.written.lock().ok()?);
        Some(written.into_list())
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.as_deref().unwrap_or(self.target.path.as_path())
    }

    /// Writes one file (relative path with `/`), creating its folders.
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let meta = write_under(self.path(), rel, bytes)?;
        if let Ok(mut written) = self.written.lock() {
            written.record(rel, &meta);
        }
        Ok(())
    }

    /// Creates the folders of all these files up front, once each and in order, so that the
    /// parallel writers that follow do one `open` per file and no `mkdir` probing.
    pub(crate) fn prepare_dirs<'a>(&self, files: impl Iterator<Item = &'a str>) -> Result<()> {
        let files: Vec<&str> = files.collect();
        if let Ok(mut written) = self.written.lock() {
            written.plan(&files);
        }
        let dirs: std::collections::BTreeSet<&str> =
            files.iter().filter_map(|f| f.rsplit_once('/').map(|(dir, _)| dir)).collect();
        // Level by level (a folder's parent is one level up, made in an earlier round), each
        // level on every core: a site's pages are one folder each, thousands on one level.
        let mut levels: Vec<Vec<&str>> = Vec::new();
        for dir in dirs {
            let level = dir.bytes().filter(|&b| b == b'/').count();
            if levels.len() <= level {
                levels.resize_with(level + 1, Vec::new);
            }
            if let Some(at) = levels.get_mut(level) {
                at.push(dir);
            }
        }
        for level in levels {
            level.into_par_iter().try_for_each(|dir| self.make_dir(dir))?;
        }
        Ok(())
    }

    /// Creates folder `dir` of the staging folder (its parent made already, or made here).
    fn make_dir(&self, dir: &str) -> Result<()> {
        let path = self.path().join(dir);
        match std::fs::create_dir(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(_) => std::fs::create_dir_all(&path)
                .with_context(|| format!("não foi possível criar a pasta {}", path.display())),
        }
    }

    /// Swaps the staged folder in place of the output and deletes the previous output. A
    /// previous output that cannot be deleted is a warning (the next build removes it).
    pub(crate) fn commit(mut self) -> Result<Option<Diagnostic>, OutputError> {
        let Some(staged) = self.dir.take() else { return Ok(None) };
        let target = &self.target.path;
        let replace = std::fs::symlink_metadata(target).is_ok();
        // The lock keeps other secretarias out, not people: look again right before the swap.
        if replace && !super::is_marked(target) && !super::is_empty_dir(target) {
            let _ = super::remove_marked(&staged);
            return Err(OutputError {
                diagnostic: Diagnostic::new(
                    Code::OutputWrite,
                    format!(
                        "a pasta de saída {} mudou durante a geração: tem arquivos e não tem mais o {MARKER}",
                        target.display()
                    ),
                )
                .with_help("nada foi trocado; confira o que há nessa pasta e rode de novo"),
                state: OutputState::Intact,
            });
        }
        let aside = aside_path(&self.target, &staged);
        match swap::swap(&staged, target, &aside, replace, &swap::real) {
            Ok(None) => Ok(None),
            Ok(Some(old)) => Ok(super::remove_marked(&old).err().map(|err| {
                Diagnostic::new(Code::LeftoverKept, format!(
                    "o site foi publicado, mas a versão anterior ficou em {} e não pôde ser apagada: {err}",
                    old.display()
                ))
                .with_help("a próxima geração tenta apagá-la de novo; ou apague essa pasta à mão")
            })),
            Err(SwapError::Untouched(err)) => {
                let _ = super::remove_marked(&staged);
                Err(OutputError {
                    diagnostic: Diagnostic::new(Code::OutputWrite, format!("não foi possível publicar em {}: {err}", target.display()))
                        .with_help(format!("confira as permissões e o espaço livre em {}", self.target.parent.display())),
                    state: OutputState::Intact,
                })
            }
            Err(SwapError::Displaced { aside, error, rollback }) => Err(OutputError {
                diagnostic: Diagnostic::new(Code::OutputWrite, format!(
                    "a troca da pasta de saída falhou no meio: {} não existe agora ({error}; ao devolver a versão \
                     anterior: {rollback})",
                    target.display()
                ))
                .with_help(format!(
                    "a versão anterior está intacta em {aside} e a nova em {staged}; para voltar à anterior: mv '{aside}' \
                     '{target}' (ou rode a geração de novo: ela publica o site e apaga as duas pastas)",
                    aside = aside.display(),
                    staged = staged.display(),
                    target = target.display()
                )),
                state: OutputState::Displaced,
            }),
        }
    }
}

/// A file's metadata as `source::fingerprint::metadata_bytes` gives it, in place (52 bytes
/// on Unix, fewer elsewhere).
#[derive(Clone, Copy)]
struct Meta {
    len: u8,
    bytes: [u8; 52],
}

impl Meta {
    fn of(meta: &std::fs::Metadata) -> Meta {
        let all = metadata_bytes(meta);
        let mut out = Meta { len: 0, bytes: [0; 52] };
        for (to, from) in out.bytes.iter_mut().zip(&all) {
            *to = *from;
            out.len += 1;
        }
        out
    }

    fn boxed(&self) -> Box<[u8]> {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default().into()
    }
}

/// The files written into a staging folder and their metadata (see [`super::planned`]).
#[derive(Default)]
struct Written(Planned<'static, Meta>);

impl Written {
    fn plan(&mut self, files: &[&str]) {
        self.0.plan(files.iter().map(|f| Cow::Owned((*f).to_owned())));
    }

    fn record(&mut self, file: &str, meta: &std::fs::Metadata) {
        self.0.put(file, Meta::of(meta));
    }

    /// Every file written, once (the last write of a name wins), in no particular order.
    fn into_list(self) -> Vec<super::cache::Written> {
        self.0.into_list().into_iter().map(|(file, meta)| (file.into_owned().into_boxed_str(), meta.boxed())).collect()
    }
}

/// `.NAME.old-XXXX`, XXXX taken from the staging folder's name; a name nobody uses.
fn aside_path(target: &OutputDir, staged: &Path) -> PathBuf {
    let suffix = staged.file_name().and_then(|n| n.to_str()).and_then(|n| n.rsplit_once('-')).map_or("", |(_, s)| s);
    let base = super::sibling(target, &format!("{}{suffix}", STAGING_KINDS[1]));
    let mut candidate = base.clone();
    let mut n = 0u32;
    while std::fs::symlink_metadata(&candidate).is_ok() {
        n += 1;
        candidate = PathBuf::from(format!("{}{n}", base.display()));
    }
    candidate
}

/// Removes the staging folders of `dir` that are provably leftovers of this output: named
/// `.NAME.tmp-*` or `.NAME.old-*` beside it, a real folder (not a link) carrying the marker.
/// Only the holder of the output's lock may call this: the lock proves no build is filling
/// them. On a case-insensitive disk `.Public.tmp-*` belongs to this output too, which shows
/// as `.Public.lock` being our lock file. Returns the ones that could not be removed.
pub(crate) fn remove_leftovers(dir: &OutputDir) -> Vec<(PathBuf, std::io::Error)> {
    let Some(own) = dir.name.to_str() else { return Vec::new() };
    let lock = super::sibling(dir, "lock");
    let same_output = |name: &str| {
        name == own
            || (name.to_lowercase() == own.to_lowercase()
                && same_file::is_same_file(dir.parent.join(format!(".{name}.lock")), &lock).unwrap_or(false))
    };
    let Ok(entries) = std::fs::read_dir(&dir.parent) else { return Vec::new() };
    let mut failed = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(output) = file_name.to_str().and_then(staging_of) else { continue };
        let ours =
            same_output(output) && entry.file_type().is_ok_and(|t| t.is_dir()) && super::is_marked(&entry.path());
        if ours {
            if let Err(err) = super::remove_marked(&entry.path()) {
                failed.push((entry.path(), err));
            }
        }
    }
    failed
}

/// `.NAME.tmp-XXXX` or `.NAME.old-XXXX` (XXXX letters and digits, as tempfile makes them) → NAME.
fn staging_of(file_name: &str) -> Option<&str> {
    let rest = file_name.strip_prefix('.')?;
    STAGING_KINDS.iter().find_map(|kind| {
        let (name, suffix) = rest.rsplit_once(&format!(".{kind}"))?;
        let random = !suffix.is_empty() && suffix.chars().all(|c| c.is_ascii_alphanumeric());
        (random && !name.is_empty()).then_some(name)
    })
}

impl super::Sink for Staging {
    fn put(&self, file: &str, bytes: Vec<u8>) -> Result<()> {
        self.write(file, &bytes)
    }
}

/// Writes `bytes` at `base/rel`, refusing paths that would leave `base` (see [`super::checked`]);
/// returns the file's metadata as the write left it (from the open file: no path looked up).
fn write_under(base: &Path, rel: &str, bytes: &[u8]) -> Result<std::fs::Metadata> {
    let path = super::checked(base, rel)?;
    let write = |path: &Path| -> std::io::Result<std::fs::Metadata> {
        let mut file = std::fs::File::create(path)?;
        file.write_all(bytes)?;
        file.metadata()
    };
    match write(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("não foi possível criar a pasta {}", dir.display()))?;
            }
            write(&path)
        }
        other => other,
    }
    .with_context(|| format!("não foi possível gravar {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{claim, Writer};

    fn claimed(target: &Path) -> Result<Claimed> {
        let root = target.parent().map(|p| p.join("site")).unwrap_or_default();
        std::fs::create_dir_all(&root)?;
        claim(&root, target, Writer::Build, &|_| {}).map_err(|e| anyhow::anyhow!(e.diagnostic.message))
    }

    fn names(dir: &Path) -> Result<Vec<String>> {
        let mut names: Vec<String> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        Ok(names)
    }

    #[test]
    fn commit_replaces_and_drop_discards() -> Result<()> {
        let tmp = tempfile::tempdir()?;
        let target = tmp.path().join("public");
        {
            let claimed = claimed(&target)?;
            let staging = Staging::new(&claimed)?;
            staging.write("old.html", b"old")?;
            staging.commit().map_err(|e| anyhow::anyhow!(e.diagnostic.message))?;
        }
        {
            let claimed = claimed(&target)?;
            let staging = Staging::new(&claimed)?;
            assert!(crate::output::is_marked(staging.path()), "marked from the start");
            staging.write("new.html", b"new")?;
            // dropped without commit
        }
        assert!(target.join("old.html").exists());
        let claimed = claimed(&target)?;
        let staging = Staging::new(&claimed)?;
        assert!(staging.write(MARKER, b"x").is_err());
        staging.write("a/index.html", b"new")?;
        staging.commit().map_err(|e| anyhow::anyhow!(e.diagnostic.message))?;
        assert!(!target.join("old.html").exists());
        assert_eq!(std::fs::read(target.join("a/index.html"))?, b"new");
        assert!(crate::output::is_marked(&target));
        assert_eq!(names(tmp.path())?, vec![".public.lock", "public", "site"]);
        Ok(())
    }

    #[test]
    fn an_output_that_lost_its_marker_during_the_build_is_not_replaced() -> Result<()> {
        let tmp = tempfile::tempdir()?;
        let target = tmp.path().join("public");
        let claimed = claimed(&target)?;
        let staging = Staging::new(&claimed)?;
        staging.write("index.html", b"novo")?;
        // Meanwhile someone put their files there, in place of our output.
        std::fs::create_dir_all(&target)?;
        std::fs::write(target.join("notas.txt"), "minhas notas")?;
        let Err(err) = staging.commit() else { anyhow::bail!("replaced a folder that is not ours") };
        assert!(err.diagnostic.message.contains("mudou durante a geração"), "{}", err.diagnostic.message);
        assert_eq!(err.state, OutputState::Intact);
        assert_eq!(names(&target)?, vec!["notas.txt"]);
        assert_eq!(names(tmp.path())?, vec![".public.lock", "public", "site"], "staging removed");
        Ok(())
    }

    #[test]
    fn leftovers_are_removed_only_when_marked_and_named_for_this_output() -> Result<()> {
        let tmp = tempfile::tempdir()?;
        let make = |name: &str, marked: bool| -> Result<()> {
            let dir = tmp.path().join(name);
            std::fs::create_dir_all(dir.join("paginas"))?;
            std::fs::write(dir.join("paginas/index.html"), "x")?;
            if marked {
                crate::output::write_marker(&dir)?;
            }
            Ok(())
        };
        make(".public.tmp-a1", true)?;
        make(".public.old-b2", true)?;
        make(".public.tmp-c3", false)?;
        make(".public2.tmp-d4", true)?;
        make(".outra.old-e5", true)?;
        make(".public.tmp-", true)?;
        std::fs::write(tmp.path().join(".public.tmp-f6"), "um arquivo")?;
        #[cfg(unix)]
        std::os::unix::fs::symlink(tmp.path().join(".outra.old-e5"), tmp.path().join(".public.old-g7"))?;
        // Another case is another output on a case-sensitive disk; the same one where the two
        // names lead to one lock file, as on a case-insensitive disk.
        #[cfg(target_os = "linux")]
        {
            make(".PUBLIC.tmp-h8", true)?;
            make(".Public.tmp-i9", true)?;
            std::os::unix::fs::symlink(".public.lock", tmp.path().join(".Public.lock"))?;
        }
        let claimed = claimed(&tmp.path().join("public"))?;
        assert!(claimed.warnings.is_empty());
        let mut expected = vec![
            ".outra.old-e5",
            ".public.lock",
            ".public.tmp-",
            ".public.tmp-c3",
            ".public.tmp-f6",
            ".public2.tmp-d4",
            "site",
        ];
        if cfg!(unix) {
            expected.push(".public.old-g7");
        }
        if cfg!(target_os = "linux") {
            expected.extend([".PUBLIC.tmp-h8", ".Public.lock"]);
        }
        expected.sort_unstable();
        assert_eq!(names(tmp.path())?, expected);
        assert!(tmp.path().join(".outra.old-e5/paginas/index.html").exists(), "not followed through the link");
        Ok(())
    }

    #[test]
    fn the_files_written_are_listed_once_each_with_their_last_metadata() -> Result<()> {
        let tmp = tempfile::tempdir()?;
        let meta = |name: &str, text: &str| -> Result<std::fs::Metadata> {
            std::fs::write(tmp.path().join(name), text)?;
            Ok(std::fs::metadata(tmp.path().join(name))?)
        };
        let mut written = Written::default();
        written.record("estatico.css", &meta("estatico.css", "a")?);
        written.record("igual.html", &meta("igual.html", "antes do plano")?);
        written.plan(&["a.html", "igual.html", "nunca.html", "a.html"]);
        written.record("a.html", &meta("a.html", "1")?);
        written.record("a.html", &meta("a.html", "22")?);
        written.record("igual.html", &meta("igual.html", "depois")?);
        written.record("fora.txt", &meta("fora.txt", "x")?);
        let mut list = written.into_list();
        list.sort();
        let sizes: Vec<(&str, u64)> = list
            .iter()
            .map(|(name, meta)| (&**name, u64::from_le_bytes(meta[..8].try_into().unwrap_or_default())))
            .collect();
        assert_eq!(sizes, [("a.html", 2), ("estatico.css", 1), ("fora.txt", 1), ("igual.html", 6)]);
        Ok(())
    }

    #[test]
    fn staging_names_say_which_output_they_stage_for() {
        assert_eq!(staging_of(".public.tmp-Ab12Cd"), Some("public"));
        assert_eq!(staging_of(".public.old-Ab12Cd1"), Some("public"));
        assert_eq!(staging_of(".a.tmp-b.tmp-XyZ"), Some("a.tmp-b"));
        for other in [".public.tmp-", ".public.tmp-a.b", "public.tmp-x", "..tmp-x", ".public.lock", ".public.new-x"] {
            assert_eq!(staging_of(other), None, "{other}");
        }
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
