//! The render functions of the machine-readable outputs (sitemap, robots.txt, the feed, the
//! calendar of every event, the open data) and of the two pages that explain them to people:
//! `dados/`, generated from the same description as the data files, and `integridade/`.

use super::{crumb, DateView, Nothing, Page};
use crate::diagnostics::{Code, Diagnostic};
use crate::kinds::Generated;
use crate::render::open_data::{self, Dataset, Field, Format, Type, DATASETS};
use crate::render::routes::SiteFile;
use crate::render::view::Link;
use crate::render::{feed, ical, sitemap};
use serde::Serialize;

/// The `dados/` page: every dataset with its files and fields.
#[derive(Serialize)]
struct DataPage {
    datasets: Vec<DatasetDoc>,
    /// `,` — the CSV separator, as the page names it.
    separator: String,
    checksums: &'static str,
    integrity: &'static str,
}

#[derive(Serialize)]
struct DatasetDoc {
    name: &'static str,
    title: &'static str,
    about: &'static str,
    updated: Option<DateView>,
    files: Vec<Link>,
    fields: Vec<FieldDoc>,
}

/// One documented field; a group's fields follow it, one level deeper.
#[derive(Serialize)]
struct FieldDoc {
    /// `nome`, `endereco.logradouro`, `telefones[].numero`.
    name: String,
    depth: usize,
    kind: String,
    about: &'static str,
    always: bool,
    /// The CSV column that holds it.
    column: String,
}

/// What a type is, in words.
fn type_label(ty: Type) -> String {
    match ty {
        Type::Text => "texto".into(),
        Type::Date => "data (AAAA-MM-DD)".into(),
        Type::When => "data (AAAA-MM-DD), ou data e hora com o fuso (AAAA-MM-DDTHH:MM:SS-03:00)".into(),
        Type::Url => "endereço completo (URL)".into(),
        Type::Path => "endereço no site, a partir da raiz".into(),
        Type::Int => "número inteiro".into(),
        Type::Bool => "verdadeiro ou falso (no CSV: sim ou não)".into(),
        Type::Choice(words) => format!("uma destas palavras: {}", words.join(", ")),
        Type::Texts => "lista de textos (no CSV, um por linha da célula)".into(),
        Type::Record(_) => "grupo de campos".into(),
        Type::Records(_) => {
            "lista de grupos (no CSV, um grupo por linha da célula: “campo: valor; campo: valor”)".into()
        }
    }
}

