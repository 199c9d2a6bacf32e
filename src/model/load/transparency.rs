//! The loaders of the transparency kinds: frequent questions, programmes, councils, the SIC
//! and the ombudsman, the privacy page. Each value is validated as the other kinds' are (the
//! same phones, e-mails, hours, dates); references to units, laws and documents of the site
//! are remembered with where they were written and resolved in `model::validate`.

use super::super::access::{Faq, Officer, Privacy, Service, ServiceKind};
use super::super::council::{BoardMember, Council, Seat, Segment, Term};
use super::super::document::{self, Document, Local, Target, Written};
use super::super::programs::{Indicator, Program};
use super::super::raw_access::{
    CouncilYaml, DocumentYaml, FaqYaml, OfficerYaml, PrivacyYaml, ProgramYaml, ServiceYaml, TermYaml,
};
use super::{reference, Loader, Ref};
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown;
use crate::model::datetime::Date;
use crate::model::field_error::FieldError;
use crate::model::{Address, Body, Origin, Person};
use crate::source::yaml::YamlDoc;

/// A document whose address is on this site: resolved once every file is loaded.
#[derive(Debug)]
pub(in crate::model) struct PendingDoc {
    /// The document, its target a placeholder until resolved.
    pub(in crate::model) doc: Document,
    /// The file or page it names, and where that was written.
    pub(in crate::model) local: Option<(Local, Ref)>,
}

#[derive(Debug, Default)]
pub(in crate::model) struct ProgramRefs {
    pub(in crate::model) unit: Option<Ref>,
    pub(in crate::model) documents: Vec<PendingDoc>,
}

#[derive(Debug, Default)]
pub(in crate::model) struct CouncilRefs {
    pub(in crate::model) unit: Option<Ref>,
    pub(in crate::model) law: Option<Ref>,
    pub(in crate::model) minutes: Vec<PendingDoc>,
    pub(in crate::model) resolutions: Vec<PendingDoc>,
    pub(in crate::model) documents: Vec<PendingDoc>,
}

/// The transparency kinds, parsed but not yet cross-checked.
#[derive(Debug, Default)]
pub(in crate::model) struct PendingAccess {
    pub(in crate::model) programs: Vec<(Program, ProgramRefs)>,
    pub(in crate::model) councils: Vec<(Council, CouncilRefs)>,
    pub(in crate::model) faqs: Vec<Faq>,
    /// The SIC and the ombudsman, with the unit each names.
    pub(in crate::model) services: Vec<(Service, Option<Ref>)>,
    pub(in crate::model) privacy: Option<Privacy>,
}

