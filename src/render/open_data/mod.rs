//! Open data (`dados/`): the structured content as JSON and CSV, a JSON Schema per JSON
//! file, and the page that documents every file and field — all four written from one
//! description, [`DATASETS`], so that what is published and what is documented cannot drift:
//! a row holds only fields its dataset declares (anything else is never written), and the
//! schema and the page are generated from the same declarations.
//!
//! # Adding a dataset (a new kind's data)
//! One entry in [`DATASETS`] (`datasets.rs`): its file name, title, what one record is, the
//! kinds it is made of (the routes' dependencies, and its date of update), its fields
//! ([`Field`]: name, [`Type`], whether every record has it, what it means), and the function
//! that turns the model into rows ([`Row`]). The routes (`dados/NAME.json`, `.csv`,
//! `.schema.json`), the documentation, the dependencies for `serve` and the tests that parse
//! every file against its schema follow from the entry.
//!
//! Values are never invented: what the content does not say is left out (no `null`, no empty
//! text, no empty list in JSON; an empty cell in CSV).

mod datasets;
mod rows;
mod rows_transparency;
mod schema;
mod write;

pub(crate) use datasets::DATASETS;
pub(crate) use schema::schema;
pub(crate) use write::{csv, json};

use crate::kinds::Kind;
use crate::model::Site;

/// One dataset: a set of records published as `dados/NAME.json` and `dados/NAME.csv`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dataset {
    /// File name without extension: `unidades`.
    pub(crate) name: &'static str,
    pub(crate) title: &'static str,
    /// What one record is, in Portuguese.
    pub(crate) about: &'static str,
    /// What its records are made of: every item of these kinds (`Dep::Items`), and its date.
    pub(crate) kinds: &'static [Kind],
    /// Kinds it names items of (by identifier or address): `Dep::Summaries`.
    pub(crate) refers: &'static [Kind],
    pub(crate) fields: &'static [Field],
    pub(crate) rows: fn(&Site) -> Vec<Row>,
}

/// One field of a record.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) ty: Type,
    /// Every record has it (JSON Schema `required`).
    pub(crate) always: bool,
    /// What it means, in Portuguese.
    pub(crate) about: &'static str,
}

/// What a field holds.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Type {
    Text,
    /// A date, `AAAA-MM-DD`.
    Date,
    /// A date (`AAAA-MM-DD`) or a date and time with the UTC offset of the municipality
    /// (`2026-03-12T14:00:00-03:00`, RFC 3339).
    When,
    /// An absolute address (only with `base_url`).
    Url,
    /// An address relative to the site's root (`unidades/cras/`).
    Path,
    Int,
    Bool,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// A list of texts.
    Texts,
    /// A group of fields.
    Record(&'static [Field]),
    /// A list of groups of fields.
    Records(&'static [Field]),
}

/// A value of a field.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    /// Text, dates, addresses and choices.
    Text(String),
    Int(i64),
    Bool(bool),
    Texts(Vec<String>),
    Record(Row),
    Records(Vec<Row>),
}

/// One record: its values by field name. Writers look each declared field up here, in the
/// declared order; a value under a name no field declares is never written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row(Vec<(&'static str, Value)>);

impl Row {
    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A text, left out when absent or blank.
    pub(crate) fn text(mut self, name: &'static str, value: Option<impl Into<String>>) -> Row {
        if let Some(value) = value.map(Into::into).filter(|v| !v.trim().is_empty()) {
            self.0.push((name, Value::Text(value)));
        }
        self
    }

    pub(crate) fn int(mut self, name: &'static str, value: Option<i64>) -> Row {
        if let Some(value) = value {
            self.0.push((name, Value::Int(value)));
        }
        self
    }

    pub(crate) fn bool(mut self, name: &'static str, value: bool) -> Row {
        self.0.push((name, Value::Bool(value)));
        self
    }

    /// A list of texts, left out when empty (blank entries dropped).
    pub(crate) fn texts(mut self, name: &'static str, values: Vec<String>) -> Row {
        let values: Vec<String> = values.into_iter().filter(|v| !v.trim().is_empty()).collect();
        if !values.is_empty() {
            self.0.push((name, Value::Texts(values)));
        }
        self
    }

    /// A group, left out when it has nothing.
    pub(crate) fn record(mut self, name: &'static str, value: Option<Row>) -> Row {
        if let Some(row) = value.filter(|r| !r.is_empty()) {
            self.0.push((name, Value::Record(row)));
        }
        self
    }

    /// A list of groups, left out when empty.
    pub(crate) fn records(mut self, name: &'static str, rows: Vec<Row>) -> Row {
        let rows: Vec<Row> = rows.into_iter().filter(|r| !r.is_empty()).collect();
        if !rows.is_empty() {
            self.0.push((name, Value::Records(rows)));
        }
        self
    }
}

/// The three files of a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Json,
    Csv,
    Schema,
}

impl Format {
    pub(crate) const ALL: [Format; 3] = [Format::Json, Format::Csv, Format::Schema];

    /// `unidades.json`, `unidades.csv`, `unidades.schema.json`.
    pub(crate) fn file(self, dataset: &Dataset) -> String {
        match self {
            Format::Json => format!("{}.json", dataset.name),
            Format::Csv => format!("{}.csv", dataset.name),
            Format::Schema => format!("{}.schema.json", dataset.name),
        }
    }
}

/// The folder of the open data, under the site's root.
pub(crate) const FOLDER: &str = "dados/";

/// The CSV field separator, as the documentation names it.
pub(crate) const CSV_SEPARATOR: u8 = b',';

#[cfg(test)]
mod tests;
