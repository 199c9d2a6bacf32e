//! What editors write, as generators: YAML documents shaped like each raw type (Portuguese
//! keys, dates, hours, phone shapes), Markdown, normative text, hours and contacts — each
//! valid most of the time and broken in the ways people break them the rest.

use super::rng::Rng;

/// Values, by what a key holds.
#[derive(Clone, Copy)]
pub(crate) enum V {
    Text,
    Name,
    Date,
    DateTime,
    Hours,
    Phone,
    Email,
    Uf,
    Cep,
    Url,
    Bool,
    Int,
    Markdown,
    UnitKind,
    NoticeKind,
    NormKind,
    Reference,
    Colour,
    Tz,
    Ddd,
}

/// The shape of a YAML value.
pub(crate) enum Shape {
    Val(V),
    Map(&'static [(&'static str, Shape)]),
    List(&'static Shape),
    /// Either a value or a map (phones: `"(34) 3663-1492"` or `{numero, descricao}`).
    Or(&'static Shape, &'static Shape),
    /// `horario:` — day keys to hours.
    HoursMap,
}

use Shape::{List, Map, Or, Val};

const PHONE: Shape = Or(&Val(V::Phone), &Map(&[("numero", Val(V::Phone)), ("descricao", Val(V::Text))]));
const HOURS: Shape = Or(&Shape::HoursMap, &Val(V::Hours));

pub(crate) const SITE: &[(&str, Shape)] = &[
    ("titulo", Val(V::Name)),
    ("title", Val(V::Name)),
    ("municipio", Val(V::Name)),
    ("uf", Val(V::Uf)),
    ("idioma", Val(V::Text)),
    ("language", Val(V::Text)),
    ("base_url", Val(V::Url)),
    ("tema", Val(V::Text)),
    ("ddd", Val(V::Ddd)),
    ("descricao", Val(V::Text)),
    ("description", Val(V::Text)),
    ("cores", Map(&[("primaria", Val(V::Colour))])),
    ("menu", List(&Map(&[("titulo", Val(V::Name)), ("url", Val(V::Url))]))),
    ("permitir_html", Val(V::Bool)),
    ("vlibras", Val(V::Bool)),
    ("fuso_horario", Val(V::Tz)),
    ("feriados", List(&Map(&[("data", Val(V::Date)), ("nome", Val(V::Name))]))),
];

pub(crate) const SECRETARIAT: &[(&str, Shape)] = &[
    ("nome", Val(V::Name)),
    ("sigla", Val(V::Text)),
    ("titular", Map(&[("nome", Val(V::Name)), ("cargo", Val(V::Text))])),
    ("apresentacao", Val(V::Markdown)),
    ("missao", Val(V::Markdown)),
    ("visao", Val(V::Markdown)),
    ("valores", List(&Map(&[("nome", Val(V::Name)), ("descricao", Val(V::Markdown))]))),
    ("competencias", Val(V::Reference)),
    ("secoes", List(&Map(&[("titulo", Val(V::Name)), ("texto", Val(V::Markdown))]))),
];

pub(crate) const UNIT: &[(&str, Shape)] = &[
    ("nome", Val(V::Name)),
    ("tipo", Val(V::UnitKind)),
    ("sigla", Val(V::Text)),
    ("principal", Val(V::Bool)),
    (
        "endereco",
        Map(&[
            ("logradouro", Val(V::Text)),
            ("bairro", Val(V::Name)),
            ("municipio", Val(V::Name)),
            ("uf", Val(V::Uf)),
            ("cep", Val(V::Cep)),
            ("complemento", Val(V::Text)),
        ]),
    ),
    ("telefones", List(&PHONE)),
    ("emails", List(&Val(V::Email))),
    ("horario", HOURS),
    ("excecoes", List(&Map(&[("data", Val(V::Date)), ("horario", Val(V::Hours)), ("motivo", Val(V::Text))]))),
    (
        "plantao",
        Map(&[("nome", Val(V::Name)), ("descricao", Val(V::Text)), ("telefones", List(&PHONE)), ("horario", HOURS)]),
    ),
    ("servicos", List(&Val(V::Text))),
    ("texto", Val(V::Markdown)),
    ("peso", Val(V::Int)),
];

