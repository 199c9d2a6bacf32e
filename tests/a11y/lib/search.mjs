// Runs a query on a built site's search page (/busca/?q=…) in Chromium and reads the results
// as a person sees them: link, title, kind, excerpt with its <mark>s, the live region's text,
// and the bytes the query downloaded (responses after the page's HTML, scripts included).
import { poll } from './keys.mjs';

/**
 * Bytes of every response `page` receives while `action()` runs (body sizes as sent, from the
 * Content-Length the test server sets; the page's own HTML excluded when `skipDocument`).
 */
export async function countBytes(page, action, { skipDocument = true } = {}) {
  const seen = [];
  const onResponse = async (response) => {
    const request = response.request();
    if (skipDocument && request.resourceType() === 'document') return;
    let size = Number(response.headers()['content-length']);
    if (!Number.isFinite(size)) {
      try {
        size = (await response.body()).length;
      } catch {
        size = 0;
      }
    }
    seen.push({ url: response.url(), size });
  };
  page.on('response', onResponse);
  try {
    await action();
  } finally {
    page.off('response', onResponse);
  }
  return { bytes: seen.reduce((n, r) => n + r.size, 0), files: seen };
}

/** The results the page shows, once its live region has said something final. */
export async function readResults(page) {
  await poll(
    () => page.evaluate(() => document.getElementById('busca-situacao')?.textContent ?? ''),
    (text) => text !== '' && text !== 'Buscando…',
    10000,
  );
  return page.evaluate(() => ({
    status: document.getElementById('busca-situacao').textContent,
    results: [...document.querySelectorAll('#busca-resultados > li')].map((li) => {
      const a = li.querySelector('h2 a');
      return {
        href: a.getAttribute('href'),
        url: a.href,
        title: a.textContent,
        kind: li.querySelector('.busca-tipo')?.textContent ?? '',
        excerpt: li.querySelector('.busca-trecho')?.textContent ?? '',
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      };
    }),
  }));
}

/** Opens `/busca/?q=query` (fresh cache) and returns { status, results, bytes, files }. */
export async function runQuery(page, baseUrl, query, kind = '') {
  const address = `${baseUrl}busca/?q=${encodeURIComponent(query)}${kind ? `&tipo=${kind}` : ''}`;
  let read;
  const { bytes, files } = await countBytes(page, async () => {
    await page.goto(address);
    read = await readResults(page);
  });
  return { ...read, bytes, files };
}
