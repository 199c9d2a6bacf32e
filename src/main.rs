//! The `secretaria` binary: parse arguments, run the command, print its report, choose the
//! exit code (0 ok · 1 content errors · 2 usage or machine failure).

use clap::Parser;
use secretaria::cli::{Cli, Command};
use secretaria::cmd::{self, Outcome};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let outcome = match cli.command {
        Command::Build(args) => cmd::build(&cli.root, args),
        Command::Check(args) => cmd::check(&cli.root, args),
        Command::Serve(args) => cmd::serve(&cli.root, args),
        Command::Watch(args) => cmd::watch(&cli.root, args),
    };
    match outcome {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::ContentErrors => ExitCode::from(1),
        Outcome::Failed => ExitCode::from(2),
    }
}
