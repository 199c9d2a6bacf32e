//! What a raw type accepts, learnt from its own `Deserialize` impl, so that `model::raw` stays
//! the single description of every file's keys. serde stops at the first error; to report every
//! unknown key, type error and missing field of a file at once we need the shape of the type
//! (which keys, which value types, which fields are required), and serde derive exposes it only
//! to the deserializer it is driven by. [`shape_of`] drives `T::deserialize` with a probe that
//! walks one path at a time and answers with what the derived code asked for.

use serde::de::{self, DeserializeOwned, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// The shape of a value as the raw types accept it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Shape {
    Str,
    Bool,
    Int,
    Float,
    Seq(Box<Shape>),
    /// A map with free keys (`horario`).
    Map(Box<Shape>),
    Struct(StructShape),
    Opt(Box<Shape>),
    /// Decided by the type itself (`atribuicoes`: a text or a list); not checked here.
    Any,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct StructShape {
    /// Accepted keys, aliases included, as serde derive lists them.
    pub(super) names: &'static [&'static str],
    /// The shape of each name's value, in the order of `names`.
    pub(super) fields: Vec<Shape>,
    /// Fields that must be present (no `Option`, no `#[serde(default)]`), each as the names
    /// that satisfy it: the field's own name first, then its aliases (`titulo`, `title`).
    pub(super) required: Vec<Vec<&'static str>>,
}

impl StructShape {
    pub(super) fn field(&self, name: &str) -> Option<&Shape> {
        self.names.iter().position(|n| *n == name).and_then(|i| self.fields.get(i))
    }
}

/// The full shape of `T`. Nesting is bounded: the raw types are a few levels deep.
pub(super) fn shape_of<T: DeserializeOwned>() -> Shape {
    let mut path = Vec::new();
    resolve::<T>(probe::<T>(&path, Mode::Shape), &mut path)
}

/// Fills in the fields of every struct found in `shape` (which sits at `path`).
fn resolve<T: DeserializeOwned>(shape: Shape, path: &mut Vec<&'static str>) -> Shape {
    const MAX_DEPTH: usize = 16;
    match shape {
        Shape::Opt(inner) => Shape::Opt(Box::new(resolve::<T>(*inner, path))),
        Shape::Seq(inner) => Shape::Seq(Box::new(resolve::<T>(*inner, path))),
        Shape::Map(inner) => Shape::Map(Box::new(resolve::<T>(*inner, path))),
        Shape::Struct(s) if path.len() < MAX_DEPTH => {
            let fields = s
                .names
                .iter()
                .map(|name| {
                    path.push(name);
                    let field = resolve::<T>(probe::<T>(path, Mode::Shape), path);
                    path.pop();
                    field
                })
                .collect();
            let mut shape = StructShape { names: s.names, fields, required: Vec::new() };
            shape.required = required::<T>(path)
                .iter()
                .map(|field| {
                    let mut names = vec![*field];
                    names.extend(shape.names.iter().filter(|name| is_alias::<T>(path, &shape, field, name)));
                    names
                })
                .collect();
            Shape::Struct(shape)
        }
        Shape::Struct(_) => Shape::Any,
        other => other,
    }
}

