//! The registry of diagnostic codes: one line per kind of problem, with its stable code, its
//! severity, a short title, the cause and the fix. It is the only place a code is defined:
//! every [`Diagnostic`](super::Diagnostic) is built from a [`Code`], takes its severity from
//! here, and `docs/diagnosticos.md` is generated from this table (a test fails when the file
//! differs, when a code is repeated, or when a code is never used by the source).
//!
//! Codes are stable: a code is never reused for another problem. Ranges: S01 reading files,
//! S02 YAML, S03 values, S04 between files, S05 Markdown and normative text, S06 theme,
//! S07 output folder, S08 the generated site, S09 plain language.

use super::Severity;

macro_rules! registry {
    ($($variant:ident = $code:literal, $severity:ident, $title:literal, $cause:literal, $fix:literal;)*) => {
        /// A kind of diagnostic. See the module documentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in the order of the registry.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable identifier, e.g. `S0101`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// A short title, in Portuguese.
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title,)* }
            }

            /// Why this happens (for the editors' guide).
            pub fn cause(self) -> &'static str {
                match self { $(Code::$variant => $cause,)* }
            }

            /// How to fix it (for the editors' guide).
            pub fn fix(self) -> &'static str {
                match self { $(Code::$variant => $fix,)* }
            }

            #[cfg(test)]
            pub(crate) fn variant_name(self) -> &'static str {
                match self { $(Code::$variant => stringify!($variant),)* }
            }
        }
    };
}

