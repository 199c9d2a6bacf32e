//! Reading a site from disk: `site.yaml`, every file under `content/`, the list of the files
//! of `static/` and the site's own theme ([`theme`]), in a sorted, deterministic order. The
//! only module (with `output`) that does IO: what the build publishes as it is (static files,
//! attachments) is read here too, through [`Blob`].
//! Everything read is normalised here, at the input edge: UTF-8, no BOM, `\n` line ends, and
//! names and text in Unicode NFC, so that "São" saved decomposed by one system and composed by
//! another is one name in references, slugs, URLs and duplicate checks.

pub(crate) mod assets;
pub(crate) mod dates;
pub(crate) mod fingerprint;
pub mod frontmatter;
mod nfc_check;
pub(crate) mod theme;
mod walk;
pub(crate) mod yaml;

pub(crate) use theme::{read_theme, ThemeSource};
pub(crate) use walk::{is_ignored_name, path_order, slash_order, walk, Walk};

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use anyhow::Context as _;
use rayon::prelude::*;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// One text file of the site, normalised: UTF-8, no BOM, `\n` line ends, NFC.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators, in NFC, e.g. `content/avisos/x.md`.
    pub rel_path: PathBuf,
    pub text: String,
}

/// Everything the build reads, before any interpretation.
#[derive(Debug, Default, Clone)]
pub(crate) struct SourceSet {
    pub root: PathBuf,
    pub site_yaml: Option<SourceFile>,
    /// No `site.yaml` at the root: the folder is not a site (a usage error, not a content one).
    pub site_yaml_missing: bool,
    /// `.md`, `.yaml` and `.yml` files under `content/`, sorted by path.
    pub content: Vec<SourceFile>,
    /// Attachments under `content/` (images, PDFs beside a page; see [`assets`]), as they are
    /// named on disk: copied as they are.
    pub content_assets: Vec<PathBuf>,
    /// Content files that exist but could not be read or decoded (already reported): other
    /// files' references to them are not reported again.
    pub unreadable: Vec<PathBuf>,
    /// The files under `static/`, relative to the root as named on disk, sorted: published
    /// as they are (read when published, through [`Blob`]).
    pub statics: Vec<PathBuf>,
    /// The theme `site.yaml` names, once read with [`read_theme`] (the configuration says
    /// which); empty until then.
    pub theme: ThemeSource,
    /// When each text file (`site.yaml` and `content/…`, by `rel_path`) last changed, in
    /// seconds since 1970: its last commit, or its modification time ([`dates`]).
    pub times: Times,
}

/// When each file last changed, by path. Hashed, not a tree: a path compares component by
/// component, and the tree's 20-odd comparisons per file of a 10,000-file site, once to fill it
/// and once to read it, took a few percent of a build. Nothing iterates it in its order.
pub type Times = std::collections::HashMap<PathBuf, i64, rustc_hash::FxBuildHasher>;

/// Where the bytes of a file published as it is are.
#[derive(Debug, Clone)]
pub(crate) enum Blob<'a> {
    /// Already in memory (a file of the theme).
    Memory(&'a [u8]),
    /// A file of the site, absolute path.
    File(PathBuf),
}

impl Blob<'_> {
    /// The bytes: borrowed when in memory, read from disk otherwise.
    pub(crate) fn read(&self) -> anyhow::Result<Cow<'_, [u8]>> {
        match self {
            Blob::Memory(bytes) => Ok(Cow::Borrowed(bytes)),
            Blob::File(path) => {
                std::fs::read(path).map(Cow::Owned).with_context(|| format!("não foi possível ler {}", path.display()))
            }
        }
    }
}

/// Reads the site at `root`, with when each text file last changed. Unreadable or non-UTF-8
/// files become diagnostics; the set is returned with what could be read so that every
/// problem is reported in one go.
pub(crate) fn read_site(root: &Path, diagnostics: &mut Diagnostics) -> SourceSet {
    read_site_with(root, diagnostics, true)
}

