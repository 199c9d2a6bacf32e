// Script never runs in a published page: the XSS fixture (tests/fixtures/xss, the vectors of
// tests/fixtures/xss-vetores.md in every Markdown field and every text field) built by
// secretaria, loaded page by page in Chromium. Each vector calls alert(), so any script that
// ran opens a dialog; handlers that need an event get one (every element is focused and
// hovered), and every address is read the way the browser reads it.
//
// XSS_SITES: colon-separated built folders of the fixture (scripts/test.sh builds it with the
// default settings and with `permitir_html: true`). Unset: the fixture is built here with
// target/release/secretaria (or target/debug), if one exists.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openContext, recordForeignRequests, formatForeign } from './lib/browser.mjs';
import { REPO_DIR } from './lib/config.mjs';
import { loadSite } from './lib/pages.mjs';
import { serve } from './lib/server.mjs';
import { useBrowser } from './lib/suite.mjs';

const FIXTURE = path.join(REPO_DIR, 'tests/fixtures/xss');

/** The built folders to load: XSS_SITES, or a fresh build of the fixture. */
function sitesToLoad() {
  const listed = (process.env.XSS_SITES ?? '').split(':').filter(Boolean);
  if (listed.length > 0) return { dirs: listed.map((d) => path.resolve(d)), cleanup: () => {} };
  const binary = ['release', 'debug'].map((p) => path.join(REPO_DIR, 'target', p, 'secretaria')).find(existsSync);
  if (!binary) return { dirs: [], cleanup: () => {} };
  const tmp = mkdtempSync(path.join(tmpdir(), 'secretaria-xss-'));
  const out = path.join(tmp, 'xss');
  execFileSync(binary, ['--root', FIXTURE, 'build', '--output', out], { stdio: 'ignore' });
  return { dirs: [out], cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

/** Runs in the page: what a vector could still do, besides the dialogs we listen for. */
async function probe() {
  const allowedProtocols = new Set(['http:', 'https:', 'mailto:', 'tel:']);
  const found = [];
  // Give handlers their events: focus (autofocus, onfocus), hover, animation start, toggle.
  for (const el of document.querySelectorAll('body *')) {
    if (typeof el.focus === 'function') el.focus();
    for (const type of ['mouseover', 'mouseenter', 'pointerover']) el.dispatchEvent(new MouseEvent(type, { bubbles: true }));
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (window.__xss !== undefined) found.push(`window.__xss = ${String(window.__xss)}`);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      if (attr.toLowerCase().startsWith('on')) found.push(`<${el.localName} ${attr}>`);
    }
  }
  const addresses = [
    ...[...document.querySelectorAll('a[href], area[href], link[href]')].map((el) => [el, el.getAttribute('href')]),
    ...[...document.querySelectorAll('[src]')].map((el) => [el, el.getAttribute('src')]),
    ...[...document.querySelectorAll('[action], [formaction], [poster], [background]')].map((el) => [el, el.getAttribute('action') ?? el.getAttribute('formaction') ?? el.getAttribute('poster') ?? el.getAttribute('background')]),
  ];
  for (const [el, value] of addresses) {
    let protocol;
    try {
      protocol = new URL(value, document.baseURI).protocol;
    } catch {
      continue; // not a URL the browser would follow
    }
    if (!allowedProtocols.has(protocol)) found.push(`<${el.localName}> address ${protocol} ${value}`);
  }
  const theirs = [...document.scripts].filter((s) => {
    if (s.type === 'application/ld+json') return s.parentElement !== document.head;
    // The "aberto agora" calendar: a data block, never run; its JSON must parse.
    if (s.type === 'application/json' && s.id === 'calendario') {
      try { JSON.parse(s.textContent); } catch { return true; }
      return s.parentElement !== document.head;
    }
    if (s.src) return !['/static/js/inicio.js', '/static/js/site.js', '/static/js/busca.js', '/static/js/snowball-pt.js'].some((ours) => s.src.endsWith(ours));
    // The theme has no inline script (the Content-Security-Policy of docs/hospedagem.md refuses them).
    return true;
  });
  for (const s of theirs) found.push(`script: ${s.outerHTML.slice(0, 120)}`);
  for (const sel of ['iframe', 'frame', 'object', 'embed', 'form', 'base', 'meta[http-equiv]']) {
    // The theme's search forms (the header's, the search page's) are the only forms.
    const theirs = [...document.querySelectorAll(sel)].filter((el) => !el.closest('header.cabecalho, main > #busca-app[data-indice]'));
    if (theirs.length) found.push(`element ${sel}`);
  }
  if (!document.querySelector('main#conteudo') || !document.querySelector('footer#rodape')) {
    found.push('the page lost its main or footer: something swallowed it');
  }
  return found;
}

const browser = useBrowser();
const { dirs, cleanup } = sitesToLoad();
after(cleanup);

if (dirs.length === 0) {
  it('XSS fixture', { skip: 'no built fixture: set XSS_SITES or build target/release/secretaria' }, () => {});
}

for (const dir of dirs) {
  const site = loadSite(dir, path.basename(dir));
  describe(`no script runs: ${site.name}`, () => {
    let server;
    before(async () => {
      server = await serve(site.dir);
    });
    after(async () => {
      await server?.close();
    });

    it(`every page of ${site.pages.length} loads, is focused and hovered, and nothing runs`, async () => {
      assert.ok(site.pages.length >= 12, `only ${site.pages.length} pages: did the fixture build?`);
      const context = await openContext(browser());
      const problems = [];
      try {
        const foreign = recordForeignRequests(context);
        for (const { path: urlPath } of site.pages) {
          const page = await context.newPage();
          page.on('dialog', async (dialog) => {
            problems.push(`${urlPath}: ${dialog.type()}(${dialog.message()}) ran`);
            await dialog.dismiss().catch(() => {});
          });
          page.on('popup', (popup) => problems.push(`${urlPath}: a window opened at ${popup.url()}`));
          await page.goto(server.url(urlPath), { waitUntil: 'load' });
          for (const problem of await page.evaluate(probe)) problems.push(`${urlPath}: ${problem}`);
          if (page.frames().length > 1) problems.push(`${urlPath}: ${page.frames().length - 1} frame(s) loaded`);
          await page.close();
        }
        const network = formatForeign(foreign);
        if (network) problems.push(network);
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, [], problems.join('\n'));
    });
  });
}
