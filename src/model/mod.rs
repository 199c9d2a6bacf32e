//! The typed model of a site: what the templates may rely on. Built once from the
//! [`SourceSet`](crate::source::SourceSet) by [`load::load`], every field already valid
//! (dates exist, hours are in order, phones are Brazilian numbers, references resolve).

pub(crate) mod access;
pub(crate) mod contact;
pub(crate) mod council;
pub(crate) mod datetime;
pub(crate) mod document;
pub(crate) mod field_error;
pub(crate) mod holidays;
pub(crate) mod hours;
pub(crate) mod load;
pub(crate) mod programs;
pub(crate) mod raw;
pub(crate) mod raw_access;
pub(crate) mod schedule;
mod serde_iso;
pub(crate) mod slug;
pub(crate) mod structure;
pub(crate) mod updated;
mod validate;

use crate::config::SiteConfig;
use crate::diagnostics::Code;
use crate::kinds::{Generated, Kind};
use crate::legal::NormativeText;
use chrono::Datelike;
use contact::{EmailEntry, LabelledPhone};
use datetime::{Date, DateTime};
use field_error::FieldError;
use hours::OpeningHours;
use std::path::PathBuf;
pub(crate) use structure::{Gender, StructureKind};

/// Where a piece of content came from and where it is published.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    /// Source file relative to the site root.
    pub file: PathBuf,
    /// Site path without the leading slash: `estrutura/assessoria-x/` (`""` is the home page).
    pub path: String,
    /// When its content last changed ([`updated`]); unknown for what has no file.
    pub updated: Option<Date>,
}

/// A Markdown body and the line where it starts in its file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    pub markdown: String,
    pub line_offset: usize,
    /// What the look at the text found (`markdown::check::looked`): its problems and what the
    /// site check needs of it. Set by the load's check, or by the pass that renders it when
    /// the load leaves the look to the render (`build` and `check`), so that a body is parsed
    /// once; empty until then.
    pub looked: std::sync::OnceLock<std::sync::Arc<crate::markdown::check::Looked>>,
}

/// A Markdown text written in a field of a YAML file (a unit's `texto`, the secretariat's
/// mission, values and sections), with where each of its lines is in that file: the checks of
/// the site as published judge its links and images like a page's body's, and send the editor
/// to the line of the YAML.
#[derive(Debug, Clone)]
pub(crate) struct FieldText {
    /// The item's file and the address of the page that shows the text.
    pub origin: Origin,
    pub markdown: String,
    /// For each line of `markdown` (split at `\n`), its 1-based line and column in the file.
    pub lines: Vec<(usize, usize)>,
}

/// The whole site, validated.
#[derive(Debug)]
pub(crate) struct Site {
    pub config: SiteConfig,
    pub home: Page,
    pub secretariat: Option<Secretariat>,
    pub units: Vec<Unit>,
    pub assessorias: Vec<Assessoria>,
    pub notices: Vec<Notice>,
    pub laws: Vec<LegalText>,
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    /// Programmes and actions, by weight and title.
    pub programs: Vec<programs::Program>,
    /// Councils, by weight and title.
    pub councils: Vec<council::Council>,
    /// Frequent questions, by weight and question (the listing groups them by topic).
    pub faqs: Vec<access::Faq>,
    /// `acesso-a-informacao/sic.md`, when the site writes it.
    pub sic: Option<access::Service>,
    /// `acesso-a-informacao/ouvidoria.md`, when the site writes it.
    pub ombudsman: Option<access::Service>,
    /// `privacidade.md`, when the site writes it.
    pub privacy: Option<access::Privacy>,
    /// Intro texts of the built-in listings (`unidades/_index.md`, `estrutura/_index.md`, …).
    pub listing_intros: Vec<Page>,
    /// Files under `content/` that are not content (images beside a page): copied as they are.
    pub assets: Vec<PathBuf>,
    /// The build's "now", for the upcoming/past split.
    pub today: DateTime,
    /// When `site.yaml` last changed (what site-wide files such as the feed show of it).
    pub config_updated: Option<Date>,
    /// The acronyms the pages mark with `<abbr>`: the theme's and `siglas:`.
    pub glossary: crate::markdown::glossary::Glossary,
    /// The Markdown texts of YAML files (the secretariat's, the units'), located for the site
    /// check; the items keep their own copy of each for rendering.
    pub field_texts: Vec<FieldText>,
}

