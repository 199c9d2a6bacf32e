//! `secretaria ajuda`: the editors' guide (`guide`, embedded) written into a new folder (a
//! fresh temporary one unless `--pasta`), then served on loopback and opened in the browser,
//! or, with `--sem-servidor`, built there and its place printed. Works offline: nothing is
//! read from the repository or the network.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::cli::{AjudaArgs, ServeArgs};
use crate::cmd::Outcome;
use crate::import::files::DraftFile;
use crate::output::draft::{write_draft, DraftError};
use crate::pipeline::{self, BuildOptions};
use std::path::PathBuf;

/// The folder to write the guide into: `--pasta` (new or empty) or a fresh temporary folder,
/// kept after the command ends so that the browser can go on reading it.
fn folder(args: &AjudaArgs) -> Result<PathBuf, (String, String)> {
    match &args.pasta {
        Some(dir) => match crate::cmd_new::refusal(dir) {
            Some(refused) => Err(refused),
            None => Ok(dir.clone()),
        },
        None => {
            tempfile::Builder::new().prefix("secretaria-guia-").tempdir().map(tempfile::TempDir::keep).map_err(|err| {
                (
                    format!("não foi possível criar uma pasta temporária para o guia: {err}"),
                    "use `secretaria ajuda --pasta PASTA` com uma pasta nova".to_string(),
                )
            })
        }
    }
}

pub(crate) fn run(args: AjudaArgs) -> Outcome {
    let dir = match folder(&args) {
        Ok(dir) => dir,
        Err((message, hint)) => {
            eprintln!("erro: {message}");
            eprintln!(" = dica: {hint}");
            return Outcome::Failed;
        }
    };
    let files: Vec<DraftFile> =
        crate::guide::files().into_iter().map(|(path, text)| DraftFile { path, text }).collect();
    match write_draft(&dir, &files) {
        Ok(_) => {}
        Err(DraftError::Conflicts(paths)) => {
            eprintln!(
                "erro: estes arquivos já existem em {} e não serão substituídos: {}",
                dir.display(),
                paths.join(", ")
            );
            return Outcome::Failed;
        }
        Err(DraftError::Io { path, error }) => {
            eprintln!("erro: não foi possível gravar {}: {error}", path.display());
            return Outcome::Failed;
        }
    }
    let word = crate::cmd_new::shell_word(&dir);
    if args.sem_servidor {
        let options = BuildOptions { root: dir.clone(), ..BuildOptions::default() };
        return match pipeline::build(&options) {
            Ok(_) => {
                println!("guia do editor gerado em {}", options.output_dir().display());
                println!("Para navegar por ele no navegador:");
                println!("  secretaria --root {word} serve --open");
                Outcome::Ok
            }
            Err(failure) => {
                let diagnostics = pipeline::failure_diagnostics(failure);
                eprintln!("{}", crate::diagnostics::report::render_plain(&diagnostics));
                Outcome::Failed
            }
        };
    }
    println!("guia do editor em {} (os arquivos ficam lá; pode apagar a pasta depois)", dir.display());
    let serve = ServeArgs {
        port: args.port,
        bind: "127.0.0.1".to_string(),
        open: true,
        output: None,
        drafts: false,
        skip_site_checks: true,
    };
    crate::cmd::serve(&dir, serve)
}
