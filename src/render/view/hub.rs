//! The "Acesso à Informação" hub, built item by item in the order of CGU's Guia de
//! Transparência Ativa, so that an item without content says so instead of disappearing.

use crate::kinds::{Generated, Kind, ACCESS_HUB, OPEN_DATA};
use crate::model::Site;
use serde::Serialize;

/// One entry of the hub: a page of the site, another site's page, or a statement that there
/// is nothing yet.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HubItem {
    pub title: String,
    /// A site path, or a full address when `external`; `None` when there is nothing to link.
    pub url: Option<String>,
    pub external: bool,
    /// "Não há … publicado até o momento.", when the item has no content.
    pub empty: Option<String>,
}

/// One item of CGU's guide, with its entries.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HubSection {
    pub id: &'static str,
    pub title: &'static str,
    pub items: Vec<HubItem>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct HubView {
    pub sections: Vec<HubSection>,
    /// The portal da transparência's home page.
    pub portal: Option<String>,
    pub radar: Option<String>,
}

fn page(title: &str, url: &str, empty: Option<&str>) -> HubItem {
    HubItem { title: title.into(), url: Some(url.into()), external: false, empty: empty.map(str::to_string) }
}

/// An address of another system, or the statement that there is none.
fn link_out(title: &str, url: &Option<String>) -> HubItem {
    HubItem {
        title: title.into(),
        url: url.clone(),
        external: url.is_some(),
        empty: url.is_none().then(|| "Não há endereço publicado até o momento.".to_string()),
    }
}

/// The hub, in the order of CGU's Guia de Transparência Ativa: institutional, programmes,
/// social participation, audits, agreements, revenue and spending, tenders and contracts,
/// staff, classified information, SIC, frequent questions, open data; then personal data
/// and the other pages the site writes under `acesso-a-informacao/`.
pub(crate) fn hub(site: &Site) -> HubView {
    let t = &site.config.transparency;
    let none = |kind: Kind, text: &'static str| site.items(kind).is_empty().then_some(text);
    let listing = |kind: Kind| kind.spec().listing.map_or("", |l| l.url);
    let secretariat = match &site.secretariat {
        Some(s) => page("A Secretaria: competências, apresentação e titular", &s.origin.path, None),
        None => HubItem {
            title: "A Secretaria: competências, apresentação e titular".into(),
            url: None,
            external: false,
            empty: Some("Não há apresentação da Secretaria publicada até o momento.".into()),
        },
    };
    let classified = Generated::Classified.spec().path;
    let classified_written = site.pages.iter().any(|p| p.origin.path == classified);
    let sections = vec![
        HubSection {
            id: "institucional",
            title: "Institucional",
            items: vec![
                secretariat,
                page(
                    "Estrutura organizacional",
                    listing(Kind::Structure),
                    none(Kind::Structure, "Não há estrutura organizacional publicada até o momento."),
                ),
                page(
                    "Unidades: endereços, telefones e horários de atendimento",
                    listing(Kind::Unit),
                    none(Kind::Unit, "Não há unidade publicada até o momento."),
                ),
                page(
                    "Legislação",
                    listing(Kind::Law),
                    none(Kind::Law, "Não há texto normativo publicado até o momento."),
                ),
            ],
        },
        HubSection {
            id: "acoes-e-programas",
            title: "Ações e programas",
            items: vec![page(
                "Programas e ações",
                listing(Kind::Program),
                none(Kind::Program, "Não há programa ou ação publicado até o momento."),
            )],
        },
        HubSection {
            id: "participacao-social",
            title: "Participação social",
            items: vec![
                page(
                    "Conselhos, conferências e audiências públicas",
                    listing(Kind::Council),
                    none(Kind::Council, "Não há conselho publicado até o momento."),
                ),
                page(
                    "Ouvidoria",
                    Generated::Ombudsman.spec().path,
                    site.ombudsman.is_none().then_some("Não há contato da ouvidoria publicado até o momento."),
                ),
            ],
        },
        HubSection {
            id: "auditorias",
            title: "Auditorias",
            items: vec![link_out("Auditorias e prestação de contas", &t.auditorias)],
        },
        HubSection {
            id: "convenios-e-transferencias",
            title: "Convênios e transferências",
            items: vec![link_out("Convênios e transferências", &t.convenios)],
        },
        HubSection {
            id: "receitas-e-despesas",
            title: "Receitas e despesas",
            items: vec![
                link_out("Receitas", &t.receitas),
                link_out("Despesas", &t.despesas),
                link_out("Diárias e passagens", &t.diarias),
            ],
        },
        HubSection {
            id: "licitacoes-e-contratos",
            title: "Licitações e contratos",
            items: vec![link_out("Licitações", &t.licitacoes), link_out("Contratos", &t.contratos)],
        },
        HubSection {
            id: "servidores",
            title: "Servidores",
            items: vec![link_out("Servidores: cargos e remuneração", &t.servidores)],
        },
        HubSection {
            id: "informacoes-classificadas",
            title: "Informações classificadas",
            items: vec![page(
                "Informações classificadas e desclassificadas",
                classified,
                (!classified_written).then_some("Não há rol de informações classificadas publicado até o momento."),
            )],
        },
        HubSection {
            id: "sic",
            title: "Serviço de Informação ao Cidadão (SIC)",
            items: vec![
                page(
                    "Como pedir uma informação: endereço, telefone e horário do SIC",
                    Generated::Sic.spec().path,
                    site.sic.is_none().then_some("Não há endereço nem horário do SIC publicados até o momento."),
                ),
                link_out("Pedido pela internet (e-SIC)", &t.esic),
            ],
        },
        HubSection {
            id: "perguntas-frequentes",
            title: "Perguntas frequentes",
            items: vec![page(
                "Perguntas frequentes",
                listing(Kind::Faq),
                none(Kind::Faq, "Não há pergunta frequente publicada até o momento."),
            )],
        },
        HubSection {
            id: "dados-abertos",
            title: "Dados abertos",
            items: vec![page(
                "Dados abertos: os dados deste site em formatos abertos, e o que é cada arquivo",
                OPEN_DATA,
                None,
            )],
        },
        HubSection {
            id: "dados-pessoais",
            title: "Tratamento de dados pessoais",
            items: vec![page(
                "Privacidade e proteção de dados pessoais (LGPD)",
                Generated::Privacy.spec().path,
                site.privacy.as_ref().and_then(|p| p.officer.as_ref()).is_none().then_some(
                    "Não há contato do encarregado pelo tratamento de dados pessoais publicado até o momento.",
                ),
            )],
        },
    ];
    let mut sections = sections;
    let others: Vec<HubItem> = site
        .pages
        .iter()
        .filter(|p| p.origin.path.starts_with(ACCESS_HUB) && p.origin.path != classified)
        .map(|p| page(&p.title, &p.origin.path, None))
        .collect();
    if !others.is_empty() {
        sections.push(HubSection { id: "outras-informacoes", title: "Outras informações", items: others });
    }
    HubView { sections, portal: t.portal.clone(), radar: t.radar.clone() }
}
