//! The command line (clap derive only; no logic). Help texts in Portuguese.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "secretaria",
    version,
    about = "Gera o site de transparência de uma secretaria municipal a partir de Markdown e YAML.",
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Pasta do site (onde está o site.yaml). Padrão: a pasta atual.
    #[arg(long, global = true, value_name = "PASTA", default_value = ".")]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Gera o site em public/ (ou na pasta de --output). Se houver erro, a saída anterior fica intacta.
    Build(BuildArgs),
    /// Valida tudo o que o build valida, sem gravar nada. Sai com código 1 se houver erros.
    Check(CheckArgs),
    /// Gera o site, serve em http://127.0.0.1:1111 e atualiza o navegador a cada alteração.
    Serve(ServeArgs),
    /// Gera o site e o regera a cada alteração, sem servidor.
    Watch(WatchArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Pasta de saída (relativa à pasta do site). Padrão: public
    #[arg(long, short, value_name = "PASTA")]
    pub output: Option<PathBuf>,
    /// Endereço público do site, para sitemap, feeds e JSON-LD (ex.: https://social.cidade.uf.gov.br/).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Publica também as páginas marcadas como rascunho.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Valida também as páginas marcadas como rascunho.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Porta do servidor.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Endereço em que o servidor escuta. Padrão: só este computador (127.0.0.1).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Abre o navegador no endereço do site.
    #[arg(long)]
    pub open: bool,
    /// Pasta de saída (relativa à pasta do site). Padrão: public
    #[arg(long, short, value_name = "PASTA")]
    pub output: Option<PathBuf>,
    /// Inclui as páginas marcadas como rascunho.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Pasta de saída (relativa à pasta do site). Padrão: public
    #[arg(long, short, value_name = "PASTA")]
    pub output: Option<PathBuf>,
    /// Inclui as páginas marcadas como rascunho.
    #[arg(long)]
    pub drafts: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_app() {
        Cli::command().debug_assert();
    }
}
