//! Parser tests: the seeds' mess, headings, anchors and warnings.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice, clippy::panic)]

use super::*;

/// One line per provision: indentation, kind, id, label, `|`, text.
pub(super) fn outline(t: &NormativeText) -> String {
    fn walk(nodes: &[Provision], depth: usize, out: &mut String) {
        for p in nodes {
            let kind = format!("{:?}", p.kind);
            let id = p.id.as_deref().unwrap_or("-");
            let label = p.label.as_deref().unwrap_or("");
            let mut text: String = p.text.replace('\n', "⏎").chars().take(70).collect();
            if p.text.chars().count() > 70 {
                text.push('…');
            }
            let line = format!("{}{kind} {id} {label}| {text}", "  ".repeat(depth));
            out.push_str(line.trim_end());
            out.push('\n');
            walk(&p.children, depth + 1, out);
        }
    }
    let mut out = String::new();
    walk(&t.provisions, 0, &mut out);
    out
}

pub(super) const PERDIZES: &str = "\
Competência do Órgão
À Secretaria Municipal de Assistência Social, compete as seguintes atribuições:

I. desenvolver a consciência política da população;
II. executar as atividades relativas à prestação dos serviços sociais;
XVI. participar de audiências concentradas designadas pelo Juízo da Infância e Juventude e pelo Ministério Público;
XVII. zelar pela correta aplicação dos recursos financeiros oriundos de Programas vinculados; XVIII. gerir o(s) Conselho(s) e Fundo(s) Municipal da sua competência ou a ela relacionado;
XIX. desempenhar outras atividades correlatas.

Parágrafo Único – Compõe a Secretaria Municipal de Assistência Social as seguintes assessorias subordinadas ao seu respectivo titular:

I. Setor de Coordenação Financeira e Apoio Técnico;
II. Assessoria de Coordenação do Centro de Referência de Assistência Social - CRAS;
VII. Assessoria de Atendimento à Criança e ao Adolescente;

Art. 27 - Ao Chefe do Setor de Coordenação Financeira e Apoio Técnico, compete as seguintes atribuições:

I. auxiliar a coordenação na articulação;
II. coordenar o cadastramento;

Art. 28 - À Assessoria de Coordenação do Centro de Referência de Assistência Social – CRAS, compete as seguintes atribuições:

I. articular, acompanhar e avaliar a implementação dos programas;

II. coordenar a execução e o monitoramento dos serviços;
";

pub(super) const NOVA_CRUZ_42: &str = "Art. 42 - À Secretaria Municipal de Assistência Social estão subordinados os seguintes órgãos: -Coordenadoria Administrativa; -Coordenadoria de Cidadania e Geração de Emprego e Renda; -Coordenadoria de Atenção à Criança e ao Adolescente; -Setor Pedagógico; -Auxiliar Operacional.";

pub(super) const NOVA_CRUZ_43: &str = "Art. 43 - À Secretaria Municipal de Assistência Social incumbe: I - em consonância com a Lei Orgânica da Assistência Social, implementar de modo articulado e inter-setorial a Política Municipal de Assistência Social, bem como assegurando ações centralizadas na família que garanta a convivência familiar e comunitária; II - tratando-se da proteção social básica - contribuirá para a intervenção e prevenção de situações, vulnerabilidade e risco social com as seguintes ações: -Programa de Atenção ao Idoso -Proteção à Criança de 0 a 6 anos -Programas de Inclusão Produtiva e Projetos de Enfrentamento à Pobreza; -Programa Bolsa Família -Benefício de Proteção Social Continuado -Agente Jovem de Desenvolvimento Humano III - tratando-se da proteção social especial - Intervir junto as famílias em situação de violação de direitos com as seguintes ações; - Programa de Erradicação do Trabalho Infantil - PETI - Serviço de Medidas Sócio-educativas e Meio Aberto - Liberdade Assistida - Programa de Atenção à Pessoa com Deficiência IV - desempenhar as suas atividades precípuas, através das seguintes unidades: -Centro de Convivência do Idoso -Centro de Referencia da Assistência Social V- exercer outras atividades correlatas determinadas pelo prefeito.";

