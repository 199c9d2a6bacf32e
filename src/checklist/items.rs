//! The items of the checklist, each judged from the model: the kinds of content the site has,
//! the keys their files fill, `site.yaml`, and the pages the site generates by itself.

use super::{Item, Status};
use crate::kinds::{Generated, GENERATED};
use crate::model::{Attributions, Site, UnitKind};
use std::path::Path;

const LAI: &str = "LAI, art. 8º";

/// Names shown of the files that lack something: a few, then how many more.
fn files<'a>(paths: impl Iterator<Item = &'a Path>) -> String {
    let all: Vec<String> = paths.map(|p| p.to_string_lossy().replace('\\', "/")).collect();
    let shown: Vec<&str> = all.iter().take(3).map(String::as_str).collect();
    match all.len().saturating_sub(shown.len()) {
        0 => shown.join(", "),
        more => format!("{} e mais {more}", shown.join(", ")),
    }
}

struct Builder {
    items: Vec<Item>,
}

impl Builder {
    fn add(&mut self, id: &str, title: &str, basis: &str, outcome: Result<String, (String, String)>) {
        let (status, detail, fix) = match outcome {
            Ok(detail) => (Status::Presente, detail, None),
            Err((detail, fix)) => (Status::Ausente, detail, Some(fix)),
        };
        self.items.push(Item {
            id: id.into(),
            titulo: title.into(),
            base_legal: basis.into(),
            situacao: status,
            detalhe: detail,
            como_resolver: fix,
        });
    }
}

/// Present when `have` is not empty: its count; otherwise the folder to write in.
fn some_of(count: usize, what: &str, missing: &str, fix: &str) -> Result<String, (String, String)> {
    if count > 0 {
        Ok(format!("{count} {what}"))
    } else {
        Err((missing.into(), fix.into()))
    }
}

/// The units, judged by one key each must fill.
fn every_unit(site: &Site, key: &str, has: impl Fn(&crate::model::Unit) -> bool) -> Result<String, (String, String)> {
    if site.units.is_empty() {
        return Err((
            "o site não tem nenhuma unidade".into(),
            format!("crie content/unidades/secretaria.yaml com `nome`, `endereco`, `telefones`, `emails` e `horario` (falta `{key}`)"),
        ));
    }
    let lacking: Vec<&Path> = site.units.iter().filter(|u| !has(u)).map(|u| u.origin.file.as_path()).collect();
    if lacking.is_empty() {
        Ok(format!("todas as {} unidades", site.units.len()))
    } else {
        Err((
            format!("{} de {} unidades sem `{key}`: {}", lacking.len(), site.units.len(), files(lacking.into_iter())),
            format!("preencha `{key}` nesses arquivos"),
        ))
    }
}

/// An address of another system from `transparencia:` in `site.yaml`.
fn link(value: &Option<String>, key: &str) -> Result<String, (String, String)> {
    match value {
        Some(url) => Ok(url.clone()),
        None => Err((
            format!("o site.yaml não tem `transparencia: {key}`"),
            format!(
                "acrescente ao site.yaml `transparencia:` com `{key}: https://…`, o endereço da página no portal da transparência do município"
            ),
        )),
    }
}

fn generated(which: Generated) -> bool {
    GENERATED.iter().any(|g| g.which == which)
}

