//! The JSON Schema (draft 2020-12) of a dataset's JSON file, from the same field declarations
//! the file is written from: every field typed and described, the fields every record has
//! `required`, nothing else allowed (`additionalProperties: false`), no `null` anywhere.

use super::{Dataset, Field, Format, Type};
use serde_json::{json, Map, Value};

/// `YYYY-MM-DD`.
const DATE: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
/// A date, or a date and time with (or, for a local time that did not exist, without) its
/// UTC offset.
const WHEN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}([+-][0-9]{2}:[0-9]{2})?)?$";

/// The schema of a value of type `ty`, described by `about`.
fn of_type(ty: Type, about: &str) -> Value {
    let mut schema = match ty {
        Type::Text => json!({"type": "string", "minLength": 1}),
        Type::Date => json!({"type": "string", "format": "date", "pattern": DATE}),
        Type::When => json!({"type": "string", "pattern": WHEN}),
        Type::Url => json!({"type": "string", "format": "uri", "pattern": "^https?://"}),
        Type::Path => json!({"type": "string"}),
        Type::Int => json!({"type": "integer"}),
        Type::Bool => json!({"type": "boolean"}),
        Type::Choice(words) => json!({"type": "string", "enum": words}),
        Type::Texts => json!({"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}),
        Type::Record(fields) => object(fields),
        Type::Records(fields) => json!({"type": "array", "minItems": 1, "items": object(fields)}),
    };
    if let Some(map) = schema.as_object_mut() {
        map.insert("description".into(), json!(about));
    }
    schema
}

/// A record: its fields, the ones always there required, no other.
fn object(fields: &[Field]) -> Value {
    let properties: Map<String, Value> = fields.iter().map(|f| (f.name.to_string(), of_type(f.ty, f.about))).collect();
    let required: Vec<&str> = fields.iter().filter(|f| f.always).map(|f| f.name).collect();
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    })
}

/// `dados/NAME.schema.json`.
pub(crate) fn schema(dataset: &Dataset) -> serde_json::Result<Vec<u8>> {
    let value = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("{} ({})", dataset.title, Format::Json.file(dataset)),
        "description": dataset.about,
        "type": "object",
        "additionalProperties": false,
        "required": ["conjunto", "titulo", "descricao", "esquema", "registros"],
        "properties": {
            "conjunto": {"const": dataset.name, "description": "Nome do conjunto de dados (o nome do arquivo)."},
            "titulo": {"type": "string", "description": "Título do conjunto."},
            "descricao": {"type": "string", "description": "O que é cada registro."},
            "atualizado": {
                "type": "string",
                "format": "date",
                "pattern": DATE,
                "description": "Data da atualização mais recente entre os registros (AAAA-MM-DD); ausente quando nenhuma data é conhecida."
            },
            "esquema": {"const": Format::Schema.file(dataset), "description": "Este esquema (JSON Schema), na mesma pasta."},
            "registros": {"type": "array", "items": object(dataset.fields), "description": "Os registros, na ordem do site."},
        },
    });
    let mut bytes = serde_json::to_vec_pretty(&value)?;
    bytes.push(b'\n');
    Ok(bytes)
}
