//! The default theme, embedded in the binary so that a site without `themes/` still builds,
//! and merged with the site's own `themes/NAME/` file by file (the site's file wins).

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// Templates of the default theme: (name, source).
pub const TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "macros.html",
    "index.html",
    "page.html",
    "section.html",
    "secretaria.html",
    "unidades.html",
    "unidade.html",
    "estrutura.html",
    "assessoria.html",
    "avisos.html",
    "aviso.html",
    "legislacao.html",
    "norma.html",
    "acessibilidade.html",
    "mapa-do-site.html",
    "busca.html",
    "404.html",
);

/// Static files of the default theme: (path under `static/`, bytes).
pub const STATIC: &[(&str, &[u8])] = &[
    ("static/css/site.css", include_bytes!("../../themes/default/static/css/site.css")),
    ("static/js/site.js", include_bytes!("../../themes/default/static/js/site.js")),
    ("static/js/busca.js", include_bytes!("../../themes/default/static/js/busca.js")),
    ("static/js/snowball-pt.js", include_bytes!("../../themes/default/static/js/snowball-pt.js")),
    ("static/img/acessibilidade.svg", include_bytes!("../../themes/default/static/img/acessibilidade.svg")),
];

/// The theme as the renderer uses it: templates compiled, static files listed.
pub struct Theme {
    pub tera: tera::Tera,
    /// Output path → bytes, for theme static files (embedded ones overridden by the site's).
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// The site's own templates: name → (path from the site root, text), so that an error
    /// while rendering one is shown at its line.
    pub overrides: BTreeMap<String, (PathBuf, String)>,
}

/// Loads the embedded theme and applies `root/themes/<name>/` over it.
pub fn load(root: &Path, name: &str, diagnostics: &mut Diagnostics) -> Option<Theme> {
    let dir = root.join("themes").join(name);
    let mut sources: BTreeMap<String, (String, Option<PathBuf>)> =
        TEMPLATES.iter().map(|(n, s)| (n.to_string(), (s.to_string(), None))).collect();
    let mut static_files: BTreeMap<String, Vec<u8>> = STATIC.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect();
    if name != "default" && !dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(format!("tema não encontrado: themes/{name}")).in_file("site.yaml").with_help(
                "crie a pasta themes/NOME com os modelos que quer trocar, ou apague a linha `tema` para usar o padrão",
            ),
        );
        return None;
    }
    let templates_dir = dir.join("templates");
    for path in crate::source::walk_files(&templates_dir) {
        let rel = crate::source::relative(&templates_dir, &path).to_string_lossy().replace('\\', "/");
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                sources.insert(rel, (text, Some(crate::source::relative(root, &path))));
            }
            Err(err) => diagnostics.push(
                Diagnostic::error(format!("não foi possível ler o modelo: {err}"))
                    .in_file(crate::source::relative(root, &path)),
            ),
        }
    }
    let static_dir = dir.join("static");
    for path in crate::source::walk_files(&static_dir) {
        let rel =
            format!("static/{}", crate::source::relative(&static_dir, &path).to_string_lossy().replace('\\', "/"));
        match std::fs::read(&path) {
            Ok(bytes) => {
                static_files.insert(rel, bytes);
            }
            Err(err) => diagnostics.push(
                Diagnostic::error(format!("não foi possível ler o arquivo: {err}"))
                    .in_file(crate::source::relative(root, &path)),
            ),
        }
    }
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    let templates: Vec<(String, String)> = sources.iter().map(|(n, (s, _))| (n.clone(), s.clone())).collect();
    if let Err(err) = tera.add_raw_templates(templates) {
        let file = template_file(&err, &sources);
        diagnostics.push(
            Diagnostic::error(format!("erro no modelo: {}", error_chain(&err)))
                .in_file(file)
                .with_help("confira a sintaxe Tera: {{ variável }}, {% bloco %}, e se cada {% if %}/{% for %}/{% block %} tem o seu {% end… %}"),
        );
        return None;
    }
    let overrides =
        sources.into_iter().filter_map(|(name, (text, path))| path.map(|path| (name, (path, text)))).collect();
    Some(Theme { tera, static_files, overrides })
}

fn template_file(err: &tera::Error, sources: &BTreeMap<String, (String, Option<PathBuf>)>) -> PathBuf {
    let text = error_chain(err);
    sources
        .iter()
        .find(|(name, _)| text.contains(name.as_str()))
        .map(|(name, (_, path))| path.clone().unwrap_or_else(|| PathBuf::from(format!("(tema padrão) {name}"))))
        .unwrap_or_else(|| PathBuf::from("themes"))
}

/// Tera nests the useful message in `source()`s; show the whole chain on one line.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}
