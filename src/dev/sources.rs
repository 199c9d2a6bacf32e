//! The sources of a site kept in memory between rebuilds. A batch of changed paths updates
//! only those files (a read of one file instead of a walk of thousands); anything unusual
//! (a folder, a file that cannot be read or is not UTF-8, a missing `site.yaml`) falls
//! back to a full [`source::read_site`], so that every reading problem gets the same located
//! diagnostic as in `build`. The theme is read again when one of its files changed, and the
//! list of `static/` when one of its files did.

use crate::diagnostics::Diagnostics;
use crate::source::{self, SourceFile, SourceSet};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The site's sources as `build` would read them now, and what reading them reported.
pub(crate) struct Sources {
    pub(crate) set: SourceSet,
    /// Problems met while reading (not UTF-8, unreadable, no `site.yaml`; files not published
    /// as warnings). While there are errors, every batch rereads everything, so that they are
    /// reported until fixed.
    pub(crate) problems: Diagnostics,
    /// A file under `themes/` changed since the theme was read.
    theme_stale: bool,
    /// The list of `static/` changed (a file added or removed) since [`Sources::take_statics_changed`]:
    /// the model checks the documents that name a file there.
    statics_changed: bool,
}

impl Sources {
    pub(crate) fn read(root: &Path) -> Sources {
        let mut problems = Diagnostics::new();
        let set = source::read_site(root, &mut problems);
        Sources { set, problems, theme_stale: true, statics_changed: true }
    }

    /// Reads the theme named `name` if it is not the one in memory or one of its files
    /// changed; whether what was read differs from what was in memory.
    pub(crate) fn read_theme(&mut self, name: &str) -> bool {
        if !self.theme_stale && self.set.theme.name == name {
            return false;
        }
        let fresh = source::read_theme(&self.set.root, name);
        self.theme_stale = false;
        let changed = fresh != self.set.theme;
        self.set.theme = fresh;
        changed
    }

    /// Applies changed paths (relative to the root). Returns the source files whose content
    /// changed, appeared or vanished (`site.yaml`, `content/…`, assets included).
    pub(crate) fn update(&mut self, changed: &BTreeSet<PathBuf>, rescan: bool) -> BTreeSet<PathBuf> {
        let relevant: Vec<&PathBuf> =
            changed.iter().filter(|p| p.as_path() == Path::new("site.yaml") || p.starts_with("content")).collect();
        // Lost events may have been the theme's too.
        self.theme_stale |= rescan || changed.iter().any(|p| p.starts_with("themes"));
        if rescan || self.problems.has_errors() {
            return self.reread();
        }
        if changed.iter().any(|p| p.starts_with("static")) {
            // The list of static/ only; their bytes are read when published.
            let found = source::walk(&self.set.root.join("static"));
            if !found.errors.is_empty() || !found.others.is_empty() {
                return self.reread();
            }
            let statics: Vec<PathBuf> = found.files.iter().map(|p| source::relative(&self.set.root, p)).collect();
            self.statics_changed |= statics != self.set.statics;
            self.set.statics = statics;
        }
        let mut touched = BTreeSet::new();
        for rel in relevant {
            match self.update_one(rel) {
                Some(true) => {
                    touched.insert(rel.clone());
                }
                Some(false) => {}
                None => {
                    let mut all = self.reread();
                    all.extend(touched);
                    return all;
                }
            }
        }
        touched
    }

    /// Whether the list of `static/` changed since the last call.
    pub(crate) fn take_statics_changed(&mut self) -> bool {
        std::mem::take(&mut self.statics_changed)
    }

    /// Rereads everything and reports what differs from what was in memory.
    fn reread(&mut self) -> BTreeSet<PathBuf> {
        let mut fresh = Sources::read(&self.set.root);
        fresh.statics_changed = fresh.set.statics != self.set.statics;
        let touched = diff(&self.set, &fresh.set);
        // The theme is read again only if it changed (or the configuration names another).
        fresh.set.theme = std::mem::take(&mut self.set.theme);
        fresh.theme_stale = self.theme_stale;
        *self = fresh;
        touched
    }

