//! Cross-file rules, checked once every file is loaded: references resolve (units, superior
//! assessorias, the article that lists attributions, the competences text), no two pieces of
//! content claim the same URL, and ordinary pages are grouped into their sections.

use super::load::{AssessoriaRefs, NoticeRefs, Ref};

mod transparency;
use super::*;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::kinds::{self, Kind, Shape};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
pub(super) use transparency::{published_files, resolve_access};

pub(super) fn resolve(
    site: &mut Site,
    secretariat: Option<(Secretariat, Option<Ref>)>,
    assessorias: Vec<(Assessoria, AssessoriaRefs)>,
    notices: Vec<(Notice, NoticeRefs)>,
    failed: &BTreeSet<PathBuf>,
    diagnostics: &mut Diagnostics,
) {
    // Sort first: the references resolved below are indices into these lists.
    site.units.sort_by(|a, b| (!a.main, a.weight, &a.name).cmp(&(!b.main, b.weight, &b.name)));
    site.laws.sort_by(|a, b| (a.weight, &a.title).cmp(&(b.weight, &b.title)));
    site.pages.sort_by(Page::order);
    let mut assessorias = assessorias;
    assessorias.sort_by(|(a, _), (b, _)| (a.weight, &a.title).cmp(&(b.weight, &b.title)));
    let unit_ids: BTreeMap<String, usize> = site.units.iter().enumerate().map(|(i, u)| (u.id.clone(), i)).collect();
    let assessoria_ids: BTreeMap<String, usize> =
        assessorias.iter().enumerate().map(|(i, (a, _))| (a.id.clone(), i)).collect();

    if let Some((mut secretariat, competences)) = secretariat {
        secretariat.competences = competences.and_then(|r| {
            let found = find_law(&site.laws, &r.target);
            if found.is_none() && !failed_law(failed, &r.target) {
                missing(diagnostics, &r, "texto de competências não encontrado", &law_list(&site.laws));
            }
            found
        });
        site.secretariat = Some(secretariat);
    }

    for (mut assessoria, refs) in assessorias {
        if let Some(r) = refs.unit {
            assessoria.unit = lookup(&unit_ids, &r, diagnostics, failed, UNITS);
        }
        if let Some(r) = refs.superior {
            assessoria.superior = lookup(&assessoria_ids, &r, diagnostics, failed, SUPERIORS);
            if assessoria.superior.is_some() && assessoria.superior == assessoria_ids.get(&assessoria.id).copied() {
                diagnostics.push(
                    Diagnostic::new(Code::SelfSuperior, "uma assessoria não pode ser superior a si mesma")
                        .in_file(&r.file)
                        .at(r.location)
                        .with_help("indique em `superior` outra assessoria, ou apague a linha"),
                );
                assessoria.superior = None;
            }
        }
        if let Some(r) = refs.attributions {
            assessoria.attributions = resolve_article(&site.laws, &r, failed, diagnostics);
        }
        site.assessorias.push(assessoria);
    }

    for (mut notice, refs) in notices {
        if let Some(r) = refs.unit {
            notice.unit = lookup(&unit_ids, &r, diagnostics, failed, UNITS);
        }
        if let Some(r) = refs.organizer {
            notice.organizer = lookup(&unit_ids, &r, diagnostics, failed, ORGANIZERS);
        }
        site.notices.push(notice);
    }

    site.notices.sort_by_key(|n| std::cmp::Reverse(n.start));
}

/// Once every kind is resolved: ordinary pages grouped into their sections, and no two pieces
/// of content at one address.
pub(super) fn finish(site: &mut Site, sections: Vec<Section>, diagnostics: &mut Diagnostics) {
    group_sections(site, sections);
    check_urls(site, diagnostics);
}

/// What a kind of reference points at: how it is named in messages, and its kind (whose
/// folder and file extension the messages name).
struct Target {
    what: &'static str,
    kind: Kind,
}

const UNITS: Target = Target { what: "unidade", kind: Kind::Unit };
const ORGANIZERS: Target = Target { what: "unidade organizadora", kind: Kind::Unit };
const SUPERIORS: Target = Target { what: "assessoria superior", kind: Kind::Structure };

