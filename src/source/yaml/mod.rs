//! The only user of serde_yaml. Parses every YAML document of a site (`site.yaml`, the
//! `.yaml` files, every front matter) into the raw types, and turns what goes wrong into
//! Portuguese diagnostics with the file's own line and column (front-matter offset added) and
//! a hint. Keeping every call here means a switch to a maintained fork, or better messages,
//! touches one module.
//!
//! - Aliases (`*nome`) are refused, located at the alias: editors never need them, and a few
//!   of them can expand a small file into gigabytes ([`YamlDoc::refuse_aliases`]).
//! - serde stops at the first error; when a document fails, it is checked again as a tree
//!   against the shape of its raw type ([`schema`], [`tree`]) so that every unknown key, wrong
//!   type and missing field of the file is reported at once, each at its own line.

mod messages;
mod schema;
mod seeds;
mod text;
mod tree;

pub(crate) use text::Text;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, LineIndex, Location};
use serde::de::{DeserializeOwned, DeserializeSeed};
use std::cell::Cell;
use std::path::Path;
use tree::{Located, Node, Problem, Target};

/// At most this many problems of one file are shown; the rest are counted. Locating a problem
/// scans the file, so the cap also keeps a file with thousands of them linear.
pub(crate) const MAX_PROBLEMS: usize = 50;

/// The closing diagnostic of a file with more than [`MAX_PROBLEMS`] problems.
pub(crate) fn more_problems(file: &Path, more: usize) -> Diagnostic {
    Diagnostic::new(Code::MoreErrors, format!("e mais {more} erros neste arquivo"))
        .in_file(file)
        .with_help("corrija os erros acima e rode de novo para ver os outros")
}

/// A YAML document inside a file: a whole `.yaml` file or a Markdown front matter.
#[derive(Debug, Clone, Copy)]
pub(crate) struct YamlDoc<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    /// Lines of the file before the document's first line.
    pub line_offset: usize,
}

impl<'a> YamlDoc<'a> {
    pub(crate) fn whole(file: &'a Path, text: &'a str) -> Self {
        YamlDoc { file, text, line_offset: 0 }
    }

    /// Parses into `T`, or reports every problem of the document (and returns `None`).
    pub(crate) fn parse<T: DeserializeOwned>(&self, diagnostics: &mut Diagnostics) -> Option<T> {
        let text = if self.text.trim().is_empty() { "{}" } else { self.text };
        if let Some(refused) = self.refuse_aliases(text) {
            diagnostics.push(refused);
            return None;
        }
        match serde_yaml::from_str::<T>(text) {
            Ok(value) => Some(value),
            Err(err) => self.report_all::<T>(text, &err, diagnostics),
        }
    }

    /// An alias anywhere in the document, as a located error. Aliases are found by parsing a
    /// copy in which every `&` (anchors) became `!` (a tag, which takes the same place in the
    /// grammar): each alias is then unknown, and the parser reports the first one where it
    /// stands. Should that copy not parse, the real document is walked with a budget, so that
    /// aliases can never expand it beyond a few times its size.
    fn refuse_aliases(&self, text: &str) -> Option<Diagnostic> {
        if !text.contains('*') {
            return None;
        }
        let probe = text.replace('&', "!");
        let err = serde_yaml::from_str::<serde::de::IgnoredAny>(&probe).err()?;
        if err.to_string().starts_with("unknown anchor") {
            let location = err.location().map(|l| Location::new(l.line(), l.column()));
            let name = location.and_then(|l| alias_at(text, l)).unwrap_or_else(|| "*…".into());
            return Some(
                Diagnostic::new(Code::YamlAlias, format!("apelido YAML não é aceito: `{name}`"))
                    .in_file(self.file)
                    .at(self.shift(location))
                    .with_help(
                        "escreva o valor por extenso em vez de repeti-lo com &âncora e *apelido; \
                         se o texto começa com *, ponha-o entre aspas (\"*assim*\")",
                    ),
            );
        }
        if !text.contains('&') {
            return None;
        }
        // Documents are at most a few times larger once aliases are expanded; past that the
        // expansion is an attack or an accident, and it is refused before it is allocated.
        let left = Cell::new(text.len().saturating_mul(4).saturating_add(4096));
        let walked = seeds::Budget { left: &left }.deserialize(serde_yaml::Deserializer::from_str(text));
        match walked {
            Err(err) if err.to_string().contains(seeds::TOO_BIG) => Some(
                Diagnostic::new(Code::YamlAlias, "apelidos YAML (*nome) fazem este arquivo crescer demais")
                    .in_file(self.file)
                    .at(self.first_line())
                    .with_help("escreva os valores por extenso, sem &âncora e *apelido"),
            ),
            _ => None,
        }
    }

