//! The sink that hashes every published file for `SHA256SUMS` on its way to the next one.

use crate::output::planned::Planned;
use crate::output::Sink;
use crate::render::checksums::{self, Digest};
use crate::render::routes::Route;
use std::borrow::Cow;
use std::sync::Mutex;

/// A sink that hands every file on to another and keeps the SHA-256 of each, for
/// `SHA256SUMS` (when the plan has it: otherwise nothing is hashed). Every planned file has
/// its slot before the pages render (see `output::planned`).
pub(crate) struct Hashing<'s> {
    inner: &'s dyn Sink,
    digests: Option<Mutex<Planned<'s, Digest>>>,
}

impl<'s> Hashing<'s> {
    pub(crate) fn new(inner: &'s dyn Sink, plan: &'s [Route]) -> Self {
        let digests = plan.iter().any(Route::is_finishing).then(|| {
            let mut digests = Planned::default();
            digests.plan(plan.iter().map(|route| Cow::Borrowed(route.file.as_str())));
            Mutex::new(digests)
        });
        Hashing { inner, digests }
    }

    /// Every file put so far, with its digest (the last bytes put under a name win), in no
    /// particular order.
    pub(crate) fn digests(self) -> Vec<(Cow<'s, str>, Digest)> {
        let Some(digests) = self.digests else { return Vec::new() };
        digests.into_inner().map(Planned::into_list).unwrap_or_default()
    }
}

impl Sink for Hashing<'_> {
    fn put(&self, file: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        let digest = self.digests.as_ref().map(|_| checksums::sha256(&bytes));
        self.inner.put(file, bytes)?;
        if let (Some(digests), Some(digest)) = (&self.digests, digest) {
            let failed = || anyhow::anyhow!("falha interna ao guardar os resumos SHA-256");
            digests.lock().map_err(|_| failed())?.put(file, digest);
        }
        Ok(())
    }
}