#[derive(Debug, Clone)]
pub(crate) struct Secretariat {
    pub origin: Origin,
    pub name: String,
    pub acronym: Option<String>,
    pub head: Option<Person>,
    pub presentation: Option<String>,
    pub mission: Option<String>,
    pub vision: Option<String>,
    pub values: Vec<Value>,
    /// Index into `Site::laws` of the text that lists the competences.
    pub competences: Option<usize>,
    pub sections: Vec<TextSection>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Person {
    pub name: String,
    pub role: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Value {
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct TextSection {
    pub title: String,
    pub markdown: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub(crate) enum UnitKind {
    Secretaria,
    Cras,
    Creas,
    CentroPop,
    Convivencia,
    Conselho,
    Acolhimento,
    Outro,
}

impl UnitKind {
    pub(crate) const NAMES: [&'static str; 8] =
        ["secretaria", "cras", "creas", "centro-pop", "convivencia", "conselho", "acolhimento", "outro"];

    pub(crate) fn parse(text: &str) -> Option<Self> {
        Some(match text.trim().to_lowercase().as_str() {
            "secretaria" => UnitKind::Secretaria,
            "cras" => UnitKind::Cras,
            "creas" => UnitKind::Creas,
            "centro-pop" | "centropop" => UnitKind::CentroPop,
            "convivencia" | "convivência" => UnitKind::Convivencia,
            "conselho" => UnitKind::Conselho,
            "acolhimento" => UnitKind::Acolhimento,
            "outro" => UnitKind::Outro,
            _ => return None,
        })
    }

    /// schema.org type for JSON-LD.
    pub(crate) fn schema_type(self) -> &'static str {
        match self {
            UnitKind::Secretaria | UnitKind::Conselho => "GovernmentOrganization",
            _ => "GovernmentOffice",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub origin: Origin,
    /// The file stem, used by `unidade:` references.
    pub id: String,
    pub name: String,
    pub kind: UnitKind,
    pub acronym: Option<String>,
    pub main: bool,
    pub address: Option<Address>,
    pub phones: Vec<LabelledPhone>,
    pub emails: Vec<EmailEntry>,
    pub hours: Option<OpeningHours>,
    /// `plantao:` — an on-call service beside (or instead of) opening hours.
    pub on_call: Option<OnCall>,
    pub services: Vec<String>,
    pub text: Option<String>,
    pub weight: i64,
}

/// An on-call service: a phone that answers when the unit is closed (plantão, sobreaviso),
/// described in words and/or with its own hours. Never presented as opening hours.
#[derive(Debug, Clone)]
pub(crate) struct OnCall {
    /// What the page calls it ("Sobreaviso"); the theme says "Plantão" when absent.
    pub name: Option<String>,
    /// "Noites, fins de semana e feriados". At least one of `description` and `hours`.
    pub description: Option<String>,
    pub phones: Vec<LabelledPhone>,
    pub hours: Option<OpeningHours>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Address {
    pub street: Option<String>,
    pub district: Option<String>,
    pub municipality: Option<String>,
    pub uf: Option<String>,
    pub postal_code: Option<String>,
    pub complement: Option<String>,
}

impl Address {
    /// "Rua X, 401 - Divinéia - Perdizes/MG - CEP 38170-000".
    pub(crate) fn one_line(&self) -> String {
        let mut parts: Vec<String> = self.street.iter().cloned().collect();
        parts.extend(self.complement.clone());
        parts.extend(self.district.clone());
        match (&self.municipality, &self.uf) {
            (Some(m), Some(uf)) => parts.push(format!("{m}/{uf}")),
            (Some(m), None) => parts.push(m.clone()),
            (None, Some(uf)) => parts.push(uf.clone()),
            (None, None) => {}
        }
        if let Some(cep) = &self.postal_code {
            parts.push(format!("CEP {cep}"));
        }
        parts.join(" - ")
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Attributions {
    None,
    List(Vec<String>),
    /// The article of a legal text that lists them: index into `Site::laws` and the anchor.
    Reference {
        law: usize,
        anchor: String,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Assessoria {
    pub origin: Origin,
    pub id: String,
    pub kind: StructureKind,
    pub title: String,
    pub acronym: Option<String>,
    pub head: Option<String>,
    /// Index into `Site::units`.
    pub unit: Option<usize>,
    /// Index into `Site::assessorias`.
    pub superior: Option<usize>,
    pub phones: Vec<LabelledPhone>,
    pub emails: Vec<EmailEntry>,
    pub attributions: Attributions,
    pub weight: i64,
    pub description: Option<String>,
    pub body: Body,
}

/// One date of a notice: when it starts and, optionally, ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Occurrence {
    pub start: DateTime,
    pub end: Option<DateTime>,
}

impl Occurrence {
    /// The last moment it stands for (the end of its day for a date alone).
    pub(crate) fn last_moment(&self) -> DateTime {
        self.end.unwrap_or(self.start).end_of_event()
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Notice {
    pub origin: Origin,
    pub title: String,
    pub kind: NoticeKind,
    /// The start of the (first) date.
    pub start: DateTime,
    /// The end of a single notice; `None` for a series (each date has its own).
    pub end: Option<DateTime>,
    /// A series of meetings (`datas:`): every date, sorted, at least two; empty for a
    /// single notice.
    pub series: Vec<Occurrence>,
    pub place: Option<String>,
    pub address: Option<String>,
    /// Index into `Site::units`: where it happens.
    pub unit: Option<usize>,
    /// Index into `Site::units`: who organises it (the secretariat when `None`).
    pub organizer: Option<usize>,
    pub description: Option<String>,
    pub body: Body,
}

impl Notice {
    /// Every date: the series, or the single start and end.
    pub(crate) fn occurrences(&self) -> Vec<Occurrence> {
        if self.series.is_empty() {
            vec![Occurrence { start: self.start, end: self.end }]
        } else {
            self.series.clone()
        }
    }

    pub(crate) fn is_series(&self) -> bool {
        !self.series.is_empty()
    }

    /// The last moment of its last date.
    pub(crate) fn last_moment(&self) -> DateTime {
        self.occurrences().iter().map(Occurrence::last_moment).max().unwrap_or(self.start)
    }

    /// The first date not over at `now`.
    pub(crate) fn next_occurrence(&self, now: DateTime) -> Option<Occurrence> {
        self.occurrences().into_iter().find(|o| o.last_moment() >= now)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoticeKind {
    Conferencia,
    AudienciaPublica,
    Reuniao,
    Aviso,
    Edital,
    Capacitacao,
}

impl NoticeKind {
    pub(crate) const NAMES: [&'static str; 6] =
        ["conferencia", "audiencia-publica", "reuniao", "aviso", "edital", "capacitacao"];

    pub(crate) fn parse(text: &str) -> Option<Self> {
        Some(match crate::model::slug::slugify(text).as_str() {
            "conferencia" => NoticeKind::Conferencia,
            "audiencia-publica" | "audiencia" => NoticeKind::AudienciaPublica,
            "reuniao" => NoticeKind::Reuniao,
            "aviso" => NoticeKind::Aviso,
            "edital" => NoticeKind::Edital,
            "capacitacao" => NoticeKind::Capacitacao,
            _ => return None,
        })
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            NoticeKind::Conferencia => "Conferência",
            NoticeKind::AudienciaPublica => "Audiência pública",
            NoticeKind::Reuniao => "Reunião",
            NoticeKind::Aviso => "Aviso",
            NoticeKind::Edital => "Edital",
            NoticeKind::Capacitacao => "Capacitação",
        }
    }

    /// Notices that are gatherings become schema.org `Event`s and iCalendar entries.
    pub(crate) fn is_event(self) -> bool {
        !matches!(self, NoticeKind::Aviso | NoticeKind::Edital)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct LegalText {
    pub origin: Origin,
    pub title: String,
    pub norm: Option<Norm>,
    pub summary: Option<String>,
    pub weight: i64,
    #[allow(dead_code)] // loaded from `descricao:`; no page shows it yet
    pub description: Option<String>,
    pub tree: NormativeText,
}

#[derive(Debug, Clone)]
pub(crate) struct Norm {
    /// `lei`, `lei-complementar`, `decreto`, …
    pub kind: String,
    /// As written: "12", "1.777/2016", "394/2025".
    pub number: String,
    /// The day it was signed, when the editor wrote it.
    pub date: Option<Date>,
    /// `data: 2016`: only the year is known.
    pub year: Option<i32>,
}

impl Norm {
    pub(crate) const KINDS: [&'static str; 5] = ["lei", "lei-complementar", "decreto", "portaria", "resolucao"];

    /// Front matter `data:` written as a year alone ("2016").
    pub(crate) fn year_only(text: &str) -> Option<i32> {
        let t = text.trim();
        (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit())).then(|| t.parse().ok()).flatten()
    }

    /// Checks what the front matter gives: a date, a year, or a number that carries its
    /// year ("394/2025"). Err when none gives a year; `Ok(Some(_))` is a warning for a year
    /// in the number that differs from the date's (both are published; no URN is made).
    pub(crate) fn check(&self) -> Result<Option<FieldError>, FieldError> {
        let number_year = split_number(&self.number).1;
        let year = self.date.map(|d| d.naive().year()).or(self.year);
        match (year, number_year) {
            (None, None) => Err(FieldError::new(Code::InvalidNorm, "falta a data da norma").with_help(
                "escreva data: 10/03/2017, só o ano (data: 2017) ou o número com o ano (numero: \"394/2025\")",
            )),
            (Some(y), Some(n)) if y != n => Ok(Some(
                FieldError::new(
                    Code::NormNumber,
                    format!("o número da norma traz o ano {n}, mas a data é de {y}: a URN LexML não foi publicada"),
                )
                .with_help("confira o número e a data no texto oficial"),
            )),
            _ => Ok(None),
        }
    }

    pub(crate) fn label(&self) -> String {
        let kind = match self.kind.as_str() {
            "lei" => "Lei",
            "lei-complementar" => "Lei Complementar",
            "decreto" => "Decreto",
            "portaria" => "Portaria",
            "resolucao" => "Resolução",
            other => other,
        };
        match (self.date, self.year) {
            (Some(date), _) => format!("{kind} nº {}, de {}", self.number, date.date_long()),
            (None, Some(year)) => format!("{kind} nº {}, de {year}", self.number),
            (None, None) => format!("{kind} nº {}", self.number),
        }
    }

    /// "2017-03-10", or "2016" when only the year is known (ISO 8601 reduced precision).
    pub(crate) fn legislation_date(&self) -> Option<String> {
        let year = self.year.or_else(|| split_number(&self.number).1);
        self.date.map(Date::iso_date).or_else(|| year.map(|y| format!("{y:04}")))
    }

    /// `urn:lex:br;minas.gerais;perdizes:municipal:lei:2017-03-10;12`. LexML names the
    /// jurisdiction by the state's and the municipality's names (lowercase, without accents,
    /// words joined by dots), not by the UF code. Its descriptor is the date, or the year
    /// alone when only the year is known (`…:lei:2016;1777`); the number has no dots and no
    /// year ("394/2025" → `2025;394`: "/" is not a URN character). `None` when the year in
    /// the number and the date disagree, or nothing gives a year.
    pub(crate) fn urn(&self, uf: &str, municipality: &str) -> Option<String> {
        if !matches!(self.check(), Ok(None)) {
            return None;
        }
        let (id, number_year) = split_number(&self.number);
        let descriptor = match (self.date, self.year.or(number_year)) {
            (Some(date), _) => date.iso_date(),
            (None, Some(year)) => format!("{year:04}"),
            (None, None) => return None,
        };
        let id: String = id
            .chars()
            .filter_map(|c| match c {
                '.' | ' ' => None,
                '/' => Some('-'),
                c if c.is_ascii_alphanumeric() || c == '-' => Some(c.to_ascii_lowercase()),
                _ => None,
            })
            .collect();
        if id.is_empty() {
            return None;
        }
        let state =
            contact::Uf::parse(uf).map_or_else(|_| uf.to_lowercase(), |u| slug::slugify(u.name()).replace('-', "."));
        let kind = match self.kind.as_str() {
            "lei-complementar" => "lei.complementar",
            other => other,
        };
        Some(format!(
            "urn:lex:br;{};{}:municipal:{kind}:{descriptor};{id}",
            state,
            crate::model::slug::slugify(municipality).replace('-', "."),
        ))
    }
}

/// "394/2025" → ("394", Some(2025)); "1.777/2016" → ("1.777", Some(2016)); "12" → ("12", None).
fn split_number(number: &str) -> (&str, Option<i32>) {
    let t = number.trim();
    if let Some((id, year)) = t.rsplit_once('/') {
        let year = year.trim();
        if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) {
            return (id.trim(), year.parse().ok());
        }
    }
    (t, None)
}

/// Ordinary pages, the home page and listing intros.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub origin: Origin,
    pub title: String,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub weight: i64,
    pub body: Body,
}

impl Page {
    /// The order of ordinary pages in the model (and so in their sections' listings): by
    /// weight, then title, then address. One function, so that the dev loop, which moves a
    /// retitled page in place, orders them as a load does.
    pub(crate) fn order(a: &Page, b: &Page) -> std::cmp::Ordering {
        (a.weight, &a.title, &a.origin.path).cmp(&(b.weight, &b.title, &b.origin.path))
    }
}

/// A folder of ordinary pages, with the title and text of its `_index.md` when it has one.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub origin: Origin,
    pub title: String,
    pub description: Option<String>,
    pub weight: i64,
    pub body: Body,
    /// Indices into `Site::pages`.
    pub pages: Vec<usize>,
}

/// One item of any kind, as what treats kinds alike sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item<'a> {
    pub(crate) origin: &'a Origin,
    /// Its title, or its name.
    pub(crate) title: &'a str,
}

impl Site {
    /// The items of `kind`, in the model's order (the order listings show).
    pub(crate) fn items(&self, kind: Kind) -> Vec<Item<'_>> {
        fn item<'a>(origin: &'a Origin, title: &'a str) -> Item<'a> {
            Item { origin, title }
        }
        match kind {
            Kind::Home => vec![item(&self.home.origin, &self.home.title)],
            Kind::Secretariat => self.secretariat.iter().map(|s| item(&s.origin, &s.name)).collect(),
            Kind::Structure => self.assessorias.iter().map(|a| item(&a.origin, &a.title)).collect(),
            Kind::Unit => self.units.iter().map(|u| item(&u.origin, &u.name)).collect(),
            Kind::Notice => self.notices.iter().map(|n| item(&n.origin, &n.title)).collect(),
            Kind::Law => self.laws.iter().map(|l| item(&l.origin, &l.title)).collect(),
            Kind::Section => self.sections.iter().map(|s| item(&s.origin, &s.title)).collect(),
            Kind::Page => self.pages.iter().map(|p| item(&p.origin, &p.title)).collect(),
            Kind::Program => self.programs.iter().map(|p| item(&p.origin, &p.title)).collect(),
            Kind::Council => self.councils.iter().map(|c| item(&c.origin, &c.title)).collect(),
            Kind::Faq => self.faqs.iter().map(|f| item(&f.origin, &f.question)).collect(),
            // Without a title of their own, these are named as the theme's page at their address.
            Kind::Sic => {
                let default = Generated::Sic.spec().title;
                self.sic.iter().map(|s| item(&s.origin, s.title.as_deref().unwrap_or(default))).collect()
            }
            Kind::Ombudsman => {
                let default = Generated::Ombudsman.spec().title;
                self.ombudsman.iter().map(|s| item(&s.origin, s.title.as_deref().unwrap_or(default))).collect()
            }
            Kind::Privacy => {
                let default = Generated::Privacy.spec().title;
                self.privacy.iter().map(|p| item(&p.origin, p.title.as_deref().unwrap_or(default))).collect()
            }
        }
    }

    /// Where item `i` of `kind` comes from, without listing the kind (what a route of one
    /// item needs of it, at any size).
    pub(crate) fn origin(&self, kind: Kind, i: usize) -> Option<&Origin> {
        match kind {
            Kind::Home => (i == 0).then_some(&self.home.origin),
            Kind::Secretariat => self.secretariat.as_ref().filter(|_| i == 0).map(|s| &s.origin),
            Kind::Structure => self.assessorias.get(i).map(|a| &a.origin),
            Kind::Unit => self.units.get(i).map(|u| &u.origin),
            Kind::Notice => self.notices.get(i).map(|n| &n.origin),
            Kind::Law => self.laws.get(i).map(|l| &l.origin),
            Kind::Section => self.sections.get(i).map(|s| &s.origin),
            Kind::Page => self.pages.get(i).map(|p| &p.origin),
            Kind::Program => self.programs.get(i).map(|p| &p.origin),
            Kind::Council => self.councils.get(i).map(|c| &c.origin),
            Kind::Faq => self.faqs.get(i).map(|f| &f.origin),
            Kind::Sic => self.sic.as_ref().filter(|_| i == 0).map(|s| &s.origin),
            Kind::Ombudsman => self.ombudsman.as_ref().filter(|_| i == 0).map(|s| &s.origin),
            Kind::Privacy => self.privacy.as_ref().filter(|_| i == 0).map(|p| &p.origin),
        }
    }

    /// The unit whose contacts stand in the footer and on the home page.
    pub(crate) fn main_unit(&self) -> Option<&Unit> {
        self.units.iter().find(|u| u.main).or_else(|| self.units.first())
    }

    /// Notices that have not ended, soonest next date first.
    pub(crate) fn upcoming_notices(&self) -> Vec<&Notice> {
        let mut list: Vec<&Notice> = self.notices.iter().filter(|n| !self.is_past(n)).collect();
        list.sort_by_key(|n| n.next_occurrence(self.today).map_or(n.start, |o| o.start));
        list
    }

    /// Notices that have ended, the most recent last date first.
    pub(crate) fn past_notices(&self) -> Vec<&Notice> {
        let mut list: Vec<&Notice> = self.notices.iter().filter(|n| self.is_past(n)).collect();
        list.sort_by_key(|n| std::cmp::Reverse(n.occurrences().last().map_or(n.start, |o| o.start)));
        list
    }

    fn is_past(&self, notice: &Notice) -> bool {
        notice.last_moment() < self.today
    }
}
