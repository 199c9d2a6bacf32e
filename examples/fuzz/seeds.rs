//! The seed corpus of a target, in its input format: the hand-written seeds committed in
//! `fuzz/corpus/TARGET/`, and what the sites of `tests/fixtures/` give that target (their
//! files, their normative texts, their hours, phones and e-mails).

use secretaria::fuzz;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Index in `CONTENT_PATHS` of the place with the same schema as `rel` (path in a site).
fn place_of(rel: &str) -> u8 {
    let rel = rel.strip_prefix("content/").map_or(rel.to_string(), |r| format!("content/{r}"));
    let same = |p: &str| {
        let folder = |s: &str| s.rsplit_once('/').map_or(String::new(), |(f, _)| f.to_string());
        let index = |s: &str| s.ends_with("_index.md");
        let ext = |s: &str| s.rsplit('.').next().unwrap_or("").to_string();
        folder(p) == folder(&rel) && index(p) == index(&rel) && ext(p) == ext(&rel)
    };
    let found = fuzz::CONTENT_PATHS.iter().position(|p| *p == rel || same(p));
    let fallback = if rel.ends_with("_index.md") { 11 } else { 13 };
    found.map_or(fallback, |i| i as u8)
}

/// Every file of each fixture site: (site folder, path in the site, text).
fn fixture_files() -> Vec<(PathBuf, String, String)> {
    let fixtures = root().join("tests/fixtures");
    let mut out = Vec::new();
    for site_yaml in files(&fixtures).into_iter().filter(|p| p.ends_with("site.yaml")) {
        let Some(site) = site_yaml.parent() else { continue };
        for file in files(site) {
            let rel = file.strip_prefix(site).unwrap_or(&file).to_string_lossy().replace('\\', "/");
            let text_file = rel.ends_with(".md") || rel.ends_with(".yaml") || rel.ends_with(".yml");
            if !text_file || rel.starts_with("themes/") {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(&file) {
                out.push((site.to_path_buf(), rel, text));
            }
        }
    }
    out
}

/// Values of `key:` lines (a scalar after the key, or list items right below it).
fn values_after(text: &str, keys: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_list = false;
    for line in text.lines() {
        let trimmed = line.trim_start().trim_start_matches("- ");
        if let Some((key, value)) = trimmed.split_once(':') {
            let key = key.trim();
            if keys.contains(&key) {
                in_list = value.trim().is_empty();
                if !in_list {
                    out.push(value.trim().trim_matches('"').to_string());
                }
                continue;
            }
        }
        if in_list {
            match line.trim_start().strip_prefix("- ") {
                Some(item) if !item.contains(':') => out.push(item.trim().trim_matches('"').to_string()),
                _ => in_list = false,
            }
        }
    }
    out
}

/// The `horario:` block of a unit file as `key: value` lines, its exceptions as `!` lines.
fn hours_of(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        if line.trim_start().starts_with("horario:") {
            inside = true;
            continue;
        }
        if inside {
            if line.starts_with("    ") || line.starts_with("  ") && !line.trim_start().starts_with('-') {
                out.push_str(line.trim());
                out.push('\n');
                continue;
            }
            inside = false;
        }
    }
    for (date, hours) in values_after(text, &["data"]).iter().zip(values_after(text, &["horario"])) {
        out.push_str(&format!("!{date}|{hours}|\n"));
    }
    (!out.is_empty()).then_some(out)
}

/// The seed inputs of `target`.
pub(crate) fn load(target: &str) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> =
        files(&root().join("fuzz/corpus").join(target)).into_iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let fixtures = fixture_files();
    for (site, rel, text) in &fixtures {
        match target {
            "front_matter" => out.push([&[place_of(rel)][..], text.as_bytes()].concat()),
            "legal" if rel.starts_with("content/legislacao/") && !rel.ends_with("_index.md") => {
                let body = secretaria::source::frontmatter::split(text).map_or(text.as_str(), |s| s.body);
                out.push(body.as_bytes().to_vec());
            }
            "hours" => out.extend(hours_of(text).map(String::into_bytes)),
            "contact" => {
                let values = values_after(text, &["numero", "telefones", "emails"]);
                if !values.is_empty() {
                    out.push(values.join("\n").into_bytes());
                }
            }
            "site" if rel.starts_with("content/") => {
                let site_yaml = std::fs::read(site.join("site.yaml")).unwrap_or_default();
                let name = rel.trim_start_matches("content/");
                out.push([&site_yaml[..], b"\0", name.as_bytes(), b"\0", text.as_bytes()].concat());
            }
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out
}
