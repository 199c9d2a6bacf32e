//! Test helpers: build a fixture into a temporary folder and query its pages as parsed HTML.

use scraper::{Html, Selector};
use secretaria::pipeline::{self, BuildOptions, Failure, Summary};
use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The five seed fixtures, the fidelity fixture (hours, contacts, notices and structure as
/// staff write them), the transparency fixture (programmes, council, questions, SIC,
/// ombudsman, privacy) and the example site at the repository root.
pub fn valid_sites() -> Vec<(String, PathBuf)> {
    let mut sites: Vec<(String, PathBuf)> = [
        "perdizes",
        "dourados",
        "nova-cruz",
        "alvares-florence",
        "apoio-social",
        "normas",
        "serra-azul",
        "lagoa-serena",
    ]
    .iter()
    .map(|n| (n.to_string(), fixtures().join(n)))
    .collect();
    sites.push(("exemplo".into(), PathBuf::from(env!("CARGO_MANIFEST_DIR"))));
    sites
}

pub fn today() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(10, 0, 0)).unwrap_or_default()
}

/// A fixture copied into a temporary folder (so tests may edit it) and built there.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    pub fn copy(source: &Path) -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(source, dir.path(), true);
        TestSite { dir }
    }

    pub fn fixture(name: &str) -> TestSite {
        Self::copy(&fixtures().join(name))
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions { root: self.root().to_path_buf(), today: Some(today()), ..BuildOptions::default() }
    }

    pub fn build(&self) -> Result<Summary, Failure> {
        pipeline::build(&self.options())
    }

    pub fn built(name: &str) -> TestSite {
        let site = Self::fixture(name);
        if let Err(failure) = site.build() {
            panic!("{name} did not build:\n{}", render(failure));
        }
        site
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A published page (`"estrutura/x/"` or a file path) as parsed HTML.
    pub fn page(&self, path: &str) -> Html {
        let file = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
        let text = std::fs::read_to_string(self.output().join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        Html::parse_document(&text)
    }

    /// Every HTML file of the output, relative paths.
    pub fn html_files(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(self.output())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .map(|e| e.path().strip_prefix(self.output()).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        files.sort();
        files
    }
}

pub fn render(failure: Failure) -> String {
    secretaria::diagnostics::report::render_plain(&pipeline::failure_diagnostics(failure))
}

pub fn copy_dir(from: &Path, to: &Path, skip_output: bool) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(from).unwrap();
        let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().to_string());
        if skip_output
            && matches!(
                first.as_deref(),
                Some("public" | "target" | "tests" | ".git" | "node_modules" | "bench-out" | "src")
            )
        {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

pub fn texts(html: &Html, css: &str) -> Vec<String> {
    html.select(&sel(css)).map(|e| normalise(&e.text().collect::<String>())).collect()
}

pub fn attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    html.select(&sel(css)).filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
}

pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The JSON-LD objects of a page.
pub fn json_ld(html: &Html) -> Vec<serde_json::Value> {
    html.select(&sel("script[type='application/ld+json']"))
        .map(|e| serde_json::from_str(&e.text().collect::<String>()).unwrap())
        .collect()
}

/// Every JSON-LD value of every page of a built site, with the page it is on.
pub fn all_json_ld(site: &TestSite) -> Vec<(String, serde_json::Value)> {
    site.html_files()
        .into_iter()
        .flat_map(|file| json_ld(&site.page(&file)).into_iter().map(move |v| (file.clone(), v)))
        .collect()
}

/// The paths (`$.department[0].address.postalCode`) of every `null` inside a JSON value.
pub fn nulls(value: &serde_json::Value) -> Vec<String> {
    fn walk(value: &serde_json::Value, path: String, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Null => out.push(path),
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, format!("{path}[{i}]"), out);
                }
            }
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    walk(item, format!("{path}.{key}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, "$".to_string(), &mut out);
    out
}
