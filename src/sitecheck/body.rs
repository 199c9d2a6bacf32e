//! The checks of one editor's text: its links, images and headings, read from the Markdown
//! events with their byte offsets, judged against the rendered site.

use super::Index;
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::facts::{self, is_third_party, Fact, Finding, Link};
use crate::markdown::source_link;
use crate::model::{Body, FieldText, Origin};
use rustc_hash::FxHashSet as HashSet;

/// What every text is checked against.
pub(super) struct Context<'a> {
    pub(super) index: &'a Index,
    /// Content files that became content, relative to the site root (`content/x.md`).
    pub(super) sources: &'a HashSet<String>,
}

pub(super) fn check(context: &Context<'_>, origin: &Origin, body: &Body) -> Vec<Diagnostic> {
    let markdown = body.markdown.as_str();
    let found = findings(context, origin, markdown, Some(&crate::markdown::check::looked(body).facts));
    if found.is_empty() {
        return Vec::new();
    }
    let file = origin.file.to_string_lossy().replace('\\', "/");
    crate::diagnostics::located(std::path::Path::new(&file), markdown, body.line_offset, found)
}

/// [`check`] of a Markdown text written in a YAML field: the same findings, each at the line
/// and column of the YAML file where the text's line is.
pub(super) fn check_field(context: &Context<'_>, text: &FieldText) -> Vec<Diagnostic> {
    let markdown = text.markdown.as_str();
    let found = findings(context, &text.origin, markdown, None);
    if found.is_empty() {
        return Vec::new();
    }
    let file = text.origin.file.to_string_lossy().replace('\\', "/");
    let index = crate::diagnostics::LineIndex::new(markdown);
    found
        .into_iter()
        .map(|(offset, code, message, help)| {
            let at = crate::markdown::check::in_field(&text.lines, index.location(markdown, offset));
            Diagnostic::new(code, message).in_file(std::path::Path::new(&file)).at(at).with_help(help)
        })
        .collect()
}

/// What is wrong in `markdown`, published at `origin`'s page: byte offset, code, message, hint.
/// `facts`: what the body's look gathered of it (see `markdown::facts`), else gathered here.
fn findings(context: &Context<'_>, origin: &Origin, markdown: &str, facts: Option<&[Fact]>) -> Vec<Finding> {
    if markdown.is_empty() {
        return Vec::new();
    }
    let gathered;
    let facts = match facts {
        Some(facts) => facts,
        None => {
            gathered = facts::gather(markdown);
            &gathered.items
        }
    };
    let source_dir = origin
        .file
        .parent()
        .map(|d| d.strip_prefix("content").unwrap_or(d).to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let page = Page { context, path: &origin.path, source_dir: &source_dir };
    let mut found: Vec<Finding> = Vec::new();
    for fact in facts {
        match fact {
            Fact::Link(link) => {
                found.extend(page.link(link, markdown).into_iter().map(|(c, m, h)| (link.start, c, m, h)));
            }
            Fact::Found(finding) => found.push(finding.clone()),
        }
    }
    found
}

/// One text's page: where it is published and where its source is.
struct Page<'a> {
    context: &'a Context<'a>,
    /// Site path of the page (`programas/x/`).
    path: &'a str,
    /// Folder of the source relative to `content/`.
    source_dir: &'a str,
}

impl Page<'_> {
    /// The findings of one link or image.
    fn link(&self, o: &Link, markdown: &str) -> Vec<(Code, String, String)> {
        let mut out = Vec::new();
        let dest = o.dest.get(markdown).trim();
        if o.no_alt {
            out.push((
                Code::ImageWithoutAlt,
                format!("imagem sem texto alternativo: {}", shorten(dest)),
                "descreva a imagem entre os colchetes: ![Fachada do CRAS Centro](foto.jpg); quem não vê a imagem ouve esse texto".into(),
            ));
        }
        if is_third_party(dest) {
            if o.image {
                out.push((
                    Code::ThirdParty,
                    format!("imagem carregada de outro site: {}", shorten(dest)),
                    "salve a imagem ao lado da página (ou em static/) e use o nome do arquivo: o site não carrega nada de terceiros".into(),
                ));
            }
            return out;
        }
        if let Some(text) = &o.vague {
            out.push((
                Code::VagueLinkText,
                format!("texto de link que não diz aonde leva: “{text}”"),
                "escreva no link o que a pessoa vai encontrar, por exemplo [Lei de criação do CMAS](…); leitores de tela leem os links fora do texto".into(),
            ));
        }
        if let Some(link) = source_link::resolve(dest, self.source_dir) {
            let source = format!("content/{}", link.file);
            if !self.context.sources.contains(&source) {
                out.push((
                    Code::MissingSource,
                    format!("link para um arquivo que não existe: {source}"),
                    "confira o nome e a pasta do arquivo; o caminho parte da pasta desta página (../ sobe uma pasta)"
                        .into(),
                ));
                return out;
            }
            let target = format!("{}index.html", link.path);
            out.extend(self.fragment(&target, link.fragment, dest));
            return out;
        }
        if has_scheme(dest) {
            return out;
        }
        let attachment = source_link::attachment(dest, self.source_dir).map(|p| format!("/{p}"));
        match resolve(self.path, attachment.as_deref().unwrap_or(dest), self.context.index) {
            Some((target, fragment)) => out.extend(self.fragment(&target, fragment, dest)),
            None => out.push((
                Code::BrokenLink,
                format!("link para uma página que não existe: {}", shorten(dest)),
                "confira o endereço: um link começado por / parte da raiz do site (/unidades/); para outra página do conteúdo, use o caminho do arquivo (../legislacao/lei.md)".into(),
            )),
        }
        out
    }

    fn fragment(&self, target: &str, fragment: &str, dest: &str) -> Option<(Code, String, String)> {
        let id = fragment.strip_prefix('#').filter(|f| !f.is_empty())?;
        let id = percent_encoding::percent_decode_str(id).decode_utf8_lossy();
        if self.context.index.has_id(target, &id) {
            return None;
        }
        Some((
            Code::BrokenFragment,
            format!("a âncora #{id} não existe na página de destino ({})", shorten(dest)),
            "confira o identificador: um artigo é #art5, um inciso #art5_cpt_inc2, um parágrafo #art5_par1; um título é o seu texto sem acentos (#protecao-basica)".into(),
        ))
    }
}

/// An address with a scheme (`https:`, `mailto:`, `tel:`), not a path of this site.
fn has_scheme(dest: &str) -> bool {
    let end = dest.find(['/', '?', '#']).unwrap_or(dest.len());
    dest[..end].contains(':')
}

/// The output file a site address leads to from the page at `page` (a site path), and its
/// fragment; `None` when no output file is there.
fn resolve<'d>(page: &str, dest: &'d str, index: &Index) -> Option<(String, &'d str)> {
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let path = path.split('?').next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let (base, rest): (Vec<&str>, &str) = match decoded.strip_prefix('/') {
        Some(rest) => (Vec::new(), rest),
        None => (page.split('/').filter(|p| !p.is_empty()).collect(), &decoded),
    };
    let joined = source_link::join(base, rest)?.join("/");
    let folder = decoded.is_empty() || decoded.ends_with('/') || joined.is_empty();
    let candidates = if folder {
        vec![if joined.is_empty() { "index.html".to_string() } else { format!("{joined}/index.html") }]
    } else {
        vec![joined.clone(), format!("{joined}/index.html")]
    };
    candidates.into_iter().find(|c| index.has(c)).map(|c| (c, fragment))
}

fn shorten(text: &str) -> String {
    crate::diagnostics::report::shorten(text, 120)
}
