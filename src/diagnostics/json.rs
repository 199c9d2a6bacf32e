//! Diagnostics as a JSON document (`--format json` of `build` and `check`), for an editor's CI
//! job or text editor: one flat record per diagnostic, sorted as in the terminal.
//!
//! ```json
//! {"diagnosticos": [{"file": "content/x.md", "line": 4, "column": 9, "code": "S0301",
//!   "severity": "error", "message": "…", "hint": "…"}], "erros": 1, "avisos": 0}
//! ```

use super::{Code, Diagnostic, Diagnostics, Location, Severity};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// One diagnostic as published in JSON. Paths use `/` on every system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

/// The whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub diagnosticos: Vec<Record>,
    pub erros: usize,
    pub avisos: usize,
    /// The transparency checklist of `check`, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checklist: Option<crate::checklist::Checklist>,
    /// The readability of each text, the hardest first (`check`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legibilidade: Option<crate::plain::Readability>,
}

impl From<&Diagnostic> for Record {
    fn from(d: &Diagnostic) -> Self {
        Record {
            file: d.file.as_ref().map(|f| f.to_string_lossy().replace('\\', "/")),
            line: d.location.map(|l| l.line),
            column: d.location.map(|l| l.column),
            code: d.code,
            severity: d.severity,
            message: d.message.clone(),
            hint: d.help.clone(),
        }
    }
}

impl From<&Record> for Diagnostic {
    fn from(r: &Record) -> Self {
        Diagnostic {
            code: r.code,
            severity: r.severity,
            file: r.file.as_ref().map(PathBuf::from),
            location: r.line.map(|line| Location::new(line, r.column.unwrap_or(1))),
            message: r.message.clone(),
            help: r.hint.clone(),
        }
    }
}

impl Document {
    pub fn new(diagnostics: &Diagnostics) -> Self {
        Document {
            diagnosticos: diagnostics.sorted().into_iter().map(Record::from).collect(),
            erros: diagnostics.error_count(),
            avisos: diagnostics.warning_count(),
            checklist: None,
            legibilidade: None,
        }
    }
}

/// The document for `diagnostics`, pretty-printed.
pub fn render(document: &Document) -> String {
    // A struct of strings and numbers always serialises.
    serde_json::to_string_pretty(document).unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::new(Code::InvalidHours, "hora inválida: 25:00 \"aspas\" \n e <tags>")
                .in_file("content/unidades/cras.yaml")
                .at(Location::new(2, 10))
                .with_help("as horas vão de 00:00 a 23:59"),
        );
        diagnostics.push(Diagnostic::new(Code::NotPublished, "arquivo não publicado").in_file("content/x.docx"));
        diagnostics.push(Diagnostic::new(Code::MachineFailure, "disco cheio"));
        let text = render(&Document::new(&diagnostics));
        let parsed: Document = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed, Document::new(&diagnostics));
        let back: Vec<Diagnostic> = parsed.diagnosticos.iter().map(Diagnostic::from).collect();
        let original: Vec<Diagnostic> = diagnostics.sorted().into_iter().cloned().collect();
        assert_eq!(back, original);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["diagnosticos"][0]["code"], "S0705");
        assert!(value["diagnosticos"][0]["file"].is_null());
        assert_eq!(value["diagnosticos"][2]["code"], "S0104");
        assert_eq!(value["erros"], 2);
    }
}
