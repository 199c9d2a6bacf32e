//! The load-time look at one Markdown text: what [`super::render`] would refuse or drop,
//! as located diagnostics, so that the editor hears about it instead of finding a page that
//! silently differs from what was written.
//!
//! - error: nesting beyond [`MAX_DEPTH`] (the build stops; nothing is published);
//! - warning: a link or image address with a refused scheme (the page keeps its text);
//! - warning: heading attributes other than `{#id}` and `{.classe}` (they are dropped);
//! - warning: raw HTML elements that never reach a page (`<script>`, `<iframe>`, `<form>`…):
//!   an embedded map or video pasted from another site disappears, and the editor should know;
//! - warning: a paragraph that looks like a list pasted without markers (one item per line,
//!   which Markdown joins into one run-on paragraph); nothing is guessed, the editor decides.
//!
//! Positions are byte offsets in the text; [`body`] and [`yaml_field`] turn them into file
//! locations for page bodies and for Markdown fields of YAML files.

use super::chunks::Plan;
use super::facts::{Collector, Fact, Facts};
use super::nesting::{Nesting, MAX_DEPTH};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, LineIndex, Location};
use crate::model::Body;
use crate::safe_url as url;
use crate::source::yaml::YamlDoc;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// At most this many warnings of one kind per text: the rest are counted in the last one.
const MAX_WARNINGS: usize = 10;

/// One thing found in a text, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub offset: usize,
    pub code: Code,
    pub message: String,
    pub help: String,
}

/// Everything [`render`](super::render) would refuse or drop in `markdown`.
pub(crate) fn problems(markdown: &str) -> Vec<Problem> {
    problems_and_facts(markdown).0
}

/// [`problems`], and in the same pass over the events what the site check needs of the text
/// ([`Facts`]).
pub(crate) fn problems_and_facts(markdown: &str) -> (Vec<Problem>, Facts) {
    let plan = Plan::new(markdown);
    let mut look = Look::new(markdown);
    for (event, range) in plan.events(markdown) {
        look.event(&event, &range);
    }
    look.finish()
}

/// What [`problems_and_facts`] finds, gathered from a text's events as they are fed, so that
/// the pass that renders a body (`super::render_looking`) can look at it too: every event of
/// the text, in order, with its byte range in the whole text.
pub(crate) struct Look<'m> {
    markdown: &'m str,
    collector: Collector<'m>,
    found: Vec<Problem>,
    nesting: Nesting,
    too_deep: bool,
    addresses: usize,
    attributes: usize,
    removed: usize,
    lists: usize,
    /// The lines of the paragraph being read (None outside paragraphs or after a hard break).
    paragraph: Option<(usize, Vec<String>)>,
    /// Where the first raw HTML is: the sanitiser's own parse is checked for depth at the end.
    first_raw: Option<usize>,
}

impl<'m> Look<'m> {
    pub(crate) fn new(markdown: &'m str) -> Self {
        Look {
            markdown,
            collector: Collector::new(markdown),
            found: Vec::new(),
            nesting: Nesting::new(),
            too_deep: false,
            addresses: 0,
            attributes: 0,
            removed: 0,
            lists: 0,
            paragraph: None,
            first_raw: None,
        }
    }

