//! The render functions of the transparency kinds and of the "Acesso à Informação" pages:
//! programmes, councils, frequent questions, the SIC, the ombudsman, the privacy page, the
//! list of classified information and the hub. Each reads what its route declares.

use super::{crumb, listing, Link, Page};
use crate::diagnostics::Diagnostic;
use crate::kinds::{Generated, Kind};
use crate::model::access::ServiceKind;
use crate::model::NoticeKind;
use crate::render::data;
use crate::render::view::access::{self as access_view, FaqGroup, FaqView, PrivacyView, ServiceView};
use crate::render::view::hub::{self as hub_view, HubView};
use crate::render::view::transparency::{self as view, CouncilView, ProgramSummary, ProgramView};
use crate::render::view::{self as views, Md, NoticeView, PageView};
use serde::Serialize;

#[derive(Serialize)]
struct ProgramsView {
    programs: Vec<ProgramSummary>,
    intro: Option<PageView>,
}

#[derive(Serialize)]
struct ProgramPage {
    program: ProgramView,
}

/// A council as the participation page lists it.
#[derive(Serialize)]
struct CouncilSummary {
    title: String,
    acronym: Option<String>,
    url: String,
    description: Option<String>,
}

#[derive(Serialize)]
struct ParticipationView {
    councils: Vec<CouncilSummary>,
    conferences: Vec<NoticeView>,
    hearings: Vec<NoticeView>,
    ombudsman: Link,
    intro: Option<PageView>,
}

#[derive(Serialize)]
struct CouncilPage {
    council: CouncilView,
}

#[derive(Serialize)]
struct FaqsView {
    groups: Vec<FaqGroup>,
    /// Some question has a topic: the topics are headings.
    topics: bool,
    intro: Option<PageView>,
}

#[derive(Serialize)]
struct FaqPage {
    faq: FaqView,
    /// Its place on the listing: `perguntas-frequentes/#anchor`.
    listed_at: String,
}

#[derive(Serialize)]
struct ServicePage {
    service: ServiceView,
}

#[derive(Serialize)]
struct PrivacyPage {
    privacy: PrivacyView,
}

#[derive(Serialize)]
struct HubPage {
    hub: HubView,
}

/// The crumbs of a page of the "Acesso à Informação" section: the hub, then the page.
fn hub_crumbs(title: &str, path: &str) -> Vec<Link> {
    let hub = Generated::AccessHub.spec();
    vec![crumb(hub.title, hub.path), crumb(title, path)]
}