/// The required names of the struct at `path`: offer it the names found so far, with
/// placeholder values, until the derived code stops asking for a missing one.
fn required<T: DeserializeOwned>(path: &[&'static str]) -> Vec<&'static str> {
    let mut present: Vec<&'static str> = Vec::new();
    for _ in 0..64 {
        match probe_signal::<T>(path, Mode::Required(&present)) {
            Signal::MissingAt(name) if !present.contains(&name) => present.push(name),
            _ => break,
        }
    }
    present
}

/// Whether `name` stands for the required `field`: offered the other required fields and
/// `name`, the struct no longer asks for `field`.
fn is_alias<T: DeserializeOwned>(
    path: &[&'static str],
    s: &StructShape,
    field: &'static str,
    name: &'static str,
) -> bool {
    if name == field || s.field(name) != s.field(field) {
        return false;
    }
    let mut offered: Vec<&'static str> = required::<T>(path).into_iter().filter(|r| *r != field).collect();
    offered.push(name);
    !matches!(probe_signal::<T>(path, Mode::Required(&offered)), Signal::MissingAt(missing) if missing == field)
}

fn probe<T: DeserializeOwned>(path: &[&'static str], mode: Mode<'_>) -> Shape {
    match probe_signal::<T>(path, mode) {
        Signal::Found(shape) => shape,
        _ => Shape::Any,
    }
}

fn probe_signal<T: DeserializeOwned>(path: &[&'static str], mode: Mode<'_>) -> Signal {
    match T::deserialize(Probe { path, mode }) {
        Ok(_) => Signal::Complete,
        Err(signal) => signal,
    }
}

/// How the probe answers: always through the error channel, the only way out of derived code.
#[derive(Debug)]
enum Signal {
    Found(Shape),
    /// serde's own `missing_field`, raised by derived code.
    Missing(&'static str),
    /// The struct at the probed path lacks this required field.
    MissingAt(&'static str),
    /// The struct at the probed path accepted what it was given.
    Complete,
    Other(String),
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Signal::Other(message) => f.write_str(message),
            other => write!(f, "{other:?}"),
        }
    }
}

impl std::error::Error for Signal {}

impl de::Error for Signal {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        Signal::Other(msg.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        Signal::Missing(field)
    }
}

#[derive(Clone, Copy)]
enum Mode<'a> {
    /// Report the shape found at the end of the path.
    Shape,
    /// Offer the struct at the end of the path these names (with placeholder values).
    Required(&'a [&'static str]),
}

/// Walks `path` through structs (options, lists and maps are crossed transparently).
#[derive(Clone, Copy)]
struct Probe<'a> {
    path: &'a [&'static str],
    mode: Mode<'a>,
}

impl Probe<'_> {
    fn found<V>(self, shape: Shape) -> Result<V, Signal> {
        Err(Signal::Found(shape))
    }

    /// Wraps the shape an inner probe found (`Option<T>` → `Opt(T)`), in shape mode only.
    fn wrap<V>(self, inner: Result<V, Signal>, wrap: fn(Box<Shape>) -> Shape) -> Result<V, Signal> {
        match (self.mode, inner) {
            (Mode::Shape, Err(Signal::Found(shape))) if self.path.is_empty() => {
                Err(Signal::Found(wrap(Box::new(shape))))
            }
            (_, other) => other,
        }
    }
}

macro_rules! leaf {
    ($($method:ident => $shape:expr),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Signal> {
            self.found($shape)
        })*
    };
}

