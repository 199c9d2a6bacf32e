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
    override_usage = "secretaria [--root PASTA] <COMANDO> [OPÇÕES]",
    after_help = "Guia do editor, sem internet: `secretaria ajuda` (como escrever cada conteúdo e o que quer dizer\ncada mensagem, com a correção). Para começar um site: `secretaria new PASTA`."
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
    ///
    /// Se nada mudou desde a última geração (conteúdo, tema, static/, opções, a data de hoje e o
    /// próprio programa), nenhum arquivo é gravado: o cache de geração fica ao lado da pasta de
    /// saída (.public.secretaria-cache). --no-cache gera tudo de novo.
    ///
    /// Além das páginas, publica robots.txt, static/ (estilo e scripts do tema), a agenda
    /// avisos/agenda.ics (se houver eventos), os dados abertos em dados/ (JSON, CSV e JSON Schema)
    /// e SHA256SUMS (o SHA-256 de cada arquivo). Com base_url no site.yaml (ou --base-url),
    /// também sitemap.xml e o feed avisos/atom.xml.
    Build(BuildArgs),
    /// Valida tudo o que o build valida, sem gravar nada. Sai com código 1 se houver erros.
    Check(CheckArgs),
    /// Gera o site, serve em http://127.0.0.1:1111 e atualiza o navegador a cada alteração.
    Serve(ServeArgs),
    /// Gera o site e o regera a cada alteração, sem servidor.
    Watch(WatchArgs),
    /// Lê uma página do site antigo (texto copiado ou HTML salvo) e escreve um rascunho dos arquivos de conteúdo.
    Importar(ImportArgs),
    /// Cria um site de exemplo completo, em português, numa pasta nova ou vazia.
    New(NewArgs),
    /// Abre no navegador o guia do editor, que vem dentro do programa (funciona sem internet).
    Ajuda(AjudaArgs),
}

/// How `build` and `check` report diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Texto para pessoas, com o trecho do arquivo (na saída de erros).
    #[default]
    Text,
    /// Um documento JSON na saída padrão (arquivo, linha, coluna, código, gravidade, mensagem, dica).
    Json,
}

#[derive(Debug, Args)]
#[command(help_template = HELP_TEMPLATE, next_help_heading = "Opções", override_usage = "secretaria build [--output PASTA] [--base-url URL] [--drafts] [--format json] [--timings] [--no-cache]")]
pub struct BuildArgs {
    /// Pasta de saída: nova, vazia ou gerada antes pelo secretaria. Padrão: public/ dentro da pasta do site
    #[arg(long, short, value_name = "PASTA")]
    pub output: Option<PathBuf>,
    /// Endereço público do site (ex.: https://social.cidade.uf.gov.br/): com ele saem sitemap.xml e avisos/atom.xml, e os endereços completos no JSON-LD, em avisos/agenda.ics e em dados/.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Publica também as páginas marcadas como rascunho.
    #[arg(long)]
    pub drafts: bool,
    /// Mostra onde o tempo da geração foi gasto (leitura, análise, geração, Markdown, minificação, busca, dados, gravação).
    #[arg(long)]
    pub timings: bool,
    /// Gera o site inteiro mesmo que nada tenha mudado desde a última geração (sem isso, quando nada mudou, nenhum arquivo é gravado).
    #[arg(long)]
    pub no_cache: bool,
    /// Formato dos erros e avisos: text (padrão) ou json.
    #[arg(long, value_enum, default_value = "text", hide_default_value = true, value_name = "FORMATO")]
    pub format: Format,
    /// Não verifica o site gerado (links, imagens): só para o site de teste de XSS, hostil de propósito.
    #[arg(long, hide = true)]
    pub skip_site_checks: bool,
}

#[derive(Debug, Args)]
#[command(help_template = HELP_TEMPLATE, next_help_heading = "Opções", override_usage = "secretaria check [--drafts] [--strict] [--format json]")]
pub struct CheckArgs {
    /// Valida também as páginas marcadas como rascunho.
    #[arg(long)]
    pub drafts: bool,
    /// Sai com código 1 também quando há só avisos.
    #[arg(long)]
    pub strict: bool,
    /// Formato dos erros e avisos: text (padrão) ou json.
    #[arg(long, value_enum, default_value = "text", hide_default_value = true, value_name = "FORMATO")]
    pub format: Format,
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
    /// Não roda as verificações do `check` depois de cada recarga: só para medir o que custam
    /// (scripts/bench-serve.sh).
    #[arg(long, hide = true)]
    pub skip_site_checks: bool,
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

#[derive(Debug, Args)]
#[command(
    help_template = HELP_TEMPLATE,
    next_help_heading = "Opções",
    override_usage = "secretaria importar ARQUIVO.txt|ARQUIVO.html [--destino PASTA]",
    after_help = "Reconhece telefones, e-mails, endereço com CEP, horário, titular, texto normativo (artigos e incisos),\nassessorias, missão, visão, valores e datas de conferências e reuniões; o resto vira página comum.\nNada é inventado: o que é incerto leva um comentário “# conferir”, e nenhum arquivo existente é substituído."
)]
pub struct ImportArgs {
    /// A página antiga: texto copiado do site (.txt) ou a página salva pelo navegador (.html).
    #[arg(value_name = "ARQUIVO")]
    pub file: PathBuf,
    /// Pasta do site onde gravar o rascunho (criada se não existir). Padrão: a pasta do site (--root)
    #[arg(long, value_name = "PASTA")]
    pub destino: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(
    help_template = HELP_TEMPLATE,
    next_help_heading = "Opções",
    override_usage = "secretaria new PASTA",
    after_help = "Cada arquivo explica suas chaves em comentários; os valores são exemplos a trocar.\nNada é substituído: uma pasta que já tem arquivos é recusada."
)]
pub struct NewArgs {
    /// A pasta do site novo: não pode existir ou precisa estar vazia.
    #[arg(value_name = "PASTA")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
#[command(help_template = HELP_TEMPLATE, next_help_heading = "Opções", override_usage = "secretaria ajuda [--pasta PASTA] [--sem-servidor] [--port N]")]
pub struct AjudaArgs {
    /// Pasta nova ou vazia onde gravar o guia. Padrão: uma pasta temporária nova.
    #[arg(long, value_name = "PASTA")]
    pub pasta: Option<PathBuf>,
    /// Só gera o guia e mostra onde ele está, sem abrir o navegador.
    #[arg(long)]
    pub sem_servidor: bool,
    /// Porta do servidor. Padrão: uma porta livre.
    #[arg(long, short, default_value_t = 0, hide_default_value = true)]
    pub port: u16,
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