    /// One event of the text and its byte range.
    pub(crate) fn event(&mut self, event: &Event<'_>, range: &Range<usize>) {
        self.collector.event(event, range);
        let paragraph = &mut self.paragraph;
        match event {
            Event::Start(Tag::Paragraph) => *paragraph = Some((range.start, vec![String::new()])),
            Event::Text(t) | Event::Code(t) => {
                if let Some(line) = paragraph.as_mut().and_then(|(_, lines)| lines.last_mut()) {
                    // A line's first text is judged before it is copied: most paragraphs
                    // are prose, told from their first text, and are then never copied.
                    let prose = if line.is_empty() {
                        never_an_item(t, false)
                    } else {
                        line.push_str(t);
                        never_an_item(line, false)
                    };
                    if prose {
                        // Not a list whatever follows: prose is not copied line by line.
                        *paragraph = None;
                    } else if line.is_empty() {
                        line.push_str(t);
                    }
                }
            }
            Event::SoftBreak => {
                if let Some((_, lines)) = paragraph.as_mut() {
                    if lines.last().is_some_and(|line| never_an_item(line, true)) {
                        *paragraph = None;
                    } else {
                        lines.push(String::new());
                    }
                }
            }
            Event::HardBreak => *paragraph = None,
            Event::End(TagEnd::Paragraph) => {
                if let Some((start, lines)) = paragraph.take() {
                    if looks_like_a_list(&lines) {
                        self.lists += 1;
                        if self.lists <= MAX_WARNINGS {
                            self.found.push(Problem {
                                offset: start,
                                code: Code::ListWithoutMarkers,
                                message: format!(
                                    "estas {} linhas parecem os itens de uma lista, mas viram um só parágrafo",
                                    lines.len()
                                ),
                                help: "se for uma lista, comece cada item com `- ` (hífen e espaço); se for um parágrafo, ignore este aviso".into(),
                            });
                        }
                    }
                }
            }
            _ => {}
        }
        let excess = match event {
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => None,
            Event::End(_) if self.too_deep => None,
            Event::Start(_) if !self.too_deep => {
                self.nesting.open();
                (self.nesting.depth() > MAX_DEPTH).then_some(range.start)
            }
            Event::End(_) => {
                self.nesting.close();
                None
            }
            Event::Html(html) | Event::InlineHtml(html) if !self.too_deep => {
                self.nesting.feed_html(html).map(|i| (range.start + i).min(range.end))
            }
            _ => None,
        };
        if let Some(offset) = excess {
            self.too_deep = true;
            self.found.push(Problem {
                offset,
                code: Code::TooDeep,
                message: format!(
                    "o texto tem níveis demais, um dentro do outro (mais de {MAX_DEPTH}): citações (>), listas, ênfases ou HTML"
                ),
                help: "um texto real não passa de uns dez níveis; confira se não há sinais de citação (>), marcadores de lista (-) ou asteriscos repetidos por engano".into(),
            });
        }
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                if let Some(scheme) = url::refused_scheme(dest_url) {
                    self.addresses += 1;
                    if self.addresses <= MAX_WARNINGS {
                        self.found.push(Problem {
                            offset: range.start,
                            code: Code::RefusedAddress,
                            message: format!("endereço não permitido ({scheme}:): o link ou a imagem foi removido e o texto ficou"),
                            help: "use endereços http://, https://, mailto:, tel: ou do próprio site (/pagina/); uma imagem vai como arquivo ao lado da página: ![descrição](foto.jpg)".into(),
                        });
                    }
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                self.first_raw.get_or_insert(range.start);
                for tag in removed_elements(html) {
                    self.removed += 1;
                    if self.removed <= MAX_WARNINGS {
                        self.found.push(Problem {
                            offset: range.start,
                            code: Code::RawHtmlRemoved,
                            message: format!("HTML que não é publicado: <{tag}> (o elemento é retirado da página)"),
                            help: "o site não executa programas nem carrega conteúdo de outros sites; para um mapa ou vídeo, publique um link para ele".into(),
                        });
                    }
                }
            }
            Event::Start(Tag::Heading { attrs, .. }) if !attrs.is_empty() => {
                self.attributes += 1;
                if self.attributes <= MAX_WARNINGS {
                    let names: Vec<&str> = attrs.iter().map(|(k, _)| k.as_ref()).collect();
                    self.found.push(Problem {
                        offset: range.start,
                        code: Code::HeadingAttributes,
                        message: format!("atributos de título ignorados: {}", names.join(", ")),
                        help: "um título aceita só {#identificador} e {.classe}".into(),
                    });
                }
            }
            _ => {}
        }
    }

    /// What was found, once every event was fed.
    pub(crate) fn finish(mut self) -> (Vec<Problem>, Facts) {
        // The sanitiser parses raw HTML as a browser does and may nest what the count above
        // saw as siblings (a mis-nested `<select>`, foreign content): what it builds is
        // checked too.
        if let (false, Some(offset)) = (self.too_deep, self.first_raw) {
            let mut html = String::new();
            pulldown_cmark::html::push_html(
                &mut html,
                pulldown_cmark::Parser::new_ext(self.markdown, super::parser_options()),
            );
            if super::sanitise::clean_bounded(&html, true).1 {
                self.found.push(Problem {
                    offset,
                    code: Code::TooDeep,
                    message: format!(
                        "o HTML colado tem níveis demais, um dentro do outro (mais de {MAX_DEPTH}), do jeito que um navegador o lê"
                    ),
                    help: "confira as marcas de HTML coladas a partir daqui: alguma foi aberta muitas vezes sem ser fechada (<div>, <span>, <select>…)".into(),
                });
            }
        }
        (self.found, self.collector.finish())
    }
}