registry! {
    SiteYamlMissing = "S0101", Error, "site.yaml não encontrado",
        "o comando foi rodado fora da pasta do site, ou `--root` aponta para outra pasta",
        "rode o comando na pasta que contém `site.yaml` e `content/`, ou use `--root PASTA`";
    Unreadable = "S0102", Error, "arquivo ou pasta que não pôde ser lido",
        "o sistema recusou a leitura (permissões, arquivo bloqueado por outro programa, disco com defeito)",
        "confira as permissões do arquivo ou da pasta e se outro programa não o está usando";
    NotUtf8 = "S0103", Error, "arquivo fora de UTF-8",
        "o arquivo foi salvo em outra codificação (por exemplo Windows-1252 ou ISO-8859-1)",
        "abra o arquivo no editor e salve com a codificação UTF-8 (Salvar como… → UTF-8)";
    NotPublished = "S0104", Warning, "arquivo não publicado",
        "em `content/` há um arquivo que não é página, dado nem anexo publicável, ou um atalho (link simbólico)",
        "apague o arquivo, troque-o por um formato publicável ou copie o arquivo de verdade no lugar do atalho";
    ThemeMissing = "S0105", Error, "tema não encontrado",
        "`tema` no `site.yaml` nomeia uma pasta que não existe em `themes/`",
        "crie a pasta `themes/NOME` ou apague a linha `tema` para usar o tema padrão";
    YamlMisplaced = "S0106", Error, "arquivo YAML em lugar não reconhecido",
        "um arquivo `.yaml` está numa pasta de `content/` que não guarda dados estruturados",
        "dados ficam em `content/secretaria.yaml` ou `content/unidades/NOME.yaml`; páginas são arquivos `.md`";
    FrontMatterOpen = "S0107", Error, "cabeçalho que não termina",
        "o cabeçalho (front matter) começa com `---` e não há outra linha `---` que o feche",
        "feche o cabeçalho com uma linha contendo só `---`";
    YamlSyntax = "S0201", Error, "YAML inválido",
        "o texto não segue a sintaxe do YAML: indentação, dois-pontos, aspas abertas e não fechadas",
        "confira a indentação (espaços, nunca tabulação) e feche as aspas; a dica da mensagem diz o que faltou";
    UnknownKey = "S0202", Error, "chave desconhecida",
        "uma chave que este tipo de arquivo não conhece, quase sempre um erro de digitação",
        "corrija o nome da chave (a mensagem sugere a mais parecida e lista as aceitas). Quando há \
         sugestão, o resto do arquivo é conferido como se a chave tivesse o nome sugerido: os outros \
         erros dele (uma data, um telefone) aparecem na mesma rodada. Nada é publicado enquanto a \
         chave não for corrigida";
    MissingKey = "S0203", Error, "campo obrigatório ausente",
        "falta uma chave sem a qual o conteúdo não pode ser publicado",
        "acrescente a chave com o seu valor (veja os exemplos em docs/conteudo.md)";
    WrongType = "S0204", Error, "valor de tipo errado",
        "o valor é de outro tipo (um texto onde se espera uma lista, um número onde se espera um texto) ou não é um dos valores aceitos",
        "confira a indentação e o formato do valor; a mensagem diz o que era esperado";
    DuplicateKey = "S0205", Error, "chave repetida",
        "a mesma chave aparece duas vezes no mesmo grupo",
        "apague uma das repetições ou junte os valores";
    YamlAlias = "S0206", Error, "apelido YAML",
        "o arquivo usa `&âncora` e `*apelido`, que o secretaria não aceita",
        "escreva os valores por extenso";
    MoreErrors = "S0207", Error, "mais erros no mesmo arquivo",
        "o arquivo tem tantos erros que só os primeiros são mostrados",
        "corrija os erros mostrados e rode de novo para ver os outros";
    MoreWarnings = "S0208", Warning, "mais avisos no mesmo arquivo",
        "o arquivo tem tantos avisos que só os primeiros são mostrados",
        "corrija os avisos mostrados e rode de novo para ver os outros";
    InvalidDate = "S0301", Error, "data ou hora inválida",
        "uma data ou hora que não existe (31/02, 24:00) ou escrita em outro formato",
        "escreva datas como DD/MM/AAAA e horas como HH:MM, por exemplo 26/09/2019 14:30";
    PeriodOrder = "S0302", Error, "período que termina antes de começar",
        "o fim de um evento, ou de um mandato de conselho, é anterior ao seu início",
        "confira as datas e horas de início e de fim";
    InvalidHours = "S0303", Error, "horário de atendimento inválido",
        "o horário não segue o formato estruturado: faltam os dias, um intervalo está ao contrário, dois intervalos se sobrepõem",
        "escreva `seg-sex: 08:00-11:00, 13:00-17:00`, uma linha por grupo de dias (veja docs/conteudo.md)";
    InvalidPhone = "S0304", Error, "telefone inválido",
        "o telefone não tem o número de dígitos de um telefone brasileiro, ou o DDD não existe",
        "escreva o telefone com DDD, por exemplo (34) 3663-1234";
    InvalidEmail = "S0305", Error, "e-mail inválido",
        "o endereço de e-mail não tem a forma nome@dominio",
        "confira o endereço, por exemplo social@perdizes.mg.gov.br";
    ContactDropped = "S0306", Warning, "contato não publicado",
        "um telefone ou e-mail de uma lista é inválido e foi deixado de fora; os outros são publicados",
        "corrija o contato ou apague a linha";
    InvalidUf = "S0307", Error, "UF inválida",
        "a sigla do estado não é uma das 27 unidades da federação",
        "use a sigla de duas letras, por exemplo MG";
    InvalidHoliday = "S0308", Error, "feriado inválido",
        "a data de um feriado municipal não existe ou não está no formato DD/MM",
        "escreva os feriados como DD/MM, por exemplo 12/10";
    InvalidSchedule = "S0309", Error, "série de datas inválida",
        "`datas` de um aviso está vazia ou repete uma data",
        "escreva uma data por item (`- 12/03/2026`), sem repetir";
    UnknownKind = "S0310", Error, "tipo desconhecido",
        "o valor de `tipo` de uma unidade, aviso, item da estrutura ou norma, ou o `segmento` de uma vaga de conselho, não é um dos aceitos",
        "use um dos tipos listados na dica";
    InconsistentFields = "S0311", Error, "campos que não combinam",
        "duas chaves que se excluem no mesmo arquivo, ou uma chave que precisa de outra que falta",
        "siga a dica: ela diz qual chave manter ou acrescentar";
    InvalidNorm = "S0312", Error, "norma sem data ou número",
        "a norma de um texto legal não tem a data (ou o ano) ou o número não pode ser lido",
        "acrescente `data: DD/MM/AAAA` e confira o `numero`";
    InvalidSetting = "S0313", Error, "configuração inválida",
        "um valor do `site.yaml` (ou da linha de comando) não pode ser usado: endereço, DDD, fuso horário, cor sem contraste",
        "corrija o valor como diz a dica";
    NormNumber = "S0314", Warning, "número de norma estranho",
        "o número da norma parece incompleto ou fora do comum",
        "confira o número como foi publicado no diário oficial; se estiver certo, ignore o aviso";
    EmptyValue = "S0315", Error, "valor obrigatório vazio",
        "uma chave que não pode ficar em branco foi escrita sem valor (`titulo:` sem nada depois), ou uma pergunta frequente não tem resposta",
        "escreva o valor depois dos dois-pontos; a resposta de uma pergunta vai em Markdown abaixo da linha `---` que fecha o cabeçalho";
    InvalidDocument = "S0316", Error, "endereço de documento inválido",
        "o `arquivo` de uma ata, resolução ou outro documento não é um endereço https://, um arquivo de `static/` nem uma página do site",
        "escreva o caminho do arquivo em `static/` (`/atas/ata-2026-03.pdf`), o arquivo `.md` da página ou o endereço completo https://…";
    MenuWithoutHub = "S0317", Warning, "menu sem Acesso à Informação",
        "o `menu` do `site.yaml` não tem o link para a página Acesso à Informação, que a Lei de Acesso à Informação pede no menu principal. O link foi acrescentado ao fim",
        "acrescente ao menu o item `titulo: Acesso à Informação` com `url: /acesso-a-informacao/`, na posição que preferir";
    NoBaseUrl = "S0318", Warning, "site sem `base_url`",
        "o `site.yaml` não diz em que endereço o site será publicado: o sitemap.xml e o feed Atom dos avisos, que exigem endereços completos, não são publicados",
        "acrescente ao `site.yaml` a linha `base_url: https://social.municipio.uf.gov.br/` com o endereço do site (ou use `--base-url`)";
    FutureUpdate = "S0319", Warning, "data de atualização no futuro",
        "`atualizado` de um conteúdo é posterior à data de hoje: o site mostraria uma atualização que ainda não aconteceu",
        "confira a data: `atualizado` é o dia em que o conteúdo mudou pela última vez (DD/MM/AAAA)";
    VlibrasIgnored = "S0320", Warning, "`vlibras` sem efeito",
        "`vlibras: true` no `site.yaml` não mostra nada: o VLibras carregaria programas de vlibras.gov.br em cada página, e o site não carrega nada de outros servidores",
        "apague a linha `vlibras` do `site.yaml`; quem usa Libras pode instalar o VLibras no próprio navegador ou computador (https://vlibras.gov.br/)";
    SelfSuperior = "S0401", Error, "assessoria superior a si mesma",
        "em `superior`, um item da estrutura nomeia a si mesmo",
        "indique outro item em `superior` ou apague a linha";
    BrokenReference = "S0402", Error, "referência a conteúdo que não existe",
        "uma chave nomeia outro arquivo do site (unidade, superior, norma, artigo) que não foi encontrado",
        "corrija o nome (a mensagem sugere o mais parecido) ou crie o arquivo";
    DuplicateUrl = "S0403", Error, "endereço duplicado",
        "dois arquivos geram a mesma página, às vezes só porque os acentos do nome foram gravados de jeitos diferentes",
        "renomeie um dos arquivos";
    ReservedUrl = "S0404", Error, "endereço reservado",
        "o arquivo geraria uma página num endereço do tema. São do tema as listas, as páginas seguintes de uma lista longa (`…/pagina/2/`) e páginas como o mapa do site",
        "renomeie o arquivo (ou a pasta `pagina`), ou escreva a introdução em `_index.md` dentro da pasta";
    TooDeep = "S0501", Error, "níveis demais",
        "citações, listas, ênfases ou HTML aninhados em mais de 100 níveis, quase sempre por marcas repetidas por engano",
        "confira os sinais de citação (>), marcadores (-), asteriscos e marcas de HTML a partir da linha indicada";
    RefusedAddress = "S0502", Warning, "endereço não permitido",
        "um link ou imagem com endereço que pode executar programas (`javascript:`, `data:`…); foi removido e o texto ficou",
        "use endereços http://, https://, mailto:, tel: ou do próprio site";
    HeadingAttributes = "S0503", Warning, "atributos de título ignorados",
        "um título com atributos além de `{#identificador}` e `{.classe}`",
        "apague os outros atributos";
    RawHtmlRemoved = "S0504", Warning, "HTML que não é publicado",
        "HTML colado com elementos que o site nunca publica (`<script>`, `<iframe>`, `<form>`…): mapas e vídeos de outros sites somem",
        "publique um link para o mapa ou vídeo";
    ListWithoutMarkers = "S0505", Warning, "lista sem marcadores",
        "várias linhas curtas que parecem itens de lista mas viram um só parágrafo",
        "comece cada item com `- `; se for mesmo um parágrafo, ignore o aviso";
    LegalText = "S0506", Warning, "texto normativo estranho",
        "a numeração ou a forma de um dispositivo (artigo, inciso, parágrafo) parece fora de ordem ou incompleta",
        "confira o texto com a publicação oficial; o site publica o que foi escrito, sem corrigir";
    TemplateSyntax = "S0601", Error, "erro de sintaxe num modelo",
        "um modelo do tema do site não segue a sintaxe Tera",
        "confira `{{ variável }}`, `{% bloco %}` e se cada `{% if %}`/`{% for %}` tem o seu `{% end… %}`";
    TemplateRender = "S0602", Error, "erro ao gerar uma página com um modelo",
        "um modelo do tema usa uma variável ou filtro que não existe, ou um valor do tipo errado",
        "corrija o modelo na linha indicada";
    Internal = "S0603", Error, "defeito do secretaria",
        "algo que não deveria acontecer com qualquer conteúdo (um defeito do próprio secretaria ou do tema padrão)",
        "avise quem mantém o secretaria, com a mensagem completa";
    OutputRefused = "S0701", Error, "pasta de saída recusada",
        "`--output` (ou `--root`) nomeia uma pasta que o secretaria não pode substituir: o próprio site, `content/`, a pasta de outro projeto",
        "use uma pasta nova, vazia ou gerada antes pelo secretaria";
    OutputLocked = "S0702", Error, "pasta de saída em uso",
        "outro `build`, `serve` ou `watch` está gravando na mesma pasta de saída",
        "pare o outro comando (Ctrl+C) ou use outra pasta";
    OutputWrite = "S0703", Error, "falha ao gravar a saída",
        "o disco recusou a gravação (permissões, espaço livre) ou a pasta mudou durante a geração",
        "confira as permissões e o espaço livre; a saída anterior fica como estava";
    LeftoverKept = "S0704", Warning, "sobra de uma geração anterior",
        "uma pasta temporária de uma geração anterior não pôde ser apagada",
        "apague a pasta indicada à mão quando nenhum secretaria estiver rodando";
    MachineFailure = "S0705", Error, "falha da máquina",
        "uma falha do sistema (disco, memória, permissões) fora do conteúdo",
        "leia a mensagem, corrija a causa e rode de novo";
    BrokenLink = "S0801", Error, "link para uma página que não existe",
        "um link do texto leva a um endereço do site que não é gerado: o leitor encontra a página “não encontrada”",
        "corrija o endereço; para outra página do conteúdo, escreva o caminho do arquivo (`../legislacao/lei.md`), que o secretaria troca pelo endereço da página";
    BrokenFragment = "S0802", Error, "âncora que não existe",
        "a parte depois de `#` num link (um artigo, um inciso, um título) não existe na página de destino",
        "confira o identificador: `#art5`, `#art5_cpt_inc2`, `#art5_par1`, ou o título sem acentos (`#protecao-basica`)";
    MissingSource = "S0803", Error, "link para um arquivo que não existe",
        "um link escrito para um arquivo `.md` ou `.yaml` de `content/` que não existe (ou é rascunho)",
        "confira o nome e a pasta; o caminho parte da pasta do arquivo em que o link está";
    ImageWithoutAlt = "S0804", Error, "imagem sem texto alternativo",
        "uma imagem sem descrição: quem usa leitor de tela não sabe o que ela mostra (e-MAG 3.6, WCAG 1.1.1)",
        "descreva a imagem entre os colchetes: `![Fachada do CRAS Centro](foto.jpg)`";
    ThirdParty = "S0805", Error, "recurso de outro site",
        "uma imagem carregada de outro endereço: o navegador de quem lê avisa aquele site de cada visita, e a imagem some se ele sair do ar",
        "salve o arquivo ao lado da página ou em `static/` e use o nome do arquivo";
    HeadingSkip = "S0806", Warning, "título que pula de nível",
        "um título desce mais de um nível de uma vez (`##` e depois `####`): quem navega pelos títulos com leitor de tela se perde",
        "use um `#` a mais que o título de cima";
    VagueLinkText = "S0807", Warning, "texto de link que não diz aonde leva",
        "“clique aqui”, “saiba mais”, “aqui”: fora do texto, na lista de links de um leitor de tela, todos soam iguais (WCAG 2.4.4)",
        "escreva no link o que a pessoa vai encontrar: `[Lei de criação do CMAS](…)`";
    StalePage = "S0808", Warning, "conteúdo desatualizado",
        "a data “Atualizado em” de uma página é mais antiga que o prazo de `verificacao: desatualizada_apos_meses` do `site.yaml` (12 meses se não for dito). O cidadão não sabe se a informação ainda vale",
        "revise o texto; se continua certo, escreva `atualizado: DD/MM/AAAA` no cabeçalho com a data da revisão; para mudar o prazo, `verificacao: { desatualizada_apos_meses: 6 }` (0 desliga)";
    LongSentence = "S0901", Warning, "frase longa",
        "uma frase de um texto da equipe tem mais palavras que `verificacao: frase_longa_palavras` do `site.yaml` (30 se não for dito). Frases longas são difíceis de ler, sobretudo para quem lê com dificuldade ou usa leitor de tela (Lei 15.263/2025, Política Nacional de Linguagem Simples). Texto normativo e citações não são conferidos",
        "divida a frase em frases mais curtas, com uma ideia cada; o secretaria nunca altera o texto";
    UnexplainedAcronym = "S0902", Warning, "sigla sem explicação",
        "uma sigla que não está no glossário do tema nem em `siglas:` do `site.yaml` aparece pela primeira vez no texto sem ser escrita por extenso",
        "na primeira vez, escreva o nome por extenso com a sigla entre parênteses: “Centro de Referência de Assistência Social (CRAS)”. Ou acrescente ao `site.yaml` `siglas:` com `SIGLA: o que significa` (o site marca então a sigla com `<abbr>`)";
    ForeignWord = "S0903", Warning, "palavra estrangeira pouco conhecida",
        "o texto usa uma palavra estrangeira que tem equivalente em português e que muitos leitores não conhecem (lista do tema em `themes/default/linguagem/estrangeirismos.yaml`)",
        "troque pela palavra em português sugerida na dica; o secretaria nunca altera o texto";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl std::str::FromStr for Code {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Code::ALL.iter().copied().find(|c| c.id() == text).ok_or_else(|| format!("código desconhecido: {text}"))
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The editors' guide to every code, in Markdown: `docs/diagnosticos.md` is this text.
pub fn guide() -> String {
    let mut out = String::from(
        "# Mensagens do secretaria\n\n\
         <!-- Gerado de src/diagnostics/codes.rs; não edite à mão. Para atualizar: \
         SECRETARIA_ATUALIZAR_DOCS=1 cargo test --lib diagnostics -->\n\n\
         Cada erro e cada aviso do `secretaria build`, `check` e `serve` tem um código estável \
         (`erro[S0301]: …`), que também aparece na saída `--format json`. Um **erro** impede a \
         publicação (a saída anterior continua como estava); um **aviso** não impede, mas aponta \
         algo que o leitor do site vai notar.\n",
    );
    for code in Code::ALL {
        let kind = match code.severity() {
            Severity::Error => "erro",
            Severity::Warning => "aviso",
        };
        out.push_str(&format!(
            "\n## {id}: {title}\n\n- **Tipo:** {kind}\n- **Causa:** {cause}.\n- **Como corrigir:** {fix}.\n",
            id = code.id(),
            title = code.title(),
            cause = code.cause(),
            fix = code.fix(),
        ));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    #[test]
    fn codes_and_titles_are_unique_and_well_formed() {
        let mut ids = BTreeSet::new();
        let mut titles = BTreeSet::new();
        for code in Code::ALL {
            assert!(ids.insert(code.id()), "código repetido: {}", code.id());
            assert!(titles.insert(code.title()), "título repetido: {}", code.title());
            let id = code.id();
            assert!(id.len() == 5 && id.starts_with('S') && id[1..].bytes().all(|b| b.is_ascii_digit()), "{id}");
            assert!(!code.cause().is_empty() && !code.fix().is_empty(), "{id} sem causa ou correção");
            assert_eq!(id.parse::<Code>(), Ok(*code));
        }
    }

    /// Every code is used by the source outside this registry, so none is documented for a
    /// problem that can no longer happen.
    #[test]
    fn every_code_is_used() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut text = String::new();
        for entry in walkdir::WalkDir::new(&root).into_iter().filter_map(Result::ok) {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("diagnostics/codes.rs") {
                text.push_str(&std::fs::read_to_string(path).unwrap());
            }
        }
        for code in Code::ALL {
            let name = code.variant_name();
            let used = text.match_indices(name).any(|(i, _)| {
                text[..i].ends_with("Code::")
                    && !text[i + name.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
            });
            assert!(used, "{} ({name}) não é usado por nenhuma mensagem", code.id());
        }
    }

    /// docs/diagnosticos.md is generated from the registry and cannot drift from it.
    #[test]
    fn the_guide_is_current() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnosticos.md");
        let expected = guide();
        if std::env::var_os("SECRETARIA_ATUALIZAR_DOCS").is_some() {
            std::fs::write(&path, &expected).unwrap();
        }
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            found == expected,
            "docs/diagnosticos.md está desatualizado: rode SECRETARIA_ATUALIZAR_DOCS=1 cargo test --lib diagnostics"
        );
    }
}
