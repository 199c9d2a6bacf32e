// Search (issue 11): queries on the search page with their expected first results and the bytes
// each downloaded; the landing anchors exist; Alt+3 and the keyboard; the live region; axe and
// the Nu Html Checker on the page with results (both widths, both contrast modes); without
// JavaScript, the explanation and the site map. The example site (`exemplo`, or `public`) and
// the `busca` fixture have their own queries; every other site gets the generic checks.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { after, before, describe, it, test } from 'node:test';
import { AXE_CONTRAST_OPTIONS, AXE_OPTIONS, formatViolations, runAxe } from './lib/audit.mjs';
import { formatForeign, openContext, recordForeignRequests } from './lib/browser.mjs';
import { MODES, REPO_DIR, WIDTHS } from './lib/config.mjs';
import { poll, pressAccessKey } from './lib/keys.mjs';
import { EXPECTED } from './lib/queries.mjs';
import { minified, outputPath } from './lib/minify.mjs';
import { readResults, runQuery } from './lib/search.mjs';
import { describeSites, useBrowser } from './lib/suite.mjs';
import { formatMessages, validate } from './lib/vnu.mjs';



/** The path and anchor of a result link, as served. */
function target(url) {
  const u = new URL(url);
  return u.pathname + u.hash;
}

test('the Snowball stemmer in the browser stems like the Rust crate that builds the index', () => {
  const source = readFileSync(path.join(REPO_DIR, 'themes/default/static/js/snowball-pt.js'), 'utf8');
  const sandbox = { window: {} };
  vm.runInNewContext(source, sandbox);
  const stemmer = new sandbox.window.SecretariaStemmer();
  const lines = readFileSync(path.join(REPO_DIR, 'tests/fixtures/stems-pt.tsv'), 'utf8').split('\n').filter(Boolean);
  assert.ok(lines.length > 1000, `${lines.length} words`);
  const wrong = lines
    .map((l) => l.split('\t'))
    .filter(([word, stem]) => stemmer.stemWord(word) !== stem)
    .map(([word, stem]) => `${word}: Rust ${stem}, JS ${stemmer.stemWord(word)}`);
  assert.deepEqual(wrong, []);
});

test('the published busca.js is its source minified (run `node scripts/minify-js.mjs` after editing it)', async () => {
  assert.equal(readFileSync(outputPath(), 'utf8'), await minified());
});

const browser = useBrowser();
const VECTORS = JSON.parse(readFileSync(path.join(REPO_DIR, 'tests/fixtures/postings.json'), 'utf8'));

