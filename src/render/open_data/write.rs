//! A dataset's JSON and CSV files, written field by field in the order the dataset declares
//! them. A value is written only under a declared field and only when it has the declared
//! type, so a file never holds what its schema and documentation do not describe.

use super::{Dataset, Field, Row, Type, Value, CSV_SEPARATOR};
use crate::model::datetime::Date;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// Whether `value` is what a field of type `ty` holds.
pub(super) fn fits(ty: Type, value: &Value) -> bool {
    matches!(
        (ty, value),
        (Type::Text | Type::Date | Type::When | Type::Url | Type::Path | Type::Choice(_), Value::Text(_))
            | (Type::Int, Value::Int(_))
            | (Type::Bool, Value::Bool(_))
            | (Type::Texts, Value::Texts(_))
            | (Type::Record(_), Value::Record(_))
            | (Type::Records(_), Value::Records(_))
    )
}

/// The declared fields of `row` that it has, with their values, in the declared order.
fn present<'a>(fields: &'static [Field], row: &'a Row) -> impl Iterator<Item = (&'static Field, &'a Value)> {
    fields.iter().filter_map(move |f| row.get(f.name).filter(|v| fits(f.ty, v)).map(|v| (f, v)))
}

/// One record as a JSON object, fields in the declared order.
struct Object<'a> {
    fields: &'static [Field],
    row: &'a Row,
}

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (field, value) in present(self.fields, self.row) {
            map.serialize_entry(field.name, &Typed { ty: field.ty, value })?;
        }
        map.end()
    }
}

struct Typed<'a> {
    ty: Type,
    value: &'a Value,
}

impl Serialize for Typed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.ty, self.value) {
            (Type::Record(fields), Value::Record(row)) => Object { fields, row }.serialize(serializer),
            (Type::Records(fields), Value::Records(rows)) => {
                let mut seq = serializer.serialize_seq(Some(rows.len()))?;
                for row in rows {
                    seq.serialize_element(&Object { fields, row })?;
                }
                seq.end()
            }
            (_, Value::Text(text)) => serializer.serialize_str(text),
            (_, Value::Int(n)) => serializer.serialize_i64(*n),
            (_, Value::Bool(b)) => serializer.serialize_bool(*b),
            (_, Value::Texts(texts)) => texts.serialize(serializer),
            // A group where a text was declared: `present` never lets it through.
            (_, Value::Record(_) | Value::Records(_)) => serializer.serialize_unit(),
        }
    }
}

/// The JSON file: what the dataset is, when it last changed, and its records.
struct File<'a> {
    dataset: &'a Dataset,
    updated: Option<Date>,
    rows: &'a [Row],
}

impl Serialize for File<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("conjunto", self.dataset.name)?;
        map.serialize_entry("titulo", self.dataset.title)?;
        map.serialize_entry("descricao", self.dataset.about)?;
        if let Some(date) = self.updated {
            map.serialize_entry("atualizado", &date.iso_date())?;
        }
        map.serialize_entry("esquema", &super::Format::Schema.file(self.dataset))?;
        let records: Vec<Object<'_>> =
            self.rows.iter().map(|row| Object { fields: self.dataset.fields, row }).collect();
        map.serialize_entry("registros", &records)?;
        map.end()
    }
}

/// `dados/NAME.json`, indented, ending in a line break.
pub(crate) fn json(dataset: &Dataset, rows: &[Row], updated: Option<Date>) -> serde_json::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(&File { dataset, updated, rows })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The CSV columns of `fields`: a group's fields become columns of their own
/// (`endereco_logradouro`); every other field is one column.
pub(crate) fn columns(fields: &'static [Field]) -> Vec<(String, &'static Field, Option<&'static Field>)> {
    let mut columns = Vec::new();
    for field in fields {
        match field.ty {
            Type::Record(inner) => {
                columns.extend(inner.iter().map(|sub| (format!("{}_{}", field.name, sub.name), field, Some(sub))));
            }
            _ => columns.push((field.name.to_string(), field, None)),
        }
    }
    columns
}

/// How a list is written in one cell: one entry per line.
pub(crate) const LIST_SEPARATOR: &str = "\n";

/// A value as the text of one CSV cell.
fn cell(ty: Type, value: &Value) -> String {
    match (ty, value) {
        (_, Value::Text(text)) => text.clone(),
        (_, Value::Int(n)) => n.to_string(),
        (_, Value::Bool(b)) => if *b { "sim" } else { "não" }.to_string(),
        (_, Value::Texts(texts)) => texts.join(LIST_SEPARATOR),
        (Type::Record(fields), Value::Record(row)) => inline(fields, row),
        (Type::Records(fields), Value::Records(rows)) => {
            rows.iter().map(|row| inline(fields, row)).collect::<Vec<_>>().join(LIST_SEPARATOR)
        }
        (_, Value::Record(_) | Value::Records(_)) => String::new(),
    }
}

/// A group on one line: `numero: +553436631492; exibicao: (34) 3663-1492`.
fn inline(fields: &'static [Field], row: &Row) -> String {
    present(fields, row)
        .map(|(field, value)| {
            let text = match value {
                Value::Texts(texts) => texts.join(", "),
                other => cell(field.ty, other),
            };
            format!("{}: {}", field.name, text.replace('\n', " "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A cell a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) gets an apostrophe
/// in front, which spreadsheets hide and read as "this is text" (OWASP, CSV injection).
fn defused(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// `dados/NAME.csv`: UTF-8 without a byte-order mark, comma-separated, a header line, RFC 4180
/// quoting, lines ending in CRLF.
pub(crate) fn csv(dataset: &Dataset, rows: &[Row]) -> Result<Vec<u8>, ::csv::Error> {
    let columns = columns(dataset.fields);
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(CSV_SEPARATOR)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(columns.iter().map(|(name, _, _)| name.as_str()))?;
    for row in rows {
        let cells = columns.iter().map(|(_, field, sub)| {
            let value = row.get(field.name).filter(|v| fits(field.ty, v));
            let text = match (sub, value) {
                (Some(sub), Some(Value::Record(inner))) => {
                    inner.get(sub.name).filter(|v| fits(sub.ty, v)).map(|v| cell(sub.ty, v))
                }
                (Some(_), _) => None,
                (None, value) => value.map(|v| cell(field.ty, v)),
            };
            defused(text.unwrap_or_default())
        });
        writer.write_record(cells.collect::<Vec<_>>())?;
    }
    writer.into_inner().map_err(|e| ::csv::Error::from(e.into_error()))
}
