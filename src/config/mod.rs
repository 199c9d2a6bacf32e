//! Site configuration: `site.yaml` ([`raw`]) validated, plus the overrides given on the
//! command line.

pub mod links;
mod outputs;
pub mod raw;
pub mod review;

pub use outputs::Skip;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::kinds::ACCESS_HUB;
use crate::model::datetime::DateTime;
use crate::model::holidays::{HolidayCalendar, MunicipalHoliday};
use crate::source::yaml::{YamlDoc, MAX_PROBLEMS};
use crate::source::SourceFile;
use raw::{MenuItemYaml, SiteYaml};

/// What the command line may override.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Outputs left out (benchmarks only).
    pub skip: Skip,
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
    /// The municipality's time zone: "today", "aberto agora" and calendar times are its.
    #[serde(serialize_with = "serialize_tz")]
    pub time_zone: chrono_tz::Tz,
    /// The national holidays and the municipality's (`feriados:`), for "aberto agora".
    #[serde(skip)]
    pub holidays: HolidayCalendar,
    /// Outputs left out (benchmarks only; see [`Skip`]).
    pub skip: Skip,
    /// `transparencia:`: the addresses of the portal da transparência's pages and the like.
    pub transparency: links::Transparency,
    /// `verificacao:` and `siglas:`: outdated pages, long sentences, the site's acronyms.
    pub review: review::Review,
    /// `itens_por_pagina:`: how many items one page of a listing shows (see
    /// `render::paginate`).
    pub page_size: usize,
}

