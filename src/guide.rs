//! The editors' guide, `docs/guia/`: a secretaria site about secretaria, embedded in the
//! binary for `secretaria ajuda`. The hand-written pages are `include_str!`ed; the pages of
//! `diagnosticos/`, one per code, are generated from the registry
//! ([`Code`](crate::diagnostics::Code)) and committed, and a test fails when a committed page
//! differs from the registry, is missing or has no code (`SECRETARIA_ATUALIZAR_DOCS=1 cargo test
//! --lib guide` rewrites them). The guide builds with no `check` finding (tests/it/guide.rs).

use crate::diagnostics::{Code, Severity};

/// `(path relative to the guide's folder, text)`, from `docs/guia/`.
macro_rules! guide {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../docs/guia/", $path)))),*]
    };
}

/// The hand-written files of the guide. A unit test checks this lists all of `docs/guia/`
/// but the generated `content/diagnosticos/`.
pub(crate) const WRITTEN: &[(&str, &str)] = guide![
    "site.yaml",
    "content/_index.md",
    "content/escrever/_index.md",
    "content/escrever/tipos-de-conteudo.md",
    "content/escrever/leis.md",
    "content/escrever/horarios-telefones-datas.md",
    "content/publicar/_index.md",
    "content/publicar/ver-enquanto-escreve.md",
    "content/publicar/publicar.md",
];

/// Where the generated pages live, relative to the guide's folder.
pub(crate) const CODES_DIR: &str = "content/diagnosticos";

const GENERATED: &str = "# Gerado de src/diagnostics/codes.rs; não edite à mão. Para atualizar:\n\
                         # SECRETARIA_ATUALIZAR_DOCS=1 cargo test --lib guide\n";

/// A YAML double-quoted scalar.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn severity_pt(code: Code) -> (&'static str, &'static str) {
    match code.severity() {
        Severity::Error => ("erro", "Erro: impede a publicação, e o site publicado antes continua como estava."),
        Severity::Warning => ("aviso", "Aviso: o site é publicado assim mesmo, mas algo merece atenção."),
    }
}

/// The page of one code: message, cause and fix.
pub(crate) fn code_page(code: Code) -> String {
    let (word, meaning) = severity_pt(code);
    format!(
        "---\n{GENERATED}titulo: {title}\ndescricao: {description}\n---\n\
         {meaning}\n\n\
         ## A mensagem\n\n\
         No terminal e na página do `serve`, a mensagem começa pelo código, seguido do que foi \
         encontrado, do arquivo e da linha:\n\n\
         ```text\n{word}[{id}]: …\n```\n\n\
         Em resumo: {head}. No `check --format json`, o código vem no campo `code`.\n\n\
         ## Por que aparece\n\n{cause}.\n\n\
         ## Como corrigir\n\n{fix}.\n\n\
         [Todas as mensagens](_index.md)\n",
        // Titles are plain text (no code spans): the registry's backticks would show as such.
        title = quoted(&format!("{}: {}", code.id(), code.title().replace('`', ""))),
        description = quoted(&format!("O que quer dizer a mensagem {} e como corrigir.", code.id())),
        id = code.id(),
        head = code.title(),
        cause = capitalise(code.cause()),
        fix = capitalise(code.fix()),
    )
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The list of every code.
pub(crate) fn codes_index() -> String {
    let mut out = format!(
        "---\n{GENERATED}titulo: Mensagens\ndescricao: Cada erro e cada aviso, com a causa e a correção.\n---\n\
         Cada erro e cada aviso do `secretaria` tem um código, como `S0301`. Um **erro** impede a \
         publicação; um **aviso** não impede. Escolha o código para ver a causa e a correção.\n\n\
         | código | tipo | mensagem |\n|---|---|---|\n"
    );
    for code in Code::ALL {
        let (word, _) = severity_pt(*code);
        out.push_str(&format!(
            "| [{id}]({file}.md) | {word} | {title} |\n",
            id = code.id(),
            file = code.id().to_lowercase(),
            title = code.title().replace('|', "\\|"),
        ));
    }
    out
}

/// The generated files: `(path relative to the guide's folder, text)`.
pub(crate) fn generated() -> Vec<(String, String)> {
    let mut files = vec![(format!("{CODES_DIR}/_index.md"), codes_index())];
    files.extend(Code::ALL.iter().map(|c| (format!("{CODES_DIR}/{}.md", c.id().to_lowercase()), code_page(*c))));
    files
}

/// Every file of the guide, hand-written and generated.
pub(crate) fn files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = WRITTEN.iter().map(|(p, t)| ((*p).to_string(), (*t).to_string())).collect();
    files.extend(generated());
    files
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn on_disk(root: &Path) -> BTreeSet<String> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"))
            .filter(|p| !p.starts_with("public/"))
            .collect()
    }

    /// The committed pages of docs/guia/content/diagnosticos are the registry's: one per code,
    /// none for a code that does not exist, each current.
    #[test]
    fn every_code_has_its_current_page() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guia");
        let expected = generated();
        if std::env::var_os("SECRETARIA_ATUALIZAR_DOCS").is_some() {
            let dir = root.join(CODES_DIR);
            for stale in on_disk(&dir) {
                std::fs::remove_file(dir.join(stale)).unwrap();
            }
            for (path, text) in &expected {
                std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
                std::fs::write(root.join(path), text).unwrap();
            }
        }
        let hint = "rode SECRETARIA_ATUALIZAR_DOCS=1 cargo test --lib guide";
        for (path, text) in &expected {
            let found = std::fs::read_to_string(root.join(path)).unwrap_or_default();
            assert!(&found == text, "docs/guia/{path} falta ou está desatualizado: {hint}");
        }
        let wanted: BTreeSet<String> = expected.iter().map(|(p, _)| p.clone()).collect();
        let found: BTreeSet<String> =
            on_disk(&root.join(CODES_DIR)).into_iter().map(|p| format!("{CODES_DIR}/{p}")).collect();
        assert_eq!(found, wanted, "páginas de código sobrando ou faltando em docs/guia: {hint}");
        for code in Code::ALL {
            assert!(wanted.contains(&format!("{CODES_DIR}/{}.md", code.id().to_lowercase())), "{}", code.id());
        }
    }

    /// A page added to docs/guia by hand but not to `WRITTEN` would be left out of `ajuda`.
    #[test]
    fn the_table_lists_every_written_file() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guia");
        let written: BTreeSet<String> =
            on_disk(&root).into_iter().filter(|p| !p.starts_with(&format!("{CODES_DIR}/"))).collect();
        let listed: BTreeSet<String> = WRITTEN.iter().map(|(p, _)| (*p).to_string()).collect();
        assert_eq!(listed, written);
    }

    #[test]
    fn a_code_page_reads_back_as_yaml_front_matter() {
        for code in Code::ALL {
            let page = code_page(*code);
            let front = page.strip_prefix("---\n").unwrap().split("\n---\n").next().unwrap();
            let value: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
            assert_eq!(value["titulo"].as_str().unwrap(), format!("{}: {}", code.id(), code.title().replace('`', "")));
        }
    }
}
