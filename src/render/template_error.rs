//! Tera's runtime errors ("Variable `x` not found in context while rendering 'page.html'"),
//! told to a theme author in Portuguese: which template (the site's own file under
//! `themes/NAME/templates/` when it overrides one), the line and column where the name that
//! failed is written, what is wrong and how to fix it.

use super::theme::{error_chain, Theme};
use crate::diagnostics::{Code, Diagnostic, LineIndex};

/// The diagnostic for an error Tera returned while rendering `template`.
pub(super) fn diagnostic(theme: &Theme, template: &str, err: &tera::Error) -> Diagnostic {
    let chain = error_chain(err);
    // The template the failing expression is in: Tera names it last ("while rendering 'x'");
    // otherwise the one being rendered.
    let culprit = quoted_after(&chain, "while rendering '").unwrap_or(template).to_string();
    // Where a missing template would go: beside the site's own templates.
    let folder = theme
        .overrides
        .values()
        .find_map(|(path, _)| path.parent().map(|p| p.to_string_lossy().replace('\\', "/")))
        .unwrap_or_else(|| "themes/NOME/templates".into());
    let (message, help, needle) = explain(&chain, &culprit, &folder);
    let Some((path, text)) = theme.overrides.get(&culprit) else {
        return Diagnostic::new(Code::Internal, format!("{message} (modelo {culprit} do tema padrão)")).with_help(
            "o erro está num modelo do tema padrão, que vem com o secretaria: isto é um defeito do secretaria; \
             avise quem o mantém",
        );
    };
    let location = needle.and_then(|n| find(text, &n)).map(|offset| LineIndex::new(text).location(text, offset));
    Diagnostic::new(Code::TemplateRender, message).in_file(path).at_opt(location).with_help(help)
}

/// (message, hint, text to look for in the template to locate the error).
fn explain(chain: &str, template: &str, folder: &str) -> (String, String, Option<Needle>) {
    if let Some(name) = quoted_after(chain, "Variable `").map(|v| v.trim_end_matches('`')) {
        let name = name.split('`').next().unwrap_or(name);
        if template.starts_with(super::pieces::FOLDER) {
            return (
                format!("o modelo {template} usa `{name}`, que não existe num trecho do tema"),
                format!(
                    "um trecho ({}*.html) é gerado uma vez para todas as páginas da mesma profundidade e só vê \
                     `site`, `root` e `atual` (o endereço da página quando ela está no menu); o que muda de uma \
                     página para outra vai em base.html ou no modelo da página",
                    super::pieces::FOLDER
                ),
                Some(Needle::Name(name.to_string())),
            );
        }
        return (
            format!("o modelo {template} usa `{name}`, que não existe nesta página"),
            format!(
                "confira o nome (os modelos do tema padrão, em themes/default/templates/, mostram o que cada página \
                 tem); para um valor que só algumas páginas têm, use {{% if {name} %}}…{{% endif %}} ou \
                 {{{{ {name} | default(value=\"\") }}}}"
            ),
            Some(Needle::Name(name.to_string())),
        );
    }
    if let Some(name) = quoted_after(chain, "Filter '") {
        return (
            format!("o modelo {template} usa o filtro `{name}`, que não existe"),
            "confira o nome do filtro (os filtros do Tera estão em https://keats.github.io/tera/docs/#built-in-filters)"
                .into(),
            Some(Needle::Filter(name.to_string())),
        );
    }
    if let Some(name) = quoted_after(chain, "Function '") {
        return (
            format!("o modelo {template} chama a função `{name}`, que não existe"),
            "confira o nome da função (as funções do Tera estão em https://keats.github.io/tera/docs/#built-in-functions)"
                .into(),
            Some(Needle::Call(name.to_string())),
        );
    }
    if let Some(name) = quoted_after(chain, "Template '") {
        let name = name.trim_start_matches('[').trim_end_matches(']');
        return (
            format!("o modelo {template} inclui `{name}`, que não existe"),
            format!("crie o modelo {folder}/{name} ou corrija o nome no include/import"),
            Some(Needle::Quoted(name.to_string())),
        );
    }
    let detail = chain.split(": ").last().unwrap_or(chain);
    (
        format!("erro ao aplicar o modelo {template}"),
        format!(
            "confira o modelo (mensagem do Tera, em inglês: “{}”)",
            crate::diagnostics::report::shorten(detail, 200)
        ),
        None,
    )
}

/// What to look for in a template's text.
enum Needle {
    /// A variable, as a whole dotted name inside `{{ }}` or `{% %}`.
    Name(String),
    /// A filter after `|`.
    Filter(String),
    /// A function call `name(`.
    Call(String),
    /// A template name in quotes.
    Quoted(String),
}

