//! Links written to a content source (`[x](../legislacao/competencias.md#art3)`, what editors
//! naturally write) resolved to the page that source publishes. Pure: the same resolution
//! rewrites the link when rendering and finds, in `check`, the ones whose file does not exist.

use crate::model::slug::content_path;

/// A link to a content source, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceLink<'a> {
    /// The source file, relative to `content/` (`legislacao/competencias.md`).
    pub(crate) file: String,
    /// The site path of its page (`legislacao/competencias/`).
    pub(crate) path: String,
    /// `#fragment` as written, or empty.
    pub(crate) fragment: &'a str,
}

/// `rest` (a `/`-separated relative path, with `.`, `..` and empty parts) resolved from the
/// folders `base`: the folders of the result. `None` when a `..` climbs above the top.
/// Source links here and the site checks' links (`sitecheck::body`) resolve alike.
pub(crate) fn join<'a>(mut base: Vec<&'a str>, rest: &'a str) -> Option<Vec<&'a str>> {
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                base.pop()?;
            }
            other => base.push(other),
        }
    }
    Some(base)
}

/// `dest` as a link to a `.md`/`.yaml` source, resolved from the folder (relative to
/// `content/`, `/`-separated, empty at the top) of the file it is written in. A leading `/`
/// starts at `content/`. `None` for any other link, or one that climbs out of `content/`.
pub(crate) fn resolve<'a>(dest: &'a str, source_dir: &str) -> Option<SourceLink<'a>> {
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let lower = path.to_ascii_lowercase();
    let stem_len =
        [".md", ".yaml", ".yml"].iter().find(|ext| lower.ends_with(*ext)).map(|ext| path.len() - ext.len())?;
    if path.contains(':') || path.starts_with("//") || path.contains('?') {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    let (start, rest): (Vec<&str>, &str) = match decoded.strip_prefix('/') {
        Some(rest) => (Vec::new(), rest.strip_prefix("content/").unwrap_or(rest)),
        None => (source_dir.split('/').filter(|p| !p.is_empty()).collect(), &decoded),
    };
    let file = join(start, rest)?.join("/");
    let ext_len = path.len() - stem_len;
    let stem = file.get(..file.len().checked_sub(ext_len)?)?;
    Some(SourceLink { path: content_path(stem), file, fragment })
}

/// `dest` as a relative link to an attachment beside the source (`foto.jpg`, `edital.pdf`,
/// `anexos/x.pdf`): the site path of that file, resolved from the source's folder as the
/// editor sees it. A page `programas/x.md` is published one folder deeper than its file, so
/// the browser would look for `foto.jpg` in `programas/x/`. `None` for anything else (folder
/// paths, site paths, addresses with a scheme, `.md`/`.yaml` sources).
pub(crate) fn attachment(dest: &str, source_dir: &str) -> Option<String> {
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    let last = path.rsplit('/').next().unwrap_or("");
    let is_file = last.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && !ext.is_empty() && ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphanumeric())
    });
    let lower = last.to_ascii_lowercase();
    if !is_file
        || path.starts_with('/')
        || path.contains(':')
        || lower.ends_with(".md")
        || lower.ends_with(".yaml")
        || lower.ends_with(".yml")
        || lower.ends_with(".html")
    {
        return None;
    }
    let mut parts: Vec<&str> = source_dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(format!("{}{}", parts.join("/"), &dest[path.len()..]))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn sources_resolve_to_their_pages() {
        let r = resolve("../legislacao/competencias.md#art3", "programas").unwrap();
        assert_eq!(
            (r.file.as_str(), r.path.as_str(), r.fragment),
            ("legislacao/competencias.md", "legislacao/competencias/", "#art3")
        );
        assert_eq!(resolve("cras.yaml", "unidades").unwrap().path, "unidades/cras/");
        assert_eq!(resolve("/programas/_index.md", "x").unwrap().path, "programas/");
        assert_eq!(resolve("/content/Sobre Nós.md", "").unwrap().path, "sobre-nos/");
        assert_eq!(resolve("Sobre%20N%C3%B3s.md", "").unwrap().file, "Sobre Nós.md");
        assert!(resolve("../../x.md", "a").is_none(), "outside content/");
        assert!(resolve("https://gov.br/x.md", "").is_none());
        assert!(resolve("/programas/", "").is_none());
    }

    #[test]
    fn attachments_resolve_from_the_source_folder() {
        assert_eq!(attachment("foto.jpg", "paginas").as_deref(), Some("paginas/foto.jpg"));
        assert_eq!(attachment("../anexos/edital.pdf#page=2", "paginas").as_deref(), Some("anexos/edital.pdf#page=2"));
        assert_eq!(attachment("foto.jpg", "").as_deref(), Some("foto.jpg"));
        for other in
            ["/img/x.jpg", "https://gov.br/x.pdf", "../unidades/", "lei.md", "#art1", "outra-pagina", "x/index.html"]
        {
            assert_eq!(attachment(other, "paginas"), None, "{other}");
        }
    }
}
