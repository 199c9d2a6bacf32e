//! The table of datasets: for each, its fields and what they mean. The rows come from
//! `rows.rs`; a new kind of content adds its dataset here, with one entry.

use super::{rows, rows_transparency};
use super::{Dataset, Field, Type};
use crate::kinds::Kind;
use crate::model::{NoticeKind, UnitKind};

const fn field(name: &'static str, ty: Type, about: &'static str) -> Field {
    Field { name, ty, always: false, about }
}

const fn always(name: &'static str, ty: Type, about: &'static str) -> Field {
    Field { name, ty, always: true, about }
}

const CAMINHO: Field =
    always("caminho", Type::Path, "Endereço da página no site, a partir da raiz (sem a barra inicial).");
const URL: Field = field("url", Type::Url, "Endereço completo da página (só quando o site tem `base_url`).");
const ATUALIZADO: Field =
    field("atualizado", Type::Date, "Data da última atualização do conteúdo (a mesma que a página mostra).");

const PHONE: [Field; 3] = [
    always("numero", Type::Text, "Número no formato internacional (+55, DDD e número), ou 0800 como publicado."),
    always("exibicao", Type::Text, "Número como a página mostra: (34) 3663-1492."),
    field("descricao", Type::Text, "Para que serve o número (\"Sobreaviso\"), quando dito."),
];

const PERSON: [Field; 2] = [always("nome", Type::Text, "Nome."), field("cargo", Type::Text, "Cargo, como escrito.")];

const VALUE: [Field; 2] =
    [always("nome", Type::Text, "O valor."), field("descricao", Type::Text, "O que ele quer dizer.")];

const TEXT_SECTION: [Field; 2] =
    [always("titulo", Type::Text, "Título da seção."), always("texto", Type::Text, "Texto (Markdown, como escrito).")];

const SECRETARIAT: [Field; 12] = [
    always("nome", Type::Text, "Nome da secretaria."),
    field("sigla", Type::Text, "Sigla."),
    field("titular", Type::Record(&PERSON), "Quem dirige a secretaria."),
    field("apresentacao", Type::Text, "Apresentação (Markdown, como escrita)."),
    field("missao", Type::Text, "Missão (Markdown)."),
    field("visao", Type::Text, "Visão (Markdown)."),
    field("valores", Type::Records(&VALUE), "Valores."),
    field("secoes", Type::Records(&TEXT_SECTION), "Outras seções da página da secretaria."),
    field("competencias", Type::Path, "Página do texto normativo que estabelece as competências."),
    CAMINHO,
    URL,
    ATUALIZADO,
];

const ADDRESS: [Field; 6] = [
    field("logradouro", Type::Text, "Rua e número."),
    field("complemento", Type::Text, "Complemento."),
    field("bairro", Type::Text, "Bairro."),
    field("municipio", Type::Text, "Município."),
    field("uf", Type::Text, "Unidade da federação (sigla)."),
    field("cep", Type::Text, "CEP."),
];

const WEEKLY: [Field; 3] = [
    always("dia", Type::Choice(&DAYS), "Dia da semana."),
    always("abre", Type::Text, "Hora em que abre (HH:MM, horário local)."),
    always("fecha", Type::Text, "Hora em que fecha (HH:MM; 24:00 é o fim do dia)."),
];

pub(super) const DAYS: [&str; 7] = ["segunda", "terca", "quarta", "quinta", "sexta", "sabado", "domingo"];

const ON_CALL: [Field; 4] = [
    always("nome", Type::Text, "Como a unidade chama o serviço (\"Plantão\", \"Sobreaviso\")."),
    field("descricao", Type::Text, "Quando atende, em palavras."),
    field("telefones", Type::Records(&PHONE), "Telefones do plantão."),
    field("horario", Type::Texts, "Horário do plantão, em frases."),
];