/// Trimmed, `None` when empty.
fn text(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

impl Loader<'_> {
    /// `value` trimmed; an empty one is reported at `key` (a page with an empty title or a
    /// table with an empty cell says nothing).
    fn required(&mut self, doc: &YamlDoc<'_>, key: &str, value: &str, example: &str) -> Option<String> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            let e = FieldError::new(Code::EmptyValue, format!("`{key}` está vazio"))
                .with_help(format!("escreva {example}"));
            self.report(doc, key, &format!("{key}:"), e);
            return None;
        }
        Some(trimmed.to_string())
    }

    pub(super) fn faq(&mut self, doc: YamlDoc<'_>, body: Body, mut origin: Origin) {
        let Some(raw) = self.parse::<FaqYaml>(&doc) else { return };
        self.updated(&doc, raw.atualizado.as_ref(), &mut origin);
        if self.drafted(raw.rascunho) {
            return;
        }
        self.look(doc.file, &body);
        if body.markdown.trim().is_empty() {
            self.diagnostics.push(
                Diagnostic::new(Code::EmptyValue, "a pergunta não tem resposta")
                    .in_file(doc.file)
                    .at(crate::diagnostics::Location::new(body.line_offset.max(1), 1))
                    .with_help("escreva a resposta em Markdown depois do cabeçalho (abaixo da linha ---)"),
            );
            return;
        }
        let question = raw.pergunta.trim().to_string();
        if question.is_empty() {
            let e = FieldError::new(Code::EmptyValue, "a pergunta está vazia")
                .with_help("escreva a pergunta, por exemplo `pergunta: Como faço a inscrição no Cadastro Único?`");
            self.report(&doc, "pergunta", "pergunta:", e);
            return;
        }
        self.pending.access.faqs.push(Faq {
            origin,
            question,
            topic: text(raw.tema),
            weight: raw.peso.unwrap_or(0),
            answer: body,
        });
    }

    pub(super) fn program(&mut self, doc: YamlDoc<'_>, body: Body, mut origin: Origin) {
        let Some(raw) = self.parse::<ProgramYaml>(&doc) else { return };
        self.updated(&doc, raw.atualizado.as_ref(), &mut origin);
        if self.drafted(raw.rascunho) {
            return;
        }
        self.look(doc.file, &body);
        if let Some(access) = &raw.como_acessar {
            markdown::check::yaml_field(&doc, "como_acessar", access, self.diagnostics);
        }
        let Some(title) = self.required(&doc, "titulo", &raw.titulo, "o nome do programa") else { return };
        let mut indicators = Vec::new();
        for i in raw.indicadores {
            let name = self.required(&doc, "nome", &i.nome, "o nome do indicador");
            let value = self.required(&doc, "valor", i.valor.as_str(), "o valor do indicador, como publicado");
            let (Some(name), Some(value)) = (name, value) else { continue };
            indicators.push(Indicator {
                name,
                value,
                reference: i.referencia.map(|r| r.0.trim().to_string()).filter(|r| !r.is_empty()),
                source: text(i.fonte),
            });
        }
        let documents = self.documents(&doc, &raw.documentos, "documento");
        let refs = ProgramRefs { unit: reference(&doc, "unidade", raw.unidade.as_ref()), documents };
        let list = |items: Vec<crate::model::raw::Text>| -> Vec<String> {
            items.into_iter().map(|t| t.0.trim().to_string()).filter(|t| !t.is_empty()).collect()
        };
        let program = Program {
            origin,
            title,
            acronym: text(raw.sigla),
            description: text(raw.descricao),
            audience: text(raw.publico),
            access: text(raw.como_acessar),
            unit: None,
            legal_basis: text(raw.base_legal),
            goals: list(raw.metas),
            results: list(raw.resultados),
            indicators,
            documents: Vec::new(),
            weight: raw.peso.unwrap_or(0),
            body,
        };
        self.pending.access.programs.push((program, refs));
    }

    pub(super) fn council(&mut self, doc: YamlDoc<'_>, body: Body, mut origin: Origin) {
        let Some(raw) = self.parse::<CouncilYaml>(&doc) else { return };
        self.updated(&doc, raw.atualizado.as_ref(), &mut origin);
        if self.drafted(raw.rascunho) {
            return;
        }
        self.look(doc.file, &body);
        let Some(title) = self.required(&doc, "titulo", &raw.titulo, "o nome do conselho") else { return };
        let term = raw.mandato.as_ref().and_then(|t| self.term(&doc, t));
        let mut seats = Vec::new();
        for seat in &raw.composicao {
            let segment = Segment::parse(&seat.segmento);
            if segment.is_none() {
                let e = FieldError::new(Code::UnknownKind, format!("segmento desconhecido: {}", seat.segmento.trim()))
                    .with_help(format!(
                        "use um destes: {} (a entidade ou o grupo representado vai em `representa`)",
                        Segment::NAMES.join(", ")
                    ));
                self.report(&doc, "segmento", seat.segmento.trim(), e);
            }
            let Some(represents) = self.required(
                &doc,
                "representa",
                &seat.representa,
                "o órgão, a entidade ou o grupo que a vaga representa",
            ) else {
                continue;
            };
            let (holder, alternate) = (text(seat.titular.clone()), text(seat.suplente.clone()));
            if holder.is_none() && alternate.is_none() {
                let e = FieldError::new(Code::MissingKey, format!("a vaga de “{represents}” não tem titular nem suplente"))
                    .with_help("escreva o nome em `titular:` e/ou `suplente:`; uma vaga ainda não preenchida pode ficar de fora até a nomeação");
                self.report(&doc, "representa", &represents, e);
                continue;
            }
            let seat_term = seat.mandato.as_ref().and_then(|t| self.term(&doc, t));
            if let Some(segment) = segment {
                seats.push(Seat {
                    segment,
                    represents: seat.representa.trim().to_string(),
                    holder,
                    alternate,
                    term: seat_term,
                });
            }
        }
        let mut board = Vec::new();
        for b in &raw.mesa_diretora {
            let role = self.required(&doc, "funcao", &b.funcao, "a função na mesa diretora (Presidente)");
            let name = self.required(&doc, "nome", &b.nome, "o nome de quem ocupa a função");
            if let (Some(role), Some(name)) = (role, name) {
                board.push(BoardMember { role, name });
            }
        }
        let refs = CouncilRefs {
            unit: reference(&doc, "unidade", raw.unidade.as_ref()),
            law: reference(&doc, "lei", raw.lei.as_ref()),
            minutes: self.documents(&doc, &raw.atas, "ata"),
            resolutions: self.documents(&doc, &raw.resolucoes, "resolução"),
            documents: self.documents(&doc, &raw.documentos, "documento"),
        };
        let council = Council {
            origin,
            title,
            acronym: text(raw.sigla),
            description: text(raw.descricao),
            unit: None,
            law: None,
            term,
            appointment: text(raw.nomeacao),
            board,
            seats,
            minutes: Vec::new(),
            resolutions: Vec::new(),
            documents: Vec::new(),
            weight: raw.peso.unwrap_or(0),
            body,
        };
        self.pending.access.councils.push((council, refs));
    }

    fn term(&mut self, doc: &YamlDoc<'_>, raw: &TermYaml) -> Option<Term> {
        let start = self.date(doc, "inicio", Some(&raw.inicio));
        let end = self.date(doc, "fim", Some(&raw.fim));
        let (start, end) = (start?, end?);
        self.check(doc, "fim", raw.fim.as_str(), Term::new(start, end))
    }

    /// A list of documents (`kind` names one in messages: "ata", "resolução", "documento").
    fn documents(&mut self, doc: &YamlDoc<'_>, raw: &[DocumentYaml], kind: &str) -> Vec<PendingDoc> {
        let mut out = Vec::new();
        for d in raw {
            let date = self.date(doc, "data", d.data.as_ref());
            if d.data.is_some() && date.is_none() {
                continue;
            }
            let title = text(d.titulo.clone());
            let number = d.numero.as_ref().map(|n| n.0.trim().to_string()).filter(|n| !n.is_empty());
            if title.is_none() && number.is_none() && date.is_none() {
                let e = FieldError::new(Code::MissingKey, format!("{kind} sem título, número nem data: {}", d.arquivo.trim()))
                    .with_help("acrescente `titulo:` (por exemplo “Regimento interno”), `numero:` ou `data:` para que a página diga que documento é este");
                self.report(doc, "arquivo", d.arquivo.trim(), e);
                continue;
            }
            let written = match document::parse(&d.arquivo) {
                Ok(written) => written,
                Err(e) => {
                    let at = if d.arquivo.trim().is_empty() { "arquivo:" } else { d.arquivo.trim() };
                    self.report(doc, "arquivo", at, e);
                    continue;
                }
            };
            let (target, local) = match written {
                Written::External(url) => (Target::External(url), None),
                Written::Local(local) => {
                    let r = reference(doc, "arquivo", Some(&d.arquivo)).map(|r| (local, r));
                    (Target::Site(String::new()), r)
                }
            };
            let doc = Document { title, number, date, summary: text(d.ementa.clone()), target };
            out.push(PendingDoc { doc, local });
        }
        out
    }

    /// `sic.md` or `ouvidoria.md`.
    pub(super) fn service(&mut self, doc: YamlDoc<'_>, body: Body, mut origin: Origin, kind: ServiceKind) {
        let Some(raw) = self.parse::<ServiceYaml>(&doc) else { return };
        self.updated(&doc, raw.atualizado.as_ref(), &mut origin);
        if self.drafted(raw.rascunho) {
            return;
        }
        self.look(doc.file, &body);
        let phones = self.phones(&doc, &raw.telefones);
        let emails = self.emails(&doc, &raw.emails);
        let hours = self.hours(&doc, raw.horario.as_ref(), &raw.excecoes);
        let address = raw.endereco.map(|a| self.address(a));
        let unit = reference(&doc, "unidade", raw.unidade.as_ref());
        let service = Service {
            origin,
            kind,
            title: text(raw.titulo),
            description: text(raw.descricao),
            unit: None,
            address,
            phones,
            emails,
            hours,
            head: raw.responsavel.map(|p| Person { name: p.nome, role: p.cargo }),
            body,
        };
        self.pending.access.services.push((service, unit));
    }

    pub(super) fn privacy(&mut self, doc: YamlDoc<'_>, body: Body, mut origin: Origin) {
        let Some(raw) = self.parse::<PrivacyYaml>(&doc) else { return };
        self.updated(&doc, raw.atualizado.as_ref(), &mut origin);
        if self.drafted(raw.rascunho) {
            return;
        }
        self.look(doc.file, &body);
        let date = self.date(&doc, "data", raw.data.as_ref());
        let officer = raw.encarregado.and_then(|o| self.officer(&doc, o));
        self.pending.access.privacy =
            Some(Privacy { origin, title: text(raw.titulo), description: text(raw.descricao), officer, date, body });
    }

    fn officer(&mut self, doc: &YamlDoc<'_>, raw: OfficerYaml) -> Option<Officer> {
        let name = self.required(doc, "nome", &raw.nome, "o nome do encarregado");
        let phones = self.phones(doc, &raw.telefones);
        let emails = self.emails(doc, &raw.emails);
        Some(Officer { name: name?, role: text(raw.cargo), phones, emails })
    }

    /// An address as a unit's: the municipality and the UF of `site.yaml` when not written.
    pub(super) fn address(&self, a: crate::model::raw::AddressYaml) -> Address {
        Address {
            street: a.logradouro,
            district: a.bairro,
            municipality: a.municipio.or_else(|| self.config.municipality.clone()),
            uf: a.uf.map(|u| u.to_uppercase()).or_else(|| self.config.uf.clone()),
            postal_code: a.cep.map(|c| c.0),
            complement: a.complemento,
        }
    }
}

/// Only the date of a document, for sorting: the most recent first, undated last.
pub(in crate::model) fn newest_first(docs: &mut [Document]) {
    docs.sort_by_key(|d| std::cmp::Reverse(d.date.map(Date::naive)));
}
