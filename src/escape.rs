//! HTML escaping for text and attribute values built outside Tera (the legal text, the
//! error overlay). Tera escapes everything else itself.

/// Appends `s` with `& < > " '` escaped.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// `s` with `& < > " '` escaped.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Tera's autoescape (`tera::escape_html`: `& < > " ' /`), the same bytes, by runs: Tera's
/// own pushes the text one character at a time, and every value a template prints goes
/// through it (it showed in profiles of a 10,000-page build). Set with `Tera::set_escape_fn`.
pub(crate) fn tera_html(input: &str) -> String {
    // Most values have nothing to escape: one copy.
    let Some(first) = input.bytes().position(|b| SPECIAL[usize::from(b)]) else { return input.to_owned() };
    // Room for addresses, which are mostly `/` (each becomes six bytes).
    let mut out = String::with_capacity(input.len() + input.len() / 2 + 16);
    let mut last = 0;
    for (i, b) in input.bytes().enumerate().skip(first) {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            b'/' => "&#x2F;",
            _ => continue,
        };
        // `i` is the index of an ASCII byte: a character boundary.
        out.push_str(input.get(last..i).unwrap_or_default());
        out.push_str(replacement);
        last = i + 1;
    }
    out.push_str(input.get(last..).unwrap_or_default());
    out
}

/// The bytes [`tera_html`] replaces.
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table[b'/' as usize] = true;
    table
};

#[cfg(test)]
mod tests {
    #[test]
    fn teras_escape_by_runs_gives_teras_bytes() {
        let pieces = ["", "a", "ç", "&", "<", ">", "\"", "'", "/", "São José", "💡", "&amp;", "a/b?c=d&e", " ", "\\"];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}");
                    let escaped = super::tera_html(&text);
                    assert_eq!(escaped, tera::escape_html(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(super::escape("&<>\"'ç"), "&amp;&lt;&gt;&quot;&#39;ç");
    }
}
