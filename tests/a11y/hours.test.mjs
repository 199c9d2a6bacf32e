// "Aberto agora" in the theme's site.js: computed in the municipality's time zone and
// holiday calendar, whatever the reader's clock zone. The page is the markup the default
// theme writes (the calendar JSON as the generator writes it for a municipality in SC with
// three municipal holidays; see render::hours::script), the script is the theme's own file,
// and the browser's clock is fixed at known instants with the reader in Tokyo.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openContext } from './lib/browser.mjs';
import { REPO_DIR } from './lib/config.mjs';
import { serve } from './lib/server.mjs';
import { useBrowser } from './lib/suite.mjs';

const CALENDAR = {
  z: 'America/Sao_Paulo',
  o: -180,
  n: 'horário de Brasília',
  m: [[6, 12, 'Aniversário do município'], [8, 15, 'Nossa Senhora da Glória']],
  d: [['2026-03-19', 'Centenário do município']],
  a: [[1, 1, 'Confraternização Universal', 0], [4, 21, 'Tiradentes', 0], [5, 1, 'Dia do Trabalho', 0],
    [9, 7, 'Independência do Brasil', 0], [10, 12, 'Nossa Senhora Aparecida', 0], [11, 2, 'Finados', 0],
    [11, 15, 'Proclamação da República', 0], [11, 20, 'Dia Nacional de Zumbi e da Consciência Negra', 2024],
    [12, 25, 'Natal', 0]],
  p: [[-48, 'Carnaval', 'p'], [-47, 'Carnaval', 'p'], [-46, 'Quarta-feira de Cinzas', 'p'],
    [-2, 'Sexta-feira Santa', 'f'], [60, 'Corpus Christi', 'f']],
};

const WEEKDAYS = [[480, 720], [810, 1050]];
const BOXES = {
  // seg-sex 8h-12h, 13h30-17h30; feriados: fechado; an exception on 24/12/2026.
  secretaria: { w: [WEEKDAYS, WEEKDAYS, WEEKDAYS, WEEKDAYS, WEEKDAYS, [], []], f: [],
    x: [{ d: '2026-12-24', i: [[480, 720]], r: 'Véspera de Natal' }] },
  // The same weekdays, nothing said about holidays.
  cras: { w: [WEEKDAYS, WEEKDAYS, WEEKDAYS, WEEKDAYS, WEEKDAYS, [], []], x: [] },
  // Every day, 24 hours (holidays included).
  acolhimento: { w: Array(7).fill([[0, 1440]]), x: [], f: [[0, 1440]] },
};

function page(calendar) {
  const boxes = Object.entries(BOXES)
    .map(([id, data]) => `<div class="horario" id="${id}" data-horario='${JSON.stringify(data)}'><p class="aberto-agora" hidden></p></div>`)
    .join('\n');
  return `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Horários</title>
<script type="application/json" id="calendario">${JSON.stringify(calendar)}</script>
<script src="site.js" defer></script></head><body><main><h1>Horários</h1>${boxes}</main></body></html>`;
}

const browser = useBrowser();