fn lookup(
    ids: &BTreeMap<String, usize>,
    r: &Ref,
    diagnostics: &mut Diagnostics,
    failed: &BTreeSet<PathBuf>,
    target: Target,
) -> Option<usize> {
    let key = r.target.trim_end_matches(".yaml").trim_end_matches(".yml").trim_end_matches(".md");
    let key = key.rsplit('/').next().unwrap_or(key);
    let found = ids.get(key).copied();
    // The file exists but its own errors kept it out: those errors are the ones to fix.
    let folder = target.kind.folder().unwrap_or_default();
    let failed_file =
        [".yaml", ".yml", ".md"].iter().any(|ext| failed.contains(&PathBuf::from(format!("{folder}{key}{ext}"))));
    if found.is_none() && !failed_file {
        let known: Vec<&str> = ids.keys().map(String::as_str).collect();
        let extension = match target.kind.spec().shape {
            Shape::Yaml => ".yaml",
            Shape::Markdown => ".md",
        };
        let help = if known.is_empty() {
            format!("não há arquivos em {folder}; crie {folder}{key}{extension}")
        } else {
            format!("use o nome de um arquivo de {folder} sem a extensão: {}", known.join(", "))
        };
        missing(diagnostics, r, &format!("{} não encontrada: `{}`", target.what, r.target), &help);
    }
    found
}

/// A reference to a legal text whose file exists but did not load.
fn failed_law(failed: &BTreeSet<PathBuf>, target: &str) -> bool {
    let target = target.trim().trim_start_matches('/');
    let target = target.strip_prefix("content/").unwrap_or(target);
    let file = target.split('#').next().unwrap_or(target);
    let file = if file.ends_with(".md") { file.to_string() } else { format!("{}.md", file.trim_end_matches('/')) };
    failed.contains(&PathBuf::from("content").join(file))
}

fn missing(diagnostics: &mut Diagnostics, r: &Ref, message: &str, help: &str) {
    diagnostics.push(Diagnostic::new(Code::BrokenReference, message).in_file(&r.file).at(r.location).with_help(help));
}

/// `legislacao/lei.md`, `/legislacao/lei.md`, `content/legislacao/lei.md` or `legislacao/lei/`.
fn find_law(laws: &[LegalText], target: &str) -> Option<usize> {
    let target = target.trim().trim_start_matches('/');
    let target = target.strip_prefix("content/").unwrap_or(target);
    laws.iter().position(|law| {
        let file = law.origin.file.to_string_lossy().replace('\\', "/");
        let file = file.strip_prefix("content/").unwrap_or(&file).to_string();
        file == target || law.origin.path == target || law.origin.path.trim_end_matches('/') == target
    })
}

fn law_list(laws: &[LegalText]) -> String {
    if laws.is_empty() {
        return format!("não há textos em {}", Kind::Law.folder().unwrap_or_default());
    }
    let files: Vec<String> =
        laws.iter().map(|l| l.origin.file.to_string_lossy().trim_start_matches("content/").to_string()).collect();
    format!("os textos existentes são: {}", files.join(", "))
}

fn resolve_article(
    laws: &[LegalText],
    r: &Ref,
    failed: &BTreeSet<PathBuf>,
    diagnostics: &mut Diagnostics,
) -> Attributions {
    let Some((file, anchor)) = r.target.split_once('#') else {
        missing(
            diagnostics,
            r,
            &format!("referência sem o artigo: `{}`", r.target),
            "indique o artigo depois de #, por exemplo legislacao/lei.md#art28",
        );
        return Attributions::None;
    };
    let Some(law) = find_law(laws, file) else {
        if failed_law(failed, file) {
            return Attributions::None;
        }
        missing(diagnostics, r, &format!("texto legal não encontrado: `{file}`"), &law_list(laws));
        return Attributions::None;
    };
    let anchor = anchor.trim().to_lowercase();
    let tree = laws.get(law).map(|l| &l.tree);
    if tree.and_then(|t| t.find(&anchor)).is_none() {
        let articles: Vec<String> =
            tree.map(|t| t.articles().into_iter().filter_map(|a| a.id.clone()).collect()).unwrap_or_default();
        let help = if articles.is_empty() {
            format!("{file} não tem artigos reconhecidos (linhas como \"Art. 28 - …\")")
        } else {
            format!("{file} tem: {}", articles.join(", "))
        };
        missing(diagnostics, r, &format!("o dispositivo `{anchor}` não existe em {file}"), &help);
        return Attributions::None;
    }
    Attributions::Reference { law, anchor }
}

