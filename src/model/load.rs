//! SourceSet → Site: classify each file by where it lives, parse its YAML into the raw DTO,
//! convert the DTO into domain types (validating every value), then check cross-file rules.
//! All problems go to the Diagnostics sink; loading goes on so that one run reports them all.

use super::contact::{Email, EmailEntry, LabelledPhone, Phone};
use super::datetime::{Date, DateTime};
use super::field_error::FieldError;
use super::hours::OpeningHours;
use super::raw::{self, Text};
use super::schedule;
use super::slug::{self, content_path, slugify};
use super::*;
use crate::config::SiteConfig;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::kinds::{self, Kind, Role, Shape};
use crate::markdown;
use crate::source::frontmatter;
use crate::source::yaml::{YamlDoc, MAX_PROBLEMS};
use crate::source::{SourceFile, SourceSet};

mod runs;
mod transparency;
pub(crate) use runs::Split;
pub(super) use transparency::{newest_first, PendingAccess, PendingDoc};

/// Builds the model; `None` only when `site.yaml` itself is unusable.
/// Consumes the sources: each file's text becomes its page body (without its front matter,
/// see [`Loader::split`]) and is freed, so a large site is held in memory once.
pub(crate) fn load(sources: SourceSet, config: SiteConfig, today: DateTime, diagnostics: &mut Diagnostics) -> Site {
    load_split(sources, config, today, Split::Auto, Looks::AtLoad, diagnostics)
}

/// When the load looks at the page bodies (`markdown::check`: what the render would refuse
/// or drop, and what the site check needs of each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Looks {
    /// Each body is parsed for its look as it loads, and its problems reported with the load's.
    AtLoad,
    /// The look is left to the pass that renders the body (`build` and `check`, which render
    /// every page): a body is then parsed once, not once here and once for its page. The
    /// problems are then reported after the render (`pipeline::report_looks`); a body no
    /// route rendered is looked at there. A load with errors stops before any render, so it
    /// is not one to use this way alone: `pipeline::load_for_render` loads such a site again
    /// looking at once.
    AtRender,
}

/// [`load`], the bodies looked at as `looks` says.
pub(crate) fn load_looking(
    sources: SourceSet,
    config: SiteConfig,
    today: DateTime,
    looks: Looks,
    diagnostics: &mut Diagnostics,
) -> Site {
    load_split(sources, config, today, Split::Auto, looks, diagnostics)
}

/// [`load`], the files shared out among the threads as `split` says (the model and the
/// diagnostics are the same whatever the split; see [`runs`]).
pub(crate) fn load_split(
    sources: SourceSet,
    config: SiteConfig,
    today: DateTime,
    split: Split,
    looks: Looks,
    diagnostics: &mut Diagnostics,
) -> Site {
    // The files the site publishes as they are, for the documents that name one.
    let files = validate::published_files(&sources);
    let times = &sources.times;
    let config_updated = sources
        .site_yaml
        .as_ref()
        .and_then(|f| times.get(&f.rel_path))
        .and_then(|&secs| updated::from_source(secs, config.time_zone, today));
    let mut pending = runs::load_all(sources.content, &config, times, today, (split, looks), diagnostics);
    pending.failed.extend(sources.unreadable.iter().cloned());
    let access = std::mem::take(&mut pending.access);
    let mut site = Site {
        home: pending.home.unwrap_or_else(|| Page {
            origin: Origin { file: "content/_index.md".into(), path: String::new(), updated: None },
            title: config.title.clone(),
            description: None,
            date: None,
            weight: 0,
            body: Body::default(),
        }),
        config,
        secretariat: None,
        units: pending.units,
        assessorias: Vec::new(),
        notices: Vec::new(),
        laws: pending.laws,
        pages: pending.pages,
        sections: Vec::new(),
        programs: Vec::new(),
        councils: Vec::new(),
        faqs: Vec::new(),
        sic: None,
        ombudsman: None,
        privacy: None,
        listing_intros: pending.listing_intros,
        assets: sources.content_assets.iter().map(|p| p.strip_prefix("content").unwrap_or(p).to_path_buf()).collect(),
        today,
        config_updated,
        glossary: Default::default(),
        field_texts: std::mem::take(&mut pending.field_texts),
    };
    validate::resolve(
        &mut site,
        pending.secretariat,
        pending.assessorias,
        pending.notices,
        &pending.failed,
        diagnostics,
    );
    validate::resolve_access(&mut site, access, &files, &pending.sections, &pending.failed, diagnostics);
    validate::finish(&mut site, pending.sections, diagnostics);
    site.glossary = glossary(&site);
    site
}

