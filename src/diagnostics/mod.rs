//! Content errors and warnings as data. Every stage pushes into one [`Diagnostics`] sink so that
//! `build` and `check` report *all* problems of a site at once, sorted by file and line, instead
//! of stopping at the first. Rendering for humans lives in [`report`].

mod codes;
pub mod json;
pub mod report;
mod span;

pub use codes::{guide, Code};
pub use span::{LineIndex, Location};

use std::path::{Path, PathBuf};

/// How bad a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the content, in Portuguese, located in a file when it has one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// What kind of problem this is (the registry in `codes.rs`); it gives the severity.
    pub code: Code,
    pub severity: Severity,
    /// The file relative to the site root, e.g. `content/avisos/conferencia.md`.
    pub file: Option<PathBuf>,
    pub location: Option<Location>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of kind `code`, with that code's severity.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic { code, severity: code.severity(), file: None, location: None, message: message.into(), help: None }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn at_opt(mut self, location: Option<Location>) -> Self {
        self.location = location.or(self.location);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help.or(self.help);
        self
    }
}

/// The sink every loading and validation step writes into.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

/// What a check found at a byte offset of a text: the offset, the code, the message, the hint.
pub(crate) type Finding = (usize, Code, String, String);

/// `found` as diagnostics of `file`, located in `text`, a text that starts after `line_offset`
/// lines of its file (a page body after its front matter).
pub(crate) fn located(file: &Path, text: &str, line_offset: usize, found: Vec<Finding>) -> Vec<Diagnostic> {
    if found.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(text);
    found
        .into_iter()
        .map(|(offset, code, message, help)| {
            Diagnostic::new(code, message)
                .in_file(file)
                .at(index.location(text, offset).offset_lines(line_offset))
                .with_help(help)
        })
        .collect()
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Errors as reported ([`Diagnostics::sorted`]): the same error found more than once (a
    /// template's, by every page that shows it) is listed, and counted, once.
    pub fn error_count(&self) -> usize {
        self.count_as_listed(Severity::Error)
    }

    /// Warnings as reported, each once (see [`Diagnostics::error_count`]).
    pub fn warning_count(&self) -> usize {
        self.count_as_listed(Severity::Warning)
    }

    /// How many diagnostics of `severity` the report lists: counted over [`Diagnostics::sorted`],
    /// which lists the same problem found more than once a single time.
    fn count_as_listed(&self, severity: Severity) -> usize {
        self.sorted().into_iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Diagnostics in a stable order: by file, then line, errors before warnings.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (&a.file, a.location.map(|l| (l.line, l.column)), a.severity, &a.message).cmp(&(
                &b.file,
                b.location.map(|l| (l.line, l.column)),
                b.severity,
                &b.message,
            ))
        });
        items.dedup();
        items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Every diagnostic as a warning (`serve`'s checks: the last good site is what is served).
    pub fn as_warnings(mut self) -> Self {
        for d in &mut self.items {
            d.severity = Severity::Warning;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the summary line and the JSON count is what they list: an error found by every
    /// page that shows a template is one error.
    #[test]
    fn the_same_error_found_twice_is_counted_once() {
        let error = |line| {
            Diagnostic::new(Code::TemplateRender, "o modelo usa `x`")
                .in_file("themes/meu/templates/page.html")
                .at(Location::new(line, 7))
        };
        let mut d = Diagnostics::new();
        for _ in 0..42 {
            d.push(error(2));
        }
        d.push(error(3));
        d.push(Diagnostic::new(Code::NotPublished, "aviso").in_file("static/x"));
        d.push(Diagnostic::new(Code::NotPublished, "aviso").in_file("static/x"));
        assert_eq!(d.sorted().len(), 3);
        assert_eq!((d.error_count(), d.warning_count()), (2, 1));
    }
}