    /// One path: `Some(changed?)`, or `None` when only a full reread can tell.
    fn update_one(&mut self, rel: &Path) -> Option<bool> {
        let path = self.set.root.join(rel);
        let meta = std::fs::symlink_metadata(&path).ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            return None;
        }
        let exists = meta.as_ref().is_some_and(|m| m.is_file());
        if rel == Path::new("site.yaml") {
            let file = if exists { Some(read_one(&self.set.root, &path)?) } else { return None };
            let changed = self.set.site_yaml.as_ref().map(|f| &f.text) != file.as_ref().map(|f| &f.text);
            self.set.site_yaml = file;
            self.stamp(rel, &path);
            return Some(changed);
        }
        let text_file = source::assets::is_text(rel);
        // A name not in NFC on disk (sources are keyed by their NFC name), or a file that is
        // not published (its warning comes from the walk): only a full read gets them right.
        if source::nfc_path(rel) != rel || (!text_file && !source::assets::is_published(rel)) {
            return None;
        }
        let known_text = self.set.content.binary_search_by(|f| f.rel_path.as_path().cmp(rel));
        let known_asset = self.set.content_assets.binary_search_by(|p| p.as_path().cmp(rel));
        if !exists {
            return match (known_text, known_asset) {
                (Ok(i), _) => {
                    self.set.content.remove(i);
                    self.set.times.remove(rel);
                    Some(true)
                }
                (_, Ok(i)) => {
                    self.set.content_assets.remove(i);
                    Some(true)
                }
                // A path we never had: a folder that went away, or a file created and removed.
                _ if self.set.content.iter().any(|f| f.rel_path.starts_with(rel)) => None,
                _ if self.set.content_assets.iter().any(|p| p.starts_with(rel)) => None,
                _ => Some(false),
            };
        }
        if !text_file {
            return match known_asset {
                Ok(_) => Some(true),
                Err(i) => {
                    self.set.content_assets.insert(i, rel.to_path_buf());
                    Some(true)
                }
            };
        }
        let file = read_one(&self.set.root, &path)?;
        self.stamp(rel, &path);
        match known_text {
            Ok(i) => {
                let slot = self.set.content.get_mut(i)?;
                let changed = slot.text != file.text;
                *slot = file;
                Some(changed)
            }
            Err(i) => {
                self.set.content.insert(i, file);
                Some(true)
            }
        }
    }
}

impl Sources {
    /// The time of a file saved since the last read: its modification time. It has changes
    /// a commit does not have yet (or none at all), so its last commit would not date it;
    /// a text saved unchanged keeps its page as it is until the next change reloads it.
    fn stamp(&mut self, rel: &Path, path: &Path) {
        match source::dates::mtime(path) {
            Some(time) => self.set.times.insert(rel.to_path_buf(), time),
            None => self.set.times.remove(rel),
        };
    }
}

/// Reads one file with `build`'s own rules (UTF-8 check, BOM, CRLF); a file with a reading
/// problem goes through a full `read_site`, so the problem is reported as in `build`.
fn read_one(root: &Path, path: &Path) -> Option<SourceFile> {
    let mut problems = Diagnostics::new();
    source::read_text(root, path, &mut problems).filter(|_| problems.is_empty())
}

/// Paths whose text or presence differs between two reads.
fn diff(old: &SourceSet, new: &SourceSet) -> BTreeSet<PathBuf> {
    let mut touched = BTreeSet::new();
    if old.site_yaml.as_ref().map(|f| &f.text) != new.site_yaml.as_ref().map(|f| &f.text) {
        touched.insert(PathBuf::from("site.yaml"));
    }
    let (before, after) = (texts(old), texts(new));
    for (path, text) in &before {
        if after.get(path) != Some(text) {
            touched.insert(path.to_path_buf());
        }
    }
    touched.extend(after.keys().filter(|p| !before.contains_key(*p)).map(|p| p.to_path_buf()));
    let assets = |set: &SourceSet| set.content_assets.iter().cloned().collect::<BTreeSet<_>>();
    touched.extend(assets(old).symmetric_difference(&assets(new)).cloned());
    touched
}

fn texts(set: &SourceSet) -> BTreeMap<&Path, &str> {
    set.content.iter().map(|f| (f.rel_path.as_path(), f.text.as_str())).collect()
}
