//! YAML scalars as the draft writes them: plain when that reads back as the same string,
//! double-quoted otherwise, and block literals (`|`) for Markdown. The tests read every
//! draft back with serde_yaml.

/// Whether `s` reads back as the same string when written plain.
fn plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    let reserved = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"];
    !first.is_whitespace()
        && !s.ends_with(char::is_whitespace)
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !first.is_ascii_digit()
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(|c| c.is_control() || c == '\u{feff}')
        && !reserved.contains(&s.to_lowercase().as_str())
}

/// A double-quoted scalar.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A one-line scalar.
pub(crate) fn scalar(s: &str) -> String {
    if plain_safe(s) {
        s.to_owned()
    } else {
        quoted(s)
    }
}

/// `key: value` at `indent` spaces; a multi-line value as a block literal.
pub(crate) fn entry(indent: usize, key: &str, value: &str) -> String {
    let pad = " ".repeat(indent);
    let block_safe = value.lines().all(|l| !l.starts_with(char::is_whitespace))
        && !value.chars().any(|c| c.is_control() && c != '\n' || c == '\u{feff}');
    if value.contains('\n') && block_safe {
        let mut out = format!("{pad}{key}: |\n");
        for line in value.lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str(&format!("{pad}  {line}\n"));
            }
        }
        out
    } else {
        format!("{pad}{key}: {}\n", scalar(value))
    }
}

/// A `# …` comment line at `indent` spaces (one line: a newline would end the comment).
pub(crate) fn comment(indent: usize, text: &str) -> String {
    format!("{}# {}\n", " ".repeat(indent), text.replace(['\n', '\r'], " "))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn back(yaml: &str) -> String {
        let v: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
        v.get("k").and_then(|v| v.as_str()).unwrap().to_owned()
    }

    #[test]
    fn scalars_read_back_as_written() {
        for s in [
            "Rua Coronel Ponciano, 1700",
            "(34) 3663-1492",
            "26/09/2019 12:30",
            "Nota: texto",
            "- item",
            "yes",
            "VIII CONFERENCIA",
            "aspas \" e \\ barra",
            "#1 lugar",
            "Texto #tag",
            "fim:",
            "\u{a0}espaço",
        ] {
            assert_eq!(back(&entry(0, "k", s)), s, "{s}");
        }
    }

    #[test]
    fn blocks_read_back_with_a_final_newline() {
        let text = "Primeiro parágrafo:\n\n- item um\n- item dois";
        assert_eq!(back(&entry(0, "k", text)), format!("{text}\n"));
        let indented = " a. item\nb. item";
        assert_eq!(back(&entry(0, "k", indented)), indented);
    }
}
