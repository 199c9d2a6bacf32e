//! Rendering diagnostics for people: a terminal report with a code frame (codespan-reporting)
//! and an HTML fragment for the live-preview overlay. The only place that formats diagnostics.

use super::{Diagnostic, Diagnostics, LineIndex, Severity};
use crate::escape::escape;
use codespan_reporting::diagnostic::{Diagnostic as Frame, Label};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::{self, termcolor::NoColor, Config};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Renders every diagnostic, sorted, with the offending line when the file can be read.
/// `read` returns a file's text given its path relative to the site root.
pub fn render_terminal(diagnostics: &Diagnostics, read: &dyn Fn(&Path) -> Option<String>) -> String {
    let mut out = NoColor::new(Vec::new());
    let config = Config::default();
    // Each file is read and indexed once: a long text with thousands of warnings would
    // otherwise be read again for each of them.
    let mut sources: HashMap<PathBuf, Option<(String, LineIndex)>> = HashMap::new();
    for diagnostic in diagnostics.sorted() {
        let mut excerpt = None;
        let mut frame = match diagnostic.severity {
            Severity::Error => Frame::error(),
            Severity::Warning => Frame::warning(),
        }
        .with_code(diagnostic.code.id())
        .with_message(shorten(&diagnostic.message, MAX_MESSAGE));
        match (&diagnostic.file, diagnostic.location) {
            (Some(file), Some(location)) => match sources
                .entry(file.clone())
                .or_insert_with(|| read(file).map(|text| (LineIndex::new(&text), text)).map(|(i, t)| (t, i)))
                .as_ref()
                .and_then(|(text, index)| Excerpt::new(file, text, index, location))
            {
                Some(found) => {
                    frame = frame.with_labels(vec![Label::primary((), found.label.clone())]);
                    excerpt = Some(found);
                }
                None => frame = frame.with_notes(vec![position(diagnostic)]),
            },
            (Some(_), None) => frame = frame.with_notes(vec![position(diagnostic)]),
            _ => {}
        }
        if let Some(help) = &diagnostic.help {
            frame.notes.push(format!("dica: {}", shorten(help, MAX_MESSAGE)));
        }
        // Writing into a Vec cannot fail; a failure would only lose this one frame.
        let _ = match &excerpt {
            Some(file) => term::emit(&mut out, &config, file, &frame),
            None => term::emit(&mut out, &config, &NoFile, &frame),
        };
    }
    // codespan-reporting writes the severity in English; the header lines are ours to translate.
    String::from_utf8_lossy(&out.into_inner())
        .lines()
        .map(|line| {
            // `error[S0301]: …` (with the code) or `error: …`.
            if let Some(rest) = line.strip_prefix("error[").or_else(|| line.strip_prefix("error:")) {
                let open = if line.starts_with("error[") { "[" } else { ":" };
                format!("erro{open}{rest}\n")
            } else if let Some(rest) = line.strip_prefix("warning[").or_else(|| line.strip_prefix("warning:")) {
                let open = if line.starts_with("warning[") { "[" } else { ":" };
                format!("aviso{open}{rest}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

/// Messages longer than this are cut (a value pasted into a message can be a whole file).
const MAX_MESSAGE: usize = 400;
/// Lines longer than this are shown as a window around the column.
const MAX_LINE: usize = 120;
/// Characters shown before the column in a cut line.
const BEFORE: usize = 40;

/// `text` cut to `max` characters, with "…" when cut.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The one line a frame shows, cut around the column when it is long: a 100 KB line of a
/// pasted table must not fill the terminal. The header keeps the file's own column.
struct Excerpt {
    name: String,
    /// The line as shown.
    line: String,
    /// Its 1-based number in the file.
    number: usize,
    /// Characters of the file's line before the first one shown, less the "…" shown instead.
    shift: usize,
    /// The marked bytes of `line`.
    label: std::ops::Range<usize>,
}

impl Excerpt {
    fn new(file: &Path, text: &str, index: &LineIndex, location: super::Location) -> Option<Excerpt> {
        let full = text.get(index.line_range(text, location.line)?)?;
        let chars = full.chars().count();
        let column = location.column.saturating_sub(1).min(chars);
        let (start, end) = if chars > MAX_LINE {
            let start = column.saturating_sub(BEFORE);
            (start, (start + MAX_LINE).min(chars))
        } else {
            (0, chars)
        };
        let ellipsis = usize::from(start > 0);
        let mut line = String::new();
        if start > 0 {
            line.push('…');
        }
        line.extend(full.chars().skip(start).take(end - start));
        let marked_from = line.char_indices().nth(column - start + ellipsis).map_or(line.len(), |(i, _)| i);
        let marked_to = line.len();
        if end < chars {
            line.push('…');
        }
        Some(Excerpt {
            name: file.display().to_string(),
            line,
            number: location.line,
            shift: start - ellipsis,
            label: marked_from..marked_to,
        })
    }
}

impl<'a> Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.line)
    }

    fn line_index(&'a self, (): (), _: usize) -> Result<usize, files::Error> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _: usize) -> Result<usize, files::Error> {
        Ok(self.number)
    }

    fn column_number(&'a self, (): (), _: usize, byte: usize) -> Result<usize, files::Error> {
        Ok(self.line.get(..byte).map_or(0, |s| s.chars().count()) + 1 + self.shift)
    }

    fn line_range(&'a self, (): (), _: usize) -> Result<std::ops::Range<usize>, files::Error> {
        Ok(0..self.line.len())
    }
}

/// The files of a frame without a code excerpt.
struct NoFile;

impl<'a> Files<'a> for NoFile {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Err(files::Error::FileMissing)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Err(files::Error::FileMissing)
    }

    fn line_index(&'a self, (): (), _: usize) -> Result<usize, files::Error> {
        Err(files::Error::FileMissing)
    }

    fn line_range(&'a self, (): (), _: usize) -> Result<std::ops::Range<usize>, files::Error> {
        Err(files::Error::FileMissing)
    }
}

/// `arquivo:linha:coluna` for a diagnostic, or just the file.
pub fn position(diagnostic: &Diagnostic) -> String {
    match (&diagnostic.file, diagnostic.location) {
        (Some(file), Some(l)) => format!("{}:{}:{}", file.display(), l.line, l.column),
        (Some(file), None) => file.display().to_string(),
        _ => String::new(),
    }
}

/// One line per diagnostic: `erro[S0301]: arquivo:linha:coluna: mensagem (dica: …)`.
pub fn render_plain(diagnostics: &Diagnostics) -> String {
    let mut out = String::new();
    for d in diagnostics.sorted() {
        let kind = match d.severity {
            Severity::Error => "erro",
            Severity::Warning => "aviso",
        };
        let at = position(d);
        out.push_str(kind);
        out.push('[');
        out.push_str(d.code.id());
        out.push_str("]: ");
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
    render_html_of(diagnostics, Some(Severity::Error))
}

/// The overlay's list of every diagnostic (`serve`'s warnings), or of one severity.
pub fn render_html_of(diagnostics: &Diagnostics, only: Option<Severity>) -> String {
    let mut out = String::from("<ul class=\"secretaria-erros\">");
    for d in diagnostics.sorted().into_iter().filter(|d| only.is_none_or(|s| d.severity == s)) {
        out.push_str("<li><strong>");
        out.push_str(&escape(&position(d)));
        out.push_str("</strong> [");
        out.push_str(d.code.id());
        out.push_str("] ");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;
    use crate::diagnostics::Location;

    #[test]
    fn terminal_report_shows_file_line_and_code_frame() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::new(Code::InvalidHours, "hora inválida: 25:00")
                .in_file("content/unidades/cras.yaml")
                .at(Location::new(2, 10))
                .with_help("as horas vão de 00:00 a 23:59"),
        );
        let text = "nome: CRAS\nhorario: 08:00-25:00\n".to_string();
        let out = render_terminal(&diagnostics, &|_| Some(text.clone()));
        assert!(out.starts_with("erro[S0303]: hora inválida: 25:00"), "{out}");
        assert!(out.contains("content/unidades/cras.yaml:2:10"), "{out}");
        assert!(out.contains("horario: 08:00-25:00"), "{out}");
        assert!(out.contains("dica: as horas vão de 00:00 a 23:59"), "{out}");
    }

    #[test]
    fn long_lines_are_cut_around_the_column_which_stays_the_files() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::new(Code::WrongType, "valor de tipo errado")
                .in_file("content/x.yaml")
                .at(Location::new(2, 50_001)),
        );
        let text = format!("a: 1\nb: {}MARCA{}\n", "x".repeat(49_997), "y".repeat(50_000));
        let out = render_terminal(&diagnostics, &|_| Some(text.clone()));
        assert!(out.contains("content/x.yaml:2:50001"), "{out}");
        assert!(out.contains("2 │ …xxxx") && out.contains("xMARCAy") && out.contains("yyy…"), "{out}");
        assert!(out.len() < 1_000, "{} bytes:\n{out}", out.len());
        let marked = out.lines().find(|l| l.contains('^')).unwrap_or("");
        let line = out.lines().find(|l| l.contains("MARCA")).unwrap_or("");
        let column = |l: &str, i: Option<usize>| i.map(|i| l[..i].chars().count());
        assert_eq!(column(marked, marked.find('^')), column(line, line.find("MARCA")), "{out}");
    }

    #[test]
    fn long_messages_are_cut() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Diagnostic::new(Code::InvalidHours, format!("hora inválida: {}", "9".repeat(100_000))));
        assert!(render_terminal(&diagnostics, &|_| None).len() < 1_000);
    }

    #[test]
    fn html_overlay_escapes() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Diagnostic::new(Code::Internal, "<script>"));
        assert!(render_html(&diagnostics).contains("&lt;script&gt;"));
    }
}
