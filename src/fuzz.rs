//! Entry points for the fuzzers, one per area an editor's text reaches: front matter and YAML
//! through the real loading path, normative text, opening hours, contacts, and whole one-file
//! sites from `site.yaml` to minified HTML. Both fuzzing paths call these same functions —
//! the coverage-guided targets in `fuzz/` (libFuzzer, nightly) and the stable-Rust generator
//! in `examples/fuzz.rs` — and so do the regression tests of the inputs they found
//! (`tests/it/fuzz.rs`). `scripts/fuzz.sh` runs them; nothing here is part of the tool.
//!
//! Each function takes arbitrary bytes, must never panic, abort or overflow the stack, and
//! does the work a build does with that input. Results are checked only where a property is
//! cheap and certain (ids unique in a normative text); the rest is "no crash, no hang".
//! Inputs are split into fields at NUL bytes (see [`fields`]), so that a fuzzer that only
//! knows bytes still reaches every field.

use crate::diagnostics::Diagnostics;
use crate::legal;
use crate::model::contact::{parse_ddd, Email, LabelledPhone, Phone, Uf};
use crate::model::datetime::{Date, DateTime, Period};
use crate::model::holidays::{HolidayCalendar, MunicipalHoliday};
use crate::model::hours::{self, Exception, OpeningHours};
use crate::pipeline::{self, BuildOptions};
use crate::render::{hours as hours_view, theme, Renderer};
use crate::source::{self, SourceFile, SourceSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The targets, by the name the script and the fuzz crate use.
pub const TARGETS: [&str; 5] = ["front_matter", "legal", "hours", "contact", "site"];

/// Runs target `name` on `data`: whether the input went all the way (loaded without errors,
/// parsed, rendered: see each target), or `None` when there is no such target. The fuzzers
/// count the first to tell how much of what they generate reaches the deep code.
pub fn run(name: &str, data: &[u8]) -> Option<bool> {
    Some(match name {
        "front_matter" => front_matter(data),
        "legal" => legal(data),
        "hours" => hours(data),
        "contact" => contact(data),
        "site" => site(data),
        _ => return None,
    })
}

/// A minimal valid `site.yaml`, for the targets that fuzz the content alone.
pub const SITE_YAML: &str =
    "titulo: Secretaria Municipal de Assistência Social\nmunicipio: Perdizes\nuf: MG\nddd: 34\n";

/// Where the one content file of [`front_matter`] lives, chosen by its first byte: every
/// place the loader gives its own schema (and so every raw type), plus places it refuses.
pub const CONTENT_PATHS: [&str; 20] = [
    "site.yaml",
    "content/_index.md",
    "content/secretaria.yaml",
    "content/unidades/cras-centro.yaml",
    "content/unidades/_index.md",
    "content/estrutura/assessoria-juridica.md",
    "content/estrutura/_index.md",
    "content/avisos/conferencia-2025.md",
    "content/avisos/_index.md",
    "content/legislacao/lei-1234.md",
    "content/legislacao/_index.md",
    "content/transparencia/_index.md",
    "content/transparencia/relatorio.md",
    "content/sobre.md",
    "content/programas/paif.md",
    "content/participacao-social/cmas.md",
    "content/perguntas-frequentes/cadastro-unico.md",
    "content/acesso-a-informacao/sic.md",
    "content/acesso-a-informacao/ouvidoria.md",
    "content/privacidade.md",
];

/// Up to `n` fields of `data` separated by NUL bytes; the last field keeps any further NULs.
pub fn fields(data: &[u8], n: usize) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(n);
    let mut rest = data;
    while out.len() + 1 < n {
        match rest.iter().position(|&b| b == 0) {
            Some(at) => {
                out.push(rest.get(..at).unwrap_or_default());
                rest = rest.get(at + 1..).unwrap_or_default();
            }
            None => break,
        }
    }
    out.push(rest);
    out
}

/// Bytes as a site file's text, the way `source` reads one (UTF-8 checked, BOM, CRLF, NFC).
fn text(bytes: &[u8]) -> Option<String> {
    source::normalise(bytes.to_vec()).ok()
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fixed "now" (a Wednesday in an ordinary week) so that runs are reproducible.
fn today() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2025, 6, 18).and_then(|d| d.and_hms_opt(10, 30, 0)).unwrap_or_default()
}

/// The compiled default theme, shared by every input (compiling it is most of the cost of a
/// small site, and the theme is not what is fuzzed).
fn default_theme() -> Option<&'static theme::Theme> {
    static THEME: OnceLock<Option<theme::Theme>> = OnceLock::new();
    THEME
        .get_or_init(|| theme::compile(&source::read_theme(Path::new(ROOT), "default"), &mut Diagnostics::new()))
        .as_ref()
}

/// Does once what the first input of a run would otherwise pay for (compiling the theme, the
/// minifier's tables), so that a fuzzer's 1-second limit measures the input, not the start.
pub fn warm_up() {
    let page = "titulo: Secretaria\n\0sobre.md\0---\ntitulo: Sobre\n---\n# Sobre\n\nTexto.\n";
    site(page.as_bytes());
}

