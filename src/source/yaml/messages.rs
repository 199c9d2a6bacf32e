//! The Portuguese words for YAML problems: serde_yaml's English messages translated (syntax
//! errors and the rare type error the tree check leaves to serde), and the messages of the
//! problems found by [`tree::check`](super::tree::check). No Rust type name ever reaches the
//! editor: serde's "struct ValueYaml" or "untagged enum Scalar" are replaced by what the value
//! should look like.

use super::schema::Shape;
use super::tree::{display_path, Located, Problem};
use crate::diagnostics::Code;

/// Whether an unknown key is close enough to an accepted one to suggest it.
pub(super) fn similar(unknown: &str, candidate: &str) -> bool {
    strsim::jaro_winkler(unknown, candidate) > 0.75
}

/// The accepted key closest to `unknown`, if any is close.
pub(super) fn suggestion<'a>(unknown: &str, accepted: &[&'a str]) -> Option<&'a str> {
    accepted
        .iter()
        .map(|candidate| (strsim::jaro_winkler(unknown, candidate), *candidate))
        .filter(|(_, candidate)| similar(unknown, candidate))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

fn unknown_key(unknown: &str, accepted: &[&str]) -> (String, Option<String>) {
    let help = match suggestion(unknown, accepted) {
        Some(s) => format!("você quis dizer `{s}`? As chaves aceitas aqui são: {}", accepted.join(", ")),
        None => format!("as chaves aceitas aqui são: {}", accepted.join(", ")),
    };
    (format!("chave desconhecida: `{}`", shorten(unknown, 60)), Some(help))
}

/// A value for a message: long values are cut (a 100 KB line must not become the message).
pub(super) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    format!("{head}…")
}

/// What a value of this shape looks like, for "esperava …".
pub(super) fn expected(shape: &Shape) -> &'static str {
    match shape {
        Shape::Str => "um texto",
        Shape::Bool => "verdadeiro ou falso (true/false)",
        Shape::Int => "um número inteiro",
        Shape::Float => "um número",
        Shape::Seq(_) => "uma lista (- item)",
        Shape::Map(_) | Shape::Struct(_) => "um grupo de chaves (chave: valor)",
        Shape::Opt(inner) => expected(inner),
        Shape::Any => "outro tipo de valor",
    }
}

fn type_help(shape: &Shape) -> &'static str {
    match shape {
        Shape::Opt(inner) => type_help(inner),
        Shape::Bool => "escreva true (sim) ou false (não), sem aspas",
        Shape::Int | Shape::Float => "escreva só o número, sem aspas nem texto",
        Shape::Seq(_) => "escreva cada item numa linha própria, começando com `- `, com recuo de dois espaços",
        Shape::Map(_) | Shape::Struct(_) => {
            "escreva as chaves deste grupo nas linhas de baixo, com recuo de dois espaços (veja docs/conteudo.md)"
        }
        _ => "confira a indentação e se o valor deveria ser um texto, uma lista (- item) ou um grupo (chave: valor)",
    }
}

/// The message and hint of one problem found by the tree check.
/// The code of a problem found by the tree check.
pub(super) fn problem_code(located: &Located) -> Code {
    match located.problem {
        Problem::UnknownKey { .. } => Code::UnknownKey,
        Problem::Duplicate { .. } => Code::DuplicateKey,
        Problem::WrongType { .. } => Code::WrongType,
        Problem::Missing { .. } => Code::MissingKey,
    }
}

/// The code of a message made by [`translate`], from the words it starts with (each branch
/// of `translate` starts its message with the title of its code).
pub(super) fn code_of(message: &str) -> Code {
    if message.starts_with("chave desconhecida") {
        Code::UnknownKey
    } else if message.starts_with("campo obrigatório ausente") {
        Code::MissingKey
    } else if message.starts_with("chave repetida") {
        Code::DuplicateKey
    } else if message.starts_with("valor ") {
        Code::WrongType
    } else {
        Code::YamlSyntax
    }
}

