//! Documents a page offers (a programme's leaflet, a council's minutes and resolutions): what
//! the editor wrote of each, and where the link goes. A document is a file published by the
//! site (`static/` or beside the content), a page of the site (its `.md` file), or an address
//! on another site. [`Target::parse`] reads what the editor wrote; whether a file or page of
//! the site exists is checked once everything is loaded (`model::validate`).

use super::datetime::Date;
use super::field_error::FieldError;
use crate::diagnostics::Code;
use serde::Serialize;

/// One document, as a page lists it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Document {
    /// `titulo`: what the page calls it; when absent, the page names it by its kind, number
    /// and date ("Resolução nº 3/2026, de 11 de fevereiro de 2026").
    #[serde(rename = "titulo", skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `numero`, as written ("03/2026").
    #[serde(rename = "numero", skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// `data`: the day it was signed, or of the meeting its minutes record.
    #[serde(rename = "data", serialize_with = "super::serde_iso::date", skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// `ementa` (or `descricao`): what it is about, one sentence.
    #[serde(rename = "ementa", skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Where the link goes.
    #[serde(rename = "endereco")]
    pub target: Target,
}

impl Document {
    /// The name a page shows: `titulo`, else `kind` with the number and the date.
    pub(crate) fn display_title(&self, kind: &str) -> String {
        if let Some(title) = &self.title {
            return title.clone();
        }
        match (&self.number, self.date) {
            (Some(n), Some(d)) => format!("{kind} nº {n}, de {}", d.date_long()),
            (Some(n), None) => format!("{kind} nº {n}"),
            (None, Some(d)) => format!("{kind} de {}", d.date_long()),
            (None, None) => kind.to_string(),
        }
    }
}

/// Where a document's link goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "tipo", content = "valor", rename_all = "lowercase")]
pub(crate) enum Target {
    /// A file or page of this site: its site path (`atas/2026-01-14.pdf`,
    /// `legislacao/lei-do-cmas/`), with a `#fragment` when one was written.
    Site(String),
    /// An address on another site, as the URL parser writes it.
    External(String),
}

impl Target {
    /// The file format a reader is told about before following the link ("PDF"), from the
    /// extension of a file; nothing for pages and other sites' addresses.
    pub(crate) fn format(&self) -> Option<String> {
        let Target::Site(path) = self else { return None };
        let path = path.split('#').next().unwrap_or(path);
        let (_, ext) = path.rsplit_once('.')?;
        let ext = ext.to_ascii_lowercase();
        matches!(
            ext.as_str(),
            "pdf" | "odt" | "ods" | "odp" | "doc" | "docx" | "xls" | "xlsx" | "ppt" | "pptx" | "csv" | "rtf" | "zip"
        )
        .then(|| ext.to_uppercase())
    }
}

/// What an editor wrote for a local document, read: a page (its `.md` file under `content/`)
/// or a published file (its path in the output), with the fragment apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Local {
    /// `content/…/x.md`, relative to the site root.
    Page { file: String, fragment: Option<String> },
    /// The path the file is published at (`atas/ata.pdf` for `static/atas/ata.pdf`).
    File { published: String, fragment: Option<String> },
}

/// What an editor wrote for a document's address: another site's, checked now, or one of
/// this site's, checked once every file is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Written {
    External(String),
    Local(Local),
}

