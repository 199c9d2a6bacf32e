//! The starter site of `secretaria new`: the files of `starter/` in the repository, embedded
//! in the binary so that `new` needs nothing but the binary. Each file explains its keys in
//! Portuguese comments; every value is a fictitious example ("Município de Exemplo", `.example`
//! addresses) for the editor to replace. The site builds and passes `check` with no finding
//! (tests/it/new.rs).

/// `(path relative to the new site's folder, text)`, from `starter/`.
macro_rules! starter {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../starter/", $path)))),*]
    };
}

/// Every file of the starter site. A unit test checks that this lists all of `starter/`.
pub(crate) const FILES: &[(&str, &str)] = starter![
    "site.yaml",
    "content/_index.md",
    "content/secretaria.yaml",
    "content/unidades/secretaria.yaml",
    "content/unidades/cras.yaml",
    "content/unidades/cmas.yaml",
    "content/estrutura/assessoria-de-atendimento-a-familia.md",
    "content/legislacao/competencias.md",
    "content/avisos/reuniao-do-cmas.md",
    "content/programas/cadastro-unico.md",
    "content/participacao-social/cmas.md",
    "content/perguntas-frequentes/o-que-e-o-cras.md",
    "content/acesso-a-informacao/sic.md",
    "content/acesso-a-informacao/ouvidoria.md",
    "content/acesso-a-informacao/informacoes-classificadas.md",
    "content/privacidade.md",
    "content/servicos/_index.md",
    "content/servicos/beneficios-eventuais.md",
];

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::FILES;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// A file added to `starter/` but not to the table would silently be left out of `new`.
    #[test]
    fn the_table_lists_every_file_of_the_starter_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("starter");
        let on_disk: BTreeSet<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        let listed: BTreeSet<String> = FILES.iter().map(|(p, _)| (*p).to_string()).collect();
        assert_eq!(listed, on_disk);
    }

    /// Every key is explained: each starter file has Portuguese comments.
    #[test]
    fn every_file_is_commented() {
        for (path, text) in FILES {
            assert!(text.lines().any(|l| l.trim_start().starts_with('#')), "{path} has no comment");
        }
    }
}
