// The harness must be able to fail: a page with known defects, written to a temp folder,
// goes through the same audit functions, which must report each defect.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { auditPage, formatViolations } from './lib/audit.mjs';
import { openContext, recordForeignRequests } from './lib/browser.mjs';
import { checkContrastControl, checkFontControls } from './lib/controls.mjs';
import { checkAccessKeys, checkControlsByKeyboard, checkSkipLinkFirst } from './lib/keyboard.mjs';
import { checkWithoutJs } from './lib/nojs.mjs';
import { serve } from './lib/server.mjs';
import { useBrowser } from './lib/suite.mjs';
import { validate } from './lib/vnu.mjs';

const THIRD_PARTY = 'http://fonte-de-terceiros.invalid/fonte.css';

const DEFECTIVE_PAGE = `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<title>Página com defeitos conhecidos</title>
<link rel="stylesheet" href="${THIRD_PARTY}">
<link rel="stylesheet" href="static/nao-existe.css">
<style>.claro { color: #d3d3d3; background: #ffffff; }</style>
</head>
<body>
<main>
<h1 id="repetido">Defeitos conhecidos</h1>
<p class="claro">Texto cinza-claro sobre fundo branco.</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
<p id="repetido">Outro elemento com o mesmo id.</p>
</main>
</body>
</html>
`;

// Passes AA (4.54:1), but a high-contrast theme must reach 7:1.
const WEAK_CONTRAST_PAGE = `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<title>Contraste fraco</title>
<script>if (localStorage.getItem('secretaria.contraste') === 'alto') document.documentElement.className = 'alto-contraste';</script>
<style>.alto-contraste body { color: #767676; background: #ffffff; }</style>
</head>
<body>
<main>
<h1>Alto contraste fraco</h1>
<p>Texto cinza sobre branco.</p>
</main>
</body>
</html>
`;

// A later page of a listing with the pagination's defects: a <nav> without its name, no link
// marked as the current page, a "next" link with no words.
const BAD_PAGINATION_PAGE = `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<title>Avisos</title>
</head>
<body>
<main>
<h1>Avisos</h1>
<ul><li><a href="a/">Um aviso</a></li></ul>
<nav class="paginacao"><ul>
<li><a href="./" rel="prev">Anterior</a></li>
<li><a href="./">1</a></li><li><a href="pagina-2.html">2</a></li>
<li><a href="pagina-3.html" rel="next"><span class="visualmente-oculto">Próxima</span></a></li>
</ul></nav>
</main>
</body>
</html>
`;

const browser = useBrowser();

describe('the harness detects known defects', () => {
  let tmp;
  let server;
  let context;
  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'a11y-defects-'));
    await writeFile(path.join(tmp, 'index.html'), DEFECTIVE_PAGE);
    await writeFile(path.join(tmp, 'contraste-fraco.html'), WEAK_CONTRAST_PAGE);
    await writeFile(path.join(tmp, 'pagina-2.html'), BAD_PAGINATION_PAGE);
    server = await serve(tmp);
    context = await openContext(browser());
  });
  after(async () => {
    await context?.close();
    await server?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('axe reports image-alt and color-contrast, readably', async () => {
    const { violations } = await auditPage(context, server.url('/'));
    const ids = violations.map((v) => v.id);
    assert.ok(ids.includes('image-alt'), `image-alt not reported; got ${ids.join(', ')}`);
    assert.ok(ids.includes('color-contrast'), `color-contrast not reported; got ${ids.join(', ')}`);
    const report = formatViolations('/', violations);
    assert.match(report, /image-alt \[critical\]/);
    assert.match(report, /- \.claro/);
  });

  it('a third-party stylesheet is blocked and reported; a broken local link is reported', async () => {
    const { foreign, problems } = await auditPage(context, server.url('/'));
    assert.ok(foreign.some((r) => r.endsWith(`→ ${THIRD_PARTY}`)), `not recorded: ${foreign}`);
    assert.match(problems.join('\n'), /broken resource: 404 http:\/\/127\.0\.0\.1:\d+\/static\/nao-existe\.css/);
  });

  it('high contrast that does not switch on, or gives text under 7:1, is reported', async () => {
    const contrast = await openContext(browser(), { contrast: true });
    try {
      const off = await auditPage(contrast, server.url('/'), { contrast: true });
      assert.match(off.problems.join('\n'), /high-contrast mode is not active/);
      const weak = await auditPage(contrast, server.url('/contraste-fraco.html'), { contrast: true });
      assert.deepEqual(weak.problems, []);
      assert.deepEqual(weak.violations.map((v) => v.id), ['color-contrast-enhanced']);
    } finally {
      await contrast.close();
    }
  });

  it('a pagination without its name, a current page and words on its links is reported', async () => {
    const { problems } = await auditPage(context, server.url('/pagina-2.html'));
    const text = problems.join('\n');
    assert.match(text, /pagination: <nav> named "", not "Paginação"/);
    assert.match(text, /pagination: 0 links with aria-current="page", not 1/);
    assert.match(text, /pagination: a next link without visible text/);
  });

  it('the Nu Html Checker reports the duplicate id', async () => {
    const messages = await validate([path.join(tmp, 'index.html')]);
    assert.ok(messages.length > 0, 'no validator error');
    assert.ok(
      messages.some((m) => /duplicate id/i.test(m.message) && m.line > 0),
      messages.map((m) => m.message).join('\n'),
    );
  });

  it('keyboard, control and no-JS checks report the missing bar', async () => {
    const page = await context.newPage();
    const url = server.url('/');
    assert.match((await checkSkipLinkFirst(page, url)).join('\n'), /first Tab focused/);
    assert.match((await checkAccessKeys(page, url)).problems.join('\n'), /accesskey="1"/);
    assert.match((await checkControlsByKeyboard(page, url)).join('\n'), /#aumentar-fonte is not reachable/);
    assert.match((await checkFontControls(context, url, url)).join('\n'), /no #aumentar-fonte/);
    assert.match((await checkContrastControl(context, url, url)).join('\n'), /no #alto-contraste/);
    await page.close();
    const noJs = await openContext(browser(), { javaScript: false });
    try {
      const foreign = recordForeignRequests(noJs);
      assert.match((await checkWithoutJs(await noJs.newPage(), url)).join('\n'), /first Tab focused/);
      assert.ok(foreign.length > 0, 'no-JS context did not record the third-party request');
    } finally {
      await noJs.close();
    }
  });
});