pub(crate) const ASSESSORIA: &[(&str, Shape)] = &[
    ("titulo", Val(V::Name)),
    ("tipo", Val(V::Text)),
    ("sigla", Val(V::Text)),
    ("responsavel", Val(V::Name)),
    ("unidade", Val(V::Reference)),
    ("superior", Val(V::Reference)),
    ("telefones", List(&PHONE)),
    ("emails", List(&Val(V::Email))),
    ("atribuicoes", Or(&Val(V::Reference), &List(&Val(V::Text)))),
    ("peso", Val(V::Int)),
    ("rascunho", Val(V::Bool)),
    ("descricao", Val(V::Text)),
];

pub(crate) const NOTICE: &[(&str, Shape)] = &[
    ("titulo", Val(V::Name)),
    ("tipo", Val(V::NoticeKind)),
    ("inicio", Val(V::DateTime)),
    ("fim", Val(V::DateTime)),
    ("datas", List(&Val(V::DateTime))),
    ("horario", Val(V::Hours)),
    ("local", Val(V::Text)),
    ("endereco", Val(V::Text)),
    ("unidade", Val(V::Reference)),
    ("organizador", Val(V::Reference)),
    ("rascunho", Val(V::Bool)),
    ("descricao", Val(V::Text)),
];

pub(crate) const LEGAL: &[(&str, Shape)] = &[
    ("titulo", Val(V::Name)),
    ("norma", Map(&[("tipo", Val(V::NormKind)), ("numero", Val(V::Int)), ("data", Val(V::Date))])),
    ("ementa", Val(V::Text)),
    ("peso", Val(V::Int)),
    ("rascunho", Val(V::Bool)),
    ("descricao", Val(V::Text)),
    ("data", Val(V::Date)),
];

pub(crate) const PAGE: &[(&str, Shape)] = &[
    ("titulo", Val(V::Name)),
    ("title", Val(V::Name)),
    ("descricao", Val(V::Text)),
    ("data", Val(V::Date)),
    ("peso", Val(V::Int)),
    ("weight", Val(V::Int)),
    ("rascunho", Val(V::Bool)),
    ("draft", Val(V::Bool)),
];

/// The schema of the file at `path`, and whether it is Markdown with a front matter.
pub(crate) fn schema_of(path: &str) -> (&'static [(&'static str, Shape)], bool) {
    let md = path.ends_with(".md");
    let schema = if path == "site.yaml" {
        SITE
    } else if path.ends_with("secretaria.yaml") {
        SECRETARIAT
    } else if path.contains("unidades/") && !md {
        UNIT
    } else if path.ends_with("_index.md") {
        PAGE
    } else if path.contains("estrutura/") {
        ASSESSORIA
    } else if path.contains("avisos/") {
        NOTICE
    } else if path.contains("legislacao/") {
        LEGAL
    } else {
        PAGE
    };
    (schema, md)
}

const WORDS: &[&str] = &[
    "Secretaria",
    "Municipal",
    "de",
    "Assistência",
    "Social",
    "CRAS",
    "CREAS",
    "Centro",
    "Conselho",
    "Família",
    "São",
    "José",
    "Conceição",
    "atendimento",
    "ação",
    "criança",
    "idoso",
    "à",
    "Perdizes",
    "Álvares",
    "Florence",
    "Nº",
    "1º",
    "—",
    "–",
    "“aspas”",
    "d'Água",
    "Ñandú",
    "🙂",
    "x",
    "A",
];

const SPECIAL: &[&str] = &[
    "\u{a0}", "\u{200b}", "\u{feff}", "\u{301}", "\u{303}", "\u{202e}", "\t", "\r", "\r\n", "\\", "\"", "'", "`", "<",
    ">", "&", "#", ":", "%", "@", "*", "!", "|", "{", "}", "[", "]", "-", "?", "\u{0}", "\u{7f}", "\u{2028}", "\u{1f}",
    "ﬁ", "İ", "ß",
];

