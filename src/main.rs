//! The `secretaria` binary: parse arguments, run the command, print its report, choose the
//! exit code (0 ok · 1 content errors · 2 usage or machine failure).

use clap::Parser;
use secretaria::cli::{Cli, Command};
use secretaria::cmd::{self, Outcome};
use std::process::ExitCode;

/// See Cargo.toml: the build is allocation-bound.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Stack of each render thread: the main thread's 8 MiB instead of the 2 MiB a spawned thread
/// gets. Content cannot nest deeper than `markdown::MAX_DEPTH` (the minifier, which recurses
/// per element, needs a fraction of 2 MiB for that), so this is margin for what a theme's own
/// templates do (Tera recurses per nested macro call). Untouched stack costs no memory.
const RENDER_STACK: usize = 8 << 20;

fn main() -> ExitCode {
    return_freed_memory_promptly();
    quiet_on_closed_pipe();
    // Only fails if a pool was already built, which nothing does before this line.
    let _ = rayon::ThreadPoolBuilder::new().stack_size(RENDER_STACK).build_global();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            // --help and --version
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            eprintln!("{}", usage_error_pt(&err));
            return ExitCode::from(2);
        }
    };
    let outcome = match cli.command {
        Command::Build(args) => cmd::build(&cli.root, args),
        Command::Check(args) => cmd::check(&cli.root, args),
        Command::Serve(args) => cmd::serve(&cli.root, args),
        Command::Watch(args) => cmd::watch(&cli.root, args),
        Command::Importar(args) => cmd::importar(&cli.root, args),
        Command::New(args) => cmd::new_site(args),
        Command::Ajuda(args) => cmd::ajuda(args),
    };
    match outcome {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::ContentErrors => ExitCode::from(1),
        Outcome::Failed => ExitCode::from(2),
    }
}

/// `mi_option_purge_delay` in mimalloc's `mi_option_t` (`mimalloc.h`, v3 as built by
/// libmimalloc-sys 0.1.49, pinned in Cargo.toml): the index is not exported by the crate.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc (v3) keeps the memory a build frees for 1 s before giving it back to the system:
/// a 10,000-page build takes about that long, so the freed pages of one phase stayed in the
/// peak of the next one. 10 ms (v2's default) gives them back as the build goes, for a
/// peak about 10 MiB lower at 10,000 pages and no measurable CPU (0 ms costs more system
/// time in `madvise`). The option is read on every purge, so setting it here, before the
/// build allocates much, is enough.
fn return_freed_memory_promptly() {
    // SAFETY: `mi_option_set` stores a value in mimalloc's table of options (it checks the
    // index against its bounds and takes any value); it touches no memory of ours.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) }
}

/// When whoever reads our output goes away (`secretaria build | head`), printing fails and
/// `println!` panics. Stop then as a program killed by SIGPIPE does (status 141), without a
/// panic message: everything the command had to do is done by the time it prints its report
/// (a build has published, or failed and left the output as it was).
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to std") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}

/// clap's usage errors, in Portuguese.
fn usage_error_pt(err: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let suggestion = match context(ContextKind::SuggestedSubcommand) {
        s if !s.is_empty() => format!(" Você quis dizer `{s}`?"),
        _ => match context(ContextKind::SuggestedArg) {
            s if !s.is_empty() => format!(" Você quis dizer `{s}`?"),
            _ => String::new(),
        },
    };
    let message = match err.kind() {
        ErrorKind::InvalidSubcommand => {
            format!("comando desconhecido: `{}`.{suggestion}", context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::UnknownArgument => {
            format!("opção desconhecida: `{}`.{suggestion}", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "valor inválido `{}` para `{}`",
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "falta o comando: new, build, check, serve, watch, importar ou ajuda".to_string()
        }
        ErrorKind::MissingRequiredArgument => {
            format!("falta um argumento obrigatório: {}", context(ContextKind::InvalidArg))
        }
        ErrorKind::ArgumentConflict => format!("opções incompatíveis: {}", context(ContextKind::InvalidArg)),
        ErrorKind::TooManyValues => {
            format!("opção repetida ou com valores demais: {}", context(ContextKind::InvalidArg))
        }
        _ => format!("uso incorreto: {}", err.kind()),
    };
    format!("erro: {message}\nuse `secretaria --help` para ver os comandos e as opções")
}
