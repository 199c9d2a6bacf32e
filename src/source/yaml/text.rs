//! [`Text`]: a YAML scalar taken as the editor wrote it, whatever its YAML type. Shared by
//! `site.yaml` (`config`) and the content (`model::raw`).

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// A YAML scalar read as text whatever its YAML type: `numero: 12` and `numero: "12"` are
/// the same to an editor. Anything else (a list, a group of keys, nothing) is refused with
/// serde's own "invalid type" error, located where it is, which the YAML layer translates.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Text(pub String);

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
}

impl<'de> Deserialize<'de> for Text {
    /// Asked as text: serde_yaml then hands over any scalar as written (`12`, `1.50`, `true`).
    /// Other deserializers may still offer numbers and booleans; they are taken as text too.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor)
    }
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
