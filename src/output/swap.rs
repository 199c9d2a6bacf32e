//! Putting a finished staging folder in place of the output folder, and knowing, whatever
//! fails, where each folder is.
//!
//! On Linux one `renameat2(RENAME_EXCHANGE)` swaps the two folders atomically: the output is
//! never missing, and a failure changes nothing. Elsewhere, and on Linux filesystems without
//! exchange, the output is renamed aside, the staging folder renamed in, and on failure the
//! output renamed back; if even that fails, the caller is told where the previous output is.
//! A folder that does not exist yet is created by one rename that never replaces anything
//! (`RENAME_NOREPLACE` on Linux).

use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

/// The renames of a swap, named for tests and fault injection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// staging ⇄ output, atomically.
    Exchange,
    /// staging → output, when there is no output yet.
    Place,
    /// output → aside (fallback).
    Away,
    /// staging → output (fallback).
    In,
    /// aside → output: undoing `Away`.
    Back,
}

/// Performs one step; [`real`] in production, failing stand-ins in tests.
pub(crate) type Ops<'a> = &'a dyn Fn(Step, &Path, &Path) -> io::Result<()>;

/// How the swap went wrong.
#[derive(Debug)]
pub(crate) enum SwapError {
    /// Nothing moved: the output, if there was one, is where and as it was.
    Untouched(io::Error),
    /// The output was moved to `aside` and could not be put back: the output folder is missing.
    Displaced { aside: PathBuf, error: io::Error, rollback: io::Error },
}

/// Puts `staged` in place of `target` (which exists when `replace`). On success returns where
/// the previous output now is, to be deleted: `staged` after an exchange, `aside` after the
/// fallback, nothing if there was none.
pub(crate) fn swap(
    staged: &Path,
    target: &Path,
    aside: &Path,
    replace: bool,
    ops: Ops<'_>,
) -> Result<Option<PathBuf>, SwapError> {
    if !replace {
        return ops(Step::Place, staged, target).map(|()| None).map_err(SwapError::Untouched);
    }
    match ops(Step::Exchange, staged, target) {
        Ok(()) => return Ok(Some(staged.to_path_buf())),
        Err(err) if err.kind() != ErrorKind::Unsupported => return Err(SwapError::Untouched(err)),
        Err(_) => {}
    }
    ops(Step::Away, target, aside).map_err(SwapError::Untouched)?;
    if let Err(error) = ops(Step::In, staged, target) {
        return match ops(Step::Back, aside, target) {
            Ok(()) => Err(SwapError::Untouched(error)),
            Err(rollback) => Err(SwapError::Displaced { aside: aside.to_path_buf(), error, rollback }),
        };
    }
    Ok(Some(aside.to_path_buf()))
}

/// The real renames.
pub(crate) fn real(step: Step, from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(debug_assertions)]
    if let Some(err) = injected(step) {
        return Err(err);
    }
    match step {
        Step::Exchange => exchange(from, to),
        Step::Place => place(from, to),
        Step::Away | Step::In | Step::Back => std::fs::rename(from, to),
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(unsupported_or)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(ErrorKind::Unsupported))
}

#[cfg(target_os = "linux")]
fn place(from: &Path, to: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE).map_err(unsupported_or) {
        Err(err) if err.kind() == ErrorKind::Unsupported => std::fs::rename(from, to),
        other => other,
    }
}

#[cfg(not(target_os = "linux"))]
fn place(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::rename(from, to)
}

/// `renameat2` flags the filesystem (or an old kernel) does not know come back as EINVAL,
/// ENOSYS or EOPNOTSUPP: then the fallback runs.
#[cfg(target_os = "linux")]
fn unsupported_or(errno: rustix::io::Errno) -> io::Error {
    use rustix::io::Errno;
    if [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP].contains(&errno) {
        io::Error::new(ErrorKind::Unsupported, io::Error::from(errno))
    } else {
        io::Error::from(errno)
    }
}