impl Page<'_> {
    /// Markdown for JSON-LD: shared by no page's store of large fragments.
    fn md_whole(&self) -> Md<'_> {
        Md { fragments: None, ..self.md() }
    }

    pub(in crate::render) fn programs(&self) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let listing = listing(Kind::Program);
        let programs = site.programs.get(self.shown(site.programs.len())).unwrap_or_default();
        let view = ProgramsView {
            programs: programs.iter().map(|p| view::program_summary(site, p)).collect(),
            intro: self.intro(&listing),
        };
        let items: Vec<(&str, &str)> = programs.iter().map(|p| (p.title.as_str(), p.origin.path.as_str())).collect();
        let ld = data::item_list_ld(site, listing.title, &items);
        self.finish(listing.template, listing.title.into(), vec![crumb(listing.label, listing.url)], ld, &view)
    }

    pub(in crate::render) fn program(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let listing = listing(Kind::Program);
        let p = site.programs.get(i).ok_or_else(|| self.missing())?;
        let crumbs = vec![crumb(listing.label, listing.url), crumb(&p.title, &p.origin.path)];
        let view = ProgramPage { program: view::program(site, p, self.md()) };
        let ld = Some(data::program_ld(site, p));
        self.finish(Kind::Program.spec().item_template, p.title.clone(), crumbs, ld, &view)
    }

    pub(in crate::render) fn participation(&self) -> Result<Vec<u8>, Diagnostic> {
        let (site, md) = (self.site(), self.md());
        let listing = listing(Kind::Council);
        let of_kind = |kind: NoticeKind| -> Vec<NoticeView> {
            let mut list: Vec<NoticeView> = site
                .upcoming_notices()
                .into_iter()
                .filter(|n| n.kind == kind)
                .map(|n| views::notice(site, n, md))
                .collect();
            list.extend(site.past_notices().into_iter().filter(|n| n.kind == kind).map(|n| views::notice(site, n, md)));
            list
        };
        let ombudsman = Generated::Ombudsman.spec();
        let view = ParticipationView {
            councils: site
                .councils
                .iter()
                .map(|c| CouncilSummary {
                    title: c.title.clone(),
                    acronym: view::acronym(&c.title, &c.acronym),
                    url: c.origin.path.clone(),
                    description: c.description.clone(),
                })
                .collect(),
            conferences: of_kind(NoticeKind::Conferencia),
            hearings: of_kind(NoticeKind::AudienciaPublica),
            ombudsman: crumb(ombudsman.title, ombudsman.path),
            intro: self.intro(&listing),
        };
        let items: Vec<(&str, &str)> =
            site.councils.iter().map(|c| (c.title.as_str(), c.origin.path.as_str())).collect();
        let ld = data::item_list_ld(site, "Conselhos", &items);
        self.finish(listing.template, listing.title.into(), vec![crumb(listing.label, listing.url)], ld, &view)
    }

    pub(in crate::render) fn council(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let listing = listing(Kind::Council);
        let c = site.councils.get(i).ok_or_else(|| self.missing())?;
        let crumbs = vec![crumb(listing.label, listing.url), crumb(&c.title, &c.origin.path)];
        let view = CouncilPage { council: view::council(site, c, self.md()) };
        let ld = Some(data::council_ld(site, c));
        self.finish(Kind::Council.spec().item_template, c.title.clone(), crumbs, ld, &view)
    }

    pub(in crate::render) fn faqs(&self) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let listing = listing(Kind::Faq);
        let groups = access_view::faq_groups(
            site,
            self.md().top(if site.faqs.iter().any(|f| f.topic.is_some()) { 4 } else { 3 }),
        );
        let view =
            FaqsView { topics: site.faqs.iter().any(|f| f.topic.is_some()), groups, intro: self.intro(&listing) };
        let md = self.md_whole();
        let pairs: Vec<(String, String)> = site.faqs.iter().map(|f| (f.question.clone(), md.body(&f.answer))).collect();
        let ld = (!pairs.is_empty()).then(|| data::faq_ld(&pairs));
        self.finish(listing.template, listing.title.into(), vec![crumb(listing.label, listing.url)], ld, &view)
    }

    pub(in crate::render) fn faq(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let listing = listing(Kind::Faq);
        let f = site.faqs.get(i).ok_or_else(|| self.missing())?;
        let crumbs = vec![crumb(listing.label, listing.url), crumb(&f.question, &f.origin.path)];
        let view =
            FaqPage { faq: access_view::faq(f, self.md()), listed_at: format!("{}#{}", listing.url, f.anchor()) };
        let ld = Some(data::faq_ld(&[(f.question.clone(), self.md_whole().body(&f.answer))]));
        self.finish(Kind::Faq.spec().item_template, f.question.clone(), crumbs, ld, &view)
    }

    /// The SIC's or the ombudsman's page: the site's file when it writes one, else the
    /// theme's page at the same address.
    pub(in crate::render) fn service(&self, kind: ServiceKind) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let (spec, written) = match kind {
            ServiceKind::Sic => (Generated::Sic.spec(), site.sic.as_ref()),
            ServiceKind::Ombudsman => (Generated::Ombudsman.spec(), site.ombudsman.as_ref()),
        };
        let title = written.and_then(|s| s.title.clone()).unwrap_or_else(|| spec.title.to_string());
        let crumbs = hub_crumbs(&title, spec.path);
        let view = ServicePage { service: access_view::service(site, kind, self.md()) };
        let ld = Some(data::service_ld(site, kind, written));
        self.finish(spec.template, title, crumbs, ld, &view)
    }

    pub(in crate::render) fn privacy(&self) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site();
        let spec = Generated::Privacy.spec();
        let title = site.privacy.as_ref().and_then(|p| p.title.clone()).unwrap_or_else(|| spec.title.to_string());
        let crumbs = vec![crumb(&title, spec.path)];
        let view = PrivacyPage { privacy: access_view::privacy(site, self.md()) };
        self.finish(spec.template, title, crumbs, data::privacy_ld(site), &view)
    }

    pub(in crate::render) fn classified(&self) -> Result<Vec<u8>, Diagnostic> {
        let spec = Generated::Classified.spec();
        self.finish(spec.template, spec.title.into(), hub_crumbs(spec.title, spec.path), None, &super::Nothing {})
    }

    pub(in crate::render) fn access_hub(&self) -> Result<Vec<u8>, Diagnostic> {
        let spec = Generated::AccessHub.spec();
        let view = HubPage { hub: hub_view::hub(self.site()) };
        self.finish(spec.template, spec.title.into(), vec![crumb(spec.title, spec.path)], None, &view)
    }
}
