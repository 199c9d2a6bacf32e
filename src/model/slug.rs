//! URL slugs without accents and the site paths built from them.

/// `"Assessoria de Atendimento à Família"` → `"assessoria-de-atendimento-a-familia"`.
pub(crate) fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// The site path of a content file (relative to `content/`, `/` separated, without extension):
/// `estrutura/Assessoria X` → `estrutura/assessoria-x/`; `a/_index` and `a/index` → `a/`.
pub(crate) fn content_path(rel_without_ext: &str) -> String {
    let mut parts: Vec<String> = rel_without_ext.split('/').map(slugify).filter(|p| !p.is_empty()).collect();
    if let Some(last) = rel_without_ext.rsplit('/').next() {
        if last == "_index" || last == "index" {
            parts.pop();
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}/", parts.join("/"))
    }
}

/// A readable title from a site path's last folder, for sections without `titulo`:
/// `protecao-basica/` → "Protecao basica" (slugs have lost their accents; `_index.md` with a
/// `titulo` is how an editor gets them back). Empty for the root.
pub(crate) fn title_from_path(path: &str) -> String {
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let words = last.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

/// `../` repeated once per folder of `path`, or `./` at the root: the prefix that makes a
/// site path relative to the page at `path`.
pub(crate) fn root_prefix(path: &str) -> String {
    let depth = path.trim_end_matches("index.html").matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_have_no_accents_or_punctuation() {
        assert_eq!(slugify("Assessoria de Atendimento à Família"), "assessoria-de-atendimento-a-familia");
        assert_eq!(slugify("  VIII Conferência — 2019!  "), "viii-conferencia-2019");
        assert_eq!(slugify("Criança e Adolescente"), "crianca-e-adolescente");
        assert_eq!(slugify("×"), "x");
        assert_eq!(slugify("—"), "");
    }

    #[test]
    fn content_paths_are_pretty() {
        assert_eq!(content_path("estrutura/Assessoria X"), "estrutura/assessoria-x/");
        assert_eq!(content_path("_index"), "");
        assert_eq!(content_path("programas/_index"), "programas/");
        assert_eq!(content_path("paginas/sobre/index"), "paginas/sobre/");
    }

    #[test]
    fn titles_from_folder_names() {
        assert_eq!(title_from_path("programas/protecao-basica/"), "Protecao basica");
        assert_eq!(title_from_path(""), "");
    }

    #[test]
    fn root_prefix_climbs_one_level_per_folder() {
        assert_eq!(root_prefix(""), "./");
        assert_eq!(root_prefix("estrutura/"), "../");
        assert_eq!(root_prefix("estrutura/x/"), "../../");
        assert_eq!(root_prefix("404.html"), "./");
    }
}
