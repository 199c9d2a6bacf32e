//! The kinds of content a site has, in one table, and the pages the site generates by itself.
//!
//! Everything that treats kinds alike reads [`KINDS`]: which file under `content/` is what
//! ([`classify`], the only place that decides it), the render plan, the default menu, the site
//! map, the search filters, the URLs content may not take, the theme's templates. Everything that treats a kind in
//! its own way `match`es on [`Kind`] without a wildcard, so that the compiler lists what a new
//! kind needs.
//!
//! # Adding a kind
//! 1. a variant of [`Kind`], and its entry in [`KINDS`] (folder, YAML or Markdown, listing,
//!    templates, menu, site map, search filter);
//! 2. its raw type (`model/raw.rs`), its domain type and list in `model::Site`, and its loader
//!    (`model/load.rs`, the arm of `Loader::file`);
//! 3. its view (`render/view/`) and one render function per route (`render/pages.rs`), with
//!    the route's dependencies in `render/routes.rs`, and its search documents
//!    (`search/extract.rs`);
//! 4. its templates in `themes/default/templates/` and in `render::theme::TEMPLATES`;
//! 5. its open data: one entry in `render::open_data::DATASETS` (fields and rows), and
//!    `atualizado` in its raw type, applied by its loader.
//!
//! The compiler points at each `match` to extend (items, summaries, routes, loader); the tests
//! of this module check that every template the tables name is in the embedded theme.

use std::path::Path;

/// A kind of content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    /// The home page's text (`content/_index.md`).
    Home,
    /// `content/secretaria.yaml`: name, mission, values, head.
    Secretariat,
    /// `content/estrutura/*.md`: the bodies and positions of the organisational structure.
    Structure,
    /// `content/unidades/*.yaml`: the units, with contacts and hours.
    Unit,
    /// `content/avisos/*.md`: notices and events.
    Notice,
    /// `content/legislacao/*.md`: normative texts.
    Law,
    /// `content/programas/*.md`: programmes and actions (Decreto 7.724/2012, art. 7º, § 3º, II).
    Program,
    /// `content/participacao-social/*.md`: the councils, their composition and documents.
    Council,
    /// `content/perguntas-frequentes/*.md`: one frequent question and its answer each.
    Faq,
    /// `content/acesso-a-informacao/sic.md`: the Serviço de Informação ao Cidadão.
    Sic,
    /// `content/acesso-a-informacao/ouvidoria.md`: the ombudsman.
    Ombudsman,
    /// `content/privacidade.md`: the privacy page and the data protection officer.
    Privacy,
    /// The `_index.md` of a folder of ordinary pages (or the folder alone).
    Section,
    /// Every other Markdown file.
    Page,
}

/// How a kind's files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A YAML file (`.yaml` or `.yml`).
    Yaml,
    /// Markdown with YAML front matter.
    Markdown,
}

/// Where a kind's files are, under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// `content/_index.md`.
    Home,
    /// One file, `content/NAME.ext`.
    File(&'static str),
    /// One item per file directly in `content/NAME/`.
    Folder(&'static str),
    /// Anywhere else: folders of ordinary pages.
    Tree,
}

/// The page that lists a kind's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Listing {
    /// Its site path (`unidades/`): reserved, no content may take it.
    pub(crate) url: &'static str,
    /// Its title (`<title>`, `<h1>`).
    pub(crate) title: &'static str,
    /// Its name in the menu, the breadcrumbs and the site map.
    pub(crate) label: &'static str,
    pub(crate) template: &'static str,
}

/// Where a kind stands in the default menu (when `site.yaml` has no `menu`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Menu {
    No,
    /// One entry, to the listing (or to the kind's single page), while the kind has content.
    Entry(&'static str),
    /// One entry per top-level item.
    TopLevel,
}

/// Where a kind stands in the site map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SiteMap {
    No,
    /// A group named after the listing with every item, shown even when empty.
    Listing,
    /// Its single item as a group of its own, when it exists.
    Single,
    /// A group per item, with the pages under it.
    Groups,
}