pub(super) fn problem(located: &Located) -> (String, Option<String>) {
    let (message, help) = match &located.problem {
        Problem::UnknownKey { key, accepted } => unknown_key(key, accepted),
        Problem::Duplicate { key } => (
            format!("chave repetida: `{}`", shorten(key, 60)),
            Some("cada chave só pode aparecer uma vez no mesmo grupo; apague ou junte as repetições".into()),
        ),
        Problem::WrongType { found, expected: shape } => (
            format!("valor de tipo errado: encontrei {found}, esperava {}", expected(shape)),
            Some(type_help(shape).into()),
        ),
        Problem::Missing { field } => (
            format!("campo obrigatório ausente: `{field}`"),
            Some(format!("acrescente uma linha `{field}: …` (veja docs/conteudo.md)")),
        ),
    };
    // Unknown and repeated keys are shown at the key itself; only their parent names a place.
    let path = match located.problem {
        Problem::UnknownKey { .. } | Problem::Duplicate { .. } => {
            display_path(located.path.get(..located.path.len().saturating_sub(1)).unwrap_or_default())
        }
        _ => display_path(&located.path),
    };
    if path.is_empty() {
        (message, help)
    } else {
        (format!("{message} (em `{}`)", shorten(&path, 60)), help)
    }
}

/// serde_yaml appends " at line L column C"; the location is reported separately.
pub(super) fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