pub(super) fn items(site: &Site, stale: usize) -> Vec<Item> {
    let mut b = Builder { items: Vec::new() };
    let config = &site.config;
    let t = &config.transparency;
    let secretariat = site.secretariat.as_ref();
    let sec_file = "content/secretaria.yaml";

    // § 1º, I: competences, structure, addresses, phones, hours.
    b.add(
        "estrutura",
        "Estrutura organizacional",
        &format!("{LAI}, § 1º, I"),
        some_of(
            site.assessorias.len(),
            "itens da estrutura",
            "o site não tem nenhum item da estrutura (assessorias, coordenadorias)",
            "crie um arquivo por assessoria ou coordenadoria em content/estrutura/ (por exemplo content/estrutura/gestao-do-suas.md)",
        ),
    );
    let by_reference = site.assessorias.iter().any(|a| matches!(a.attributions, Attributions::Reference { .. }));
    let competences = secretariat.and_then(|s| s.competences).or(by_reference.then_some(0));
    b.add(
        "competencias",
        "Competências, com a norma que as define",
        &format!("{LAI}, § 1º, I"),
        match competences {
            Some(_) => Ok("ligadas ao texto normativo".into()),
            None => Err((
                "nenhuma competência está ligada à norma que a define".into(),
                format!("em {sec_file}, escreva `competencias:` com o artigo da lei que as lista (por exemplo `competencias: legislacao/lei-organica.md#art27`)"),
            )),
        },
    );
    b.add(
        "titular",
        "Nome do titular da Secretaria",
        "PNTP, informações institucionais",
        match secretariat.and_then(|s| s.head.as_ref()) {
            Some(head) => Ok(head.name.clone()),
            None if secretariat.is_none() => Err((
                format!("o site não tem {sec_file}"),
                format!("crie {sec_file} com `nome` e `titular: {{ nome: …, cargo: Secretária Municipal }}`"),
            )),
            None => Err((format!("{sec_file} sem `titular`"), format!("preencha `titular` em {sec_file}"))),
        },
    );
    // A shelter's address is kept out of the site on purpose (those it protects must not be
    // found): it does not count against the item.
    b.add(
        "unidades-enderecos",
        "Endereços das unidades",
        &format!("{LAI}, § 1º, I"),
        every_unit(site, "endereco", |u| u.address.is_some() || u.kind == UnitKind::Acolhimento),
    );
    b.add(
        "unidades-telefones",
        "Telefones das unidades",
        &format!("{LAI}, § 1º, I"),
        every_unit(site, "telefones", |u| !u.phones.is_empty()),
    );
    b.add(
        "unidades-emails",
        "E-mails das unidades",
        &format!("{LAI}, § 3º, VII"),
        every_unit(site, "emails", |u| !u.emails.is_empty()),
    );
    b.add(
        "unidades-horarios",
        "Horários de atendimento ao público",
        &format!("{LAI}, § 1º, I"),
        every_unit(site, "horario", |u| u.hours.is_some() || u.on_call.is_some()),
    );
    b.add(
        "legislacao",
        "Normas próprias (lei de criação, regimentos, decretos)",
        "PNTP, informações institucionais",
        some_of(
            site.laws.len(),
            "textos normativos",
            "o site não publica nenhum texto normativo",
            "cole em content/legislacao/ a lei que cria a Secretaria e as normas que ela aplica, um arquivo por norma",
        ),
    );
    // § 1º, II–IV: published by the municipality's portal, linked from the hub.
    b.add(
        "repasses",
        "Repasses e transferências de recursos",
        &format!("{LAI}, § 1º, II"),
        link(&t.convenios, "convenios"),
    );
    b.add("despesas", "Despesas", &format!("{LAI}, § 1º, III"), link(&t.despesas, "despesas"));
    b.add("licitacoes", "Licitações", &format!("{LAI}, § 1º, IV"), link(&t.licitacoes, "licitacoes"));
    b.add("contratos", "Contratos", &format!("{LAI}, § 1º, IV"), link(&t.contratos, "contratos"));
    b.add(
        "programas",
        "Programas e ações",
        &format!("{LAI}, § 1º, V"),
        some_of(
            site.programs.len(),
            "programas e ações",
            "o site não publica nenhum programa ou ação",
            "crie um arquivo por programa em content/programas/ (por exemplo content/programas/paif.md)",
        ),
    );
    b.add(
        "perguntas-frequentes",
        "Perguntas frequentes",
        &format!("{LAI}, § 1º, VI"),
        some_of(
            site.faqs.len(),
            "perguntas",
            "o site não publica nenhuma pergunta frequente",
            "crie um arquivo por pergunta em content/perguntas-frequentes/, com `pergunta:` no cabeçalho e a resposta no texto",
        ),
    );
    // § 3º: the requirements of the site itself.
    let search = generated(Generated::Search);
    b.add(
        "busca",
        "Ferramenta de pesquisa",
        &format!("{LAI}, § 3º, I"),
        if search {
            Ok("busca/, que ignora acentos e maiúsculas".into())
        } else {
            Err((
                "esta versão do secretaria não gera a página de busca".into(),
                "nada a escrever no conteúdo: a busca depende de uma versão do secretaria que a gere".into(),
            ))
        },
    );
    let data = generated(Generated::Data) && !config.skip.data;
    b.add(
        "dados-abertos",
        "Dados em formatos abertos (JSON e CSV)",
        &format!("{LAI}, § 3º, II e III"),
        if data {
            Ok("dados/ com JSON e CSV de cada tipo de conteúdo".into())
        } else {
            Err(("os dados abertos não foram gerados".into(), "gere o site sem SECRETARIA_BENCH_OFF".into()))
        },
    );
    b.add(
        "sitemap",
        "Acesso automatizado: sitemap.xml",
        &format!("{LAI}, § 3º, III"),
        match (&config.base_url, config.skip.sitemap) {
            (Some(_), false) => Ok("sitemap.xml e robots.txt".into()),
            _ => Err((
                "sem `base_url`, o sitemap.xml não é publicado".into(),
                "acrescente ao site.yaml `base_url: https://…` com o endereço em que o site é publicado".into(),
            )),
        },
    );
    b.add(
        "formatos",
        "Formatos dos dados documentados",
        &format!("{LAI}, § 3º, IV"),
        if data {
            Ok("a página dados/ descreve cada arquivo e campo".into())
        } else {
            Err(("os dados abertos não foram gerados".into(), "gere o site sem SECRETARIA_BENCH_OFF".into()))
        },
    );
    b.add(
        "integridade",
        "Autenticidade e integridade dos arquivos (SHA256SUMS)",
        &format!("{LAI}, § 3º, V"),
        if config.skip.checksums || !generated(Generated::Integrity) {
            Err(("o SHA256SUMS não foi gerado".into(), "gere o site sem SECRETARIA_BENCH_OFF".into()))
        } else {
            Ok("SHA256SUMS e a página integridade/".into())
        },
    );
    b.add(
        "atualizacao",
        "Informações atualizadas",
        &format!("{LAI}, § 3º, VI"),
        match stale {
            0 => Ok(format!("nenhum conteúdo com mais de {} meses sem revisão", config.review.stale_after_months)),
            n => Err((
                format!(
                    "{n} {} desatualizado{} (avisos S0808 acima)",
                    if n == 1 { "conteúdo" } else { "conteúdos" },
                    if n == 1 { "" } else { "s" }
                ),
                "revise cada um e escreva `atualizado: DD/MM/AAAA` no cabeçalho".into(),
            )),
        },
    );
    accessibility(&mut b, site);
    // Access to information: SIC, ombudsman, classified information, personal data.
    b.add(
        "sic",
        "Serviço de Informação ao Cidadão: endereço, telefone e horário",
        "LAI, art. 9º, I",
        match &site.sic {
            Some(_) => Ok("content/acesso-a-informacao/sic.md".into()),
            None => Err((
                "a página do SIC usa o texto padrão, sem endereço nem horário".into(),
                "crie content/acesso-a-informacao/sic.md com `unidade:` (a unidade onde o SIC atende) ou o endereço, os telefones e o horário".into(),
            )),
        },
    );
    b.add("e-sic", "Pedido de informação pela internet (e-SIC)", "LAI, art. 10, § 2º", link(&t.esic, "esic"));
    b.add(
        "ouvidoria",
        "Ouvidoria",
        "Lei 13.460/2017, arts. 10 e 13",
        match (&site.ombudsman, &t.ouvidoria) {
            (Some(_), _) => Ok("content/acesso-a-informacao/ouvidoria.md".into()),
            (None, Some(url)) => Ok(url.clone()),
            (None, None) => Err((
                "a página da ouvidoria usa o texto padrão, sem contato".into(),
                "crie content/acesso-a-informacao/ouvidoria.md com o contato da ouvidoria, ou `transparencia: { ouvidoria: https://… }` no site.yaml".into(),
            )),
        },
    );
    let classified = Generated::Classified.spec().path;
    b.add(
        "informacoes-classificadas",
        "Rol de informações classificadas e desclassificadas",
        "LAI, art. 30, I e II",
        if site.pages.iter().any(|p| p.origin.path == classified) {
            Ok(format!("content/{}.md", classified.trim_end_matches('/')))
        } else {
            Err((
                "a página diz que não há rol publicado".into(),
                format!(
                    "crie content/{}.md com o rol (ou a declaração de que não há informação classificada)",
                    classified.trim_end_matches('/')
                ),
            ))
        },
    );
    b.add(
        "privacidade",
        "Política de privacidade e contato do encarregado",
        "LGPD (Lei 13.709/2018), art. 41, § 1º",
        match site.privacy.as_ref().and_then(|p| p.officer.as_ref()) {
            Some(officer) => Ok(officer.name.clone()),
            None if site.privacy.is_none() => Err((
                "a política de privacidade é a padrão, sem o encarregado".into(),
                "crie content/privacidade.md com `encarregado: { nome: …, emails: [ … ] }`".into(),
            )),
            None => Err((
                "content/privacidade.md sem `encarregado`".into(),
                "preencha `encarregado` em content/privacidade.md".into(),
            )),
        },
    );
    b.add(
        "conselho",
        "Conselho municipal (composição, reuniões, atas)",
        "LOAS (Lei 8.742/1993), arts. 16 e 17; PNTP, participação social",
        some_of(
            site.councils.len(),
            "conselhos",
            "o site não publica nenhum conselho",
            "crie content/participacao-social/cmas.md com o conselho, sua composição e a lei que o cria (`lei:`)",
        ),
    );
    b.add(
        "portal",
        "Link para o Portal da Transparência",
        "PNTP, informações prioritárias; Decreto 7.724/2012, art. 7º, § 2º",
        link(&t.portal, "portal"),
    );
    b.items
}

