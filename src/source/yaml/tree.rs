//! A YAML document as a plain tree ([`Node`], duplicate keys kept), checked against the
//! [`Shape`] of the raw type it should become: every unknown key, duplicate key, wrong type and
//! missing field, each with the path that leads to it. The paths are located in the file by
//! the caller (`yaml/mod.rs`), with the parser's own positions.

use super::schema::{Shape, StructShape};
use serde::de::{self, Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use std::fmt;

/// A parsed YAML value. Maps keep their entries in order, duplicates included.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// How a key reads to serde derive (`1: x` is the key `1`).
    pub(super) fn key_text(&self) -> String {
        match self {
            Node::Null => "~".into(),
            Node::Bool(b) => b.to_string(),
            Node::Int(i) => i.to_string(),
            Node::Float(f) => f.to_string(),
            Node::Str(s) => s.clone(),
            Node::Seq(_) | Node::Map(_) => "…".into(),
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Node::Null => "um valor vazio",
            Node::Bool(_) => "verdadeiro/falso",
            Node::Int(_) | Node::Float(_) => "um número",
            Node::Str(_) => "um texto",
            Node::Seq(_) => "uma lista",
            Node::Map(_) => "um grupo de chaves",
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("um valor YAML")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Int(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Int(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Node::Map(entries))
    }

    /// A tagged value (`!tag valor`): the tag is dropped, the value kept.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        let (_tag, value): (de::IgnoredAny, _) = data.variant()?;
        value.newtype_variant()
    }
}

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seg {
    /// The `nth` (0-based) occurrence of a key in a map.
    Key(String, usize),
    Index(usize),
}

/// `titular.nome`, `valores[1].nome`.
pub(super) fn display_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k, _) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// What a problem points at: a key itself, or the value at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Key,
    Value,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Problem {
    UnknownKey { key: String, accepted: &'static [&'static str] },
    Duplicate { key: String },
    WrongType { found: &'static str, expected: Shape },
    Missing { field: &'static str },
}

/// A problem and where it is: `path` leads to the key (for [`Target::Key`]) or to the value.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Located {
    pub(super) path: Vec<Seg>,
    pub(super) target: Target,
    pub(super) problem: Problem,
}

/// Every problem of `node` against `shape`, in document order.
pub(super) fn check(node: &Node, shape: &Shape) -> Vec<Located> {
    let mut out = Vec::new();
    check_at(node, shape, &mut Vec::new(), &mut out);
    out
}

fn check_at(node: &Node, shape: &Shape, path: &mut Vec<Seg>, out: &mut Vec<Located>) {
    let wrong = |out: &mut Vec<Located>, path: &[Seg]| {
        out.push(Located {
            path: path.to_vec(),
            target: Target::Value,
            problem: Problem::WrongType { found: node.describe(), expected: shape.clone() },
        });
    };
    match (shape, node) {
        (Shape::Any, _) | (Shape::Opt(_), Node::Null) => {}
        (Shape::Opt(inner), _) => check_at(node, inner, path, out),
        // serde_yaml reads any scalar as text, and an empty value as an empty text or list.
        (Shape::Str, Node::Str(_) | Node::Int(_) | Node::Float(_) | Node::Bool(_) | Node::Null) => {}
        (Shape::Seq(_) | Shape::Map(_) | Shape::Struct(_), Node::Null) => {}
        (Shape::Bool, Node::Bool(_)) | (Shape::Int, Node::Int(_)) | (Shape::Float, Node::Int(_) | Node::Float(_)) => {}
        (Shape::Seq(item), Node::Seq(items)) => {
            for (i, value) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                check_at(value, item, path, out);
                path.pop();
            }
        }
        (Shape::Map(value_shape), Node::Map(entries)) => {
            let mut seen = Seen::default();
            for (key, value) in entries {
                let key = key.key_text();
                let nth = seen.count(&key);
                path.push(Seg::Key(key.clone(), nth));
                if nth > 0 {
                    out.push(Located { path: path.clone(), target: Target::Key, problem: Problem::Duplicate { key } });
                } else {
                    check_at(value, value_shape, path, out);
                }
                path.pop();
            }
        }
        (Shape::Struct(s), Node::Map(entries)) => check_struct(s, entries, path, out),
        _ => wrong(out, path),
    }
}