const UNITS: [Field; 20] = [
    always("identificador", Type::Text, "Nome do arquivo da unidade (sem extensão); é o que outros registros citam."),
    always("nome", Type::Text, "Nome da unidade."),
    always("tipo", Type::Choice(&UnitKind::NAMES), "Tipo de unidade."),
    always("tipo_nome", Type::Text, "Tipo de unidade por extenso."),
    field("sigla", Type::Text, "Sigla."),
    always("principal", Type::Bool, "Se é a unidade principal (a do rodapé do site)."),
    field("endereco", Type::Record(&ADDRESS), "Endereço."),
    field("endereco_completo", Type::Text, "Endereço numa linha, como a página mostra."),
    field("telefones", Type::Records(&PHONE), "Telefones."),
    field("emails", Type::Texts, "Endereços de e-mail, como escritos."),
    field("horario", Type::Texts, "Horário de atendimento em frases (\"Segunda a sexta-feira, das 8h às 11h…\")."),
    field("horario_semanal", Type::Records(&WEEKLY), "Horário de atendimento, um registro por dia e período."),
    field("horario_feriados", Type::Texts, "Horário nos feriados, quando dito: períodos HH:MM-HH:MM, ou `fechado`."),
    field("horario_observacao", Type::Text, "Observação sobre o horário (\"Atendimento por agendamento\")."),
    field("excecoes", Type::Texts, "Datas com horário diferente, em frases."),
    field("plantao", Type::Record(&ON_CALL), "Plantão ou sobreaviso fora do horário."),
    field("servicos", Type::Texts, "Serviços oferecidos."),
    CAMINHO,
    URL,
    ATUALIZADO,
];

const STRUCTURE: [Field; 16] = [
    always("identificador", Type::Text, "Nome do arquivo (sem extensão); é o que `superior` cita."),
    always("titulo", Type::Text, "Nome do órgão ou do cargo."),
    always("tipo", Type::Choice(&["orgao", "cargo"]), "Órgão da estrutura ou cargo ocupado por uma pessoa."),
    field("sigla", Type::Text, "Sigla."),
    field("responsavel", Type::Text, "Responsável (órgão) ou titular (cargo)."),
    field("unidade", Type::Text, "Identificador da unidade a que está vinculado (conjunto `unidades`)."),
    field("superior", Type::Text, "Identificador do órgão ou cargo a que está subordinado."),
    field("telefones", Type::Records(&PHONE), "Telefones."),
    field("emails", Type::Texts, "Endereços de e-mail, como escritos."),
    field("atribuicoes", Type::Texts, "Atribuições: a lista escrita, ou os dispositivos do artigo citado."),
    field("atribuicoes_fonte", Type::Path, "Dispositivo do texto normativo de onde vêm as atribuições (com a âncora)."),
    field("atribuicoes_fonte_url", Type::Url, "O mesmo, endereço completo."),
    field("descricao", Type::Text, "Descrição."),
    CAMINHO,
    URL,
    ATUALIZADO,
];

const OCCURRENCE: [Field; 2] =
    [always("inicio", Type::When, "Início."), field("fim", Type::When, "Fim, quando publicado.")];

const NOTICES: [Field; 15] = [
    always("titulo", Type::Text, "Título."),
    always("tipo", Type::Choice(&NoticeKind::NAMES), "Tipo de aviso."),
    always("tipo_nome", Type::Text, "Tipo de aviso por extenso."),
    always("inicio", Type::When, "Início (da primeira data, numa série): data, ou data e hora com o fuso."),
    field("fim", Type::When, "Fim, quando publicado (não vale para séries: veja `datas`)."),
    field("datas", Type::Records(&OCCURRENCE), "Todas as datas de uma série de reuniões."),
    field("local", Type::Text, "Local, como escrito."),
    field("endereco", Type::Text, "Endereço, como escrito."),
    field("unidade", Type::Text, "Identificador da unidade onde acontece (conjunto `unidades`)."),
    field(
        "organizador",
        Type::Text,
        "Identificador da unidade que organiza (conjunto `unidades`); ausente: a secretaria.",
    ),
    field("descricao", Type::Text, "Resumo."),
    field(
        "calendario",
        Type::Path,
        "Arquivo iCalendar do evento (só para eventos: reuniões, audiências, conferências…).",
    ),
    CAMINHO,
    URL,
    ATUALIZADO,
];

const LAWS: [Field; 12] = [
    always("identificador", Type::Text, "Nome do arquivo (sem extensão); é o que `dispositivos` cita como `norma`."),
    always("titulo", Type::Text, "Título da página."),
    field("tipo", Type::Choice(&crate::model::Norm::KINDS), "Tipo de norma."),
    field("numero", Type::Text, "Número, como publicado."),
    field("data", Type::Date, "Data da norma (quando se sabe o dia)."),
    field("ano", Type::Int, "Ano da norma."),
    field("urn", Type::Text, "URN LexML da norma."),
    field("ementa", Type::Text, "Ementa."),
    always("dispositivos", Type::Int, "Quantos dispositivos o texto tem (registros em `dispositivos`)."),
    always("estrutura", Type::Path, "A árvore de dispositivos em JSON, ao lado da página."),
    CAMINHO,
    URL,
];

pub(super) const PROVISION_KINDS: [&str; 14] = [
    "agrupador",
    "artigo",
    "caput",
    "inciso",
    "alinea",
    "item",
    "paragrafo",
    "texto",
    "norma",
    "preambulo",
    "fecho",
    "local_data",
    "assinatura",
    "alteracao",
];

