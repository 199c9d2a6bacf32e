//! Rendering diagnostics for people: a terminal report with a code frame (codespan-reporting)
//! and an HTML fragment for the live-preview overlay. The only place that formats diagnostics.

use super::{Diagnostic, Diagnostics, LineIndex, Severity};
use crate::escape::escape;
use codespan_reporting::diagnostic::{Diagnostic as Frame, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::NoColor, Config};
use std::path::Path;

/// Renders every diagnostic, sorted, with the offending line when the file can be read.
/// `read` returns a file's text given its path relative to the site root.
pub fn render_terminal(diagnostics: &Diagnostics, read: &dyn Fn(&Path) -> Option<String>) -> String {
    let mut out = NoColor::new(Vec::new());
    let config = Config::default();
    for diagnostic in diagnostics.sorted() {
        let mut files = SimpleFiles::new();
        let mut frame = match diagnostic.severity {
            Severity::Error => Frame::error(),
            Severity::Warning => Frame::warning(),
        }
        .with_message(&diagnostic.message);
        match (&diagnostic.file, diagnostic.location) {
            (Some(file), Some(location)) => match read(file) {
                Some(text) => {
                    let index = LineIndex::new(&text);
                    let range = index.line_range(&text, location.line).unwrap_or(0..0);
                    let start = column_offset(&text, range.clone(), location.column);
                    let end = if start < range.end { range.end } else { start };
                    let id = files.add(file.display().to_string(), text);
                    frame = frame.with_labels(vec![Label::primary(id, start..end)]);
                }
                None => frame = frame.with_notes(vec![position(diagnostic)]),
            },
            (Some(_), None) => frame = frame.with_notes(vec![position(diagnostic)]),
            _ => {}
        }
        if let Some(help) = &diagnostic.help {
            frame.notes.push(format!("dica: {help}"));
        }
        // Writing into a Vec cannot fail; a failure would only lose this one frame.
        let _ = term::emit(&mut out, &config, &files, &frame);
    }
    // codespan-reporting writes the severity in English; the header lines are ours to translate.
    String::from_utf8_lossy(&out.into_inner())
        .lines()
        .map(|line| {
            if let Some(rest) = line.strip_prefix("error:") {
                format!("erro:{rest}\n")
            } else if let Some(rest) = line.strip_prefix("warning:") {
                format!("aviso:{rest}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

/// `arquivo:linha:coluna` for a diagnostic, or just the file.
pub fn position(diagnostic: &Diagnostic) -> String {
    match (&diagnostic.file, diagnostic.location) {
        (Some(file), Some(l)) => format!("{}:{}:{}", file.display(), l.line, l.column),
        (Some(file), None) => file.display().to_string(),
        _ => String::new(),
    }
}

/// One line per diagnostic: `erro: arquivo:linha:coluna: mensagem (dica: …)`.
pub fn render_plain(diagnostics: &Diagnostics) -> String {
    let mut out = String::new();
    for d in diagnostics.sorted() {
        let kind = match d.severity {
            Severity::Error => "erro",
            Severity::Warning => "aviso",
        };
        let at = position(d);
        out.push_str(kind);
        out.push_str(": ");
        if !at.is_empty() {
            out.push_str(&at);
            out.push_str(": ");
        }
        out.push_str(&d.message);
        if let Some(help) = &d.help {
            out.push_str(" (dica: ");
            out.push_str(help);
            out.push(')');
        }
        out.push('\n');
    }
    out
}

/// The overlay shown in the browser while the content has errors.
pub fn render_html(diagnostics: &Diagnostics) -> String {
    let mut out = String::from("<ul class=\"secretaria-erros\">");
    for d in diagnostics.sorted().into_iter().filter(|d| d.severity == Severity::Error) {
        out.push_str("<li><strong>");
        out.push_str(&escape(&position(d)));
        out.push_str("</strong> ");
        out.push_str(&escape(&d.message));
        if let Some(help) = &d.help {
            out.push_str("<br><em>Dica: ");
            out.push_str(&escape(help));
            out.push_str("</em>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

fn column_offset(text: &str, line: std::ops::Range<usize>, column: usize) -> usize {
    let line_text = text.get(line.clone()).unwrap_or("");
    line_text.char_indices().nth(column.saturating_sub(1)).map_or(line.end, |(i, _)| line.start + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

    #[test]
    fn terminal_report_shows_file_line_and_code_frame() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::error("hora inválida: 25:00")
                .in_file("content/unidades/cras.yaml")
                .at(Location::new(2, 10))
                .with_help("as horas vão de 00:00 a 23:59"),
        );
        let text = "nome: CRAS\nhorario: 08:00-25:00\n".to_string();
        let out = render_terminal(&diagnostics, &|_| Some(text.clone()));
        assert!(out.starts_with("erro: hora inválida: 25:00"), "{out}");
        assert!(out.contains("content/unidades/cras.yaml:2:10"), "{out}");
        assert!(out.contains("horario: 08:00-25:00"), "{out}");
        assert!(out.contains("dica: as horas vão de 00:00 a 23:59"), "{out}");
    }

    #[test]
    fn html_overlay_escapes() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Diagnostic::error("<script>"));
        assert!(render_html(&diagnostics).contains("&lt;script&gt;"));
    }
}
