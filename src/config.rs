//! Site configuration: `site.yaml` validated, plus the overrides given on the command line.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::raw::{MenuItemYaml, SiteYaml};
use crate::source::yaml::YamlDoc;
use crate::source::SourceFile;

/// What the command line may override.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// Validated site settings.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SiteConfig {
    pub title: String,
    pub municipality: Option<String>,
    pub uf: Option<String>,
    pub language: String,
    /// Absolute base URL with a trailing slash, used only where a standard needs absolute URLs.
    pub base_url: Option<String>,
    pub theme: String,
    pub default_ddd: Option<u8>,
    pub description: Option<String>,
    pub primary_colour: String,
    pub menu: Option<Vec<MenuItem>>,
    pub allow_html: bool,
    pub vlibras: bool,
    pub drafts: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct MenuItem {
    pub title: String,
    /// Site-relative path without the leading slash (`secretaria/`), or an absolute URL.
    pub url: String,
}

pub const DEFAULT_PRIMARY: &str = "#0b4f8a";
const UFS: [&str; 27] = [
    "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE", "PI", "RJ",
    "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
];

impl SiteConfig {
    /// Validates `site.yaml`; every problem goes to `diagnostics`.
    pub fn load(file: Option<&SourceFile>, overrides: &Overrides, diagnostics: &mut Diagnostics) -> Option<Self> {
        let file = file?;
        let doc = YamlDoc::whole(&file.rel_path, &file.text);
        let raw: SiteYaml = doc.parse(diagnostics)?;
        let mut error = |key: &str, value: &str, message: String, help: &str| {
            diagnostics.push(
                Diagnostic::error(message).in_file(&file.rel_path).at(doc.locate_value(key, value)).with_help(help),
            );
        };
        let uf = raw.uf.as_deref().map(str::trim).map(str::to_uppercase);
        if let Some(uf) = &uf {
            if !UFS.contains(&uf.as_str()) {
                error(
                    "uf",
                    uf,
                    format!("UF desconhecida: {uf}"),
                    &format!("use a sigla do estado: {}", UFS.join(", ")),
                );
            }
        }
        let default_ddd = raw.ddd.as_ref().and_then(|ddd| match ddd.as_str().trim().parse::<u8>() {
            Ok(n) if (11..=99).contains(&n) => Some(n),
            _ => {
                error(
                    "ddd",
                    ddd.as_str(),
                    format!("DDD inválido: {}", ddd.as_str()),
                    "escreva só os dois dígitos, por exemplo `ddd: 34`",
                );
                None
            }
        });
        let base_url = overrides.base_url.clone().or(raw.base_url.clone()).and_then(|url| {
            let url = url.trim().to_string();
            if url.starts_with("https://") || url.starts_with("http://") {
                Some(if url.ends_with('/') { url } else { format!("{url}/") })
            } else {
                error(
                    "base_url",
                    &url,
                    format!("base_url inválida: {url}"),
                    "use o endereço completo, por exemplo https://social.municipio.uf.gov.br/",
                );
                None
            }
        });
        let primary_colour =
            raw.cores.as_ref().and_then(|c| c.primaria.clone()).unwrap_or_else(|| DEFAULT_PRIMARY.into());
        match parse_hex_colour(&primary_colour) {
            None => error(
                "primaria",
                &primary_colour,
                format!("cor inválida: {primary_colour}"),
                "escreva a cor em hexadecimal entre aspas, por exemplo \"#0b4f8a\"",
            ),
            Some(rgb) => {
                let ratio = contrast_ratio(rgb, (255, 255, 255));
                if ratio < 4.5 {
                    error(
                        "primaria",
                        &primary_colour,
                        format!("a cor primária {primary_colour} tem contraste {ratio:.2}:1 com o branco, abaixo do mínimo 4,5:1"),
                        "escolha uma cor mais escura, por exemplo \"#0b4f8a\", para que textos e links sobre ela sejam legíveis",
                    );
                }
            }
        }
        let theme = raw.tema.clone().unwrap_or_else(|| "default".into());
        if theme.contains(['/', '\\']) || theme.starts_with('.') {
            error(
                "tema",
                &theme,
                format!("nome de tema inválido: {theme}"),
                "use o nome de uma pasta dentro de themes/, por exemplo `default`",
            );
        }
        for item in raw.menu.iter().flatten() {
            if let Some(scheme) = crate::safe_url::refused_scheme(&item.url) {
                error(
                    "url",
                    &item.url,
                    format!("endereço não permitido no menu ({scheme}:)"),
                    "use um caminho do site (/secretaria/) ou um endereço http://, https://, mailto: ou tel:",
                );
            }
        }
        let menu = raw.menu.map(|items| items.into_iter().map(menu_item).collect());
        Some(SiteConfig {
            title: raw.titulo,
            municipality: raw.municipio,
            uf,
            language: raw.idioma.unwrap_or_else(|| "pt-BR".into()),
            base_url,
            theme,
            default_ddd,
            description: raw.descricao,
            primary_colour,
            menu,
            allow_html: raw.permitir_html.unwrap_or(false),
            vlibras: raw.vlibras.unwrap_or(false),
            drafts: overrides.drafts,
        })
    }

