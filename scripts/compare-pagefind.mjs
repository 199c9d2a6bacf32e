#!/usr/bin/env node
// Compares our search with Pagefind on the same built sites (issue 11's closing table): for each
// query, whether the expected page was found, its rank, and the bytes the query downloaded.
// Not part of CI. Pagefind is not a dependency of the project: install it outside the
// repository and say where its binary is.
//
//   npm i --prefix /tmp/pf pagefind          # ships its binary
//   target/release/secretaria build --output /tmp/sites/exemplo
//   target/release/secretaria --root tests/fixtures/busca build --output /tmp/sites/busca
//   PAGEFIND=/tmp/pf/node_modules/.bin/pagefind node scripts/compare-pagefind.mjs /tmp/sites/exemplo /tmp/sites/busca
//
// Each site is copied to a temporary folder where Pagefind indexes it (`--site`), so the
// built site is left as it was. Queries and expected first results are those of
// tests/a11y/search.test.mjs (by the site folder's name). Bytes: ours, everything the search
// page fetched after its HTML except what every page loads anyway (site.css, site.js, the
// symbol), i.e. busca.js, the stemmer and the index files; Pagefind's, everything under
// /pagefind/ (its script, WebAssembly, index chunks and the fragments of the results shown).
// Both counted on a fresh cache, one query per page load; both show 10 results.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../tests/a11y/lib/browser.mjs';
import { serve } from '../tests/a11y/lib/server.mjs';
import { countBytes, runQuery } from '../tests/a11y/lib/search.mjs';
import { EXPECTED } from '../tests/a11y/lib/queries.mjs';

const PAGEFIND = process.env.PAGEFIND || 'pagefind';
const SHOWN = 10;
const COMMON = ['/static/css/site.css', '/static/js/site.js', '/static/img/acessibilidade.svg'];

function target(url) {
  const u = new URL(url);
  return u.pathname + u.hash;
}

async function pagefindQuery(page, origin, query) {
  await page.goto(`${origin}/`);
  let out;
  const { bytes } = await countBytes(page, async () => {
    out = await page.evaluate(
      async ([q, shown]) => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.options({ excerptLength: 30 });
        const search = await pagefind.search(q);
        const data = await Promise.all(search.results.slice(0, shown).map((r) => r.data()));
        return { total: search.results.length, urls: data.map((d) => d.url) };
      },
      [query, SHOWN],
    );
  });
  return { ...out, bytes };
}

function rankOf(list, expected, { anchor }) {
  if (!expected) return null;
  const want = anchor ? expected : expected.split('#')[0];
  const i = list.findIndex((u) => (anchor ? u : u.split('#')[0]) === want);
  return i < 0 ? null : i + 1;
}

const rows = [];
const browser = await launchBrowser();
for (const dir of process.argv.slice(2)) {
  const name = path.basename(dir);
  const queries = EXPECTED[name];
  if (!queries) {
    console.error(`${name}: no queries (see tests/a11y/lib/queries.mjs)`);
    continue;
  }
  const copy = mkdtempSync(path.join(os.tmpdir(), 'pagefind-'));
  cpSync(dir, copy, { recursive: true });
  const started = Date.now();
  const log = execFileSync(PAGEFIND, ['--site', copy], { encoding: 'utf8' });
  const pagesIndexed = (log.match(/Indexed (\d+) pages?/) || [])[1] ?? '?';
  console.error(`${name}: Pagefind indexed ${pagesIndexed} pages in ${Date.now() - started} ms`);
  const ours = await serve(dir);
  const theirs = await serve(copy);
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const [query, first, same] of queries) {
    const expected = first ?? queries.find(([q]) => q === same)?.[1] ?? null;
    const r = await runQuery(page, ours.url('/'), query);
    const ourList = r.results.map((x) => target(x.url));
    const ourBytes = r.files.filter((f) => !COMMON.includes(new URL(f.url).pathname)).reduce((n, f) => n + f.size, 0);
    const p = await pagefindQuery(page, theirs.origin, query);
    const theirList = p.urls.map((u) => new URL(u, theirs.origin).pathname);
    rows.push({
      site: name,
      query,
      expected: expected ?? '—',
      ours: { total: r.results.length, rank: rankOf(ourList, expected, { anchor: true }), page: rankOf(ourList, expected, { anchor: false }), bytes: ourBytes },
      theirs: { total: p.total, rank: rankOf(theirList, expected, { anchor: false }), bytes: p.bytes },
    });
  }
  await context.close();
  await ours.close();
  await theirs.close();
  rmSync(copy, { recursive: true, force: true });
}
await browser.close();

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rank = (r) => (r === null ? 'não' : `${r}º`);
console.log('| site | consulta | esperado | nossa: achou / posição (página) / bytes | Pagefind: achou / posição da página / bytes |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  const ours = `${r.ours.total ? 'sim' : 'não'} / ${rank(r.ours.rank)} (${rank(r.ours.page)}) / ${kb(r.ours.bytes)}`;
  const theirs = `${r.theirs.total ? 'sim' : 'não'} / ${rank(r.theirs.rank)} / ${kb(r.theirs.bytes)}`;
  console.log(`| ${r.site} | ${r.query} | \`${r.expected}\` | ${ours} | ${theirs} |`);
}
