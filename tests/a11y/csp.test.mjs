// The built sites under the Content-Security-Policy of docs/hospedagem.md, sent by the test
// server with every response and enforced by Chromium: every page loads with no violation, no
// console message about the policy and no uncaught error; the early script still sets `html.js`
// (and the saved preferences) before the first paint; the contrast and font buttons, and a
// search typed in the header, work under it. A page with an inline script, a `style`
// attribute and an `onclick` proves the recording catches what the policy refuses.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openContext, recordForeignRequests } from './lib/browser.mjs';
import { documentedPolicy, recordPolicyMessages, recordViolations, violationsOf } from './lib/csp.mjs';
import { poll } from './lib/keys.mjs';
import { readResults } from './lib/search.mjs';
import { serve } from './lib/server.mjs';
import { contrastState, mainFontSize } from './lib/styles.mjs';
import { assertNone, describeSites, useBrowser } from './lib/suite.mjs';

const browser = useBrowser();
const policy = documentedPolicy();
const headers = { 'Content-Security-Policy': policy };

/** A context that enforces the policy and records what it refuses. */
async function strictContext() {
  const context = await openContext(browser(), { enforceCsp: true });
  await recordViolations(context);
  return context;
}

describe('the policy checked', () => {
  it('is the strict one: only this site, no inline code', () => {
    for (const part of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'"]) {
      assert.ok(policy.split(';').map((p) => p.trim()).includes(part), `${part} in ${policy}`);
    }
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|https?:|\*/);
  });
});

describe('the recording catches what the policy refuses (seeded defect)', () => {
  let dir;
  let server;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'csp-defect-'));
    await writeFile(
      path.join(dir, 'index.html'),
      `<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"><title>Defeito</title>
<script>document.documentElement.classList.add('js');</script>
<style>main { color: #222; }</style></head>
<body><main><h1 style="color: red">Defeito</h1><button type="button" onclick="alert(1)">X</button></main></body></html>`,
    );
    server = await serve(dir, { headers });
  });
  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });
  it('reports the inline script, the <style>, the style attribute and the onclick', async () => {
    const context = await strictContext();
    try {
      const page = await context.newPage();
      const messages = recordPolicyMessages(page);
      await page.goto(server.url('/'));
      await page.click('button');
      const seen = await violationsOf(page);
      const directives = seen.map((v) => v.split(' ')[1]);
      for (const directive of ['script-src-elem', 'style-src-elem', 'style-src-attr', 'script-src-attr']) {
        assert.ok(directives.includes(directive), `no ${directive} violation in:\n${seen.join('\n')}`);
      }
      assert.ok(messages.length >= 4, `console: ${messages.join('\n')}`);
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains('js')), false);
    } finally {
      await context.close();
    }
  });
});

describeSites(
  'under the Content-Security-Policy',
  (site, server) => {
    it(`every page (${site.pages.length}) loads with nothing refused`, async () => {
      const context = await strictContext();
      try {
        const foreign = recordForeignRequests(context);
        const page = await context.newPage();
        const problems = recordPolicyMessages(page);
        for (const { path: urlPath } of site.pages) {
          const response = await page.goto(server.url(urlPath));
          if (response?.headers()['content-security-policy'] !== policy) problems.push(`${urlPath}: served without the policy`);
          problems.push(...(await violationsOf(page)));
          const early = await page.evaluate(() => ({
            ours: !!document.querySelector('head script[src$="static/js/inicio.js"]'),
            js: document.documentElement.classList.contains('js'),
          }));
          if (early.ours && !early.js) problems.push(`${urlPath}: inicio.js did not set html.js`);
        }
        assertNone(`${site.name}: refused under ${policy}`, problems, foreign);
      } finally {
        await context.close();
      }
    });

    it('the contrast and font buttons and a search work under it', async () => {
      const context = await strictContext();
      try {
        const foreign = recordForeignRequests(context);
        const page = await context.newPage();
        const problems = recordPolicyMessages(page);
        const home = server.url(site.home?.path ?? '/');
        const other = server.url(site.other?.path ?? '/');
        await page.goto(other);
        const otherBase = await mainFontSize(page);
        await page.goto(home);
        const base = await mainFontSize(page);
        if ((await page.locator('#alto-contraste').count()) > 0) {
          await page.click('#alto-contraste');
          await page.click('#aumentar-fonte');
          const bigger = await poll(() => mainFontSize(page), (v) => v > base);
          if (!(await contrastState(page)).on) problems.push('the contrast button did nothing');
          if (!(bigger > base)) problems.push(`A+ did nothing (${base}px → ${bigger}px)`);
          // Another page: the saved choices hold there (inicio.js applies them before the first paint).
          await page.goto(other);
          if (!(await contrastState(page)).on) problems.push(`contrast not kept on ${site.other?.path}`);
          const there = await mainFontSize(page);
          if (!(there > otherBase)) problems.push(`font size not kept on ${site.other?.path} (${otherBase}px → ${there}px)`);
          problems.push(...(await violationsOf(page)));
          await page.goto(home);
        }
        if (site.pages.some((p) => p.rel === 'busca/index.html') && (await page.locator('#busca').count()) > 0) {
          // Typed in the header's form (form-action 'self'), answered by busca.js (its
          // fetches: default-src 'self'); the first word of these that the site has.
          let found = null;
          for (const word of ['secretaria', 'assistência', 'conselho']) {
            await page.goto(home);
            await page.fill('#busca', word);
            await Promise.all([page.waitForURL(/\/busca\/\?q=/), page.press('#busca', 'Enter')]);
            const { status, results } = await readResults(page);
            problems.push(...(await violationsOf(page)));
            if (results.length > 0) {
              found = word;
              break;
            }
            if (!/resultado/i.test(status)) problems.push(`search status for "${word}": ${status}`);
          }
          if (!found) problems.push('the search found nothing for any of its words');
        }
        assertNone(`${site.name}: controls and search under ${policy}`, problems, foreign);
      } finally {
        await context.close();
      }
    });
  },
  { headers },
);