/// Front matter and YAML: byte 0 picks where the file lives ([`CONTENT_PATHS`]), the rest is
/// the file. It is loaded as a build loads it: `site.yaml` into the configuration, content
/// files split, parsed into their raw type, converted and cross-checked into the model.
pub fn front_matter(data: &[u8]) -> bool {
    let Some((&choice, rest)) = data.split_first() else { return false };
    let path = CONTENT_PATHS.get(usize::from(choice) % CONTENT_PATHS.len()).copied().unwrap_or("content/sobre.md");
    let Some(text) = text(rest) else { return false };
    let _ = source::frontmatter::split(&text);
    let site_yaml = if path == "site.yaml" { text.clone() } else { SITE_YAML.to_string() };
    let content =
        if path == "site.yaml" { Vec::new() } else { vec![SourceFile { rel_path: PathBuf::from(path), text }] };
    let (_, diagnostics) = load_site(site_yaml, content);
    !diagnostics.has_errors()
}

/// The root of the in-memory sites: nothing is read from it.
const ROOT: &str = "/nonexistent/secretaria-fuzz";

/// Loads an in-memory site with the stages `pipeline::load` composes (configuration, model,
/// cross-checks).
fn load_site(site_yaml: String, content: Vec<SourceFile>) -> (crate::model::Site, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let sources = SourceSet {
        root: PathBuf::from(ROOT),
        site_yaml: Some(SourceFile { rel_path: PathBuf::from("site.yaml"), text: site_yaml }),
        content,
        ..SourceSet::default()
    };
    let options = BuildOptions { root: PathBuf::from(ROOT), today: Some(today()), ..BuildOptions::default() };
    let settings = pipeline::configure(&sources, &options, &mut diagnostics);
    let site = pipeline::model(sources, settings, &mut diagnostics);
    (site, diagnostics)
}

/// Normative text: parsed, rendered to HTML (text and table of contents) and to JSON.
/// Property checked: every id is unique and made of `[A-Za-z0-9_-]`, as anchors must be.
pub fn legal(data: &[u8]) -> bool {
    let text = lossy(data);
    let tree = legal::parse(&text);
    let _ = legal::render_fragment(&tree);
    let _ = legal::render_toc(&tree);
    let _ = serde_json::to_vec(&tree);
    let mut seen = std::collections::HashSet::new();
    for provision in tree.iter() {
        if let Some(id) = &provision.id {
            let well_formed = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            assert!(well_formed, "malformed id {id:?}");
            assert!(seen.insert(id.as_str()), "repeated id {id:?}");
        }
    }
    !seen.is_empty()
}

/// Opening hours: one `key: value` per line is a `horario:` entry; a line `!date|hours|reason`
/// is an exception, `%date|name` a municipal holiday. Every sentence, the schema.org value, the
/// "aberto agora" data and the hours of a fortnight are computed from what parses.
pub fn hours(data: &[u8]) -> bool {
    let text = lossy(data);
    let mut entries = Vec::new();
    let mut exceptions = Vec::new();
    let mut holidays = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix('!') {
            let mut parts = rest.splitn(3, '|');
            let (date, hours, reason) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next());
            exceptions.push(Exception::parse(date, hours, reason));
        } else if let Some(rest) = line.strip_prefix('%') {
            let (date, name) = rest.split_once('|').map_or((rest, None), |(d, n)| (d, Some(n)));
            if let Ok(holiday) = MunicipalHoliday::parse(date, name) {
                holidays.push(holiday);
            }
        } else {
            let (key, value) = line.split_once(':').unwrap_or((line, ""));
            entries.push((key.to_string(), value.to_string()));
            let _ = hours::parse_intervals(value);
            let _ = hours::days::parse_key(key);
            let _ = hours::suggest::without_days(line);
            let _ = Date::parse(line);
            let _ = DateTime::parse(line);
            let _ = Period::parse(key, Some(value));
        }
    }
    let calendar = HolidayCalendar::new(holidays);
    let Ok(mut opening) = OpeningHours::from_entries(&entries) else { return false };
    // In date order, as the loader adds them (see `model::load`).
    let mut exceptions: Vec<Exception> = exceptions.into_iter().flatten().collect();
    exceptions.sort_by_key(|e| e.date);
    for exception in exceptions {
        let _ = opening.add_exception(exception);
    }
    let start = Date::from_ymd(2025, 6, 16).unwrap_or_else(|| Date::from_naive(chrono::NaiveDate::MIN));
    let _ = hours_view::sentences(&opening);
    let _ = hours_view::exception_sentences(&opening);
    let _ = hours_view::schema_org(&opening, &calendar, Some(start));
    let _ = hours_view::data_attr(&opening);
    let _ = hours_view::calendar_json(&calendar, chrono_tz::America::Sao_Paulo, DateTime::from_date(start), None, None);
    let _ = opening.upcoming_exceptions(start);
    for offset in 0..14 {
        let Some(date) = start.naive().checked_add_days(chrono::Days::new(offset)).map(Date::from_naive) else {
            continue;
        };
        let _ = opening.on(date, &calendar);
        for hour in [0, 8, 12, 23] {
            if let Some(at) = DateTime::at(date, hour, 30) {
                let _ = opening.is_open_at(at, &calendar);
            }
        }
    }
    !opening.is_empty()
}