fn serialize_tz<S: serde::Serializer>(tz: &chrono_tz::Tz, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(tz.name())
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct MenuItem {
    pub title: String,
    /// Site-relative path without the leading slash (`secretaria/`), or an absolute URL.
    pub url: String,
}

pub const DEFAULT_PRIMARY: &str = "#0b4f8a";
/// Items per page of a listing when `site.yaml` says nothing: a page a screen reader user can
/// skim in a minute and a phone loads at once (about 30 KB of HTML), while the small sites of
/// most secretariats stay on one page.
pub const DEFAULT_PAGE_SIZE: usize = 50;
/// The bounds of `itens_por_pagina`.
pub const PAGE_SIZES: std::ops::RangeInclusive<usize> = 1..=1000;
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
        // Past `MAX_PROBLEMS` errors (a long list of bad holidays), the rest are counted, not
        // located: locating one scans the file.
        let mut found = 0;
        let mut error = |code: Code, key: &str, value: &str, message: String, help: &str| {
            found += 1;
            if found <= MAX_PROBLEMS {
                diagnostics.push(
                    Diagnostic::new(code, message)
                        .in_file(&file.rel_path)
                        .at(doc.locate_value(key, value))
                        .with_help(help),
                );
            }
        };
        let uf = raw.uf.as_deref().map(str::trim).map(str::to_uppercase);
        if let Some(uf) = &uf {
            if !UFS.contains(&uf.as_str()) {
                error(
                    Code::InvalidUf,
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
                    Code::InvalidSetting,
                    "ddd",
                    ddd.as_str(),
                    format!("DDD inválido: {}", ddd.as_str()),
                    "escreva só os dois dígitos, por exemplo `ddd: 34`",
                );
                None
            }
        });
        let page_size = match &raw.itens_por_pagina {
            None => DEFAULT_PAGE_SIZE,
            Some(text) => match text.as_str().trim().parse::<usize>() {
                Ok(n) if PAGE_SIZES.contains(&n) => n,
                _ => {
                    error(
                        Code::InvalidSetting,
                        "itens_por_pagina",
                        text.as_str().trim(),
                        format!("itens_por_pagina inválido: {}", text.as_str().trim()),
                        &format!(
                            "escreva um número inteiro de {} a {}, por exemplo `itens_por_pagina: {DEFAULT_PAGE_SIZE}`; sem esta linha, cada página de uma lista mostra {DEFAULT_PAGE_SIZE} itens",
                            PAGE_SIZES.start(),
                            PAGE_SIZES.end()
                        ),
                    );
                    DEFAULT_PAGE_SIZE
                }
            },
        };
        // A --base-url problem is the command line's, not site.yaml's: reported without a file.
        let mut command_line_problem = None;
        let base_url = match (&overrides.base_url, &raw.base_url) {
            (Some(url), _) => match parse_base_url(url) {
                Ok(url) => Some(url),
                Err(problem) => {
                    command_line_problem = Some(problem);
                    None
                }
            },
            (None, Some(url)) => match parse_base_url(url) {
                Ok(url) => Some(url),
                Err(problem) => {
                    error(
                        Code::InvalidSetting,
                        "base_url",
                        url.trim(),
                        format!("base_url inválida: {problem}"),
                        BASE_URL_HELP,
                    );
                    None
                }
            },
            (None, None) => None,
        };
        let primary_colour =
            raw.cores.as_ref().and_then(|c| c.primaria.clone()).unwrap_or_else(|| DEFAULT_PRIMARY.into());
        match parse_hex_colour(&primary_colour) {
            None => error(
                Code::InvalidSetting,
                "primaria",
                &primary_colour,
                format!("cor inválida: {primary_colour}"),
                "escreva a cor em hexadecimal entre aspas, por exemplo \"#0b4f8a\"",
            ),
            Some(rgb) => {
                let ratio = contrast_ratio(rgb, (255, 255, 255));
                if ratio < 4.5 {
                    error(
                        Code::InvalidSetting,
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
                Code::InvalidSetting,
                "tema",
                &theme,
                format!("nome de tema inválido: {theme}"),
                "use o nome de uma pasta dentro de themes/, por exemplo `default`",
            );
        }
        let time_zone = match &raw.fuso_horario {
            Some(name) => match name.trim().parse::<chrono_tz::Tz>() {
                Ok(tz) => tz,
                Err(_) => {
                    error(
                        Code::InvalidSetting,
                        "fuso_horario",
                        name.trim(),
                        format!("fuso horário desconhecido: {}", name.trim()),
                        "use um nome da base de fusos horários (IANA), por exemplo \"America/Sao_Paulo\", \"America/Manaus\" ou \"America/Rio_Branco\"; sem esta linha, o fuso vem da UF",
                    );
                    chrono_tz::America::Sao_Paulo
                }
            },
            None => time_zone_of(uf.as_deref(), raw.municipio.as_deref()),
        };
        let mut municipal: Vec<MunicipalHoliday> = Vec::new();
        // Dates already listed: a repeat is found without a scan (linear for long lists).
        let mut listed = std::collections::HashSet::new();
        for holiday in raw.feriados.iter().flatten() {
            let date = holiday.data.as_str();
            match MunicipalHoliday::parse(date, holiday.nome.as_deref()) {
                Ok(parsed) if !listed.insert(parsed.date) => error(
                    Code::InvalidHoliday,
                    "data",
                    date.trim(),
                    format!("feriado repetido: {}", date.trim()),
                    "cada feriado aparece uma vez em `feriados`; apague a repetição",
                ),
                Ok(parsed) => municipal.push(parsed),
                Err(e) => error(e.code, "data", date.trim(), e.message, e.help.as_deref().unwrap_or_default()),
            }
        }
        for item in raw.menu.iter().flatten() {
            if let Some(scheme) = crate::safe_url::refused_scheme(&item.url) {
                error(
                    Code::InvalidSetting,
                    "url",
                    &item.url,
                    format!("endereço não permitido no menu ({scheme}:)"),
                    "use um caminho do site (/secretaria/) ou um endereço http://, https://, mailto: ou tel:",
                );
            }
        }
        let transparency = raw.transparencia.as_ref().map_or_else(links::Transparency::default, |t| {
            t.validate(|key, value, message, help| error(Code::InvalidSetting, key, value, message, help))
        });
        let review =
            review::Review::from_yaml(raw.verificacao.as_ref(), raw.siglas.as_ref(), |key, value, message, help| {
                error(Code::InvalidSetting, key, value, message, help);
            });
        // Only when none was given: a bad one is an error already.
        if base_url.is_none() && command_line_problem.is_none() && raw.base_url.is_none() {
            diagnostics.push(outputs::missing_base_url(&file.rel_path));
        }
        if found > MAX_PROBLEMS {
            diagnostics.push(crate::source::yaml::more_problems(&file.rel_path, found - MAX_PROBLEMS));
        }
        if let Some(problem) = command_line_problem {
            diagnostics.push(
                Diagnostic::new(Code::InvalidSetting, format!("--base-url inválida (na linha de comando): {problem}"))
                    .with_help(BASE_URL_HELP),
            );
        }
        let mut menu: Option<Vec<MenuItem>> = raw.menu.map(|items| items.into_iter().map(menu_item).collect());
        if let Some(items) = &mut menu {
            if !items.iter().any(|i| i.url.trim_end_matches('/') == ACCESS_HUB.trim_end_matches('/')) {
                // The hub links every mandatory section: a menu without it would hide them.
                items.push(MenuItem { title: "Acesso à Informação".into(), url: ACCESS_HUB.into() });
                diagnostics.push(
                    Diagnostic::new(
                        Code::MenuWithoutHub,
                        "o menu do site.yaml não tem o link para Acesso à Informação; ele foi acrescentado ao fim do menu",
                    )
                        .in_file(&file.rel_path)
                        .at(doc.locate_key("menu"))
                        .with_help(
                            "a Lei de Acesso à Informação pede a seção “Acesso à Informação” no menu principal, com todos os itens obrigatórios; acrescente ao menu:\n  - titulo: Acesso à Informação\n    url: /acesso-a-informacao/",
                        ),
                );
            }
        }
        if raw.vlibras == Some(true) {
            diagnostics.push(vlibras_not_shown(&file.rel_path, doc.locate_key("vlibras")));
        }
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
            time_zone,
            holidays: HolidayCalendar::new(municipal),
            skip: overrides.skip,
            transparency,
            review,
            page_size,
        })
    }

    /// "Now" in the municipality: `fixed` when given (tests), else the instant of
    /// `SOURCE_DATE_EPOCH` (reproducible builds), else the machine's clock — always read in
    /// the municipality's time zone, not the machine's.
    pub fn now(&self, fixed: Option<chrono::NaiveDateTime>, source_date_epoch: Option<i64>) -> DateTime {
        if let Some(fixed) = fixed {
            return DateTime::from_naive(fixed);
        }
        let instant = source_date_epoch
            .and_then(|secs| chrono::DateTime::<chrono::Utc>::from_timestamp(secs, 0))
            .unwrap_or_else(chrono::Utc::now);
        DateTime::from_naive(instant.with_timezone(&self.time_zone).naive_local())
    }

    /// A stand-in for a `site.yaml` that could not be used (its errors are reported), so that
    /// the content is still checked in the same run. It is never published: the build fails
    /// on the `site.yaml` errors. What content checks depend on (the default DDD, the theme)
    /// is taken from the file's top-level lines when they can be read, so that a broken
    /// `site.yaml` does not also make every phone without DDD an error.
    pub fn fallback(file: Option<&SourceFile>, overrides: &Overrides) -> Self {
        let line = |key: &str| -> Option<String> {
            let text = file?.text.as_str();
            text.lines().find_map(|l| {
                let value = l.strip_prefix(key)?.trim_start().strip_prefix(':')?;
                let value = value.split(" #").next().unwrap_or(value).trim().trim_matches(['"', '\'']);
                (!value.is_empty()).then(|| value.to_string())
            })
        };
        let theme = line("tema").or_else(|| line("theme")).filter(|t| !t.contains(['/', '\\']) && !t.starts_with('.'));
        SiteConfig {
            title: String::new(),
            municipality: None,
            uf: None,
            language: "pt-BR".into(),
            base_url: None,
            theme: theme.unwrap_or_else(|| "default".into()),
            default_ddd: line("ddd").and_then(|d| d.parse::<u8>().ok()).filter(|d| (11..=99).contains(d)),
            description: None,
            primary_colour: DEFAULT_PRIMARY.into(),
            menu: None,
            allow_html: false,
            vlibras: false,
            drafts: overrides.drafts,
            time_zone: time_zone_of(None, None),
            holidays: HolidayCalendar::new(Vec::new()),
            skip: overrides.skip,
            transparency: links::Transparency::default(),
            review: review::Review::default(),
            page_size: line("itens_por_pagina")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| PAGE_SIZES.contains(n))
                .unwrap_or(DEFAULT_PAGE_SIZE),
        }
    }

    /// The absolute URL of a site path (`estrutura/x/`), when `base_url` is set.
    pub fn absolute(&self, path: &str) -> Option<String> {
        self.base_url.as_ref().map(|base| format!("{base}{}", path.trim_start_matches('/')))
    }
}

