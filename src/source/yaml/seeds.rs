//! Two walks over a document that serde_yaml drives, each answering through its error:
//! [`Locate`] stops at one path so that serde_yaml attaches that node's line and column (the
//! parser's own positions, so a problem found in the tree is shown exactly where it is);
//! [`Budget`] counts what aliases would expand to and stops past a limit, before anything is
//! allocated for it.

use super::tree::Seg;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;

/// The error message [`Locate`] stops with.
pub(super) const HERE: &str = "\u{1}secretaria: aqui";
/// The error message [`Budget`] stops with.
pub(super) const TOO_BIG: &str = "\u{1}secretaria: grande demais";

/// Walks to `path`; stops there with [`HERE`]. With `key`, the last step's key is the target.
#[derive(Clone, Copy)]
pub(super) struct Locate<'a> {
    pub(super) path: &'a [Seg],
    pub(super) key: bool,
}

impl<'de> DeserializeSeed<'de> for Locate<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Locate<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("qualquer valor")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.leaf()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.leaf()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.leaf()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.leaf()
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.leaf()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.leaf()
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.leaf()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Seg::Index(wanted), rest)) = self.path.split_first() else { return self.leaf() };
        let mut index = 0;
        loop {
            let found = if index == *wanted {
                seq.next_element_seed(Locate { path: rest, key: self.key })?
            } else {
                seq.next_element::<IgnoredAny>()?.map(|_| ())
            };
            if found.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Seg::Key(wanted, nth), rest)) = self.path.split_first() else { return self.leaf() };
        let seen = Cell::new(0);
        let stop_at_key = self.key && rest.is_empty();
        while let Some(matched) = map.next_key_seed(Key { wanted, nth: *nth, seen: &seen, stop: stop_at_key })? {
            if matched {
                map.next_value_seed(Locate { path: rest, key: self.key })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let (IgnoredAny, value) = data.variant()?;
        de::VariantAccess::newtype_variant_seed(value, self)
    }
}

impl Locate<'_> {
    fn leaf<E: de::Error>(self) -> Result<(), E> {
        if self.path.is_empty() {
            Err(E::custom(HERE))
        } else {
            Ok(())
        }
    }
}

/// A map key: is it the `nth` occurrence of `wanted`? With `stop`, that key is the target.
#[derive(Clone, Copy)]
struct Key<'a> {
    wanted: &'a str,
    nth: usize,
    seen: &'a Cell<usize>,
    stop: bool,
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Key<'_> {
    /// Inside the key's own visitor, so that an error here carries the key's position.
    fn text<E: de::Error>(self, text: Option<&str>) -> Result<bool, E> {
        if text != Some(self.wanted) {
            return Ok(false);
        }
        let occurrence = self.seen.get();
        self.seen.set(occurrence + 1);
        match occurrence == self.nth {
            true if self.stop => Err(E::custom(HERE)),
            matched => Ok(matched),
        }
    }
}

/// A key's text as serde derive reads it; `None` for a list or map used as a key.
impl<'de> Visitor<'de> for Key<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("uma chave")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        self.text(Some(&v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        self.text(Some(&v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        self.text(Some(&v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<bool, E> {
        self.text(Some(&v.to_string()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        self.text(Some(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        self.text(Some("~"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.text(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.text(None)
    }
}

/// Visits the whole document, aliases expanded, spending one unit per node and one per byte of
/// text; stops with [`TOO_BIG`] when `left` runs out.
#[derive(Clone, Copy)]
pub(super) struct Budget<'a> {
    pub(super) left: &'a Cell<usize>,
}

impl Budget<'_> {
    fn spend<E: de::Error>(self, units: usize) -> Result<(), E> {
        match self.left.get().checked_sub(units.saturating_add(1)) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => Err(E::custom(TOO_BIG)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Budget<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Budget<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("qualquer valor")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let (IgnoredAny, value) = data.variant()?;
        de::VariantAccess::newtype_variant_seed(value, self)
    }
}
