#!/usr/bin/env node
// What a first query downloads on a built site: for each query, a fresh browser context (an
// empty cache) opens /busca/?q=… and waits for the results; the bytes of every response after
// the page's HTML are summed, except what every page of the site loads anyway (site.css,
// site.js, the accessibility symbol), i.e. busca.js, the stemmer, indice.json, the buckets and
// the document files of the first 10 results. Prints a Markdown table. Used by
// scripts/bench-search.sh; queries for the generated benchmark site by default.
//   node scripts/search-bytes.mjs BUILT_SITE [query…]
import { launchBrowser } from '../tests/a11y/lib/browser.mjs';
import { serve } from '../tests/a11y/lib/server.mjs';
import { runQuery } from '../tests/a11y/lib/search.mjs';

const COMMON = ['/static/css/site.css', '/static/js/site.js', '/static/img/acessibilidade.svg'];
const QUERIES = [
  'benefícios eventuais',
  'CRAS Jardim Esperança',
  'bolsa família',
  'cadastro único',
  'conferência municipal',
  'aluguel social',
  'pessoa idosa',
  'PAIF',
  'horário de atendimento',
  'acolhimento institucional',
];

const [dir, ...given] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/search-bytes.mjs BUILT_SITE [query…]');
  process.exit(2);
}
const queries = given.length ? given : QUERIES;
const site = await serve(dir);
const browser = await launchBrowser();
const rows = [];
try {
  for (const query of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const r = await runQuery(page, site.url('/'), query);
    const mine = r.files.filter((f) => !COMMON.includes(new URL(f.url).pathname));
    const kind = (f) => {
      const p = new URL(f.url).pathname;
      if (p.endsWith('.js')) return 'scripts';
      if (p.includes('/busca/t/')) return 'buckets';
      if (p.includes('/busca/d/')) return 'docs';
      return 'other';
    };
    const sum = (k) => mine.filter((f) => kind(f) === k).reduce((n, f) => n + f.size, 0);
    rows.push({
      query,
      results: r.results.length,
      total: mine.reduce((n, f) => n + f.size, 0),
      scripts: sum('scripts'),
      buckets: sum('buckets'),
      docs: sum('docs'),
      other: sum('other'),
      files: mine.length,
    });
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}

const kb = (n) => (n / 1024).toFixed(1);
console.log('\n| query | results shown | KB downloaded | scripts | buckets | documents | indice.json | files |');
console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
for (const r of rows) {
  console.log(`| ${r.query} | ${r.results} | ${kb(r.total)} | ${kb(r.scripts)} | ${kb(r.buckets)} | ${kb(r.docs)} | ${kb(r.other)} | ${r.files} |`);
}
const totals = rows.map((r) => r.total).sort((a, b) => a - b);
console.log(`\nFirst query: median ${kb(totals[Math.floor(totals.length / 2)])} KB, largest ${kb(totals[totals.length - 1])} KB (budget: under 100 KB).`);