fn group_sections(site: &mut Site, mut sections: Vec<Section>) {
    // A folder whose address is another page's (a listing, the hub, an item of a kind: the
    // pages in `content/acesso-a-informacao/`, `content/participacao-social/cmas/`) gets no
    // section of its own: the two would be one file.
    let mut taken: BTreeSet<String> = kinds::reserved_paths().map(str::to_string).collect();
    for spec in kinds::KINDS.iter().filter(|s| !matches!(s.kind, Kind::Page | Kind::Section)) {
        taken.extend(site.items(spec.kind).iter().map(|i| i.origin.path.clone()));
    }
    for (index, page) in site.pages.iter().enumerate() {
        let parent = parent_path(&page.origin.path);
        if parent.is_empty() {
            continue;
        }
        match sections.iter_mut().find(|s| s.origin.path == parent) {
            Some(section) => section.pages.push(index),
            None if taken.contains(&parent) => {}
            None => {
                let title = super::slug::title_from_path(&parent);
                sections.push(Section {
                    origin: Origin {
                        file: std::path::PathBuf::from("content").join(&parent),
                        path: parent,
                        updated: None,
                    },
                    title,
                    description: None,
                    weight: 0,
                    body: Body::default(),
                    pages: vec![index],
                });
            }
        }
    }
    sections.sort_by(|a, b| (a.weight, &a.title).cmp(&(b.weight, &b.title)));
    site.sections = sections;
}

/// `a/b/` → `a/`; `a/` → ``.
fn parent_path(path: &str) -> String {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => format!("{}/", &trimmed[..i]),
        None => String::new(),
    }
}

fn check_urls(site: &Site, diagnostics: &mut Diagnostics) {
    let mut claims: BTreeMap<&str, Vec<&std::path::Path>> = BTreeMap::new();
    let origins = std::iter::once(&site.home.origin)
        .chain(site.secretariat.iter().map(|s| &s.origin))
        .chain(site.units.iter().map(|u| &u.origin))
        .chain(site.assessorias.iter().map(|a| &a.origin))
        .chain(site.notices.iter().map(|n| &n.origin))
        .chain(site.laws.iter().map(|l| &l.origin))
        .chain(site.programs.iter().map(|p| &p.origin))
        .chain(site.councils.iter().map(|c| &c.origin))
        .chain(site.faqs.iter().map(|f| &f.origin))
        .chain(site.sic.iter().chain(&site.ombudsman).map(|s| &s.origin))
        .chain(site.privacy.iter().map(|p| &p.origin))
        .chain(site.pages.iter().map(|p| &p.origin))
        .chain(site.sections.iter().filter(|s| s.origin.file.extension().is_some()).map(|s| &s.origin));
    for origin in origins {
        claims.entry(origin.path.as_str()).or_default().push(&origin.file);
    }
    for (path, files) in claims {
        if files.len() > 1 && files.iter().all(|f| *f == files[0]) {
            // Names read in NFC: one name saved twice, composed and decomposed (NFD).
            diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateUrl,
                    format!("há {} arquivos com o mesmo nome: {}", files.len(), files[0].display()),
                )
                .in_file(files[0])
                .with_help(
                    "os nomes só diferem no jeito de gravar os acentos (composto ou decomposto, como alguns \
                         sistemas salvam): apague um deles",
                ),
            );
        } else if files.len() > 1 {
            for file in &files {
                let others: Vec<String> =
                    files.iter().filter(|f| f != &file).map(|f| f.display().to_string()).collect();
                diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateUrl,
                        format!("endereço duplicado: /{path} também é gerado por {}", others.join(", ")),
                    )
                    .in_file(*file)
                    .with_help("renomeie um dos arquivos: dois conteúdos não podem ter o mesmo endereço"),
                );
            }
        } else if kinds::is_later_page(path) {
            for file in files {
                diagnostics.push(
                    Diagnostic::new(
                        Code::ReservedUrl,
                        format!("o endereço /{path} é reservado para as páginas seguintes de uma lista"),
                    )
                    .in_file(file)
                    .with_help(
                        "as listas longas continuam em …/pagina/2/, …/pagina/3/; renomeie o arquivo ou a pasta `pagina`",
                    ),
                );
            }
        } else if kinds::reserved_paths().any(|reserved| reserved == path) {
            let listing = kinds::KINDS.iter().any(|s| s.listing.is_some_and(|l| l.url == path));
            let help = if listing {
                "renomeie o arquivo, ou escreva o texto de introdução em _index.md dentro da pasta"
            } else {
                "esta página é gerada pelo site com tudo o que ele publica; renomeie o arquivo"
            };
            for file in files {
                diagnostics.push(
                    Diagnostic::new(
                        Code::ReservedUrl,
                        format!("o endereço /{path} é reservado para uma página gerada pelo tema"),
                    )
                    .in_file(file)
                    .with_help(help),
                );
            }
        }
    }
}