/// Fault injection for the integration tests, compiled out of release builds:
/// `SECRETARIA_FAULT=exchange-unsupported,in,back` fails those steps (`exchange` fails the
/// exchange as a real error, `exchange-unsupported` as a filesystem without it).
#[cfg(debug_assertions)]
fn injected(step: Step) -> Option<io::Error> {
    let spec = std::env::var("SECRETARIA_FAULT").ok()?;
    spec.split(',').map(str::trim).find_map(|name| match (name, step) {
        ("exchange", Step::Exchange) => Some(io::Error::other("falha simulada")),
        ("exchange-unsupported", Step::Exchange) => Some(io::Error::from(ErrorKind::Unsupported)),
        ("place", Step::Place) | ("away", Step::Away) | ("in", Step::In) | ("back", Step::Back) => {
            Some(io::Error::other("falha simulada"))
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// Real renames, except that the steps in `failing` fail (and the exchange is reported
    /// unsupported when `no_exchange`, as on a filesystem without it); records the steps tried.
    fn ops<'a>(
        failing: &'a [Step],
        no_exchange: bool,
        log: &'a RefCell<Vec<Step>>,
    ) -> impl Fn(Step, &Path, &Path) -> io::Result<()> + 'a {
        move |step, from, to| {
            log.borrow_mut().push(step);
            if failing.contains(&step) {
                return Err(io::Error::other("simulada"));
            }
            match step {
                Step::Exchange if no_exchange => Err(io::Error::from(ErrorKind::Unsupported)),
                Step::Exchange => exchange(from, to).or_else(|_| {
                    // Platforms without exchange: three renames stand in for it in the test.
                    let tmp = from.with_extension("x");
                    std::fs::rename(from, &tmp)?;
                    std::fs::rename(to, from)?;
                    std::fs::rename(&tmp, to)
                }),
                _ => std::fs::rename(from, to),
            }
        }
    }

    struct Folders {
        _tmp: tempfile::TempDir,
        staged: PathBuf,
        target: PathBuf,
        aside: PathBuf,
    }

    fn folders() -> io::Result<Folders> {
        let tmp = tempfile::tempdir()?;
        let staged = tmp.path().join(".public.tmp-1");
        let target = tmp.path().join("public");
        std::fs::create_dir_all(&staged)?;
        std::fs::create_dir_all(&target)?;
        std::fs::write(staged.join("index.html"), "nova")?;
        std::fs::write(target.join("index.html"), "anterior")?;
        let aside = tmp.path().join(".public.old-1");
        Ok(Folders { _tmp: tmp, staged, target, aside })
    }

    fn page(dir: &Path) -> String {
        std::fs::read_to_string(dir.join("index.html")).unwrap_or_default()
    }

    #[test]
    fn exchange_swaps_and_hands_back_the_previous_output() -> io::Result<()> {
        let f = folders()?;
        let log = RefCell::new(Vec::new());
        let old = swap(&f.staged, &f.target, &f.aside, true, &ops(&[], false, &log));
        assert_eq!(old.ok().flatten(), Some(f.staged.clone()));
        assert_eq!((page(&f.target), page(&f.staged)), ("nova".into(), "anterior".into()));
        assert_eq!(*log.borrow(), vec![Step::Exchange]);
        Ok(())
    }

    #[test]
    fn a_failed_exchange_changes_nothing() -> io::Result<()> {
        let f = folders()?;
        let log = RefCell::new(Vec::new());
        let result = swap(&f.staged, &f.target, &f.aside, true, &ops(&[Step::Exchange], false, &log));
        assert!(matches!(result, Err(SwapError::Untouched(_))));
        assert_eq!((page(&f.target), page(&f.staged)), ("anterior".into(), "nova".into()));
        Ok(())
    }

    #[test]
    fn the_fallback_rolls_back_and_reports_what_it_cannot_undo() -> io::Result<()> {
        let f = folders()?;
        let log = RefCell::new(Vec::new());
        let old = swap(&f.staged, &f.target, &f.aside, true, &ops(&[], true, &log));
        assert_eq!(old.ok().flatten(), Some(f.aside.clone()));
        assert_eq!((page(&f.target), page(&f.aside)), ("nova".into(), "anterior".into()));

        let f = folders()?;
        let result = swap(&f.staged, &f.target, &f.aside, true, &ops(&[Step::In], true, &log));
        assert!(matches!(result, Err(SwapError::Untouched(_))), "{result:?}");
        assert_eq!((page(&f.target), page(&f.staged)), ("anterior".into(), "nova".into()));
        assert!(!f.aside.exists());

        let f = folders()?;
        let result = swap(&f.staged, &f.target, &f.aside, true, &ops(&[Step::In, Step::Back], true, &log));
        let Err(SwapError::Displaced { aside, .. }) = result else { panic!("{result:?}") };
        assert_eq!(aside, f.aside);
        assert!(!f.target.exists());
        assert_eq!((page(&f.aside), page(&f.staged)), ("anterior".into(), "nova".into()));

        let f = folders()?;
        let result = swap(&f.staged, &f.target, &f.aside, true, &ops(&[Step::Away], true, &log));
        assert!(matches!(result, Err(SwapError::Untouched(_))));
        assert_eq!(page(&f.target), "anterior");
        Ok(())
    }

    #[test]
    fn a_new_output_is_placed_without_replacing_anything() -> io::Result<()> {
        let f = folders()?;
        std::fs::remove_dir_all(&f.target)?;
        assert!(matches!(swap(&f.staged, &f.target, &f.aside, false, &real), Ok(None)));
        assert_eq!(page(&f.target), "nova");
        // Something appeared in the meantime: never replaced (on Linux), reported as untouched.
        #[cfg(target_os = "linux")]
        {
            std::fs::create_dir_all(&f.staged)?;
            assert!(matches!(swap(&f.staged, &f.target, &f.aside, false, &real), Err(SwapError::Untouched(_))));
            assert_eq!(page(&f.target), "nova");
        }
        Ok(())
    }
}