pub(crate) const DATES: &[&str] = &[
    "20/06/2025",
    "2025-06-20",
    "20/6/2025",
    "31/02/2025",
    "29/02/2024",
    "29/02/2025",
    "00/00/0000",
    "20/06/25",
    "20 de junho de 2025",
    "20-06-2025",
    "2025/06/20",
    "15/08",
    "25/12",
    "32/01/2025",
    "01/13/2025",
    "20/06/99999",
    "20/06/-1",
    "01/01/262143",
    "31/12/9999",
    "01/01/0001",
    "carnaval",
    "Corpus Christi",
    "sexta-feira santa",
    "ontem",
    "",
    "2025-06-20T14:00",
    "2025-06-20 14:00",
];

pub(crate) const TIMES: &[&str] = &[
    "14:00",
    "14h",
    "14h30",
    "8h",
    "08:00",
    "24:00",
    "23:59",
    "00:00",
    "25:00",
    "14:60",
    "9",
    "14.30",
    "meio-dia",
    "14:00:00",
    "−1:00",
    "99999999999:00",
];

pub(crate) const HOURS_VALUES: &[&str] = &[
    "08:00-17:00",
    "08:00-11:00, 13:00-17:00",
    "8h às 12h",
    "8h-12h e 13h-17h",
    "das 8h às 17h",
    "08h00 - 12h00",
    "8:00–17:00",
    "fechado",
    "Fechado",
    "24 horas",
    "24h",
    "22:00-06:00",
    "00:00-24:00",
    "07:00-11:00 / 13:00-17:00",
    "08:00-12:00, 10:00-14:00",
    "17:00-08:00",
    "08:00-08:00",
    "sem atendimento",
    "plantão",
    "08:00 as 17:00",
    "8 às 17",
    "",
    "08:00-",
    "-17:00",
    "08:00-17:00,",
    ", ,",
];

pub(crate) const DAY_KEYS: &[&str] = &[
    "seg-sex",
    "seg a sex",
    "segunda a sexta",
    "segunda-feira a sexta-feira",
    "seg",
    "ter",
    "qua",
    "qui",
    "sex",
    "sab",
    "sáb",
    "dom",
    "sábados e domingos",
    "sabado, domingo",
    "seg, qua e sex",
    "todos os dias",
    "diariamente",
    "dias úteis",
    "fim de semana",
    "feriados",
    "observacao",
    "observação",
    "obs",
    "sex-seg",
    "dom-sáb",
    "segunda",
    "terça",
    "seg-",
    "-sex",
    "seg-sex-sab",
    "qualquer dia",
    "",
];

pub(crate) const PHONES: &[&str] = &[
    "(34) 3663-1492",
    "34 3663-1492",
    "(34)3663-1492",
    "34 36631492",
    "+55 34 3663-1492",
    "+55 (34) 99999-1234",
    "(034) 3663-1492",
    "(67) 99999-1234",
    "0800 123 4567",
    "0800-123-4567",
    "08001234567",
    "3411-7742",
    "99999-1234",
    "(34) 3663-1492 / 3663-1500",
    "(34) 3663-1492 ramal 22",
    "34 3663-1492 e 34 3663-1500",
    "(34) 3663-1492, (34) 3663-1500",
    "190",
    "0800 123",
    "+1 555 123 4567",
    "(00) 0000-0000",
    "(10) 3663-1492",
    "(34) 1663-1492",
    "(34) 8663-1492",
    "+55",
    "++55 34 3663-1492",
    "(34) 3663–1492",
    "34.3663.1492",
    "tel: (34) 3663-1492",
    "",
];

pub(crate) const EMAILS: &[&str] = &[
    "cras@perdizes.mg.gov.br",
    "conselho.municipal@gmail.com",
    "CRAS@Perdizes.MG.GOV.BR",
    "a@b",
    "a@b.c",
    "@perdizes.mg.gov.br",
    "cras@",
    "cras perdizes@gmail.com",
    "josé@município.br",
    "mailto:cras@perdizes.mg.gov.br",
    "<cras@perdizes.mg.gov.br>",
    "cras@@perdizes.mg.gov.br",
    "cras@perdizes..br",
    "cras@.br",
    "cras@perdizes.br.",
    "\"cras\"@perdizes.br",
    "cras+social@perdizes.br",
    "cras@perdizes.mg.gov.br, creas@perdizes.mg.gov.br",
    "cras@[127.0.0.1]",
    "",
];