/// The theme's acronyms and the ones `siglas:` names. Not the acronyms of units or councils:
/// every page would then depend on those files (a unit renamed would change the `<abbr>` of
/// pages that only name it), which the dev loop's dependencies do not record.
fn glossary(site: &Site) -> crate::markdown::glossary::Glossary {
    crate::markdown::glossary::Glossary::new(site.config.review.acronyms.iter().map(|(a, m)| (a.clone(), m.clone())))
}

/// Parsed but not yet cross-checked content.
#[derive(Default)]
pub(super) struct Pending {
    home: Option<Page>,
    pub(super) secretariat: Option<(Secretariat, Option<Ref>)>,
    units: Vec<Unit>,
    pub(super) assessorias: Vec<(Assessoria, AssessoriaRefs)>,
    pub(super) notices: Vec<(Notice, NoticeRefs)>,
    laws: Vec<LegalText>,
    pages: Vec<Page>,
    pub(super) sections: Vec<Section>,
    listing_intros: Vec<Page>,
    /// The Markdown texts of YAML fields, with where their lines are.
    field_texts: Vec<FieldText>,
    /// Programmes, councils, questions, the SIC, the ombudsman and the privacy page.
    access: PendingAccess,
    /// Content files that exist but could not be read or parsed (their errors are reported):
    /// references to them are not reported a second time.
    pub(super) failed: std::collections::BTreeSet<std::path::PathBuf>,
}

/// A reference from one file to another piece of content, remembered with where it was written.
#[derive(Debug, Clone)]
pub(super) struct Ref {
    pub(super) target: String,
    pub(super) file: std::path::PathBuf,
    pub(super) location: crate::diagnostics::Location,
}

#[derive(Debug, Default)]
pub(super) struct AssessoriaRefs {
    pub(super) unit: Option<Ref>,
    pub(super) superior: Option<Ref>,
    pub(super) attributions: Option<Ref>,
}

#[derive(Debug, Default)]
pub(super) struct NoticeRefs {
    pub(super) unit: Option<Ref>,
    pub(super) organizer: Option<Ref>,
}

fn reference(doc: &YamlDoc<'_>, key: &str, target: Option<&String>) -> Option<Ref> {
    let target = target?;
    Some(Ref {
        target: target.trim().to_string(),
        file: doc.file.to_path_buf(),
        location: doc.locate_value(key, target),
    })
}

struct Loader<'a> {
    config: &'a SiteConfig,
    diagnostics: &'a mut Diagnostics,
    pending: Pending,
    /// Value problems found in the file being loaded; past `MAX_PROBLEMS` they are counted,
    /// not located (locating one scans the file: thousands of bad phones would be quadratic).
    located: usize,
    /// The same for warnings (e-mails published as text).
    warned: usize,
    /// When each file last changed, as read (see `source::dates`).
    times: &'a crate::source::Times,
    /// The build's "now": no date of update is later.
    today: DateTime,
    looks: Looks,
}