    /// Every problem of a document that did not parse into `T`: the tree check when the
    /// document is valid YAML, or serde_yaml's own error (syntax errors) translated. Returns
    /// the document as its suggestions read it when misspelt keys were its only problems
    /// ([`YamlDoc::as_suggested`]).
    fn report_all<T: DeserializeOwned>(
        &self,
        text: &str,
        err: &serde_yaml::Error,
        diagnostics: &mut Diagnostics,
    ) -> Option<T> {
        let problems = match serde_yaml::from_str::<Node>(text) {
            Ok(node) => tree::check(&node, &schema::shape_of::<T>()),
            Err(_) => Vec::new(),
        };
        if problems.is_empty() {
            diagnostics.push(self.single(text, err));
            return None;
        }
        let mut misspelt = Vec::new();
        for located in problems.iter().take(MAX_PROBLEMS) {
            let exact = self.locate(text, located);
            if let Problem::UnknownKey { key, accepted } = &located.problem {
                misspelt.push(exact.zip(messages::suggestion(key, accepted)).map(|(at, s)| (at, key.as_str(), s)));
            }
            let location = exact.or_else(|| self.locate_last_key(located));
            let (message, help) = messages::problem(located);
            diagnostics.push(
                Diagnostic::new(messages::problem_code(located), message)
                    .in_file(self.file)
                    .at(location.unwrap_or_else(|| self.first_line()))
                    .with_help_opt(help),
            );
        }
        if problems.len() > MAX_PROBLEMS {
            diagnostics.push(more_problems(self.file, problems.len() - MAX_PROBLEMS));
            return None;
        }
        if misspelt.len() < problems.len() {
            return None;
        }
        self.as_suggested(text, misspelt.into_iter().collect::<Option<Vec<_>>>()?)
    }

    /// The document read with each misspelt key taken as the key its message suggests ("você
    /// quis dizer `titulo`?"), `misspelt` giving each one's place, name and suggestion. The
    /// load then goes on to check the file's values (a date, a phone, a required field), so
    /// that every problem of the file is reported in one run instead of one more after each
    /// fix. Nothing read so is published: the misspelt keys are errors, and the build stops.
    /// `None` when a key's place is not known, or the key is not found as written there (a
    /// quoted key), or when the document still does not read (the suggested key is there
    /// already: a repeated key; the value is not of the suggested key's type).
    fn as_suggested<T: DeserializeOwned>(&self, text: &str, misspelt: Vec<(Location, &str, &str)>) -> Option<T> {
        let lines = LineIndex::new(text);
        let mut edits = Vec::with_capacity(misspelt.len());
        for (at, key, suggested) in misspelt {
            let start = lines.line_range(text, at.line.checked_sub(self.line_offset)?)?.start;
            let rest = text.get(start..)?;
            let column = rest.char_indices().nth(at.column.checked_sub(1)?).map(|(i, _)| start + i)?;
            text.get(column..)?.starts_with(key).then_some(())?;
            edits.push((column, key.len(), suggested));
        }
        // From the end of the text, so that each edit leaves the places of the others as they were.
        edits.sort_by_key(|&(column, _, _)| std::cmp::Reverse(column));
        // Each key has a place of its own; were two to overlap, the text is left unread.
        let mut limit = text.len();
        for &(column, len, _) in &edits {
            if column + len > limit {
                return None;
            }
            limit = column;
        }
        let mut fixed = text.to_string();
        for (column, len, suggested) in edits {
            fixed.replace_range(column..column + len, suggested);
        }
        serde_yaml::from_str::<T>(&fixed).ok()
    }