pub(super) fn between_backticks(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// English serde_yaml message → (Portuguese message, hint). Errors inside nested values come
/// prefixed with their path (`endereco: missing field …`); the path is kept, in Portuguese.
pub(super) fn translate(message: &str) -> (String, Option<String>) {
    if let Some((path, rest)) = message.split_once(": ") {
        let is_path = !path.is_empty()
            && path.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'))
            && !matches!(
                path,
                "invalid type" | "invalid value" | "unknown field" | "missing field" | "unknown variant"
            );
        if is_path {
            let (inner, help) = translate(rest);
            return (format!("{inner} (em `{}`)", shorten(path, 60)), help);
        }
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names = backticked(rest);
        let unknown = names.first().copied().unwrap_or("?");
        let expected: Vec<&str> = names.iter().skip(1).copied().collect();
        return unknown_key(unknown, &expected);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let field = between_backticks(rest).unwrap_or(rest);
        return (
            format!("campo obrigatório ausente: `{field}`"),
            Some(format!("acrescente uma linha `{field}: …` (veja docs/conteudo.md)")),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ").or_else(|| message.strip_prefix("invalid value: ")) {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return (
            format!("valor de tipo errado: encontrei {}, esperava {}", type_pt(found), type_pt(expected)),
            Some(
                "confira a indentação e se o valor deveria ser um texto, uma lista (- item) ou um grupo (chave: valor)"
                    .into(),
            ),
        );
    }
    if message.starts_with("duplicate entry")
        || message.contains("duplicate key")
        || message.starts_with("duplicate field")
    {
        let key = between_backticks(message).map(|k| format!(": `{}`", shorten(k, 60))).unwrap_or_default();
        return (
            format!("chave repetida{key}"),
            Some("cada chave só pode aparecer uma vez no mesmo grupo; apague ou junte as repetições".into()),
        );
    }
    if message.starts_with("unknown variant") {
        let names = backticked(message);
        let found = names.first().copied().unwrap_or("?");
        let expected: Vec<&str> = names.iter().skip(1).copied().collect();
        return (
            format!("valor não reconhecido: `{}`", shorten(found, 60)),
            Some(format!("use um destes: {}", expected.join(", "))),
        );
    }
    if message.starts_with("data did not match any variant") {
        return (
            "valor em formato não reconhecido".into(),
            Some("confira se o valor deveria ser um texto, uma lista (- item) ou um grupo (chave: valor)".into()),
        );
    }
    if message.starts_with("deserializing from YAML containing more than one document") {
        return (
            "o arquivo tem mais de um documento YAML (uma linha com só --- no meio)".into(),
            Some("apague a linha com --- do meio do arquivo; num arquivo .md, o cabeçalho fica entre a primeira e a segunda linha ---".into()),
        );
    }
    if message.starts_with("recursion limit exceeded") {
        return (
            "o YAML tem grupos ou listas aninhados demais".into(),
            Some("use no máximo algumas dezenas de níveis de recuo".into()),
        );
    }
    let help = "confira a indentação (use espaços, não tabulação), os dois-pontos depois de cada chave e as aspas: \
                um texto com `: ` ou que começa com caracteres especiais precisa de aspas";
    (format!("YAML inválido: {}", syntax_pt(message)), Some(help.to_string()))
}

/// serde's words for types → Portuguese. A Rust name (`struct ValueYaml`, `i64`) is dropped:
/// it means nothing to an editor.
fn type_pt(text: &str) -> String {
    let text = text.trim();
    let pairs = [
        ("a sequence", "uma lista"),
        ("sequence", "uma lista"),
        ("a map", "um grupo de chaves"),
        ("map", "um grupo de chaves"),
        ("struct variant", "um grupo de chaves"),
        ("struct", "um grupo de chaves"),
        ("tuple", "uma lista"),
        ("a string", "um texto"),
        ("a text", "um texto"),
        ("string", "um texto"),
        ("a character", "um texto"),
        ("unit value", "um valor vazio"),
        ("unit", "um valor vazio"),
        ("a boolean", "verdadeiro/falso"),
        ("boolean", "verdadeiro/falso"),
        ("integer", "um número"),
        ("floating point", "um número"),
        ("enum", "um valor"),
        ("option", "um valor"),
        ("newtype struct", "um valor"),
    ];
    for (en, pt) in pairs {
        if let Some(rest) = text.strip_prefix(en) {
            // Keep a quoted value (`string "x"`), drop a Rust name (`struct ValueYaml`).
            let rest = rest.trim();
            return if rest.starts_with('"') || rest.starts_with('`') {
                format!("{pt} {}", shorten(rest, 60))
            } else {
                pt.to_string()
            };
        }
    }
    let rust_number = ["i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128", "f32", "f64"];
    if rust_number.contains(&text) {
        return "um número".into();
    }
    if text.chars().next().is_some_and(char::is_uppercase) || text.contains("::") {
        return "outro tipo de valor".into();
    }
    shorten(text, 80)
}

fn syntax_pt(message: &str) -> String {
    let pairs = [
        ("mapping values are not allowed in this context", "dois-pontos em lugar inesperado"),
        ("did not find expected key", "chave esperada não encontrada (indentação errada?)"),
        ("found character that cannot start any token", "caractere que não pode começar um valor (use aspas)"),
        ("did not find expected '-' indicator", "item de lista esperado (- …)"),
        ("found unexpected end of stream", "o arquivo terminou antes do esperado"),
        ("found a tab character", "tabulação encontrada; use espaços"),
        ("did not find expected alphabetic or numeric character", "& ou * no começo de um valor (use aspas)"),
        ("found undefined tag handle", "! no começo de um valor (use aspas)"),
        ("did not find expected node content", "valor esperado não encontrado"),
        ("found unknown escape character", "barra invertida (\\) inválida entre aspas duplas; use aspas simples"),
        ("found unexpected ':'", "dois-pontos em lugar inesperado"),
        ("could not find expected ':'", "dois-pontos esperados depois da chave"),
        ("found duplicate anchor", "âncora (&nome) repetida"),
        ("control characters are not allowed", "caractere de controle invisível no arquivo"),
        ("EOF while parsing", "o arquivo terminou antes do esperado"),
    ];
    for (en, pt) in pairs {
        if message.contains(en) {
            return pt.to_string();
        }
    }
    // An untranslated libyaml message is better than nothing, but never a whole line of input.
    shorten(message, 120)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_type_names_never_reach_the_editor() {
        for message in [
            "invalid type: string \"x\", expected struct ValueYaml",
            "valores[0]: invalid type: sequence, expected struct PersonYaml",
            "invalid type: map, expected i64",
            "invalid type: map, expected u32",
            "invalid type: sequence, expected a text",
            "data did not match any variant of untagged enum Scalar",
            "invalid type: map, expected secretaria::model::raw::Text",
        ] {
            let (text, help) = translate(message);
            let all = format!("{text} {}", help.unwrap_or_default());
            for internal in ["Yaml", "struct", "enum", "Scalar", "i64", "u32", "::", "untagged"] {
                assert!(!all.contains(internal), "{message} → {all}");
            }
        }
    }

    #[test]
    fn long_values_are_shortened() {
        let long = "x".repeat(10_000);
        let (text, _) = translate(&format!("unknown field `{long}`, expected `a`"));
        assert!(text.chars().count() < 100, "{text}");
    }
}

#[cfg(test)]
mod code_tests {
    use super::*;

    #[test]
    fn translated_messages_get_their_code() {
        let code = |english: &str| code_of(&translate(english).0);
        assert_eq!(code("unknown field `titlo`, expected one of `titulo`, `data`"), Code::UnknownKey);
        assert_eq!(code("missing field `nome`"), Code::MissingKey);
        assert_eq!(code("invalid type: sequence, expected a string"), Code::WrongType);
        assert_eq!(code("unknown variant `x`, expected `a` or `b`"), Code::WrongType);
        assert_eq!(code("data did not match any variant of untagged enum X"), Code::WrongType);
        assert_eq!(code("duplicate entry with key \"a\""), Code::DuplicateKey);
        assert_eq!(code("did not find expected key"), Code::YamlSyntax);
    }
}