/// Whether a paragraph with `line` among its lines can no longer be what
/// [`looks_like_a_list`] accepts: the line is longer than any item (over 160 characters,
/// trimmed: more than 640 bytes is surely that, and the line only grows), it does not start
/// as an item does (known from its first character on), or, once whole (`done`), it is empty.
fn never_an_item(line: &str, done: bool) -> bool {
    let trimmed = line.trim();
    if trimmed.len() > 640 || (done && trimmed.chars().count() > 160) {
        return true;
    }
    match trimmed.is_empty() {
        // The first character of a line is known as soon as it has one.
        false => !starts_like_an_item(trimmed),
        true => done,
    }
}

/// Whether a (trimmed) line starts as a list item does: a capital, a digit, a bullet.
fn starts_like_an_item(line: &str) -> bool {
    line.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || bullet(line)
}

/// Whether a line starts with a bullet character pasted from a word processor.
fn bullet(line: &str) -> bool {
    line.starts_with(['•', '·', '◦', '▪', '\u{f0b7}', '●', '○', '✓'])
}

/// Lines that Markdown joins into one paragraph but that read as separate items: at least
/// three, each starting like an item (a capital, a digit, a bullet pasted as a character),
/// and either short (item names) or ending like list items (`;`). Prose wrapped at a fixed
/// width has long lines that begin in lower case, and is left alone.
fn looks_like_a_list(lines: &[String]) -> bool {
    let lines: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    if lines.len() < 3 || lines.iter().any(|l| l.is_empty()) {
        return false;
    }
    if lines.iter().all(|l| bullet(l)) {
        return true;
    }
    if !lines.iter().all(|l| starts_like_an_item(l)) {
        return false;
    }
    let chars = |l: &&str| l.chars().count();
    let short = lines.iter().all(|l| chars(l) <= 60);
    let item_endings = lines.iter().filter(|l| l.ends_with([';', ':'])).count() * 2 >= lines.len();
    (short || item_endings) && lines.iter().all(|l| chars(l) <= 160)
}

/// Elements the sanitiser always removes, whatever `permitir_html` says.
const REMOVED_ELEMENTS: [&str; 12] =
    ["script", "iframe", "object", "embed", "applet", "form", "style", "link", "meta", "base", "frame", "frameset"];

/// The elements of [`REMOVED_ELEMENTS`] that a piece of raw HTML opens.
fn removed_elements(html: &str) -> Vec<&'static str> {
    let lower = html.to_ascii_lowercase();
    REMOVED_ELEMENTS
        .into_iter()
        .filter(|tag| {
            lower.match_indices(&format!("<{tag}")).any(|(i, m)| {
                lower[i + m.len()..].chars().next().is_none_or(|c| c.is_ascii_whitespace() || matches!(c, '>' | '/'))
            })
        })
        .collect()
}

fn diagnostic(problem: &Problem, file: &Path, location: Location) -> Diagnostic {
    Diagnostic::new(problem.code, &problem.message).in_file(file).at(location).with_help(&problem.help)
}

