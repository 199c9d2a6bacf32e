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
use std::collections::BTreeMap;
use std::path::PathBuf;

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

impl Split {
    fn run_len(self, files: usize) -> usize {
        match self {
            Split::Auto => files.div_ceil(rayon::current_num_threads().saturating_mul(8)).max(1),
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
    times: &BTreeMap<PathBuf, i64>,
    today: DateTime,
    split: Split,
    diagnostics: &mut Diagnostics,
) -> Pending {
    let run_len = split.run_len(content.len());
    let runs: Vec<(Pending, Diagnostics)> = content
        .into_par_iter()
        .chunks(run_len)
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
            };
            for file in files {
                loader.file(file);
            }
            let pending = loader.pending;
            (pending, found)
        })
        .collect();
    let mut pending = Pending::default();
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