/// [`read_site`]; without `times` (only to measure what reading them costs), no file has a
/// time and pages show no date of update.
pub(crate) fn read_site_with(root: &Path, diagnostics: &mut Diagnostics, times: bool) -> SourceSet {
    let mut set = SourceSet { root: root.to_path_buf(), ..SourceSet::default() };
    let site_yaml = root.join("site.yaml");
    if site_yaml.is_file() {
        match read_text_timed(root, &site_yaml, diagnostics) {
            Some((file, time)) => {
                if times {
                    set.times.extend(time.map(|t| (file.rel_path.clone(), t)));
                }
                set.site_yaml = Some(file);
            }
            None => set.unreadable.push(PathBuf::from("site.yaml")),
        }
    } else {
        set.site_yaml_missing = true;
        diagnostics.push(Diagnostic::new(Code::SiteYamlMissing, format!("site.yaml não encontrado em {}", root.display())).with_help(
            "rode o comando na pasta do site, use --root PASTA (a pasta do site é a que contém site.yaml e content/)",
        ));
    }
    let content = walk(&root.join("content"));
    report_walk(root, &content, diagnostics);
    // static/ is copied whole by the build; an unreadable folder there is reported here too.
    let statics = walk(&root.join("static"));
    report_walk(root, &statics, diagnostics);
    set.statics = statics.files.iter().map(|path| relative(root, path)).collect();
    let (texts, others): (Vec<PathBuf>, Vec<PathBuf>) = content.files.into_iter().partition(|p| assets::is_text(p));
    let (attachments, private): (Vec<PathBuf>, Vec<PathBuf>) =
        others.into_iter().partition(|p| assets::is_published(p));
    for path in private {
        diagnostics.push(
            Diagnostic::new(Code::NotPublished, "arquivo não publicado: não é página, dado nem anexo")
                .in_file(nfc_path(&relative(root, &path)))
                .with_help(
                    "de content/ só são publicados páginas (.md), dados (.yaml) e anexos (imagens, PDF, documentos \
                     de escritório, planilhas, CSV, áudio, vídeo, .zip; veja docs/conteudo.md); para publicar outro \
                     tipo de arquivo, ponha-o em static/; se é uma nota interna ou cópia de segurança, tire-o de content/",
                ),
        );
    }
    // Reading and UTF-8 checking thousands of files is IO-bound: do it with many reads in
    // flight (see `on_readers`), then report in the walk's sorted order.
    let read: Vec<(Option<SourceFile>, Option<i64>, PathBuf, Diagnostics)> = on_readers(texts.len(), || {
        texts
            .par_iter()
            .map(|path| {
                let mut local = Diagnostics::new();
                let (file, time) = match read_text_timed(root, path, &mut local) {
                    Some((file, time)) => (Some(file), time.filter(|_| times)),
                    None => (None, None),
                };
                (file, time, path.clone(), local)
            })
            .collect()
    });
    for (file, time, path, local) in read {
        match file {
            Some(file) => {
                set.times.extend(time.map(|t| (file.rel_path.clone(), t)));
                set.content.push(file);
            }
            None => set.unreadable.push(nfc_path(&relative(root, &path))),
        }
        diagnostics.extend(local);
    }
    if times {
        let found = dates::committed(root, |path| set.times.contains_key(path));
        set.times.extend(found);
    }
    // In the walk's order already but for names made NFC: bytes compared, not components.
    set.content.sort_by(|a, b| path_order(&a.rel_path, &b.rel_path));
    let opened: Vec<(PathBuf, Option<Diagnostic>)> = attachments
        .into_par_iter()
        .map(|path| {
            let problem = std::fs::File::open(&path).err().map(|err| unreadable(root, &path, &err));
            (relative(root, &path), problem)
        })
        .collect();
    for (rel, problem) in opened {
        match problem {
            Some(problem) => diagnostics.push(problem),
            None => set.content_assets.push(rel),
        }
    }
    set
}

/// Threads that read the content of a large site. Reading waits on the disk far more than it
/// computes: with a cold page cache, two threads (one per core) read 10,000 files in 0.9 s,
/// each waiting for one file at a time; more reads in flight let the disk serve them together.
/// With a warm cache the extra threads only take turns on the cores.
const READERS: usize = 8;

/// From this many files on, they are read on [`READERS`] threads of their own; fewer (a
/// small site, the dev loop's one file) are read on the shared pool, without starting threads.
const MANY_FILES: usize = 256;

/// Runs `read` (which reads `files` files with rayon) on a pool of [`READERS`] threads when
/// the files are many, on the shared pool otherwise. The pool ends with the read: its threads
/// hold nothing afterwards.
fn on_readers<R: Send>(files: usize, read: impl FnOnce() -> R + Send) -> R {
    if files >= MANY_FILES {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(READERS)
            .thread_name(|i| format!("secretaria-read-{i}"))
            .build();
        // Threads refused by the system: read on the shared pool, only more slowly.
        if let Ok(pool) = pool {
            return pool.install(read);
        }
    }
    read()
}

/// Unreadable folders are errors; links and special files are warnings (never published).
fn report_walk(root: &Path, found: &Walk, diagnostics: &mut Diagnostics) {
    for (path, err) in &found.errors {
        diagnostics.push(
            Diagnostic::new(Code::Unreadable, format!("não foi possível ler a pasta: {}", walk::io_pt(err)))
                .in_file(nfc_path(&relative(root, path)))
                .with_help(
                    "confira as permissões: quem roda o secretaria precisa poder abrir e ler esta pasta \
                     (nada dela seria publicado)",
                ),
        );
    }
    for path in &found.others {
        diagnostics.push(
            Diagnostic::new(Code::NotPublished, "atalho ou arquivo especial não publicado")
                .in_file(nfc_path(&relative(root, path)))
                .with_help("atalhos (links simbólicos) não são seguidos; copie o arquivo para dentro da pasta do site"),
        );
    }
}