describeSites('search', (site, server) => {
  const name = path.basename(site.dir);
  if (!existsSync(path.join(site.dir, 'busca/index.html'))) {
    it('has no search page (not built by secretaria)', { skip: true }, () => {});
    return;
  }
  const expected = EXPECTED[name];
  let context;
  let page;
  let foreign;
  before(async () => {
    context = await openContext(browser());
    foreign = recordForeignRequests(context);
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
  });

  if (expected) {
    it('finds the expected first result for each query, and records the bytes it downloaded', { timeout: 180_000 }, async (t) => {
      const problems = [];
      const firsts = {};
      for (const [query, first, same] of expected) {
        const r = await runQuery(page, server.url('/'), query);
        const got = r.results.map((x) => target(x.url));
        firsts[query] = got;
        const index = r.files.filter((f) => f.url.includes('/busca/')).reduce((n, f) => n + f.size, 0);
        t.diagnostic(`${name} “${query}”: ${r.results.length} shown, first ${got[0] ?? '—'}; ${r.bytes} B downloaded (${index} B of index) in ${r.files.length} files`);
        if (same) {
          if (JSON.stringify(got) !== JSON.stringify(firsts[same])) problems.push(`“${query}” differs from “${same}”: ${got.slice(0, 3)}`);
          continue;
        }
        if (!r.results.length) {
          problems.push(`“${query}”: no results (${r.status})`);
          continue;
        }
        if (first && got[0] !== first) problems.push(`“${query}”: first ${got[0]}, expected ${first} (then ${got.slice(1, 4)})`);
        if (!/\d+ resultados? para “/.test(r.status)) problems.push(`“${query}”: status says “${r.status}”`);
        if (!r.results[0].marks.length && !r.results[0].excerpt) problems.push(`“${query}”: no excerpt`);
      }
      assert.deepEqual(problems, [], formatForeign(foreign));
    });

    it('each first result lands on a page that has its anchor', { timeout: 120_000 }, async () => {
      const problems = [];
      for (const [query, first] of expected.filter(([, first]) => first)) {
        const [pathname, anchor] = first.split('#');
        const response = await page.goto(server.url(pathname));
        if (!response?.ok()) problems.push(`${query}: ${pathname} HTTP ${response?.status()}`);
        if (anchor && !(await page.evaluate((id) => !!document.getElementById(id), anchor))) {
          problems.push(`${query}: #${anchor} missing on ${pathname}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  it('decodes postings of every form as the Rust decoder does (tests/fixtures/postings.json)', async () => {
    await page.goto(server.url('/busca/'));
    await poll(() => page.evaluate(() => !!window.secretariaBusca), (ready) => ready);
    const got = await page.evaluate((vectors) => vectors.map((v) => window.secretariaBusca.decode(v.text)), VECTORS);
    assert.deepEqual(got, VECTORS.map((v) => v.postings));
  });

  // A query every site has results for.
  const query = expected ? expected[0][0] : 'assistência';

  it('a result link lands on its page (and provision), under the site path the page was served at', async () => {
    const r = await runQuery(page, server.url('/'), query);
    assert.ok(r.results.length > 0, `${site.name}: no results for “${query}” (${r.status})`);
    for (const result of r.results) {
      assert.ok(!/^[a-z]+:|^\//.test(result.href), `relative link expected: ${result.href}`);
      const [pathname, anchor] = target(result.url).split('#');
      const response = await context.request.get(server.url(pathname));
      assert.ok(response.ok(), `${result.href}: HTTP ${response.status()}`);
      if (anchor) assert.ok((await response.text()).includes(`id="${anchor}"`) || (await response.text()).includes(`id=${anchor}`), `${result.href}: no #${anchor}`);
      assert.ok(result.marks.length > 0 || result.excerpt.length > 0, `${result.href}: no excerpt`);
    }
    assert.equal(formatForeign(foreign), '');
  });

  it('the kind filter keeps only that kind and says so in the live region', async () => {
    const all = await runQuery(page, server.url('/'), query);
    const kinds = [...new Set(all.results.map((x) => x.kind))];
    const radio = await page.$$eval('input[name="tipo"]', (rs) => rs.map((r) => [r.value, r.parentElement.textContent.trim()]));
    if (radio.length < 2) return; // one kind only: no filter
    const [value, label] = radio.find(([v, l]) => v !== 'todos' && kinds.some((k) => l.startsWith(k))) ?? radio[1];
    const filtered = await runQuery(page, server.url('/'), query, value);
    const kind = label.replace(/\s*\(\d+\)$/, '');
    assert.ok(filtered.results.every((x) => x.kind === kind), `${value}: ${filtered.results.map((x) => x.kind)}`);
    assert.match(filtered.status, new RegExp(` em ${kind} para “`));
    assert.equal(await page.$eval(`input[name="tipo"][value="${value}"]`, (r) => r.checked), true);
  });

  it('Alt+3 focuses the search field; typing and Enter show results, announced in a live region', async () => {
    await page.goto(server.url('/'));
    await pressAccessKey(page, '3');
    const focused = await poll(() => page.evaluate(() => document.activeElement?.id), (id) => id === 'busca');
    assert.equal(focused, 'busca', 'Alt+3 did not reach #busca');
    const label = await page.$eval('#busca', (el) => el.labels?.[0]?.textContent.trim());
    assert.equal(label, 'Buscar no site');
    await page.keyboard.type(query);
    await Promise.all([page.waitForURL(/\/busca\/\?q=/), page.keyboard.press('Enter')]);
    const r = await readResults(page);
    assert.ok(r.results.length > 0, r.status);
    const live = await page.$eval('#busca-situacao', (el) => [el.getAttribute('role'), el.getAttribute('aria-live')]);
    assert.deepEqual(live, ['status', 'polite']);
    assert.equal(await page.$eval('#busca-termo', (el) => el.value), query, 'the page field is filled in');
    assert.equal(await page.$eval('#busca', (el) => el.value), query, 'the header field is filled in');
    // A new search from the page's own field, by keyboard: the address follows (bookmarkable).
    await page.focus('#busca-termo');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('zzzqqq');
    await page.keyboard.press('Enter');
    const again = await readResults(page);
    assert.match(again.status, /^Nenhum resultado para “zzzqqq”/);
    assert.match(page.url(), /\?q=zzzqqq$/);
    await page.goBack();
    assert.ok((await readResults(page)).results.length > 0, 'back to the first search');
  });

  for (const width of WIDTHS) {
    for (const mode of MODES) {
      it(`axe: zero violations on the page with results at ${width}px, ${mode}`, { timeout: 60_000 }, async () => {
        const contrast = mode === 'alto-contraste';
        const ctx = await openContext(browser(), { width, contrast });
        try {
          const p = await ctx.newPage();
          await p.goto(server.url(`/busca/?q=${encodeURIComponent(query)}`));
          const r = await readResults(p);
          assert.ok(r.results.length > 0, r.status);
          const violations = await runAxe(p, contrast ? AXE_CONTRAST_OPTIONS : AXE_OPTIONS);
          if (violations.length) assert.fail(formatViolations(`${site.name}/busca/?q=${query} @${width}px ${mode}`, violations));
        } finally {
          await ctx.close();
        }
      });
    }
  }

  it('Nu Html Checker: zero errors on the page with its results written in', { timeout: 120_000 }, async () => {
    await page.goto(server.url(`/busca/?q=${encodeURIComponent(query)}`));
    await readResults(page);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'busca-vnu-'));
    try {
      const file = path.join(dir, 'busca.html');
      writeFileSync(file, `<!DOCTYPE html>\n${await page.evaluate(() => document.documentElement.outerHTML)}`);
      const messages = await validate([file]);
      if (messages.length) assert.fail(formatMessages(messages, dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('without JavaScript', () => {
    let nojs;
    before(async () => {
      nojs = await openContext(browser(), { javaScript: false });
    });
    after(async () => {
      await nojs?.close();
    });
    it('the header field submits to busca/, which says search needs JavaScript and links the site map', async () => {
      const p = await nojs.newPage();
      await p.goto(server.url('/'));
      await p.fill('#busca', query);
      await Promise.all([p.waitForURL(/\/busca\/\?q=/), p.press('#busca', 'Enter')]);
      const visible = await p.locator('.so-sem-js').isVisible();
      assert.ok(visible, 'the explanation is visible');
      assert.match(await p.locator('.so-sem-js').innerText(), /precisa de JavaScript/);
      const map = await p.$eval('.so-sem-js a', (a) => a.href);
      assert.ok(map.endsWith('/mapa-do-site/'), map);
      assert.equal(await p.locator('#busca-app').isVisible(), false, 'the empty results area is hidden');
    });
  });
});