/// Phones and e-mails: each line is tried as a phone (with and without the site's DDD), an
/// e-mail, a DDD and a UF, and what parses is formatted every way it is published.
pub fn contact(data: &[u8]) -> bool {
    let text = lossy(data);
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() || text.ends_with('\n') {
        lines.push(&text);
    }
    let mut parsed = false;
    for line in lines {
        for ddd in [None, Some(34), Some(11)] {
            if let Ok(phone) = Phone::parse(line, ddd) {
                parsed = true;
                let _ = (phone.kind(), phone.ddd(), phone.e164(), phone.tel_href(), phone.schema(), phone.display());
                let _ = LabelledPhone::new(phone, Some(line));
            }
        }
        if let Ok(email) = Email::parse(line) {
            parsed = true;
            let _ = (email.as_str().len(), email.mailto_href());
        }
        let _ = parse_ddd(line);
        if let Ok(uf) = Uf::parse(line) {
            let _ = (uf.code(), uf.name());
        }
    }
    parsed
}

/// One-file sites: `site.yaml`, NUL, the content file's path under `content/`, NUL, its text.
/// The site is loaded, planned, every route rendered and every page minified, as `build` does
/// in memory (the output folder is not written).
pub fn site(data: &[u8]) -> bool {
    let parts = fields(data, 3);
    let (Some(site_yaml), Some(name), Some(body)) = (parts.first(), parts.get(1), parts.get(2)) else {
        // Fewer fields: the whole input is one page under a valid `site.yaml`.
        let Some(body) = text(data) else { return false };
        let file = SourceFile { rel_path: PathBuf::from("content/_index.md"), text: body };
        return render_site(SITE_YAML.to_string(), vec![file]);
    };
    let (Some(site_yaml), Some(body)) = (text(site_yaml), text(body)) else { return false };
    let name = lossy(name);
    let name = name.trim_matches('/');
    if name.is_empty() || name.split('/').any(|part| part.is_empty() || part == "." || part == "..") {
        return false;
    }
    let rel_path = source::nfc_path(&Path::new("content").join(name));
    render_site(site_yaml, vec![SourceFile { rel_path, text: body }])
}

/// Loads, plans, renders and minifies; whether the site loaded without errors.
fn render_site(site_yaml: String, content: Vec<SourceFile>) -> bool {
    let (site, diagnostics) = load_site(site_yaml, content);
    if diagnostics.has_errors() {
        return false;
    }
    let own;
    let theme = if site.config.theme == "default" {
        default_theme()
    } else {
        own = theme::compile(&source::read_theme(Path::new(ROOT), &site.config.theme), &mut Diagnostics::new());
        own.as_ref()
    };
    let Some(theme) = theme else { return false };
    let renderer = Renderer::new(&site, theme);
    let minifier = crate::output::minify::Minifier::new();
    for route in pipeline::plan(&site) {
        let _ = pipeline::render_route(&renderer, &route, &minifier);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_split_at_nul_and_keep_the_rest() {
        assert_eq!(fields(b"a\0b\0c\0d", 3), vec![&b"a"[..], b"b", b"c\0d"]);
        assert_eq!(fields(b"abc", 3), vec![&b"abc"[..]]);
        assert_eq!(fields(b"", 2), vec![&b""[..]]);
    }

    #[test]
    fn every_target_runs_on_a_real_shaped_input() {
        assert_eq!(run("front_matter", b"\x05---\ntitulo: Assessoria\n---\nTexto.\n"), Some(true));
        assert_eq!(run("legal", "Art. 1º Fica criado o CRAS.\n§ 1º Compete:\nI - acolher;\n".as_bytes()), Some(true));
        let hours = "seg-sex: 08:00-17:00\n!25/12/2025|fechado|Natal\n%20/01|São Sebastião\n";
        assert_eq!(run("hours", hours.as_bytes()), Some(true));
        assert_eq!(run("contact", b"(34) 3663-1492\ncras@perdizes.mg.gov.br\nMG\n"), Some(true));
        let notice = "titulo: Teste\n\0avisos/reuniao.md\0---\ntitulo: Reunião\ninicio: 20/06/2025\n---\nPauta.\n";
        assert_eq!(run("site", notice.as_bytes()), Some(true));
        assert_eq!(run("site", b"titulo: Teste\n\0../fora.md\0x"), Some(false));
        assert_eq!(run("nenhum", b""), None);
    }
}