    /// serde_yaml's error, translated, at its position (or at the key it names).
    fn single(&self, text: &str, err: &serde_yaml::Error) -> Diagnostic {
        let english = err.to_string();
        let (message, help) = messages::translate(&messages::strip_location(&english));
        if english.contains("duplicate field") {
            // serde points at the map; the repeated key is the second one of that name.
            let path = messages::strip_location(&english);
            let parent = path.split_once(": duplicate").map_or("", |(p, _)| p);
            if let Some(key) = messages::between_backticks(&english) {
                let mut steps = path_steps(parent);
                steps.push(tree::Seg::Key(key.to_string(), 1));
                let located = Located {
                    path: steps,
                    target: Target::Key,
                    problem: tree::Problem::Duplicate { key: key.to_string() },
                };
                if let Some(found) = self.locate(text, &located) {
                    return Diagnostic::new(messages::code_of(&message), message)
                        .in_file(self.file)
                        .at(found)
                        .with_help_opt(help);
                }
            }
        }
        // An unclosed quote is found at the end of the file; libyaml names where it opened.
        if english.contains("unexpected end of stream") {
            if let Some(opened) = english.split(", while scanning a quoted scalar at ").nth(1).and_then(line_column) {
                return Diagnostic::new(Code::YamlSyntax, "YAML inválido: aspas abertas e não fechadas")
                    .in_file(self.file)
                    .at(opened.offset_lines(self.line_offset))
                    .with_help("feche as aspas no fim do valor (\"assim\"); aspas dentro do texto são escritas \\\"");
            }
        }
        let location = match err.location() {
            Some(l) => Location::new(l.line(), l.column()).offset_lines(self.line_offset),
            None => messages::between_backticks(&english).map_or_else(|| self.first_line(), |f| self.locate_key(f)),
        };
        Diagnostic::new(messages::code_of(&message), message).in_file(self.file).at(location).with_help_opt(help)
    }

    /// The line and column of a problem, as the parser saw them.
    fn locate(&self, text: &str, located: &Located) -> Option<Location> {
        let seed = seeds::Locate { path: &located.path, key: located.target == Target::Key };
        let err = seed.deserialize(serde_yaml::Deserializer::from_str(text)).err()?;
        if !err.to_string().contains(seeds::HERE) {
            return None;
        }
        err.location().map(|l| Location::new(l.line(), l.column()).offset_lines(self.line_offset))
    }

    /// A missing field of the whole document has no place: its first line.
    fn locate_last_key(&self, located: &Located) -> Option<Location> {
        match located.path.last() {
            Some(tree::Seg::Key(key, _)) => Some(self.locate_key(key)),
            _ => None,
        }
    }

    /// A location inside the document → in the file.
    fn shift(&self, location: Option<Location>) -> Location {
        location.map_or_else(|| self.first_line(), |l| l.offset_lines(self.line_offset))
    }

    /// The location of the first `key:` in the document (at any depth).
    pub(crate) fn locate_key(&self, key: &str) -> Location {
        self.find_line(|line| {
            let trimmed = line.trim_start().trim_start_matches("- ");
            let rest = trimmed.strip_prefix(key).or_else(|| {
                trimmed.strip_prefix('"').and_then(|t| t.strip_prefix(key)).and_then(|t| t.strip_prefix('"'))
            })?;
            rest.trim_start().starts_with(':').then(|| line.len() - trimmed.len())
        })
    }

    /// The location of the first occurrence of a value's text, falling back to its key.
    pub(crate) fn locate_value(&self, key: &str, value: &str) -> Location {
        let found = self.text.lines().enumerate().find_map(|(i, line)| {
            (!value.is_empty()).then_some(())?;
            line.find(value).map(|byte| Location::new(i + 1, line[..byte].chars().count() + 1))
        });
        found.map_or_else(|| self.locate_key(key), |l| l.offset_lines(self.line_offset))
    }

    fn first_line(&self) -> Location {
        Location::new(1 + self.line_offset, 1)
    }