/// Everything generic about a kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    pub(crate) kind: Kind,
    pub(crate) place: Place,
    pub(crate) shape: Shape,
    /// The template of an item's own page.
    pub(crate) item_template: &'static str,
    pub(crate) listing: Option<Listing>,
    pub(crate) menu: Menu,
    pub(crate) site_map: SiteMap,
    /// A section every site must have (a transparency obligation): in the menu even when it
    /// has nothing, its page saying so.
    pub(crate) mandatory: bool,
    /// The search filter its items (and its listing's introduction) are found under.
    pub(crate) search: Search,
}

/// The filters of the search page: each kind's items are found under one. Documents are
/// numbered in this order, so that a document's number says its filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Search {
    Pages,
    Units,
    Structure,
    Laws,
    Notices,
    Programs,
    Councils,
    Faq,
}

impl Search {
    pub(crate) const ALL: [Search; 8] = [
        Search::Pages,
        Search::Units,
        Search::Structure,
        Search::Laws,
        Search::Notices,
        Search::Programs,
        Search::Councils,
        Search::Faq,
    ];

    /// The value of `tipo=` in the search page's address.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Search::Pages => "paginas",
            Search::Units => "unidades",
            Search::Structure => "estrutura",
            Search::Laws => "legislacao",
            Search::Notices => "avisos",
            Search::Programs => "programas",
            Search::Councils => "conselhos",
            Search::Faq => "perguntas",
        }
    }

    /// The filter's label.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Search::Pages => "Páginas",
            Search::Units => "Unidades",
            Search::Structure => "Estrutura",
            Search::Laws => "Legislação",
            Search::Notices => "Avisos e eventos",
            Search::Programs => "Programas e ações",
            Search::Councils => "Conselhos",
            Search::Faq => "Perguntas frequentes",
        }
    }
}