impl Loader<'_> {
    fn file(&mut self, file: SourceFile) {
        let path = file.rel_path.clone();
        (self.located, self.warned) = (0, 0);
        self.load_file(file);
        if let Some(more) = self.located.checked_sub(MAX_PROBLEMS).filter(|&n| n > 0) {
            self.diagnostics.push(crate::source::yaml::more_problems(&path, more));
        }
        if let Some(more) = self.warned.checked_sub(MAX_PROBLEMS).filter(|&n| n > 0) {
            self.diagnostics.push(
                Diagnostic::new(Code::MoreWarnings, format!("e mais {more} avisos neste arquivo"))
                    .in_file(&path)
                    .with_help("corrija os avisos acima e rode de novo para ver os outros"),
            );
        }
    }

    /// Whether one more value error of the current file is shown.
    fn shows_another(&mut self) -> bool {
        self.located += 1;
        self.located <= MAX_PROBLEMS
    }

    /// One file, by what [`kinds::classify`] says it is.
    fn load_file(&mut self, file: SourceFile) {
        let role = kinds::classify(&file.rel_path);
        let rel = file.rel_path.strip_prefix("content").unwrap_or(&file.rel_path);
        let rel_str = rel.to_string_lossy().replace('\\', "/");
        let stem_path = rel_str.rsplit_once('.').map_or(rel_str.as_str(), |(stem, _)| stem);
        let stem = stem_path.rsplit('/').next().unwrap_or("").to_string();
        let updated =
            self.times.get(&file.rel_path).and_then(|&s| updated::from_source(s, self.config.time_zone, self.today));
        let origin = Origin { file: file.rel_path.clone(), path: content_path(stem_path), updated };
        let shape = match role {
            Role::Item(kind) => kind.spec().shape,
            Role::Intro(_) => Shape::Markdown,
            // `SourceSet::content` holds text files only.
            Role::Attachment => return,
            Role::Misplaced => {
                // A kind written in Markdown lives here: the file is that kind with the wrong extension.
                let as_markdown = file.rel_path.with_extension("md");
                let help = match kinds::classify(&as_markdown) {
                    Role::Item(kind) if !matches!(kind, Kind::Page | Kind::Section) => format!(
                        "aqui o conteúdo é escrito em Markdown, com os dados num cabeçalho entre linhas ---: renomeie para {} (veja docs/conteudo.md)",
                        as_markdown.display()
                    ),
                    _ => "dados estruturados ficam em content/secretaria.yaml ou content/unidades/NOME.yaml; páginas são arquivos .md".to_string(),
                };
                self.diagnostics.push(
                    Diagnostic::new(Code::YamlMisplaced, "arquivo YAML em lugar não reconhecido")
                        .in_file(&file.rel_path)
                        .with_help(help),
                );
                return;
            }
        };
        let rel_path = file.rel_path.clone();
        let (yaml, yaml_line_offset, body) = match shape {
            // A data file is its whole text; no body.
            Shape::Yaml => (file.text, 0, Body::default()),
            Shape::Markdown => match self.split(file) {
                Some(split) => split,
                None => return,
            },
        };
        let doc = YamlDoc { file: &rel_path, text: &yaml, line_offset: yaml_line_offset };
        match role {
            Role::Intro(_) => {
                if let Some(page) = self.page(doc, body, origin) {
                    self.pending.listing_intros.push(page);
                }
            }
            Role::Item(Kind::Home) => self.pending.home = self.page(doc, body, origin),
            Role::Item(Kind::Secretariat) => self.secretariat(doc, origin),
            Role::Item(Kind::Structure) => self.assessoria(doc, body, origin, &stem),
            Role::Item(Kind::Unit) => self.unit(doc, origin, &stem),
            Role::Item(Kind::Notice) => self.notice(doc, body, origin),
            Role::Item(Kind::Law) => self.law(doc, body, origin),
            Role::Item(Kind::Section) => self.section(doc, body, origin),
            Role::Item(Kind::Program) => self.program(doc, body, origin),
            Role::Item(Kind::Council) => self.council(doc, body, origin),
            Role::Item(Kind::Faq) => self.faq(doc, body, origin),
            Role::Item(Kind::Sic) => self.service(doc, body, origin, super::access::ServiceKind::Sic),
            Role::Item(Kind::Ombudsman) => self.service(doc, body, origin, super::access::ServiceKind::Ombudsman),
            Role::Item(Kind::Privacy) => self.privacy(doc, body, origin),
            Role::Item(Kind::Page) => {
                if let Some(page) = self.page(doc, body, origin) {
                    self.pending.pages.push(page);
                }
            }
            Role::Misplaced | Role::Attachment => {}
        }
    }

    /// (front matter, its line offset, body). The body reuses the file's buffer when the file
    /// has no front matter; otherwise it is copied into a block of its own size, and the
    /// file's freed: a body is kept for the whole build, and the front matter left in its
    /// block's slack would be too (2.6 MB at 10,000 pages).
    fn split(&mut self, file: SourceFile) -> Option<(String, usize, Body)> {
        match frontmatter::split(&file.text) {
            Ok(split) => {
                let yaml = split.yaml.to_string();
                let body_start = file.text.len() - split.body.len();
                let (yaml_line_offset, body_line_offset) = (split.yaml_line_offset, split.body_line_offset);
                let text = if body_start == 0 { file.text } else { split.body.to_owned() };
                Some((
                    yaml,
                    yaml_line_offset,
                    Body { markdown: text, line_offset: body_line_offset, looked: Default::default() },
                ))
            }
            Err(line) => {
                self.pending.failed.insert(file.rel_path.clone());
                self.diagnostics.push(
                    Diagnostic::new(Code::FrontMatterOpen, "o cabeçalho (front matter) começa com --- mas não termina")
                        .in_file(&file.rel_path)
                        .at(crate::diagnostics::Location::new(line, 1))
                        .with_help("feche o cabeçalho com uma linha contendo só ---"),
                );
                None
            }
        }
    }

    /// Parses a document; a file that fails is remembered as existing but unusable.
    fn parse<T: serde::de::DeserializeOwned>(&mut self, doc: &YamlDoc<'_>) -> Option<T> {
        let parsed = doc.parse(self.diagnostics);
        if parsed.is_none() {
            self.pending.failed.insert(doc.file.to_path_buf());
        }
        parsed
    }

    fn report(&mut self, doc: &YamlDoc<'_>, key: &str, value: &str, error: FieldError) {
        if !self.shows_another() {
            return;
        }
        self.diagnostics.push(
            Diagnostic::new(error.code, error.message)
                .in_file(doc.file)
                .at(doc.locate_value(key, value))
                .with_help_opt(error.help),
        );
    }

    fn check<T>(&mut self, doc: &YamlDoc<'_>, key: &str, value: &str, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.report(doc, key, value, e)).ok()
    }

    fn date(&mut self, doc: &YamlDoc<'_>, key: &str, text: Option<&Text>) -> Option<Date> {
        let text = text?;
        self.check(doc, key, text.as_str(), Date::parse(text.as_str()))
    }

    fn phones(&mut self, doc: &YamlDoc<'_>, phones: &[raw::PhoneYaml]) -> Vec<LabelledPhone> {
        let ddd = self.config.default_ddd;
        phones
            .iter()
            .filter_map(|p| {
                let phone = self.check(doc, "telefones", p.numero.as_str(), Phone::parse(p.numero.as_str(), ddd))?;
                Some(LabelledPhone::new(phone, p.descricao.as_deref()))
            })
            .collect()
    }

    /// A malformed address is published as the editor wrote it, as text, with a warning: it
    /// may still be what a reader needs, and only a person can correct it.
    fn emails(&mut self, doc: &YamlDoc<'_>, emails: &[String]) -> Vec<EmailEntry> {
        let mut out = Vec::new();
        for text in emails {
            match Email::parse(text) {
                Ok(email) => out.push(EmailEntry::Valid(email)),
                Err(e) => {
                    let kept = !text.trim().is_empty();
                    if kept {
                        out.push(EmailEntry::AsWritten(text.trim().to_string()));
                    }
                    self.warned += 1;
                    if self.warned > MAX_PROBLEMS {
                        continue;
                    }
                    let consequence = if kept { "publicado como texto, sem link" } else { "nada foi publicado" };
                    self.diagnostics.push(
                        Diagnostic::new(Code::ContactDropped, format!("{}; {consequence}", e.message))
                            .in_file(doc.file)
                            .at(doc.locate_value("emails", text))
                            .with_help_opt(e.help),
                    );
                }
            }
        }
        out
    }

    /// `atualizado:` as the editor wrote it replaces the date the file's history gives.
    fn updated(&mut self, doc: &YamlDoc<'_>, written: Option<&Text>, origin: &mut Origin) {
        let Some(text) = written else { return };
        match updated::written(text.as_str(), self.today) {
            Ok((date, ahead)) => {
                origin.updated = Some(date);
                if let Some(w) = ahead {
                    self.diagnostics.push(
                        Diagnostic::new(w.code, w.message)
                            .in_file(doc.file)
                            .at(doc.locate_value("atualizado", text.as_str()))
                            .with_help_opt(w.help),
                    );
                }
            }
            Err(e) => self.report(doc, "atualizado", text.as_str(), e),
        }
    }

    /// The look at an item's body, now or left to the render ([`Looks`]).
    fn look(&mut self, file: &std::path::Path, body: &Body) {
        if self.looks == Looks::AtLoad {
            markdown::check::body(file, body, self.diagnostics);
        }
    }

    fn drafted(&self, draft: bool) -> bool {
        draft && !self.config.drafts
    }

    fn page(&mut self, doc: YamlDoc<'_>, body: Body, mut origin: Origin) -> Option<Page> {
        let raw: raw::PageYaml = self.parse(&doc)?;
        self.updated(&doc, raw.atualizado.as_ref(), &mut origin);
        if self.drafted(raw.rascunho) {
            return None;
        }
        self.look(doc.file, &body);
        let date = self.date(&doc, "data", raw.data.as_ref());
        let title = raw.titulo.unwrap_or_else(|| match slug::title_from_path(&origin.path) {
            t if t.is_empty() => self.config.title.clone(),
            t => t,
        });
        Some(Page { origin, title, description: raw.descricao, date, weight: raw.peso.unwrap_or(0), body })
    }

    fn section(&mut self, doc: YamlDoc<'_>, body: Body, origin: Origin) {
        if let Some(page) = self.page(doc, body, origin) {
            self.pending.sections.push(Section {
                origin: page.origin,
                title: page.title,
                description: page.description,
                weight: page.weight,
                body: page.body,
                pages: Vec::new(),
            });
        }
    }

    fn secretariat(&mut self, doc: YamlDoc<'_>, mut origin: Origin) {
        let Some(raw) = self.parse::<raw::SecretariatYaml>(&doc) else { return };
        self.updated(&doc, raw.atualizado.as_ref(), &mut origin);
        let markdown_fields = [("apresentacao", &raw.apresentacao), ("missao", &raw.missao), ("visao", &raw.visao)]
            .into_iter()
            .filter_map(|(key, text)| Some((key, text.as_deref()?)))
            .chain(raw.valores.iter().filter_map(|v| Some(("descricao", v.descricao.as_deref()?))))
            .chain(raw.secoes.iter().map(|s| ("texto", s.texto.as_str())));
        let path = "secretaria/";
        for (key, text) in markdown_fields {
            markdown::check::yaml_field(&doc, key, text, self.diagnostics);
            self.field_text(&doc, Origin { path: path.into(), ..origin.clone() }, key, text);
        }
        let competences = reference(&doc, "competencias", raw.competencias.as_ref());
        let secretariat = Secretariat {
            origin: Origin { path: path.into(), ..origin },
            name: raw.nome,
            acronym: raw.sigla,
            head: raw.titular.map(|p| Person { name: p.nome, role: p.cargo }),
            presentation: raw.apresentacao,
            mission: raw.missao,
            vision: raw.visao,
            values: raw.valores.into_iter().map(|v| Value { name: v.nome, description: v.descricao }).collect(),
            competences: None,
            sections: raw.secoes.into_iter().map(|s| TextSection { title: s.titulo, markdown: s.texto }).collect(),
        };
        self.pending.secretariat = Some((secretariat, competences));
    }

    /// Keeps the Markdown `text` of `key` with where its lines are, for the site check.
    fn field_text(&mut self, doc: &YamlDoc<'_>, origin: Origin, key: &str, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        let lines = markdown::check::yaml_field_lines(doc, key, text);
        self.pending.field_texts.push(FieldText { origin, markdown: text.to_owned(), lines });
    }

    fn unit(&mut self, doc: YamlDoc<'_>, mut origin: Origin, stem: &str) {
        let Some(raw) = self.parse::<raw::UnitYaml>(&doc) else { return };
        self.updated(&doc, raw.atualizado.as_ref(), &mut origin);
        if let Some(text) = &raw.texto {
            markdown::check::yaml_field(&doc, "texto", text, self.diagnostics);
            self.field_text(&doc, origin.clone(), "texto", text);
        }
        let kind = match raw.tipo.as_deref() {
            None => Some(UnitKind::Outro),
            Some(t) => {
                let kind = UnitKind::parse(t);
                if kind.is_none() {
                    let e = FieldError::new(Code::UnknownKind, format!("tipo de unidade desconhecido: {t}"))
                        .with_help(format!("use um destes: {}", UnitKind::NAMES.join(", ")));
                    self.report(&doc, "tipo", t, e);
                }
                kind
            }
        };
        let phones = self.phones(&doc, &raw.telefones);
        let emails = self.emails(&doc, &raw.emails);
        let hours = self.hours(&doc, raw.horario.as_ref(), &raw.excecoes);
        let on_call = raw.plantao.as_ref().and_then(|p| self.on_call(&doc, p));
        let address = raw.endereco.map(|a| self.address(a));
        self.pending.units.push(Unit {
            origin,
            id: stem.to_string(),
            name: raw.nome,
            kind: kind.unwrap_or(UnitKind::Outro),
            acronym: raw.sigla,
            main: raw.principal,
            address,
            phones,
            emails,
            hours,
            on_call,
            services: raw.servicos,
            text: raw.texto,
            weight: raw.peso.unwrap_or(0),
        });
    }

    fn hours(
        &mut self,
        doc: &YamlDoc<'_>,
        written: Option<&raw::HoursYaml>,
        exceptions: &[raw::ExceptionYaml],
    ) -> Option<OpeningHours> {
        let entries = match written? {
            raw::HoursYaml::Entries(entries) => entries,
            raw::HoursYaml::Text(text) => {
                self.report(doc, "horario", text.trim(), hours::suggest::without_days(text));
                return None;
            }
        };
        let mut hours = match OpeningHours::from_entries(entries) {
            Ok(hours) => hours,
            Err(e) => {
                // Point at the first entry whose own parse fails, or at the `horario` key.
                let culprit = entries
                    .iter()
                    .find(|(k, v)| OpeningHours::from_entries(&[(k.clone(), v.clone())]).is_err())
                    .map(|(k, v)| (k.clone(), v.clone()));
                match culprit {
                    Some((k, v)) => self.report(doc, &k, &format!("{k}: {v}"), e),
                    None => self.report(doc, "horario", "horario:", e),
                }
                return None;
            }
        };
        let mut parsed: Vec<Result<Option<hours::Exception>, FieldError>> = exceptions
            .iter()
            .map(|e| hours::Exception::parse(e.data.as_str(), e.horario.as_str(), e.motivo.as_deref()).map(Some))
            .collect();
        // Added in date order, so that each one goes at the end of the sorted list (linear for
        // thousands written in any order); the stable sort keeps the written order within a
        // date, so a repeated date is refused on its later entry, as written.
        let mut order: Vec<usize> = (0..parsed.len()).collect();
        order.sort_by_key(|&i| parsed.get(i).and_then(|p| p.as_ref().ok()?.as_ref().map(|e| e.date)));
        for i in order {
            if let Some(slot) = parsed.get_mut(i) {
                if let Ok(Some(exception)) = std::mem::replace(slot, Ok(None)) {
                    *slot = hours.add_exception(exception).map(|()| None);
                }
            }
        }
        for (exception, result) in exceptions.iter().zip(parsed) {
            self.check(doc, "excecoes", exception.data.as_str(), result);
        }
        Some(hours)
    }

    fn on_call(&mut self, doc: &YamlDoc<'_>, raw: &raw::OnCallYaml) -> Option<OnCall> {
        let trimmed = |t: &Option<String>| t.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        let phones = self.phones(doc, &raw.telefones);
        let hours = self.hours(doc, raw.horario.as_ref(), &[]);
        let description = trimmed(&raw.descricao);
        if description.is_none() && raw.horario.is_none() {
            let e = FieldError::new(Code::InconsistentFields, "o plantão não diz quando atende").with_help(
                "acrescente `descricao:` (por exemplo \"Noites, fins de semana e feriados\") ou `horario:` \
                 (por exemplo `todos os dias: 24h`)",
            );
            self.report(doc, "plantao", "plantao:", e);
            return None;
        }
        if raw.horario.is_some() && hours.is_none() {
            return None;
        }
        Some(OnCall { name: trimmed(&raw.nome), description, phones, hours })
    }

    fn assessoria(&mut self, doc: YamlDoc<'_>, body: Body, mut origin: Origin, stem: &str) {
        let Some(raw) = self.parse::<raw::AssessoriaYaml>(&doc) else { return };
        self.updated(&doc, raw.atualizado.as_ref(), &mut origin);
        if self.drafted(raw.rascunho) {
            return;
        }
        self.look(doc.file, &body);
        let phones = self.phones(&doc, &raw.telefones);
        let emails = self.emails(&doc, &raw.emails);
        let kind = StructureKind::infer(raw.tipo.as_deref(), &raw.titulo).unwrap_or_else(|| {
            let tipo = raw.tipo.as_deref().unwrap_or_default();
            let e = FieldError::new(Code::UnknownKind, format!("tipo desconhecido: {tipo}"))
                .with_help(format!("use um destes: {}", StructureKind::NAMES.join(", ")));
            self.report(&doc, "tipo", tipo, e);
            StructureKind { position: false, gender: Gender::Unknown }
        });
        let (attributions, attributions_ref) = match &raw.atribuicoes {
            None => (Attributions::None, None),
            Some(raw::AttributionsYaml::List(list)) => (Attributions::List(list.clone()), None),
            Some(raw::AttributionsYaml::Reference(r)) => (Attributions::None, reference(&doc, "atribuicoes", Some(r))),
        };
        let refs = AssessoriaRefs {
            unit: reference(&doc, "unidade", raw.unidade.as_ref()),
            superior: reference(&doc, "superior", raw.superior.as_ref()),
            attributions: attributions_ref,
        };
        let assessoria = Assessoria {
            origin,
            id: stem.to_string(),
            kind,
            title: raw.titulo.clone(),
            acronym: raw.sigla.clone(),
            head: raw.responsavel.clone(),
            unit: None,
            superior: None,
            phones,
            emails,
            attributions,
            weight: raw.peso.unwrap_or(0),
            description: raw.descricao.clone(),
            body,
        };
        self.pending.assessorias.push((assessoria, refs));
    }

    fn notice(&mut self, doc: YamlDoc<'_>, body: Body, mut origin: Origin) {
        let Some(raw) = self.parse::<raw::NoticeYaml>(&doc) else { return };
        self.updated(&doc, raw.atualizado.as_ref(), &mut origin);
        if self.drafted(raw.rascunho) {
            return;
        }
        self.look(doc.file, &body);
        let kind = match raw.tipo.as_deref() {
            None => Some(NoticeKind::Aviso),
            Some(t) => {
                let kind = NoticeKind::parse(t);
                if kind.is_none() {
                    let e = FieldError::new(Code::UnknownKind, format!("tipo de aviso desconhecido: {t}"))
                        .with_help(format!("use um destes: {}", NoticeKind::NAMES.join(", ")));
                    self.report(&doc, "tipo", t, e);
                }
                kind
            }
        };
        let schedule = self.schedule(&doc, &raw);
        let (Some(kind), Some((start, end, series))) = (kind, schedule) else { return };
        let refs = NoticeRefs {
            unit: reference(&doc, "unidade", raw.unidade.as_ref()),
            organizer: reference(&doc, "organizador", raw.organizador.as_ref()),
        };
        let notice = Notice {
            origin,
            title: raw.titulo,
            kind,
            start,
            end,
            series,
            place: raw.local,
            address: raw.endereco,
            unit: None,
            organizer: None,
            description: raw.descricao,
            body,
        };
        self.pending.notices.push((notice, refs));
    }

    /// When a notice happens: `inicio` (and `fim`), or a series of `datas` at one `horario`.
    fn schedule(
        &mut self,
        doc: &YamlDoc<'_>,
        raw: &raw::NoticeYaml,
    ) -> Option<(DateTime, Option<DateTime>, Vec<Occurrence>)> {
        if let Some(dates) = &raw.datas {
            let misplaced = [("inicio", raw.inicio.as_ref()), ("fim", raw.fim.as_ref())];
            if let Some((key, Some(text))) = misplaced.into_iter().find(|(_, v)| v.is_some()) {
                let e = FieldError::new(Code::InconsistentFields, format!("`{key}` e `datas` no mesmo aviso"))
                    .with_help(
                        "uma série de reuniões usa só `datas` e `horario` (por exemplo `horario: 14h às 16h`); \
                     um aviso de uma data só usa `inicio` e `fim`",
                    );
                self.report(doc, key, text.as_str(), e);
                return None;
            }
            let texts: Vec<&str> = dates.iter().map(Text::as_str).collect();
            return match schedule::series(&texts, raw.horario.as_ref().map(Text::as_str)) {
                Ok(series) => {
                    let first = series.first()?.start;
                    Some((first, None, series))
                }
                Err((index, e)) => {
                    match index.and_then(|i| texts.get(i)) {
                        Some(text) => self.report(doc, "datas", text, e),
                        None => {
                            let at = raw.horario.as_ref().map_or("datas:", Text::as_str);
                            self.report(doc, "horario", at, e);
                        }
                    }
                    None
                }
            };
        }
        let Some(inicio) = &raw.inicio else {
            let e = FieldError::new(Code::MissingKey, "campo obrigatório ausente: `inicio`").with_help(
                "acrescente `inicio: 26/09/2019 14:00` (data e hora), ou, para uma série de reuniões, \
                 `datas:` com a lista de datas (veja docs/conteudo.md)",
            );
            self.report(doc, "inicio", "", e);
            return None;
        };
        if let Some(time) = &raw.horario {
            let e = FieldError::new(Code::InconsistentFields, "`horario` vale só para uma série de `datas`")
                .with_help("escreva a hora em `inicio` (por exemplo 26/09/2019 14:00) e o fim em `fim`");
            self.report(doc, "horario", time.as_str(), e);
            return None;
        }
        let start = self.check(doc, "inicio", inicio.as_str(), DateTime::parse(inicio.as_str()));
        let end = raw.fim.as_ref().and_then(|f| self.check(doc, "fim", f.as_str(), DateTime::parse(f.as_str())));
        let start = start?;
        if let (Some(end_text), Some(end)) = (&raw.fim, &end) {
            if let Err(e) = datetime::Period::new(start, Some(*end)) {
                self.report(doc, "fim", end_text.as_str(), e);
                return None;
            }
        }
        Some((start, end, Vec::new()))
    }

    fn law(&mut self, doc: YamlDoc<'_>, body: Body, mut origin: Origin) {
        let Some(raw) = self.parse::<raw::LegalYaml>(&doc) else { return };
        self.updated(&doc, raw.atualizado.as_ref(), &mut origin);
        if self.drafted(raw.rascunho) {
            return;
        }
        let norm = raw.norma.as_ref().and_then(|n| {
            let kind = slugify(&n.tipo);
            if !Norm::KINDS.contains(&kind.as_str()) {
                let e = FieldError::new(Code::UnknownKind, format!("tipo de norma desconhecido: {}", n.tipo))
                    .with_help(format!("use um destes: {}", Norm::KINDS.join(", ")));
                self.report(&doc, "tipo", &n.tipo, e);
                return None;
            }
            let year = n.data.as_ref().and_then(|d| Norm::year_only(d.as_str()));
            let date = match (&n.data, year) {
                (Some(text), None) => Some(self.date(&doc, "data", Some(text))?),
                _ => None,
            };
            let norm = Norm { kind, number: n.numero.0.clone(), date, year };
            match norm.check() {
                Err(e) => {
                    self.report(&doc, "numero", &n.numero.0, e);
                    return None;
                }
                Ok(Some(w)) => self.diagnostics.push(
                    Diagnostic::new(Code::NormNumber, w.message)
                        .in_file(doc.file)
                        .at(doc.locate_value("numero", &n.numero.0))
                        .with_help_opt(w.help),
                ),
                Ok(None) => {}
            }
            Some(norm)
        });
        self.date(&doc, "data", raw.data.as_ref());
        let tree = crate::legal::parse(&body.markdown);
        for warning in &tree.warnings {
            self.diagnostics.push(
                Diagnostic::new(Code::LegalText, warning.message.clone())
                    .in_file(doc.file)
                    .at(crate::diagnostics::Location::new(warning.line + body.line_offset, 1))
                    .with_help_opt(warning.hint.clone()),
            );
        }
        self.pending.laws.push(LegalText {
            origin,
            title: raw.titulo,
            norm,
            summary: raw.ementa,
            weight: raw.peso.unwrap_or(0),
            description: raw.descricao,
            tree,
        });
    }
}
