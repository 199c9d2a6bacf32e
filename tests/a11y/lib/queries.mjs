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
    // Typed without accents: meets "informação" of the inciso.
    ['informacoes', '/legislacao/competencias/#art28_cpt_inc12'],
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
};
EXPECTED.public = EXPECTED.exemplo;
