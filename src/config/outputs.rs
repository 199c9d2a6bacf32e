//! What the machine-readable outputs need from the configuration: the warning when `base_url`
//! is missing (what is lost, what is still published), and the switches that leave an output
//! out, which exist only so that a benchmark can measure what each one costs.

use crate::diagnostics::{Code, Diagnostic, Location};
use std::path::Path;

/// Outputs a build leaves out. Every field is `false` in normal use; the benchmark of the
/// outputs (`scripts/bench-outputs.sh`) sets them through `SECRETARIA_BENCH_OFF`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Skip {
    /// `sitemap.xml` (and the `Sitemap:` line of `robots.txt`).
    pub sitemap: bool,
    /// `avisos/atom.xml`.
    pub feed: bool,
    /// `avisos/agenda.ics`.
    pub calendar: bool,
    /// The files of `dados/`.
    pub data: bool,
    /// `SHA256SUMS`.
    pub checksums: bool,
    /// The dates of update read from git and the disk.
    pub dates: bool,
}

impl Skip {
    /// The names `SECRETARIA_BENCH_OFF` takes, comma-separated: `sitemap`, `feed`,
    /// `calendar`, `data`, `checksums`, `dates`, or `all`. Unknown names are an error.
    pub fn parse(text: &str) -> Result<Skip, String> {
        let mut skip = Skip::default();
        for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name {
                "sitemap" => skip.sitemap = true,
                "feed" => skip.feed = true,
                "calendar" => skip.calendar = true,
                "data" => skip.data = true,
                "checksums" => skip.checksums = true,
                "dates" => skip.dates = true,
                "all" => {
                    skip = Skip { sitemap: true, feed: true, calendar: true, data: true, checksums: true, dates: true }
                }
                other => return Err(other.to_string()),
            }
        }
        Ok(skip)
    }
}

/// The warning for a site without `base_url`: what a standard needs absolute addresses for
/// is not published, and what still is. Located at the start of `site.yaml`.
pub(crate) fn missing_base_url(file: &Path) -> Diagnostic {
    Diagnostic::new(
        Code::NoBaseUrl,
        "sem `base_url`, o site não publica o sitemap.xml (nem a linha Sitemap do robots.txt) nem o feed Atom \
         dos avisos (avisos/atom.xml), que exigem endereços completos; os dados abertos, o JSON-LD e a agenda \
         saem sem o endereço completo de cada página",
    )
    .in_file(file)
    .at(Location::new(1, 1))
    .with_help(
        "acrescente ao site.yaml o endereço em que o site será publicado, por exemplo \
         `base_url: https://social.municipio.uf.gov.br/` (ou use --base-url); continuam publicados o robots.txt, \
         a agenda avisos/agenda.ics, os dados abertos em dados/ e o SHA256SUMS",
    )
}
