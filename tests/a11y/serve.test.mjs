// `secretaria serve`'s box over the page: the warnings the checks found in what the editor just
// saved (role=status, at the bottom) and the content errors that keep the last good version on
// screen (role=alert, at the top). It is part of what editors use every day, so it is held to the
// same bar as the site: axe-core finds nothing at a phone's and a desktop's width, the box says
// what it is, its "Fechar" button is reached with Tab and closes it with Enter, and it loads
// nothing from outside. The dev server and its live.js/live.css are the real ones: the release
// binary (SECRETARIA_BIN, else target/release/secretaria) serves a copy of a fixture site.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAxe } from './lib/audit.mjs';
import { formatForeign, openContext, recordForeignRequests } from './lib/browser.mjs';
import { REPO_DIR, WIDTHS } from './lib/config.mjs';
import { useBrowser } from './lib/suite.mjs';

const BIN = process.env.SECRETARIA_BIN || path.join(REPO_DIR, 'target/release/secretaria');
const PAGE = 'content/paginas/convivencia.md';

/** The page an editor writes; `extra` is appended to its body. */
function page(extra = '') {
  return `---
titulo: Convivência e fortalecimento de vínculos
---
O serviço de convivência oferece oficinas para crianças, adolescentes e pessoas idosas,
em grupos pequenos, no contraturno da escola e à tarde.
${extra}`;
}

/** Starts `secretaria serve` on `root` on a free port; resolves with its origin once it serves. */
function startServe(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['--root', root, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start in 30 s:\n${log}`)), 30_000);
    const read = (chunk) => {
      log += chunk;
      const found = log.match(/Servindo em (http:\/\/127\.0\.0\.1:\d+)\//);
      if (found) {
        clearTimeout(timer);
        resolve({ origin: found[1], child, log: () => log });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}):\n${log}`));
    });
  });
}

const browser = useBrowser();

describe('serve: the box of warnings and errors over the page', () => {
  let tmp;
  let served;
  before(async () => {
    assert.ok(existsSync(BIN), `${BIN} is missing: build it with cargo build --release`);
    tmp = await mkdtemp(path.join(tmpdir(), 'secretaria-serve-'));
    await cp(path.join(REPO_DIR, 'tests/fixtures/serra-azul'), tmp, { recursive: true });
    await mkdir(path.dirname(path.join(tmp, PAGE)), { recursive: true });
    await writeFile(path.join(tmp, PAGE), page());
    served = await startServe(tmp);
  });
  after(async () => {
    served?.child.kill('SIGINT');
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /**
   * Opens the page at `width`, saves `text` as its source, and waits for the box of `kind`
   * ('aviso' or 'erro'). Returns the tab (the caller closes its context) and what it requested
   * off this machine.
   */
  async function boxAfterSaving(width, text, kind) {
    const context = await openContext(browser(), { width });
    const tab = await context.newPage();
    const foreign = recordForeignRequests(tab);
    await tab.goto(`${served.origin}/paginas/convivencia/`, { waitUntil: 'load' });
    // The page is connected to the server's events before the edit is saved.
    await tab.waitForFunction(() => !!document.getElementById('secretaria-live'));
    await tab.waitForTimeout(300);
    await writeFile(path.join(tmp, PAGE), text);
    const selector = kind === 'aviso' ? '#secretaria-erros.secretaria-aviso' : '#secretaria-erros:not(.secretaria-aviso)';
    try {
      await tab.waitForSelector(selector, { timeout: 15_000 });
    } catch (error) {
      throw new Error(`no ${kind} box after saving:\n${served.log()}`, { cause: error });
    }
    // Its style sheet applied (axe judges contrast on computed colours).
    await tab.waitForFunction(() => getComputedStyle(document.getElementById('secretaria-erros')).position === 'fixed');
    return { context, tab, foreign };
  }

  for (const width of WIDTHS) {
    for (const [kind, text, role, title] of [
      // A foreign word not in common use: a warning of the checks on what was just saved.
      ['aviso', page('O workshop de artesanato acontece às terças.\n'), 'status', /^Avisos sobre o que você salvou/],
      // A date that does not exist: the page cannot be built, the last good version stays.
      ['erro', page().replace('titulo:', 'atualizado: 2026-02-30\ntitulo:'), 'alert', /^O conteúdo tem erros/],
    ]) {
      it(`${kind} at ${width}px: axe finds nothing, and the box is reached and closed with the keyboard`, async () => {
        const { context, tab, foreign } = await boxAfterSaving(width, text, kind);
        try {
          const box = tab.locator('#secretaria-erros');
          assert.equal(await box.getAttribute('role'), role);
          assert.match((await box.locator('.secretaria-erros-titulo').textContent()).trim(), title);
          const violations = await runAxe(tab);
          assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
          // Tab from the start of the page reaches the box's button (it is the last thing on
          // the page), and Enter closes the box.
          let reached = false;
          for (let i = 0; i < 80 && !reached; i++) {
            await tab.keyboard.press('Tab');
            reached = await tab.evaluate(() => document.activeElement?.closest('#secretaria-erros') !== null);
          }
          assert.ok(reached, 'the box is never reached with Tab');
          assert.equal(await tab.evaluate(() => document.activeElement.textContent), 'Fechar');
          await tab.keyboard.press('Enter');
          assert.equal(await box.count(), 0, 'Enter on "Fechar" leaves the box');
          assert.equal(formatForeign(foreign), '');
        } finally {
          await context.close();
          // Back to the good page, and wait for the server to have rebuilt it.
          await writeFile(path.join(tmp, PAGE), page());
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      });
    }
  }
});
