//! `secretaria new PASTA`: writes the embedded starter site (`starter`) into a new or empty
//! folder with `create_new` (through `output::draft`, which never overwrites), and prints the
//! two commands to run next. A folder with anything in it is refused untouched.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::cmd::Outcome;
use crate::import::files::DraftFile;
use crate::output::draft::{write_draft, DraftError};
use std::path::Path;

/// The folder as the editor should type it again in a command: quoted when it has spaces.
pub(crate) fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    if text.chars().any(|c| c.is_whitespace() || "'\"$`&;|<>()*?!#".contains(c)) {
        format!("\"{}\"", text.replace('"', "\\\""))
    } else {
        text
    }
}

/// Why the folder cannot receive the starter site, in Portuguese, or `None` when it can.
pub(crate) fn refusal(dir: &Path) -> Option<(String, String)> {
    if dir.as_os_str().is_empty() {
        // An empty path would otherwise mean the current folder, whatever it holds.
        return Some((
            "falta o nome da pasta".to_string(),
            "escreva, por exemplo, `secretaria new meu-site`".to_string(),
        ));
    }
    match std::fs::symlink_metadata(dir) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => Some((
            format!("não foi possível ler {}: {err}", dir.display()),
            "confira o caminho e as permissões da pasta".to_string(),
        )),
        Ok(meta) if !meta.is_dir() => Some((
            format!("{} já existe e não é uma pasta", dir.display()),
            "escolha o nome de uma pasta nova, por exemplo `secretaria new meu-site`".to_string(),
        )),
        Ok(_) => match std::fs::read_dir(dir).map(|mut entries| entries.next().is_some()) {
            Err(err) => Some((
                format!("não foi possível ler {}: {err}", dir.display()),
                "confira as permissões da pasta".to_string(),
            )),
            Ok(true) => Some((
                format!("a pasta {} não está vazia: nada foi gravado", dir.display()),
                "o site novo é criado só numa pasta nova ou vazia, para não misturar nem substituir arquivos; \
                 escolha outro nome, por exemplo `secretaria new meu-site`"
                    .to_string(),
            )),
            Ok(false) => None,
        },
    }
}

pub(crate) fn run(dir: &Path) -> Outcome {
    if let Some((message, hint)) = refusal(dir) {
        eprintln!("erro: {message}");
        eprintln!(" = dica: {hint}");
        return Outcome::Failed;
    }
    let files: Vec<DraftFile> = crate::starter::FILES
        .iter()
        .map(|(path, text)| DraftFile { path: (*path).to_string(), text: (*text).to_string() })
        .collect();
    match write_draft(dir, &files) {
        Ok(written) => {
            let word = shell_word(dir);
            println!("site criado em {} ({} arquivos de exemplo)", dir.display(), written.len());
            println!("Troque os valores de exemplo (“Município de Exemplo”, endereços .example) pelos reais.");
            println!("Próximos passos:");
            println!("  secretaria --root {word} serve    # vê o site no navegador enquanto edita");
            println!("  secretaria --root {word} check    # confere tudo antes de publicar");
            Outcome::Ok
        }
        Err(DraftError::Conflicts(paths)) => {
            eprintln!("erro: estes arquivos já existem em {} e não serão substituídos:", dir.display());
            for p in &paths {
                eprintln!("  {p}");
            }
            eprintln!(" = dica: use uma pasta nova ou vazia");
            Outcome::Failed
        }
        Err(DraftError::Io { path, error }) => {
            eprintln!("erro: não foi possível gravar {}: {error}", path.display());
            eprintln!(" = dica: confira as permissões e o espaço em disco; nenhum arquivo que já existia foi alterado");
            Outcome::Failed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;
    use std::path::Path;

    #[test]
    fn a_folder_with_spaces_is_quoted() {
        assert_eq!(shell_word(Path::new("meu-site")), "meu-site");
        assert_eq!(shell_word(Path::new("Meu Site")), "\"Meu Site\"");
    }
}
