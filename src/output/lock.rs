//! One writer per output folder. The lock is an OS file lock (std's `File::try_lock`, `flock`
//! on Unix, `LockFileEx` on Windows) on `.NAME.lock` beside the output folder `NAME`: beside,
//! not inside, because the build swaps the folder itself. The OS drops the lock when the
//! process ends, killed or not, so a stale lock cannot block anyone. The file is never
//! deleted (deleting a lock file lets two processes lock two different files); it holds the
//! holder's command and process id, only to tell a second process who it is waiting for.
//!
//! Policy: a `build` that finds the output held by another `build` waits for it, saying so
//! once; a `serve` or `watch` holds the output for as long as it runs, so whatever finds one
//! there is refused with a message that names it (waiting would be forever).

use super::guard::OutputDir;
use crate::diagnostics::{Code, Diagnostic};
use std::fs::{File, TryLockError};
use std::io::{ErrorKind, Write};
use std::time::Duration;

/// How often a waiting process looks again (and rereads who holds the lock).
const POLL: Duration = Duration::from_millis(50);

/// The command writing an output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Writer {
    Build,
    Serve,
    Watch,
}

impl Writer {
    fn name(self) -> &'static str {
        match self {
            Writer::Build => "build",
            Writer::Serve => "serve",
            Writer::Watch => "watch",
        }
    }

    fn parse(name: &str) -> Option<Writer> {
        [Writer::Build, Writer::Serve, Writer::Watch].into_iter().find(|w| w.name() == name)
    }
}

/// Held until dropped (the OS releases it when the file closes).
#[derive(Debug)]
pub(crate) struct OutputLock {
    _file: File,
}

/// Locks `dir` for `writer`. `Ok(None)` when the filesystem has no locks: then the command
/// runs unserialised, as before locks existed, and cleans no leftovers.
pub(crate) fn acquire(
    dir: &OutputDir,
    writer: Writer,
    waiting: &dyn Fn(&str),
) -> Result<Option<OutputLock>, Diagnostic> {
    let path = super::sibling(dir, "lock");
    // The holder rewrites the file: never through a link, into someone else's file.
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(Diagnostic::new(
            Code::OutputRefused,
            format!(
                "{} deveria ser o arquivo de trava da pasta de saída {}, mas é uma pasta ou um atalho",
                path.display(),
                dir.path.display()
            ),
        )
        .with_help("tire esse item do lugar (o secretaria o cria de novo) ou use outra pasta com --output"));
    }
    let open = std::fs::OpenOptions::new().create(true).truncate(false).read(true).write(true).open(&path);
    let file = open.map_err(|err| {
        Diagnostic::new(
            Code::OutputWrite,
            format!("não foi possível criar o arquivo de trava {}: {err}", path.display()),
        )
        .with_help(format!("confira as permissões da pasta {}", dir.parent.display()))
    })?;
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::Error(err)) if err.kind() == ErrorKind::Unsupported => return Ok(None),
            Err(TryLockError::Error(err)) => {
                return Err(Diagnostic::new(
                    Code::OutputWrite,
                    format!(
                        "não foi possível travar a pasta de saída {} ({}): {err}",
                        dir.path.display(),
                        path.display()
                    ),
                )
                .with_help("rode o comando de novo; se persistir, confira o disco"))
            }
            Err(TryLockError::WouldBlock) => {
                let (holder, pid) = holder(&path);
                let who = match (holder, &pid) {
                    (Some(w), Some(pid)) => format!("pelo `secretaria {}` (processo {pid})", w.name()),
                    (Some(w), None) => format!("pelo `secretaria {}`", w.name()),
                    (None, _) => "por outra execução do secretaria".to_string(),
                };
                if matches!(holder, Some(Writer::Serve | Writer::Watch)) {
                    return Err(Diagnostic::new(Code::OutputLocked, format!(
                        "a pasta de saída {} está sendo usada {who}",
                        dir.path.display()
                    ))
                    .with_help("pare-o (Ctrl+C no terminal em que ele roda) antes de usar esta pasta, ou use outra com --output"));
                }
                if !told {
                    waiting(&format!(
                        "aguardando: a pasta de saída {} está sendo gravada {who}; esta execução continua quando ela terminar",
                        dir.path.display()
                    ));
                    told = true;
                }
                std::thread::sleep(POLL);
            }
        }
    }
    // Who holds it now, for the next one; a failure here only makes that message vaguer.
    let mut writing = &file;
    let _ = file.set_len(0).and_then(|()| writeln!(writing, "{} {}", writer.name(), std::process::id()));
    Ok(Some(OutputLock { _file: file }))
}

/// The command and process id written by the holder (missing while it is still writing them).
fn holder(path: &std::path::Path) -> (Option<Writer>, Option<String>) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut words = text.split_whitespace();
    let writer = words.next().and_then(Writer::parse);
    let pid = words.next().filter(|p| p.chars().all(|c| c.is_ascii_digit())).map(str::to_string);
    (writer, pid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    fn output() -> std::io::Result<(tempfile::TempDir, OutputDir)> {
        let tmp = tempfile::tempdir()?;
        let dir =
            OutputDir { path: tmp.path().join("public"), parent: tmp.path().to_path_buf(), name: "public".into() };
        Ok((tmp, dir))
    }

    #[test]
    fn one_holder_at_a_time_and_serve_is_never_waited_for() -> std::io::Result<()> {
        let (_tmp, dir) = output()?;
        let quiet = |_: &str| {};
        let held = acquire(&dir, Writer::Serve, &quiet).map_err(|d| std::io::Error::other(d.message))?;
        assert!(held.is_some());
        let refused = acquire(&dir, Writer::Build, &quiet).err().map(|d| d.message).unwrap_or_default();
        assert!(refused.contains("está sendo usada pelo `secretaria serve` (processo"), "{refused}");
        drop(held);
        assert!(acquire(&dir, Writer::Build, &quiet).is_ok_and(|l| l.is_some()));
        #[cfg(unix)]
        {
            let victim = dir.parent.join("importante.txt");
            std::fs::write(&victim, "não truncar")?;
            std::fs::remove_file(dir.parent.join(".public.lock"))?;
            std::os::unix::fs::symlink(&victim, dir.parent.join(".public.lock"))?;
            assert!(acquire(&dir, Writer::Build, &quiet).is_err());
            assert_eq!(std::fs::read_to_string(&victim)?, "não truncar");
        }
        Ok(())
    }

    #[test]
    fn a_build_waits_for_a_build_and_says_so_once() -> std::io::Result<()> {
        let (_tmp, dir) = output()?;
        let held = acquire(&dir, Writer::Build, &|_| {}).map_err(|d| std::io::Error::other(d.message))?;
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(held);
        });
        let told = RefCell::new(Vec::new());
        let got = acquire(&dir, Writer::Build, &|m| told.borrow_mut().push(m.to_string()));
        let _ = release.join();
        assert!(got.is_ok_and(|l| l.is_some()));
        let told = told.into_inner();
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(told[0].starts_with("aguardando: ") && told[0].contains("`secretaria build`"), "{told:?}");
        Ok(())
    }
}