const URLS: &[&str] = &[
    "https://perdizes.mg.gov.br/",
    "http://exemplo.org",
    "/secretaria/",
    "unidades/",
    "../x",
    "#art1",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:x",
    "mailto:cras@perdizes.mg.gov.br",
    "tel:+553436631492",
    "//evil.example",
    "https://exemplo.org/a b",
    "https://[::1]/",
    "ftp://x",
    "https://",
    "legislacao/lei-1234.md#art28",
    "",
];

const REFERENCES: &[&str] = &[
    "legislacao/lei-1234.md#art28",
    "legislacao/lei-1234#art28",
    "lei-1234.md#art28_cpt_inc2",
    "legislacao/lei-1234.md",
    "cras-centro",
    "unidades/cras-centro",
    "assessoria-juridica",
    "secretaria",
    "",
    "#",
    "legislacao/../x.md#art1",
];

const UNIT_KINDS: &[&str] =
    &["secretaria", "cras", "CREAS", "centro-pop", "convivencia", "conselho", "acolhimento", "outro", "hospital"];
const NOTICE_KINDS: &[&str] =
    &["conferencia", "audiencia-publica", "reuniao", "aviso", "edital", "capacitacao", "Conferência", "festa"];
const NORM_KINDS: &[&str] = &["lei", "Lei Complementar", "decreto", "portaria", "resolução", "lei orgânica", "x"];

const MARKDOWN: &[&str] = &[
    "# Título",
    "## Seção {#secao .destaque}",
    "### Atendimento {onfocus=alert(1) tabindex=0 autofocus}",
    "Texto com **negrito**, *itálico*, ~~riscado~~ e `código`.",
    "- item um\n- item dois\n  - subitem",
    "1. primeiro\n2. segundo",
    "> citação\n> continua",
    "```\ncódigo <b>\n```",
    "| Dia | Horário |\n|---|---|\n| Seg | 8h |",
    "[link](https://perdizes.mg.gov.br/)",
    "[interno](/unidades/)",
    "[x](javascript:alert(1))",
    "![imagem](foto.jpg \"título\")",
    "![](javascript:alert(1))",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "<https://exemplo.org>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<div style=\"color:red\" onclick=\"x()\">html</div>",
    "<a href=\"data:text/html,x\">a</a>",
    "Nota de rodapé[^1].\n\n[^1]: A nota.",
    "---",
    "***",
    "Linha  \nquebrada",
    "&amp; &lt; &#x41; &nbsp;",
    "\\*escapado\\*",
    "    código indentado",
    "<!-- comentário -->",
    "Setext\n======",
    "- [ ] tarefa",
    "* * *",
    "<details><summary>a</summary>b</details>",
];

pub(crate) const LEGAL_LINES: &[&str] = &[
    "LEI Nº 1.234, DE 10 DE JUNHO DE 2025",
    "Dispõe sobre a estrutura da Secretaria Municipal de Assistência Social e dá outras providências.",
    "O PREFEITO MUNICIPAL DE PERDIZES, Estado de Minas Gerais, faz saber que a Câmara Municipal aprova e ele sanciona a seguinte Lei:",
    "DECRETA:",
    "TÍTULO I",
    "DAS DISPOSIÇÕES GERAIS",
    "CAPÍTULO II - DA ESTRUTURA",
    "Capítulo III.",
    "Seção I",
    "SUBSEÇÃO ÚNICA",
    "## Anexo",
    "Art. 1º Fica criada a Secretaria Municipal de Assistência Social.",
    "Art. 2° - Compete à Secretaria:",
    "Art. 3o. São órgãos: -Coordenadoria Administrativa; -Coordenadoria de Proteção Social Básica;",
    "Art. 42-A. (VETADO)",
    "Art. 1.000. Esta Lei entra em vigor na data de sua publicação.",
    "Artigo único. Revogam-se as disposições em contrário.",
    "Art. 5º",
    "art. 5º, I, da Lei nº 8.742, de 1993",
    "§ 1º A coordenação compete: I - planejar; II - executar; III - avaliar.",
    "§ 2º-A (Revogado)",
    "Parágrafo único. O disposto neste artigo aplica-se também:",
    "I - acolher as famílias;",
    "II – acompanhar;",
    "III. ofertar serviços; e",
    "IV) articular a rede;",
    "XVIII. gerir o fundo; XIX. prestar contas.",
    "L - inciso cinquenta;",
    "a) prestar informações;",
    "b. receber denúncias;",
    "1. primeiro item;",
    "2) segundo item;",
    "- Programa Bolsa Família;",
    "• Serviço de Convivência;",
    "“Art. 116. A Secretaria passa a ter a seguinte redação:",
    "I - novo inciso.” (NR)",
    "(Redação dada pela Lei nº 2.000, de 2021)",
    "<!-- norma: Decreto 100 -->",
    "<!-- redação anterior -->",
    "<!-- fecho -->",
    "<!-- nota -->",
    "Perdizes/MG, 10 de junho de 2025.",
    "Publique-se.",
    "JOÃO DA SILVA",
    "Prefeito Municipal",
    "JOÃO DA SILVAPrefeito Municipal",
    "Veja [a lei](https://www.planalto.gov.br/ccivil_03/leis/l8742.htm) e <https://x.example>.",
    "https://exemplo.org/lei?x=1",
    "[x](javascript:alert(1))",
    "Trabalho Infantil - PETI",
    "Meio Aberto - Liberdade Assistida",
];