const BASE_URL_HELP: &str =
    "use o endereço completo em que o site será publicado, por exemplo https://social.municipio.uf.gov.br/ ou https://www.municipio.uf.gov.br/social/";

/// `base_url` as a URL: http(s), a host, no user, query or fragment, no spaces or control
/// characters (which a URL parser would silently drop), path ending in `/`.
pub fn parse_base_url(text: &str) -> Result<String, String> {
    let text = text.trim();
    if let Some(c) = text.chars().find(|c| c.is_control() || c.is_whitespace()) {
        return Err(match c {
            '\n' | '\r' => "o endereço tem uma quebra de linha".to_string(),
            ' ' => "o endereço tem um espaço".to_string(),
            _ => format!("o endereço tem um caractere invisível (U+{:04X})", u32::from(c)),
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
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("{text} não pode ter `?` nem `#`"));
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// The legal time of a municipality by its UF (Decreto 2.784/1913 as amended by Lei
/// 12.876/2013). Fernando de Noronha, in Pernambuco, keeps UTC−2. Amazonas has two zones
/// split by a line from Tabatinga to Porto Acre, not by a list of municipalities, so its
/// western municipalities set `fuso_horario: America/Eirunepe` in site.yaml (documented);
/// western Pará, `America/Santarem`.
pub fn time_zone_of(uf: Option<&str>, municipality: Option<&str>) -> chrono_tz::Tz {
    use chrono_tz::America;
    let place = municipality.map(crate::model::slug::slugify).unwrap_or_default();
    // The zones of the tz database's zone.tab for Brazil, which keep each state's history
    // (summer time until 2019 in some states only), so that old notices convert right.
    match uf.unwrap_or("") {
        "PE" if place == "fernando-de-noronha" => America::Noronha,
        "AC" => America::Rio_Branco,
        "AL" | "SE" => America::Maceio,
        "AM" => America::Manaus,
        "AP" | "PA" => America::Belem,
        "BA" => America::Bahia,
        "CE" | "MA" | "PB" | "PI" | "RN" => America::Fortaleza,
        "MS" => America::Campo_Grande,
        "MT" => America::Cuiaba,
        "PE" => America::Recife,
        "RO" => America::Porto_Velho,
        "RR" => America::Boa_Vista,
        "TO" => America::Araguaina,
        _ => America::Sao_Paulo,
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

/// `vlibras: true`: the default theme shows no VLibras button. The widget is scripts, styles
/// and a WebGL player from vlibras.gov.br that need inline styles and `eval`: it would break the
/// promise that the published site loads nothing from third parties and the Content-Security-
/// Policy of docs/hospedagem.md. So the key promises nothing; a warning (not an error, since it
/// never did anything) says so where it is written.
fn vlibras_not_shown(file: &std::path::Path, at: crate::diagnostics::Location) -> Diagnostic {
    Diagnostic::new(Code::VlibrasIgnored, "`vlibras: true` não muda nada: o tema padrão não mostra o botão do VLibras")
        .in_file(file)
        .at(at)
        .with_help(
            "apague a linha `vlibras` do site.yaml. O VLibras carregaria programas de vlibras.gov.br em cada página, \
             e o site não carrega nada de outros servidores; quem usa Libras pode instalar o VLibras no próprio \
             navegador ou computador (https://vlibras.gov.br/)",
        )
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
        assert!(!d.has_errors(), "{d:?}");
    }

    /// Without `base_url`, one warning at the start of site.yaml says what is not published
    /// and what still is; with it, or with a bad one (already an error), none.
    #[test]
    fn a_missing_base_url_is_a_located_warning() {
        let (_, d) = load("titulo: T\n");
        let warnings: Vec<_> = d.iter().filter(|d| d.severity == crate::diagnostics::Severity::Warning).collect();
        assert_eq!(warnings.len(), 1, "{d:?}");
        let w = warnings[0];
        assert!(w.message.contains("sitemap.xml") && w.message.contains("avisos/atom.xml"), "{}", w.message);
        assert!(w.help.as_deref().is_some_and(|h| h.contains("continuam publicados")), "{w:?}");
        assert_eq!((w.file.as_deref(), w.location.map(|l| l.line)), (Some(std::path::Path::new("site.yaml")), Some(1)));
        assert!(load("titulo: T\nbase_url: https://x.gov.br/\n").1.is_empty());
        let (_, d) = load("titulo: T\nbase_url: x.gov.br\n");
        assert!(d.iter().all(|d| !d.message.contains("sem `base_url`")), "{d:?}");
        let (_, d) = load(
            "titulo: T\nmenu:\n  - titulo: A\n    url: /a/\n  - titulo: B\n    url: https://gov.br/\n  - titulo: Acesso à Informação\n    url: /acesso-a-informacao/\nbase_url: https://x.gov.br/\n",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    /// `vlibras: true` is a located warning (the theme shows no VLibras); `false` is silent.
    #[test]
    fn vlibras_true_is_a_located_warning() {
        let (config, d) = load("titulo: T\nbase_url: https://x.gov.br/\nvlibras: true\n");
        assert!(config.is_some() && !d.has_errors(), "{d:?}");
        let warnings: Vec<_> = d.iter().filter(|d| d.severity == crate::diagnostics::Severity::Warning).collect();
        assert_eq!(warnings.len(), 1, "{d:?}");
        assert!(warnings[0].message.contains("VLibras"), "{}", warnings[0].message);
        assert!(warnings[0].help.as_deref().is_some_and(|h| h.contains("apague a linha")), "{:?}", warnings[0]);
        assert_eq!(warnings[0].location.map(|l| (l.line, l.column)), Some((3, 1)));
        assert!(load("titulo: T\nbase_url: https://x.gov.br/\nvlibras: false\n").1.is_empty());
    }

    /// The hub links every mandatory section: a menu of the site's own without it gets it
    /// at the end, with a warning at `menu` that shows the lines to add.
    #[test]
    fn a_menu_without_the_hub_gets_it_with_a_warning() {
        let (c, d) = load(
            "titulo: T\nuf: MG\nmenu:\n  - titulo: A Secretaria\n    url: /secretaria/\nbase_url: https://x.gov.br/\n",
        );
        let menu: Vec<(String, String)> =
            c.and_then(|c| c.menu).unwrap_or_default().into_iter().map(|m| (m.title, m.url)).collect();
        assert_eq!(
            menu,
            vec![
                ("A Secretaria".to_string(), "secretaria/".to_string()),
                ("Acesso à Informação".to_string(), "acesso-a-informacao/".to_string())
            ]
        );
        let w = d.iter().next().cloned();
        assert!(!d.has_errors());
        assert_eq!(w.as_ref().map(|w| w.severity), Some(crate::diagnostics::Severity::Warning));
        assert_eq!(w.as_ref().map(|w| w.code), Some(Code::MenuWithoutHub));
        assert_eq!(w.as_ref().and_then(|w| w.location).map(|l| l.line), Some(3));
        assert!(w.and_then(|w| w.help).unwrap_or_default().contains("url: /acesso-a-informacao/"));
        // Written without the slashes, it is there.
        let (_, d) =
            load("titulo: T\nmenu:\n  - titulo: LAI\n    url: acesso-a-informacao\nbase_url: https://x.gov.br/\n");
        assert!(d.is_empty(), "{d:?}");
    }

    /// `itens_por_pagina`: 50 without it; a number in range is taken; anything else is a
    /// located error in Portuguese that says what to write.
    #[test]
    fn the_page_size_is_validated_where_it_is_written() {
        let base = "titulo: T\nbase_url: https://x.gov.br/\n";
        let (c, d) = load(base);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.map(|c| c.page_size), Some(DEFAULT_PAGE_SIZE));
        let (c, d) = load(&format!("{base}itens_por_pagina: 20\n"));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.map(|c| c.page_size), Some(20));
        for bad in ["0", "-3", "dez", "2.5", "100000"] {
            let (_, d) = load(&format!("{base}itens_por_pagina: {bad}\n"));
            let e = d.iter().find(|d| d.code == Code::InvalidSetting).cloned();
            let e = e.unwrap_or_else(|| panic!("{bad}: {d:?}"));
            assert!(e.message.contains("itens_por_pagina inválido"), "{bad}: {}", e.message);
            assert!(e.help.as_deref().is_some_and(|h| h.contains("itens_por_pagina: 50")), "{e:?}");
            assert_eq!(e.location.map(|l| (l.line, l.column)), Some((3, 19)), "{bad}");
        }
    }

    #[test]
    fn bad_uf_is_reported() {
        let (_, d) = load("titulo: T\nuf: XX\n");
        assert!(d.has_errors());
    }
}