pub(super) const STATUSES: [&str; 3] = ["revogado", "vetado", "redacao_anterior"];

const PROVISIONS: [Field; 11] = [
    always("norma", Type::Text, "Identificador da norma (conjunto `normas`)."),
    always("ordem", Type::Int, "Posição do dispositivo no texto (1, 2, 3…), na ordem de leitura."),
    always("tipo", Type::Choice(&PROVISION_KINDS), "Tipo de dispositivo."),
    field("rotulo", Type::Text, "Rótulo como publicado (\"Art. 27 -\", \"XVIII.\", \"a)\")."),
    field("nome", Type::Text, "Como o dispositivo é citado (\"art. 27\", \"inciso XVIII\")."),
    field("texto", Type::Text, "Texto como publicado (o de um artigo está no seu caput)."),
    field("ancora", Type::Text, "Âncora no padrão LexML (art27_cpt_inc2): o link para o dispositivo é `caminho`."),
    field("pai", Type::Text, "Âncora do dispositivo mais próximo que contém este e tem âncora."),
    field("situacao", Type::Choice(&STATUSES), "Revogado, vetado ou redação anterior, quando o texto diz."),
    CAMINHO,
    URL,
];

const DOCUMENT: [Field; 6] = [
    field("titulo", Type::Text, "Título, como escrito."),
    field("numero", Type::Text, "Número, como escrito."),
    field("data", Type::Date, "Data do documento (ou da reunião que a ata registra)."),
    field("ementa", Type::Text, "Do que trata."),
    always("endereco", Type::Text, "Onde está: caminho no site (a partir da raiz) ou endereço completo de outro site."),
    field("url", Type::Url, "Endereço completo (de outro site, ou deste quando tem `base_url`)."),
];

const INDICATOR: [Field; 4] = [
    always("nome", Type::Text, "O que o indicador mede."),
    always("valor", Type::Text, "O valor, como publicado (\"1.240\", \"87%\")."),
    field("referencia", Type::Text, "Período ou data do valor."),
    field("fonte", Type::Text, "De onde vem o valor."),
];

const PROGRAMS: [Field; 16] = [
    always("identificador", Type::Text, "Nome do arquivo (sem extensão)."),
    always("titulo", Type::Text, "Nome do programa ou ação."),
    field("sigla", Type::Text, "Sigla."),
    field("descricao", Type::Text, "O que é, numa frase."),
    field("publico", Type::Text, "Para quem é."),
    field("como_acessar", Type::Text, "Como ter acesso (Markdown, como escrito)."),
    field("unidade", Type::Text, "Identificador da unidade responsável (conjunto `unidades`)."),
    field("base_legal", Type::Text, "A norma em que se baseia, como escrita."),
    field("metas", Type::Texts, "Metas."),
    field("resultados", Type::Texts, "Resultados alcançados."),
    field("indicadores", Type::Records(&INDICATOR), "Indicadores de resultado."),
    field("documentos", Type::Records(&DOCUMENT), "Documentos (folhetos, regulamentos)."),
    always("texto", Type::Text, "O que é o programa (Markdown, como escrito)."),
    CAMINHO,
    URL,
    ATUALIZADO,
];

const BOARD: [Field; 2] =
    [always("cargo", Type::Text, "Cargo na mesa diretora."), always("nome", Type::Text, "Quem ocupa.")];

const COUNCILS: [Field; 17] = [
    always("identificador", Type::Text, "Nome do arquivo (sem extensão); é o que `conselheiros` cita."),
    always("titulo", Type::Text, "Nome do conselho."),
    field("sigla", Type::Text, "Sigla."),
    field("descricao", Type::Text, "O que é, numa frase."),
    field("unidade", Type::Text, "Identificador da unidade do conselho (conjunto `unidades`): endereço e contatos."),
    field("norma", Type::Path, "Página da lei que cria o conselho."),
    field("mandato_inicio", Type::Date, "Primeiro dia do mandato."),
    field("mandato_fim", Type::Date, "Último dia do mandato."),
    field("nomeacao", Type::Text, "O ato de nomeação, como escrito."),
    field("mesa_diretora", Type::Records(&BOARD), "Mesa diretora."),
    always("vagas", Type::Int, "Quantas vagas a composição publicada tem (registros em `conselheiros`)."),
    field("atas", Type::Records(&DOCUMENT), "Atas das reuniões."),
    field("resolucoes", Type::Records(&DOCUMENT), "Resoluções."),
    field("documentos", Type::Records(&DOCUMENT), "Outros documentos (regimento, editais)."),
    CAMINHO,
    URL,
    ATUALIZADO,
];

