//! A value per output file, for what a build keeps of every file it puts (the SHA-256 for
//! `SHA256SUMS`, the metadata for the build cache's stamp). Every planned file gets its slot
//! before the pages render ([`Planned::plan`]): the render threads then only fill slots in,
//! and leave nothing long-lived among each page's short-lived blocks (a name and a table
//! entry per file made there added to the build's peak memory). Files put outside the plan
//! (the static ones, the marker) are kept by name.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

/// The values put so far, by file: a slot per planned file, the others in the order put.
pub(crate) struct Planned<'k, T> {
    slots: HashMap<Cow<'k, str>, usize>,
    values: Vec<Option<T>>,
    others: Vec<(Cow<'k, str>, T)>,
}

impl<T> Default for Planned<'_, T> {
    fn default() -> Self {
        Planned { slots: HashMap::default(), values: Vec::new(), others: Vec::new() }
    }
}

impl<'k, T> Planned<'k, T> {
    /// Makes a slot for each of `files` (once each).
    pub(crate) fn plan(&mut self, files: impl IntoIterator<Item = Cow<'k, str>>) {
        for file in files {
            let next = self.values.len();
            if let std::collections::hash_map::Entry::Vacant(slot) = self.slots.entry(file) {
                slot.insert(next);
                self.values.push(None);
            }
        }
    }

    /// Keeps `value` for `file`, in its slot if it is planned.
    pub(crate) fn put(&mut self, file: &str, value: T) {
        match self.slots.get(file).and_then(|&i| self.values.get_mut(i)) {
            Some(slot) => *slot = Some(value),
            None => self.others.push((Cow::Owned(file.to_owned()), value)),
        }
    }

    /// Every file put, once, with the last value put for it, in no particular order.
    pub(crate) fn into_list(self) -> Vec<(Cow<'k, str>, T)> {
        let Planned { slots, mut values, others } = self;
        let mut later: HashMap<Cow<'k, str>, T> = HashMap::default();
        for (file, value) in others {
            // A planned file put before its slot was made: the slot's value is the later one.
            let filled = slots.get(&file).and_then(|&i| values.get(i)).is_some_and(Option::is_some);
            if !filled {
                later.insert(file, value);
            }
        }
        let mut out: Vec<(Cow<'k, str>, T)> = later.into_iter().collect();
        let mut planned: Vec<(Cow<'k, str>, usize)> = slots.into_iter().collect();
        planned.sort_unstable_by_key(|(_, i)| *i);
        for (file, i) in planned {
            if let Some(value) = values.get_mut(i).and_then(Option::take) {
                out.push((file, value));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_put_is_listed_once_with_its_last_value() {
        let mut planned: Planned<'_, u32> = Planned::default();
        planned.put("estatico.css", 1);
        planned.put("igual.html", 2);
        planned.plan(["a.html", "igual.html", "nunca.html", "a.html"].map(Cow::Borrowed));
        planned.put("a.html", 3);
        planned.put("a.html", 4);
        planned.put("igual.html", 5);
        planned.put("fora.txt", 6);
        planned.put("fora.txt", 7);
        let mut list: Vec<(String, u32)> = planned.into_list().into_iter().map(|(f, v)| (f.into_owned(), v)).collect();
        list.sort();
        let expected = [("a.html", 4), ("estatico.css", 1), ("fora.txt", 7), ("igual.html", 5)];
        assert_eq!(list, expected.map(|(f, v)| (f.to_owned(), v)));
    }
}