describe('"aberto agora" uses the municipality\'s time and holidays', () => {
  let tmp;
  let server;
  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'secretaria-horario-'));
    await copyFile(path.join(REPO_DIR, 'themes/default/static/js/site.js'), path.join(tmp, 'site.js'));
    await writeFile(path.join(tmp, 'index.html'), page(CALENDAR));
    await writeFile(path.join(tmp, 'sem-fuso.html'), page({ ...CALENDAR, z: 'Nao/Existe', o: -240, n: 'horário de Manaus' }));
    await writeFile(path.join(tmp, 'manaus.html'), page({ ...CALENDAR, z: 'America/Manaus', o: -240, n: 'horário de Manaus' }));
    server = await serve(tmp);
  });
  after(async () => {
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** The indicator of each box at the instant `utc`, for a reader whose device is in Tokyo. */
  async function indicators(utc, file = 'index.html') {
    const context = await openContext(browser(), { timezoneId: 'Asia/Tokyo' });
    try {
      const tab = await context.newPage();
      await tab.clock.setFixedTime(new Date(utc));
      await tab.goto(server.url(`/${file}`));
      const out = {};
      for (const id of Object.keys(BOXES)) {
        out[id] = await tab.locator(`#${id} .aberto-agora`).evaluate((el) => (el.hidden ? null : el.textContent));
      }
      return out;
    } finally {
      await context.close();
    }
  }

  it('opens and closes by Brasília time, not the device\'s', async () => {
    // Monday 23/11/2026, 08:30 in Brasília (20:30 in Tokyo).
    const monday = await indicators('2026-11-23T11:30:00Z');
    assert.equal(monday.secretaria, 'Aberto agora, até as 12h. (segunda-feira, horário de Brasília)');
    assert.equal(monday.acolhimento, 'Aberto agora (24 horas). (segunda-feira, horário de Brasília)');
    // 12:40: between the two periods.
    const noon = await indicators('2026-11-23T15:40:00Z');
    assert.equal(noon.secretaria, 'Fechado agora; abre hoje às 13h30. (segunda-feira, horário de Brasília)');
    // Saturday.
    const saturday = await indicators('2026-11-28T13:00:00Z');
    assert.equal(saturday.cras, 'Fechado agora. (sábado, horário de Brasília)');
  });

  it('knows national, Easter-based and municipal holidays', async () => {
    // Christmas, Friday 10:00.
    const christmas = await indicators('2026-12-25T13:00:00Z');
    assert.equal(christmas.secretaria, 'Fechado agora. Hoje é feriado (Natal). (sexta-feira, horário de Brasília)');
    assert.equal(christmas.cras, 'Hoje é feriado (Natal); a unidade não informou o horário de feriados. (sexta-feira, horário de Brasília)');
    assert.equal(christmas.acolhimento, 'Aberto agora (24 horas). Hoje é feriado (Natal). (sexta-feira, horário de Brasília)');
    // Sexta-feira Santa 2027 (26/03), Corpus Christi 2027 (27/05, a municipal holiday here),
    // a yearly municipal holiday and a one-off one.
    assert.match((await indicators('2027-03-26T13:00:00Z')).secretaria, /^Fechado agora\. Hoje é feriado \(Sexta-feira Santa\)\./);
    assert.match((await indicators('2027-05-27T13:00:00Z')).secretaria, /Hoje é feriado \(Corpus Christi\)/);
    assert.match((await indicators('2025-08-15T13:00:00Z')).secretaria, /Hoje é feriado \(Nossa Senhora da Glória\)/);
    assert.match((await indicators('2026-03-19T13:00:00Z')).secretaria, /Hoje é feriado \(Centenário do município\)/);
    // Consciência Negra: a national holiday from 2024 only.
    assert.match((await indicators('2025-11-20T13:00:00Z')).secretaria, /feriado \(Dia Nacional de Zumbi/);
    assert.equal((await indicators('2023-11-20T13:00:00Z')).secretaria, 'Aberto agora, até as 12h. (segunda-feira, horário de Brasília)');
  });

  it('says a ponto facultativo may change the day, and exceptions win', async () => {
    // Carnaval Monday 2027 (08/02), 10:00.
    const carnaval = await indicators('2027-02-08T13:00:00Z');
    assert.equal(carnaval.cras, 'Aberto agora, até as 12h. Hoje é ponto facultativo (Carnaval): confirme o atendimento. (segunda-feira, horário de Brasília)');
    // Christmas Eve, 14:00: the exception (8h–12h) says closed, with its reason.
    const eve = await indicators('2026-12-24T17:00:00Z');
    assert.equal(eve.secretaria, 'Fechado agora. Hoje: Véspera de Natal. (quinta-feira, horário de Brasília)');
    assert.equal(eve.cras, 'Aberto agora, até as 17h30. (quinta-feira, horário de Brasília)');
  });

  it('uses the zone of the municipality, or its offset when the browser lacks the zone', async () => {
    // 12:30 UTC is 08:30 in Manaus and 09:30 in Brasília.
    const manaus = await indicators('2026-11-23T12:10:00Z', 'manaus.html');
    assert.equal(manaus.secretaria, 'Aberto agora, até as 12h. (segunda-feira, horário de Manaus)');
    const early = await indicators('2026-11-23T11:30:00Z', 'manaus.html');
    assert.equal(early.secretaria, 'Fechado agora; abre hoje às 8h. (segunda-feira, horário de Manaus)');
    const fallback = await indicators('2026-11-23T11:30:00Z', 'sem-fuso.html');
    assert.equal(fallback.secretaria, 'Fechado agora; abre hoje às 8h. (segunda-feira, horário de Manaus)');
  });
});
