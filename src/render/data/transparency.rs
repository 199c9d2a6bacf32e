//! JSON-LD of the transparency kinds: `FAQPage` for the questions, `GovernmentService` for a
//! programme and for the SIC and the ombudsman, `GovernmentOrganization` with its members for
//! a council, `ItemList` for the listings, the data protection officer as a `Person`. As
//! everywhere, only what is known: nothing is `null`, empty lists are left out.

use super::{absolute, emails, postal_address, put, secretariat_ref, telephones, unit_ref};
use crate::model::access::{Service, ServiceKind};
use crate::model::council::{Council, Segment};
use crate::model::programs::Program;
use crate::model::Site;
use serde_json::{json, Map, Value};

/// The municipality, as the area a service covers.
fn area(site: &Site) -> Value {
    match &site.config.municipality {
        Some(m) => json!({"@type": "City", "name": m}),
        None => Value::Null,
    }
}

/// The unit at index `unit`, or the secretariat.
fn provider(site: &Site, unit: Option<usize>) -> Value {
    match unit.and_then(|i| site.units.get(i)) {
        Some(u) => unit_ref(site, u),
        None => secretariat_ref(site),
    }
}

/// A `FAQPage` with one `Question` per (question, answer as HTML).
pub(crate) fn faq_ld(questions: &[(String, String)]) -> Value {
    let entities: Vec<Value> = questions
        .iter()
        .map(|(q, a)| json!({"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}))
        .collect();
    json!({"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities})
}

/// An `ItemList` of (name, site path).
pub(crate) fn item_list_ld(site: &Site, name: &str, items: &[(&str, &str)]) -> Option<Value> {
    if items.is_empty() {
        return None;
    }
    let elements: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, (title, path))| {
            let mut obj = Map::new();
            obj.insert("@type".into(), json!("ListItem"));
            obj.insert("position".into(), json!(i + 1));
            obj.insert("name".into(), json!(title));
            put(&mut obj, "url", json!(absolute(site, path)));
            Value::Object(obj)
        })
        .collect();
    Some(json!({"@context": "https://schema.org", "@type": "ItemList", "name": name, "itemListElement": elements}))
}

pub(crate) fn program_ld(site: &Site, p: &Program) -> Value {
    let mut obj = Map::new();
    obj.insert("@context".into(), json!("https://schema.org"));
    obj.insert("@type".into(), json!("GovernmentService"));
    obj.insert("name".into(), json!(p.title));
    put(&mut obj, "alternateName", json!(p.acronym));
    put(&mut obj, "description", json!(p.description));
    if let Some(audience) = &p.audience {
        obj.insert("audience".into(), json!({"@type": "Audience", "audienceType": audience}));
    }
    obj.insert("provider".into(), provider(site, p.unit));
    put(&mut obj, "areaServed", area(site));
    put(&mut obj, "url", json!(absolute(site, &p.origin.path)));
    Value::Object(obj)
}

/// A council and the people on it: each titular, suplente and board member as an
/// `OrganizationRole` (with the seat's term, or the council's).
pub(crate) fn council_ld(site: &Site, c: &Council) -> Value {
    let mut obj = Map::new();
    obj.insert("@context".into(), json!("https://schema.org"));
    obj.insert("@type".into(), json!("GovernmentOrganization"));
    obj.insert("name".into(), json!(c.title));
    put(&mut obj, "alternateName", json!(c.acronym));
    put(&mut obj, "description", json!(c.description));
    put(&mut obj, "url", json!(absolute(site, &c.origin.path)));
    if let Some(unit) = c.unit.and_then(|i| site.units.get(i)) {
        put(&mut obj, "address", json!(unit.address.as_ref().map(postal_address)));
        put(&mut obj, "telephone", telephones(&unit.phones));
        put(&mut obj, "email", emails(&unit.emails));
    }
    let role = |name: &str, role: &str, description: Option<String>, term: Option<crate::model::council::Term>| {
        let mut r = Map::new();
        r.insert("@type".into(), json!("OrganizationRole"));
        r.insert("roleName".into(), json!(role));
        r.insert("member".into(), json!({"@type": "Person", "name": name}));
        put(&mut r, "description", json!(description));
        if let Some(t) = term {
            r.insert("startDate".into(), json!(t.start.iso_date()));
            r.insert("endDate".into(), json!(t.end.iso_date()));
        }
        Value::Object(r)
    };
    let mut members = Vec::new();
    for b in &c.board {
        members.push(role(&b.name, &b.role, None, c.term));
    }
    for seat in &c.seats {
        let side = match seat.segment {
            Segment::Government => "governo",
            Segment::CivilSociety => "sociedade civil",
        };
        let description = Some(format!("Representa: {} ({side})", seat.represents));
        let term = seat.term.or(c.term);
        if let Some(name) = &seat.holder {
            members.push(role(name, "Titular", description.clone(), term));
        }
        if let Some(name) = &seat.alternate {
            members.push(role(name, "Suplente", description.clone(), term));
        }
    }
    put(&mut obj, "member", json!(members));
    Value::Object(obj)
}

/// The SIC or the ombudsman as a `GovernmentService` with its channels: the place (address,
/// hours, phones) and the online system. `service` is the site's file, when it writes one.
pub(crate) fn service_ld(site: &Site, kind: ServiceKind, service: Option<&Service>) -> Value {
    let (name, online) = match kind {
        ServiceKind::Sic => ("Serviço de Informação ao Cidadão (SIC)", &site.config.transparency.esic),
        ServiceKind::Ombudsman => ("Ouvidoria", &site.config.transparency.ouvidoria),
    };
    let mut obj = Map::new();
    obj.insert("@context".into(), json!("https://schema.org"));
    obj.insert("@type".into(), json!("GovernmentService"));
    obj.insert("name".into(), json!(service.and_then(|s| s.title.clone()).unwrap_or_else(|| name.to_string())));
    obj.insert("provider".into(), secretariat_ref(site));
    put(&mut obj, "areaServed", area(site));
    put(&mut obj, "url", json!(absolute(site, &service.map_or_else(|| default_path(kind), |s| s.origin.path.clone()))));
    let mut channels = Vec::new();
    if let Some(url) = online {
        channels.push(json!({"@type": "ServiceChannel", "name": "Pela internet", "serviceUrl": url}));
    }
    if let Some(s) = service {
        let unit = s.unit.and_then(|i| site.units.get(i));
        let address = s.address.as_ref().or(unit.and_then(|u| u.address.as_ref()));
        let phones = if s.phones.is_empty() { unit.map_or(&[][..], |u| &u.phones) } else { &s.phones };
        let mails = if s.emails.is_empty() { unit.map_or(&[][..], |u| &u.emails) } else { &s.emails };
        let hours = s.hours.as_ref().or(unit.and_then(|u| u.hours.as_ref()));
        let mut place = Map::new();
        put(&mut place, "address", json!(address.map(postal_address)));
        put(&mut place, "telephone", telephones(phones));
        if let Some(hours) = hours {
            let specs = super::super::hours::schema_org(hours, &site.config.holidays, Some(site.today.date()));
            put(&mut place, "openingHoursSpecification", specs);
        }
        let mut channel = Map::new();
        if !place.is_empty() {
            place.insert("@type".into(), json!("Place"));
            put(&mut place, "name", json!(unit.map(|u| u.name.clone())));
            channel.insert("serviceLocation".into(), Value::Object(place));
        }
        if let Some(phone) = phones.first() {
            channel.insert("servicePhone".into(), json!({"@type": "ContactPoint", "telephone": phone.phone.schema()}));
        }
        if !channel.is_empty() {
            channel.insert("@type".into(), json!("ServiceChannel"));
            channel.insert("name".into(), json!("Atendimento presencial e por telefone"));
            channels.push(Value::Object(channel));
        }
        put(&mut obj, "email", emails(mails));
        put(&mut obj, "description", json!(s.description));
    }
    put(&mut obj, "availableChannel", json!(channels));
    Value::Object(obj)
}

fn default_path(kind: ServiceKind) -> String {
    let which = match kind {
        ServiceKind::Sic => crate::kinds::Generated::Sic,
        ServiceKind::Ombudsman => crate::kinds::Generated::Ombudsman,
    };
    which.spec().path.to_string()
}

/// The data protection officer, when the site names one (LGPD, art. 41).
pub(crate) fn privacy_ld(site: &Site) -> Option<Value> {
    let officer = site.privacy.as_ref()?.officer.as_ref()?;
    let mut obj = Map::new();
    obj.insert("@context".into(), json!("https://schema.org"));
    obj.insert("@type".into(), json!("Person"));
    obj.insert("name".into(), json!(officer.name));
    let title = officer.role.clone().unwrap_or_else(|| "Encarregado pelo tratamento de dados pessoais".into());
    obj.insert("jobTitle".into(), json!(title));
    put(&mut obj, "email", emails(&officer.emails));
    put(&mut obj, "telephone", telephones(&officer.phones));
    obj.insert("worksFor".into(), secretariat_ref(site));
    Some(Value::Object(obj))
}