const SEATS: [Field; 10] = [
    always("conselho", Type::Text, "Identificador do conselho (conjunto `conselhos`)."),
    always("ordem", Type::Int, "Posição da vaga na composição publicada."),
    always(
        "segmento",
        Type::Choice(&crate::model::council::Segment::NAMES),
        "De que lado do conselho paritário é a vaga.",
    ),
    always("representa", Type::Text, "O órgão ou grupo que a vaga representa."),
    field("titular", Type::Text, "Conselheiro titular."),
    field("suplente", Type::Text, "Conselheiro suplente."),
    field("mandato_inicio", Type::Date, "Primeiro dia do mandato (o da vaga, ou o do conselho)."),
    field("mandato_fim", Type::Date, "Último dia do mandato."),
    CAMINHO,
    URL,
];

const FAQS: [Field; 7] = [
    always("identificador", Type::Text, "Nome do arquivo (sem extensão); é a âncora da pergunta na lista."),
    always("pergunta", Type::Text, "A pergunta."),
    field("tema", Type::Text, "O tema em que a lista a agrupa."),
    always("resposta", Type::Text, "A resposta (Markdown, como escrita)."),
    CAMINHO,
    URL,
    ATUALIZADO,
];

/// Every dataset, in the order of the documentation page.
pub(crate) const DATASETS: [Dataset; 10] = [
    Dataset {
        name: "secretaria",
        title: "A Secretaria",
        about: "Um registro: a secretaria, com titular, missão, visão e valores.",
        kinds: &[Kind::Secretariat],
        refers: &[Kind::Law],
        fields: &SECRETARIAT,
        rows: rows::secretariat,
    },
    Dataset {
        name: "unidades",
        title: "Unidades e contatos",
        about: "Um registro por unidade: endereço, telefones, e-mails, horário de atendimento e plantão.",
        kinds: &[Kind::Unit],
        refers: &[],
        fields: &UNITS,
        rows: rows::units,
    },
    Dataset {
        name: "estrutura",
        title: "Estrutura organizacional",
        about: "Um registro por órgão ou cargo da estrutura, com responsável, subordinação e atribuições.",
        kinds: &[Kind::Structure, Kind::Law],
        refers: &[Kind::Unit],
        fields: &STRUCTURE,
        rows: rows::structure,
    },
    Dataset {
        name: "avisos",
        title: "Avisos e eventos",
        about: "Um registro por aviso: reuniões, audiências públicas, conferências, capacitações, editais.",
        kinds: &[Kind::Notice],
        refers: &[Kind::Unit],
        fields: &NOTICES,
        rows: rows::notices,
    },
    Dataset {
        name: "normas",
        title: "Legislação",
        about: "Um registro por texto normativo publicado no site.",
        kinds: &[Kind::Law],
        refers: &[],
        fields: &LAWS,
        rows: rows::laws,
    },
    Dataset {
        name: "dispositivos",
        title: "Dispositivos dos textos normativos",
        about:
            "Um registro por dispositivo (artigo, caput, parágrafo, inciso, alínea, item…) de cada texto normativo, \
                com a âncora e o endereço para citá-lo.",
        kinds: &[Kind::Law],
        refers: &[],
        fields: &PROVISIONS,
        rows: rows::provisions,
    },
    Dataset {
        name: "programas",
        title: "Programas e ações",
        about: "Um registro por programa ou ação: o que é, para quem, como ter acesso, unidade responsável, \
                metas, resultados e indicadores.",
        kinds: &[Kind::Program],
        refers: &[Kind::Unit],
        fields: &PROGRAMS,
        rows: rows_transparency::programs,
    },
    Dataset {
        name: "conselhos",
        title: "Conselhos",
        about: "Um registro por conselho: mandato, mesa diretora, atas, resoluções e documentos.",
        kinds: &[Kind::Council],
        refers: &[Kind::Unit, Kind::Law],
        fields: &COUNCILS,
        rows: rows_transparency::councils,
    },
    Dataset {
        name: "conselheiros",
        title: "Composição dos conselhos",
        about: "Um registro por vaga de cada conselho: segmento, quem representa, titular e suplente.",
        kinds: &[Kind::Council],
        refers: &[],
        fields: &SEATS,
        rows: rows_transparency::seats,
    },
    Dataset {
        name: "perguntas-frequentes",
        title: "Perguntas frequentes",
        about: "Um registro por pergunta, com a resposta.",
        kinds: &[Kind::Faq],
        refers: &[],
        fields: &FAQS,
        rows: rows_transparency::faqs,
    },
];
