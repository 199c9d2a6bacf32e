//! Outputs for machines and the structured parts of pages: schema.org JSON-LD, iCalendar,
//! the legal-text view, the organisation chart and the site map. Absolute URLs (from
//! `base_url`) appear only here, where the standards need them.

use crate::legal::{Provision, ProvisionKind};
use crate::model::{LegalText, Notice, Site, Unit};
use serde::Serialize;
use serde_json::{json, Value};

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` written as `\u003c`,
/// `\u003e` and `\u0026`, so that no text (`</script>`, `<!--`, `<script`) can close the
/// element or switch the HTML parser into its "double-escaped" script state, which would
/// swallow the rest of the page. U+2028 and U+2029 too, for readers that take it as script.
/// The JSON value is unchanged: every JSON parser reads the escapes back.
pub fn script_safe_json(value: &Value) -> String {
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

fn address_ld(unit: &Unit) -> Option<Value> {
    let a = unit.address.as_ref()?;
    Some(json!({
        "@type": "PostalAddress",
        "streetAddress": a.street,
        "addressLocality": a.municipality,
        "addressRegion": a.uf,
        "postalCode": a.postal_code,
        "addressCountry": "BR",
    }))
}

fn unit_core_ld(site: &Site, unit: &Unit) -> Value {
    let mut ld = json!({
        "@type": unit.kind.schema_type(),
        "name": unit.name,
        "telephone": unit.phones.iter().map(|p| p.e164()).collect::<Vec<_>>(),
        "email": unit.emails.iter().map(|e| e.as_str().to_string()).collect::<Vec<_>>(),
    });
    if let Some(obj) = ld.as_object_mut() {
        if let Some(address) = address_ld(unit) {
            obj.insert("address".into(), address);
        }
        if let Some(url) = absolute(site, &unit.origin.path) {
            obj.insert("url".into(), Value::String(url));
        }
        if let Some(hours) = &unit.hours {
            obj.insert("openingHoursSpecification".into(), hours.schema_org());
        }
    }
    ld
}

/// GovernmentOrganization for the secretariat, with its units as departments.
pub fn organization_ld(site: &Site) -> Value {
    let name = site.secretariat.as_ref().map_or(site.config.title.as_str(), |s| s.name.as_str());
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": name,
        "department": site.units.iter().map(|u| unit_core_ld(site, u)).collect::<Vec<_>>(),
    });
    if let Some(obj) = ld.as_object_mut() {
        if let Some(s) = &site.secretariat {
            if let Some(acronym) = &s.acronym {
                obj.insert("alternateName".into(), json!(acronym));
            }
        }
        if let Some(url) = absolute(site, "") {
            obj.insert("url".into(), json!(url));
        }
        if let Some(main) = site.main_unit() {
            if let Some(address) = address_ld(main) {
                obj.insert("address".into(), address);
            }
            obj.insert("telephone".into(), json!(main.phones.iter().map(|p| p.e164()).collect::<Vec<_>>()));
            obj.insert("email".into(), json!(main.emails.iter().map(|e| e.as_str()).collect::<Vec<_>>()));
        }
    }
    ld
}

pub fn unit_ld(site: &Site, unit: &Unit) -> Value {
    let mut ld = unit_core_ld(site, unit);
    if let Some(obj) = ld.as_object_mut() {
        obj.insert("@context".into(), json!("https://schema.org"));
    }
    ld
}

pub fn event_ld(site: &Site, notice: &Notice) -> Value {
    let unit = notice.unit.and_then(|i| site.units.get(i));
    let place_name = notice.place.clone().or_else(|| unit.map(|u| u.name.clone()));
    let mut location = json!({ "@type": "Place", "name": place_name });
    if let (Some(obj), Some(address)) = (location.as_object_mut(), notice.address.clone()) {
        obj.insert("address".into(), json!(address));
    } else if let (Some(obj), Some(address)) = (location.as_object_mut(), unit.and_then(address_ld)) {
        obj.insert("address".into(), address);
    }
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": notice.title,
        "startDate": notice.start.iso(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": location,
        "organizer": { "@type": "GovernmentOrganization", "name": site.secretariat.as_ref().map_or(site.config.title.as_str(), |s| s.name.as_str()) },
    });
    if let Some(obj) = ld.as_object_mut() {
        if let Some(end) = notice.end {
            obj.insert("endDate".into(), json!(end.iso()));
        }
        if let Some(url) = absolute(site, &notice.origin.path) {
            obj.insert("url".into(), json!(url));
        }
    }
    ld
}

pub fn legislation_ld(site: &Site, law: &LegalText) -> Value {
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
            obj.insert("legislationDate".into(), json!(norm.date.iso_date()));
            obj.insert("alternateName".into(), json!(norm.label()));
            if let (Some(uf), Some(municipality)) = (&site.config.uf, &site.config.municipality) {
                obj.insert("legislationIdentifier".into(), json!(norm.urn(uf, municipality)));
            }
            obj.insert("legislationType".into(), json!(norm.kind));
            obj.insert("legislationJurisdiction".into(), json!(site.config.municipality));
        }
        if let Some(summary) = &law.summary {
            obj.insert("abstract".into(), json!(summary));
        }
    }
    ld
}

/// One VEVENT in an iCalendar file (RFC 5545), floating local time as written by the editor.
pub fn icalendar(site: &Site, notice: &Notice) -> String {
    let uid = format!("{}@{}", notice.origin.path.trim_end_matches('/').replace('/', "-"), host(site));
    let end = notice.end.unwrap_or(notice.start);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//secretaria//pt-BR".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{}", site.today.ical()),
    ];
    if notice.start.has_time() {
        lines.push(format!("DTSTART:{}", notice.start.ical()));
        if notice.end.is_some() {
            lines.push(format!("DTEND:{}", end.ical()));
        }
    } else {
        lines.push(format!("DTSTART;VALUE=DATE:{}", notice.start.date().ical()));
    }
    lines.push(format!("SUMMARY:{}", ical_text(&notice.title)));
    if let Some(place) = notice.place.as_ref().or(notice.address.as_ref()) {
        lines.push(format!("LOCATION:{}", ical_text(place)));
    }
    if let Some(url) = absolute(site, &notice.origin.path) {
        lines.push(format!("URL:{url}"));
    }
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join("\r\n") + "\r\n"
}

fn host(site: &Site) -> String {
    site.config
        .base_url
        .as_deref()
        .and_then(|u| u.split("://").nth(1))
        .map(|h| h.trim_end_matches('/').replace('/', "-"))
        .unwrap_or_else(|| crate::model::slug::slugify(&site.config.title))
}

fn ical_text(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// RFC 5545 lines are folded at 75 octets, never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    for c in line.chars() {
        if count + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            count = 1;
        }
        out.push(c);
        count += c.len_utf8();
    }
    out
}

#[derive(Serialize)]
pub struct LawView {
    pub title: String,
    pub url: String,
    pub norm: Option<String>,
    pub urn: Option<String>,
    pub summary: Option<String>,
    /// `<nav>` with the articles, from the legal module; empty when there are none.
    pub toc_html: String,
    pub body_html: String,
    pub json_url: String,
}

pub fn law_view(site: &Site, law: &LegalText) -> LawView {
    LawView {
        title: law.title.clone(),
        url: law.origin.path.clone(),
        norm: law.norm.as_ref().map(|n| n.label()),
        urn: law
            .norm
            .as_ref()
            .and_then(|n| Some(n.urn(site.config.uf.as_deref()?, site.config.municipality.as_deref()?))),
        summary: law.summary.clone(),
        toc_html: crate::legal::render_toc(&law.tree),
        body_html: crate::legal::render_fragment(&law.tree),
        json_url: "estrutura.json".into(),
    }
}

/// The provisions under an article (incisos, paragraphs…), flattened for an assessoria page:
/// (published label, text, anchor).
pub fn attribution_items(provision: &Provision) -> Vec<(Option<String>, String, Option<String>)> {
    let mut out = Vec::new();
    fn walk(p: &Provision, out: &mut Vec<(Option<String>, String, Option<String>)>) {
        for child in &p.children {
            if child.kind == ProvisionKind::Caput {
                walk(child, out);
            } else {
                out.push((child.label.clone(), child.text.clone(), child.id.clone()));
            }
        }
    }
    walk(provision, &mut out);
    out
}

/// The caput's text of an article (the sentence that introduces its incisos).
pub fn caput_text(provision: &Provision) -> String {
    provision
        .children
        .iter()
        .find(|c| c.kind == ProvisionKind::Caput)
        .map_or_else(|| provision.text.clone(), |c| c.text.clone())
}

#[derive(Serialize)]
pub struct ChartNode {
    pub title: String,
    pub url: String,
    pub children: Vec<ChartNode>,
}

/// The organisation chart: assessorias under their superior, top level under the secretariat.
pub fn org_chart(site: &Site, tops: &[usize]) -> Vec<ChartNode> {
    fn node(site: &Site, i: usize, depth: usize) -> Option<ChartNode> {
        let a = site.assessorias.get(i)?;
        let children = if depth > 16 {
            Vec::new()
        } else {
            (0..site.assessorias.len())
                .filter(|&c| site.assessorias.get(c).is_some_and(|x| x.superior == Some(i)) && c != i)
                .filter_map(|c| node(site, c, depth + 1))
                .collect()
        };
        Some(ChartNode { title: a.title.clone(), url: a.origin.path.clone(), children })
    }
    tops.iter().filter_map(|&i| node(site, i, 0)).collect()
}

#[derive(Serialize)]
pub struct MapGroup {
    pub title: String,
    pub url: String,
    pub links: Vec<super::view::Link>,
}

pub fn site_map(site: &Site) -> Vec<MapGroup> {
    use super::view::Link;
    let link = |t: &str, u: &str| Link { title: t.to_string(), url: u.to_string() };
    let mut groups = Vec::new();
    if let Some(s) = &site.secretariat {
        groups.push(MapGroup { title: s.name.clone(), url: "secretaria/".into(), links: Vec::new() });
    }
    groups.push(MapGroup {
        title: "Estrutura".into(),
        url: "estrutura/".into(),
        links: site.assessorias.iter().map(|a| link(&a.title, &a.origin.path)).collect(),
    });
    groups.push(MapGroup {
        title: "Unidades e contatos".into(),
        url: "unidades/".into(),
        links: site.units.iter().map(|u| link(&u.name, &u.origin.path)).collect(),
    });
    groups.push(MapGroup {
        title: "Avisos e eventos".into(),
        url: "avisos/".into(),
        links: site.notices.iter().map(|n| link(&n.title, &n.origin.path)).collect(),
    });
    groups.push(MapGroup {
        title: "Legislação".into(),
        url: "legislacao/".into(),
        links: site.laws.iter().map(|l| link(&l.title, &l.origin.path)).collect(),
    });
    for s in &site.sections {
        groups.push(MapGroup {
            title: s.title.clone(),
            url: s.origin.path.clone(),
            links: s.pages.iter().filter_map(|&p| site.pages.get(p)).map(|p| link(&p.title, &p.origin.path)).collect(),
        });
    }
    let loose: Vec<Link> = site
        .pages
        .iter()
        .filter(|p| !p.origin.path.trim_end_matches('/').contains('/'))
        .map(|p| link(&p.title, &p.origin.path))
        .collect();
    groups.push(MapGroup { title: "Outras páginas".into(), url: String::new(), links: loose });
    groups.push(MapGroup { title: "Acessibilidade".into(), url: "acessibilidade/".into(), links: Vec::new() });
    groups
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

    #[test]
    fn ical_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "ç".repeat(60));
        let folded = fold(&line);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", ""), line);
    }
}
