//! The only caller of serde_yaml. Turns its English errors into Portuguese diagnostics with the
//! file's own line and column (front-matter offset added) and a hint, including "você quis
//! dizer …?" for unknown keys. Keeping every call here means a switch to a maintained fork, or
//! better messages, touches one file.

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use serde::de::DeserializeOwned;
use std::path::Path;

/// A YAML document inside a file: a whole `.yaml` file or a Markdown front matter.
#[derive(Debug, Clone, Copy)]
pub struct YamlDoc<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    /// Lines of the file before the document's first line.
    pub line_offset: usize,
}

impl<'a> YamlDoc<'a> {
    pub fn whole(file: &'a Path, text: &'a str) -> Self {
        YamlDoc { file, text, line_offset: 0 }
    }

    /// Parses into `T`, or reports why not (and returns `None`).
    pub fn parse<T: DeserializeOwned>(&self, diagnostics: &mut Diagnostics) -> Option<T> {
        let text = if self.text.trim().is_empty() { "{}" } else { self.text };
        match serde_yaml::from_str::<T>(text) {
            Ok(value) => Some(value),
            Err(err) => {
                let location = err.location().map(|l| Location::new(l.line(), l.column()));
                let (message, help) = translate(&strip_location(&err.to_string()));
                let location = location.or_else(|| self.locate_key_from_message(&err.to_string()));
                diagnostics.push(
                    Diagnostic::error(message)
                        .in_file(self.file)
                        .at_opt(location.map(|l| l.offset_lines(self.line_offset)).or(Some(self.first_line())))
                        .with_help_opt(help),
                );
                None
            }
        }
    }

    /// The location of the first `key:` in the document (at any depth).
    pub fn locate_key(&self, key: &str) -> Location {
        self.find_line(|line| {
            let trimmed = line.trim_start().trim_start_matches("- ");
            let rest = trimmed.strip_prefix(key).or_else(|| {
                trimmed.strip_prefix('"').and_then(|t| t.strip_prefix(key)).and_then(|t| t.strip_prefix('"'))
            })?;
            rest.trim_start().starts_with(':').then(|| line.len() - trimmed.len())
        })
    }

    /// The location of the first occurrence of a value's text, falling back to its key.
    pub fn locate_value(&self, key: &str, value: &str) -> Location {
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

    fn locate_key_from_message(&self, message: &str) -> Option<Location> {
        let field = between_backticks(message)?;
        Some(self.locate_key(field)).map(|l| Location::new(l.line - self.line_offset, l.column))
    }
}

/// serde_yaml appends " at line L column C"; the location is reported separately.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn between_backticks(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// English serde_yaml message → (Portuguese message, hint). Errors inside nested values come
/// prefixed with their path (`endereco: missing field …`); the path is kept, in Portuguese.
fn translate(message: &str) -> (String, Option<String>) {
    if let Some((path, rest)) = message.split_once(": ") {
        let is_path = !path.is_empty()
            && path.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'))
            && !matches!(
                path,
                "invalid type" | "invalid value" | "unknown field" | "missing field" | "unknown variant"
            );
        if is_path {
            let (inner, help) = translate(rest);
            return (format!("{inner} (em `{path}`)"), help);
        }
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names = backticked(rest);
        let unknown = names.first().copied().unwrap_or("?");
        let expected: Vec<&str> = names.iter().skip(1).copied().collect();
        let suggestion = expected
            .iter()
            .map(|candidate| (strsim::jaro_winkler(unknown, candidate), *candidate))
            .filter(|(score, _)| *score > 0.75)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, candidate)| candidate);
        let help = match suggestion {
            Some(s) => format!("você quis dizer `{s}`? As chaves aceitas aqui são: {}", expected.join(", ")),
            None => format!("as chaves aceitas aqui são: {}", expected.join(", ")),
        };
        return (format!("chave desconhecida: `{unknown}`"), Some(help));
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let field = between_backticks(rest).unwrap_or(rest);
        return (
            format!("campo obrigatório ausente: `{field}`"),
            Some(format!("acrescente uma linha `{field}: …` (veja docs/conteudo.md)")),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return (
            format!("valor de tipo errado: encontrei {}, esperava {}", type_pt(found), type_pt(expected)),
            Some(
                "confira a indentação e se o valor deveria ser um texto, uma lista (- item) ou um grupo (chave: valor)"
                    .into(),
            ),
        );
    }
    if message.starts_with("duplicate entry") || message.contains("duplicate key") {
        return (
            "chave repetida".into(),
            Some("cada chave só pode aparecer uma vez no mesmo grupo; apague ou junte as repetições".into()),
        );
    }
    if message.starts_with("unknown variant") {
        let names = backticked(message);
        let found = names.first().copied().unwrap_or("?");
        let expected: Vec<&str> = names.iter().skip(1).copied().collect();
        return (format!("valor não reconhecido: `{found}`"), Some(format!("use um destes: {}", expected.join(", "))));
    }
    let help = "confira a indentação (use espaços, não tabulação), os dois-pontos depois de cada chave e as aspas: \
                um texto com `: ` ou que começa com caracteres especiais precisa de aspas";
    (format!("YAML inválido: {}", syntax_pt(message)), Some(help.to_string()))
}

fn type_pt(text: &str) -> String {
    let text = text.trim();
    let pairs = [
        ("a sequence", "uma lista"),
        ("sequence", "uma lista"),
        ("a map", "um grupo de chaves"),
        ("map", "um grupo de chaves"),
        ("struct", "um grupo de chaves"),
        ("a string", "um texto"),
        ("string", "um texto"),
        ("unit value", "um valor vazio"),
        ("a boolean", "verdadeiro/falso"),
        ("boolean", "verdadeiro/falso"),
        ("integer", "um número"),
        ("u8", "um número"),
        ("u32", "um número"),
        ("i64", "um número"),
        ("floating point", "um número"),
    ];
    for (en, pt) in pairs {
        if let Some(rest) = text.strip_prefix(en) {
            return format!("{pt}{rest}");
        }
    }
    text.to_string()
}

fn syntax_pt(message: &str) -> String {
    let pairs = [
        ("mapping values are not allowed in this context", "dois-pontos em lugar inesperado"),
        ("did not find expected key", "chave esperada não encontrada (indentação errada?)"),
        ("found character that cannot start any token", "caractere que não pode começar um valor (use aspas)"),
        ("did not find expected '-' indicator", "item de lista esperado (- …)"),
        ("found unexpected end of stream", "o arquivo terminou antes do esperado"),
        ("found a tab character", "tabulação encontrada; use espaços"),
    ];
    for (en, pt) in pairs {
        if message.contains(en) {
            return pt.to_string();
        }
    }
    message.to_string()
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

    fn parse_err(text: &str, offset: usize) -> Diagnostic {
        let mut diagnostics = Diagnostics::new();
        let doc = YamlDoc { file: Path::new("content/x.md"), text, line_offset: offset };
        assert!(doc.parse::<Page>(&mut diagnostics).is_none());
        let first = diagnostics.iter().next().cloned();
        first.unwrap_or_else(|| Diagnostic::error("nenhum"))
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
}