/// LAI, art. 8º, § 3º, VIII and the e-MAG: what the theme publishes on every page. The
/// default theme is known to; another theme is judged by whether it is the default one.
fn accessibility(b: &mut Builder, site: &Site) {
    let basis = format!("{LAI}, § 3º, VIII; Lei 13.146/2015, art. 63");
    let default_theme = site.config.theme == "default";
    let theme = |what: &str| -> Result<String, (String, String)> {
        if default_theme {
            Ok(format!("{what} (tema padrão)"))
        } else {
            Err((
                format!("o tema `{}` não é o padrão: não dá para saber se publica {what}", site.config.theme),
                "mantenha no base.html do tema a barra de acessibilidade do tema padrão (ou volte ao tema `default`)"
                    .into(),
            ))
        }
    };
    let page = if site.pages.iter().any(|p| p.origin.path == Generated::Accessibility.spec().path) {
        Ok("content/acessibilidade.md".into())
    } else if generated(Generated::Accessibility) {
        Ok("página padrão do tema".into())
    } else {
        Err(("o site não tem a página Acessibilidade".into(), "crie content/acessibilidade.md".into()))
    };
    b.add("acessibilidade-pagina", "Página “Acessibilidade”", &basis, page);
    b.add("acessibilidade-simbolo", "Símbolo de acessibilidade no topo", &basis, theme("o símbolo"));
    b.add(
        "acessibilidade-fonte",
        "Aumentar e diminuir a fonte",
        "e-MAG 3.1, barra de acessibilidade; PNTP, acessibilidade",
        theme("os botões A+ e A-"),
    );
    b.add(
        "alto-contraste",
        "Alto contraste e contraste mínimo de 4,5:1",
        "e-MAG 3.1, recomendação 4.1; WCAG 2.2, 1.4.3",
        theme("o alto contraste e a cor primária conferida"),
    );
    b.add("trilha", "Trilha de navegação (breadcrumbs)", "e-MAG 3.1; PNTP, acessibilidade", theme("a trilha"));
    b.add(
        "mapa-do-site",
        "Mapa do site",
        "e-MAG 3.1; PNTP, acessibilidade",
        if generated(Generated::SiteMap) {
            Ok("mapa-do-site/".into())
        } else {
            Err(("o site não tem mapa do site".into(), "o mapa do site é gerado pelo secretaria".into()))
        },
    );
}