fn unreadable(root: &Path, path: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::new(Code::Unreadable, format!("não foi possível ler o arquivo: {}", walk::io_pt(err)))
        .in_file(nfc_path(&relative(root, path)))
        .with_help("confira as permissões do arquivo e se outro programa não o está bloqueando")
}

/// Files under `dir`, sorted by name, skipping hidden files and editors' temporary files
/// (problems are reported by [`read_site`]).
/// `importar`: the old page's bytes, and the destination's `site.yaml` when it has one.
pub(crate) fn read_import(page: &Path, destination: &Path) -> std::io::Result<(Vec<u8>, Option<String>)> {
    let bytes = std::fs::read(page)?;
    let site_yaml = std::fs::read_to_string(destination.join("site.yaml")).ok();
    Ok((bytes, site_yaml))
}

pub(crate) fn walk_files(dir: &Path) -> Vec<PathBuf> {
    walk(dir).files
}

/// Text in Unicode NFC (borrowed when it already is, the usual case).
pub(crate) fn nfc(text: &str) -> Cow<'_, str> {
    match nfc_check::is_nfc_quick_fast(text) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// A path with every name in NFC, `/`-separated.
pub(crate) fn nfc_path(path: &Path) -> PathBuf {
    let text = path.to_string_lossy();
    match nfc(&text) {
        Cow::Borrowed(_) => path.to_path_buf(),
        Cow::Owned(normalised) => PathBuf::from(normalised),
    }
}

/// `path` relative to `root`, with `/` separators.
pub(crate) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads one text file of the site, normalised; problems become located diagnostics.
pub(crate) fn read_text(root: &Path, path: &Path, diagnostics: &mut Diagnostics) -> Option<SourceFile> {
    read_text_timed(root, path, diagnostics).map(|(file, _)| file)
}

/// [`read_text`], with the file's modification time (as [`dates::mtime`] gives it) from the
/// open file: no second look-up of the path.
pub(crate) fn read_text_timed(
    root: &Path,
    path: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<(SourceFile, Option<i64>)> {
    let rel_path = nfc_path(&relative(root, path));
    let read = |path: &Path| -> std::io::Result<(Vec<u8>, Option<i64>)> {
        use std::io::Read as _;
        let file = std::fs::File::open(path)?;
        let meta = file.metadata()?;
        // As `std::fs::read` does: a size no memory can hold (a sparse file) is an error, not an abort.
        let mut bytes = Vec::new();
        bytes.try_reserve_exact(usize::try_from(meta.len()).unwrap_or(usize::MAX).saturating_add(1))?;
        // Through `Take`: `File`'s own `read_to_end` asks the size again (one more `statx`).
        file.take(u64::MAX).read_to_end(&mut bytes)?;
        Ok((bytes, dates::seconds(&meta)))
    };
    let (bytes, time) = match read(path) {
        Ok(read) => read,
        Err(err) => {
            diagnostics.push(unreadable(root, path, &err));
            return None;
        }
    };
    match normalise(bytes) {
        Ok(text) => Some((SourceFile { rel_path, text }, time)),
        Err(location) => {
            diagnostics.push(
                Diagnostic::new(Code::NotUtf8, "o arquivo não está em UTF-8")
                    .in_file(rel_path)
                    .at(location)
                    .with_help("salve o arquivo com a codificação UTF-8 (no editor: Salvar como… → UTF-8)"),
            );
            None
        }
    }
}

/// UTF-8 check with the location of the first bad byte, BOM strip, CRLF → LF, NFC.
pub(crate) fn normalise(bytes: Vec<u8>) -> Result<String, crate::diagnostics::Location> {
    // SIMD first (most files are fine); std's check, which says where, only for a bad one.
    let text = match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: just checked to be UTF-8.
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        Err(_) => String::from_utf8(bytes),
    };
    let text = text.map_err(|err| {
        let bytes = err.as_bytes();
        let valid = err.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(bytes.get(..valid).unwrap_or_default());
        crate::diagnostics::LineIndex::new(&before).location(&before, before.len())
    })?;
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    Ok(match nfc(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(normalised) => normalised,
    })
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
    fn composes_decomposed_accents() {
        let decomposed = "Sa\u{303}o Jose\u{301}";
        assert_eq!(normalise(decomposed.as_bytes().to_vec()), Ok("São José".to_string()));
        assert_eq!(nfc_path(Path::new("content/unidades/sa\u{303}o.yaml")), PathBuf::from("content/unidades/são.yaml"));
    }
}