/// Where a documented field's values go in the CSV.
#[derive(Clone, Copy)]
enum Csv<'a> {
    /// A field of the record: its own column (a group: one column per field of it).
    Top,
    /// A field of a group of the record: the column `group_field`.
    Columns(&'a str),
    /// Inside one cell (a list of groups, a group in a group): that cell's column.
    Cell(&'a str),
}

/// The documentation of `fields`, depth first.
fn field_docs(fields: &'static [Field], prefix: &str, csv: Csv<'_>, depth: usize, out: &mut Vec<FieldDoc>) {
    for field in fields {
        let name = format!("{prefix}{}", field.name);
        let column = match csv {
            Csv::Top => field.name.to_string(),
            Csv::Columns(group) => format!("{group}_{}", field.name),
            Csv::Cell(cell) => cell.to_string(),
        };
        let spread = matches!((csv, field.ty), (Csv::Top, Type::Record(_)));
        out.push(FieldDoc {
            name: name.clone(),
            depth,
            kind: type_label(field.ty),
            about: field.about,
            always: field.always,
            column: if spread { "—".into() } else { column.clone() },
        });
        match field.ty {
            Type::Record(inner) if spread => {
                field_docs(inner, &format!("{name}."), Csv::Columns(&column), depth + 1, out);
            }
            Type::Record(inner) => field_docs(inner, &format!("{name}."), Csv::Cell(&column), depth + 1, out),
            Type::Records(inner) => field_docs(inner, &format!("{name}[]."), Csv::Cell(&column), depth + 1, out),
            _ => {}
        }
    }
}

fn dataset_doc(page: &Page<'_>, dataset: &'static Dataset) -> DatasetDoc {
    let mut fields = Vec::new();
    field_docs(dataset.fields, "", Csv::Top, 0, &mut fields);
    let newest = &page.renderer.newest;
    let updated = dataset.kinds.iter().filter_map(|k| newest.kind(*k)).max();
    DatasetDoc {
        name: dataset.name,
        title: dataset.title,
        about: dataset.about,
        updated: updated.map(DateView::of),
        files: Format::ALL
            .iter()
            .map(|format| {
                let title = match format {
                    Format::Json => "JSON",
                    Format::Csv => "CSV",
                    Format::Schema => "esquema (JSON Schema)",
                };
                Link { title: title.into(), url: format!("{}{}", open_data::FOLDER, format.file(dataset)) }
            })
            .collect(),
        fields,
    }
}

impl Page<'_> {
    pub(in crate::render) fn data(&self) -> Result<Vec<u8>, Diagnostic> {
        let spec = Generated::Data.spec();
        let view = DataPage {
            datasets: DATASETS.iter().map(|d| dataset_doc(self, d)).collect(),
            separator: char::from(open_data::CSV_SEPARATOR).to_string(),
            checksums: crate::render::checksums::FILE,
            integrity: Generated::Integrity.spec().path,
        };
        self.finish(spec.template, spec.title.into(), vec![crumb(spec.title, spec.path)], None, &view)
    }

    pub(in crate::render) fn integrity(&self) -> Result<Vec<u8>, Diagnostic> {
        let spec = Generated::Integrity.spec();
        self.finish(spec.template, spec.title.into(), vec![crumb(spec.title, spec.path)], None, &Nothing {})
    }

    fn failed(&self, err: impl std::fmt::Display) -> Diagnostic {
        Diagnostic::new(Code::Internal, format!("{}: {err}", self.route.file))
    }

    pub(in crate::render) fn site_file(&self, file: SiteFile) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        match file {
            SiteFile::Sitemap | SiteFile::SitemapPart(_) => {
                sitemap::render(site, file, self.renderer.sitemap()).map_err(|e| self.failed(e))
            }
            SiteFile::Robots => Ok(sitemap::robots(site)),
            // The colour was checked as `#` and hex digits when site.yaml was read.
            SiteFile::Colours => Ok(format!(":root{{--cor-primaria:{}}}\n", site.config.primary_colour).into_bytes()),
            SiteFile::Feed => feed::atom(site).map_err(|e| self.failed(e))?.ok_or_else(|| self.missing()),
            SiteFile::Agenda => {
                let events: Vec<&crate::model::Notice> = site.notices.iter().filter(|n| n.kind.is_event()).collect();
                Ok(ical::calendar(site, &events).into_bytes())
            }
            // Made from the other outputs' bytes, after them (`pipeline::finish`).
            SiteFile::Checksums => Err(self.missing()),
        }
    }

    pub(in crate::render) fn dataset(&self, i: usize, format: Format) -> Result<Vec<u8>, Diagnostic> {
        let dataset = DATASETS.get(i).ok_or_else(|| self.missing())?;
        if format == Format::Schema {
            return open_data::schema(dataset).map_err(|e| self.failed(e));
        }
        let rows = (dataset.rows)(self.site());
        match format {
            Format::Json => {
                let newest = &self.renderer.newest;
                let updated = dataset.kinds.iter().filter_map(|k| newest.kind(*k)).max();
                open_data::json(dataset, &rows, updated).map_err(|e| self.failed(e))
            }
            Format::Csv => open_data::csv(dataset, &rows).map_err(|e| self.failed(e)),
            Format::Schema => open_data::schema(dataset).map_err(|e| self.failed(e)),
        }
    }
}