/// The byte offset of the first place `needle` is written in a tag of `text`.
fn find(text: &str, needle: &Needle) -> Option<usize> {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let mut tags = Vec::new();
    let mut rest = 0;
    while let Some(open) = text.get(rest..).and_then(|t| t.find(['{'])).map(|i| rest + i) {
        let kind = text.get(open + 1..open + 2);
        let close = match kind {
            Some("{") => "}}",
            Some("%") => "%}",
            _ => {
                rest = open + 1;
                continue;
            }
        };
        let end = text.get(open..).and_then(|t| t.find(close)).map_or(text.len(), |i| open + i);
        tags.push(open..end);
        rest = end.max(open + 1);
    }
    tags.into_iter().find_map(|tag| {
        let inside = text.get(tag.clone())?;
        let hit = match needle {
            Needle::Name(name) => inside.match_indices(name.as_str()).find(|(i, _)| {
                let before = inside.get(..*i).and_then(|b| b.chars().next_back());
                let after = inside.get(i + name.len()..).and_then(|a| a.chars().next());
                !before.is_some_and(word) && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
            }),
            Needle::Filter(name) => inside.match_indices(name.as_str()).find(|(i, _)| {
                inside.get(..*i).is_some_and(|b| b.trim_end().ends_with('|'))
                    && !inside.get(i + name.len()..).and_then(|a| a.chars().next()).is_some_and(word)
            }),
            Needle::Call(name) => inside.match_indices(name.as_str()).find(|(i, _)| {
                inside.get(i + name.len()..).is_some_and(|a| a.trim_start().starts_with('('))
                    && !inside.get(..*i).and_then(|b| b.chars().next_back()).is_some_and(word)
            }),
            Needle::Quoted(name) => inside
                .match_indices(name.as_str())
                .find(|(i, _)| inside.get(..*i).is_some_and(|b| b.ends_with(['"', '\'']))),
        };
        hit.map(|(i, _)| tag.start + i)
    })
}

/// The text between `prefix` and the next `'` (or backtick).
fn quoted_after<'a>(chain: &'a str, prefix: &str) -> Option<&'a str> {
    let start = chain.rfind(prefix)? + prefix.len();
    let rest = chain.get(start..)?;
    let end = rest.find(['\'', '`'])?;
    rest.get(..end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;
    use std::path::PathBuf;

    fn theme_with(name: &str, text: &str) -> Theme {
        let mut tera = tera::Tera::default();
        tera.add_raw_template(name, text).unwrap_or_else(|e| panic!("{e}"));
        let mut overrides = std::collections::BTreeMap::new();
        overrides.insert(name.to_string(), (PathBuf::from(format!("themes/meu/templates/{name}")), text.to_string()));
        Theme { tera, static_files: Default::default(), overrides, sources: Default::default() }
    }

    fn render_error(theme: &Theme, name: &str) -> Diagnostic {
        match theme.tera.render(name, &tera::Context::new()) {
            Ok(_) => panic!("rendered"),
            Err(err) => diagnostic(theme, name, &err),
        }
    }

    #[test]
    fn missing_variable_is_located_in_the_sites_template() {
        let text = "<h1>{{ title }}</h1>\n<p>{{ page.subtitulo | upper }}</p>\n";
        let theme = theme_with("page.html", text);
        let mut context = tera::Context::new();
        context.insert("title", "T");
        let err = theme.tera.render("page.html", &context).err().unwrap_or_else(|| panic!("rendered"));
        let d = diagnostic(&theme, "page.html", &err);
        assert_eq!(d.file, Some(PathBuf::from("themes/meu/templates/page.html")));
        assert_eq!(d.location, Some(Location::new(2, 7)));
        assert_eq!(d.message, "o modelo page.html usa `page.subtitulo`, que não existe nesta página");
        assert!(d.help.unwrap_or_default().contains("default(value="));
    }

    #[test]
    fn unknown_filter_and_missing_include_are_explained() {
        let d = render_error(&theme_with("a.html", "x\n{{ 1 | nao_existe }}"), "a.html");
        assert_eq!(
            (d.message.as_str(), d.location),
            ("o modelo a.html usa o filtro `nao_existe`, que não existe", Some(Location::new(2, 8)))
        );
        let d = render_error(&theme_with("b.html", "{% include \"nada.html\" %}"), "b.html");
        assert!(d.message.contains("`nada.html`"), "{}", d.message);
        assert_eq!(d.location, Some(Location::new(1, 13)));
    }
}