/// Reads `arquivo:`: `https://…`, `/atas/ata.pdf`, `static/atas/ata.pdf`, `content/x/y.pdf`,
/// `legislacao/lei.md`.
pub(crate) fn parse(text: &str) -> Result<Written, FieldError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(FieldError::new(Code::InvalidDocument, "o endereço do documento está vazio").with_help(HELP));
    }
    if let Some(scheme) = crate::safe_url::scheme(trimmed) {
        if matches!(scheme.as_str(), "http" | "https") {
            return crate::safe_url::parse_external(trimmed).map(Written::External).map_err(|problem| {
                FieldError::new(Code::InvalidDocument, format!("endereço inválido: {problem}")).with_help(HELP)
            });
        }
        return Err(FieldError::new(
            Code::InvalidDocument,
            format!("endereço não permitido para um documento ({scheme}:)"),
        )
        .with_help(HELP));
    }
    if trimmed.starts_with("//") || trimmed.contains('\\') {
        return Err(FieldError::new(Code::InvalidDocument, format!("endereço de documento inválido: {trimmed}"))
            .with_help(HELP));
    }
    let (path, fragment) = match trimmed.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment.to_string()).filter(|f| !f.is_empty())),
        None => (trimmed, None),
    };
    let path = path.split('?').next().unwrap_or(path).trim_start_matches('/');
    if path.is_empty() || path.split('/').any(|part| part == ".." || part == ".") {
        return Err(FieldError::new(Code::InvalidDocument, format!("endereço de documento inválido: {trimmed}"))
            .with_help(HELP));
    }
    if let Some(file) = path.strip_suffix(".md") {
        let file = file.strip_prefix("content/").unwrap_or(file);
        return Ok(Written::Local(Local::Page { file: format!("content/{file}.md"), fragment }));
    }
    let published = path.strip_prefix("static/").or_else(|| path.strip_prefix("content/")).unwrap_or(path);
    Ok(Written::Local(Local::File { published: published.to_string(), fragment }))
}

/// How to write a document's address.
pub(crate) const HELP: &str = "escreva o caminho de um arquivo do site (static/atas/ata-2026-01.pdf), de uma página \
                               (participacao-social/atas/ata-2026-01.md) ou um endereço completo (https://…)";

#[cfg(test)]
mod tests {
    use super::*;

    fn local(text: &str) -> Option<Local> {
        match parse(text) {
            Ok(Written::Local(local)) => Some(local),
            _ => None,
        }
    }

    #[test]
    fn local_files_and_pages_however_they_are_written() {
        let file = |p: &str| Some(Local::File { published: p.to_string(), fragment: None });
        assert_eq!(local("static/atas/ata.pdf"), file("atas/ata.pdf"));
        assert_eq!(local("/atas/ata.pdf"), file("atas/ata.pdf"));
        assert_eq!(local("atas/ata.pdf"), file("atas/ata.pdf"));
        assert_eq!(local("content/programas/cartilha.pdf"), file("programas/cartilha.pdf"));
        assert_eq!(
            local("/legislacao/lei.md#art3"),
            Some(Local::Page { file: "content/legislacao/lei.md".into(), fragment: Some("art3".into()) })
        );
        assert_eq!(local("content/x/y.md"), Some(Local::Page { file: "content/x/y.md".into(), fragment: None }));
    }

    #[test]
    fn other_sites_are_checked_and_scripts_refused() {
        assert_eq!(
            parse("https://www.gov.br/mds/pt-br").ok(),
            Some(Written::External("https://www.gov.br/mds/pt-br".into()))
        );
        for bad in ["javascript:alert(1)", "data:text/html,x", "https://", "http://a b/", "../segredo.pdf", "", "//x/y"]
        {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn formats_of_files_only() {
        assert_eq!(Target::Site("atas/a.PDF".into()).format().as_deref(), Some("PDF"));
        assert_eq!(Target::Site("legislacao/lei/".into()).format(), None);
        assert_eq!(Target::External("https://x.br/a.pdf".into()).format(), None);
    }

    #[test]
    fn titles_from_what_is_known() {
        let doc = |title: Option<&str>, number: Option<&str>, date: Option<Date>| Document {
            title: title.map(str::to_string),
            number: number.map(str::to_string),
            date,
            summary: None,
            target: Target::Site("x.pdf".into()),
        };
        let date = Date::from_ymd(2026, 2, 11);
        assert_eq!(
            doc(None, Some("3/2026"), date).display_title("Resolução"),
            "Resolução nº 3/2026, de 11 de fevereiro de 2026"
        );
        assert_eq!(doc(None, None, date).display_title("Ata da reunião"), "Ata da reunião de 11 de fevereiro de 2026");
        assert_eq!(doc(Some("Regimento"), Some("1"), date).display_title("Documento"), "Regimento");
    }
}
