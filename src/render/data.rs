//! schema.org JSON-LD, the structured data of pages. Absolute URLs (from `base_url`) appear
//! only here and in the iCalendar files ([`super::ical`]), where the standards need them. The
//! transparency kinds (programmes, councils, questions, SIC, privacy) are in [`transparency`].

use super::instant;
use crate::model::contact::{EmailEntry, LabelledPhone};

mod transparency;
use crate::model::{LegalText, Notice, Occurrence, Site, Unit};
use serde_json::{json, Map, Value};
pub(crate) use transparency::{council_ld, faq_ld, item_list_ld, privacy_ld, program_ld, service_ld};

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` written as `\u003c`,
/// `\u003e` and `\u0026`, so that no text (`</script>`, `<!--`, `<script`) can close the
/// element or switch the HTML parser into its "double-escaped" script state, which would
/// swallow the rest of the page. U+2028 and U+2029 too, for readers that take it as script.
/// The JSON value is unchanged: every JSON parser reads the escapes back.
pub(crate) fn script_safe_json(value: &Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn absolute(site: &Site, path: &str) -> Option<String> {
    site.config.absolute(path)
}

/// Inserts `value` under `key` unless it is empty: JSON-LD never says `null` nor lists
/// nothing (what is unknown is left out).
fn put(obj: &mut Map<String, Value>, key: &str, value: Value) {
    let empty = match &value {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::String(s) => s.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    };
    if !empty {
        obj.insert(key.to_owned(), value);
    }
}

fn address_ld(unit: &Unit) -> Option<Value> {
    unit.address.as_ref().map(postal_address)
}

fn postal_address(a: &crate::model::Address) -> Value {
    let mut obj = Map::new();
    obj.insert("@type".into(), json!("PostalAddress"));
    put(&mut obj, "streetAddress", json!(a.street));
    put(&mut obj, "addressLocality", json!(a.municipality));
    put(&mut obj, "addressRegion", json!(a.uf));
    put(&mut obj, "postalCode", json!(a.postal_code));
    obj.insert("addressCountry".into(), json!("BR"));
    Value::Object(obj)
}

fn telephones(phones: &[LabelledPhone]) -> Value {
    json!(phones.iter().map(|p| p.phone.schema()).collect::<Vec<_>>())
}

fn emails(emails: &[EmailEntry]) -> Value {
    json!(emails
        .iter()
        .filter_map(|e| match e {
            EmailEntry::Valid(e) => Some(e.as_str()),
            EmailEntry::AsWritten(_) => None,
        })
        .collect::<Vec<_>>())
}

/// `ContactPoint`s: each labelled phone, and the on-call service with its phones and hours.
fn contact_points(site: &Site, unit: &Unit) -> Vec<Value> {
    let mut points = Vec::new();
    for p in unit.phones.iter().filter(|p| p.label.is_some()) {
        let mut obj = Map::new();
        obj.insert("@type".into(), json!("ContactPoint"));
        put(&mut obj, "contactType", json!(p.label));
        obj.insert("telephone".into(), json!(p.phone.schema()));
        points.push(Value::Object(obj));
    }
    if let Some(on_call) = &unit.on_call {
        let name = on_call.name.as_deref().unwrap_or("Plantão");
        let hours = on_call
            .hours
            .as_ref()
            .map(|h| super::hours::schema_org(h, &site.config.holidays, Some(site.today.date())))
            .unwrap_or(Value::Null);
        let base = |telephone: Option<String>, label: Option<&str>| {
            let mut obj = Map::new();
            obj.insert("@type".into(), json!("ContactPoint"));
            let kind = match label {
                Some(label) => format!("{name}: {label}"),
                None => name.to_owned(),
            };
            obj.insert("contactType".into(), json!(kind));
            put(&mut obj, "description", json!(on_call.description));
            put(&mut obj, "telephone", json!(telephone));
            put(&mut obj, "hoursAvailable", hours.clone());
            Value::Object(obj)
        };
        if on_call.phones.is_empty() {
            points.push(base(None, None));
        }
        for p in &on_call.phones {
            points.push(base(Some(p.phone.schema()), p.label.as_deref()));
        }
    }
    points
}

fn unit_core_ld(site: &Site, unit: &Unit) -> Value {
    let mut obj = Map::new();
    obj.insert("@type".into(), json!(unit.kind.schema_type()));
    obj.insert("name".into(), json!(unit.name));
    put(&mut obj, "alternateName", json!(unit.acronym));
    put(&mut obj, "telephone", telephones(&unit.phones));
    put(&mut obj, "email", emails(&unit.emails));
    put(&mut obj, "contactPoint", json!(contact_points(site, unit)));
    put(&mut obj, "address", json!(address_ld(unit)));
    put(&mut obj, "url", json!(absolute(site, &unit.origin.path)));
    if let Some(hours) = &unit.hours {
        let specs = super::hours::schema_org(hours, &site.config.holidays, Some(site.today.date()));
        put(&mut obj, "openingHoursSpecification", specs);
    }
    Value::Object(obj)
}

fn secretariat_name(site: &Site) -> &str {
    site.secretariat.as_ref().map_or(site.config.title.as_str(), |s| s.name.as_str())
}

/// The secretariat, as an organiser or a parent organisation.
fn secretariat_ref(site: &Site) -> Value {
    let mut obj = Map::new();
    obj.insert("@type".into(), json!("GovernmentOrganization"));
    obj.insert("name".into(), json!(secretariat_name(site)));
    put(&mut obj, "url", json!(absolute(site, "")));
    Value::Object(obj)
}

fn unit_ref(site: &Site, unit: &Unit) -> Value {
    let mut obj = Map::new();
    obj.insert("@type".into(), json!(unit.kind.schema_type()));
    obj.insert("name".into(), json!(unit.name));
    put(&mut obj, "url", json!(absolute(site, &unit.origin.path)));
    Value::Object(obj)
}

/// GovernmentOrganization for the secretariat, with its units as departments.
pub(crate) fn organization_ld(site: &Site) -> Value {
    let mut obj = Map::new();
    obj.insert("@context".into(), json!("https://schema.org"));
    obj.insert("@type".into(), json!("GovernmentOrganization"));
    obj.insert("name".into(), json!(secretariat_name(site)));
    put(&mut obj, "alternateName", json!(site.secretariat.as_ref().and_then(|s| s.acronym.clone())));
    put(&mut obj, "url", json!(absolute(site, "")));
    put(&mut obj, "department", json!(site.units.iter().map(|u| unit_core_ld(site, u)).collect::<Vec<_>>()));
    if let Some(main) = site.main_unit() {
        put(&mut obj, "address", json!(address_ld(main)));
        put(&mut obj, "telephone", telephones(&main.phones));
        put(&mut obj, "email", emails(&main.emails));
    }
    Value::Object(obj)
}

pub(crate) fn unit_ld(site: &Site, unit: &Unit) -> Value {
    let mut ld = unit_core_ld(site, unit);
    if let Some(obj) = ld.as_object_mut() {
        obj.insert("@context".into(), json!("https://schema.org"));
    }
    ld
}

/// One `Event` for one date of a notice. Only what is known: a date alone stays a date, a
/// place with no name and no address is left out.
fn event_ld(site: &Site, notice: &Notice, date: Occurrence, url: Option<String>) -> Value {
    let tz = site.config.time_zone;
    let unit = notice.unit.and_then(|i| site.units.get(i));
    let mut location = Map::new();
    put(&mut location, "name", json!(notice.place.clone().or_else(|| unit.map(|u| u.name.clone()))));
    match (&notice.address, unit.and_then(address_ld)) {
        (Some(address), _) => put(&mut location, "address", json!(address)),
        (None, Some(address)) => put(&mut location, "address", address),
        (None, None) => {}
    }
    let mut obj = Map::new();
    obj.insert("@type".into(), json!("Event"));
    obj.insert("name".into(), json!(notice.title));
    obj.insert("startDate".into(), json!(instant::iso(date.start, tz)));
    put(&mut obj, "endDate", json!(date.end.map(|e| instant::iso(e, tz))));
    obj.insert("eventStatus".into(), json!("https://schema.org/EventScheduled"));
    obj.insert("eventAttendanceMode".into(), json!("https://schema.org/OfflineEventAttendanceMode"));
    if !location.is_empty() {
        location.insert("@type".into(), json!("Place"));
        obj.insert("location".into(), Value::Object(location));
    }
    let organizer = match notice.organizer.and_then(|i| site.units.get(i)) {
        Some(unit) => unit_ref(site, unit),
        None => secretariat_ref(site),
    };
    obj.insert("organizer".into(), organizer);
    put(&mut obj, "description", json!(notice.description));
    put(&mut obj, "url", json!(url));
    Value::Object(obj)
}

/// The JSON-LD of a notice's page: an `Event` for a gathering, or, for a series, one `Event`
/// per date (each with its own URL, the page's fragment for that date) in a `@graph`.
pub(crate) fn notice_ld(site: &Site, notice: &Notice) -> Option<Value> {
    if !notice.kind.is_event() {
        return None;
    }
    let page = absolute(site, &notice.origin.path);
    if !notice.is_series() {
        let mut ld = event_ld(site, notice, Occurrence { start: notice.start, end: notice.end }, page);
        if let Some(obj) = ld.as_object_mut() {
            obj.insert("@context".into(), json!("https://schema.org"));
        }
        return Some(ld);
    }
    let events: Vec<Value> = notice
        .series
        .iter()
        .map(|date| {
            let url = page.as_ref().map(|p| format!("{p}#{}", date.start.iso_date()));
            event_ld(site, notice, *date, url)
        })
        .collect();
    Some(json!({ "@context": "https://schema.org", "@graph": events }))
}

/// A page of the structure: the body as a `GovernmentOrganization` under its superior (or
/// the secretariat); a position as the `Person` who holds it, with the position as
/// `jobTitle` (nothing when no one is named).
pub(crate) fn structure_ld(site: &Site, index: usize) -> Option<Value> {
    let a = site.assessorias.get(index)?;
    let parent = match a.superior.and_then(|i| site.assessorias.get(i)) {
        Some(s) => {
            let mut obj = Map::new();
            obj.insert("@type".into(), json!(if s.kind.position { "Organization" } else { "GovernmentOrganization" }));
            obj.insert("name".into(), json!(s.title));
            put(&mut obj, "url", json!(absolute(site, &s.origin.path)));
            Value::Object(obj)
        }
        None => secretariat_ref(site),
    };
    let mut obj = Map::new();
    obj.insert("@context".into(), json!("https://schema.org"));
    if a.kind.position {
        obj.insert("@type".into(), json!("Person"));
        obj.insert("name".into(), json!(a.head.clone()?));
        obj.insert("jobTitle".into(), json!(a.title));
        obj.insert("worksFor".into(), parent);
    } else {
        obj.insert("@type".into(), json!("GovernmentOrganization"));
        obj.insert("name".into(), json!(a.title));
        put(&mut obj, "alternateName", json!(a.acronym));
        obj.insert("parentOrganization".into(), parent);
        if let Some(head) = &a.head {
            obj.insert("employee".into(), json!({"@type": "Person", "name": head}));
        }
    }
    put(&mut obj, "telephone", telephones(&a.phones));
    put(&mut obj, "email", emails(&a.emails));
    put(&mut obj, "url", json!(absolute(site, &a.origin.path)));
    Some(Value::Object(obj))
}

pub(crate) fn legislation_ld(site: &Site, law: &LegalText) -> Value {
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": law.title,
        "inLanguage": "pt-BR",
    });
    if let Some(obj) = ld.as_object_mut() {
        if let Some(url) = absolute(site, &law.origin.path) {
            obj.insert("url".into(), json!(url));
        }
        if let Some(norm) = &law.norm {
            if let Some(date) = norm.legislation_date() {
                obj.insert("legislationDate".into(), json!(date));
            }
            obj.insert("alternateName".into(), json!(norm.label()));
            if let (Some(uf), Some(municipality)) = (&site.config.uf, &site.config.municipality) {
                if let Some(urn) = norm.urn(uf, municipality) {
                    obj.insert("legislationIdentifier".into(), json!(urn));
                }
            }
            obj.insert("legislationType".into(), json!(norm.kind));
            put(obj, "legislationJurisdiction", json!(site.config.municipality));
        }
        if let Some(summary) = &law.summary {
            obj.insert("abstract".into(), json!(summary));
        }
    }
    ld
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_script_cannot_close_the_tag_nor_open_a_comment() {
        let value = json!({"a": "</script><!--<script>", "b": ["x & y", "\u{2028}"]});
        let out = script_safe_json(&value);
        assert_eq!(out, r#"{"a":"\u003c/script\u003e\u003c!--\u003cscript\u003e","b":["x \u0026 y","\u2028"]}"#);
        assert_eq!(serde_json::from_str::<Value>(&out).ok(), Some(value), "the same JSON value");
    }
}