/// Every kind, in the order of the menu and the site map.
pub(crate) const KINDS: [Spec; 14] = [
    Spec {
        kind: Kind::Home,
        place: Place::Home,
        shape: Shape::Markdown,
        item_template: "index.html",
        listing: None,
        menu: Menu::No,
        site_map: SiteMap::No,
        mandatory: false,
        search: Search::Pages,
    },
    Spec {
        kind: Kind::Secretariat,
        place: Place::File("secretaria"),
        shape: Shape::Yaml,
        item_template: "secretaria.html",
        listing: None,
        menu: Menu::Entry("A Secretaria"),
        site_map: SiteMap::Single,
        mandatory: false,
        search: Search::Pages,
    },
    Spec {
        kind: Kind::Structure,
        place: Place::Folder("estrutura"),
        shape: Shape::Markdown,
        item_template: "assessoria.html",
        listing: Some(Listing {
            url: "estrutura/",
            title: "Estrutura organizacional",
            label: "Estrutura",
            template: "estrutura.html",
        }),
        menu: Menu::Entry("Estrutura"),
        site_map: SiteMap::Listing,
        mandatory: true,
        search: Search::Structure,
    },
    Spec {
        kind: Kind::Unit,
        place: Place::Folder("unidades"),
        shape: Shape::Yaml,
        item_template: "unidade.html",
        listing: Some(Listing {
            url: "unidades/",
            title: "Unidades e contatos",
            label: "Unidades e contatos",
            template: "unidades.html",
        }),
        menu: Menu::Entry("Unidades e contatos"),
        site_map: SiteMap::Listing,
        mandatory: true,
        search: Search::Units,
    },
    Spec {
        kind: Kind::Notice,
        place: Place::Folder("avisos"),
        shape: Shape::Markdown,
        item_template: "aviso.html",
        listing: Some(Listing {
            url: "avisos/",
            title: "Avisos e eventos",
            label: "Avisos e eventos",
            template: "avisos.html",
        }),
        menu: Menu::Entry("Avisos e eventos"),
        site_map: SiteMap::Listing,
        mandatory: false,
        search: Search::Notices,
    },
    Spec {
        kind: Kind::Law,
        place: Place::Folder("legislacao"),
        shape: Shape::Markdown,
        item_template: "norma.html",
        listing: Some(Listing {
            url: "legislacao/",
            title: "Legislação",
            label: "Legislação",
            template: "legislacao.html",
        }),
        menu: Menu::Entry("Legislação"),
        site_map: SiteMap::Listing,
        mandatory: true,
        search: Search::Laws,
    },
    Spec {
        kind: Kind::Program,
        place: Place::Folder("programas"),
        shape: Shape::Markdown,
        item_template: "programa.html",
        listing: Some(Listing {
            url: "programas/",
            title: "Programas e ações",
            label: "Programas e ações",
            template: "programas.html",
        }),
        menu: Menu::Entry("Programas e ações"),
        site_map: SiteMap::Listing,
        mandatory: true,
        search: Search::Programs,
    },
    Spec {
        kind: Kind::Council,
        place: Place::Folder("participacao-social"),
        shape: Shape::Markdown,
        item_template: "conselho.html",
        listing: Some(Listing {
            url: "participacao-social/",
            title: "Participação social",
            label: "Participação social",
            template: "participacao-social.html",
        }),
        menu: Menu::Entry("Participação social"),
        site_map: SiteMap::Listing,
        mandatory: true,
        search: Search::Councils,
    },
    Spec {
        kind: Kind::Faq,
        place: Place::Folder("perguntas-frequentes"),
        shape: Shape::Markdown,
        item_template: "pergunta.html",
        listing: Some(Listing {
            url: "perguntas-frequentes/",
            title: "Perguntas frequentes",
            label: "Perguntas frequentes",
            template: "perguntas-frequentes.html",
        }),
        menu: Menu::Entry("Perguntas frequentes"),
        site_map: SiteMap::Listing,
        mandatory: true,
        search: Search::Faq,
    },
    // The SIC, the ombudsman and the privacy page are always published: without their file,
    // by the generated page at the same address (`Generated::Sic`, …), with the theme's text.
    Spec {
        kind: Kind::Sic,
        place: Place::File("acesso-a-informacao/sic"),
        shape: Shape::Markdown,
        item_template: "sic.html",
        listing: None,
        menu: Menu::No,
        site_map: SiteMap::No,
        mandatory: false,
        search: Search::Pages,
    },
    Spec {
        kind: Kind::Ombudsman,
        place: Place::File("acesso-a-informacao/ouvidoria"),
        shape: Shape::Markdown,
        item_template: "ouvidoria.html",
        listing: None,
        menu: Menu::No,
        site_map: SiteMap::No,
        mandatory: false,
        search: Search::Pages,
    },
    Spec {
        kind: Kind::Privacy,
        place: Place::File("privacidade"),
        shape: Shape::Markdown,
        item_template: "privacidade.html",
        listing: None,
        menu: Menu::No,
        site_map: SiteMap::No,
        mandatory: false,
        search: Search::Pages,
    },
    Spec {
        kind: Kind::Section,
        place: Place::Tree,
        shape: Shape::Markdown,
        item_template: "section.html",
        listing: None,
        menu: Menu::TopLevel,
        site_map: SiteMap::Groups,
        mandatory: false,
        search: Search::Pages,
    },
    Spec {
        kind: Kind::Page,
        place: Place::Tree,
        shape: Shape::Markdown,
        item_template: "page.html",
        listing: None,
        menu: Menu::No,
        site_map: SiteMap::No,
        mandatory: false,
        search: Search::Pages,
    },
];

impl Kind {
    /// The kind's entry in [`KINDS`].
    pub(crate) fn spec(self) -> &'static Spec {
        let spec = KINDS.iter().find(|s| s.kind == self);
        // Every kind has its entry (checked by a test); the home page's stands in otherwise.
        spec.unwrap_or(&KINDS[0])
    }

    /// The folder under `content/` its files are in (`content/unidades/`), for messages.
    pub(crate) fn folder(self) -> Option<String> {
        match self.spec().place {
            Place::Folder(name) => Some(format!("content/{name}/")),
            _ => None,
        }
    }
}

/// What a file under `content/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// An item of this kind.
    Item(Kind),
    /// The introduction to a kind's listing (`content/unidades/_index.md`).
    Intro(Kind),
    /// A YAML file where no kind keeps its data.
    Misplaced,
    /// Not a text file (`.md`, `.yaml`, `.yml`): an attachment, published as it is.
    Attachment,
}

