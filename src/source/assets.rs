//! Which files beside the content are published. `content/` holds what editors write, and
//! next to it the attachments they mean to publish; anything else found there (internal
//! notes, `x.md.orig` left by a merge tool, a Photoshop source) stays private, with a warning.
//! `static/` is the explicit place for arbitrary files and is copied whole.

use std::path::Path;

/// File extensions (lowercase) of the attachments published from `content/`. The same list
/// is documented in docs/conteudo.md ("Anexos").
pub(crate) const PUBLISHED: &[&str] = &[
    // Images
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "bmp", "tif", "tiff",
    // PDF and office documents (OpenDocument and Microsoft), e-books
    "pdf", "odt", "ods", "odp", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "rtf", "epub", // Open data
    "csv",  // Audio, video and their captions
    "mp3", "ogg", "oga", "opus", "wav", "m4a", "mp4", "m4v", "webm", "ogv", "vtt", "srt",
    // Bundles of attachments (annexes of an edital)
    "zip", "7z",
];

/// Whether a file under `content/` that is not a page or data file is published.
pub(crate) fn is_published(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| PUBLISHED.contains(&e.to_ascii_lowercase().as_str()))
}

/// Pages (`.md`) and data files (`.yaml`, `.yml`): read as text.
pub(crate) fn is_text(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "yaml" | "yml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachments_are_published_and_leftovers_are_not() {
        for name in ["foto.JPG", "edital.pdf", "dados.csv", "ata.docx", "plano.ods", "audio.mp3", "a/b.webm"] {
            assert!(is_published(Path::new(name)), "{name}");
        }
        for name in ["notas-internas.txt", "x.md.orig", "capa.psd", "Thumbs.db", "script.js", "sem-extensao"] {
            assert!(!is_published(Path::new(name)), "{name}");
        }
    }
}
