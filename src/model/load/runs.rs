//! The content files turned into pending items on every core. Each file is loaded on its own
//! (its YAML, its values, its body's Markdown checks): nothing a file yields depends on
//! another file, the cross-file rules come after (`model::validate`). The files are cut into
//! runs of consecutive files; each run is loaded in order by a [`Loader`] of its own, into a
//! [`Pending`] and a [`Diagnostics`] of its own, and the runs are joined in the files' order.
//! So the items and the diagnostics come out in the order a single loader going file by file
//! gives, whatever the number of threads or how the work was shared out.

use super::transparency::PendingAccess;
use super::{Loader, Pending};
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use crate::model::datetime::DateTime;
use crate::source::SourceFile;
use rayon::prelude::*;

/// How the files are shared out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Split {
    /// Runs sized for the thread pool: a few per thread, so that a thread that drew long
    /// files is helped by the others.
    Auto,
    /// Runs of at most this many files (`usize::MAX`: one run, file by file on one thread);
    /// for the tests that compare the ways of loading.
    #[cfg(test)]
    Runs(usize),
}

/// Runs per thread: with a few, a thread that drew the last run finished a fortieth of a
/// second after the other (10,000 pages on two threads).
const RUNS_PER_THREAD: usize = 32;

impl Split {
    fn run_len(self, files: usize) -> usize {
        match self {
            Split::Auto => files.div_ceil(rayon::current_num_threads().saturating_mul(RUNS_PER_THREAD)).max(1),
            #[cfg(test)]
            Split::Runs(len) => len.max(1),
        }
    }
}

/// Loads `content` (sorted by path) and returns what it yields; the files' problems go to
/// `diagnostics`, in the files' order.
pub(super) fn load_all(
    content: Vec<SourceFile>,
    config: &SiteConfig,
    times: &crate::source::Times,
    today: DateTime,
    (split, looks): (Split, super::Looks),
    diagnostics: &mut Diagnostics,
) -> Pending {
    let run_len = split.run_len(content.len());
    let runs: Vec<(Pending, Diagnostics)> = content
        .into_par_iter()
        .chunks(run_len)
        // Each run its own task, so that an idle thread takes the next one (rayon would hand
        // a thread several runs in one go).
        .with_max_len(1)
        .map(|files| {
            let mut found = Diagnostics::new();
            let mut loader = Loader {
                config,
                diagnostics: &mut found,
                pending: Pending::default(),
                located: 0,
                warned: 0,
                times,
                today,
                looks,
            };
            for file in files {
                loader.file(file);
            }
            let pending = loader.pending;
            (pending, found)
        })
        .collect();
    let mut pending = Pending::default();
    // The list that grows with the site, made at its size: grown run by run it was up to
    // twice as long as its pages (1.3 MB more at 10,000 pages, for the whole build).
    pending.pages.reserve_exact(runs.iter().map(|(run, _)| run.pages.len()).sum());
    for (run, found) in runs {
        pending.absorb(run);
        diagnostics.extend(found);
    }
    pending
}

impl Pending {
    /// Adds what the files after those already loaded yielded, as loading them next would
    /// have: lists grow in order, and a single item (home, secretariat, privacy) set by a
    /// later file replaces an earlier one. Only `content/_index.md` sets `home`, which it may
    /// leave unset; `secretariat` and `privacy` are only ever set to an item.
    fn absorb(&mut self, later: Pending) {
        // Destructured whole: a field added to `Pending` must be joined here too.
        let Pending {
            home,
            secretariat,
            units,
            assessorias,
            notices,
            laws,
            pages,
            sections,
            listing_intros,
            field_texts,
            access,
            failed,
        } = later;
        if home.is_some() {
            self.home = home;
        }
        if secretariat.is_some() {
            self.secretariat = secretariat;
        }
        self.units.extend(units);
        self.assessorias.extend(assessorias);
        self.notices.extend(notices);
        self.laws.extend(laws);
        self.pages.extend(pages);
        self.sections.extend(sections);
        self.listing_intros.extend(listing_intros);
        self.field_texts.extend(field_texts);
        self.access.absorb(access);
        self.failed.extend(failed);
    }
}

impl PendingAccess {
    fn absorb(&mut self, later: PendingAccess) {
        let PendingAccess { programs, councils, faqs, services, privacy } = later;
        self.programs.extend(programs);
        self.councils.extend(councils);
        self.faqs.extend(faqs);
        self.services.extend(services);
        if privacy.is_some() {
            self.privacy = privacy;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::config::Overrides;
    use crate::diagnostics::report::render_plain;
    use crate::source::SourceSet;
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
    }

    /// The site at `root` as read, with its configuration and a fixed "now".
    fn read(root: &Path) -> (SourceSet, SiteConfig, DateTime, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let sources = crate::source::read_site(root, &mut diagnostics);
        let (config, _) = crate::pipeline::load_config(&sources, &Overrides::default(), &mut diagnostics);
        let today = config.now(chrono::NaiveDate::from_ymd_opt(2025, 3, 10).and_then(|d| d.and_hms_opt(9, 0, 0)), None);
        (sources, config, today, diagnostics)
    }

    /// The model (its `Debug` text) and the diagnostics, in the order they were found.
    fn loaded(root: &Path, split: Split) -> (String, Diagnostics) {
        let (sources, config, today, mut diagnostics) = read(root);
        let mut site =
            super::super::load_split(sources, config, today, split, super::super::Looks::AtLoad, &mut diagnostics);
        // Made from the configuration alone; a hash map, printed in a different order each time.
        site.glossary = Default::default();
        (format!("{site:#?}"), diagnostics)
    }

    /// Sites with problems in several files (and a valid one) give the same model and the same
    /// diagnostics, in the same order, whether their files are loaded one by one on one thread
    /// (as before the load went parallel) or cut into runs of any length on several threads.
    #[test]
    fn the_model_and_diagnostics_do_not_depend_on_the_split() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
        for name in ["invalid/varios-erros", "invalid/transparencia", "invalid/cascata-yaml", "lagoa-serena"] {
            let root = fixture(name);
            let (one_by_one, found) = loaded(&root, Split::Runs(usize::MAX));
            for split in [Split::Runs(1), Split::Runs(2), Split::Runs(3), Split::Auto] {
                let (model, diagnostics) = pool.install(|| loaded(&root, split));
                assert!(model == one_by_one, "{name}, {split:?}: another model");
                assert_eq!(diagnostics, found, "{name}, {split:?}");
            }
        }
    }

    /// A site with errors in several files reports every one of them, and the same text on
    /// every run.
    #[test]
    fn errors_of_several_files_are_all_reported_the_same_every_time() {
        let root = fixture("invalid/transparencia");
        let (_, first) = loaded(&root, Split::Runs(1));
        let files: BTreeSet<&Path> = first.iter().filter_map(|d| d.file.as_deref()).collect();
        assert!(files.len() >= 4, "{files:?}");
        assert!(first.has_errors());
        // Runs of one file each on two threads: as much interleaving as there can be.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        for _ in 0..5 {
            let (_, again) = pool.install(|| loaded(&root, Split::Runs(1)));
            assert_eq!(render_plain(&again), render_plain(&first));
            assert_eq!(again, first);
        }
    }
}