/// What the look at a page body found ([`problems_and_facts`]), kept in the body
/// (`Body::looked`): its problems, reported with the body's file, and what the site check
/// needs of it.
#[derive(Debug)]
pub(crate) struct Looked {
    pub problems: Vec<Problem>,
    pub facts: Arc<[Fact]>,
}

impl Looked {
    pub(crate) fn of((problems, facts): (Vec<Problem>, Facts)) -> Looked {
        Looked { problems, facts: super::facts::shared(facts) }
    }
}

/// What the look at `body` found: kept from the pass that rendered it, else looked at now.
pub(crate) fn looked(body: &Body) -> &Looked {
    body.looked.get_or_init(|| Arc::new(Looked::of(problems_and_facts(&body.markdown))))
}

/// The problems of a page body, located in `file`, as diagnostics: [`looked`] at now unless
/// the pass that rendered it looked already (the load's check when it looks at once, and the
/// report after the render when the load left the look to it: `model::load::Looks`). What the
/// look found stays in the body for the site check.
pub(crate) fn body(file: &Path, body: &Body, diagnostics: &mut Diagnostics) {
    body_with(file, &body.markdown, body.line_offset, &looked(body).problems, diagnostics);
}

fn body_with(file: &Path, markdown: &str, line_offset: usize, found: &[Problem], diagnostics: &mut Diagnostics) {
    if found.is_empty() {
        return;
    }
    let index = LineIndex::new(markdown);
    for problem in found {
        let location = index.location(markdown, problem.offset).offset_lines(line_offset);
        diagnostics.push(diagnostic(problem, file, location));
    }
}

/// Checks the Markdown value of `key` in a YAML file. The value's lines are found in the
/// file as they were written (block scalars keep them verbatim, indented), so the location
/// points at the offending line; otherwise at the value.
pub(crate) fn yaml_field(doc: &YamlDoc<'_>, key: &str, markdown: &str, diagnostics: &mut Diagnostics) {
    let found = problems(markdown);
    if found.is_empty() {
        return;
    }
    let lines = yaml_field_lines(doc, key, markdown);
    let index = LineIndex::new(markdown);
    for problem in &found {
        let location = in_field(&lines, index.location(markdown, problem.offset));
        diagnostics.push(diagnostic(problem, doc.file, location));
    }
}

/// Where `at` (a line and column of a YAML field's Markdown) is in the file, by the field's
/// [`yaml_field_lines`].
pub(crate) fn in_field(lines: &[(usize, usize)], at: Location) -> Location {
    let (line, column) = at.line.checked_sub(1).and_then(|i| lines.get(i)).copied().unwrap_or((1, 1));
    Location::new(line, column + at.column.saturating_sub(1))
}

/// Where each line of the Markdown value of `key` is in its YAML file: 1-based line and
/// column of the line's first character, each line looked for after the one before. A line
/// not found as written (a folded scalar joins lines; a blank line) is placed where the
/// previous one is, and the first at the value. For the load's checks ([`yaml_field`]) and for
/// those of the site as published (`sitecheck`), which judge these texts' links.
pub(crate) fn yaml_field_lines(doc: &YamlDoc<'_>, key: &str, markdown: &str) -> Vec<(usize, usize)> {
    let first = markdown.split('\n').find(|l| !l.trim().is_empty()).unwrap_or("");
    let at = doc.locate_value(key, first.trim());
    let mut last = (at.line, at.column);
    // Searched from the value's line on (0-based line of the document's text).
    let mut from = at.line.saturating_sub(doc.line_offset + 1);
    let file: Vec<&str> = doc.text.lines().collect();
    markdown
        .split('\n')
        .map(|line| {
            let needle = line.trim_end_matches('\r');
            // A block scalar's lines follow one another (blank ones between): a few lines
            // ahead at most, so that a long folded text, whose lines are never found as
            // written, costs no more than a literal one.
            let ahead = file.iter().skip(from).take(WINDOW);
            let found = (!needle.trim().is_empty())
                .then(|| ahead.enumerate().find_map(|(i, text)| Some((i, locate_in(text, needle)?))))
                .flatten();
            if let Some((n, col)) = found {
                last = (from + n + 1 + doc.line_offset, col);
                from += n + 1;
            }
            last
        })
        .collect()
}

