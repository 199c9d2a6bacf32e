//! The commands: each runs the pipeline and reports to the terminal. This is the layer that
//! talks to people, so it alone prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::cli::{BuildArgs, CheckArgs, ServeArgs, WatchArgs};
use crate::config::Overrides;
use crate::diagnostics::{report, Diagnostics};
use crate::pipeline::{self, BuildOptions, Failure};
use std::path::Path;
use std::time::Instant;

/// How a command ended; `main` maps it to the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    ContentErrors,
    Failed,
}

pub fn build(root: &Path, args: BuildArgs) -> Outcome {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: args.output,
        overrides: Overrides { base_url: args.base_url, drafts: args.drafts },
        today: None,
    };
    let started = Instant::now();
    match pipeline::build(&options) {
        Ok(summary) => {
            print_diagnostics(root, &summary.warnings);
            println!(
                "{} geradas em {} ms ({}) → {}",
                plural(summary.pages, "página", "páginas"),
                started.elapsed().as_millis(),
                plural(summary.files, "arquivo", "arquivos"),
                options.output_dir().display()
            );
            Outcome::Ok
        }
        Err(failure) => report_failure(root, failure, "nada foi publicado; a saída anterior continua como estava"),
    }
}

pub fn check(root: &Path, args: CheckArgs) -> Outcome {
    let options = BuildOptions {
        root: root.to_path_buf(),
        overrides: Overrides { base_url: None, drafts: args.drafts },
        ..BuildOptions::default()
    };
    let started = Instant::now();
    match pipeline::check(&options) {
        Ok(summary) => {
            print_diagnostics(root, &summary.warnings);
            println!(
                "tudo certo: {} verificadas em {} ms{}",
                plural(summary.pages, "página", "páginas"),
                started.elapsed().as_millis(),
                match summary.warnings.warning_count() {
                    0 => String::new(),
                    n => format!(", {}", plural(n, "aviso", "avisos")),
                }
            );
            Outcome::Ok
        }
        Err(failure) => report_failure(root, failure, "corrija os erros acima e rode de novo"),
    }
}

pub fn serve(_root: &Path, _args: ServeArgs) -> Outcome {
    eprintln!("erro: o comando serve ainda não está disponível nesta versão");
    Outcome::Failed
}

pub fn watch(_root: &Path, _args: WatchArgs) -> Outcome {
    eprintln!("erro: o comando watch ainda não está disponível nesta versão");
    Outcome::Failed
}

fn report_failure(root: &Path, failure: Failure, advice: &str) -> Outcome {
    let outcome = match failure {
        Failure::Content(_) => Outcome::ContentErrors,
        Failure::Io(_) => Outcome::Failed,
    };
    let diagnostics = pipeline::failure_diagnostics(failure);
    print_diagnostics(root, &diagnostics);
    let errors = diagnostics.error_count().max(1);
    eprintln!("{}; {advice}", plural(errors, "erro encontrado", "erros encontrados"));
    outcome
}

fn print_diagnostics(root: &Path, diagnostics: &Diagnostics) {
    if diagnostics.is_empty() {
        return;
    }
    let read = |rel: &Path| std::fs::read_to_string(root.join(rel)).ok();
    eprint!("{}", report::render_terminal(diagnostics, &read));
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
