//! The views of programmes and councils, and of the documents both list.

use super::{notice, unit, Link, Md, NoticeView, UnitView};
use crate::model::council::{Council, Segment, Term};
use crate::model::document::{Document, Target};
use crate::model::programs::Program;
use crate::model::{NoticeKind, Site};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;

/// What is escaped in a site path put in an `href`: what a URL may not hold as it is (a
/// space in a file name), and `%` itself. `/` stays.
const PATH: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`').add(b'?').add(b'{').add(b'}').add(b'%');

/// A document as a page lists it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocumentView {
    pub title: String,
    /// A site path (`{{ root }}{{ href }}`) or, when `external`, a full address.
    pub href: String,
    pub external: bool,
    /// "PDF", for a file of the site.
    pub format: Option<String>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    /// The date is not in the title already (a title of the editor's own).
    pub show_date: bool,
    pub summary: Option<String>,
}

/// `kind` names an untitled document ("Ata da reunião", "Resolução CMAS").
pub(crate) fn document(doc: &Document, kind: &str) -> DocumentView {
    let (href, external) = match &doc.target {
        Target::Site(path) => {
            let (path, fragment) = path.split_once('#').map_or((path.as_str(), None), |(p, f)| (p, Some(f)));
            let encoded = utf8_percent_encode(path, PATH).to_string();
            (fragment.map_or_else(|| encoded.clone(), |f| format!("{encoded}#{}", utf8_percent_encode(f, PATH))), false)
        }
        Target::External(url) => (url.clone(), true),
    };
    DocumentView {
        title: doc.display_title(kind),
        href,
        external,
        format: doc.target.format(),
        date: doc.date.map(|d| d.date_long()),
        date_iso: doc.date.map(|d| d.iso_date()),
        show_date: doc.date.is_some() && doc.title.is_some(),
        summary: doc.summary.clone(),
    }
}

fn documents(docs: &[Document], kind: &str) -> Vec<DocumentView> {
    docs.iter().map(|d| document(d, kind)).collect()
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndicatorView {
    pub name: String,
    pub value: String,
    pub reference: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProgramView {
    pub title: String,
    pub acronym: Option<String>,
    pub url: String,
    pub description: Option<String>,
    pub audience: Option<String>,
    pub access_html: Option<String>,
    /// The unit responsible, with its contacts.
    pub unit: Option<UnitView>,
    pub legal_basis: Option<String>,
    pub goals: Vec<String>,
    pub results: Vec<String>,
    pub indicators: Vec<IndicatorView>,
    pub documents: Vec<DocumentView>,
    pub body_html: String,
}

/// The acronym to show after the title, unless the title already has it.
pub(crate) fn acronym(title: &str, acronym: &Option<String>) -> Option<String> {
    acronym.clone().filter(|a| !title.contains(a.as_str()))
}

pub(crate) fn program(site: &Site, p: &Program, md: Md<'_>) -> ProgramView {
    ProgramView {
        title: p.title.clone(),
        acronym: acronym(&p.title, &p.acronym),
        url: p.origin.path.clone(),
        description: p.description.clone(),
        audience: p.audience.clone(),
        access_html: p.access.as_deref().map(|t| md.top(3).html(t)),
        unit: p.unit.and_then(|i| site.units.get(i)).map(|u| unit(site, u, md)),
        legal_basis: p.legal_basis.clone(),
        goals: p.goals.clone(),
        results: p.results.clone(),
        indicators: p
            .indicators
            .iter()
            .map(|i| IndicatorView {
                name: i.name.clone(),
                value: i.value.clone(),
                reference: i.reference.clone(),
                source: i.source.clone(),
            })
            .collect(),
        documents: documents(&p.documents, "Documento"),
        body_html: md.top(3).body(&p.body),
    }
}

/// A programme as the listing shows it: no body, no contacts.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProgramSummary {
    pub title: String,
    pub acronym: Option<String>,
    pub url: String,
    pub description: Option<String>,
    pub audience: Option<String>,
    pub unit: Option<Link>,
}

pub(crate) fn program_summary(site: &Site, p: &Program) -> ProgramSummary {
    ProgramSummary {
        title: p.title.clone(),
        acronym: acronym(&p.title, &p.acronym),
        url: p.origin.path.clone(),
        description: p.description.clone(),
        audience: p.audience.clone(),
        unit: p
            .unit
            .and_then(|i| site.units.get(i))
            .map(|u| Link { title: u.name.clone(), url: u.origin.path.clone() }),
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TermView {
    /// "de 1º de junho de 2025 a 31 de maio de 2027".
    pub text: String,
    pub start_iso: String,
    pub end_iso: String,
}

fn term(t: &Term) -> TermView {
    TermView {
        text: format!("de {} a {}", t.start.date_long(), t.end.date_long()),
        start_iso: t.start.iso_date(),
        end_iso: t.end.iso_date(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SeatView {
    pub represents: String,
    pub holder: Option<String>,
    pub alternate: Option<String>,
    pub term: Option<TermView>,
}

/// The seats of one side of the council.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SegmentView {
    pub label: &'static str,
    pub id: &'static str,
    pub seats: Vec<SeatView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct BoardView {
    pub role: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct CouncilView {
    pub title: String,
    pub acronym: Option<String>,
    pub url: String,
    pub description: Option<String>,
    pub unit: Option<UnitView>,
    pub law: Option<Link>,
    pub term: Option<TermView>,
    pub appointment: Option<String>,
    pub board: Vec<BoardView>,
    /// Government first, then civil society; a side without seats is left out.
    pub segments: Vec<SegmentView>,
    /// Whether some seat has a term of its own (a column of the table).
    pub seat_terms: bool,
    /// Its meetings (notices it organises that are not conferences), upcoming first.
    pub upcoming_meetings: Vec<NoticeView>,
    pub past_meetings: Vec<NoticeView>,
    pub conferences: Vec<NoticeView>,
    pub minutes: Vec<DocumentView>,
    pub resolutions: Vec<DocumentView>,
    pub documents: Vec<DocumentView>,
    pub body_html: String,
}

pub(crate) fn council(site: &Site, c: &Council, md: Md<'_>) -> CouncilView {
    let segments = [Segment::Government, Segment::CivilSociety]
        .into_iter()
        .map(|segment| SegmentView {
            label: segment.label(),
            id: match segment {
                Segment::Government => "segmento-governo",
                Segment::CivilSociety => "segmento-sociedade-civil",
            },
            seats: c
                .seats
                .iter()
                .filter(|s| s.segment == segment)
                .map(|s| SeatView {
                    represents: s.represents.clone(),
                    holder: s.holder.clone(),
                    alternate: s.alternate.clone(),
                    term: s.term.as_ref().map(term),
                })
                .collect(),
        })
        .filter(|s| !s.seats.is_empty())
        .collect();
    let organised = |upcoming: bool, conference: bool| -> Vec<NoticeView> {
        let list = if upcoming { site.upcoming_notices() } else { site.past_notices() };
        list.into_iter()
            .filter(|n| c.unit.is_some() && n.organizer == c.unit)
            .filter(|n| (n.kind == NoticeKind::Conferencia) == conference)
            .map(|n| notice(site, n, md))
            .collect()
    };
    let mut conferences = organised(true, true);
    conferences.extend(organised(false, true));
    let resolutions = format!("Resolução {}", c.short_name());
    CouncilView {
        title: c.title.clone(),
        acronym: acronym(&c.title, &c.acronym),
        url: c.origin.path.clone(),
        description: c.description.clone(),
        unit: c.unit.and_then(|i| site.units.get(i)).map(|u| unit(site, u, md)),
        law: c.law.and_then(|i| site.laws.get(i)).map(|l| Link { title: l.title.clone(), url: l.origin.path.clone() }),
        term: c.term.as_ref().map(term),
        appointment: c.appointment.clone(),
        board: c.board.iter().map(|b| BoardView { role: b.role.clone(), name: b.name.clone() }).collect(),
        segments,
        seat_terms: c.seats.iter().any(|s| s.term.is_some()),
        upcoming_meetings: organised(true, false),
        past_meetings: organised(false, false),
        conferences,
        minutes: documents(&c.minutes, "Ata da reunião"),
        resolutions: documents(&c.resolutions, &resolutions),
        documents: documents(&c.documents, "Documento"),
        body_html: md.top(2).body(&c.body),
    }
}
