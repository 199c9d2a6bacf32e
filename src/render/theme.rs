//! The default theme, embedded in the binary so that a site without `themes/` still builds,
//! and merged with the site's own `themes/NAME/` (read by `source`) file by file (the site's
//! file wins).

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::source::ThemeSource;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// Templates of the default theme: (name, source).
pub(crate) const TEMPLATES: &[(&str, &str)] = embed!(
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
    "programas.html",
    "programa.html",
    "participacao-social.html",
    "conselho.html",
    "perguntas-frequentes.html",
    "pergunta.html",
    "acesso-a-informacao.html",
    "sic.html",
    "ouvidoria.html",
    "informacoes-classificadas.html",
    "privacidade.html",
    "dados.html",
    "integridade.html",
    "trechos/cabecalho.html",
    "trechos/rodape.html",
);

/// Static files of the default theme: (path under `static/`, bytes).
pub(crate) const STATIC: &[(&str, &[u8])] = &[
    ("static/css/site.css", include_bytes!("../../themes/default/static/css/site.css")),
    ("static/js/inicio.js", include_bytes!("../../themes/default/static/js/inicio.js")),
    ("static/js/site.js", include_bytes!("../../themes/default/static/js/site.js")),
    ("static/js/busca.js", include_bytes!("../../themes/default/static/js/busca.js")),
    ("static/js/snowball-pt.js", include_bytes!("../../themes/default/static/js/snowball-pt.js")),
    ("static/img/acessibilidade.svg", include_bytes!("../../themes/default/static/img/acessibilidade.svg")),
];

/// The theme as the renderer uses it: templates compiled, static files listed.
pub(crate) struct Theme {
    pub tera: tera::Tera,
    /// Output path → bytes, for theme static files (embedded ones overridden by the site's).
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// The site's own templates: name → (path from the site root, text), so that an error
    /// while rendering one is shown at its line.
    pub overrides: BTreeMap<String, (PathBuf, String)>,
    /// Every template's text, embedded or the site's, by name: what the dev loop compares to
    /// know which templates an edit changed.
    pub(crate) sources: BTreeMap<String, String>,
}

/// Compiles the embedded theme with the site's own files (read by
/// [`read_theme`](crate::source::read_theme)) over it. No IO: everything is in memory.
pub(crate) fn compile(theme: &ThemeSource, diagnostics: &mut Diagnostics) -> Option<Theme> {
    if theme.missing {
        return None;
    }
    let mut sources: BTreeMap<String, (String, Option<PathBuf>)> =
        TEMPLATES.iter().map(|(n, s)| (n.to_string(), (s.to_string(), None))).collect();
    for (name, (path, text)) in &theme.templates {
        sources.insert(name.clone(), (text.clone(), Some(path.clone())));
    }
    let mut static_files: BTreeMap<String, Vec<u8>> = STATIC.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect();
    static_files.extend(theme.statics.iter().map(|(p, b)| (p.clone(), b.clone())));
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    tera.set_escape_fn(crate::escape::tera_html);
    let templates: Vec<(String, String)> = sources.iter().map(|(n, (s, _))| (n.clone(), s.clone())).collect();
    if let Err(err) = tera.add_raw_templates(templates) {
        let file = template_file(&err, &sources);
        diagnostics.push(
            Diagnostic::new(Code::TemplateSyntax, format!("erro no modelo: {}", error_chain(&err)))
                .in_file(file)
                .with_help("confira a sintaxe Tera: {{ variável }}, {% bloco %}, e se cada {% if %}/{% for %}/{% block %} tem o seu {% end… %}"),
        );
        return None;
    }
    let texts = sources.iter().map(|(name, (text, _))| (name.clone(), text.clone())).collect();
    let overrides =
        sources.into_iter().filter_map(|(name, (text, path))| path.map(|path| (name, (path, text)))).collect();
    Some(Theme { tera, static_files, overrides, sources: texts })
}

/// Which templates differ between two themes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Changed {
    /// Only these, and no other template names them: only the pages rendered with them show it.
    Only(BTreeSet<String>),
    /// One that others extend, include or import (`base.html`, `macros.html`): every page.
    All,
}

impl Changed {
    #[cfg(test)]
    pub(crate) fn contains(&self, template: &str) -> bool {
        match self {
            Changed::All => true,
            Changed::Only(names) => names.contains(template),
        }
    }
}

/// The templates whose text differs between two themes' `sources` (or that exist in only
/// one), and whether a template that
/// another one names changed. Tera names templates only as string literals (`extends`,
/// `include`, `import`; in any of its three quotes), so a name that appears quoted in no other template is used only by
/// the pages rendered with it.
pub(crate) fn changed(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Changed {
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let differs: BTreeSet<String> = names.into_iter().filter(|n| old.get(*n) != new.get(*n)).cloned().collect();
    let named_elsewhere = |name: &str| {
        let quoted = [format!("\"{name}\""), format!("'{name}'"), format!("`{name}`")];
        old.iter().chain(new).any(|(other, text)| other != name && quoted.iter().any(|q| text.contains(q.as_str())))
    };
    // A piece (`trechos/`) is in every page, though no template names it (see `super::pieces`).
    if differs.iter().any(|name| name.starts_with(super::pieces::FOLDER) || named_elsewhere(name)) {
        Changed::All
    } else {
        Changed::Only(differs)
    }
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
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::STATIC;

    fn fnv1a64(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
    }

    /// The search script is published minified (the build runs no Node): the committed file
    /// must be made from the current source. The browser suite checks the bytes themselves.
    #[test]
    fn the_published_search_script_is_made_from_its_current_source() {
        let source = include_bytes!("../../themes/default/src/busca.js");
        let published = STATIC.iter().find(|(p, _)| *p == "static/js/busca.js").map(|(_, b)| *b).unwrap_or_default();
        let header = String::from_utf8_lossy(published).lines().next().unwrap_or_default().to_owned();
        let hash = format!("fnv1a64 {:016x}", fnv1a64(source));
        assert!(
            header.contains(&hash),
            "run `node scripts/minify-js.mjs`: the header says {header}, the source is {hash}"
        );
        assert!(published.len() * 3 < source.len() * 2, "minified: {} of {} bytes", published.len(), source.len());
    }
}