/// How many times each key of a map was seen: counted in a map, not by scanning the keys
/// before, so that a map of thousands of keys is checked in linear time.
#[derive(Default)]
struct Seen(std::collections::HashMap<String, usize>);

impl Seen {
    /// How many times `key` came before; counts this one.
    fn count(&mut self, key: &str) -> usize {
        let n = self.0.entry(key.to_string()).or_insert(0);
        *n += 1;
        *n - 1
    }

    fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }
}

fn check_struct(s: &StructShape, entries: &[(Node, Node)], path: &mut Vec<Seg>, out: &mut Vec<Located>) {
    let mut seen = Seen::default();
    let mut unknown: Vec<String> = Vec::new();
    for (key, value) in entries {
        let key = key.key_text();
        let nth = seen.count(&key);
        path.push(Seg::Key(key.clone(), nth));
        match s.field(&key) {
            None => {
                out.push(Located {
                    path: path.clone(),
                    target: Target::Key,
                    problem: Problem::UnknownKey { key: key.clone(), accepted: s.names },
                });
                unknown.push(key.clone());
            }
            Some(_) if nth > 0 => {
                out.push(Located {
                    path: path.clone(),
                    target: Target::Key,
                    problem: Problem::Duplicate { key: key.clone() },
                });
            }
            Some(field) => check_at(value, field, path, out),
        }
        path.pop();
    }
    for names in &s.required {
        let Some(field) = names.first().copied() else { continue };
        let present = names.iter().any(|name| seen.contains(name));
        // A misspelt key already says "você quis dizer `titulo`?": its absence is the same error.
        let misspelt = unknown.iter().any(|k| names.iter().any(|name| super::messages::similar(k, name)));
        if !present && !misspelt {
            out.push(Located {
                path: path.clone(),
                target: if path.is_empty() { Target::Value } else { Target::Key },
                problem: Problem::Missing { field },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::yaml::schema::shape_of;
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        nome: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        #[serde(alias = "title")]
        titulo: String,
        peso: Option<i64>,
        #[serde(default)]
        principal: bool,
        #[serde(default)]
        itens: Vec<Item>,
    }

    fn map(entries: Vec<(&str, Node)>) -> Node {
        Node::Map(entries.into_iter().map(|(k, v)| (Node::Str(k.into()), v)).collect())
    }

    #[test]
    fn reports_every_problem_with_its_path() {
        let doc = map(vec![
            ("title", Node::Str("A".into())),
            ("peso", Node::Str("muito".into())),
            ("principal", Node::Str("sim".into())),
            ("extra", Node::Int(1)),
            ("itens", Node::Seq(vec![map(vec![("nome", Node::Int(1))]), map(vec![("nomi", Node::Str("b".into()))])])),
            ("peso", Node::Int(1)),
        ]);
        let problems = check(&doc, &shape_of::<Doc>());
        let paths: Vec<String> = problems.iter().map(|p| display_path(&p.path)).collect();
        assert_eq!(paths, ["peso", "principal", "extra", "itens[1].nomi", "peso"], "{problems:#?}");
        assert!(matches!(problems[3].problem, Problem::UnknownKey { .. }));
        assert!(matches!(problems[4].problem, Problem::Duplicate { .. }));
        assert_eq!(problems[4].path.last(), Some(&Seg::Key("peso".into(), 1)));
    }

    #[test]
    fn a_missing_field_is_reported_unless_a_misspelling_explains_it() {
        let shape = shape_of::<Doc>();
        let missing = check(&map(vec![("peso", Node::Int(1))]), &shape);
        assert_eq!(missing.first().map(|p| &p.problem), Some(&Problem::Missing { field: "titulo" }));
        assert!(check(&map(vec![("titlo", Node::Str("A".into()))]), &shape).len() == 1);
    }
}
