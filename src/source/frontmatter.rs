//! Splitting a Markdown file into its YAML front matter and its body, keeping the line
//! numbers of both so that errors point into the file as the editor sees it.

/// A Markdown file split in two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` fences (empty when there is none).
    pub yaml: &'a str,
    /// Lines before the YAML's first line (1 when the file starts with `---`).
    pub yaml_line_offset: usize,
    pub body: &'a str,
    /// Lines before the body's first line.
    pub body_line_offset: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`. A file without a leading fence is all body; an
/// unterminated fence is reported as `Err` with the 1-based line of the opening fence.
pub fn split(text: &str) -> Result<Split<'_>, usize> {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| (text.trim_end() == "---").then_some("")) else {
        return Ok(Split { yaml: "", yaml_line_offset: 0, body: text, body_line_offset: 0 });
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = rest.get(..offset).unwrap_or("");
            let body = rest.get(offset + line.len()..).unwrap_or("");
            let yaml_lines = yaml.matches('\n').count();
            return Ok(Split { yaml, yaml_line_offset: 1, body, body_line_offset: yaml_lines + 2 });
        }
        offset += line.len();
    }
    Err(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let s = split("---\ntitulo: A\ndata: 1\n---\ncorpo\n").ok();
        assert_eq!(
            s,
            Some(Split { yaml: "titulo: A\ndata: 1\n", yaml_line_offset: 1, body: "corpo\n", body_line_offset: 4 })
        );
    }

    #[test]
    fn no_front_matter_is_all_body() {
        assert_eq!(split("# Olá\n").map(|s| s.body), Ok("# Olá\n"));
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        assert_eq!(split("---\ntitulo: A\n"), Err(1));
    }

    #[test]
    fn empty_front_matter() {
        assert_eq!(split("---\n---\nx").map(|s| (s.yaml, s.body)), Ok(("", "x")));
    }
}
