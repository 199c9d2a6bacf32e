//! The command line (clap derive only; no logic). Help texts in Portuguese.

use clap::{ArgAction, Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "secretaria",
    version,
    about = "Gera o site de transparência de uma secretaria municipal a partir de Markdown e YAML.",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Comandos",
    subcommand_value_name = "COMANDO",
    next_help_heading = "Opções",
    override_usage = "secretaria [--root PASTA] <COMANDO> [OPÇÕES]"
)]
pub struct Cli {
    /// Mostra esta ajuda.
    #[arg(short = 'h', long = "help", global = true, action = ArgAction::Help)]
    pub help: Option<bool>,

    /// Mostra a versão.
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    pub version: Option<bool>,

    /// Pasta do site (onde está o site.yaml). Padrão: a pasta atual.
    #[arg(long, global = true, value_name = "PASTA", default_value = ".", hide_default_value = true)]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

/// clap's help layout with Portuguese headings.
const HELP_TEMPLATE: &str = "{about-with-newline}\nUso: {usage}\n\n{all-args}{after-help}";

#[derive(Debug, Subcommand)]
#[command(help_template = HELP_TEMPLATE)]
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
#[command(help_template = HELP_TEMPLATE, next_help_heading = "Opções", override_usage = "secretaria build [--output PASTA] [--base-url URL] [--drafts] [--timings]")]
pub struct BuildArgs {
    /// Pasta de saída: nova, vazia ou gerada antes pelo secretaria. Padrão: public/ dentro da pasta do site
    #[arg(long, short, value_name = "PASTA")]
    pub output: Option<PathBuf>,
    /// Endereço público do site, para sitemap, feeds e JSON-LD (ex.: https://social.cidade.uf.gov.br/).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Publica também as páginas marcadas como rascunho.
    #[arg(long)]
    pub drafts: bool,
    /// Mostra onde o tempo da geração foi gasto (leitura, análise, geração, Markdown, minificação, busca, dados, gravação).
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
#[command(help_template = HELP_TEMPLATE, next_help_heading = "Opções", override_usage = "secretaria check [--drafts]")]
pub struct CheckArgs {
    /// Valida também as páginas marcadas como rascunho.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
#[command(help_template = HELP_TEMPLATE, next_help_heading = "Opções", override_usage = "secretaria serve [--port N] [--bind ENDEREÇO] [--open]")]
pub struct ServeArgs {
    /// Porta do servidor.
    #[arg(long, short, default_value_t = 1111, hide_default_value = true)]
    /// (padrão: 1111)
    pub port: u16,
    /// Endereço em que o servidor escuta. Padrão: só este computador (127.0.0.1).
    #[arg(long, default_value = "127.0.0.1", hide_default_value = true)]
    pub bind: String,
    /// Abre o navegador no endereço do site.
    #[arg(long)]
    pub open: bool,
    /// Pasta de saída: nova, vazia ou gerada antes pelo secretaria. Padrão: public/ dentro da pasta do site
    #[arg(long, short, value_name = "PASTA")]
    pub output: Option<PathBuf>,
    /// Inclui as páginas marcadas como rascunho.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
#[command(help_template = HELP_TEMPLATE, next_help_heading = "Opções", override_usage = "secretaria watch [--output PASTA]")]
pub struct WatchArgs {
    /// Pasta de saída: nova, vazia ou gerada antes pelo secretaria. Padrão: public/ dentro da pasta do site
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