/// How many lines of the file [`yaml_field_lines`] looks through for the next line of a text.
const WINDOW: usize = 16;

/// The 1-based column where `needle` (not blank) appears in `line`.
fn locate_in(line: &str, needle: &str) -> Option<usize> {
    if needle.trim().is_empty() {
        return None;
    }
    line.find(needle).map(|byte| line.get(..byte).map_or(0, |b| b.chars().count()) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each line of a literal block is where it was written, indented; a blank line stays
    /// with the line before; a folded value (its lines joined) is at its key.
    #[test]
    fn lines_of_a_yaml_field_are_found_in_the_file() {
        let text =
            "nome: X\nmissao: |\n  Primeira linha.\n\n  Segunda [link](/a/).\nvisao: >\n  Uma visão\n  dobrada.\n";
        let doc = YamlDoc { file: Path::new("content/secretaria.yaml"), text, line_offset: 0 };
        let lines = yaml_field_lines(&doc, "missao", "Primeira linha.\n\nSegunda [link](/a/).\n");
        assert_eq!(lines, [(3, 3), (3, 3), (5, 3), (5, 3)]);
        assert_eq!(yaml_field_lines(&doc, "visao", "Uma visão dobrada.\n"), [(6, 1), (6, 1)]);
        // In a document after front matter, the file's lines.
        let shifted = YamlDoc { line_offset: 10, ..doc };
        assert_eq!(yaml_field_lines(&shifted, "missao", "Segunda [link](/a/).")[0], (15, 3));
    }

    #[test]
    fn deep_nesting_is_an_error_at_the_level_that_goes_too_far() {
        let text = format!("texto\n\n{} fim\n", ">".repeat(10_000));
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].code == Code::TooDeep && found[0].message.contains("níveis demais"));
        assert_eq!(found[0].offset, 7 + MAX_DEPTH, "the 101st `>` of line 3");
        for text in [
            format!("{} x", "- ".repeat(10_000)),
            format!("{}x{}", "*".repeat(10_000), "*".repeat(10_000)),
            format!("{}x{}", "![".repeat(10_000), "](a.png)".repeat(10_000)),
            "<div>".repeat(10_000),
            format!("um <b>{}", "<i>".repeat(10_000)),
        ] {
            let found = problems(&text);
            assert!(
                found.iter().filter(|p| p.code.severity() == crate::diagnostics::Severity::Error).count() == 1,
                "{found:?}"
            );
        }
    }

    #[test]
    fn html_the_sanitiser_nests_deeper_than_the_count_saw_is_an_error() {
        // Found by the fuzzer: an unfinished `<iframe` tag makes the count read what follows as
        // the frame's raw text, while the sanitiser (as a browser) nests the divs. It reached
        // the minifier and overflowed its stack.
        let text = format!(
            "<iframe src=https://exemplo.invalid/x.html <\n\n<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n\n\
             <!--<img src=\"--><img src=x onerror=alert(1)//\">\n\n{}x{}\n",
            "<div>".repeat(150),
            "</div>".repeat(150)
        );
        let found = problems(&text);
        assert!(
            found.iter().any(|p| p.code == Code::TooDeep && p.message.contains("do jeito que um navegador")),
            "{found:?}"
        );
    }

    #[test]
    fn real_texts_are_fine() {
        let text = "# Título {#t .c}\n\n> citação\n> - item\n>   - sub **forte *ênfase [link](https://x)***\n\n\
            <details><summary>Mais</summary>\n\n| a | b |\n|---|---|\n| <b>1</b> | 2 |\n\n</details>\n";
        assert_eq!(problems(text), Vec::new());
    }

    #[test]
    fn refused_addresses_and_heading_attributes_are_warnings() {
        let text = "# Aviso {onfocus=alert(1) autofocus}\n\n[x](javascript:alert(1)) ![](data:image/png;base64,AAA)\n\n[r]\n\n[r]: VBSCRIPT:x\n";
        let found = problems(text);
        let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(found.len(), 4, "{messages:?}");
        assert!(found.iter().all(|p| p.code.severity() == crate::diagnostics::Severity::Warning));
        assert!(messages[0].contains("onfocus, autofocus"), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("(javascript:)")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("(data:)")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("(vbscript:)")), "{messages:?}");
    }

    #[test]
    fn raw_html_that_never_reaches_the_page_is_a_warning() {
        let found = problems(
            "Mapa:\n\n<iframe src=\"https://mapas.exemplo/x\"></iframe>\n\n<b>ok</b> <SCRIPT>x</SCRIPT> <formulario>\n",
        );
        let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("<iframe>") && messages[1].contains("<script>"), "{messages:?}");
        assert!(found.iter().all(|p| p.code.severity() == crate::diagnostics::Severity::Warning));
    }

    #[test]
    fn a_list_pasted_without_markers_is_a_warning() {
        let pasted = "Serviços oferecidos:\n\nPAIF\nSCFV\nCadastro Único\nBenefícios eventuais\n";
        let found = problems(pasted);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("4 linhas") && found[0].code == Code::ListWithoutMarkers);
        assert_eq!(found[0].offset, pasted.find("PAIF").unwrap_or(0));
        let with_endings = "I. Acolher as famílias em situação de vulnerabilidade social e encaminhar;\nII. Ofertar o serviço de convivência e fortalecimento de vínculos;\nIII. Articular a rede socioassistencial do território.\n";
        assert_eq!(problems(with_endings).len(), 1);
        let bullets = "• Atendimento\n• Acompanhamento\n• Orientação\n";
        assert_eq!(problems(bullets).len(), 1);
    }

    #[test]
    fn wrapped_prose_real_lists_and_two_lines_are_fine() {
        let prose = "A Secretaria Municipal de Assistência Social coordena a política de\nassistência social do município, com os serviços de proteção social\nbásica e especial, e articula a rede socioassistencial.\n";
        let list = "- PAIF\n- SCFV\n- Cadastro Único\n";
        let two = "Endereço: Rua A, 10\nTelefone: (34) 3663-1492\n";
        let hard = "PAIF  \nSCFV  \nCadastro Único\n";
        for text in [prose, list, two, hard] {
            assert_eq!(problems(text), Vec::new(), "{text}");
        }
    }

    /// Giving up on a paragraph as soon as one of its lines rules a list out warns exactly
    /// where judging the whole paragraph's lines does.
    #[test]
    fn a_paragraph_given_up_early_is_judged_as_a_whole_one_would_be() {
        let long_accents = format!("Á{}", "é".repeat(170));
        let at_160 = format!("A{}", "b".repeat(159));
        let at_161 = format!("A{}", "b".repeat(160));
        let over_640 = format!("A{}", "b".repeat(700));
        let kinds: Vec<String> = [
            "PAIF",
            "Cadastro Único;",
            "12 de março:",
            "• Atendimento",
            "▪ item",
            "minúscula aqui",
            "  Recuo e fim ",
            "Ação",
            long_accents.as_str(),
            at_160.as_str(),
            at_161.as_str(),
            over_640.as_str(),
        ]
        .map(str::to_owned)
        .to_vec();
        let mut checked = 0;
        for a in &kinds {
            for b in &kinds {
                for c in &kinds {
                    for d in [None, Some(&kinds[0]), Some(&kinds[5])] {
                        let mut lines = vec![a.clone(), b.clone(), c.clone()];
                        lines.extend(d.cloned());
                        let text = format!("{}\n", lines.join("\n"));
                        let whole: Vec<String> = lines.iter().map(|l| l.trim_start().to_owned()).collect();
                        let expected = looks_like_a_list(&whole);
                        let warned = problems(&text).iter().any(|p| p.code == Code::ListWithoutMarkers);
                        assert_eq!(warned, expected, "{lines:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 12 * 12 * 12 * 3);
    }

    #[test]
    fn warnings_are_capped_per_text() {
        let found = problems(&"[x](javascript:1) ".repeat(100));
        assert_eq!(found.len(), MAX_WARNINGS);
    }

    #[test]
    fn body_locations_count_the_front_matter() {
        let mut d = Diagnostics::new();
        let text = Body { markdown: "ok\n\n[x](javascript:1)\n".into(), line_offset: 4, looked: Default::default() };
        body(Path::new("content/a.md"), &text, &mut d);
        assert!(text.looked.get().is_some_and(|l| l.facts.len() == 1), "the link kept for the site check");
        let found: Vec<_> = d.iter().collect();
        assert_eq!(found[0].location, Some(Location::new(7, 1)));
        assert_eq!(found[0].file.as_deref(), Some(Path::new("content/a.md")));
    }

    #[test]
    fn yaml_locations_find_the_line_in_the_file() {
        let yaml = "nome: X\ntexto: |\n  Primeira linha.\n  Veja [isto](javascript:1).\n";
        let doc = YamlDoc { file: Path::new("content/unidades/x.yaml"), text: yaml, line_offset: 0 };
        let mut d = Diagnostics::new();
        yaml_field(&doc, "texto", "Primeira linha.\nVeja [isto](javascript:1).\n", &mut d);
        let found: Vec<_> = d.iter().collect();
        assert_eq!(found[0].location, Some(Location::new(4, 8)), "{found:?}");
    }
}

#[cfg(test)]
mod render_tests {
    use super::super::chunks::Plan;
    use super::super::{render_planned, MarkdownOptions};
    use super::*;

    /// What a look keeps, comparable: the problems, and the facts as the site check reads them.
    fn kept((problems, facts): (Vec<Problem>, Facts), markdown: &str) -> (Vec<Problem>, Vec<String>) {
        let facts = facts
            .items
            .iter()
            .map(|fact| match fact {
                Fact::Link(l) => format!("{} {} {} {} {:?}", l.start, l.dest.get(markdown), l.image, l.no_alt, l.vague),
                Fact::Found(f) => format!("{f:?}"),
            })
            .collect();
        (problems, facts)
    }

    /// The pass that renders a body looks at it as the load's own pass does: the same problems
    /// at the same offsets and the same facts, whole or cut into pieces, and the same HTML as
    /// a render that does not look.
    #[test]
    fn the_render_looks_as_the_load_does() {
        let texts = [
            "Um [link](javascript:alert(1)) e ![](https://cdn.example/x.png) e [aqui](/a/).\n".to_string(),
            "# A {onclick=x}\n\n### C\n\nCRAS\nCREAS\nSEMAS\n\n<script>x</script> <iframe src=x></iframe>\n".into(),
            format!("{} x\n\ntexto [r][ref]\n\n[ref]: vbscript:x\n", ">".repeat(300)),
            format!("<div>\n\n{}\n", "<span>".repeat(300)),
            "<select><option><select><option>x\n".repeat(200),
            (0..400).map(|i| format!("## Parte {i}\n\nTexto com [link {i}](/p/{i}/) e <b>negrito</b>.\n\n")).collect(),
            "[a](<x@y.br>) <x@y.br> [b](\\*x) [c](a%20b \"t\")\n\n- Item\n- Item [clique aqui](/x/)\n".into(),
        ];
        let options =
            MarkdownOptions { root: "../", source_dir: "p", allow_html: false, top_heading: 2, glossary: None };
        for text in &texts {
            let expected = kept(problems_and_facts(text), text);
            for plan in [Plan::new(text), Plan::with_sizes(text, 64, 256)] {
                let mut look = Look::new(text);
                let html = render_planned(text, options, &plan, None, Some(&mut look));
                assert_eq!(kept(look.finish(), text), expected, "{} pieces: {text:.80}", plan.chunks.len());
                assert_eq!(html, render_planned(text, options, &plan, None, None), "{text:.80}");
            }
        }
        assert!(Plan::with_sizes(&texts[5], 64, 256).chunks.len() > 1, "a cut text is among them");
    }
}