    fn find_line(&self, matcher: impl Fn(&str) -> Option<usize>) -> Location {
        self.text
            .lines()
            .enumerate()
            .find_map(|(i, line)| matcher(line).map(|byte| Location::new(i + 1, line[..byte].chars().count() + 1)))
            .map_or(self.first_line(), |l| l.offset_lines(self.line_offset))
    }
}

/// The alias written at `location` (`*nome`), for the message.
fn alias_at(text: &str, location: Location) -> Option<String> {
    let line = text.lines().nth(location.line.checked_sub(1)?)?;
    let rest: String = line.chars().skip(location.column.saturating_sub(1)).collect();
    let name: String = rest.chars().skip(1).take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_')).collect();
    rest.starts_with('*').then(|| format!("*{}", messages::shorten(&name, 40)))
}

/// `line 4 column 5` → a location.
fn line_column(text: &str) -> Option<Location> {
    let mut words = text.split_whitespace();
    let (Some("line"), Some(line), Some("column"), Some(column)) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return None;
    };
    let column = column.trim_end_matches(|c: char| !c.is_ascii_digit());
    Some(Location::new(line.parse().ok()?, column.parse().ok()?))
}

/// serde_yaml's path text (`valores[1].nome`) → steps (first occurrence of each key).
fn path_steps(path: &str) -> Vec<tree::Seg> {
    let mut steps = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty() && *p != "?") {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
            steps.push(tree::Seg::Key(key.to_string(), 0));
        }
        for index in pieces {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                steps.push(tree::Seg::Index(i));
            }
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Page {
        #[serde(alias = "title")]
        titulo: String,
        peso: Option<u32>,
    }

    /// The first problem of a document that does not parse as it is (misspelt keys may still
    /// be read as their suggestions: see `misspelt_keys_are_read_as_suggested`).
    fn parse_err(text: &str, offset: usize) -> Diagnostic {
        let mut diagnostics = Diagnostics::new();
        let doc = YamlDoc { file: Path::new("content/x.md"), text, line_offset: offset };
        let _ = doc.parse::<Page>(&mut diagnostics);
        let first = diagnostics.iter().next().cloned();
        first.unwrap_or_else(|| Diagnostic::new(Code::YamlSyntax, "nenhum"))
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Unit {
        nome: String,
        endereco: Option<Address>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Address {
        bairro: Option<String>,
        cep: Option<String>,
    }

    /// `text` parsed as a [`Unit`] with a front-matter offset of 1: what it reads as, and
    /// its problems' (line, column, message).
    fn parse_unit(text: &str) -> (Option<Unit>, Vec<(usize, usize, String)>) {
        let mut diagnostics = Diagnostics::new();
        let doc = YamlDoc { file: Path::new("content/x.md"), text, line_offset: 1 };
        let unit = doc.parse::<Unit>(&mut diagnostics);
        let found = diagnostics
            .iter()
            .map(|d| {
                let at = d.location.unwrap_or(Location::new(0, 0));
                (at.line, at.column, d.message.clone())
            })
            .collect();
        (unit, found)
    }

    /// A document whose only problems are misspelt keys is still reported (each key at its
    /// place, with its suggestion) and read as the suggestions say, so that the load checks
    /// its values too; the value is kept as written (`01`, not `1`).
    #[test]
    fn misspelt_keys_are_read_as_suggested() {
        let (unit, found) = parse_unit("nmoe: CRAS Norte\nendereco:\n  bairo: Centro\n  cep: 01\n");
        let expected = Unit {
            nome: "CRAS Norte".into(),
            endereco: Some(Address { bairro: Some("Centro".into()), cep: Some("01".into()) }),
        };
        assert_eq!(unit, Some(expected));
        assert_eq!(
            found,
            [
                (2, 1, "chave desconhecida: `nmoe`".to_string()),
                (4, 3, "chave desconhecida: `bairo` (em `endereco`)".to_string()),
            ]
        );
    }

    /// Not read: a key with no suggestion, another kind of problem beside a misspelt key, a
    /// suggestion already in the same group (it would be repeated), a quoted key (not found as
    /// written at its place). The problems are reported all the same.
    #[test]
    fn other_problems_leave_the_document_unread() {
        for text in ["nome: A\ncor: azul\n", "nmoe: A\nendereco: Centro\n", "nome: A\nnmoe: B\n", "\"nmoe\": A\n"] {
            let (unit, found) = parse_unit(text);
            assert_eq!(unit, None, "{text:?}");
            assert!(!found.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn unknown_key_suggests_the_right_one_at_its_line() {
        let d = parse_err("peso: 1\ntitlo: A\n", 1);
        assert_eq!(d.message, "chave desconhecida: `titlo`");
        assert_eq!(d.location, Some(Location::new(3, 1)));
        assert!(d.help.unwrap_or_default().starts_with("você quis dizer `titulo`?"));
    }

    #[test]
    fn missing_field_is_named() {
        let d = parse_err("peso: 1\n", 0);
        assert_eq!(d.message, "campo obrigatório ausente: `titulo`");
    }

    #[test]
    fn syntax_error_has_location_and_hint() {
        let d = parse_err("titulo: A\n  peso: : 1\n", 0);
        assert!(d.message.starts_with("YAML inválido"), "{}", d.message);
        assert_eq!(d.location.map(|l| l.line), Some(2));
        assert!(d.help.is_some());
    }

    #[test]
    fn wrong_type_is_explained() {
        let d = parse_err("titulo: A\npeso: muito\n", 0);
        assert!(d.message.contains("esperava um número"), "{}", d.message);
    }

    #[test]
    fn aliases_work_and_empty_doc_is_an_empty_map() {
        let mut diagnostics = Diagnostics::new();
        let page: Option<Page> = YamlDoc::whole(Path::new("x"), "title: A").parse(&mut diagnostics);
        assert_eq!(page.map(|p| p.titulo), Some("A".to_string()));
        let none: Option<Page> = YamlDoc::whole(Path::new("x"), "").parse(&mut diagnostics);
        assert!(none.is_none());
        assert!(diagnostics.iter().any(|d| d.message.contains("titulo")));
    }

    #[test]
    fn locates_keys_and_values() {
        let doc = YamlDoc { file: Path::new("x"), text: "a: 1\nhorario:\n  seg-sex: 08:00-25:00\n", line_offset: 1 };
        assert_eq!(doc.locate_key("seg-sex"), Location::new(4, 3));
        assert_eq!(doc.locate_value("seg-sex", "25:00"), Location::new(4, 18));
    }

    fn all_errors<T: DeserializeOwned>(text: &str, offset: usize) -> Vec<Diagnostic> {
        let mut diagnostics = Diagnostics::new();
        let doc = YamlDoc { file: Path::new("content/x.yaml"), text, line_offset: offset };
        assert!(doc.parse::<T>(&mut diagnostics).is_none(), "parsed: {text}");
        diagnostics.iter().cloned().collect()
    }

    fn at(d: &Diagnostic) -> (usize, usize) {
        d.location.map_or((0, 0), |l| (l.line, l.column))
    }

    #[test]
    fn aliases_are_refused_at_the_alias() {
        let text = "titulo: &t Conferência\npeso: 1\ndescricao: *t\n";
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct WithDescription {
            titulo: String,
            peso: u32,
            descricao: String,
        }
        let errors = all_errors::<WithDescription>(text, 1);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!(errors[0].message, "apelido YAML não é aceito: `*t`");
        assert_eq!(at(&errors[0]), (4, 12));
        assert!(errors[0].help.as_deref().unwrap_or("").contains("aspas"));
    }

    #[test]
    fn an_alias_without_anchor_is_the_same_error() {
        let errors = all_errors::<Page>("titulo: *nota\n", 0);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!(errors[0].message, "apelido YAML não é aceito: `*nota`");
        assert_eq!(at(&errors[0]), (1, 9));
        // Markdown emphasis at the start of a value is not even an alias: it needs quotes.
        let errors = all_errors::<Page>("titulo: *Atenção*\n", 0);
        assert!(errors[0].message.contains("use aspas"), "{errors:#?}");
    }

    #[test]
    fn alias_bombs_are_refused_without_expanding() {
        // Ten levels of ten aliases of a 1 KB text: a terabyte once expanded.
        let mut text = format!("a0: &a0 \"{}\"\n", "x".repeat(1000));
        for level in 1..10 {
            let refs = vec![format!("*a{}", level - 1); 10].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
        }
        let errors = all_errors::<serde::de::IgnoredAny>(&text, 0);
        assert!(errors[0].message.starts_with("apelido YAML"), "{errors:#?}");
        // Even when the anchor-free copy does not parse (an anchor followed by a tag), the
        // expansion is bounded.
        let tagged = text.replacen("a0: &a0 ", "a0: &a0 !!str ", 1);
        let errors = all_errors::<serde::de::IgnoredAny>(&tagged, 0);
        assert!(errors[0].message.contains("crescer demais"), "{errors:#?}");
    }

    #[test]
    fn every_unknown_key_and_type_error_of_a_file_at_once() {
        let text = "titlo: A\npeso: muito\nextra: 1\ntitular:\n  nome: [x]\n  cargoo: y\n";
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Person {
            nome: String,
            cargo: Option<String>,
        }
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Doc {
            #[serde(alias = "title")]
            titulo: String,
            peso: Option<u32>,
            titular: Option<Person>,
        }
        let errors = all_errors::<Doc>(text, 0);
        let found: Vec<(usize, usize, &str)> = errors.iter().map(|d| (at(d).0, at(d).1, d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (1, 1, "chave desconhecida: `titlo`"),
                (2, 7, "valor de tipo errado: encontrei um texto, esperava um número inteiro (em `peso`)"),
                (3, 1, "chave desconhecida: `extra`"),
                (5, 9, "valor de tipo errado: encontrei uma lista, esperava um texto (em `titular.nome`)"),
                (6, 3, "chave desconhecida: `cargoo` (em `titular`)"),
            ],
            "{errors:#?}"
        );
        assert!(errors[0].help.as_deref().unwrap_or("").starts_with("você quis dizer `titulo`?"));
        assert!(errors[4].help.as_deref().unwrap_or("").starts_with("você quis dizer `cargo`?"));
    }

    #[test]
    fn a_repeated_key_is_shown_where_it_repeats() {
        let errors = all_errors::<Page>("titulo: A\npeso: 1\ntitulo: B\n", 1);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!(errors[0].message, "chave repetida: `titulo`");
        assert_eq!(at(&errors[0]), (4, 1));
    }

    #[test]
    fn no_rust_name_reaches_the_editor_from_any_raw_type() {
        use crate::config::raw::SiteYaml;
        use crate::model::raw::*;
        let docs = [
            "nome: [1]\nvalores: x\nsecoes: [1]\ntitular: 3\n",
            "nome: A\nvalores: [x, [1]]\n",
            "nome: A\nendereco: texto\nhorario: [1]\nexcecoes: {a: 1}\ntelefones: {a: b}\n",
            "titulo: A\natribuicoes: {a: 1}\n",
            "titulo: A\nnorma: lei\n",
            "titulo: A\nnorma:\n  tipo: [1]\n  numero: {a: 1}\n  data: [x]\n",
            "titulo: A\ninicio: [1]\nrascunho: talvez\n",
            "titulo: A\ncores: azul\nmenu: {a: 1}\n",
            "titulo: A\nmenu: [x]\n",
        ];
        let mut all = Vec::new();
        for doc in docs {
            let yaml = YamlDoc::whole(Path::new("x.yaml"), doc);
            let mut d = Diagnostics::new();
            let _ = yaml.parse::<SecretariatYaml>(&mut d);
            let _ = yaml.parse::<UnitYaml>(&mut d);
            let _ = yaml.parse::<AssessoriaYaml>(&mut d);
            let _ = yaml.parse::<LegalYaml>(&mut d);
            let _ = yaml.parse::<NoticeYaml>(&mut d);
            let _ = yaml.parse::<SiteYaml>(&mut d);
            all.extend(d.iter().map(|d| format!("{} {}", d.message, d.help.clone().unwrap_or_default())));
        }
        assert!(all.len() > 40, "{all:#?}");
        for text in &all {
            for internal in ["Yaml", "struct", "enum", "Scalar", "i64", "u32", "::", "variant", "sequence", "invalid"] {
                assert!(!text.contains(internal), "{text}");
            }
        }
    }
}
