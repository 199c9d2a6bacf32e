//! `secretaria importar`: reads the old page, asks `import` for the draft, has
//! `output::draft` write it, and prints the summary in Portuguese.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::cli::ImportArgs;
use crate::cmd::Outcome;
use crate::import::{self, files, summary, Input};
use crate::model::contact::parse_ddd;
use crate::output::draft::{write_draft, DraftError};
use std::io::Write;
use std::path::Path;

/// The page's text: UTF-8, or Windows-1252 as old sites saved it (the superset of Latin-1
/// that browsers read for it: its 0x80–0x9F are curly quotes, dashes, the ellipsis; the
/// summary says the file was not UTF-8).
fn decode(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text), false),
        Err(err) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(err.as_bytes());
            (text.into_owned(), true)
        }
    }
}

/// The `ddd:` of the destination's site.yaml, read line by line (a top-level key).
fn site_ddd(site_yaml: &str) -> Option<u8> {
    site_yaml.lines().find_map(|l| l.strip_prefix("ddd:")).and_then(|v| {
        let v = v.split(" #").next().unwrap_or("").trim().trim_matches(['"', '\'']);
        parse_ddd(v).ok()
    })
}

pub(crate) fn run(root: &Path, args: ImportArgs) -> Outcome {
    let dest = args.destino.unwrap_or_else(|| root.to_path_buf());
    let (bytes, site_yaml) = match crate::source::read_import(&args.file, &dest) {
        Ok(read) => read,
        Err(err) => {
            eprintln!("erro: não foi possível ler {}: {err}", args.file.display());
            eprintln!("dica: confira o caminho do arquivo (texto .txt ou página salva .html)");
            return Outcome::Failed;
        }
    };
    if bytes.contains(&0) {
        eprintln!("erro: {} não parece uma página de texto nem HTML (tem bytes nulos)", args.file.display());
        eprintln!("dica: importe o texto copiado do site (.txt) ou a página salva pelo navegador (.html), não um PDF ou imagem");
        return Outcome::Failed;
    }
    let (text, latin1) = decode(bytes);
    let file_name = args.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let draft = import::import(&text, Input::guess(&file_name, &text), site_yaml.as_deref().and_then(site_ddd));
    let files = files::render(&draft, &file_name, site_yaml.is_none());
    let found = summary::found(&draft);
    if found.is_empty() {
        println!("nada reconhecido em {file_name}: nenhum arquivo foi gravado");
        return Outcome::ContentErrors;
    }
    match write_draft(&dest, &files) {
        Ok(_) => {}
        Err(DraftError::Conflicts(paths)) => {
            eprintln!("erro: estes arquivos já existem em {} e não serão substituídos:", dest.display());
            for p in &paths {
                eprintln!("  {p}");
            }
            eprintln!(
                "dica: importe para uma pasta nova (--destino rascunho) e copie o que quiser, ou renomeie os arquivos acima; nada foi gravado"
            );
            return Outcome::Failed;
        }
        Err(DraftError::Io { path, error }) => {
            eprintln!("erro: não foi possível gravar {}: {error}", path.display());
            eprintln!("dica: confira se a pasta {} existe e pode ser escrita; nada ficou gravado", dest.display());
            return Outcome::Failed;
        }
    }
    let mut report = format!("Encontrado em {file_name}:\n");
    for line in &found {
        report.push_str(&format!("  - {line}\n"));
    }
    if latin1 {
        report.push_str("  (o arquivo não estava em UTF-8 e foi lido como Windows-1252, o Latin-1 dos sites antigos: confira os acentos)\n");
    }
    report.push_str(&format!("Arquivos gravados em {}:\n", dest.display()));
    for f in &files {
        report.push_str(&format!("  {}\n", f.path));
    }
    if !draft.left_out.is_empty() {
        report.push_str("Deixado de fora:\n");
        for line in &draft.left_out {
            report.push_str(&format!("  - {line}\n"));
        }
    }
    let for_editor = summary::for_editor(&draft, &files);
    if !for_editor.is_empty() {
        report.push_str("Para conferir ou completar:\n");
        for line in &for_editor {
            report.push_str(&format!("  - {line}\n"));
        }
    }
    report.push_str(&format!("Próximo passo: secretaria --root {} check\n", dest.display()));
    // The files are written: a closed pipe (`| head`) must not turn that into a panic.
    let _ = std::io::stdout().write_all(report.as_bytes());
    Outcome::Ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_destination_ddd_is_read() {
        assert_eq!(site_ddd("titulo: T\nddd: 67\n"), Some(67));
        assert_eq!(site_ddd("titulo: T\nddd: \"34\"  # Perdizes\n"), Some(34));
        assert_eq!(site_ddd("titulo: T\n# ddd: 67\n"), None);
        assert_eq!(site_ddd("ddd: 20\n"), None);
    }

    #[test]
    fn latin1_pages_are_read() {
        assert_eq!(decode(b"Assist\xeancia".to_vec()), ("Assistência".to_owned(), true));
        // Windows-1252's quotes and dash, not C1 control characters.
        assert_eq!(decode(b"\x93CRAS\x94 \x96 8h".to_vec()), ("\u{201c}CRAS\u{201d} \u{2013} 8h".to_owned(), true));
        assert_eq!(decode("São".as_bytes().to_vec()), ("São".to_owned(), false));
    }
}
