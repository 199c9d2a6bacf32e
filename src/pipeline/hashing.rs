//! The sink that hashes every published file for `SHA256SUMS` on its way to the next one.

use crate::output::Sink;
use crate::render::checksums::{self, Digest};
use crate::render::routes::Route;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// A sink that hands every file on to another and keeps the SHA-256 of each, for
/// `SHA256SUMS` (when the plan has it: otherwise nothing is hashed).
pub(crate) struct Hashing<'s> {
    inner: &'s dyn Sink,
    digests: Option<Digests<'s>>,
}

/// The digests of the files put, by name. Every planned file has its slot, made before the
/// pages render: the render threads then leave nothing long-lived here (a name and a tree
/// node per file, made among a render's short-lived blocks, added to the build's peak
/// memory). Other files (the static ones) are kept by name.
struct Digests<'s> {
    slots: HashMap<&'s str, usize>,
    planned: Vec<&'s str>,
    digests: Mutex<Vec<Option<Digest>>>,
    others: Mutex<BTreeMap<String, Digest>>,
}

impl<'s> Hashing<'s> {
    pub(crate) fn new(inner: &'s dyn Sink, plan: &'s [Route]) -> Self {
        let digests = plan.iter().any(Route::is_finishing).then(|| {
            let mut slots = HashMap::with_capacity(plan.len());
            let mut planned = Vec::with_capacity(plan.len());
            for route in plan {
                if let std::collections::hash_map::Entry::Vacant(slot) = slots.entry(route.file.as_str()) {
                    slot.insert(planned.len());
                    planned.push(route.file.as_str());
                }
            }
            let digests = Mutex::new(vec![None; planned.len()]);
            Digests { slots, planned, digests, others: Mutex::default() }
        });
        Hashing { inner, digests }
    }

    /// Every file put so far, with its digest (the last bytes put under a name win), in no
    /// particular order.
    pub(crate) fn digests(self) -> Vec<(Cow<'s, str>, Digest)> {
        let Some(all) = self.digests else { return Vec::new() };
        let planned = all.digests.into_inner().unwrap_or_default();
        let others = all.others.into_inner().unwrap_or_default();
        let mut out: Vec<(Cow<'s, str>, Digest)> = Vec::with_capacity(planned.len() + others.len());
        out.extend(all.planned.iter().zip(planned).filter_map(|(&file, d)| Some((Cow::Borrowed(file), d?))));
        out.extend(others.into_iter().map(|(file, d)| (Cow::Owned(file), d)));
        out
    }
}

impl Sink for Hashing<'_> {
    fn put(&self, file: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        let digest = self.digests.as_ref().map(|_| checksums::sha256(&bytes));
        self.inner.put(file, bytes)?;
        if let (Some(all), Some(digest)) = (&self.digests, digest) {
            let failed = || anyhow::anyhow!("falha interna ao guardar os resumos SHA-256");
            match all.slots.get(file) {
                Some(&slot) => {
                    if let Some(kept) = all.digests.lock().map_err(|_| failed())?.get_mut(slot) {
                        *kept = Some(digest);
                    }
                }
                None => {
                    all.others.lock().map_err(|_| failed())?.insert(file.to_string(), digest);
                }
            }
        }
        Ok(())
    }
}