/// The text is kept: the non-whitespace characters of the input are, in
/// order, those of the labels and texts of the tree (depth first).
/// Two things are not published: whole-line comments (`<!-- … -->`, the editor's markers
/// and notes) and a Markdown bullet before a numbered label ("- I - texto").
pub(super) fn assert_kept(input: &str, t: &NormativeText) {
    let mut published = String::new();
    for line in input.lines() {
        let trimmed = line.trim();
        if super::closing::marker(trimmed).is_some() {
            if let Some(super::closing::Marker::Norm(title)) = super::closing::marker(trimmed) {
                published.extend(title.chars().filter(|c| !c.is_whitespace()));
            }
            continue;
        }
        let shown = super::lexer::strip_bullet(trimmed).unwrap_or(trimmed);
        published.extend(shown.chars().filter(|c| !c.is_whitespace()));
    }
    let mut tree = String::new();
    for p in t.iter() {
        tree.extend(p.label.iter().flat_map(|l| l.chars()).filter(|c| !c.is_whitespace()));
        tree.extend(p.text.chars().filter(|c| !c.is_whitespace()));
    }
    assert_eq!(tree, published, "text lost or reordered");
}

/// Ids are present where expected, non-empty, ASCII without spaces, unique.
pub(super) fn assert_ids(t: &NormativeText) {
    let mut seen = std::collections::HashSet::new();
    for p in t.iter() {
        let Some(id) = &p.id else {
            use ProvisionKind as K;
            let free = [K::Text, K::Heading, K::Preamble, K::Closing, K::PlaceDate, K::Signature];
            assert!(free.contains(&p.kind), "{p:?}");
            continue;
        };
        assert!(!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'), "{id}");
        assert!(seen.insert(id.clone()), "duplicate id {id}");
    }
}

pub(super) fn check(input: &str, expected: &str) -> NormativeText {
    let t = parse(input);
    assert_eq!(outline(&t), expected, "\n{}", outline(&t));
    assert_kept(input, &t);
    assert_ids(&t);
    t
}

pub(super) fn messages(t: &NormativeText) -> Vec<(usize, &str)> {
    t.warnings.iter().map(|w| (w.line, w.message.as_str())).collect()
}

#[test]
fn perdizes_competences_paragraph_and_articles() {
    let t = check(
        PERDIZES,
        "\
Text - | Competência do Órgão
Text - | À Secretaria Municipal de Assistência Social, compete as seguintes atr…
Inciso inc1 I.| desenvolver a consciência política da população;
Inciso inc2 II.| executar as atividades relativas à prestação dos serviços sociais;
Inciso inc16 XVI.| participar de audiências concentradas designadas pelo Juízo da Infânci…
Inciso inc17 XVII.| zelar pela correta aplicação dos recursos financeiros oriundos de Prog…
Inciso inc18 XVIII.| gerir o(s) Conselho(s) e Fundo(s) Municipal da sua competência ou a el…
Inciso inc19 XIX.| desempenhar outras atividades correlatas.
Paragraph par1u Parágrafo Único –| Compõe a Secretaria Municipal de Assistência Social as seguintes asses…
  Inciso par1u_inc1 I.| Setor de Coordenação Financeira e Apoio Técnico;
  Inciso par1u_inc2 II.| Assessoria de Coordenação do Centro de Referência de Assistência Socia…
  Inciso par1u_inc7 VII.| Assessoria de Atendimento à Criança e ao Adolescente;
Article art27 Art. 27 -|
  Caput art27_cpt | Ao Chefe do Setor de Coordenação Financeira e Apoio Técnico, compete a…
    Inciso art27_cpt_inc1 I.| auxiliar a coordenação na articulação;
    Inciso art27_cpt_inc2 II.| coordenar o cadastramento;
Article art28 Art. 28 -|
  Caput art28_cpt | À Assessoria de Coordenação do Centro de Referência de Assistência Soc…
    Inciso art28_cpt_inc1 I.| articular, acompanhar e avaliar a implementação dos programas;
    Inciso art28_cpt_inc2 II.| coordenar a execução e o monitoramento dos serviços;
",
    );
    // XVII and XVIII share line 7, split after "; ".
    let xvii = t.find("inc17").unwrap();
    assert!(xvii.text.ends_with("Programas vinculados;"), "{}", xvii.text);
    assert_eq!((xvii.line, xvii.number), (7, Some(17)));
    let xviii = t.find("inc18").unwrap();
    assert_eq!(xviii.label.as_deref(), Some("XVIII."));
    assert_eq!((xviii.line, xviii.number), (7, Some(18)));
    assert!(xviii.text.starts_with("gerir o(s)"));
    // Gaps are kept and reported (the excerpt skips some incisos).
    assert_eq!(
        messages(&t),
        [
            (6, "numeração salta do inciso II para o XVI"),
            (14, "numeração salta do inciso II para o VII no parágrafo único"),
        ]
    );
    assert_eq!(t.find("art28_cpt").unwrap().text.matches("– CRAS").count(), 1);
}

#[test]
fn nova_cruz_inline_list_of_bodies() {
    check(
        &format!("Atribuições da Secretaria\n{NOVA_CRUZ_42}"),
        "\
Text - | Atribuições da Secretaria
Article art42 Art. 42 -|
  Caput art42_cpt | À Secretaria Municipal de Assistência Social estão subordinados os seg…
    Item art42_cpt_ite1 -| Coordenadoria Administrativa;
    Item art42_cpt_ite2 -| Coordenadoria de Cidadania e Geração de Emprego e Renda;
    Item art42_cpt_ite3 -| Coordenadoria de Atenção à Criança e ao Adolescente;
    Item art42_cpt_ite4 -| Setor Pedagógico;
    Item art42_cpt_ite5 -| Auxiliar Operacional.
",
    );
}

#[test]
fn nova_cruz_inline_incisos_with_inline_lists() {
    let t = check(
        NOVA_CRUZ_43,
        "\
Article art43 Art. 43 -|
  Caput art43_cpt | À Secretaria Municipal de Assistência Social incumbe:
    Inciso art43_cpt_inc1 I -| em consonância com a Lei Orgânica da Assistência Social, implementar d…
    Inciso art43_cpt_inc2 II -| tratando-se da proteção social básica - contribuirá para a intervenção…
      Item art43_cpt_inc2_ite1 -| Programa de Atenção ao Idoso
      Item art43_cpt_inc2_ite2 -| Proteção à Criança de 0 a 6 anos
      Item art43_cpt_inc2_ite3 -| Programas de Inclusão Produtiva e Projetos de Enfrentamento à Pobreza;
      Item art43_cpt_inc2_ite4 -| Programa Bolsa Família
      Item art43_cpt_inc2_ite5 -| Benefício de Proteção Social Continuado
      Item art43_cpt_inc2_ite6 -| Agente Jovem de Desenvolvimento Humano
    Inciso art43_cpt_inc3 III -| tratando-se da proteção social especial - Intervir junto as famílias e…
      Item art43_cpt_inc3_ite1 -| Programa de Erradicação do Trabalho Infantil - PETI
      Item art43_cpt_inc3_ite2 -| Serviço de Medidas Sócio-educativas e Meio Aberto
      Item art43_cpt_inc3_ite3 -| Liberdade Assistida
      Item art43_cpt_inc3_ite4 -| Programa de Atenção à Pessoa com Deficiência
    Inciso art43_cpt_inc4 IV -| desempenhar as suas atividades precípuas, através das seguintes unidad…
      Item art43_cpt_inc4_ite1 -| Centro de Convivência do Idoso
      Item art43_cpt_inc4_ite2 -| Centro de Referencia da Assistência Social
    Inciso art43_cpt_inc5 V-| exercer outras atividades correlatas determinadas pelo prefeito.
",
    );
    // " - " without a colon before it is no list: the text stays whole.
    let ii = t.find("art43_cpt_inc2").unwrap();
    assert!(ii.text.starts_with("tratando-se da proteção social básica - contribuirá"));
    assert!(ii.text.ends_with("com as seguintes ações:"), "{}", ii.text);
    assert!(t.find("art43_cpt_inc3").unwrap().text.ends_with("seguintes ações;"));
    assert!(t.warnings.is_empty());
}

#[test]
fn dash_list_continues_on_next_lines() {
    check(
        "Art. 1º São órgãos: -Gabinete;\n-Coordenadoria;\n- Setor.",
        "\
Article art1 Art. 1º|
  Caput art1_cpt | São órgãos:
    Item art1_cpt_ite1 -| Gabinete;
    Item art1_cpt_ite2 -| Coordenadoria;
    Item art1_cpt_ite3 -| Setor.
",
    );
}

#[test]
fn dourados_numbered_competences_with_lettered_items() {
    let input = "Apresentação:\n\n\
1. O planejamento, a organização, a execução e o controle da política pública;\n\n\
2. O incentivo e o apoio ao pleno exercício dos direitos;\n\n\
4. A implementação, execução, avaliação, e vigilância de programas, priorizando:\n\n\
\u{a0}a.\u{a0} O atendimento integral à família em caráter continuado;\n\n\
b.\u{a0} O apoio e proteção à população atingida por situações de emergência;\n\n \
c.  A defesa e a proteção da criança e do adolescente;\n\n\
k.\u{a0} A gestão financeira e contábil – CMAS.\n\n\
Conheça:\n\nContato:\n\nTelefone – 3411-7742\n";
    let t = check(
        input,
        "\
Text - | Apresentação:
Item ite1 1.| O planejamento, a organização, a execução e o controle da política púb…
Item ite2 2.| O incentivo e o apoio ao pleno exercício dos direitos;
Item ite4 4.| A implementação, execução, avaliação, e vigilância de programas, prior…
  Alinea ite4_ali1 a.| O atendimento integral à família em caráter continuado;
  Alinea ite4_ali2 b.| O apoio e proteção à população atingida por situações de emergência;
  Alinea ite4_ali3 c.| A defesa e a proteção da criança e do adolescente;
  Alinea ite4_ali11 k.| A gestão financeira e contábil – CMAS.
Text - | Conheça:
Text - | Contato:
Text - | Telefone – 3411-7742
",
    );
    assert_eq!(
        messages(&t),
        [(7, "numeração salta do item 2 para o 4"), (15, "numeração salta da alínea c para a k no item 4")]
    );
}

#[test]
fn bullets_and_json() {
    let t = check(
        "As atribuições são:\n\n  • Oportunizar o debate;\n  • Deliberar propostas;",
        "\
Text - | As atribuições são:
Item ite1 •| Oportunizar o debate;
Item ite2 •| Deliberar propostas;
",
    );
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(json["provisions"][1]["kind"], "item");
    assert_eq!(json["provisions"][1]["id"], "ite1");
    assert_eq!(json["provisions"][1]["label"], "•");
    assert_eq!(json["provisions"][1]["line"], 3);
    assert_eq!(json["warnings"], serde_json::json!([]));
}

#[test]
fn the_seeds_keep_their_text() {
    for input in [PERDIZES, NOVA_CRUZ_42, NOVA_CRUZ_43] {
        let t = parse(input);
        assert_kept(input, &t);
        assert_ids(&t);
    }
}
