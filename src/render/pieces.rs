//! The theme's pieces: `templates/trechos/NAME.html`, the parts every page repeats (the
//! header with its menu, the footer with the secretariat's contacts), rendered once per
//! build for each combination of what they may show, and handed to the page's template as
//! `trechos.NAME` (already HTML). Rendering them through Tera on every page was about half
//! of the templates' time at 10,000 pages.
//!
//! A piece sees only `site`, `root` (the way back to the top of the site, which depends on
//! the page's depth) and `atual` (the page's address when it is the home page or an item of
//! the menu, so that the menu can mark it; null on every other page). Since nothing else is
//! in its context, the output is a function of (`root`, `atual`), and the memo is exact:
//! a piece that names anything else fails, at its line, on every page alike.

use super::template_error;
use super::theme::Theme;
use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use tera::Context;

/// The folder of the theme's templates that holds the pieces.
pub(crate) const FOLDER: &str = "trechos/";

/// Every piece, by name (`cabecalho` for `trechos/cabecalho.html`), rendered.
pub(crate) type Rendered = Arc<BTreeMap<String, String>>;

/// What the pieces depend on: `root`, and `atual` (see the module's comment).
type Key = (String, Option<String>);

/// The pieces of one build: the theme's, the menu's addresses and what was rendered so far.
pub(crate) struct Pieces {
    /// (template name, name the page's template sees), in name order.
    templates: Vec<(String, String)>,
    /// The addresses of the menu (and the home page's, ""): the only ones `atual` can take.
    menu: HashSet<String>,
    /// Per (`root`, `atual`): the pieces, or the error of the first that failed (the same
    /// error on every page, reported once: identical diagnostics are shown once).
    memo: Mutex<HashMap<Key, Result<Rendered, Diagnostic>>>,
}

impl Pieces {
    pub(crate) fn new<'m>(theme: &Theme, menu: impl Iterator<Item = &'m str>) -> Self {
        let templates = theme
            .sources
            .keys()
            .filter_map(|name| {
                let short = name.strip_prefix(FOLDER)?.strip_suffix(".html")?;
                (!short.is_empty() && !short.contains('/')).then(|| (name.clone(), short.to_string()))
            })
            .collect();
        let menu = menu.map(str::to_string).chain([String::new()]).collect();
        Pieces { templates, menu, memo: Mutex::new(HashMap::new()) }
    }

    /// The pieces of a page at `path` whose links start with `root`, rendered with `base`
    /// (the context that holds `site`) the first time they are asked for.
    pub(crate) fn get(&self, theme: &Theme, base: &Context, root: &str, path: &str) -> Result<Rendered, Diagnostic> {
        let current = self.menu.contains(path).then(|| path.to_string());
        let key: Key = (root.to_string(), current);
        if let Some(found) = self.memo.lock().ok().and_then(|memo| memo.get(&key).cloned()) {
            return found;
        }
        // Rendered outside the lock: two threads may render the same key once each, alike.
        let rendered = self.render(theme, base, &key.0, key.1.as_deref());
        if let Ok(mut memo) = self.memo.lock() {
            memo.insert(key, rendered.clone());
        }
        rendered
    }

    fn render(&self, theme: &Theme, base: &Context, root: &str, current: Option<&str>) -> Result<Rendered, Diagnostic> {
        let mut context = base.clone();
        context.insert("root", root);
        context.insert("atual", &current);
        let mut out = BTreeMap::new();
        for (template, name) in &self.templates {
            let text = theme
                .tera
                .render(template, &context)
                .map_err(|err| template_error::diagnostic(theme, template, &err))?;
            out.insert(name.clone(), text);
        }
        Ok(Arc::new(out))
    }
}