/// What the file at `file` (relative to the site root, `content/…`) is. The one place that
/// decides it: loading, the dev loop and the messages about references all ask here.
pub(crate) fn classify(file: &Path) -> Role {
    if !crate::source::assets::is_text(file) {
        return Role::Attachment;
    }
    let rel = file.strip_prefix("content").unwrap_or(file).to_string_lossy().replace('\\', "/");
    let (stem_path, ext) = rel.rsplit_once('.').unwrap_or((rel.as_str(), ""));
    let top = stem_path.split('/').next().unwrap_or("");
    let depth = stem_path.matches('/').count();
    let stem = stem_path.rsplit('/').next().unwrap_or("");
    let own = |spec: &&Spec, shape: Shape| {
        spec.shape == shape
            && match spec.place {
                Place::File(name) => stem_path == name,
                Place::Folder(name) => depth == 1 && top == name,
                Place::Home | Place::Tree => false,
            }
    };
    if ext != "md" {
        return KINDS.iter().find(|s| own(s, Shape::Yaml)).map_or(Role::Misplaced, |s| Role::Item(s.kind));
    }
    if stem == "_index" && depth == 1 {
        let listed =
            KINDS.iter().find(|s| s.listing.is_some() && matches!(s.place, Place::Folder(name) if name == top));
        if let Some(spec) = listed {
            return Role::Intro(spec.kind);
        }
    }
    if stem == "_index" && depth == 0 {
        return Role::Item(Kind::Home);
    }
    match KINDS.iter().find(|s| own(s, Shape::Markdown)) {
        Some(spec) => Role::Item(spec.kind),
        None if stem == "_index" => Role::Item(Kind::Section),
        None => Role::Item(Kind::Page),
    }
}

/// A page (or file) the site generates by itself, from no file of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Generated {
    /// The accessibility page, unless the site writes `content/acessibilidade.md`.
    Accessibility,
    SiteMap,
    /// The search page (`busca/?q=termo`); its index files are planned beside it.
    Search,
    /// The page a server gives for an address that does not exist.
    NotFound,
    /// `/acesso-a-informacao/`: the hub of every transparency item, in the order of CGU's
    /// Guia de Transparência Ativa.
    AccessHub,
    /// The SIC's page with the theme's text, unless the site writes
    /// `content/acesso-a-informacao/sic.md`.
    Sic,
    /// The ombudsman's page, unless the site writes `content/acesso-a-informacao/ouvidoria.md`.
    Ombudsman,
    /// The list of classified information (LAI, art. 30), unless the site writes
    /// `content/acesso-a-informacao/informacoes-classificadas.md` (an ordinary page).
    Classified,
    /// The default privacy policy, unless the site writes `content/privacidade.md`.
    Privacy,
    /// `dados/`: the open data files, and every field of them documented.
    Data,
    /// `integridade/`: how to check a download against `SHA256SUMS`.
    Integrity,
}

/// Everything generic about a generated page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GeneratedSpec {
    pub(crate) which: Generated,
    /// Its site path (`mapa-do-site/`), or its file (`404.html`).
    pub(crate) path: &'static str,
    pub(crate) title: &'static str,
    pub(crate) template: &'static str,
    /// Content may not take its URL (otherwise a page at its URL replaces it).
    pub(crate) reserved: bool,
}

/// The generated pages, in the order of the render plan.
pub(crate) const GENERATED: [GeneratedSpec; 11] = [
    GeneratedSpec {
        which: Generated::Accessibility,
        path: "acessibilidade/",
        title: "Acessibilidade",
        template: "acessibilidade.html",
        reserved: false,
    },
    GeneratedSpec {
        which: Generated::SiteMap,
        path: "mapa-do-site/",
        title: "Mapa do site",
        template: "mapa-do-site.html",
        reserved: true,
    },
    GeneratedSpec { which: Generated::Search, path: "busca/", title: "Busca", template: "busca.html", reserved: true },
    GeneratedSpec {
        which: Generated::NotFound,
        path: "404.html",
        title: "Página não encontrada",
        template: "404.html",
        reserved: false,
    },
    GeneratedSpec {
        which: Generated::AccessHub,
        path: ACCESS_HUB,
        title: "Acesso à Informação",
        template: "acesso-a-informacao.html",
        reserved: true,
    },
    GeneratedSpec {
        which: Generated::Sic,
        path: "acesso-a-informacao/sic/",
        title: "Serviço de Informação ao Cidadão (SIC)",
        template: "sic.html",
        reserved: false,
    },
    GeneratedSpec {
        which: Generated::Ombudsman,
        path: "acesso-a-informacao/ouvidoria/",
        title: "Ouvidoria",
        template: "ouvidoria.html",
        reserved: false,
    },
    GeneratedSpec {
        which: Generated::Classified,
        path: "acesso-a-informacao/informacoes-classificadas/",
        title: "Informações classificadas",
        template: "informacoes-classificadas.html",
        reserved: false,
    },
    GeneratedSpec {
        which: Generated::Privacy,
        path: "privacidade/",
        title: "Privacidade e proteção de dados pessoais",
        template: "privacidade.html",
        reserved: false,
    },
    GeneratedSpec {
        which: Generated::Data,
        path: "dados/",
        title: "Dados abertos",
        template: "dados.html",
        reserved: true,
    },
    GeneratedSpec {
        which: Generated::Integrity,
        path: "integridade/",
        title: "Como conferir os arquivos baixados",
        template: "integridade.html",
        reserved: true,
    },
];

