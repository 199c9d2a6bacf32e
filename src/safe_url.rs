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

/// An address on another site, written by an editor (`transparencia:` in `site.yaml`, a
/// document's `arquivo`), read as a real URL: `http` or `https`, a server name, no user or
/// password, no spaces or invisible characters (which a URL parser would silently drop). A
/// query and a fragment are kept: portals of other systems need them. Returns the address as
/// the parser writes it (percent-encoded where needed), or what is wrong, in Portuguese.
pub(crate) fn parse_external(text: &str) -> Result<String, String> {
    let text = text.trim();
    // Zero-width and direction marks are invisible in the editor and survive in the URL.
    let invisible = |c: &char| matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}' | '\u{feff}');
    if let Some(c) = text.chars().find(|c| c.is_control() || c.is_whitespace() || invisible(c)) {
        return Err(match c {
            '\n' | '\r' => "o endereço tem uma quebra de linha".to_string(),
            ' ' => format!("{text} tem um espaço"),
            _ => format!("{text} tem um caractere invisível (U+{:04X})", u32::from(c)),
        });
    }
    let url = url::Url::parse(text).map_err(|err| match err {
        url::ParseError::RelativeUrlWithoutBase => format!("{text} não é um endereço completo (falta https://)"),
        url::ParseError::EmptyHost => format!("{text} não tem o nome do servidor"),
        url::ParseError::InvalidPort => format!("{text} tem uma porta inválida"),
        _ => format!("{text} não é um endereço válido"),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("{text} precisa começar com https:// (ou http://)"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("{text} não tem o nome do servidor"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("{text} não pode ter usuário ou senha"));
    }
    Ok(url.to_string())
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
    fn external_addresses_are_real_urls() {
        assert_eq!(
            parse_external(" https://transparencia.x.mg.gov.br/despesas?ano=2026 ").as_deref(),
            Ok("https://transparencia.x.mg.gov.br/despesas?ano=2026")
        );
        assert_eq!(parse_external("https://x.br").as_deref(), Ok("https://x.br/"));
        for (bad, part) in [
            ("transparencia.x.gov.br", "falta https://"),
            ("ftp://x.gov.br/", "precisa começar com https://"),
            ("https://a b.br/", "tem um espaço"),
            ("https://user:pw@x.br/", "usuário ou senha"),
            ("https://x.br/\u{200b}", "invisível"),
            ("javascript:alert(1)", "precisa começar"),
        ] {
            let problem = parse_external(bad).err().unwrap_or_default();
            assert!(problem.contains(part), "{bad}: {problem}");
        }
    }

    #[test]
    fn look_alikes_are_relative_and_so_inert() {
        // Percent-encoded or non-ASCII letters never form a scheme, in a browser either.
        for url in ["jav%09ascript:alert(1)", "jаvascript:alert(1)", "&#106;avascript:alert(1)"] {
            assert_eq!(scheme(url), None, "{url}");
        }
    }
}