impl<'de> Deserializer<'de> for Probe<'_> {
    type Error = Signal;

    leaf! {
        deserialize_any => Shape::Any,
        deserialize_bool => Shape::Bool,
        deserialize_i8 => Shape::Int, deserialize_i16 => Shape::Int, deserialize_i32 => Shape::Int,
        deserialize_i64 => Shape::Int, deserialize_i128 => Shape::Int,
        deserialize_u8 => Shape::Int, deserialize_u16 => Shape::Int, deserialize_u32 => Shape::Int,
        deserialize_u64 => Shape::Int, deserialize_u128 => Shape::Int,
        deserialize_f32 => Shape::Float, deserialize_f64 => Shape::Float,
        deserialize_char => Shape::Str, deserialize_str => Shape::Str, deserialize_string => Shape::Str,
        deserialize_identifier => Shape::Str,
        deserialize_bytes => Shape::Any, deserialize_byte_buf => Shape::Any,
        deserialize_unit => Shape::Any, deserialize_ignored_any => Shape::Any,
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Signal> {
        let inner = visitor.visit_some(self);
        self.wrap(inner, Shape::Opt)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value, Signal> {
        self.found(Shape::Any)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Signal> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Signal> {
        let inner = visitor.visit_seq(OneElement { probe: Some(self) });
        self.wrap(inner, Shape::Seq)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Signal> {
        self.found(Shape::Any)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, _: usize, _: V) -> Result<V::Value, Signal> {
        self.found(Shape::Any)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Signal> {
        let inner = visitor.visit_map(OneEntry { key: Some("x"), value: self });
        self.wrap(inner, Shape::Map)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        names: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Signal> {
        match (self.path.split_first(), self.mode) {
            (Some((first, rest)), _) => {
                visitor.visit_map(OneEntry { key: Some(first), value: Probe { path: rest, mode: self.mode } })
            }
            (None, Mode::Shape) => {
                self.found(Shape::Struct(StructShape { names, fields: Vec::new(), required: Vec::new() }))
            }
            (None, Mode::Required(present)) => match visitor.visit_map(Placeholders { names: present, next: 0 }) {
                Ok(_) => Err(Signal::Complete),
                Err(Signal::Missing(name)) => Err(Signal::MissingAt(name)),
                Err(other) => Err(other),
            },
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Signal> {
        self.found(Shape::Any)
    }
}

/// A list of one element: the probe.
struct OneElement<'a> {
    probe: Option<Probe<'a>>,
}

impl<'de> SeqAccess<'de> for OneElement<'_> {
    type Error = Signal;

    fn next_element_seed<S: de::DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Signal> {
        match self.probe.take() {
            Some(probe) => seed.deserialize(probe).map(Some),
            None => Ok(None),
        }
    }
}

/// A map of one entry: `key` → the probe.
struct OneEntry<'a> {
    key: Option<&'static str>,
    value: Probe<'a>,
}

impl<'de> MapAccess<'de> for OneEntry<'_> {
    type Error = Signal;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Signal> {
        match self.key.take() {
            Some(key) => seed.deserialize(key.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<S: de::DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Signal> {
        seed.deserialize(self.value)
    }
}

/// A map with the given names, each with a placeholder value.
struct Placeholders<'a> {
    names: &'a [&'static str],
    next: usize,
}

impl<'de> MapAccess<'de> for Placeholders<'_> {
    type Error = Signal;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Signal> {
        match self.names.get(self.next) {
            Some(name) => {
                self.next += 1;
                seed.deserialize(name.into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: de::DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Signal> {
        seed.deserialize(Placeholder)
    }
}

/// The emptiest value of whatever is asked for. A nested struct is refused: its own required
/// fields would be mistaken for the outer one's.
struct Placeholder;

impl<'de> Deserializer<'de> for Placeholder {
    type Error = Signal;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Signal> {
        visitor.visit_str("")
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Signal> {
        visitor.visit_bool(false)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Signal> {
        visitor.visit_i64(0)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Signal> {
        visitor.visit_u64(0)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Signal> {
        visitor.visit_f64(0.0)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Signal> {
        visitor.visit_none()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Signal> {
        visitor.visit_seq(OneElement { probe: None })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Signal> {
        visitor.visit_map(Placeholders { names: &[], next: 0 })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Signal> {
        Err(Signal::Other("nested".into()))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Signal> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u32 u128 f32 char str string bytes byte_buf unit unit_struct
        tuple tuple_struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        nome: String,
        cargo: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        #[serde(alias = "title")]
        titulo: String,
        peso: Option<i64>,
        #[serde(default)]
        ativo: bool,
        #[serde(default)]
        itens: Vec<Inner>,
        grupo: Option<Inner>,
        horario: Option<std::collections::BTreeMap<String, String>>,
    }

    #[test]
    fn learns_names_types_nesting_and_required_fields() {
        let Shape::Struct(outer) = shape_of::<Outer>() else { panic!("not a struct") };
        assert!(outer.names.contains(&"titulo") && outer.names.contains(&"title"));
        assert_eq!(outer.required, vec![vec!["titulo", "title"]]);
        assert_eq!(outer.field("title"), Some(&Shape::Str));
        assert_eq!(outer.field("peso"), Some(&Shape::Opt(Box::new(Shape::Int))));
        assert_eq!(outer.field("ativo"), Some(&Shape::Bool));
        assert_eq!(outer.field("horario"), Some(&Shape::Opt(Box::new(Shape::Map(Box::new(Shape::Str))))));
        let Some(Shape::Seq(item)) = outer.field("itens") else { panic!("itens") };
        let Shape::Struct(inner) = item.as_ref() else { panic!("item") };
        assert_eq!(inner.required, vec![vec!["nome"]]);
        assert_eq!(inner.field("cargo"), Some(&Shape::Opt(Box::new(Shape::Str))));
        let Some(Shape::Opt(group)) = outer.field("grupo") else { panic!("grupo") };
        assert!(matches!(group.as_ref(), Shape::Struct(s) if s.names.contains(&"nome")));
    }
}