/// The site path of the "Acesso à Informação" hub, which every menu links.
pub(crate) const ACCESS_HUB: &str = "acesso-a-informacao/";

/// The site path of the open-data page (its files and their documentation), which the hub
/// links; built by the open-data output.
pub(crate) const OPEN_DATA: &str = "dados/";

impl Generated {
    pub(crate) fn spec(self) -> &'static GeneratedSpec {
        GENERATED.iter().find(|s| s.which == self).unwrap_or(&GENERATED[0])
    }
}

/// Site paths content may not take: the listings and the generated pages the theme owns.
pub(crate) fn reserved_paths() -> impl Iterator<Item = &'static str> {
    KINDS.iter().filter_map(|s| s.listing.map(|l| l.url)).chain(GENERATED.iter().filter(|g| g.reserved).map(|g| g.path))
}

/// The folder of the later pages of a paginated listing under its address
/// (`avisos/pagina/2/`; see `render::paginate`).
pub(crate) const LATER_PAGES: &str = "pagina";

/// Whether a site path is one the later pages of a listing take (`x/pagina/3/`): content may
/// not take it, even while its listing fits in one page, so that the site keeps building as
/// the listing grows.
pub(crate) fn is_later_page(path: &str) -> bool {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    match parts.as_slice() {
        [.., folder, number] => {
            *folder == LATER_PAGES && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

/// The name in breadcrumbs of the page at a reserved path (a listing, the hub), for the pages
/// in the folder of the same name.
pub(crate) fn reserved_title(path: &str) -> Option<&'static str> {
    let listing = KINDS.iter().filter_map(|s| s.listing).find(|l| l.url == path).map(|l| l.label);
    listing.or_else(|| GENERATED.iter().find(|g| g.reserved && g.path == path).map(|g| g.title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every template the tables name.
    fn templates() -> impl Iterator<Item = &'static str> {
        KINDS
            .iter()
            .flat_map(|s| std::iter::once(s.item_template).chain(s.listing.map(|l| l.template)))
            .chain(GENERATED.iter().map(|g| g.template))
    }

    #[test]
    fn every_kind_has_one_entry_and_every_generated_page_too() {
        let kinds: BTreeSet<Kind> = KINDS.iter().map(|s| s.kind).collect();
        assert_eq!(kinds.len(), KINDS.len());
        for spec in &KINDS {
            assert_eq!(spec.kind.spec().kind, spec.kind);
        }
        for spec in &GENERATED {
            assert_eq!(spec.which.spec().which, spec.which);
        }
    }

    #[test]
    fn every_template_the_tables_name_is_in_the_embedded_theme_and_none_is_left_over() {
        let embedded: BTreeSet<&str> = crate::render::theme::TEMPLATES.iter().map(|(n, _)| *n).collect();
        let named: BTreeSet<&str> = templates().collect();
        for name in &named {
            assert!(embedded.contains(name), "{name} is named by the tables but not embedded");
        }
        // The rest are the ones every page extends or imports, and the pieces every page shows.
        let rest: Vec<&&str> = embedded.difference(&named).collect();
        assert_eq!(rest, vec![&"base.html", &"macros.html", &"trechos/cabecalho.html", &"trechos/rodape.html"]);
    }

    #[test]
    fn listing_urls_and_folders_are_unique() {
        let urls: Vec<&str> = reserved_paths().collect();
        assert_eq!(urls.iter().collect::<BTreeSet<_>>().len(), urls.len(), "{urls:?}");
        let places: Vec<Place> = KINDS.iter().map(|s| s.place).filter(|p| *p != Place::Tree).collect();
        assert_eq!(places.len(), places.iter().map(|p| format!("{p:?}")).collect::<BTreeSet<_>>().len());
    }

    #[test]
    fn classifies_files_by_where_they_are() {
        let role = |path: &str| classify(Path::new(path));
        assert_eq!(role("content/_index.md"), Role::Item(Kind::Home));
        assert_eq!(role("content/secretaria.yaml"), Role::Item(Kind::Secretariat));
        assert_eq!(role("content/secretaria.yml"), Role::Item(Kind::Secretariat));
        assert_eq!(role("content/secretaria.md"), Role::Item(Kind::Page));
        assert_eq!(role("content/unidades/cras.yaml"), Role::Item(Kind::Unit));
        assert_eq!(role("content/unidades/texto.md"), Role::Item(Kind::Page));
        assert_eq!(role("content/unidades/a/b.yaml"), Role::Misplaced);
        assert_eq!(role("content/outra.yaml"), Role::Misplaced);
        assert_eq!(role("content/unidades/_index.md"), Role::Intro(Kind::Unit));
        assert_eq!(role("content/estrutura/_index.md"), Role::Intro(Kind::Structure));
        assert_eq!(role("content/estrutura/gabinete.md"), Role::Item(Kind::Structure));
        assert_eq!(role("content/estrutura/sub/x.md"), Role::Item(Kind::Page));
        assert_eq!(role("content/avisos/reuniao.md"), Role::Item(Kind::Notice));
        assert_eq!(role("content/legislacao/lei.md"), Role::Item(Kind::Law));
        assert_eq!(role("content/paginas/_index.md"), Role::Item(Kind::Section));
        assert_eq!(role("content/paginas/a/_index.md"), Role::Item(Kind::Section));
        assert_eq!(role("content/paginas/um.md"), Role::Item(Kind::Page));
        assert_eq!(role("content/index.md"), Role::Item(Kind::Page));
        assert_eq!(role("content/unidades/foto.png"), Role::Attachment);
        assert_eq!(role("content/paginas/anexo.pdf"), Role::Attachment);
        assert_eq!(role("content/programas/paif.md"), Role::Item(Kind::Program));
        assert_eq!(role("content/programas/_index.md"), Role::Intro(Kind::Program));
        assert_eq!(role("content/participacao-social/cmas.md"), Role::Item(Kind::Council));
        assert_eq!(role("content/participacao-social/cmas/atas/ata-1.md"), Role::Item(Kind::Page));
        assert_eq!(role("content/perguntas-frequentes/cadastro.md"), Role::Item(Kind::Faq));
        assert_eq!(role("content/acesso-a-informacao/sic.md"), Role::Item(Kind::Sic));
        assert_eq!(role("content/acesso-a-informacao/ouvidoria.md"), Role::Item(Kind::Ombudsman));
        assert_eq!(role("content/acesso-a-informacao/carta.md"), Role::Item(Kind::Page));
        assert_eq!(role("content/acesso-a-informacao/sic.yaml"), Role::Misplaced);
        assert_eq!(role("content/privacidade.md"), Role::Item(Kind::Privacy));
    }

    /// Every generated page with a kind of its own at its address is that kind's stand-in:
    /// the same address, the same template.
    #[test]
    fn the_generated_stand_ins_share_their_kinds_address_and_template() {
        for (kind, which) in
            [(Kind::Sic, Generated::Sic), (Kind::Ombudsman, Generated::Ombudsman), (Kind::Privacy, Generated::Privacy)]
        {
            let Place::File(name) = kind.spec().place else { panic!("{kind:?} is one file") };
            assert_eq!(crate::model::slug::content_path(name), which.spec().path);
            assert_eq!(kind.spec().item_template, which.spec().template);
        }
        assert_eq!(reserved_title(ACCESS_HUB), Some("Acesso à Informação"));
        assert_eq!(reserved_title("programas/"), Some("Programas e ações"));
        assert_eq!(reserved_title("acesso-a-informacao/sic/"), None);
    }
}
