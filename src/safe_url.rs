//! Which link and image addresses a published page may carry: `http`, `https`, `mailto`,
//! `tel` and relative ones. Anything else (`javascript:`, `vbscript:`, `data:`, `file:`…) is
//! refused wherever the address comes from: Markdown links and images, raw HTML (the
//! sanitiser is given [`ALLOWED_SCHEMES`]) and the menu of `site.yaml`.
//!
//! The scheme is read exactly as a browser reads it (the WHATWG URL standard's "scheme start"
//! and "scheme" states), after the same clean-up a browser does: leading and trailing C0
//! controls and spaces are dropped and every tab, line feed and carriage return is removed
//! wherever it is. So `jav&#x09;ascript:` (the entity is decoded before we see the text),
//! ` javascript:` and `JaVaScRiPt:` are all `javascript`.

/// The schemes a published address may have; everything without a scheme is relative.
pub(crate) const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The scheme of `url` in lower case, as a browser would read it, or `None` for a relative
/// address (`pagina/`, `/x`, `#ancora`, `//host/x`, `?q`).
pub(crate) fn scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut chars = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let mut scheme = String::new();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
        _ => return None,
    }
    for c in chars {
        match c {
            ':' => return Some(scheme),
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => scheme.push(c.to_ascii_lowercase()),
            _ => return None,
        }
    }
    None
}

/// Whether `url` may be published as a link or image address.
pub(crate) fn is_allowed(url: &str) -> bool {
    scheme(url).is_none_or(|s| ALLOWED_SCHEMES.contains(&s.as_str()))
}

/// The refused scheme of `url`, for messages (`javascript`), or `None` when it is allowed.
pub(crate) fn refused_scheme(url: &str) -> Option<String> {
    scheme(url).filter(|s| !ALLOWED_SCHEMES.contains(&s.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_and_relative_addresses() {
        for url in [
            "https://gov.br/",
            "HTTP://x",
            "mailto:a@b.br",
            "tel:+553436631492",
            "/estrutura/x/",
            "../x.pdf",
            "x.png",
            "#art27",
            "?q=1",
            "//cdn.example/x",
            "",
        ] {
            assert!(is_allowed(url), "{url}");
        }
        // A colon makes a scheme only before the first `/`, `?` or `#`.
        assert!(!is_allowed("pagina:2/"));
        assert!(is_allowed("docs/a:b"));
        assert!(is_allowed("#a:b"));
        assert!(is_allowed("1abc:x"), "a scheme starts with a letter");
    }

    #[test]
    fn refused_schemes_however_they_are_written() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}\u{2}javascript:alert(1)",
            "\u{0} \u{1f}javascript:alert(1)",
            "jav\tascript:alert(1)",
            "jav\nascript:alert(1)",
            "java\rscript:alert(1)",
            "javascript\t:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "DATA:image/svg+xml,<svg onload=alert(1)>",
            "file:///etc/passwd",
            "livescript:x",
            "x-javascript:x",
        ] {
            assert!(!is_allowed(url), "{url:?}");
            assert!(refused_scheme(url).is_some(), "{url:?}");
        }
        assert_eq!(scheme("jav\tascript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(refused_scheme("https://x"), None);
    }

    #[test]
    fn look_alikes_are_relative_and_so_inert() {
        // Percent-encoded or non-ASCII letters never form a scheme, in a browser either.
        for url in ["jav%09ascript:alert(1)", "jаvascript:alert(1)", "&#106;avascript:alert(1)"] {
            assert_eq!(scheme(url), None, "{url}");
        }
    }
}