    /// The absolute URL of a site path (`estrutura/x/`), when `base_url` is set.
    pub fn absolute(&self, path: &str) -> Option<String> {
        self.base_url.as_ref().map(|base| format!("{base}{}", path.trim_start_matches('/')))
    }
}

fn menu_item(item: MenuItemYaml) -> MenuItem {
    let url = if item.url.contains("://") || item.url.starts_with("mailto:") || item.url.starts_with("tel:") {
        item.url
    } else {
        item.url.trim_start_matches('/').to_string()
    };
    MenuItem { title: item.titulo, url }
}

pub fn parse_hex_colour(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.trim().strip_prefix('#')?;
    let expand = |s: &str| -> Option<u8> { u8::from_str_radix(s, 16).ok() };
    match hex.len() {
        6 => Some((expand(hex.get(0..2)?)?, expand(hex.get(2..4)?)?, expand(hex.get(4..6)?)?)),
        3 => {
            let d: Vec<u8> = hex.chars().map(|c| c.to_digit(16).map(|v| (v * 17) as u8)).collect::<Option<_>>()?;
            Some((*d.first()?, *d.get(1)?, *d.get(2)?))
        }
        _ => None,
    }
}

/// WCAG 2 contrast ratio between two sRGB colours.
pub fn contrast_ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn load(text: &str) -> (Option<SiteConfig>, Diagnostics) {
        let file = SourceFile { rel_path: PathBuf::from("site.yaml"), text: text.into() };
        let mut diagnostics = Diagnostics::new();
        (SiteConfig::load(Some(&file), &Overrides::default(), &mut diagnostics), diagnostics)
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        assert!((contrast_ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
        assert!((contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) - 4.48).abs() < 0.01);
    }

    #[test]
    fn low_contrast_colour_is_an_error_naming_colour_and_ratio() {
        let (_, d) = load("titulo: T\ncores:\n  primaria: \"#ffcc00\"\n");
        let e = d.iter().next().cloned();
        let message = e.as_ref().map(|e| e.message.clone()).unwrap_or_default();
        assert!(message.contains("#ffcc00") && message.contains(":1"), "{message}");
        assert_eq!(e.and_then(|e| e.location).map(|l| l.line), Some(3));
    }

    #[test]
    fn normalises_base_url_and_uf() {
        let (c, d) = load("titulo: T\nuf: mg\nbase_url: https://x.gov.br\n");
        assert!(d.is_empty());
        let c = c.unwrap_or_else(|| panic!("config"));
        assert_eq!(c.uf.as_deref(), Some("MG"));
        assert_eq!(c.absolute("/a/"), Some("https://x.gov.br/a/".into()));
    }

    #[test]
    fn menu_addresses_with_a_script_scheme_are_refused() {
        for url in ["javascript://%0aalert(1)", "JavaScript:alert(1)", "data:text/html,x", " vbscript:x"] {
            let (_, d) = load(&format!("titulo: T\nmenu:\n  - titulo: Sair\n    url: \"{url}\"\n"));
            let e = d.iter().next().cloned();
            assert!(e.as_ref().is_some_and(|e| e.message.contains("endereço não permitido no menu")), "{url}: {e:?}");
            assert_eq!(e.and_then(|e| e.location).map(|l| l.line), Some(4), "{url}");
        }
        let (_, d) = load("titulo: T\nmenu:\n  - titulo: A\n    url: /a/\n  - titulo: B\n    url: https://gov.br/\n");
        assert!(d.is_empty());
    }

    #[test]
    fn bad_uf_is_reported() {
        let (_, d) = load("titulo: T\nuf: XX\n");
        assert!(d.has_errors());
    }
}
