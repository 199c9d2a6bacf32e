// The queries of the search tests and of scripts/compare-pagefind.mjs, per site folder name.
// Query → the path (and anchor) of the expected first result. `same` makes a query expect the
// results of another (case and accents do not matter).
export const EXPECTED = {
  exemplo: [
    ['crás', '/estrutura/assessoria-de-coordenacao-do-centro-de-referencia-de-assistencia-social-cras/'],
    ['CRAS', null, 'crás'],
    ['cras', null, 'crás'],
    ['familia', '/estrutura/assessoria-de-atendimento-a-familia/'],
    ['famílias vulneráveis', '/estrutura/assessoria-de-atendimento-a-familia/'],
    // Only in one inciso of the law (and in the assessoria that quotes it).
    ['contrarreferência', '/legislacao/competencias/#art28_cpt_inc3'],
    // The unit's address: lands on the unit.
    ['Rua Augusto Luiz Coelho', '/unidades/secretaria/'],
    ['trabalhador', '/estrutura/assessoria-de-atendimento-ao-trabalhador/'],
    ['criança adolescente', '/estrutura/assessoria-de-atendimento-a-crianca-e-ao-adolescente/'],
    ['centro de convivência', '/estrutura/assessoria-de-coordenacao-do-centro-de-convivencia/'],
    ['programas sociais', '/estrutura/assessoria-de-gestao-de-acoes-e-programas-sociais/'],
    ['coordenação financeira', '/estrutura/setor-de-coordenacao-financeira-e-apoio-tecnico/'],
    ['competências', '/legislacao/competencias/'],
    // Title words first: the assessoria's title has "trabalhador", the inciso does not.
    ['saúde do trabalhador', '/estrutura/assessoria-de-atendimento-ao-trabalhador/'],
    ['Conselho Tutelar', '/legislacao/competencias/#art33_cpt_inc6'],
    // Typed without accents: meets "informação" of a question's title (title words first),
    // then of the inciso.
    ['informacoes', '/perguntas-frequentes/como-peco-uma-informacao/'],
    // The transparency kinds: a question by its answer's words, a programme, the council.
    ['prestação continuada', '/perguntas-frequentes/quem-tem-direito-ao-bpc/'],
    ['pagar atendimento', '/perguntas-frequentes/o-atendimento-e-gratuito/'],
    ['cadastro único programas sociais', '/programas/cadastro-unico/'],
    ['CMAS', '/participacao-social/cmas/'],
  ],
  busca: [
    ['crás', '/unidades/cras-jardim-esperanca/'],
    ['CRAS', null, 'crás'],
    ['cras', null, 'crás'],
    ['familia', '/servicos/acolhimento/'],
    ['famílias vulneráveis', '/estrutura/coordenadoria-de-vigilancia-socioassistencial/'],
    ['quilombolas', '/legislacao/lei-do-suas/#art2_cpt_inc3'],
    ['CRAS Jardim Esperança', '/unidades/cras-jardim-esperanca/'],
    ['vulneravel', '/servicos/beneficios-eventuais/'],
    ['conferencia', '/avisos/conferencia-municipal/'],
    ['recadastramento', '/avisos/recadastramento/'],
    ['CREAS', '/unidades/creas/'],
    ['Helena Duarte', '/secretaria/'],
    ['diagnóstico socioterritorial', '/estrutura/coordenadoria-de-vigilancia-socioassistencial/'],
    ['acolhimento', '/servicos/acolhimento/'],
    ['temporária', '/legislacao/lei-do-suas/#art3'],
    ['indígenas', '/legislacao/lei-do-suas/#art2_cpt_inc3'],
    // Both titles have both words; the coordenadoria's text repeats them.
    ['benefícios eventuais', '/estrutura/coordenadoria-de-beneficios/'],
    ['PAIF', '/unidades/cras-jardim-esperanca/'],
  ],
  'lagoa-serena': [
    ['beneficio prestacao continuada', '/perguntas-frequentes/quem-tem-direito-ao-bpc/'],
    ['auxílio natalidade', '/programas/auxilio-natalidade/'],
    ['certidao nascimentos', '/programas/auxilio-natalidade/'],
    ['Patrícia Nunes Ribeiro', '/participacao-social/cmas/'],
    // What one seat of the council represents.
    ['Trabalhadores do SUAS', '/participacao-social/cmas/'],
    ['ouvidoria', '/acesso-a-informacao/ouvidoria/'],
    ['encarregado dados pessoais', '/privacidade/'],
  ],
};
EXPECTED.public = EXPECTED.exemplo;
