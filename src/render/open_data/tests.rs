//! Rows hold only what their dataset declares, with the declared types: nothing is built that
//! the writers would have to drop, so the documentation describes every value computed.

use super::write::fits;
use super::*;

fn check(fields: &'static [Field], row: &Row, at: &str, problems: &mut Vec<String>) {
    for (name, value) in &row.0 {
        match fields.iter().find(|f| f.name == *name) {
            None => problems.push(format!("{at}: `{name}` is not declared")),
            Some(field) if !fits(field.ty, value) => problems.push(format!("{at}: `{name}` has the wrong type")),
            Some(field) => match (field.ty, value) {
                (Type::Record(inner), Value::Record(row)) => check(inner, row, &format!("{at}.{name}"), problems),
                (Type::Records(inner), Value::Records(rows)) => {
                    for row in rows {
                        check(inner, row, &format!("{at}.{name}[]"), problems);
                    }
                }
                (Type::Choice(words), Value::Text(text)) if !words.contains(&text.as_str()) => {
                    problems.push(format!("{at}: `{name}` is `{text}`, not one of {words:?}"));
                }
                _ => {}
            },
        }
    }
    for field in fields.iter().filter(|f| f.always) {
        if row.get(field.name).is_none() {
            problems.push(format!("{at}: `{}` is always there, but missing", field.name));
        }
    }
}

#[test]
fn every_value_is_declared_with_its_type_in_every_fixture() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut problems = Vec::new();
    let mut counted = 0;
    for name in ["perdizes", "serra-azul", "normas", "dourados", "xss", "lagoa-serena"] {
        let options = crate::pipeline::BuildOptions { root: fixtures.join(name), ..Default::default() };
        let Ok(loaded) = crate::pipeline::load(&options) else { panic!("{name} does not load") };
        for dataset in &DATASETS {
            for (i, row) in (dataset.rows)(&loaded.site).iter().enumerate() {
                counted += 1;
                check(dataset.fields, row, &format!("{name}/{}[{i}]", dataset.name), &mut problems);
            }
        }
    }
    assert!(counted > 100, "{counted}");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn names_are_unique_and_csv_columns_too() {
    for dataset in &DATASETS {
        let names: std::collections::BTreeSet<&str> = dataset.fields.iter().map(|f| f.name).collect();
        assert_eq!(names.len(), dataset.fields.len(), "{}", dataset.name);
        let columns: Vec<String> = write::columns(dataset.fields).into_iter().map(|(c, _, _)| c).collect();
        let unique: std::collections::BTreeSet<&String> = columns.iter().collect();
        assert_eq!(unique.len(), columns.len(), "{}: {columns:?}", dataset.name);
    }
    let files: std::collections::BTreeSet<&str> = DATASETS.iter().map(|d| d.name).collect();
    assert_eq!(files.len(), DATASETS.len());
}

use std::path::Path;