pub(crate) const ROMANS: &[&str] =
    &["I", "II", "III", "IV", "V", "IX", "X", "XL", "L", "C", "D", "M", "MMMCMXCIX", "IIII", "VX", "ÚNICO", "único"];

const NUMBERS: &[&str] = &[
    "0",
    "1",
    "2",
    "12",
    "-1",
    "1.000",
    "99999999999999999999",
    "4294967296",
    "9223372036854775808",
    "1e10",
    "0x10",
    "1_000",
    ".5",
    "NaN",
    "~",
    "null",
];

impl Rng {
    pub(crate) fn word(&mut self) -> &'static str {
        self.pick(WORDS)
    }

    pub(crate) fn special(&mut self) -> &'static str {
        self.pick(SPECIAL)
    }

    fn words(&mut self, max: usize) -> String {
        let n = 1 + self.below(max);
        let mut out = String::new();
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(self.word());
            if self.chance(3) {
                out.push_str(self.special());
            }
        }
        out
    }

    fn date_time(&mut self) -> String {
        let date = self.pick(DATES);
        match self.below(4) {
            0 => date.to_string(),
            1 => format!("{date} {}", self.pick(TIMES)),
            2 => format!("{date} às {}", self.pick(TIMES)),
            _ => format!("{date}T{}", self.pick(TIMES)),
        }
    }

    /// A scalar of kind `v`, sometimes of the wrong kind.
    pub(crate) fn value(&mut self, v: V) -> String {
        if self.chance(4) {
            return self.pick(NUMBERS).to_string();
        }
        match v {
            V::Text => self.words(8),
            V::Name => self.words(4),
            V::Date => self.pick(DATES).to_string(),
            V::DateTime => self.date_time(),
            V::Hours => self.hours_value(),
            V::Phone => self.pick(PHONES).to_string(),
            V::Email => self.pick(EMAILS).to_string(),
            V::Uf => self.pick(&["MG", "mg", "SP", "DF", "Minas Gerais", "XX", " ba "]).to_string(),
            V::Cep => self.pick(&["38170-000", "38170000", "38.170-000", "1234", "ABCDE-FGH"]).to_string(),
            V::Url => self.pick(URLS).to_string(),
            V::Bool => self.pick(&["true", "false", "sim", "não", "yes", "no", "on", "1"]).to_string(),
            V::Int => self.pick(NUMBERS).to_string(),
            V::Markdown => self.markdown(4),
            V::UnitKind => self.pick(UNIT_KINDS).to_string(),
            V::NoticeKind => self.pick(NOTICE_KINDS).to_string(),
            V::NormKind => self.pick(NORM_KINDS).to_string(),
            V::Reference => self.pick(REFERENCES).to_string(),
            V::Colour => self.pick(&["#1351b4", "#fff", "#FFFFFF", "#ffff00", "azul", "#12345g", "#"]).to_string(),
            V::Tz => self.pick(&["America/Sao_Paulo", "America/Manaus", "UTC", "Brasília", ""]).to_string(),
            V::Ddd => self.pick(&["34", "(34)", "034", "00", "3", "", "11"]).to_string(),
        }
    }

    pub(crate) fn hours_value(&mut self) -> String {
        let mut out = self.pick(HOURS_VALUES).to_string();
        while self.chance(4) {
            out.push_str(self.pick(&[", ", " e ", " / ", "; "]));
            out.push_str(self.pick(HOURS_VALUES));
        }
        out
    }

    /// A YAML scalar: plain, quoted, or a block scalar, indented for `indent`.
    fn scalar(&mut self, text: &str, indent: usize) -> String {
        let pad = " ".repeat(indent + 2);
        match self.below(10) {
            0 => format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")),
            1 => format!("'{}'", text.replace('\'', "''").replace('\n', " ")),
            2 => format!("|\n{pad}{}", text.replace('\n', &format!("\n{pad}"))),
            3 => format!(">-\n{pad}{}", text.replace('\n', &format!("\n{pad}"))),
            _ if text.contains('\n') => format!("|\n{pad}{}", text.replace('\n', &format!("\n{pad}"))),
            _ => text.to_string(),
        }
    }

    /// A block-style YAML mapping following `schema`, with unknown keys, missing and
    /// repeated keys, wrong types and syntax noise now and then.
    pub(crate) fn yaml_map(&mut self, schema: &[(&str, Shape)], indent: usize, depth: usize) -> String {
        let pad = " ".repeat(indent);
        let mut out = String::new();
        let mut count = 0;
        for (key, shape) in schema {
            if !self.chance(2) && count > 0 {
                continue;
            }
            count += 1;
            let key = if self.chance(20) { self.mutate_key(key) } else { key.to_string() };
            out.push_str(&pad);
            out.push_str(&key);
            out.push(':');
            out.push_str(&self.yaml_value(shape, indent, depth));
            out.push('\n');
            if self.chance(30) {
                out.push_str(&format!("{pad}# comentário\n"));
            }
        }
        if self.chance(15) {
            out.push_str(&format!("{pad}{}: {}\n", self.word().to_lowercase(), self.word()));
        }
        out
    }

    fn mutate_key(&mut self, key: &str) -> String {
        match self.below(6) {
            0 => key.to_uppercase(),
            1 => format!("{key}s"),
            2 => key.chars().skip(1).collect(),
            3 => format!("\"{key}\""),
            4 => format!("{key} "),
            _ => format!("{key}{}", self.special()),
        }
    }

    /// A value after `key:` (the leading space or newline included).
    fn yaml_value(&mut self, shape: &Shape, indent: usize, depth: usize) -> String {
        let pad = " ".repeat(indent + 2);
        if depth > 6 || self.chance(25) {
            let value = self.value(V::Text);
            return format!(" {}", self.scalar(&value, indent));
        }
        match shape {
            Shape::Val(v) => {
                let value = self.value(*v);
                format!(" {}", self.scalar(&value, indent))
            }
            Shape::Map(fields) => {
                if self.chance(10) {
                    let inner: Vec<String> =
                        fields.iter().take(2).map(|(k, _)| format!("{k}: {}", self.value(V::Name))).collect();
                    return format!(" {{{}}}", inner.join(", "));
                }
                format!("\n{}", self.yaml_map(fields, indent + 2, depth + 1).trim_end_matches('\n'))
            }
            Shape::List(item) => {
                let n = self.below(4);
                if n == 0 {
                    return " []".to_string();
                }
                if self.chance(8) {
                    let items: Vec<String> = (0..n).map(|_| self.value(V::Name)).collect();
                    return format!(" [{}]", items.join(", "));
                }
                let mut out = String::new();
                for _ in 0..n {
                    let value = self.yaml_value(item, indent + 2, depth + 1);
                    let value = value.trim_start_matches('\n');
                    let value = value.trim_start_matches(' ');
                    out.push_str(&format!("\n{pad}- {value}"));
                }
                out
            }
            Shape::Or(a, b) => {
                if self.chance(2) {
                    self.yaml_value(a, indent, depth)
                } else {
                    self.yaml_value(b, indent, depth)
                }
            }
            Shape::HoursMap => {
                let mut out = String::new();
                for _ in 0..1 + self.below(4) {
                    out.push_str(&format!("\n{pad}{}: {}", self.pick(DAY_KEYS), self.hours_value()));
                }
                out
            }
        }
    }

    /// Markdown of up to `blocks` blocks.
    pub(crate) fn markdown(&mut self, blocks: usize) -> String {
        let mut out = Vec::new();
        for _ in 0..1 + self.below(blocks) {
            if self.chance(3) {
                out.push(self.words(12));
            } else {
                out.push(self.pick(MARKDOWN).to_string());
            }
        }
        out.join(if self.chance(4) { "\n" } else { "\n\n" })
    }

    /// A whole file for `path`: YAML, or front matter + Markdown (or normative text).
    pub(crate) fn document(&mut self, path: &str) -> String {
        let (schema, md) = schema_of(path);
        let yaml = self.yaml_map(schema, 0, 0);
        if !md {
            return yaml;
        }
        let body = if path.contains("legislacao/") && !path.ends_with("_index.md") {
            self.legal_text(12)
        } else {
            self.markdown(6)
        };
        match self.below(12) {
            0 => body,
            1 => format!("---\n{yaml}"),
            2 => format!("---\n{yaml}---"),
            3 => format!("---\r\n{yaml}---\r\n{body}"),
            _ => format!("---\n{yaml}---\n{body}"),
        }
    }

    /// Normative text of up to `lines` lines, numbered as laws are (with gaps and repeats).
    pub(crate) fn legal_text(&mut self, lines: usize) -> String {
        let mut out = String::new();
        let mut article = 1u32;
        for _ in 0..1 + self.below(lines) {
            let line = match self.below(9) {
                0 => {
                    article = if self.chance(5) { article } else { article + 1 + u32::from(self.chance(8)) };
                    let ordinal = self.pick(&["º", "°", "o", ".", "", "-A"]);
                    let sep = self.pick(&[" ", " - ", " – ", ". ", ": ", ""]);
                    format!("Art. {article}{ordinal}{sep}{}", self.words(10))
                }
                1 => format!("{} - {};", self.pick(ROMANS), self.words(8)),
                2 => format!("{}) {};", self.pick(&["a", "b", "c", "z", "k"]), self.words(6)),
                3 => format!("§ {}º {}", 1 + self.below(5), self.words(10)),
                4 => format!("{} {}", self.pick(&["CAPÍTULO", "Seção", "TÍTULO", "SUBSEÇÃO"]), self.pick(ROMANS)),
                _ => self.pick(LEGAL_LINES).to_string(),
            };
            out.push_str(&line);
            out.push_str(self.pick(&["\n", "\n", "\n\n", " ", "\n   "]));
        }
        out
    }

    /// Opening-hours input for the `hours` target.
    pub(crate) fn hours_input(&mut self) -> String {
        let mut out = String::new();
        for _ in 0..1 + self.below(6) {
            match self.below(8) {
                0 => out.push_str(&format!("!{}|{}|{}", self.pick(DATES), self.hours_value(), self.word())),
                1 => out.push_str(&format!("%{}|{}", self.pick(DATES), self.word())),
                2 => out.push_str(&format!("observacao: {}", self.words(6))),
                _ => out.push_str(&format!("{}: {}", self.pick(DAY_KEYS), self.hours_value())),
            }
            out.push('\n');
        }
        out
    }

    /// Contact input for the `contact` target.
    pub(crate) fn contact_input(&mut self) -> String {
        let mut out = String::new();
        for _ in 0..1 + self.below(4) {
            match self.below(5) {
                0 | 1 => out.push_str(self.pick(PHONES)),
                2 | 3 => out.push_str(self.pick(EMAILS)),
                _ => {
                    for _ in 0..self.below(16) {
                        out.push_str(self.pick(&["0", "1", "3", "4", "9", " ", "-", "(", ")", "+", ".", "–"]));
                    }
                }
            }
            out.push('\n');
        }
        out
    }
}
